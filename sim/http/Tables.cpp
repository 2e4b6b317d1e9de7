#include "Tables.h"

namespace rdsim {

using nlohmann::json;

namespace {

struct Column
{
    const char *name;
    const char *type;
    const char *format;
    const char *description;
};

std::vector<Column> columnsFor(const ResourceType &rt)
{
    const Column nameCol{"Name", "string", "name", "Name must be unique within a namespace."};
    const Column ageCol{"Age", "date", "", "CreationTimestamp is a timestamp representing the server time."};
    if (rt.gvr == kRollouts) {
        return {nameCol,
                {"Desired", "integer", "", "Number of desired pods"},
                {"Current", "integer", "", "Total number of non-terminated pods targeted by this rollout"},
                {"Up-to-date", "integer", "",
                 "Total number of non-terminated pods targeted by this rollout that have the desired template spec"},
                {"Available", "integer", "",
                 "Total number of available pods (ready for at least minReadySeconds) targeted by this rollout"},
                ageCol};
    }
    if (rt.gvr == kReplicaSets) {
        return {nameCol,
                {"Desired", "integer", "", "Number of desired pods."},
                {"Current", "integer", "", "Number of actual pods."},
                {"Ready", "integer", "", "Number of ready pods."},
                ageCol};
    }
    if (rt.gvr == kPods) {
        return {nameCol,
                {"Ready", "string", "", "The aggregate readiness state of this pod for accepting traffic."},
                {"Status", "string", "", "The aggregate status of the containers in this pod."},
                {"Restarts", "string", "", "The number of times the containers in this pod have been restarted."},
                ageCol};
    }
    if (rt.gvr == kAnalysisRuns || rt.gvr == kExperiments)
        return {nameCol, {"Status", "string", "", "Phase"}, ageCol};
    return {nameCol, ageCol};
}

// Field readers that tolerate a wrong type (a table must render whatever clients stored).
std::string strOf(const json &obj, const char *key, const std::string &fallback = {})
{
    if (!obj.is_object())
        return fallback;
    auto it = obj.find(key);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : fallback;
}

json intAt(const json &obj, const char *a, const char *b)
{
    if (obj.contains(a) && obj[a].is_object() && obj[a].contains(b) && obj[a][b].is_number_integer())
        return obj[a][b];
    return nullptr;
}

json cellsFor(const ResourceType &rt, const json &obj, Clock::TimePoint now)
{
    const json &meta = obj["metadata"];
    const std::string name = strOf(meta, "name");
    std::string age = "<unknown>";
    if (meta.contains("creationTimestamp") && meta["creationTimestamp"].is_string()) {
        if (auto t = Clock::parseRfc3339(meta["creationTimestamp"].get<std::string>()))
            age = humanAge(*t, now);
    }
    if (rt.gvr == kRollouts) {
        return json::array({name, intAt(obj, "spec", "replicas"), intAt(obj, "status", "replicas"),
                            intAt(obj, "status", "updatedReplicas"), intAt(obj, "status", "availableReplicas"), age});
    }
    if (rt.gvr == kReplicaSets) {
        auto num = [](const json &v) { return v.is_null() ? json(0) : v; };
        return json::array({name, num(intAt(obj, "spec", "replicas")), num(intAt(obj, "status", "replicas")),
                            num(intAt(obj, "status", "readyReplicas")), age});
    }
    if (rt.gvr == kPods) {
        int total = 0;
        int ready = 0;
        int restarts = 0;
        if (obj.contains("spec") && obj["spec"].contains("containers") && obj["spec"]["containers"].is_array())
            total = static_cast<int>(obj["spec"]["containers"].size());
        std::string status;
        if (obj.contains("status") && obj["status"].is_object()) {
            const json &st = obj["status"];
            status = strOf(st, "reason", strOf(st, "phase"));
            if (st.contains("containerStatuses") && st["containerStatuses"].is_array()) {
                for (const auto &cs : st["containerStatuses"]) {
                    if (cs.is_object() && cs.contains("ready") && cs["ready"].is_boolean() && cs["ready"].get<bool>())
                        ++ready;
                    if (cs.is_object() && cs.contains("restartCount") && cs["restartCount"].is_number_integer())
                        restarts += cs["restartCount"].get<int>();
                    if (cs.is_object() && cs.contains("state") && cs["state"].is_object() &&
                        cs["state"].contains("waiting"))
                        status = strOf(cs["state"]["waiting"], "reason", status);
                }
            }
        }
        if (meta.contains("deletionTimestamp"))
            status = "Terminating";
        return json::array(
            {name, std::to_string(ready) + "/" + std::to_string(total), status, std::to_string(restarts), age});
    }
    if (rt.gvr == kAnalysisRuns || rt.gvr == kExperiments) {
        std::string phase;
        if (obj.contains("status") && obj["status"].is_object())
            phase = strOf(obj["status"], "phase");
        return json::array({name, phase, age});
    }
    return json::array({name, age});
}

} // namespace

bool acceptsTable(const std::string &acceptHeader)
{
    return acceptHeader.find("as=Table") != std::string::npos;
}

std::string humanAge(Clock::TimePoint created, Clock::TimePoint now)
{
    const auto secs = std::chrono::duration_cast<std::chrono::seconds>(now - created).count();
    if (secs < 0)
        return "0s";
    // The shape of k8s.io/apimachinery's HumanDuration, to the precision kubectl shows.
    if (secs < 120)
        return std::to_string(secs) + "s";
    const auto mins = secs / 60;
    if (mins < 10)
        return std::to_string(mins) + "m" + (secs % 60 ? std::to_string(secs % 60) + "s" : "");
    if (mins < 180)
        return std::to_string(mins) + "m";
    const auto hours = mins / 60;
    if (hours < 8)
        return std::to_string(hours) + "h" + (mins % 60 ? std::to_string(mins % 60) + "m" : "");
    if (hours < 48)
        return std::to_string(hours) + "h";
    const auto days = hours / 24;
    if (days < 8)
        return std::to_string(days) + "d" + (hours % 24 ? std::to_string(hours % 24) + "h" : "");
    if (days < 730)
        return std::to_string(days) + "d";
    return std::to_string(days / 365) + "y";
}

json makeTable(const ResourceType &rt, const std::vector<ObjectPtr> &items, Clock::TimePoint now, bool withColumns)
{
    json table = {{"kind", "Table"}, {"apiVersion", "meta.k8s.io/v1"}, {"metadata", json::object()}};
    json cols = json::array();
    if (withColumns) {
        int priority = 0;
        for (const auto &c : columnsFor(rt)) {
            cols.push_back({{"name", c.name},
                            {"type", c.type},
                            {"format", c.format},
                            {"description", c.description},
                            {"priority", priority}});
        }
    }
    table["columnDefinitions"] = cols;
    json rows = json::array();
    for (const auto &item : items) {
        json partial = {
            {"kind", "PartialObjectMetadata"}, {"apiVersion", "meta.k8s.io/v1"}, {"metadata", (*item)["metadata"]}};
        rows.push_back({{"cells", cellsFor(rt, *item, now)}, {"object", partial}});
    }
    table["rows"] = rows;
    return table;
}

} // namespace rdsim
