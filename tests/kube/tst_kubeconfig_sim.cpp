// Kubeconfig users of every kind against the real demo cluster (rolldeck-sim --tls) over loopback, each one tried
// twice: through Rolldeck (loader -> KubeconfigCredentials -> KubeClient) and through kubectl with the very same
// kubeconfig file. Both must agree on what connects and what does not.

#include "app/kube/KubeClient.h"
#include "app/kube/Kubeconfig.h"
#include "app/kube/KubeconfigCredentials.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace rolldeck;
using namespace rolldeck::kube;

namespace {

// Counts its runs; the first REVOKED_RUNS runs print a token the server does not know, later ones the real one.
const QByteArray kPlugin = R"(#!/bin/sh
n=$(cat "$COUNTER" 2>/dev/null || echo 0)
n=$((n + 1))
echo "$n" > "$COUNTER"
if [ "$n" -le "${REVOKED_RUNS:-0}" ]; then tok=revoked-token; else tok=$(cat "$TOKEN_FILE"); fi
printf '{"apiVersion":"%s","kind":"ExecCredential","status":{"token":"%s"}}\n' "$PLUGIN_API" "$tok"
)";

bool writeFile(const QString &path, const QByteArray &content, bool executable = false)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    f.write(content);
    f.close();
    if (executable)
        f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return true;
}

} // namespace

class TestKubeconfigSim : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        const QString simKubeconfig = m_dir.filePath(QStringLiteral("sim-kubeconfig"));
        m_sim.setProgram(QStringLiteral(ROLLDECK_BINARY_DIR "/sim/rolldeck-sim"));
        m_sim.setArguments({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--tls"),
                            QStringLiteral("--scenario"), QStringLiteral("seed"), QStringLiteral("--kubeconfig-out"),
                            simKubeconfig});
        m_sim.start();
        QVERIFY(m_sim.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(m_sim.canReadLine(), 20000);
        m_sim.readLine();

        // What the simulator wrote, read by our loader: the server, its CA and two users' tokens.
        const Kubeconfig kc = loadKubeconfigFiles({simKubeconfig});
        QVERIFY(kc.problems.isEmpty());
        const ClusterConfig *admin = kc.context(QStringLiteral("rolldeck-demo"));
        const ClusterConfig *viewer = kc.context(QStringLiteral("rolldeck-demo-readonly"));
        QVERIFY(admin && viewer);
        QCOMPARE(admin->server.scheme(), QStringLiteral("https"));
        QVERIFY(!admin->certificateAuthorityPem.isEmpty());
        QVERIFY(!admin->auth.token.isEmpty());
        m_server = admin->server.toString().toUtf8();
        m_adminToken = admin->auth.token.toUtf8();
        m_viewerToken = viewer->auth.token.toUtf8();
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("pki/ca.crt")), admin->certificateAuthorityPem));
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("tokens/admin")), m_adminToken + '\n'));
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("bin/plugin.sh")), kPlugin, true));
        m_kubectl = !QStandardPaths::findExecutable(QStringLiteral("kubectl")).isEmpty();
    }

    void cleanupTestCase()
    {
        if (m_sim.state() != QProcess::NotRunning) {
            m_sim.terminate();
            QVERIFY(m_sim.waitForFinished(10000));
        }
    }

    void connect_data()
    {
        QTest::addColumn<QByteArray>("cluster"); // lines under `cluster:` besides server
        QTest::addColumn<QByteArray>("user");    // lines under `user:`
        QTest::addColumn<bool>("connects");
        QTest::addColumn<bool>("kubectlToo"); // kubectl must agree (false where it behaves differently on purpose)
        QTest::addColumn<int>("pluginRuns");  // -1: no plugin

        const QByteArray ca = "    certificate-authority: pki/ca.crt\n";
        const QByteArray exec =
            "    exec:\n      apiVersion: APIVERSION\n      command: ./bin/plugin.sh\n"
            "      interactiveMode: Never\n      env:\n      - {name: COUNTER, value: COUNTER_PATH}\n"
            "      - {name: TOKEN_FILE, value: TOKEN_PATH}\n"
            "      - {name: PLUGIN_API, value: APIVERSION}\n";
        QTest::newRow("token") << ca << QByteArray("    token: ADMIN\n") << true << true << -1;
        QTest::newRow("read-only token") << ca << QByteArray("    token: VIEWER\n") << true << true << -1;
        QTest::newRow("tokenFile relative") << ca << QByteArray("    tokenFile: tokens/admin\n") << true << true << -1;
        QTest::newRow("exec v1") << ca << QByteArray(exec).replace("APIVERSION", "client.authentication.k8s.io/v1")
                                 << true << true << 1;
        QTest::newRow("exec v1beta1") << ca
                                      << QByteArray(exec).replace("APIVERSION", "client.authentication.k8s.io/v1beta1")
                                      << true << true << 1;
        // Rolldeck re-runs the plugin after the 401 and retries; kubectl would fail this one request.
        QTest::newRow("exec revoked then renewed")
            << ca
            << QByteArray(exec).replace("APIVERSION", "client.authentication.k8s.io/v1") +
                   "      - {name: REVOKED_RUNS, value: \"1\"}\n"
            << true << false << 2;
        QTest::newRow("unknown token") << ca << QByteArray("    token: not-a-real-token\n") << false << true << -1;
        QTest::newRow("system CAs only") << QByteArray() << QByteArray("    token: ADMIN\n") << false << true << -1;
        QTest::newRow("insecure-skip-tls-verify") << QByteArray("    insecure-skip-tls-verify: true\n")
                                                  << QByteArray("    token: ADMIN\n") << true << true << -1;
        QTest::newRow("insecure with a CA") << ca + "    insecure-skip-tls-verify: true\n"
                                            << QByteArray("    token: ADMIN\n") << false << true << -1;
    }

    void connect()
    {
        QFETCH(QByteArray, cluster);
        QFETCH(QByteArray, user);
        QFETCH(bool, connects);
        QFETCH(bool, kubectlToo);
        QFETCH(int, pluginRuns);
        const QString counter = m_dir.filePath(QStringLiteral("count-") + QString::fromLatin1(QTest::currentDataTag()));
        QFile::remove(counter);
        user.replace("ADMIN", m_adminToken).replace("VIEWER", m_viewerToken).replace("COUNTER_PATH", counter.toUtf8());
        // TOKEN_FILE is an env value, not a kubeconfig path: the plugin gets an absolute one.
        user.replace("TOKEN_PATH", m_dir.filePath(QStringLiteral("tokens/admin")).toUtf8());
        const QString file = m_dir.filePath(QStringLiteral("config-") + QString::fromLatin1(QTest::currentDataTag()));
        QVERIFY(writeFile(file, "apiVersion: v1\nkind: Config\ncurrent-context: sim\nclusters:\n- name: sim\n"
                                "  cluster:\n    server: " +
                                    m_server + "\n" + cluster + "users:\n- name: me\n  user:\n" + user +
                                    "contexts:\n- name: sim\n  context: {cluster: sim, user: me}\n"));

        const Kubeconfig kc = loadKubeconfigFiles({file});
        const ClusterConfig *ctx = kc.context(QStringLiteral("sim"));
        bool ours = false;
        QString why;
        if (!ctx) {
            QVERIFY(!kc.problems.isEmpty());
            why = kc.problems.first().toString();
        } else {
            auto source = KubeconfigCredentials::create(*ctx);
            QVERIFY2(source, qPrintable(source.error()));
            KubeClient client(*ctx, *source);
            std::optional<KubeResponse> response;
            client.get(QStringLiteral("/apis/argoproj.io/v1alpha1/rollouts"), this,
                       [&](const KubeResponse &r) { response = r; });
            QTRY_VERIFY_WITH_TIMEOUT(response.has_value(), 20000);
            ours = response->ok();
            if (ours)
                QCOMPARE(response->object.value(QLatin1String("kind")).toString(), QStringLiteral("RolloutList"));
            else
                why = response->error->toString();
        }
        QVERIFY2(ours == connects, qPrintable(why));
        if (pluginRuns >= 0) {
            QFile f(counter);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readAll().trimmed().toInt(), pluginRuns);
        }

        if (!m_kubectl || !kubectlToo)
            return;
        QFile::remove(counter);
        QProcess kubectl;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_dir.path());
        kubectl.setProcessEnvironment(env);
        kubectl.setWorkingDirectory(m_dir.filePath(QStringLiteral("tokens"))); // relative paths must not lean on cwd
        kubectl.start(QStringLiteral("kubectl"),
                      {QStringLiteral("--kubeconfig"), file, QStringLiteral("--cache-dir"),
                       m_dir.filePath(QStringLiteral("kube-cache")), QStringLiteral("get"), QStringLiteral("--raw"),
                       QStringLiteral("/apis/argoproj.io/v1alpha1/rollouts")});
        QVERIFY(kubectl.waitForFinished(30000));
        const bool theirs = kubectl.exitStatus() == QProcess::NormalExit && kubectl.exitCode() == 0;
        QVERIFY2(theirs == connects, kubectl.readAllStandardError().constData());
    }

private:
    QTemporaryDir m_dir;
    QProcess m_sim;
    QByteArray m_server;
    QByteArray m_adminToken;
    QByteArray m_viewerToken;
    bool m_kubectl = false;
};

QTEST_GUILESS_MAIN(TestKubeconfigSim)
#include "tst_kubeconfig_sim.moc"
