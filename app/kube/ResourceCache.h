#pragma once

#include "kube/CacheTypes.h"
#include "kube/ResourceKind.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <deque>
#include <functional>
#include <optional>

namespace rolldeck::kube {

// The GUI-thread view of one informer: its objects (by metadata.uid, kept as compact JSON) and its health, updated
// by paced, budgeted batches of additions, modifications and deletions, never a reset. Owned by its
// ClusterConnection; delivery, flow control and ordering are described in docs/live-caches.md.
class ResourceCache : public QObject
{
    Q_OBJECT
public:
    ResourceCache(QString context, ResourceKind kind, QString ns, QString labelSelector, QObject *parent);
    ~ResourceCache() override;

    const QString &context() const { return m_context; }
    const ResourceKind &kind() const { return m_kind; }
    const QString &ns() const { return m_ns; } // empty: all namespaces
    const QString &labelSelector() const { return m_labelSelector; }
    // "Rollout" or "Rollout/prod": what it holds, naming it as a source of staleness.
    QString scopeName() const
    {
        return m_ns.isEmpty() ? m_kind.displayName() : QString(m_kind.displayName() + u'/' + m_ns);
    }

    // Objects are kept as their compact JSON text and parsed when asked for: a parsed QJsonObject takes about eight
    // times the memory of its text, and a fleet's caches would not fit otherwise. Parsing costs about 7 µs an object.
    QList<QJsonObject> objects() const; // every object, parsed (for small caches and seeding)
    QJsonObject object(const QString &uid) const;
    QJsonObject find(const QString &ns, const QString &name) const; // without parsing the others
    bool contains(const QString &uid) const { return m_objects.contains(uid); }
    QList<std::pair<QString, QString>> names() const; // (namespace, name) of every object, without parsing
    qsizetype size() const { return m_objects.size(); }
    const CacheHealth &health() const { return m_health; }
    QDateTime lastHeard() const { return m_health.lastHeard; }
    bool isSynced() const { return m_health.synced; }
    quint64 deltasApplied() const { return m_deltas; }  // changed() emissions so far
    quint64 deliveries() const { return m_deliveries; } // rounds of changed() emissions (at most one per interval)
    // Objects received but not yet applied (waiting for a later delivery).
    qsizetype pendingObjects() const { return m_pendingObjects; }

    // Pacing. The defaults suit a 60 Hz screen: at most ~30 deliveries a second, each about 4 ms of work (a
    // 16 ms frame then holds a delivery and the row pump even when the thread waits a scheduler tick for a core).
    int deliveryIntervalMs() const { return m_intervalMs; }
    void setDeliveryInterval(int ms) { m_intervalMs = std::max(0, ms); }
    int frameBudgetMs() const { return m_budgetMs; }
    void setFrameBudget(int ms) { m_budgetMs = std::max(1, ms); }
    qsizetype maxSlice() const { return m_maxSlice; }
    void setMaxSlice(qsizetype objects) { m_maxSlice = std::max<qsizetype>(1, objects); }

    // Where replaced and deleted objects are freed: an object living on a worker thread (the informer's). Without
    // one they are freed here.
    void setReaper(QObject *reaper) { m_reaper = reaper; }

    // An observer that hands its work to another thread and may fall behind: while `busy` holds, deliveries wait (the
    // informer keeps coalescing meanwhile), so what waits for that thread is bounded. Ends with `owner` or unhold().
    void holdWhile(const QObject *owner, std::function<bool()> busy);
    void unhold(const QObject *owner);

    // Called (queued) by the informer.
    void applyDelta(const rolldeck::kube::CacheDelta &delta);
    void applyHealth(const rolldeck::kube::CacheHealth &health);

signals:
    void changed(const rolldeck::kube::CacheDelta &delta);
    void healthChanged(const rolldeck::kube::CacheHealth &health);
    void synced();
    // Every batch received so far has been applied: the informer may send the next one.
    void drained();

private:
    // A batch received and not yet wholly applied, or a health change waiting behind batches.
    struct Item
    {
        CacheDelta delta;
        qsizetype done = 0; // objects of `delta` already applied, counted across added, modified, deleted
        std::optional<CacheHealth> health;
    };

    void deliver();
    void scheduleDelivery();
    qsizetype applySlice(Item &item, qsizetype budget, CacheDelta &out);
    void store(const QJsonObject &object, const QByteArray &json);
    void forget(const QJsonObject &object);
    void apply(const CacheHealth &health);
    void reap();
    bool held();

    QString m_context;
    ResourceKind m_kind;
    QString m_ns;
    QString m_labelSelector;
    struct Stored
    {
        QByteArray json;
        QString ns;
        QString name;
    };
    QHash<QString, Stored> m_objects;    // by uid
    QHash<QString, QString> m_uidByName; // "namespace/name" to uid
    CacheHealth m_health;
    quint64 m_deltas = 0;
    quint64 m_deliveries = 0;

    std::deque<Item> m_queue; // in arrival order
    qsizetype m_pendingObjects = 0;

    int m_intervalMs = 33;
    int m_budgetMs = 4;
    qsizetype m_maxSlice = 20000;
    double m_nsPerObject = 0; // measured cost of one object (cache and observers), moving average
    QElapsedTimer m_sinceDelivery;
    QTimer m_deliveryTimer;

    QList<std::pair<QPointer<const QObject>, std::function<bool()>>> m_holds;
    QPointer<QObject> m_reaper;
    QList<QJsonObject> m_graveyard; // deltas' objects, freed on the reaper's thread
};

} // namespace rolldeck::kube
