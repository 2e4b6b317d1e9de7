#include "Analysis.h"

#include "../controller/TimeText.h"

#include <cctype>
#include <cstdlib>

namespace rdsim::analysis {

using nlohmann::json;

namespace {

int64_t intField(const json &obj, const char *key, int64_t fallback)
{
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null())
        return fallback;
    if (it->is_number())
        return it->get<int64_t>();
    if (it->is_string()) {
        const std::string s = it->get<std::string>();
        char *end = nullptr;
        const long long v = std::strtoll(s.c_str(), &end, 10);
        if (end != s.c_str() && *end == '\0')
            return v;
    }
    return fallback;
}

void bump(json &obj, const char *key, int64_t by = 1)
{
    obj[key] = intField(obj, key, 0) + by;
}

void zero(json &obj, const char *key)
{
    obj.erase(key);
}

// Effective number of measurements; 0 = unbounded.
int64_t effectiveCount(const json &metric)
{
    const int64_t count = intField(metric, "count", 0);
    if (count > 0)
        return count;
    if (!metric.contains("interval") || metric["interval"].is_null())
        return 1;
    return 0;
}

std::string metricMessagePrefix(const std::string &name, const std::string &phase)
{
    return "Metric \"" + name + "\" assessed " + phase + " due to ";
}

} // namespace

int64_t parseDurationMs(const json &value)
{
    if (value.is_number_integer())
        return value.get<int64_t>() * 1000;
    if (value.is_number())
        return static_cast<int64_t>(value.get<double>() * 1000);
    if (!value.is_string())
        return -1;
    const std::string s = value.get<std::string>();
    if (s.empty())
        return -1;
    bool allDigits = true;
    for (char c : s)
        allDigits = allDigits && std::isdigit(static_cast<unsigned char>(c));
    if (allDigits)
        return std::strtoll(s.c_str(), nullptr, 10) * 1000;
    double total = 0;
    size_t i = 0;
    while (i < s.size()) {
        size_t j = i;
        while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.'))
            ++j;
        if (j == i)
            return -1;
        const double num = std::strtod(s.substr(i, j - i).c_str(), nullptr);
        size_t k = j;
        while (k < s.size() && std::isalpha(static_cast<unsigned char>(s[k])))
            ++k;
        const std::string unit = s.substr(j, k - j);
        double mult;
        if (unit == "h")
            mult = 3600e3;
        else if (unit == "m")
            mult = 60e3;
        else if (unit == "s")
            mult = 1e3;
        else if (unit == "ms")
            mult = 1;
        else if (unit == "us" || unit == "µs")
            mult = 1e-3;
        else if (unit == "ns")
            mult = 1e-6;
        else
            return -1;
        total += num * mult;
        i = k;
    }
    // A duration no int64 of milliseconds can hold is not a duration (and converting it would be undefined).
    if (!(total > -9.2e18 && total < 9.2e18))
        return -1;
    return static_cast<int64_t>(total);
}

int phaseRank(const std::string &phase)
{
    if (phase == "Successful")
        return 0;
    if (phase == "Running")
        return 1;
    if (phase == "Pending" || phase.empty())
        return 2;
    if (phase == "Inconclusive")
        return 3;
    if (phase == "Error")
        return 4;
    if (phase == "Failed")
        return 5;
    return 2;
}

bool isCompleted(const std::string &phase)
{
    return phase == "Successful" || phase == "Failed" || phase == "Error" || phase == "Inconclusive";
}

std::string assessMeasurement(const json &metric, const ExprValue &value, std::string *error)
{
    const std::string successCond = metric.value("successCondition", std::string());
    const std::string failureCond = metric.value("failureCondition", std::string());
    if (successCond.empty() && failureCond.empty())
        return "Successful";
    bool success = false;
    bool failure = false;
    if (!successCond.empty()) {
        ExprResult r = Expr::evaluateCondition(successCond, value);
        if (!r.ok) {
            *error = r.error;
            return "Error";
        }
        success = r.value;
    }
    if (!failureCond.empty()) {
        ExprResult r = Expr::evaluateCondition(failureCond, value);
        if (!r.ok) {
            *error = r.error;
            return "Error";
        }
        failure = r.value;
    }
    if (successCond.empty())
        success = !failure;
    if (failureCond.empty())
        failure = !success;
    if (failure)
        return "Failed";
    if (!success)
        return "Inconclusive";
    return "Successful";
}

std::string assessMetric(const json &metric, const json &result, bool terminating, std::string *message)
{
    const int64_t failed = intField(result, "failed", 0);
    const int64_t inconclusive = intField(result, "inconclusive", 0);
    const int64_t consecutiveError = intField(result, "consecutiveError", 0);
    const int64_t consecutiveSuccess = intField(result, "consecutiveSuccess", 0);
    const int64_t count = intField(result, "count", 0);
    const int64_t failureLimit = intField(metric, "failureLimit", 0);
    const int64_t inconclusiveLimit = intField(metric, "inconclusiveLimit", 0);
    const int64_t consecutiveErrorLimit = intField(metric, "consecutiveErrorLimit", 4);
    const int64_t consecutiveSuccessLimit = intField(metric, "consecutiveSuccessLimit", 0);

    std::string phase;
    if (failureLimit >= 0 && failed > failureLimit) {
        phase = "Failed";
        *message = "failed (" + std::to_string(failed) + ") > failureLimit (" + std::to_string(failureLimit) + ")";
    }
    if (inconclusive > inconclusiveLimit) {
        phase = "Inconclusive";
        *message = "inconclusive (" + std::to_string(inconclusive) + ") > inconclusiveLimit (" +
                   std::to_string(inconclusiveLimit) + ")";
    }
    if (consecutiveError > consecutiveErrorLimit) {
        phase = "Error";
        *message = "consecutiveErrors (" + std::to_string(consecutiveError) + ") > consecutiveErrorLimit (" +
                   std::to_string(consecutiveErrorLimit) + ")";
    }
    if (!phase.empty())
        return phase;
    if (consecutiveSuccessLimit > 0 && consecutiveSuccess >= consecutiveSuccessLimit) {
        *message = "consecutiveSuccess (" + std::to_string(consecutiveSuccess) + ") >= consecutiveSuccessLimit (" +
                   std::to_string(consecutiveSuccessLimit) + ")";
        return "Successful";
    }
    const int64_t effective = effectiveCount(metric);
    if (effective > 0 && count >= effective) {
        if (consecutiveSuccessLimit > 0 && failureLimit >= 0) {
            *message = "count (" + std::to_string(count) + ") reached, consecutiveSuccessLimit (" +
                       std::to_string(consecutiveSuccessLimit) + ") not reached";
            return "Inconclusive";
        }
        if (consecutiveSuccessLimit > 0) {
            *message = "count (" + std::to_string(count) + ") reached, consecutiveSuccessLimit (" +
                       std::to_string(consecutiveSuccessLimit) + ") not reached";
            return "Failed";
        }
        return "Successful";
    }
    if (terminating) {
        *message = "metric terminated";
        return "Successful";
    }
    return "Running";
}

bool reconcileRun(json &run, int64_t nowMs, const MeasureFn &measure, int64_t *nextDueMs, const TimeMap &times)
{
    json &status = run["status"];
    if (!status.is_object())
        status = json::object();
    const std::string runPhase = status.value("phase", std::string());
    if (isCompleted(runPhase))
        return false;

    bool changed = false;
    const std::string now = times.stamp(nowMs);
    if (runPhase.empty() || runPhase == "Pending") {
        status["phase"] = "Running";
        status["startedAt"] = now;
        changed = true;
    }
    const int64_t startedMs = times.read(status.value("startedAt", now));
    const json &spec = run["spec"];
    const json metrics = spec.value("metrics", json::array());
    const json args = spec.value("args", json::array());
    if (!status.contains("metricResults") || !status["metricResults"].is_array())
        status["metricResults"] = json::array();
    json &results = status["metricResults"];

    auto findResult = [&](const std::string &name) -> json * {
        for (json &r : results)
            if (r.value("name", std::string()) == name)
                return &r;
        return nullptr;
    };

    bool terminating = spec.value("terminate", false);
    for (const json &r : results) {
        const std::string p = r.value("phase", std::string());
        if (p == "Failed" || p == "Error")
            terminating = true;
    }

    // Take the measurements that are due.
    for (const json &metric : metrics) {
        const std::string name = metric.value("name", std::string());
        json *res = findResult(name);
        if (!res) {
            results.push_back(json{{"name", name}, {"phase", "Running"}});
            res = &results.back();
            changed = true;
        }
        if (isCompleted(res->value("phase", std::string())) || terminating)
            continue;
        int64_t dueMs;
        const json &measurements = res->contains("measurements") ? (*res)["measurements"] : json::array();
        if (measurements.empty()) {
            const int64_t delay = metric.contains("initialDelay") ? parseDurationMs(metric["initialDelay"]) : 0;
            dueMs = startedMs + std::max<int64_t>(delay, 0);
        } else {
            const int64_t interval = metric.contains("interval") ? parseDurationMs(metric["interval"]) : 0;
            dueMs = times.read(measurements.back().value("finishedAt", now)) + std::max<int64_t>(interval, 0);
        }
        if (dueMs > nowMs) {
            if (*nextDueMs < 0 || dueMs < *nextDueMs)
                *nextDueMs = dueMs;
            continue;
        }
        MeasureOutcome outcome = measure(metric, args);
        json m = json{{"phase", ""}, {"startedAt", now}, {"finishedAt", now}};
        std::string phase;
        if (!outcome.ok) {
            phase = "Error";
            m["message"] = outcome.error;
        } else {
            std::string err;
            phase = assessMeasurement(metric, outcome.value, &err);
            m["value"] = outcome.valueText;
            if (phase == "Error")
                m["message"] = err;
        }
        m["phase"] = phase;
        if (phase == "Successful") {
            bump(*res, "successful");
            bump(*res, "count");
            bump(*res, "consecutiveSuccess");
            zero(*res, "consecutiveError");
        } else if (phase == "Failed") {
            bump(*res, "failed");
            bump(*res, "count");
            zero(*res, "consecutiveError");
            zero(*res, "consecutiveSuccess");
        } else if (phase == "Inconclusive") {
            bump(*res, "inconclusive");
            bump(*res, "count");
            zero(*res, "consecutiveError");
            zero(*res, "consecutiveSuccess");
        } else {
            bump(*res, "error");
            bump(*res, "consecutiveError");
            zero(*res, "consecutiveSuccess");
        }
        json &list = (*res)["measurements"];
        if (!list.is_array())
            list = json::array();
        list.push_back(m);
        constexpr size_t kRetention = 10;
        while (list.size() > kRetention)
            list.erase(list.begin());
        changed = true;

        std::string msg;
        const std::string metricPhase = assessMetric(metric, *res, false, &msg);
        if (metricPhase != res->value("phase", std::string())) {
            (*res)["phase"] = metricPhase;
            if (metricPhase != "Running" && metricPhase != "Successful")
                (*res)["message"] = msg;
        }
        if (metricPhase == "Failed" || metricPhase == "Error")
            terminating = true;
        if (!isCompleted(metricPhase)) {
            const int64_t interval = metric.contains("interval") ? parseDurationMs(metric["interval"]) : 0;
            const int64_t next = nowMs + std::max<int64_t>(interval, 1000);
            if (*nextDueMs < 0 || next < *nextDueMs)
                *nextDueMs = next;
        }
    }

    // Terminating: every running metric ends.
    if (terminating) {
        for (const json &metric : metrics) {
            json *res = findResult(metric.value("name", std::string()));
            if (!res || isCompleted(res->value("phase", std::string())))
                continue;
            std::string msg;
            const std::string p = assessMetric(metric, *res, true, &msg);
            (*res)["phase"] = p;
            (*res)["message"] = msg;
            if (p == "Successful" && spec.value("terminate", false)) {
                json &list = (*res)["measurements"];
                if (list.is_array() && !list.empty() && list.back().value("phase", std::string()) == "Running")
                    list.back()["phase"] = "Successful";
            }
            changed = true;
        }
    }

    // Run phase: worst metric phase once every metric completed.
    bool allCompleted = true;
    std::string worst = "Successful";
    std::string worstName;
    std::string worstMessage;
    json summary = json::object();
    summary["count"] = metrics.size();
    for (const json &metric : metrics) {
        const std::string name = metric.value("name", std::string());
        const json *res = findResult(name);
        const std::string p = res ? res->value("phase", std::string("Pending")) : std::string("Pending");
        if (!isCompleted(p))
            allCompleted = false;
        if (p == "Successful")
            bump(summary, "successful");
        else if (p == "Failed")
            bump(summary, "failed");
        else if (p == "Inconclusive")
            bump(summary, "inconclusive");
        else if (p == "Error")
            bump(summary, "error");
        if (phaseRank(p) > phaseRank(worst) && isCompleted(p)) {
            worst = p;
            worstName = name;
            worstMessage = res ? res->value("message", std::string()) : std::string();
        }
    }
    if (status.value("runSummary", json::object()) != summary) {
        status["runSummary"] = summary;
        changed = true;
    }
    if (allCompleted) {
        status["phase"] = worst;
        if (worst != "Successful")
            status["message"] = metricMessagePrefix(worstName, worst) + worstMessage;
        else if (spec.value("terminate", false))
            status["message"] = "run terminated";
        status["completedAt"] = now;
        changed = true;
    }
    return changed;
}

} // namespace rdsim::analysis
