#include "Events.h"

#include "Resources.h"

#include <chrono>
#include <cstdio>

namespace rdsim {

using nlohmann::json;

void EventRecorder::record(const json &object, const std::string &type, const std::string &reason,
                           const std::string &message)
{
    const json meta = object.value("metadata", json::object());
    const std::string ns = meta.value("namespace", "");
    const std::string name = meta.value("name", "");
    const std::string uid = meta.value("uid", "");
    const std::string now = m_clock.nowRfc3339();
    // The same reason and message on the same object again: one Event, counted (client-go's aggregation key).
    ListOptions options;
    options.fieldSelector = "involvedObject.uid=" + uid + ",reason=" + reason;
    for (const ObjectPtr &existing : m_store.list(kEvents, ns, options).items) {
        if (existing->value("message", "") != message)
            continue;
        const int count = existing->value("count", 1) + 1;
        m_store.mergePatch(kEvents, ns, (*existing)["metadata"].value("name", ""),
                           {{"count", count}, {"lastTimestamp", now}});
        return;
    }
    // client-go names an Event "<object>.<unix nanoseconds in hex>".
    const auto nanos =
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    char suffix[32];
    std::snprintf(suffix, sizeof suffix, "%llx", static_cast<unsigned long long>(nanos));
    json event = {{"apiVersion", "v1"},
                  {"kind", "Event"},
                  {"metadata", {{"name", name + "." + suffix}, {"namespace", ns}}},
                  {"involvedObject",
                   {{"apiVersion", object.value("apiVersion", "")},
                    {"kind", object.value("kind", "")},
                    {"name", name},
                    {"namespace", ns},
                    {"uid", uid},
                    {"resourceVersion", meta.value("resourceVersion", "")}}},
                  {"reason", reason},
                  {"message", message},
                  {"type", type},
                  {"source", {{"component", "rollouts-controller"}}},
                  {"reportingComponent", "rollouts-controller"},
                  {"reportingInstance", ""},
                  {"firstTimestamp", now},
                  {"lastTimestamp", now},
                  {"count", 1}};
    m_store.create(kEvents, ns, std::move(event));
}

namespace rolloutmsg {

std::string updated(const std::string &revision)
{
    return "Rollout updated to revision " + revision;
}

std::string stepCompleted(int index, int count, const std::string &step)
{
    return "Rollout step " + std::to_string(index) + "/" + std::to_string(count) + " completed (" + step + ")";
}

std::string paused()
{
    return "Rollout is paused";
}

std::string resumed()
{
    return "Rollout is resumed";
}

std::string aborted(int revision, const std::string &why)
{
    std::string text = "Rollout aborted update to revision " + std::to_string(revision);
    if (!why.empty())
        text += ": " + why;
    return text;
}

std::string completed(int revision, const std::string &podHash, const std::string &detail)
{
    return "Rollout completed update to revision " + std::to_string(revision) + " (" + podHash + "): " + detail;
}

std::string trafficWeight(int from, int to)
{
    return "Traffic weight updated from " + std::to_string(from) + " to " + std::to_string(to);
}

std::string scaled(bool up, const std::string &replicaSet, int revision, int from, int to)
{
    return std::string("Scaled ") + (up ? "up" : "down") + " ReplicaSet " + replicaSet + " (revision " +
           std::to_string(revision) + ") from " + std::to_string(from) + " to " + std::to_string(to);
}

std::string analysisRun(const std::string &kind, const std::string &name, const std::string &phase,
                        const std::string &previous)
{
    return kind + " Analysis Run '" + name + "' Status New: '" + phase + "' Previous: '" + previous + "'";
}

} // namespace rolloutmsg

} // namespace rdsim

namespace rdsim {

namespace {

std::string revisionOf(const json &o)
{
    return o.value("metadata", json::object())
        .value("annotations", json::object())
        .value("rollout.argoproj.io/revision", "");
}

int intOr(const json &o, const char *key, int fallback)
{
    const auto it = o.find(key);
    return it != o.end() && it->is_number_integer() ? it->get<int>() : fallback;
}

// rolloututil.CanaryStepString: what `kubectl argo rollouts` shows for a step.
std::string stepString(const json &step)
{
    if (step.contains("setWeight"))
        return "setWeight: " + std::to_string(step["setWeight"].get<int>());
    if (step.contains("pause")) {
        const json &p = step["pause"];
        if (p.is_object() && p.contains("duration"))
            return "pause: " +
                   (p["duration"].is_string() ? p["duration"].get<std::string>() : p["duration"].dump() + "s");
        return "pause";
    }
    for (const char *kind :
         {"analysis", "experiment", "setCanaryScale", "setHeaderRoute", "setMirrorRoute", "plugin"}) {
        if (step.contains(kind))
            return kind;
    }
    return "unknown";
}

bool pausedIn(const json &o)
{
    const json status = o.value("status", json::object());
    return o.value("spec", json::object()).value("paused", false) ||
           !status.value("pauseConditions", json::array()).empty();
}

// The Progressing condition, or an empty object (a copy: value() returns temporaries).
json progressing(const json &o)
{
    for (const json &c : o.value("status", json::object()).value("conditions", json::array())) {
        if (c.is_object() && c.value("type", "") == "Progressing")
            return c;
    }
    return json::object();
}

std::string ownerRollout(const json &o)
{
    for (const json &ref : o.value("metadata", json::object()).value("ownerReferences", json::array())) {
        if (ref.value("kind", "") == "Rollout")
            return ref.value("name", "");
    }
    return {};
}

} // namespace

void ControllerEvents::start()
{
    if (m_running.exchange(true))
        return;
    for (int which = 0; which < 3; ++which)
        m_threads.emplace_back([this, which] { loop(which); });
}

void ControllerEvents::stop()
{
    if (!m_running.exchange(false))
        return;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        for (auto &c : m_cursors)
            c->cancel();
    }
    for (std::thread &t : m_threads)
        if (t.joinable())
            t.join();
    m_threads.clear();
    m_cursors.clear();
}

void ControllerEvents::loop(int which)
{
    const Gvr gvr = which == 0 ? kRollouts : which == 1 ? kReplicaSets : kAnalysisRuns;
    // From now on: what existed before the controller ran has no events, as on a real cluster.
    WatchStart ws = m_store.openWatch(gvr, "", m_store.resourceVersion());
    if (!ws.cursor)
        return;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_cursors.push_back(ws.cursor);
    }
    while (m_running) {
        bool expired = false;
        const std::vector<WatchEvent> events = ws.cursor->next(std::chrono::milliseconds(200), &expired);
        if (expired) {
            ws = m_store.openWatch(gvr, "", m_store.resourceVersion());
            if (!ws.cursor)
                return;
            std::lock_guard<std::mutex> lock(m_mutex);
            m_cursors.push_back(ws.cursor);
            continue;
        }
        for (const WatchEvent &ev : events) {
            if (!ev.object || ev.type == "DELETED")
                continue;
            if (which == 0 && ev.previous)
                onRollout(*ev.previous, *ev.object);
            else if (which == 1)
                onReplicaSet(ev.previous.get(), *ev.object);
            else if (which == 2)
                onAnalysisRun(ev.previous.get(), *ev.object);
        }
    }
}

void ControllerEvents::onRollout(const json &before, const json &after)
{
    const json b = before.value("status", json::object());
    const json a = after.value("status", json::object());
    const std::string revision = revisionOf(after);
    if (!revision.empty() && revision != revisionOf(before))
        m_recorder.normal(after, "RolloutUpdated", rolloutmsg::updated(revision));

    // Steps completed: the index moved forward within one revision.
    const json steps = after.value("spec", json::object())
                           .value("strategy", json::object())
                           .value("canary", json::object())
                           .value("steps", json::array());
    const int from = intOr(b, "currentStepIndex", -1);
    const int to = intOr(a, "currentStepIndex", -1);
    if (from >= 0 && to > from && b.value("currentPodHash", "") == a.value("currentPodHash", "") &&
        !a.value("abort", false)) {
        for (int i = from; i < to && i < int(steps.size()); ++i)
            m_recorder.normal(after, "RolloutStepCompleted",
                              rolloutmsg::stepCompleted(i + 1, int(steps.size()), stepString(steps[size_t(i)])));
    }

    const json pb = progressing(before);
    const json pa = progressing(after);
    const bool abortedNow = pa.value("reason", "") == "RolloutAborted" && pb.value("reason", "") != "RolloutAborted";
    if (abortedNow)
        m_recorder.warning(after, "RolloutAborted", pa.value("message", ""));
    else if (pausedIn(after) != pausedIn(before))
        m_recorder.normal(after, pausedIn(after) ? "RolloutPaused" : "RolloutResumed",
                          pausedIn(after) ? rolloutmsg::paused() : rolloutmsg::resumed());

    const std::string stable = a.value("stableRS", "");
    if (!stable.empty() && stable == a.value("currentPodHash", "") && stable != b.value("stableRS", "")) {
        std::string why = "Initial deploy";
        if (!b.value("stableRS", "").empty())
            why = after["spec"]["strategy"].contains("canary")
                      ? "Completed all " + std::to_string(steps.size()) + " canary steps"
                      : "Completed blue-green update";
        if (b.value("promoteFull", false))
            why = "Full promotion requested";
        m_recorder.normal(after, "RolloutCompleted",
                          rolloutmsg::completed(revision.empty() ? 0 : std::stoi(revision), stable, why));
    }

    const json wb = b.value("canary", json::object()).value("weights", json::object()).value("canary", json::object());
    const json wa = a.value("canary", json::object()).value("weights", json::object()).value("canary", json::object());
    if (wa.contains("weight") && wb.value("weight", -1) != wa.value("weight", -1))
        m_recorder.normal(after, "TrafficWeightUpdated",
                          rolloutmsg::trafficWeight(wb.value("weight", 0), wa.value("weight", 0)));
}

void ControllerEvents::onReplicaSet(const json *before, const json &after)
{
    const std::string rollout = ownerRollout(after);
    if (rollout.empty())
        return;
    const int was = before ? intOr(before->value("spec", json::object()), "replicas", 0) : 0;
    const int now = intOr(after.value("spec", json::object()), "replicas", 0);
    if (was == now)
        return;
    const std::string ns = after["metadata"].value("namespace", "");
    const auto owner = m_store.get(kRollouts, ns, rollout);
    if (!owner.object)
        return;
    const std::string rev = revisionOf(after);
    m_recorder.normal(
        *owner.object, "ScalingReplicaSet",
        rolloutmsg::scaled(now > was, after["metadata"].value("name", ""), rev.empty() ? 0 : std::stoi(rev), was, now));
}

void ControllerEvents::onAnalysisRun(const json *before, const json &after)
{
    const std::string rollout = ownerRollout(after);
    const std::string phase = after.value("status", json::object()).value("phase", "");
    const std::string previous = before ? before->value("status", json::object()).value("phase", "") : "";
    if (rollout.empty() || phase == previous ||
        (phase != "Running" && phase != "Successful" && phase != "Failed" && phase != "Error"))
        return;
    const auto owner = m_store.get(kRollouts, after["metadata"].value("namespace", ""), rollout);
    if (!owner.object)
        return;
    // The run's kind: the controller labels its runs rollout-type (Step, Background, PrePromotion, PostPromotion).
    std::string kind = after["metadata"].value("labels", json::object()).value("rollout-type", "Step");
    const std::string reason = phase == "Running"      ? "AnalysisRunRunning"
                               : phase == "Successful" ? "AnalysisRunSuccessful"
                                                       : "AnalysisRunFailed";
    const std::string message = rolloutmsg::analysisRun(kind, after["metadata"].value("name", ""), phase, previous);
    if (reason == "AnalysisRunFailed")
        m_recorder.warning(*owner.object, reason, message);
    else
        m_recorder.normal(*owner.object, reason, message);
}

} // namespace rdsim
