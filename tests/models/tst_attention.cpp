// The one "needs attention" rule (models/domain/Attention.h): every case the issue names, decided from real rollout
// JSON through the rollout view, and the same verdict through a list row and the list model (filter role, sort key).
#include "Attention.h"
#include "RolloutListModel.h"
#include "RolloutRow.h"
#include "argo/ObjectStore.h"
#include "argo/RolloutInfo.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace rolldeck;

Q_DECLARE_METATYPE(rolldeck::AttentionReason)

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 8, 17), QTime(10, 0), Qt::UTC);

QJsonObject parse(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s in %s", qPrintable(error.errorString()), json.constData());
    return doc.object();
}

QJsonObject rollout(const QByteArray &spec, const QByteArray &status)
{
    QJsonObject ro = parse(R"({"kind": "Rollout", "metadata": {"name": "checkout", "namespace": "shop",
        "uid": "ro-1", "generation": 1, "creationTimestamp": "2026-08-10T10:00:00Z"}})");
    ro.insert(QStringLiteral("spec"), parse(spec));
    ro.insert(QStringLiteral("status"), parse(status));
    return ro;
}

RolloutInfo view(const QJsonObject &ro)
{
    ObjectStore store;
    store.upsert(ro);
    return buildRolloutInfo(*store.rollouts().constFirst(), store, kNow);
}

// A canary with an untimed pause at step 1 and a 1h pause at step 3.
const QByteArray kCanary = R"({"replicas": 2, "strategy": {"canary": {"steps": [{"setWeight": 10}, {"pause": {}},
    {"setWeight": 50}, {"pause": {"duration": "1h"}}]}}})";
const QByteArray kCanaryPaused = R"({"replicas": 2, "paused": true, "strategy": {"canary": {"steps": [
    {"setWeight": 10}, {"pause": {}}, {"setWeight": 50}, {"pause": {"duration": "1h"}}]}}})";

QByteArray blueGreen(const QByteArray &extra)
{
    return R"({"replicas": 2, "strategy": {"blueGreen": {"activeService": "a", "previewService": "p")" + extra + "}}}";
}

// Settled replica counts, so that only the named fields decide the status.
QByteArray status(const QByteArray &fields)
{
    QByteArray s = R"({"observedGeneration": "1", "replicas": 2, "updatedReplicas": 2, "readyReplicas": 2,
        "availableReplicas": 2, "currentPodHash": "new", "stableRS": "old")";
    if (!fields.isEmpty())
        s += ", " + fields;
    return s + "}";
}

QByteArray pause(const char *reason, const char *start = "2026-08-17T09:50:00Z")
{
    return QByteArray(R"("controllerPause": true, "pauseConditions": [{"reason": ")") + reason +
           R"(", "startTime": ")" + start + R"("}])";
}

} // namespace

class TestAttention : public QObject
{
    Q_OBJECT
private slots:
    void rule_data()
    {
        QTest::addColumn<QByteArray>("spec");
        QTest::addColumn<QByteArray>("status");
        QTest::addColumn<QString>("expectedStatus");
        QTest::addColumn<AttentionReason>("reason");
        QTest::addColumn<QString>("text");

        const QByteArray settled = R"({"replicas": 2, "strategy": {"canary": {"steps": [{"setWeight": 10}]}}})";
        QTest::newRow("healthy") << settled
                                 << QByteArray(R"({"observedGeneration": "1", "replicas": 2, "updatedReplicas": 2,
            "readyReplicas": 2, "availableReplicas": 2, "currentPodHash": "a", "stableRS": "a", "currentStepIndex": 1})")
                                 << u"Healthy"_qs << AttentionReason::None << QString();
        QTest::newRow("progressing") << kCanary << status(R"("currentStepIndex": 0)") << u"Progressing"_qs
                                     << AttentionReason::None << QString();
        QTest::newRow("progress deadline exceeded")
            << kCanary << status(R"("currentStepIndex": 0, "conditions": [{"type": "Progressing", "status": "False",
                "reason": "ProgressDeadlineExceeded", "message": "ReplicaSet x has timed out progressing."}])")
            << u"Degraded"_qs << AttentionReason::Degraded << u"degraded"_qs;
        QTest::newRow("invalid spec") << kCanary << status(R"("conditions": [{"type": "InvalidSpec", "status": "True",
                "reason": "InvalidSpec", "message": "selector does not match"}])")
                                      << u"Degraded"_qs << AttentionReason::Degraded << u"degraded"_qs;
        QTest::newRow("aborted by a person")
            << kCanary << status(R"("abort": true, "abortedAt": "2026-08-17T09:55:00Z", "currentStepIndex": 0,
                "conditions": [{"type": "Progressing", "status": "False", "reason": "RolloutAborted",
                "message": "Rollout aborted update to revision 2"}])")
            << u"Degraded"_qs << AttentionReason::Aborted << u"aborted"_qs;
        QTest::newRow("aborted by analysis, controller-written phase")
            << kCanary
            << status(
                   R"("phase": "Degraded", "message": "RolloutAborted: Rollout aborted update to revision 2: Step-based analysis phase error/failed")")
            << u"Degraded"_qs << AttentionReason::Aborted << u"aborted"_qs;
        QTest::newRow("abort set, controller not caught up")
            << kCanary << status(R"("abort": true, "currentStepIndex": 1)") << u"Progressing"_qs
            << AttentionReason::Aborted << u"aborted"_qs;
        QTest::newRow("legacy Error") << kCanary << status(R"("phase": "Error", "message": "x")") << u"Error"_qs
                                      << AttentionReason::Failed << u"failed"_qs;
        QTest::newRow("legacy InvalidSpec") << kCanary << status(R"("phase": "InvalidSpec")") << u"InvalidSpec"_qs
                                            << AttentionReason::Failed << u"failed"_qs;
        QTest::newRow("Unknown") << kCanary << status(R"("phase": "Unknown")") << u"Unknown"_qs
                                 << AttentionReason::Unknown << u"status unknown"_qs;
        QTest::newRow("ScaledDown (legacy) is calm")
            << kCanary << status(R"("phase": "ScaledDown")") << u"ScaledDown"_qs << AttentionReason::None << QString();
        QTest::newRow("timed canary pause resumes by itself")
            << kCanary << status(R"("currentStepIndex": 3, )" + pause("CanaryPauseStep")) << u"Paused"_qs
            << AttentionReason::None << QString();
        QTest::newRow("timed canary pause, time up, controller not yet resumed")
            << kCanary << status(R"("currentStepIndex": 3, )" + pause("CanaryPauseStep", "2026-08-17T08:00:00Z"))
            << u"Paused"_qs << AttentionReason::None << QString();
        QTest::newRow("indefinite canary pause")
            << kCanary << status(R"("currentStepIndex": 1, )" + pause("CanaryPauseStep")) << u"Paused"_qs
            << AttentionReason::WaitingForPromotion << u"waiting for promotion"_qs;
        QTest::newRow("controller-written Paused, timed step")
            << kCanary
            << status(R"("phase": "Paused", "message": "CanaryPauseStep", "currentStepIndex": 3, )" +
                      pause("CanaryPauseStep"))
            << u"Paused"_qs << AttentionReason::None << QString();
        QTest::newRow("inconclusive analysis during a timed pause")
            << kCanary << status(R"("currentStepIndex": 3, "controllerPause": true, "pauseConditions": [
                {"reason": "CanaryPauseStep", "startTime": "2026-08-17T09:50:00Z"},
                {"reason": "InconclusiveAnalysisRun", "startTime": "2026-08-17T09:55:00Z"}])")
            << u"Paused"_qs << AttentionReason::InconclusiveAnalysis << u"analysis inconclusive"_qs;
        QTest::newRow("inconclusive experiment")
            << kCanary << status(R"("currentStepIndex": 2, )" + pause("InconclusiveExperiment")) << u"Paused"_qs
            << AttentionReason::InconclusiveAnalysis << u"analysis inconclusive"_qs;
        QTest::newRow("blue-green without auto-promotion")
            << blueGreen(R"(, "autoPromotionEnabled": false)") << status(pause("BlueGreenPause")) << u"Paused"_qs
            << AttentionReason::WaitingForPromotion << u"waiting for promotion"_qs;
        QTest::newRow("blue-green auto-promotes after 30s")
            << blueGreen(R"(, "autoPromotionSeconds": 30)") << status(pause("BlueGreenPause")) << u"Paused"_qs
            << AttentionReason::None << QString();
        QTest::newRow("blue-green auto-promotion disabled: seconds ignored")
            << blueGreen(R"(, "autoPromotionEnabled": false, "autoPromotionSeconds": 30)")
            << status(pause("BlueGreenPause")) << u"Paused"_qs << AttentionReason::WaitingForPromotion
            << u"waiting for promotion"_qs;
        QTest::newRow("manually paused") << kCanaryPaused << status(R"("currentStepIndex": 0)") << u"Paused"_qs
                                         << AttentionReason::ManuallyPaused << u"paused by a person"_qs;
        QTest::newRow("manually paused during a timed step")
            << kCanaryPaused << status(R"("currentStepIndex": 3, )" + pause("CanaryPauseStep")) << u"Paused"_qs
            << AttentionReason::ManuallyPaused << u"paused by a person"_qs;
        QTest::newRow("controller paused, spec.paused set by a person")
            << kCanaryPaused << status(R"("currentStepIndex": 0, "controllerPause": true)") << u"Progressing"_qs
            << AttentionReason::ManuallyPaused << u"paused by a person"_qs;
        QTest::newRow("controller pause being lifted after a promote")
            << kCanary << status(R"("currentStepIndex": 2, "controllerPause": true)") << u"Progressing"_qs
            << AttentionReason::None << QString();
        QTest::newRow("controller-written manual pause")
            << kCanary << status(R"("phase": "Paused", "message": "manually paused", "currentStepIndex": 3)")
            << u"Paused"_qs << AttentionReason::ManuallyPaused << u"paused by a person"_qs;
    }

    void rule()
    {
        QFETCH(QByteArray, spec);
        QFETCH(QByteArray, status);
        QFETCH(QString, expectedStatus);
        QFETCH(AttentionReason, reason);
        QFETCH(QString, text);

        const RolloutInfo info = view(rollout(spec, status));
        QCOMPARE(info.status, expectedStatus);
        QCOMPARE(info.attention(), reason);
        QCOMPARE(info.needsAttention(), reason != AttentionReason::None);
        QCOMPARE(attentionReasonText(reason), text);

        // The list row carries the same facts and reaches the same verdict.
        const RolloutRow row = rolloutRowFromInfo(QStringLiteral("prod"), info);
        QCOMPARE(row.attention(), reason);
        QCOMPARE(row.needsAttention(), reason != AttentionReason::None);

        // And so does the model: its filter role, its reason text and its Status sort key.
        RolloutListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.upsert({row});
        const QModelIndex status0 = model.index(0, int(RolloutListModel::Column::Status));
        QCOMPARE(status0.data(RolloutListModel::AttentionRole).toBool(), reason != AttentionReason::None);
        QCOMPARE(status0.data(RolloutListModel::AttentionReasonRole).toString(), text);
        const int severity = int(statusSeverity(expectedStatus));
        QCOMPARE(status0.data(RolloutListModel::RawValueRole).toInt() > int(StatusSeverity::Degraded),
                 reason != AttentionReason::None);
        QCOMPARE(status0.data(RolloutListModel::RawValueRole).toInt() % (int(StatusSeverity::Degraded) + 1), severity);

        // A stale cluster adds "stale since …" to the reason, and makes a calm row need attention too.
        const QDateTime since = QDateTime(QDate(2026, 8, 17), QTime(9, 42, 13), Qt::UTC);
        model.setClusterStale(QStringLiteral("prod"), {since, QStringLiteral("connection refused")});
        QVERIFY(status0.data(RolloutListModel::AttentionRole).toBool());
        const QString stale = Staleness{since, QStringLiteral("connection refused")}.text();
        QCOMPARE(status0.data(RolloutListModel::AttentionReasonRole).toString(),
                 text.isEmpty() ? stale : text + QStringLiteral("; ") + stale);
        QVERIFY(status0.data(RolloutListModel::RawValueRole).toInt() > int(StatusSeverity::Degraded));
    }

    void attentionValue_data()
    {
        QTest::addColumn<AttentionReason>("reason");
        QTest::addColumn<bool>("stale");
        QTest::addColumn<bool>("needed");
        QTest::addColumn<QString>("key");
        QTest::newRow("none") << AttentionReason::None << false << false << QString();
        QTest::newRow("stale only") << AttentionReason::None << true << true << u"stale"_qs;
        QTest::newRow("aborted") << AttentionReason::Aborted << false << true << u"aborted"_qs;
        QTest::newRow("aborted and stale: the rollout's reason")
            << AttentionReason::Aborted << true << true << u"aborted"_qs;
        QTest::newRow("degraded") << AttentionReason::Degraded << false << true << u"degraded"_qs;
        QTest::newRow("failed") << AttentionReason::Failed << false << true << u"failed"_qs;
        QTest::newRow("unknown") << AttentionReason::Unknown << false << true << u"unknown"_qs;
        QTest::newRow("manual") << AttentionReason::ManuallyPaused << false << true << u"manuallyPaused"_qs;
        QTest::newRow("inconclusive") << AttentionReason::InconclusiveAnalysis << false << true
                                      << u"inconclusiveAnalysis"_qs;
        QTest::newRow("promotion") << AttentionReason::WaitingForPromotion << false << true
                                   << u"waitingForPromotion"_qs;
    }
    void attentionValue()
    {
        QFETCH(AttentionReason, reason);
        QFETCH(bool, stale);
        QFETCH(bool, needed);
        QFETCH(QString, key);
        Attention a;
        a.reason = reason;
        if (stale) {
            a.stale.since = kNow;
            a.stale.cause = QStringLiteral("connection refused");
        }
        QCOMPARE(a.needed(), needed);
        QCOMPARE(a.key(), key);
        QCOMPARE(a.text().isEmpty(), !needed);
        QCOMPARE(a.text().contains(QLatin1String("stale since")), stale);
        QCOMPARE(a.text().contains(QLatin1String("connection refused")), stale);
        QCOMPARE(a.text().startsWith(attentionReasonText(reason)), true);
    }
};

QTEST_GUILESS_MAIN(TestAttention)
#include "tst_attention.moc"
