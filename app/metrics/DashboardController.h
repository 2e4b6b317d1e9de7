#pragma once

#include "prometheus/PrometheusClient.h"
#include "secrets/WorkspaceSecrets.h"
#include "workspace/Workspace.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <memory>

namespace rolldeck {
namespace charts {
class MetricChartModel;
}
} // namespace rolldeck

namespace rolldeck::metrics {

class ChartQueryRunner;

// The deployment monitoring dashboard (docs/charts.md): deployment success rate, p95 deployment duration and
// rollback events over 24 hours, one series per environment, from the `deployment_*` series. Live while shown.
class DashboardController : public QObject
{
    Q_OBJECT
public:
    explicit DashboardController(charts::MetricChartModel *model, QObject *parent = nullptr);
    ~DashboardController() override;

    void setSecrets(WorkspaceSecrets *secrets) { m_secrets = secrets; }
    // Where the deployment series are: the first environment's Prometheus, else the demo's.
    void setSources(const Workspace &workspace, const QUrl &demoPrometheus);
    void start();
    void stop();
    ChartQueryRunner *runner() const { return m_runner; }

private:
    QPointer<charts::MetricChartModel> m_model;
    ChartQueryRunner *m_runner = nullptr;
    std::unique_ptr<prom::PrometheusClient> m_client;
    QPointer<WorkspaceSecrets> m_secrets;
};

} // namespace rolldeck::metrics
