#include "RolloutStatus.h"

#include "../analysis/Analysis.h"

namespace rdsim::rolloutstatus {

using nlohmann::json;

void setCondition(json &status, const std::string &type, const std::string &condStatus, const std::string &reason,
                  const std::string &message, const std::string &now)
{
    json &conds = status["conditions"];
    if (!conds.is_array())
        conds = json::array();
    for (json &c : conds) {
        if (c.value("type", std::string()) != type)
            continue;
        if (c.value("status", std::string()) == condStatus && c.value("reason", std::string()) == reason)
            return; // the first message stays
        const bool transition = c.value("status", std::string()) != condStatus;
        c["status"] = condStatus;
        c["reason"] = reason;
        c["message"] = message;
        c["lastUpdateTime"] = now;
        if (transition)
            c["lastTransitionTime"] = now;
        return;
    }
    conds.push_back(json{{"lastTransitionTime", now},
                         {"lastUpdateTime", now},
                         {"message", message},
                         {"reason", reason},
                         {"status", condStatus},
                         {"type", type}});
}

namespace {

// The entry of the status list `list` whose `field` is `value`.
const json *findEntry(const json &status, const char *list, const char *field, const std::string &value)
{
    if (!status.contains(list) || !status[list].is_array())
        return nullptr;
    for (const json &entry : status[list])
        if (entry.value(field, std::string()) == value)
            return &entry;
    return nullptr;
}

} // namespace

const json *findCondition(const json &status, const std::string &type)
{
    return findEntry(status, "conditions", "type", type);
}

void removeCondition(json &status, const std::string &type)
{
    if (!status.contains("conditions") || !status["conditions"].is_array())
        return;
    json &conds = status["conditions"];
    for (auto it = conds.begin(); it != conds.end(); ++it) {
        if (it->value("type", std::string()) == type) {
            conds.erase(it);
            return;
        }
    }
}

bool hasPauseReason(const json &status, const std::string &reason)
{
    for (const json &p : status.value("pauseConditions", json::array()))
        if (p.value("reason", std::string()) == reason)
            return true;
    return false;
}

const json *pauseCondition(const json &status, const std::string &reason)
{
    return findEntry(status, "pauseConditions", "reason", reason);
}

void addPause(json &status, const std::string &reason, const std::string &now)
{
    if (hasPauseReason(status, reason))
        return;
    if (!status.contains("pauseConditions") || !status["pauseConditions"].is_array())
        status["pauseConditions"] = json::array();
    status["pauseConditions"].push_back(json{{"reason", reason}, {"startTime", now}});
    status["controllerPause"] = true;
}

void clearPause(json &status)
{
    status.erase("pauseConditions");
    status.erase("controllerPause");
}

bool pauseConditionsEmpty(const json &status)
{
    return !status.contains("pauseConditions") || !status["pauseConditions"].is_array() ||
           status["pauseConditions"].empty();
}

// §2.1 step 5: what the controller writes to status.phase / status.message.
std::pair<std::string, std::string> calculatePhase(const json &spec, const json &status)
{
    for (const json &c : status.value("conditions", json::array())) {
        const std::string type = c.value("type", std::string());
        const std::string reason = c.value("reason", std::string());
        if (type == "InvalidSpec")
            return {"Degraded", "InvalidSpec: " + c.value("message", std::string())};
        if (reason == "RolloutAborted" || reason == "ProgressDeadlineExceeded")
            return {"Degraded", reason + ": " + c.value("message", std::string())};
    }
    if (spec.value("paused", false))
        return {"Paused", "manually paused"};
    if (!pauseConditionsEmpty(status))
        return {"Paused", status["pauseConditions"][0].value("reason", std::string())};
    if (spec.contains("restartAt") && spec["restartAt"].is_string() &&
        status.value("restartedAt", std::string()) != spec["restartAt"].get<std::string>())
        return {"Progressing", "rollout is restarting"};
    const int64_t replicas = spec.value("replicas", int64_t(1));
    const int64_t updated = status.value("updatedReplicas", int64_t(0));
    const int64_t available = status.value("availableReplicas", int64_t(0));
    if (updated < replicas)
        return {"Progressing", "more replicas need to be updated"};
    if (available < updated)
        return {"Progressing", "updated replicas are still becoming available"};
    const std::string current = status.value("currentPodHash", std::string());
    const std::string stable = status.value("stableRS", std::string());
    const json strategy = spec.value("strategy", json::object());
    if (strategy.contains("blueGreen")) {
        const std::string active = status.value("blueGreen", json::object()).value("activeSelector", std::string());
        if (active.empty() || active != current)
            return {"Progressing", "active service cutover pending"};
        if (stable.empty() || stable != current) {
            if (strategy["blueGreen"].contains("postPromotionAnalysis")) {
                const json run =
                    status.value("blueGreen", json::object()).value("postPromotionAnalysisRunStatus", json());
                if (run.is_null() || !analysis::isCompleted(run.value("status", std::string())))
                    return {"Progressing", "waiting for analysis to complete"};
            }
            return {"Progressing", "waiting for post-promotion verification to complete"};
        }
    } else {
        const json canary = strategy.value("canary", json::object());
        if (!canary.contains("trafficRouting") && status.value("replicas", int64_t(0)) > updated)
            return {"Progressing", "old replicas are pending termination"};
        if (stable.empty() || stable != current)
            return {"Progressing", "waiting for all steps to complete"};
    }
    return {"Healthy", ""};
}

std::string progressingReason(const json &status)
{
    const json *p = findCondition(status, "Progressing");
    return p ? p->value("reason", std::string()) : std::string();
}

bool pauseClearedByUser(const json &status)
{
    return status.value("controllerPause", false) && pauseConditionsEmpty(status);
}

} // namespace rdsim::rolloutstatus
