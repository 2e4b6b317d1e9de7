#include "Health.h"

#include <algorithm>

namespace rdsim::argocd {

using nlohmann::json;

int healthRank(const std::string &h)
{
    static const std::vector<std::string> order{"Healthy", "Suspended", "Progressing",
                                                "Missing", "Degraded",  "Unknown"};
    auto it = std::find(order.begin(), order.end(), h);
    return it == order.end() ? 0 : static_cast<int>(it - order.begin());
}

// Argo CD's built-in Rollout health (resource_customizations/argoproj.io/Rollout/health.lua rules).
json rolloutHealth(const json &ro)
{
    const json st = ro.value("status", json::object());
    const int64_t generation = ro["metadata"].value("generation", int64_t(0));
    const std::string observed = st.contains("observedGeneration") && st["observedGeneration"].is_string()
                                     ? st["observedGeneration"].get<std::string>()
                                     : std::string();
    bool numeric = !observed.empty() && std::all_of(observed.begin(), observed.end(),
                                                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    if (numeric && std::stoll(observed) < generation)
        return json{{"status", "Progressing"}, {"message", "Waiting for rollout spec update to be observed"}};
    const std::string phase = st.value("phase", std::string());
    if (!phase.empty()) {
        json h{{"status", phase == "Paused" ? "Suspended" : phase}};
        const std::string msg = st.value("message", std::string());
        if (!msg.empty())
            h["message"] = msg;
        return h;
    }
    return json{{"status", "Progressing"}, {"message", "Waiting for rollout to finish"}};
}

json analysisRunHealth(const json &run)
{
    const std::string phase = run.value("status", json::object()).value("phase", std::string());
    json h;
    if (phase == "Successful")
        h = json{{"status", "Healthy"}};
    else if (phase == "Failed" || phase == "Error")
        h = json{{"status", "Degraded"}};
    else if (phase == "Inconclusive")
        h = json{{"status", "Unknown"}};
    else
        h = json{{"status", "Progressing"}};
    const std::string msg = run.value("status", json::object()).value("message", std::string());
    if (!msg.empty())
        h["message"] = msg;
    return h;
}

json podHealth(const json &pod)
{
    const json st = pod.value("status", json::object());
    for (const json &cs : st.value("containerStatuses", json::array())) {
        const std::string reason =
            cs.value("state", json::object()).value("waiting", json::object()).value("reason", std::string());
        if (reason == "ImagePullBackOff" || reason == "ErrImagePull" || reason == "CrashLoopBackOff")
            return json{{"status", "Degraded"}, {"message", cs["state"]["waiting"].value("message", reason)}};
    }
    if (st.value("phase", std::string()) == "Running") {
        for (const json &c : st.value("conditions", json::array()))
            if (c.value("type", std::string()) == "Ready" && c.value("status", std::string()) == "True")
                return json{{"status", "Healthy"}};
    }
    return json{{"status", "Progressing"}};
}

json replicaSetHealth(const json &rs)
{
    const int64_t want = rs["spec"].value("replicas", int64_t(0));
    const int64_t available = rs.value("status", json::object()).value("availableReplicas", int64_t(0));
    if (available < want)
        return json{{"status", "Progressing"},
                    {"message", "Waiting for rollout to finish: " + std::to_string(available) + " of " +
                                    std::to_string(want) + " updated replicas are available..."}};
    return json{{"status", "Healthy"}};
}

} // namespace rdsim::argocd
