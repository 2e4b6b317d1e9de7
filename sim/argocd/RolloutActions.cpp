#include "RolloutActions.h"

#include <cctype>

namespace rdsim::argocd {

using nlohmann::json;

namespace {

json statusOf(const json &o)
{
    return o.contains("status") && o["status"].is_object() ? o["status"] : json::object();
}

bool truthy(const json &o, const char *key)
{
    auto it = o.find(key);
    return it != o.end() && it->is_boolean() && it->get<bool>();
}

// Rollouts before v0.10 wrote a template hash into observedGeneration instead of a number.
bool numericObservedGeneration(const json &status)
{
    auto it = status.find("observedGeneration");
    if (it == status.end())
        return false;
    if (it->is_number())
        return true;
    if (!it->is_string())
        return false;
    const std::string s = it->get<std::string>();
    if (s.empty())
        return false;
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c)))
            return false;
    return true;
}

bool fullyPromoted(const json &status)
{
    const std::string current = status.value("currentPodHash", std::string());
    const std::string stable = status.value("stableRS", std::string());
    return !current.empty() && current == stable;
}

bool hasPauseConditions(const json &status)
{
    auto it = status.find("pauseConditions");
    return it != status.end() && it->is_array() && !it->empty();
}

json entry(const char *name, bool disabled)
{
    return json{{"name", name}, {"disabled", disabled}};
}

} // namespace

json discoverActions(const std::string &kind, const json &object)
{
    json out = json::array();
    if (kind == "AnalysisRun") {
        const json spec = object.value("spec", json::object());
        const std::string phase = statusOf(object).value("phase", std::string());
        const bool done = phase == "Successful" || phase == "Failed" || phase == "Error" || phase == "Inconclusive";
        out.push_back(entry("terminate", truthy(spec, "terminate") || done));
        return out;
    }
    if (kind != "Rollout")
        return out;
    const json spec = object.value("spec", json::object());
    const json status = statusOf(object);
    const bool promoted = fullyPromoted(status);
    const bool aborted = truthy(status, "abort");
    const bool paused = truthy(spec, "paused");
    const json strategy = spec.value("strategy", json::object());
    const bool isCanary = strategy.contains("canary");
    const json steps = isCanary ? strategy["canary"].value("steps", json::array()) : json::array();
    const int64_t index = status.value("currentStepIndex", int64_t(0));

    const bool resumable = hasPauseConditions(status) || paused;
    out.push_back(entry("resume", !resumable));
    json restart = entry("restart", false);
    restart["displayName"] = "Restart Pods";
    out.push_back(restart);
    out.push_back(entry("abort", promoted || aborted));
    out.push_back(entry("retry", !(aborted && !promoted)));
    const bool promoteFullSupported = numericObservedGeneration(status) || isCanary;
    out.push_back(entry("promote-full", promoted || !promoteFullSupported));
    const bool canSkip = isCanary && !steps.empty() && index < static_cast<int64_t>(steps.size()) && !promoted;
    out.push_back(entry("skip-current-step", !canSkip));
    out.push_back(entry("pause", promoted || aborted || paused));
    return out;
}

std::optional<json> runAction(const std::string &kind, const json &object, const std::string &action,
                              const std::string &nowRfc3339, std::string *error)
{
    json o = object;
    if (kind == "AnalysisRun") {
        if (action == "terminate") {
            o["spec"]["terminate"] = true;
            return o;
        }
        *error = "action not found: " + action;
        return std::nullopt;
    }
    if (kind != "Rollout") {
        *error = "action not found: " + action;
        return std::nullopt;
    }
    if (!o.contains("status") || !o["status"].is_object())
        o["status"] = json::object();
    json &status = o["status"];
    if (action == "resume") {
        if (hasPauseConditions(status))
            status.erase("pauseConditions");
        if (truthy(o["spec"], "paused"))
            o["spec"]["paused"] = false;
    } else if (action == "restart") {
        o["spec"]["restartAt"] = nowRfc3339;
    } else if (action == "abort") {
        status["abort"] = true;
    } else if (action == "retry") {
        status.erase("abort");
    } else if (action == "pause") {
        o["spec"]["paused"] = true;
    } else if (action == "promote-full") {
        if (numericObservedGeneration(status)) {
            status["promoteFull"] = true;
        } else {
            status.erase("abort");
            const json steps = o["spec"]
                                   .value("strategy", json::object())
                                   .value("canary", json::object())
                                   .value("steps", json::array());
            status["currentStepIndex"] = steps.size();
        }
    } else if (action == "skip-current-step") {
        const json steps =
            o["spec"].value("strategy", json::object()).value("canary", json::object()).value("steps", json::array());
        if (!steps.empty()) {
            status.erase("pauseConditions");
            const int64_t index = status.value("currentStepIndex", int64_t(0));
            status["currentStepIndex"] = std::min<int64_t>(index + 1, static_cast<int64_t>(steps.size()));
        }
    } else {
        *error = "action not found: " + action;
        return std::nullopt;
    }
    return o;
}

} // namespace rdsim::argocd
