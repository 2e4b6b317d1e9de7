// Credentials after a 401, by generation (KubeconfigCredentials through the real KubeClient), against a scriptable
// loopback API server and a real exec plugin script that prints a new token on every run (tok-1, tok-2, ...):
// concurrent 401s run the plugin once, a late 401 for credentials already replaced runs it not at all, a 401 for
// the current credentials runs it at once, and a plugin whose tokens are always rejected is re-run a bounded
// number of times, then reported.
#include "app/kube/ClusterConnection.h"
#include "app/kube/KubeClient.h"
#include "app/kube/Kubeconfig.h"
#include "app/kube/KubeconfigCredentials.h"

#include "FakeHttpServer.h"
#include "FakeKubeApi.h"

#include <QFile>
#include <QPointer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace rolldeck;
using namespace rolldeck::kube;
using namespace rolldeck::testsupport;

namespace {

const QByteArray kPlugin = R"(#!/bin/sh
n=$(cat "$COUNTER" 2>/dev/null || echo 0)
n=$((n + 1))
echo "$n" > "$COUNTER"
printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"tok-%s"}}\n' "$n"
)";

const QByteArray kVersion = R"({"major":"1","minor":"30"})";

void reject(HttpExchange *exchange)
{
    if (exchange)
        exchange->respondStatus(401, QStringLiteral("Unauthorized"), QStringLiteral("Unauthorized"));
}

} // namespace

class TestCredentialRefresh : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QFile plugin(m_dir.filePath(QStringLiteral("plugin.sh")));
        QVERIFY(plugin.open(QIODevice::WriteOnly));
        plugin.write(kPlugin);
        plugin.close();
        plugin.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }

    void init()
    {
        QFile::remove(counterPath());
        m_server = std::make_unique<FakeHttpServer>();
        QVERIFY(m_server->listen());
        m_rejected.clear();
        m_seen.clear();
        m_held.clear();
        m_holdToken.clear();
        m_server->setHandler([this](const HttpRequest &request, HttpExchange *exchange) {
            const QByteArray auth = request.header("authorization");
            m_seen << auth;
            if (!m_holdToken.isEmpty() && auth == "Bearer " + m_holdToken) {
                m_held << exchange; // answered by the test, when it chooses
                return;
            }
            if (m_rejected.contains(auth) || m_rejectAll)
                reject(exchange);
            else
                exchange->respond(200, kVersion);
        });
        m_rejectAll = false;
        const ClusterConfig config = loadContext();
        QVERIFY(config.auth.exec);
        auto source = KubeconfigCredentials::create(config);
        QVERIFY2(source, qPrintable(source.error()));
        m_source = *source;
        m_client = std::make_unique<KubeClient>(config, m_source);
    }

    void cleanup()
    {
        m_client.reset();
        m_source.reset();
        m_server.reset();
    }

    // N requests sent with the same token all get 401 at once: one plugin run, every request retried with its token.
    void concurrentRejectionsRunThePluginOnce()
    {
        constexpr int kRequests = 6;
        m_holdToken = "tok-1";
        int ok = 0;
        int failed = 0;
        for (int i = 0; i < kRequests; ++i)
            m_client->get(QStringLiteral("/version"), this, [&](const KubeResponse &r) { r.ok() ? ++ok : ++failed; });
        QTRY_COMPARE_WITH_TIMEOUT(m_held.size(), kRequests, 15000);
        QCOMPARE(pluginRuns(), 1);
        for (const QPointer<HttpExchange> &e : std::as_const(m_held))
            reject(e);
        QTRY_COMPARE_WITH_TIMEOUT(ok + failed, kRequests, 15000);
        QCOMPARE(ok, kRequests);
        QCOMPARE(pluginRuns(), 2);
        QCOMPARE(m_seen.count("Bearer tok-1"), kRequests);
        QCOMPARE(m_seen.count("Bearer tok-2"), kRequests);
    }

    // A 401 that arrives after the credentials it was sent with were replaced: retried with the current ones, and
    // the plugin is not run again (however late it comes).
    void lateRejectionOfAReplacedGenerationRunsNothing()
    {
        m_holdToken = "tok-1";
        int ok = 0;
        int failed = 0;
        for (int i = 0; i < 3; ++i)
            m_client->get(QStringLiteral("/version"), this, [&](const KubeResponse &r) { r.ok() ? ++ok : ++failed; });
        QTRY_COMPARE_WITH_TIMEOUT(m_held.size(), 3, 15000);
        m_holdToken.clear();
        reject(m_held.at(0));
        QTRY_COMPARE_WITH_TIMEOUT(ok, 1, 15000); // refreshed to tok-2, retried, answered
        QCOMPARE(pluginRuns(), 2);
        // Another request in between uses tok-2 from the cache.
        m_client->get(QStringLiteral("/version"), this, [&](const KubeResponse &r) { r.ok() ? ++ok : ++failed; });
        QTRY_COMPARE_WITH_TIMEOUT(ok, 2, 15000);
        // Now the two late answers for tok-1.
        reject(m_held.at(1));
        reject(m_held.at(2));
        QTRY_COMPARE_WITH_TIMEOUT(ok + failed, 4, 15000);
        QCOMPARE(ok, 4);
        QCOMPARE(pluginRuns(), 2);
        QCOMPARE(m_seen.count("Bearer tok-1"), 3);
        QCOMPARE(m_seen.count("Bearer tok-2"), 4); // the first retry, the request in between, the two late retries
    }

    // A 401 for the credentials in use right now (even just after a refresh) refreshes at once: no time window.
    void rejectionOfTheCurrentGenerationRefreshesAtOnce()
    {
        m_rejected << "Bearer tok-1";
        std::optional<KubeResponse> response;
        m_client->get(QStringLiteral("/version"), this, [&](const KubeResponse &r) { response = r; });
        QTRY_VERIFY_WITH_TIMEOUT(response.has_value(), 15000);
        QVERIFY(response->ok());
        QCOMPARE(pluginRuns(), 2);

        m_rejected << "Bearer tok-2"; // revoked right after it worked
        response.reset();
        m_client->get(QStringLiteral("/version"), this, [&](const KubeResponse &r) { response = r; });
        QTRY_VERIFY_WITH_TIMEOUT(response.has_value(), 15000);
        QVERIFY2(response->ok(), qPrintable(response->error ? response->error->message : QString()));
        QCOMPARE(pluginRuns(), 3);
        QCOMPARE(m_seen.mid(m_seen.size() - 2), (QByteArrayList{"Bearer tok-2", "Bearer tok-3"}));
    }

    // A plugin whose every token is rejected: each request is retried once, the plugin re-run at most
    // kMaxRejectedInARow times in a row, and then the error says so, without running it again.
    void alwaysRejectedTokensAreBounded()
    {
        m_rejectAll = true;
        constexpr int kRounds = 8;
        std::optional<KubeResponse> last;
        for (int i = 0; i < kRounds; ++i) {
            std::optional<KubeResponse> response;
            m_client->get(QStringLiteral("/version"), this, [&](const KubeResponse &r) { response = r; });
            QTRY_VERIFY_WITH_TIMEOUT(response.has_value(), 15000);
            QVERIFY(!response->ok());
            QCOMPARE(response->error->httpStatus, 401);
            last = response;
        }
        QCOMPARE(pluginRuns(), 1 + KubeconfigCredentials::kMaxRejectedInARow);
        QVERIFY2(last->error->message.contains(QLatin1String("in a row")), qPrintable(last->error->message));
        QVERIFY(last->error->message.contains(QLatin1String("\"me\"")));
        // Bounded requests too: two per round at most (the request and its one retry).
        QVERIFY(m_seen.size() <= 2 * kRounds);

        // Concurrent requests while blocked: no plugin run either.
        int answered = 0;
        for (int i = 0; i < 5; ++i)
            m_client->get(QStringLiteral("/version"), this, [&](const KubeResponse &) { ++answered; });
        QTRY_COMPARE_WITH_TIMEOUT(answered, 5, 15000);
        QCOMPARE(pluginRuns(), 1 + KubeconfigCredentials::kMaxRejectedInARow);
    }

    // The same plugin behind a live cache (list+watch retrying with backoff): the cache turns stale with the reason
    // in its cause, and the plugin is not re-run past the bound while the cache keeps retrying.
    void liveCacheWithAlwaysRejectedTokensDoesNotSpin()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        FakeKubeApi api(&server);
        api.add(QStringLiteral("/apis/argoproj.io/v1alpha1"), QStringLiteral("rollouts"),
                makeRollout(QStringLiteral("shop"), QStringLiteral("checkout")));
        api.setRequiredAuthorization("Bearer none-of-yours");
        ClusterConfig config = m_client->config();
        config.server = server.url();
        ConnectionOptions options;
        options.client.requestTimeoutMs = 5000;
        options.informer.backoffInitialMs = 20;
        options.informer.backoffMaxMs = 80;
        options.informer.staleGraceMs = 0;
        ClusterConnection connection(config, m_source, options);
        ResourceCache *cache = connection.cache(ResourceKind::rollouts());
        QTRY_VERIFY_WITH_TIMEOUT(cache->health().cause.contains(QLatin1String("in a row")), 20000);
        QVERIFY(cache->health().isStale());
        QVERIFY2(cache->health().cause.contains(QLatin1String("\"me\"")), qPrintable(cache->health().cause));
        QCOMPARE(pluginRuns(), 1 + KubeconfigCredentials::kMaxRejectedInARow);
        // It keeps retrying (with backoff), each retry one request, and never runs the plugin again.
        const int requests = int(server.requests().size());
        QTRY_VERIFY_WITH_TIMEOUT(server.requests().size() >= requests + 5, 20000);
        QCOMPARE(pluginRuns(), 1 + KubeconfigCredentials::kMaxRejectedInARow);
        QVERIFY(!cache->isSynced());
    }

    // Credentials that worked and are later rejected (revoked, expired) start a fresh count: the bound is for
    // credentials that never work, not for a long-running console.
    void acceptedCredentialsResetTheBound()
    {
        const int limit = KubeconfigCredentials::kMaxRejectedInARow;
        for (int i = 1; i <= limit; ++i)
            m_rejected << "Bearer tok-" + QByteArray::number(i);
        int ok = 0;
        for (int round = 0; round < limit && ok == 0; ++round) {
            std::optional<KubeResponse> response;
            m_client->get(QStringLiteral("/version"), this, [&](const KubeResponse &r) { response = r; });
            QTRY_VERIFY_WITH_TIMEOUT(response.has_value(), 15000);
            ok += response->ok() ? 1 : 0;
        }
        QCOMPARE(ok, 1);
        const QByteArray working = "Bearer tok-" + QByteArray::number(limit + 1);
        QCOMPARE(m_seen.last(), working);
        QCOMPARE(pluginRuns(), limit + 1);

        m_rejected << working; // revoked later
        std::optional<KubeResponse> response;
        m_client->get(QStringLiteral("/version"), this, [&](const KubeResponse &r) { response = r; });
        QTRY_VERIFY_WITH_TIMEOUT(response.has_value(), 15000);
        QVERIFY2(response->ok(), qPrintable(response->error ? response->error->message : QString()));
        QCOMPARE(pluginRuns(), limit + 2);
    }

private:
    QString counterPath() const { return m_dir.filePath(QStringLiteral("count")); }

    int pluginRuns() const
    {
        QFile f(counterPath());
        return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().toInt() : 0;
    }

    ClusterConfig loadContext()
    {
        QFile kubeconfig(m_dir.filePath(QStringLiteral("config")));
        if (!kubeconfig.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        kubeconfig.write("apiVersion: v1\nkind: Config\ncurrent-context: loopback\nclusters:\n- name: loopback\n"
                         "  cluster:\n    server: " +
                         m_server->url().toEncoded() +
                         "\nusers:\n- name: me\n  user:\n    exec:\n"
                         "      apiVersion: client.authentication.k8s.io/v1\n      command: ./plugin.sh\n"
                         "      interactiveMode: Never\n      env: [{name: COUNTER, value: " +
                         counterPath().toUtf8() +
                         "}]\ncontexts:\n- name: loopback\n  context: {cluster: loopback, user: me}\n");
        kubeconfig.close();
        const Kubeconfig kc = loadKubeconfigFiles({kubeconfig.fileName()});
        const ClusterConfig *ctx = kc.context(QStringLiteral("loopback"));
        return ctx ? *ctx : ClusterConfig{};
    }

    QTemporaryDir m_dir;
    std::unique_ptr<FakeHttpServer> m_server;
    std::shared_ptr<KubeconfigCredentials> m_source;
    std::unique_ptr<KubeClient> m_client;
    QByteArrayList m_rejected; // Authorization values answered with 401
    bool m_rejectAll = false;
    QByteArrayList m_seen; // Authorization of every request, in order
    QByteArray m_holdToken;
    QList<QPointer<HttpExchange>> m_held;
};

QTEST_GUILESS_MAIN(TestCredentialRefresh)
#include "tst_credentialrefresh.moc"
