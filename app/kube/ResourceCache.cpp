#include "kube/ResourceCache.h"

namespace rolldeck::kube {

ResourceCache::ResourceCache(QString context, ResourceKind kind, QString ns, QString labelSelector, QObject *parent)
    : QObject(parent), m_context(std::move(context)), m_kind(std::move(kind)), m_ns(std::move(ns)),
      m_labelSelector(std::move(labelSelector))
{
}

void ResourceCache::applyDelta(const CacheDelta &delta)
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

void ResourceCache::applyHealth(const CacheHealth &health)
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
