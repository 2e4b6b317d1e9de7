#include "KubeStatus.h"

#include <httplib.h>

namespace rdsim::kubestatus {

using nlohmann::json;

json statusObject(int code, const std::string &reason, const std::string &message, const json &details)
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
    res.set_content(body.dump(), "application/json");
}

void sendStatus(httplib::Response &res, int code, const std::string &reason, const std::string &message,
                const json &details)
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

void sendNotFound(httplib::Response &res)
{
    sendStatus(res, 404, "NotFound", "the server could not find the requested resource");
}

void sendMethodNotAllowed(httplib::Response &res)
{
    sendStatus(res, 405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
}

} // namespace rdsim::kubestatus
