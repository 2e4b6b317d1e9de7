#include "KubeApi.h"

#include "KubeDiscovery.h"
#include "KubeStatus.h"
#include "Protobuf.h"
#include "Tables.h"
#include "WatchStream.h"

#include <httplib.h>

#include <algorithm>
#include <random>
#include <thread>

namespace rdsim {

using nlohmann::json;
using namespace kubestatus;

namespace {

const char *kJson = "application/json";

std::string qualified(const ResourceType &rt)
{
    return rt.gvr.group.empty() ? rt.gvr.resource : rt.gvr.resource + "." + rt.gvr.group;
}

std::string bearerToken(const httplib::Request &req)
{
    const std::string auth = req.get_header_value("Authorization");
    const std::string prefix = "Bearer ";
    if (auth.size() > prefix.size() && std::equal(prefix.begin(), prefix.end(), auth.begin(), [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        }))
        return auth.substr(prefix.size());
    return {};
}

// What decoding into ObjectMeta would reject: wrong JSON types in the fields the server reads.
std::string metadataTypeError(const json &body)
{
    if (!body.is_object())
        return "the body must be a JSON object";
    auto meta = body.find("metadata");
    if (meta == body.end() || meta->is_null())
        return {};
    if (!meta->is_object())
        return "json: cannot unmarshal " + std::string(meta->type_name()) +
               " into Go struct field .metadata of type v1.ObjectMeta";
    for (const char *k : {"name", "namespace", "generateName", "resourceVersion", "uid", "creationTimestamp"}) {
        auto it = meta->find(k);
        if (it != meta->end() && !it->is_string() && !it->is_null())
            return "json: cannot unmarshal " + std::string(it->type_name()) +
                   " into Go struct field ObjectMeta.metadata." + k + " of type string";
    }
    for (const char *k : {"labels", "annotations"}) {
        auto it = meta->find(k);
        if (it == meta->end() || it->is_null())
            continue;
        if (!it->is_object())
            return std::string("json: cannot unmarshal ") + it->type_name() +
                   " into Go struct field ObjectMeta.metadata." + k + " of type map[string]string";
        for (const auto &v : *it) {
            if (!v.is_string())
                return std::string("json: cannot unmarshal ") + v.type_name() +
                       " into Go struct field ObjectMeta.metadata." + k + " of type string";
        }
    }
    return {};
}

bool truthy(const std::string &v)
{
    return v == "1" || v == "true" || v == "True";
}

void answer(httplib::Response &res, const Outcome &o, int okCode)
{
    if (!o)
        sendError(res, *o.error);
    else
        sendJson(res, okCode, *o.object);
}

// The autoscaling/v1 Scale of an object (its spec.replicas and status counts).
json scaleOf(const ResourceType &rt, const std::string &ns, const json &obj)
{
    json meta = {{"name", obj["metadata"].value("name", "")},
                 {"uid", obj["metadata"].value("uid", "")},
                 {"resourceVersion", obj["metadata"].value("resourceVersion", "")},
                 {"creationTimestamp", obj["metadata"].value("creationTimestamp", "")}};
    if (rt.namespaced)
        meta["namespace"] = ns;
    json status = json::object();
    const json st = obj.contains("status") && obj["status"].is_object() ? obj["status"] : json::object();
    // The Rollout CRD: statusReplicasPath .status.HPAReplicas, labelSelectorPath .status.selector.
    status["replicas"] = rt.gvr == kRollouts ? st.value("HPAReplicas", 0) : st.value("replicas", 0);
    if (st.contains("selector"))
        status["selector"] = st["selector"];
    int replicas = 1;
    if (obj.contains("spec") && obj["spec"].is_object())
        replicas = obj["spec"].value("replicas", 1);
    return json{{"kind", "Scale"},
                {"apiVersion", "autoscaling/v1"},
                {"metadata", meta},
                {"spec", {{"replicas", replicas}}},
                {"status", status}};
}

std::string verbOf(const std::string &method, bool watch, bool named)
{
    if (method == "GET")
        return watch ? "watch" : (named ? "get" : "list");
    if (method == "POST")
        return "create";
    if (method == "PUT")
        return "update";
    if (method == "PATCH")
        return "patch";
    if (method == "DELETE")
        return named ? "delete" : "deletecollection";
    return {};
}

} // namespace

bool isAllowed(const User &user, const AccessRequest &r)
{
    if (user.admin)
        return true;
    if (!r.nonResourcePath.empty())
        return r.verb == "get" || r.verb == "head";
    if ((r.resource == "selfsubjectaccessreviews" && r.group == "authorization.k8s.io") ||
        (r.resource == "selfsubjectreviews" && r.group == "authentication.k8s.io"))
        return r.verb == "create";
    if (!user.onlyNamespace.empty() && r.ns != user.onlyNamespace)
        return false;
    if (std::find(user.deniedResources.cbegin(), user.deniedResources.cend(), r.resource) !=
        user.deniedResources.cend())
        return false;
    return r.verb == "get" || r.verb == "list" || r.verb == "watch";
}

struct KubeApi::Target
{
    const ResourceType *rt = nullptr;
    std::string ns;
    std::string name;
    std::string subresource;
    bool watchPath = false; // legacy /watch/ prefix
};

KubeApi::KubeApi(Store &store, Clock &clock, Faults &faults, std::vector<User> users)
    : m_store(store), m_clock(clock), m_faults(faults), m_users(std::move(users))
{
}

const User *KubeApi::userForToken(const std::string &token) const
{
    if (token.empty())
        return nullptr;
    for (const auto &u : m_users) {
        if (u.token == token)
            return &u;
    }
    return nullptr;
}

void KubeApi::beginShutdown()
{
    m_stopping = true;
    m_store.wakeAll();
}

bool KubeApi::waitForWatchesToEnd(std::chrono::milliseconds limit)
{
    const auto deadline = std::chrono::steady_clock::now() + limit;
    std::unique_lock lock(m_watchMutex);
    while (m_activeWatches > 0 && std::chrono::steady_clock::now() < deadline) {
        // A stream that went back to waiting for events after the last wake-up gets another one.
        lock.unlock();
        m_store.wakeAll();
        lock.lock();
        m_watchesDone.wait_until(lock,
                                 std::min(deadline, std::chrono::steady_clock::now() + std::chrono::milliseconds(20)));
    }
    return m_activeWatches == 0;
}

void KubeApi::registerRoutes(httplib::Server &server)
{
    auto h = [this](const httplib::Request &req, httplib::Response &res) { handle(req, res); };
    server.Get(".*", h);
    server.Post(".*", h);
    server.Put(".*", h);
    server.Patch(".*", h);
    server.Delete(".*", h);
    // A handler that throws (a malformed object somewhere) answers a Status, not a bare 500.
    server.set_exception_handler([](const httplib::Request &, httplib::Response &res, std::exception_ptr ep) {
        std::string what = "unknown error";
        try {
            std::rethrow_exception(ep);
        } catch (const std::exception &e) {
            what = e.what();
        } catch (...) {
        }
        sendStatus(res, 500, "InternalError", "Internal error occurred: " + what);
    });
}

// Public paths, shutdown, authentication, the admin API, request faults, discovery, then the
// resource the path names.
void KubeApi::handle(const httplib::Request &req, httplib::Response &res)
{
    if (m_stopping) {
        // Shutting down: no new work, and the client should not reuse the connection.
        res.set_header("Connection", "close");
        sendStatus(res, 503, "ServiceUnavailable", "the server is shutting down");
        return;
    }
    if (servePublic(req, res))
        return;
    const User *user = userForToken(bearerToken(req));
    if (!user) {
        sendStatus(res, 401, "Unauthorized", "Unauthorized");
        return;
    }
    if (req.path.rfind("/_sim/", 0) == 0) {
        handleAdmin(req, res, *user);
        return;
    }
    if (injectRequestFault(req, res))
        return;
    if (serveDiscovery(req, res)) {
        if (req.method != "GET")
            sendMethodNotAllowed(res);
        else if (!isAllowed(*user, {"get", "", "", "", "", "", req.path}))
            sendStatus(res, 403, "Forbidden",
                       "forbidden: User \"" + user->name + "\" cannot get path \"" + req.path + "\"");
        return;
    }
    std::optional<Target> target = parseTarget(req.path);
    if (!target) {
        sendNotFound(res);
        return;
    }
    handleResource(req, res, *user, *target);
}

// Unauthenticated, as system:public-info-viewer allows on a real cluster.
bool KubeApi::servePublic(const httplib::Request &req, httplib::Response &res) const
{
    const std::string &path = req.path;
    if (path == "/version") {
        sendJson(res, 200,
                 {{"major", "1"},
                  {"minor", "32"},
                  {"gitVersion", "v1.32.0-rolldeck-sim"},
                  {"gitCommit", "0000000000000000000000000000000000000000"},
                  {"gitTreeState", "clean"},
                  {"buildDate", "2026-01-01T00:00:00Z"},
                  {"goVersion", "go1.23.0"},
                  {"compiler", "gc"},
                  {"platform", "linux/amd64"}});
        return true;
    }
    if (path == "/healthz" || path == "/readyz" || path == "/livez") {
        res.status = 200;
        res.set_content("ok", "text/plain; charset=utf-8");
        return true;
    }
    return false;
}

void KubeApi::handleAdmin(const httplib::Request &req, httplib::Response &res, const User &user)
{
    if (!user.admin) {
        sendStatus(res, 403, "Forbidden", "forbidden: User \"" + user.name + "\" cannot use the simulator admin API");
        return;
    }
    if (!m_adminHandler || !m_adminHandler(req, res))
        sendNotFound(res);
}

// An armed error500 or hang fault for this path answers the request.
bool KubeApi::injectRequestFault(const httplib::Request &req, httplib::Response &res)
{
    auto fault = m_faults.takeRequestFault(req.path);
    if (!fault)
        return false;
    if (fault->kind == FaultKind::Error500) {
        sendStatus(res, 500, "InternalError", "Internal error occurred: injected fault");
        return true;
    }
    if (fault->kind == FaultKind::Hang) {
        const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(fault->hangMs);
        while (!m_stopping && std::chrono::steady_clock::now() < until)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        sendStatus(res, 504, "Timeout", "Timeout: injected hang");
        return true;
    }
    return false;
}

// /api/v1/... or /apis/<group>/<version>/..., optionally /watch/, then [namespaces/NS/]RESOURCE[/NAME[/SUB]].
std::optional<KubeApi::Target> KubeApi::parseTarget(const std::string &path)
{
    auto parts = splitPath(path);
    std::string group;
    std::string version;
    std::size_t i = 0;
    if (parts.size() >= 2 && parts[0] == "api") {
        version = parts[1];
        i = 2;
    } else if (parts.size() >= 3 && parts[0] == "apis") {
        group = parts[1];
        version = parts[2];
        i = 3;
    } else {
        return std::nullopt;
    }
    std::vector<std::string> rest(parts.begin() + static_cast<long>(i), parts.end());
    Target t;
    if (!rest.empty() && rest[0] == "watch") {
        t.watchPath = true;
        rest.erase(rest.begin());
    }
    std::string resource;
    std::size_t first = 0; // index of the resource in rest
    if (rest.size() >= 3 && rest[0] == "namespaces" &&
        !(rest.size() == 3 && (rest[2] == "status" || rest[2] == "finalize"))) {
        t.ns = rest[1];
        first = 2;
    }
    if (first < rest.size()) {
        resource = rest[first];
        if (rest.size() > first + 1)
            t.name = rest[first + 1];
        if (rest.size() > first + 2)
            t.subresource = rest[first + 2];
        if (rest.size() > first + 3)
            return std::nullopt;
    }
    t.rt = findResource(Gvr{group, version, resource});
    if (!t.rt || (!t.rt->namespaced && !t.ns.empty()))
        return std::nullopt;
    if (!t.subresource.empty() && !((t.subresource == "status" && t.rt->statusSubresource) ||
                                    (t.subresource == "scale" && t.rt->scaleSubresource)))
        return std::nullopt;
    return t;
}

// The verb, RBAC and the namespace rules, then the verb's handler.
void KubeApi::handleResource(const httplib::Request &req, httplib::Response &res, const User &user, const Target &t)
{
    const ResourceType &rt = *t.rt;
    const bool watch = t.watchPath || (req.method == "GET" && truthy(req.get_param_value("watch")));
    const std::string verb = verbOf(req.method, watch, !t.name.empty());
    if (rt.virtualOnly) {
        if (verb != "create" || !t.name.empty())
            sendMethodNotAllowed(res);
        else
            handleReview(req, res, user, t);
        return;
    }
    if ((verb == "create" && !t.name.empty()) || ((verb == "update" || verb == "patch") && t.name.empty())) {
        sendMethodNotAllowed(res);
        return;
    }
    if (!isAllowed(user, {verb, rt.gvr.group, rt.gvr.resource, t.subresource, t.ns, t.name, ""})) {
        sendForbidden(res, user, verb, t);
        return;
    }
    if (rt.namespaced && t.ns.empty() && (!t.name.empty() || (verb != "list" && verb != "watch"))) {
        sendNotFound(res);
        return;
    }
    if (watch)
        handleWatch(req, res, t);
    else if (verb == "list")
        handleList(req, res, t);
    else if (verb == "get")
        handleGet(req, res, t);
    else if (verb == "create")
        handleCreate(req, res, t);
    else if (verb == "delete")
        handleDelete(req, res, t);
    else if (verb == "deletecollection")
        handleDeleteCollection(req, res, t);
    else if (t.subresource == "scale")
        handleScaleWrite(req, res, t, verb);
    else if (verb == "update")
        handleUpdate(req, res, t);
    else if (verb == "patch")
        handlePatch(req, res, t);
    else
        sendMethodNotAllowed(res);
}

void KubeApi::sendForbidden(httplib::Response &res, const User &user, const std::string &verb, const Target &t) const
{
    const ResourceType &rt = *t.rt;
    std::string msg = qualified(rt) + (t.name.empty() ? "" : " \"" + t.name + "\"") + " is forbidden: User \"" +
                      user.name + "\" cannot " + verb + " resource \"" + rt.gvr.resource +
                      (t.subresource.empty() ? "" : "/" + t.subresource) + "\" in API group \"" + rt.gvr.group + "\"" +
                      (t.ns.empty() ? " at the cluster scope" : " in the namespace \"" + t.ns + "\"");
    json details = {{"group", rt.gvr.group}, {"kind", rt.gvr.resource}};
    if (!t.name.empty())
        details["name"] = t.name;
    sendStatus(res, 403, "Forbidden", msg, details);
}

// The request body as JSON for a write; on failure the 400 is sent and nullopt returned.
std::optional<json> KubeApi::parseBody(const httplib::Request &req, httplib::Response &res, bool checkMetadata)
{
    json out = json::parse(req.body, nullptr, false);
    if (!out.is_discarded() && checkMetadata) {
        if (const std::string err = metadataTypeError(out); !err.empty()) {
            sendStatus(res, 400, "BadRequest", err);
            return std::nullopt;
        }
    }
    if (out.is_discarded()) {
        sendStatus(res, 400, "BadRequest",
                   std::string("the body of the request was in an unknown format - accepted media types include: "
                               "application/json, application/yaml") +
                       (isKubernetesProtobuf(req.body) ? ", application/vnd.kubernetes.protobuf" : ""));
        return std::nullopt;
    }
    return out;
}

void KubeApi::handleGet(const httplib::Request &req, httplib::Response &res, const Target &t)
{
    auto o = m_store.get(t.rt->gvr, t.ns, t.name);
    if (!o)
        sendError(res, *o.error);
    else if (t.subresource == "scale")
        sendJson(res, 200, scaleOf(*t.rt, t.ns, *o.object));
    else if (acceptsTable(req.get_header_value("Accept")))
        sendJson(res, 200, makeTable(*t.rt, {o.object}, m_clock.wallNow(), true));
    else
        sendJson(res, 200, *o.object);
}

void KubeApi::handleCreate(const httplib::Request &req, httplib::Response &res, const Target &t)
{
    std::optional<json> body = parseBody(req, res, t.subresource != "scale");
    if (!body)
        return;
    if (t.rt->statusSubresource && body->is_object())
        body->erase("status"); // a CRD with a status subresource ignores status on create
    answer(res, m_store.create(t.rt->gvr, t.ns, std::move(*body)), 201);
}

void KubeApi::handleDelete(const httplib::Request &req, httplib::Response &res, const Target &t)
{
    const ResourceType &rt = *t.rt;
    std::optional<std::string> pre;
    if (!req.body.empty()) {
        json opts = json::parse(req.body, nullptr, false);
        if (opts.is_object() && opts.contains("preconditions") && opts["preconditions"].is_object())
            pre = opts["preconditions"].value("resourceVersion", "");
    }
    auto o = m_store.remove(rt.gvr, t.ns, t.name, pre);
    if (!o) {
        sendError(res, *o.error);
        return;
    }
    sendJson(res, 200,
             {{"kind", "Status"},
              {"apiVersion", "v1"},
              {"metadata", json::object()},
              {"status", "Success"},
              {"details",
               {{"name", t.name},
                {"group", rt.gvr.group},
                {"kind", rt.gvr.resource},
                {"uid", (*o.object)["metadata"].value("uid", "")}}}});
}

void KubeApi::handleDeleteCollection(const httplib::Request &req, httplib::Response &res, const Target &t)
{
    const ResourceType &rt = *t.rt;
    ListOptions lo;
    lo.labelSelector = req.get_param_value("labelSelector");
    lo.fieldSelector = req.get_param_value("fieldSelector");
    auto l = m_store.list(rt.gvr, t.ns, lo);
    if (l.error) {
        sendError(res, *l.error);
        return;
    }
    json items = json::array();
    for (const auto &it : l.items) {
        auto o = m_store.remove(rt.gvr, (*it)["metadata"].value("namespace", ""), (*it)["metadata"].value("name", ""));
        if (o)
            items.push_back(*o.object);
    }
    sendJson(
        res, 200,
        {{"kind", rt.listKind()}, {"apiVersion", rt.gvr.apiVersion()}, {"metadata", json::object()}, {"items", items}});
}

// PUT or PATCH of /scale: reads and writes spec.replicas of the main object.
void KubeApi::handleScaleWrite(const httplib::Request &req, httplib::Response &res, const Target &t,
                               const std::string &verb)
{
    const ResourceType &rt = *t.rt;
    auto cur = m_store.get(rt.gvr, t.ns, t.name);
    if (!cur) {
        sendError(res, *cur.error);
        return;
    }
    json scale = scaleOf(rt, t.ns, *cur.object);
    std::optional<json> body = parseBody(req, res, false);
    if (!body)
        return;
    if (verb == "update") {
        scale = *body;
    } else if (req.get_header_value("Content-Type").find("json-patch") != std::string::npos) {
        try {
            scale = scale.patch(*body);
        } catch (const json::exception &e) {
            sendStatus(res, 422, "Invalid", e.what());
            return;
        }
    } else {
        scale.merge_patch(*body);
    }
    if (!scale.contains("spec") || !scale["spec"].is_object() || !scale["spec"].contains("replicas") ||
        !scale["spec"]["replicas"].is_number_integer()) {
        sendStatus(res, 422, "Invalid",
                   "Scale.autoscaling \"" + t.name + "\" is invalid: spec.replicas: Required value");
        return;
    }
    std::optional<std::string> pre;
    if (scale.contains("metadata") && scale["metadata"].is_object())
        pre = scale["metadata"].value("resourceVersion", "");
    const int replicas = scale["spec"]["replicas"].get<int>();
    const std::string currentRv = (*cur.object)["metadata"].value("resourceVersion", "");
    if (pre && !pre->empty() && *pre != currentRv) {
        sendError(res, ApiError{409, "Conflict",
                                "Operation cannot be fulfilled on " + qualified(rt) + " \"" + t.name +
                                    "\": the object has been modified; please apply your changes to the latest "
                                    "version and try again",
                                t.name, rt.gvr.resource, rt.gvr.group});
        return;
    }
    auto o = m_store.mergePatch(rt.gvr, t.ns, t.name,
                                {{"metadata", {{"resourceVersion", currentRv}}}, {"spec", {{"replicas", replicas}}}});
    if (!o)
        sendError(res, *o.error);
    else
        sendJson(res, 200, scaleOf(rt, t.ns, *o.object));
}

void KubeApi::handleUpdate(const httplib::Request &req, httplib::Response &res, const Target &t)
{
    std::optional<json> body = parseBody(req, res, true);
    if (!body)
        return;
    if (body->is_object() && body->contains("metadata") && (*body)["metadata"].is_object() &&
        (*body)["metadata"].value("name", "") != t.name) {
        sendStatus(res, 400, "BadRequest",
                   "the name of the object (" + (*body)["metadata"].value("name", "") +
                       ") does not match the name on the URL (" + t.name + ")");
        return;
    }
    if (body->is_object() && (!body->contains("metadata") || !(*body)["metadata"].is_object()))
        (*body)["metadata"] = {{"name", t.name}};
    const WriteScope scope = t.subresource == "status" ? WriteScope::Status : WriteScope::Main;
    answer(res, m_store.update(t.rt->gvr, t.ns, std::move(*body), scope), 200);
}

void KubeApi::handlePatch(const httplib::Request &req, httplib::Response &res, const Target &t)
{
    const ResourceType &rt = *t.rt;
    const std::string ct = req.get_header_value("Content-Type");
    std::optional<json> body = parseBody(req, res, false);
    if (!body)
        return;
    const WriteScope scope = t.subresource == "status" ? WriteScope::Status : WriteScope::Main;
    const bool custom = rt.gvr.group.find('.') != std::string::npos; // CRDs: argoproj.io, networking.istio.io
    if (ct.rfind("application/json-patch+json", 0) == 0) {
        answer(res, m_store.jsonPatch(rt.gvr, t.ns, t.name, *body, scope), 200);
    } else if (ct.rfind("application/merge-patch+json", 0) == 0 ||
               (!custom && ct.rfind("application/strategic-merge-patch+json", 0) == 0)) {
        // Built-in types: strategic merge is approximated by a merge patch (lists replace).
        answer(res, m_store.mergePatch(rt.gvr, t.ns, t.name, *body, scope), 200);
    } else {
        sendStatus(res, 415, "UnsupportedMediaType",
                   "the body of the request was in an unknown format - accepted media types include: "
                   "application/json-patch+json, application/merge-patch+json" +
                       std::string(custom ? "" : ", application/strategic-merge-patch+json"));
    }
}

void KubeApi::handleList(const httplib::Request &req, httplib::Response &res, const Target &t)
{
    const ResourceType &rt = *t.rt;
    ListOptions lo;
    lo.labelSelector = req.get_param_value("labelSelector");
    lo.fieldSelector = req.get_param_value("fieldSelector");
    lo.continueToken = req.get_param_value("continue");
    if (req.has_param("limit")) {
        try {
            lo.limit = static_cast<std::size_t>(std::max(0LL, std::stoll(req.get_param_value("limit"))));
        } catch (const std::exception &) {
            sendStatus(res, 400, "BadRequest", "invalid limit");
            return;
        }
    }
    auto l = m_store.list(rt.gvr, t.ns, lo);
    if (l.error) {
        sendError(res, *l.error);
        return;
    }
    json meta = {{"resourceVersion", std::to_string(l.resourceVersion)}};
    if (!l.continueToken.empty())
        meta["continue"] = l.continueToken;
    if (l.remainingItemCount)
        meta["remainingItemCount"] = *l.remainingItemCount;
    if (acceptsTable(req.get_header_value("Accept"))) {
        json table = makeTable(rt, l.items, m_clock.wallNow(), req.get_param_value("includeObject") != "None");
        table["metadata"] = meta;
        sendJson(res, 200, table);
        return;
    }
    // Large lists: write the stored serializations side by side instead of building one DOM.
    std::string out;
    out.reserve(64 + l.items.size() * 1024);
    out += R"({"kind":")" + rt.listKind() + R"(","apiVersion":")" + rt.gvr.apiVersion() + R"(","metadata":)" +
           meta.dump() + R"(,"items":[)";
    for (std::size_t i = 0; i < l.items.size(); ++i) {
        if (i)
            out += ',';
        if (i < l.itemsJson.size() && l.itemsJson[i])
            out += *l.itemsJson[i];
        else
            out += l.items[i]->dump();
    }
    out += "]}";
    res.status = 200;
    res.set_content(std::move(out), kJson);
}

// Checks the watch's parameters, opens it on the store and hands the response to a WatchStream.
void KubeApi::handleWatch(const httplib::Request &req, httplib::Response &res, const Target &t)
{
    WatchStream::Options options;
    options.type = t.rt;
    auto labels = LabelSelector::parse(req.get_param_value("labelSelector"));
    if (!labels) {
        sendStatus(res, 400, "BadRequest", "unable to parse requirement: " + labels.error);
        return;
    }
    auto fields = FieldSelector::parse(req.get_param_value("fieldSelector"));
    if (!fields) {
        sendStatus(res, 400, "BadRequest", fields.error);
        return;
    }
    std::optional<std::uint64_t> fromRv;
    const std::string rvText = req.get_param_value("resourceVersion");
    if (!rvText.empty()) {
        try {
            std::size_t used = 0;
            fromRv = std::stoull(rvText, &used);
            if (used != rvText.size())
                throw std::invalid_argument("rv");
        } catch (const std::exception &) {
            sendStatus(res, 400, "BadRequest",
                       "resourceVersion: Invalid value: \"" + rvText + "\": must be an integer");
            return;
        }
    }
    // Without timeoutSeconds the server picks one, as kube-apiserver does (it spreads them between
    // its min-request-timeout and twice that); shorter here so that a watch whose client vanished
    // without a word frees its worker thread within minutes.
    static thread_local std::mt19937 rng{std::random_device{}()};
    options.timeoutSeconds = 300 + static_cast<int>(rng() % 300);
    if (req.has_param("timeoutSeconds")) {
        try {
            options.timeoutSeconds = std::max(0, std::stoi(req.get_param_value("timeoutSeconds")));
        } catch (const std::exception &) {
            sendStatus(res, 400, "BadRequest", "invalid timeoutSeconds");
            return;
        }
    }
    options.labels = *labels.selector;
    options.fields = *fields.selector;
    options.bookmarks = truthy(req.get_param_value("allowWatchBookmarks"));
    options.table = acceptsTable(req.get_header_value("Accept"));
    WatchStart start = m_store.openWatch(t.rt->gvr, t.ns, fromRv);
    options.fault = m_faults.takeWatchFault(req.path);
    if (start.error && start.error->code != 410) {
        sendError(res, *start.error);
        return;
    }
    streamWatch(res, std::make_shared<WatchStream>(std::move(options), std::move(start), m_clock, m_stopping));
}

void KubeApi::streamWatch(httplib::Response &res, std::shared_ptr<WatchStream> stream)
{
    res.status = 200;
    res.set_header("Transfer-Encoding", "chunked");
    res.set_header("Cache-Control", "no-cache, private");
    {
        std::lock_guard lock(m_watchMutex);
        ++m_activeWatches;
    }
    // The stream writes its own chunk framing (not httplib's chunked provider): no response
    // compression, which would hold events back, and full control of the bytes for the
    // truncated-chunk fault. The provider runs outside httplib's handler try-block: an exception
    // here would end the process, so it ends the stream instead (the client sees a dropped watch
    // and relists).
    res.set_content_provider(
        kJson,
        [stream](std::size_t, httplib::DataSink &sink) {
            try {
                return stream->writeNext(sink);
            } catch (const std::exception &) {
                return false;
            }
        },
        [this](bool) {
            std::lock_guard lock(m_watchMutex);
            --m_activeWatches;
            m_watchesDone.notify_all();
        });
}

void KubeApi::handleReview(const httplib::Request &req, httplib::Response &res, const User &user, const Target &t)
{
    const ResourceType &rt = *t.rt;
    json body;
    if (isKubernetesProtobuf(req.body)) {
        std::string err;
        auto decoded = rt.gvr.resource == "selfsubjectaccessreviews" ? decodeSelfSubjectAccessReview(req.body, &err)
                                                                     : std::optional<json>(json::object());
        if (!decoded) {
            sendStatus(res, 400, "BadRequest", "unable to decode protobuf body: " + err);
            return;
        }
        body = *decoded;
    } else {
        body = req.body.empty() ? json::object() : json::parse(req.body, nullptr, false);
        if (body.is_discarded() || !body.is_object()) {
            sendStatus(res, 400, "BadRequest", "the body of the request was in an unknown format");
            return;
        }
    }
    if (rt.gvr.resource == "selfsubjectreviews") {
        sendJson(res, 201,
                 {{"kind", "SelfSubjectReview"},
                  {"apiVersion", "authentication.k8s.io/v1"},
                  {"metadata", {{"creationTimestamp", nullptr}}},
                  {"status", {{"userInfo", {{"username", user.name}, {"groups", user.groups}}}}}});
        return;
    }
    json spec = body.contains("spec") && body["spec"].is_object() ? body["spec"] : json::object();
    AccessRequest ar;
    if (spec.contains("resourceAttributes") && spec["resourceAttributes"].is_object()) {
        const json &ra = spec["resourceAttributes"];
        ar.verb = ra.value("verb", "");
        ar.group = ra.value("group", "");
        ar.resource = ra.value("resource", "");
        ar.subresource = ra.value("subresource", "");
        ar.ns = ra.value("namespace", "");
        ar.name = ra.value("name", "");
    } else if (spec.contains("nonResourceAttributes") && spec["nonResourceAttributes"].is_object()) {
        ar.verb = spec["nonResourceAttributes"].value("verb", "");
        ar.nonResourcePath = spec["nonResourceAttributes"].value("path", "/");
    } else {
        sendStatus(res, 422, "Invalid",
                   "SelfSubjectAccessReview.authorization.k8s.io \"\" is invalid: spec.resourceAttributes: Invalid "
                   "value: \"null\": exactly one of nonResourceAttributes or resourceAttributes must be specified");
        return;
    }
    const bool allowed = isAllowed(user, ar);
    json status = {{"allowed", allowed}};
    if (allowed && !user.admin)
        status["reason"] =
            "RBAC: allowed by ClusterRoleBinding \"rolldeck-viewers\" of ClusterRole \"view\" to User \"" + user.name +
            "\"";
    sendJson(res, 201,
             {{"kind", "SelfSubjectAccessReview"},
              {"apiVersion", "authorization.k8s.io/v1"},
              {"metadata", {{"creationTimestamp", nullptr}}},
              {"spec", spec},
              {"status", status}});
}

} // namespace rdsim
