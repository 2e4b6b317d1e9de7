#include "kube/ResourceCache.h"

namespace rolldeck::kube {

ResourceCache::ResourceCache(QString context, ResourceKind kind, QString ns, QString labelSelector, QObject *parent)
    : QObject(parent), m_context(std::move(context)), m_kind(std::move(kind)), m_ns(std::move(ns)),
      m_labelSelector(std::move(labelSelector)), m_drainTimer(this)
{
    m_drainTimer.setSingleShot(true);
    m_drainTimer.setInterval(0);
    connect(&m_drainTimer, &QTimer::timeout, this, &ResourceCache::drain);
}

void ResourceCache::applyDelta(const CacheDelta &delta)
{
    if (m_queue.empty() && delta.size() <= m_sliceSize) {
        apply(delta);
        return;
    }
    const bool idle = m_queue.empty();
    enqueue(delta);
    if (idle)
        drain(); // the first slice now, the rest on later event-loop iterations
}

void ResourceCache::applyHealth(const CacheHealth &health)
{
    if (m_queue.empty()) {
        apply(health);
        return;
    }
    m_queue.emplace_back(health);
}

void ResourceCache::enqueue(const CacheDelta &delta)
{
    // Cut the batch into slices in its own order: added, then modified, then deleted. A uid appears once per batch,
    // so the order of the three lists relative to each other does not change the result.
    CacheDelta slice;
    slice.lastHeard = delta.lastHeard;
    auto flushSlice = [&] {
        if (slice.isEmpty())
            return;
        m_pendingObjects += slice.size();
        m_queue.emplace_back(std::move(slice));
        slice = CacheDelta();
        slice.lastHeard = delta.lastHeard;
    };
    auto take = [&](const QList<QJsonObject> &from, QList<QJsonObject> CacheDelta::*into) {
        qsizetype i = 0;
        while (i < from.size()) {
            const qsizetype room = m_sliceSize - slice.size();
            const qsizetype n = std::min(room, from.size() - i);
            (slice.*into).append(from.mid(i, n));
            i += n;
            if (slice.size() >= m_sliceSize)
                flushSlice();
        }
    };
    take(delta.added, &CacheDelta::added);
    take(delta.modified, &CacheDelta::modified);
    take(delta.deleted, &CacheDelta::deleted);
    flushSlice();
}

void ResourceCache::drain()
{
    // One slice per event-loop iteration; health changes queued behind it go out with it, in order.
    bool appliedSlice = false;
    while (!m_queue.empty()) {
        Item &head = m_queue.front();
        if (auto *slice = std::get_if<CacheDelta>(&head)) {
            if (appliedSlice)
                break;
            const CacheDelta d = std::move(*slice);
            m_queue.pop_front();
            m_pendingObjects -= d.size();
            apply(d);
            appliedSlice = true;
        } else {
            const CacheHealth h = std::move(std::get<CacheHealth>(head));
            m_queue.pop_front();
            apply(h);
        }
    }
    if (!m_queue.empty())
        m_drainTimer.start();
}

void ResourceCache::apply(const CacheDelta &delta)
{
    m_objects.reserve(m_objects.size() + delta.added.size());
    for (const QJsonObject &object : delta.added)
        m_objects.insert(uidOf(object), object);
    for (const QJsonObject &object : delta.modified)
        m_objects.insert(uidOf(object), object);
    for (const QJsonObject &object : delta.deleted)
        m_objects.remove(uidOf(object));
    if (delta.lastHeard.isValid() && delta.lastHeard > m_health.lastHeard)
        m_health.lastHeard = delta.lastHeard;
    ++m_deltas;
    Q_EMIT changed(delta);
}

void ResourceCache::apply(const CacheHealth &health)
{
    const bool wasSynced = m_health.synced;
    const QDateTime heard = std::max(m_health.lastHeard, health.lastHeard);
    m_health = health;
    m_health.lastHeard = heard;
    Q_EMIT healthChanged(m_health);
    if (!wasSynced && m_health.synced)
        Q_EMIT synced();
}

} // namespace rolldeck::kube
