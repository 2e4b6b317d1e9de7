// Acceptance of the actions against rolldeck-sim (loopback HTTPS, no controller: the objects change only through
// what we send), through the real `rolldeck` binary, reading the object back with kubectl: every verb and variant
// on canary and blue-green rollouts, undo with its upstream cases, a read-only token, server faults, a process
// killed between intent and result, and the Events and annotation the actions leave.
#include "../kube/TestPki.h"
#include "../sim/SimTestSupport.h"
#include "ActionTestSupport.h"
#include "sim/Resources.h"
#include "sim/Simulator.h"

#include <QDir>
#include <QJsonArray>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace actiontest;
using nlohmann::json;
using simtest::runKubectl;

namespace {

const char *kCanary = R"({"apiVersion":"argoproj.io/v1alpha1","kind":"Rollout",
 "metadata":{"name":"web","namespace":"shop","annotations":{"rollout.argoproj.io/revision":"3"}},
 "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
  "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"shop/web:3"}]}},
  "strategy":{"canary":{"steps":[{"setWeight":20},{"pause":{}},{"setWeight":50},{"pause":{}}]}}}})";
const char *kCanaryStatus = R"({"status":{"currentStepIndex":1,"controllerPause":true,
 "pauseConditions":[{"reason":"CanaryPauseStep","startTime":"2026-01-01T00:00:00Z"}],
 "currentPodHash":"h3","stableRS":"h2","phase":"Paused","message":"CanaryPauseStep"}})";

const char *kBlueGreen = R"({"apiVersion":"argoproj.io/v1alpha1","kind":"Rollout",
 "metadata":{"name":"bg","namespace":"shop","annotations":{"rollout.argoproj.io/revision":"2"}},
 "spec":{"replicas":2,"selector":{"matchLabels":{"app":"bg"}},
  "template":{"metadata":{"labels":{"app":"bg"}},"spec":{"containers":[{"name":"bg","image":"shop/bg:2"}]}},
  "strategy":{"blueGreen":{"activeService":"bg-active","previewService":"bg-preview","autoPromotionEnabled":false}}}})";
const char *kBlueGreenStatus = R"({"status":{"controllerPause":true,
 "pauseConditions":[{"reason":"BlueGreenPause","startTime":"2026-01-01T00:00:00Z"}],
 "currentPodHash":"b2","stableRS":"b1","phase":"Paused","message":"BlueGreenPause"}})";

const char *kStepping = R"({"apiVersion":"argoproj.io/v1alpha1","kind":"Rollout",
 "metadata":{"name":"api","namespace":"shop","annotations":{"rollout.argoproj.io/revision":"5"}},
 "spec":{"replicas":1,"selector":{"matchLabels":{"app":"api"}},
  "template":{"metadata":{"labels":{"app":"api"}},"spec":{"containers":[{"name":"api","image":"shop/api:5"}]}},
  "strategy":{"canary":{"steps":[{"setWeight":10},{"analysis":{"templates":[{"templateName":"t"}]}},{"setWeight":60}]}}}})";
const char *kSteppingStatus = R"({"status":{"currentStepIndex":1,"currentPodHash":"a5","stableRS":"a4",
 "phase":"Progressing","message":"more replicas need to be updated"}})";

const char *kInconclusive = R"({"apiVersion":"argoproj.io/v1alpha1","kind":"Rollout",
 "metadata":{"name":"inc","namespace":"shop","annotations":{"rollout.argoproj.io/revision":"2"}},
 "spec":{"replicas":1,"selector":{"matchLabels":{"app":"inc"}},
  "template":{"metadata":{"labels":{"app":"inc"}},"spec":{"containers":[{"name":"inc","image":"shop/inc:2"}]}},
  "strategy":{"canary":{"steps":[{"setWeight":10},{"setWeight":30},{"analysis":{"templates":[{"templateName":"t"}]}},
   {"setWeight":60}]}}}})";
const char *kInconclusiveStatus = R"({"status":{"currentStepIndex":2,"controllerPause":true,
 "pauseConditions":[{"reason":"InconclusiveAnalysisRun","startTime":"2026-01-01T00:00:00Z"}],
 "canary":{"currentStepAnalysisRunStatus":{"name":"inc-run","status":"Inconclusive"}},
 "currentPodHash":"i2","stableRS":"i1","phase":"Paused","message":"InconclusiveAnalysisRun"}})";

const char *kWorkloadRef = R"({"apiVersion":"argoproj.io/v1alpha1","kind":"Rollout",
 "metadata":{"name":"wr","namespace":"shop","annotations":{"rollout.argoproj.io/revision":"2"}},
 "spec":{"replicas":1,"selector":{"matchLabels":{"app":"wr"}},
  "workloadRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"wr-deploy"},
  "strategy":{"canary":{"steps":[{"setWeight":50}]}}}})";
const char *kWorkloadRefStatus = R"({"status":{"currentStepIndex":1,"currentPodHash":"w2","stableRS":"w2",
 "phase":"Healthy"}})";

json templateFor(const std::string &app, const std::string &image, const std::string &hash)
{
    json labels = {{"app", app}};
    if (!hash.empty())
        labels["rollouts-pod-template-hash"] = hash;
    return {{"metadata", {{"labels", labels}}},
            {"spec", {{"containers", json::array({{{"name", app}, {"image", image}}})}}}};
}

} // namespace

class TestActionsSim : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase() { m_sim.stop(); }

    void promoteClearsTheCanaryPause();
    void promoteAdvancesAStepWhenNotPaused();
    void promoteOnInconclusiveAnalysis();
    void promoteFull();
    void blueGreenPromoteAbortRetry();
    void pauseAndRestart();
    void undoVariants();
    void undoWorkloadRef();
    void readOnlyTokenIsRefusedBeforeSending();
    void serverErrorIsRecordedAsFailed();
    void hungRequestIsOutcomeUnknown();
    void killedBetweenIntentAndResult();
    void eventsAndAnnotationAreOnTheCluster();
    void secretsNeverReachTheLog();

private:
    void create(const char *object, const char *status);
    QString get(const QString &name, const QString &jsonpath, const QString &resource = QStringLiteral("rollout"));
    Run act(const QStringList &args, const QString &auditDir = {});
    QString auditDir(const QString &name) const { return m_dir.filePath(QStringLiteral("audit-") + name); }

    QTemporaryDir m_dir;
    QString m_kubeconfig;
    rdsim::Simulator m_sim;
};

void TestActionsSim::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    if (!QFile::exists(QStringLiteral("/usr/bin/kubectl")))
        QSKIP("kubectl is not installed");
    QVERIFY(QFile::exists(QStringLiteral(ROLLDECK_BINARY_DIR "/app/rolldeck")));
    m_kubeconfig = m_dir.filePath(QStringLiteral("kubeconfig"));
    rdsim::Options o;
    o.scenario = "empty";
    o.tls = true;
    o.kubeconfigOut = m_kubeconfig.toStdString();
    const auto r = m_sim.start(o);
    QVERIFY2(r.ok(), r.error.c_str());
    m_sim.store().create(rdsim::kNamespaces, "", {{"metadata", {{"name", "shop"}}}, {"status", {{"phase", "Active"}}}});
    create(kCanary, kCanaryStatus);
    create(kBlueGreen, kBlueGreenStatus);
    create(kStepping, kSteppingStatus);
    create(kInconclusive, kInconclusiveStatus);
    create(kWorkloadRef, kWorkloadRefStatus);

    // Revisions 1-3 of "web" and 1-2 of "wr", owned by their rollouts; "wr"'s Deployment runs revision 2.
    for (const char *name : {"web", "wr"}) {
        const auto ro = m_sim.store().get(rdsim::kRollouts, "shop", name);
        QVERIFY(ro.object);
        const std::string uid = (*ro.object)["metadata"]["uid"];
        const int revisions = std::string(name) == "web" ? 3 : 2;
        for (int rev = 1; rev <= revisions; ++rev) {
            const std::string hash = std::string(1, name[0]) + std::to_string(rev);
            const std::string image = "shop/" + std::string(name) + ":" + std::to_string(rev);
            json rs = {{"apiVersion", "apps/v1"},
                       {"kind", "ReplicaSet"},
                       {"metadata",
                        {{"name", std::string(name) + "-" + hash},
                         {"namespace", "shop"},
                         {"labels", {{"app", name}, {"rollouts-pod-template-hash", hash}}},
                         {"annotations", {{"rollout.argoproj.io/revision", std::to_string(rev)}}},
                         {"ownerReferences", json::array({{{"apiVersion", "argoproj.io/v1alpha1"},
                                                           {"kind", "Rollout"},
                                                           {"name", name},
                                                           {"uid", uid},
                                                           {"controller", true}}})}}},
                       {"spec",
                        {{"replicas", 1},
                         {"selector", {{"matchLabels", {{"app", name}, {"rollouts-pod-template-hash", hash}}}}},
                         {"template", templateFor(name, image, hash)}}}};
            QVERIFY(!m_sim.store().create(rdsim::kReplicaSets, "shop", rs).error);
        }
    }
    json deploy = {{"apiVersion", "apps/v1"},
                   {"kind", "Deployment"},
                   {"metadata", {{"name", "wr-deploy"}, {"namespace", "shop"}}},
                   {"spec",
                    {{"replicas", 0},
                     {"selector", {{"matchLabels", {{"app", "wr"}}}}},
                     {"template", templateFor("wr", "shop/wr:2", "")}}}};
    QVERIFY(!m_sim.store().create(rdsim::kDeployments, "shop", deploy).error);
}

void TestActionsSim::create(const char *object, const char *status)
{
    const json o = json::parse(object);
    const auto created = m_sim.store().create(rdsim::kRollouts, "shop", o);
    QVERIFY2(!created.error, "create failed");
    const auto patched = m_sim.store().mergePatch(rdsim::kRollouts, "shop", o["metadata"]["name"], json::parse(status),
                                                  rdsim::WriteScope::Status);
    QVERIFY2(!patched.error, "status patch failed");
}

QString TestActionsSim::get(const QString &name, const QString &jsonpath, const QString &resource)
{
    const auto r = runKubectl(m_dir.path(), m_kubeconfig,
                              {QStringLiteral("-n"), QStringLiteral("shop"), QStringLiteral("get"), resource, name,
                               QStringLiteral("-o"), QStringLiteral("jsonpath=") + jsonpath});
    return r.exitCode == 0 ? r.out : QStringLiteral("kubectl failed: ") + r.err;
}

Run TestActionsSim::act(const QStringList &args, const QString &dir)
{
    QStringList all = args;
    all << QStringLiteral("--kubeconfig") << m_kubeconfig << QStringLiteral("--yes") << QStringLiteral("--audit-dir")
        << (dir.isEmpty() ? auditDir(QStringLiteral("main")) : dir);
    if (!all.contains(QStringLiteral("--reason")))
        all << QStringLiteral("--reason") << QStringLiteral("acceptance test");
    return runRolldeck(m_dir.path(), all);
}

void TestActionsSim::promoteClearsTheCanaryPause()
{
    const QString dir = auditDir(QStringLiteral("promote"));
    const Run r = act({QStringLiteral("promote"), QStringLiteral("shop/web"), QStringLiteral("--reason"),
                       QStringLiteral("metrics within criteria")},
                      dir);
    QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    QVERIFY2(r.out.contains(QStringLiteral("before: revision 3, step 1, Paused, paused, weight 20")),
             qPrintable(r.out));
    // Upstream's case 2: pause conditions cleared on /status; spec.paused was false, so no spec patch.
    QCOMPARE(get(QStringLiteral("web"),
                 QStringLiteral("{.status.pauseConditions}|{.status.currentStepIndex}|{.spec.paused}")),
             QStringLiteral("|1|"));
    const QList<QJsonObject> records = auditRecords(dir);
    QCOMPARE(records.size(), 2);
    QCOMPARE(records.at(0).value(QLatin1String("type")).toString(), QStringLiteral("intent"));
    QCOMPARE(records.at(1).value(QLatin1String("type")).toString(), QStringLiteral("result"));
    QCOMPARE(records.at(1).value(QLatin1String("outcome")).toString(), QStringLiteral("applied"));
    QCOMPARE(records.at(0).value(QLatin1String("reason")).toString(), QStringLiteral("metrics within criteria"));
    const QJsonArray requests = records.at(0).value(QLatin1String("requests")).toArray();
    QCOMPARE(requests.at(0).toObject().value(QLatin1String("path")).toString(),
             QStringLiteral("/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts/web/status"));
    QCOMPARE(requests.at(0).toObject().value(QLatin1String("body")).toString(),
             QStringLiteral("{\"status\":{\"pauseConditions\":null}}"));
}

void TestActionsSim::promoteAdvancesAStepWhenNotPaused()
{
    const Run r = act({QStringLiteral("promote"), QStringLiteral("shop/api")});
    QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    QCOMPARE(get(QStringLiteral("api"), QStringLiteral("{.status.currentStepIndex}")), QStringLiteral("2"));
}

void TestActionsSim::promoteOnInconclusiveAnalysis()
{
    const Run r = act({QStringLiteral("promote"), QStringLiteral("shop/inc")});
    QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    QCOMPARE(get(QStringLiteral("inc"),
                 QStringLiteral("{.status.pauseConditions}|{.status.controllerPause}|{.status.currentStepIndex}")),
             QStringLiteral("|false|3"));
}

void TestActionsSim::promoteFull()
{
    // spec.paused set (a manual pause) and the update not finished: both patches.
    m_sim.store().mergePatch(rdsim::kRollouts, "shop", "inc", json::parse(R"({"spec":{"paused":true}})"));
    const Run r = act({QStringLiteral("promote"), QStringLiteral("shop/inc"), QStringLiteral("--full")});
    QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    QCOMPARE(get(QStringLiteral("inc"), QStringLiteral("{.status.promoteFull}|{.spec.paused}")),
             QStringLiteral("true|false"));
    // --full only with promote.
    const Run bad = act({QStringLiteral("abort"), QStringLiteral("shop/inc"), QStringLiteral("--full")});
    QCOMPARE(bad.exitCode, 2);
}

void TestActionsSim::blueGreenPromoteAbortRetry()
{
    Run r = act({QStringLiteral("promote"), QStringLiteral("shop/bg")});
    QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    QCOMPARE(get(QStringLiteral("bg"), QStringLiteral("{.status.pauseConditions}|{.status.abort}")),
             QStringLiteral("|"));
    r = act({QStringLiteral("abort"), QStringLiteral("shop/bg")});
    QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    QCOMPARE(get(QStringLiteral("bg"), QStringLiteral("{.status.abort}")), QStringLiteral("true"));
    r = act({QStringLiteral("retry"), QStringLiteral("shop/bg")});
    QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    QCOMPARE(get(QStringLiteral("bg"), QStringLiteral("{.status.abort}")), QStringLiteral("false"));
    r = act({QStringLiteral("promote"), QStringLiteral("shop/bg"), QStringLiteral("--full")});
    QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    QCOMPARE(get(QStringLiteral("bg"), QStringLiteral("{.status.promoteFull}")), QStringLiteral("true"));
}

void TestActionsSim::pauseAndRestart()
{
    Run r = act({QStringLiteral("pause"), QStringLiteral("shop/api")});
    QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    QCOMPARE(get(QStringLiteral("api"), QStringLiteral("{.spec.paused}")), QStringLiteral("true"));
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    r = act({QStringLiteral("restart"), QStringLiteral("shop/api")});
    QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    const QDateTime at =
        QDateTime::fromString(get(QStringLiteral("api"), QStringLiteral("{.spec.restartAt}")), Qt::ISODate);
    QVERIFY(at.isValid());
    QVERIFY(at >= before.addSecs(-1) && at <= QDateTime::currentDateTimeUtc().addSecs(1));
}

void TestActionsSim::undoVariants()
{
    // The current template is revision 3's: nothing is sent.
    const QString rvBefore = get(QStringLiteral("web"), QStringLiteral("{.metadata.resourceVersion}"));
    Run r =
        act({QStringLiteral("undo"), QStringLiteral("shop/web"), QStringLiteral("--to-revision"), QStringLiteral("3")});
    QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    QVERIFY2(r.out.contains(QStringLiteral("skipped rollback (current template already matches revision 3)")),
             qPrintable(r.out));
    QCOMPARE(get(QStringLiteral("web"), QStringLiteral("{.metadata.resourceVersion}")), rvBefore);
    // Default: the previous revision (2), without the pod-template-hash label.
    r = act({QStringLiteral("undo"), QStringLiteral("shop/web")});
    QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    QCOMPARE(get(QStringLiteral("web"),
                 QStringLiteral("{.spec.template.spec.containers[0].image}|{.spec.template.metadata.labels}")),
             QStringLiteral("shop/web:2|{\"app\":\"web\"}"));
    r = act({QStringLiteral("undo"), QStringLiteral("shop/web"), QStringLiteral("--to-revision"), QStringLiteral("1")});
    QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    QCOMPARE(get(QStringLiteral("web"), QStringLiteral("{.spec.template.spec.containers[0].image}")),
             QStringLiteral("shop/web:1"));
    // A revision that is not in the history: upstream's error, nothing sent.
    r = act({QStringLiteral("undo"), QStringLiteral("shop/web"), QStringLiteral("--to-revision"), QStringLiteral("9")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("unable to find specified revision 9 in history")), qPrintable(r.err));
}

void TestActionsSim::undoWorkloadRef()
{
    const Run r = act({QStringLiteral("undo"), QStringLiteral("shop/wr")});
    QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    QCOMPARE(get(QStringLiteral("wr-deploy"), QStringLiteral("{.spec.template.spec.containers[0].image}"),
                 QStringLiteral("deployment")),
             QStringLiteral("shop/wr:1"));
}

void TestActionsSim::readOnlyTokenIsRefusedBeforeSending()
{
    const QString dir = auditDir(QStringLiteral("readonly"));
    const QString rv = get(QStringLiteral("bg"), QStringLiteral("{.metadata.resourceVersion}"));
    const Run r = act({QStringLiteral("abort"), QStringLiteral("shop/bg"), QStringLiteral("--context"),
                       QStringLiteral("rolldeck-demo-readonly")},
                      dir);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral(
                 "permission missing: patch rollouts/status (API group \"argoproj.io\") in namespace shop")),
             qPrintable(r.err));
    QCOMPARE(get(QStringLiteral("bg"), QStringLiteral("{.metadata.resourceVersion}")), rv);
    const QList<QJsonObject> records = auditRecords(dir);
    QCOMPARE(records.size(), 1);
    QCOMPARE(records.first().value(QLatin1String("type")).toString(), QStringLiteral("refused"));
    QCOMPARE(records.first().value(QLatin1String("refusal")).toString(), QStringLiteral("permission"));
    QCOMPARE(records.first().value(QLatin1String("actor")).toObject().value(QLatin1String("cluster")).toString(),
             QStringLiteral("rolldeck-viewer"));
}

void TestActionsSim::serverErrorIsRecordedAsFailed()
{
    const QString dir = auditDir(QStringLiteral("500"));
    m_sim.faults().arm({.kind = rdsim::FaultKind::Error500, .count = 1, .pathContains = "/rollouts/bg/status"});
    const Run r = act({QStringLiteral("abort"), QStringLiteral("shop/bg")}, dir);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("failed")), qPrintable(r.err));
    const QList<QJsonObject> records = auditRecords(dir);
    QVERIFY(records.size() >= 2);
    QCOMPARE(records.at(1).value(QLatin1String("outcome")).toString(), QStringLiteral("failed"));
    QCOMPARE(records.at(1).value(QLatin1String("httpStatus")).toInt(), 500);
    const Run verify =
        runRolldeck(m_dir.path(), {QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--dir"), dir});
    QVERIFY2(verify.exitCode == 0, qPrintable(describe(verify)));
}

void TestActionsSim::hungRequestIsOutcomeUnknown()
{
    const QString dir = auditDir(QStringLiteral("hang"));
    m_sim.faults().arm(
        {.kind = rdsim::FaultKind::Hang, .count = 1, .pathContains = "/rollouts/bg/status", .hangMs = 4000});
    const Run r = act(
        {QStringLiteral("abort"), QStringLiteral("shop/bg"), QStringLiteral("--timeout"), QStringLiteral("1")}, dir);
    QVERIFY2(r.exitCode == 3, qPrintable(describe(r)));
    QVERIFY2(r.err.contains(QStringLiteral("OUTCOME UNKNOWN")), qPrintable(r.err));
    Run verify =
        runRolldeck(m_dir.path(), {QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--dir"), dir});
    QVERIFY2(verify.exitCode == 3, qPrintable(describe(verify)));
    const QList<QJsonObject> records = auditRecords(dir);
    const QString action = records.last().value(QLatin1String("action")).toString();
    QVERIFY2(verify.err.contains(action), qPrintable(verify.err));
    const Run ack =
        runRolldeck(m_dir.path(), {QStringLiteral("audit"), QStringLiteral("ack"), action, QStringLiteral("--dir"), dir,
                                   QStringLiteral("--reason"), QStringLiteral("checked: not applied")});
    QVERIFY2(ack.exitCode == 0, qPrintable(describe(ack)));
    verify =
        runRolldeck(m_dir.path(), {QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--dir"), dir});
    QVERIFY2(verify.exitCode == 0, qPrintable(describe(verify)));
}

void TestActionsSim::killedBetweenIntentAndResult()
{
    const QString dir = auditDir(QStringLiteral("killed"));
    m_sim.faults().arm(
        {.kind = rdsim::FaultKind::Hang, .count = 1, .pathContains = "/rollouts/bg/status", .hangMs = 5000});
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_dir.path());
    p.setProcessEnvironment(env);
    p.setStandardInputFile(QProcess::nullDevice());
    p.start(QStringLiteral(ROLLDECK_BINARY_DIR "/app/rolldeck"),
            {QStringLiteral("abort"), QStringLiteral("shop/bg"), QStringLiteral("--kubeconfig"), m_kubeconfig,
             QStringLiteral("--yes"), QStringLiteral("--reason"), QStringLiteral("kill test"),
             QStringLiteral("--audit-dir"), dir});
    QVERIFY(p.waitForStarted());
    // The intent is on disk before the request leaves; the request hangs; the process dies.
    QTRY_VERIFY_WITH_TIMEOUT(!auditRecords(dir).isEmpty(), 20000);
    QCOMPARE(auditRecords(dir).first().value(QLatin1String("type")).toString(), QStringLiteral("intent"));
    ::kill(pid_t(p.processId()), SIGKILL);
    QVERIFY(p.waitForFinished());
    const Run verify =
        runRolldeck(m_dir.path(), {QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--dir"), dir});
    QVERIFY2(verify.exitCode == 3, qPrintable(describe(verify)));
    QVERIFY2(verify.err.contains(QStringLiteral("OUTCOME UNKNOWN")) &&
                 verify.err.contains(QStringLiteral("abort shop/bg")),
             qPrintable(verify.err));
}

void TestActionsSim::eventsAndAnnotationAreOnTheCluster()
{
    // A rollout of its own: --against-cluster compares every hash the cluster holds for it with this test's log.
    std::string ev = kBlueGreen;
    for (std::string::size_type at; (at = ev.find("\"bg")) != std::string::npos;)
        ev.replace(at, 3, "\"ev");
    create(ev.c_str(), kBlueGreenStatus);
    const QString dir = auditDir(QStringLiteral("events"));
    const Run r = act({QStringLiteral("pause"), QStringLiteral("shop/ev"), QStringLiteral("--reason"),
                       QStringLiteral("hold for the release meeting")},
                      dir);
    QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    const QList<QJsonObject> records = auditRecords(dir);
    QVERIFY(records.size() >= 2);
    const QString hash = records.at(1).value(QLatin1String("hash")).toString();
    const auto events = runKubectl(
        m_dir.path(), m_kubeconfig,
        {QStringLiteral("-n"), QStringLiteral("shop"), QStringLiteral("get"), QStringLiteral("events"),
         QStringLiteral("--field-selector"), QStringLiteral("reason=RolldeckAction,involvedObject.name=ev"),
         QStringLiteral("-o"),
         QStringLiteral(
             "jsonpath={range .items[*]}{.message}|{.metadata.annotations.rolldeck\\.io/record-hash}{\"\\n\"}{end}")});
    QVERIFY2(events.exitCode == 0, qPrintable(events.err));
    QVERIFY2(events.out.contains(QStringLiteral("pause by ")) &&
                 events.out.contains(QStringLiteral(": hold for the release meeting|") + hash),
             qPrintable(events.out));
    const QString annotation =
        get(QStringLiteral("ev"), QStringLiteral("{.metadata.annotations.rolldeck\\.io/last-action}"));
    const QJsonObject last = QJsonDocument::fromJson(annotation.toUtf8()).object();
    QCOMPARE(last.value(QLatin1String("verb")).toString(), QStringLiteral("pause"));
    QCOMPARE(last.value(QLatin1String("hash")).toString(), hash);
    QCOMPARE(last.value(QLatin1String("reason")).toString(), QStringLiteral("hold for the release meeting"));
    // The plain table view works too.
    const auto table =
        runKubectl(m_dir.path(), m_kubeconfig,
                   {QStringLiteral("-n"), QStringLiteral("shop"), QStringLiteral("get"), QStringLiteral("events")});
    QVERIFY2(table.exitCode == 0, qPrintable(table.err));
    // The cluster's hashes are the local chain's.
    Run verify = runRolldeck(m_dir.path(),
                             {QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--against-cluster"),
                              QStringLiteral("--dir"), dir, QStringLiteral("--kubeconfig"), m_kubeconfig});
    QVERIFY2(verify.exitCode == 0, qPrintable(describe(verify)));
    QVERIFY2(verify.out.contains(QStringLiteral("2 hash(es) checked, 0 not in the local chain")),
             qPrintable(verify.out));
    // A hash the local chain does not hold (another machine's log, or an edited one) is named.
    m_sim.store().mergePatch(rdsim::kRollouts, "shop", "ev",
                             {{"metadata", {{"annotations", {{"rolldeck.io/last-action", R"({"hash":"00ff"})"}}}}}});
    verify = runRolldeck(m_dir.path(),
                         {QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--against-cluster"),
                          QStringLiteral("--dir"), dir, QStringLiteral("--kubeconfig"), m_kubeconfig});
    QCOMPARE(verify.exitCode, 1);
    QVERIFY2(verify.err.contains(QStringLiteral("NOT IN THE LOCAL CHAIN")), qPrintable(verify.err));
}

void TestActionsSim::secretsNeverReachTheLog()
{
    const QString pkiDir = m_dir.filePath(QStringLiteral("pki"));
    QVERIFY(QDir().mkpath(pkiDir));
    const QString pkiError = rolldeck::test::TestPki::create(pkiDir);
    QVERIFY2(pkiError.isEmpty(), qPrintable(pkiError));
    const auto readFile = [](const QString &path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    const QByteArray admin = QByteArray::fromStdString(m_sim.endpoints().adminToken);
    const QByteArray viewer = QByteArray::fromStdString(m_sim.endpoints().readOnlyToken);
    const QByteArray password = "s3cr3t-Basic-PW";
    const QByteArray key = readFile(pkiDir + QStringLiteral("/client.key"));
    const QString plugin = m_dir.filePath(QStringLiteral("exec-plugin.sh"));
    {
        QFile f(plugin);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("#!/bin/sh\necho '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
                "\"status\":{\"token\":\"" +
                viewer + "\"}}'\n");
        f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    const QByteArray ca = QByteArray::fromStdString(m_sim.endpoints().caPem).toBase64();
    const QByteArray kubeconfig =
        "apiVersion: v1\nkind: Config\nclusters:\n- name: sim\n  cluster:\n    server: " +
        QByteArray::fromStdString(m_sim.endpoints().kube) + "\n    certificate-authority-data: " + ca +
        "\nusers:\n- name: token-user\n  user:\n    token: " + admin +
        "\n- name: basic-user\n  user:\n    username: alice\n    password: " + password +
        "\n- name: exec-user\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: " +
        plugin.toUtf8() + "\n      interactiveMode: Never\n- name: cert-user\n  user:\n    client-certificate-data: " +
        readFile(pkiDir + QStringLiteral("/client.crt")).toBase64() + "\n    client-key-data: " + key.toBase64() +
        "\n    token: " + admin + "\ncontexts:\n" +
        "- {name: token, context: {cluster: sim, user: token-user}}\n"
        "- {name: basic, context: {cluster: sim, user: basic-user}}\n"
        "- {name: exec, context: {cluster: sim, user: exec-user}}\n"
        "- {name: cert, context: {cluster: sim, user: cert-user}}\ncurrent-context: token\n";
    const QString path = m_dir.filePath(QStringLiteral("secret-kubeconfig"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kubeconfig);
    }
    const QString dir = auditDir(QStringLiteral("secrets"));
    QByteArray output;
    for (const QString &context :
         {QStringLiteral("token"), QStringLiteral("basic"), QStringLiteral("exec"), QStringLiteral("cert")}) {
        const Run r = runRolldeck(m_dir.path(), {QStringLiteral("restart"), QStringLiteral("shop/api"),
                                                 QStringLiteral("--kubeconfig"), path, QStringLiteral("--context"),
                                                 context, QStringLiteral("--yes"), QStringLiteral("--reason"),
                                                 QStringLiteral("secret scan"), QStringLiteral("--audit-dir"), dir});
        output += r.out.toUtf8() + r.err.toUtf8();
        if (context == QLatin1String("token") || context == QLatin1String("cert"))
            QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
    }
    const Run shown = runRolldeck(m_dir.path(), {QStringLiteral("audit"), QStringLiteral("export"),
                                                 QStringLiteral("--csv"), QStringLiteral("--dir"), dir});
    output += shown.out.toUtf8();
    QByteArray everything = output;
    for (const QString &name : QDir(dir).entryList(QDir::Files))
        everything += readFile(dir + u'/' + name);
    QVERIFY(everything.contains("secret scan"));
    QVERIFY(auditRecords(dir).size() >= 5); // token and cert: intent+result; basic: refused; exec: refused
    // The key's body, line by line (the PEM armour is not secret).
    QList<QByteArray> secrets{admin, viewer, password, "Bearer ", "Authorization", "PRIVATE KEY"};
    for (const QByteArray &line : key.split('\n')) {
        if (line.size() > 20 && !line.startsWith("-----"))
            secrets << line;
    }
    for (const QByteArray &secret : std::as_const(secrets))
        QVERIFY2(!everything.contains(secret), secret.left(12).constData());
}

QTEST_GUILESS_MAIN(TestActionsSim)
#include "tst_actions_sim.moc"
