#include "console/LiveRollouts.h"

#include "kube/ClusterConnection.h"
#include "kube/ResourceCache.h"

#include "models/itemmodels/RolloutFeed.h"
#include "models/itemmodels/RolloutListModel.h"

#include <QMetaObject>

#include <algorithm>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace rolldeck {

using namespace kube;

namespace {
constexpr qsizetype kFirstSlice = 64;    // before any cost has been measured
constexpr qsizetype kMinSlice = 16;      // progress even when the views are slow
constexpr qsizetype kMaxSlice = 5000;    // one insert of a fleet at most
constexpr qsizetype kMaxBuilding = 2000; // objects waiting for the builder before the caches hold their deliveries
} // namespace

// Parses the objects and builds the rows on its own thread (a RolloutFeed without a model) and hands each batch of
// prepared row changes to the GUI thread. Replaced objects are freed here.
class LiveRollouts::Builder : public QObject
{
public:
    Builder(LiveRollouts *owner, std::shared_ptr<std::atomic<qsizetype>> building)
        : m_owner(owner), m_building(std::move(building)),
          m_feed([this](QList<RolloutChange> &&changes) { handOver(std::move(changes)); })
    {
    }

    void apply(const QString &context, quint64 epoch, const QString &kind, const QList<QJsonObject> &upserts,
               const QList<QJsonObject> &deletions)
    {
        m_context = context;
        m_epoch = epoch;
        m_feed.apply(context, kind, upserts, deletions);
        m_building->fetch_sub(upserts.size() + deletions.size());
    }
    void removeCluster(const QString &context) { m_feed.removeCluster(context); }

private:
    void handOver(QList<RolloutChange> &&changes)
    {
        QMetaObject::invokeMethod(
            m_owner,
            [owner = m_owner, context = m_context, epoch = m_epoch, changes = std::move(changes)]() mutable {
                owner->onBuilt(context, epoch, std::move(changes));
            },
            Qt::QueuedConnection);
    }

    LiveRollouts *m_owner; // stops this thread before it goes
    std::shared_ptr<std::atomic<qsizetype>> m_building;
    RolloutFeed m_feed;
    QString m_context;
    quint64 m_epoch = 0;
};

LiveRollouts::LiveRollouts(RolloutListModel *model, QObject *parent)
    : QObject(parent), m_model(model), m_building(std::make_shared<std::atomic<qsizetype>>(0)), m_pumpTimer(this)
{
    m_thread.setObjectName(QStringLiteral("rolldeck:rows"));
    m_builder = new Builder(this, m_building);
    m_builder->moveToThread(&m_thread);
    m_thread.start();
#ifdef Q_OS_LINUX
    // Like the clusters' workers: a few nice levels below the GUI thread, which then gets a core at once when it wakes.
    QMetaObject::invokeMethod(
        m_builder, [] { setpriority(PRIO_PROCESS, ::gettid(), 5); }, Qt::QueuedConnection);
#endif
    m_pumpTimer.setSingleShot(true);
    m_pumpTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_pumpTimer, &QTimer::timeout, this, &LiveRollouts::pump);
}

LiveRollouts::~LiveRollouts()
{
    for (auto it = m_watched.begin(); it != m_watched.end(); ++it) {
        disconnect(it.key(), &QObject::destroyed, this, nullptr);
        for (const QPointer<ResourceCache> &cache : std::as_const(it->caches)) {
            if (cache) {
                disconnect(cache, nullptr, this, nullptr);
                cache->unhold(this);
            }
        }
    }
    m_thread.quit();
    m_thread.wait();
    delete m_builder;
    // Rows nobody keeps current any more must not stay behind looking live.
    if (m_model) {
        QStringList clusters = m_epochs.keys();
        clusters.append(m_staleness.keys());
        clusters.removeDuplicates();
        for (const QString &cluster : std::as_const(clusters))
            m_model->removeCluster(cluster);
    }
}

void LiveRollouts::setPacing(int intervalMs, int budgetMs)
{
    m_intervalMs = std::max(0, intervalMs);
    m_budgetMs = std::max(1, budgetMs);
}

void LiveRollouts::addCluster(ClusterConnection *connection, const QStringList &namespaces)
{
    if (!connection || m_watched.contains(connection))
        return;
    const QString context = connection->contextName();
    m_watched.insert(connection, {context, {}});
    if (!m_epochs.contains(context))
        m_epochs.insert(context, m_nextEpoch++);
    connect(connection, &QObject::destroyed, this, [this, connection, context] {
        m_watched.remove(connection);
        dropCluster(context);
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
            cache->unhold(this);
            connection->release(cache);
        }
    }
    dropCluster(watched.context);
}

void LiveRollouts::dropCluster(const QString &context)
{
    // Rows the builder prepared before this are for a cluster no longer shown: a new epoch tells them apart.
    m_epochs.remove(context);
    m_queue.dropCluster(context);
    m_staleness.remove(context);
    QMetaObject::invokeMethod(
        m_builder, [builder = m_builder, context] { builder->removeCluster(context); }, Qt::QueuedConnection);
    if (m_model)
        m_model->removeCluster(context);
}

void LiveRollouts::markUnusable(const QString &context, const QString &cause)
{
    setSourceStale(context, QStringLiteral("connection"), Staleness::stale({}, cause));
}

void LiveRollouts::setEnvironmentMap(const EnvironmentMap &map)
{
    m_environments = map;
    if (m_model)
        retagEnvironments(*m_model, map);
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
    // The builder may fall behind a fast cache: what waits for it stays bounded.
    std::weak_ptr<std::atomic<qsizetype>> building = m_building;
    cache->holdWhile(this, [building] {
        const auto counter = building.lock();
        return counter && counter->load() > kMaxBuilding;
    });
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
    m_building->fetch_add(upserts.size() + delta.deleted.size());
    QMetaObject::invokeMethod(
        m_builder,
        [builder = m_builder, context, epoch = m_epochs.value(context), kind = cache->kind().kind,
         upserts = std::move(upserts),
         deletions = delta.deleted] { builder->apply(context, epoch, kind, upserts, deletions); },
        Qt::QueuedConnection);
}

void LiveRollouts::onBuilt(const QString &context, quint64 epoch, QList<RolloutChange> &&changes)
{
    if (epoch == 0 || m_epochs.value(context) != epoch)
        return; // built for a cluster dropped since
    m_queue.push(std::move(changes));
    schedulePump();
}

void LiveRollouts::schedulePump()
{
    if (m_queue.isEmpty() || m_pumpTimer.isActive())
        return;
    const qint64 since = m_sincePump.isValid() ? m_sincePump.elapsed() : m_intervalMs;
    m_pumpTimer.start(int(std::max<qint64>(0, m_intervalMs - since)));
}

void LiveRollouts::pump()
{
    if (!m_model || m_queue.isEmpty())
        return;
    // One batch per frame, as large as the measured cost of a row lets the budget hold: one insert, and a
    // dataChanged per row that changed, like any batch of the model.
    const double budgetNs = double(m_budgetMs) * 1e6;
    const qsizetype count = m_nsPerRow <= 0
                                ? kFirstSlice
                                : std::clamp<qsizetype>(qsizetype(0.75 * budgetNs / m_nsPerRow), kMinSlice, kMaxSlice);
    QElapsedTimer t;
    t.start();
    QList<RolloutChange> slice = m_queue.take(count);
    for (RolloutChange &change : slice) {
        if (!change.row)
            continue;
        const EnvironmentMap::Match environment =
            m_environments.environmentFor(change.row->cluster, change.row->namespaceName);
        change.row->environment = environment.name;
        change.row->environmentRank = environment.rank;
    }
    m_model->apply(slice);
    const double sample = double(t.nsecsElapsed()) / double(std::max<qsizetype>(1, slice.size()));
    // A rise counts at once, a fall slowly: a row costs more as the model and its proxies fill (4.7 -> 9.6 us a row
    // from 2,200 to 4,600 rows in bench_console), and a smoothed estimate that lagged let a pump run twice its budget.
    m_nsPerRow = m_nsPerRow <= 0 ? sample : std::max(sample, 0.7 * m_nsPerRow + 0.3 * sample);
    ++m_deliveries;
    m_sincePump = t;
    schedulePump();
}

void LiveRollouts::onHealth(const QString &context, const ResourceCache *cache, const CacheHealth &health)
{
    if (health.isStale()) {
        setSourceStale(context, cache->scopeName(), health.staleness());
    } else if (health.isLive()) {
        const auto found = m_staleness.find(context);
        if (found != m_staleness.end() && found->setLive(cache->scopeName()))
            updateStaleness(context);
    }
    // Connecting: no data yet, nothing old is shown as live; a stale source stays stale until it is live.
}

void LiveRollouts::setSourceStale(const QString &context, const QString &source, const Staleness &staleness)
{
    if (m_staleness[context].setStale(source, staleness))
        updateStaleness(context);
}

void LiveRollouts::updateStaleness(const QString &context)
{
    if (!m_model)
        return;
    const Staleness staleness = m_staleness.value(context).combined();
    if (staleness.isStale())
        m_model->setClusterStale(context, staleness);
    else
        m_model->setClusterLive(context);
}

} // namespace rolldeck
