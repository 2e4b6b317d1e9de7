#include "FieldProjection.h"

namespace rdsim::argocd {

using nlohmann::json;

namespace {

void copyPath(const json &from, json &to, const std::vector<std::string> &parts, size_t i)
{
    if (!from.is_object())
        return;
    auto it = from.find(parts[i]);
    if (it == from.end())
        return;
    if (i + 1 == parts.size()) {
        to[parts[i]] = *it;
        return;
    }
    if (it->is_array()) {
        json &arr = to[parts[i]];
        if (!arr.is_array())
            arr = json::array();
        for (size_t k = 0; k < it->size(); ++k) {
            if (arr.size() <= k)
                arr.push_back(json::object());
            copyPath((*it)[k], arr[k], parts, i + 1);
        }
        return;
    }
    json &sub = to[parts[i]];
    if (!sub.is_object())
        sub = json::object();
    copyPath(*it, sub, parts, i + 1);
}

void erasePath(json &obj, const std::vector<std::string> &parts, size_t i)
{
    if (!obj.is_object())
        return;
    if (i + 1 == parts.size()) {
        obj.erase(parts[i]);
        return;
    }
    auto it = obj.find(parts[i]);
    if (it != obj.end())
        erasePath(*it, parts, i + 1);
}

std::vector<std::string> splitDots(const std::string &path)
{
    std::vector<std::string> parts;
    std::string cur;
    for (char c : path) {
        if (c == '.') {
            parts.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    parts.push_back(cur);
    return parts;
}

} // namespace

std::vector<std::string> splitCommaList(const std::string &text)
{
    std::vector<std::string> out;
    std::string cur;
    for (char c : text) {
        if (c == ',') {
            if (!cur.empty())
                out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty())
        out.push_back(cur);
    return out;
}

json projectApp(const json &app, const std::string &fieldsParam, const std::string &prefix)
{
    if (fieldsParam.empty())
        return app;
    std::vector<std::string> fields = splitCommaList(fieldsParam);
    bool exclude = !fields.empty() && !fields[0].empty() && fields[0][0] == '-';
    std::vector<std::vector<std::string>> paths;
    for (std::string f : fields) {
        if (!f.empty() && f[0] == '-')
            f = f.substr(1);
        if (f.rfind(prefix, 0) == 0)
            paths.push_back(splitDots(f.substr(prefix.size())));
    }
    if (paths.empty())
        return exclude ? app : json::object();
    if (exclude) {
        json out = app;
        for (const auto &p : paths)
            erasePath(out, p, 0);
        return out;
    }
    json out = json::object();
    for (const auto &p : paths)
        copyPath(app, out, p, 0);
    return out;
}

} // namespace rdsim::argocd
