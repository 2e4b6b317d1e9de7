#pragma once

// AnalysisRun progression as the Argo Rollouts analysis controller does it (analysis/analysis.go,
// utils/evaluate): measurements taken when due (initialDelay, interval, count), each assessed by
// successCondition/failureCondition, metrics assessed by failureLimit / inconclusiveLimit /
// consecutiveErrorLimit / consecutiveSuccessLimit / count, the run by its worst metric.

#include "Expr.h"
#include "../controller/TimeText.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <string>

namespace rdsim {

// One measurement's raw outcome from a metric provider.
struct MeasureOutcome
{
    bool ok = true;
    ExprValue value;       // bound to `result`
    std::string valueText; // stored in measurement.value, e.g. "[0.9975]"
    std::string error;     // provider error when !ok
};

using MeasureFn = std::function<MeasureOutcome(const nlohmann::json &metric, const nlohmann::json &args)>;

namespace analysis {

// Measurement phase from the conditions (utils/evaluate.EvaluateResult). On an evaluation error,
// returns "Error" and sets *error.
std::string assessMeasurement(const nlohmann::json &metric, const ExprValue &value, std::string *error);

// Metric phase from its counters; *message gets "failed (1) > failureLimit (0)" and the like.
std::string assessMetric(const nlohmann::json &metric, const nlohmann::json &result, bool terminating,
                         std::string *message);

// Rank used to pick the worst phase (Successful < Running < Pending < Inconclusive < Error < Failed).
int phaseRank(const std::string &phase);
bool isCompleted(const std::string &phase);

// Parses a Go/Argo duration ("30s", "5m", "1h30m", "250ms", plain seconds as int or string).
// Returns milliseconds, or -1 when unparsable.
int64_t parseDurationMs(const nlohmann::json &value);

// Advances one AnalysisRun (the whole object: spec.metrics, spec.args, spec.terminate, status) to
// time nowMs (milliseconds since the epoch). Returns true when the run changed. *nextDueMs is set
// to the next time something is due (or left untouched when nothing is).
// Timestamps (startedAt, finishedAt) are written and read through `times` (wall time; nowMs is simulated).
bool reconcileRun(nlohmann::json &run, int64_t nowMs, const MeasureFn &measure, int64_t *nextDueMs,
                  const TimeMap &times = {});

} // namespace analysis
} // namespace rdsim
