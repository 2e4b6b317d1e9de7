#include "ArgoCdApi.h"

#include "../Clock.h"
#include "../Store.h"
#include "../controller/Determinism.h"
#include "../controller/TimeText.h"
#include "RolloutActions.h"

#include <httplib.h>

#include <algorithm>
#include <sstream>

namespace rdsim {

using nlohmann::json;

namespace {

constexpr const char *kRepo = "https://github.com/danieleschmidt/agentic-startup-studio-boilerplate";

int64_t toMs(Clock::TimePoint t)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

void sendError(httplib::Response &res, int httpStatus, int grpcCode, const std::string &message)
{
    res.status = httpStatus;
    res.set_content(json{{"error", message}, {"code", grpcCode}, {"message", message}}.dump(), "application/json");
}

void sendJson(httplib::Response &res, const json &body)
{
    res.status = 200;
    res.set_content(body.dump(), "application/json");
}

std::vector<std::string> splitFields(const std::string &text)
{
    std::vector<std::string> out;
    std::string cur;
    for (char c : text) {
        if (c == ',') {
            if (!cur.empty())
                out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty())
        out.push_back(cur);
    return out;
}

void copyPath(const json &from, json &to, const std::vector<std::string> &parts, size_t i)
{
    if (!from.is_object())
        return;
    auto it = from.find(parts[i]);
    if (it == from.end())
        return;
    if (i + 1 == parts.size()) {
        to[parts[i]] = *it;
        return;
    }
    if (it->is_array()) {
        json &arr = to[parts[i]];
        if (!arr.is_array())
            arr = json::array();
        for (size_t k = 0; k < it->size(); ++k) {
            if (arr.size() <= k)
                arr.push_back(json::object());
            copyPath((*it)[k], arr[k], parts, i + 1);
        }
        return;
    }
    json &sub = to[parts[i]];
    if (!sub.is_object())
        sub = json::object();
    copyPath(*it, sub, parts, i + 1);
}

void erasePath(json &obj, const std::vector<std::string> &parts, size_t i)
{
    if (!obj.is_object())
        return;
    if (i + 1 == parts.size()) {
        obj.erase(parts[i]);
        return;
    }
    auto it = obj.find(parts[i]);
    if (it != obj.end())
        erasePath(*it, parts, i + 1);
}

std::vector<std::string> splitDots(const std::string &path)
{
    std::vector<std::string> parts;
    std::string cur;
    for (char c : path) {
        if (c == '.') {
            parts.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    parts.push_back(cur);
    return parts;
}

// Applies the `fields` projection to one application; prefix is "items." (list) or
// "result.application." (stream). Fields without the prefix are ignored.
json projectApp(const json &app, const std::string &fieldsParam, const std::string &prefix)
{
    if (fieldsParam.empty())
        return app;
    std::vector<std::string> fields = splitFields(fieldsParam);
    bool exclude = !fields.empty() && !fields[0].empty() && fields[0][0] == '-';
    std::vector<std::vector<std::string>> paths;
    for (std::string f : fields) {
        if (!f.empty() && f[0] == '-')
            f = f.substr(1);
        if (f.rfind(prefix, 0) == 0)
            paths.push_back(splitDots(f.substr(prefix.size())));
    }
    if (paths.empty())
        return exclude ? app : json::object();
    if (exclude) {
        json out = app;
        for (const auto &p : paths)
            erasePath(out, p, 0);
        return out;
    }
    json out = json::object();
    for (const auto &p : paths)
        copyPath(app, out, p, 0);
    return out;
}

int healthRank(const std::string &h)
{
    static const std::vector<std::string> order{"Healthy", "Suspended", "Progressing",
                                                "Missing", "Degraded",  "Unknown"};
    auto it = std::find(order.begin(), order.end(), h);
    return it == order.end() ? 0 : static_cast<int>(it - order.begin());
}

// Argo CD's built-in Rollout health (resource_customizations/argoproj.io/Rollout/health.lua rules).
json rolloutHealth(const json &ro)
{
    const json st = ro.value("status", json::object());
    const int64_t generation = ro["metadata"].value("generation", int64_t(0));
    const std::string observed = st.contains("observedGeneration") && st["observedGeneration"].is_string()
                                     ? st["observedGeneration"].get<std::string>()
                                     : std::string();
    bool numeric = !observed.empty() && std::all_of(observed.begin(), observed.end(),
                                                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    if (numeric && std::stoll(observed) < generation)
        return json{{"status", "Progressing"}, {"message", "Waiting for rollout spec update to be observed"}};
    const std::string phase = st.value("phase", std::string());
    if (!phase.empty()) {
        json h{{"status", phase == "Paused" ? "Suspended" : phase}};
        const std::string msg = st.value("message", std::string());
        if (!msg.empty())
            h["message"] = msg;
        return h;
    }
    return json{{"status", "Progressing"}, {"message", "Waiting for rollout to finish"}};
}

json analysisRunHealth(const json &run)
{
    const std::string phase = run.value("status", json::object()).value("phase", std::string());
    json h;
    if (phase == "Successful")
        h = json{{"status", "Healthy"}};
    else if (phase == "Failed" || phase == "Error")
        h = json{{"status", "Degraded"}};
    else if (phase == "Inconclusive")
        h = json{{"status", "Unknown"}};
    else
        h = json{{"status", "Progressing"}};
    const std::string msg = run.value("status", json::object()).value("message", std::string());
    if (!msg.empty())
        h["message"] = msg;
    return h;
}

json podHealth(const json &pod)
{
    const json st = pod.value("status", json::object());
    for (const json &cs : st.value("containerStatuses", json::array())) {
        const std::string reason =
            cs.value("state", json::object()).value("waiting", json::object()).value("reason", std::string());
        if (reason == "ImagePullBackOff" || reason == "ErrImagePull" || reason == "CrashLoopBackOff")
            return json{{"status", "Degraded"}, {"message", cs["state"]["waiting"].value("message", reason)}};
    }
    if (st.value("phase", std::string()) == "Running") {
        for (const json &c : st.value("conditions", json::array()))
            if (c.value("type", std::string()) == "Ready" && c.value("status", std::string()) == "True")
                return json{{"status", "Healthy"}};
    }
    return json{{"status", "Progressing"}};
}

json replicaSetHealth(const json &rs)
{
    const int64_t want = rs["spec"].value("replicas", int64_t(0));
    const int64_t available = rs.value("status", json::object()).value("availableReplicas", int64_t(0));
    if (available < want)
        return json{{"status", "Progressing"},
                    {"message", "Waiting for rollout to finish: " + std::to_string(available) + " of " +
                                    std::to_string(want) + " updated replicas are available..."}};
    return json{{"status", "Healthy"}};
}

struct Kind
{
    const Gvr *gvr;
    const char *kind;
};

const std::vector<Kind> &topLevelKinds()
{
    static const std::vector<Kind> k{{&kServices, "Service"},
                                     {&kAnalysisTemplates, "AnalysisTemplate"},
                                     {&kRollouts, "Rollout"},
                                     {&kVirtualServices, "VirtualService"},
                                     {&kDestinationRules, "DestinationRule"}};
    return k;
}

const Gvr *gvrFor(const std::string &group, const std::string &kind)
{
    static const std::vector<std::pair<std::pair<std::string, std::string>, const Gvr *>> table{
        {{"argoproj.io", "Rollout"}, &kRollouts},
        {{"argoproj.io", "AnalysisRun"}, &kAnalysisRuns},
        {{"argoproj.io", "AnalysisTemplate"}, &kAnalysisTemplates},
        {{"argoproj.io", "Experiment"}, &kExperiments},
        {{"apps", "ReplicaSet"}, &kReplicaSets},
        {{"apps", "Deployment"}, &kDeployments},
        {{"", "Pod"}, &kPods},
        {{"", "Service"}, &kServices},
        {{"networking.istio.io", "VirtualService"}, &kVirtualServices},
        {{"networking.istio.io", "DestinationRule"}, &kDestinationRules}};
    for (const auto &[k, g] : table)
        if (k.first == group && k.second == kind)
            return g;
    return nullptr;
}

std::string jsonBodyString(const std::string &body)
{
    // The deprecated v1 action endpoint and the resource patch take a JSON string literal.
    json parsed = json::parse(body, nullptr, false);
    if (parsed.is_string())
        return parsed.get<std::string>();
    return body;
}

} // namespace

ArgoCdApi::ArgoCdApi(Store &store, Clock &clock, uint64_t seed) : m_store(store), m_clock(clock), m_seed(seed) {}

ArgoCdApi::~ArgoCdApi()
{
    stop();
}

void ArgoCdApi::setCredentials(const std::string &user, const std::string &password)
{
    m_user = user;
    m_password = password;
}

std::string ArgoCdApi::revisionFor(const std::string &app, int n) const
{
    std::string hex;
    uint64_t a = fnv1a64(app + "#" + std::to_string(n), m_seed);
    uint64_t b = fnv1a64(std::to_string(n) + "#" + app, m_seed ^ 0x5bd1e995);
    uint64_t c = fnv1a64(app, a ^ b);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%016llx%016llx%08llx", static_cast<unsigned long long>(a),
                  static_cast<unsigned long long>(b), static_cast<unsigned long long>(c & 0xffffffffull));
    return buf;
}

void ArgoCdApi::addApplication(const AppSpec &spec)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    App app;
    app.spec = spec;
    // Timestamps are wall time (Clock): the earlier deployments are days before the wall clock's now.
    const int64_t now = toMs(m_clock.wallNow());
    // Three earlier deployments in the history (oldest first).
    for (int i = 1; i <= 3; ++i) {
        const std::string rev = revisionFor(spec.name, i);
        const int64_t at = now - static_cast<int64_t>(4 - i) * 24 * 3600 * 1000;
        app.history.push_back(json{{"id", i},
                                   {"revision", rev},
                                   {"deployStartedAt", rfc3339FromMs(at - 40000)},
                                   {"deployedAt", rfc3339FromMs(at)},
                                   {"source", {{"repoURL", kRepo}, {"path", spec.path}, {"targetRevision", "main"}}},
                                   {"initiatedBy", {{"automated", spec.autoSync}}}});
        app.revision = rev;
    }
    app.operationState = json{{"phase", "Succeeded"},
                              {"message", "successfully synced (all tasks run)"},
                              {"startedAt", app.history.back()["deployStartedAt"]},
                              {"finishedAt", app.history.back()["deployedAt"]},
                              {"operation",
                               {{"sync", {{"revision", app.revision}, {"syncStrategy", {{"hook", json::object()}}}}},
                                {"initiatedBy", {{"automated", spec.autoSync}}},
                                {"retry", {{"limit", 5}}}}},
                              {"syncResult", {{"revision", app.revision}, {"source", app.history.back()["source"]}}}};
    m_apps[spec.name] = std::move(app);
}

json ArgoCdApi::application(const std::string &name)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    refreshLocked(toMs(m_clock.now()));
    auto it = m_apps.find(name);
    return it == m_apps.end() ? json() : it->second.object;
}

json ArgoCdApi::resourcesFor(const App &app, std::vector<std::string> *images, std::string *health) const
{
    json out = json::array();
    *health = "Healthy";
    if (!app.spec.children.empty()) {
        for (const std::string &child : app.spec.children) {
            json r{{"group", "argoproj.io"}, {"version", "v1alpha1"}, {"kind", "Application"},
                   {"namespace", "argocd"},  {"name", child},         {"status", "Synced"}};
            auto it = m_apps.find(child);
            if (it != m_apps.end() && it->second.object.contains("status")) {
                const json h = it->second.object["status"].value("health", json::object());
                if (!h.empty())
                    r["health"] = json{{"status", h.value("status", std::string("Healthy"))}};
            }
            out.push_back(r);
        }
        return out;
    }
    const std::string ns = app.spec.destinationNamespace;
    for (const Kind &k : topLevelKinds()) {
        for (const ObjectPtr &p : m_store.list(*k.gvr, ns).items) {
            const json &o = *p;
            json r{{"group", k.gvr->group},
                   {"version", k.gvr->version},
                   {"kind", k.kind},
                   {"namespace", ns},
                   {"name", o["metadata"].value("name", std::string())},
                   {"status", "Synced"}};
            if (r["group"] == "")
                r.erase("group");
            json h;
            if (std::string(k.kind) == "Rollout") {
                h = rolloutHealth(o);
                for (const json &c : o["spec"]["template"]["spec"].value("containers", json::array()))
                    images->push_back(c.value("image", std::string()));
            } else if (std::string(k.kind) == "Service") {
                h = json{{"status", "Healthy"}};
            }
            if (!h.is_null()) {
                r["health"] = h;
                if (healthRank(h.value("status", std::string())) > healthRank(*health))
                    *health = h.value("status", std::string());
            }
            out.push_back(r);
        }
    }
    // Images of every ReplicaSet that runs pods.
    for (const ObjectPtr &p : m_store.list(kReplicaSets, ns).items)
        if ((*p)["spec"].value("replicas", int64_t(0)) > 0)
            for (const json &c : (*p)["spec"]["template"]["spec"].value("containers", json::array()))
                images->push_back(c.value("image", std::string()));
    return out;
}

json ArgoCdApi::renderLocked(App &app, int64_t nowMs)
{
    std::vector<std::string> images;
    std::string health;
    json resources = resourcesFor(app, &images, &health);
    std::sort(images.begin(), images.end());
    images.erase(std::unique(images.begin(), images.end()), images.end());
    const std::string created = rfc3339FromMs(m_clock.timeMap().toWallMs(nowMs) - 30LL * 24 * 3600 * 1000);
    json meta{{"name", app.spec.name},
              {"namespace", "argocd"},
              {"uid", "app-" + safeEncode(fnv1a64(app.spec.name, m_seed), 12)},
              {"generation", 1},
              {"creationTimestamp",
               app.object.is_object() ? app.object["metadata"].value("creationTimestamp", created) : created},
              {"finalizers", json::array({"resources-finalizer.argocd.argoproj.io"})}};
    if (!app.spec.labels.empty())
        meta["labels"] = app.spec.labels;
    json spec{
        {"project", app.spec.project},
        {"source", {{"repoURL", kRepo}, {"targetRevision", "main"}, {"path", app.spec.path}}},
        {"destination", {{"server", "https://kubernetes.default.svc"}, {"namespace", app.spec.destinationNamespace}}},
        {"revisionHistoryLimit", 10}};
    if (app.spec.autoSync)
        spec["syncPolicy"] =
            json{{"automated", {{"prune", true}, {"selfHeal", true}}},
                 {"syncOptions", json::array({"CreateNamespace=true", "PruneLast=true"})},
                 {"retry", {{"limit", 5}, {"backoff", {{"duration", "5s"}, {"factor", 2}, {"maxDuration", "3m"}}}}}};
    else
        spec["syncPolicy"] = json{{"syncOptions", json::array({"CreateNamespace=true"})}};
    json status{{"sync",
                 {{"status", "Synced"},
                  {"revision", app.revision},
                  {"comparedTo", {{"source", spec["source"]}, {"destination", spec["destination"]}}}}},
                {"health", {{"status", health}}},
                {"history", app.history},
                {"resources", resources},
                {"summary", {{"images", images}}},
                {"sourceType", "Kustomize"},
                {"controllerNamespace", "argocd"}};
    if (!app.spec.children.empty())
        status["summary"] = json{{"isAppOfApps", true}};
    if (!app.operationState.is_null())
        status["operationState"] = app.operationState;
    json obj{{"metadata", meta}, {"spec", spec}, {"status", status}};
    if (!app.operation.is_null())
        obj["operation"] = app.operation;
    return obj;
}

bool ArgoCdApi::refreshLocked(int64_t nowMs)
{
    bool any = false;
    // Operations finish after a few simulated seconds.
    for (auto &[name, app] : m_apps) {
        if (app.operationState.value("phase", std::string()) == "Terminating") {
            app.operationState["phase"] = "Failed";
            app.operationState["message"] = "Operation terminated";
            app.operationState["finishedAt"] = m_clock.timeMap().stamp(nowMs);
            app.operation = json();
        } else if (app.operationState.value("phase", std::string()) == "Running" && nowMs >= app.operationDoneMs) {
            const std::string rev = app.operationState["operation"]["sync"].value("revision", app.revision);
            app.revision = rev;
            app.operationState["phase"] = "Succeeded";
            app.operationState["message"] = "successfully synced (all tasks run)";
            app.operationState["finishedAt"] = m_clock.timeMap().stamp(nowMs);
            app.operationState["syncResult"] =
                json{{"revision", rev},
                     {"source", {{"repoURL", kRepo}, {"path", app.spec.path}, {"targetRevision", "main"}}}};
            const int64_t nextId = app.history.empty() ? 1 : app.history.back().value("id", int64_t(0)) + 1;
            app.history.push_back(
                json{{"id", nextId},
                     {"revision", rev},
                     {"deployStartedAt", app.operationState["startedAt"]},
                     {"deployedAt", m_clock.timeMap().stamp(nowMs)},
                     {"source", app.operationState["syncResult"]["source"]},
                     {"initiatedBy", app.operationState["operation"].value("initiatedBy", json::object())}});
            while (app.history.size() > 10)
                app.history.erase(app.history.begin());
            app.operation = json();
        }
    }
    // Children first so the app-of-apps sees their health.
    for (int pass = 0; pass < 2; ++pass) {
        for (auto &[name, app] : m_apps) {
            if ((pass == 0) != app.spec.children.empty())
                continue;
            json fresh = renderLocked(app, nowMs);
            json previous = app.object;
            if (previous.is_object()) {
                previous["metadata"].erase("resourceVersion");
                previous["status"].erase("reconciledAt");
            }
            if (fresh != previous) {
                fresh["metadata"]["resourceVersion"] = std::to_string(++m_resourceVersion);
                fresh["status"]["reconciledAt"] = m_clock.timeMap().stamp(nowMs);
                app.object = fresh;
                any = true;
            }
        }
    }
    if (any)
        m_changed.notify_all();
    return any;
}

void ArgoCdApi::start()
{
    if (m_running.exchange(true))
        return;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        refreshLocked(toMs(m_clock.now()));
    }
    m_thread = std::thread([this] { refreshLoop(); });
}

void ArgoCdApi::stop()
{
    if (!m_running.exchange(false))
        return;
    m_changed.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void ArgoCdApi::refreshLoop()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    while (m_running) {
        m_changed.wait_for(lock, std::chrono::milliseconds(150));
        if (!m_running)
            break;
        const uint64_t rv = m_store.resourceVersion();
        bool pendingOp = false;
        for (const auto &[n, a] : m_apps) {
            const std::string phase = a.operationState.value("phase", std::string());
            pendingOp = pendingOp || phase == "Running" || phase == "Terminating";
        }
        if (rv != m_lastStoreVersion || pendingOp) {
            m_lastStoreVersion = rv;
            refreshLocked(toMs(m_clock.now()));
        }
    }
}

void ArgoCdApi::startOperationLocked(App &app, const std::string &revision, const json &syncOp,
                                     const std::string &initiator, int64_t nowMs)
{
    json op{{"sync", syncOp}, {"initiatedBy", {{"username", initiator}}}, {"retry", json::object()}};
    op["sync"]["revision"] = revision;
    app.operation = op;
    app.operationState = json{{"phase", "Running"},
                              {"message", "one or more tasks are running"},
                              {"startedAt", m_clock.timeMap().stamp(nowMs)},
                              {"operation", op}};
    app.operationDoneMs = nowMs + 3000;
    refreshLocked(nowMs);
}

bool ArgoCdApi::contentTypeOk(const httplib::Request &req, httplib::Response &res) const
{
    if (req.method == "GET" || req.method == "HEAD" || req.method == "OPTIONS")
        return true;
    std::string ct = req.get_header_value("Content-Type");
    ct = ct.substr(0, ct.find(';'));
    while (!ct.empty() && ct.back() == ' ')
        ct.pop_back();
    if (ct == "application/json")
        return true;
    res.status = 415;
    res.set_content("Invalid content type\n", "text/plain; charset=utf-8");
    return false;
}

bool ArgoCdApi::authorized(const httplib::Request &req, httplib::Response &res) const
{
    std::string token;
    const std::string auth = req.get_header_value("Authorization");
    if (auth.rfind("Bearer ", 0) == 0)
        token = auth.substr(7);
    if (token.empty()) {
        const std::string cookies = req.get_header_value("Cookie");
        const auto pos = cookies.find("argocd.token=");
        if (pos != std::string::npos) {
            token = cookies.substr(pos + 13);
            token = token.substr(0, token.find(';'));
        }
    }
    if (token.empty()) {
        sendError(res, 401, 16, "no session information");
        return false;
    }
    if (token != m_token) {
        sendError(res, 401, 16, "invalid session: token signature is invalid");
        return false;
    }
    return true;
}

ArgoCdApi::App *ArgoCdApi::findApp(const httplib::Request &req, httplib::Response &res, const std::string &name)
{
    auto it = m_apps.find(name);
    const std::string project = req.get_param_value("project");
    if (it == m_apps.end() || (!project.empty() && it->second.spec.project != project)) {
        if (project.empty())
            sendError(res, 403, 7, "permission denied");
        else
            sendError(res, 404, 5, "applications.argoproj.io \"" + name + "\" not found");
        return nullptr;
    }
    return &it->second;
}

void ArgoCdApi::handleList(const httplib::Request &req, httplib::Response &res)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    refreshLocked(toMs(m_clock.now()));
    std::vector<std::string> projects;
    for (size_t i = 0; i < req.get_param_value_count("projects"); ++i)
        projects.push_back(req.get_param_value("projects", i));
    for (size_t i = 0; i < req.get_param_value_count("project"); ++i)
        projects.push_back(req.get_param_value("project", i));
    const std::string nameFilter = req.get_param_value("name");
    const std::string selector = req.get_param_value("selector");
    const std::string fields = req.get_param_value("fields");
    json items = json::array();
    for (auto &[name, app] : m_apps) {
        if (!nameFilter.empty() && name != nameFilter)
            continue;
        if (!projects.empty() && std::find(projects.begin(), projects.end(), app.spec.project) == projects.end())
            continue;
        if (!selector.empty()) {
            bool ok = true;
            for (const std::string &term : splitFields(selector)) {
                const auto eq = term.find('=');
                if (eq == std::string::npos)
                    continue;
                const bool neg = eq > 0 && term[eq - 1] == '!';
                const std::string key = term.substr(0, neg ? eq - 1 : eq);
                const std::string value = term.substr(term[eq + 1] == '=' ? eq + 2 : eq + 1);
                auto l = app.spec.labels.find(key);
                const bool match = l != app.spec.labels.end() && l->second == value;
                ok = ok && (neg ? !match : match);
            }
            if (!ok)
                continue;
        }
        items.push_back(projectApp(app.object, fields, "items."));
    }
    sendJson(res, json{{"metadata", {{"resourceVersion", std::to_string(m_resourceVersion)}}}, {"items", items}});
}

void ArgoCdApi::handleStream(const httplib::Request &req, httplib::Response &res)
{
    const bool sse = req.get_header_value("Accept").find("text/event-stream") != std::string::npos;
    const std::string nameFilter = req.get_param_value("name");
    const std::string rvParam = req.get_param_value("resourceVersion");
    const std::string fields = req.get_param_value("fields");
    std::vector<std::string> projects;
    for (size_t i = 0; i < req.get_param_value_count("projects"); ++i)
        projects.push_back(req.get_param_value("projects", i));
    const uint64_t fromRv = rvParam.empty() ? 0 : std::strtoull(rvParam.c_str(), nullptr, 10);
    struct StreamState
    {
        std::map<std::string, std::string> lastSent; // dedupe by app name
        std::map<std::string, uint64_t> seenVersion; // app name -> resourceVersion sent
        bool initialDone = false;
        std::chrono::steady_clock::time_point lastWrite = std::chrono::steady_clock::now();
    };
    auto state = std::make_shared<StreamState>();
    res.status = 200;
    res.set_header("Cache-Control", "no-cache");
    // Our own chunk framing rather than httplib's chunked provider, which would gzip the JSON
    // lines for clients that accept it and hold small events back in the compressor.
    res.set_header("Transfer-Encoding", "chunked");
    res.set_content_provider(sse ? "text/event-stream" : "application/json", [this, sse, nameFilter, fromRv, fields,
                                                                              projects,
                                                                              state](size_t, httplib::DataSink &sink) {
        std::vector<std::string> frames;
        auto emit = [&](const std::string &type, const json &app) {
            const std::string name = app["metadata"].value("name", std::string());
            json event =
                json{{"result", {{"type", type}, {"application", projectApp(app, fields, "result.application.")}}}};
            if (!fields.empty() && fields.find("result.type") == std::string::npos)
                event["result"].erase("type");
            const std::string payload = event.dump();
            auto &last = state->lastSent[name];
            if (last == payload)
                return true;
            last = payload;
            frames.push_back(sse ? "data: " + payload + "\n\n\n" : payload + "\n");
            state->lastWrite = std::chrono::steady_clock::now();
            return true;
        };
        auto flush = [&] {
            for (const std::string &f : frames) {
                char header[20];
                std::snprintf(header, sizeof header, "%zx\r\n", f.size());
                const std::string chunk = header + f + "\r\n";
                if (!sink.write(chunk.data(), chunk.size()))
                    return false;
            }
            frames.clear();
            return true;
        };
        auto wanted = [&](const App &app) {
            if (!nameFilter.empty() && app.spec.name != nameFilter)
                return false;
            return projects.empty() || std::find(projects.begin(), projects.end(), app.spec.project) != projects.end();
        };
        std::unique_lock<std::mutex> lock(m_mutex);
        if (!state->initialDone) {
            state->initialDone = true;
            for (auto &[name, app] : m_apps) {
                if (!wanted(app))
                    continue;
                const uint64_t rv = std::stoull(app.object["metadata"].value("resourceVersion", std::string("0")));
                state->seenVersion[name] = rv;
                if (fromRv == 0 || !nameFilter.empty()) {
                    emit("ADDED", app.object);
                } else if (rv > fromRv) {
                    emit("MODIFIED", app.object);
                }
            }
            lock.unlock();
            return flush();
        }
        m_changed.wait_for(lock, std::chrono::milliseconds(500));
        if (!m_running) {
            lock.unlock();
            static const std::string terminator = "0\r\n\r\n";
            sink.write(terminator.data(), terminator.size());
            sink.done();
            return true;
        }
        for (auto &[name, app] : m_apps) {
            if (!wanted(app))
                continue;
            const uint64_t rv = std::stoull(app.object["metadata"].value("resourceVersion", std::string("0")));
            if (rv <= state->seenVersion[name])
                continue;
            state->seenVersion[name] = rv;
            emit("MODIFIED", app.object);
        }
        if (sse && std::chrono::steady_clock::now() - state->lastWrite > std::chrono::seconds(15)) {
            state->lastWrite = std::chrono::steady_clock::now();
            frames.push_back(":\n");
        }
        lock.unlock();
        if (!flush())
            return false;
        return sink.is_writable();
    });
}

json ArgoCdApi::resourceTree(const App &app) const
{
    json nodes = json::array();
    const std::string ns = app.spec.destinationNamespace;
    auto node = [&](const json &obj, const char *group, const char *version, const char *kind) {
        const json &meta = obj["metadata"];
        json n{{"group", group},
               {"version", version},
               {"kind", kind},
               {"namespace", meta.value("namespace", ns)},
               {"name", meta.value("name", std::string())},
               {"uid", meta.value("uid", std::string())},
               {"resourceVersion", meta.value("resourceVersion", std::string())},
               {"createdAt", meta.value("creationTimestamp", std::string())}};
        if (std::string(group).empty())
            n.erase("group");
        return n;
    };
    auto parentRef = [&](const json &obj, const char *group, const char *version, const char *kind) {
        json p{{"group", group},
               {"version", version},
               {"kind", kind},
               {"namespace", obj["metadata"].value("namespace", ns)},
               {"name", obj["metadata"].value("name", std::string())},
               {"uid", obj["metadata"].value("uid", std::string())}};
        return p;
    };
    std::map<std::string, json> rollouts, replicaSets;
    for (const ObjectPtr &p : m_store.list(kRollouts, ns).items) {
        json n = node(*p, "argoproj.io", "v1alpha1", "Rollout");
        n["health"] = rolloutHealth(*p);
        const std::string rev =
            (*p)["metadata"].value("annotations", json::object()).value("rollout.argoproj.io/revision", std::string());
        if (!rev.empty())
            n["info"] = json::array({json{{"name", "Revision"}, {"value", "Rev:" + rev}}});
        nodes.push_back(n);
        rollouts[(*p)["metadata"].value("uid", std::string())] = *p;
    }
    auto parentOf = [](const json &obj) {
        for (const json &ref : obj["metadata"].value("ownerReferences", json::array()))
            if (ref.value("controller", false))
                return ref.value("uid", std::string());
        return std::string();
    };
    for (const ObjectPtr &p : m_store.list(kReplicaSets, ns).items) {
        auto owner = rollouts.find(parentOf(*p));
        if (owner == rollouts.end())
            continue;
        json n = node(*p, "apps", "v1", "ReplicaSet");
        n["parentRefs"] = json::array({parentRef(owner->second, "argoproj.io", "v1alpha1", "Rollout")});
        n["health"] = replicaSetHealth(*p);
        const std::string rev =
            (*p)["metadata"].value("annotations", json::object()).value("rollout.argoproj.io/revision", std::string());
        if (!rev.empty())
            n["info"] = json::array({json{{"name", "Revision"}, {"value", "Rev:" + rev}}});
        nodes.push_back(n);
        replicaSets[(*p)["metadata"].value("uid", std::string())] = *p;
    }
    for (const ObjectPtr &p : m_store.list(kPods, ns).items) {
        auto owner = replicaSets.find(parentOf(*p));
        if (owner == replicaSets.end())
            continue;
        json n = node(*p, "", "v1", "Pod");
        n["parentRefs"] = json::array({parentRef(owner->second, "apps", "v1", "ReplicaSet")});
        const json health = podHealth(*p);
        n["health"] = health;
        const json st = (*p).value("status", json::object());
        int ready = 0, total = 0, restarts = 0;
        std::string reason = st.value("phase", std::string("Pending"));
        json images = json::array();
        for (const json &cs : st.value("containerStatuses", json::array())) {
            ++total;
            ready += cs.value("ready", false) ? 1 : 0;
            restarts += cs.value("restartCount", 0);
            const std::string waiting =
                cs.value("state", json::object()).value("waiting", json::object()).value("reason", std::string());
            if (!waiting.empty())
                reason = waiting;
        }
        for (const json &c : (*p)["spec"].value("containers", json::array()))
            images.push_back(c.value("image", std::string()));
        if (total == 0)
            total = static_cast<int>(images.size());
        n["images"] = images;
        n["info"] =
            json::array({json{{"name", "Status Reason"}, {"value", reason}},
                         json{{"name", "Node"}, {"value", (*p)["spec"].value("nodeName", std::string())}},
                         json{{"name", "Containers"}, {"value", std::to_string(ready) + "/" + std::to_string(total)}}});
        if (restarts > 0)
            n["info"].push_back(json{{"name", "Restart Count"}, {"value", std::to_string(restarts)}});
        nodes.push_back(n);
    }
    for (const ObjectPtr &p : m_store.list(kAnalysisRuns, ns).items) {
        auto owner = rollouts.find(parentOf(*p));
        if (owner == rollouts.end())
            continue;
        json n = node(*p, "argoproj.io", "v1alpha1", "AnalysisRun");
        n["parentRefs"] = json::array({parentRef(owner->second, "argoproj.io", "v1alpha1", "Rollout")});
        n["health"] = analysisRunHealth(*p);
        nodes.push_back(n);
    }
    for (const ObjectPtr &p : m_store.list(kServices, ns).items) {
        json n = node(*p, "", "v1", "Service");
        n["health"] = json{{"status", "Healthy"}};
        n["networkingInfo"] = json{{"targetLabels", (*p)["spec"].value("selector", json::object())}};
        nodes.push_back(n);
    }
    for (const ObjectPtr &p : m_store.list(kVirtualServices, ns).items) {
        json n = node(*p, "networking.istio.io", "v1beta1", "VirtualService");
        json targets = json::array();
        std::set<std::string> seen;
        for (const json &route : (*p)["spec"].value("http", json::array()))
            for (const json &d : route.value("route", json::array())) {
                const std::string host = d.value("destination", json::object()).value("host", std::string());
                if (!host.empty() && seen.insert(host).second)
                    targets.push_back(
                        json{{"kind", "Service"}, {"name", host.substr(0, host.find('.'))}, {"namespace", ns}});
            }
        n["networkingInfo"] = json{{"targetRefs", targets}};
        nodes.push_back(n);
    }
    for (const ObjectPtr &p : m_store.list(kDestinationRules, ns).items)
        nodes.push_back(node(*p, "networking.istio.io", "v1beta1", "DestinationRule"));
    for (const ObjectPtr &p : m_store.list(kAnalysisTemplates, ns).items)
        nodes.push_back(node(*p, "argoproj.io", "v1alpha1", "AnalysisTemplate"));
    return json{{"nodes", nodes},
                {"hosts", json::array({json{{"name", "sim-node-1"}}, json{{"name", "sim-node-2"}},
                                       json{{"name", "sim-node-3"}}})}};
}

void ArgoCdApi::handleActions(const httplib::Request &req, httplib::Response &res, const std::string &appName)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    App *app = findApp(req, res, appName);
    if (!app)
        return;
    const std::string kind = req.get_param_value("kind");
    const Gvr *gvr = gvrFor(req.get_param_value("group"), kind);
    const std::string ns =
        req.has_param("namespace") ? req.get_param_value("namespace") : app->spec.destinationNamespace;
    Outcome o = gvr ? m_store.get(*gvr, ns, req.get_param_value("resourceName")) : Outcome{};
    if (!o.object) {
        sendError(res, 404, 5, "resource not found: " + kind + " " + ns + "/" + req.get_param_value("resourceName"));
        return;
    }
    sendJson(res, json{{"actions", argocd::discoverActions(kind, *o.object)}});
}

void ArgoCdApi::handleRunAction(const httplib::Request &req, httplib::Response &res, const std::string &appName,
                                bool v2)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    App *app = findApp(req, res, appName);
    if (!app)
        return;
    std::string kind, group, ns, name, action;
    if (v2) {
        json body = json::parse(req.body, nullptr, false);
        if (!body.is_object()) {
            sendError(res, 400, 3, "invalid request body");
            return;
        }
        kind = body.value("kind", std::string());
        group = body.value("group", std::string());
        ns = body.value("namespace", app->spec.destinationNamespace);
        name = body.value("resourceName", std::string());
        action = body.value("action", std::string());
    } else {
        kind = req.get_param_value("kind");
        group = req.get_param_value("group");
        ns = req.has_param("namespace") ? req.get_param_value("namespace") : app->spec.destinationNamespace;
        name = req.get_param_value("resourceName");
        action = jsonBodyString(req.body);
    }
    const Gvr *gvr = gvrFor(group, kind);
    Outcome o = gvr ? m_store.get(*gvr, ns, name) : Outcome{};
    if (!o.object) {
        sendError(res, 404, 5, "resource not found: " + kind + " " + ns + "/" + name);
        return;
    }
    bool offered = false;
    for (const json &a : argocd::discoverActions(kind, *o.object))
        offered = offered || a.value("name", std::string()) == action;
    std::string error;
    std::optional<json> next =
        offered ? argocd::runAction(kind, *o.object, action, m_clock.nowRfc3339(), &error) : std::nullopt;
    if (!next) {
        sendError(res, 400, 3, error.empty() ? "action not found: " + action : error);
        return;
    }
    // Status first (the /status subresource), then the rest.
    const json before = *o.object;
    if (next->value("status", json()) != before.value("status", json())) {
        Outcome w = m_store.mutate(
            *gvr, ns, name,
            [&](json &obj) {
                obj["status"] = (*next)["status"];
                return true;
            },
            WriteScope::All);
        if (w.error) {
            sendError(res, w.error->code == 409 ? 409 : 500, w.error->code == 409 ? 10 : 13, w.error->message);
            return;
        }
    }
    if (next->value("spec", json()) != before.value("spec", json())) {
        Outcome w = m_store.mutate(
            *gvr, ns, name,
            [&](json &obj) {
                obj["spec"] = (*next)["spec"];
                return true;
            },
            WriteScope::All);
        if (w.error) {
            sendError(res, 500, 13, w.error->message);
            return;
        }
    }
    sendJson(res, json::object());
}

void ArgoCdApi::handleResource(const httplib::Request &req, httplib::Response &res, const std::string &appName)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    App *app = findApp(req, res, appName);
    if (!app)
        return;
    const std::string kind = req.get_param_value("kind");
    const Gvr *gvr = gvrFor(req.get_param_value("group"), kind);
    const std::string ns =
        req.has_param("namespace") ? req.get_param_value("namespace") : app->spec.destinationNamespace;
    const std::string name = req.get_param_value("resourceName");
    if (!gvr) {
        sendError(res, 404, 5, "resource not found: " + kind);
        return;
    }
    if (req.method == "GET") {
        Outcome o = m_store.get(*gvr, ns, name);
        if (!o.object) {
            sendError(res, 404, 5, kind + " \"" + name + "\" not found");
            return;
        }
        sendJson(res, json{{"manifest", o.object->dump()}});
        return;
    }
    const std::string patchType = req.get_param_value("patchType");
    json patch = json::parse(jsonBodyString(req.body), nullptr, false);
    if (patch.is_discarded()) {
        sendError(res, 400, 3, "invalid patch");
        return;
    }
    Outcome o = patchType == "application/json-patch+json" ? m_store.jsonPatch(*gvr, ns, name, patch)
                                                           : m_store.mergePatch(*gvr, ns, name, patch);
    if (o.error) {
        const int code = o.error->code;
        sendError(res, code, code == 404 ? 5 : code == 409 ? 10 : code == 422 ? 3 : 13, o.error->message);
        return;
    }
    sendJson(res, json{{"manifest", o.object->dump()}});
}

void ArgoCdApi::registerRoutes(httplib::Server &server)
{
    // The Content-Type rule and authentication run before every /api/ handler.
    auto guard = [this](const httplib::Request &req, httplib::Response &res, bool needsAuth) {
        if (!contentTypeOk(req, res))
            return false;
        return !needsAuth || authorized(req, res);
    };
    server.Post("/api/v1/session", [this, guard](const httplib::Request &req, httplib::Response &res) {
        if (!guard(req, res, false))
            return;
        json body = json::parse(req.body, nullptr, false);
        if (!body.is_object()) {
            sendError(res, 400, 3, "invalid request body");
            return;
        }
        if (body.contains("token")) {
            sendError(res, 401, 16,
                      "token-based session creation no longer supported. please upgrade argocd cli to v0.7+");
            return;
        }
        const std::string user = body.value("username", std::string());
        const std::string password = body.value("password", std::string());
        if (user.empty() || password.empty()) {
            sendError(res, 401, 16, "no credentials supplied");
            return;
        }
        if (user != m_user || password != m_password) {
            sendError(res, 401, 16, "Invalid username or password");
            return;
        }
        res.set_header("Set-Cookie", "argocd.token=" + m_token + "; path=/; SameSite=lax; httpOnly");
        sendJson(res, json{{"token", m_token}});
    });
    server.Get("/api/v1/session/userinfo", [this](const httplib::Request &req, httplib::Response &res) {
        std::string token;
        const std::string auth = req.get_header_value("Authorization");
        if (auth.rfind("Bearer ", 0) == 0)
            token = auth.substr(7);
        if (token == m_token)
            sendJson(res, json{{"loggedIn", true}, {"username", m_user}, {"iss", "argocd"}});
        else
            sendJson(res, json{{"loggedIn", false}});
    });
    server.Delete("/api/v1/session", [guard](const httplib::Request &req, httplib::Response &res) {
        if (!guard(req, res, true))
            return;
        res.set_header("Set-Cookie", "argocd.token=; path=/; Max-Age=0");
        sendJson(res, json::object());
    });
    server.Get("/api/v1/applications", [this, guard](const httplib::Request &req, httplib::Response &res) {
        if (guard(req, res, true))
            handleList(req, res);
    });
    server.Get("/api/v1/stream/applications", [this, guard](const httplib::Request &req, httplib::Response &res) {
        if (guard(req, res, true))
            handleStream(req, res);
    });
    server.Get("/api/v1/applications/([^/]+)", [this, guard](const httplib::Request &req, httplib::Response &res) {
        if (!guard(req, res, true))
            return;
        std::lock_guard<std::mutex> lock(m_mutex);
        refreshLocked(toMs(m_clock.now()));
        if (App *app = findApp(req, res, req.matches[1]))
            sendJson(res, app->object);
    });
    server.Get("/api/v1/applications/([^/]+)/resource-tree",
               [this, guard](const httplib::Request &req, httplib::Response &res) {
                   if (!guard(req, res, true))
                       return;
                   std::lock_guard<std::mutex> lock(m_mutex);
                   if (App *app = findApp(req, res, req.matches[1]))
                       sendJson(res, resourceTree(*app));
               });
    server.Post("/api/v1/applications/([^/]+)/sync",
                [this, guard](const httplib::Request &req, httplib::Response &res) {
                    if (!guard(req, res, true))
                        return;
                    std::lock_guard<std::mutex> lock(m_mutex);
                    App *app = findApp(req, res, req.matches[1]);
                    if (!app)
                        return;
                    json body = json::parse(req.body.empty() ? "{}" : req.body, nullptr, false);
                    if (!body.is_object()) {
                        sendError(res, 400, 3, "invalid request body");
                        return;
                    }
                    if (app->operationState.value("phase", std::string()) == "Running") {
                        sendError(res, 400, 9, "another operation is already in progress");
                        return;
                    }
                    json syncOp{{"prune", body.value("prune", false)}, {"dryRun", body.value("dryRun", false)}};
                    if (body.contains("strategy"))
                        syncOp["syncStrategy"] = body["strategy"];
                    if (body.contains("resources"))
                        syncOp["resources"] = body["resources"];
                    if (body.contains("syncOptions"))
                        syncOp["syncOptions"] = body["syncOptions"];
                    const std::string rev = body.value("revision", std::string());
                    startOperationLocked(*app, rev.empty() || rev == "main" || rev == "HEAD" ? app->revision : rev,
                                         syncOp, m_user, toMs(m_clock.now()));
                    if (body.contains("infos"))
                        app->operationState["operation"]["info"] = body["infos"];
                    sendJson(res, app->object);
                });
    server.Post(
        "/api/v1/applications/([^/]+)/rollback", [this, guard](const httplib::Request &req, httplib::Response &res) {
            if (!guard(req, res, true))
                return;
            std::lock_guard<std::mutex> lock(m_mutex);
            App *app = findApp(req, res, req.matches[1]);
            if (!app)
                return;
            json body = json::parse(req.body.empty() ? "{}" : req.body, nullptr, false);
            if (!body.is_object()) {
                sendError(res, 400, 3, "invalid request body");
                return;
            }
            if (app->spec.autoSync) {
                sendError(res, 400, 9, "rollback cannot be initiated when auto-sync is enabled");
                return;
            }
            if (app->operationState.value("phase", std::string()) == "Running") {
                sendError(res, 400, 9, "another operation is already in progress");
                return;
            }
            const int64_t id = body.value("id", int64_t(-1));
            const json *entry = nullptr;
            for (const json &h : app->history)
                if (h.value("id", int64_t(-2)) == id)
                    entry = &h;
            if (!entry) {
                sendError(res, 400, 3,
                          "application " + app->spec.name + " does not have deployment with id " + std::to_string(id));
                return;
            }
            startOperationLocked(*app, entry->value("revision", std::string()),
                                 json{{"prune", body.value("prune", false)},
                                      {"dryRun", body.value("dryRun", false)},
                                      {"syncStrategy", {{"apply", {{"force", false}}}}}},
                                 m_user, toMs(m_clock.now()));
            sendJson(res, app->object);
        });
    server.Delete("/api/v1/applications/([^/]+)/operation",
                  [this, guard](const httplib::Request &req, httplib::Response &res) {
                      if (!guard(req, res, true))
                          return;
                      std::lock_guard<std::mutex> lock(m_mutex);
                      App *app = findApp(req, res, req.matches[1]);
                      if (!app)
                          return;
                      if (app->operationState.value("phase", std::string()) != "Running") {
                          sendError(res, 400, 9, "Unable to terminate operation. No operation is in progress");
                          return;
                      }
                      app->operationState["phase"] = "Terminating";
                      refreshLocked(toMs(m_clock.now()));
                      sendJson(res, json::object());
                  });
    server.Get("/api/v1/applications/([^/]+)/resource/actions",
               [this, guard](const httplib::Request &req, httplib::Response &res) {
                   if (guard(req, res, true))
                       handleActions(req, res, req.matches[1]);
               });
    server.Post("/api/v1/applications/([^/]+)/resource/actions",
                [this, guard](const httplib::Request &req, httplib::Response &res) {
                    if (guard(req, res, true))
                        handleRunAction(req, res, req.matches[1], false);
                });
    server.Post("/api/v1/applications/([^/]+)/resource/actions/v2",
                [this, guard](const httplib::Request &req, httplib::Response &res) {
                    if (guard(req, res, true))
                        handleRunAction(req, res, req.matches[1], true);
                });
    server.Get("/api/v1/applications/([^/]+)/resource",
               [this, guard](const httplib::Request &req, httplib::Response &res) {
                   if (guard(req, res, true))
                       handleResource(req, res, req.matches[1]);
               });
    server.Post("/api/v1/applications/([^/]+)/resource",
                [this, guard](const httplib::Request &req, httplib::Response &res) {
                    if (guard(req, res, true))
                        handleResource(req, res, req.matches[1]);
                });
    server.Get("/api/v1/account/can-i/(.+)", [guard](const httplib::Request &req, httplib::Response &res) {
        if (guard(req, res, true))
            sendJson(res, json{{"value", "yes"}});
    });
    // Any other non-GET /api/ request still obeys the Content-Type rule first.
    server.set_pre_routing_handler([this](const httplib::Request &req, httplib::Response &res) {
        if (req.path.rfind("/api/", 0) == 0 && !contentTypeOk(req, res))
            return httplib::Server::HandlerResponse::Handled;
        return httplib::Server::HandlerResponse::Unhandled;
    });
}

} // namespace rdsim
