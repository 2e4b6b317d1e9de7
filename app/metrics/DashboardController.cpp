#include "DashboardController.h"

#include "metrics/ChartPlan.h"
#include "metrics/ChartQueryRunner.h"
#include "secrets/WorkspaceSecrets.h"
#include "models/charts/MetricChartModel.h"

namespace rolldeck::metrics {

DashboardController::DashboardController(charts::MetricChartModel *model, QObject *parent)
    : QObject(parent), m_model(model), m_runner(new ChartQueryRunner(model, this))
{
    m_runner->setNoClientMessage(tr("No Prometheus is configured: add a \"prometheus\" endpoint to an environment "
                                    "in the workspace file."));
    // Each value is the day's (or the counters') aggregate; the chart shows how it moved over the range chosen
    // (an hour at first), a point every few seconds.
    m_runner->setTargetPoints(300);
    if (m_model) {
        m_model->setRange(charts::MetricChartModel::Range::LastHour);
        m_model->setSubject(tr("Deployments"));
    }
}

DashboardController::~DashboardController()
{
    stop();
}

void DashboardController::setSources(const Workspace &workspace, const QUrl &demoPrometheus)
{
    std::optional<prom::PromEndpoint> endpoint;
    for (const Environment &env : workspace.environments) {
        if ((endpoint = prom::endpointFor(workspace, env.name, demoPrometheus)))
            break;
    }
    if (!endpoint && !demoPrometheus.isEmpty()) {
        endpoint = prom::PromEndpoint{};
        endpoint->url = demoPrometheus;
    }
    const bool running = m_runner->isRunning();
    m_runner->setClient(nullptr);
    m_client.reset();
    if (endpoint) {
        m_client = std::make_unique<prom::PrometheusClient>(*endpoint);
        m_client->setSecrets(m_secrets);
        m_runner->setClient(m_client.get());
    }
    m_runner->setPlan(planDeploymentDashboard());
    if (running)
        m_runner->start();
}

void DashboardController::start()
{
    if (m_runner->plan().isEmpty())
        m_runner->setPlan(planDeploymentDashboard());
    m_runner->start();
}

void DashboardController::stop()
{
    m_runner->stop();
}

} // namespace rolldeck::metrics
