#pragma once

// The Argo CD REST API (grpc-gateway v1 shapes, reference/argocd-prometheus-stats.md A) over the
// simulated cluster: session login, applications list/get (with `fields` projection), the
// application stream (SSE or JSON lines), resource-tree, sync, rollback (refused under auto-sync),
// history, terminate operation, resource actions for Rollouts and AnalysisRuns, one live resource
// (read and patch), can-i; error bodies {"error","code","message"} and the 415 Content-Type rule.
//
// Applications are kept here (Argo CD's own store), not in the Kubernetes store; their status is
// computed from the cluster objects in their destination namespace. Each has a repository of
// revisions (what each Rollout of the namespace runs: image and template labels); a sync or a
// rollback applies one to the cluster, auto-sync follows the branch head, and self-heal reverts
// a hand-made change to a Rollout's template after 5 s (docs/sim-scenarios.md).

#include <nlohmann/json.hpp>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace httplib {
class Server;
struct Request;
struct Response;
} // namespace httplib

namespace rdsim {

class Store;
class Clock;
struct Gvr;

class ArgoCdApi
{
public:
    struct AppSpec
    {
        std::string name;
        std::string project = "default";
        std::string destinationNamespace;
        std::string path;
        bool autoSync = false;
        std::vector<std::string> children; // app-of-apps: the Applications it manages
        std::map<std::string, std::string> labels;
        // Commits before the one deployed at start, oldest first: [{message, author,
        // rollouts: {name: {image, labels}}}]. The deployed one is read from the cluster.
        nlohmann::json repo = nlohmann::json::array();
        // One Git repository shared by several applications (an overlay each): applications naming the
        // same repository see the same commit SHAs, numbered along one history. `firstCommit` is the
        // number of this application's first commit in it (its deployed one is firstCommit + repo.size()).
        // Empty: a repository of its own.
        std::string repository;
        int firstCommit = 1;
    };

    ArgoCdApi(Store &store, Clock &clock, uint64_t seed);
    ~ArgoCdApi();

    void setToken(const std::string &token) { m_token = token; }
    void setCredentials(const std::string &user, const std::string &password);
    // A read-only account: its password is its token; can-i says no to everything but get, and every
    // change it asks for gets Argo CD's 403 "permission denied".
    void setReadOnlyAccount(const std::string &user, const std::string &token);
    void addApplication(const AppSpec &spec); // before start()
    void registerRoutes(httplib::Server &server);
    void start();
    void stop();

    // For tests and the embedded demo: the current rendered application ("" when unknown).
    nlohmann::json application(const std::string &name);
    // A commit to the repository of the application deploying to `ns` that sets the rollout's
    // image (and template labels), synced as a CI pipeline would: by auto-sync, else by a sync
    // initiated by "ci-pipeline". False when no application deploys to `ns`.
    bool deploy(const std::string &ns, const std::string &rollout, const std::string &image,
                const nlohmann::json &labels, const std::string &message);

private:
    struct Revision
    {
        std::string sha;
        std::string message;
        std::string author;
        int64_t atWallMs = 0;
        nlohmann::json rollouts = nlohmann::json::object(); // name -> {image, labels}
    };
    struct App
    {
        AppSpec spec;
        nlohmann::json object;    // rendered, with metadata.resourceVersion
        nlohmann::json operation; // top-level operation while one is requested/running
        nlohmann::json operationState;
        nlohmann::json history = nlohmann::json::array();
        std::string revision; // current git revision
        int64_t operationDoneMs = 0;
        bool terminating = false;
        std::vector<Revision> repo; // oldest first; back() is the head of the tracked branch
        int64_t driftSinceMs = -1;  // auto-sync: since when the cluster differs from the head
    };

    void refreshLoop();
    bool refreshLocked(int64_t nowMs); // recompute every app; true when one changed
    nlohmann::json renderLocked(App &app, int64_t nowMs);
    nlohmann::json resourcesFor(const App &app, std::vector<std::string> *images, std::string *health) const;
    std::string revisionFor(const std::string &app, int n) const;
    // Starts a sync to `revision` (applied to the cluster unless a dry run); an empty initiator
    // means automated. The caller refreshes.
    void startOperationLocked(App &app, const std::string &revision, const nlohmann::json &syncOp,
                              const std::string &initiator, int64_t nowMs);
    void autoSyncLocked(App &app, int64_t nowMs);
    Revision liveRevision(const App &app, int n) const;
    const Revision *findRevision(const App &app, const std::string &shaOrBranch) const;
    void applyRevision(const App &app, const Revision &revision, const nlohmann::json &selected) const;
    bool rolloutInSync(const App &app, const nlohmann::json &rollout) const;

    // What a request under /api/v1/applications/{name} is about: the application of the path, and
    // the resource the query names (for the v2 resource actions: the JSON body).
    struct Target
    {
        App *app = nullptr;
        std::string kind;
        std::string group;
        std::string ns; // the application's destination namespace unless the request names one
        std::string name;
        const Gvr *gvr = nullptr; // null for kinds the simulator does not serve
        nlohmann::json body;      // the parsed body when it named the resource
    };
    enum class NamedBy { Query, Body };
    // With m_mutex held. On failure the error is sent and nullopt returned.
    std::optional<Target> resolve(const httplib::Request &req, httplib::Response &res, NamedBy namedBy);
    std::optional<Target> resolveServedResource(const httplib::Request &req, httplib::Response &res);
    App *appForOperation(const httplib::Request &req, httplib::Response &res, nlohmann::json &body, bool isRollback);

    bool authorized(const httplib::Request &req, httplib::Response &res) const;
    static std::string tokenOf(const httplib::Request &req);
    // The account a bearer token opens a session for: the admin's API token, the read-only account's token, or a
    // session token login issued that has neither expired nor been logged out. Empty (and `why` gets the
    // server's words) otherwise.
    std::string accountOf(const std::string &token, std::string *why) const;
    bool tokenValid(const std::string &token, std::string *why) const { return !accountOf(token, why).empty(); }
    std::string issueSessionToken(const std::string &user);
    bool readOnly(const httplib::Request &req) const;
    // The 403 a read-only account gets for a change (true when it was sent).
    bool refusedReadOnly(const httplib::Request &req, httplib::Response &res);
    bool contentTypeOk(const httplib::Request &req, httplib::Response &res) const;
    App *findApp(const httplib::Request &req, httplib::Response &res, const std::string &name);

    // One handler per route (ArgoCdRoutes.cpp).
    void handleLogin(const httplib::Request &req, httplib::Response &res);
    void handleUserInfo(const httplib::Request &req, httplib::Response &res);
    void handleLogout(const httplib::Request &req, httplib::Response &res);
    void handleList(const httplib::Request &req, httplib::Response &res);
    void handleStream(const httplib::Request &req, httplib::Response &res);
    void handleGet(const httplib::Request &req, httplib::Response &res);
    void handlePatchApp(const httplib::Request &req, httplib::Response &res);
    void handleResourceTree(const httplib::Request &req, httplib::Response &res);
    void handleManagedResources(const httplib::Request &req, httplib::Response &res);
    nlohmann::json managedResourcesFor(const App &app) const;
    void handleSync(const httplib::Request &req, httplib::Response &res);
    void handleRollback(const httplib::Request &req, httplib::Response &res);
    void handleTerminate(const httplib::Request &req, httplib::Response &res);
    void handleActions(const httplib::Request &req, httplib::Response &res);
    void handleRunActionV1(const httplib::Request &req, httplib::Response &res);
    void handleRunActionV2(const httplib::Request &req, httplib::Response &res);
    void runAction(const Target &target, const std::string &action, httplib::Response &res);
    void handleGetResource(const httplib::Request &req, httplib::Response &res);
    void handlePatchResource(const httplib::Request &req, httplib::Response &res);
    void handleCanI(const httplib::Request &req, httplib::Response &res);

    Store &m_store;
    Clock &m_clock;
    uint64_t m_seed;
    std::string m_token;
    std::string m_user = "admin";
    std::string m_password = "password";
    std::string m_readOnlyUser;
    std::string m_readOnlyToken;
    // Session tokens login issued (JWTs, as Argo CD's): token -> its account and expiry in Unix seconds. Logout
    // revokes one.
    struct Session
    {
        std::string user;
        int64_t expiresAt = 0;
    };
    mutable std::mutex m_sessionMutex;
    std::map<std::string, Session> m_sessions;
    uint64_t m_sessionCount = 0;

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::map<std::string, App> m_apps;
    std::map<std::string, int> m_repoHeads; // repository -> number of its newest commit
    uint64_t m_resourceVersion = 1000;
    uint64_t m_lastStoreVersion = 0;
    std::atomic<bool> m_running{false};
    std::thread m_thread;
};

} // namespace rdsim
