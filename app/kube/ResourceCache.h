#pragma once

#include "kube/CacheTypes.h"
#include "kube/ResourceKind.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <deque>
#include <variant>

namespace rolldeck::kube {

// The GUI-thread view of one informer: the objects (keyed by metadata.uid) and the health, updated by coalesced
// batches. Models observe changed() and healthChanged(); they never see a reset, only additions, modifications and
// deletions. Owned by its ClusterConnection.
//
// A large batch (the initial list of a fleet, a burst after a reconnect) is applied in slices of at most
// sliceSize() objects, one slice per event-loop iteration, so that neither the cache nor the models observing
// changed() block the GUI thread for long. Slices keep the arrival order: a later batch or health change waits
// until every slice before it has been applied, so synced() still follows the objects of the first list. Each
// slice is itself a coalesced batch (a uid appears at most once), emitted through one changed().
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
    quint64 deltasApplied() const { return m_deltas; } // changed() emissions (slices) so far
    // Objects received but not yet applied (waiting for a later event-loop iteration).
    qsizetype pendingObjects() const { return m_pendingObjects; }
    qsizetype sliceSize() const { return m_sliceSize; }
    void setSliceSize(qsizetype objects) { m_sliceSize = std::max<qsizetype>(1, objects); }

    // Called (queued) by the informer.
    void applyDelta(const rolldeck::kube::CacheDelta &delta);
    void applyHealth(const rolldeck::kube::CacheHealth &health);

Q_SIGNALS:
    void changed(const rolldeck::kube::CacheDelta &delta);
    void healthChanged(const rolldeck::kube::CacheHealth &health);
    void synced();

private:
    using Item = std::variant<CacheDelta, CacheHealth>;
    void enqueue(const CacheDelta &delta);
    void drain();
    void apply(const CacheDelta &slice);
    void apply(const CacheHealth &health);

    QString m_context;
    ResourceKind m_kind;
    QString m_ns;
    QString m_labelSelector;
    QHash<QString, QJsonObject> m_objects;
    CacheHealth m_health;
    quint64 m_deltas = 0;
    qsizetype m_sliceSize = 500;
    std::deque<Item> m_queue; // slices and health changes not yet applied, in arrival order
    qsizetype m_pendingObjects = 0;
    QTimer m_drainTimer;
};

} // namespace rolldeck::kube
