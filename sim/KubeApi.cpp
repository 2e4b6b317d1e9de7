#include "KubeApi.h"

#include "Protobuf.h"
#include "Selectors.h"
#include "Tables.h"

#include <httplib.h>

#include <algorithm>
#include <random>
#include <cstdio>
#include <set>
#include <thread>

namespace rdsim {

using nlohmann::json;

namespace {

const char *kJson = "application/json";

json statusObject(int code, const std::string &reason, const std::string &message, const json &details = nullptr)
{
    json s = {{"kind", "Status"},    {"apiVersion", "v1"}, {"metadata", json::object()},
              {"status", "Failure"}, {"message", message}, {"reason", reason},
              {"code", code}};
    if (!details.is_null() && !details.empty())
        s["details"] = details;
    return s;
}

void sendJson(httplib::Response &res, int code, const json &body)
{
    res.status = code;
    res.set_content(body.dump(), kJson);
}

void sendStatus(httplib::Response &res, int code, const std::string &reason, const std::string &message,
                const json &details = nullptr)
{
    sendJson(res, code, statusObject(code, reason, message, details));
}

void sendError(httplib::Response &res, const ApiError &e)
{
    json details = json::object();
    if (!e.name.empty())
        details["name"] = e.name;
    if (!e.group.empty())
        details["group"] = e.group;
    if (!e.kind.empty() && (!e.name.empty() || e.code == 404 || e.code == 409))
        details["kind"] = e.kind;
    sendStatus(res, e.code, e.reason, e.message, details);
}

std::vector<std::string> splitPath(const std::string &path)
{
    std::vector<std::string> out;
    std::size_t start = 1;
    while (start <= path.size()) {
        const std::size_t slash = path.find('/', start);
        const std::string part = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (!part.empty())
            out.push_back(part);
        if (slash == std::string::npos)
            break;
        start = slash + 1;
    }
    return out;
}

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

json apiResource(const ResourceType &rt)
{
    json r = {{"name", rt.gvr.resource},
              {"singularName", rt.singular},
              {"namespaced", rt.namespaced},
              {"kind", rt.kind},
              {"verbs", rt.verbs}};
    if (!rt.shortNames.empty())
        r["shortNames"] = rt.shortNames;
    if (!rt.categories.empty())
        r["categories"] = rt.categories;
    r["storageVersionHash"] = "";
    return r;
}

json resourceList(const std::string &group, const std::string &version)
{
    json resources = json::array();
    for (const auto &rt : resourceCatalog()) {
        if (rt.gvr.group != group || rt.gvr.version != version)
            continue;
        resources.push_back(apiResource(rt));
        if (rt.statusSubresource) {
            resources.push_back({{"name", rt.gvr.resource + "/status"},
                                 {"singularName", ""},
                                 {"namespaced", rt.namespaced},
                                 {"kind", rt.kind},
                                 {"verbs", {"get", "patch", "update"}}});
        }
        if (rt.scaleSubresource) {
            resources.push_back({{"name", rt.gvr.resource + "/scale"},
                                 {"singularName", ""},
                                 {"namespaced", rt.namespaced},
                                 {"group", "autoscaling"},
                                 {"version", "v1"},
                                 {"kind", "Scale"},
                                 {"verbs", {"get", "patch", "update"}}});
        }
    }
    if (resources.empty())
        return nullptr;
    return {{"kind", "APIResourceList"},
            {"apiVersion", "v1"},
            {"groupVersion", group.empty() ? version : group + "/" + version},
            {"resources", resources}};
}

// OpenAPI v3, as much as kubectl needs to trust the server with validation: the per-group-version
// documents list each resource path with its x-kubernetes-group-version-kind and the
// fieldValidation query parameter, so kubectl sends fieldValidation=Strict instead of validating
// client-side against schemas (which this server does not publish).
json openApiV3GroupVersion(const std::string &group, const std::string &version)
{
    json paths = json::object();
    const json fieldValidation = {{"name", "fieldValidation"},
                                  {"in", "query"},
                                  {"description", "fieldValidation instructs the server on how to handle objects in "
                                                  "the request containing unknown or duplicate fields."},
                                  {"schema", {{"type", "string"}, {"uniqueItems", true}}}};
    const json dryRun = {{"name", "dryRun"}, {"in", "query"}, {"schema", {{"type", "string"}, {"uniqueItems", true}}}};
    const json ok = {{"200", {{"description", "OK"}}}};
    for (const auto &rt : resourceCatalog()) {
        if (rt.gvr.group != group || rt.gvr.version != version)
            continue;
        const json gvk = {{"group", group}, {"version", version}, {"kind", rt.kind}};
        const std::string base = (group.empty() ? "/api/" + version : "/apis/" + group + "/" + version) +
                                 (rt.namespaced ? "/namespaces/{namespace}/" : "/") + rt.gvr.resource;
        auto op = [&](const char *action) {
            return json{{"x-kubernetes-action", action},
                        {"x-kubernetes-group-version-kind", gvk},
                        {"parameters", json::array({dryRun, fieldValidation})},
                        {"responses", ok}};
        };
        if (rt.virtualOnly) {
            paths[base] = {{"post", op("post")}};
            continue;
        }
        paths[base] = {{"get", op("list")}, {"post", op("post")}};
        paths[base + "/{name}"] = {
            {"get", op("get")}, {"put", op("put")}, {"patch", op("patch")}, {"delete", op("delete")}};
        if (rt.statusSubresource)
            paths[base + "/{name}/status"] = {{"get", op("get")}, {"put", op("put")}, {"patch", op("patch")}};
    }
    return {{"openapi", "3.0.0"},
            {"info", {{"title", "Kubernetes"}, {"version", "v1.32.0"}}},
            {"paths", paths},
            {"components", {{"schemas", json::object()}}}};
}

std::vector<std::pair<std::string, std::string>> groupVersions()
{
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto &rt : resourceCatalog()) {
        if (rt.gvr.group.empty())
            continue;
        std::pair<std::string, std::string> gv{rt.gvr.group, rt.gvr.version};
        if (std::find(out.begin(), out.end(), gv) == out.end())
            out.push_back(gv);
    }
    return out;
}

json apiGroup(const std::string &group, const std::string &version)
{
    json gv = {{"groupVersion", group + "/" + version}, {"version", version}};
    return {{"name", group}, {"versions", json::array({gv})}, {"preferredVersion", gv}};
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

std::string chunk(const std::string &payload)
{
    char hdr[24];
    std::snprintf(hdr, sizeof hdr, "%zx\r\n", payload.size());
    return hdr + payload + "\r\n";
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

void KubeApi::shutdown()
{
    m_stopping = true;
    m_store.wakeAll();
    // Let open watch streams write their terminating chunk before the listener stops (after
    // that httplib no longer calls the providers). A stream stuck on a slow client is given up.
    std::unique_lock lock(m_watchMutex);
    m_watchesDone.wait_for(lock, std::chrono::seconds(2), [this] { return m_activeWatches == 0; });
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

void KubeApi::handle(const httplib::Request &req, httplib::Response &res)
{
    const std::string &path = req.path;
    // Unauthenticated, as system:public-info-viewer allows on a real cluster.
    if (path == "/version" || path == "/healthz" || path == "/readyz" || path == "/livez") {
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
        } else {
            res.status = 200;
            res.set_content("ok", "text/plain; charset=utf-8");
        }
        return;
    }
    const User *user = userForToken(bearerToken(req));
    if (!user) {
        sendStatus(res, 401, "Unauthorized", "Unauthorized");
        return;
    }
    if (path.rfind("/_sim/", 0) == 0) {
        if (!user->admin) {
            sendStatus(res, 403, "Forbidden",
                       "forbidden: User \"" + user->name + "\" cannot use the simulator admin API");
            return;
        }
        if (!m_adminHandler || !m_adminHandler(req, res))
            sendStatus(res, 404, "NotFound", "the server could not find the requested resource");
        return;
    }
    if (auto fault = m_faults.takeRequestFault(path)) {
        if (fault->kind == FaultKind::Error500) {
            sendStatus(res, 500, "InternalError", "Internal error occurred: injected fault");
            return;
        }
        if (fault->kind == FaultKind::Hang) {
            const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(fault->hangMs);
            while (!m_stopping && std::chrono::steady_clock::now() < until)
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            sendStatus(res, 504, "Timeout", "Timeout: injected hang");
            return;
        }
    }
    if (handleDiscovery(req, res)) {
        if (req.method != "GET") {
            sendStatus(res, 405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
        } else if (!isAllowed(*user, {"get", "", "", "", "", "", path})) {
            sendStatus(res, 403, "Forbidden",
                       "forbidden: User \"" + user->name + "\" cannot get path \"" + path + "\"");
        }
        return;
    }

    // /api/v1/... or /apis/<group>/<version>/...
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
        sendStatus(res, 404, "NotFound", "the server could not find the requested resource");
        return;
    }
    std::vector<std::string> rest(parts.begin() + static_cast<long>(i), parts.end());
    Target t;
    if (!rest.empty() && rest[0] == "watch") {
        t.watchPath = true;
        rest.erase(rest.begin());
    }
    std::string resource;
    if (rest.size() >= 3 && rest[0] == "namespaces" &&
        !(rest.size() == 3 && (rest[2] == "status" || rest[2] == "finalize"))) {
        t.ns = rest[1];
        resource = rest[2];
        if (rest.size() > 3)
            t.name = rest[3];
        if (rest.size() > 4)
            t.subresource = rest[4];
        if (rest.size() > 5) {
            sendStatus(res, 404, "NotFound", "the server could not find the requested resource");
            return;
        }
    } else if (!rest.empty()) {
        resource = rest[0];
        if (rest.size() > 1)
            t.name = rest[1];
        if (rest.size() > 2)
            t.subresource = rest[2];
        if (rest.size() > 3) {
            sendStatus(res, 404, "NotFound", "the server could not find the requested resource");
            return;
        }
    }
    t.rt = findResource(Gvr{group, version, resource});
    if (!t.rt || (!t.rt->namespaced && !t.ns.empty())) {
        sendStatus(res, 404, "NotFound", "the server could not find the requested resource");
        return;
    }
    if (!t.subresource.empty() && !((t.subresource == "status" && t.rt->statusSubresource) ||
                                    (t.subresource == "scale" && t.rt->scaleSubresource))) {
        sendStatus(res, 404, "NotFound", "the server could not find the requested resource");
        return;
    }
    handleResource(req, res, *user, t);
}

bool KubeApi::handleDiscovery(const httplib::Request &req, httplib::Response &res)
{
    const std::string &path = req.path;
    if (path == "/api") {
        const std::string host = req.local_addr + ":" + std::to_string(req.local_port);
        sendJson(res, 200,
                 {{"kind", "APIVersions"},
                  {"versions", {"v1"}},
                  {"serverAddressByClientCIDRs", {{{"clientCIDR", "0.0.0.0/0"}, {"serverAddress", host}}}}});
        return true;
    }
    if (path == "/apis") {
        json groups = json::array();
        for (const auto &[g, v] : groupVersions())
            groups.push_back(apiGroup(g, v));
        sendJson(res, 200, {{"kind", "APIGroupList"}, {"apiVersion", "v1"}, {"groups", groups}});
        return true;
    }
    if (path == "/openapi/v3") {
        json paths = json::object();
        paths["api/v1"] = {{"serverRelativeURL", "/openapi/v3/api/v1?hash=rolldeck-sim"}};
        for (const auto &[g, v] : groupVersions())
            paths["apis/" + g + "/" + v] = {
                {"serverRelativeURL", "/openapi/v3/apis/" + g + "/" + v + "?hash=rolldeck-sim"}};
        sendJson(res, 200, {{"paths", paths}});
        return true;
    }
    if (path.rfind("/openapi/v3/", 0) == 0) {
        auto gv = splitPath(path.substr(std::string("/openapi/v3").size()));
        json doc;
        if (gv.size() == 2 && gv[0] == "api" && gv[1] == "v1")
            doc = openApiV3GroupVersion("", "v1");
        else if (gv.size() == 3 && gv[0] == "apis")
            doc = openApiV3GroupVersion(gv[1], gv[2]);
        if (doc.is_null() || doc["paths"].empty())
            sendStatus(res, 404, "NotFound", "the server could not find the requested resource");
        else
            sendJson(res, 200, doc);
        return true;
    }
    auto parts = splitPath(path);
    if (parts.size() == 2 && parts[0] == "api") {
        json list = resourceList("", parts[1]);
        if (list.is_null())
            sendStatus(res, 404, "NotFound", "the server could not find the requested resource");
        else
            sendJson(res, 200, list);
        return true;
    }
    if (parts.size() == 2 && parts[0] == "apis") {
        for (const auto &[g, v] : groupVersions()) {
            if (g == parts[1]) {
                json grp = apiGroup(g, v);
                grp["kind"] = "APIGroup";
                grp["apiVersion"] = "v1";
                sendJson(res, 200, grp);
                return true;
            }
        }
        sendStatus(res, 404, "NotFound", "the server could not find the requested resource");
        return true;
    }
    if (parts.size() == 3 && parts[0] == "apis") {
        json list = resourceList(parts[1], parts[2]);
        if (list.is_null())
            sendStatus(res, 404, "NotFound", "the server could not find the requested resource");
        else
            sendJson(res, 200, list);
        return true;
    }
    return false;
}

void KubeApi::handleResource(const httplib::Request &req, httplib::Response &res, const User &user, Target &t)
{
    const ResourceType &rt = *t.rt;
    const std::string &m = req.method;
    const bool watch = t.watchPath || (m == "GET" && truthy(req.get_param_value("watch")));
    std::string verb;
    if (m == "GET")
        verb = watch ? "watch" : (t.name.empty() ? "list" : "get");
    else if (m == "POST")
        verb = "create";
    else if (m == "PUT")
        verb = "update";
    else if (m == "PATCH")
        verb = "patch";
    else if (m == "DELETE")
        verb = t.name.empty() ? "deletecollection" : "delete";

    if (rt.virtualOnly) {
        if (verb != "create" || !t.name.empty()) {
            sendStatus(res, 405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
            return;
        }
        handleReview(req, res, user, t);
        return;
    }
    if ((verb == "create" && !t.name.empty()) || ((verb == "update" || verb == "patch") && t.name.empty())) {
        sendStatus(res, 405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
        return;
    }
    if (!isAllowed(user, {verb, rt.gvr.group, rt.gvr.resource, t.subresource, t.ns, t.name, ""})) {
        std::string msg = qualified(rt) + (t.name.empty() ? "" : " \"" + t.name + "\"") + " is forbidden: User \"" +
                          user.name + "\" cannot " + verb + " resource \"" + rt.gvr.resource +
                          (t.subresource.empty() ? "" : "/" + t.subresource) + "\" in API group \"" + rt.gvr.group +
                          "\"" + (t.ns.empty() ? " at the cluster scope" : " in the namespace \"" + t.ns + "\"");
        json details = {{"group", rt.gvr.group}, {"kind", rt.gvr.resource}};
        if (!t.name.empty())
            details["name"] = t.name;
        sendStatus(res, 403, "Forbidden", msg, details);
        return;
    }
    if (rt.namespaced && t.ns.empty() && !t.name.empty()) {
        sendStatus(res, 404, "NotFound", "the server could not find the requested resource");
        return;
    }
    if (rt.namespaced && t.ns.empty() && verb != "list" && verb != "watch") {
        sendStatus(res, 404, "NotFound", "the server could not find the requested resource");
        return;
    }
    if (watch) {
        handleWatch(req, res, t);
        return;
    }
    if (verb == "list") {
        handleList(req, res, t);
        return;
    }

    auto parseBody = [&](json &out) -> bool {
        out = json::parse(req.body, nullptr, false);
        if (!out.is_discarded() && (verb == "create" || verb == "update") && t.subresource != "scale") {
            if (const std::string err = metadataTypeError(out); !err.empty()) {
                sendStatus(res, 400, "BadRequest", err);
                return false;
            }
        }
        if (out.is_discarded()) {
            sendStatus(res, 400, "BadRequest",
                       std::string("the body of the request was in an unknown format - accepted media types include: "
                                   "application/json, application/yaml") +
                           (isKubernetesProtobuf(req.body) ? ", application/vnd.kubernetes.protobuf" : ""));
            return false;
        }
        return true;
    };
    auto answer = [&](const Outcome &o, int okCode) {
        if (!o)
            sendError(res, *o.error);
        else
            sendJson(res, okCode, *o.object);
    };
    auto scaleOf = [&](const json &obj) {
        json meta = {{"name", obj["metadata"].value("name", "")},
                     {"uid", obj["metadata"].value("uid", "")},
                     {"resourceVersion", obj["metadata"].value("resourceVersion", "")},
                     {"creationTimestamp", obj["metadata"].value("creationTimestamp", "")}};
        if (rt.namespaced)
            meta["namespace"] = t.ns;
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
    };
    const WriteScope scope = t.subresource == "status" ? WriteScope::Status : WriteScope::Main;

    if (verb == "get") {
        auto o = m_store.get(rt.gvr, t.ns, t.name);
        if (!o) {
            sendError(res, *o.error);
        } else if (t.subresource == "scale") {
            sendJson(res, 200, scaleOf(*o.object));
        } else if (acceptsTable(req.get_header_value("Accept"))) {
            sendJson(res, 200, makeTable(rt, {o.object}, m_clock.wallNow(), true));
        } else {
            sendJson(res, 200, *o.object);
        }
        return;
    }
    if (verb == "create") {
        json body;
        if (!parseBody(body))
            return;
        if (rt.statusSubresource && body.is_object())
            body.erase("status"); // a CRD with a status subresource ignores status on create
        answer(m_store.create(rt.gvr, t.ns, std::move(body)), 201);
        return;
    }
    if (verb == "delete") {
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
        json ok = {{"kind", "Status"},
                   {"apiVersion", "v1"},
                   {"metadata", json::object()},
                   {"status", "Success"},
                   {"details",
                    {{"name", t.name},
                     {"group", rt.gvr.group},
                     {"kind", rt.gvr.resource},
                     {"uid", (*o.object)["metadata"].value("uid", "")}}}};
        sendJson(res, 200, ok);
        return;
    }
    if (verb == "deletecollection") {
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
            auto o =
                m_store.remove(rt.gvr, (*it)["metadata"].value("namespace", ""), (*it)["metadata"].value("name", ""));
            if (o)
                items.push_back(*o.object);
        }
        sendJson(res, 200,
                 {{"kind", rt.listKind()},
                  {"apiVersion", rt.gvr.apiVersion()},
                  {"metadata", json::object()},
                  {"items", items}});
        return;
    }
    if (t.subresource == "scale") {
        // Scale reads and writes spec.replicas of the main object.
        auto cur = m_store.get(rt.gvr, t.ns, t.name);
        if (!cur) {
            sendError(res, *cur.error);
            return;
        }
        json scale = scaleOf(*cur.object);
        json body;
        if (!parseBody(body))
            return;
        if (verb == "update") {
            scale = body;
        } else {
            const std::string ct = req.get_header_value("Content-Type");
            if (ct.find("json-patch") != std::string::npos) {
                try {
                    scale = scale.patch(body);
                } catch (const json::exception &e) {
                    sendStatus(res, 422, "Invalid", e.what());
                    return;
                }
            } else {
                scale.merge_patch(body);
            }
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
        auto o = m_store.mergePatch(
            rt.gvr, t.ns, t.name, {{"metadata", {{"resourceVersion", currentRv}}}, {"spec", {{"replicas", replicas}}}});
        if (!o)
            sendError(res, *o.error);
        else
            sendJson(res, 200, scaleOf(*o.object));
        return;
    }
    if (verb == "update") {
        json body;
        if (!parseBody(body))
            return;
        if (body.is_object() && body.contains("metadata") && body["metadata"].is_object() &&
            body["metadata"].value("name", "") != t.name) {
            sendStatus(res, 400, "BadRequest",
                       "the name of the object (" + body["metadata"].value("name", "") +
                           ") does not match the name on the URL (" + t.name + ")");
            return;
        }
        if (body.is_object() && (!body.contains("metadata") || !body["metadata"].is_object()))
            body["metadata"] = {{"name", t.name}};
        answer(m_store.update(rt.gvr, t.ns, std::move(body), scope), 200);
        return;
    }
    if (verb == "patch") {
        const std::string ct = req.get_header_value("Content-Type");
        json body;
        if (!parseBody(body))
            return;
        const bool custom = rt.gvr.group.find('.') != std::string::npos; // CRDs: argoproj.io, networking.istio.io
        if (ct.rfind("application/json-patch+json", 0) == 0) {
            answer(m_store.jsonPatch(rt.gvr, t.ns, t.name, body, scope), 200);
        } else if (ct.rfind("application/merge-patch+json", 0) == 0 ||
                   (!custom && ct.rfind("application/strategic-merge-patch+json", 0) == 0)) {
            // Built-in types: strategic merge is approximated by a merge patch (lists replace).
            answer(m_store.mergePatch(rt.gvr, t.ns, t.name, body, scope), 200);
        } else {
            sendStatus(res, 415, "UnsupportedMediaType",
                       "the body of the request was in an unknown format - accepted media types include: "
                       "application/json-patch+json, application/merge-patch+json" +
                           std::string(custom ? "" : ", application/strategic-merge-patch+json"));
        }
        return;
    }
    sendStatus(res, 405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
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

void KubeApi::handleWatch(const httplib::Request &req, httplib::Response &res, const Target &t)
{
    const ResourceType &rt = *t.rt;
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
    int timeoutSeconds = 300 + static_cast<int>(rng() % 300);
    if (req.has_param("timeoutSeconds")) {
        try {
            timeoutSeconds = std::max(0, std::stoi(req.get_param_value("timeoutSeconds")));
        } catch (const std::exception &) {
            sendStatus(res, 400, "BadRequest", "invalid timeoutSeconds");
            return;
        }
    }

    struct State
    {
        LabelSelector labels;
        FieldSelector fields;
        bool filtering = false;
        bool bookmarks = false;
        bool table = false;
        bool tableHeaderSent = false;
        WatchStart start;
        bool initialSent = false;
        bool finished = false;
        std::chrono::steady_clock::time_point deadline;
        std::chrono::steady_clock::time_point nextBookmark;
        std::chrono::steady_clock::time_point nextHeartbeat;
        std::uint64_t lastBookmarkRv = 0;
        std::optional<FaultSpec> fault;
        int sent = 0;
    };
    auto st = std::make_shared<State>();
    st->labels = *labels.selector;
    st->fields = *fields.selector;
    st->filtering = !st->labels.empty() || !st->fields.empty();
    st->bookmarks = truthy(req.get_param_value("allowWatchBookmarks"));
    st->table = acceptsTable(req.get_header_value("Accept"));
    st->start = m_store.openWatch(rt.gvr, t.ns, fromRv);
    st->deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeoutSeconds);
    st->nextBookmark = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    st->nextHeartbeat = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    st->fault = m_faults.takeWatchFault(req.path);
    if (st->start.cursor)
        st->start.cursor->setWantObjects(st->filtering || st->table); // streaming needs only the serialization
    if (st->start.error && st->start.error->code != 410) {
        sendError(res, *st->start.error);
        return;
    }

    auto matches = [st](const ObjectPtr &obj) {
        if (!obj)
            return false;
        const json &meta = (*obj)["metadata"];
        return st->labels.matches(meta.contains("labels") ? meta["labels"] : json()) && st->fields.matches(*obj);
    };
    const ResourceType *rtp = &rt;
    Clock *clock = &m_clock;
    auto line = [st, rtp, clock](const std::string &type, const ObjectPtr &obj, const std::string *serialized) {
        std::string out = R"({"type":")" + type + R"(","object":)";
        if (st->table) {
            out += makeTable(*rtp, {obj}, clock->wallNow(), !st->tableHeaderSent).dump();
            st->tableHeaderSent = true;
        } else {
            out += serialized ? *serialized : obj->dump();
        }
        out += "}\n";
        return out;
    };

    res.status = 200;
    res.set_header("Transfer-Encoding", "chunked");
    res.set_header("Cache-Control", "no-cache, private");
    // Our own chunk framing (not httplib's chunked provider): no response compression, which
    // would hold events back, and full control of the bytes for the truncated-chunk fault.
    auto produce = [this, st, matches, line, rtp](httplib::DataSink &sink) -> bool {
        if (st->finished) {
            sink.done();
            return true;
        }
        std::string payload;
        int events = 0;
        bool finish = false;
        if (!st->initialSent) {
            st->initialSent = true;
            if (st->start.error) {
                const ApiError &e = *st->start.error;
                payload += R"({"type":"ERROR","object":)" + statusObject(e.code, e.reason, e.message).dump() + "}\n";
                finish = true;
            }
            for (std::size_t i = 0; i < st->start.initial.size(); ++i) {
                const ObjectPtr &obj = st->start.initial[i];
                if (!st->filtering || matches(obj)) {
                    payload +=
                        line("ADDED", obj, i < st->start.initialJson.size() ? st->start.initialJson[i].get() : nullptr);
                    ++events;
                }
            }
        } else {
            const auto now = std::chrono::steady_clock::now();
            const auto wait = std::min(std::chrono::duration_cast<std::chrono::milliseconds>(st->deadline - now),
                                       std::chrono::milliseconds(250));
            bool expired = false;
            auto evs = st->start.cursor->next(std::max(wait, std::chrono::milliseconds(0)), &expired);
            for (const auto &ev : evs) {
                if (!st->filtering) {
                    payload += line(ev.type, ev.object, ev.json.get());
                    ++events;
                    continue;
                }
                const bool now = matches(ev.object);
                const bool before = ev.type != "ADDED" && matches(ev.previous);
                std::string type;
                if (ev.type == "ADDED" && now)
                    type = "ADDED";
                else if (ev.type == "MODIFIED")
                    type = now && before ? "MODIFIED" : now ? "ADDED" : before ? "DELETED" : "";
                else if (ev.type == "DELETED" && before)
                    type = "DELETED";
                if (!type.empty()) {
                    payload += line(type, ev.object, ev.json.get());
                    ++events;
                }
            }
            if (expired) {
                const std::string msg = "too old resource version: " + std::to_string(st->start.cursor->position());
                payload += R"({"type":"ERROR","object":)" + statusObject(410, "Expired", msg).dump() + "}\n";
                finish = true;
            }
            if (st->bookmarks && std::chrono::steady_clock::now() >= st->nextBookmark) {
                st->nextBookmark = std::chrono::steady_clock::now() + std::chrono::seconds(1);
                const std::uint64_t pos = st->start.cursor->position();
                // A bookmark when the position moved, and at least every 30 s as a heartbeat (a
                // write is how a vanished client is noticed).
                const bool heartbeat = std::chrono::steady_clock::now() >= st->nextHeartbeat;
                if ((pos != st->lastBookmarkRv || heartbeat) && !finish) {
                    st->nextHeartbeat = std::chrono::steady_clock::now() + std::chrono::seconds(30);
                    st->lastBookmarkRv = pos;
                    json bm = {
                        {"kind", rtp->kind},
                        {"apiVersion", rtp->gvr.apiVersion()},
                        {"metadata", {{"resourceVersion", std::to_string(pos)}, {"creationTimestamp", nullptr}}}};
                    payload += R"({"type":"BOOKMARK","object":)" + bm.dump() + "}\n";
                }
            }
            if (std::chrono::steady_clock::now() >= st->deadline)
                finish = true;
        }
        if (m_stopping)
            finish = true;
        st->sent += events;
        if (st->fault && st->sent >= st->fault->afterEvents) {
            const FaultKind kind = st->fault->kind;
            st->fault.reset();
            if (kind == FaultKind::GarbageLine) {
                payload += "this is not JSON {\n";
            } else {
                if (!payload.empty() && !sink.write(chunk(payload).data(), chunk(payload).size()))
                    return false;
                if (kind == FaultKind::TruncateChunk) {
                    const std::string partial = R"({"type":"MODIFIED","object":{"kind":")" + rtp->kind;
                    char hdr[24];
                    std::snprintf(hdr, sizeof hdr, "%zx\r\n", partial.size() + 512);
                    const std::string bytes = hdr + partial;
                    sink.write(bytes.data(), bytes.size());
                }
                return false; // close the connection without the terminating chunk
            }
        }
        if (!payload.empty()) {
            const std::string framed = chunk(payload);
            if (!sink.write(framed.data(), framed.size()))
                return false;
        }
        if (finish) {
            static const std::string terminator = "0\r\n\r\n";
            sink.write(terminator.data(), terminator.size());
            st->finished = true;
            sink.done();
        }
        return true;
    };
    // The provider runs outside httplib's handler try-block: an exception here would end the
    // process, so it ends the stream instead (the client sees a dropped watch and relists).
    {
        std::lock_guard lock(m_watchMutex);
        ++m_activeWatches;
    }
    res.set_content_provider(
        kJson,
        [produce](std::size_t, httplib::DataSink &sink) {
            try {
                return produce(sink);
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
