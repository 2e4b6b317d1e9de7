#include "ArgoCdApi.h"

#include "../Clock.h"
#include "../Store.h"
#include "../controller/Determinism.h"
#include "../controller/TimeText.h"
#include "Health.h"

#include <algorithm>
#include <cstdio>

namespace rdsim {

using argocd::healthRank;
using argocd::rolloutHealth;
using nlohmann::json;

namespace {

constexpr const char *kRepo = "https://github.com/danieleschmidt/agentic-startup-studio-boilerplate";

// The application's Git repository: the scenario's shared one by its name, else one of its own (applications
// naming one URL share its commits, as a client comparing them assumes).
std::string repoUrlOf(const ArgoCdApi::AppSpec &spec)
{
    const std::string base = "https://github.com/danieleschmidt/";
    return spec.repository.empty() ? std::string(kRepo) + "-" + spec.name : base + spec.repository;
}

int64_t toMs(Clock::TimePoint t)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
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

// A commit SHA-shaped name for commit n of a repository. FNV-1a alone leaves the high bits of names that differ
// only in their last digit nearly equal ("af70de1", "af70df1"), so each part goes through splitmix64's finalizer:
// short SHAs then look as unrelated as real ones.
std::string ArgoCdApi::revisionFor(const std::string &app, int n) const
{
    const auto mix = [](uint64_t x) {
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
        return x ^ (x >> 31);
    };
    const uint64_t a = mix(fnv1a64(app + "#" + std::to_string(n), m_seed));
    const uint64_t b = mix(fnv1a64(std::to_string(n) + "#" + app, m_seed ^ 0x5bd1e995));
    const uint64_t c = mix(fnv1a64(app, a ^ b));
    char buf[48];
    std::snprintf(buf, sizeof buf, "%016llx%016llx%08llx", static_cast<unsigned long long>(a),
                  static_cast<unsigned long long>(b), static_cast<unsigned long long>(c & 0xffffffffull));
    return buf;
}

// What the cluster runs now in the application's namespace, as the revision numbered n.
ArgoCdApi::Revision ArgoCdApi::liveRevision(const App &app, int n) const
{
    Revision r;
    r.sha = revisionFor(app.spec.repository.empty() ? app.spec.name : app.spec.repository, n);
    r.message = "Deploy " + app.spec.path;
    r.author = "ci@agentic-startup.dev";
    for (const ObjectPtr &p : m_store.list(kRollouts, app.spec.destinationNamespace).items) {
        const json &tmpl = (*p)["spec"].value("template", json::object());
        const json containers = tmpl.value("spec", json::object()).value("containers", json::array());
        json content{{"image", containers.empty() ? std::string() : containers[0].value("image", std::string())}};
        const json labels = tmpl.value("metadata", json::object()).value("labels", json::object());
        if (!labels.empty())
            content["labels"] = labels;
        r.rollouts[(*p)["metadata"].value("name", std::string())] = content;
    }
    return r;
}

void ArgoCdApi::addApplication(const AppSpec &spec)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    App app;
    app.spec = spec;
    // The repository: the scenario's earlier commits, then the one the cluster runs (at least three in all, so
    // that the history has three deployments). Timestamps are wall time (Clock), a day apart.
    const int64_t now = toMs(m_clock.wallNow());
    const Revision live = liveRevision(app, 0);
    for (const json &commit : spec.repo) {
        Revision r = live;
        r.message = commit.value("message", std::string("Update manifests"));
        r.author = commit.value("author", std::string("ci@agentic-startup.dev"));
        const json rollouts = commit.value("rollouts", json::object());
        for (const auto &[name, content] : rollouts.items())
            r.rollouts[name].update(content);
        app.repo.push_back(r);
    }
    while (app.repo.size() < 2)
        app.repo.insert(app.repo.begin(), live);
    app.repo.push_back(live);
    const bool shared = !spec.repository.empty();
    const int first = shared ? std::max(1, spec.firstCommit) : 1;
    for (size_t i = 0; i < app.repo.size(); ++i) {
        const int n = first + int(i);
        app.repo[i].sha = revisionFor(shared ? spec.repository : spec.name, n);
        // A shared history: commit n at the same time for every application (6 h apart, before now).
        app.repo[i].atWallMs = shared ? now - static_cast<int64_t>(std::max(1, 64 - n)) * 6 * 3600 * 1000
                                      : now - static_cast<int64_t>(app.repo.size() - i) * 24 * 3600 * 1000;
    }
    const std::string repoKey = shared ? spec.repository : spec.name;
    m_repoHeads[repoKey] = std::max(m_repoHeads[repoKey], first + int(app.repo.size()) - 1);
    // The last three were deployed (history ids 1-3).
    for (size_t i = app.repo.size() - 3; i < app.repo.size(); ++i) {
        const Revision &rev = app.repo[i];
        const int64_t at = rev.atWallMs + 3600 * 1000;
        app.history.push_back(
            json{{"id", int64_t(app.history.size() + 1)},
                 {"revision", rev.sha},
                 {"deployStartedAt", rfc3339FromMs(at - 40000)},
                 {"deployedAt", rfc3339FromMs(at)},
                 {"source", {{"repoURL", repoUrlOf(spec)}, {"path", spec.path}, {"targetRevision", "main"}}},
                 {"initiatedBy", {{"automated", spec.autoSync}}}});
        app.revision = rev.sha;
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

const ArgoCdApi::Revision *ArgoCdApi::findRevision(const App &app, const std::string &shaOrBranch) const
{
    if (app.repo.empty())
        return nullptr;
    if (shaOrBranch.empty() || shaOrBranch == "main" || shaOrBranch == "HEAD")
        return &app.repo.back();
    // A full SHA, or an abbreviation of at least 7 characters (as git accepts).
    for (const Revision &r : app.repo)
        if (shaOrBranch.size() >= 7 && r.sha.compare(0, shaOrBranch.size(), shaOrBranch) == 0)
            return &r;
    return nullptr;
}

// Whether a live Rollout matches what the head revision says it runs (a Rollout the repository does
// not name is not the application's concern here).
bool ArgoCdApi::rolloutInSync(const App &app, const json &rollout) const
{
    if (app.repo.empty())
        return true;
    const json &want = app.repo.back().rollouts;
    const std::string name = rollout["metadata"].value("name", std::string());
    if (!want.contains(name))
        return true;
    const json tmpl = rollout["spec"].value("template", json::object());
    const json containers = tmpl.value("spec", json::object()).value("containers", json::array());
    if (containers.empty() || containers[0].value("image", std::string()) != want[name].value("image", std::string()))
        return false;
    const json labels = tmpl.value("metadata", json::object()).value("labels", json::object());
    const json wantLabels = want[name].value("labels", json::object());
    for (const auto &[key, value] : wantLabels.items())
        if (labels.value(key, json()) != value)
            return false;
    return true;
}

// Applies a revision to the cluster as `kubectl apply` of its manifests would: each Rollout it names
// gets its image and template labels. `selected` (the sync's resources, empty for all) narrows it.
void ArgoCdApi::applyRevision(const App &app, const Revision &revision, const json &selected) const
{
    for (const auto &item : revision.rollouts.items()) {
        // Named, not a structured binding: the lambda below uses them, which clang 14 does not allow for bindings.
        const std::string &name = item.key();
        const json &content = item.value();
        bool chosen = !selected.is_array() || selected.empty();
        for (const json &r : selected.is_array() ? selected : json::array())
            chosen = chosen || (r.value("kind", std::string()) == "Rollout" && r.value("name", std::string()) == name);
        if (!chosen)
            continue;
        m_store.mutate(
            kRollouts, app.spec.destinationNamespace, name,
            [&](json &ro) {
                json &containers = ro["spec"]["template"]["spec"]["containers"];
                if (!containers.is_array() || containers.empty())
                    return false;
                const std::string image = content.value("image", std::string());
                bool changed = containers[0].value("image", std::string()) != image;
                containers[0]["image"] = image;
                const json labels = content.value("labels", json::object());
                for (const auto &[key, value] : labels.items()) {
                    changed = changed || ro["spec"]["template"]["metadata"]["labels"].value(key, json()) != value;
                    ro["spec"]["template"]["metadata"]["labels"][key] = value;
                }
                return changed;
            },
            WriteScope::Main);
    }
}

bool ArgoCdApi::deploy(const std::string &ns, const std::string &rollout, const std::string &image, const json &labels,
                       const std::string &message)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    for (auto &[name, app] : m_apps) {
        if (app.spec.destinationNamespace != ns || !app.spec.children.empty() || app.repo.empty())
            continue;
        Revision r = app.repo.back();
        const std::string repoKey = app.spec.repository.empty() ? name : app.spec.repository;
        r.sha = revisionFor(repoKey, ++m_repoHeads[repoKey]);
        r.message = message.empty() ? "Deploy " + image : message;
        r.author = "ci@agentic-startup.dev";
        r.atWallMs = toMs(m_clock.wallNow());
        r.rollouts[rollout]["image"] = image;
        for (const auto &[key, value] : labels.items())
            r.rollouts[rollout]["labels"][key] = value;
        app.repo.push_back(r);
        const int64_t now = toMs(m_clock.now());
        if (!app.spec.autoSync && app.operationState.value("phase", std::string()) != "Running")
            startOperationLocked(app, r.sha, json{{"prune", false}, {"dryRun", false}}, "ci-pipeline", now);
        refreshLocked(now); // auto-sync picks the new head up here
        return true;
    }
    return false;
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
                // The app-of-apps holds the children's manifests, which do not change: each is synced.
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
                if (!rolloutInSync(app, o))
                    r["status"] = "OutOfSync";
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

// GET .../managed-resources: per resource the live object and what Git wants, as JSON text (Argo CD's ResourceDiff).
// Git's manifest is the live object without its status and server-set metadata, with the head revision's image
// and labels for the Rollouts it names; the predicted live state is the live object with that revision applied.
json ArgoCdApi::managedResourcesFor(const App &app) const
{
    json items = json::array();
    const auto add = [&items](const std::string &group, const std::string &kind, const json &live,
                              const json &predicted) {
        json manifest = predicted;
        manifest.erase("status");
        for (const char *field : {"managedFields", "resourceVersion", "uid", "generation", "creationTimestamp"})
            manifest["metadata"].erase(field);
        items.push_back(json{{"group", group},
                             {"kind", kind},
                             {"namespace", live["metadata"].value("namespace", std::string())},
                             {"name", live["metadata"].value("name", std::string())},
                             {"liveState", live.dump()},
                             {"normalizedLiveState", live.dump()},
                             {"targetState", manifest.dump()},
                             {"predictedLiveState", predicted.dump()},
                             {"modified", live != predicted},
                             {"hook", false}});
    };
    if (!app.spec.children.empty()) {
        for (const std::string &child : app.spec.children)
            if (auto it = m_apps.find(child); it != m_apps.end() && it->second.object.is_object())
                add("argoproj.io", "Application", it->second.object, it->second.object);
        return json{{"items", items}};
    }
    const json want = app.repo.empty() ? json::object() : app.repo.back().rollouts;
    for (const Kind &k : topLevelKinds()) {
        for (const ObjectPtr &p : m_store.list(*k.gvr, app.spec.destinationNamespace).items) {
            const json &live = *p;
            json predicted = live;
            const std::string name = live["metadata"].value("name", std::string());
            if (std::string(k.kind) == "Rollout" && want.contains(name)) {
                json &containers = predicted["spec"]["template"]["spec"]["containers"];
                if (containers.is_array() && !containers.empty())
                    containers[0]["image"] = want[name].value("image", std::string());
                const json labels = want[name].value("labels", json::object());
                for (const auto &[key, value] : labels.items())
                    predicted["spec"]["template"]["metadata"]["labels"][key] = value;
            }
            add(k.gvr->group, k.kind, live, predicted);
        }
    }
    return json{{"items", items}};
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
        {"source", {{"repoURL", repoUrlOf(app.spec)}, {"targetRevision", "main"}, {"path", app.spec.path}}},
        {"destination", {{"server", "https://kubernetes.default.svc"}, {"namespace", app.spec.destinationNamespace}}},
        {"revisionHistoryLimit", 10}};
    if (app.spec.autoSync)
        spec["syncPolicy"] =
            json{{"automated", {{"prune", true}, {"selfHeal", true}}},
                 {"syncOptions", json::array({"CreateNamespace=true", "PruneLast=true"})},
                 {"retry", {{"limit", 5}, {"backoff", {{"duration", "5s"}, {"factor", 2}, {"maxDuration", "3m"}}}}}};
    else
        spec["syncPolicy"] = json{{"syncOptions", json::array({"CreateNamespace=true"})}};
    bool synced = true;
    for (const json &r : resources)
        synced = synced && r.value("status", std::string()) != "OutOfSync";
    json status{{"sync",
                 {{"status", synced ? "Synced" : "OutOfSync"},
                  // As Argo CD: the revision the live state was compared to, i.e. the tracked branch's resolved
                  // head, not the one deployed last (that is the newest history entry's).
                  {"revision", app.repo.empty() ? app.revision : app.repo.back().sha},
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
            const json &sync = app.operationState["operation"]["sync"];
            const std::string rev = sync.value("revision", app.revision);
            // As Argo CD: a dry run changes nothing, and neither it nor a sync of selected resources is a
            // deployment of the application (no history entry, the deployed revision stays).
            const bool dryRun = sync.value("dryRun", false);
            const bool partial = !sync.value("resources", json::array()).empty();
            if (!dryRun && !partial)
                app.revision = rev;
            app.operationState["phase"] = "Succeeded";
            app.operationState["message"] = "successfully synced (all tasks run)";
            app.operationState["finishedAt"] = m_clock.timeMap().stamp(nowMs);
            app.operationState["syncResult"] = json{
                {"revision", rev},
                {"source", {{"repoURL", repoUrlOf(app.spec)}, {"path", app.spec.path}, {"targetRevision", "main"}}}};
            const int64_t nextId = app.history.empty() ? 1 : app.history.back().value("id", int64_t(0)) + 1;
            if (!dryRun && !partial)
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
    for (auto &[name, app] : m_apps)
        autoSyncLocked(app, nowMs);
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
            pendingOp = pendingOp || phase == "Running" || phase == "Terminating" || a.driftSinceMs >= 0;
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
    const json initiatedBy = initiator.empty() ? json{{"automated", true}} : json{{"username", initiator}};
    json op{{"sync", syncOp}, {"initiatedBy", initiatedBy}, {"retry", json::object()}};
    op["sync"]["revision"] = revision;
    app.operation = op;
    app.operationState = json{{"phase", "Running"},
                              {"message", "one or more tasks are running"},
                              {"startedAt", m_clock.timeMap().stamp(nowMs)},
                              {"operation", op}};
    app.operationDoneMs = nowMs + 3000;
    app.driftSinceMs = -1;
    if (const Revision *rev = findRevision(app, revision); rev && !syncOp.value("dryRun", false))
        applyRevision(app, *rev, syncOp.value("resources", json::array()));
}

// Auto-sync: a new head is synced at once; a cluster that drifted from the head (a hand-made change)
// is synced back after Argo CD's default self-heal timeout of 5 s.
void ArgoCdApi::autoSyncLocked(App &app, int64_t nowMs)
{
    const std::string phase = app.operationState.value("phase", std::string());
    if (!app.spec.autoSync || !app.spec.children.empty() || app.repo.empty() || phase == "Running" ||
        phase == "Terminating") {
        app.driftSinceMs = -1;
        return;
    }
    const json automated{{"prune", true}, {"dryRun", false}};
    if (app.repo.back().sha != app.revision) {
        startOperationLocked(app, app.repo.back().sha, automated, {}, nowMs);
        return;
    }
    bool inSync = true;
    for (const ObjectPtr &p : m_store.list(kRollouts, app.spec.destinationNamespace).items)
        inSync = inSync && rolloutInSync(app, *p);
    if (inSync) {
        app.driftSinceMs = -1;
    } else if (app.driftSinceMs < 0) {
        app.driftSinceMs = nowMs;
    } else if (nowMs - app.driftSinceMs >= 5000) {
        startOperationLocked(app, app.repo.back().sha, automated, {}, nowMs);
    }
}

} // namespace rdsim
