// The blue-green strategy of a pass (the real controller's rolloutBlueGreen): the preview
// ReplicaSet, pre-promotion analysis and the pause, the cutover of the active service,
// post-promotion analysis and the promotion, then the services.
#include "RolloutContext.h"

#include "RolloutStatus.h"

#include <algorithm>

namespace rdsim {

using nlohmann::json;
using namespace rolloutstatus;

void RolloutContext::rolloutBlueGreen()
{
    json &bgs = blueGreenStatus();
    if (!bgs.is_object())
        bgs = json::object();
    if (m_updating)
        bgs["previewSelector"] = m_hash;
    if (m_updating && !m_abort && !m_manualPause) {
        const int64_t previewReplicas = m_bg.value("previewReplicaCount", m_replicas);
        const int64_t want = m_bgActive == m_hash ? m_replicas : previewReplicas;
        m_rsDesired[m_newRsName] = want;
        m_rsDesired[m_stableRsName] = m_replicas;
        const bool previewReady = rsAvailable(m_newRsName) >= want && rsReplicasSpec(m_newRsName) == want;
        if (m_bgActive != m_hash && previewReady && reconcilePrePromotion())
            cutOverActiveService(previewReplicas);
        if (m_bgActive == m_hash && m_stable != m_hash)
            reconcilePostPromotion();
    }
    m_abort = m_status.value("abort", false) && m_updating;
    setBlueGreenReplicaTargets();
    pinService(m_bg.value("activeService", std::string()), m_bgActive);
    pinService(m_bg.value("previewService", std::string()), blueGreenStatus().value("previewSelector", std::string()));
}

// Pre-promotion analysis, then the pause before the cutover; true when the cutover may go ahead.
bool RolloutContext::reconcilePrePromotion()
{
    if (!promotionAnalysisPasses("pre"))
        return false;
    const bool autoPromotion = m_bg.value("autoPromotionEnabled", true);
    const int64_t autoPromotionSeconds = m_bg.value("autoPromotionSeconds", int64_t(0));
    if (m_status.value("promoteFull", false) || (autoPromotion && autoPromotionSeconds <= 0))
        return true;
    const json *pc = pauseCondition(m_status, "BlueGreenPause");
    if (pc) {
        if (autoPromotionSeconds <= 0)
            return false;
        const int64_t end = m_env.times.read(pc->value("startTime", m_now)) + autoPromotionSeconds * 1000;
        if (m_nowMs < end) {
            dueAt(end);
            return false;
        }
        clearPause(m_status);
        return true;
    }
    if (m_status.value("controllerPause", false)) {
        clearPause(m_status); // promote cleared the pause
        return true;
    }
    addPause(m_status, "BlueGreenPause", m_now);
    if (autoPromotionSeconds > 0)
        dueAt(m_nowMs + autoPromotionSeconds * 1000);
    return false;
}

// The active service moves to the new ReplicaSet once it runs at full size.
void RolloutContext::cutOverActiveService(int64_t previewReplicas)
{
    if (previewReplicas < m_replicas && rsAvailable(m_newRsName) < m_replicas) {
        m_rsDesired[m_newRsName] = m_replicas;
        return;
    }
    m_bgActive = m_hash;
    blueGreenStatus()["activeSelector"] = m_hash;
    clearPause(m_status);
}

// Post-promotion analysis, then the new ReplicaSet becomes stable and the old one scales down later.
void RolloutContext::reconcilePostPromotion()
{
    m_rsDesired[m_newRsName] = m_replicas;
    if (!promotionAnalysisPasses("post") || rsAvailable(m_newRsName) < m_replicas)
        return;
    const int64_t delay = m_bg.value("scaleDownDelaySeconds", int64_t(30));
    if (!m_stable.empty() && m_stable != m_hash) {
        markForScaleDown(delay);
        dueAt(m_nowMs + delay * 1000);
    }
    m_status["stableRS"] = m_hash;
    m_stable = m_hash;
    m_updating = false;
    m_rsDesired.erase(m_stableRsName);
    m_status.erase("promoteFull");
    completeUpdate();
}

// The pre- or post-promotion AnalysisRun ("pre" / "post"): false while it runs, and when it failed
// (which aborts the update). True without one.
bool RolloutContext::promotionAnalysisPasses(const std::string &when)
{
    const std::string field = when + "PromotionAnalysis";
    if (!m_bg.contains(field))
        return true;
    json &bgs = blueGreenStatus();
    const std::string prev = bgs.value(field + "RunStatus", json::object()).value("name", std::string());
    const std::string type = when == "pre" ? "PrePromotion" : "PostPromotion";
    json *run = ensureRun(revisionName("-" + when), m_bg[field], type, "", prev);
    if (!run)
        return true;
    bgs[field + "RunStatus"] = runStatus(*run);
    const std::string phase = (*run)["status"].value("phase", std::string());
    if (phase == "Failed" || phase == "Error") {
        abortUpdate("Blue/green " + when +
                    "-promotion analysis phase error/failed: " + (*run)["status"].value("message", std::string()));
        return false;
    }
    return phase == "Successful";
}

// Replica targets and selectors once the update is over, aborted or paused by the user.
void RolloutContext::setBlueGreenReplicaTargets()
{
    json &bgs = blueGreenStatus();
    if (!m_updating) {
        m_rsDesired[m_newRsName] = m_replicas;
        bgs["activeSelector"] = m_hash;
        bgs["previewSelector"] = m_hash;
        m_bgActive = m_hash;
    } else if (m_abort) {
        // Traffic stays on (or returns to) the stable ReplicaSet.
        m_bgActive = m_stable;
        bgs["activeSelector"] = m_stable;
        m_rsDesired[m_stableRsName] = m_replicas;
        m_rsDesired[m_newRsName] = 0;
    } else if (m_manualPause) {
        m_rsDesired[m_newRsName] = std::max<int64_t>(rsReplicasSpec(m_newRsName), 0);
        m_rsDesired[m_stableRsName] = m_replicas;
    }
}

} // namespace rdsim
