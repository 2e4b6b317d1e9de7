// The conditions of a pass (Available, Paused, Progressing, Healthy, Completed) and the progress
// deadline: an update whose new ReplicaSet does not become available in progressDeadlineSeconds.
#include "RolloutContext.h"

#include "RolloutStatus.h"

namespace rdsim {

using nlohmann::json;
using namespace rolloutstatus;

bool RolloutContext::isPaused() const
{
    return m_manualPause || !pauseConditionsEmpty(m_status);
}

void RolloutContext::updateConditions()
{
    const int64_t maxUnavailable = m_replicas / 4;
    const int64_t avail = m_status.value("availableReplicas", int64_t(0));
    if (avail >= m_replicas - maxUnavailable)
        setCondition(m_status, "Available", "True", "AvailableReason", "Rollout has minimum availability", m_now);
    else
        setCondition(m_status, "Available", "False", "AvailableReason", "Rollout does not have minimum availability",
                     m_now);
    const std::string progReason = progressingReason(m_status);
    if (!m_abort && progReason != "ProgressDeadlineExceeded")
        updateProgressingCondition(progReason);

    const std::string revision = std::to_string(m_revision);
    const bool complete = !m_updating && avail >= m_replicas &&
                          m_status.value("updatedReplicas", int64_t(0)) >= m_replicas &&
                          m_status.value("replicas", int64_t(0)) == m_replicas;
    if (complete) {
        setCondition(m_status, "Healthy", "True", "RolloutHealthy", "Rollout is healthy", m_now);
        setCondition(m_status, "Completed", "True", "RolloutCompleted",
                     "Rollout completed update to revision " + revision + " (" + m_hash + "): Rollout is Healthy",
                     m_now);
    } else {
        setCondition(m_status, "Healthy", "False", "RolloutHealthy", "Rollout is not healthy", m_now);
        setCondition(m_status, "Completed", "False", "RolloutCompleted",
                     "Rollout not completed, started update to revision " + revision + " (" + m_hash + ")", m_now);
    }
}

// Paused, resumed, done, or (once something moved) progressing.
void RolloutContext::updateProgressingCondition(const std::string &progReason)
{
    if (isPaused()) {
        setCondition(m_status, "Paused", "True", "RolloutPaused", "Rollout is paused", m_now);
        setCondition(m_status, "Progressing", "Unknown", "RolloutPaused", "Rollout is paused", m_now);
        return;
    }
    const json *pausedCond = findCondition(m_status, "Paused");
    const bool justStarted = progReason == "NewReplicaSetCreated" || progReason == "FoundNewReplicaSet";
    const std::string progressing = "ReplicaSet \"" + m_newRsName + "\" is progressing.";
    if (pausedCond && pausedCond->value("status", std::string()) == "True") {
        setCondition(m_status, "Paused", "False", "RolloutResumed", "Rollout is resumed", m_now);
        setCondition(m_status, "Progressing", "Unknown", "RolloutResumed", "Rollout is resumed", m_now);
    } else if (!m_updating && m_status.value("availableReplicas", int64_t(0)) >= m_replicas &&
               m_status.value("updatedReplicas", int64_t(0)) >= m_replicas) {
        setCondition(m_status, "Progressing", "True", "NewReplicaSetAvailable",
                     "ReplicaSet \"" + m_newRsName + "\" has successfully progressed.", m_now);
    } else if (m_changed && !justStarted && progReason != "RolloutRetry") {
        setCondition(m_status, "Progressing", "True", "ReplicaSetUpdated", progressing, m_now);
    } else if (!m_changed && (progReason == "RolloutResumed" || progReason == "RolloutRetry" || justStarted)) {
        setCondition(m_status, "Progressing", "True", "ReplicaSetUpdated", progressing, m_now);
    }
}

void RolloutContext::checkProgressDeadline()
{
    const int64_t deadlineSeconds = m_spec.value("progressDeadlineSeconds", int64_t(600));
    int64_t newReady = 0, newWant = 0;
    if (Outcome fresh = m_store.get(kReplicaSets, m_key.ns, m_newRsName); fresh.object) {
        newWant = (*fresh.object)["spec"].value("replicas", int64_t(0));
        newReady = (*fresh.object).value("status", json::object()).value("availableReplicas", int64_t(0));
    }
    const bool stalled = m_updating && !m_abort && !isPaused() && newReady < newWant;
    if (!stalled) {
        m_memory.stalledSinceMs.erase(m_key);
        if (progressingReason(m_status) == "ProgressDeadlineExceeded" && !m_abort)
            setCondition(m_status, "Progressing", "True", "ReplicaSetUpdated",
                         "ReplicaSet \"" + m_newRsName + "\" is progressing.", m_now);
        return;
    }
    const int64_t since = m_memory.stalledSinceMs.emplace(m_key, m_nowMs).first->second;
    if (m_nowMs - since < deadlineSeconds * 1000) {
        dueAt(since + deadlineSeconds * 1000);
        return;
    }
    setCondition(m_status, "Progressing", "False", "ProgressDeadlineExceeded",
                 "ReplicaSet \"" + m_newRsName + "\" has timed out progressing.", m_now);
    if (m_spec.value("progressDeadlineAbort", false) && !m_status.value("abort", false)) {
        m_status["abort"] = true;
        m_status["abortedAt"] = m_now;
    }
}

} // namespace rdsim
