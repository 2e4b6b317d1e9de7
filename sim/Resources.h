// The resource catalog the simulated API server knows: one ResourceType per group/resource, with
// what discovery says about it (kind, verbs, namespaced, short names, categories, subresources).
//
// Usage:
//   const rdsim::ResourceType *rt = rdsim::findResource("argoproj.io", "rollouts");
//   store.get(rdsim::kRollouts, "prod", "api");          // the Gvr constants below name the types
//   for (const auto &rt : rdsim::resourceCatalog()) ...   // discovery walks the catalog
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rdsim {

// group/version/resource(plural). The core group is "".
struct Gvr
{
    std::string group;
    std::string version;
    std::string resource;

    std::string apiVersion() const { return group.empty() ? version : group + "/" + version; }
    // Version-independent key the store files objects under: "argoproj.io/rollouts", "/pods".
    std::string key() const { return group + "/" + resource; }
    bool operator==(const Gvr &) const = default;
};

struct ResourceType
{
    Gvr gvr;
    std::string kind;
    std::string singular;
    bool namespaced = true;
    std::vector<std::string> verbs;
    std::vector<std::string> shortNames;
    std::vector<std::string> categories;
    bool statusSubresource = false; // main-resource writes ignore .status; /status writes only .status
    bool scaleSubresource = false;  // /scale: spec.replicas <-> status.replicas, selector
    bool virtualOnly = false;       // create-only review types (SSAR, SelfSubjectReview): not stored

    std::string listKind() const { return kind + "List"; }
};

const std::vector<ResourceType> &resourceCatalog();
const ResourceType *findResource(std::string_view group, std::string_view resource);
const ResourceType *findResource(const Gvr &gvr);
// Resolves what kubectl may type: plural, singular, short name, or kind (case-insensitive).
const ResourceType *resolveResource(std::string_view group, std::string_view nameOrAlias);

inline const Gvr kRollouts{"argoproj.io", "v1alpha1", "rollouts"};
inline const Gvr kAnalysisRuns{"argoproj.io", "v1alpha1", "analysisruns"};
inline const Gvr kAnalysisTemplates{"argoproj.io", "v1alpha1", "analysistemplates"};
inline const Gvr kClusterAnalysisTemplates{"argoproj.io", "v1alpha1", "clusteranalysistemplates"};
inline const Gvr kExperiments{"argoproj.io", "v1alpha1", "experiments"};
inline const Gvr kReplicaSets{"apps", "v1", "replicasets"};
inline const Gvr kDeployments{"apps", "v1", "deployments"};
inline const Gvr kPods{"", "v1", "pods"};
inline const Gvr kServices{"", "v1", "services"};
inline const Gvr kNamespaces{"", "v1", "namespaces"};
inline const Gvr kEvents{"", "v1", "events"};
inline const Gvr kVirtualServices{"networking.istio.io", "v1beta1", "virtualservices"};
inline const Gvr kDestinationRules{"networking.istio.io", "v1beta1", "destinationrules"};

} // namespace rdsim
