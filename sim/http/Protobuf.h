// Just enough of the Kubernetes protobuf encoding to read what kubectl sends as protobuf: the
// `k8s\0` envelope around a runtime.Unknown, and a SelfSubjectAccessReview inside it.
//
// Usage:
//   auto ssar = rdsim::decodeSelfSubjectAccessReview(req.body);   // nullopt on malformed input
//   // -> {"apiVersion": ..., "kind": ..., "spec": {"resourceAttributes": {...}}} as JSON
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace rdsim {

bool isKubernetesProtobuf(const std::string &body);
std::optional<nlohmann::json> decodeSelfSubjectAccessReview(const std::string &body, std::string *error = nullptr);

} // namespace rdsim
