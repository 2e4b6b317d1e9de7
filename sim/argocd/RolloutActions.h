#pragma once

// Argo CD's built-in resource actions for argoproj.io Rollout and AnalysisRun: which are offered
// (and whether disabled) for an object, and the object an action produces
// (reference/argocd-prometheus-stats.md A.10; oracle: resource_customizations/*/actions/action_test.yaml).

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace rdsim::argocd {

// [{"name":..., "disabled":bool, "displayName"?:...}] for kind "Rollout" or "AnalysisRun";
// an empty array for kinds without actions.
nlohmann::json discoverActions(const std::string &kind, const nlohmann::json &object);

// The object after running `action`; std::nullopt with *error set when the action is unknown.
// nowRfc3339 is what the restart action writes.
std::optional<nlohmann::json> runAction(const std::string &kind, const nlohmann::json &object,
                                        const std::string &action, const std::string &nowRfc3339, std::string *error);

} // namespace rdsim::argocd
