#include "MetricsController.h"

#include "console/RolloutDetailSession.h"
#include "secrets/WorkspaceSecrets.h"
#include "metrics/ChartQueryRunner.h"
#include "models/charts/MetricChartModel.h"
#include "models/itemmodels/AuditLogModel.h"

#include <QAbstractItemModel>

namespace rolldeck::metrics {

namespace {

// A string that changes whenever the plan would: the queries and the measurements of each chart.
QString signatureOf(const QList<PlannedChart> &plan)
{
    QString s;
    for (const PlannedChart &p : plan) {
        s += p.chart.spec.id + u'\x1f' + p.queries.join(u'\x1e') + u'\x1f' +
             QString::number(p.chart.measurements.size());
        if (!p.chart.measurements.isEmpty())
            s += u':' + QString::number(p.chart.measurements.last().timeMs);
        s += u'\x1d';
    }
    return s;
}

// When the rollout's update started: the newest ReplicaSet's creation (its current revision).
qint64 updateStartMs(const RolloutInfo &info)
{
    qint64 best = 0;
    for (const RevisionInfo &revision : info.revisions) {
        for (const ReplicaSetInfo &rs : revision.replicaSets) {
            if (rs.created.isValid())
                best = std::max(best, rs.created.toMSecsSinceEpoch());
        }
    }
    return best > 0 ? best : (info.created.isValid() ? info.created.toMSecsSinceEpoch() : 0);
}

} // namespace

MetricsController::MetricsController(charts::MetricChartModel *model, QObject *parent)
    : QObject(parent), m_model(model), m_runner(new ChartQueryRunner(model, this))
{
    m_runner->setNoClientMessage(tr("No Prometheus is configured for this environment: add a \"prometheus\" "
                                    "endpoint to it in the workspace file."));
}

MetricsController::~MetricsController()
{
    close();
}

void MetricsController::setDemoPrometheus(const QUrl &url)
{
    m_demoPrometheus = url;
    if (m_session)
        open(m_session, m_scope);
}

void MetricsController::setAuditModel(QAbstractItemModel *audit)
{
    m_audit = audit;
    if (!audit)
        return;
    connect(audit, &QAbstractItemModel::rowsInserted, this, &MetricsController::updateMarkers);
    connect(audit, &QAbstractItemModel::dataChanged, this, &MetricsController::updateMarkers);
    connect(audit, &QAbstractItemModel::modelReset, this, &MetricsController::updateMarkers);
}

void MetricsController::open(RolloutDetailSession *session, const WorkspaceScope &scope)
{
    close();
    if (!session || !m_model)
        return;
    m_session = session;
    m_scope = scope;
    m_input = {};
    m_input.context = session->context();
    m_input.namespaceName = session->namespaceName();
    m_input.name = session->name();
    m_input.environment = scope.environmentFor(m_input.context, m_input.namespaceName);
    const Environment *env = scope.workspace().environment(m_input.environment);
    m_input.successCriteria = env && !env->successCriteria.isEmpty() ? env->successCriteria : defaultSuccessCriteria();
    m_input.rollbackTriggers =
        env && !env->rollbackTriggers.isEmpty() ? env->rollbackTriggers : defaultRollbackTriggers();
    m_model->setSubject(m_input.namespaceName + u'/' + m_input.name);
    std::optional<prom::PromEndpoint> endpoint =
        prom::endpointFor(scope.workspace(), m_input.environment, m_demoPrometheus);
    if (!endpoint && !m_demoPrometheus.isEmpty() && m_input.environment.isEmpty()) {
        endpoint = prom::PromEndpoint{}; // the demo without a workspace environment for this namespace
        endpoint->url = m_demoPrometheus;
    }
    useEndpoint(endpoint);
    m_sessionUpdated = connect(session, &RolloutDetailSession::updated, this, &MetricsController::onSessionUpdated);
    onSessionUpdated();
    m_runner->start();
}

void MetricsController::close()
{
    m_runner->stop();
    disconnect(m_sessionUpdated);
    m_session = nullptr;
    m_planSignature.clear();
    if (m_model) {
        m_runner->setPlan({});
        m_model->clear();
        m_model->setSubject(QString());
        m_model->setNotice(QString());
    }
}

void MetricsController::useEndpoint(const std::optional<prom::PromEndpoint> &endpoint)
{
    if (endpoint && m_client && m_client->endpoint().url == endpoint->url)
        return;
    m_runner->setClient(nullptr);
    m_client.reset();
    if (!endpoint)
        return;
    m_client = std::make_unique<prom::PrometheusClient>(*endpoint);
    m_client->setSecrets(m_secrets);
    m_client->setTimeout(std::chrono::seconds(20));
    m_runner->setClient(m_client.get());
}

void MetricsController::onSessionUpdated()
{
    if (!m_session || !m_model)
        return;
    const Rollout *rollout = m_session->store().rollout(m_input.namespaceName, m_input.name);
    m_input.blueGreen = rollout && rollout->strategy == Rollout::Strategy::BlueGreen;
    if (m_session->info())
        m_model->setRolloutStart(updateStartMs(*m_session->info()));
    const QList<PlannedChart> plan = planRolloutCharts(m_input, m_session->store());
    const QString signature = signatureOf(plan);
    if (signature != m_planSignature) {
        const bool newQueries = m_runner->plan().size() != plan.size();
        m_planSignature = signature;
        m_runner->setPlan(plan);
        if (newQueries && m_runner->isRunning())
            m_runner->refresh();
    }
    updateMarkers();
}

void MetricsController::updateMarkers()
{
    if (!m_session || !m_model)
        return;
    QList<charts::ChartMarker> actions;
    if (m_audit) {
        const QString object = m_input.namespaceName + u'/' + m_input.name;
        using Column = AuditLogModel::Column;
        for (int row = 0; row < m_audit->rowCount(); ++row) {
            auto cell = [&](Column c, int role = Qt::DisplayRole) { return m_audit->index(row, int(c)).data(role); };
            if (cell(Column::Object).toString() != object)
                continue;
            charts::ChartMarker m;
            m.timeMs = cell(Column::Time, AuditLogModel::RawValueRole).toLongLong();
            m.text = cell(Column::Verb).toString();
            m.actor = cell(Column::Actor).toString();
            m.kind =
                m.text == QLatin1String("abort") ? charts::ChartMarker::Kind::Abort : charts::ChartMarker::Kind::Action;
            const QString outcome = cell(Column::Outcome, AuditLogModel::OutcomeRole).toString();
            if (!outcome.isEmpty() && outcome != QLatin1String("applied"))
                m.text += QStringLiteral(" (") + outcome + u')';
            actions << m;
        }
    }
    m_model->setMarkers(rolloutMarkers(m_session->events(), actions));
}

} // namespace rolldeck::metrics
