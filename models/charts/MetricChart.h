#pragma once

#include "analysis/Assessment.h"
#include "analysis/Threshold.h"

#include <QList>
#include <QPointF>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace rolldeck::charts {

// Where a chart's query comes from.
enum class ChartSource { AnalysisMetric, SuccessCriterion, RollbackTrigger, Dashboard };

// One chart's definition: its query and the conditions that decide its points. x values everywhere are
// milliseconds since the epoch (UTC).
struct ChartSpec
{
    QString id; // stable across refreshes: "analysis/success-rate", "trigger/error rate"
    QString title;
    ChartSource source = ChartSource::AnalysisMetric;
    QString query;            // the filled-in PromQL, before the split by version
    QString successCondition; // in the condition language over `result` (a []float64 of one value per point)
    QString failureCondition;
    QString conditionText;   // what a person reads: "< 0.5%", or the condition itself
    double displayScale = 1; // values are drawn multiplied by this (100 for a ratio shown in %)
    QString unit;            // after the scaled value: "%", "ms", ""
    int resultIndex = 0;     // which element of `result` a measured AnalysisRun value is drawn from
};

// One line of a chart: stable, canary, preview, or (a query not about one version) all traffic.
struct ChartSeries
{
    QString version; // stable, canary, preview; empty: the query as written
    QString label;   // the legend: "stable", "canary", "production"
    std::vector<QPointF> points;
};

// Something that happened, drawn as a vertical marker: a step change from the rollout's Events, or an audited
// action with its actor.
struct ChartMarker
{
    enum class Kind { Step, Action, Abort };
    qint64 timeMs = 0;
    Kind kind = Kind::Step;
    QString text;  // "Rollout step 1/8 completed (setWeight: 5)", "promote"
    QString actor; // actions only
};

// A measurement the controller took (an AnalysisRun's), with its verdict.
struct ChartMeasurement
{
    qint64 timeMs = 0;
    double value = 0;
    analysis::Phase phase = analysis::Phase::Successful;
    QString run;
};

// Everything one chart draws.
struct MetricChart
{
    ChartSpec spec;
    std::optional<analysis::Threshold> successLine;
    std::optional<analysis::Threshold> failureLine;
    QList<ChartSeries> series;
    QList<ChartMeasurement> measurements;
    QString error;        // the query failed: a sentence for a person, shown in the chart
    bool loading = false; // nothing answered yet
    qint64 startMs = 0;   // the range asked for
    qint64 endMs = 0;
    qint64 stepMs = 0;

    // Parses the spec's conditions and finds their lines (simple comparisons only); returns the parse errors.
    QString prepare();
    // The verdict of one drawn value (already multiplied by displayScale) by the spec's conditions.
    analysis::Phase verdictOf(double drawnValue) const;

private:
    std::shared_ptr<const analysis::Condition> m_success;
    std::shared_ptr<const analysis::Condition> m_failure;
};

} // namespace rolldeck::charts
