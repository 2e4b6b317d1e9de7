#pragma once

// The component that makes the simulated cluster behave: it loads the demo scenarios (built-in
// names or YAML files, see docs/sim-scenarios.md), runs the Argo Rollouts controller simulation,
// the traffic model behind /metrics on the metrics listener, the Argo CD API on the Argo CD
// listener, and the scenario's timed actions. Scenarios it does not know ("seed", "fleet",
// "empty") are left to the next component; then only /metrics and the Argo CD API run (with no
// applications) and the controller stays off, so it never rewrites objects it did not create.
//
// Usage: makeBuiltinComponents() puts it first; tests may construct a Simulator and call
//   sim.addComponent(std::make_unique<rdsim::DemoComponent>()) when they build their own list.

#include "Simulator.h"

#include "scenario/Scenario.h"
#include "scenario/ScenarioObjects.h" // applyScenarioObjects, runScenarioAction (tests use them through this header)

#include <memory>
#include <mutex>

namespace rdsim {

class ControllerEvents;
class RolloutController;
class TrafficSimulation;
class ArgoCdApi;

class DemoComponent : public Component
{
public:
    DemoComponent();
    ~DemoComponent() override;

    std::string name() const override { return "demo"; }
    void registerKubeRoutes(httplib::Server &server, Simulator &sim) override;
    void registerArgoCdRoutes(httplib::Server &server, Simulator &sim) override;
    void registerMetricsRoutes(httplib::Server &server, Simulator &sim) override;
    bool loadScenario(const Options &options, Simulator &sim, std::string &error) override;
    void start(Simulator &sim) override;
    void stop() override;

private:
    void runDueActions(Simulator &sim);
    void setUp(Simulator &sim);

    std::unique_ptr<TrafficSimulation> m_traffic;
    std::unique_ptr<RolloutController> m_controller;
    std::unique_ptr<ControllerEvents> m_events;
    std::unique_ptr<ArgoCdApi> m_argocd;
    Store *m_store = nullptr;
    bool m_ownScenario = false;
    Scenario m_scenario;
    std::vector<bool> m_actionDone;
    int64_t m_startMs = 0;
    std::vector<int> m_tickers;
    Clock *m_clock = nullptr;
    std::mutex m_mutex;
};

} // namespace rdsim
