#pragma once

#include "models/charts/MetricChart.h"
#include "workspace/Workspace.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace rolldeck {
class ObjectStore;
struct Rollout;
struct KubeEvent;
} // namespace rolldeck

namespace rolldeck::metrics {

// The query of one series: `query` narrowed to one version of the rollout (stable, canary, preview) in every
// selector that names the rollout; any version matcher there is replaced. Returns the query unchanged (and
// `changed` false) when no selector names the rollout.
QString withVersion(const QString &query, const QString &rollout, const QString &version, bool *changed = nullptr);

// The source document's criteria, for an environment whose workspace gives none: pass a phase at an error rate
// below 0.1% and p95 below 200 ms; roll back at an error rate above 0.5%, p95 above 500 ms or memory above 90%.
QList<Criterion> defaultSuccessCriteria();
QList<Criterion> defaultRollbackTriggers();

// What to chart for one rollout.
struct RolloutChartInput
{
    QString context;
    QString namespaceName;
    QString name;
    QString environment;
    bool blueGreen = false;
    QList<Criterion> successCriteria; // the environment's, or the defaults
    QList<Criterion> rollbackTriggers;
};

// One chart and the queries of its series (one per version, or one for the query as written).
struct PlannedChart
{
    charts::MetricChart chart;
    QStringList versions; // parallel to queries; "" for the query as written
    QStringList queries;
};

// The charts of a rollout: one per analysis metric of its AnalysisRuns (the templates' metrics with the args
// filled in, newest run first), then one per success criterion and rollback trigger. Measurements of the runs
// are attached to their metric's chart.
QList<PlannedChart> planRolloutCharts(const RolloutChartInput &input, const ObjectStore &store);

// The rollout's step changes and aborts (its Events) with the audited `actions` on it, as markers in time order.
QList<charts::ChartMarker> rolloutMarkers(const QList<KubeEvent> &events, const QList<charts::ChartMarker> &actions);

// The deployment dashboard's three charts, one series per environment (the `environment` label).
QList<PlannedChart> planDeploymentDashboard();

} // namespace rolldeck::metrics
