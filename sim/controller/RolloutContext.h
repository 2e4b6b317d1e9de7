#pragma once

// One reconcile pass over one Rollout. The steps run in the order of the real controller's
// rolloutCanary / rolloutBlueGreen and share this pass's copy of the status; docs/simulator.md
// ("The controller") walks through them. RolloutController repeats passes to a fixpoint.

#include "../Store.h"
#include "../analysis/Analysis.h"
#include "TimeText.h"
#include "Workload.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rdsim {

// What the controller tells the metrics side (deployment counters of the source document).
struct DeploymentEvent
{
    enum Kind { Started, Succeeded, Failed, RolledBack } kind;
    std::string ns;
    std::string rollout;
    double durationSeconds = 0; // Succeeded / Failed
};

struct RolloutKey
{
    std::string ns;
    std::string name;
    bool operator<(const RolloutKey &o) const { return ns != o.ns ? ns < o.ns : name < o.name; }
};

// What the controller remembers about rollouts between passes.
struct ControllerMemory
{
    std::map<RolloutKey, int64_t> updateStartedMs; // for the deployment duration histogram
    std::map<RolloutKey, int64_t> stalledSinceMs;  // new ReplicaSet not available since (progress deadline)
};

// What a pass works with besides the store.
struct PassEnvironment
{
    uint64_t seed = 0;
    TimeMap times; // timestamps written and read are wall time; instants kept here are simulated
    MeasureFn measure;
    std::function<void(const DeploymentEvent &)> deploymentListener;
};

class RolloutContext
{
public:
    RolloutContext(Store &store, const PassEnvironment &env, ControllerMemory &memory, RolloutKey key,
                   nlohmann::json rollout, int64_t nowMs, int64_t *nextDueMs);
    // Runs the pass; true when it wrote anything (another pass may have more to do).
    bool reconcile();

private:
    enum class StepOutcome { Next, Wait };

    // The pass (RolloutContext.cpp).
    std::string specProblem() const;
    bool persistInvalidSpec(const std::string &problem);
    void applyUserRequests();
    void recordAbort();
    bool persistStatus();
    void forgetAnalysisRunStatuses();
    void reportDeployment(DeploymentEvent::Kind kind) const;
    void completeUpdate();
    void dueAt(int64_t t);
    std::string revisionName(const std::string &suffix = std::string()) const;

    // ReplicaSets, the revision and pods (RolloutReplicaSets.cpp).
    std::optional<bool> syncReplicaSetsAndRevision();
    bool createNewReplicaSet(int64_t maxRevision);
    void startUpdateOnNewTemplate();
    void resetStepsOnNewStepsHash();
    int64_t rsAvailable(const std::string &rsName) const;
    int64_t rsReplicasSpec(const std::string &rsName) const;
    void markForScaleDown(int64_t delaySeconds);
    void scaleReplicaSets();
    void restartAndCountPods();
    bool restartOldestPod(const nlohmann::json &rs, int64_t restartMs, bool &anyUnready);

    // Canary (CanaryStrategy.cpp).
    void rolloutCanary();
    void reconcileBackgroundAnalysis();
    void reconcileCanarySteps();
    StepOutcome setWeightStep(const nlohmann::json &step);
    StepOutcome pauseStep(const nlohmann::json &step);
    StepOutcome analysisStep(const nlohmann::json &step);
    int64_t canaryReplicasFor(int64_t weight) const;
    int64_t setWeightBefore(int64_t upTo) const;
    void setCanaryReplicaTargets();
    void promoteCanary();
    void reconcileTrafficRouting();
    void routeVirtualService(const nlohmann::json &ref, const nlohmann::json &destinationRule);
    void pinDestinationRule(const nlohmann::json &destinationRule);
    void pinService(const std::string &service, const std::string &hash);

    // Blue-green (BlueGreenStrategy.cpp).
    void rolloutBlueGreen();
    bool reconcilePrePromotion();
    void cutOverActiveService(int64_t previewReplicas);
    void reconcilePostPromotion();
    bool promotionAnalysisPasses(const std::string &when);
    void setBlueGreenReplicaTargets();
    nlohmann::json &blueGreenStatus() { return m_status["blueGreen"]; }

    // AnalysisRuns (RolloutAnalysis.cpp).
    void loadAnalysisRuns();
    void advanceAnalysisRuns();
    void terminateRun(const std::string &runName);
    nlohmann::json *ensureRun(const std::string &baseName, const nlohmann::json &ref, const std::string &type,
                              const std::string &stepIndex, const std::string &previousName);
    nlohmann::json analysisRunObject(const std::string &runName, const nlohmann::json &ref, const std::string &type,
                                     const std::string &stepIndex) const;
    void collectTemplates(const nlohmann::json &ref, nlohmann::json &metrics, nlohmann::json &args) const;
    static nlohmann::json runStatus(const nlohmann::json &run);
    void abortUpdate(const std::string &reason);

    // Conditions and the progress deadline (RolloutConditions.cpp).
    bool isPaused() const;
    void updateConditions();
    void updateProgressingCondition(const std::string &progReason);
    void checkProgressDeadline();

    Store &m_store;
    const PassEnvironment &m_env;
    ControllerMemory &m_memory;
    Workload m_workload;
    const int64_t m_nowMs;
    int64_t *m_nextDueMs;
    const std::string m_now; // m_nowMs as written into objects

    // The rollout as read at the start of the pass.
    const nlohmann::json m_rollout;
    const RolloutKey m_key;
    const std::string m_uid;
    const std::string m_readVersion;
    const nlohmann::json m_spec;
    const int64_t m_replicas;
    const nlohmann::json m_strategy;
    const bool m_isBlueGreen;
    const nlohmann::json m_canary;
    const nlohmann::json m_bg;
    const nlohmann::json m_matchLabels;
    const nlohmann::json m_template;
    const nlohmann::json m_templateLabels;
    const nlohmann::json m_steps;
    const int64_t m_stepCount;

    nlohmann::json m_status; // written back at the end of the pass
    const nlohmann::json m_statusBefore;
    bool m_changed = false;

    // ReplicaSets.
    std::string m_hash; // pod-template hash of the new ReplicaSet
    std::vector<nlohmann::json> m_ownedRs;
    bool m_createdRs = false;
    int64_t m_revision = 0;
    std::string m_newRsName;
    std::string m_stableRsName;
    std::map<std::string, int64_t> m_rsDesired;    // by ReplicaSet name
    std::map<std::string, int64_t> m_newDeadlines; // scale-down deadlines written in this pass

    // The update.
    std::string m_stable;
    bool m_updating = false;
    bool m_manualPause = false;
    bool m_wasAborted = false;
    bool m_abort = false;
    std::string m_abortReason;
    std::map<std::string, nlohmann::json> m_runs; // AnalysisRuns owned by the rollout, by name
    int64_t m_stepIndex = 0;
    bool m_trafficRouted = false;
    int64_t m_trafficWeight = 0; // canary weight actually applied
    std::string m_bgActive;
};

} // namespace rdsim
