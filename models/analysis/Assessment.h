#pragma once

#include "analysis/Condition.h"
#include "analysis/ExprValue.h"

#include <QList>
#include <QString>

#include <optional>

namespace rolldeck {
struct Metric;
struct MetricResult;
struct AnalysisRun;
} // namespace rolldeck

namespace rolldeck::analysis {

// The phases of a measurement, a metric and a run, named as the controller names them.
enum class Phase { Pending, Running, Successful, Failed, Error, Inconclusive };
QString phaseName(Phase phase);
std::optional<Phase> phaseFromName(const QString &name);
bool isCompleted(Phase phase);

// What one measurement's value makes of a metric's two conditions (utils/evaluate.EvaluateResult).
struct MeasurementVerdict
{
    Phase phase = Phase::Successful;
    QString message; // the evaluation error, for Error
};
// Either condition may be absent (nullptr).
MeasurementVerdict assessMeasurement(const Condition *success, const Condition *failure, const ExprValue &result);

// A metric's limits with the controller's defaults filled in.
struct MetricLimits
{
    int failureLimit = 0;          // negative: off
    int inconclusiveLimit = 0;     // negative: off
    int consecutiveErrorLimit = 4; // negative: off
    int consecutiveSuccessLimit = 0;
    std::optional<int> count; // the effective count; unset: runs until terminated

    // From a parsed metric; an unresolved "{{args.x}}" limit keeps its default.
    static MetricLimits fromMetric(const Metric &metric);
};

// The counters the controller keeps per metric, added up measurement by measurement.
struct MetricTally
{
    int count = 0;
    int successful = 0;
    int failed = 0;
    int inconclusive = 0;
    int error = 0;
    int consecutiveError = 0;
    int consecutiveSuccess = 0;
    int measurements = 0;
    bool lastCompleted = true;

    void add(Phase measurementPhase);
    // The counters as the controller stored them in status.metricResults[] (the last measurement decides
    // whether one is still in flight).
    static MetricTally fromResult(const MetricResult &result);
};

struct MetricAssessment
{
    Phase phase = Phase::Pending;
    QString reason; // "failed (2) > failureLimit (1)": the controller's words, empty unless a limit decided
};
// assessMetricStatus, in the reference's order (docs/analysis.md).
MetricAssessment assessMetric(const MetricLimits &limits, const MetricTally &tally, bool terminating);

struct RunSummary
{
    int count = 0;
    int successful = 0;
    int failed = 0;
    int inconclusive = 0;
    int error = 0;
};

struct RunMetric
{
    QString name;
    MetricLimits limits;
    MetricTally tally;
    bool started = true; // false: no result yet (an initialDelay still running)
    bool dryRun = false;
    QString resultMessage; // the metric result's own message, appended to the run message
};

struct RunAssessment
{
    Phase phase = Phase::Running;
    QString message; // in the controller's words: Metric "x" assessed Failed due to failed (1) > failureLimit (0)
    QList<Phase> metricPhases;
    QList<QString> dryRunMessages; // per metric; "Metric assessed Failed due to ..." for dry-run metrics
    RunSummary summary;
    RunSummary dryRunSummary;
};
RunAssessment assessRun(const QList<RunMetric> &metrics, bool terminate);

// A stored AnalysisRun assessed from its spec and its status counters, as the controller would.
RunAssessment assessAnalysisRun(const AnalysisRun &run);

} // namespace rolldeck::analysis
