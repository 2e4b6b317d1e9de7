// The Argo CD REST routes: one handler per route. Every handler under /api/v1/applications/{name}
// finds what it works on through resolve().
#include "ArgoCdApi.h"

#include "../Clock.h"
#include "../Store.h"
#include "FieldProjection.h"
#include "ResourceTree.h"
#include "RolloutActions.h"

#include <httplib.h>

#include <algorithm>
#include <chrono>

namespace rdsim {

using nlohmann::json;

namespace {

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

// The request body as a JSON object ("{}" when empty); sends the 400 and returns null otherwise.
json bodyObject(const httplib::Request &req, httplib::Response &res, bool emptyIsObject)
{
    json body = json::parse(emptyIsObject && req.body.empty() ? std::string("{}") : req.body, nullptr, false);
    if (body.is_object())
        return body;
    sendError(res, 400, 3, "invalid request body");
    return json();
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

std::string ArgoCdApi::tokenOf(const httplib::Request &req)
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
    return token;
}

bool ArgoCdApi::readOnly(const httplib::Request &req) const
{
    if (m_readOnlyUser.empty())
        return false;
    std::string why;
    return accountOf(tokenOf(req), &why) == m_readOnlyUser;
}

void ArgoCdApi::setReadOnlyAccount(const std::string &user, const std::string &token)
{
    m_readOnlyUser = user;
    m_readOnlyToken = token;
}

// Argo CD's RBAC answer to a change the account may not make: 403, code 7, naming the resource,
// the action, the object and the subject.
bool ArgoCdApi::refusedReadOnly(const httplib::Request &req, httplib::Response &res)
{
    if (req.matches.size() < 2 || !readOnly(req))
        return false;
    const std::string name = req.matches[1];
    std::string object;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        auto it = m_apps.find(name);
        if (it == m_apps.end())
            return false; // the handler answers as for anyone: 403 or 404 without telling whether it exists
        object = it->second.spec.project + "/" + name;
    }
    // The RBAC action Argo CD checks: sync (also for rollback and terminate), update (patches), or
    // action/<group>/<kind>/<action> for a resource action.
    std::string action = "sync";
    if (req.path.find("/resource/actions") != std::string::npos) {
        std::string group = req.get_param_value("group");
        std::string kind = req.get_param_value("kind");
        std::string verb = jsonBodyString(req.body);
        if (req.path.size() >= 3 && req.path.compare(req.path.size() - 3, 3, "/v2") == 0) {
            const json body = json::parse(req.body, nullptr, false);
            group = body.is_object() ? body.value("group", std::string()) : std::string();
            kind = body.is_object() ? body.value("kind", std::string()) : std::string();
            verb = body.is_object() ? body.value("action", std::string()) : std::string();
        }
        action = "action/" + group + "/" + kind + "/" + verb;
    } else if (req.method == "PATCH" || req.path.find("/resource") != std::string::npos) {
        action = "update";
    }
    sendError(res, 403, 7, "permission denied: applications, " + action + ", " + object + ", sub: " + m_readOnlyUser);
    return true;
}

bool ArgoCdApi::authorized(const httplib::Request &req, httplib::Response &res) const
{
    const std::string token = tokenOf(req);
    if (token.empty()) {
        sendError(res, 401, 16, "no session information");
        return false;
    }
    std::string why;
    if (!tokenValid(token, &why)) {
        sendError(res, 401, 16, why);
        return false;
    }
    return true;
}

std::string ArgoCdApi::accountOf(const std::string &token, std::string *why) const
{
    if (!m_token.empty() && token == m_token)
        return m_user;
    if (!m_readOnlyToken.empty() && token == m_readOnlyToken)
        return m_readOnlyUser;
    std::lock_guard<std::mutex> lock(m_sessionMutex);
    const auto it = m_sessions.find(token);
    if (it == m_sessions.end()) {
        *why = "invalid session: token signature is invalid";
        return {};
    }
    const int64_t now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    if (it->second.expiresAt <= now) {
        *why = "invalid session: token has invalid claims: token is expired";
        return {};
    }
    return it->second.user;
}

// A session token shaped as Argo CD's: a JWT (header.claims.signature, base64url) whose claims carry iss, sub, iat,
// nbf, exp (24 hours on, Argo CD's default) and jti. The signature is random bytes: only this server checks it, by
// remembering the tokens it issued.
std::string ArgoCdApi::issueSessionToken(const std::string &user)
{
    static const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const auto base64url = [](const std::string &in) {
        std::string out;
        uint32_t bits = 0;
        int count = 0;
        for (unsigned char c : in) {
            bits = (bits << 8) | c;
            count += 8;
            while (count >= 6) {
                count -= 6;
                out += alphabet[(bits >> count) & 0x3f];
            }
        }
        if (count > 0)
            out += alphabet[(bits << (6 - count)) & 0x3f];
        return out;
    };
    const int64_t now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    const int64_t exp = now + 24 * 3600;
    std::lock_guard<std::mutex> lock(m_sessionMutex);
    const uint64_t n = ++m_sessionCount;
    std::string signature;
    uint64_t x = m_seed ^ (uint64_t(now) * 0x9E3779B97F4A7C15ull) ^ (n * 0xBF58476D1CE4E5B9ull) ^
                 uint64_t(reinterpret_cast<uintptr_t>(&signature));
    for (int i = 0; i < 32; ++i) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        signature += char(x & 0xff);
    }
    const json claims{{"iss", "argocd"}, {"sub", user + ":login"},
                      {"iat", now},      {"nbf", now},
                      {"exp", exp},      {"jti", "session-" + std::to_string(n)}};
    const std::string token =
        base64url(R"({"alg":"HS256","typ":"JWT"})") + "." + base64url(claims.dump()) + "." + base64url(signature);
    m_sessions[token] = Session{user, exp};
    return token;
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

std::optional<ArgoCdApi::Target> ArgoCdApi::resolve(const httplib::Request &req, httplib::Response &res,
                                                    NamedBy namedBy)
{
    Target t;
    t.app = findApp(req, res, req.matches[1]);
    if (!t.app)
        return std::nullopt;
    const std::string destination = t.app->spec.destinationNamespace;
    if (namedBy == NamedBy::Body) {
        t.body = bodyObject(req, res, false);
        if (t.body.is_null())
            return std::nullopt;
        t.kind = t.body.value("kind", std::string());
        t.group = t.body.value("group", std::string());
        t.ns = t.body.value("namespace", destination);
        t.name = t.body.value("resourceName", std::string());
    } else {
        t.kind = req.get_param_value("kind");
        t.group = req.get_param_value("group");
        t.ns = req.has_param("namespace") ? req.get_param_value("namespace") : destination;
        t.name = req.get_param_value("resourceName");
    }
    t.gvr = gvrFor(t.group, t.kind);
    return t;
}

void ArgoCdApi::registerRoutes(httplib::Server &server)
{
    using Handler = void (ArgoCdApi::*)(const httplib::Request &, httplib::Response &);
    struct Route
    {
        const char *method;
        const char *pattern;
        Handler handler;
        bool needsAuth;
    };
    static const Route routes[] = {
        {"POST", "/api/v1/session", &ArgoCdApi::handleLogin, false},
        {"GET", "/api/v1/session/userinfo", &ArgoCdApi::handleUserInfo, false},
        {"DELETE", "/api/v1/session", &ArgoCdApi::handleLogout, true},
        {"GET", "/api/v1/applications", &ArgoCdApi::handleList, true},
        {"GET", "/api/v1/stream/applications", &ArgoCdApi::handleStream, true},
        {"GET", "/api/v1/applications/([^/]+)", &ArgoCdApi::handleGet, true},
        {"PATCH", "/api/v1/applications/([^/]+)", &ArgoCdApi::handlePatchApp, true},
        {"GET", "/api/v1/applications/([^/]+)/resource-tree", &ArgoCdApi::handleResourceTree, true},
        {"GET", "/api/v1/applications/([^/]+)/managed-resources", &ArgoCdApi::handleManagedResources, true},
        {"POST", "/api/v1/applications/([^/]+)/sync", &ArgoCdApi::handleSync, true},
        {"POST", "/api/v1/applications/([^/]+)/rollback", &ArgoCdApi::handleRollback, true},
        {"DELETE", "/api/v1/applications/([^/]+)/operation", &ArgoCdApi::handleTerminate, true},
        {"GET", "/api/v1/applications/([^/]+)/resource/actions", &ArgoCdApi::handleActions, true},
        {"POST", "/api/v1/applications/([^/]+)/resource/actions", &ArgoCdApi::handleRunActionV1, true},
        {"POST", "/api/v1/applications/([^/]+)/resource/actions/v2", &ArgoCdApi::handleRunActionV2, true},
        {"GET", "/api/v1/applications/([^/]+)/resource", &ArgoCdApi::handleGetResource, true},
        {"POST", "/api/v1/applications/([^/]+)/resource", &ArgoCdApi::handlePatchResource, true},
        {"GET", "/api/v1/account/can-i/(.+)", &ArgoCdApi::handleCanI, true},
    };
    for (const Route &route : routes) {
        // The Content-Type rule and authentication run before every /api/ handler.
        auto handler = [this, route](const httplib::Request &req, httplib::Response &res) {
            if (!contentTypeOk(req, res) || (route.needsAuth && !authorized(req, res)))
                return;
            // A read-only account may read; a change to an application it names gets RBAC's 403.
            if (route.needsAuth && std::string(route.method) != "GET" && refusedReadOnly(req, res))
                return;
            (this->*route.handler)(req, res);
        };
        const std::string method = route.method;
        if (method == "GET")
            server.Get(route.pattern, handler);
        else if (method == "POST")
            server.Post(route.pattern, handler);
        else if (method == "PATCH")
            server.Patch(route.pattern, handler);
        else
            server.Delete(route.pattern, handler);
    }
    // Any other non-GET /api/ request still obeys the Content-Type rule first.
    server.set_pre_routing_handler([this](const httplib::Request &req, httplib::Response &res) {
        if (req.path.rfind("/api/", 0) == 0 && !contentTypeOk(req, res))
            return httplib::Server::HandlerResponse::Handled;
        return httplib::Server::HandlerResponse::Unhandled;
    });
}

void ArgoCdApi::handleLogin(const httplib::Request &req, httplib::Response &res)
{
    const json body = bodyObject(req, res, false);
    if (body.is_null())
        return;
    if (body.contains("token")) {
        sendError(res, 401, 16, "token-based session creation no longer supported. please upgrade argocd cli to v0.7+");
        return;
    }
    const std::string user = body.value("username", std::string());
    const std::string password = body.value("password", std::string());
    if (user.empty() || password.empty()) {
        sendError(res, 401, 16, "no credentials supplied");
        return;
    }
    const bool viewer = !m_readOnlyUser.empty() && user == m_readOnlyUser && password == m_readOnlyToken;
    if (!viewer && (user != m_user || password != m_password)) {
        sendError(res, 401, 16, "Invalid username or password");
        return;
    }
    // Each login is a new session (a rotation leaves the old one valid until it expires or is logged out).
    const std::string token = issueSessionToken(viewer ? m_readOnlyUser : m_user);
    res.set_header("Set-Cookie", "argocd.token=" + token + "; path=/; SameSite=lax; httpOnly");
    sendJson(res, json{{"token", token}});
}

void ArgoCdApi::handleUserInfo(const httplib::Request &req, httplib::Response &res)
{
    std::string token;
    const std::string auth = req.get_header_value("Authorization");
    if (auth.rfind("Bearer ", 0) == 0)
        token = auth.substr(7);
    std::string why;
    const std::string user = token.empty() ? std::string() : accountOf(token, &why);
    if (!user.empty())
        sendJson(res, json{{"loggedIn", true}, {"username", user}, {"iss", "argocd"}});
    else
        sendJson(res, json{{"loggedIn", false}});
}

// Logging out revokes the session token it was called with (Argo CD keeps a revocation list for that); the
// account's API token stays valid.
void ArgoCdApi::handleLogout(const httplib::Request &req, httplib::Response &res)
{
    const std::string auth = req.get_header_value("Authorization");
    if (auth.rfind("Bearer ", 0) == 0) {
        std::lock_guard<std::mutex> lock(m_sessionMutex);
        m_sessions.erase(auth.substr(7));
    }
    res.set_header("Set-Cookie", "argocd.token=; path=/; Max-Age=0");
    sendJson(res, json::object());
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
            for (const std::string &term : argocd::splitCommaList(selector)) {
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
        items.push_back(argocd::projectApp(app.object, fields, "items."));
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
            json event = json{
                {"result", {{"type", type}, {"application", argocd::projectApp(app, fields, "result.application.")}}}};
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

void ArgoCdApi::handleGet(const httplib::Request &req, httplib::Response &res)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    refreshLocked(toMs(m_clock.now()));
    if (App *app = findApp(req, res, req.matches[1]))
        sendJson(res, app->object);
}

// PATCH of the application ({"name","patch":"<JSON text>","patchType":"merge"}): what the simulator keeps of it is
// the automated sync policy, so that a console can turn auto-sync off before a rollback.
void ArgoCdApi::handlePatchApp(const httplib::Request &req, httplib::Response &res)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    App *app = findApp(req, res, req.matches[1]);
    if (!app)
        return;
    const json body = bodyObject(req, res, false);
    if (body.is_null())
        return;
    const std::string type = body.value("patchType", std::string("merge"));
    const json patch = body.value("patch", json()).is_string()
                           ? json::parse(body["patch"].get<std::string>(), nullptr, false)
                           : json(json::value_t::discarded);
    if (type != "merge" || !patch.is_object()) {
        sendError(res, 400, 3,
                  type != "merge" ? "Patch type '" + type + "' is not supported"
                                  : "error unmarshaling patch: the patch is not a JSON object");
        return;
    }
    const json policy = patch.value("spec", json::object()).value("syncPolicy", json::object());
    if (policy.contains("automated"))
        app->spec.autoSync = policy["automated"].is_object();
    refreshLocked(toMs(m_clock.now()));
    sendJson(res, app->object);
}

void ArgoCdApi::handleResourceTree(const httplib::Request &req, httplib::Response &res)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (App *app = findApp(req, res, req.matches[1]))
        sendJson(res, argocd::resourceTree(m_store, app->spec.destinationNamespace));
}

void ArgoCdApi::handleManagedResources(const httplib::Request &req, httplib::Response &res)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    refreshLocked(toMs(m_clock.now()));
    if (App *app = findApp(req, res, req.matches[1]))
        sendJson(res, managedResourcesFor(*app));
}

// The application and body of a sync or rollback; nullptr when the answer is already sent
// (unknown application, bad body, a rollback under auto-sync, an operation in progress).
ArgoCdApi::App *ArgoCdApi::appForOperation(const httplib::Request &req, httplib::Response &res, json &body,
                                           bool isRollback)
{
    App *app = findApp(req, res, req.matches[1]);
    if (!app)
        return nullptr;
    body = bodyObject(req, res, true);
    if (body.is_null())
        return nullptr;
    if (isRollback && app->spec.autoSync) {
        sendError(res, 400, 9, "rollback cannot be initiated when auto-sync is enabled");
        return nullptr;
    }
    if (app->operationState.value("phase", std::string()) == "Running") {
        sendError(res, 400, 9, "another operation is already in progress");
        return nullptr;
    }
    return app;
}

void ArgoCdApi::handleSync(const httplib::Request &req, httplib::Response &res)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    json body;
    App *app = appForOperation(req, res, body, false);
    if (!app)
        return;
    json syncOp{{"prune", body.value("prune", false)}, {"dryRun", body.value("dryRun", false)}};
    if (body.contains("strategy"))
        syncOp["syncStrategy"] = body["strategy"];
    if (body.contains("resources"))
        syncOp["resources"] = body["resources"];
    if (body.contains("syncOptions"))
        syncOp["syncOptions"] = body["syncOptions"];
    const std::string ref = body.value("revision", std::string());
    const Revision *rev = findRevision(*app, ref);
    if (!rev) {
        sendError(res, 400, 3, "unable to resolve '" + ref + "' to a commit SHA");
        return;
    }
    const int64_t now = toMs(m_clock.now());
    startOperationLocked(*app, rev->sha, syncOp, m_user, now);
    if (body.contains("infos"))
        app->operationState["operation"]["info"] = body["infos"];
    refreshLocked(now);
    sendJson(res, app->object);
}

// Refused under auto-sync, as Argo CD does.
void ArgoCdApi::handleRollback(const httplib::Request &req, httplib::Response &res)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    json body;
    App *app = appForOperation(req, res, body, true);
    if (!app)
        return;
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
    const int64_t now = toMs(m_clock.now());
    startOperationLocked(*app, entry->value("revision", std::string()),
                         json{{"prune", body.value("prune", false)},
                              {"dryRun", body.value("dryRun", false)},
                              {"syncStrategy", {{"apply", {{"force", false}}}}}},
                         m_user, now);
    refreshLocked(now);
    sendJson(res, app->object);
}

void ArgoCdApi::handleTerminate(const httplib::Request &req, httplib::Response &res)
{
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
}

void ArgoCdApi::handleActions(const httplib::Request &req, httplib::Response &res)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    const std::optional<Target> t = resolve(req, res, NamedBy::Query);
    if (!t)
        return;
    Outcome o = t->gvr ? m_store.get(*t->gvr, t->ns, t->name) : Outcome{};
    if (!o.object) {
        sendError(res, 404, 5, "resource not found: " + t->kind + " " + t->ns + "/" + t->name);
        return;
    }
    sendJson(res, json{{"actions", argocd::discoverActions(t->kind, *o.object)}});
}

// The deprecated v1 endpoint: the resource in the query, the action as a JSON string body.
void ArgoCdApi::handleRunActionV1(const httplib::Request &req, httplib::Response &res)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (const std::optional<Target> t = resolve(req, res, NamedBy::Query))
        runAction(*t, jsonBodyString(req.body), res);
}

void ArgoCdApi::handleRunActionV2(const httplib::Request &req, httplib::Response &res)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (const std::optional<Target> t = resolve(req, res, NamedBy::Body))
        runAction(*t, t->body.value("action", std::string()), res);
}

// Runs an action the resource offers: the status (through /status) first, then the spec.
void ArgoCdApi::runAction(const Target &t, const std::string &action, httplib::Response &res)
{
    Outcome o = t.gvr ? m_store.get(*t.gvr, t.ns, t.name) : Outcome{};
    if (!o.object) {
        sendError(res, 404, 5, "resource not found: " + t.kind + " " + t.ns + "/" + t.name);
        return;
    }
    bool offered = false;
    for (const json &a : argocd::discoverActions(t.kind, *o.object))
        offered = offered || a.value("name", std::string()) == action;
    std::string error;
    std::optional<json> next =
        offered ? argocd::runAction(t.kind, *o.object, action, m_clock.nowRfc3339(), &error) : std::nullopt;
    if (!next) {
        sendError(res, 400, 3, error.empty() ? "action not found: " + action : error);
        return;
    }
    const json before = *o.object;
    for (const char *part : {"status", "spec"}) {
        if (next->value(part, json()) == before.value(part, json()))
            continue;
        Outcome w = m_store.mutate(
            *t.gvr, t.ns, t.name,
            [&](json &obj) {
                obj[part] = (*next)[part];
                return true;
            },
            WriteScope::All);
        if (w.error) {
            const bool conflict = std::string(part) == "status" && w.error->code == 409;
            sendError(res, conflict ? 409 : 500, conflict ? 10 : 13, w.error->message);
            return;
        }
    }
    sendJson(res, json::object());
}

// resolve() for the resource routes, which answer 404 for a kind the simulator does not serve.
std::optional<ArgoCdApi::Target> ArgoCdApi::resolveServedResource(const httplib::Request &req, httplib::Response &res)
{
    std::optional<Target> t = resolve(req, res, NamedBy::Query);
    if (t && !t->gvr) {
        sendError(res, 404, 5, "resource not found: " + t->kind);
        return std::nullopt;
    }
    return t;
}

void ArgoCdApi::handleGetResource(const httplib::Request &req, httplib::Response &res)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    const std::optional<Target> t = resolveServedResource(req, res);
    if (!t)
        return;
    Outcome o = m_store.get(*t->gvr, t->ns, t->name);
    if (!o.object) {
        sendError(res, 404, 5, t->kind + " \"" + t->name + "\" not found");
        return;
    }
    sendJson(res, json{{"manifest", o.object->dump()}});
}

// The patch is a JSON string body; patchType picks JSON patch or merge patch.
void ArgoCdApi::handlePatchResource(const httplib::Request &req, httplib::Response &res)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    const std::optional<Target> t = resolveServedResource(req, res);
    if (!t)
        return;
    json patch = json::parse(jsonBodyString(req.body), nullptr, false);
    if (patch.is_discarded()) {
        sendError(res, 400, 3, "invalid patch");
        return;
    }
    Outcome o = req.get_param_value("patchType") == "application/json-patch+json"
                    ? m_store.jsonPatch(*t->gvr, t->ns, t->name, patch)
                    : m_store.mergePatch(*t->gvr, t->ns, t->name, patch);
    if (o.error) {
        const int code = o.error->code;
        sendError(res, code, code == 404 ? 5 : code == 409 ? 10 : code == 422 ? 3 : 13, o.error->message);
        return;
    }
    sendJson(res, json{{"manifest", o.object->dump()}});
}

// GET /api/v1/account/can-i/{resource}/{action}/{object}: the read-only account may only get.
void ArgoCdApi::handleCanI(const httplib::Request &req, httplib::Response &res)
{
    const std::string what = req.matches[1];
    const auto slash = what.find('/');
    const std::string action =
        slash == std::string::npos ? std::string() : what.substr(slash + 1, what.find('/', slash + 1) - slash - 1);
    sendJson(res, json{{"value", !readOnly(req) || action == "get" ? "yes" : "no"}});
}

} // namespace rdsim
