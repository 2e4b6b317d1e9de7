// Kubernetes Events as the Argo Rollouts controller records them: core/v1 Event objects in the store, on the
// Rollout (or AnalysisRun), with the controller's reasons and messages (utils/conditions in argo-rollouts). A
// repeat of the same reason and message on the same object increments count and lastTimestamp, as client-go's
// event correlator does, so a tick that re-observes a state does not flood the list.
//
// Usage (the controller):
//   EventRecorder events(store, clock);
//   events.normal(rollout, "RolloutStepCompleted", rolloutmsg::stepCompleted(2, 4, "pause"));
#pragma once

#include "Clock.h"
#include "Store.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace rdsim {

class WatchCursor;

class EventRecorder
{
public:
    EventRecorder(Store &store, const Clock &clock) : m_store(store), m_clock(clock) {}

    void normal(const nlohmann::json &object, const std::string &reason, const std::string &message)
    {
        record(object, "Normal", reason, message);
    }
    void warning(const nlohmann::json &object, const std::string &reason, const std::string &message)
    {
        record(object, "Warning", reason, message);
    }
    void record(const nlohmann::json &object, const std::string &type, const std::string &reason,
                const std::string &message);

private:
    Store &m_store;
    const Clock &m_clock;
};

// Watches the store and records the Events the real controller records for what changed: a new revision, steps
// completed, paused and resumed, aborted, completed, traffic weight, ReplicaSets scaled, analysis runs running,
// failed or successful. It reads the changes the simulated controller writes (each watch event carries the object
// before and after), so the controller needs no hooks. Runs its own threads between start() and stop().
class ControllerEvents
{
public:
    ControllerEvents(Store &store, const Clock &clock) : m_store(store), m_recorder(store, clock) {}
    ~ControllerEvents() { stop(); }
    ControllerEvents(const ControllerEvents &) = delete;
    ControllerEvents &operator=(const ControllerEvents &) = delete;

    void start();
    void stop();

    // What one change of a Rollout, ReplicaSet or AnalysisRun means (public for tests).
    void onRollout(const nlohmann::json &before, const nlohmann::json &after);
    void onReplicaSet(const nlohmann::json *before, const nlohmann::json &after);
    void onAnalysisRun(const nlohmann::json *before, const nlohmann::json &after);

private:
    void loop(int which);

    Store &m_store;
    EventRecorder m_recorder;
    std::atomic<bool> m_running{false};
    std::mutex m_mutex;
    std::vector<std::shared_ptr<WatchCursor>> m_cursors;
    std::vector<std::thread> m_threads;
};

// The controller's event messages (argo-rollouts utils/conditions/conditions.go, rollout/*.go).
namespace rolloutmsg {
std::string updated(const std::string &revision);                         // RolloutUpdated
std::string stepCompleted(int index, int count, const std::string &step); // RolloutStepCompleted; index after it
std::string paused();                                                     // RolloutPaused
std::string resumed();                                                    // RolloutResumed
std::string aborted(int revision, const std::string &why);                // RolloutAborted (Warning)
std::string completed(int revision, const std::string &podHash, const std::string &detail); // RolloutCompleted
std::string trafficWeight(int from, int to);                                                // TrafficWeightUpdated
std::string scaled(bool up, const std::string &replicaSet, int revision, int from, int to); // ScalingReplicaSet
// AnalysisRunRunning / AnalysisRunFailed / AnalysisRunSuccessful; kind: "Step", "Background", "PrePromotion", ...
std::string analysisRun(const std::string &kind, const std::string &name, const std::string &phase,
                        const std::string &previous);
} // namespace rolloutmsg

} // namespace rdsim
