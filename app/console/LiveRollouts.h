#pragma once

#include "models/domain/EnvironmentMap.h"
#include "models/domain/Staleness.h"
#include "models/itemmodels/RolloutChangeQueue.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <memory>

namespace rolldeck {

class RolloutListModel;

namespace kube {
class ClusterConnection;
class ResourceCache;
struct CacheDelta;
struct CacheHealth;
} // namespace kube

// Keeps the rollout list live across clusters: per connection it watches the two kinds a list row depends on
// (Rollouts, and ReplicaSets for the actual weight). Their objects go to a RolloutFeed on a worker thread, which parses
// them and builds the rows; the GUI thread only swaps prepared rows into the model, a time-budgeted slice per frame
// (docs/live-caches.md). Cache health becomes the cluster's staleness. Pods, analysis runs and experiments are
// watched by the detail view, on demand.
class LiveRollouts : public QObject
{
    Q_OBJECT
public:
    explicit LiveRollouts(RolloutListModel *model, QObject *parent = nullptr);
    ~LiveRollouts() override;

    // Start showing the connection's rollouts in `namespaces` (one watch per namespace), or in all namespaces
    // when the list is empty. The connection is not owned; its cluster is dropped when it is destroyed.
    void addCluster(kube::ClusterConnection *connection, const QStringList &namespaces = {});
    // Stop watching and drop the cluster's rows and staleness.
    void removeCluster(kube::ClusterConnection *connection);

    // A context that cannot connect at all (broken credentials, unsupported auth): listed as stale with why.
    void markUnusable(const QString &context, const QString &cause);

    // Which environment each row belongs to (the workspace): rows shown are re-tagged, rows built later carry it.
    void setEnvironmentMap(const EnvironmentMap &map);

    // Pacing of the model updates: at most one slice per interval, each held to the budget.
    void setPacing(int intervalMs, int budgetMs);
    // Slices applied to the model so far, and the row changes waiting for one (prepared or still being built).
    quint64 deliveries() const { return m_deliveries; }
    qsizetype pendingRows() const { return m_queue.size() + m_building->load(); }

private:
    class Builder;
    struct Watched
    {
        QString context;
        QList<QPointer<kube::ResourceCache>> caches;
    };
    void attach(kube::ClusterConnection *connection, kube::ResourceCache *cache);
    void onChanged(const QString &context, const kube::ResourceCache *cache, const kube::CacheDelta &delta);
    void onHealth(const QString &context, const kube::ResourceCache *cache, const kube::CacheHealth &health);
    void onBuilt(const QString &context, quint64 epoch, QList<RolloutChange> &&changes);
    void dropCluster(const QString &context);
    void setSourceStale(const QString &context, const QString &source, const Staleness &staleness);
    void updateStaleness(const QString &context);
    void schedulePump();
    void pump();

    QPointer<RolloutListModel> m_model;
    QThread m_thread;
    Builder *m_builder = nullptr; // lives in m_thread
    // Objects handed to the builder and not yet built: while there are many, the caches hold their deliveries.
    std::shared_ptr<std::atomic<qsizetype>> m_building;
    QHash<kube::ClusterConnection *, Watched> m_watched;
    QHash<QString, quint64> m_epochs; // per cluster: bumped when dropped, so rows built before are discarded
    quint64 m_nextEpoch = 1;
    QHash<QString, StaleSources> m_staleness;
    EnvironmentMap m_environments;

    RolloutChangeQueue m_queue;
    QTimer m_pumpTimer;
    QElapsedTimer m_sincePump;
    int m_intervalMs = 33;
    int m_budgetMs = 4;
    double m_nsPerRow = 0; // measured cost of one row change in the model and its views, moving average
    quint64 m_deliveries = 0;
};

} // namespace rolldeck
