#include "Workload.h"

#include "Determinism.h"
#include "TimeText.h"

#include <algorithm>

namespace rdsim {

using nlohmann::json;

namespace {

constexpr const char *kHashLabel = "rollouts-pod-template-hash";

uint32_t fnv1a32(const std::string &text)
{
    uint32_t h = 2166136261u;
    for (unsigned char c : text) {
        h ^= c;
        h *= 16777619u;
    }
    return h;
}

std::string ownerUid(const json &obj)
{
    for (const json &ref : obj["metadata"].value("ownerReferences", json::array()))
        if (ref.value("controller", false))
            return ref.value("uid", std::string());
    return {};
}

bool isReady(const json &pod)
{
    for (const json &c : pod["status"].value("conditions", json::array()))
        if (c.value("type", std::string()) == "Ready")
            return c.value("status", std::string()) == "True";
    return false;
}

bool badImage(const json &pod)
{
    for (const json &c : pod["spec"].value("containers", json::array()))
        if (c.value("image", std::string()).find("does-not-exist") != std::string::npos)
            return true;
    return false;
}

json condition(const char *type, bool status, const std::string &at)
{
    return json{
        {"type", type}, {"status", status ? "True" : "False"}, {"lastProbeTime", nullptr}, {"lastTransitionTime", at}};
}

} // namespace

std::string Workload::podTemplateHash(const json &podTemplate, int collisionCount)
{
    json t = podTemplate;
    if (t.contains("metadata") && t["metadata"].contains("labels") && t["metadata"]["labels"].is_object())
        t["metadata"]["labels"].erase(kHashLabel);
    std::string text = t.dump();
    if (collisionCount > 0)
        text += std::to_string(collisionCount);
    const std::string decimal = std::to_string(fnv1a32(text));
    static constexpr char kAlphabet[] = "bcdfghjklmnpqrstvwxz2456789";
    std::string out;
    for (char c : decimal)
        out += kAlphabet[static_cast<unsigned char>(c) % 27];
    return out;
}

std::vector<json> Workload::podsOf(const json &rs) const
{
    std::vector<json> out;
    const std::string ns = rs["metadata"].value("namespace", std::string());
    const std::string uid = rs["metadata"].value("uid", std::string());
    const std::string hash = rs["metadata"]["labels"].value(kHashLabel, std::string());
    ListOptions opts;
    opts.labelSelector = std::string(kHashLabel) + "=" + hash;
    ListResult list = m_store.list(kPods, ns, opts);
    for (const ObjectPtr &p : list.items)
        if (ownerUid(*p) == uid)
            out.push_back(*p);
    return out;
}

json Workload::desiredPodStatus(const json &pod, int64_t nowMs, int64_t *nextDueMs, const TimeMap &times) const
{
    const std::string name = pod["metadata"].value("name", std::string());
    const std::string created = pod["metadata"].value("creationTimestamp", times.stamp(nowMs));
    const int64_t createdMs = times.read(created);
    auto rng = rngFor(m_seed, "pod/" + name);
    std::uniform_int_distribution<int64_t> schedule(300, 1500), pull(2000, 6000), ready(2000, 6000);
    const int64_t scheduledMs = createdMs + schedule(rng);
    const int64_t runningMs = scheduledMs + pull(rng);
    int64_t readyDelay = ready(rng);
    const json containers = pod["spec"].value("containers", json::array());
    if (!containers.empty() && containers[0].contains("readinessProbe"))
        readyDelay = containers[0]["readinessProbe"].value("initialDelaySeconds", int64_t(0)) * 1000 + 500;
    const int64_t readyMs = runningMs + readyDelay;
    auto due = [&](int64_t t) {
        if (t > nowMs && (*nextDueMs < 0 || t < *nextDueMs))
            *nextDueMs = t;
    };

    json status = json::object();
    status["qosClass"] = "Burstable";
    if (nowMs < scheduledMs) {
        status["phase"] = "Pending";
        due(scheduledMs);
        return status;
    }
    const std::string scheduledAt = times.stamp(scheduledMs);
    status["hostIP"] = "10.0.0.2";
    status["startTime"] = scheduledAt;
    const uint64_t ipBits = fnv1a64(name, m_seed);
    status["podIP"] = "10.244." + std::to_string((ipBits >> 8) % 250 + 1) + "." + std::to_string(ipBits % 250 + 2);
    json statuses = json::array();
    const bool bad = badImage(pod);
    const bool running = !bad && nowMs >= runningMs;
    const bool isReadyNow = running && nowMs >= readyMs;
    for (const json &c : containers) {
        json cs{{"name", c.value("name", std::string("app"))},
                {"image", c.value("image", std::string())},
                {"imageID", ""},
                {"restartCount", 0},
                {"ready", isReadyNow},
                {"started", running}};
        if (bad) {
            const bool backoff = nowMs >= runningMs;
            cs["state"] = json{{"waiting",
                                {{"reason", backoff ? "ImagePullBackOff" : "ErrImagePull"},
                                 {"message", "Back-off pulling image \"" + c.value("image", std::string()) + "\""}}}};
            if (!backoff)
                due(runningMs);
        } else if (running) {
            cs["state"] = json{{"running", {{"startedAt", times.stamp(runningMs)}}}};
            cs["imageID"] = "docker-pullable://" + c.value("image", std::string());
            cs["containerID"] =
                "containerd://" + safeEncode(fnv1a64(name + c.value("name", std::string()), m_seed), 12);
        } else {
            cs["state"] = json{{"waiting", {{"reason", "ContainerCreating"}}}};
        }
        statuses.push_back(cs);
    }
    status["containerStatuses"] = statuses;
    status["phase"] = running ? "Running" : "Pending";
    json conds = json::array();
    conds.push_back(condition("Initialized", true, scheduledAt));
    conds.push_back(condition("Ready", isReadyNow, times.stamp(isReadyNow ? readyMs : scheduledMs)));
    conds.push_back(condition("ContainersReady", isReadyNow, times.stamp(isReadyNow ? readyMs : scheduledMs)));
    conds.push_back(condition("PodScheduled", true, scheduledAt));
    status["conditions"] = conds;
    if (!bad) {
        if (!running)
            due(runningMs);
        else if (!isReadyNow)
            due(readyMs);
    }
    return status;
}

bool Workload::syncReplicaSet(const json &rs, int64_t nowMs, int64_t *nextDueMs, RsCounts *counts, const TimeMap &times)
{
    bool changed = false;
    const json &meta = rs["metadata"];
    const std::string ns = meta.value("namespace", std::string());
    const std::string rsName = meta.value("name", std::string());
    const int64_t desired = rs["spec"].value("replicas", int64_t(1));
    std::vector<json> pods = podsOf(rs);

    // Scale down: not-ready first, then the newest.
    if (static_cast<int64_t>(pods.size()) > desired) {
        std::sort(pods.begin(), pods.end(), [](const json &a, const json &b) {
            const bool ra = isReady(a), rb = isReady(b);
            if (ra != rb)
                return !ra;
            return a["metadata"].value("creationTimestamp", std::string()) >
                   b["metadata"].value("creationTimestamp", std::string());
        });
        while (static_cast<int64_t>(pods.size()) > desired) {
            m_store.remove(kPods, ns, pods.front()["metadata"].value("name", std::string()));
            pods.erase(pods.begin());
            changed = true;
        }
    }
    // Scale up.
    int attempt = 0;
    while (static_cast<int64_t>(pods.size()) < desired && attempt < 1000) {
        const std::string podName =
            rsName + "-" +
            safeEncode(fnv1a64(rsName + "/" + std::to_string(nowMs) + "/" + std::to_string(attempt++), m_seed), 5);
        json tmpl = rs["spec"]["template"];
        json pod{{"apiVersion", "v1"}, {"kind", "Pod"}};
        pod["metadata"] = json{{"name", podName}, {"namespace", ns}};
        pod["metadata"]["labels"] = tmpl["metadata"].value("labels", json::object());
        if (tmpl["metadata"].contains("annotations"))
            pod["metadata"]["annotations"] = tmpl["metadata"]["annotations"];
        pod["metadata"]["ownerReferences"] = json::array({json{{"apiVersion", "apps/v1"},
                                                               {"kind", "ReplicaSet"},
                                                               {"name", rsName},
                                                               {"uid", meta.value("uid", std::string())},
                                                               {"controller", true},
                                                               {"blockOwnerDeletion", true}}});
        pod["spec"] = tmpl.value("spec", json::object());
        pod["spec"]["nodeName"] = "sim-node-" + std::to_string(fnv1a64(podName, m_seed) % 3 + 1);
        if (!pod["spec"].contains("restartPolicy"))
            pod["spec"]["restartPolicy"] = "Always";
        pod["status"] = json{{"phase", "Pending"}, {"qosClass", "Burstable"}};
        Outcome o = m_store.create(kPods, ns, pod);
        if (o.object) {
            pods.push_back(*o.object);
            changed = true;
        }
    }
    // Advance pod states.
    RsCounts c;
    for (const json &pod : pods) {
        json status = desiredPodStatus(pod, nowMs, nextDueMs, times);
        if (pod.value("status", json::object()) != status) {
            const std::string podName = pod["metadata"].value("name", std::string());
            Outcome o = m_store.mutate(kPods, ns, podName, [&](json &obj) {
                if (obj["status"] == status)
                    return false;
                obj["status"] = status;
                return true;
            });
            changed = changed || o.changed;
        }
        ++c.replicas;
        const bool ready = status.value("phase", std::string()) == "Running" && [&] {
            for (const json &cond : status.value("conditions", json::array()))
                if (cond.value("type", std::string()) == "Ready")
                    return cond.value("status", std::string()) == "True";
            return false;
        }();
        if (ready) {
            ++c.ready;
            ++c.available;
        }
    }
    // ReplicaSet status.
    json rsStatus{{"replicas", c.replicas},
                  {"fullyLabeledReplicas", c.replicas},
                  {"readyReplicas", c.ready},
                  {"availableReplicas", c.available},
                  {"observedGeneration", meta.value("generation", int64_t(1))}};
    if (c.ready == 0)
        rsStatus.erase("readyReplicas");
    if (c.available == 0)
        rsStatus.erase("availableReplicas");
    if (c.replicas == 0)
        rsStatus.erase("fullyLabeledReplicas");
    if (rs.value("status", json::object()) != rsStatus) {
        Outcome o = m_store.mutate(kReplicaSets, ns, rsName, [&](json &obj) {
            if (obj["status"] == rsStatus)
                return false;
            obj["status"] = rsStatus;
            return true;
        });
        changed = changed || o.changed;
    }
    if (counts)
        *counts = c;
    return changed;
}

bool Workload::scaleReplicaSet(const std::string &ns, const std::string &name, int64_t replicas)
{
    Outcome o = m_store.mutate(kReplicaSets, ns, name, [&](json &obj) {
        const bool same = obj["spec"].value("replicas", int64_t(-1)) == replicas;
        if (same)
            return false;
        obj["spec"]["replicas"] = replicas;
        return true;
    });
    return o.changed;
}

} // namespace rdsim
