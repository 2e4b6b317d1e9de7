// The rolldeck-sim executable: the command line, the one ready line on stdout, the kubeconfig it
// writes, and a clean, prompt stop on SIGTERM, also while clients hold connections open.
#include "SimTestSupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

QString simBinary()
{
    return QStringLiteral(ROLLDECK_BINARY_DIR) + u"/sim/rolldeck-sim"_s;
}

// The value of the first `key: value` line of a kubeconfig (the admin user comes first).
QString kubeconfigValue(const QString &path, const QString &key)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const auto match = QRegularExpression(u"^\\s*"_s + key + u": (\\S+)$"_s, QRegularExpression::MultilineOption)
                           .match(QString::fromUtf8(f.readAll()));
    return match.captured(1);
}

// A curl that streams a URL to its stdout, the response headers first (so output shows the
// stream is open even before an event); `bytesPerSecond` > 0 makes it a slow reader.
std::unique_ptr<QProcess> startCurl(const QString &caFile, const QString &token, const QString &url,
                                    int bytesPerSecond = 0)
{
    auto curl = std::make_unique<QProcess>();
    QStringList args{
        u"-sS"_s, u"-N"_s, u"-D"_s, u"-"_s, u"--cacert"_s, caFile, u"-H"_s, u"Authorization: Bearer "_s + token, url};
    if (bytesPerSecond > 0)
        args << u"--limit-rate"_s << QString::number(bytesPerSecond);
    curl->start(u"curl"_s, args);
    return curl;
}

} // namespace

class TestSimBinary : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void startsPrintsReadyLineAndStops_data()
    {
        QTest::addColumn<QStringList>("extraArgs");
        QTest::addColumn<QString>("scheme");
        QTest::newRow("plain") << QStringList{u"--scenario"_s, u"seed"_s} << u"http"_s;
        QTest::newRow("tls fleet") << QStringList{u"--tls"_s, u"--scenario"_s,   u"fleet"_s, u"--fleet-size"_s,
                                                  u"20"_s,    u"--event-rate"_s, u"200"_s}
                                   << u"https"_s;
    }

    void startsPrintsReadyLineAndStops()
    {
        QFETCH(QStringList, extraArgs);
        QFETCH(QString, scheme);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString kubeconfig = dir.filePath(u"kc"_s);
        QProcess sim;
        sim.setProgram(simBinary());
        sim.setArguments(QStringList{u"--port"_s, u"0"_s, u"--kubeconfig-out"_s, kubeconfig} + extraArgs);
        sim.start();
        QVERIFY(sim.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(sim.canReadLine(), 15000);
        const QByteArray line = sim.readLine();
        QVERIFY(line.endsWith('\n'));
        const QJsonObject ready = QJsonDocument::fromJson(line).object();
        QCOMPARE(ready.keys(), (QStringList{u"argocd"_s, u"argocdToken"_s, u"kube"_s, u"metrics"_s}));
        QVERIFY(ready[u"kube"_s].toString().startsWith(scheme + u"://127.0.0.1:"_s));
        QVERIFY(ready[u"argocd"_s].toString().startsWith(scheme + u"://127.0.0.1:"_s));
        QVERIFY(ready[u"metrics"_s].toString().startsWith(u"http://127.0.0.1:"_s));
        QVERIFY(!ready[u"argocdToken"_s].toString().isEmpty());
        QVERIFY(QFile::exists(kubeconfig));

        if (scheme == u"https"_s && QFile::exists(u"/usr/bin/kubectl"_s)) {
            auto r =
                simtest::runKubectl(dir.path(), kubeconfig, {u"get"_s, u"rollouts"_s, u"-A"_s, u"-o"_s, u"name"_s});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            QCOMPARE(r.out.split(u'\n', Qt::SkipEmptyParts).size(), 20);
        }
        sim.terminate(); // SIGTERM
        QVERIFY(sim.waitForFinished(10000));
        QCOMPARE(sim.exitStatus(), QProcess::NormalExit);
        QCOMPARE(sim.exitCode(), 0);
        QVERIFY(sim.readAllStandardOutput().isEmpty()); // exactly one line
    }

    // Clients that keep connections open (watch streams of curl and kubectl, a slow reader in the
    // middle of a large initial list, the Argo CD application stream, an idle keep-alive
    // connection) do not hold up a stop: after SIGTERM the process is gone well within 5 s.
    void stopsPromptlyWhileClientsHoldConnections()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString kubeconfig = dir.filePath(u"kc"_s);
        QProcess sim;
        sim.start(simBinary(), {u"--port"_s, u"0"_s, u"--tls"_s, u"--scenario"_s, u"fleet"_s, u"--fleet-size"_s,
                                u"2000"_s, u"--event-rate"_s, u"20"_s, u"--kubeconfig-out"_s, kubeconfig});
        QVERIFY(sim.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(sim.canReadLine(), 30000);
        const QJsonObject ready = QJsonDocument::fromJson(sim.readLine()).object();
        const QString kube = ready[u"kube"_s].toString();
        const QString token = kubeconfigValue(kubeconfig, u"token"_s);
        QVERIFY(!token.isEmpty());
        const QString caFile = dir.filePath(u"ca.pem"_s);
        {
            QFile ca(caFile);
            QVERIFY(ca.open(QIODevice::WriteOnly));
            ca.write(QByteArray::fromBase64(kubeconfigValue(kubeconfig, u"certificate-authority-data"_s).toLatin1()));
        }

        std::vector<std::unique_ptr<QProcess>> clients;
        clients.push_back(startCurl(caFile, token, kube + u"/api/v1/pods?watch=1"_s, 2048)); // slow reader
        clients.push_back(startCurl(caFile, token, kube + u"/apis/argoproj.io/v1alpha1/rollouts?watch=1"_s));
        clients.push_back(startCurl(caFile, ready[u"argocdToken"_s].toString(),
                                    ready[u"argocd"_s].toString() + u"/api/v1/stream/applications"_s));
        if (QFile::exists(u"/usr/bin/kubectl"_s)) {
            const auto listed = simtest::runKubectl(dir.path(), kubeconfig, {u"get"_s, u"replicasets"_s, u"-A"_s});
            QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
            auto watch = std::make_unique<QProcess>();
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(u"HOME"_s, dir.path());
            env.insert(u"KUBECONFIG"_s, kubeconfig);
            watch->setProcessEnvironment(env);
            watch->start(u"/usr/bin/kubectl"_s, {u"--cache-dir="_s + dir.path() + u"/kube-cache"_s, u"get"_s,
                                                 u"rollouts"_s, u"-A"_s, u"--watch"_s, u"-o"_s, u"name"_s});
            clients.push_back(std::move(watch));
        }
        for (const auto &client : clients)
            QTRY_VERIFY_WITH_TIMEOUT(client->bytesAvailable() > 0, 30000); // every stream is open and flowing
        // An idle keep-alive connection on the (plain HTTP) metrics listener.
        QTcpSocket idle;
        idle.connectToHost(u"127.0.0.1"_s, QUrl(ready[u"metrics"_s].toString()).port());
        QVERIFY(idle.waitForConnected(5000));
        idle.write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(idle.bytesAvailable() > 0, 10000);

        sim.terminate(); // SIGTERM
        QVERIFY2(sim.waitForFinished(5000), "rolldeck-sim still runs 5 s after SIGTERM");
        QCOMPARE(sim.exitStatus(), QProcess::NormalExit);
        QCOMPARE(sim.exitCode(), 0);
        for (const auto &client : clients) {
            client->kill();
            client->waitForFinished();
        }
    }

    void rejectsUnknownScenario()
    {
        QTemporaryDir dir;
        QProcess sim;
        sim.start(simBinary(), {u"--port"_s, u"0"_s, u"--scenario"_s, u"no-such-scenario"_s, u"--kubeconfig-out"_s,
                                dir.filePath(u"kc"_s)});
        QVERIFY(sim.waitForFinished(10000));
        QCOMPARE(sim.exitCode(), 1);
        QVERIFY(sim.readAllStandardOutput().isEmpty());
        QVERIFY(sim.readAllStandardError().contains("unknown scenario"));
    }
};

QTEST_GUILESS_MAIN(TestSimBinary)
#include "tst_sim_binary.moc"
