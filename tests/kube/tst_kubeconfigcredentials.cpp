// The kubeconfig credentials wired into the real kube client (KubeClient) against a loopback TLS API server:
// exec plugin tokens, 401 then a re-run plugin, client certificates, failures reaching the client's error; and a
// hung plugin ending with the credentials however they go.

#include "app/kube/KubeClient.h"
#include "app/kube/Kubeconfig.h"
#include "app/kube/KubeconfigCredentials.h"

#include "HungPlugin.h"
#include "TestPki.h"
#include "TlsTestServer.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace rolldeck;
using namespace rolldeck::kube;

namespace {

// Prints a new token on every run: tok-1, tok-2, ...
const QByteArray kPlugin = R"(#!/bin/sh
n=$(cat "$COUNTER" 2>/dev/null || echo 0)
n=$((n + 1))
echo "$n" > "$COUNTER"
printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"tok-%s"}}\n' "$n"
)";

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed() : QByteArray();
}

} // namespace

class TestKubeconfigCredentials : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (!QSslSocket::supportsSsl())
            QSKIP("no TLS backend");
        QVERIFY(m_dir.isValid());
        const QString error = test::TestPki::create(m_dir.path());
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QFile plugin(m_dir.filePath(QStringLiteral("plugin.sh")));
        QVERIFY(plugin.open(QIODevice::WriteOnly));
        plugin.write(kPlugin);
        plugin.close();
        plugin.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        m_server = std::make_unique<test::TlsTestServer>(m_dir.path());
        QVERIFY(m_server->listen(QHostAddress::LocalHost));
    }

    void init()
    {
        QFile::remove(m_dir.filePath(QStringLiteral("count")));
        m_server->authorizations.clear();
        m_server->rejectedAuthorizations.clear();
        m_server->peerCertificate = QSslCertificate();
    }

    // A kubeconfig as a user writes it, read by the real loader: relative CA, client cert and plugin paths.
    ClusterConfig loadContext(const QByteArray &userBody)
    {
        QFile kubeconfig(m_dir.filePath(QStringLiteral("config")));
        if (!kubeconfig.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        kubeconfig.write("apiVersion: v1\nkind: Config\ncurrent-context: loopback\nclusters:\n- name: loopback\n"
                         "  cluster:\n    server: https://127.0.0.1:" +
                         QByteArray::number(m_server->serverPort()) +
                         "\n    certificate-authority: ca.crt\n    tls-server-name: kube.test\n"
                         "users:\n- name: me\n  user:\n" +
                         userBody +
                         "contexts:\n- name: loopback\n  context: {cluster: loopback, user: me, namespace: shop}\n");
        kubeconfig.close();
        const Kubeconfig kc = loadKubeconfigFiles({kubeconfig.fileName()});
        const ClusterConfig *ctx = kc.context(QStringLiteral("loopback"));
        if (!kc.problems.isEmpty() || !ctx)
            qWarning() << "kubeconfig problems:" << kc.problems.size();
        return ctx ? *ctx : ClusterConfig{};
    }

    void execTokenRefreshedAfter401()
    {
        const ClusterConfig config =
            loadContext("    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: ./plugin.sh\n"
                        "      interactiveMode: Never\n      env: [{name: COUNTER, value: " +
                        m_dir.filePath(QStringLiteral("count")).toUtf8() + "}]\n");
        QVERIFY(config.auth.exec);
        auto source = KubeconfigCredentials::create(config);
        QVERIFY2(source, qPrintable(source.error()));
        KubeClient client(config, *source);

        m_server->rejectedAuthorizations << "Bearer tok-1"; // the first token has been revoked
        std::optional<KubeResponse> response;
        client.get(QStringLiteral("/version"), this, [&](const KubeResponse &r) { response = r; });
        QTRY_VERIFY_WITH_TIMEOUT(response.has_value(), 15000);
        QVERIFY2(response->ok(), qPrintable(response->error ? response->error->message : QString()));
        QCOMPARE(response->object.value(QLatin1String("major")).toString(), QStringLiteral("1"));
        QCOMPARE(m_server->authorizations, (QByteArrayList{"Bearer tok-1", "Bearer tok-2"}));
        QCOMPARE(readAll(m_dir.filePath(QStringLiteral("count"))), QByteArray("2"));
        QVERIFY(m_server->peerCertificate.isNull()); // no client certificate configured

        // The next request uses the cached token: no plugin run.
        response.reset();
        client.get(QStringLiteral("/version"), this, [&](const KubeResponse &r) { response = r; });
        QTRY_VERIFY_WITH_TIMEOUT(response.has_value(), 15000);
        QVERIFY(response->ok());
        QCOMPARE(m_server->authorizations.last(), QByteArray("Bearer tok-2"));
        QCOMPARE(readAll(m_dir.filePath(QStringLiteral("count"))), QByteArray("2"));
    }

    void manyRequestsOneRerun()
    {
        const ClusterConfig config =
            loadContext("    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: ./plugin.sh\n"
                        "      interactiveMode: Never\n      env: [{name: COUNTER, value: " +
                        m_dir.filePath(QStringLiteral("count")).toUtf8() + "}]\n");
        auto source = KubeconfigCredentials::create(config);
        QVERIFY(source);
        KubeClient client(config, *source);
        m_server->rejectedAuthorizations << "Bearer tok-1";
        int ok = 0;
        int failed = 0;
        for (int i = 0; i < 5; ++i)
            client.get(QStringLiteral("/version"), this, [&](const KubeResponse &r) { r.ok() ? ++ok : ++failed; });
        QTRY_COMPARE_WITH_TIMEOUT(ok + failed, 5, 20000);
        QCOMPARE(ok, 5);
        QCOMPARE(readAll(m_dir.filePath(QStringLiteral("count"))), QByteArray("2")); // five 401s, one re-run
    }

    void staticTokenAndBasic_data()
    {
        QTest::addColumn<QByteArray>("user");
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<bool>("clientCertificate");
        QTest::newRow("token") << QByteArray("    token: static-abc\n") << QByteArray("Bearer static-abc") << false;
        QTest::newRow("basic") << QByteArray("    username: bob\n    password: pw\n")
                               << "Basic " + QByteArray("bob:pw").toBase64() << false;
        QTest::newRow("client certificate")
            << QByteArray("    client-certificate: client.crt\n    client-key: client.key\n") << QByteArray() << true;
        // As kubectl: with a client certificate the exec plugin is not run (a missing plugin does no harm).
        QTest::newRow("client certificate beats exec")
            << QByteArray("    client-certificate: client.crt\n    client-key: client.key\n    exec: {apiVersion: "
                          "client.authentication.k8s.io/v1, command: ./no-such-plugin, interactiveMode: Never}\n")
            << QByteArray() << true;
    }

    void staticTokenAndBasic()
    {
        QFETCH(QByteArray, user);
        QFETCH(QByteArray, authorization);
        QFETCH(bool, clientCertificate);
        const ClusterConfig config = loadContext(user);
        auto source = KubeconfigCredentials::create(config);
        QVERIFY(source);
        KubeClient client(config, *source);
        std::optional<KubeResponse> response;
        client.get(QStringLiteral("/version"), this, [&](const KubeResponse &r) { response = r; });
        QTRY_VERIFY_WITH_TIMEOUT(response.has_value(), 15000);
        QVERIFY(response->ok());
        QCOMPARE(m_server->authorization, authorization);
        if (clientCertificate)
            QCOMPARE(m_server->peerCertificate.subjectInfo(QSslCertificate::CommonName),
                     QStringList{QStringLiteral("alice")});
        else
            QVERIFY(m_server->peerCertificate.isNull());
    }

    void pluginFailureReachesTheClient()
    {
        QFile failing(m_dir.filePath(QStringLiteral("failing.sh")));
        QVERIFY(failing.open(QIODevice::WriteOnly));
        failing.write("#!/bin/sh\necho 'session expired: run cloud login' >&2\nexit 1\n");
        failing.close();
        failing.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        const ClusterConfig config =
            loadContext("    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: ./failing.sh\n"
                        "      interactiveMode: Never\n");
        auto source = KubeconfigCredentials::create(config);
        QVERIFY(source);
        KubeClient client(config, *source);
        std::optional<KubeResponse> response;
        client.get(QStringLiteral("/version"), this, [&](const KubeResponse &r) { response = r; });
        QTRY_VERIFY_WITH_TIMEOUT(response.has_value(), 15000);
        QVERIFY(!response->ok());
        QVERIFY2(response->error->message.contains(QLatin1String("session expired: run cloud login")),
                 qPrintable(response->error->message));
        QVERIFY(m_server->authorizations.isEmpty()); // nothing went out without credentials
    }

    void unusableTlsIsReportedAtCreation()
    {
        ClusterConfig config;
        config.clusterName = QStringLiteral("broken");
        config.certificateAuthorityPem = "not a certificate";
        const auto source = KubeconfigCredentials::create(config);
        QVERIFY(!source);
        QVERIFY(source.error().contains(QLatin1String("broken")));
    }

    // The last reference goes on the credentials' own thread while their plugin hangs, and no event loop runs
    // any more to carry out a deleteLater() (the console after its window closed): the plugin and what it
    // started end at once, and the plugin is reaped (issue 10).
    void hungPluginEndsWithTheLastReference()
    {
        const testsupport::HungPlugin plugin{m_dir.filePath(QStringLiteral("hung.sh")),
                                             m_dir.filePath(QStringLiteral("hung.pids"))};
        QList<qint64> pids;
        std::shared_ptr<KubeconfigCredentials> credentials = startHungPlugin(plugin, &pids);
        QVERIFY(credentials);
        credentials.reset(); // from here on, no event is processed
        QVERIFY2(!QFileInfo::exists(QStringLiteral("/proc/%1").arg(pids.at(0))), "the plugin was not reaped");
        QVERIFY(testsupport::waitWithoutEvents([&] { return !testsupport::processAlive(pids.at(1)); }));
    }

    // The last reference goes on another thread (a client's worker): the credentials are deleted later on their
    // own thread, but the plugin and what it started are killed at once, in case that thread never gets back to
    // its event loop.
    void hungPluginEndsWhenAnotherThreadLetsGo()
    {
        const testsupport::HungPlugin plugin{m_dir.filePath(QStringLiteral("hung2.sh")),
                                             m_dir.filePath(QStringLiteral("hung2.pids"))};
        QList<qint64> pids;
        std::shared_ptr<KubeconfigCredentials> credentials = startHungPlugin(plugin, &pids);
        QVERIFY(credentials);
        std::thread([held = std::move(credentials)]() mutable { held.reset(); }).join();
        QVERIFY(testsupport::waitWithoutEvents(
            [&] { return !testsupport::processAlive(pids.at(0)) && !testsupport::processAlive(pids.at(1)); }));
        // Once this thread runs its loop again, the credentials go and the plugin is reaped.
        QTRY_VERIFY(!QFileInfo::exists(QStringLiteral("/proc/%1").arg(pids.at(0))));
    }

private:
    // Credentials whose exec plugin hangs, once the plugin has started and written its PIDs to `pids`.
    std::shared_ptr<KubeconfigCredentials> startHungPlugin(const testsupport::HungPlugin &plugin, QList<qint64> *pids)
    {
        if (!plugin.write())
            return {};
        const ClusterConfig config = loadContext("    exec:\n      apiVersion: client.authentication.k8s.io/v1\n"
                                                 "      command: " +
                                                 plugin.script.toUtf8() + "\n      interactiveMode: Never\n");
        const auto created = KubeconfigCredentials::create(config);
        if (!created)
            return {};
        std::shared_ptr<KubeconfigCredentials> credentials = *created;
        credentials->fetch(std::nullopt, this, [](const Result<AuthMaterial> &) {});
        if (!QTest::qWaitFor([&] { return !plugin.runningPids().isEmpty(); }, 10000))
            return {};
        *pids = plugin.runningPids();
        return credentials;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<test::TlsTestServer> m_server;
};

QTEST_GUILESS_MAIN(TestKubeconfigCredentials)
#include "tst_kubeconfigcredentials.moc"
