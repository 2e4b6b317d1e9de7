#pragma once

#include "RolloutFeed.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

namespace rolldeck {

class RolloutListModel;

namespace kube {
class ClusterConnection;
class ResourceCache;
struct CacheDelta;
struct CacheHealth;
} // namespace kube

// Keeps the rollout list live across clusters: per connection it watches the two kinds a list row depends on
// (Rollouts, and ReplicaSets for the actual weight), feeds their changes to a RolloutFeed and their health to
// the cluster's staleness. Pods, analysis runs and experiments are watched by the detail view, on demand.
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

    const RolloutFeed &feed() const { return m_feed; }
    // Which environment each row belongs to (the workspace): see RolloutFeed::setEnvironmentMap.
    void setEnvironmentMap(const EnvironmentMap &map) { m_feed.setEnvironmentMap(map); }

private:
    struct Watched
    {
        QString context;
        QList<QPointer<kube::ResourceCache>> caches;
    };
    void attach(kube::ClusterConnection *connection, kube::ResourceCache *cache);
    void onChanged(const QString &context, const kube::ResourceCache *cache, const kube::CacheDelta &delta);
    void onHealth(const QString &context, const kube::ResourceCache *cache, const kube::CacheHealth &health);

    RolloutFeed m_feed;
    QHash<kube::ClusterConnection *, Watched> m_watched;
};

} // namespace rolldeck
