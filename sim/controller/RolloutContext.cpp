#include "RolloutContext.h"

#include "RolloutObjects.h"
#include "RolloutStatus.h"

#include <algorithm>

namespace rdsim {

using nlohmann::json;
using namespace rolloutstatus;

RolloutContext::RolloutContext(Store &store, const PassEnvironment &env, ControllerMemory &memory, RolloutKey key,
                               json rollout, int64_t nowMs, int64_t *nextDueMs)
    : m_store(store), m_env(env), m_memory(memory), m_workload(store, env.seed), m_nowMs(nowMs), m_nextDueMs(nextDueMs),
      m_now(env.times.stamp(nowMs)), m_rollout(std::move(rollout)), m_key(std::move(key)),
      m_uid(m_rollout["metadata"].value("uid", std::string())),
      m_readVersion(m_rollout["metadata"].value("resourceVersion", std::string())),
      m_spec(m_rollout.value("spec", json::object())), m_replicas(m_spec.value("replicas", int64_t(1))),
      m_strategy(m_spec.value("strategy", json::object())), m_isBlueGreen(m_strategy.contains("blueGreen")),
      m_canary(m_strategy.value("canary", json::object())), m_bg(m_strategy.value("blueGreen", json::object())),
      m_matchLabels(m_spec.value("selector", json::object()).value("matchLabels", json::object())),
      m_template(m_spec.value("template", json::object())),
      m_templateLabels(m_template.value("metadata", json::object()).value("labels", json::object())),
      m_steps(m_canary.value("steps", json::array())), m_stepCount(static_cast<int64_t>(m_steps.size())),
      m_status(m_rollout.value("status", json::object())), m_statusBefore(m_status)
{
}

// The order of the real controller: validate, sync the ReplicaSets and the revision, take in what
// the user asked for, run the strategy, then scale, count and write the status.
bool RolloutContext::reconcile()
{
    m_status["observedGeneration"] = std::to_string(m_rollout["metadata"].value("generation", int64_t(1)));
    m_status["selector"] = selectorText(m_matchLabels);
    if (const std::string problem = specProblem(); !problem.empty())
        return persistInvalidSpec(problem);
    removeCondition(m_status, "InvalidSpec");

    if (const std::optional<bool> endOfPass = syncReplicaSetsAndRevision())
        return *endOfPass;
    startUpdateOnNewTemplate();
    if (!m_isBlueGreen)
        resetStepsOnNewStepsHash();
    m_stable = m_status.value("stableRS", std::string());
    m_updating = m_stable != m_hash;
    m_manualPause = m_spec.value("paused", false);
    m_wasAborted = progressingReason(m_status) == "RolloutAborted";

    loadAnalysisRuns();
    advanceAnalysisRuns();
    applyUserRequests();

    m_stepIndex = std::clamp<int64_t>(m_status.value("currentStepIndex", int64_t(0)), 0, m_stepCount);
    m_trafficRouted = m_canary.contains("trafficRouting");
    m_bgActive = m_status.value("blueGreen", json::object()).value("activeSelector", std::string());
    m_stableRsName = m_key.name + "-" + m_stable;
    if (m_isBlueGreen)
        rolloutBlueGreen();
    else
        rolloutCanary();
    recordAbort();

    scaleReplicaSets();
    restartAndCountPods();
    updateConditions();
    checkProgressDeadline();
    return persistStatus();
}

std::string RolloutContext::specProblem() const
{
    if (m_matchLabels.empty())
        return "spec.selector: Required value: Rollout has missing field '.spec.selector'";
    for (auto it = m_matchLabels.begin(); it != m_matchLabels.end(); ++it) {
        if (!m_templateLabels.contains(it.key()) || m_templateLabels[it.key()] != *it) {
            std::string labels;
            for (auto l = m_templateLabels.begin(); l != m_templateLabels.end(); ++l)
                labels += (labels.empty() ? "" : ", ") + ("\"" + l.key() + "\":" + l->dump());
            return "spec.template.metadata.labels: Invalid value: map[string]string{" + labels +
                   "}: `selector` does not match template `labels`";
        }
    }
    if (!m_isBlueGreen && !m_strategy.contains("canary"))
        return "spec.strategy.strategy: Invalid value: \"{}\": Rollout has no strategy";
    if (m_isBlueGreen && m_bg.value("activeService", std::string()).empty())
        return "spec.strategy.blueGreen.activeService: Invalid value: \"\": Active service can not be empty";
    return {};
}

bool RolloutContext::persistInvalidSpec(const std::string &problem)
{
    setCondition(m_status, "InvalidSpec", "True", "InvalidSpec",
                 "The Rollout \"" + m_key.name + "\" is invalid: " + problem, m_now);
    auto [phase, message] = calculatePhase(m_spec, m_status);
    m_status["phase"] = phase;
    m_status["message"] = message;
    if (m_status == m_statusBefore)
        return false;
    Outcome o = m_store.mutate(kRollouts, m_key.ns, m_key.name, [&](json &obj) {
        if (obj["metadata"].value("resourceVersion", std::string()) != m_readVersion)
            return false;
        obj["status"] = m_status;
        return true;
    });
    return o.changed;
}

// Promote (full), abort and retry, as the user's status patches ask.
void RolloutContext::applyUserRequests()
{
    if (m_status.value("promoteFull", false) && m_updating) {
        clearPause(m_status);
        m_status.erase("abort");
        if (!m_isBlueGreen && m_stepCount > 0)
            m_status["currentStepIndex"] = m_stepCount;
    }
    m_abort = m_status.value("abort", false) && m_updating;
    if (!m_abort && m_wasAborted && m_updating) {
        // Retry: the steps start again.
        setCondition(m_status, "Progressing", "Unknown", "RolloutRetry", "Retrying Rollout after abort", m_now);
        m_status.erase("abortedAt");
        m_status.erase("abort");
        forgetAnalysisRunStatuses();
        if (!m_isBlueGreen && m_stepCount > 0)
            m_status["currentStepIndex"] = 0;
    }
}

// An abort (by the user, an analysis or the progress deadline): the condition, the event, and the
// update's AnalysisRuns end.
void RolloutContext::recordAbort()
{
    if (!m_abort)
        return;
    clearPause(m_status);
    if (!m_status.contains("abortedAt"))
        m_status["abortedAt"] = m_now;
    std::string msg = "Rollout aborted update to revision " + std::to_string(m_revision);
    if (!m_abortReason.empty())
        msg += ": " + m_abortReason;
    if (progressingReason(m_status) != "RolloutAborted") {
        setCondition(m_status, "Progressing", "False", "RolloutAborted", msg, m_now);
        reportDeployment(DeploymentEvent::Failed);
    }
    for (const auto &[runName, run] : m_runs)
        if (run["metadata"]["labels"].value(kHashLabel, std::string()) == m_hash)
            terminateRun(runName);
}

// Phase and message, then the rollout (status and revision annotation) unless someone changed it meanwhile.
bool RolloutContext::persistStatus()
{
    auto [phase, message] = calculatePhase(m_spec, m_status);
    m_status["phase"] = phase;
    m_status["message"] = message;
    const std::string revText = std::to_string(m_revision);
    const bool annotationStale =
        m_rollout["metadata"].value("annotations", json::object()).value(kRevisionAnnotation, std::string()) != revText;
    if (m_status == m_statusBefore && !annotationStale)
        return m_changed;
    Outcome o = m_store.mutate(kRollouts, m_key.ns, m_key.name, [&](json &obj) {
        if (obj["metadata"].value("resourceVersion", std::string()) != m_readVersion)
            return false;
        obj["status"] = m_status;
        obj["metadata"]["annotations"][kRevisionAnnotation] = revText;
        return true;
    });
    if (!o.changed && o.object && (*o.object)["metadata"].value("resourceVersion", std::string()) != m_readVersion)
        return true; // a concurrent write: reconcile again
    return m_changed || o.changed;
}

void RolloutContext::forgetAnalysisRunStatuses()
{
    if (m_status.contains("canary")) {
        m_status["canary"].erase("currentStepAnalysisRunStatus");
        m_status["canary"].erase("currentBackgroundAnalysisRunStatus");
    }
    if (m_status.contains("blueGreen")) {
        m_status["blueGreen"].erase("prePromotionAnalysisRunStatus");
        m_status["blueGreen"].erase("postPromotionAnalysisRunStatus");
    }
}

void RolloutContext::reportDeployment(DeploymentEvent::Kind kind) const
{
    if (!m_env.deploymentListener)
        return;
    double seconds = 0;
    if (kind == DeploymentEvent::Succeeded || kind == DeploymentEvent::Failed) {
        auto started = m_memory.updateStartedMs.find(m_key);
        seconds = started == m_memory.updateStartedMs.end() ? 0.0 : (m_nowMs - started->second) / 1000.0;
    }
    m_env.deploymentListener(DeploymentEvent{kind, m_key.ns, m_key.name, seconds});
}

// The new ReplicaSet became stable: the update is over.
void RolloutContext::completeUpdate()
{
    reportDeployment(DeploymentEvent::Succeeded);
    m_memory.updateStartedMs.erase(m_key);
}

void RolloutContext::dueAt(int64_t t)
{
    if (t > m_nowMs && (*m_nextDueMs < 0 || t < *m_nextDueMs))
        *m_nextDueMs = t;
}

std::string RolloutContext::revisionName(const std::string &suffix) const
{
    return m_key.name + "-" + m_hash + "-" + std::to_string(m_revision) + suffix;
}

} // namespace rdsim
