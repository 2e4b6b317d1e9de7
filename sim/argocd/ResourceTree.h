#pragma once

// The resource tree Argo CD shows for an application: the Rollouts of its namespace with their
// ReplicaSets, Pods and AnalysisRuns (linked by controller owner references), and the Services,
// VirtualServices, DestinationRules and AnalysisTemplates next to them.

#include <nlohmann/json.hpp>

#include <string>

namespace rdsim {
class Store;
}

namespace rdsim::argocd {

nlohmann::json resourceTree(Store &store, const std::string &ns);

} // namespace rdsim::argocd
