#include "Traffic.h"

#include "Rollout.h"
#include "RolloutInfo.h"

#include <QJsonArray>

namespace rolldeck {

namespace {

using L = QLatin1StringView;

QJsonObject objectAt(const QJsonObject &parent, L key)
{
    return parent.value(key).toObject();
}

// "api", "api.prod", "api.prod.svc.cluster.local" all name the Service "api" (the short name is resolved in the
// VirtualService's namespace, which for the routes Argo Rollouts manages is the rollout's).
bool hostNamesService(const QString &host, const QString &service)
{
    if (service.isEmpty())
        return false;
    return host == service ||
           (host.startsWith(service) && host.size() > service.size() && host.at(service.size()) == u'.');
}

bool podReady(const PodInfo &pod)
{
    return pod.status == u"Running" && pod.totalContainers > 0 && pod.readyContainers == pod.totalContainers;
}

} // namespace

QString Service::podTemplateHash() const
{
    return selector.value(QString::fromUtf16(kPodTemplateHashLabel));
}

Service Service::fromJson(const QJsonObject &json, Diagnostics *problems)
{
    Service service;
    service.meta = parseObjectMeta(json, {}, problems);
    const FieldReader r(service.meta.displayName(), {}, problems);
    const QJsonObject spec = r.object(json, L("spec"), L(""));
    service.selector = r.stringMap(spec, L("selector"), L("spec"));
    return service;
}

VirtualService VirtualService::fromJson(const QJsonObject &json, Diagnostics *problems)
{
    VirtualService vs;
    vs.meta = parseObjectMeta(json, {}, problems);
    const FieldReader r(vs.meta.displayName(), {}, problems);
    const QJsonObject spec = r.object(json, L("spec"), L(""));
    for (const QJsonValue &host : r.array(spec, L("hosts"), L("spec")))
        vs.hosts << host.toString();
    const auto parseRoutes = [&r, &spec](L key, L context, RouteProtocol protocol) {
        QList<VirtualServiceRoute> routes;
        for (const QJsonValue &value : r.array(spec, key, L("spec"))) {
            if (!value.isObject()) {
                r.report(context, L("[]"), QStringLiteral("a route is not a mapping"));
                continue;
            }
            const QJsonObject json = value.toObject();
            VirtualServiceRoute route;
            route.protocol = protocol;
            route.name = json.value(L("name")).toString();
            for (const QJsonValue &m : json.value(L("match")).toArray()) {
                const QJsonObject match = m.toObject();
                if (match.value(L("port")).isDouble())
                    route.ports << match.value(L("port")).toInt();
                for (const QJsonValue &host : match.value(L("sniHosts")).toArray())
                    route.sniHosts << host.toString();
            }
            for (const QJsonValue &d : r.array(json, L("route"), context)) {
                const QJsonObject entry = d.toObject();
                const QJsonObject destination = r.object(entry, L("destination"), context);
                VirtualServiceDestination out;
                out.host = r.string(destination, L("host"), context);
                out.subset = r.string(destination, L("subset"), context);
                if (const auto weight = r.integer(entry, L("weight"), context))
                    out.weight = int(*weight);
                route.destinations << out;
            }
            routes << route;
        }
        return routes;
    };
    vs.httpRoutes = parseRoutes(L("http"), L("spec.http[]"), RouteProtocol::Http);
    vs.tlsRoutes = parseRoutes(L("tls"), L("spec.tls[]"), RouteProtocol::Tls);
    vs.tcpRoutes = parseRoutes(L("tcp"), L("spec.tcp[]"), RouteProtocol::Tcp);
    return vs;
}

std::pair<QString, QString> splitVirtualServiceName(const QString &reference, const QString &rolloutNamespace)
{
    // Argo Rollouts splits on '.': the first field is the name, the second the namespace.
    const QStringList fields = reference.split(u'.');
    if (fields.size() >= 2 && !fields.at(1).isEmpty())
        return {fields.at(1), fields.at(0)};
    return {rolloutNamespace, fields.value(0)};
}

TrafficRefs trafficRefs(const Rollout &rollout)
{
    TrafficRefs refs;
    const QJsonObject &strategy = rollout.strategyJson;
    const auto addService = [&refs](TrafficRefs::ServiceRole role, const QString &name) {
        if (!name.isEmpty())
            refs.services.append({role, name});
    };
    if (rollout.strategy == Rollout::Strategy::Canary) {
        const QJsonObject canary = objectAt(strategy, L("canary"));
        refs.stableService = canary.value(L("stableService")).toString();
        refs.canaryService = canary.value(L("canaryService")).toString();
        const QJsonObject pingPong = objectAt(canary, L("pingPong"));
        if (!pingPong.isEmpty()) {
            // Ping-pong: the two Services take turns; status.canary.stablePingPong says which one is stable now.
            const QString ping = pingPong.value(L("pingService")).toString();
            const QString pong = pingPong.value(L("pongService")).toString();
            const bool pongStable = rollout.stablePingPong == u"pong";
            refs.stableService = pongStable ? pong : ping;
            refs.canaryService = pongStable ? ping : pong;
        }
        addService(TrafficRefs::ServiceRole::Stable, refs.stableService);
        addService(TrafficRefs::ServiceRole::Canary, refs.canaryService);
        const QJsonObject istio = objectAt(objectAt(canary, L("trafficRouting")), L("istio"));
        QJsonArray vsRefs;
        if (istio.value(L("virtualService")).isObject())
            vsRefs.append(istio.value(L("virtualService")));
        for (const QJsonValue &v : istio.value(L("virtualServices")).toArray())
            vsRefs.append(v);
        for (const QJsonValue &v : std::as_const(vsRefs)) {
            const QJsonObject ref = v.toObject();
            const QString name = ref.value(L("name")).toString();
            if (name.isEmpty())
                continue;
            TrafficRefs::VirtualServiceRef out;
            std::tie(out.namespaceName, out.name) = splitVirtualServiceName(name, rollout.meta.namespaceName);
            for (const QJsonValue &route : ref.value(L("routes")).toArray())
                out.routes << route.toString();
            for (const QJsonValue &v : ref.value(L("tlsRoutes")).toArray()) {
                TrafficRefs::VirtualServiceRef::TlsRoute tls;
                tls.port = v.toObject().value(L("port")).toInt();
                for (const QJsonValue &host : v.toObject().value(L("sniHosts")).toArray())
                    tls.sniHosts << host.toString();
                out.tlsRoutes << tls;
            }
            for (const QJsonValue &v : ref.value(L("tcpRoutes")).toArray())
                out.tcpRoutes << v.toObject().value(L("port")).toInt();
            refs.virtualServices << out;
        }
        const QJsonObject rule = objectAt(istio, L("destinationRule"));
        refs.canarySubset = rule.value(L("canarySubsetName")).toString();
        refs.stableSubset = rule.value(L("stableSubsetName")).toString();
    } else if (rollout.strategy == Rollout::Strategy::BlueGreen) {
        addService(TrafficRefs::ServiceRole::Active, rollout.activeService);
        addService(TrafficRefs::ServiceRole::Preview, rollout.previewService);
    }
    return refs;
}

int TrafficInfo::problemCount() const
{
    int count = 0;
    for (const ServiceTraffic &s : services)
        count += s.problem != TrafficProblem::None;
    for (const VirtualServiceTraffic &vs : virtualServices) {
        count += vs.problem != TrafficProblem::None;
        for (const RouteTraffic &route : vs.routes) {
            count += !route.present;
            for (const DestinationTraffic &d : route.destinations)
                count += d.problem != TrafficProblem::None;
        }
    }
    return count;
}

namespace {

// One Service the strategy names: where its selector points, against the ReplicaSet the rollout wants there.
ServiceTraffic serviceTraffic(const Rollout &rollout, const TrafficRefs::ServiceRef &ref,
                              const QList<ReplicaSetInfo> &replicaSets, const TrafficLookupFn &services)
{
    const QString &ns = rollout.meta.namespaceName;
    ServiceTraffic s;
    s.role = ref.role;
    s.namespaceName = ns;
    s.name = ref.name;
    switch (ref.role) {
    case TrafficRefs::ServiceRole::Stable:
        s.expectedHash = rollout.stableRS.isEmpty() ? rollout.canaryStableRS : rollout.stableRS;
        break;
    case TrafficRefs::ServiceRole::Canary:
        // Without traffic routing an aborted update sends the canary Service back to stable as well.
        s.expectedHash = (rollout.abort && !rollout.hasTrafficRouting && !rollout.stableRS.isEmpty())
                             ? rollout.stableRS
                             : rollout.currentPodHash;
        break;
    case TrafficRefs::ServiceRole::Active:
        s.expectedHash = rollout.activeSelector;
        break;
    case TrafficRefs::ServiceRole::Preview:
        s.expectedHash = rollout.previewSelector;
        break;
    }
    const TrafficLookup lookup = services ? services(ns, ref.name) : TrafficLookup{};
    s.state = lookup.state;
    s.cause = lookup.cause;
    if (lookup.state == TrafficLookup::State::Missing) {
        s.problem = TrafficProblem::Missing;
    } else if (lookup.state == TrafficLookup::State::Unavailable) {
        s.problem = TrafficProblem::Unavailable;
    } else if (lookup.state == TrafficLookup::State::Found) {
        const Service service = Service::fromJson(lookup.object);
        s.podTemplateHash = service.podTemplateHash();
        for (const ReplicaSetInfo &rs : replicaSets) {
            if (s.podTemplateHash.isEmpty() || rs.podTemplateHash == s.podTemplateHash) {
                if (!s.podTemplateHash.isEmpty()) {
                    s.replicaSetName = rs.name;
                    s.revision = rs.revision;
                }
                for (const PodInfo &pod : rs.pods) {
                    ++s.pods;
                    s.readyPods += podReady(pod);
                }
            }
        }
        if (s.podTemplateHash.isEmpty()) {
            if (!s.expectedHash.isEmpty())
                s.problem = TrafficProblem::NotPinned;
        } else if (!s.expectedHash.isEmpty() && s.podTemplateHash != s.expectedHash) {
            s.problem = TrafficProblem::HashMismatch;
        } else if (s.replicaSetName.isEmpty() && !replicaSets.isEmpty()) {
            s.problem = TrafficProblem::UnknownReplicaSet;
        }
    }
    return s;
}

} // namespace

TrafficInfo buildTrafficInfo(const Rollout &rollout, const RolloutInfo &info, const TrafficLookupFn &services,
                             const TrafficLookupFn &virtualServices)
{
    TrafficInfo out;
    out.namespaceName = rollout.meta.namespaceName;
    const TrafficRefs refs = trafficRefs(rollout);
    const QList<ReplicaSetInfo> replicaSets = info.replicaSets();

    // The weights the rollout wants now. A fully promoted rollout routes everything to stable again (its canary
    // is the stable ReplicaSet), an aborted one too; otherwise the step's setWeight.
    const QJsonObject &weights = rollout.canaryWeightsJson;
    QList<std::pair<QString, int>> additional; // serviceName → weight (experiment steps)
    int additionalTotal = 0;
    for (const QJsonValue &v : weights.value(L("additional")).toArray()) {
        const QJsonObject a = v.toObject();
        additional.append({a.value(L("serviceName")).toString(), a.value(L("weight")).toInt()});
        additionalTotal += a.value(L("weight")).toInt();
    }
    out.weighted = rollout.strategy == Rollout::Strategy::Canary && rollout.hasTrafficRouting;
    if (out.weighted) {
        const bool promoted = !rollout.currentPodHash.isEmpty() && rollout.currentPodHash == rollout.stableRS;
        out.desiredCanaryWeight = (rollout.abort || info.aborted || promoted) ? 0 : info.setWeight;
        if (promoted || rollout.abort || info.aborted) {
            additionalTotal = 0;
            additional.clear();
        }
        out.desiredStableWeight = std::max(0, info.maxWeight - out.desiredCanaryWeight - additionalTotal);
        // What the controller has set is the reference once it says so (status.canary.weights, v1.3+): it holds the
        // previous step's weight until the canary's pods are available, and the mesh legitimately follows it, not
        // the step being worked towards. A mesh that differs from *that* is drift (a hand edit, a failed update).
        // Aborted or fully promoted, everything belongs on stable whatever the status still says.
        const QJsonObject applied = weights.value(L("canary")).toObject();
        if (applied.value(L("weight")).isDouble() && !(rollout.abort || info.aborted || promoted)) {
            out.desiredCanaryWeight = applied.value(L("weight")).toInt();
            const QJsonObject stable = weights.value(L("stable")).toObject();
            out.desiredStableWeight = stable.value(L("weight")).isDouble()
                                          ? stable.value(L("weight")).toInt()
                                          : std::max(0, info.maxWeight - out.desiredCanaryWeight - additionalTotal);
        }
    }

    for (const TrafficRefs::ServiceRef &ref : refs.services)
        out.services << serviceTraffic(rollout, ref, replicaSets, services);

    const bool subsetSplit = !refs.canarySubset.isEmpty() || !refs.stableSubset.isEmpty();
    // As the controller tells the sides apart: by the host's short name or by the DestinationRule subset.
    const auto targetOf = [&](const VirtualServiceDestination &d) {
        if (hostNamesService(d.host, refs.canaryService) || (!d.subset.isEmpty() && d.subset == refs.canarySubset))
            return DestinationTraffic::Target::Canary;
        if (hostNamesService(d.host, refs.stableService) || (!d.subset.isEmpty() && d.subset == refs.stableSubset))
            return DestinationTraffic::Target::Stable;
        return DestinationTraffic::Target::Other;
    };
    const auto desiredFor = [&](DestinationTraffic::Target target, const QString &host) -> std::optional<int> {
        if (!out.weighted)
            return std::nullopt;
        switch (target) {
        case DestinationTraffic::Target::Canary:
            return out.desiredCanaryWeight;
        case DestinationTraffic::Target::Stable:
            return out.desiredStableWeight;
        case DestinationTraffic::Target::Other:
            for (const auto &[service, weight] : additional) {
                if (hostNamesService(host, service))
                    return weight;
            }
            return std::nullopt;
        }
        return std::nullopt;
    };

    for (const TrafficRefs::VirtualServiceRef &ref : refs.virtualServices) {
        VirtualServiceTraffic v;
        v.namespaceName = ref.namespaceName;
        v.name = ref.name;
        const TrafficLookup lookup = virtualServices ? virtualServices(ref.namespaceName, ref.name) : TrafficLookup{};
        v.state = lookup.state;
        v.cause = lookup.cause;
        if (lookup.state == TrafficLookup::State::Missing)
            v.problem = TrafficProblem::Missing;
        else if (lookup.state == TrafficLookup::State::Unavailable)
            v.problem = TrafficProblem::Unavailable;
        if (lookup.state != TrafficLookup::State::Found) {
            out.virtualServices << v;
            continue;
        }
        const VirtualService vs = VirtualService::fromJson(lookup.object);
        // The routes the controller sets weights on, in the order the rollout names them; a route the rollout
        // names that the VirtualService lacks becomes an absent RouteTraffic.
        QList<std::pair<const VirtualServiceRoute *, RouteTraffic>> managed;
        const auto manage = [&managed](const VirtualServiceRoute *route, RouteTraffic shown) {
            for (const auto &m : std::as_const(managed)) {
                if (m.first && m.first == route)
                    return;
            }
            managed.append({route, shown});
        };
        const auto absent = [](RouteProtocol protocol, const QString &name, int port) {
            RouteTraffic r;
            r.protocol = protocol;
            r.name = name;
            r.port = port;
            r.present = false;
            return r;
        };
        const auto shown = [](const VirtualServiceRoute &route, int port) {
            RouteTraffic r;
            r.protocol = route.protocol;
            r.name = route.protocol == RouteProtocol::Tls ? route.sniHosts.join(u',') : route.name;
            r.port = port ? port : route.ports.value(0);
            return r;
        };
        if (ref.routes.isEmpty()) {
            // Without names the controller takes the first unnamed HTTP route (the first route, before v1.7).
            const auto it = std::find_if(vs.httpRoutes.cbegin(), vs.httpRoutes.cend(),
                                         [](const VirtualServiceRoute &r) { return r.name.isEmpty(); });
            if (it != vs.httpRoutes.cend())
                manage(&*it, shown(*it, 0));
            else if (!vs.httpRoutes.isEmpty())
                manage(&vs.httpRoutes.first(), shown(vs.httpRoutes.first(), 0));
        }
        for (const QString &name : ref.routes) {
            const auto it = std::find_if(vs.httpRoutes.cbegin(), vs.httpRoutes.cend(),
                                         [&name](const VirtualServiceRoute &r) { return r.name == name; });
            if (it == vs.httpRoutes.cend())
                managed.append({nullptr, absent(RouteProtocol::Http, name, 0)});
            else
                manage(&*it, shown(*it, 0));
        }
        if (ref.tlsRoutes.isEmpty() && !vs.tlsRoutes.isEmpty())
            manage(&vs.tlsRoutes.first(), shown(vs.tlsRoutes.first(), 0));
        for (const TrafficRefs::VirtualServiceRef::TlsRoute &tls : ref.tlsRoutes) {
            bool found = false;
            for (const VirtualServiceRoute &route : vs.tlsRoutes) {
                const bool portMatches = tls.port == 0 || route.ports.contains(tls.port);
                const bool hostsMatch = std::all_of(tls.sniHosts.cbegin(), tls.sniHosts.cend(),
                                                    [&route](const QString &h) { return route.sniHosts.contains(h); });
                if (portMatches && hostsMatch) {
                    manage(&route, shown(route, tls.port));
                    found = true;
                }
            }
            if (!found)
                managed.append({nullptr, absent(RouteProtocol::Tls, tls.sniHosts.join(u','), tls.port)});
        }
        if (ref.tcpRoutes.isEmpty() && !vs.tcpRoutes.isEmpty())
            manage(&vs.tcpRoutes.first(), shown(vs.tcpRoutes.first(), 0));
        for (const int port : ref.tcpRoutes) {
            bool found = false;
            for (const VirtualServiceRoute &route : vs.tcpRoutes) {
                if (port == 0 || route.ports.contains(port)) {
                    manage(&route, shown(route, port));
                    found = true;
                }
            }
            if (!found)
                managed.append({nullptr, absent(RouteProtocol::Tcp, {}, port)});
        }
        for (const auto &[route, shownRoute] : std::as_const(managed)) {
            RouteTraffic r = shownRoute;
            if (!route) {
                v.routes << r;
                continue;
            }
            bool sawCanary = false;
            bool sawStable = false;
            for (const VirtualServiceDestination &d : route->destinations) {
                DestinationTraffic dt;
                dt.host = d.host;
                dt.subset = d.subset;
                dt.target = targetOf(d);
                dt.weight = d.weight.value_or(route->destinations.size() == 1 ? 100 : 0);
                dt.desired = desiredFor(dt.target, d.host);
                if (dt.desired && *dt.desired != dt.weight)
                    dt.problem = TrafficProblem::WeightMismatch;
                sawCanary = sawCanary || dt.target == DestinationTraffic::Target::Canary;
                sawStable = sawStable || dt.target == DestinationTraffic::Target::Stable;
                r.destinations << dt;
            }
            // The controller needs both sides in every route it manages.
            const auto addAbsent = [&](DestinationTraffic::Target target, const QString &service,
                                       const QString &subset) {
                DestinationTraffic dt;
                dt.host = subsetSplit ? QString() : service;
                dt.subset = subset;
                dt.target = target;
                dt.present = false;
                dt.desired = desiredFor(target, service);
                dt.problem = TrafficProblem::DestinationMissing;
                r.destinations << dt;
            };
            if (out.weighted && !sawStable)
                addAbsent(DestinationTraffic::Target::Stable, refs.stableService, refs.stableSubset);
            if (out.weighted && !sawCanary)
                addAbsent(DestinationTraffic::Target::Canary, refs.canaryService, refs.canarySubset);
            v.routes << r;
        }
        out.virtualServices << v;
    }
    return out;
}

} // namespace rolldeck
