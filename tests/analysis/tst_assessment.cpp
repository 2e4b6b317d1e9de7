// Assessment (models/analysis/Assessment): one measurement, one metric and a whole run, by the rules of the
// reference (argo-rollouts.md §3, argocd-prometheus-stats.md C.2), and against the upstream AnalysisRun fixtures.
#include "models/analysis/Assessment.h"
#include "models/argo/Analysis.h"

#include "AnalysisFixtures.h"

#include <QTest>

#include <cmath>

using namespace rolldeck;
using namespace rolldeck::analysis;

Q_DECLARE_METATYPE(rolldeck::analysis::Phase)
Q_DECLARE_METATYPE(rolldeck::analysis::ExprValue)
Q_DECLARE_METATYPE(rolldeck::analysis::MetricLimits)
Q_DECLARE_METATYPE(rolldeck::analysis::MetricTally)

namespace {

MetricTally tallyOf(std::initializer_list<Phase> phases)
{
    MetricTally t;
    for (Phase p : phases)
        t.add(p);
    return t;
}

MetricLimits limits(int failure = 0, int inconclusive = 0, int errors = 4, int successes = 0,
                    std::optional<int> count = std::nullopt)
{
    MetricLimits l;
    l.failureLimit = failure;
    l.inconclusiveLimit = inconclusive;
    l.consecutiveErrorLimit = errors;
    l.consecutiveSuccessLimit = successes;
    l.count = count;
    return l;
}

constexpr Phase S = Phase::Successful;
constexpr Phase F = Phase::Failed;
constexpr Phase I = Phase::Inconclusive;
constexpr Phase E = Phase::Error;

} // namespace

class TestAssessment : public QObject
{
    Q_OBJECT

private slots:
    void measurement_data();
    void measurement();
    void tally();
    void metric_data();
    void metric();
    void limitsFromMetric();
    void runTakesTheWorstMetric();
    void runWaitsForEveryMetric();
    void dryRunMetricsDoNotDecide();
    void terminatedRun();
    void fixtureMeasurementsReassess();
    void fixtureRunsReassess_data();
    void fixtureRunsReassess();
};

void TestAssessment::measurement_data()
{
    QTest::addColumn<QString>("success");
    QTest::addColumn<QString>("failure");
    QTest::addColumn<ExprValue>("result");
    QTest::addColumn<Phase>("phase");
    const ExprValue low = ExprValue::floats({0.001});
    const ExprValue mid = ExprValue::floats({0.007});
    const ExprValue high = ExprValue::floats({0.02});
    QTest::newRow("no conditions") << ""
                                   << "" << high << S;
    QTest::newRow("only success, true") << "result[0] < 0.005"
                                        << "" << low << S;
    QTest::newRow("only success, false -> Failed") << "result[0] < 0.005"
                                                   << "" << high << F;
    QTest::newRow("only failure, true") << ""
                                        << "result[0] > 0.01" << high << F;
    QTest::newRow("only failure, false -> Successful") << ""
                                                       << "result[0] > 0.01" << mid << S;
    QTest::newRow("both: success") << "result[0] < 0.005"
                                   << "result[0] > 0.01" << low << S;
    QTest::newRow("both: failure") << "result[0] < 0.005"
                                   << "result[0] > 0.01" << high << F;
    QTest::newRow("both: between -> Inconclusive") << "result[0] < 0.005"
                                                   << "result[0] > 0.01" << mid << I;
    QTest::newRow("both true: failure wins") << "true"
                                             << "true" << low << F;
    QTest::newRow("NaN with plain comparisons -> Inconclusive") << "result[0] < 0.005"
                                                                << "result[0] > 0.01" << ExprValue::floats({NAN}) << I;
    QTest::newRow("evaluation error -> Error") << "result[0] < 0.005"
                                               << "" << ExprValue::floats({}) << E;
    QTest::newRow("not a bool -> Error") << "result[0]"
                                         << "" << low << E;
}

void TestAssessment::measurement()
{
    QFETCH(QString, success);
    QFETCH(QString, failure);
    QFETCH(ExprValue, result);
    QFETCH(Phase, phase);
    std::optional<Condition> s;
    std::optional<Condition> f;
    if (!success.isEmpty())
        s = Condition::parse(success).value();
    if (!failure.isEmpty())
        f = Condition::parse(failure).value();
    const MeasurementVerdict v = assessMeasurement(s ? &*s : nullptr, f ? &*f : nullptr, result);
    QCOMPARE(phaseName(v.phase), phaseName(phase));
    QCOMPARE(v.message.isEmpty(), phase != E);
}

void TestAssessment::tally()
{
    const MetricTally t = tallyOf({S, S, E, E, F, I, S});
    QCOMPARE(t.count, 5); // errors do not count
    QCOMPARE(t.successful, 3);
    QCOMPARE(t.failed, 1);
    QCOMPARE(t.inconclusive, 1);
    QCOMPARE(t.error, 2);
    QCOMPARE(t.consecutiveError, 0);
    QCOMPARE(t.consecutiveSuccess, 1);
    QCOMPARE(tallyOf({S, E, E}).consecutiveError, 2);
    QCOMPARE(tallyOf({S, F, S, S}).consecutiveSuccess, 2);
    QVERIFY(!tallyOf({S, Phase::Running}).lastCompleted);
}

void TestAssessment::metric_data()
{
    QTest::addColumn<MetricLimits>("limits");
    QTest::addColumn<MetricTally>("tally");
    QTest::addColumn<bool>("terminating");
    QTest::addColumn<Phase>("phase");
    QTest::addColumn<QString>("reason");
    QTest::newRow("nothing measured") << limits() << MetricTally{} << false << Phase::Pending << "";
    QTest::newRow("nothing measured, terminating") << limits() << MetricTally{} << true << S << "";
    QTest::newRow("in flight") << limits() << tallyOf({S, Phase::Running}) << false << Phase::Running << "";
    QTest::newRow("first failure fails (default 0)")
        << limits() << tallyOf({S, F}) << false << F << "failed (1) > failureLimit (0)";
    QTest::newRow("within failureLimit") << limits(2) << tallyOf({F, F}) << false << Phase::Running << "";
    QTest::newRow("over failureLimit") << limits(2) << tallyOf({F, F, F}) << false << F
                                       << "failed (3) > failureLimit (2)";
    QTest::newRow("failureLimit -1 is off") << limits(-1) << tallyOf({F, F, F}) << false << Phase::Running << "";
    QTest::newRow("inconclusive") << limits(0, 0) << tallyOf({I}) << false << I
                                  << "inconclusive (1) > inconclusiveLimit (0)";
    QTest::newRow("inconclusive overrides failed")
        << limits(0, 0) << tallyOf({F, I}) << false << I << "inconclusive (1) > inconclusiveLimit (0)";
    QTest::newRow("errors up to the limit keep running")
        << limits() << tallyOf({E, E, E, E}) << false << Phase::Running << "";
    QTest::newRow("consecutive errors over the limit")
        << limits() << tallyOf({E, E, E, E, E}) << false << E << "consecutiveErrors (5) > consecutiveErrorLimit (4)";
    QTest::newRow("error overrides failed")
        << limits(0, 0, 1) << tallyOf({F, E, E}) << false << E << "consecutiveErrors (2) > consecutiveErrorLimit (1)";
    QTest::newRow("a success resets consecutive errors")
        << limits(0, 0, 1) << tallyOf({E, E, S, E}) << false << Phase::Running << "";
    QTest::newRow("consecutiveSuccessLimit reached") << limits(0, 0, 4, 2) << tallyOf({S, S}) << false << S << "";
    QTest::newRow("count reached") << limits(0, 0, 4, 0, 3) << tallyOf({S, S, S}) << false << S << "";
    QTest::newRow("count not reached") << limits(0, 0, 4, 0, 3) << tallyOf({S, S}) << false << Phase::Running << "";
    QTest::newRow("errors do not reach count")
        << limits(0, 0, 4, 0, 2) << tallyOf({S, E}) << false << Phase::Running << "";
    QTest::newRow("count with both limits -> Inconclusive")
        << limits(1, 0, 4, 3, 3) << tallyOf({S, F, S}) << false << I << "";
    QTest::newRow("count with only consecutiveSuccess -> Failed")
        << limits(-1, 0, 4, 3, 3) << tallyOf({S, F, S}) << false << F << "";
    QTest::newRow("indefinite metric, terminating") << limits() << tallyOf({S, S}) << true << S << "";
}

void TestAssessment::metric()
{
    QFETCH(MetricLimits, limits);
    QFETCH(MetricTally, tally);
    QFETCH(bool, terminating);
    QFETCH(Phase, phase);
    QFETCH(QString, reason);
    const MetricAssessment a = assessMetric(limits, tally, terminating);
    QCOMPARE(phaseName(a.phase), phaseName(phase));
    QCOMPARE(a.reason, reason);
}

void TestAssessment::limitsFromMetric()
{
    Metric m;
    MetricLimits l = MetricLimits::fromMetric(m);
    QCOMPARE(l.failureLimit, 0);
    QCOMPARE(l.inconclusiveLimit, 0);
    QCOMPARE(l.consecutiveErrorLimit, 4);
    QCOMPARE(l.count.value_or(-1), 1);            // neither count nor interval: one measurement
    m.raw.insert(QStringLiteral("interval"), 10); // a bare number, as older objects have it
    QVERIFY(!MetricLimits::fromMetric(m).count.has_value());
    m.raw = {};
    m.interval = QStringLiteral("1m");
    QVERIFY(!MetricLimits::fromMetric(m).count.has_value());
    m.count = QStringLiteral("10");
    m.failureLimit = QStringLiteral("-1");
    m.consecutiveErrorLimit = QStringLiteral("{{args.errors}}");
    l = MetricLimits::fromMetric(m);
    QCOMPARE(l.count.value_or(-1), 10);
    QCOMPARE(l.failureLimit, -1);
    QCOMPARE(l.consecutiveErrorLimit, 4);
}

void TestAssessment::runTakesTheWorstMetric()
{
    RunMetric ok{QStringLiteral("latency"), limits(0, 0, 4, 0, 1), tallyOf({S}), true, false, {}};
    RunMetric inconclusive{QStringLiteral("saturation"), limits(0, 0, 4, 0, 1), tallyOf({I}), true, false, {}};
    RunMetric failed{QStringLiteral("error-rate"), limits(0, 0, 4, 0, 5), tallyOf({S, F}), true, false, {}};
    RunAssessment r = assessRun({ok, inconclusive, failed}, false);
    QCOMPARE(phaseName(r.phase), QStringLiteral("Failed"));
    QCOMPARE(r.message, QStringLiteral("Metric \"error-rate\" assessed Failed due to failed (1) > failureLimit (0)"));
    QCOMPARE(r.summary.count, 3);
    QCOMPARE(r.summary.successful, 1);
    QCOMPARE(r.summary.inconclusive, 1);
    QCOMPARE(r.summary.failed, 1);
    r = assessRun({failed, inconclusive}, false);
    QCOMPARE(phaseName(r.phase), QStringLiteral("Failed")); // order of metrics does not matter
    r = assessRun({ok, inconclusive}, false);
    QCOMPARE(phaseName(r.phase), QStringLiteral("Inconclusive"));
    QCOMPARE(
        r.message,
        QStringLiteral("Metric \"saturation\" assessed Inconclusive due to inconclusive (1) > inconclusiveLimit (0)"));
    RunMetric errored{QStringLiteral("web"),
                      limits(),
                      tallyOf({E, E, E, E, E}),
                      true,
                      false,
                      QStringLiteral("Get \"http://x\": dial tcp: connection refused")};
    r = assessRun({errored}, false);
    QCOMPARE(r.message, QStringLiteral("Metric \"web\" assessed Error due to consecutiveErrors (5) > "
                                       "consecutiveErrorLimit (4): \"Error Message: Get \"http://x\": dial tcp: "
                                       "connection refused\""));
    r = assessRun({ok}, false);
    QCOMPARE(phaseName(r.phase), QStringLiteral("Successful"));
    QVERIFY(r.message.isEmpty());
}

void TestAssessment::runWaitsForEveryMetric()
{
    RunMetric failed{QStringLiteral("a"), limits(), tallyOf({F}), true, false, {}};
    RunMetric running{QStringLiteral("b"), limits(0, 0, 4, 0, 5), tallyOf({S}), true, false, {}};
    RunMetric delayed{QStringLiteral("c"), limits(), {}, false, false, {}};
    RunAssessment r = assessRun({failed, running}, false);
    QCOMPARE(phaseName(r.phase), QStringLiteral("Running"));
    QVERIFY(r.message.isEmpty());
    QCOMPARE(phaseName(r.metricPhases.at(0)), QStringLiteral("Failed"));
    r = assessRun({failed, delayed}, false);
    QCOMPARE(phaseName(r.phase), QStringLiteral("Running"));
    QCOMPARE(phaseName(assessRun({}, false).phase), QStringLiteral("Running"));
}

void TestAssessment::dryRunMetricsDoNotDecide()
{
    RunMetric dry{QStringLiteral("error-rate"), limits(), tallyOf({F}), true, true, {}};
    RunMetric ok{QStringLiteral("latency"), limits(0, 0, 4, 0, 1), tallyOf({S}), true, false, {}};
    const RunAssessment r = assessRun({dry, ok}, false);
    QCOMPARE(phaseName(r.phase), QStringLiteral("Successful"));
    QVERIFY(r.message.isEmpty());
    QCOMPARE(r.dryRunSummary.count, 1);
    QCOMPARE(r.dryRunSummary.failed, 1);
    QCOMPARE(r.summary.count, 1);
    QCOMPARE(r.dryRunMessages.at(0), QStringLiteral("Metric assessed Failed due to failed (1) > failureLimit (0)"));
    QVERIFY(r.dryRunMessages.at(1).isEmpty());
}

void TestAssessment::terminatedRun()
{
    RunMetric indefinite{QStringLiteral("a"), limits(), tallyOf({S, S}), true, false, {}};
    RunAssessment r = assessRun({indefinite}, true);
    QCOMPARE(phaseName(r.phase), QStringLiteral("Successful"));
    QCOMPARE(r.message, QStringLiteral("Run Terminated"));
    RunMetric failed{QStringLiteral("b"), limits(), tallyOf({F}), true, false, {}};
    r = assessRun({indefinite, failed}, true);
    QCOMPARE(phaseName(r.phase), QStringLiteral("Failed"));
}

// Each stored measurement's value, run through the metric's conditions again, gives the phase the controller
// recorded (the Argo CD fixtures cover Successful, Failed, Inconclusive and Error).
void TestAssessment::fixtureMeasurementsReassess()
{
    int checked = 0;
    for (const auto &[file, run] : test::analysisRunsIn(test::argoCdRunDir())) {
        for (const Metric &metric : run.metrics) {
            if (metric.successCondition.isEmpty() && metric.failureCondition.isEmpty())
                continue;
            std::optional<Condition> s;
            std::optional<Condition> f;
            if (!metric.successCondition.isEmpty())
                s = Condition::parse(metric.successCondition).value();
            if (!metric.failureCondition.isEmpty())
                f = Condition::parse(metric.failureCondition).value();
            for (const MetricResult &result : run.metricResults) {
                for (const Measurement &m : result.measurements) {
                    const MeasurementVerdict v =
                        assessMeasurement(s ? &*s : nullptr, f ? &*f : nullptr, ExprValue::fromMeasurement(m.value));
                    QVERIFY2(phaseName(v.phase) == m.phase, qPrintable(file + QLatin1String(": ") + m.value));
                    ++checked;
                }
            }
        }
    }
    QCOMPARE(checked, 17);
}

void TestAssessment::fixtureRunsReassess_data()
{
    QTest::addColumn<QString>("dir");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("phase");
    QTest::addColumn<QString>("message");
    const QString argocd = test::argoCdRunDir();
    QTest::newRow("successful") << argocd << "successfulAnalysisRun.yaml"
                                << "Successful"
                                << "";
    QTest::newRow("running") << argocd << "runningAnalysisRun.yaml"
                             << "Running"
                             << "";
    QTest::newRow("failed") << argocd << "failedAnalysisRun.yaml"
                            << "Failed"
                            << "Metric \"memory-usage\" assessed Failed due to failed (1) > failureLimit (0)";
    QTest::newRow("inconclusive")
        << argocd << "inconclusiveAnalysisRun.yaml"
        << "Inconclusive"
        << "Metric \"memory-usage\" assessed Inconclusive due to inconclusive (1) > inconclusiveLimit (0)";
    QTest::newRow("error")
        << argocd << "errorAnalysisRun.yaml"
        << "Error"
        << "Metric \"memory-usage\" assessed Error due to consecutiveErrors (5) > consecutiveErrorLimit (4)";
    QTest::newRow("terminated") << argocd << "terminatedAnalysisRun.yaml"
                                << "Successful"
                                << "Run Terminated";
    // Never reconciled: the controller has not written a phase yet, and its first pass finds the metric pending.
    QTest::newRow("pending") << argocd << "pendingAnalysisRun.yaml"
                             << "Running"
                             << "";
    QTest::newRow("rollout-aborted") << test::rolloutsScenarioDir("rollout-aborted") << "analysisrun.yaml"
                                     << "Failed"
                                     << "Metric \"web\" assessed Failed due to failed (1) > failureLimit (0)";
}

void TestAssessment::fixtureRunsReassess()
{
    QFETCH(QString, dir);
    QFETCH(QString, file);
    QFETCH(QString, phase);
    QFETCH(QString, message);
    bool found = false;
    for (const auto &[path, run] : test::analysisRunsIn(dir)) {
        if (!path.endsWith(QLatin1Char('/') + file))
            continue;
        found = true;
        const RunAssessment r = assessAnalysisRun(run);
        QCOMPARE(phaseName(r.phase), phase);
        QCOMPARE(r.message, message);
        if (run.phase != QLatin1String("Pending"))
            QCOMPARE(phaseName(r.phase), run.phase); // what the controller stored
    }
    QVERIFY(found);
}

QTEST_GUILESS_MAIN(TestAssessment)
#include "tst_assessment.moc"
