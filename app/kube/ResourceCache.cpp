#include "kube/ResourceCache.h"

#include <QJsonDocument>
#include <QMetaObject>

#include <algorithm>

namespace rolldeck::kube {

namespace {
constexpr qsizetype kFirstSlice = 64; // before any cost has been measured: small, the observers may be slow
// Objects differ in cost by two orders of magnitude (a rollout whose row is not shown yet against a ReplicaSet that
// rebuilds a row), so a chunk stays small whatever the average says.
constexpr qsizetype kMaxChunk = 32;
constexpr qsizetype kMinChunk = 4; // progress whatever an object costs
} // namespace

ResourceCache::ResourceCache(QString context, ResourceKind kind, QString ns, QString labelSelector, QObject *parent)
    : QObject(parent), m_context(std::move(context)), m_kind(std::move(kind)), m_ns(std::move(ns)),
      m_labelSelector(std::move(labelSelector)), m_deliveryTimer(this)
{
    m_deliveryTimer.setSingleShot(true);
    m_deliveryTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_deliveryTimer, &QTimer::timeout, this, &ResourceCache::deliver);
}

ResourceCache::~ResourceCache() = default;

void ResourceCache::applyDelta(const CacheDelta &delta)
{
    m_queue.push_back({delta, 0, std::nullopt});
    m_pendingObjects += delta.size();
    scheduleDelivery();
}

void ResourceCache::applyHealth(const CacheHealth &health)
{
    if (m_queue.empty()) {
        apply(health);
        return;
    }
    m_queue.push_back({CacheDelta(), 0, health});
}

void ResourceCache::scheduleDelivery()
{
    if (m_queue.empty())
        return;
    const qint64 since = m_sinceDelivery.isValid() ? m_sinceDelivery.elapsed() : m_intervalMs;
    if (since >= m_intervalMs) {
        deliver();
        return;
    }
    if (!m_deliveryTimer.isActive())
        m_deliveryTimer.start(int(m_intervalMs - since));
}

QList<QJsonObject> ResourceCache::objects() const
{
    QList<QJsonObject> all;
    all.reserve(m_objects.size());
    for (const Stored &stored : m_objects)
        all.append(QJsonDocument::fromJson(stored.json).object());
    return all;
}

QJsonObject ResourceCache::object(const QString &uid) const
{
    const auto it = m_objects.constFind(uid);
    return it == m_objects.cend() ? QJsonObject() : QJsonDocument::fromJson(it->json).object();
}

QJsonObject ResourceCache::find(const QString &ns, const QString &name) const
{
    const auto uid = m_uidByName.constFind(ns + u'/' + name);
    return uid == m_uidByName.cend() ? QJsonObject() : object(*uid);
}

QList<std::pair<QString, QString>> ResourceCache::names() const
{
    QList<std::pair<QString, QString>> all;
    all.reserve(m_objects.size());
    for (const Stored &stored : m_objects)
        all.append({stored.ns, stored.name});
    return all;
}

void ResourceCache::store(const QJsonObject &object, const QByteArray &json)
{
    const QString uid = uidOf(object);
    Stored stored{json.isEmpty() ? QJsonDocument(object).toJson(QJsonDocument::Compact) : json, namespaceOf(object),
                  nameOf(object)};
    auto it = m_objects.find(uid);
    if (it != m_objects.end()) {
        if (it->ns != stored.ns || it->name != stored.name)
            m_uidByName.remove(it->ns + u'/' + it->name);
        *it = std::move(stored);
    } else {
        it = m_objects.insert(uid, std::move(stored));
    }
    m_uidByName.insert(it->ns + u'/' + it->name, uid);
}

void ResourceCache::forget(const QJsonObject &object)
{
    const auto it = m_objects.find(uidOf(object));
    if (it == m_objects.end())
        return;
    m_uidByName.remove(it->ns + u'/' + it->name);
    m_objects.erase(it);
}

qsizetype ResourceCache::applySlice(Item &item, qsizetype room, CacheDelta &out)
{
    const CacheDelta &d = item.delta;
    const qsizetype end = std::min(d.size(), item.done + room);
    const qsizetype applied = end - item.done;
    const qsizetype upserts = d.added.size() + d.modified.size();
    for (qsizetype i = item.done; i < end; ++i) {
        if (i < upserts) {
            const bool added = i < d.added.size();
            const qsizetype j = added ? i : i - d.added.size();
            const QJsonObject &object = added ? d.added.at(j) : d.modified.at(j);
            const QList<QByteArray> &json = added ? d.addedJson : d.modifiedJson;
            store(object, j < json.size() ? json.at(j) : QByteArray());
            (added ? out.added : out.modified).append(object);
        } else {
            const QJsonObject &object = d.deleted.at(i - upserts);
            forget(object);
            out.deleted.append(object);
        }
    }
    item.done = end;
    m_pendingObjects -= applied;
    return applied;
}

void ResourceCache::holdWhile(const QObject *owner, std::function<bool()> busy)
{
    m_holds.append({owner, std::move(busy)});
}

void ResourceCache::unhold(const QObject *owner)
{
    m_holds.removeIf([owner](const auto &hold) { return hold.first == owner; });
}

bool ResourceCache::held()
{
    m_holds.removeIf([](const auto &hold) { return hold.first.isNull(); });
    return std::any_of(m_holds.cbegin(), m_holds.cend(), [](const auto &hold) { return hold.second(); });
}

void ResourceCache::deliver()
{
    m_deliveryTimer.stop();
    if (held()) {
        m_deliveryTimer.start(std::max(1, m_intervalMs));
        return;
    }
    // Apply in small chunks, each emitted on its own, and stop once the frame budget is spent: what the observers do
    // with a chunk is only known after it, and objects differ in cost (a ReplicaSet whose rollout is shown rebuilds
    // a row, one whose rollout has not arrived costs next to nothing).
    const qint64 budgetNs = qint64(m_budgetMs) * 1000000;
    // A chunk is a quarter of what the measured cost fits in the budget, so one chunk on its own stays well inside
    // it even on a machine several times slower (a fixed floor of 16 cost a slow machine a whole frame).
    const qsizetype fit = m_nsPerObject > 0 ? qsizetype(m_budgetMs * 1e6 / m_nsPerObject) : kFirstSlice;
    const qsizetype chunk = std::min(m_maxSlice, std::clamp<qsizetype>(fit / 4, kMinChunk, kMaxChunk));
    QElapsedTimer t;
    t.start();
    qsizetype count = 0;
    bool finishedBatch = false;
    bool emitted = false;
    CacheDelta out;
    auto emitOut = [&] {
        if (out.isEmpty())
            return;
        out.lastHeard = m_health.lastHeard;
        ++m_deltas;
        emitted = true;
        emit changed(out);
        out = CacheDelta();
    };
    while (!m_queue.empty()) {
        Item &front = m_queue.front();
        if (front.health) { // everything before it has been applied
            emitOut();
            const CacheHealth health = *front.health;
            m_queue.pop_front();
            apply(health);
            continue;
        }
        // Stop before a chunk that the measured cost says would overrun the budget, not after it: on a slower
        // machine the overrun would grow with it.
        const qsizetype next = std::min(chunk, m_maxSlice - count);
        const qint64 predictedNs = m_nsPerObject > 0 ? qint64(m_nsPerObject * double(next)) : 0;
        if (front.done < front.delta.size() && count > 0 &&
            (count >= m_maxSlice || t.nsecsElapsed() + predictedNs > budgetNs))
            break;
        count += applySlice(front, next, out);
        emitOut();
        if (front.done < front.delta.size())
            continue;
        if (front.delta.lastHeard.isValid() && front.delta.lastHeard > m_health.lastHeard)
            m_health.lastHeard = front.delta.lastHeard;
        // The batch's parsed objects die on the reaper's thread (the observers have made what they keep of them).
        m_graveyard.append(front.delta.added);
        m_graveyard.append(front.delta.modified);
        m_graveyard.append(front.delta.deleted);
        m_queue.pop_front();
        finishedBatch = true;
    }
    if (count > 0) {
        const double sample = double(t.nsecsElapsed()) / double(count);
        // A rise counts at once, a fall slowly (as LiveRollouts' pump): a lagging estimate lets a delivery overrun.
        m_nsPerObject = m_nsPerObject <= 0 ? sample : std::max(sample, 0.7 * m_nsPerObject + 0.3 * sample);
        m_sinceDelivery = t; // the interval runs from start to start: a 33 ms frame holds one delivery
    }
    if (emitted)
        ++m_deliveries;
    reap();
    if (!m_queue.empty())
        m_deliveryTimer.start(int(std::max<qint64>(0, m_intervalMs - t.elapsed())));
    else if (finishedBatch)
        emit drained();
}

void ResourceCache::apply(const CacheHealth &health)
{
    const bool wasSynced = m_health.synced;
    const QDateTime heard = std::max(m_health.lastHeard, health.lastHeard);
    m_health = health;
    m_health.lastHeard = heard;
    emit healthChanged(m_health);
    if (!wasSynced && m_health.synced)
        emit synced();
}

void ResourceCache::reap()
{
    if (m_graveyard.isEmpty())
        return;
    if (!m_reaper) {
        m_graveyard.clear();
        return;
    }
    // The last references die on the reaper's thread. Only a pointer crosses: a list captured by value in the
    // functor was measured being freed here (90 ms for a 15,000-object list), so nothing of it is touched here.
    auto *dead = new QList<QJsonObject>(std::move(m_graveyard));
    m_graveyard = QList<QJsonObject>();
    QMetaObject::invokeMethod(
        m_reaper, [dead] { delete dead; }, Qt::QueuedConnection);
}

} // namespace rolldeck::kube
