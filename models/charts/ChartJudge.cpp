#include "ChartJudge.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace rolldeck::charts {

namespace {

const ChartSeries *seriesOf(const MetricChart &chart, const QString &version)
{
    for (const ChartSeries &s : chart.series) {
        if (s.version == version)
            return &s;
    }
    return nullptr;
}

std::pair<qint64, qint64> span(const ChartSeries &s)
{
    qint64 first = std::numeric_limits<qint64>::max(), last = std::numeric_limits<qint64>::min();
    for (const QPointF &p : s.points) {
        if (!std::isfinite(p.y()))
            continue;
        first = std::min(first, qint64(p.x()));
        last = std::max(last, qint64(p.x()));
    }
    return {first, last};
}

// The finite values of `s` inside [from, to], as drawn (times the chart's display scale).
std::vector<double> valuesIn(const ChartSeries &s, qint64 from, qint64 to, double scale)
{
    std::vector<double> out;
    for (const QPointF &p : s.points) {
        if (p.x() >= double(from) && p.x() <= double(to) && std::isfinite(p.y()))
            out.push_back(p.y() * scale);
    }
    return out;
}

stats::JudgeDirection directionOf(const MetricChart &chart)
{
    const std::optional<analysis::Threshold> &line = chart.failureLine ? chart.failureLine : chart.successLine;
    if (!line)
        return stats::JudgeDirection::Either;
    return line->passAbove() ? stats::JudgeDirection::Decrease : stats::JudgeDirection::Increase;
}

QString groupOf(ChartSource source)
{
    switch (source) {
    case ChartSource::AnalysisMetric:
        return QStringLiteral("analysis");
    case ChartSource::SuccessCriterion:
        return QStringLiteral("success criteria");
    case ChartSource::RollbackTrigger:
        return QStringLiteral("rollback triggers");
    case ChartSource::Dashboard:
        break;
    }
    return QStringLiteral("dashboard");
}

} // namespace

QList<stats::JudgeInput> judgeInputs(const QList<MetricChart> &charts, QStringList *units)
{
    QList<stats::JudgeInput> inputs;
    for (const MetricChart &chart : charts) {
        const ChartSeries *stable = seriesOf(chart, QStringLiteral("stable"));
        const ChartSeries *canary = seriesOf(chart, QStringLiteral("canary"));
        if (!stable || !canary || chart.spec.source == ChartSource::Dashboard)
            continue;
        const auto [stableFrom, stableTo] = span(*stable);
        const auto [canaryFrom, canaryTo] = span(*canary);
        const qint64 from = std::max(stableFrom, canaryFrom), to = std::min(stableTo, canaryTo);
        stats::JudgeInput input;
        input.config.name = chart.spec.title;
        input.config.unit = chart.spec.unit;
        input.config.direction = directionOf(chart);
        input.config.critical = chart.spec.source == ChartSource::RollbackTrigger;
        input.config.groups = {groupOf(chart.spec.source)};
        if (from <= to) {
            input.control = valuesIn(*stable, from, to, chart.spec.displayScale);
            input.experiment = valuesIn(*canary, from, to, chart.spec.displayScale);
        }
        inputs.append(input);
        if (units)
            *units << chart.spec.unit;
    }
    return inputs;
}

ChartJudgement judgeCharts(const QList<MetricChart> &charts)
{
    ChartJudgement j;
    const QList<stats::JudgeInput> inputs = judgeInputs(charts, &j.units);
    if (inputs.isEmpty()) {
        j.notice = ChartJudgement::tr("No chart has a stable and a canary line yet: the judge compares them once the "
                                      "canary takes traffic.");
        return j;
    }
    j.judged = true;
    j.result = stats::judgeCanary(inputs, stats::JudgeSettings{});
    for (int i = 0; i < j.result.metrics.size(); ++i) {
        j.samples << int(inputs.at(i).experiment.size());
        j.lines << stats::describeVerdict(j.result.metrics.at(i), j.units.value(i));
    }
    return j;
}

} // namespace rolldeck::charts
