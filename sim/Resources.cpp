#include "Resources.h"

#include <algorithm>
#include <cctype>

namespace rdsim {

namespace {

const std::vector<std::string> kAllVerbs{"create", "delete", "deletecollection", "get",
                                         "list",   "patch",  "update",           "watch"};
const std::vector<std::string> kStatusVerbs{"get", "patch", "update"};

std::vector<ResourceType> buildCatalog()
{
    std::vector<ResourceType> c;
    auto add = [&c](Gvr gvr, std::string kind, std::string singular, bool namespaced,
                    std::vector<std::string> shortNames, std::vector<std::string> categories, bool status = false,
                    bool scale = false) {
        ResourceType rt;
        rt.gvr = std::move(gvr);
        rt.kind = std::move(kind);
        rt.singular = std::move(singular);
        if (rt.singular.empty()) {
            for (char ch : rt.kind)
                rt.singular.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
        }
        rt.namespaced = namespaced;
        rt.verbs = kAllVerbs;
        rt.shortNames = std::move(shortNames);
        rt.categories = std::move(categories);
        rt.statusSubresource = status;
        rt.scaleSubresource = scale;
        c.push_back(std::move(rt));
    };
    // Categories as the Argo Rollouts CRDs and the built-in types declare them.
    add(kRollouts, "Rollout", "rollout", true, {"ro"}, {"all"}, true, true);
    add(kAnalysisRuns, "AnalysisRun", "analysisrun", true, {"ar"}, {"all"});
    add(kAnalysisTemplates, "AnalysisTemplate", "analysistemplate", true, {"at"}, {});
    add(kClusterAnalysisTemplates, "ClusterAnalysisTemplate", "clusteranalysistemplate", false, {"cat"}, {});
    add(kExperiments, "Experiment", "experiment", true, {"exp"}, {"all"});
    add(kReplicaSets, "ReplicaSet", "", true, {"rs"}, {"all"}, true, true);
    add(kDeployments, "Deployment", "", true, {"deploy"}, {"all"}, true, true);
    add(kPods, "Pod", "", true, {"po"}, {"all"}, true);
    add(kServices, "Service", "", true, {"svc"}, {"all"}, true);
    add(kNamespaces, "Namespace", "", false, {"ns"}, {}, true);
    add(kEvents, "Event", "", true, {"ev"}, {});
    add(kVirtualServices, "VirtualService", "virtualservice", true, {"vs"}, {"istio-io", "networking-istio-io"});
    add(kDestinationRules, "DestinationRule", "destinationrule", true, {"dr"}, {"istio-io", "networking-istio-io"});
    ResourceType ssar;
    ssar.gvr = Gvr{"authorization.k8s.io", "v1", "selfsubjectaccessreviews"};
    ssar.kind = "SelfSubjectAccessReview";
    ssar.namespaced = false;
    ssar.verbs = {"create"};
    ssar.virtualOnly = true;
    c.push_back(ssar);
    ResourceType ssr;
    ssr.gvr = Gvr{"authentication.k8s.io", "v1", "selfsubjectreviews"};
    ssr.kind = "SelfSubjectReview";
    ssr.namespaced = false;
    ssr.verbs = {"create"};
    ssr.virtualOnly = true;
    c.push_back(ssr);
    return c;
}

bool iequals(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

} // namespace

const std::vector<ResourceType> &resourceCatalog()
{
    static const std::vector<ResourceType> catalog = buildCatalog();
    return catalog;
}

const ResourceType *findResource(std::string_view group, std::string_view resource)
{
    for (const auto &rt : resourceCatalog()) {
        if (rt.gvr.group == group && rt.gvr.resource == resource)
            return &rt;
    }
    return nullptr;
}

const ResourceType *findResource(const Gvr &gvr)
{
    const ResourceType *rt = findResource(gvr.group, gvr.resource);
    return rt && rt->gvr.version == gvr.version ? rt : nullptr;
}

const ResourceType *resolveResource(std::string_view group, std::string_view nameOrAlias)
{
    for (const auto &rt : resourceCatalog()) {
        if (rt.gvr.group != group)
            continue;
        if (iequals(rt.gvr.resource, nameOrAlias) || iequals(rt.singular, nameOrAlias) || iequals(rt.kind, nameOrAlias))
            return &rt;
        for (const auto &s : rt.shortNames) {
            if (iequals(s, nameOrAlias))
                return &rt;
        }
    }
    return nullptr;
}

} // namespace rdsim
