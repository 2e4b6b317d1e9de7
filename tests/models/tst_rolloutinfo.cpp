// The rollout view's rules (reference/argo-rollouts.md §2) on hand-made objects, the object store's
// ownership index, and tolerance of wrong field types, dangling references and ownership cycles.
#include "models/argo/ObjectStore.h"
#include "models/argo/RolloutFormat.h"
#include "models/argo/RolloutInfo.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace rolldeck;

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 8, 17), QTime(10, 0), Qt::UTC);

QJsonObject parse(const char *json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return doc.object();
}

QJsonObject object(const QString &kind, const QString &name, const QString &uid, const QJsonArray &owners = {})
{
    QJsonObject meta{{QStringLiteral("name"), name},
                     {QStringLiteral("namespace"), QStringLiteral("ns")},
                     {QStringLiteral("uid"), uid},
                     {QStringLiteral("creationTimestamp"), QStringLiteral("2026-08-10T10:00:00Z")}};
    if (!owners.isEmpty())
        meta.insert(QStringLiteral("ownerReferences"), owners);
    return QJsonObject{{QStringLiteral("kind"), kind}, {QStringLiteral("metadata"), meta}};
}

QJsonArray ownedBy(const QString &kind, const QString &name, const QString &uid)
{
    return QJsonArray{QJsonObject{{QStringLiteral("kind"), kind},
                                  {QStringLiteral("name"), name},
                                  {QStringLiteral("uid"), uid},
                                  {QStringLiteral("controller"), true}}};
}

// A rollout with the given spec and status (JSON text), generation 1.
QJsonObject rolloutJson(const char *spec, const char *status)
{
    QJsonObject ro = object(QStringLiteral("Rollout"), QStringLiteral("ro"), QStringLiteral("ro-uid"));
    QJsonObject meta = ro.value(QLatin1String("metadata")).toObject();
    meta.insert(QStringLiteral("generation"), 1);
    ro.insert(QStringLiteral("metadata"), meta);
    ro.insert(QStringLiteral("spec"), parse(spec));
    ro.insert(QStringLiteral("status"), parse(status));
    return ro;
}

QJsonObject replicaSetJson(const QString &name, const QString &hash, int revision, int specReplicas, int available)
{
    QJsonObject rs = object(QStringLiteral("ReplicaSet"), name, name + QStringLiteral("-uid"),
                            ownedBy(QStringLiteral("Rollout"), QStringLiteral("ro"), QStringLiteral("ro-uid")));
    QJsonObject meta = rs.value(QLatin1String("metadata")).toObject();
    meta.insert(QStringLiteral("labels"), QJsonObject{{QStringLiteral("rollouts-pod-template-hash"), hash}});
    meta.insert(QStringLiteral("annotations"),
                QJsonObject{{QStringLiteral("rollout.argoproj.io/revision"), QString::number(revision)}});
    rs.insert(QStringLiteral("metadata"), meta);
    rs.insert(QStringLiteral("spec"), QJsonObject{{QStringLiteral("replicas"), specReplicas}});
    rs.insert(QStringLiteral("status"), QJsonObject{{QStringLiteral("replicas"), specReplicas},
                                                    {QStringLiteral("availableReplicas"), available}});
    return rs;
}

RolloutInfo view(const QJsonObject &ro, const QList<QJsonObject> &others = {})
{
    ObjectStore store;
    store.upsert(ro);
    for (const QJsonObject &o : others)
        store.upsert(o);
    return buildRolloutInfo(*store.rollouts().constFirst(), store, kNow);
}

bool hasDiagnostic(const Diagnostics &list, const QString &part)
{
    for (const Diagnostic &d : list) {
        if (d.toString().contains(part))
            return true;
    }
    return false;
}

const char *kSteps = R"({"replicas": 4, "strategy": {"canary": {"steps": [{"setWeight": 10}, {"pause": {}},
    {"setWeight": 50}, {"pause": {"duration": "1h"}}, {"analysis": {}}]}}})";

} // namespace

class TestRolloutInfo : public QObject
{
    Q_OBJECT
private slots:
    void phase_data();
    void phase();
    void weights_data();
    void weights();
    void pauseRemaining_data();
    void pauseRemaining();
    void podStatus_data();
    void podStatus();
    void wrongFieldTypes();
    void danglingReferences();
    void ownershipCycles();
    void missingOwner();
    void incrementalStore();
    void jsonSchema();
    void blueGreenHasNoWeights();
    void stringMap();
};

void TestRolloutInfo::phase_data()
{
    QTest::addColumn<QJsonObject>("rollout");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("message");

    auto row = [](const char *name, const char *spec, const char *status, const char *s, const char *m,
                  qint64 generation = 1) {
        QJsonObject ro = rolloutJson(spec, status);
        QJsonObject meta = ro.value(QLatin1String("metadata")).toObject();
        meta.insert(QStringLiteral("generation"), generation);
        ro.insert(QStringLiteral("metadata"), meta);
        QTest::newRow(name) << ro << QString::fromUtf8(s) << QString::fromUtf8(m);
    };
    const char *canary = R"({"replicas": 2, "strategy": {"canary": {}}})";
    const char *healthy = R"({"replicas": 2, "updatedReplicas": 2, "availableReplicas": 2, "currentPodHash": "h",
                              "stableRS": "h")";
    auto st = [healthy](const char *extra) { return QByteArray(QByteArray(healthy) + extra + "}"); };
    static QList<QByteArray> keep; // keeps the composed JSON alive for the rows
    auto s = [&](const char *extra) {
        keep.append(st(extra));
        return keep.constLast().constData();
    };

    row("1 spec update not observed", canary, s(R"(, "observedGeneration": "1")"), "Progressing",
        "waiting for rollout spec update to be observed", 2);
    row("1 hash observedGeneration counts as observed", canary, s(R"(, "observedGeneration": "5b9f6c7d8")"), "Healthy",
        "", 2);
    row("1 newer observedGeneration", canary, s(R"(, "observedGeneration": "3")"), "Healthy", "", 2);
    row("2 controller pause without conditions", canary, s(R"(, "controllerPause": true)"), "Progressing",
        "waiting for rollout to unpause");
    row("2 controller pause with conditions", canary,
        s(R"(, "controllerPause": true, "pauseConditions": [{"reason": "CanaryPauseStep"}])"), "Paused",
        "CanaryPauseStep");
    row("4 phase written by the controller wins", canary, s(R"(, "phase": "Progressing", "message": "from controller",
              "conditions": [{"type": "InvalidSpec", "message": "x"}])"),
        "Progressing", "from controller");
    row("5a InvalidSpec", canary, s(R"(, "conditions": [{"type": "InvalidSpec", "message": "bad"}])"), "Degraded",
        "InvalidSpec: bad");
    row("5a aborted", canary,
        s(R"(, "conditions": [{"type": "Progressing", "reason": "RolloutAborted", "message": "Rollout aborted update to revision 2"}])"),
        "Degraded", "RolloutAborted: Rollout aborted update to revision 2");
    row("5a first condition wins", canary,
        s(R"(, "conditions": [{"type": "Progressing", "reason": "ProgressDeadlineExceeded", "message": "timeout"},
                              {"type": "InvalidSpec", "message": "bad"}])"),
        "Degraded", "ProgressDeadlineExceeded: timeout");
    row("5b manually paused", R"({"replicas": 2, "paused": true, "strategy": {"canary": {}}})",
        s(R"(, "pauseConditions": [{"reason": "CanaryPauseStep"}])"), "Paused", "manually paused");
    row("5c pause condition", canary, s(R"(, "pauseConditions": [{"reason": "InconclusiveAnalysisRun"}])"), "Paused",
        "InconclusiveAnalysisRun");
    row("5d restart pending", R"({"replicas": 2, "restartAt": "2026-08-17T09:00:00Z", "strategy": {"canary": {}}})",
        s(""), "Progressing", "rollout is restarting");
    row("5d restart done", R"({"replicas": 2, "restartAt": "2026-08-17T09:00:00Z", "strategy": {"canary": {}}})",
        s(R"(, "restartedAt": "2026-08-17T09:00:00Z")"), "Healthy", "");
    row("5e more replicas", canary, R"({"replicas": 2, "updatedReplicas": 1})", "Progressing",
        "more replicas need to be updated");
    row("5e replicas default to 1", R"({"strategy": {"canary": {}}})", R"({})", "Progressing",
        "more replicas need to be updated");
    row("5f becoming available", canary, R"({"replicas": 2, "updatedReplicas": 2, "availableReplicas": 1})",
        "Progressing", "updated replicas are still becoming available");
    const char *bg = R"({"replicas": 2, "strategy": {"blueGreen": {"activeService": "a"}}})";
    const char *bgPost = R"({"replicas": 2, "strategy": {"blueGreen": {"postPromotionAnalysis": {"templates": []}}}})";
    row("5g cutover pending", bg, s(R"(, "blueGreen": {"activeSelector": "old"})"), "Progressing",
        "active service cutover pending");
    row("5g no active selector", bg, s(""), "Progressing", "active service cutover pending");
    row("5g post-promotion analysis running", bgPost,
        R"({"replicas": 2, "updatedReplicas": 2, "availableReplicas": 2, "currentPodHash": "h", "stableRS": "old",
            "blueGreen": {"activeSelector": "h", "postPromotionAnalysisRunStatus": {"status": "Running"}}})",
        "Progressing", "waiting for analysis to complete");
    row("5g post-promotion analysis missing", bgPost,
        R"({"replicas": 2, "updatedReplicas": 2, "availableReplicas": 2, "currentPodHash": "h",
            "blueGreen": {"activeSelector": "h"}})",
        "Progressing", "waiting for analysis to complete");
    row("5g post-promotion analysis done", bgPost,
        R"({"replicas": 2, "updatedReplicas": 2, "availableReplicas": 2, "currentPodHash": "h", "stableRS": "old",
            "blueGreen": {"activeSelector": "h", "postPromotionAnalysisRunStatus": {"status": "Successful"}}})",
        "Progressing", "waiting for post-promotion verification to complete");
    row("5g healthy", bg, s(R"(, "blueGreen": {"activeSelector": "h"})"), "Healthy", "");
    row("5h old replicas", canary,
        R"({"replicas": 3, "updatedReplicas": 2, "availableReplicas": 2, "currentPodHash": "h", "stableRS": "h"})",
        "Progressing", "old replicas are pending termination");
    row("5h traffic routing skips the replica check",
        R"({"replicas": 2, "strategy": {"canary": {"trafficRouting": {"smi": {}}}}})",
        R"({"replicas": 3, "updatedReplicas": 2, "availableReplicas": 2, "currentPodHash": "h", "stableRS": "old"})",
        "Progressing", "waiting for all steps to complete");
    row("5h steps pending", canary,
        R"({"replicas": 2, "updatedReplicas": 2, "availableReplicas": 2, "currentPodHash": "h", "stableRS": "old"})",
        "Progressing", "waiting for all steps to complete");
    row("5i healthy", canary, s(""), "Healthy", "");
}

void TestRolloutInfo::phase()
{
    QFETCH(QJsonObject, rollout);
    QFETCH(QString, status);
    QFETCH(QString, message);
    const RolloutInfo info = view(rollout);
    QCOMPARE(info.status, status);
    QCOMPARE(info.message, message);
    QCOMPARE(info.icon, rolloutIcon(status));
    QVERIFY(!info.icon.trimmed().isEmpty());
}

void TestRolloutInfo::weights_data()
{
    QTest::addColumn<QJsonObject>("rollout");
    QTest::addColumn<QList<QJsonObject>>("others");
    QTest::addColumn<QString>("step");
    QTest::addColumn<int>("setWeight");
    QTest::addColumn<int>("actualWeight");
    QTest::addColumn<QString>("currentStep");

    const QList<QJsonObject> sets{replicaSetJson(QStringLiteral("ro-stable"), QStringLiteral("s"), 1, 3, 3),
                                  replicaSetJson(QStringLiteral("ro-canary"), QStringLiteral("c"), 2, 1, 1)};
    auto row = [&](const char *name, const char *spec, const char *status, const char *step, int set, int actual,
                   const char *current) {
        QTest::newRow(name) << rolloutJson(spec, status) << sets << QString::fromUtf8(step) << set << actual
                            << QString::fromUtf8(current);
    };
    row("no index yet", kSteps, R"({"availableReplicas": 4, "currentPodHash": "c", "stableRS": "s"})", "", 10, 25,
        "setWeight: 10");
    row("index 1 (pause) keeps the last weight", kSteps,
        R"({"currentStepIndex": 1, "availableReplicas": 4, "currentPodHash": "c", "stableRS": "s"})", "1/5", 10, 25,
        "pause");
    row("index 3", kSteps, R"({"currentStepIndex": 3, "availableReplicas": 4, "currentPodHash": "c", "stableRS": "s"})",
        "3/5", 50, 25, "pause: 1h");
    row("past the last step", kSteps,
        R"({"currentStepIndex": 5, "availableReplicas": 4, "currentPodHash": "c", "stableRS": "s"})", "5/5", 100, 100,
        "");
    row("aborted", kSteps,
        R"({"abort": true, "currentStepIndex": 3, "availableReplicas": 4, "currentPodHash": "c", "stableRS": "s"})",
        "3/5", 0, 25, "pause: 1h");
    row("no available replicas", kSteps,
        R"({"currentStepIndex": 2, "availableReplicas": 0, "currentPodHash": "c", "stableRS": "s"})", "2/5", 50, 0,
        "setWeight: 50");
    row("traffic routing with weights",
        R"({"strategy": {"canary": {"trafficRouting": {"istio": {}}, "steps": [{"setWeight": 30}]}}})",
        R"({"currentStepIndex": 0, "availableReplicas": 4, "currentPodHash": "c", "stableRS": "s",
            "canary": {"weights": {"canary": {"weight": 7}}}})",
        "0/1", 30, 7, "setWeight: 30");
    row("traffic routing without weights",
        R"({"strategy": {"canary": {"trafficRouting": {"istio": {}}, "steps": [{"setWeight": 30}]}}})",
        R"({"currentStepIndex": 0, "availableReplicas": 4, "currentPodHash": "c", "stableRS": "s"})", "0/1", 30, 30,
        "setWeight: 30");
    row("max traffic weight",
        R"({"strategy": {"canary": {"trafficRouting": {"maxTrafficWeight": 1000}, "steps": [{"setWeight": 300}]}}})",
        R"({"currentStepIndex": 1, "availableReplicas": 4, "currentPodHash": "c", "stableRS": "s"})", "1/1", 1000, 1000,
        "");
    row("no steps", R"({"strategy": {"canary": {}}})",
        R"({"currentStepIndex": 0, "availableReplicas": 4, "currentPodHash": "c", "stableRS": "s"})", "", 100, 100, "");
    row("no setWeight before the index", R"({"strategy": {"canary": {"steps": [{"pause": {}}, {"setWeight": 40}]}}})",
        R"({"currentStepIndex": 0, "availableReplicas": 4, "currentPodHash": "c", "stableRS": "s"})", "0/2", 0, 25,
        "pause");
}

void TestRolloutInfo::weights()
{
    QFETCH(QJsonObject, rollout);
    QFETCH(QList<QJsonObject>, others);
    QFETCH(QString, step);
    QFETCH(int, setWeight);
    QFETCH(int, actualWeight);
    QFETCH(QString, currentStep);
    const RolloutInfo info = view(rollout, others);
    QCOMPARE(info.strategy, QStringLiteral("Canary"));
    QCOMPARE(info.step, step);
    QCOMPARE(info.setWeight, setWeight);
    QCOMPARE(info.setWeightText(), QString::number(setWeight));
    QCOMPARE(info.actualWeight, actualWeight);
    QCOMPARE(info.currentStep, currentStep);
}

void TestRolloutInfo::pauseRemaining_data()
{
    QTest::addColumn<QString>("duration"); // JSON value text
    QTest::addColumn<QString>("startTime");
    QTest::addColumn<qint64>("remainingMs"); // -1 = none
    QTest::newRow("1h, 10m in") << QStringLiteral("\"1h\"") << QStringLiteral("2026-08-17T09:50:00Z")
                                << qint64(50 * 60 * 1000);
    QTest::newRow("int seconds") << QStringLiteral("30") << QStringLiteral("2026-08-17T09:59:50Z") << qint64(20000);
    QTest::newRow("int string") << QStringLiteral("\"30\"") << QStringLiteral("2026-08-17T09:59:50Z") << qint64(20000);
    QTest::newRow("elapsed") << QStringLiteral("\"5m\"") << QStringLiteral("2026-08-17T09:00:00Z") << qint64(0);
    QTest::newRow("untimed pause") << QString() << QStringLiteral("2026-08-17T09:00:00Z") << qint64(-1);
}

void TestRolloutInfo::pauseRemaining()
{
    QFETCH(QString, duration);
    QFETCH(QString, startTime);
    QFETCH(qint64, remainingMs);
    const QByteArray pause = duration.isEmpty() ? QByteArray("{}") : "{\"duration\": " + duration.toUtf8() + "}";
    const QByteArray spec = R"({"strategy": {"canary": {"steps": [{"setWeight": 10}, {"pause": )" + pause + "}]}}}";
    const QByteArray status = R"({"currentStepIndex": 1, "controllerPause": true, "pauseConditions": [
        {"reason": "CanaryPauseStep", "startTime": ")" +
                              startTime.toUtf8() + "\"}]}";
    const RolloutInfo info = view(rolloutJson(spec.constData(), status.constData()));
    QCOMPARE(info.status, QStringLiteral("Paused"));
    QCOMPARE(info.pauseRemainingMs.value_or(-1), remainingMs);
    // A timed canary pause step resumes by itself; an untimed one waits for someone to promote (the attention rule; the
    // dashboard's rule, which ignored every CanaryPauseStep, missed that one).
    QCOMPARE(info.needsAttention(), remainingMs < 0);
    QCOMPARE(info.attention(), remainingMs < 0 ? AttentionReason::WaitingForPromotion : AttentionReason::None);
}

void TestRolloutInfo::podStatus_data()
{
    QTest::addColumn<QString>("podJson");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("icon");
    QTest::addColumn<QString>("info");

    auto row = [](const char *name, const char *json, const char *status, const char16_t *icon, const char *info) {
        QTest::newRow(name) << QString::fromUtf8(json) << QString::fromUtf8(status) << QString::fromUtf16(icon)
                            << QString::fromUtf8(info);
    };
    row("running", R"({"spec": {"containers": [{"name": "a"}]}, "status": {"phase": "Running",
        "containerStatuses": [{"name": "a", "ready": true, "state": {"running": {}}}]}})",
        "Running", u"✔", "ready:1/1");
    row("crash loop with restarts", R"({"spec": {"containers": [{"name": "a"}]}, "status": {"phase": "Running",
        "containerStatuses": [{"name": "a", "restartCount": 3, "state": {"waiting": {"reason": "CrashLoopBackOff"}}}]}})",
        "CrashLoopBackOff", u"✖", "ready:0/1,restarts:3");
    row("completed sidecar with a running container", R"({"spec": {"containers": [{"name": "a"}, {"name": "b"}]},
        "status": {"phase": "Running", "containerStatuses": [
            {"name": "a", "ready": true, "state": {"running": {}}},
            {"name": "b", "state": {"terminated": {"reason": "Completed", "exitCode": 0}}}]}})",
        "Running", u"✔", "ready:1/2");
    row("exit code", R"({"spec": {"containers": [{"name": "a"}]}, "status": {"phase": "Failed",
        "containerStatuses": [{"name": "a", "state": {"terminated": {"exitCode": 137}}}]}})",
        "ExitCode:137", u"✖", "ready:0/1");
    row("signal", R"({"spec": {"containers": [{"name": "a"}]}, "status": {"phase": "Failed",
        "containerStatuses": [{"name": "a", "state": {"terminated": {"exitCode": 0, "signal": 9}}}]}})",
        "Signal:9", u"✖", "ready:0/1");
    row("image pull error", R"({"spec": {"containers": [{"name": "a"}]}, "status": {"phase": "Pending",
        "containerStatuses": [{"name": "a", "state": {"waiting": {"reason": "ErrImagePull"}}}]}})",
        "ErrImagePull", u"⚠", "ready:0/1");
    row("init waiting", R"({"spec": {"initContainers": [{"name": "i"}], "containers": [{"name": "a"}]},
        "status": {"phase": "Pending", "initContainerStatuses": [
            {"name": "i", "state": {"waiting": {"reason": "ImagePullBackOff"}}}]}})",
        "Init:ImagePullBackOff", u"◌", "ready:0/1");
    row("init running", R"({"spec": {"initContainers": [{"name": "i"}, {"name": "j"}], "containers": [{"name": "a"}]},
        "status": {"phase": "Pending", "initContainerStatuses": [
            {"name": "i", "restartCount": 1, "state": {"running": {}}}, {"name": "j", "state": {"waiting": {}}}]}})",
        "Init:0/2", u"◌", "ready:0/1,restarts:1");
    row("init failed", R"({"spec": {"initContainers": [{"name": "i"}], "containers": [{"name": "a"}]},
        "status": {"phase": "Pending", "initContainerStatuses": [
            {"name": "i", "state": {"terminated": {"exitCode": 1}}}]}})",
        "Init:ExitCode:1", u"◌", "ready:0/1");
    row("started sidecar is skipped", R"({"spec": {"initContainers": [{"name": "i", "restartPolicy": "Always"}],
        "containers": [{"name": "a"}]}, "status": {"phase": "Running", "initContainerStatuses": [
            {"name": "i", "started": true, "ready": true, "state": {"running": {}}}],
        "containerStatuses": [{"name": "a", "ready": true, "state": {"running": {}}}]}})",
        "Running", u"✔", "ready:1/1");
    row("terminating",
        R"({"metadata": {"deletionTimestamp": "2026-08-17T09:59:00Z"}, "spec": {"containers": [{"name": "a"}]},
        "status": {"phase": "Running", "containerStatuses": [{"name": "a", "ready": true, "state": {"running": {}}}]}})",
        "Terminating", u"◌", "ready:1/1");
    row("node lost",
        R"({"metadata": {"deletionTimestamp": "2026-08-17T09:59:00Z"}, "spec": {"containers": [{"name": "a"}]},
        "status": {"phase": "Running", "reason": "NodeLost"}})",
        "Unknown", u"?", "ready:0/1");
    row("pending", R"({"spec": {"containers": [{"name": "a"}]}, "status": {"phase": "Pending"}})", "Pending", u"◌",
        "ready:0/1");
    row("evicted", R"({"spec": {"containers": [{"name": "a"}]}, "status": {"phase": "Failed", "reason": "Evicted"}})",
        "Evicted", u" ", "ready:0/1");
}

void TestRolloutInfo::podStatus()
{
    QFETCH(QString, podJson);
    QFETCH(QString, status);
    QFETCH(QString, icon);
    QFETCH(QString, info);
    QJsonObject pod = parse(podJson.toUtf8().constData());
    const QJsonObject base =
        object(QStringLiteral("Pod"), QStringLiteral("p"), QStringLiteral("p-uid"),
               ownedBy(QStringLiteral("ReplicaSet"), QStringLiteral("ro-stable"), QStringLiteral("ro-stable-uid")));
    QJsonObject meta = base.value(QLatin1String("metadata")).toObject();
    const QJsonObject extra = pod.value(QLatin1String("metadata")).toObject();
    for (auto it = extra.constBegin(); it != extra.constEnd(); ++it)
        meta.insert(it.key(), it.value());
    pod.insert(QStringLiteral("kind"), QStringLiteral("Pod"));
    pod.insert(QStringLiteral("metadata"), meta);
    const RolloutInfo ri = view(rolloutJson(R"({"strategy": {"canary": {}}})", R"({"stableRS": "s"})"),
                                {replicaSetJson(QStringLiteral("ro-stable"), QStringLiteral("s"), 1, 1, 1), pod});
    QCOMPARE(ri.replicaSets().size(), 1);
    QCOMPARE(ri.replicaSets().at(0).pods.size(), 1);
    const PodInfo p = ri.replicaSets().at(0).pods.at(0);
    QCOMPARE(p.status, status);
    QCOMPARE(p.icon, icon);
    QCOMPARE(p.infoText(), info);
    QCOMPARE(p.age, QStringLiteral("7d"));
}

// Wrong types are reported with the object and the field path, and the view is still built.
void TestRolloutInfo::wrongFieldTypes()
{
    QJsonObject ro =
        rolloutJson(R"({"replicas": "three", "paused": "yes", "strategy": {"canary": {"steps": {"setWeight": 10}}}})",
                    R"({"currentStepIndex": "1", "replicas": 2.5, "conditions": "none", "pauseConditions": [3]})");
    QJsonObject meta = ro.value(QLatin1String("metadata")).toObject();
    meta.insert(QStringLiteral("labels"), QJsonArray{1, 2});
    meta.insert(QStringLiteral("creationTimestamp"), QStringLiteral("yesterday"));
    ro.insert(QStringLiteral("metadata"), meta);
    ObjectStore store;
    Diagnostics problems;
    store.upsert(ro, {QStringLiteral("dump.yaml"), 12, {}}, &problems);
    const RolloutInfo info = buildRolloutInfo(*store.rollouts().constFirst(), store, kNow);
    for (const char *expected : {"dump.yaml:12: Rollout ns/ro: spec.replicas: expected an integer, got a string",
                                 "Rollout ns/ro: spec.paused: expected a boolean, got a string",
                                 "Rollout ns/ro: spec.strategy.canary.steps: expected a list, got a mapping",
                                 "Rollout ns/ro: status.currentStepIndex: expected an integer, got a string",
                                 "Rollout ns/ro: status.replicas: expected an integer, got 2.5",
                                 "Rollout ns/ro: status.conditions: expected a list, got a string",
                                 "Rollout ns/ro: status.pauseConditions[]: an entry is not a mapping",
                                 "Rollout ns/ro: metadata.labels: expected a mapping, got a list",
                                 "Rollout ns/ro: metadata.creationTimestamp: not an RFC 3339 time: yesterday"}) {
        QVERIFY2(hasDiagnostic(problems, QString::fromUtf8(expected)), expected);
        QVERIFY2(hasDiagnostic(info.diagnostics, QString::fromUtf8(expected)), expected);
        QVERIFY2(hasDiagnostic(store.diagnostics(), QString::fromUtf8(expected)), expected);
    }
    // Wrong fields count as missing: replicas default to 1, no steps, no index.
    QCOMPARE(info.replicas.desired, 1);
    QCOMPARE(info.step, QString());
    QCOMPARE(info.setWeight, 100);
    QCOMPARE(info.age, QStringLiteral("292y")); // Go's zero time, as kubectl shows a missing timestamp
    QVERIFY(!formatRolloutText(info).isEmpty());

    // Not even a mapping where one is required, and a wholly wrong kind of object: no crash.
    ObjectStore odd;
    odd.upsert(parse(R"({"kind": "Rollout", "metadata": "x", "spec": [], "status": 3})"));
    odd.upsert(parse(R"({"kind": "Pod", "metadata": {"name": "p", "ownerReferences": [1, {"uid": 2}]}, "spec": 1})"));
    odd.upsert(parse(R"({"kind": "AnalysisRun", "metadata": {"name": "a"}, "status": {"metricResults": [
        {"measurements": 3}, 1, {"successful": "2", "measurements": [{"metadata": {"job-name": 5}}]}]}})"));
    QCOMPARE(odd.rollouts().size(), 1);
    const RolloutInfo oddInfo = buildRolloutInfo(*odd.rollouts().constFirst(), odd, kNow);
    QVERIFY(hasDiagnostic(oddInfo.diagnostics, QStringLiteral("metadata: expected a mapping, got a string")));
    QVERIFY(hasDiagnostic(odd.diagnostics(), QStringLiteral("metadata.ownerReferences[]: expected a mapping")));
    QVERIFY(hasDiagnostic(odd.diagnostics(), QStringLiteral("metadata.ownerReferences[].uid: expected a string")));
    QVERIFY(hasDiagnostic(odd.diagnostics(), QStringLiteral("successful: expected an integer, got a string")));
    QVERIFY(hasDiagnostic(odd.diagnostics(), QStringLiteral("value of \"job-name\": expected a string")));
}

void TestRolloutInfo::danglingReferences()
{
    const RolloutInfo info = view(rolloutJson(R"({"strategy": {"canary": {"steps": [{"setWeight": 5}]}},
                             "workloadRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"}})",
                                              R"({"currentPodHash": "gone", "stableRS": "s", "currentStepIndex": 7})"),
                                  {replicaSetJson(QStringLiteral("ro-stable"), QStringLiteral("s"), 1, 1, 1)});
    QVERIFY(hasDiagnostic(
        info.diagnostics,
        QStringLiteral("Rollout ns/ro: status.currentPodHash \"gone\" names no ReplicaSet owned by the rollout")));
    QVERIFY(!hasDiagnostic(info.diagnostics, QStringLiteral("status.stableRS")));
    QVERIFY(hasDiagnostic(info.diagnostics, QStringLiteral("status.currentStepIndex: 7 is past the 1 steps")));
    QVERIFY(hasDiagnostic(info.diagnostics, QStringLiteral("Deployment \"web\", which is not among the objects")));
    QCOMPARE(info.diagnostics.constLast().severity, Diagnostic::Severity::Warning);
    QCOMPARE(info.diagnostics.constFirst().severity, Diagnostic::Severity::Error);
    QCOMPARE(info.replicaSets().size(), 1);
    QCOMPARE(info.setWeight, 100);

    const RolloutInfo negative =
        view(rolloutJson(R"({"strategy": {"canary": {"steps": [{"setWeight": 5}]}}})", R"({"currentStepIndex": -2})"));
    QVERIFY(hasDiagnostic(negative.diagnostics, QStringLiteral("status.currentStepIndex: negative (-2)")));
    QCOMPARE(negative.setWeight, 100);
}

void TestRolloutInfo::ownershipCycles()
{
    ObjectStore store;
    store.upsert(rolloutJson(R"({"strategy": {"canary": {}}})", R"({})"));
    // a -> b -> a, and c owns itself; a is also owned by the rollout.
    QJsonArray aOwners = ownedBy(QStringLiteral("ReplicaSet"), QStringLiteral("b"), QStringLiteral("b-uid"));
    aOwners.append(ownedBy(QStringLiteral("Rollout"), QStringLiteral("ro"), QStringLiteral("ro-uid")).at(0));
    store.upsert(object(QStringLiteral("ReplicaSet"), QStringLiteral("a"), QStringLiteral("a-uid"), aOwners));
    store.upsert(object(QStringLiteral("ReplicaSet"), QStringLiteral("b"), QStringLiteral("b-uid"),
                        ownedBy(QStringLiteral("ReplicaSet"), QStringLiteral("a"), QStringLiteral("a-uid"))));
    store.upsert(object(QStringLiteral("Experiment"), QStringLiteral("c"), QStringLiteral("c-uid"),
                        ownedBy(QStringLiteral("Experiment"), QStringLiteral("c"), QStringLiteral("c-uid"))));
    store.upsert(object(QStringLiteral("Pod"), QStringLiteral("p"), QStringLiteral("p-uid"),
                        ownedBy(QStringLiteral("ReplicaSet"), QStringLiteral("b"), QStringLiteral("b-uid"))));

    const Diagnostics diags = store.diagnostics();
    QVERIFY(
        hasDiagnostic(diags, QStringLiteral("ownership cycle: ReplicaSet ns/a -> ReplicaSet ns/b -> ReplicaSet ns/a")));
    QVERIFY(hasDiagnostic(diags, QStringLiteral("ownership cycle: Experiment ns/c -> Experiment ns/c")));
    // Walking up from the pod ends, and finds the rollout through the cycle.
    const QList<ObjectKey> affected =
        store.rolloutsAffectedBy({ObjectKind::Pod, QStringLiteral("ns"), QStringLiteral("p")});
    QCOMPARE(affected.size(), 1);
    QCOMPARE(affected.at(0).name, QStringLiteral("ro"));
    const RolloutInfo info = buildRolloutInfo(*store.rollouts().constFirst(), store, kNow);
    QCOMPARE(info.replicaSets().size(), 1);
    QVERIFY(!formatRolloutText(info).isEmpty());
}

void TestRolloutInfo::missingOwner()
{
    ObjectStore store;
    store.upsert(object(QStringLiteral("Pod"), QStringLiteral("p"), QStringLiteral("p-uid"),
                        ownedBy(QStringLiteral("ReplicaSet"), QStringLiteral("web-1"), QStringLiteral("gone"))),
                 {QStringLiteral("pods.yaml"), 3, {}});
    store.upsert(object(QStringLiteral("Pod"), QStringLiteral("q"), QStringLiteral("q-uid"),
                        ownedBy(QStringLiteral("Node"), QStringLiteral("n1"), QStringLiteral("node-uid"))));
    const Diagnostics diags = store.diagnostics();
    QCOMPARE(diags.size(), 1);
    QCOMPARE(diags.at(0).toString(),
             QStringLiteral("pods.yaml:3: Pod ns/p: owner ReplicaSet web-1 (uid gone) is not among the objects"));
    QVERIFY(store.rolloutsAffectedBy({ObjectKind::Pod, QStringLiteral("ns"), QStringLiteral("p")}).isEmpty());
}

void TestRolloutInfo::incrementalStore()
{
    ObjectStore store;
    store.upsert(rolloutJson(R"({"strategy": {"canary": {}}})", R"({"stableRS": "s"})"));
    const ObjectKey rsKey = store.upsert(replicaSetJson(QStringLiteral("ro-stable"), QStringLiteral("s"), 1, 1, 1));
    QCOMPARE(rsKey.kind, ObjectKind::ReplicaSet);
    store.upsert(
        object(QStringLiteral("Pod"), QStringLiteral("p"), QStringLiteral("p-uid"),
               ownedBy(QStringLiteral("ReplicaSet"), QStringLiteral("ro-stable"), QStringLiteral("ro-stable-uid"))));
    QCOMPARE(store.size(), 3);
    QCOMPARE(store.replicaSetsOwnedBy(QStringLiteral("ro-uid")).size(), 1);
    QCOMPARE(store.podsOwnedBy(QStringLiteral("ro-stable-uid")).size(), 1);
    QCOMPARE(store.rolloutsAffectedBy({ObjectKind::Pod, QStringLiteral("ns"), QStringLiteral("p")}),
             (QList<ObjectKey>{{ObjectKind::Rollout, QStringLiteral("ns"), QStringLiteral("ro")}}));

    // Re-parenting the ReplicaSet moves it in the index; the old owner no longer lists it.
    QJsonObject moved = replicaSetJson(QStringLiteral("ro-stable"), QStringLiteral("s"), 1, 1, 1);
    QJsonObject meta = moved.value(QLatin1String("metadata")).toObject();
    meta.insert(QStringLiteral("ownerReferences"),
                ownedBy(QStringLiteral("Rollout"), QStringLiteral("x"), QStringLiteral("other-uid")));
    moved.insert(QStringLiteral("metadata"), meta);
    store.upsert(moved);
    QCOMPARE(store.size(), 3);
    QVERIFY(store.replicaSetsOwnedBy(QStringLiteral("ro-uid")).isEmpty());
    QCOMPARE(store.replicaSetsOwnedBy(QStringLiteral("other-uid")).size(), 1);

    QVERIFY(store.remove(rsKey));
    QVERIFY(!store.remove(rsKey));
    QVERIFY(store.replicaSetsOwnedBy(QStringLiteral("other-uid")).isEmpty());
    QCOMPARE(store.size(), 2);
    QVERIFY(!store.upsert(parse(R"({"kind": "ConfigMap", "metadata": {"name": "c"}})")).name.size());
    QCOMPARE(store.size(), 2);
    // Insertion order is kept on update.
    store.upsert(rolloutJson(R"({"strategy": {"blueGreen": {}}})", R"({})"));
    QCOMPARE(store.rollouts().size(), 1);
    QCOMPARE(store.rollouts().at(0)->strategy, Rollout::Strategy::BlueGreen);
}

void TestRolloutInfo::jsonSchema()
{
    const RolloutInfo info =
        view(rolloutJson(kSteps, R"({"currentStepIndex": 2, "replicas": 4, "updatedReplicas": 1, "readyReplicas": 4,
                                "availableReplicas": 4, "currentPodHash": "c", "stableRS": "s"})"),
             {replicaSetJson(QStringLiteral("ro-stable"), QStringLiteral("s"), 1, 3, 3),
              replicaSetJson(QStringLiteral("ro-canary"), QStringLiteral("c"), 2, 1, 1)});
    const QJsonObject o = rolloutInfoToJson(info);
    QCOMPARE(o.value(QLatin1String("name")).toString(), QStringLiteral("ro"));
    QCOMPARE(o.value(QLatin1String("namespace")).toString(), QStringLiteral("ns"));
    QCOMPARE(o.value(QLatin1String("status")).toString(), QStringLiteral("Progressing"));
    QCOMPARE(o.value(QLatin1String("message")).toString(), QStringLiteral("more replicas need to be updated"));
    QCOMPARE(o.value(QLatin1String("strategy")).toString(), QStringLiteral("Canary"));
    QCOMPARE(o.value(QLatin1String("step")).toString(), QStringLiteral("2/5"));
    QCOMPARE(o.value(QLatin1String("setWeight")).toInt(), 50);
    QCOMPARE(o.value(QLatin1String("actualWeight")).toInt(), 25);
    const QJsonObject replicas = o.value(QLatin1String("replicas")).toObject();
    QCOMPARE(replicas.value(QLatin1String("desired")).toInt(), 4);
    QCOMPARE(replicas.value(QLatin1String("updated")).toInt(), 1);
    QCOMPARE(replicas.keys(),
             (QStringList{QStringLiteral("available"), QStringLiteral("current"), QStringLiteral("desired"),
                          QStringLiteral("ready"), QStringLiteral("updated")}));
    const QJsonArray revisions = o.value(QLatin1String("revisions")).toArray();
    QCOMPARE(revisions.size(), 2);
    QCOMPARE(revisions.at(0).toObject().value(QLatin1String("revision")).toInt(), 2);
    const QJsonObject rs = revisions.at(0).toObject().value(QLatin1String("replicaSets")).toArray().at(0).toObject();
    QCOMPARE(rs.value(QLatin1String("name")).toString(), QStringLiteral("ro-canary"));
    QCOMPARE(rs.value(QLatin1String("tags")).toArray(), QJsonArray{QStringLiteral("canary")});
    QCOMPARE(rs.value(QLatin1String("info")).toString(), QStringLiteral("canary"));
    QVERIFY(rs.value(QLatin1String("pods")).isArray());
    QVERIFY(revisions.at(0).toObject().value(QLatin1String("experiments")).isArray());
    QVERIFY(revisions.at(0).toObject().value(QLatin1String("analysisRuns")).isArray());
    QVERIFY(o.value(QLatin1String("images")).isArray());
    QVERIFY(o.value(QLatin1String("pauseRemainingSeconds")).isNull());
    QCOMPARE(statusCommandLine(info, false), QStringLiteral("Progressing - more replicas need to be updated"));
    QVERIFY(statusCommandError(info).isEmpty());
}

void TestRolloutInfo::blueGreenHasNoWeights()
{
    const RolloutInfo info = view(rolloutJson(R"({"strategy": {"blueGreen": {}}})", R"({"currentStepIndex": 1})"));
    QCOMPARE(info.strategy, QStringLiteral("BlueGreen"));
    QCOMPARE(info.step, QString());
    QCOMPARE(info.setWeightText(), QString());
    const QJsonObject o = rolloutInfoToJson(info);
    QVERIFY(o.value(QLatin1String("setWeight")).isNull());
    QVERIFY(!formatRolloutText(info).contains(QLatin1String("SetWeight")));
}

void TestRolloutInfo::stringMap()
{
    StringMap map;
    QVERIFY(map.isEmpty());
    map.insert(QStringLiteral("app"), QStringLiteral("web"));
    map.insert(QStringLiteral("tier"), QStringLiteral("front"));
    map.insert(QStringLiteral("app"), QStringLiteral("api"));
    QCOMPARE(map.size(), 2);
    QCOMPARE(map.value(QStringLiteral("app")), QStringLiteral("api"));
    QVERIFY(map.contains(QStringLiteral("tier")));
    QVERIFY(!map.contains(QStringLiteral("missing")));
    QCOMPARE(map.value(QStringLiteral("missing"), QStringLiteral("fallback")), QStringLiteral("fallback"));
    QCOMPARE(map.entries().at(0).first, QStringLiteral("app"));
}

QTEST_GUILESS_MAIN(TestRolloutInfo)
#include "tst_rolloutinfo.moc"
