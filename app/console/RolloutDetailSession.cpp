#include "console/RolloutDetailSession.h"

#include "kube/CacheTypes.h"
#include "kube/ClusterConnection.h"
#include "kube/ResourceCache.h"

#include "models/argo/RolloutFormat.h"

#include <QJsonArray>

namespace rolldeck {

namespace {

QString metaString(const QJsonObject &object, QLatin1String field)
{
    return object.value(QLatin1String("metadata")).toObject().value(field).toString();
}

// A LabelSelector object (matchLabels + matchExpressions) in the ?labelSelector= syntax; "" when it selects
// everything or uses an operator the query syntax cannot say.
QString selectorQuery(const QJsonObject &selector)
{
    QStringList parts;
    const QJsonObject labels = selector.value(QLatin1String("matchLabels")).toObject();
    for (auto it = labels.begin(); it != labels.end(); ++it)
        parts << it.key() + u'=' + it.value().toString();
    const QJsonArray expressions = selector.value(QLatin1String("matchExpressions")).toArray();
    for (const QJsonValue &value : expressions) {
        const QJsonObject e = value.toObject();
        const QString key = e.value(QLatin1String("key")).toString();
        const QString op = e.value(QLatin1String("operator")).toString();
        QStringList values;
        for (const QJsonValue &v : e.value(QLatin1String("values")).toArray())
            values << v.toString();
        if (key.isEmpty())
            return {};
        if (op == u"In")
            parts << key + QStringLiteral(" in (") + values.join(u',') + u')';
        else if (op == u"NotIn")
            parts << key + QStringLiteral(" notin (") + values.join(u',') + u')';
        else if (op == u"Exists")
            parts << key;
        else if (op == u"DoesNotExist")
            parts << u'!' + key;
        else
            return {}; // unknown operator: watch the whole namespace rather than guess
    }
    return parts.join(u',');
}

const kube::ResourceKind &kindOf(int slot)
{
    static const kube::ResourceKind kinds[] = {kube::ResourceKind::rollouts(), kube::ResourceKind::replicaSets(),
                                               kube::ResourceKind::pods(), kube::ResourceKind::analysisRuns(),
                                               kube::ResourceKind::experiments()};
    return kinds[slot];
}

} // namespace

RolloutDetailSession::RolloutDetailSession(kube::ClusterConnection *connection, QString namespaceName, QString name,
                                           QObject *parent)
    : QObject(parent), m_connection(connection), m_context(connection ? connection->contextName() : QString()),
      m_namespace(std::move(namespaceName)), m_name(std::move(name)),
      m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(33);
    connect(&m_coalesce, &QTimer::timeout, this, &RolloutDetailSession::publish);
    m_refresh.setInterval(1000);
    connect(&m_refresh, &QTimer::timeout, this, &RolloutDetailSession::publish);
}

RolloutDetailSession::~RolloutDetailSession()
{
    close();
}

void RolloutDetailSession::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

void RolloutDetailSession::setTimeScale(double scale)
{
    m_timeScale = scale > 0 ? scale : 1.0;
}

void RolloutDetailSession::setCoalesceInterval(int ms)
{
    m_coalesce.setInterval(std::max(0, ms));
}

void RolloutDetailSession::setRefreshInterval(int ms)
{
    m_refresh.setInterval(std::max(0, ms));
    if (ms <= 0)
        m_refresh.stop();
    else if (m_state != State::Closed)
        m_refresh.start();
}

QDateTime RolloutDetailSession::now() const
{
    return m_clock();
}

QList<kube::ResourceCache *> RolloutDetailSession::caches() const
{
    QList<kube::ResourceCache *> out;
    for (const QPointer<kube::ResourceCache> &cache : m_caches) {
        if (cache)
            out << cache.data();
    }
    for (const TrafficWatch &watch : m_traffic) {
        if (watch.cache && !out.contains(watch.cache.data()))
            out << watch.cache.data();
    }
    if (m_eventCache)
        out << m_eventCache.data();
    return out;
}

void RolloutDetailSession::open()
{
    if (m_state != State::Closed || !m_connection)
        return;
    m_state = State::Loading;
    m_readyEmitted = false;
    emit stateChanged(m_state);

    // The list may already hold the rollout: then its selector narrows the pod caches from the first request on,
    // instead of after a round trip for the rollout.
    for (kube::ResourceCache *cache : m_connection->caches()) {
        if (!(cache->kind() == kube::ResourceKind::rollouts()) ||
            !(cache->ns().isEmpty() || cache->ns() == m_namespace))
            continue;
        const QJsonObject rollout = cache->find(m_namespace, m_name);
        if (!rollout.isEmpty()) {
            updatePodSelector(rollout);
            updateTrafficWatches(rollout);
        }
        if (m_selectorKnown)
            break;
    }
    // (A selector known from the list has opened the ReplicaSet and pod caches already; otherwise the rollout's
    // own cache brings it.)
    acquire(Slot::Rollout, {}, QStringLiteral("metadata.name=") + m_name);
    acquire(Slot::AnalysisRuns, {});
    acquire(Slot::Experiments, {});
    acquireEvents();
    onHealth();
    if (m_refresh.interval() > 0)
        m_refresh.start();
    updateState();
}

void RolloutDetailSession::close()
{
    if (m_state == State::Closed)
        return;
    for (int slot = 0; slot < int(Slot::Count); ++slot)
        releaseSlot(Slot(slot));
    releaseTraffic();
    m_trafficInfo = {};
    if (const QPointer<kube::ResourceCache> events = std::exchange(m_eventCache, nullptr)) {
        disconnect(events, nullptr, this, nullptr);
        if (m_connection)
            m_connection->release(events);
    }
    m_events.clear();
    m_eventsAccess = RolloutEventModel::Access::Listing;
    m_eventsCause.clear();
    m_coalesce.stop();
    m_refresh.stop();
    m_store.clear();
    m_selectorKnown = false;
    m_podSelector.clear();
    m_state = State::Closed;
    emit stateChanged(m_state);
}

void RolloutDetailSession::acquire(Slot slot, const QString &labelSelector, const QString &fieldSelector)
{
    if (!m_connection || m_caches[int(slot)])
        return;
    kube::ResourceCache *cache = m_connection->cache(kindOf(int(slot)), m_namespace, labelSelector, fieldSelector);
    m_caches[int(slot)] = cache;
    connect(cache, &kube::ResourceCache::changed, this,
            [this, slot](const kube::CacheDelta &delta) { onChanged(slot, delta); });
    connect(cache, &kube::ResourceCache::healthChanged, this, &RolloutDetailSession::onHealth);
    seed(slot);
}

void RolloutDetailSession::acquireEvents()
{
    // core/v1 Events have no kind of their own among the watched ones; narrowed by the server to this rollout.
    static const kube::ResourceKind events{QString(), QStringLiteral("v1"), QStringLiteral("events"),
                                           QStringLiteral("Event"), true};
    if (!m_connection || m_eventCache)
        return;
    m_eventCache = m_connection->cache(events, m_namespace, {},
                                       QStringLiteral("involvedObject.kind=Rollout,involvedObject.name=") + m_name);
    connect(m_eventCache, &kube::ResourceCache::changed, this, &RolloutDetailSession::onEventsChanged);
    connect(m_eventCache, &kube::ResourceCache::healthChanged, this, &RolloutDetailSession::onEventsHealth);
    onEventsChanged();
    onEventsHealth();
}

void RolloutDetailSession::onEventsHealth()
{
    if (!m_eventCache)
        return;
    using Access = RolloutEventModel::Access;
    const kube::CacheHealth health = m_eventCache->health();
    Access access = Access::Listing;
    if (health.permissionDenied)
        access = Access::Forbidden;
    else if (health.isStale())
        access = Access::Failing;
    else if (health.isLive() || m_eventCache->isSynced())
        access = Access::Live;
    const QString cause = access == Access::Forbidden || access == Access::Failing ? health.cause : QString();
    if (access == m_eventsAccess && cause == m_eventsCause)
        return;
    m_eventsAccess = access;
    m_eventsCause = cause;
    markDirty();
}

void RolloutDetailSession::onEventsChanged()
{
    if (!m_eventCache)
        return;
    // A rollout has tens of Events, not thousands (the server keeps them an hour): parsed whole on each change.
    QList<KubeEvent> events;
    for (const QJsonObject &object : m_eventCache->objects())
        events << KubeEvent::fromJson(object);
    if (events == m_events)
        return;
    m_events = std::move(events);
    markDirty();
}

void RolloutDetailSession::releaseSlot(Slot slot)
{
    const QPointer<kube::ResourceCache> cache = m_caches[int(slot)];
    m_caches[int(slot)] = nullptr;
    if (!cache)
        return;
    disconnect(cache, nullptr, this, nullptr);
    // Forget what came from it: another cache (a new selector) brings its own objects.
    for (const auto &[ns, name] : cache->names())
        m_store.remove({objectKindFromName(kindOf(int(slot)).kind), ns, name});
    if (m_connection)
        m_connection->release(cache);
}

void RolloutDetailSession::seed(Slot slot)
{
    // A cache shared with another view may already hold objects: start from them.
    const kube::ResourceCache *cache = m_caches[int(slot)];
    if (!cache || cache->size() == 0)
        return;
    kube::CacheDelta delta;
    delta.added = cache->objects();
    onChanged(slot, delta);
}

void RolloutDetailSession::updatePodSelector(const QJsonObject &rollout)
{
    const QString selector =
        selectorQuery(rollout.value(QLatin1String("spec")).toObject().value(QLatin1String("selector")).toObject());
    if (m_selectorKnown && selector == m_podSelector)
        return;
    const bool reopen = m_selectorKnown && m_state != State::Closed;
    m_podSelector = selector;
    m_selectorKnown = true;
    if (reopen) { // spec.selector is immutable in Argo Rollouts, but a recreated rollout may differ
        releaseSlot(Slot::ReplicaSets);
        releaseSlot(Slot::Pods);
    }
    if (m_state != State::Closed && !m_caches[int(Slot::ReplicaSets)]) {
        acquire(Slot::ReplicaSets, m_podSelector);
        acquire(Slot::Pods, m_podSelector);
        onHealth();
    }
}

void RolloutDetailSession::updateTrafficWatches(const QJsonObject &rolloutJson)
{
    if (m_state == State::Closed || !m_connection)
        return;
    const Rollout rollout = Rollout::fromJson(rolloutJson);
    const TrafficRefs refs = trafficRefs(rollout);
    QList<TrafficWatch> wanted;
    const auto want = [&wanted](bool virtualService, const QString &ns, const QString &name) {
        for (const TrafficWatch &w : std::as_const(wanted)) {
            if (w.virtualService == virtualService && w.ns == ns && w.name == name)
                return;
        }
        wanted.append({virtualService, ns, name, {}});
    };
    for (const TrafficRefs::ServiceRef &ref : refs.services)
        want(false, m_namespace, ref.name);
    for (const TrafficRefs::VirtualServiceRef &ref : refs.virtualServices)
        want(true, ref.namespaceName, ref.name);

    bool changed = false;
    // Keep what is still named, let go of the rest.
    for (qsizetype i = m_traffic.size() - 1; i >= 0; --i) {
        const TrafficWatch &held = m_traffic.at(i);
        const auto it = std::find_if(wanted.begin(), wanted.end(), [&held](const TrafficWatch &w) {
            return w.virtualService == held.virtualService && w.ns == held.ns && w.name == held.name;
        });
        if (it != wanted.end()) {
            wanted.erase(it);
            continue;
        }
        const QPointer<kube::ResourceCache> cache = held.cache;
        m_traffic.removeAt(i);
        changed = true;
        if (!cache)
            continue;
        disconnect(cache, nullptr, this, nullptr);
        // The cache may still serve another name of this detail (it never does: one cache per name), or others.
        if (m_connection)
            m_connection->release(cache);
    }
    for (TrafficWatch &watch : wanted) {
        const kube::ResourceKind kind =
            watch.virtualService ? kube::ResourceKind::virtualServices() : kube::ResourceKind::services();
        kube::ResourceCache *cache =
            m_connection->cache(kind, watch.ns, {}, QStringLiteral("metadata.name=") + watch.name);
        watch.cache = cache;
        connect(cache, &kube::ResourceCache::changed, this, &RolloutDetailSession::markDirty);
        connect(cache, &kube::ResourceCache::synced, this, &RolloutDetailSession::markDirty);
        connect(cache, &kube::ResourceCache::healthChanged, this, [this] {
            onHealth();
            markDirty();
        });
        m_traffic.append(watch);
        changed = true;
    }
    if (changed) {
        onHealth();
        markDirty();
    }
}

void RolloutDetailSession::releaseTraffic()
{
    const QList<TrafficWatch> held = std::exchange(m_traffic, {});
    for (const TrafficWatch &watch : held) {
        if (!watch.cache)
            continue;
        disconnect(watch.cache, nullptr, this, nullptr);
        if (m_connection)
            m_connection->release(watch.cache);
    }
    m_trafficStaleness = {};
}

TrafficLookup RolloutDetailSession::lookup(bool virtualService, const QString &ns, const QString &name) const
{
    for (const TrafficWatch &watch : m_traffic) {
        if (watch.virtualService != virtualService || watch.ns != ns || watch.name != name)
            continue;
        const kube::ResourceCache *cache = watch.cache;
        if (!cache)
            return {};
        if (cache->isSynced()) {
            const QJsonObject object = cache->find(ns, name);
            if (!object.isEmpty())
                return {TrafficLookup::State::Found, object, {}};
            return {TrafficLookup::State::Missing, {}, {}};
        }
        // Never listed: a 404 (kind not served), a 403 or a cluster that is down says so; otherwise still loading.
        if (cache->health().isStale() || cache->health().permissionDenied)
            return {TrafficLookup::State::Unavailable, {}, cache->health().cause};
        return {};
    }
    return {};
}

void RolloutDetailSession::onChanged(Slot slot, const kube::CacheDelta &delta)
{
    const ObjectKey self{ObjectKind::Rollout, m_namespace, m_name};
    const ObjectKind kind = objectKindFromName(kindOf(int(slot)).kind);
    const auto keyOf = [kind](const QJsonObject &object) {
        return ObjectKey{kind, metaString(object, QLatin1String("namespace")),
                         metaString(object, QLatin1String("name"))};
    };
    bool relevant = false;
    const auto touches = [this, &self](const ObjectKey &key) {
        return key.kind == ObjectKind::Rollout ? key == self : m_store.rolloutsAffectedBy(key).contains(self);
    };
    // Before the change: an update may move an object away from this rollout, a removal takes it away.
    for (const QJsonObject &object : delta.modified)
        relevant = relevant || touches(keyOf(object));
    for (const QJsonObject &object : delta.deleted) {
        const ObjectKey key = keyOf(object);
        relevant = relevant || touches(key);
        m_store.remove(key);
    }
    QJsonObject rollout;
    for (const QList<QJsonObject> *list : {&delta.added, &delta.modified}) {
        for (const QJsonObject &object : *list) {
            const ObjectKey key = m_store.upsert(object);
            relevant = relevant || touches(key);
            if (key.kind == ObjectKind::Rollout && key == self)
                rollout = object;
        }
    }
    if (!rollout.isEmpty()) {
        updatePodSelector(rollout);
        updateTrafficWatches(rollout);
    }
    if (relevant)
        markDirty();
    updateState();
}

void RolloutDetailSession::onHealth()
{
    // Every cache is a source of the detail, the traffic caches also of the traffic view (StaleSources).
    StaleSources all;
    StaleSources traffic;
    for (int slot = 0; slot < int(Slot::Count); ++slot) {
        if (const kube::ResourceCache *cache = m_caches[slot])
            all.setStale(QString::number(slot), cache->health().staleness());
    }
    for (qsizetype i = 0; i < m_traffic.size(); ++i) {
        if (const kube::ResourceCache *cache = m_traffic.at(i).cache) {
            traffic.setStale(QString::number(i), cache->health().staleness());
            all.setStale(QStringLiteral("traffic ") + QString::number(i), cache->health().staleness());
        }
    }
    if (all.combined() != m_staleness || traffic.combined() != m_trafficStaleness) {
        m_staleness = all.combined();
        m_trafficStaleness = traffic.combined();
        emit stalenessChanged();
    }
    updateState();
}

bool RolloutDetailSession::allSynced() const
{
    if (!m_selectorKnown)
        return false;
    for (const QPointer<kube::ResourceCache> &cache : m_caches) {
        if (!cache || !cache->isSynced())
            return false;
    }
    return true;
}

void RolloutDetailSession::updateState()
{
    if (m_state == State::Closed)
        return;
    const kube::ResourceCache *rollouts = m_caches[int(Slot::Rollout)];
    const bool present = m_store.rollout(m_namespace, m_name) != nullptr;
    State next = State::Loading;
    if (rollouts && rollouts->isSynced() && !present)
        next = State::NotFound;
    else if (present && allSynced())
        next = State::Ready;
    if (next == m_state)
        return;
    m_state = next;
    if (next != State::Loading && !m_readyEmitted) {
        // The first complete view goes out at once, not after the coalescing delay.
        m_readyEmitted = true;
        publish();
        emit stateChanged(m_state);
        emit ready();
        return;
    }
    if (next == State::NotFound)
        publish();
    emit stateChanged(m_state);
}

void RolloutDetailSession::markDirty()
{
    if (!m_coalesce.isActive())
        m_coalesce.start();
}

void RolloutDetailSession::publish()
{
    m_coalesce.stop();
    if (m_state == State::Closed)
        return;
    if (const Rollout *rollout = m_store.rollout(m_namespace, m_name)) {
        m_info = buildRolloutInfo(*rollout, m_store, now(), m_timeScale);
        m_text = formatRolloutText(*m_info);
        m_trafficInfo = buildTrafficInfo(
            *rollout, *m_info, [this](const QString &ns, const QString &name) { return lookup(false, ns, name); },
            [this](const QString &ns, const QString &name) { return lookup(true, ns, name); });
    } else {
        m_info.reset();
        m_text.clear();
        m_trafficInfo = {};
    }
    emit updated();
}

} // namespace rolldeck
