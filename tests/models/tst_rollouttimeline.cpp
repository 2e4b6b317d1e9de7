// What the step timeline, the blue-green view and the detail header are drawn from (argo/RolloutTimeline.h), on
// hand-made objects with a fixed clock: step states and weights, the countdown of a timed pause, the analysis
// verdict of the current revision with its failing metric, the seed's phases, blue-green clocks, the last action.
#include "models/argo/ObjectStore.h"
#include "models/argo/RolloutInfo.h"
#include "models/argo/RolloutTimeline.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace rolldeck;

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 8, 17), QTime(10, 0), Qt::UTC);

QJsonObject parse(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return doc.object();
}

QJsonObject meta(const QString &name, const QString &uid, const QJsonObject &extra = {})
{
    QJsonObject m{{QStringLiteral("name"), name},
                  {QStringLiteral("namespace"), QStringLiteral("ns")},
                  {QStringLiteral("uid"), uid},
                  {QStringLiteral("creationTimestamp"), QStringLiteral("2026-08-17T09:00:00Z")}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        m.insert(it.key(), it.value());
    return m;
}

QJsonObject rollout(const QByteArray &spec, const QByteArray &status, const QJsonObject &annotations = {})
{
    return QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("argoproj.io/v1alpha1")},
                       {QStringLiteral("kind"), QStringLiteral("Rollout")},
                       {QStringLiteral("metadata"), meta(QStringLiteral("api"), QStringLiteral("ro-uid"),
                                                         {{QStringLiteral("annotations"), annotations}})},
                       {QStringLiteral("spec"), parse(spec)},
                       {QStringLiteral("status"), parse(status)}};
}

QJsonObject analysisRun(const QString &name, const QString &type, const QString &hash, const QString &stepIndex,
                        const QByteArray &metricsAndStatus,
                        const QString &created = QStringLiteral("2026-08-17T09:50:00Z"))
{
    QJsonObject labels{{QStringLiteral("rollout-type"), type}, {QStringLiteral("rollouts-pod-template-hash"), hash}};
    if (!stepIndex.isEmpty())
        labels.insert(QStringLiteral("step-index"), stepIndex);
    QJsonObject m = meta(
        name, name + QStringLiteral("-uid"),
        {{QStringLiteral("labels"), labels},
         {QStringLiteral("ownerReferences"), QJsonArray{QJsonObject{{QStringLiteral("kind"), QStringLiteral("Rollout")},
                                                                    {QStringLiteral("name"), QStringLiteral("api")},
                                                                    {QStringLiteral("uid"), QStringLiteral("ro-uid")},
                                                                    {QStringLiteral("controller"), true}}}}});
    m.insert(QStringLiteral("creationTimestamp"), created);
    QJsonObject run = parse(metricsAndStatus);
    run.insert(QStringLiteral("apiVersion"), QStringLiteral("argoproj.io/v1alpha1"));
    run.insert(QStringLiteral("kind"), QStringLiteral("AnalysisRun"));
    run.insert(QStringLiteral("metadata"), m);
    return run;
}

RolloutInfo view(const QJsonObject &ro, const QList<QJsonObject> &others = {}, double timeScale = 1.0)
{
    ObjectStore store;
    store.upsert(ro);
    for (const QJsonObject &o : others)
        store.upsert(o);
    return buildRolloutInfo(*store.rollouts().constFirst(), store, kNow, timeScale);
}

const QByteArray kSeedSteps = R"({"replicas": 4, "strategy": {"canary": {"steps": [
    {"setWeight": 5}, {"pause": {"duration": "30m"}}, {"setWeight": 25}, {"pause": {"duration": "2h"}},
    {"setWeight": 50}, {"pause": {"duration": "4h"}}, {"setWeight": 100}]}},
    "template": {"spec": {"containers": [{"name": "api", "image": "api:1.5.0"}]}}})";

} // namespace

class TestRolloutTimeline : public QObject
{
    Q_OBJECT
private slots:
    void seedPhasesMidRollout()
    {
        const RolloutInfo info = view(rollout(kSeedSteps, R"({"currentStepIndex": 3, "currentPodHash": "new",
            "pauseConditions": [{"reason": "CanaryPauseStep", "startTime": "2026-08-17T09:50:00Z"}],
            "controllerPause": true, "phase": "Paused"})"));
        const StepTimeline &t = info.timeline;
        QCOMPARE(t.steps.size(), 7);
        QVERIFY(t.followsSeedPhases);
        QVERIFY(!t.complete);
        QCOMPARE(t.currentStepIndex, std::optional<int>(3));
        const QList<TimelineStep::State> expected{TimelineStep::State::Done,    TimelineStep::State::Done,
                                                  TimelineStep::State::Done,    TimelineStep::State::Current,
                                                  TimelineStep::State::Pending, TimelineStep::State::Pending,
                                                  TimelineStep::State::Pending};
        for (int i = 0; i < 7; ++i)
            QCOMPARE(t.steps[i].state, expected[i]);
        // The weight in force at each step; a pause carries the weight before it.
        QCOMPARE(t.steps[0].weight, 5);
        QCOMPARE(t.steps[1].weight, 5);
        QCOMPARE(t.steps[3].weight, 25);
        QCOMPARE(t.steps[3].kind, TimelineStep::Kind::Pause);
        QCOMPARE(t.steps[3].durationMs, std::optional<qint64>(2 * 3600 * 1000));
        // Paused 10 minutes ago for 2 h: 1 h 50 min left; only the current pause counts down.
        QCOMPARE(t.steps[3].remainingMs, std::optional<qint64>(110 * 60 * 1000));
        QVERIFY(!t.steps[1].remainingMs);
        QVERIFY(!t.steps[5].remainingMs);
        // At --speed 60 the same pause lasts 2 min of wall time: over.
        QCOMPARE(view(rollout(kSeedSteps, R"({"currentStepIndex": 3, "pauseConditions": [{"reason":
                     "CanaryPauseStep", "startTime": "2026-08-17T09:50:00Z"}]})"),
                      {}, 60)
                     .timeline.steps[3]
                     .remainingMs,
                 std::optional<qint64>(0));
    }

    void otherStepsAreNotTheSeedPhases_data()
    {
        QTest::addColumn<QByteArray>("steps");
        QTest::newRow("other weights") << QByteArray(R"([{"setWeight": 20}, {"pause": {}}])");
        QTest::newRow("shorter pause") << QByteArray(R"([{"setWeight": 5}, {"pause": {"duration": "10m"}},
            {"setWeight": 25}, {"pause": {"duration": "2h"}}, {"setWeight": 50}, {"pause": {"duration": "4h"}}])");
        QTest::newRow("a step after 100") << QByteArray(R"([{"setWeight": 5}, {"pause": {"duration": "30m"}},
            {"setWeight": 25}, {"pause": {"duration": "2h"}}, {"setWeight": 50}, {"pause": {"duration": "4h"}},
            {"setWeight": 100}, {"pause": {}}])");
    }

    void otherStepsAreNotTheSeedPhases()
    {
        QFETCH(QByteArray, steps);
        const QByteArray spec = R"({"strategy": {"canary": {"steps": )" + steps + "}}}";
        QVERIFY(!view(rollout(spec, R"({"currentStepIndex": 0})")).timeline.followsSeedPhases);
        // Written in seconds rather than minutes, the seed's phases are still the seed's phases.
        QVERIFY(view(rollout(QByteArray(kSeedSteps).replace("\"30m\"", "1800"), R"({"currentStepIndex": 0})"))
                    .timeline.followsSeedPhases);
    }

    void analysisStepShowsTheFailingMetricOfTheCurrentRevision()
    {
        const QByteArray spec = R"({"strategy": {"canary": {"steps": [{"setWeight": 10},
            {"analysis": {"templates": [{"templateName": "error-rate"}]}}, {"setWeight": 50}]}}})";
        const QByteArray failed = R"({"spec": {"metrics": [
              {"name": "latency", "successCondition": "result[0] < 0.5", "provider": {"prometheus": {}}},
              {"name": "error-rate", "failureCondition": "result[0] > 0.005", "provider": {"prometheus": {}}}]},
            "status": {"phase": "Failed", "message": "Metric \"error-rate\" assessed Failed",
              "metricResults": [
                {"name": "latency", "phase": "Successful", "measurements": [{"phase": "Successful", "value": "[0.12]"}]},
                {"name": "error-rate", "phase": "Failed", "failed": 2, "measurements": [
                  {"phase": "Failed", "value": "[0.011]"}, {"phase": "Failed", "value": "[0.021]"}]}]}})";
        const QByteArray good = R"({"spec": {"metrics": []}, "status": {"phase": "Successful"}})";
        const RolloutInfo info =
            view(rollout(spec, R"({"currentStepIndex": 1, "currentPodHash": "new"})"),
                 {analysisRun(QStringLiteral("api-new-2-1"), QStringLiteral("Step"), QStringLiteral("new"),
                              QStringLiteral("1"), failed),
                  // The previous revision's run of the same step passed: not this revision's.
                  analysisRun(QStringLiteral("api-old-1-1"), QStringLiteral("Step"), QStringLiteral("old"),
                              QStringLiteral("1"), good, QStringLiteral("2026-08-17T09:59:00Z")),
                  analysisRun(QStringLiteral("api-new-2-bg"), QStringLiteral("Background"), QStringLiteral("new"),
                              QString(), good)});
        const TimelineStep &step = info.timeline.steps[1];
        QCOMPARE(step.kind, TimelineStep::Kind::Analysis);
        QCOMPARE(step.weight, 10);
        QCOMPARE(step.analysis.run, QStringLiteral("api-new-2-1"));
        QCOMPARE(step.analysis.phase, QStringLiteral("Failed"));
        QVERIFY(step.analysis.isBad());
        QCOMPARE(step.analysis.metric, QStringLiteral("error-rate"));
        QCOMPARE(step.analysis.value, QStringLiteral("[0.021]")); // the last measurement
        QCOMPARE(step.analysis.condition, QStringLiteral("failure: result[0] > 0.005"));
        QVERIFY(!info.timeline.steps[0].analysis.isValid());
        QCOMPARE(info.timeline.background.run, QStringLiteral("api-new-2-bg"));
        QVERIFY(!info.timeline.background.isBad());
        QVERIFY(info.timeline.background.metric.isEmpty());
    }

    void abortedAndComplete()
    {
        const RolloutInfo aborted = view(rollout(kSeedSteps, R"({"currentStepIndex": 2, "abort": true})"));
        QVERIFY(aborted.timeline.aborted);
        QCOMPARE(aborted.timeline.steps[1].state, TimelineStep::State::Done);
        QCOMPARE(aborted.timeline.steps[2].state, TimelineStep::State::Aborted);
        QCOMPARE(aborted.timeline.steps[3].state, TimelineStep::State::Pending);
        const RolloutInfo done = view(rollout(kSeedSteps, R"({"currentStepIndex": 7})"));
        QVERIFY(done.timeline.complete);
        for (const TimelineStep &s : done.timeline.steps)
            QCOMPARE(s.state, TimelineStep::State::Done);
        // Not a canary: no timeline.
        QVERIFY(view(rollout(R"({"strategy": {"blueGreen": {"activeService": "a"}}})", "{}")).timeline.isEmpty());
    }

    void blueGreenClocks()
    {
        const QByteArray spec = R"({"strategy": {"blueGreen": {"activeService": "web", "previewService": "web-preview",
            "autoPromotionSeconds": 600, "scaleDownDelaySeconds": 90}}})";
        const RolloutInfo info = view(rollout(spec, R"({"phase": "Paused", "controllerPause": true,
            "pauseConditions": [{"reason": "BlueGreenPause", "startTime": "2026-08-17T09:58:00Z"}],
            "blueGreen": {"activeSelector": "old", "previewSelector": "new"}})"));
        QCOMPARE(info.blueGreen.autoPromotionSeconds, 600);
        QCOMPARE(info.blueGreen.scaleDownDelaySeconds, 90);
        // Paused 2 min ago, promotes after 10: 8 min left; at --speed 10 the 10 min last 1: over.
        QCOMPARE(info.blueGreen.autoPromotionRemainingMs, std::optional<qint64>(8 * 60 * 1000));
        QCOMPARE(view(rollout(spec, R"({"pauseConditions": [{"reason": "BlueGreenPause",
                     "startTime": "2026-08-17T09:58:00Z"}]})"),
                      {}, 10)
                     .blueGreen.autoPromotionRemainingMs,
                 std::optional<qint64>(0));
        // Without auto-promotion there is no countdown; the default delay is 30 s.
        const RolloutInfo manual = view(rollout(R"({"strategy": {"blueGreen": {"activeService": "web",
            "autoPromotionEnabled": false}}})",
                                                R"({"pauseConditions": [{"reason": "BlueGreenPause",
            "startTime": "2026-08-17T09:58:00Z"}]})"));
        QVERIFY(!manual.blueGreen.autoPromotionRemainingMs);
        QVERIFY(!manual.blueGreen.autoPromotionEnabled);
        QCOMPARE(manual.blueGreen.scaleDownDelaySeconds, 30);
    }

    void lastActionFromTheAnnotation()
    {
        const QJsonObject annotations{
            {QStringLiteral("rolldeck.io/last-action"),
             QStringLiteral(R"j({"verb":"promote","actor":"alice (admin)","time":"2026-08-17T09:48:00.250Z",)j"
                            R"j("reason":"error rate flat for 30 min","hash":"ab12"})j")}};
        const RolloutInfo info = view(rollout(kSeedSteps, R"({"currentStepIndex": 2})", annotations));
        QVERIFY(info.lastAction.isValid());
        QCOMPARE(info.lastAction.verb, QStringLiteral("promote"));
        QCOMPARE(info.lastAction.actor, QStringLiteral("alice (admin)"));
        QCOMPARE(info.lastAction.reason, QStringLiteral("error rate flat for 30 min"));
        QCOMPARE(info.lastAction.hash, QStringLiteral("ab12"));
        QCOMPARE(info.lastAction.time, QDateTime(QDate(2026, 8, 17), QTime(9, 48, 0, 250), Qt::UTC));
        QVERIFY(!view(rollout(kSeedSteps, "{}")).lastAction.isValid());
        QVERIFY(!parseLastAction(QStringLiteral("promote by bob")).isValid());
        QVERIFY(!parseLastAction(QStringLiteral("[1, 2]")).isValid());
    }
};

QTEST_GUILESS_MAIN(TestRolloutTimeline)
#include "tst_rollouttimeline.moc"
