#pragma once

#include "charts/MetricChart.h"
#include "stats/CanaryJudge.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace rolldeck::charts {

// Kayenta's canary judge (stats::judgeCanary) on the series a rollout's metric charts already hold: for each chart
// with a stable and a canary line, the canary's points against the stable's over the time both cover, in the
// units the chart draws. A chart's thresholds give the direction that fails (an error rate only when higher, a
// success rate only when lower); rollback triggers are critical metrics. Each source is a group of equal weight
// (analysis, success criteria, rollback triggers). docs/statistics.md, "The canary judge in the rollout detail".
struct ChartJudgement
{
    Q_DECLARE_TR_FUNCTIONS(ChartJudgement)
public:
    bool judged = false;       // at least one chart had both lines
    QString notice;            // why nothing was judged (judged == false)
    stats::JudgeResult result; // result.metrics in the order of `inputs`
    QStringList units;         // per metric, for describeVerdict
    QList<int> samples;        // per metric: the canary points judged
    QStringList lines;         // per metric, in words (describeVerdict)
};

// The inputs the judge gets from `charts` (exposed for tests): one per chart with both lines.
QList<stats::JudgeInput> judgeInputs(const QList<MetricChart> &charts, QStringList *units = nullptr);
ChartJudgement judgeCharts(const QList<MetricChart> &charts);

} // namespace rolldeck::charts
