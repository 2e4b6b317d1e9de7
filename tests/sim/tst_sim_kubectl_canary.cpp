// The real kubectl against the simulator with its controller running: the production canary
// advancing under `get --watch`, a status-subresource abort turning the rollout Degraded, and a
// template change starting a new revision.
#include "SimTestSupport.h"
#include "sim/Simulator.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using simtest::runKubectl;

class TestSimKubectlCanary : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (!QFile::exists(u"/usr/bin/kubectl"_s))
            QSKIP("kubectl is not installed");
        QVERIFY(m_dir.isValid());
        m_kubeconfig = m_dir.filePath(u"kubeconfig"_s);
        rdsim::Options o;
        o.scenario = "production-canary";
        o.speed = 600; // the 30-minute pause lasts 3 s
        o.tls = true;
        o.kubeconfigOut = m_kubeconfig.toStdString();
        auto r = m_sim.start(o);
        QVERIFY2(r.ok(), r.error.c_str());
    }
    void cleanupTestCase() { m_sim.stop(); }

    void watchSeesTheCanaryAdvance()
    {
        QProcess watch;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOME"_s, m_dir.path());
        env.insert(u"KUBECONFIG"_s, m_kubeconfig);
        watch.setProcessEnvironment(env);
        watch.start(u"/usr/bin/kubectl"_s,
                    {u"--cache-dir="_s + m_dir.path() + u"/kube-cache"_s, u"-n"_s, u"production"_s, u"get"_s,
                     u"rollout"_s, kName, u"--watch"_s, u"--output-watch-events"_s, u"-o"_s,
                     u"jsonpath={.type} weight={.object.status.canary.weights.canary.weight}{\"\\n\"}"_s});
        QVERIFY(watch.waitForStarted());
        QByteArray out;
        auto collect = [&] {
            out += watch.readAllStandardOutput();
            return out;
        };
        QTRY_VERIFY_WITH_TIMEOUT(collect().contains("ADDED"), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(collect().contains("MODIFIED weight=5\n"), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(collect().contains("MODIFIED weight=25\n"), 30000);
        QVERIFY(out.indexOf("weight=5\n") < out.indexOf("weight=25\n"));
        watch.kill();
        watch.waitForFinished();
    }

    void abortTurnsDegraded()
    {
        auto r = kubectl({u"-n"_s, u"production"_s, u"patch"_s, u"rollout"_s, kName, u"--subresource=status"_s,
                          u"--type=merge"_s, u"-p"_s, u"{\"status\":{\"abort\":true}}"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList get{u"-n"_s,
                              u"production"_s,
                              u"get"_s,
                              u"rollout"_s,
                              kName,
                              u"-o"_s,
                              u"jsonpath={.status.phase} {.status.conditions[?(@.type==\"Progressing\")].reason} "
                              u"{.status.canary.weights.canary.weight}"_s};
        QTRY_COMPARE_WITH_TIMEOUT(kubectl(get).out, u"Degraded RolloutAborted 0"_s, 20000);
    }

    void templateChangeStartsNewRevision()
    {
        const QStringList revisions{
            u"-n"_s,  u"production"_s,
            u"get"_s, u"replicasets"_s,
            u"-l"_s,  u"app="_s + kName,
            u"-o"_s,  u"jsonpath={.items[*].metadata.annotations.rollout\\.argoproj\\.io/revision}"_s};
        const QStringList before = kubectl(revisions).out.split(u' ', Qt::SkipEmptyParts);
        QVERIFY2(!before.isEmpty(), "the scenario's rollout has ReplicaSets");
        int highest = 0;
        for (const QString &rev : before)
            highest = std::max(highest, rev.toInt());
        auto r = kubectl({u"-n"_s, u"production"_s, u"patch"_s, u"rollout"_s, kName, u"--type=json"_s, u"-p"_s,
                          u"[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\","
                          u"\"value\":\"ghcr.io/agentic-startup/api:1.6.0\"}]"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString next = QString::number(highest + 1);
        QTRY_VERIFY_WITH_TIMEOUT(kubectl(revisions).out.split(u' ', Qt::SkipEmptyParts).contains(next), 20000);
        // The new ReplicaSet carries the new image and is the rollout's current pod hash.
        const QStringList current{
            u"-n"_s, u"production"_s, u"get"_s, u"rollout"_s, kName, u"-o"_s, u"jsonpath={.status.currentPodHash}"_s};
        QTRY_VERIFY_WITH_TIMEOUT(!kubectl(current).out.isEmpty(), 10000);
        const QString hash = kubectl(current).out;
        auto rs = kubectl({u"-n"_s, u"production"_s, u"get"_s, u"replicasets"_s, kName + u"-"_s + hash, u"-o"_s,
                           u"jsonpath={.metadata.annotations.rollout\\.argoproj\\.io/revision} "
                           u"{.spec.template.spec.containers[0].image}"_s});
        QCOMPARE(rs.out, next + u" ghcr.io/agentic-startup/api:1.6.0"_s);
    }

private:
    simtest::CommandResult kubectl(const QStringList &args) { return runKubectl(m_dir.path(), m_kubeconfig, args); }

    const QString kName = u"agentic-startup-api"_s;
    QTemporaryDir m_dir;
    QString m_kubeconfig;
    rdsim::Simulator m_sim;
};

QTEST_GUILESS_MAIN(TestSimKubectlCanary)
#include "tst_sim_kubectl_canary.moc"
