#include "RolloutController.h"

#include "Determinism.h"
#include "TimeText.h"
#include "Workload.h"

#include <algorithm>
#include <cmath>

namespace rdsim {

using nlohmann::json;

namespace {

constexpr const char *kHashLabel = "rollouts-pod-template-hash";
constexpr const char *kRevisionAnnotation = "rollout.argoproj.io/revision";
constexpr const char *kScaleDownDeadline = "scale-down-deadline";

int64_t toMs(Clock::TimePoint t)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

int64_t revisionOf(const json &obj)
{
    const json ann = obj["metadata"].value("annotations", json::object());
    auto it = ann.find(kRevisionAnnotation);
    if (it == ann.end() || !it->is_string())
        return 0;
    try {
        return std::stoll(it->get<std::string>());
    } catch (...) {
        return 0;
    }
}

bool ownedBy(const json &obj, const std::string &uid)
{
    for (const json &ref : obj["metadata"].value("ownerReferences", json::array()))
        if (ref.value("uid", std::string()) == uid)
            return true;
    return false;
}

std::string selectorText(const json &matchLabels)
{
    std::string out;
    for (auto it = matchLabels.begin(); it != matchLabels.end(); ++it) {
        if (!out.empty())
            out += ",";
        out += it.key() + "=" + (it->is_string() ? it->get<std::string>() : it->dump());
    }
    return out;
}

void setCondition(json &status, const std::string &type, const std::string &condStatus, const std::string &reason,
                  const std::string &message, const std::string &now)
{
    json &conds = status["conditions"];
    if (!conds.is_array())
        conds = json::array();
    for (json &c : conds) {
        if (c.value("type", std::string()) != type)
            continue;
        if (c.value("status", std::string()) == condStatus && c.value("reason", std::string()) == reason)
            return; // the first message stays
        const bool transition = c.value("status", std::string()) != condStatus;
        c["status"] = condStatus;
        c["reason"] = reason;
        c["message"] = message;
        c["lastUpdateTime"] = now;
        if (transition)
            c["lastTransitionTime"] = now;
        return;
    }
    conds.push_back(json{{"lastTransitionTime", now},
                         {"lastUpdateTime", now},
                         {"message", message},
                         {"reason", reason},
                         {"status", condStatus},
                         {"type", type}});
}

const json *findCondition(const json &status, const std::string &type)
{
    if (!status.contains("conditions") || !status["conditions"].is_array())
        return nullptr;
    for (const json &c : status["conditions"])
        if (c.value("type", std::string()) == type)
            return &c;
    return nullptr;
}

void removeCondition(json &status, const std::string &type)
{
    if (!status.contains("conditions") || !status["conditions"].is_array())
        return;
    json &conds = status["conditions"];
    for (auto it = conds.begin(); it != conds.end(); ++it) {
        if (it->value("type", std::string()) == type) {
            conds.erase(it);
            return;
        }
    }
}

bool hasPauseReason(const json &status, const std::string &reason)
{
    for (const json &p : status.value("pauseConditions", json::array()))
        if (p.value("reason", std::string()) == reason)
            return true;
    return false;
}

const json *pauseCondition(const json &status, const std::string &reason)
{
    if (!status.contains("pauseConditions") || !status["pauseConditions"].is_array())
        return nullptr;
    for (const json &p : status["pauseConditions"])
        if (p.value("reason", std::string()) == reason)
            return &p;
    return nullptr;
}

void addPause(json &status, const std::string &reason, const std::string &now)
{
    if (hasPauseReason(status, reason))
        return;
    if (!status.contains("pauseConditions") || !status["pauseConditions"].is_array())
        status["pauseConditions"] = json::array();
    status["pauseConditions"].push_back(json{{"reason", reason}, {"startTime", now}});
    status["controllerPause"] = true;
}

void clearPause(json &status)
{
    status.erase("pauseConditions");
    status.erase("controllerPause");
}

bool pauseConditionsEmpty(const json &status)
{
    return !status.contains("pauseConditions") || !status["pauseConditions"].is_array() ||
           status["pauseConditions"].empty();
}

// §2.1 step 5: what the controller writes to status.phase / status.message.
std::pair<std::string, std::string> calculatePhase(const json &spec, const json &status)
{
    for (const json &c : status.value("conditions", json::array())) {
        const std::string type = c.value("type", std::string());
        const std::string reason = c.value("reason", std::string());
        if (type == "InvalidSpec")
            return {"Degraded", "InvalidSpec: " + c.value("message", std::string())};
        if (reason == "RolloutAborted" || reason == "ProgressDeadlineExceeded")
            return {"Degraded", reason + ": " + c.value("message", std::string())};
    }
    if (spec.value("paused", false))
        return {"Paused", "manually paused"};
    if (!pauseConditionsEmpty(status))
        return {"Paused", status["pauseConditions"][0].value("reason", std::string())};
    if (spec.contains("restartAt") && spec["restartAt"].is_string() &&
        status.value("restartedAt", std::string()) != spec["restartAt"].get<std::string>())
        return {"Progressing", "rollout is restarting"};
    const int64_t replicas = spec.value("replicas", int64_t(1));
    const int64_t updated = status.value("updatedReplicas", int64_t(0));
    const int64_t available = status.value("availableReplicas", int64_t(0));
    if (updated < replicas)
        return {"Progressing", "more replicas need to be updated"};
    if (available < updated)
        return {"Progressing", "updated replicas are still becoming available"};
    const std::string current = status.value("currentPodHash", std::string());
    const std::string stable = status.value("stableRS", std::string());
    const json strategy = spec.value("strategy", json::object());
    if (strategy.contains("blueGreen")) {
        const std::string active = status.value("blueGreen", json::object()).value("activeSelector", std::string());
        if (active.empty() || active != current)
            return {"Progressing", "active service cutover pending"};
        if (stable.empty() || stable != current) {
            if (strategy["blueGreen"].contains("postPromotionAnalysis")) {
                const json run =
                    status.value("blueGreen", json::object()).value("postPromotionAnalysisRunStatus", json());
                if (run.is_null() || !analysis::isCompleted(run.value("status", std::string())))
                    return {"Progressing", "waiting for analysis to complete"};
            }
            return {"Progressing", "waiting for post-promotion verification to complete"};
        }
    } else {
        const json canary = strategy.value("canary", json::object());
        if (!canary.contains("trafficRouting") && status.value("replicas", int64_t(0)) > updated)
            return {"Progressing", "old replicas are pending termination"};
        if (stable.empty() || stable != current)
            return {"Progressing", "waiting for all steps to complete"};
    }
    return {"Healthy", ""};
}

std::string stepsHash(const json &steps)
{
    return Workload::podTemplateHash(json{{"steps", steps}});
}

// First DNS label of a host ("svc.ns.svc.cluster.local" -> "svc").
std::string firstLabel(const std::string &host)
{
    return host.substr(0, host.find('.'));
}

} // namespace

RolloutController::RolloutController(Store &store, Clock &clock, uint64_t seed)
    : m_store(store), m_clock(clock), m_seed(seed)
{
}

RolloutController::~RolloutController()
{
    stop();
}

void RolloutController::setMeasureFunction(MeasureFn fn)
{
    m_measure = std::move(fn);
}

void RolloutController::setDeploymentListener(std::function<void(const DeploymentEvent &)> fn)
{
    m_deploymentListener = std::move(fn);
}

int64_t RolloutController::nowMs() const
{
    return toMs(m_clock.now());
}

void RolloutController::start()
{
    if (m_running.exchange(true))
        return;
    m_tickerId = m_clock.addTicker(std::chrono::seconds(1), [this](Clock::TimePoint) { processDue(); });
    if (m_clock.mode() == Clock::Mode::Real) {
        for (const Gvr &g : {kRollouts, kReplicaSets, kPods, kAnalysisRuns})
            m_watchThreads.emplace_back([this, g] { watchLoop(g); });
    }
    processDue();
}

void RolloutController::stop()
{
    if (!m_running.exchange(false))
        return;
    if (m_tickerId)
        m_clock.removeTicker(m_tickerId);
    m_tickerId = 0;
    {
        std::lock_guard<std::mutex> lock(m_cursorMutex);
        for (auto &c : m_cursors)
            c->cancel();
    }
    for (std::thread &t : m_watchThreads)
        if (t.joinable())
            t.join();
    m_watchThreads.clear();
    m_cursors.clear();
}

void RolloutController::watchLoop(Gvr gvr)
{
    WatchStart ws = m_store.openWatch(gvr, "", std::nullopt);
    if (!ws.cursor)
        return;
    {
        std::lock_guard<std::mutex> lock(m_cursorMutex);
        m_cursors.push_back(ws.cursor);
    }
    while (m_running) {
        bool expired = false;
        std::vector<WatchEvent> events = ws.cursor->next(std::chrono::milliseconds(200), &expired);
        if (expired) {
            ws = m_store.openWatch(gvr, "", std::nullopt);
            if (!ws.cursor)
                return;
            std::lock_guard<std::mutex> lock(m_cursorMutex);
            m_cursors.push_back(ws.cursor);
            continue;
        }
        bool any = false;
        for (const WatchEvent &ev : events) {
            if (!ev.object)
                continue;
            const json &meta = (*ev.object)["metadata"];
            const std::string ns = meta.value("namespace", std::string());
            std::string rollout;
            if (gvr == kRollouts) {
                rollout = meta.value("name", std::string());
            } else {
                for (const json &ref : meta.value("ownerReferences", json::array())) {
                    const std::string kind = ref.value("kind", std::string());
                    if (kind == "Rollout")
                        rollout = ref.value("name", std::string());
                    else if (kind == "ReplicaSet") {
                        // <rollout>-<hash>: the pod's ReplicaSet belongs to the rollout before the hash.
                        const std::string rs = ref.value("name", std::string());
                        const auto dash = rs.rfind('-');
                        if (dash != std::string::npos)
                            rollout = rs.substr(0, dash);
                    }
                }
            }
            if (!rollout.empty()) {
                markDirty(Key{ns, rollout});
                any = true;
            }
        }
        if (any && m_running)
            processDue();
    }
}

void RolloutController::markDirty(const Key &key)
{
    std::lock_guard<std::mutex> lock(m_queueMutex);
    m_dirty.insert(key);
}

void RolloutController::schedule(const Key &key, int64_t dueMs)
{
    std::lock_guard<std::mutex> lock(m_queueMutex);
    for (auto it = m_timers.lower_bound(dueMs); it != m_timers.end() && it->first == dueMs; ++it)
        if (!(it->second < key) && !(key < it->second))
            return;
    m_timers.emplace(dueMs, key);
}

void RolloutController::processDue()
{
    std::lock_guard<std::recursive_mutex> guard(m_mutex);
    const int64_t now = nowMs();
    std::set<Key> work;
    {
        std::lock_guard<std::mutex> lock(m_queueMutex);
        work.swap(m_dirty);
        while (!m_timers.empty() && m_timers.begin()->first <= now) {
            work.insert(m_timers.begin()->second);
            m_timers.erase(m_timers.begin());
        }
    }
    // Rollouts whose object changed since we last reconciled them (user requests, new rollouts).
    const uint64_t storeVersion = m_store.resourceVersion();
    if (storeVersion != m_lastStoreVersion) {
        m_lastStoreVersion = storeVersion;
        ListResult all = m_store.list(kRollouts, "");
        std::set<Key> present;
        for (const ObjectPtr &r : all.items) {
            const json &meta = (*r)["metadata"];
            Key k{meta.value("namespace", std::string()), meta.value("name", std::string())};
            present.insert(k);
            const uint64_t rv = std::stoull(meta.value("resourceVersion", std::string("0")));
            auto it = m_seenVersion.find(k);
            if (it == m_seenVersion.end() || it->second != rv)
                work.insert(k);
        }
        for (auto it = m_seenVersion.begin(); it != m_seenVersion.end();)
            it = present.count(it->first) ? std::next(it) : m_seenVersion.erase(it);
    }
    for (const Key &k : work)
        reconcile(k.ns, k.name);
}

void RolloutController::reconcile(const std::string &ns, const std::string &name)
{
    std::lock_guard<std::recursive_mutex> guard(m_mutex);
    const int64_t now = nowMs();
    int64_t nextDue = -1;
    for (int i = 0; i < 12; ++i) {
        int64_t due = -1;
        const bool changed = reconcileOnce(ns, name, now, &due);
        nextDue = due;
        if (!changed)
            break;
    }
    Outcome got = m_store.get(kRollouts, ns, name);
    if (got.object)
        m_seenVersion[Key{ns, name}] =
            std::stoull((*got.object)["metadata"].value("resourceVersion", std::string("0")));
    if (nextDue > 0)
        schedule(Key{ns, name}, nextDue);
}

bool RolloutController::reconcileOnce(const std::string &ns, const std::string &name, int64_t nowMs, int64_t *nextDueMs)
{
    Outcome got = m_store.get(kRollouts, ns, name);
    if (!got.object)
        return false;
    const json ro = *got.object;
    // Timestamps written and read are wall time; nowMs and every instant kept here are simulated (TimeMap).
    const TimeMap times = m_clock.timeMap();
    const std::string now = times.stamp(nowMs);
    const json &meta = ro["metadata"];
    const std::string uid = meta.value("uid", std::string());
    const std::string readVersion = meta.value("resourceVersion", std::string());
    const json spec = ro.value("spec", json::object());
    json st = ro.value("status", json::object());
    const json before = st;
    const int64_t generation = meta.value("generation", int64_t(1));
    const int64_t replicas = spec.value("replicas", int64_t(1));
    const json strategy = spec.value("strategy", json::object());
    const bool isBlueGreen = strategy.contains("blueGreen");
    const json canary = strategy.value("canary", json::object());
    const json bg = strategy.value("blueGreen", json::object());
    const json matchLabels = spec.value("selector", json::object()).value("matchLabels", json::object());
    const json templ = spec.value("template", json::object());
    const json templLabels = templ.value("metadata", json::object()).value("labels", json::object());
    Workload workload(m_store, m_seed);
    bool changed = false;
    auto due = [&](int64_t t) {
        if (t > nowMs && (*nextDueMs < 0 || t < *nextDueMs))
            *nextDueMs = t;
    };

    st["observedGeneration"] = std::to_string(generation);
    st["selector"] = selectorText(matchLabels);

    // Spec validation (InvalidSpec).
    std::string invalid;
    if (matchLabels.empty()) {
        invalid = "spec.selector: Required value: Rollout has missing field '.spec.selector'";
    } else {
        for (auto it = matchLabels.begin(); it != matchLabels.end(); ++it) {
            if (!templLabels.contains(it.key()) || templLabels[it.key()] != *it) {
                invalid = "spec.template.metadata.labels: Invalid value: map[string]string{" + [&] {
                    std::string s;
                    for (auto l = templLabels.begin(); l != templLabels.end(); ++l)
                        s += (s.empty() ? "" : ", ") + ("\"" + l.key() + "\":" + l->dump());
                    return s;
                }() + "}: `selector` does not match template `labels`";
                break;
            }
        }
    }
    if (invalid.empty() && !isBlueGreen && !strategy.contains("canary"))
        invalid = "spec.strategy.strategy: Invalid value: \"{}\": Rollout has no strategy";
    if (invalid.empty() && isBlueGreen && bg.value("activeService", std::string()).empty())
        invalid = "spec.strategy.blueGreen.activeService: Invalid value: \"\": Active service can not be empty";
    if (!invalid.empty()) {
        setCondition(st, "InvalidSpec", "True", "InvalidSpec", "The Rollout \"" + name + "\" is invalid: " + invalid,
                     now);
        auto [phase, message] = calculatePhase(spec, st);
        st["phase"] = phase;
        st["message"] = message;
        if (st != before) {
            Outcome o = m_store.mutate(kRollouts, ns, name, [&](json &obj) {
                if (obj["metadata"].value("resourceVersion", std::string()) != readVersion)
                    return false;
                obj["status"] = st;
                return true;
            });
            return o.changed;
        }
        return false;
    }
    removeCondition(st, "InvalidSpec");

    // ReplicaSets owned by the rollout.
    const std::string hash = Workload::podTemplateHash(templ);
    ListOptions opts;
    opts.labelSelector = selectorText(matchLabels);
    std::vector<json> ownedRs;
    for (const ObjectPtr &p : m_store.list(kReplicaSets, ns, opts).items)
        if (ownedBy(*p, uid))
            ownedRs.push_back(*p);
    auto rsHash = [](const json &rs) { return rs["metadata"]["labels"].value(kHashLabel, std::string()); };
    int64_t maxRevision = 0;
    const json *newRs = nullptr;
    for (const json &rs : ownedRs) {
        maxRevision = std::max(maxRevision, revisionOf(rs));
        if (rsHash(rs) == hash)
            newRs = &rs;
    }
    const std::string rsName = name + "-" + hash;
    const std::string stableBefore = st.value("stableRS", std::string());
    bool createdRs = false;
    if (!newRs) {
        json rs{{"apiVersion", "apps/v1"}, {"kind", "ReplicaSet"}};
        json labels = templLabels;
        labels[kHashLabel] = hash;
        rs["metadata"] = json{{"name", rsName},
                              {"namespace", ns},
                              {"labels", labels},
                              {"annotations",
                               {{kRevisionAnnotation, std::to_string(maxRevision + 1)},
                                {"rollout.argoproj.io/desired-replicas", std::to_string(replicas)}}},
                              {"ownerReferences", json::array({json{{"apiVersion", "argoproj.io/v1alpha1"},
                                                                    {"kind", "Rollout"},
                                                                    {"name", name},
                                                                    {"uid", uid},
                                                                    {"controller", true},
                                                                    {"blockOwnerDeletion", true}}})}};
        json sel = matchLabels;
        sel[kHashLabel] = hash;
        json podTemplate = templ;
        podTemplate["metadata"]["labels"] = labels;
        rs["spec"] = json{{"replicas", 0}, {"selector", {{"matchLabels", sel}}}, {"template", podTemplate}};
        Outcome o = m_store.create(kReplicaSets, ns, rs);
        if (!o.object)
            return false;
        ownedRs.push_back(*o.object);
        newRs = &ownedRs.back();
        createdRs = true;
        changed = true;
    } else if (revisionOf(*newRs) < maxRevision) {
        // Undo: the old ReplicaSet is reused and gets the next revision.
        const std::string next = std::to_string(maxRevision + 1);
        m_store.mutate(kReplicaSets, ns, rsName, [&](json &obj) {
            obj["metadata"]["annotations"][kRevisionAnnotation] = next;
            return true;
        });
        return true; // re-read everything with the new revision
    }
    const int64_t revision = revisionOf(*newRs) > 0 ? revisionOf(*newRs) : maxRevision + 1;
    const std::string newRsName = (*newRs)["metadata"].value("name", std::string());

    // A new pod template: a new update starts.
    const json steps = canary.value("steps", json::array());
    const int64_t stepCount = static_cast<int64_t>(steps.size());
    const std::string curStepsHash = stepsHash(steps);
    const Key key{ns, name};
    if (st.value("currentPodHash", std::string()) != hash) {
        const bool first = stableBefore.empty();
        st["currentPodHash"] = hash;
        st.erase("abort");
        st.erase("abortedAt");
        st.erase("promoteFull");
        clearPause(st);
        if (st.contains("canary")) {
            st["canary"].erase("currentStepAnalysisRunStatus");
            st["canary"].erase("currentBackgroundAnalysisRunStatus");
        }
        if (st.contains("blueGreen")) {
            st["blueGreen"].erase("prePromotionAnalysisRunStatus");
            st["blueGreen"].erase("postPromotionAnalysisRunStatus");
        }
        if (first) {
            st["stableRS"] = hash;
            if (isBlueGreen)
                st["blueGreen"] = json{{"activeSelector", hash}, {"previewSelector", hash}};
        }
        if (!isBlueGreen && stepCount > 0)
            st["currentStepIndex"] = (first || hash == stableBefore) ? stepCount : 0;
        setCondition(st, "Progressing", "True", createdRs ? "NewReplicaSetCreated" : "FoundNewReplicaSet",
                     std::string(createdRs ? "Created" : "Found") + " new replica set \"" + newRsName + "\"", now);
        if (!first && hash != stableBefore) {
            m_updateStartedMs[key] = nowMs;
            if (m_deploymentListener)
                m_deploymentListener(DeploymentEvent{DeploymentEvent::Started, ns, name, 0});
        }
        if (!first && !createdRs && m_deploymentListener)
            m_deploymentListener(DeploymentEvent{DeploymentEvent::RolledBack, ns, name, 0});
    }
    if (!isBlueGreen) {
        if (st.value("currentStepHash", std::string()) != curStepsHash) {
            if (st.contains("currentStepHash") && st.value("stableRS", std::string()) != hash && stepCount > 0)
                st["currentStepIndex"] = 0;
            st["currentStepHash"] = curStepsHash;
        }
        if (stepCount == 0)
            st.erase("currentStepIndex");
    }

    std::string stable = st.value("stableRS", std::string());
    bool updating = stable != hash;
    const bool manualPause = spec.value("paused", false);
    std::string abortReason;
    const bool wasAborted = [&] {
        const json *p = findCondition(st, "Progressing");
        return p && p->value("reason", std::string()) == "RolloutAborted";
    }();

    auto finish = [&](const std::string &reasonText) {
        if (!st.value("abort", false)) {
            st["abort"] = true;
            abortReason = reasonText;
        }
    };

    // AnalysisRuns owned by the rollout, by name.
    std::map<std::string, json> runs;
    for (const ObjectPtr &p : m_store.list(kAnalysisRuns, ns).items)
        if (ownedBy(*p, uid))
            runs[(*p)["metadata"].value("name", std::string())] = *p;
    auto advanceRuns = [&] {
        for (auto &[runName, run] : runs) {
            if (analysis::isCompleted(run["status"].value("phase", std::string())))
                continue;
            int64_t runDue = -1;
            json copy = run;
            MeasureFn measure = m_measure ? m_measure : [](const json &, const json &) {
                MeasureOutcome o;
                o.value = ExprValue::array({1.0});
                o.valueText = "[1]";
                return o;
            };
            if (analysis::reconcileRun(copy, nowMs, measure, &runDue, times)) {
                Outcome o = m_store.mutate(kAnalysisRuns, ns, runName, [&](json &obj) {
                    if (obj["status"] == copy["status"])
                        return false;
                    obj["status"] = copy["status"];
                    return true;
                });
                changed = changed || o.changed;
                run = copy;
            }
            due(runDue);
        }
    };
    advanceRuns();
    auto terminateRun = [&](const std::string &runName) {
        auto it = runs.find(runName);
        if (it == runs.end() || analysis::isCompleted(it->second["status"].value("phase", std::string())) ||
            it->second["spec"].value("terminate", false))
            return;
        m_store.mutate(kAnalysisRuns, ns, runName, [&](json &obj) {
            obj["spec"]["terminate"] = true;
            return true;
        });
        it->second["spec"]["terminate"] = true;
        changed = true;
    };
    // Creates (once) the AnalysisRun for a set of template references.
    auto ensureRun = [&](const std::string &baseName, const json &ref, const std::string &type,
                         const std::string &stepIndex, const std::string &previousName) -> json * {
        if (!previousName.empty()) {
            auto it = runs.find(previousName);
            if (it != runs.end())
                return &it->second;
        }
        std::string runName = baseName;
        for (int n = 1; runs.count(runName) || m_store.get(kAnalysisRuns, ns, runName).object; ++n)
            runName = baseName + "." + std::to_string(n);
        json metrics = json::array();
        json args = json::array();
        for (const json &t : ref.value("templates", json::array())) {
            const bool cluster = t.value("clusterScope", false);
            Outcome tpl = m_store.get(cluster ? kClusterAnalysisTemplates : kAnalysisTemplates, cluster ? "" : ns,
                                      t.value("templateName", std::string()));
            if (!tpl.object)
                continue;
            for (const json &m : (*tpl.object)["spec"].value("metrics", json::array()))
                metrics.push_back(m);
            for (const json &a : (*tpl.object)["spec"].value("args", json::array())) {
                bool seen = false;
                for (const json &b : args)
                    seen = seen || b.value("name", std::string()) == a.value("name", std::string());
                if (!seen)
                    args.push_back(a);
            }
        }
        for (const json &a : ref.value("args", json::array())) {
            json resolved = a;
            if (a.contains("valueFrom")) {
                const std::string which = a["valueFrom"].value("podTemplateHashValue", std::string());
                resolved.erase("valueFrom");
                resolved["value"] = which == "Stable" ? stable : hash;
            }
            bool replaced = false;
            for (json &b : args) {
                if (b.value("name", std::string()) == resolved.value("name", std::string())) {
                    b = resolved;
                    replaced = true;
                }
            }
            if (!replaced)
                args.push_back(resolved);
        }
        json labels{{kHashLabel, hash}, {"rollout-type", type}};
        if (!stepIndex.empty())
            labels["step-index"] = stepIndex;
        json run{{"apiVersion", "argoproj.io/v1alpha1"}, {"kind", "AnalysisRun"}};
        run["metadata"] = json{{"name", runName},
                               {"namespace", ns},
                               {"labels", labels},
                               {"annotations", {{kRevisionAnnotation, std::to_string(revision)}}},
                               {"ownerReferences", json::array({json{{"apiVersion", "argoproj.io/v1alpha1"},
                                                                     {"kind", "Rollout"},
                                                                     {"name", name},
                                                                     {"uid", uid},
                                                                     {"controller", true},
                                                                     {"blockOwnerDeletion", true}}})}};
        run["spec"] = json{{"metrics", metrics}};
        if (!args.empty())
            run["spec"]["args"] = args;
        Outcome o = m_store.create(kAnalysisRuns, ns, run);
        if (!o.object)
            return nullptr;
        changed = true;
        json created = *o.object;
        int64_t runDue = -1;
        if (m_measure && analysis::reconcileRun(created, nowMs, m_measure, &runDue, times)) {
            m_store.mutate(kAnalysisRuns, ns, runName, [&](json &obj) {
                obj["status"] = created["status"];
                return true;
            });
        }
        due(runDue);
        runs[runName] = created;
        return &runs[runName];
    };
    auto runStatus = [](const json &run) {
        json s{{"name", run["metadata"].value("name", std::string())},
               {"status", run["status"].value("phase", std::string("Pending"))}};
        const std::string msg = run["status"].value("message", std::string());
        if (!msg.empty())
            s["message"] = msg;
        return s;
    };

    // User requests.
    if (st.value("promoteFull", false) && updating) {
        clearPause(st);
        st.erase("abort");
        if (!isBlueGreen && stepCount > 0)
            st["currentStepIndex"] = stepCount;
    }
    bool abort = st.value("abort", false) && updating;
    if (!abort && wasAborted && updating) {
        // Retry: the steps start again.
        setCondition(st, "Progressing", "Unknown", "RolloutRetry", "Retrying Rollout after abort", now);
        st.erase("abortedAt");
        st.erase("abort");
        if (st.contains("canary")) {
            st["canary"].erase("currentStepAnalysisRunStatus");
            st["canary"].erase("currentBackgroundAnalysisRunStatus");
        }
        if (st.contains("blueGreen")) {
            st["blueGreen"].erase("prePromotionAnalysisRunStatus");
            st["blueGreen"].erase("postPromotionAnalysisRunStatus");
        }
        if (!isBlueGreen && stepCount > 0)
            st["currentStepIndex"] = 0;
    }

    int64_t idx = st.value("currentStepIndex", int64_t(0));
    idx = std::clamp<int64_t>(idx, 0, stepCount);
    const bool trafficRouted = canary.contains("trafficRouting");
    int64_t trafficWeight = 0;                   // canary weight actually applied
    std::map<std::string, int64_t> rsDesired;    // by RS name
    std::map<std::string, int64_t> newDeadlines; // scale-down deadlines written in this pass
    std::string bgActive = st.value("blueGreen", json::object()).value("activeSelector", std::string());

    auto rsAvailable = [&](const std::string &rsn) -> int64_t {
        for (const json &rs : ownedRs)
            if (rs["metadata"].value("name", std::string()) == rsn)
                return rs.value("status", json::object()).value("availableReplicas", int64_t(0));
        return 0;
    };
    auto rsReplicasSpec = [&](const std::string &rsn) -> int64_t {
        for (const json &rs : ownedRs)
            if (rs["metadata"].value("name", std::string()) == rsn)
                return rs["spec"].value("replicas", int64_t(0));
        return 0;
    };
    const std::string stableRsName = name + "-" + stable;

    if (!isBlueGreen) {
        auto setWeightBefore = [&](int64_t upTo) {
            int64_t w = 0;
            for (int64_t i = 0; i < upTo && i < stepCount; ++i)
                if (steps[i].contains("setWeight"))
                    w = steps[i]["setWeight"].get<int64_t>();
            return w;
        };
        auto canaryReplicasFor = [&](int64_t w) {
            return static_cast<int64_t>(std::ceil(static_cast<double>(replicas) * static_cast<double>(w) / 100.0));
        };
        const json bgAnalysis = canary.value("analysis", json());
        if (updating && !abort) {
            // Background analysis.
            if (bgAnalysis.is_object() && idx >= bgAnalysis.value("startingStep", int64_t(0))) {
                const std::string prev = st.value("canary", json::object())
                                             .value("currentBackgroundAnalysisRunStatus", json::object())
                                             .value("name", std::string());
                json *run =
                    ensureRun(name + "-" + hash + "-" + std::to_string(revision), bgAnalysis, "Background", "", prev);
                if (run) {
                    st["canary"]["currentBackgroundAnalysisRunStatus"] = runStatus(*run);
                    const std::string phase = (*run)["status"].value("phase", std::string());
                    if (phase == "Failed" || phase == "Error")
                        finish("Background analysis phase error/failed: " +
                               (*run)["status"].value("message", std::string()));
                    else if (phase == "Inconclusive" && !hasPauseReason(st, "InconclusiveAnalysisRun") &&
                             !st.value("controllerPause", false))
                        addPause(st, "InconclusiveAnalysisRun", now);
                }
            }
            // Steps.
            while (!st.value("abort", false) && !manualPause && idx < stepCount) {
                const json &step = steps[idx];
                if (!step.contains("pause") && st.value("controllerPause", false) && pauseConditionsEmpty(st) &&
                    !(step.contains("analysis") && st.value("canary", json::object())
                                                           .value("currentStepAnalysisRunStatus", json::object())
                                                           .value("status", std::string()) == "Inconclusive"))
                    clearPause(st); // a skip or promote moved the index past the step that paused
                if (step.contains("setWeight")) {
                    const int64_t w = step["setWeight"].get<int64_t>();
                    const int64_t want = canaryReplicasFor(w);
                    rsDesired[newRsName] = want;
                    if (rsAvailable(newRsName) >= want && rsReplicasSpec(newRsName) == want) {
                        ++idx;
                        continue;
                    }
                    break;
                }
                if (step.contains("pause")) {
                    const json *pc = pauseCondition(st, "CanaryPauseStep");
                    const json dur = step["pause"].is_object() ? step["pause"].value("duration", json()) : json();
                    if (pc) {
                        if (!dur.is_null()) {
                            const int64_t end =
                                times.read(pc->value("startTime", now)) + analysis::parseDurationMs(dur);
                            if (nowMs >= end) {
                                clearPause(st);
                                ++idx;
                                continue;
                            }
                            due(end);
                        }
                        break;
                    }
                    if (st.value("controllerPause", false) && pauseConditionsEmpty(st)) {
                        // promote: the user cleared the pause conditions.
                        clearPause(st);
                        ++idx;
                        continue;
                    }
                    if (!dur.is_null() && analysis::parseDurationMs(dur) <= 0) {
                        ++idx;
                        continue;
                    }
                    addPause(st, "CanaryPauseStep", now);
                    if (!dur.is_null())
                        due(nowMs + analysis::parseDurationMs(dur));
                    break;
                }
                if (step.contains("analysis")) {
                    const std::string prev = st.value("canary", json::object())
                                                 .value("currentStepAnalysisRunStatus", json::object())
                                                 .value("name", std::string());
                    const std::string base =
                        name + "-" + hash + "-" + std::to_string(revision) + "-" + std::to_string(idx);
                    std::string reuse;
                    if (!prev.empty() && runs.count(prev) &&
                        runs[prev]["metadata"]["labels"].value("step-index", std::string()) == std::to_string(idx))
                        reuse = prev;
                    else if (!prev.empty())
                        terminateRun(prev);
                    json *run = ensureRun(base, step["analysis"], "Step", std::to_string(idx), reuse);
                    if (!run)
                        break;
                    st["canary"]["currentStepAnalysisRunStatus"] = runStatus(*run);
                    const std::string phase = (*run)["status"].value("phase", std::string());
                    if (phase == "Successful") {
                        ++idx;
                        continue;
                    }
                    if (phase == "Failed" || phase == "Error") {
                        finish("Step-based analysis phase error/failed: " +
                               (*run)["status"].value("message", std::string()));
                        break;
                    }
                    if (phase == "Inconclusive") {
                        if (st.value("controllerPause", false) && pauseConditionsEmpty(st)) {
                            clearPause(st);
                            ++idx;
                            continue;
                        }
                        addPause(st, "InconclusiveAnalysisRun", now);
                    }
                    break;
                }
                // experiment, setCanaryScale, header/mirror routes, plugins: nothing to simulate.
                ++idx;
            }
            if (stepCount > 0)
                st["currentStepIndex"] = idx;
        }
        abort = st.value("abort", false) && updating;

        // Replica targets and traffic.
        if (!updating) {
            rsDesired[newRsName] = replicas;
            trafficWeight = 0;
        } else if (abort) {
            rsDesired[newRsName] = 0;
            rsDesired[stableRsName] = replicas;
            trafficWeight = 0;
            if (stepCount > 0)
                st["currentStepIndex"] = 0;
        } else {
            const int64_t w = idx >= stepCount ? 100 : setWeightBefore(idx);
            trafficWeight = w;
            int64_t canaryWant = canaryReplicasFor(idx >= stepCount ? 100 : std::max(w, setWeightBefore(idx + 1)));
            if (idx < stepCount && steps[idx].contains("setWeight"))
                canaryWant = canaryReplicasFor(steps[idx]["setWeight"].get<int64_t>());
            rsDesired[newRsName] = canaryWant;
            if (stable != hash)
                rsDesired[stableRsName] = trafficRouted ? replicas : std::max<int64_t>(0, replicas - canaryWant);
            // Promotion once every step is done and the new ReplicaSet is fully available.
            if (idx >= stepCount && rsAvailable(newRsName) >= replicas && rsReplicasSpec(newRsName) >= replicas) {
                st["stableRS"] = hash;
                const std::string bgRun = st.value("canary", json::object())
                                              .value("currentBackgroundAnalysisRunStatus", json::object())
                                              .value("name", std::string());
                if (!bgRun.empty())
                    terminateRun(bgRun);
                if (!stable.empty() && stable != hash) {
                    const int64_t delay = trafficRouted ? canary.value("scaleDownDelaySeconds", int64_t(30)) : 0;
                    const std::string deadline = times.stamp(nowMs + delay * 1000);
                    if (delay > 0) {
                        m_store.mutate(kReplicaSets, ns, stableRsName, [&](json &obj) {
                            obj["metadata"]["annotations"][kScaleDownDeadline] = deadline;
                            return true;
                        });
                        newDeadlines[stableRsName] = times.read(deadline);
                    }
                }
                stable = hash;
                updating = false;
                trafficWeight = 0;
                rsDesired[newRsName] = replicas;
                rsDesired.erase(stableRsName);
                auto started = m_updateStartedMs.find(key);
                if (m_deploymentListener)
                    m_deploymentListener(
                        DeploymentEvent{DeploymentEvent::Succeeded, ns, name,
                                        started == m_updateStartedMs.end() ? 0.0 : (nowMs - started->second) / 1000.0});
                m_updateStartedMs.erase(key);
            }
        }
        if (!st.contains("canary") || !st["canary"].is_object())
            st["canary"] = json::object();
        if (!updating && st.value("promoteFull", false))
            st.erase("promoteFull");
        if (trafficRouted) {
            const std::string canarySvc = canary.value("canaryService", std::string());
            const std::string stableSvc = canary.value("stableService", std::string());
            st["canary"]["weights"] = json{
                {"canary", {{"podTemplateHash", hash}, {"serviceName", canarySvc}, {"weight", trafficWeight}}},
                {"stable", {{"podTemplateHash", stable}, {"serviceName", stableSvc}, {"weight", 100 - trafficWeight}}}};
            if (canarySvc.empty())
                st["canary"]["weights"]["canary"].erase("serviceName");
            if (stableSvc.empty())
                st["canary"]["weights"]["stable"].erase("serviceName");
            // Istio VirtualService and DestinationRule.
            const json istio = canary["trafficRouting"].value("istio", json());
            if (istio.is_object()) {
                std::vector<json> vsRefs;
                if (istio.contains("virtualService"))
                    vsRefs.push_back(istio["virtualService"]);
                for (const json &v : istio.value("virtualServices", json::array()))
                    vsRefs.push_back(v);
                const json dr = istio.value("destinationRule", json::object());
                const std::string canarySubset = dr.value("canarySubsetName", std::string());
                const std::string stableSubset = dr.value("stableSubsetName", std::string());
                for (const json &ref : vsRefs) {
                    std::string vsName = ref.value("name", std::string());
                    std::string vsNs = ns;
                    if (const auto dot = vsName.find('.'); dot != std::string::npos) {
                        vsNs = vsName.substr(dot + 1);
                        vsName = vsName.substr(0, dot);
                    }
                    const json routes = ref.value("routes", json::array());
                    Outcome o = m_store.mutate(kVirtualServices, vsNs, vsName, [&](json &vs) {
                        json &http = vs["spec"]["http"];
                        if (!http.is_array())
                            return false;
                        const json old = http;
                        for (json &route : http) {
                            if (!routes.empty()) {
                                bool listed = false;
                                for (const json &r : routes)
                                    listed = listed || r == route.value("name", std::string());
                                if (!listed)
                                    continue;
                            }
                            json kept = json::array();
                            for (json dest : route.value("route", json::array())) {
                                const json d = dest.value("destination", json::object());
                                const std::string host = firstLabel(d.value("host", std::string()));
                                const std::string subset = d.value("subset", std::string());
                                const bool isCanary = (!canarySubset.empty() && subset == canarySubset) ||
                                                      (canarySubset.empty() && host == canarySvc);
                                const bool isStable = (!stableSubset.empty() && subset == stableSubset) ||
                                                      (stableSubset.empty() && host == stableSvc);
                                if (isCanary)
                                    dest["weight"] = trafficWeight;
                                else if (isStable)
                                    dest["weight"] = 100 - trafficWeight;
                                else
                                    continue;
                                kept.push_back(dest);
                            }
                            route["route"] = kept;
                        }
                        return http != old;
                    });
                    changed = changed || o.changed;
                }
                if (!dr.empty()) {
                    Outcome o = m_store.mutate(kDestinationRules, ns, dr.value("name", std::string()), [&](json &obj) {
                        json &subsets = obj["spec"]["subsets"];
                        if (!subsets.is_array())
                            return false;
                        const json old = subsets;
                        for (json &s : subsets) {
                            const std::string sn = s.value("name", std::string());
                            if (sn == canarySubset)
                                s["labels"][kHashLabel] = hash;
                            else if (sn == stableSubset && !stable.empty())
                                s["labels"][kHashLabel] = stable;
                        }
                        return subsets != old;
                    });
                    changed = changed || o.changed;
                }
            }
        }
        // Services get the hash in their selector.
        auto pinService = [&](const std::string &svc, const std::string &h) {
            if (svc.empty() || h.empty())
                return;
            Outcome o = m_store.mutate(kServices, ns, svc, [&](json &obj) {
                if (obj["spec"]["selector"].value(kHashLabel, std::string()) == h)
                    return false;
                obj["spec"]["selector"][kHashLabel] = h;
                return true;
            });
            changed = changed || o.changed;
        };
        pinService(canary.value("canaryService", std::string()), hash);
        pinService(canary.value("stableService", std::string()), stable);
    } else {
        // Blue-green.
        const std::string activeSvc = bg.value("activeService", std::string());
        const std::string previewSvc = bg.value("previewService", std::string());
        const int64_t previewReplicas = bg.value("previewReplicaCount", replicas);
        const bool autoPromotion = bg.value("autoPromotionEnabled", true);
        const int64_t autoPromotionSeconds = bg.value("autoPromotionSeconds", int64_t(0));
        json &bgs = st["blueGreen"];
        if (!bgs.is_object())
            bgs = json::object();
        if (updating)
            bgs["previewSelector"] = hash;
        if (updating && !abort && !manualPause) {
            const int64_t want = bgActive == hash ? replicas : previewReplicas;
            rsDesired[newRsName] = want;
            rsDesired[stableRsName] = replicas;
            const bool previewReady = rsAvailable(newRsName) >= want && rsReplicasSpec(newRsName) == want;
            if (bgActive != hash && previewReady) {
                bool proceed = true;
                if (bg.contains("prePromotionAnalysis")) {
                    const std::string prev =
                        bgs.value("prePromotionAnalysisRunStatus", json::object()).value("name", std::string());
                    json *run = ensureRun(name + "-" + hash + "-" + std::to_string(revision) + "-pre",
                                          bg["prePromotionAnalysis"], "PrePromotion", "", prev);
                    if (run) {
                        bgs["prePromotionAnalysisRunStatus"] = runStatus(*run);
                        const std::string phase = (*run)["status"].value("phase", std::string());
                        if (phase == "Failed" || phase == "Error") {
                            finish("Blue/green pre-promotion analysis phase error/failed: " +
                                   (*run)["status"].value("message", std::string()));
                            proceed = false;
                        } else if (phase != "Successful") {
                            proceed = false;
                        }
                    }
                }
                if (proceed && !st.value("promoteFull", false) && (!autoPromotion || autoPromotionSeconds > 0)) {
                    const json *pc = pauseCondition(st, "BlueGreenPause");
                    if (pc) {
                        proceed = false;
                        if (autoPromotionSeconds > 0) {
                            const int64_t end = times.read(pc->value("startTime", now)) + autoPromotionSeconds * 1000;
                            if (nowMs >= end) {
                                clearPause(st);
                                proceed = true;
                            } else {
                                due(end);
                            }
                        }
                    } else if (st.value("controllerPause", false)) {
                        clearPause(st); // promote cleared the pause
                    } else {
                        addPause(st, "BlueGreenPause", now);
                        if (autoPromotionSeconds > 0)
                            due(nowMs + autoPromotionSeconds * 1000);
                        proceed = false;
                    }
                }
                if (proceed) {
                    if (previewReplicas < replicas && rsAvailable(newRsName) < replicas) {
                        rsDesired[newRsName] = replicas;
                    } else {
                        bgActive = hash;
                        bgs["activeSelector"] = hash;
                        clearPause(st);
                    }
                }
            }
            if (bgActive == hash && stable != hash) {
                bool proceed = true;
                rsDesired[newRsName] = replicas;
                if (bg.contains("postPromotionAnalysis")) {
                    const std::string prev =
                        bgs.value("postPromotionAnalysisRunStatus", json::object()).value("name", std::string());
                    json *run = ensureRun(name + "-" + hash + "-" + std::to_string(revision) + "-post",
                                          bg["postPromotionAnalysis"], "PostPromotion", "", prev);
                    if (run) {
                        bgs["postPromotionAnalysisRunStatus"] = runStatus(*run);
                        const std::string phase = (*run)["status"].value("phase", std::string());
                        if (phase == "Failed" || phase == "Error") {
                            finish("Blue/green post-promotion analysis phase error/failed: " +
                                   (*run)["status"].value("message", std::string()));
                            proceed = false;
                        } else if (phase != "Successful") {
                            proceed = false;
                        }
                    }
                }
                if (proceed && rsAvailable(newRsName) >= replicas) {
                    const int64_t delay = bg.value("scaleDownDelaySeconds", int64_t(30));
                    if (!stable.empty() && stable != hash) {
                        const std::string deadline = times.stamp(nowMs + delay * 1000);
                        m_store.mutate(kReplicaSets, ns, stableRsName, [&](json &obj) {
                            obj["metadata"]["annotations"][kScaleDownDeadline] = deadline;
                            return true;
                        });
                        newDeadlines[stableRsName] = times.read(deadline);
                        due(nowMs + delay * 1000);
                    }
                    st["stableRS"] = hash;
                    stable = hash;
                    updating = false;
                    rsDesired.erase(stableRsName);
                    st.erase("promoteFull");
                    auto started = m_updateStartedMs.find(key);
                    if (m_deploymentListener)
                        m_deploymentListener(DeploymentEvent{
                            DeploymentEvent::Succeeded, ns, name,
                            started == m_updateStartedMs.end() ? 0.0 : (nowMs - started->second) / 1000.0});
                    m_updateStartedMs.erase(key);
                }
            }
        }
        abort = st.value("abort", false) && updating;
        if (!updating) {
            rsDesired[newRsName] = replicas;
            bgs["activeSelector"] = hash;
            bgs["previewSelector"] = hash;
            bgActive = hash;
        } else if (abort) {
            // Traffic stays on (or returns to) the stable ReplicaSet.
            bgActive = stable;
            bgs["activeSelector"] = stable;
            rsDesired[stableRsName] = replicas;
            rsDesired[newRsName] = 0;
        } else if (manualPause) {
            rsDesired[newRsName] = std::max<int64_t>(rsReplicasSpec(newRsName), 0);
            rsDesired[stableRsName] = replicas;
        }
        auto pinService = [&](const std::string &svc, const std::string &h) {
            if (svc.empty() || h.empty())
                return;
            Outcome o = m_store.mutate(kServices, ns, svc, [&](json &obj) {
                if (obj["spec"]["selector"].value(kHashLabel, std::string()) == h)
                    return false;
                obj["spec"]["selector"][kHashLabel] = h;
                return true;
            });
            changed = changed || o.changed;
        };
        pinService(activeSvc, bgActive);
        pinService(previewSvc, bgs.value("previewSelector", std::string()));
    }

    // Abort bookkeeping.
    if (abort) {
        clearPause(st);
        if (!st.contains("abortedAt"))
            st["abortedAt"] = now;
        std::string msg = "Rollout aborted update to revision " + std::to_string(revision);
        if (!abortReason.empty())
            msg += ": " + abortReason;
        const json *p = findCondition(st, "Progressing");
        if (!p || p->value("reason", std::string()) != "RolloutAborted") {
            setCondition(st, "Progressing", "False", "RolloutAborted", msg, now);
            auto started = m_updateStartedMs.find(key);
            if (m_deploymentListener)
                m_deploymentListener(
                    DeploymentEvent{DeploymentEvent::Failed, ns, name,
                                    started == m_updateStartedMs.end() ? 0.0 : (nowMs - started->second) / 1000.0});
        }
        for (const auto &[runName, run] : runs)
            if (run["metadata"]["labels"].value(kHashLabel, std::string()) == hash)
                terminateRun(runName);
    }

    // Scale the ReplicaSets: old ones go to zero (after their scale-down deadline).
    for (const json &rs : ownedRs) {
        const std::string rsn = rs["metadata"].value("name", std::string());
        int64_t want;
        auto it = rsDesired.find(rsn);
        if (it != rsDesired.end()) {
            want = it->second;
        } else {
            want = 0;
            const std::string deadline =
                rs["metadata"].value("annotations", json::object()).value(kScaleDownDeadline, std::string());
            auto fresh = newDeadlines.find(rsn);
            if (!deadline.empty() || fresh != newDeadlines.end()) {
                const int64_t d = fresh != newDeadlines.end() ? fresh->second : times.read(deadline);
                if (d > nowMs) {
                    want = rs["spec"].value("replicas", int64_t(0));
                    due(d);
                }
            }
        }
        if (want == 0 && rs["metadata"].value("annotations", json::object()).contains(kScaleDownDeadline) &&
            rs["spec"].value("replicas", int64_t(0)) > 0) {
            m_store.mutate(kReplicaSets, ns, rsn, [&](json &obj) {
                obj["metadata"]["annotations"].erase(kScaleDownDeadline);
                return true;
            });
            changed = true;
        }
        if (workload.scaleReplicaSet(ns, rsn, want))
            changed = true;
    }

    // Restart: pods created before spec.restartAt are replaced one at a time.
    const std::string restartAt = spec.value("restartAt", std::string());
    const int64_t restartMs = restartAt.empty() ? -1 : times.read(restartAt);
    bool restartPending = false;

    // Pods and ReplicaSet status; the rollout's counts.
    int64_t totalReplicas = 0, ready = 0, available = 0, updated = 0, activeAvailable = 0;
    bool anyUnready = false;
    for (const json &rsRef : ownedRs) {
        const std::string rsn = rsRef["metadata"].value("name", std::string());
        Outcome fresh = m_store.get(kReplicaSets, ns, rsn);
        if (!fresh.object)
            continue;
        RsCounts counts;
        if (workload.syncReplicaSet(*fresh.object, nowMs, nextDueMs, &counts, times))
            changed = true;
        totalReplicas += counts.replicas;
        ready += counts.ready;
        available += counts.available;
        if (counts.ready < counts.replicas)
            anyUnready = true;
        if (rsn == newRsName)
            updated = counts.replicas;
        if (rsHash(*fresh.object) == bgActive)
            activeAvailable = counts.available;
        if (restartMs > 0 && restartMs <= nowMs) {
            for (const json &pod : workload.podsOf(*fresh.object)) {
                const int64_t created = times.read(pod["metadata"].value("creationTimestamp", now));
                if (created < restartMs) {
                    restartPending = true;
                    if (!anyUnready) {
                        m_store.remove(kPods, ns, pod["metadata"].value("name", std::string()));
                        anyUnready = true;
                        changed = true;
                    }
                    break;
                }
            }
        }
    }
    if (restartMs > nowMs)
        due(restartMs);
    if (restartMs > 0 && restartMs <= nowMs && !restartPending)
        st["restartedAt"] = restartAt;

    st["replicas"] = totalReplicas;
    st["updatedReplicas"] = updated;
    st["readyReplicas"] = ready;
    st["availableReplicas"] = isBlueGreen ? activeAvailable : available;
    st["HPAReplicas"] = totalReplicas;
    for (const char *k : {"replicas", "updatedReplicas", "readyReplicas", "availableReplicas", "HPAReplicas"})
        if (st[k] == 0)
            st.erase(k);

    // Conditions.
    const bool paused = manualPause || !pauseConditionsEmpty(st);
    const int64_t maxUnavailable = replicas / 4;
    const int64_t avail = st.value("availableReplicas", int64_t(0));
    if (avail >= replicas - maxUnavailable)
        setCondition(st, "Available", "True", "AvailableReason", "Rollout has minimum availability", now);
    else
        setCondition(st, "Available", "False", "AvailableReason", "Rollout does not have minimum availability", now);
    const json *prog = findCondition(st, "Progressing");
    const std::string progReason = prog ? prog->value("reason", std::string()) : std::string();
    if (!abort && progReason != "ProgressDeadlineExceeded") {
        if (paused) {
            setCondition(st, "Paused", "True", "RolloutPaused", "Rollout is paused", now);
            setCondition(st, "Progressing", "Unknown", "RolloutPaused", "Rollout is paused", now);
        } else {
            const json *pausedCond = findCondition(st, "Paused");
            if (pausedCond && pausedCond->value("status", std::string()) == "True") {
                setCondition(st, "Paused", "False", "RolloutResumed", "Rollout is resumed", now);
                setCondition(st, "Progressing", "Unknown", "RolloutResumed", "Rollout is resumed", now);
            } else if (!updating && avail >= replicas && st.value("updatedReplicas", int64_t(0)) >= replicas) {
                setCondition(st, "Progressing", "True", "NewReplicaSetAvailable",
                             "ReplicaSet \"" + newRsName + "\" has successfully progressed.", now);
            } else if (changed && progReason != "NewReplicaSetCreated" && progReason != "FoundNewReplicaSet" &&
                       progReason != "RolloutRetry") {
                setCondition(st, "Progressing", "True", "ReplicaSetUpdated",
                             "ReplicaSet \"" + newRsName + "\" is progressing.", now);
            } else if (!changed && (progReason == "RolloutResumed" || progReason == "RolloutRetry" ||
                                    progReason == "NewReplicaSetCreated" || progReason == "FoundNewReplicaSet")) {
                setCondition(st, "Progressing", "True", "ReplicaSetUpdated",
                             "ReplicaSet \"" + newRsName + "\" is progressing.", now);
            }
        }
    }
    const bool complete = !updating && avail >= replicas && st.value("updatedReplicas", int64_t(0)) >= replicas &&
                          st.value("replicas", int64_t(0)) == replicas;
    if (complete) {
        setCondition(st, "Healthy", "True", "RolloutHealthy", "Rollout is healthy", now);
        setCondition(st, "Completed", "True", "RolloutCompleted",
                     "Rollout completed update to revision " + std::to_string(revision) + " (" + hash +
                         "): Rollout is Healthy",
                     now);
    } else {
        setCondition(st, "Healthy", "False", "RolloutHealthy", "Rollout is not healthy", now);
        setCondition(
            st, "Completed", "False", "RolloutCompleted",
            "Rollout not completed, started update to revision " + std::to_string(revision) + " (" + hash + ")", now);
    }
    // Progress deadline: the new ReplicaSet has not become available in progressDeadlineSeconds.
    {
        const int64_t deadlineSeconds = spec.value("progressDeadlineSeconds", int64_t(600));
        int64_t newReady = 0, newWant = 0;
        if (Outcome fresh = m_store.get(kReplicaSets, ns, newRsName); fresh.object) {
            newWant = (*fresh.object)["spec"].value("replicas", int64_t(0));
            newReady = (*fresh.object).value("status", json::object()).value("availableReplicas", int64_t(0));
        }
        const bool stalled = updating && !abort && !paused && newReady < newWant;
        if (!stalled) {
            m_stalledSinceMs.erase(key);
            const json *p = findCondition(st, "Progressing");
            if (p && p->value("reason", std::string()) == "ProgressDeadlineExceeded" && !abort)
                setCondition(st, "Progressing", "True", "ReplicaSetUpdated",
                             "ReplicaSet \"" + newRsName + "\" is progressing.", now);
        } else {
            const int64_t since = m_stalledSinceMs.emplace(key, nowMs).first->second;
            if (nowMs - since >= deadlineSeconds * 1000) {
                setCondition(st, "Progressing", "False", "ProgressDeadlineExceeded",
                             "ReplicaSet \"" + newRsName + "\" has timed out progressing.", now);
                if (spec.value("progressDeadlineAbort", false) && !st.value("abort", false)) {
                    st["abort"] = true;
                    st["abortedAt"] = now;
                }
            } else {
                due(since + deadlineSeconds * 1000);
            }
        }
    }

    auto [phase, message] = calculatePhase(spec, st);
    st["phase"] = phase;
    st["message"] = message;

    // Write the rollout (status + revision annotation) unless someone changed it meanwhile.
    const std::string revText = std::to_string(revision);
    const bool annotationStale =
        meta.value("annotations", json::object()).value(kRevisionAnnotation, std::string()) != revText;
    if (st != before || annotationStale) {
        Outcome o = m_store.mutate(kRollouts, ns, name, [&](json &obj) {
            if (obj["metadata"].value("resourceVersion", std::string()) != readVersion)
                return false;
            obj["status"] = st;
            obj["metadata"]["annotations"][kRevisionAnnotation] = revText;
            return true;
        });
        if (!o.changed && o.object && (*o.object)["metadata"].value("resourceVersion", std::string()) != readVersion)
            return true; // a concurrent write: reconcile again
        changed = changed || o.changed;
    }
    return changed;
}

} // namespace rdsim
