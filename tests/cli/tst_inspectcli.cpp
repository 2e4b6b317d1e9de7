// `rolldeck inspect` as a user runs it: the built binary through QProcess, checking stdout, stderr
// and the exit status, on upstream's fixtures and on broken input.
#include "../models/FixtureLoader.h"
#include "RolldeckRun.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace rolldeck;
using rolldeck::test::fixedNow;

namespace {

const QString kInfoDir = QStringLiteral("pkg/kubectl-argo-rollouts/info/testdata/");

using Run = rolldeck::test::RolldeckRun;

Run inspect(const QStringList &args)
{
    return rolldeck::test::runRolldeck(QStringList{QStringLiteral("inspect")} + args);
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A scenario as upstream's loader prepares it, written out as a dump (JSON, one file per object,
// same file names) so the binary reads exactly what the in-process tests see.
bool writeScenario(const QString &scenario, const QString &target, const std::function<void(QJsonObject &)> &edit = {})
{
    const LoadResult loaded = rolldeck::test::scenarioObjects(scenario, fixedNow(), edit);
    if (!loaded.problems.isEmpty() || loaded.objects.isEmpty())
        return false;
    for (const LoadedObject &lo : loaded.objects) {
        if (!writeFile(QDir(target).filePath(QFileInfo(lo.source.file).fileName()), QJsonDocument(lo.json).toJson()))
            return false;
    }
    return true;
}

QString stripTrailing(const QString &text)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    static const QRegularExpression trailing(QStringLiteral("[ \\t]+$"));
    for (QString &l : lines)
        l.remove(trailing);
    while (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    return lines.join(QLatin1Char('\n'));
}

QString nowArg()
{
    return QStringLiteral("--now=") + fixedNow().toString(Qt::ISODateWithMs);
}

} // namespace

class TestInspectCli : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void golden_data();
    void golden();
    void json();
    void allRolloutsInOneRun();
    void truncatedYaml();
    void wrongFieldTypes();
    void missingReplicaSets();
    void ownershipCycle();
    void emptyAndBinaryFiles();
    void usageErrors();
    void duplicateObjects();
    void standardInput();
};

void TestInspectCli::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(QFile::exists(QStringLiteral(ROLLDECK_BINARY_DIR "/app/rolldeck")), "build the rolldeck target first");
}

void TestInspectCli::golden_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QStringList>("select");
    QTest::addColumn<QString>("golden");
    auto row = [](const char *golden, const char *scenario, const QStringList &select) {
        QTest::newRow(golden) << kInfoDir + QLatin1String(scenario) << select
                              << QStringLiteral(ROLLDECK_FIXTURES_DIR "/argo-rollouts/golden/get-rollout/") +
                                     QLatin1String(golden) + QStringLiteral(".txt");
    };
    const QString r = QStringLiteral("--rollout");
    row("TestGetBlueGreenRollout", "blue-green", {r, QStringLiteral("bluegreen-demo")});
    row("TestGetCanaryRollout", "canary", {r, QStringLiteral("jesse-test/canary-demo")});
    row("TestGetCanaryPingPongRollout", "canary", {r, QStringLiteral("canary-demo-pingpong")});
    row("TestExperimentRollout", "experiment-analysis", {r, QStringLiteral("rollout-experiment-analysis")});
    row("TestGetExperiment", "experiment-analysis",
        {QStringLiteral("--experiment"), QStringLiteral("rollout-experiment-analysis-6f646bf7b7-1-vcv27")});
    row("TestGetInvalidRollout", "rollout-invalid", {});
    row("TestGetRolloutWithExperimentJob", "experiment-step", {});
    row("TestGetAbortedRollout", "rollout-aborted", {});
}

void TestInspectCli::golden()
{
    QFETCH(QString, scenario);
    QFETCH(QStringList, select);
    QFETCH(QString, golden);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeScenario(scenario, dir.path()));
    const Run run = inspect(QStringList{dir.path(), nowArg()} + select);
    QCOMPARE(run.err, QString());
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(stripTrailing(run.out), stripTrailing(QString::fromUtf8(readFile(golden))));
}

void TestInspectCli::json()
{
    QTemporaryDir dir;
    QVERIFY(writeScenario(kInfoDir + QStringLiteral("blue-green"), dir.path()));
    const Run run = inspect({dir.path(), nowArg(), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.err, QString());
    QJsonParseError error;
    const QJsonObject doc = QJsonDocument::fromJson(run.out.toUtf8(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QVERIFY(doc.value(QLatin1String("diagnostics")).toArray().isEmpty());
    const QJsonArray rollouts = doc.value(QLatin1String("rollouts")).toArray();
    QCOMPARE(rollouts.size(), 1);
    const QJsonObject ro = rollouts.at(0).toObject();
    QCOMPARE(ro.value(QLatin1String("name")).toString(), QStringLiteral("bluegreen-demo"));
    QCOMPARE(ro.value(QLatin1String("status")).toString(), QStringLiteral("Paused"));
    QCOMPARE(ro.value(QLatin1String("message")).toString(), QStringLiteral("BlueGreenPause"));
    QCOMPARE(ro.value(QLatin1String("strategy")).toString(), QStringLiteral("BlueGreen"));
    QCOMPARE(ro.value(QLatin1String("age")).toString(), QStringLiteral("7d"));
    QCOMPARE(ro.value(QLatin1String("replicas")).toObject().value(QLatin1String("current")).toInt(), 6);
    const QJsonArray images = ro.value(QLatin1String("images")).toArray();
    QCOMPARE(images.size(), 2);
    QCOMPARE(images.at(0).toObject().value(QLatin1String("tags")).toArray(),
             (QJsonArray{QStringLiteral("stable"), QStringLiteral("active")}));
    const QJsonArray revisions = ro.value(QLatin1String("revisions")).toArray();
    QCOMPARE(revisions.size(), 3);
    const QJsonObject rs = revisions.at(0).toObject().value(QLatin1String("replicaSets")).toArray().at(0).toObject();
    QCOMPARE(rs.value(QLatin1String("name")).toString(), QStringLiteral("bluegreen-demo-74b948fccb"));
    QCOMPARE(rs.value(QLatin1String("status")).toString(), QStringLiteral("Healthy"));
    const QJsonArray pods = rs.value(QLatin1String("pods")).toArray();
    QCOMPARE(pods.size(), 3);
    QCOMPARE(pods.at(0).toObject().value(QLatin1String("ready")).toString(), QStringLiteral("1/1"));
    QCOMPARE(pods.at(0).toObject().value(QLatin1String("restarts")).toInt(), 0);
}

// Several rollouts in one dump: each is shown, separated by a blank line, in file order.
void TestInspectCli::allRolloutsInOneRun()
{
    QTemporaryDir dir;
    QVERIFY(writeScenario(kInfoDir + QStringLiteral("canary"), dir.path()));
    const Run run = inspect({dir.path(), nowArg()});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.err, QString());
    QCOMPARE(run.out.count(QLatin1String("\nName:")) + (run.out.startsWith(QLatin1String("Name:")) ? 1 : 0), 6);
    QVERIFY(run.out.contains(QLatin1String("\n\nName:            canary-demo-workloadRef\n")));
}

void TestInspectCli::truncatedYaml()
{
    QTemporaryDir dir;
    QVERIFY(writeScenario(kInfoDir + QStringLiteral("rollout-aborted"), dir.path()));
    const QByteArray yaml =
        readFile(rolldeck::test::fixtureDir(kInfoDir + QStringLiteral("canary/canary-rollout.yaml")));
    const QByteArray cut = yaml.left(yaml.indexOf("strategy:")) + "  strategy: {canary: [\n";
    QVERIFY(writeFile(dir.filePath(QStringLiteral("zz-truncated.yaml")), cut));
    const Run run = inspect({dir.path(), nowArg()});
    QCOMPARE(run.exitCode, 2);
    const QString file = dir.filePath(QStringLiteral("zz-truncated.yaml"));
    QVERIFY2(run.err.contains(
                 QRegularExpression(QRegularExpression::escape(file) + QStringLiteral(":\\d+: YAML syntax error"))),
             qPrintable(run.err));
    // The valid objects are still shown, exactly as without the broken file.
    QCOMPARE(stripTrailing(run.out),
             stripTrailing(QString::fromUtf8(readFile(QStringLiteral(
                 ROLLDECK_FIXTURES_DIR "/argo-rollouts/golden/get-rollout/TestGetAbortedRollout.txt")))));
}

void TestInspectCli::wrongFieldTypes()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("wrong.yaml"));
    QVERIFY(writeFile(file, "apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: web\n"
                            "  namespace: prod\nspec:\n  replicas: \"3\"\n  strategy:\n    canary:\n"
                            "      steps: [{setWeight: ten}]\nstatus:\n  availableReplicas: [1]\n"));
    const Run run = inspect({file, nowArg()});
    QCOMPARE(run.exitCode, 2);
    // Each error names the line of the field, not the line where the document starts.
    QVERIFY2(run.err.contains(file +
                              QStringLiteral(":7: Rollout prod/web: spec.replicas: expected an integer, got a string")),
             qPrintable(run.err));
    QVERIFY2(run.err.contains(file + QStringLiteral(":10: Rollout prod/web: spec.strategy.canary.steps[].setWeight: "
                                                    "expected an integer, got a string")),
             qPrintable(run.err));
    QVERIFY2(
        run.err.contains(
            file + QStringLiteral(":12: Rollout prod/web: status.availableReplicas: expected an integer, got a list")),
        qPrintable(run.err));
    QVERIFY(run.out.startsWith(QLatin1String("Name:            web\nNamespace:       prod\n")));
    QVERIFY(run.out.contains(QLatin1String("  Desired:       1\n")));
}

void TestInspectCli::missingReplicaSets()
{
    QTemporaryDir dir;
    QVERIFY(writeScenario(kInfoDir + QStringLiteral("rollout-aborted"), dir.path()));
    QVERIFY(QFile::remove(dir.filePath(QStringLiteral("rs1.yaml"))));
    QVERIFY(QFile::remove(dir.filePath(QStringLiteral("rs2.yaml"))));
    const Run run = inspect({dir.path(), nowArg()});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("Rollout default/rollout-background-analysis: status.currentPodHash")),
             qPrintable(run.err));
    QVERIFY(run.err.contains(QStringLiteral("Rollout default/rollout-background-analysis: status.stableRS")));
    QVERIFY(
        run.err.contains(QStringLiteral("Pod default/rollout-background-analysis-7d84d44bb8-z5wps: owner ReplicaSet")));
    QVERIFY(run.err.contains(dir.filePath(QStringLiteral("rollout.yaml")) + QLatin1Char(':')));
    QVERIFY(run.out.contains(QString::fromUtf8("Status:          ✖ Degraded\n")));
    QVERIFY(run.out.contains(QLatin1String("AnalysisRun")));
    QVERIFY(!run.out.contains(QLatin1String("ReplicaSet")));
}

void TestInspectCli::ownershipCycle()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("cycle.yaml"));
    QVERIFY(writeFile(file, R"(kind: Rollout
metadata: {name: web, namespace: ns, uid: ro}
spec: {strategy: {canary: {}}}
---
kind: ReplicaSet
metadata:
  name: a
  namespace: ns
  uid: a
  ownerReferences: [{kind: ReplicaSet, name: b, uid: b}, {kind: Rollout, name: web, uid: ro}]
---
kind: ReplicaSet
metadata:
  name: b
  namespace: ns
  uid: b
  ownerReferences: [{kind: ReplicaSet, name: a, uid: a}]
)"));
    const Run run = inspect({file, nowArg()});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("ownership cycle: ReplicaSet ns/a -> ReplicaSet ns/b -> ReplicaSet ns/a")),
             qPrintable(run.err));
    QVERIFY(run.err.contains(file + QStringLiteral(":5: ReplicaSet ns/a")));
    QVERIFY(run.out.contains(QString::fromUtf8("⧉ a ")));
}

void TestInspectCli::emptyAndBinaryFiles()
{
    QTemporaryDir dir;
    QVERIFY(writeScenario(kInfoDir + QStringLiteral("rollout-invalid"), dir.path()));
    const QString empty = dir.filePath(QStringLiteral("empty.yaml"));
    const QString binary = dir.filePath(QStringLiteral("binary.json"));
    QVERIFY(writeFile(empty, QByteArray()));
    QVERIFY(writeFile(binary, readFile(QStringLiteral(ROLLDECK_BINARY_DIR "/app/rolldeck")).left(4096)));
    const Run run = inspect({dir.path(), nowArg()});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(empty + QStringLiteral(": the file holds no Kubernetes objects")), qPrintable(run.err));
    QVERIFY(run.err.contains(binary + QStringLiteral(": binary file")));
    QVERIFY(run.out.contains(QString::fromUtf8("⟳ rollout-invalid  Rollout  ✖ Degraded  7d\n")));

    // Only broken input: nothing to show, still exit 2 and no crash.
    const Run only = inspect({binary});
    QCOMPARE(only.exitCode, 2);
    QCOMPARE(only.out, QString());
}

void TestInspectCli::usageErrors()
{
    Run run = inspect({});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains(QLatin1String("at least one file")));
    QTemporaryDir dir;
    QVERIFY(writeScenario(kInfoDir + QStringLiteral("rollout-invalid"), dir.path()));
    run = inspect({dir.path(), QStringLiteral("--rollout"), QStringLiteral("nope")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains(QLatin1String("no rollout named nope")));
    QCOMPARE(run.out, QString());
    run = inspect({dir.path(), QStringLiteral("--bogus")});
    QCOMPARE(run.exitCode, 1);
    run = inspect({dir.path(), QStringLiteral("--now"), QStringLiteral("tomorrow")});
    QCOMPARE(run.exitCode, 1);
    run = inspect({QStringLiteral("--help")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains(QLatin1String("--rollout")));
}

// The same object twice (two dumps taken a minute apart): the later copy wins, with a warning only.
void TestInspectCli::duplicateObjects()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("twice.yaml"));
    QVERIFY(writeFile(file, "kind: Rollout\nmetadata: {name: web, namespace: ns}\nspec: {replicas: 1, strategy: "
                            "{canary: {}}}\n---\nkind: Rollout\nmetadata: {name: web, namespace: ns}\nspec: "
                            "{replicas: 2, strategy: {canary: {}}}\n"));
    const Run run = inspect({file, nowArg()});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.err, QStringLiteral("rolldeck inspect: warning: %1:5: Rollout ns/web: appears again (first at %1:1); "
                                     "this later copy is shown\n")
                          .arg(file));
    QVERIFY(run.out.contains(QLatin1String("  Desired:       2\n")));
    QCOMPARE(run.out.count(QLatin1String("Name:")), 1);
}

void TestInspectCli::standardInput()
{
    QProcess p;
    p.setProgram(QStringLiteral(ROLLDECK_BINARY_DIR "/app/rolldeck"));
    p.setArguments({QStringLiteral("inspect"), QStringLiteral("-"), nowArg()});
    p.start();
    QVERIFY(p.waitForStarted(10000));
    p.write(readFile(rolldeck::test::fixtureDir(kInfoDir + QStringLiteral("rollout-invalid/rollout-invalid.yaml"))));
    p.write("---\nkind: Pod\nmetadata:\n  name: [broken\n");
    p.closeWriteChannel();
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 2);
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY(out.startsWith(QLatin1String("Name:            rollout-invalid\n")));
    QVERIFY2(err.startsWith(QLatin1String("rolldeck inspect: <stdin>:")), qPrintable(err));
    QVERIFY(err.contains(QLatin1String("YAML syntax error")));
}

QTEST_GUILESS_MAIN(TestInspectCli)
#include "tst_inspectcli.moc"
