#pragma once

#include "argocd/Application.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QStringList>

namespace rolldeck {

// A Rollout as the matrix needs it (from the console's rollout rows).
struct MatrixRollout
{
    QString environment;
    QString context;
    QString ns;
    QString name;
    QString status; // Healthy, Progressing, Paused, Degraded
    QString step;   // "3/8"; empty when not a canary with steps
    bool inProgress = false;
};

// The environments matrix: a row per service (a Rollout name), a column per environment (development, staging,
// production, canary) and a last column with the promotion path. A cell holds what runs there: the application's
// revision and the service's image, its health and sync status (Argo CD's, per resource), and whether a rollout is in
// progress with its step. The promotion path compares neighbouring environments along the column order: when both
// deploy from one repository it says how many deployed revisions one is behind or ahead, else which images differ.
class EnvironmentMatrixModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Role {
        PresentRole = Qt::UserRole + 1, // bool: the service runs in this environment
        ApplicationRole,
        ProjectRole,
        ContextRole,
        NamespaceRole,
        RolloutRole,
        RevisionRole,
        ImageRole,
        HealthRole,
        SyncRole,
        InProgressRole, // bool
        StepRole,
        PromotionRole, // the row's promotion-path text, on every cell
        RawRole,
        ServerRole,         // the Argo CD server of the cell's application
        ApplicationKeyRole, // Application::key() of the cell's application
    };

    explicit EnvironmentMatrixModel(QObject *parent = nullptr);

    void setEnvironments(const QStringList &environments); // the columns, in promotion order
    // An application's column is the environment its `environment` label or its namespace names; `environments` (the
    // workspace's environment of each application, by Application::key()) decides where two claim one cell.
    void setApplications(const QList<Application> &applications, const QHash<QString, QString> &environments = {});
    void setRollouts(const QList<MatrixRollout> &rollouts);

    QStringList environments() const { return m_environments; }
    QString service(int row) const { return row >= 0 && row < m_rows.size() ? m_rows.at(row).service : QString(); }
    int promotionColumn() const { return int(m_environments.size()); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Cell
    {
        bool present = false;
        QString application;
        QString server;
        QString applicationKey;
        QString project;
        QString context;
        QString ns;
        QString rollout;
        QString revision;
        QString image;
        QString health;
        QString sync;
        QString rolloutStatus;
        QString step;
        bool inProgress = false;
        friend bool operator==(const Cell &, const Cell &) = default;
    };
    struct Row
    {
        QString service;
        QList<Cell> cells;       // per environment
        QString promotion;       // at a glance: the counts (else which images differ)
        QString promotionDetail; // the counts with the images beside them (the tooltip)
        friend bool operator==(const Row &, const Row &) = default;
    };
    void rebuild();
    QString promotionOf(const Row &row, QString *detail) const;
    const Application *applicationOf(const Cell &cell) const;
    QString cellText(const Cell &cell) const;
    QString environmentOf(const Application &app) const;

    QStringList m_environments;
    QList<Application> m_apps;
    QHash<QString, QString> m_appEnvironments; // by Application::key()
    QList<MatrixRollout> m_rollouts;
    QList<Row> m_rows; // by service name
};

} // namespace rolldeck
