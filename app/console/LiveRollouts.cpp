#include "console/LiveRollouts.h"

#include "kube/ClusterConnection.h"
#include "kube/ResourceCache.h"

#include "RolloutListModel.h"

namespace rolldeck {

using namespace kube;

LiveRollouts::LiveRollouts(RolloutListModel *model, QObject *parent) : QObject(parent), m_feed(model) {}

LiveRollouts::~LiveRollouts()
{
    for (auto it = m_watched.begin(); it != m_watched.end(); ++it) {
        for (const QPointer<ResourceCache> &cache : std::as_const(it->caches)) {
            if (cache)
                disconnect(cache, nullptr, this, nullptr);
        }
    }
}

void LiveRollouts::addCluster(ClusterConnection *connection, const QStringList &namespaces)
{
    if (!connection || m_watched.contains(connection))
        return;
    const QString context = connection->contextName();
    m_watched.insert(connection, {context, {}});
    connect(connection, &QObject::destroyed, this, [this, connection, context] {
        m_watched.remove(connection);
        m_feed.removeCluster(context);
    });
    // Several namespaces of one cluster: a watch each, sharing the cluster's feed (objects are keyed by
    // namespace, so they never collide). Rollout-owned ReplicaSets carry the pod-template-hash label: watch
    // only those.
    QStringList scopes = namespaces.isEmpty() ? QStringList{QString()} : namespaces;
    scopes.removeDuplicates();
    for (const QString &ns : scopes) {
        attach(connection, connection->cache(ResourceKind::rollouts(), ns));
        attach(connection,
               connection->cache(ResourceKind::replicaSets(), ns, QStringLiteral("rollouts-pod-template-hash")));
    }
}

void LiveRollouts::removeCluster(ClusterConnection *connection)
{
    const auto it = m_watched.find(connection);
    if (it == m_watched.end())
        return;
    const Watched watched = *it;
    m_watched.erase(it);
    disconnect(connection, &QObject::destroyed, this, nullptr);
    for (const QPointer<ResourceCache> &cache : watched.caches) {
        if (cache) {
            disconnect(cache, nullptr, this, nullptr);
            connection->release(cache);
        }
    }
    m_feed.removeCluster(watched.context);
}

void LiveRollouts::markUnusable(const QString &context, const QString &cause)
{
    m_feed.setSourceStale(context, QStringLiteral("connection"), Staleness::stale({}, cause));
}

void LiveRollouts::attach(ClusterConnection *connection, ResourceCache *cache)
{
    if (!cache)
        return;
    const QString context = connection->contextName();
    m_watched[connection].caches.append(cache);
    connect(cache, &ResourceCache::changed, this,
            [this, context, cache](const CacheDelta &delta) { onChanged(context, cache, delta); });
    connect(cache, &ResourceCache::healthChanged, this,
            [this, context, cache](const CacheHealth &health) { onHealth(context, cache, health); });
    // A cache shared with another view may already hold objects and a health: start from them.
    if (cache->size() > 0) {
        CacheDelta seed;
        seed.added = cache->objects();
        onChanged(context, cache, seed);
    }
    onHealth(context, cache, cache->health());
}

void LiveRollouts::onChanged(const QString &context, const ResourceCache *cache, const CacheDelta &delta)
{
    QList<QJsonObject> upserts = delta.added;
    upserts.append(delta.modified);
    m_feed.apply(context, cache->kind().kind, upserts, delta.deleted);
}

void LiveRollouts::onHealth(const QString &context, const ResourceCache *cache, const CacheHealth &health)
{
    if (health.isStale())
        m_feed.setSourceStale(context, cache->scopeName(), health.staleness());
    else if (health.isLive())
        m_feed.setSourceLive(context, cache->scopeName());
    // Connecting: no data yet, nothing old is shown as live; a stale source stays stale until it is live.
}

} // namespace rolldeck
