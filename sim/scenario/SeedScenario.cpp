#include "SeedScenario.h"

#include <cstdio>

namespace rdsim {

using nlohmann::json;

namespace {

std::string podTemplateHash(std::mt19937_64 &rng)
{
    static const char kAlphabet[] = "bcdfghjklmnpqrstvwxz2456789";
    std::string out;
    for (int i = 0; i < 10; ++i)
        out += kAlphabet[rng() % 27];
    return out;
}

std::string suffix(std::mt19937_64 &rng)
{
    static const char kAlphabet[] = "bcdfghjklmnpqrstvwxz2456789";
    std::string out;
    for (int i = 0; i < 5; ++i)
        out += kAlphabet[rng() % 27];
    return out;
}

json ownerRef(const json &owner)
{
    return json::array({{{"apiVersion", owner["apiVersion"]},
                         {"kind", owner["kind"]},
                         {"name", owner["metadata"]["name"]},
                         {"uid", owner["metadata"]["uid"]},
                         {"controller", true},
                         {"blockOwnerDeletion", true}}});
}

json podTemplate(const std::string &app, const std::string &image)
{
    return {{"metadata", {{"labels", {{"app", app}}}}},
            {"spec",
             {{"containers", json::array({{{"name", app},
                                           {"image", image},
                                           {"ports", json::array({{{"containerPort", 8080}, {"protocol", "TCP"}}})},
                                           {"resources",
                                            {{"requests", {{"cpu", "100m"}, {"memory", "128Mi"}}},
                                             {"limits", {{"memory", "256Mi"}}}}}}})}}}};
}

json makePod(const json &rs, const std::string &hash, int index, bool ready, std::mt19937_64 &rng)
{
    const std::string app = rs["metadata"]["labels"].value("app", "");
    json tmpl = rs["spec"]["template"];
    json pod = {{"apiVersion", "v1"},
                {"kind", "Pod"},
                {"metadata",
                 {{"name", rs["metadata"].value("name", "") + "-" + suffix(rng)},
                  {"labels", tmpl["metadata"]["labels"]},
                  {"ownerReferences", ownerRef(rs)}}},
                {"spec", tmpl["spec"]}};
    pod["spec"]["nodeName"] = "sim-node-" + std::to_string(index % 3);
    const std::string ts = rs["metadata"].value("creationTimestamp", "");
    json cond = json::array();
    for (const char *type : {"Initialized", "Ready", "ContainersReady", "PodScheduled"}) {
        const bool isReadyType = std::string(type) == "Ready" || std::string(type) == "ContainersReady";
        cond.push_back(
            {{"type", type}, {"status", (!isReadyType || ready) ? "True" : "False"}, {"lastTransitionTime", ts}});
    }
    pod["status"] = {{"phase", "Running"},
                     {"conditions", cond},
                     {"hostIP", "10.0.0." + std::to_string(10 + index % 3)},
                     {"podIP", "10.244." + std::to_string(index % 250) + "." + std::to_string(rng() % 250 + 2)},
                     {"startTime", ts},
                     {"containerStatuses", json::array({{{"name", app},
                                                         {"ready", ready},
                                                         {"restartCount", 0},
                                                         {"started", true},
                                                         {"image", tmpl["spec"]["containers"][0]["image"]},
                                                         {"imageID", ""},
                                                         {"state", {{"running", {{"startedAt", ts}}}}}}})}};
    (void)hash;
    return pod;
}

} // namespace

std::string fleetNamespace(int index)
{
    return "fleet-" + std::to_string(index % 10);
}

std::string fleetRolloutName(int index)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "app-%05d", index);
    return buf;
}

void addRolloutWithHistory(Store &store, const std::string &ns, const std::string &name, int replicas, int revisions,
                           std::mt19937_64 &rng)
{
    std::vector<std::string> hashes;
    for (int r = 0; r < revisions; ++r)
        hashes.push_back(podTemplateHash(rng));
    const std::string image = "registry.example.com/" + name + ":1." + std::to_string(revisions - 1) + ".0";
    json rollout = {{"apiVersion", "argoproj.io/v1alpha1"},
                    {"kind", "Rollout"},
                    {"metadata", {{"name", name}, {"namespace", ns}, {"labels", {{"app", name}}}}},
                    {"spec",
                     {{"replicas", replicas},
                      {"revisionHistoryLimit", 10},
                      {"selector", {{"matchLabels", {{"app", name}}}}},
                      {"template", podTemplate(name, image)},
                      {"strategy",
                       {{"canary",
                         {{"steps", json::array({{{"setWeight", 20}},
                                                 {{"pause", {{"duration", "30s"}}}},
                                                 {{"setWeight", 50}},
                                                 {{"pause", {{"duration", "30s"}}}}})}}}}}}}};
    auto created = store.create(kRollouts, ns, rollout);
    if (!created)
        return;
    const json &ro = *created.object;
    const std::string current = hashes.back();
    for (int r = 0; r < revisions; ++r) {
        const bool newest = r == revisions - 1;
        json rs = {
            {"apiVersion", "apps/v1"},
            {"kind", "ReplicaSet"},
            {"metadata",
             {{"name", name + "-" + hashes[static_cast<std::size_t>(r)]},
              {"namespace", ns},
              {"labels", {{"app", name}, {"rollouts-pod-template-hash", hashes[static_cast<std::size_t>(r)]}}},
              {"annotations", {{"rollout.argoproj.io/revision", std::to_string(r + 1)}}},
              {"ownerReferences", ownerRef(ro)}}},
            {"spec",
             {{"replicas", newest ? replicas : 0},
              {"selector",
               {{"matchLabels", {{"app", name}, {"rollouts-pod-template-hash", hashes[static_cast<std::size_t>(r)]}}}}},
              {"template", podTemplate(name, "registry.example.com/" + name + ":1." + std::to_string(r) + ".0")}}}};
        rs["spec"]["template"]["metadata"]["labels"]["rollouts-pod-template-hash"] =
            hashes[static_cast<std::size_t>(r)];
        auto rsCreated = store.create(kReplicaSets, ns, rs);
        if (!rsCreated)
            continue;
        const int n = newest ? replicas : 0;
        store.mutate(kReplicaSets, ns, rs["metadata"]["name"], [n](json &o) {
            o["status"] = {{"replicas", n},
                           {"fullyLabeledReplicas", n},
                           {"readyReplicas", n},
                           {"availableReplicas", n},
                           {"observedGeneration", 1}};
            return true;
        });
        for (int p = 0; p < n; ++p)
            store.create(kPods, ns, makePod(*rsCreated.object, hashes[static_cast<std::size_t>(r)], p, true, rng));
    }
    store.mutate(kRollouts, ns, name, [&](json &o) {
        o["status"] = {
            {"observedGeneration", "1"},
            {"replicas", replicas},
            {"updatedReplicas", replicas},
            {"readyReplicas", replicas},
            {"availableReplicas", replicas},
            {"HPAReplicas", replicas},
            {"currentPodHash", current},
            {"stableRS", current},
            {"currentStepIndex", 4},
            {"currentStepHash", podTemplateHash(rng)},
            {"selector", "app=" + name},
            {"phase", "Healthy"},
            {"message", ""},
            {"canary", json::object()},
            {"conditions", json::array({{{"type", "Available"},
                                         {"status", "True"},
                                         {"reason", "AvailableReason"},
                                         {"message", "Rollout has minimum availability"}},
                                        {{"type", "Progressing"},
                                         {"status", "True"},
                                         {"reason", "NewReplicaSetAvailable"},
                                         {"message", "Rollout \"" + name + "\" has successfully progressed."}},
                                        {{"type", "Healthy"},
                                         {"status", "True"},
                                         {"reason", "RolloutHealthy"},
                                         {"message", "Rollout is healthy"}}})}};
        return true;
    });
}

void populateSeed(Store &store, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    for (const char *ns : {"default", "demo"})
        store.create(kNamespaces, "", {{"metadata", {{"name", ns}}}, {"status", {{"phase", "Active"}}}});
    addRolloutWithHistory(store, "demo", "checkout", 5, 2, rng);
    addRolloutWithHistory(store, "demo", "api", 5, 2, rng);
    // "api": a canary paused at its first pause step, 1 of 5 pods on the new revision.
    auto api = store.get(kRollouts, "demo", "api");
    if (!api)
        return;
    const std::string stable = (*api.object)["status"].value("stableRS", "");
    const std::string canaryHash = podTemplateHash(rng);
    store.mutate(kRollouts, "demo", "api", [&](json &o) {
        o["spec"]["template"]["spec"]["containers"][0]["image"] = "registry.example.com/api:1.2.0";
        return true;
    });
    auto ro = store.get(kRollouts, "demo", "api");
    json rs = {{"metadata",
                {{"name", "api-" + canaryHash},
                 {"labels", {{"app", "api"}, {"rollouts-pod-template-hash", canaryHash}}},
                 {"annotations", {{"rollout.argoproj.io/revision", "3"}}},
                 {"ownerReferences", ownerRef(*ro.object)}}},
               {"spec",
                {{"replicas", 1},
                 {"selector", {{"matchLabels", {{"app", "api"}, {"rollouts-pod-template-hash", canaryHash}}}}},
                 {"template", (*ro.object)["spec"]["template"]}}}};
    rs["spec"]["template"]["metadata"]["labels"]["rollouts-pod-template-hash"] = canaryHash;
    auto rsCreated = store.create(kReplicaSets, "demo", rs);
    if (rsCreated) {
        store.mutate(kReplicaSets, "demo", "api-" + canaryHash, [](json &o) {
            o["status"] = {{"replicas", 1},
                           {"fullyLabeledReplicas", 1},
                           {"readyReplicas", 1},
                           {"availableReplicas", 1},
                           {"observedGeneration", 1}};
            return true;
        });
        store.create(kPods, "demo", makePod(*rsCreated.object, canaryHash, 0, true, rng));
    }
    const std::string now = Clock::rfc3339(std::chrono::system_clock::now());
    store.mutate(kRollouts, "demo", "api", [&](json &o) {
        json &s = o["status"];
        s["observedGeneration"] = std::to_string(o["metadata"].value("generation", 1));
        s["replicas"] = 6;
        s["updatedReplicas"] = 1;
        s["currentPodHash"] = canaryHash;
        s["stableRS"] = stable;
        s["currentStepIndex"] = 1;
        s["phase"] = "Paused";
        s["message"] = "CanaryPauseStep";
        s["controllerPause"] = true;
        s["pauseConditions"] = json::array({{{"reason", "CanaryPauseStep"}, {"startTime", now}}});
        s["canary"] = {{"weights",
                        {{"canary", {{"podTemplateHash", canaryHash}, {"weight", 20}}},
                         {"stable", {{"podTemplateHash", stable}, {"weight", 80}}}}}};
        s["conditions"] = json::array(
            {{{"type", "Available"},
              {"status", "True"},
              {"reason", "AvailableReason"},
              {"message", "Rollout has minimum availability"}},
             {{"type", "Paused"}, {"status", "True"}, {"reason", "RolloutPaused"}, {"message", "Rollout is paused"}},
             {{"type", "Progressing"},
              {"status", "Unknown"},
              {"reason", "RolloutPaused"},
              {"message", "Rollout is paused"}}});
        return true;
    });
}

void populateFleet(Store &store, int size, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    for (int i = 0; i < 10; ++i)
        store.create(kNamespaces, "", {{"metadata", {{"name", fleetNamespace(i)}}}, {"status", {{"phase", "Active"}}}});
    for (int i = 0; i < size; ++i)
        addRolloutWithHistory(store, fleetNamespace(i), fleetRolloutName(i), 5, 3, rng);
}

bool touchFleetRollout(Store &store, int index, int size)
{
    if (size <= 0)
        return false;
    const int i = index % size;
    auto o = store.mutate(kRollouts, fleetNamespace(i), fleetRolloutName(i), [](json &ro) {
        json &s = ro["status"];
        const bool degraded = s.value("availableReplicas", 5) == 5;
        const int n = degraded ? 4 : 5;
        s["readyReplicas"] = n;
        s["availableReplicas"] = n;
        s["phase"] = degraded ? "Progressing" : "Healthy";
        s["message"] = degraded ? "updated replicas are still becoming available" : "";
        return true;
    });
    return o.changed;
}

SeedComponent::~SeedComponent()
{
    stop();
}

bool SeedComponent::loadScenario(const Options &options, Simulator &sim, std::string &error)
{
    (void)error;
    m_fleetSize = 0;
    m_eventRate = 0;
    if (options.scenario == "seed" || options.scenario == "default") {
        populateSeed(sim.store(), options.seed);
        return true;
    }
    if (options.scenario == "fleet") {
        m_fleetSize = std::max(0, options.fleetSize);
        m_eventRate = options.eventRate;
        populateFleet(sim.store(), m_fleetSize, options.seed);
        return true;
    }
    if (options.scenario == "empty") {
        sim.store().create(kNamespaces, "", {{"metadata", {{"name", "default"}}}, {"status", {{"phase", "Active"}}}});
        return true;
    }
    return false;
}

void SeedComponent::start(Simulator &sim)
{
    if (m_fleetSize <= 0 || m_eventRate <= 0)
        return;
    m_stop = false;
    Store *store = &sim.store();
    const int size = m_fleetSize;
    const double rate = m_eventRate;
    m_writer = std::thread([this, store, size, rate] {
        const auto begin = std::chrono::steady_clock::now();
        long long done = 0;
        int next = 0;
        while (!m_stop) {
            const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
            const auto due = static_cast<long long>(elapsed * rate);
            // Catch up in bounded batches so stop() stays prompt.
            for (int k = 0; done < due && k < 5000 && !m_stop; ++k, ++done)
                touchFleetRollout(*store, next++, size);
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    });
}

void SeedComponent::stop()
{
    m_stop = true;
    if (m_writer.joinable())
        m_writer.join();
}

} // namespace rdsim
