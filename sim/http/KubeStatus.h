#pragma once

// The v1 Status bodies the Kubernetes API answers errors with, and small response helpers
// shared by the API handlers, discovery and the watch stream.

#include "../Store.h"

#include <nlohmann/json.hpp>

#include <string>

namespace httplib {
struct Response;
}

namespace rdsim::kubestatus {

nlohmann::json statusObject(int code, const std::string &reason, const std::string &message,
                            const nlohmann::json &details = nullptr);
void sendJson(httplib::Response &res, int code, const nlohmann::json &body);
void sendStatus(httplib::Response &res, int code, const std::string &reason, const std::string &message,
                const nlohmann::json &details = nullptr);
void sendError(httplib::Response &res, const ApiError &e);
void sendNotFound(httplib::Response &res);
void sendMethodNotAllowed(httplib::Response &res);

} // namespace rdsim::kubestatus
