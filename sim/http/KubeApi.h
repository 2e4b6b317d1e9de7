// The Kubernetes API surface of the simulator: discovery, CRUD, list/watch, subresources, RBAC
// with bearer tokens, SelfSubjectAccessReview (JSON and kubectl's protobuf), Tables for kubectl,
// and the fault hooks. Registered on an httplib::Server by the Simulator; it holds no state of
// its own besides the users and the watch streams it serves.
//
// Usage (Simulator does this):
//   rdsim::KubeApi api(store, clock, faults, users);
//   api.registerRoutes(server);
//   ...; api.beginShutdown(); api.waitForWatchesToEnd(limit);   // open watch streams end at once
#pragma once

#include "../Clock.h"
#include "../Faults.h"
#include "../Store.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace httplib {
class Server;
struct Request;
struct Response;
} // namespace httplib

namespace rdsim {

class WatchStream;

struct User
{
    std::string token;
    std::string name;
    std::vector<std::string> groups;
    bool admin = false;        // admin: everything; otherwise get/list/watch only
    std::string onlyNamespace; // not admin: reads only in this namespace (a RoleBinding, no ClusterRoleBinding)
    std::vector<std::string> deniedResources; // not admin: resources (plural names) its role leaves out
};

// What the RBAC check is asked: the attributes of a SelfSubjectAccessReview.
struct AccessRequest
{
    std::string verb;
    std::string group;
    std::string resource;
    std::string subresource;
    std::string ns;
    std::string name;
    std::string nonResourcePath; // set for non-resource requests
};

bool isAllowed(const User &user, const AccessRequest &request);

class KubeApi
{
public:
    KubeApi(Store &store, Clock &clock, Faults &faults, std::vector<User> users);
    void registerRoutes(httplib::Server &server);
    // Stopping: every open watch writes its terminating chunk at once, and requests from now on get
    // 503 with Connection: close. Then wait (bounded) until the watch streams have ended.
    void beginShutdown();
    bool waitForWatchesToEnd(std::chrono::milliseconds limit);
    // Extra routes (admin only) under /_sim/..., e.g. the faults endpoint. Called for admin users.
    using AdminHandler = std::function<bool(const httplib::Request &, httplib::Response &)>;
    void setAdminHandler(AdminHandler handler) { m_adminHandler = std::move(handler); }
    const User *userForToken(const std::string &token) const;

private:
    struct Target;
    void handle(const httplib::Request &req, httplib::Response &res);
    bool servePublic(const httplib::Request &req, httplib::Response &res) const;
    void handleAdmin(const httplib::Request &req, httplib::Response &res, const User &user);
    bool injectRequestFault(const httplib::Request &req, httplib::Response &res);
    static std::optional<Target> parseTarget(const std::string &path);
    void handleResource(const httplib::Request &req, httplib::Response &res, const User &user, const Target &t);
    void sendForbidden(httplib::Response &res, const User &user, const std::string &verb, const Target &t) const;
    static std::optional<nlohmann::json> parseBody(const httplib::Request &req, httplib::Response &res,
                                                   bool checkMetadata);

    // One handler per verb.
    void handleGet(const httplib::Request &req, httplib::Response &res, const Target &t);
    void handleList(const httplib::Request &req, httplib::Response &res, const Target &t);
    void handleWatch(const httplib::Request &req, httplib::Response &res, const Target &t);
    void handleCreate(const httplib::Request &req, httplib::Response &res, const Target &t);
    void handleUpdate(const httplib::Request &req, httplib::Response &res, const Target &t);
    void handlePatch(const httplib::Request &req, httplib::Response &res, const Target &t);
    void handleDelete(const httplib::Request &req, httplib::Response &res, const Target &t);
    void handleDeleteCollection(const httplib::Request &req, httplib::Response &res, const Target &t);
    void handleScaleWrite(const httplib::Request &req, httplib::Response &res, const Target &t,
                          const std::string &verb);
    void handleReview(const httplib::Request &req, httplib::Response &res, const User &user, const Target &t);

    void streamWatch(httplib::Response &res, std::shared_ptr<WatchStream> stream);

    Store &m_store;
    Clock &m_clock;
    Faults &m_faults;
    std::vector<User> m_users;
    AdminHandler m_adminHandler;
    std::atomic<bool> m_stopping{false};
    std::mutex m_watchMutex;
    std::condition_variable m_watchesDone;
    int m_activeWatches = 0;
};

} // namespace rdsim
