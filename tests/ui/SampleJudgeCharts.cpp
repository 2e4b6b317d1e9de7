#include "SampleJudgeCharts.h"

#include <random>

using namespace rolldeck::charts;

namespace test {

static constexpr qint64 kStart = 1796290000000; // ms since the epoch
static constexpr qint64 kStep = 15000;

// `points` values drawn around `mean` from the time the series starts (`offset` steps in).
static ChartSeries series(const QString &version, double mean, double sd, int points, int offset, quint32 seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<double> d(mean, sd);
    ChartSeries s;
    s.version = version;
    s.label = version;
    for (int i = 0; i < points; ++i)
        s.points.push_back(QPointF(double(kStart + (offset + i) * kStep), std::max(0.0, d(rng))));
    return s;
}

// A latency criterion (p95 < 200 ms): the canary slower by about 40 ms; the error rate trigger (> 0.5 %, drawn in %):
// the same on both; a dashboard chart and a chart without a canary line, which the judge leaves out.
QList<MetricChart> sampleJudgeCharts(double canaryLatency)
{
    MetricChart latency;
    latency.spec.id = QStringLiteral("criterion/latency p95");
    latency.spec.title = QStringLiteral("latency p95");
    latency.spec.source = ChartSource::SuccessCriterion;
    latency.spec.successCondition = QStringLiteral("result[0] < 200");
    latency.spec.unit = QStringLiteral("ms");
    latency.prepare();
    // The stable line since long before the canary; the judge compares the time both cover.
    latency.series = {series(QStringLiteral("stable"), 120, 6, 80, 0, 1),
                      series(QStringLiteral("canary"), canaryLatency, 6, 40, 40, 2)};
    MetricChart errors;
    errors.spec.id = QStringLiteral("trigger/error rate");
    errors.spec.title = QStringLiteral("error rate");
    errors.spec.source = ChartSource::RollbackTrigger;
    errors.spec.failureCondition = QStringLiteral("result[0] > 0.005");
    errors.spec.displayScale = 100;
    errors.spec.unit = QStringLiteral("%");
    errors.prepare();
    errors.series = {series(QStringLiteral("stable"), 0.0004, 0.0001, 80, 0, 3),
                     series(QStringLiteral("canary"), 0.0004, 0.0001, 40, 40, 4)};
    MetricChart dashboard;
    dashboard.spec.id = QStringLiteral("dashboard/requests");
    dashboard.spec.title = QStringLiteral("requests");
    dashboard.spec.source = ChartSource::Dashboard;
    dashboard.series = {series(QStringLiteral("stable"), 300, 10, 80, 0, 5),
                        series(QStringLiteral("canary"), 900, 10, 40, 40, 6)};
    MetricChart stableOnly;
    stableOnly.spec.id = QStringLiteral("analysis/cpu");
    stableOnly.spec.title = QStringLiteral("cpu");
    stableOnly.series = {series(QStringLiteral("stable"), 0.4, 0.05, 80, 0, 7)};
    QList<MetricChart> all{latency, errors, dashboard, stableOnly};
    for (MetricChart &c : all) {
        c.startMs = kStart;
        c.endMs = kStart + 80 * kStep;
        c.stepMs = kStep;
    }
    return all;
}

} // namespace test
