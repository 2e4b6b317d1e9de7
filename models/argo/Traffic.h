#pragma once

#include "KubeObject.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <utility>

namespace rolldeck {

struct Rollout;
struct RolloutInfo;

// The label Argo Rollouts pins into a Service's selector to point it at one ReplicaSet.
inline constexpr char16_t kPodTemplateHashLabel[] = u"rollouts-pod-template-hash";

// A core/v1 Service, the part traffic needs: its selector.
struct Service
{
    ObjectMeta meta;
    StringMap selector; // spec.selector

    // The selector's rollouts-pod-template-hash ("" when the Service is not pinned to a ReplicaSet).
    QString podTemplateHash() const;

    static Service fromJson(const QJsonObject &json, Diagnostics *problems = nullptr);
};

// networking.istio.io VirtualService: the HTTP routes and their weighted destinations.
struct VirtualServiceDestination
{
    QString host;
    QString subset;
    std::optional<int> weight; // as written; Istio reads a missing weight of a single destination as 100

    friend bool operator==(const VirtualServiceDestination &, const VirtualServiceDestination &) = default;
};

enum class RouteProtocol { Http, Tls, Tcp };

struct VirtualServiceRoute
{
    RouteProtocol protocol = RouteProtocol::Http;
    QString name;         // spec.http[].name (TLS and TCP routes have none)
    QList<int> ports;     // match[].port (TLS, TCP)
    QStringList sniHosts; // match[].sniHosts (TLS)
    QList<VirtualServiceDestination> destinations;

    friend bool operator==(const VirtualServiceRoute &, const VirtualServiceRoute &) = default;
};

struct VirtualService
{
    ObjectMeta meta;
    QStringList hosts;
    QList<VirtualServiceRoute> httpRoutes; // spec.http[]
    QList<VirtualServiceRoute> tlsRoutes;  // spec.tls[]
    QList<VirtualServiceRoute> tcpRoutes;  // spec.tcp[]

    static VirtualService fromJson(const QJsonObject &json, Diagnostics *problems = nullptr);
};

// What a rollout's strategy routes traffic through (spec.strategy): its Services and Istio VirtualServices.
struct TrafficRefs
{
    enum class ServiceRole { Stable, Canary, Active, Preview };

    struct ServiceRef
    {
        ServiceRole role = ServiceRole::Stable;
        QString name;
    };
    struct VirtualServiceRef
    {
        QString namespaceName; // the rollout's unless the reference says "name.namespace"
        QString name;
        QStringList routes; // HTTP route names the controller manages; empty: the first unnamed route
        struct TlsRoute
        {
            int port = 0;
            QStringList sniHosts;
        };
        QList<TlsRoute> tlsRoutes; // TLS routes by port and SNI hosts; empty: the first TLS route
        QList<int> tcpRoutes;      // TCP routes by port; empty: the first TCP route
    };

    QList<ServiceRef> services;
    QList<VirtualServiceRef> virtualServices;
    QString canaryService;
    QString stableService;
    QString canarySubset; // istio.destinationRule subsets: set for a subset-level split, "" for a host-level one
    QString stableSubset;

    bool isEmpty() const { return services.isEmpty() && virtualServices.isEmpty(); }
};

// The Services and VirtualServices a rollout names, in the order the strategy lists them.
TrafficRefs trafficRefs(const Rollout &rollout);

// A trafficRouting.istio virtualService name as Argo Rollouts reads it: "name" (the rollout's namespace) or
// "name.namespace". Returns {namespace, name}.
std::pair<QString, QString> splitVirtualServiceName(const QString &reference, const QString &rolloutNamespace);

// What the client knows of one referenced object: still loading, there, known absent (the watch synced without
// it), or unreadable (the kind is not served, access is denied, the cluster was down before the first list).
struct TrafficLookup
{
    enum class State { Loading, Found, Missing, Unavailable };

    State state = State::Loading;
    QJsonObject object; // Found
    QString cause;      // Unavailable: "404 Not Found", "403 Forbidden", "connection refused"

    friend bool operator==(const TrafficLookup &, const TrafficLookup &) = default;
};
// Looks up one object by namespace and name.
using TrafficLookupFn = std::function<TrafficLookup(const QString &ns, const QString &name)>;

enum class TrafficProblem {
    None,
    Missing,            // the Service / VirtualService does not exist
    Unavailable,        // it cannot be read (see the lookup's cause)
    HashMismatch,       // the Service points at another ReplicaSet than the controller wants
    UnknownReplicaSet,  // the Service points at a hash no ReplicaSet of the rollout has
    NotPinned,          // the Service selects every revision: no rollouts-pod-template-hash in its selector
    WeightMismatch,     // the mesh's weight differs from the one the rollout wants
    DestinationMissing, // the route has no destination for the stable or canary side
    RouteMissing,       // a route the rollout names is not in the VirtualService
};

struct ServiceTraffic
{
    TrafficRefs::ServiceRole role = TrafficRefs::ServiceRole::Stable;
    QString namespaceName;
    QString name;
    TrafficLookup::State state = TrafficLookup::State::Loading;
    QString cause;           // Unavailable
    QString podTemplateHash; // the hash its selector pins ("" none)
    QString expectedHash;    // the hash the controller wants it on ("" while unknown)
    QString replicaSetName;  // the rollout's ReplicaSet with podTemplateHash ("" none)
    int revision = 0;        // that ReplicaSet's revision
    int pods = 0;            // the rollout's pods it selects
    int readyPods = 0;       // of those, running and ready: its ready endpoints
    TrafficProblem problem = TrafficProblem::None;

    friend bool operator==(const ServiceTraffic &, const ServiceTraffic &) = default;
};

struct DestinationTraffic
{
    enum class Target { Stable, Canary, Other };

    QString host;
    QString subset;
    Target target = Target::Other;
    bool present = true;        // false: the side the rollout routes to has no destination in the route
    int weight = 0;             // as the mesh has it
    std::optional<int> desired; // as the rollout wants it (none for a destination it does not manage)
    TrafficProblem problem = TrafficProblem::None;

    friend bool operator==(const DestinationTraffic &, const DestinationTraffic &) = default;
};

struct RouteTraffic
{
    RouteProtocol protocol = RouteProtocol::Http;
    QString name;        // HTTP: the route's name ("" for an unnamed route)
    int port = 0;        // TLS / TCP: the port it matches (the rollout's, or the route's first)
    bool present = true; // false: the rollout names it, the VirtualService has no such route
    QList<DestinationTraffic> destinations;

    friend bool operator==(const RouteTraffic &, const RouteTraffic &) = default;
};

struct VirtualServiceTraffic
{
    QString namespaceName;
    QString name;
    TrafficLookup::State state = TrafficLookup::State::Loading;
    QString cause;
    QList<RouteTraffic> routes;
    TrafficProblem problem = TrafficProblem::None; // Missing / Unavailable; route problems are on the routes

    friend bool operator==(const VirtualServiceTraffic &, const VirtualServiceTraffic &) = default;
};

// The traffic view of one rollout: where each of its Services points, and per managed VirtualService route the
// weight per destination as the mesh has it next to the weight the rollout wants.
struct TrafficInfo
{
    QString namespaceName; // the rollout's
    QList<ServiceTraffic> services;
    QList<VirtualServiceTraffic> virtualServices;
    bool weighted = false;       // canary with traffic routing: the desired weights below apply
    int desiredCanaryWeight = 0; // what the rollout wants now: status.canary.weights when the controller reports
                                 // it, else the step's setWeight (0 when aborted or fully promoted)
    int desiredStableWeight = 0; // the rest of maxTrafficWeight

    bool isEmpty() const { return services.isEmpty() && virtualServices.isEmpty(); }
    // Every problem: missing or unreadable objects, routes, destinations, mismatched hashes and weights.
    int problemCount() const;
    friend bool operator==(const TrafficInfo &, const TrafficInfo &) = default;
};

// Compares what the mesh and the Services have with what the rollout wants. `info` is the rollout's view (its
// ReplicaSets and pods, setWeight); the lookups say what the cluster holds.
TrafficInfo buildTrafficInfo(const Rollout &rollout, const RolloutInfo &info, const TrafficLookupFn &services,
                             const TrafficLookupFn &virtualServices);

} // namespace rolldeck
