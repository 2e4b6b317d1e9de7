// The rolldeck-sim executable: the command line, the one ready line on stdout, the kubeconfig it
// writes, and a clean stop on SIGTERM.
#include "SimTestSupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

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
        sim.setProgram(QStringLiteral(ROLLDECK_BINARY_DIR) + u"/sim/rolldeck-sim"_s);
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

    void rejectsUnknownScenario()
    {
        QTemporaryDir dir;
        QProcess sim;
        sim.start(QStringLiteral(ROLLDECK_BINARY_DIR) + u"/sim/rolldeck-sim"_s,
                  {u"--port"_s, u"0"_s, u"--scenario"_s, u"no-such-scenario"_s, u"--kubeconfig-out"_s,
                   dir.filePath(u"kc"_s)});
        QVERIFY(sim.waitForFinished(10000));
        QCOMPARE(sim.exitCode(), 1);
        QVERIFY(sim.readAllStandardOutput().isEmpty());
        QVERIFY(sim.readAllStandardError().contains("unknown scenario"));
    }
};

QTEST_GUILESS_MAIN(TestSimBinary)
#include "tst_sim_binary.moc"
