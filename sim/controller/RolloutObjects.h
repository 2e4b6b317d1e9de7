#pragma once

// Labels, annotations and owner references of the objects a Rollout owns (ReplicaSets,
// AnalysisRuns), as the controller reads and writes them.

#include "Workload.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace rdsim {

inline constexpr const char *kHashLabel = "rollouts-pod-template-hash";
inline constexpr const char *kRevisionAnnotation = "rollout.argoproj.io/revision";
inline constexpr const char *kScaleDownDeadline = "scale-down-deadline";

// The revision annotation as a number (0 when missing or not a number).
inline int64_t revisionOf(const nlohmann::json &obj)
{
    const nlohmann::json ann = obj["metadata"].value("annotations", nlohmann::json::object());
    auto it = ann.find(kRevisionAnnotation);
    if (it == ann.end() || !it->is_string())
        return 0;
    try {
        return std::stoll(it->get<std::string>());
    } catch (...) {
        return 0;
    }
}

inline bool ownedBy(const nlohmann::json &obj, const std::string &uid)
{
    for (const nlohmann::json &ref : obj["metadata"].value("ownerReferences", nlohmann::json::array()))
        if (ref.value("uid", std::string()) == uid)
            return true;
    return false;
}

// The controller reference a Rollout puts on what it creates.
inline nlohmann::json rolloutOwnerReferences(const std::string &name, const std::string &uid)
{
    return nlohmann::json::array({nlohmann::json{{"apiVersion", "argoproj.io/v1alpha1"},
                                                 {"kind", "Rollout"},
                                                 {"name", name},
                                                 {"uid", uid},
                                                 {"controller", true},
                                                 {"blockOwnerDeletion", true}}});
}

inline std::string podTemplateHashOf(const nlohmann::json &replicaSet)
{
    return replicaSet["metadata"]["labels"].value(kHashLabel, std::string());
}

// matchLabels as a label selector string ("app=api,tier=web").
inline std::string selectorText(const nlohmann::json &matchLabels)
{
    std::string out;
    for (auto it = matchLabels.begin(); it != matchLabels.end(); ++it) {
        if (!out.empty())
            out += ",";
        out += it.key() + "=" + (it->is_string() ? it->get<std::string>() : it->dump());
    }
    return out;
}

inline std::string stepsHash(const nlohmann::json &steps)
{
    return Workload::podTemplateHash(nlohmann::json{{"steps", steps}});
}

// First DNS label of a host ("svc.ns.svc.cluster.local" -> "svc").
inline std::string firstLabel(const std::string &host)
{
    return host.substr(0, host.find('.'));
}

} // namespace rdsim
