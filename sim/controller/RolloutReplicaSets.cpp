// The ReplicaSet side of a pass: the new ReplicaSet and the revision, a new update starting, the
// replica counts each ReplicaSet is scaled to, pod restarts and the rollout's counts.
#include "RolloutContext.h"

#include "RolloutObjects.h"
#include "RolloutStatus.h"

namespace rdsim {

using nlohmann::json;
using namespace rolloutstatus;

// Finds or creates the ReplicaSet of the current pod template and settles the revision. A value
// ends the pass early (an undo bumped the revision: read everything again).
std::optional<bool> RolloutContext::syncReplicaSetsAndRevision()
{
    m_hash = Workload::podTemplateHash(m_template);
    ListOptions opts;
    opts.labelSelector = selectorText(m_matchLabels);
    for (const ObjectPtr &p : m_store.list(kReplicaSets, m_key.ns, opts).items)
        if (ownedBy(*p, m_uid))
            m_ownedRs.push_back(*p);
    int64_t maxRevision = 0;
    const json *newRs = nullptr;
    for (const json &rs : m_ownedRs) {
        maxRevision = std::max(maxRevision, revisionOf(rs));
        if (podTemplateHashOf(rs) == m_hash)
            newRs = &rs;
    }
    if (!newRs) {
        if (!createNewReplicaSet(maxRevision))
            return false;
        newRs = &m_ownedRs.back();
    } else if (revisionOf(*newRs) < maxRevision) {
        // Undo: the old ReplicaSet is reused and gets the next revision.
        const std::string next = std::to_string(maxRevision + 1);
        m_store.mutate(kReplicaSets, m_key.ns, m_key.name + "-" + m_hash, [&](json &obj) {
            obj["metadata"]["annotations"][kRevisionAnnotation] = next;
            return true;
        });
        return true;
    }
    m_revision = revisionOf(*newRs) > 0 ? revisionOf(*newRs) : maxRevision + 1;
    m_newRsName = (*newRs)["metadata"].value("name", std::string());
    return std::nullopt;
}

bool RolloutContext::createNewReplicaSet(int64_t maxRevision)
{
    json rs{{"apiVersion", "apps/v1"}, {"kind", "ReplicaSet"}};
    json labels = m_templateLabels;
    labels[kHashLabel] = m_hash;
    rs["metadata"] = json{{"name", m_key.name + "-" + m_hash},
                          {"namespace", m_key.ns},
                          {"labels", labels},
                          {"annotations",
                           {{kRevisionAnnotation, std::to_string(maxRevision + 1)},
                            {"rollout.argoproj.io/desired-replicas", std::to_string(m_replicas)}}},
                          {"ownerReferences", rolloutOwnerReferences(m_key.name, m_uid)}};
    json sel = m_matchLabels;
    sel[kHashLabel] = m_hash;
    json podTemplate = m_template;
    podTemplate["metadata"]["labels"] = labels;
    rs["spec"] = json{{"replicas", 0}, {"selector", {{"matchLabels", sel}}}, {"template", podTemplate}};
    Outcome o = m_store.create(kReplicaSets, m_key.ns, rs);
    if (!o.object)
        return false;
    m_ownedRs.push_back(*o.object);
    m_createdRs = true;
    m_changed = true;
    return true;
}

// A new pod template: a new update starts (or, back on the stable template, the rollout returns to it).
void RolloutContext::startUpdateOnNewTemplate()
{
    if (m_status.value("currentPodHash", std::string()) == m_hash)
        return;
    const std::string stableBefore = m_status.value("stableRS", std::string());
    const bool first = stableBefore.empty();
    m_status["currentPodHash"] = m_hash;
    m_status.erase("abort");
    m_status.erase("abortedAt");
    m_status.erase("promoteFull");
    clearPause(m_status);
    forgetAnalysisRunStatuses();
    if (first) {
        m_status["stableRS"] = m_hash;
        if (m_isBlueGreen)
            m_status["blueGreen"] = json{{"activeSelector", m_hash}, {"previewSelector", m_hash}};
    }
    if (!m_isBlueGreen && m_stepCount > 0)
        m_status["currentStepIndex"] = (first || m_hash == stableBefore) ? m_stepCount : 0;
    setCondition(m_status, "Progressing", "True", m_createdRs ? "NewReplicaSetCreated" : "FoundNewReplicaSet",
                 std::string(m_createdRs ? "Created" : "Found") + " new replica set \"" + m_newRsName + "\"", m_now);
    if (!first && m_hash != stableBefore) {
        m_memory.updateStartedMs[m_key] = m_nowMs;
        reportDeployment(DeploymentEvent::Started);
    }
    if (!first && !m_createdRs)
        reportDeployment(DeploymentEvent::RolledBack);
}

// Changed canary steps during an update start the steps again.
void RolloutContext::resetStepsOnNewStepsHash()
{
    const std::string curStepsHash = stepsHash(m_steps);
    if (m_status.value("currentStepHash", std::string()) != curStepsHash) {
        if (m_status.contains("currentStepHash") && m_status.value("stableRS", std::string()) != m_hash &&
            m_stepCount > 0)
            m_status["currentStepIndex"] = 0;
        m_status["currentStepHash"] = curStepsHash;
    }
    if (m_stepCount == 0)
        m_status.erase("currentStepIndex");
}

int64_t RolloutContext::rsAvailable(const std::string &rsName) const
{
    for (const json &rs : m_ownedRs)
        if (rs["metadata"].value("name", std::string()) == rsName)
            return rs.value("status", json::object()).value("availableReplicas", int64_t(0));
    return 0;
}

int64_t RolloutContext::rsReplicasSpec(const std::string &rsName) const
{
    for (const json &rs : m_ownedRs)
        if (rs["metadata"].value("name", std::string()) == rsName)
            return rs["spec"].value("replicas", int64_t(0));
    return 0;
}

// The old stable ReplicaSet keeps its pods until its scale-down deadline.
void RolloutContext::markForScaleDown(int64_t delaySeconds)
{
    const std::string deadline = m_env.times.stamp(m_nowMs + delaySeconds * 1000);
    m_store.mutate(kReplicaSets, m_key.ns, m_stableRsName, [&](json &obj) {
        obj["metadata"]["annotations"][kScaleDownDeadline] = deadline;
        return true;
    });
    m_newDeadlines[m_stableRsName] = m_env.times.read(deadline);
}

// Every owned ReplicaSet to its target; those without one go to zero after their scale-down deadline.
void RolloutContext::scaleReplicaSets()
{
    for (const json &rs : m_ownedRs) {
        const std::string rsn = rs["metadata"].value("name", std::string());
        int64_t want;
        auto it = m_rsDesired.find(rsn);
        if (it != m_rsDesired.end()) {
            want = it->second;
        } else {
            want = 0;
            const std::string deadline =
                rs["metadata"].value("annotations", json::object()).value(kScaleDownDeadline, std::string());
            auto fresh = m_newDeadlines.find(rsn);
            if (!deadline.empty() || fresh != m_newDeadlines.end()) {
                const int64_t d = fresh != m_newDeadlines.end() ? fresh->second : m_env.times.read(deadline);
                if (d > m_nowMs) {
                    want = rs["spec"].value("replicas", int64_t(0));
                    dueAt(d);
                }
            }
        }
        if (want == 0 && rs["metadata"].value("annotations", json::object()).contains(kScaleDownDeadline) &&
            rs["spec"].value("replicas", int64_t(0)) > 0) {
            m_store.mutate(kReplicaSets, m_key.ns, rsn, [&](json &obj) {
                obj["metadata"]["annotations"].erase(kScaleDownDeadline);
                return true;
            });
            m_changed = true;
        }
        if (m_workload.scaleReplicaSet(m_key.ns, rsn, want))
            m_changed = true;
    }
}

// Pods and ReplicaSet status brought to now; a restart (spec.restartAt) replaces the pods created
// before it one at a time; then the rollout's counts.
void RolloutContext::restartAndCountPods()
{
    const std::string restartAt = m_spec.value("restartAt", std::string());
    const int64_t restartMs = restartAt.empty() ? -1 : m_env.times.read(restartAt);
    bool restartPending = false;
    RsCounts total;
    int64_t updated = 0, activeAvailable = 0;
    bool anyUnready = false;
    for (const json &rsRef : m_ownedRs) {
        const std::string rsn = rsRef["metadata"].value("name", std::string());
        Outcome fresh = m_store.get(kReplicaSets, m_key.ns, rsn);
        if (!fresh.object)
            continue;
        RsCounts counts;
        if (m_workload.syncReplicaSet(*fresh.object, m_nowMs, m_nextDueMs, &counts, m_env.times))
            m_changed = true;
        total.replicas += counts.replicas;
        total.ready += counts.ready;
        total.available += counts.available;
        if (counts.ready < counts.replicas)
            anyUnready = true;
        if (rsn == m_newRsName)
            updated = counts.replicas;
        if (podTemplateHashOf(*fresh.object) == m_bgActive)
            activeAvailable = counts.available;
        if (restartMs > 0 && restartMs <= m_nowMs && restartOldestPod(*fresh.object, restartMs, anyUnready))
            restartPending = true;
    }
    if (restartMs > m_nowMs)
        dueAt(restartMs);
    if (restartMs > 0 && restartMs <= m_nowMs && !restartPending)
        m_status["restartedAt"] = restartAt;

    m_status["replicas"] = total.replicas;
    m_status["updatedReplicas"] = updated;
    m_status["readyReplicas"] = total.ready;
    m_status["availableReplicas"] = m_isBlueGreen ? activeAvailable : total.available;
    m_status["HPAReplicas"] = total.replicas;
    for (const char *k : {"replicas", "updatedReplicas", "readyReplicas", "availableReplicas", "HPAReplicas"})
        if (m_status[k] == 0)
            m_status.erase(k);
}

// True while the ReplicaSet has a pod created before the restart; deletes it when every pod is ready.
bool RolloutContext::restartOldestPod(const json &rs, int64_t restartMs, bool &anyUnready)
{
    for (const json &pod : m_workload.podsOf(rs)) {
        const int64_t created = m_env.times.read(pod["metadata"].value("creationTimestamp", m_now));
        if (created >= restartMs)
            continue;
        if (!anyUnready) {
            m_store.remove(kPods, m_key.ns, pod["metadata"].value("name", std::string()));
            anyUnready = true;
            m_changed = true;
        }
        return true;
    }
    return false;
}

} // namespace rdsim
