#include "ScenarioObjects.h"

#include "../Resources.h"
#include "../Store.h"
#include "Scenario.h"

namespace rdsim {

using nlohmann::json;

namespace {

const ResourceType *typeFor(const std::string &apiVersion, const std::string &kind)
{
    const auto slash = apiVersion.find('/');
    const std::string group = slash == std::string::npos ? std::string() : apiVersion.substr(0, slash);
    for (const ResourceType &rt : resourceCatalog())
        if (rt.kind == kind && rt.gvr.group == group)
            return &rt;
    return nullptr;
}

} // namespace

bool applyScenarioObjects(Store &store, const Scenario &scenario, std::string *error)
{
    for (const json &o : scenario.objects) {
        const std::string kind = o.value("kind", std::string());
        const ResourceType *rt = typeFor(o.value("apiVersion", std::string()), kind);
        if (!rt) {
            *error = "objects: the simulator does not serve " + o.value("apiVersion", std::string()) + " " + kind;
            return false;
        }
        const std::string ns =
            rt->namespaced ? o["metadata"].value("namespace", std::string("default")) : std::string();
        Outcome r = store.create(rt->gvr, ns, o);
        if (r.error && r.error->code != 409) {
            *error = "objects: " + kind + " " + o["metadata"].value("name", std::string()) + ": " + r.error->message;
            return false;
        }
    }
    return true;
}

bool runScenarioAction(Store &store, const json &action, std::string *error)
{
    if (action.contains("setImage")) {
        const json &s = action["setImage"];
        const std::string container = s.value("container", std::string());
        const std::string image = s.value("image", std::string());
        const json labels = s.value("labels", json::object());
        Outcome o = store.mutate(
            kRollouts, s.value("namespace", std::string("default")), s.value("rollout", std::string()),
            [&](json &ro) {
                bool found = false;
                for (json &c : ro["spec"]["template"]["spec"]["containers"]) {
                    if (container.empty() || container == "*" || c.value("name", std::string()) == container) {
                        c["image"] = image;
                        found = true;
                    }
                }
                for (auto it = labels.begin(); it != labels.end(); ++it)
                    ro["spec"]["template"]["metadata"]["labels"][it.key()] = *it;
                return found;
            },
            WriteScope::Main);
        if (o.error) {
            *error = o.error->message;
            return false;
        }
        return true;
    }
    if (action.contains("patch")) {
        const json &p = action["patch"];
        const ResourceType *rt = typeFor(p.value("apiVersion", std::string()), p.value("kind", std::string()));
        if (!rt) {
            *error = "patch: unknown kind " + p.value("kind", std::string());
            return false;
        }
        const std::string ns = rt->namespaced ? p.value("namespace", std::string("default")) : std::string();
        const WriteScope scope =
            p.value("subresource", std::string()) == "status" ? WriteScope::Status : WriteScope::Main;
        Outcome o =
            p.value("type", std::string("merge")) == "json"
                ? store.jsonPatch(rt->gvr, ns, p.value("name", std::string()), p.value("body", json::array()), scope)
                : store.mergePatch(rt->gvr, ns, p.value("name", std::string()), p.value("body", json::object()), scope);
        if (o.error) {
            *error = o.error->message;
            return false;
        }
        return true;
    }
    *error = "unknown action";
    return false;
}

} // namespace rdsim
