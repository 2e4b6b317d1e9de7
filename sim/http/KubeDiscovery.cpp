#include "KubeDiscovery.h"

#include "../Resources.h"
#include "KubeStatus.h"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace rdsim {

using nlohmann::json;
using namespace kubestatus;

namespace {

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

} // namespace

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

bool serveDiscovery(const httplib::Request &req, httplib::Response &res)
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
            sendNotFound(res);
        else
            sendJson(res, 200, doc);
        return true;
    }
    auto parts = splitPath(path);
    if (parts.size() == 2 && parts[0] == "api") {
        json list = resourceList("", parts[1]);
        if (list.is_null())
            sendNotFound(res);
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
        sendNotFound(res);
        return true;
    }
    if (parts.size() == 3 && parts[0] == "apis") {
        json list = resourceList(parts[1], parts[2]);
        if (list.is_null())
            sendNotFound(res);
        else
            sendJson(res, 200, list);
        return true;
    }
    return false;
}

} // namespace rdsim
