#pragma once

#include "models/argo/KubeEvent.h"
#include "models/argo/ObjectStore.h"
#include "models/argo/RolloutInfo.h"
#include "models/argo/Traffic.h"
#include "models/itemmodels/RolloutEventModel.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <functional>
#include <optional>

namespace rolldeck {

namespace kube {
class ClusterConnection;
class ResourceCache;
struct CacheDelta;
struct CacheHealth;
} // namespace kube

// One open rollout detail: watches on demand what `kubectl argo rollouts get rollout` shows for one rollout, and
// publishes its RolloutInfo, text, traffic view and staleness, coalesced. close() releases every cache it opened.
// What it watches and when: docs/rollout-detail.md.
class RolloutDetailSession : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<QDateTime()>;

    enum class State {
        Closed,   // not opened, or closed
        Loading,  // caches are listing
        Ready,    // every cache synced and the rollout is there
        NotFound, // the rollout cache synced without the rollout (deleted, or never existed)
    };
    Q_ENUM(State)

    RolloutDetailSession(kube::ClusterConnection *connection, QString namespaceName, QString name,
                         QObject *parent = nullptr);
    ~RolloutDetailSession() override;

    // The only clock: ages and pause remaining are computed against it (default: the system clock, UTC).
    void setClock(Clock clock);
    // How much faster than that clock the cluster runs its durations (buildRolloutInfo's timeScale; the demo
    // cluster's --speed). Default 1.
    void setTimeScale(double scale);
    // Changes are published at most this often (default 33 ms, about 30 per second). The first complete view is
    // published at once.
    void setCoalesceInterval(int ms);
    // Ages and pause remaining advance with time alone: republish this often while open (default 1000 ms, 0: never).
    void setRefreshInterval(int ms);

    void open();
    void close();

    const QString &context() const { return m_context; }
    const QString &namespaceName() const { return m_namespace; }
    const QString &name() const { return m_name; }
    State state() const { return m_state; }

    // The latest published view (empty before the rollout arrived, and after it was deleted).
    const std::optional<RolloutInfo> &info() const { return m_info; }
    // formatRolloutText() of info().
    const QString &text() const { return m_text; }
    // The label selector the ReplicaSet and pod caches use ("" while unknown or when the rollout has none).
    const QString &podSelector() const { return m_podSelector; }

    // The traffic view (Services, VirtualService weights) published with info(); empty when the rollout names none.
    const TrafficInfo &traffic() const { return m_trafficInfo; }
    // Staleness of the Service and VirtualService caches alone (also part of staleness()).
    const Staleness &trafficStaleness() const { return m_trafficStaleness; }

    // The rollout's Events (core/v1, narrowed to it by involvedObject), published with info(). Not part of the
    // staleness: an identity that may not list Events still sees the rollout live.
    const QList<KubeEvent> &events() const { return m_events; }
    // Whether they can be read: listing, live, forbidden (403) or failing, with the server's cause.
    RolloutEventModel::Access eventsAccess() const { return m_eventsAccess; }
    const QString &eventsCause() const { return m_eventsCause; }

    // Stale when any cache of the detail is (StaleSources).
    bool isStale() const { return m_staleness.isStale(); }
    const Staleness &staleness() const { return m_staleness; }

    // Every object the detail watches (the rollout, its ReplicaSets, pods, AnalysisRuns, Experiments).
    const ObjectStore &store() const { return m_store; }

    // The caches this detail holds (for tests and diagnostics).
    QList<kube::ResourceCache *> caches() const;

signals:
    // A new view was published (also when only time moved on).
    void updated();
    // The first complete view after open(): every cache synced and the rollout present, or known missing.
    void ready();
    void stateChanged(rolldeck::RolloutDetailSession::State state);
    void stalenessChanged();

private:
    enum class Slot { Rollout, ReplicaSets, Pods, AnalysisRuns, Experiments, Count };

    // One Service or VirtualService the rollout routes through, watched by name.
    struct TrafficWatch
    {
        bool virtualService = false;
        QString ns;
        QString name;
        QPointer<kube::ResourceCache> cache;
    };

    void acquire(Slot slot, const QString &labelSelector, const QString &fieldSelector = {});
    void releaseSlot(Slot slot);
    void onChanged(Slot slot, const kube::CacheDelta &delta);
    void onHealth();
    void seed(Slot slot);
    void updatePodSelector(const QJsonObject &rollout);
    void updateTrafficWatches(const QJsonObject &rollout);
    void releaseTraffic();
    void acquireEvents();
    void onEventsChanged();
    void onEventsHealth();
    TrafficLookup lookup(bool virtualService, const QString &ns, const QString &name) const;
    void markDirty();
    void publish();
    void updateState();
    bool allSynced() const;
    QDateTime now() const;

    QPointer<kube::ClusterConnection> m_connection;
    QString m_context;
    QString m_namespace;
    QString m_name;
    Clock m_clock;
    double m_timeScale = 1.0;
    QPointer<kube::ResourceCache> m_caches[int(Slot::Count)];
    ObjectStore m_store;
    QString m_podSelector;
    bool m_selectorKnown = false;
    QList<TrafficWatch> m_traffic;
    TrafficInfo m_trafficInfo;
    QPointer<kube::ResourceCache> m_eventCache;
    QList<KubeEvent> m_events;
    RolloutEventModel::Access m_eventsAccess = RolloutEventModel::Access::Listing;
    QString m_eventsCause;
    Staleness m_trafficStaleness;

    State m_state = State::Closed;
    bool m_readyEmitted = false;
    std::optional<RolloutInfo> m_info;
    QString m_text;
    Staleness m_staleness;

    QTimer m_coalesce{this};
    QTimer m_refresh{this};
};

} // namespace rolldeck
