#include "DemoComponent.h"

#include "argocd/ArgoCdApi.h"
#include "controller/Events.h"
#include "controller/RolloutController.h"
#include "metrics/TrafficSimulation.h"
#include "scenario/ScenarioObjects.h"

#include <httplib.h>

namespace rdsim {

using nlohmann::json;

namespace {

int64_t toMs(Clock::TimePoint t)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

} // namespace

DemoComponent::DemoComponent() = default;

DemoComponent::~DemoComponent()
{
    stop();
}

void DemoComponent::setUp(Simulator &sim)
{
    if (m_store == &sim.store() && m_traffic)
        return;
    stop();
    m_store = &sim.store();
    m_clock = &sim.clock();
    m_traffic = std::make_unique<TrafficSimulation>(sim.store(), sim.options().seed);
    m_argocd = std::make_unique<ArgoCdApi>(sim.store(), sim.clock(), sim.options().seed);
    m_argocd->setToken(sim.options().argocdToken);
    // The password of the demo's admin account is the token itself: nothing hard-coded to leak.
    m_argocd->setCredentials("admin", sim.options().argocdToken);
    m_argocd->setReadOnlyAccount("viewer", sim.options().argocdReadOnlyToken);
    m_ownScenario = false;
}

void DemoComponent::registerKubeRoutes(httplib::Server &, Simulator &sim)
{
    setUp(sim);
}

void DemoComponent::registerArgoCdRoutes(httplib::Server &server, Simulator &sim)
{
    setUp(sim);
    m_argocd->registerRoutes(server);
}

void DemoComponent::registerMetricsRoutes(httplib::Server &server, Simulator &sim)
{
    setUp(sim);
    TrafficSimulation *traffic = m_traffic.get();
    server.Get("/metrics", [traffic](const httplib::Request &, httplib::Response &res) {
        res.set_content(traffic->renderPrometheus(), "text/plain; version=0.0.4; charset=utf-8");
    });
}

bool DemoComponent::loadScenario(const Options &options, Simulator &sim, std::string &error)
{
    setUp(sim);
    const std::string &name = options.scenario;
    const bool isFile =
        name.find('/') != std::string::npos || (name.size() > 5 && (name.compare(name.size() - 5, 5, ".yaml") == 0 ||
                                                                    name.compare(name.size() - 4, 4, ".yml") == 0));
    if (!isBuiltinScenario(name) && !isFile)
        return false;
    if (!rdsim::loadScenario(name, &m_scenario, &error))
        return true;
    if (!applyScenarioObjects(sim.store(), m_scenario, &error))
        return true;
    m_traffic->configure(m_scenario.traffic);
    if (options.abSampleRatioMismatch >= 0)
        m_traffic->configure(json{{"abSampleRatioMismatch", options.abSampleRatioMismatch}});
    for (const json &a : m_scenario.applications) {
        ArgoCdApi::AppSpec spec;
        spec.name = a.value("name", std::string());
        spec.project = a.value("project", std::string("default"));
        spec.destinationNamespace = a.value("namespace", std::string("default"));
        spec.path = a.value("path", std::string());
        spec.autoSync = a.value("autoSync", false);
        spec.repo = a.value("repo", json::array());
        spec.repository = a.value("repository", std::string());
        spec.firstCommit = a.value("firstCommit", 1);
        for (const json &c : a.value("children", json::array()))
            spec.children.push_back(c.get<std::string>());
        const json labels = a.value("labels", json::object());
        for (auto it = labels.begin(); it != labels.end(); ++it)
            spec.labels[it.key()] = it->is_string() ? it->get<std::string>() : it->dump();
        m_argocd->addApplication(spec);
    }
    m_actionDone.assign(m_scenario.actions.size(), false);
    m_ownScenario = true;
    return true;
}

void DemoComponent::runDueActions(Simulator &sim)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    const int64_t now = toMs(sim.clock().now());
    for (size_t i = 0; i < m_scenario.actions.size(); ++i) {
        if (m_actionDone[i] || now - m_startMs < m_scenario.actions[i].afterMs)
            continue;
        m_actionDone[i] = true;
        std::string error;
        const json &spec = m_scenario.actions[i].spec;
        if (spec.contains("deploy")) {
            // Through the repository of the application that deploys there; without one, straight to the cluster.
            const json &d = spec["deploy"];
            if (!m_argocd->deploy(d.value("namespace", std::string("default")), d.value("rollout", std::string()),
                                  d.value("image", std::string()), d.value("labels", json::object()),
                                  d.value("message", std::string())))
                runScenarioAction(sim.store(), json{{"setImage", d}}, &error);
            continue;
        }
        runScenarioAction(sim.store(), spec, &error);
    }
}

void DemoComponent::start(Simulator &sim)
{
    setUp(sim);
    m_startMs = toMs(sim.clock().now());
    TrafficSimulation *traffic = m_traffic.get();
    // The fleet stands in for a big cluster's API load: its rollouts get no simulated traffic
    // (docs/sim-scenarios.md), which would cost the simulator a core and /metrics 100,000 series.
    if (!m_ownScenario && sim.options().scenario == "fleet")
        traffic->configure(json{{"enabled", false}});
    traffic->advance(m_startMs);
    m_tickers.push_back(sim.clock().addTicker(std::chrono::seconds(2),
                                              [traffic](Clock::TimePoint now) { traffic->advance(toMs(now)); }));
    if (m_ownScenario && m_scenario.controller) {
        m_controller = std::make_unique<RolloutController>(sim.store(), sim.clock(), sim.options().seed);
        m_controller->setMeasureFunction(
            [traffic](const json &metric, const json &args) { return traffic->measure(metric, args); });
        m_controller->setDeploymentListener([traffic](const DeploymentEvent &e) { traffic->onDeploymentEvent(e); });
        m_controller->start();
        m_events = std::make_unique<ControllerEvents>(sim.store(), sim.clock()); // the controller's Events
        m_events->start();
    }
    if (m_ownScenario) {
        Simulator *s = &sim;
        m_tickers.push_back(
            sim.clock().addTicker(std::chrono::seconds(1), [this, s](Clock::TimePoint) { runDueActions(*s); }));
    }
    m_argocd->start();
}

void DemoComponent::stop()
{
    if (m_traffic)
        m_traffic->stop(); // a tick under way ends early: removeTicker() below waits for it
    if (m_clock)
        for (int id : m_tickers)
            m_clock->removeTicker(id);
    m_tickers.clear();
    m_events.reset(); // stops its threads
    if (m_controller)
        m_controller->stop();
    m_controller.reset();
    if (m_argocd)
        m_argocd->stop();
}

} // namespace rdsim
