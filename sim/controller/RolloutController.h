#pragma once

// The Argo Rollouts controller, simulated: for each Rollout it keeps ReplicaSets and pods, the
// canary steps or the blue-green cutover, AnalysisRuns, Services, Istio VirtualServices and
// DestinationRules, and writes status (phase, message, conditions, counts, step, weights) the way
// the real controller does (reference/argo-rollouts.md §1, §2.1, §3).
//
// It reacts to clock ticks (simulated time) and, in real-time mode, to store watch events.
// Reconciling a rollout is idempotent and runs to a fixpoint for the current instant, so the
// outcome depends only on the seed, the simulated time and the requests made.

#include "../Clock.h"
#include "../Store.h"
#include "../analysis/Analysis.h"
#include "RolloutContext.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace rdsim {

class RolloutController
{
public:
    RolloutController(Store &store, Clock &clock, uint64_t seed);
    ~RolloutController();
    RolloutController(const RolloutController &) = delete;
    RolloutController &operator=(const RolloutController &) = delete;

    void setMeasureFunction(MeasureFn fn); // AnalysisRun measurements (the simulated metrics)
    void setDeploymentListener(std::function<void(const DeploymentEvent &)> fn);

    // Registers the clock ticker; in real-time mode also starts watch threads for prompt reactions.
    void start();
    void stop();

    // Reconciles everything that changed or is due (called by the ticker; tests may call it).
    void processDue();
    // Reconciles one rollout to a fixpoint now.
    void reconcile(const std::string &ns, const std::string &name);

private:
    using Key = RolloutKey;

    bool reconcileOnce(const std::string &ns, const std::string &name, int64_t nowMs, int64_t *nextDueMs);
    void schedule(const Key &key, int64_t dueMs);
    void markDirty(const Key &key);
    void watchLoop(Gvr gvr);
    int64_t nowMs() const;

    Store &m_store;
    Clock &m_clock;
    PassEnvironment m_env; // seed, measurements and the deployment listener; the time map is set per pass

    std::recursive_mutex m_mutex; // serialises reconciles
    std::mutex m_queueMutex;
    std::set<Key> m_dirty;
    std::multimap<int64_t, Key> m_timers;
    std::map<Key, uint64_t> m_seenVersion; // rollout resourceVersion last reconciled
    uint64_t m_lastStoreVersion = 0;
    ControllerMemory m_memory;

    int m_tickerId = 0;
    std::atomic<bool> m_running{false};
    std::vector<std::thread> m_watchThreads;
    std::vector<std::shared_ptr<WatchCursor>> m_cursors;
    std::mutex m_cursorMutex;
};

} // namespace rdsim
