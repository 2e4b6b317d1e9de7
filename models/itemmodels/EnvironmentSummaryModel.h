#pragma once

#include <QAbstractListModel>
#include <QElapsedTimer>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QTimer>

namespace rolldeck {

class RolloutListModel;

// One row per environment of the rollout list, for the environments sidebar: the workspace's environments in its
// order, or the clusters when there is no workspace (each cluster is then its own environment). Each row counts the
// rollouts that are Degraded, paused awaiting a decision and Progressing, and says whether any of its clusters is
// stale. Recounted at most once per event-loop pass after the list changes; rows are inserted, removed and changed
// incrementally, never reset.
class EnvironmentSummaryModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        KeyRole = Qt::UserRole + 1, // the environment (or cluster) name the filters take
        IsClusterRole,              // bool: no workspace, the row is a cluster
        DegradedRole,               // int: Degraded (and legacy failed) rollouts
        WaitingRole,                // int: paused awaiting a person's decision
        ProgressingRole,            // int
        TotalRole,                  // int: every rollout of the environment
        StaleRole,                  // bool: a cluster of it is stale
        ProductionRole,             // bool: the environment is production (named "production" or "prod…")
    };
    Q_ENUM(Role)

    struct Summary
    {
        QString key;
        bool isCluster = false;
        int degraded = 0;
        int waiting = 0;
        int progressing = 0;
        int total = 0;
        bool stale = false;

        friend bool operator==(const Summary &, const Summary &) = default;
    };

    explicit EnvironmentSummaryModel(QObject *parent = nullptr);

    void setSourceModel(RolloutListModel *model);
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    const Summary &summaryAt(int row) const { return m_rows.at(row); }
    static bool isProduction(const QString &name);
    // Recount now (tests; the model recounts by itself after a change, at most every 250 ms).
    void recount();

private:
    QList<Summary> count() const;
    void apply(const QList<Summary> &fresh);
    void schedule();

    QPointer<RolloutListModel> m_source;
    QList<Summary> m_rows;
    QTimer m_timer;
    QElapsedTimer m_sinceRecount; // recounts are at least kRecountInterval apart: each reads every row
    QList<QMetaObject::Connection> m_connections;
};

} // namespace rolldeck
