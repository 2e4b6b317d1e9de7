// The simulated controller's Events, read with the real kubectl: the production canary's update (RolloutUpdated,
// ScalingReplicaSet, RolloutStepCompleted, TrafficWeightUpdated, RolloutPaused) and the failing canary's abort
// (AnalysisRunFailed, RolloutAborted), with upstream's reasons and messages; `kubectl describe rollout` lists them.
#include "../sim/SimTestSupport.h"
#include "sim/Simulator.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using simtest::runKubectl;

class TestSimEvents : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (!QFile::exists(QStringLiteral("/usr/bin/kubectl")))
            QSKIP("kubectl is not installed");
        m_kubeconfig = m_dir.filePath(QStringLiteral("kubeconfig"));
        rdsim::Options o;
        o.scenario = "default";
        o.speed = 600; // the production canary's 30-minute pause lasts 3 s
        o.tls = true;
        o.kubeconfigOut = m_kubeconfig.toStdString();
        const auto r = m_sim.start(o);
        QVERIFY2(r.ok(), r.error.c_str());
    }
    void cleanupTestCase() { m_sim.stop(); }

    void canaryUpdateEvents()
    {
        const auto events = [this] {
            return kubectl({QStringLiteral("-n"), QStringLiteral("production"), QStringLiteral("get"),
                            QStringLiteral("events"), QStringLiteral("--field-selector"),
                            QStringLiteral("involvedObject.name=agentic-startup-api"), QStringLiteral("-o"),
                            QStringLiteral("jsonpath={range .items[*]}{.type} {.reason} {.message}{\"\\n\"}{end}")})
                .out;
        };
        QTRY_VERIFY_WITH_TIMEOUT(
            events().contains(QStringLiteral("Normal RolloutUpdated Rollout updated to revision 2")), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(events().contains(QStringLiteral("Normal RolloutStepCompleted Rollout step 1/")),
                                 60000);
        QTRY_VERIFY_WITH_TIMEOUT(events().contains(QStringLiteral("completed (setWeight: 5)")), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(
            events().contains(QStringLiteral("Normal TrafficWeightUpdated Traffic weight updated from 0 to 5")), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(
            events().contains(QStringLiteral("Normal ScalingReplicaSet Scaled up ReplicaSet agentic-startup-api-")),
            60000);
        QTRY_VERIFY_WITH_TIMEOUT(events().contains(QStringLiteral("Normal RolloutPaused Rollout is paused")), 60000);
        const auto describe = kubectl({QStringLiteral("-n"), QStringLiteral("production"), QStringLiteral("describe"),
                                       QStringLiteral("rollout"), QStringLiteral("agentic-startup-api")});
        QVERIFY2(describe.exitCode == 0, qPrintable(describe.err));
        QVERIFY2(describe.out.contains(QStringLiteral("Events:")) &&
                     describe.out.contains(QStringLiteral("RolloutStepCompleted")),
                 qPrintable(describe.out.right(1500)));
    }

    void failingCanaryEvents()
    {
        const auto events = [this] {
            return kubectl({QStringLiteral("-n"), QStringLiteral("canary"), QStringLiteral("get"),
                            QStringLiteral("events"), QStringLiteral("--field-selector"),
                            QStringLiteral("involvedObject.name=payments-api"), QStringLiteral("-o"),
                            QStringLiteral("jsonpath={range .items[*]}{.type} {.reason} {.message}{\"\\n\"}{end}")})
                .out;
        };
        QTRY_VERIFY_WITH_TIMEOUT(
            events().contains(QStringLiteral("Warning RolloutAborted Rollout aborted update to revision 2")), 90000);
        QVERIFY2(events().contains(QStringLiteral("Warning AnalysisRunFailed ")) &&
                     events().contains(QStringLiteral("Status New: 'Failed' Previous: 'Running'")),
                 qPrintable(events()));
        QVERIFY2(events().contains(QStringLiteral("Normal AnalysisRunRunning ")), qPrintable(events()));
    }

private:
    simtest::CommandResult kubectl(const QStringList &args) { return runKubectl(m_dir.path(), m_kubeconfig, args); }

    QTemporaryDir m_dir;
    QString m_kubeconfig;
    rdsim::Simulator m_sim;
};

QTEST_GUILESS_MAIN(TestSimEvents)
#include "tst_sim_events.moc"
