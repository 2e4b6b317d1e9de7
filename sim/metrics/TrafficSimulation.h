#pragma once

// Simulated application traffic that follows the live split: per rollout and version
// (stable/canary/preview) request counters by status code, a latency histogram, memory working
// set and limit per pod; deployment counters (source document dashboard); A/B test visits and
// conversions per variant. Counters advance with simulated time. The same numbers feed the
// AnalysisRun measurements (measure()), so an analysis judges what Prometheus would see.
//
// Configuration (the scenario's `traffic:` section, docs/sim-scenarios.md):
//   profiles:   image substring -> {errorRate, errorRateByWeight{w: rate}, latencyMedianMs,
//                                   latencyP95Ms, memoryMi}
//   rollouts:   "ns/name" -> {rps}; defaultRps (rollouts not listed); enabled (false: no traffic
//               for rollouts not listed, e.g. the fleet)
//   abTests:    [{namespace, name, virtualService, visitsPerSecond, sampleRatioMismatch,
//                 variants: [{name, subset|host, conversionRate, responseMs, responseSigma, timeOnPageS,
//                             timeOnPageSigma}]}]   (AbTraffic)
//   abSampleRatioMismatch: overrides every A/B test's sampleRatioMismatch (rolldeck-sim --ab-srm)

#include "../Clock.h"
#include "../Store.h"
#include "../analysis/Analysis.h"
#include "../controller/RolloutController.h"
#include "AbTraffic.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace rdsim {

class TrafficSimulation
{
public:
    TrafficSimulation(Store &store, uint64_t seed);

    void configure(const nlohmann::json &config); // merges into the current configuration
    // Advances every counter to nowMs (reads the live split from the store).
    void advance(int64_t nowMs);
    // Ends a running advance() early and makes later ones return at once (the simulator stops).
    void stop();
    std::string renderPrometheus() const;
    MeasureOutcome measure(const nlohmann::json &metric, const nlohmann::json &args) const;
    void onDeploymentEvent(const DeploymentEvent &event);

    static const std::vector<double> &latencyBuckets(); // seconds, without +Inf

private:
    struct Profile
    {
        double errorRate = 0.0005;
        std::map<double, double> errorRateByWeight;
        double latencyMedianMs = 45;
        double latencyP95Ms = 120;
        double memoryMi = 180;
    };
    struct VersionCounters
    {
        std::map<std::string, double> byCode; // "200" -> count
        std::vector<double> buckets;          // cumulative per latencyBuckets(), plus +Inf at the end
        double latencySum = 0;
        double count = 0;
    };
    struct Sample
    {
        int64_t ms;
        double total;
        double errors;
        std::vector<double> buckets;
    };
    struct PodMemory
    {
        std::string ns, rollout, version, pod, container;
        double workingSet = 0;
        double limit = 0;
    };
    struct DeployCounters
    {
        double total = 0, success = 0, failed = 0, rollback = 0;
        std::vector<double> durationBuckets;
        double durationSum = 0, durationCount = 0;
    };
    struct Split
    {
        std::string ns, name;
        double rps = 0;
        std::vector<std::tuple<std::string, std::string, double>> versions; // version, image, share
        std::vector<PodMemory> pods;
        std::string environment;
    };
    struct LiveState
    {
        std::unordered_map<std::string, std::vector<ObjectPtr>> replicaSetsByOwner; // controller uid
        std::unordered_map<std::string, std::vector<ObjectPtr>> podsByHash;         // ns \x1f pod-template hash
        std::map<std::string, nlohmann::json> virtualServices;                      // read on first use
        bool indexed = false;
    };

    void indexLive(LiveState &live) const;
    const nlohmann::json &virtualService(LiveState &live, const std::string &ns, const std::string &name) const;
    bool readSplit(const nlohmann::json &rollout, int64_t nowMs, LiveState &live, Split &out) const;
    std::vector<std::vector<double>> readAbWeights(LiveState &live) const;
    Profile profileFor(const std::string &image) const;
    double errorRateAt(const Profile &p, double weightPercent) const;
    void addTraffic(const std::string &ns, const std::string &rollout, const std::string &version,
                    const Profile &profile, double requests, double weightPercent, int64_t tick);

    Store &m_store;
    const uint64_t m_seed;
    mutable std::mutex m_mutex;
    std::vector<std::pair<std::string, Profile>> m_profiles;
    std::map<std::string, double> m_rolloutRps; // "ns/name"
    double m_defaultRps = 25;
    bool m_enabledByDefault = true;
    AbTraffic m_ab;
    int64_t m_lastMs = -1;
    // key: ns \x1f rollout \x1f version
    std::map<std::string, VersionCounters> m_counters;
    std::map<std::string, std::deque<Sample>> m_history;
    std::vector<PodMemory> m_memory;
    std::map<std::string, DeployCounters> m_deploy;   // ns \x1f rollout
    std::map<std::string, std::string> m_environment; // ns \x1f rollout -> environment label
    std::atomic<bool> m_stopping{false};
};

} // namespace rdsim
