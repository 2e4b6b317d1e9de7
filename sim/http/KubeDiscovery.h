#pragma once

// Discovery for kubectl and client-go: /api, /apis, the group and resource lists of the
// resource catalog, and the OpenAPI v3 index with per-group-version paths (no schemas).

#include <string>
#include <vector>

namespace httplib {
struct Request;
struct Response;
} // namespace httplib

namespace rdsim {

// Answers a discovery path (the caller checks method and access). False: not a discovery path.
bool serveDiscovery(const httplib::Request &req, httplib::Response &res);

// "/apis/argoproj.io/v1alpha1/rollouts" -> {"apis", "argoproj.io", "v1alpha1", "rollouts"}.
std::vector<std::string> splitPath(const std::string &path);

} // namespace rdsim
