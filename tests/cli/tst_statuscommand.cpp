// `rolldeck status` as a user runs it: the built binary through QProcess against loopback API servers.
#include "FakeKubeApi.h"
#include "HungPlugin.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace rolldeck::testsupport;

namespace {

const QString kApi = QStringLiteral("/apis/argoproj.io/v1alpha1");
const QString kRollouts = QStringLiteral("rollouts");

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

QJsonObject withStatus(QJsonObject rollout, const QString &phase, const QString &message, int stepIndex,
                       const QString &pauseReason = {})
{
    QJsonObject status = rollout.value(QLatin1String("status")).toObject();
    status.insert(QStringLiteral("phase"), phase);
    status.insert(QStringLiteral("message"), message);
    status.insert(QStringLiteral("currentStepIndex"), stepIndex);
    if (!pauseReason.isEmpty()) {
        status.insert(QStringLiteral("pauseConditions"),
                      QJsonArray{QJsonObject{
                          {QStringLiteral("reason"), pauseReason},
                          {QStringLiteral("startTime"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}}});
        status.insert(QStringLiteral("stableRS"), QStringLiteral("old"));
    }
    rollout.insert(QStringLiteral("status"), status);
    return rollout;
}

} // namespace

class TestStatusCommand : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void usageErrors_data();
    void usageErrors();
    void healthyFleetExitsZero();
    void attentionFirstAndExitOne();
    void jsonOutput();
    void listStartedOverShowsTheNewList();
    void listFailedPartWayShowsNothingOfIt();
    void unreachableClusterIsAnError();
    void oneClusterDownOtherStillListed();
    void watchPrintsChangesAsTheyArrive();
    void missingKubeconfigReportedOnce();
    void missingUserIsWarned();
    void hungPluginEndsWithStatus();
    void hungPluginEndsWhenStatusIsTerminated();

private:
    QString writeKubeconfig(const QList<QPair<QString, QUrl>> &contexts, const QString &current,
                            const QString &ns = QStringLiteral("prod"));
    Run run(const QStringList &arguments);
    QStringList listedAfterSecondPageFault(FakeKubeApi::Fault fault, int *exitCode);

    QTemporaryDir m_dir;
    int m_configs = 0;
};

void TestStatusCommand::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(QStringLiteral(ROLLDECK_BINARY_DIR "/app/rolldeck")), "build the rolldeck target first");
}

QString TestStatusCommand::writeKubeconfig(const QList<QPair<QString, QUrl>> &contexts, const QString &current,
                                           const QString &ns)
{
    QString yaml = QStringLiteral("apiVersion: v1\nkind: Config\ncurrent-context: %1\nclusters:\n").arg(current);
    for (const auto &[name, url] : contexts)
        yaml += QStringLiteral("- name: %1\n  cluster:\n    server: %2\n").arg(name, url.toString());
    yaml += QStringLiteral("users:\n- name: u\n  user:\n    token: t0k3n\ncontexts:\n");
    for (const auto &[name, url] : contexts)
        yaml +=
            QStringLiteral("- name: %1\n  context:\n    cluster: %1\n    user: u\n    namespace: %2\n").arg(name, ns);
    const QString path = m_dir.filePath(QStringLiteral("config-%1").arg(++m_configs));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(yaml.toUtf8());
    return path;
}

Run TestStatusCommand::run(const QStringList &arguments)
{
    QProcess p;
    p.setProgram(QStringLiteral(ROLLDECK_BINARY_DIR "/app/rolldeck"));
    p.setArguments(QStringList{QStringLiteral("status")} + arguments);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_dir.path());
    env.insert(QStringLiteral("KUBECONFIG"), m_dir.filePath(QStringLiteral("none")));
    p.setProcessEnvironment(env);
    p.start();
    Run r;
    // The loopback servers live in this process: keep its event loop turning while the command runs.
    if (!QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 30000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

void TestStatusCommand::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("context and all") << QStringList{QStringLiteral("--context"), QStringLiteral("a"),
                                                    QStringLiteral("--all-contexts")}
                                     << QStringLiteral("exclude each other");
    QTest::newRow("namespace and all") << QStringList{QStringLiteral("-n"), QStringLiteral("x"), QStringLiteral("-A")}
                                       << QStringLiteral("exclude each other");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate")} << QStringLiteral("frobnicate");
    QTest::newRow("bad timeout") << QStringList{QStringLiteral("--timeout"), QStringLiteral("soon")}
                                 << QStringLiteral("--timeout");
    // A namespace goes into the URL: only a DNS-1123 label is taken (issue 10).
    QTest::newRow("namespace that is a path") << QStringList{QStringLiteral("-n"), QStringLiteral("../../x?y=1")}
                                              << QStringLiteral("\"../../x?y=1\" is not a namespace name");
    QTest::newRow("unknown context") << QStringList{QStringLiteral("--context"), QStringLiteral("nope")}
                                     << QStringLiteral("\"nope\"");
}

void TestStatusCommand::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const QString config =
        writeKubeconfig({{QStringLiteral("a"), QUrl(QStringLiteral("http://127.0.0.1:9"))}}, QStringLiteral("a"));
    const Run r = run(QStringList{QStringLiteral("--kubeconfig"), config} + arguments);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

void TestStatusCommand::healthyFleetExitsZero()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    FakeKubeApi api(&server);
    api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("checkout")));
    api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("search")));
    api.add(kApi, kRollouts, makeRollout(QStringLiteral("dev"), QStringLiteral("elsewhere")));
    const QString config = writeKubeconfig({{QStringLiteral("east"), server.url()}}, QStringLiteral("east"));
    const Run r = run({QStringLiteral("--kubeconfig"), config});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
    const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3); // header + the context namespace's two rollouts
    QVERIFY(lines[0].contains(QLatin1String("NAME")) && lines[0].contains(QLatin1String("SET-WEIGHT")));
    QVERIFY(lines[1].contains(QLatin1String("checkout")));
    QVERIFY(lines[1].contains(QLatin1String("Healthy")));
    QVERIFY(lines[1].contains(QLatin1String("4/4")));
    QVERIFY(lines[1].contains(QLatin1String("3/3")));
    QVERIFY(!r.out.contains(QLatin1String("elsewhere")));
    // The default namespace came from the context; the token from the kubeconfig.
    QVERIFY(server.count([](const HttpRequest &q) {
        return q.path == QLatin1String("/apis/argoproj.io/v1alpha1/namespaces/prod/rollouts") &&
               q.header("authorization") == "Bearer t0k3n";
    }) >= 1);

    // Settled canaries: their weights need no ReplicaSets, so none are listed.
    QCOMPARE(server.count([](const HttpRequest &q) { return q.path.contains(QLatin1String("replicasets")); }), 0);

    const Run all = run({QStringLiteral("--kubeconfig"), config, QStringLiteral("-A")});
    QCOMPARE(all.exitCode, 0);
    QVERIFY(all.out.contains(QLatin1String("elsewhere")));
}

void TestStatusCommand::attentionFirstAndExitOne()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    FakeKubeApi api(&server);
    const QString ns = QStringLiteral("prod");
    api.add(kApi, kRollouts, makeRollout(ns, QStringLiteral("a-healthy")));
    api.add(kApi, kRollouts,
            withStatus(makeRollout(ns, QStringLiteral("b-timed-pause")), QStringLiteral("Paused"),
                       QStringLiteral("CanaryPauseStep"), 3, QStringLiteral("CanaryPauseStep")));
    api.add(kApi, kRollouts,
            withStatus(makeRollout(ns, QStringLiteral("c-waiting")), QStringLiteral("Paused"),
                       QStringLiteral("CanaryPauseStep"), 1, QStringLiteral("CanaryPauseStep")));
    api.add(kApi, kRollouts,
            withStatus(makeRollout(ns, QStringLiteral("d-degraded")), QStringLiteral("Degraded"),
                       QStringLiteral("RolloutAborted: metric error-rate failed"), 0));
    const QString config = writeKubeconfig({{QStringLiteral("east"), server.url()}}, QStringLiteral("east"));
    const Run r = run({QStringLiteral("--kubeconfig"), config});
    QVERIFY2(r.exitCode == 1, qPrintable(r.err + r.out));
    const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 5);
    // Attention first (c, d by name), then the rest (a, b).
    QVERIFY2(lines[1].startsWith(QLatin1Char('!')) && lines[1].contains(QLatin1String("c-waiting")), qPrintable(r.out));
    QVERIFY(lines[1].contains(QLatin1String("waiting for promotion")));
    QVERIFY(lines[2].startsWith(QLatin1Char('!')) && lines[2].contains(QLatin1String("d-degraded")));
    QVERIFY(!lines[3].startsWith(QLatin1Char('!')) && lines[3].contains(QLatin1String("a-healthy")));
    QVERIFY(!lines[4].startsWith(QLatin1Char('!')) && lines[4].contains(QLatin1String("b-timed-pause")));
    QVERIFY(lines[4].contains(QLatin1String("3/4")));
    QVERIFY(lines[4].contains(QLatin1String("50"))); // setWeight of the last setWeight step before index 3
    // Canaries mid-way without traffic routing: their actual weight comes from ReplicaSets of their namespace.
    QVERIFY(server.count([](const HttpRequest &q) {
        return q.path == QLatin1String("/apis/apps/v1/namespaces/prod/replicasets");
    }) >= 1);
}

void TestStatusCommand::jsonOutput()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    FakeKubeApi api(&server);
    api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("ok")));
    api.add(kApi, kRollouts,
            withStatus(makeRollout(QStringLiteral("prod"), QStringLiteral("bg")), QStringLiteral("Paused"),
                       QStringLiteral("BlueGreenPause"), 0, QStringLiteral("BlueGreenPause")));
    const QString config = writeKubeconfig({{QStringLiteral("east"), server.url()}}, QStringLiteral("east"));
    const Run r = run({QStringLiteral("--kubeconfig"), config, QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 1);
    QJsonParseError error;
    const QJsonObject doc = QJsonDocument::fromJson(r.out.toUtf8(), &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QCOMPARE(doc.value(QLatin1String("needsAttention")).toInt(), 1);
    const QJsonArray rollouts = doc.value(QLatin1String("rollouts")).toArray();
    QCOMPARE(rollouts.size(), 2);
    const QJsonObject first = rollouts[0].toObject();
    QCOMPARE(first.value(QLatin1String("name")).toString(), QStringLiteral("bg"));
    QCOMPARE(first.value(QLatin1String("needsAttention")).toBool(), true);
    QCOMPARE(first.value(QLatin1String("attention")).toString(), QStringLiteral("waitingForPromotion"));
    QCOMPARE(first.value(QLatin1String("attentionReason")).toString(), QStringLiteral("waiting for promotion"));
    const QJsonObject second = rollouts[1].toObject();
    QCOMPARE(second.value(QLatin1String("status")).toString(), QStringLiteral("Healthy"));
    QCOMPARE(second.value(QLatin1String("setWeight")).toInt(), 100);
    QCOMPARE(second.value(QLatin1String("replicas")).toObject().value(QLatin1String("ready")).toInt(), 3);
    const QJsonArray contexts = doc.value(QLatin1String("contexts")).toArray();
    QCOMPARE(contexts.size(), 1);
    QCOMPARE(contexts[0].toObject().value(QLatin1String("live")).toBool(), true);
}

// More rollouts than one page of `status` (500). `fault` answers the second page's request.
QStringList TestStatusCommand::listedAfterSecondPageFault(FakeKubeApi::Fault fault, int *exitCode)
{
    FakeHttpServer server;
    if (!server.listen())
        return {QStringLiteral("no server")};
    FakeKubeApi api(&server);
    for (int i = 0; i < 700; ++i)
        api.add(kApi, kRollouts,
                makeRollout(QStringLiteral("prod"), QStringLiteral("r-%1").arg(i, 3, 10, QLatin1Char('0'))));
    int lists = 0;
    QObject::connect(&server, &FakeHttpServer::requestReceived, &api, [&](const HttpRequest &r) {
        // Told before the request is answered: the second request (the second page) meets the fault, and r-000,
        // listed on the first page, is deleted meanwhile.
        if (!r.path.endsWith(kRollouts) || r.query.hasQueryItem(QStringLiteral("watch")) || ++lists != 2)
            return;
        api.injectFault(fault, FakeKubeApi::Target::List);
        api.remove(kApi, kRollouts, QStringLiteral("prod"), QStringLiteral("r-000"));
    });
    const QString config = writeKubeconfig({{QStringLiteral("east"), server.url()}}, QStringLiteral("east"));
    const Run r = run({QStringLiteral("--kubeconfig"), config, QStringLiteral("--json")});
    *exitCode = r.exitCode;
    QStringList names;
    const QJsonArray rollouts =
        QJsonDocument::fromJson(r.out.toUtf8()).object().value(QLatin1String("rollouts")).toArray();
    for (const QJsonValue &v : rollouts)
        names << v.toObject().value(QLatin1String("name")).toString();
    return names;
}

void TestStatusCommand::listStartedOverShowsTheNewList()
{
    int exitCode = -1;
    const QStringList names = listedAfterSecondPageFault(FakeKubeApi::Fault::Gone, &exitCode);
    QCOMPARE(exitCode, 0);
    // The continue token expired: the list started over, and shows what the new list holds, each rollout once.
    QCOMPARE(names.size(), 699);
    QCOMPARE(QSet<QString>(names.cbegin(), names.cend()).size(), 699);
    QVERIFY(!names.contains(QStringLiteral("r-000")));
    QVERIFY(names.contains(QStringLiteral("r-699")));
}

void TestStatusCommand::listFailedPartWayShowsNothingOfIt()
{
    int exitCode = -1;
    const QStringList names = listedAfterSecondPageFault(FakeKubeApi::Fault::ServerError, &exitCode);
    QCOMPARE(exitCode, 2);
    // Half a list would look like a complete one: none of it is shown, and the context says why.
    QCOMPARE(names, QStringList());
}

void TestStatusCommand::unreachableClusterIsAnError()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    const QUrl url = server.url();
    server.close();
    const QString config = writeKubeconfig({{QStringLiteral("gone"), url}}, QStringLiteral("gone"));
    QElapsedTimer t;
    t.start();
    const Run r = run({QStringLiteral("--kubeconfig"), config});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QLatin1String("connection refused")), qPrintable(r.err));
    // stdout alone must not tell a script that the cluster has no rollouts (issue 10).
    QVERIFY2(!r.out.contains(QLatin1String("No rollouts found")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QLatin1String("Nothing could be read")), qPrintable(r.out));
    QVERIFY(t.elapsed() < 15000);
}

void TestStatusCommand::oneClusterDownOtherStillListed()
{
    FakeHttpServer up;
    QVERIFY(up.listen());
    FakeKubeApi api(&up);
    api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("survivor")));
    FakeHttpServer down;
    QVERIFY(down.listen());
    const QUrl downUrl = down.url();
    down.close();
    const QString config =
        writeKubeconfig({{QStringLiteral("up"), up.url()}, {QStringLiteral("down"), downUrl}}, QStringLiteral("up"));
    const Run r =
        run({QStringLiteral("--kubeconfig"), config, QStringLiteral("--all-contexts"), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 2);
    const QJsonObject doc = QJsonDocument::fromJson(r.out.toUtf8()).object();
    const QJsonArray rollouts = doc.value(QLatin1String("rollouts")).toArray();
    QCOMPARE(rollouts.size(), 1);
    QCOMPARE(rollouts[0].toObject().value(QLatin1String("context")).toString(), QStringLiteral("up"));
    const QJsonArray contexts = doc.value(QLatin1String("contexts")).toArray();
    QCOMPARE(contexts.size(), 2);
    for (const QJsonValue &c : contexts) {
        const QJsonObject o = c.toObject();
        const bool isDown = o.value(QLatin1String("context")).toString() == QLatin1String("down");
        QCOMPARE(o.value(QLatin1String("live")).toBool(), !isDown);
        if (isDown)
            QCOMPARE(o.value(QLatin1String("cause")).toString(), QStringLiteral("connection refused"));
    }
}

// Said once, and not followed by a misleading "no current-context" (issue 10).
void TestStatusCommand::missingKubeconfigReportedOnce()
{
    const QString missing = m_dir.filePath(QStringLiteral("no-such-config"));
    const Run r = run({QStringLiteral("--kubeconfig"), missing});
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.err.count(missing), 1);
    QVERIFY2(r.err.contains(QLatin1String("No such file")), qPrintable(r.err));
    QVERIFY2(!r.err.contains(QLatin1String("current-context")), qPrintable(r.err));
    QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
}

// docs/kubeconfig.md: a context whose user entry is missing connects without credentials, with a warning, so that
// the 401 that follows is understood.
void TestStatusCommand::missingUserIsWarned()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    FakeKubeApi api(&server);
    api.setRequiredAuthorization("Bearer right");
    const QString path = m_dir.filePath(QStringLiteral("ghost-config"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QStringLiteral("clusters:\n- {name: c, cluster: {server: %1}}\n"
                           "contexts:\n- {name: c, context: {cluster: c, user: ghost}}\ncurrent-context: c\n")
                .arg(server.url().toString())
                .toUtf8());
    f.close();
    const Run r = run({QStringLiteral("--kubeconfig"), path});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QLatin1String("c: warning: user \"ghost\" was not found")), qPrintable(r.err));
    QVERIFY2(r.err.contains(QLatin1String("401")), qPrintable(r.err));
}

// An exec plugin that hangs, and what it started, end with `rolldeck status` when it gives up: nothing is left
// behind reparented to PID 1 (issue 10). The message names the plugin instead of "(connecting)".
void TestStatusCommand::hungPluginEndsWithStatus()
{
    const HungPlugin plugin{m_dir.filePath(QStringLiteral("hung-plugin.sh")),
                            m_dir.filePath(QStringLiteral("plugin.pids"))};
    const QString config = m_dir.filePath(QStringLiteral("plugin-config"));
    QVERIFY(plugin.write());
    QVERIFY(plugin.writeKubeconfig(config));
    const Run r = run({QStringLiteral("--kubeconfig"), config, QStringLiteral("--timeout"), QStringLiteral("2")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("exec plugin \"%1\" of user \"u\"").arg(plugin.script)), qPrintable(r.err));
    QVERIFY2(!r.err.contains(QLatin1String("(connecting)")), qPrintable(r.err));
    const QList<qint64> both = plugin.runningPids();
    QCOMPARE(both.size(), 2);
    for (const qint64 pid : both)
        QTRY_VERIFY2(!processAlive(pid), qPrintable(QString::number(pid)));
}

// The other exit path: `rolldeck status --watch` ended by SIGTERM (or Ctrl-C) while a plugin hangs.
void TestStatusCommand::hungPluginEndsWhenStatusIsTerminated()
{
    const HungPlugin plugin{m_dir.filePath(QStringLiteral("hung-plugin2.sh")),
                            m_dir.filePath(QStringLiteral("plugin2.pids"))};
    const QString config = m_dir.filePath(QStringLiteral("plugin2-config"));
    QVERIFY(plugin.write());
    QVERIFY(plugin.writeKubeconfig(config));
    QProcess p;
    p.setProgram(QStringLiteral(ROLLDECK_BINARY_DIR "/app/rolldeck"));
    p.setArguments({QStringLiteral("status"), QStringLiteral("--kubeconfig"), config, QStringLiteral("--watch")});
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_dir.path());
    p.setProcessEnvironment(env);
    p.start();
    QVERIFY(p.waitForStarted());
    QTRY_VERIFY(!plugin.runningPids().isEmpty());
    const QList<qint64> both = plugin.runningPids();
    p.terminate(); // SIGTERM
    QVERIFY(p.waitForFinished(10000));
    for (const qint64 pid : both)
        QTRY_VERIFY2(!processAlive(pid), qPrintable(QString::number(pid)));
}

void TestStatusCommand::watchPrintsChangesAsTheyArrive()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    FakeKubeApi api(&server);
    const QJsonObject canary = api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("canary")));
    const QString config = writeKubeconfig({{QStringLiteral("east"), server.url()}}, QStringLiteral("east"));

    QProcess p;
    p.setProgram(QStringLiteral(ROLLDECK_BINARY_DIR "/app/rolldeck"));
    p.setArguments({QStringLiteral("status"), QStringLiteral("--kubeconfig"), config, QStringLiteral("--watch")});
    p.start();
    QString out;
    const auto readUntil = [&](const QString &needle) {
        return QTest::qWaitFor(
            [&] {
                out += QString::fromUtf8(p.readAllStandardOutput());
                return out.contains(needle);
            },
            15000);
    };
    QVERIFY2(readUntil(QStringLiteral("canary")), qPrintable(out));
    QTRY_COMPARE(api.openWatches(), 1); // rollouts only: a settled canary's weights need no ReplicaSets
    out.clear();

    api.modify(kApi, kRollouts,
               withStatus(canary, QStringLiteral("Degraded"), QStringLiteral("RolloutAborted: analysis failed"), 1));
    QVERIFY2(readUntil(QStringLiteral("Degraded - RolloutAborted: analysis failed")), qPrintable(out));
    QVERIFY(out.contains(QLatin1String("! east prod/canary")));
    QVERIFY(api.remove(kApi, kRollouts, QStringLiteral("prod"), QStringLiteral("canary")));
    QVERIFY2(readUntil(QStringLiteral("east prod/canary deleted")), qPrintable(out));

    // The cluster goes away: the watch says so instead of going quiet.
    server.close();
    QVERIFY2(readUntil(QStringLiteral("stale since")), qPrintable(out));
    QVERIFY(out.contains(QLatin1String("connection refused")));
    p.kill();
    p.waitForFinished();
}

QTEST_GUILESS_MAIN(TestStatusCommand)
#include "tst_statuscommand.moc"
