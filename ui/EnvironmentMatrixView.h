#pragma once

#include <QMap>
#include <QWidget>

class QLabel;
class QTableView;

namespace rolldeck {

class EnvironmentMatrixModel;
struct Staleness;

// The environments matrix (docs/argocd.md "Environments matrix"): a row per service, a column per environment, each
// cell what runs there (revision and image, health and sync, a rollout in progress with its step), and the promotion
// path as the last column. Activating a cell opens the rollout (when the console watches it) or the application.
class EnvironmentMatrixView : public QWidget
{
    Q_OBJECT
public:
    explicit EnvironmentMatrixView(QWidget *parent = nullptr);

    void setModel(EnvironmentMatrixModel *model);
    void setStaleness(const Staleness &staleness);
    // The stale servers, each named ("" for the only one): the other servers' cells are live.
    void setStaleness(const QMap<QString, Staleness> &byServer);
    QTableView *table() const { return m_table; }

Q_SIGNALS:
    void rolloutRequested(const QString &context, const QString &ns, const QString &name);
    void applicationRequested(const QString &application); // its key (Application::key())

private:
    void activate(const QModelIndex &index);

    EnvironmentMatrixModel *m_model = nullptr;
    QLabel *m_stale;
    QTableView *m_table;
};

} // namespace rolldeck
