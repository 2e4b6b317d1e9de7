#include "LiveRollouts.h"

#include "kube/CacheTypes.h"
#include "kube/ClusterConnection.h"
#include "kube/KubeconfigCredentials.h"
#include "kube/ResourceCache.h"
#include "kube/ResourceKind.h"

#include "RolloutFeed.h"

namespace rolldeck {

LiveRollouts::LiveRollouts(RolloutListModel *model, QObject *parent)
    : QObject(parent), m_feed(std::make_unique<RolloutFeed>(model))
{
}

LiveRollouts::~LiveRollouts()
{
    // Connections first: their caches must not deliver into a feed that is going away.
    qDeleteAll(m_connections);
    m_connections.clear();
}

bool LiveRollouts::addContext(const kube::ClusterConfig &config)
{
    if (m_connections.contains(config.contextName))
        return true;
    auto credentials = kube::KubeconfigCredentials::create(config);
    if (!credentials) {
        emit contextFailed(config.contextName, credentials.error());
        return false;
    }
    auto *connection = new kube::ClusterConnection(config, *credentials, {}, this);
    m_connections.insert(config.contextName, connection);
    // The list needs the rollouts and, for the actual weight of canaries without traffic routing, their
    // ReplicaSets. Pods, analysis runs and experiments are watched when a rollout's detail is open.
    watch(connection, kube::ResourceKind::rollouts());
    watch(connection, kube::ResourceKind::replicaSets());
    return true;
}

void LiveRollouts::removeContext(const QString &contextName)
{
    delete m_connections.take(contextName);
    m_feed->removeCluster(contextName);
}

kube::ClusterConnection *LiveRollouts::connection(const QString &contextName) const
{
    return m_connections.value(contextName);
}

void LiveRollouts::watch(kube::ClusterConnection *connection, const kube::ResourceKind &kind)
{
    const QString context = connection->contextName();
    const QString kindName = kind.kind;
    const QString source = kind.displayName();
    kube::ResourceCache *cache = connection->cache(kind);
    connect(cache, &kube::ResourceCache::changed, this, [this, context, kindName](const kube::CacheDelta &delta) {
        QList<QJsonObject> upserts = delta.added;
        upserts += delta.modified;
        m_feed->apply(context, kindName, upserts, delta.deleted);
    });
    connect(cache, &kube::ResourceCache::healthChanged, this, [this, context, source](const kube::CacheHealth &health) {
        if (health.isStale())
            m_feed->setSourceStale(context, source, health.since, health.cause);
        else if (health.isLive())
            m_feed->setSourceLive(context, source);
    });
    connect(cache, &kube::ResourceCache::synced, this, [this, context] { emit contextSynced(context); });
}

} // namespace rolldeck
