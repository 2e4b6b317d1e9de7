#include "ResourceTree.h"

#include "../Store.h"
#include "Health.h"

#include <map>
#include <set>

namespace rdsim::argocd {

using nlohmann::json;

namespace {

struct NodeKind
{
    const char *group;
    const char *version;
    const char *kind;
};

constexpr NodeKind kRolloutNode{"argoproj.io", "v1alpha1", "Rollout"};
constexpr NodeKind kReplicaSetNode{"apps", "v1", "ReplicaSet"};

json node(const json &obj, const std::string &ns, const NodeKind &k)
{
    const json &meta = obj["metadata"];
    json n{{"group", k.group},
           {"version", k.version},
           {"kind", k.kind},
           {"namespace", meta.value("namespace", ns)},
           {"name", meta.value("name", std::string())},
           {"uid", meta.value("uid", std::string())},
           {"resourceVersion", meta.value("resourceVersion", std::string())},
           {"createdAt", meta.value("creationTimestamp", std::string())}};
    if (std::string(k.group).empty())
        n.erase("group");
    return n;
}

json parentRefs(const json &owner, const std::string &ns, const NodeKind &k)
{
    return json::array({json{{"group", k.group},
                             {"version", k.version},
                             {"kind", k.kind},
                             {"namespace", owner["metadata"].value("namespace", ns)},
                             {"name", owner["metadata"].value("name", std::string())},
                             {"uid", owner["metadata"].value("uid", std::string())}}});
}

// The uid of the controller owner reference ("" without one).
std::string controllerUid(const json &obj)
{
    for (const json &ref : obj["metadata"].value("ownerReferences", json::array()))
        if (ref.value("controller", false))
            return ref.value("uid", std::string());
    return std::string();
}

void addRevisionInfo(json &n, const json &obj)
{
    const std::string rev =
        obj["metadata"].value("annotations", json::object()).value("rollout.argoproj.io/revision", std::string());
    if (!rev.empty())
        n["info"] = json::array({json{{"name", "Revision"}, {"value", "Rev:" + rev}}});
}

// A pod with what the UI shows of it: status reason, node, ready containers, restarts, images.
json podNode(const json &pod, const std::string &ns, const json &owner)
{
    json n = node(pod, ns, {"", "v1", "Pod"});
    n["parentRefs"] = parentRefs(owner, ns, kReplicaSetNode);
    n["health"] = podHealth(pod);
    const json st = pod.value("status", json::object());
    int ready = 0, total = 0, restarts = 0;
    std::string reason = st.value("phase", std::string("Pending"));
    json images = json::array();
    for (const json &cs : st.value("containerStatuses", json::array())) {
        ++total;
        ready += cs.value("ready", false) ? 1 : 0;
        restarts += cs.value("restartCount", 0);
        const std::string waiting =
            cs.value("state", json::object()).value("waiting", json::object()).value("reason", std::string());
        if (!waiting.empty())
            reason = waiting;
    }
    for (const json &c : pod["spec"].value("containers", json::array()))
        images.push_back(c.value("image", std::string()));
    if (total == 0)
        total = static_cast<int>(images.size());
    n["images"] = images;
    n["info"] =
        json::array({json{{"name", "Status Reason"}, {"value", reason}},
                     json{{"name", "Node"}, {"value", pod["spec"].value("nodeName", std::string())}},
                     json{{"name", "Containers"}, {"value", std::to_string(ready) + "/" + std::to_string(total)}}});
    if (restarts > 0)
        n["info"].push_back(json{{"name", "Restart Count"}, {"value", std::to_string(restarts)}});
    return n;
}

json virtualServiceNode(const json &vs, const std::string &ns)
{
    json n = node(vs, ns, {"networking.istio.io", "v1beta1", "VirtualService"});
    json targets = json::array();
    std::set<std::string> seen;
    for (const json &route : vs["spec"].value("http", json::array()))
        for (const json &d : route.value("route", json::array())) {
            const std::string host = d.value("destination", json::object()).value("host", std::string());
            if (!host.empty() && seen.insert(host).second)
                targets.push_back(
                    json{{"kind", "Service"}, {"name", host.substr(0, host.find('.'))}, {"namespace", ns}});
        }
    n["networkingInfo"] = json{{"targetRefs", targets}};
    return n;
}

} // namespace

json resourceTree(Store &store, const std::string &ns)
{
    json nodes = json::array();
    std::map<std::string, json> rollouts, replicaSets; // by uid
    for (const ObjectPtr &p : store.list(kRollouts, ns).items) {
        json n = node(*p, ns, kRolloutNode);
        n["health"] = rolloutHealth(*p);
        addRevisionInfo(n, *p);
        nodes.push_back(n);
        rollouts[(*p)["metadata"].value("uid", std::string())] = *p;
    }
    for (const ObjectPtr &p : store.list(kReplicaSets, ns).items) {
        auto owner = rollouts.find(controllerUid(*p));
        if (owner == rollouts.end())
            continue;
        json n = node(*p, ns, kReplicaSetNode);
        n["parentRefs"] = parentRefs(owner->second, ns, kRolloutNode);
        n["health"] = replicaSetHealth(*p);
        addRevisionInfo(n, *p);
        nodes.push_back(n);
        replicaSets[(*p)["metadata"].value("uid", std::string())] = *p;
    }
    for (const ObjectPtr &p : store.list(kPods, ns).items) {
        auto owner = replicaSets.find(controllerUid(*p));
        if (owner != replicaSets.end())
            nodes.push_back(podNode(*p, ns, owner->second));
    }
    for (const ObjectPtr &p : store.list(kAnalysisRuns, ns).items) {
        auto owner = rollouts.find(controllerUid(*p));
        if (owner == rollouts.end())
            continue;
        json n = node(*p, ns, {"argoproj.io", "v1alpha1", "AnalysisRun"});
        n["parentRefs"] = parentRefs(owner->second, ns, kRolloutNode);
        n["health"] = analysisRunHealth(*p);
        nodes.push_back(n);
    }
    for (const ObjectPtr &p : store.list(kServices, ns).items) {
        json n = node(*p, ns, {"", "v1", "Service"});
        n["health"] = json{{"status", "Healthy"}};
        n["networkingInfo"] = json{{"targetLabels", (*p)["spec"].value("selector", json::object())}};
        nodes.push_back(n);
    }
    for (const ObjectPtr &p : store.list(kVirtualServices, ns).items)
        nodes.push_back(virtualServiceNode(*p, ns));
    for (const ObjectPtr &p : store.list(kDestinationRules, ns).items)
        nodes.push_back(node(*p, ns, {"networking.istio.io", "v1beta1", "DestinationRule"}));
    for (const ObjectPtr &p : store.list(kAnalysisTemplates, ns).items)
        nodes.push_back(node(*p, ns, {"argoproj.io", "v1alpha1", "AnalysisTemplate"}));
    return json{{"nodes", nodes},
                {"hosts", json::array({json{{"name", "sim-node-1"}}, json{{"name", "sim-node-2"}},
                                       json{{"name", "sim-node-3"}}})}};
}

} // namespace rdsim::argocd
