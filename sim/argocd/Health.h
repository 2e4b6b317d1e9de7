#pragma once

// Argo CD's health assessment of the resources an application shows: Argo CD's built-in rules
// for Rollouts, AnalysisRuns, ReplicaSets and Pods, and the order that picks an app's overall health.

#include <nlohmann/json.hpp>

#include <string>

namespace rdsim::argocd {

// Healthy < Suspended < Progressing < Missing < Degraded < Unknown: the worst one wins.
int healthRank(const std::string &health);
nlohmann::json rolloutHealth(const nlohmann::json &rollout);
nlohmann::json analysisRunHealth(const nlohmann::json &run);
nlohmann::json podHealth(const nlohmann::json &pod);
nlohmann::json replicaSetHealth(const nlohmann::json &replicaSet);

} // namespace rdsim::argocd
