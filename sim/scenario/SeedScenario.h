// Built-in minimal scenarios that need no controller: "seed" (two rollouts with their
// ReplicaSets and pods, one canary paused mid-update), "fleet" (N rollouts, 3 ReplicaSets and 5
// pods each, plus a background writer producing `eventRate` MODIFIED events per second) and
// "empty". "default" falls back to "seed" when no other component claims it.
//
// Usage:
//   rdsim::populateFleet(store, 5000, /*seed*/ 1);        // also used by bench/sim
//   sim.addComponent(std::make_unique<rdsim::SeedComponent>());   // makeBuiltinComponents() does this
#pragma once

#include "../Simulator.h"

#include <atomic>
#include <random>
#include <thread>

namespace rdsim {

// One rollout (canary, 5 replicas) with `revisions` ReplicaSets (the newest holds the pods).
void addRolloutWithHistory(Store &store, const std::string &ns, const std::string &name, int replicas, int revisions,
                           std::mt19937_64 &rng);
void populateSeed(Store &store, std::uint64_t seed);
void populateFleet(Store &store, int size, std::uint64_t seed);
// Changes one fleet rollout's status (readiness flapping between 5/5 and 4/5): one MODIFIED event.
bool touchFleetRollout(Store &store, int index, int size);
std::string fleetNamespace(int index);
std::string fleetRolloutName(int index);

class SeedComponent : public Component
{
public:
    ~SeedComponent() override;
    std::string name() const override { return "seed"; }
    bool loadScenario(const Options &options, Simulator &sim, std::string &error) override;
    void start(Simulator &sim) override;
    void stop() override;

private:
    std::thread m_writer;
    std::atomic<bool> m_stop{false};
    int m_fleetSize = 0;
    double m_eventRate = 0;
};

} // namespace rdsim
