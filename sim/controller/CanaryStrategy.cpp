// The canary strategy of a pass (the real controller's rolloutCanary): background analysis, the
// steps, the replica targets and the promotion, then traffic routing and the services.
#include "RolloutContext.h"

#include "RolloutObjects.h"
#include "RolloutStatus.h"

#include <algorithm>
#include <cmath>

namespace rdsim {

using nlohmann::json;
using namespace rolloutstatus;

void RolloutContext::rolloutCanary()
{
    if (m_updating && !m_abort) {
        reconcileBackgroundAnalysis();
        reconcileCanarySteps();
    }
    m_abort = m_status.value("abort", false) && m_updating;
    setCanaryReplicaTargets();
    if (!m_status.contains("canary") || !m_status["canary"].is_object())
        m_status["canary"] = json::object();
    if (!m_updating && m_status.value("promoteFull", false))
        m_status.erase("promoteFull");
    if (m_trafficRouted)
        reconcileTrafficRouting();
    // Services get the hash in their selector.
    pinService(m_canary.value("canaryService", std::string()), m_hash);
    pinService(m_canary.value("stableService", std::string()), m_stable);
}

void RolloutContext::reconcileBackgroundAnalysis()
{
    const json bgAnalysis = m_canary.value("analysis", json());
    if (!bgAnalysis.is_object() || m_stepIndex < bgAnalysis.value("startingStep", int64_t(0)))
        return;
    const std::string prev = m_status.value("canary", json::object())
                                 .value("currentBackgroundAnalysisRunStatus", json::object())
                                 .value("name", std::string());
    json *run = ensureRun(revisionName(), bgAnalysis, "Background", "", prev);
    if (!run)
        return;
    m_status["canary"]["currentBackgroundAnalysisRunStatus"] = runStatus(*run);
    const std::string phase = (*run)["status"].value("phase", std::string());
    if (phase == "Failed" || phase == "Error")
        abortUpdate("Background analysis phase error/failed: " + (*run)["status"].value("message", std::string()));
    else if (phase == "Inconclusive" && !hasPauseReason(m_status, "InconclusiveAnalysisRun") &&
             !m_status.value("controllerPause", false))
        addPause(m_status, "InconclusiveAnalysisRun", m_now);
}

// Walks the steps from the current index as far as they are complete.
void RolloutContext::reconcileCanarySteps()
{
    while (!m_status.value("abort", false) && !m_manualPause && m_stepIndex < m_stepCount) {
        const json &step = m_steps[m_stepIndex];
        if (!step.contains("pause") && pauseClearedByUser(m_status) &&
            !(step.contains("analysis") && m_status.value("canary", json::object())
                                                   .value("currentStepAnalysisRunStatus", json::object())
                                                   .value("status", std::string()) == "Inconclusive"))
            clearPause(m_status); // a skip or promote moved the index past the step that paused
        StepOutcome outcome = StepOutcome::Next;
        if (step.contains("setWeight"))
            outcome = setWeightStep(step);
        else if (step.contains("pause"))
            outcome = pauseStep(step);
        else if (step.contains("analysis"))
            outcome = analysisStep(step);
        // experiment, setCanaryScale, header/mirror routes, plugins: nothing to simulate.
        if (outcome == StepOutcome::Wait)
            break;
        ++m_stepIndex;
    }
    if (m_stepCount > 0)
        m_status["currentStepIndex"] = m_stepIndex;
}

RolloutContext::StepOutcome RolloutContext::setWeightStep(const json &step)
{
    const int64_t want = canaryReplicasFor(step["setWeight"].get<int64_t>());
    m_rsDesired[m_newRsName] = want;
    if (rsAvailable(m_newRsName) >= want && rsReplicasSpec(m_newRsName) == want)
        return StepOutcome::Next;
    return StepOutcome::Wait;
}

RolloutContext::StepOutcome RolloutContext::pauseStep(const json &step)
{
    const json *pc = pauseCondition(m_status, "CanaryPauseStep");
    const json dur = step["pause"].is_object() ? step["pause"].value("duration", json()) : json();
    if (pc) {
        if (!dur.is_null()) {
            const int64_t end = m_env.times.read(pc->value("startTime", m_now)) + analysis::parseDurationMs(dur);
            if (m_nowMs >= end) {
                clearPause(m_status);
                return StepOutcome::Next;
            }
            dueAt(end);
        }
        return StepOutcome::Wait;
    }
    if (pauseClearedByUser(m_status)) {
        // promote: the user cleared the pause conditions.
        clearPause(m_status);
        return StepOutcome::Next;
    }
    if (!dur.is_null() && analysis::parseDurationMs(dur) <= 0)
        return StepOutcome::Next;
    addPause(m_status, "CanaryPauseStep", m_now);
    if (!dur.is_null())
        dueAt(m_nowMs + analysis::parseDurationMs(dur));
    return StepOutcome::Wait;
}

RolloutContext::StepOutcome RolloutContext::analysisStep(const json &step)
{
    const std::string index = std::to_string(m_stepIndex);
    const std::string prev = m_status.value("canary", json::object())
                                 .value("currentStepAnalysisRunStatus", json::object())
                                 .value("name", std::string());
    std::string reuse;
    if (!prev.empty() && m_runs.count(prev) &&
        m_runs[prev]["metadata"]["labels"].value("step-index", std::string()) == index)
        reuse = prev;
    else if (!prev.empty())
        terminateRun(prev);
    json *run = ensureRun(revisionName("-" + index), step["analysis"], "Step", index, reuse);
    if (!run)
        return StepOutcome::Wait;
    m_status["canary"]["currentStepAnalysisRunStatus"] = runStatus(*run);
    const std::string phase = (*run)["status"].value("phase", std::string());
    if (phase == "Successful")
        return StepOutcome::Next;
    if (phase == "Failed" || phase == "Error") {
        abortUpdate("Step-based analysis phase error/failed: " + (*run)["status"].value("message", std::string()));
        return StepOutcome::Wait;
    }
    if (phase == "Inconclusive") {
        if (pauseClearedByUser(m_status)) {
            clearPause(m_status);
            return StepOutcome::Next;
        }
        addPause(m_status, "InconclusiveAnalysisRun", m_now);
    }
    return StepOutcome::Wait;
}

int64_t RolloutContext::canaryReplicasFor(int64_t weight) const
{
    return static_cast<int64_t>(std::ceil(static_cast<double>(m_replicas) * static_cast<double>(weight) / 100.0));
}

// The weight of the last setWeight step before index upTo.
int64_t RolloutContext::setWeightBefore(int64_t upTo) const
{
    int64_t w = 0;
    for (int64_t i = 0; i < upTo && i < m_stepCount; ++i)
        if (m_steps[i].contains("setWeight"))
            w = m_steps[i]["setWeight"].get<int64_t>();
    return w;
}

// Replica targets and the traffic weight for where the steps stand; promotion once every step is
// done and the new ReplicaSet is fully available.
void RolloutContext::setCanaryReplicaTargets()
{
    if (!m_updating) {
        m_rsDesired[m_newRsName] = m_replicas;
        m_trafficWeight = 0;
        return;
    }
    if (m_abort) {
        m_rsDesired[m_newRsName] = 0;
        m_rsDesired[m_stableRsName] = m_replicas;
        m_trafficWeight = 0;
        if (m_stepCount > 0)
            m_status["currentStepIndex"] = 0;
        return;
    }
    const bool stepsDone = m_stepIndex >= m_stepCount;
    const int64_t w = stepsDone ? 100 : setWeightBefore(m_stepIndex);
    m_trafficWeight = w;
    int64_t canaryWant = canaryReplicasFor(stepsDone ? 100 : std::max(w, setWeightBefore(m_stepIndex + 1)));
    if (!stepsDone && m_steps[m_stepIndex].contains("setWeight"))
        canaryWant = canaryReplicasFor(m_steps[m_stepIndex]["setWeight"].get<int64_t>());
    m_rsDesired[m_newRsName] = canaryWant;
    if (m_stable != m_hash)
        m_rsDesired[m_stableRsName] = m_trafficRouted ? m_replicas : std::max<int64_t>(0, m_replicas - canaryWant);
    if (stepsDone && rsAvailable(m_newRsName) >= m_replicas && rsReplicasSpec(m_newRsName) >= m_replicas)
        promoteCanary();
}

void RolloutContext::promoteCanary()
{
    m_status["stableRS"] = m_hash;
    const std::string bgRun = m_status.value("canary", json::object())
                                  .value("currentBackgroundAnalysisRunStatus", json::object())
                                  .value("name", std::string());
    if (!bgRun.empty())
        terminateRun(bgRun);
    if (!m_stable.empty() && m_stable != m_hash) {
        const int64_t delay = m_trafficRouted ? m_canary.value("scaleDownDelaySeconds", int64_t(30)) : 0;
        if (delay > 0)
            markForScaleDown(delay);
    }
    m_stable = m_hash;
    m_updating = false;
    m_trafficWeight = 0;
    m_rsDesired[m_newRsName] = m_replicas;
    m_rsDesired.erase(m_stableRsName);
    completeUpdate();
}

// status.canary.weights, and the Istio VirtualServices and DestinationRule.
void RolloutContext::reconcileTrafficRouting()
{
    const std::string canarySvc = m_canary.value("canaryService", std::string());
    const std::string stableSvc = m_canary.value("stableService", std::string());
    m_status["canary"]["weights"] = json{
        {"canary", {{"podTemplateHash", m_hash}, {"serviceName", canarySvc}, {"weight", m_trafficWeight}}},
        {"stable", {{"podTemplateHash", m_stable}, {"serviceName", stableSvc}, {"weight", 100 - m_trafficWeight}}}};
    if (canarySvc.empty())
        m_status["canary"]["weights"]["canary"].erase("serviceName");
    if (stableSvc.empty())
        m_status["canary"]["weights"]["stable"].erase("serviceName");
    const json istio = m_canary["trafficRouting"].value("istio", json());
    if (!istio.is_object())
        return;
    std::vector<json> vsRefs;
    if (istio.contains("virtualService"))
        vsRefs.push_back(istio["virtualService"]);
    for (const json &v : istio.value("virtualServices", json::array()))
        vsRefs.push_back(v);
    const json dr = istio.value("destinationRule", json::object());
    for (const json &ref : vsRefs)
        routeVirtualService(ref, dr);
    if (!dr.empty())
        pinDestinationRule(dr);
}

// Sets the canary and stable weights in the routes the reference names (all routes when it names none).
void RolloutContext::routeVirtualService(const json &ref, const json &destinationRule)
{
    const std::string canarySvc = m_canary.value("canaryService", std::string());
    const std::string stableSvc = m_canary.value("stableService", std::string());
    const std::string canarySubset = destinationRule.value("canarySubsetName", std::string());
    const std::string stableSubset = destinationRule.value("stableSubsetName", std::string());
    std::string vsName = ref.value("name", std::string());
    std::string vsNs = m_key.ns;
    if (const auto dot = vsName.find('.'); dot != std::string::npos) {
        vsNs = vsName.substr(dot + 1);
        vsName = vsName.substr(0, dot);
    }
    const json routes = ref.value("routes", json::array());
    auto listed = [&routes](const json &route) {
        if (routes.empty())
            return true;
        for (const json &r : routes)
            if (r == route.value("name", std::string()))
                return true;
        return false;
    };
    Outcome o = m_store.mutate(kVirtualServices, vsNs, vsName, [&](json &vs) {
        json &http = vs["spec"]["http"];
        if (!http.is_array())
            return false;
        const json old = http;
        for (json &route : http) {
            if (!listed(route))
                continue;
            json kept = json::array();
            for (json dest : route.value("route", json::array())) {
                const json d = dest.value("destination", json::object());
                const std::string host = firstLabel(d.value("host", std::string()));
                const std::string subset = d.value("subset", std::string());
                const bool isCanary =
                    (!canarySubset.empty() && subset == canarySubset) || (canarySubset.empty() && host == canarySvc);
                const bool isStable =
                    (!stableSubset.empty() && subset == stableSubset) || (stableSubset.empty() && host == stableSvc);
                if (isCanary)
                    dest["weight"] = m_trafficWeight;
                else if (isStable)
                    dest["weight"] = 100 - m_trafficWeight;
                else
                    continue;
                kept.push_back(dest);
            }
            route["route"] = kept;
        }
        return http != old;
    });
    m_changed = m_changed || o.changed;
}

// The DestinationRule's canary and stable subsets select the pod-template hashes.
void RolloutContext::pinDestinationRule(const json &destinationRule)
{
    const std::string canarySubset = destinationRule.value("canarySubsetName", std::string());
    const std::string stableSubset = destinationRule.value("stableSubsetName", std::string());
    Outcome o =
        m_store.mutate(kDestinationRules, m_key.ns, destinationRule.value("name", std::string()), [&](json &obj) {
            json &subsets = obj["spec"]["subsets"];
            if (!subsets.is_array())
                return false;
            const json old = subsets;
            for (json &s : subsets) {
                const std::string sn = s.value("name", std::string());
                if (sn == canarySubset)
                    s["labels"][kHashLabel] = m_hash;
                else if (sn == stableSubset && !m_stable.empty())
                    s["labels"][kHashLabel] = m_stable;
            }
            return subsets != old;
        });
    m_changed = m_changed || o.changed;
}

void RolloutContext::pinService(const std::string &service, const std::string &hash)
{
    if (service.empty() || hash.empty())
        return;
    Outcome o = m_store.mutate(kServices, m_key.ns, service, [&](json &obj) {
        if (obj["spec"]["selector"].value(kHashLabel, std::string()) == hash)
            return false;
        obj["spec"]["selector"][kHashLabel] = hash;
        return true;
    });
    m_changed = m_changed || o.changed;
}

} // namespace rdsim
