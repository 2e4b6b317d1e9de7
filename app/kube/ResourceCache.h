#pragma once

#include "kube/CacheTypes.h"
#include "kube/ResourceKind.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>

namespace rolldeck::kube {

// The GUI-thread view of one informer: the objects (keyed by metadata.uid) and the health, updated by coalesced
// batches. Models observe changed() and healthChanged(); they never see a reset, only additions, modifications and
// deletions. Owned by its ClusterConnection.
class ResourceCache : public QObject
{
    Q_OBJECT
public:
    ResourceCache(QString context, ResourceKind kind, QString ns, QString labelSelector, QObject *parent);

    const QString &context() const { return m_context; }
    const ResourceKind &kind() const { return m_kind; }
    const QString &ns() const { return m_ns; } // empty: all namespaces
    const QString &labelSelector() const { return m_labelSelector; }

    const QHash<QString, QJsonObject> &objects() const { return m_objects; }
    QJsonObject object(const QString &uid) const { return m_objects.value(uid); }
    qsizetype size() const { return m_objects.size(); }
    const CacheHealth &health() const { return m_health; }
    QDateTime lastHeard() const { return m_health.lastHeard; }
    bool isSynced() const { return m_health.synced; }
    quint64 deltasApplied() const { return m_deltas; }

    // Called (queued) by the informer.
    void applyDelta(const rolldeck::kube::CacheDelta &delta);
    void applyHealth(const rolldeck::kube::CacheHealth &health);

Q_SIGNALS:
    void changed(const rolldeck::kube::CacheDelta &delta);
    void healthChanged(const rolldeck::kube::CacheHealth &health);
    void synced();

private:
    QString m_context;
    ResourceKind m_kind;
    QString m_ns;
    QString m_labelSelector;
    QHash<QString, QJsonObject> m_objects;
    CacheHealth m_health;
    quint64 m_deltas = 0;
};

} // namespace rolldeck::kube
