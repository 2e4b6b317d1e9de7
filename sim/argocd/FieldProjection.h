#pragma once

// Argo CD's `fields` query parameter: which fields of an application a list or stream answer
// carries ("items.metadata.name,items.status.health") or leaves out (a leading "-").

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace rdsim::argocd {

// Applies the projection to one application; prefix is "items." (list) or "result.application."
// (stream). Fields without the prefix are ignored; an empty parameter keeps everything.
nlohmann::json projectApp(const nlohmann::json &app, const std::string &fieldsParam, const std::string &prefix);

// "a,b,,c" -> {"a", "b", "c"}.
std::vector<std::string> splitCommaList(const std::string &text);

} // namespace rdsim::argocd
