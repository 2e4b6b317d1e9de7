#pragma once

#include "metrics/ChartPlan.h"
#include "prometheus/PrometheusClient.h"
#include "secrets/WorkspaceSecrets.h"
#include "workspace/WorkspaceScope.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <memory>

class QAbstractItemModel;

namespace rolldeck {
class RolloutDetailSession;
namespace charts {
class MetricChartModel;
}
} // namespace rolldeck

namespace rolldeck::metrics {

class ChartQueryRunner;

// The metric charts of the open rollout (docs/charts.md): plans them from its AnalysisRuns and its environment's
// criteria, finds the environment's Prometheus (the workspace's, or the demo's), keeps the series live through a
// ChartQueryRunner and the markers (step changes, audited actions) current. open() on another rollout and close()
// cancel every query in flight.
class MetricsController : public QObject
{
    Q_OBJECT
public:
    explicit MetricsController(charts::MetricChartModel *model, QObject *parent = nullptr);
    ~MetricsController() override;

    // The demo's Prometheus, for environments whose workspace names none.
    void setDemoPrometheus(const QUrl &url);
    void setSecrets(WorkspaceSecrets *secrets) { m_secrets = secrets; }
    // The audit log as the console shows it (AuditLogModel): the actions on the open rollout become markers.
    void setAuditModel(QAbstractItemModel *audit);

    // Charts for the rollout `session` shows (not owned; followed while it lives).
    void open(RolloutDetailSession *session, const WorkspaceScope &scope);
    void close();

    ChartQueryRunner *runner() const { return m_runner; }
    prom::PrometheusClient *client() const { return m_client.get(); }
    const QString &environment() const { return m_input.environment; }

private:
    void onSessionUpdated();
    void updateMarkers();
    void useEndpoint(const std::optional<prom::PromEndpoint> &endpoint);

    QPointer<charts::MetricChartModel> m_model;
    ChartQueryRunner *m_runner = nullptr;
    std::unique_ptr<prom::PrometheusClient> m_client;
    QPointer<WorkspaceSecrets> m_secrets;
    QPointer<QAbstractItemModel> m_audit;
    QPointer<RolloutDetailSession> m_session;
    QMetaObject::Connection m_sessionUpdated;
    WorkspaceScope m_scope;
    RolloutChartInput m_input;
    QUrl m_demoPrometheus;
    QString m_planSignature;
};

} // namespace rolldeck::metrics
