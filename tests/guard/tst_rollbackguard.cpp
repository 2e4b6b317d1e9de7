// The rollback guard end to end: rolldeck-sim runs a failing canary (the failing-canary scenario's error profile:
// 1.1 % errors once the canary takes 25 % of the traffic) in four namespaces; a real Prometheus (Debian's binary)
// scrapes it every second; the console's connections fill the rollout list from the simulator; the guard queries
// Prometheus and acts through the action service with an audit log in a temporary folder. Only the environment
// whose policy allows it is aborted (actor guard, measured values in the reason); the others are only noted, or,
// with a failed or an empty query, never act. The abort is a marker with its actor on the rollout's charts. Then the
// alerts feed shows the rollout's DeploymentFailed alert.
#include "tests/support/AuditRecords.h"
#include "PrometheusFixture.h"
#include "app/actions/ActionService.h"
#include "app/actions/ClusterRoute.h"
#include "app/audit/AuditLog.h"
#include "app/audit/AuditRecords.h"
#include "app/console/Connections.h"
#include "app/console/EnvironmentSetup.h"
#include "app/demo/PrometheusProcess.h"
#include "app/guard/AlertsFeed.h"
#include "app/guard/RollbackGuard.h"
#include "app/console/RolloutDetailSession.h"
#include "app/kube/Kubeconfig.h"
#include "app/metrics/MetricsController.h"
#include "models/charts/MetricChartModel.h"
#include "models/itemmodels/AuditLogModel.h"
#include "models/guard/AlertListModel.h"
#include "models/itemmodels/RolloutListModel.h"
#include "sim/Simulator.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace rolldeck;
using namespace rolldeck::guard;

namespace {

// The failing canary of the failing-canary scenario, without its background analysis (the controller would abort
// it by itself: here the guard is the one to act) and with an indefinite pause at 25 %.
QByteArray canaryApp(const QByteArray &ns)
{
    QByteArray y = R"(
- {apiVersion: v1, kind: Namespace, metadata: {name: @NS@}}
- apiVersion: networking.istio.io/v1beta1
  kind: VirtualService
  metadata: {name: pay-vs, namespace: @NS@}
  spec:
    hosts: [pay]
    http:
    - name: primary
      route:
      - {destination: {host: pay-stable}, weight: 100}
      - {destination: {host: pay-canary}, weight: 0}
- {apiVersion: v1, kind: Service, metadata: {name: pay-stable, namespace: @NS@}, spec: {selector: {app: pay}}}
- {apiVersion: v1, kind: Service, metadata: {name: pay-canary, namespace: @NS@}, spec: {selector: {app: pay}}}
- apiVersion: argoproj.io/v1alpha1
  kind: Rollout
  metadata: {name: payments-api, namespace: @NS@, labels: {app: pay}}
  spec:
    replicas: 4
    selector: {matchLabels: {app: pay}}
    strategy:
      canary:
        canaryService: pay-canary
        stableService: pay-stable
        trafficRouting:
          istio:
            virtualService: {name: pay-vs, routes: [primary]}
        steps:
        - setWeight: 25
        - pause: {}
        - setWeight: 100
    template:
      metadata: {labels: {app: pay}}
      spec:
        containers: [{name: api, image: "ghcr.io/agentic-startup/payments:2.3.0"}]
)";
    return y.replace("@NS@", ns);
}

QByteArray scenario()
{
    QByteArray y = "controller: true\nobjects:\n";
    const QList<QByteArray> namespaces{"canary", "watch", "broken", "quiet"};
    for (const QByteArray &ns : namespaces)
        y += canaryApp(ns);
    y += R"(
traffic:
  defaultRps: 300
  profiles:
    payments:2.3.0: {errorRate: 0.0004}
    payments:2.4.0:
      errorRateByWeight: {"0": 0.0006, "5": 0.0008, "25": 0.011, "100": 0.03}
actions:
)";
    for (const QByteArray &ns : namespaces)
        y += "- {after: 1s, setImage: {namespace: " + ns +
             ", rollout: payments-api, image: \"ghcr.io/agentic-startup/payments:2.4.0\"}}\n";
    return y;
}

const char *kTrigger = R"(
      - name: error rate
        query: sum(rate(http_requests_total{namespace="{{namespace}}",rollout="{{rollout}}",version="canary",status=~"5.."}[8s])) / sum(rate(http_requests_total{namespace="{{namespace}}",rollout="{{rollout}}",version="canary"}[8s]))
        condition: "> 0.5%"
        for: 3s
)";

// canary: the guard may abort; watch: it may not; broken: a query Prometheus refuses; quiet: a query with no series.
QByteArray workspace(const QUrl &prometheus)
{
    QByteArray y = "version: 1\ndefaults:\n  prometheus: {url: \"" + prometheus.toString().toUtf8() +
                   "\"}\n  rollbackTriggers:" + kTrigger + "environments:\n";
    auto env = [&](const char *name, bool mayAbort, const QByteArray &triggers = {}) {
        y += QByteArray("  ") + name + ":\n    clusters: [{context: rolldeck-demo, namespace: " + name +
             "}]\n    policy: {reasonRequired: true, typeToConfirm: true, guardMayAutoAbort: " +
             (mayAbort ? "true" : "false") + "}\n";
        if (!triggers.isEmpty())
            y += "    rollbackTriggers:" + triggers;
    };
    env("canary", true);
    env("watch", false);
    // An unclosed parenthesis: Prometheus answers bad_data.
    env("broken", true,
        "\n      - {name: error rate, query: 'sum(rate(http_requests_total{namespace=\"{{namespace}}\"}[8s])', "
        "condition: '> 0.5%', for: 3s}\n");
    env("quiet", true,
        "\n      - {name: error rate, query: 'sum(rate(no_such_metric_total{namespace=\"{{namespace}}\"}[8s]))', "
        "condition: '> 0.5%', for: 3s}\n");
    return y;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

} // namespace

class TestRollbackGuard : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    rdsim::Simulator m_sim;
    prom::PrometheusProcess *m_prometheus = nullptr;
    kube::Kubeconfig m_kubeconfig;
    RolloutListModel m_rollouts;
    std::unique_ptr<Connections> m_live;
    std::unique_ptr<audit::AuditLog> m_log;
    std::unique_ptr<actions::ActionService> m_service;
    std::unique_ptr<actions::ClusterRoute> m_route;
    std::unique_ptr<RollbackGuard> m_guard;

    bool simAborted(const char *ns)
    {
        const auto got = m_sim.store().get(rdsim::kRollouts, ns, "payments-api");
        return got.object && (*got.object)["status"].value("abort", false);
    }

    const GuardEntry *entry(const char *ns)
    {
        return m_guard->model()->entry(QStringLiteral("rolldeck-demo"), QLatin1String(ns),
                                       QStringLiteral("payments-api"), QStringLiteral("error rate"));
    }

    const RolloutRow *row(const char *ns)
    {
        for (int r = 0; r < m_rollouts.rowCount(); ++r) {
            if (m_rollouts.rowAt(r).namespaceName == QLatin1String(ns))
                return &m_rollouts.rowAt(r);
        }
        return nullptr;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QLocale::setDefault(QLocale::c());
        QVERIFY(m_dir.isValid());
        const QString scenarioPath = m_dir.filePath(QStringLiteral("failing-canary.yaml"));
        QVERIFY(writeFile(scenarioPath, scenario()));
        rdsim::Options options;
        options.scenario = scenarioPath.toStdString();
        options.speed = 20;
        options.seed = 7;
        options.kubeconfigOut = m_dir.filePath(QStringLiteral("kubeconfig")).toStdString();
        const rdsim::StartResult started = m_sim.start(options);
        QVERIFY2(started.ok(), started.error.c_str());
        m_prometheus = new prom::PrometheusProcess(this);
        const QString notStarted =
            test::startPrometheus(*m_prometheus, {test::simulatorMetrics(started.endpoints.metrics)});
        QVERIFY2(notStarted.isEmpty(), qPrintable(notStarted));

        m_kubeconfig = kube::loadKubeconfigFiles({m_dir.filePath(QStringLiteral("kubeconfig"))});
        QVERIFY(m_kubeconfig.context(QStringLiteral("rolldeck-demo")));
        const QString workspacePath = m_dir.filePath(QStringLiteral("workspace.yaml"));
        QVERIFY(writeFile(workspacePath, workspace(m_prometheus->baseUrl())));
        const EnvironmentSetup setup = setupEnvironments(m_kubeconfig, workspacePath);
        QVERIFY2(setup.problems.isEmpty(), qPrintable(setup.problems.join(u'\n')));
        m_live = std::make_unique<Connections>(&m_rollouts);
        m_live->setScope(setup.scope);
        QVERIFY(m_live->showEnvironments());
        QTRY_COMPARE_WITH_TIMEOUT(m_rollouts.rowCount(), 4, 20000);

        m_log = std::make_unique<audit::AuditLog>(audit::AuditLog::Options{m_dir.filePath(QStringLiteral("audit"))});
        m_service = std::make_unique<actions::ActionService>(m_log.get());
        Connections *live = m_live.get();
        m_service->setPolicy(
            [live](const QString &c, const QString &ns) { return live->scope().policyFor(c, ns); },
            [live](const QString &c, const QString &ns) { return live->scope().environmentFor(c, ns); });
        m_route = std::make_unique<actions::ClusterRoute>(m_live->connection(QStringLiteral("rolldeck-demo")));
        m_guard = std::make_unique<RollbackGuard>(&m_rollouts);
        m_guard->setScope([live]() -> const WorkspaceScope & { return live->scope(); });
        m_guard->setEndpoints(
            [live](const QString &environment) { return prom::endpointFor(live->scope().workspace(), environment); });
        actions::ClusterRoute *route = m_route.get();
        m_guard->setActions(m_service.get(), [route](const QString &) { return route; });
        m_guard->setInterval(std::chrono::seconds(1));
    }

    void cleanupTestCase()
    {
        m_guard.reset();
        m_route.reset();
        m_service.reset();
        m_live.reset();
        delete m_prometheus; // ends the process
        m_sim.stop();
    }

    void abortsOnlyWhereThePolicyAllows()
    {
        QAbstractItemModelTester tester(m_guard->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy alerts(m_guard.get(), &RollbackGuard::alert);
        QSignalSpy finished(m_guard.get(), &RollbackGuard::abortFinished);
        m_guard->start();

        // canary: fired, aborted through the action service, recorded.
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 50000);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).toString(), QStringLiteral("rolldeck-demo/canary/payments-api"));
        QVERIFY2(finished.at(0).at(1).toString() == u"applied", qPrintable(finished.at(0).at(2).toString()));
        QVERIFY(simAborted("canary"));
        const QList<QJsonObject> records = test::auditRecords(m_dir.filePath(QStringLiteral("audit")));
        QCOMPARE(records.size(), 2); // intent and result
        for (const QJsonObject &r : records) {
            QCOMPARE(r.value(QStringLiteral("actor")).toObject().value(QStringLiteral("as")).toString(),
                     QStringLiteral("guard"));
            QCOMPARE(r.value(QStringLiteral("verb")).toString(), QStringLiteral("abort"));
            QCOMPARE(r.value(QStringLiteral("target")).toObject().value(QStringLiteral("namespace")).toString(),
                     QStringLiteral("canary"));
        }
        const QString reason = records.at(0).value(QStringLiteral("reason")).toString();
        QVERIFY2(reason.startsWith(QStringLiteral("rollback trigger error rate: ")) &&
                     reason.contains(QStringLiteral(" % > 0.5 % for ")),
                 qPrintable(reason));
        QCOMPARE(records.at(1).value(QStringLiteral("outcome")).toString(), QStringLiteral("applied"));

        // watch: the same breach, noted in the attention queue and notified, never acted on.
        QTRY_VERIFY_WITH_TIMEOUT(!m_rollouts.guardNote(row("watch")->key()).isEmpty(), 20000);
        const QModelIndex watchIndex = m_rollouts.indexFor(row("watch")->key());
        QVERIFY(watchIndex.data(RolloutListModel::AttentionRole).toBool());
        // It waits at its pause step too: both reasons are given.
        QVERIFY2(watchIndex.data(RolloutListModel::AttentionReasonRole)
                     .toString()
                     .contains(QStringLiteral("; rollback trigger error rate: ")),
                 qPrintable(watchIndex.data(RolloutListModel::AttentionReasonRole).toString()));
        bool notified = false;
        for (const QList<QVariant> &a : std::as_const(alerts))
            notified = notified || a.at(0).value<AttentionAlert>().namespaceName == u"watch";
        QVERIFY(notified);
        QVERIFY(entry("watch")->state.firing());
        QVERIFY(entry("watch")->action.contains(QStringLiteral("does not let the guard abort")));

        // broken and quiet: a failed and an empty query are shown as such and never fire.
        QTRY_VERIFY_WITH_TIMEOUT(entry("broken") && entry("broken")->state.phase() == TriggerState::Phase::Failed,
                                 10000);
        QVERIFY2(entry("broken")->state.phaseText().startsWith(QStringLiteral("query failed: Prometheus rejected")),
                 qPrintable(entry("broken")->state.phaseText()));
        QTRY_VERIFY_WITH_TIMEOUT(entry("quiet") && entry("quiet")->state.phase() == TriggerState::Phase::NoData, 10000);
        // A few more rounds, all past the `for` of 3 s: still nothing sent for the other three.
        const QDateTime until = entry("watch")->state.lastObserved().addSecs(5);
        QTRY_VERIFY_WITH_TIMEOUT(entry("watch")->state.lastObserved() >= until &&
                                     entry("broken")->state.lastObserved() >= until &&
                                     entry("quiet")->state.lastObserved() >= until,
                                 20000);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(test::auditRecords(m_dir.filePath(QStringLiteral("audit"))).size(), 2);
        QVERIFY(!simAborted("watch"));
        QVERIFY(!simAborted("broken"));
        QVERIFY(!simAborted("quiet"));
        QVERIFY(!entry("broken")->state.episodeFired());
        QVERIFY(!entry("quiet")->state.episodeFired());
        // The aborted rollout keeps what the guard did on screen.
        QVERIFY(entry("canary"));
        QCOMPARE(entry("canary")->action, QStringLiteral("aborted by the guard"));
    }

    void guardsAbortIsMarkedOnTheCharts()
    {
        // The audited abort is a marker on the aborted rollout's charts, with its actor, at the record's time.
        const QList<audit::StoredRecord> stored =
            audit::readRecords(audit::AuditLog::filesIn(m_dir.filePath(QStringLiteral("audit"))));
        QCOMPARE(stored.size(), 2);
        QList<AuditRecordView> views;
        for (const audit::StoredRecord &r : stored)
            views << audit::recordView(r);
        AuditLogModel auditModel;
        auditModel.setRecords(views);
        charts::MetricChartModel chartModel;
        metrics::MetricsController controller(&chartModel);
        controller.setDemoPrometheus(m_prometheus->baseUrl());
        controller.setAuditModel(&auditModel);
        RolloutDetailSession session(m_live->connection(QStringLiteral("rolldeck-demo")), QStringLiteral("canary"),
                                     QStringLiteral("payments-api"));
        session.setRefreshInterval(0);
        session.open();
        controller.open(&session, m_live->scope());
        const auto guardAbort = [&]() -> const charts::ChartMarker * {
            for (const charts::ChartMarker &m : chartModel.markers()) {
                if (m.kind == charts::ChartMarker::Kind::Abort && m.actor.startsWith(QStringLiteral("guard")))
                    return &m;
            }
            return nullptr;
        };
        QTRY_VERIFY_WITH_TIMEOUT(guardAbort(), 20000);
        QCOMPARE(guardAbort()->text, QStringLiteral("abort"));
        const QDateTime recorded =
            QDateTime::fromString(stored.at(1).json.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
        QVERIFY(recorded.isValid());
        QVERIFY2(std::abs(guardAbort()->timeMs - recorded.toMSecsSinceEpoch()) < 2000,
                 qPrintable(QString::number(guardAbort()->timeMs - recorded.toMSecsSinceEpoch())));
        // Another rollout's chart does not carry it.
        RolloutDetailSession other(m_live->connection(QStringLiteral("rolldeck-demo")), QStringLiteral("watch"),
                                   QStringLiteral("payments-api"));
        other.setRefreshInterval(0);
        other.open();
        controller.open(&other, m_live->scope());
        QTRY_VERIFY_WITH_TIMEOUT(chartModel.rowCount() > 0, 20000);
        QVERIFY(!guardAbort());
        controller.close();
    }

    void staleClusterPausesTheGuard()
    {
        // The watch of the cluster goes down (as the caches report it): the guard stops trusting what it knows.
        m_rollouts.setClusterStale(QStringLiteral("rolldeck-demo"),
                                   Staleness::stale(QDateTime::currentDateTimeUtc(), QStringLiteral("test")));
        QTRY_VERIFY_WITH_TIMEOUT(entry("watch")->state.phase() == TriggerState::Phase::Stale, 10000);
        QVERIFY2(entry("watch")->state.phaseText().startsWith(QStringLiteral("guard paused: data stale since ")),
                 qPrintable(entry("watch")->state.phaseText()));
        QVERIFY(!entry("watch")->state.firing());
        m_rollouts.setClusterLive(QStringLiteral("rolldeck-demo"));
        QTRY_VERIFY_WITH_TIMEOUT(entry("watch")->state.phase() != TriggerState::Phase::Stale, 10000);
    }

    void alertsPanelShowsTheRolloutsAlerts()
    {
        // The abort counted a failed deployment: the DeploymentFailed rule (resources/prometheus) fires for it.
        AlertListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        AlertsFeed feed(&model);
        Connections *live = m_live.get();
        feed.setEndpoints(
            [live](const QString &environment) { return prom::endpointFor(live->scope().workspace(), environment); });
        feed.setInterval(std::chrono::seconds(1));
        feed.show(QStringLiteral("canary"), QStringLiteral("canary"), QStringLiteral("payments-api"),
                  {{QStringLiteral("app"), QStringLiteral("pay")}});
        QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() > 0, 30000);
        QVERIFY2(model.error(AlertItem::Source::Prometheus).isEmpty(),
                 qPrintable(model.error(AlertItem::Source::Prometheus)));
        QCOMPARE(model.alertAt(0).name(), QStringLiteral("DeploymentFailed"));
        QCOMPARE(model.alertAt(0).state, QStringLiteral("firing"));
        QCOMPARE(model.alertAt(0).labels.value(QStringLiteral("deployment")), QStringLiteral("payments-api"));
        for (int r = 0; r < model.rowCount(); ++r)
            QCOMPARE(model.alertAt(r).labels.value(QStringLiteral("namespace")), QStringLiteral("canary"));

        // Another rollout: only its own alerts. "watch" was not aborted, so no DeploymentFailed; its canary's error
        // rate has the HighErrorRateDuringDeployment rule pending (its `for` is 5 minutes).
        QSignalSpy refreshed(&feed, &AlertsFeed::refreshed);
        feed.show(QStringLiteral("watch"), QStringLiteral("watch"), QStringLiteral("payments-api"));
        QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() > 0, 20000);
        for (int r = 0; r < model.rowCount(); ++r) {
            const AlertItem &a = model.alertAt(r);
            QVERIFY2(a.labels.value(QStringLiteral("namespace")) == u"watch" && a.name() != u"DeploymentFailed",
                     qPrintable(a.key()));
        }
        QCOMPARE(model.alertAt(0).name(), QStringLiteral("HighErrorRateDuringDeployment"));
        QCOMPARE(model.alertAt(0).state, QStringLiteral("pending"));
        QCOMPARE(model.alertAt(0).labels.value(QStringLiteral("version")), QStringLiteral("canary"));

        // A Prometheus that cannot be reached is said in the panel, not shown as "no alerts".
        feed.setEndpoints([](const QString &) {
            prom::PromEndpoint e;
            e.url = QUrl(QStringLiteral("http://127.0.0.1:1/"));
            return std::optional<prom::PromEndpoint>(e);
        });
        refreshed.clear();
        feed.refresh();
        QVERIFY(refreshed.wait(15000));
        QVERIFY2(model.error(AlertItem::Source::Prometheus).startsWith(QStringLiteral("Cannot reach the server")),
                 qPrintable(model.error(AlertItem::Source::Prometheus)));
    }
};

QTEST_GUILESS_MAIN(TestRollbackGuard)
#include "tst_rollbackguard.moc"
