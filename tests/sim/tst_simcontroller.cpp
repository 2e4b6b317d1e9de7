// The Argo Rollouts controller simulation end to end through the store, on a manual clock: the
// scenarios' rollouts go through their steps, analysis aborts the failing canary with the
// controller's message, blue-green waits for promotion, user requests take effect, and the same
// seed gives the same cluster.
#include "sim/DemoComponent.h"
#include "sim/controller/RolloutController.h"
#include "sim/metrics/TrafficSimulation.h"
#include "sim/scenario/Scenario.h"

#include <QtTest>

#include <functional>

using nlohmann::json;
using namespace std::chrono_literals;

namespace {

int64_t toMs(rdsim::Clock::TimePoint t)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

const rdsim::Clock::TimePoint kStart = rdsim::Clock::TimePoint(std::chrono::seconds(1795000000));

struct Harness
{
    explicit Harness(uint64_t seed) : traffic(store, seed), controller(store, clock, seed)
    {
        store.setClock(&clock);
        controller.setMeasureFunction([this](const json &m, const json &a) { return traffic.measure(m, a); });
        controller.setDeploymentListener([this](const rdsim::DeploymentEvent &e) { traffic.onDeploymentEvent(e); });
        trafficTicker = clock.addTicker(2s, [this](rdsim::Clock::TimePoint now) { traffic.advance(toMs(now)); });
        traffic.advance(toMs(clock.now()));
    }
    ~Harness()
    {
        controller.stop();
        clock.removeTicker(trafficTicker);
    }

    bool load(const std::string &text, bool builtin, std::string *error)
    {
        rdsim::Scenario sc;
        const bool ok =
            builtin ? rdsim::loadScenario(text, &sc, error) : rdsim::parseScenario(text, "test", &sc, error);
        if (!ok || !rdsim::applyScenarioObjects(store, sc, error))
            return false;
        traffic.configure(sc.traffic);
        controller.start();
        return true;
    }

    bool runUntil(const std::function<bool()> &done, std::chrono::seconds limit, std::chrono::seconds step = 5s)
    {
        for (auto spent = 0s; spent <= limit; spent += step) {
            if (done())
                return true;
            clock.advance(step);
        }
        return done();
    }

    json get(const rdsim::Gvr &gvr, const std::string &ns, const std::string &name)
    {
        rdsim::Outcome o = store.get(gvr, ns, name);
        return o.object ? *o.object : json();
    }
    json rollout(const std::string &ns, const std::string &name) { return get(rdsim::kRollouts, ns, name); }
    json status(const std::string &ns, const std::string &name)
    {
        return rollout(ns, name).value("status", json::object());
    }

    std::vector<json> list(const rdsim::Gvr &gvr, const std::string &ns)
    {
        std::vector<json> out;
        for (const rdsim::ObjectPtr &p : store.list(gvr, ns).items)
            out.push_back(*p);
        return out;
    }

    void setImage(const std::string &ns, const std::string &rollout, const std::string &image)
    {
        std::string error;
        QVERIFY2(rdsim::runScenarioAction(
                     store, json{{"setImage", {{"namespace", ns}, {"rollout", rollout}, {"image", image}}}}, &error),
                 error.c_str());
    }

    void patchStatus(const std::string &ns, const std::string &name, const json &patch)
    {
        rdsim::Outcome o = store.mergePatch(rdsim::kRollouts, ns, name, patch, rdsim::WriteScope::Status);
        QVERIFY2(!o.error, o.error ? o.error->message.c_str() : "");
    }

    void patchSpec(const std::string &ns, const std::string &name, const json &patch)
    {
        rdsim::Outcome o = store.mergePatch(rdsim::kRollouts, ns, name, patch, rdsim::WriteScope::Main);
        QVERIFY2(!o.error, o.error ? o.error->message.c_str() : "");
    }

    rdsim::Clock clock{rdsim::Clock::Mode::Manual, 1.0, kStart};
    rdsim::Store store;
    rdsim::TrafficSimulation traffic;
    rdsim::RolloutController controller;
    int trafficTicker = 0;
};

std::string str(const json &j, const char *key)
{
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int64_t num(const json &j, const char *key)
{
    auto it = j.find(key);
    return it != j.end() && it->is_number() ? it->get<int64_t>() : -1;
}

json condition(const json &status, const std::string &type)
{
    for (const json &c : status.value("conditions", json::array()))
        if (c.value("type", std::string()) == type)
            return c;
    return json();
}

std::vector<int64_t> vsWeights(Harness &h, const std::string &ns, const std::string &vs)
{
    std::vector<int64_t> out;
    const json v = h.get(rdsim::kVirtualServices, ns, vs);
    for (const json &d : v["spec"]["http"][0]["route"])
        out.push_back(d.value("weight", int64_t(-1)));
    return out;
}

json replicaSetFor(Harness &h, const std::string &ns, const std::string &rollout, const std::string &hash)
{
    return h.get(rdsim::kReplicaSets, ns, rollout + "-" + hash);
}

} // namespace

class TestSimController : public QObject
{
    Q_OBJECT

private slots:
    void canaryAdvancesThroughSteps()
    {
        Harness h(1);
        std::string error;
        QVERIFY2(h.load("production-canary", true, &error), error.c_str());
        const std::string ns = "production", name = "agentic-startup-api";
        QVERIFY(h.runUntil([&] { return str(h.status(ns, name), "phase") == "Healthy"; }, 120s));
        json st = h.status(ns, name);
        QCOMPARE(str(st, "stableRS"), str(st, "currentPodHash"));
        QCOMPARE(num(st, "currentStepIndex"), int64_t(7));
        QCOMPARE(str(st, "observedGeneration"), std::string("1"));
        QCOMPARE(str(st, "selector"), std::string("app=agentic-startup-api"));
        QCOMPARE(num(st, "availableReplicas"), int64_t(5));
        const std::string stableHash = str(st, "stableRS");
        json rs1 = replicaSetFor(h, ns, name, stableHash);
        QCOMPARE(str(rs1["metadata"]["annotations"], "rollout.argoproj.io/revision"), std::string("1"));
        QCOMPARE(str(rs1["metadata"]["labels"], "rollouts-pod-template-hash"), stableHash);
        QCOMPARE(rs1["metadata"]["ownerReferences"][0]["controller"].get<bool>(), true);
        QCOMPARE(str(rs1["metadata"]["ownerReferences"][0], "kind"), std::string("Rollout"));
        QCOMPARE(str(condition(st, "Completed"), "status"), std::string("True"));
        QCOMPARE(str(condition(st, "Healthy"), "status"), std::string("True"));

        h.setImage(ns, name, "ghcr.io/agentic-startup/api:1.5.0");
        QVERIFY(h.runUntil([&] { return num(h.status(ns, name), "currentStepIndex") == 1; }, 120s));
        st = h.status(ns, name);
        const std::string canaryHash = str(st, "currentPodHash");
        QVERIFY(canaryHash != stableHash);
        QCOMPARE(str(st, "phase"), std::string("Paused"));
        QCOMPARE(str(st, "message"), std::string("CanaryPauseStep"));
        QCOMPARE(str(st["pauseConditions"][0], "reason"), std::string("CanaryPauseStep"));
        QCOMPARE(st["controllerPause"].get<bool>(), true);
        QCOMPARE(num(st["canary"]["weights"]["canary"], "weight"), int64_t(5));
        QCOMPARE(num(st["canary"]["weights"]["stable"], "weight"), int64_t(95));
        QCOMPARE(vsWeights(h, ns, "agentic-startup-api-vs"), (std::vector<int64_t>{95, 5}));
        QCOMPARE(str(h.rollout(ns, name)["metadata"]["annotations"], "rollout.argoproj.io/revision"), std::string("2"));
        QCOMPARE(num(replicaSetFor(h, ns, name, canaryHash)["spec"], "replicas"), int64_t(1));
        QCOMPARE(num(replicaSetFor(h, ns, name, stableHash)["spec"], "replicas"), int64_t(5));
        // The subset-level split pins the DestinationRule's subsets and the services.
        const json dr = h.get(rdsim::kDestinationRules, ns, "agentic-startup-api-dr");
        QCOMPARE(str(dr["spec"]["subsets"][1]["labels"], "rollouts-pod-template-hash"), canaryHash);
        QCOMPARE(str(h.get(rdsim::kServices, ns, "agentic-startup-api-stable")["spec"]["selector"],
                     "rollouts-pod-template-hash"),
                 stableHash);
        // Background analysis is running.
        QCOMPARE(str(st["canary"]["currentBackgroundAnalysisRunStatus"], "status"), std::string("Running"));

        // The 30 m pause ends by itself; the 25% step follows.
        h.clock.advance(25min);
        QCOMPARE(num(h.status(ns, name), "currentStepIndex"), int64_t(1));
        QVERIFY(h.runUntil([&] { return num(h.status(ns, name), "currentStepIndex") == 3; }, 10min));
        QCOMPARE(num(h.status(ns, name)["canary"]["weights"]["canary"], "weight"), int64_t(25));
        QCOMPARE(vsWeights(h, ns, "agentic-startup-api-vs"), (std::vector<int64_t>{75, 25}));
        QCOMPARE(num(replicaSetFor(h, ns, name, canaryHash)["spec"], "replicas"), int64_t(2));
        QVERIFY(h.runUntil([&] { return num(h.status(ns, name), "currentStepIndex") == 5; }, 2h + 5min, 30s));
        QCOMPARE(vsWeights(h, ns, "agentic-startup-api-vs"), (std::vector<int64_t>{50, 50}));
        QVERIFY(h.runUntil([&] { return str(h.status(ns, name), "stableRS") == canaryHash; }, 4h + 5min, 30s));
        st = h.status(ns, name);
        QCOMPARE(num(st, "currentStepIndex"), int64_t(7));
        QCOMPARE(num(st["canary"]["weights"]["canary"], "weight"), int64_t(0));
        QCOMPARE(str(st["canary"]["weights"]["stable"], "podTemplateHash"), canaryHash);
        QCOMPARE(vsWeights(h, ns, "agentic-startup-api-vs"), (std::vector<int64_t>{100, 0}));
        // The old stable ReplicaSet keeps its pods until its scale-down deadline.
        QVERIFY(replicaSetFor(h, ns, name, stableHash)["metadata"]["annotations"].contains("scale-down-deadline"));
        QVERIFY(
            h.runUntil([&] { return num(replicaSetFor(h, ns, name, stableHash)["spec"], "replicas") == 0; }, 60s, 1s));
        QVERIFY(h.runUntil([&] { return str(h.status(ns, name), "phase") == "Healthy"; }, 60s, 1s));
        QCOMPARE(str(h.status(ns, name), "message"), std::string());
        QCOMPARE(str(condition(h.status(ns, name), "Progressing"), "reason"), std::string("NewReplicaSetAvailable"));
        // The background run was terminated when the update completed.
        const std::string runName = str(h.status(ns, name)["canary"]["currentBackgroundAnalysisRunStatus"], "name");
        const json run = h.get(rdsim::kAnalysisRuns, ns, runName);
        QCOMPARE(str(run["status"], "phase"), std::string("Successful"));
        QCOMPARE(run["spec"]["terminate"].get<bool>(), true);
        const std::string metrics = h.traffic.renderPrometheus();
        QVERIFY(metrics.find("deployment_success_total{namespace=\"production\",deployment=\"agentic-startup-api\","
                             "environment=\"production\"} 1\n") != std::string::npos);
    }

    void failingCanaryIsAbortedByAnalysis()
    {
        Harness h(1);
        std::string error;
        QVERIFY2(h.load("failing-canary", true, &error), error.c_str());
        const std::string ns = "canary", name = "payments-api";
        QVERIFY(h.runUntil([&] { return str(h.status(ns, name), "phase") == "Healthy"; }, 120s));
        h.setImage(ns, name, "ghcr.io/agentic-startup/payments:2.4.0");
        h.clock.advance(1s);
        QCOMPARE(num(h.status(ns, name), "currentStepIndex"), int64_t(0));
        int64_t maxIndex = 0;
        QVERIFY(h.runUntil(
            [&] {
                maxIndex = std::max(maxIndex, num(h.status(ns, name), "currentStepIndex"));
                return str(h.status(ns, name), "phase") == "Degraded";
            },
            3h, 30s));
        json st = h.status(ns, name);
        QCOMPARE(maxIndex, int64_t(3)); // it got to the 25% step, not further
        QCOMPARE(QString::fromStdString(str(st, "message")),
                 QStringLiteral(
                     "RolloutAborted: Rollout aborted update to revision 2: Background analysis phase "
                     "error/failed: Metric \"success-rate\" assessed Failed due to failed (1) > failureLimit (0)"));
        QCOMPARE(st["abort"].get<bool>(), true);
        QVERIFY(st.contains("abortedAt"));
        QCOMPARE(str(condition(st, "Progressing"), "reason"), std::string("RolloutAborted"));
        QCOMPARE(str(condition(st, "Progressing"), "status"), std::string("False"));
        QCOMPARE(num(st, "currentStepIndex"), int64_t(0));
        QCOMPARE(num(st["canary"]["weights"]["canary"], "weight"), int64_t(0));
        QCOMPARE(vsWeights(h, ns, "payments-api-vs"), (std::vector<int64_t>{100, 0}));
        const std::string canaryHash = str(st, "currentPodHash");
        QVERIFY(
            h.runUntil([&] { return num(replicaSetFor(h, ns, name, canaryHash)["spec"], "replicas") == 0; }, 60s, 1s));
        // The run failed on a measured error rate above 0.5%.
        const json run =
            h.get(rdsim::kAnalysisRuns, ns, str(st["canary"]["currentBackgroundAnalysisRunStatus"], "name"));
        QCOMPARE(str(run["status"], "phase"), std::string("Failed"));
        const json last = run["status"]["metricResults"][0]["measurements"].back();
        QCOMPARE(str(last, "phase"), std::string("Failed"));
        const double measured = std::stod(str(last, "value").substr(1));
        QVERIFY2(measured < 0.995, str(last, "value").c_str());
        QVERIFY(h.traffic.renderPrometheus().find("deployment_failed_total{namespace=\"canary\",deployment=\"payments-"
                                                  "api\",environment=\"canary\"} 1\n") != std::string::npos);

        // Retry (after the errors left the analysis window): the steps start again, with a new run.
        h.clock.advance(10min);
        QCOMPARE(str(h.status(ns, name), "phase"), std::string("Degraded"));
        h.patchStatus(ns, name, json{{"status", {{"abort", false}}}});
        h.clock.advance(1s);
        st = h.status(ns, name);
        QVERIFY(str(condition(st, "Progressing"), "reason") != "RolloutAborted");
        QVERIFY(!st.contains("abortedAt"));
        QVERIFY(h.runUntil([&] { return num(h.status(ns, name), "currentStepIndex") == 1; }, 120s));
        st = h.status(ns, name);
        QCOMPARE(str(st, "phase"), std::string("Paused"));
        QCOMPARE(num(st["canary"]["weights"]["canary"], "weight"), int64_t(5));
        QVERIFY(str(st["canary"]["currentBackgroundAnalysisRunStatus"], "name") != str(run["metadata"], "name"));
    }

    void stepAnalysisFailureAborts()
    {
        Harness h(3);
        std::string error;
        const char *scenario = R"(
objects:
- {apiVersion: v1, kind: Namespace, metadata: {name: team}}
- apiVersion: argoproj.io/v1alpha1
  kind: AnalysisTemplate
  metadata: {name: always-fail, namespace: team}
  spec:
    metrics:
    - name: always-fail
      successCondition: len(result) > 0 && result[0] > 2
      provider:
        prometheus:
          query: sum(rate(http_requests_total{namespace="team",rollout="web",version="canary",code!~"5.."}[1m])) / sum(rate(http_requests_total{namespace="team",rollout="web",version="canary"}[1m]))
- apiVersion: argoproj.io/v1alpha1
  kind: Rollout
  metadata: {name: web, namespace: team}
  spec:
    replicas: 5
    selector: {matchLabels: {app: web}}
    strategy:
      canary:
        steps:
        - setWeight: 20
        - analysis: {templates: [{templateName: always-fail}]}
        - pause: {}
    template:
      metadata: {labels: {app: web}}
      spec:
        containers: [{name: web, image: "example/web:1"}]
)";
        QVERIFY2(h.load(scenario, false, &error), error.c_str());
        QVERIFY(h.runUntil([&] { return str(h.status("team", "web"), "phase") == "Healthy"; }, 120s));
        h.setImage("team", "web", "example/web:2");
        QVERIFY(h.runUntil([&] { return str(h.status("team", "web"), "phase") == "Degraded"; }, 300s));
        const json st = h.status("team", "web");
        QCOMPARE(QString::fromStdString(str(st, "message")),
                 QStringLiteral(
                     "RolloutAborted: Rollout aborted update to revision 2: Step-based analysis phase "
                     "error/failed: Metric \"always-fail\" assessed Failed due to failed (1) > failureLimit (0)"));
        QCOMPARE(str(st["canary"]["currentStepAnalysisRunStatus"], "status"), std::string("Failed"));
        // Without traffic routing the stable ReplicaSet gets back to full size.
        const std::string stable = str(st, "stableRS");
        QVERIFY(
            h.runUntil([&] { return num(replicaSetFor(h, "team", "web", stable)["spec"], "replicas") == 5; }, 60s, 1s));
    }

    void blueGreenWaitsThenPromotes()
    {
        Harness h(5);
        std::string error;
        QVERIFY2(h.load("bluegreen", true, &error), error.c_str());
        const std::string ns = "staging", name = "agentic-startup-web";
        QVERIFY(h.runUntil([&] { return str(h.status(ns, name), "phase") == "Healthy"; }, 120s));
        const std::string blue = str(h.status(ns, name), "stableRS");
        QCOMPARE(str(h.status(ns, name)["blueGreen"], "activeSelector"), blue);
        h.setImage(ns, name, "ghcr.io/agentic-startup/web:3.2.0");
        QVERIFY(h.runUntil([&] { return str(h.status(ns, name), "message") == "BlueGreenPause"; }, 300s));
        json st = h.status(ns, name);
        const std::string green = str(st, "currentPodHash");
        QCOMPARE(str(st, "phase"), std::string("Paused"));
        QCOMPARE(str(st["blueGreen"], "activeSelector"), blue);
        QCOMPARE(str(st["blueGreen"], "previewSelector"), green);
        QCOMPARE(str(st["blueGreen"]["prePromotionAnalysisRunStatus"], "status"), std::string("Successful"));
        QCOMPARE(str(h.get(rdsim::kServices, ns, "agentic-startup-web-active")["spec"]["selector"],
                     "rollouts-pod-template-hash"),
                 blue);
        QCOMPARE(str(h.get(rdsim::kServices, ns, "agentic-startup-web-preview")["spec"]["selector"],
                     "rollouts-pod-template-hash"),
                 green);
        // It waits: no auto-promotion.
        h.clock.advance(20min);
        QCOMPARE(str(h.status(ns, name), "message"), std::string("BlueGreenPause"));
        // promote = clear the pause conditions
        h.patchStatus(ns, name, json{{"status", {{"pauseConditions", nullptr}}}});
        QVERIFY(h.runUntil([&] { return str(h.status(ns, name), "stableRS") == green; }, 120s, 1s));
        st = h.status(ns, name);
        QCOMPARE(str(st["blueGreen"], "activeSelector"), green);
        QCOMPARE(str(h.get(rdsim::kServices, ns, "agentic-startup-web-active")["spec"]["selector"],
                     "rollouts-pod-template-hash"),
                 green);
        const json oldRs = replicaSetFor(h, ns, name, blue);
        QVERIFY(oldRs["metadata"]["annotations"].contains("scale-down-deadline"));
        QCOMPARE(num(oldRs["spec"], "replicas"), int64_t(3));
        QVERIFY(h.runUntil([&] { return num(replicaSetFor(h, ns, name, blue)["spec"], "replicas") == 0; }, 60s, 1s));
        QVERIFY(h.runUntil([&] { return str(h.status(ns, name), "phase") == "Healthy"; }, 60s, 1s));
    }

    void userRequestsTakeEffect()
    {
        Harness h(7);
        std::string error;
        QVERIFY2(h.load("production-canary", true, &error), error.c_str());
        const std::string ns = "production", name = "agentic-startup-api";
        QVERIFY(h.runUntil([&] { return str(h.status(ns, name), "phase") == "Healthy"; }, 120s));
        const json v1Template = h.rollout(ns, name)["spec"]["template"];
        const std::string v1 = str(h.status(ns, name), "stableRS");
        h.setImage(ns, name, "ghcr.io/agentic-startup/api:1.5.0");
        QVERIFY(h.runUntil([&] { return num(h.status(ns, name), "currentStepIndex") == 1; }, 120s));

        // pause: the timed pause does not end while spec.paused is set.
        h.patchSpec(ns, name, json{{"spec", {{"paused", true}}}});
        h.clock.advance(40min);
        json st = h.status(ns, name);
        QCOMPARE(str(st, "phase"), std::string("Paused"));
        QCOMPARE(str(st, "message"), std::string("manually paused"));
        QCOMPARE(num(st, "currentStepIndex"), int64_t(1));
        h.patchSpec(ns, name, json{{"spec", {{"paused", false}}}});
        QVERIFY(h.runUntil([&] { return num(h.status(ns, name), "currentStepIndex") == 3; }, 120s));

        // promote (kubectl argo rollouts promote): clear the pause conditions.
        h.patchStatus(ns, name, json{{"status", {{"pauseConditions", nullptr}}}});
        QVERIFY(h.runUntil([&] { return num(h.status(ns, name), "currentStepIndex") == 5; }, 120s, 1s));

        // abort
        h.patchStatus(ns, name, json{{"status", {{"abort", true}}}});
        h.clock.advance(1s);
        st = h.status(ns, name);
        QCOMPARE(str(st, "phase"), std::string("Degraded"));
        QCOMPARE(str(st, "message"), std::string("RolloutAborted: Rollout aborted update to revision 2"));
        QCOMPARE(num(st["canary"]["weights"]["canary"], "weight"), int64_t(0));

        // retry
        h.patchStatus(ns, name, json{{"status", {{"abort", false}}}});
        QVERIFY(h.runUntil([&] { return num(h.status(ns, name), "currentStepIndex") == 1; }, 120s, 1s));
        QCOMPARE(str(h.status(ns, name), "phase"), std::string("Paused"));

        // promote-full
        h.patchStatus(ns, name, json{{"status", {{"promoteFull", true}}}});
        QVERIFY(h.runUntil(
            [&] {
                const json s = h.status(ns, name);
                return str(s, "stableRS") == str(s, "currentPodHash");
            },
            120s, 1s));
        st = h.status(ns, name);
        QVERIFY(!st.contains("promoteFull"));
        QCOMPARE(num(st, "currentStepIndex"), int64_t(7));
        const std::string v2 = str(st, "stableRS");
        QVERIFY(h.runUntil([&] { return str(h.status(ns, name), "phase") == "Healthy"; }, 120s, 1s));

        // undo: the template goes back to revision 1; its ReplicaSet is reused with revision 3.
        const size_t rsBefore = h.list(rdsim::kReplicaSets, ns).size();
        h.patchSpec(ns, name, json{{"spec", {{"template", v1Template}}}});
        h.clock.advance(1s);
        st = h.status(ns, name);
        QCOMPARE(str(st, "currentPodHash"), v1);
        QCOMPARE(h.list(rdsim::kReplicaSets, ns).size(), rsBefore);
        QCOMPARE(str(replicaSetFor(h, ns, name, v1)["metadata"]["annotations"], "rollout.argoproj.io/revision"),
                 std::string("3"));
        QCOMPARE(str(h.rollout(ns, name)["metadata"]["annotations"], "rollout.argoproj.io/revision"), std::string("3"));
        QVERIFY(num(st, "currentStepIndex") <= 1); // the steps start again (the old pods may still be up)
        QVERIFY(v1 != v2);
        QVERIFY(h.traffic.renderPrometheus().find(
                    "deployment_rollback_total{namespace=\"production\",deployment=\"agentic-startup-api\","
                    "environment=\"production\"} 1\n") != std::string::npos);
        h.patchStatus(ns, name, json{{"status", {{"promoteFull", true}}}});
        QVERIFY(h.runUntil([&] { return str(h.status(ns, name), "phase") == "Healthy"; }, 180s, 1s));

        // restart: every pod is replaced, one at a time, then restartedAt is recorded.
        const std::string restartAt = h.clock.nowRfc3339();
        std::set<std::string> oldPods;
        for (const json &p : h.list(rdsim::kPods, ns))
            oldPods.insert(str(p["metadata"], "name"));
        h.clock.advance(1s);
        h.patchSpec(ns, name, json{{"spec", {{"restartAt", restartAt}}}});
        h.clock.advance(1s);
        QCOMPARE(str(h.status(ns, name), "message"), std::string("rollout is restarting"));
        QVERIFY(h.runUntil([&] { return str(h.status(ns, name), "restartedAt") == restartAt; }, 300s, 1s));
        for (const json &p : h.list(rdsim::kPods, ns))
            QVERIFY(!oldPods.count(str(p["metadata"], "name")));
        QVERIFY(h.runUntil([&] { return str(h.status(ns, name), "phase") == "Healthy"; }, 60s, 1s));
    }

    void invalidSpecAndProgressDeadline()
    {
        Harness h(9);
        std::string error;
        const char *scenario = R"(
objects:
- {apiVersion: v1, kind: Namespace, metadata: {name: edge}}
- apiVersion: argoproj.io/v1alpha1
  kind: Rollout
  metadata: {name: invalid, namespace: edge}
  spec:
    selector: {matchLabels: {app: invalid}}
    strategy: {canary: {steps: [{setWeight: 50}]}}
    template:
      metadata: {labels: {app: doesnt-match}}
      spec: {containers: [{name: c, image: "example/c:1"}]}
- apiVersion: argoproj.io/v1alpha1
  kind: Rollout
  metadata: {name: stuck, namespace: edge}
  spec:
    replicas: 2
    progressDeadlineSeconds: 120
    selector: {matchLabels: {app: stuck}}
    strategy: {canary: {steps: [{setWeight: 50}, {pause: {}}]}}
    template:
      metadata: {labels: {app: stuck}}
      spec: {containers: [{name: c, image: "example/c:1"}]}
)";
        QVERIFY2(h.load(scenario, false, &error), error.c_str());
        h.clock.advance(2s);
        json st = h.status("edge", "invalid");
        QCOMPARE(str(st, "phase"), std::string("Degraded"));
        QCOMPARE(
            QString::fromStdString(str(st, "message")),
            QStringLiteral(
                "InvalidSpec: The Rollout \"invalid\" is invalid: spec.template.metadata.labels: Invalid "
                "value: map[string]string{\"app\":\"doesnt-match\"}: `selector` does not match template `labels`"));
        for (const json &rs : h.list(rdsim::kReplicaSets, "edge"))
            QVERIFY(str(rs["metadata"], "name").rfind("invalid-", 0) != 0); // an invalid spec makes no ReplicaSet

        QVERIFY(h.runUntil([&] { return str(h.status("edge", "stuck"), "phase") == "Healthy"; }, 120s));
        h.setImage("edge", "stuck", "example/does-not-exist:2");
        QVERIFY(h.runUntil([&] { return str(h.status("edge", "stuck"), "phase") == "Degraded"; }, 300s));
        st = h.status("edge", "stuck");
        const std::string rs = "stuck-" + str(st, "currentPodHash");
        QCOMPARE(QString::fromStdString(str(st, "message")),
                 QStringLiteral("ProgressDeadlineExceeded: ReplicaSet \"%1\" has timed out progressing.")
                     .arg(QString::fromStdString(rs)));
        bool backoff = false;
        for (const json &p : h.list(rdsim::kPods, "edge"))
            for (const json &cs : p["status"].value("containerStatuses", json::array()))
                backoff = backoff || cs["state"].value("waiting", json::object()).value("reason", std::string()) ==
                                         "ImagePullBackOff";
        QVERIFY(backoff);
        // A fixed image makes progress again.
        h.setImage("edge", "stuck", "example/c:3");
        QVERIFY(h.runUntil([&] { return str(h.status("edge", "stuck"), "message") == "CanaryPauseStep"; }, 120s));
    }

    void skipStepAndBlueGreenOptions()
    {
        Harness h(13);
        std::string error;
        const char *scenario = R"(
objects:
- {apiVersion: v1, kind: Namespace, metadata: {name: opt}}
- apiVersion: argoproj.io/v1alpha1
  kind: AnalysisTemplate
  metadata: {name: pass, namespace: opt}
  spec:
    metrics:
    - name: pass
      provider: {job: {spec: {template: {spec: {containers: [{name: c, image: alpine}]}}}}}
- {apiVersion: v1, kind: Service, metadata: {name: bg-active, namespace: opt}, spec: {selector: {app: bg}}}
- apiVersion: argoproj.io/v1alpha1
  kind: Rollout
  metadata: {name: steps, namespace: opt}
  spec:
    replicas: 4
    selector: {matchLabels: {app: steps}}
    strategy: {canary: {steps: [{setWeight: 25}, {pause: {}}, {setWeight: 50}, {pause: {}}, {setWeight: 75}]}}
    template:
      metadata: {labels: {app: steps}}
      spec: {containers: [{name: c, image: "example/s:1"}]}
- apiVersion: argoproj.io/v1alpha1
  kind: Rollout
  metadata: {name: bg, namespace: opt}
  spec:
    replicas: 2
    selector: {matchLabels: {app: bg}}
    strategy:
      blueGreen:
        activeService: bg-active
        autoPromotionSeconds: 60
        postPromotionAnalysis: {templates: [{templateName: pass}]}
    template:
      metadata: {labels: {app: bg}}
      spec: {containers: [{name: c, image: "example/b:1"}]}
)";
        QVERIFY2(h.load(scenario, false, &error), error.c_str());
        QVERIFY(h.runUntil(
            [&] {
                return str(h.status("opt", "steps"), "phase") == "Healthy" &&
                       str(h.status("opt", "bg"), "phase") == "Healthy";
            },
            120s));

        // skip-current-step (Argo CD): index + 1, pause conditions gone; the next pause still pauses.
        h.setImage("opt", "steps", "example/s:2");
        QVERIFY(h.runUntil([&] { return str(h.status("opt", "steps"), "message") == "CanaryPauseStep"; }, 120s));
        QCOMPARE(num(h.status("opt", "steps"), "currentStepIndex"), int64_t(1));
        h.patchStatus("opt", "steps", json{{"status", {{"currentStepIndex", 2}, {"pauseConditions", nullptr}}}});
        QVERIFY(h.runUntil([&] { return num(h.status("opt", "steps"), "currentStepIndex") == 3; }, 120s, 1s));
        h.clock.advance(30s);
        json st = h.status("opt", "steps");
        QCOMPARE(num(st, "currentStepIndex"), int64_t(3));
        QCOMPARE(str(st, "message"), std::string("CanaryPauseStep"));

        // autoPromotionSeconds: the pause ends by itself; post-promotion analysis runs after the cutover.
        h.setImage("opt", "bg", "example/b:2");
        QVERIFY(h.runUntil([&] { return str(h.status("opt", "bg"), "message") == "BlueGreenPause"; }, 120s, 1s));
        const std::string green = str(h.status("opt", "bg"), "currentPodHash");
        QVERIFY(
            h.runUntil([&] { return str(h.status("opt", "bg")["blueGreen"], "activeSelector") == green; }, 90s, 1s));
        QVERIFY(h.runUntil([&] { return str(h.status("opt", "bg"), "stableRS") == green; }, 60s, 1s));
        QCOMPARE(str(h.status("opt", "bg")["blueGreen"]["postPromotionAnalysisRunStatus"], "status"),
                 std::string("Successful"));
    }

    void sameSeedSameCluster()
    {
        auto snapshot = [](uint64_t seed) {
            Harness h(seed);
            std::string error;
            if (!h.load("production-canary", true, &error))
                return std::string("load failed: ") + error;
            h.clock.advance(60s);
            h.setImage("production", "agentic-startup-api", "ghcr.io/agentic-startup/api:1.5.0");
            h.clock.advance(45min);
            json all = json::array();
            for (const rdsim::Gvr &g :
                 {rdsim::kRollouts, rdsim::kReplicaSets, rdsim::kPods, rdsim::kAnalysisRuns, rdsim::kVirtualServices})
                for (const json &o : h.list(g, ""))
                    all.push_back(o);
            return all.dump() + h.traffic.renderPrometheus();
        };
        const std::string a = snapshot(42);
        const std::string b = snapshot(42);
        const std::string c = snapshot(43);
        QVERIFY(a.size() > 10000);
        QVERIFY(a == b);
        QVERIFY(a != c);
    }

    void scenarioFilesReportErrors_data()
    {
        QTest::addColumn<QString>("yaml");
        QTest::addColumn<QString>("expected");
        QTest::newRow("syntax") << QStringLiteral("objects:\n  - [unclosed\n") << QStringLiteral("test:");
        QTest::newRow("object without kind") << QStringLiteral("objects:\n- {apiVersion: v1, metadata: {name: x}}\n")
                                             << QStringLiteral("every object needs apiVersion, kind and metadata.name");
        QTest::newRow("bad duration") << QStringLiteral("actions:\n- {after: soon, setImage: {rollout: x, image: y}}\n")
                                      << QStringLiteral("`after` must be a duration");
        QTest::newRow("unknown include") << QStringLiteral("include: [no-such-scenario]\n")
                                         << QStringLiteral("unknown scenario \"no-such-scenario\"");
        // Bounds (issue 10): an alias bomb, an include fan-out, nesting, a device as a file.
        QString bomb = QStringLiteral("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        QChar previous = u'a';
        for (char16_t c = u'b'; c <= u'h'; ++c) {
            bomb += QString(QChar(c)) + QStringLiteral(": &") + QChar(c) + QStringLiteral(" [") +
                    QString(QStringLiteral("*") + previous + QStringLiteral(", ")).repeated(9) + QStringLiteral("*") +
                    previous + QStringLiteral("]\n");
            previous = QChar(c);
        }
        QTest::newRow("alias bomb") << bomb << QStringLiteral("more than 200000 YAML nodes once aliases");
        QTest::newRow("include fan-out") << QStringLiteral("include: [") + QStringLiteral("default, ").repeated(3000) +
                                                QStringLiteral("default]\n")
                                         << QStringLiteral("more than 200000 YAML nodes once aliases and includes");
        QTest::newRow("300 levels") << QStringLiteral("objects: ") + QString(300, u'[') + QString(300, u']')
                                    << QStringLiteral("test:1: nested deeper than 256 levels");
        QTest::newRow("5000 levels") << QStringLiteral("objects: ") + QString(5000, u'[') + QString(5000, u']')
                                     << QStringLiteral("test:1: nested deeper than 256 levels");
        // Found by fuzz_scenario: a key of the wrong type threw out of the reader and ended the simulator.
        QTest::newRow("argocd is a string")
            << QStringLiteral("argocd: apps\n") << QStringLiteral("argocd: expected a mapping");
        QTest::newRow("name is a number") << QStringLiteral("name: 5\n") << QStringLiteral("name: expected a string");
        QTest::newRow("junk byte escaped")
            << QStringLiteral("a: \"\\\x1b[2J\"\n") << QStringLiteral("unknown escape character: \\x1b");
        QTest::newRow("a device") << QStringLiteral("include: [/dev/zero]\n")
                                  << QStringLiteral("/dev/zero: not a regular file");
    }

    void scenarioFilesReportErrors()
    {
        QFETCH(QString, yaml);
        QFETCH(QString, expected);
        rdsim::Scenario sc;
        std::string error;
        QVERIFY(!rdsim::parseScenario(yaml.toStdString(), "test", &sc, &error));
        QVERIFY2(QString::fromStdString(error).contains(expected), error.c_str());
    }

    void builtinScenariosLoad()
    {
        for (const std::string &name : rdsim::builtinScenarioNames()) {
            rdsim::Scenario sc;
            std::string error;
            QVERIFY2(rdsim::loadScenario(name, &sc, &error), (name + ": " + error).c_str());
            QVERIFY(!sc.objects.empty());
            rdsim::Store store;
            QVERIFY2(rdsim::applyScenarioObjects(store, sc, &error), (name + ": " + error).c_str());
        }
        rdsim::Scenario all;
        std::string error;
        QVERIFY(rdsim::loadScenario("default", &all, &error));
        QCOMPARE(all.applications.size(), size_t(5));
        QVERIFY(all.actions.size() >= 4);
    }
};

QTEST_GUILESS_MAIN(TestSimController)
#include "tst_simcontroller.moc"
