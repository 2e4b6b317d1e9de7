// What the charts of a rollout query: the version split of a query (stable vs canary, active vs preview), the
// metrics of its AnalysisRuns with the args filled in and their measurements, the environment's criteria (or the
// source document's defaults), the markers from its Events and the audit log, and the deployment dashboard.
#include "app/metrics/ChartPlan.h"
#include "models/argo/KubeEvent.h"
#include "models/argo/ObjectStore.h"
#include "ChartPlanFixtures.h"

#include <QJsonDocument>
#include <QTest>

using namespace rolldeck;
using namespace rolldeck::metrics;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

QStringList list(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out << s(item);
    return out;
}

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

} // namespace

class TestChartPlan : public QObject
{
    Q_OBJECT

private slots:
    void withVersion_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<bool>("changed");
        QTest::newRow("added to each selector naming the rollout")
            << s(R"(sum(rate(x{namespace="n",rollout="web",status=~"5.."}[5m])) / sum(rate(x{rollout="web"}[5m])))")
            << s("canary")
            << s(R"(sum(rate(x{namespace="n",rollout="web",status=~"5..",version="canary"}[5m])) / sum(rate(x{rollout="web",version="canary"}[5m])))")
            << true;
        QTest::newRow("an existing version matcher is replaced")
            << s(R"(rate(x{rollout="web", version="canary"}[1m]))") << s("stable")
            << s(R"(rate(x{rollout="web",version="stable"}[1m]))") << true;
        QTest::newRow("a pod regex names the rollout")
            << s(R"(max(m{pod=~"web-.*"}))") << s("preview") << s(R"(max(m{pod=~"web-.*",version="preview"}))") << true;
        QTest::newRow("selectors about something else stay")
            << s(R"(count(ALERTS{alertstate="firing"}) or vector(0))") << s("canary")
            << s(R"(count(ALERTS{alertstate="firing"}) or vector(0))") << false;
        QTest::newRow("braces and quotes inside a label value")
            << s("x{rollout=\"web\",path=\"/a{b}\\\"c\"}") << s("canary")
            << s("x{rollout=\"web\",path=\"/a{b}\\\"c\",version=\"canary\"}") << true;
        QTest::newRow("another rollout whose name starts the same")
            << s(R"(x{rollout="webshop"})") << s("canary") << s(R"(x{rollout="webshop",version="canary"})") << true;
    }

    void withVersion()
    {
        QFETCH(QString, query);
        QFETCH(QString, version);
        QFETCH(QString, expected);
        QFETCH(bool, changed);
        bool was = !changed;
        QCOMPARE(metrics::withVersion(query, QStringLiteral("web"), version, &was), expected);
        QCOMPARE(was, changed);
    }

    void rolloutCharts()
    {
        ObjectStore store;
        store.upsert(json(kRollout));
        store.upsert(json(kRun));
        RolloutChartInput input;
        input.context = QStringLiteral("rolldeck-demo");
        input.namespaceName = QStringLiteral("canary");
        input.name = QStringLiteral("payments-api");
        input.environment = QStringLiteral("canary");
        input.successCriteria = defaultSuccessCriteria();
        input.rollbackTriggers = defaultRollbackTriggers();
        const QList<PlannedChart> plan = planRolloutCharts(input, store);
        QStringList ids;
        for (const PlannedChart &p : plan)
            ids << p.chart.spec.id;
        QCOMPARE(ids, list({"analysis/success-rate", "criterion/error rate", "criterion/p95 response time",
                            "trigger/error rate", "trigger/p95 response time", "trigger/memory"}));

        // The analysis metric: args filled in, one query per version, the lines and the measurements.
        const PlannedChart &analysis = plan.first();
        QCOMPARE(analysis.versions, list({"stable", "canary"}));
        QVERIFY2(analysis.queries.at(0).contains(
                     QStringLiteral(R"(namespace="canary",rollout="payments-api",code!~"5..",version="stable")")),
                 qPrintable(analysis.queries.at(0)));
        QVERIFY(!analysis.queries.at(1).contains(QStringLiteral("{{")));
        QVERIFY(analysis.chart.failureLine && analysis.chart.successLine);
        QCOMPARE(analysis.chart.measurements.size(), 2);
        QCOMPARE(analysis.chart.measurements.at(1).value, 0.99);
        QCOMPARE(analysis.chart.measurements.at(1).phase, analysis::Phase::Failed);

        // The rollback trigger on the error rate: in percent, a failure line at 0.5 %.
        const PlannedChart &trigger = plan.at(3);
        QCOMPARE(trigger.chart.spec.conditionText, QStringLiteral("> 0.5%"));
        QCOMPARE(trigger.chart.spec.displayScale, 100.0);
        QVERIFY(trigger.chart.failureLine);
        QCOMPARE(trigger.chart.failureLine->value, 0.005);
        QVERIFY(
            trigger.queries.at(1).contains(QStringLiteral(R"(rollout="payments-api",status=~"5..",version="canary")")));

        // Blue-green: active (stable) and preview.
        input.blueGreen = true;
        QCOMPARE(planRolloutCharts(input, store).at(3).versions, list({"stable", "preview"}));
    }

    void markers()
    {
        KubeEvent step;
        step.uid = QStringLiteral("e1");
        step.reason = QStringLiteral("RolloutStepCompleted");
        step.message = QStringLiteral("Rollout step 1/7 completed (setWeight: 5)");
        step.lastSeen = QDateTime::fromMSecsSinceEpoch(3000, Qt::UTC);
        KubeEvent aborted = step;
        aborted.reason = QStringLiteral("RolloutAborted");
        aborted.lastSeen = QDateTime::fromMSecsSinceEpoch(5000, Qt::UTC);
        KubeEvent scaled = step;
        scaled.reason = QStringLiteral("ScalingReplicaSet");
        KubeEvent ours = step;
        ours.fromRolldeck = true;
        const charts::ChartMarker promote{4000, charts::ChartMarker::Kind::Action, QStringLiteral("promote"),
                                          QStringLiteral("alice")};
        const QList<charts::ChartMarker> out = rolloutMarkers({aborted, scaled, step, ours}, {promote});
        QCOMPARE(out.size(), 3);
        QCOMPARE(out.at(0).kind, charts::ChartMarker::Kind::Step);
        QCOMPARE(out.at(1).actor, QStringLiteral("alice"));
        QCOMPARE(out.at(2).kind, charts::ChartMarker::Kind::Abort);
    }

    void dashboard()
    {
        const QList<PlannedChart> plan = planDeploymentDashboard();
        QCOMPARE(plan.size(), 3);
        for (const PlannedChart &p : plan) {
            QCOMPARE(p.queries.size(), 1);
            QVERIFY(p.queries.first().contains(QStringLiteral("deployment_")));
            QVERIFY(p.queries.first().contains(QStringLiteral("environment")));
        }
    }
};

QTEST_GUILESS_MAIN(TestChartPlan)
#include "tst_chartplan.moc"
