// The real kubectl against the simulator with the controller running (production canary at high
// speed): a watch sees the canary advance, a status-subresource abort turns the rollout Degraded
// with reason RolloutAborted, and a template change starts a new revision.
#include "SimTestSupport.h"
#include "Simulator.h"

#include <QtTest>

using nlohmann::json;

class TestSimKubectlController : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QString m_kubeconfig;
    rdsim::Simulator m_sim;

    json kubectlJson(const QStringList &args)
    {
        const simtest::CommandResult r = simtest::runKubectl(m_home.path(), m_kubeconfig, args);
        if (r.exitCode != 0)
            return json{{"error", r.err.toStdString()}};
        return json::parse(r.out.toStdString(), nullptr, false);
    }

    json rollout()
    {
        return kubectlJson({QStringLiteral("get"), QStringLiteral("rollout"), QStringLiteral("agentic-startup-api"),
                            QStringLiteral("-n"), QStringLiteral("production"), QStringLiteral("-o"),
                            QStringLiteral("json")});
    }

private slots:
    void initTestCase()
    {
        if (!QFileInfo::exists(QStringLiteral("/usr/bin/kubectl")))
            QSKIP("kubectl is not installed");
        QVERIFY(m_home.isValid());
        m_kubeconfig = m_home.filePath(QStringLiteral("kubeconfig"));
        rdsim::Options o;
        o.scenario = "production-canary";
        o.speed = 300;
        o.seed = 5;
        o.tls = true; // kubectl sends the bearer token only over TLS
        o.kubeconfigOut = m_kubeconfig.toStdString();
        const rdsim::StartResult r = m_sim.start(o);
        QVERIFY2(r.ok(), r.error.c_str());
    }

    void cleanupTestCase() { m_sim.stop(); }

    void watchSeesTheCanaryAdvance()
    {
        const simtest::CommandResult list =
            simtest::runKubectl(m_home.path(), m_kubeconfig,
                                {QStringLiteral("get"), QStringLiteral("rollouts.argoproj.io"), QStringLiteral("-A")});
        QVERIFY2(list.exitCode == 0, qPrintable(list.err));
        QVERIFY(list.out.contains(QStringLiteral("agentic-startup-api")));

        QProcess watch;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_home.path());
        env.insert(QStringLiteral("KUBECONFIG"), m_kubeconfig);
        watch.setProcessEnvironment(env);
        watch.start(
            QStringLiteral("/usr/bin/kubectl"),
            {QStringLiteral("--cache-dir=") + m_home.filePath(QStringLiteral("kube-cache")), QStringLiteral("get"),
             QStringLiteral("rollout"), QStringLiteral("agentic-startup-api"), QStringLiteral("-n"),
             QStringLiteral("production"), QStringLiteral("--watch"), QStringLiteral("-o"),
             QStringLiteral("jsonpath={.status.currentStepIndex}/{.status.canary.weights.canary.weight}{\"\\n\"}")});
        QVERIFY(watch.waitForStarted(10000));
        QByteArray seen;
        auto weights = [&] {
            seen += watch.readAllStandardOutput();
            QSet<QByteArray> w;
            for (const QByteArray &line : seen.split('\n')) {
                const int slash = line.indexOf('/');
                if (slash > 0 && line.size() > slash + 1)
                    w.insert(line.mid(slash + 1));
            }
            return w;
        };
        // Two steps' weights (5%, 25%, ...: the 30 minute pause lasts 6 s at speed 300).
        QTRY_VERIFY2_WITH_TIMEOUT(weights().size() >= 2, seen.constData(), 60000);
        watch.kill();
        watch.waitForFinished(5000);
    }

    void abortThroughStatusSubresource()
    {
        const simtest::CommandResult r = simtest::runKubectl(
            m_home.path(), m_kubeconfig,
            {QStringLiteral("patch"), QStringLiteral("rollout"), QStringLiteral("agentic-startup-api"),
             QStringLiteral("-n"), QStringLiteral("production"), QStringLiteral("--subresource=status"),
             QStringLiteral("--type=merge"), QStringLiteral("-p"), QStringLiteral("{\"status\":{\"abort\":true}}")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        json ro;
        QTRY_VERIFY_WITH_TIMEOUT(
            (ro = rollout(), ro.contains("status") && ro["status"].value("phase", std::string()) == "Degraded"), 20000);
        std::string reason;
        for (const json &c : ro["status"]["conditions"])
            if (c.value("type", std::string()) == "Progressing")
                reason = c.value("reason", std::string());
        QCOMPARE(reason, std::string("RolloutAborted"));
        QCOMPARE(ro["status"]["message"].get<std::string>(),
                 std::string("RolloutAborted: Rollout aborted update to revision 2"));
        QCOMPARE(ro["status"]["canary"]["weights"]["canary"]["weight"].get<int>(), 0);
    }

    void templateChangeStartsNewRevision()
    {
        const simtest::CommandResult r = simtest::runKubectl(
            m_home.path(), m_kubeconfig,
            {QStringLiteral("patch"), QStringLiteral("rollout"), QStringLiteral("agentic-startup-api"),
             QStringLiteral("-n"), QStringLiteral("production"), QStringLiteral("--type=json"), QStringLiteral("-p"),
             QStringLiteral("[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/"
                            "image\",\"value\":\"ghcr.io/agentic-startup/api:1.6.0\"}]")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        json ro;
        QTRY_VERIFY_WITH_TIMEOUT((ro = rollout(), ro.contains("metadata") &&
                                                      ro["metadata"]["annotations"].value(
                                                          "rollout.argoproj.io/revision", std::string()) == "3" &&
                                                      ro["status"].value("phase", std::string()) == "Paused"),
                                 20000);
        QCOMPARE(ro["status"]["message"].get<std::string>(), std::string("CanaryPauseStep"));
        const json rsList = kubectlJson({QStringLiteral("get"), QStringLiteral("replicasets"), QStringLiteral("-n"),
                                         QStringLiteral("production"), QStringLiteral("-o"), QStringLiteral("json")});
        QCOMPARE(rsList["items"].size(), size_t(3));
        const json pods = kubectlJson({QStringLiteral("get"), QStringLiteral("pods"), QStringLiteral("-n"),
                                       QStringLiteral("production"), QStringLiteral("-l"),
                                       QStringLiteral("rollouts-pod-template-hash=") +
                                           QString::fromStdString(ro["status"]["currentPodHash"].get<std::string>()),
                                       QStringLiteral("-o"), QStringLiteral("json")});
        QVERIFY(pods["items"].size() >= 1); // the canary's pods (5% of 5 replicas, then more)
    }
};

QTEST_GUILESS_MAIN(TestSimKubectlController)
#include "tst_simkubectlcontroller.moc"
