// The Kubernetes client on its own: errors as values, timeouts, patches, the watch line reader, and kubeconfig
// credentials (a rotated token file, an exec plugin re-run) answering a 401.
#include "app/kube/ClusterConnection.h"
#include "app/kube/KubeClient.h"
#include "app/kube/KubeconfigCredentials.h"
#include "app/kube/Kubeconfig.h"
#include "app/kube/WatchStream.h"

#include "FakeKubeApi.h"

#include <QFile>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace rolldeck;
using namespace rolldeck::kube;
using namespace rolldeck::testsupport;

namespace {

const QString kApi = QStringLiteral("/apis/argoproj.io/v1alpha1");
const QString kRollouts = QStringLiteral("rollouts");

ClusterConfig configFor(const FakeHttpServer &server)
{
    ClusterConfig c;
    c.contextName = QStringLiteral("test");
    c.server = server.url();
    return c;
}

bool writeFile(const QString &path, const QByteArray &content, bool executable = false)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    f.write(content);
    f.close();
    if (executable)
        f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return true;
}

KubeResponse call(const std::function<void(KubeClient::Callback)> &start)
{
    std::optional<KubeResponse> result;
    start([&](const KubeResponse &r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 10000))
        return {};
    return *result;
}

} // namespace

class TestKubeClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void splitterAndParser_data();
    void splitterAndParser();
    void errorCauses_data();
    void errorCauses();
    void statusBodiesBecomeValues();
    void transferTimeoutOnHang();
    void connectionRefused();
    void mergePatchWithPrecondition();
    void hostileNamesStayOneSegment();
    void requestsLookLikeKubectl();
    void gzipListsAreInflated();
    void listPageByPage();
    void tokenFileRotatedAfter401();
    void execPluginRerunAfter401();
};

void TestKubeClient::splitterAndParser_data()
{
    QTest::addColumn<QByteArrayList>("chunks");
    QTest::addColumn<QStringList>("types"); // parsed event types, "bad" for an unparseable line
    QTest::addColumn<QByteArray>("pending");

    const QByteArray added = R"({"type":"ADDED","object":{"metadata":{"uid":"u1","resourceVersion":"5"}}})";
    const QByteArray bookmark = R"({"type":"BOOKMARK","object":{"metadata":{"resourceVersion":"9"}}})";
    const QByteArray error = R"({"type":"ERROR","object":{"kind":"Status","code":410,"reason":"Expired"}})";
    QTest::newRow("one event") << QByteArrayList{added + '\n'} << QStringList{QStringLiteral("Added")} << QByteArray();
    QTest::newRow("split in three") << QByteArrayList{added.left(10), added.mid(10, 20), added.mid(30) + '\n'}
                                    << QStringList{QStringLiteral("Added")} << QByteArray();
    QTest::newRow("two in one chunk, blank lines")
        << QByteArrayList{added + "\n\n" + bookmark + "\r\n"}
        << QStringList{QStringLiteral("Added"), QStringLiteral("Bookmark")} << QByteArray();
    QTest::newRow("error event") << QByteArrayList{error + '\n'} << QStringList{QStringLiteral("Error")}
                                 << QByteArray();
    QTest::newRow("truncated tail") << QByteArrayList{added + '\n' + bookmark.left(12)}
                                    << QStringList{QStringLiteral("Added")} << bookmark.left(12);
    QTest::newRow("garbage") << QByteArrayList{"<html>oops</html>\n"} << QStringList{QStringLiteral("bad")}
                             << QByteArray();
    QTest::newRow("unknown type") << QByteArrayList{R"({"type":"RENAMED","object":{"metadata":{"uid":"x"}}})"
                                                    "\n"}
                                  << QStringList{QStringLiteral("bad")} << QByteArray();
    QTest::newRow("object without uid") << QByteArrayList{R"({"type":"ADDED","object":{"metadata":{}}})"
                                                          "\n"}
                                        << QStringList{QStringLiteral("bad")} << QByteArray();
}

void TestKubeClient::splitterAndParser()
{
    QFETCH(QByteArrayList, chunks);
    QFETCH(QStringList, types);
    QFETCH(QByteArray, pending);
    WatchLineSplitter splitter;
    QStringList seen;
    for (const QByteArray &chunk : chunks) {
        const QList<QByteArray> lines = splitter.feed(chunk);
        for (const QByteArray &line : lines) {
            const std::optional<WatchEvent> e = parseWatchEvent(line.trimmed());
            if (!e) {
                seen << QStringLiteral("bad");
                continue;
            }
            switch (e->type) {
            case WatchEvent::Type::Added:
                seen << QStringLiteral("Added");
                break;
            case WatchEvent::Type::Modified:
                seen << QStringLiteral("Modified");
                break;
            case WatchEvent::Type::Deleted:
                seen << QStringLiteral("Deleted");
                break;
            case WatchEvent::Type::Bookmark:
                seen << QStringLiteral("Bookmark");
                break;
            case WatchEvent::Type::Error:
                seen << QStringLiteral("Error");
                break;
            }
        }
    }
    QCOMPARE(seen, types);
    QCOMPARE(splitter.pending(), pending);
}

void TestKubeClient::errorCauses_data()
{
    QTest::addColumn<int>("http");
    QTest::addColumn<int>("network");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("cause");
    QTest::addColumn<QString>("reason");
    QTest::newRow("401") << 401 << 0 << QByteArray() << QStringLiteral("401 Unauthorized") << QString();
    QTest::newRow("403 status") << 403 << 0
                                << QByteArray(R"({"kind":"Status","code":403,"reason":"Forbidden","message":"no"})")
                                << QStringLiteral("403 Forbidden") << QStringLiteral("Forbidden");
    QTest::newRow("500") << 500 << 0 << QByteArray("oops") << QStringLiteral("HTTP 500") << QString();
    QTest::newRow("503") << 503 << 0 << QByteArray() << QStringLiteral("HTTP 503") << QString();
    QTest::newRow("refused") << 0 << int(QNetworkReply::ConnectionRefusedError) << QByteArray()
                             << QStringLiteral("connection refused") << QString();
    QTest::newRow("tls") << 0 << int(QNetworkReply::SslHandshakeFailedError) << QByteArray()
                         << QStringLiteral("TLS handshake failed") << QString();
}

void TestKubeClient::errorCauses()
{
    QFETCH(int, http);
    QFETCH(int, network);
    QFETCH(QByteArray, body);
    QFETCH(QString, cause);
    QFETCH(QString, reason);
    const KubeError e = KubeError::fromReply(http, QNetworkReply::NetworkError(network), QStringLiteral("text"), body);
    QCOMPARE(e.cause(), cause);
    QCOMPARE(e.reason, reason);
}

void TestKubeClient::statusBodiesBecomeValues()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    FakeKubeApi api(&server);
    KubeClient client(configFor(server), nullptr);
    const KubeResponse r = call([&](KubeClient::Callback cb) {
        client.get(ResourceKind::rollouts().objectPath(QStringLiteral("prod"), QStringLiteral("missing")), this, cb);
    });
    QVERIFY(!r.ok());
    QCOMPARE(r.httpStatus, 404);
    QCOMPARE(r.error->reason, QStringLiteral("NotFound"));
    QCOMPARE(r.error->message, QStringLiteral("rollouts \"missing\" not found"));
    QVERIFY(r.error->isNotFound());
    QCOMPARE(client.inFlight(), 0);
}

void TestKubeClient::transferTimeoutOnHang()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    FakeKubeApi api(&server);
    api.injectFault(FakeKubeApi::Fault::Hang);
    ClientOptions options;
    options.requestTimeoutMs = 300;
    KubeClient client(configFor(server), nullptr, options);
    QElapsedTimer t;
    t.start();
    const KubeResponse r =
        call([&](KubeClient::Callback cb) { client.get(ResourceKind::rollouts().collectionPath(), this, cb); });
    QVERIFY(!r.ok());
    QVERIFY(r.error->timedOut);
    QCOMPARE(r.error->cause(), QStringLiteral("timed out"));
    QVERIFY(t.elapsed() < 5000);
    QCOMPARE(client.inFlight(), 0);
}

void TestKubeClient::connectionRefused()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    const ClusterConfig config = configFor(server);
    server.close();
    KubeClient client(config, nullptr);
    const KubeResponse r = call([&](KubeClient::Callback cb) {
        client.get(ResourceKind::pods().collectionPath(QStringLiteral("prod")), this, cb);
    });
    QVERIFY(!r.ok());
    QCOMPARE(r.error->cause(), QStringLiteral("connection refused"));
}

void TestKubeClient::mergePatchWithPrecondition()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    FakeKubeApi api(&server);
    const QJsonObject rollout = api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("api")));
    const QString rv = resourceVersionOf(rollout);
    KubeClient client(configFor(server), nullptr);
    const QString path = ResourceKind::rollouts().objectPath(QStringLiteral("prod"), QStringLiteral("api"), {});
    const QJsonObject patch{{QStringLiteral("metadata"), QJsonObject{{QStringLiteral("resourceVersion"), rv}}},
                            {QStringLiteral("spec"), QJsonObject{{QStringLiteral("paused"), true}}}};
    KubeResponse ok = call([&](KubeClient::Callback cb) { client.mergePatch(path, patch, this, cb); });
    QVERIFY2(ok.ok(), qPrintable(ok.error ? ok.error->toString() : QString()));
    QCOMPARE(ok.object.value(QLatin1String("spec")).toObject().value(QLatin1String("paused")).toBool(), true);
    QCOMPARE(server.requests().last().header("content-type"), QByteArray("application/merge-patch+json"));

    // The same precondition again is stale now: 409 Conflict as a value.
    KubeResponse stale = call([&](KubeClient::Callback cb) { client.mergePatch(path, patch, this, cb); });
    QVERIFY(!stale.ok());
    QCOMPARE(stale.httpStatus, 409);
    QCOMPARE(stale.error->reason, QStringLiteral("Conflict"));
    QCOMPARE(stale.error->cause(), QStringLiteral("409 Conflict"));

    const QJsonArray ops{QJsonObject{{QStringLiteral("op"), QStringLiteral("test")},
                                     {QStringLiteral("path"), QStringLiteral("/spec/paused")},
                                     {QStringLiteral("value"), true}}};
    call([&](KubeClient::Callback cb) { client.jsonPatch(path, ops, this, cb); });
    QCOMPARE(server.requests().last().header("content-type"), QByteArray("application/json-patch+json"));
    QCOMPARE(server.requests().last().method, QByteArray("PATCH"));
}

// A namespace or name holding '/', '?', '#', ".." or a space goes out as one percent-encoded path segment: it
// cannot reach another resource or add a query (issue 10).
void TestKubeClient::hostileNamesStayOneSegment()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([](const HttpRequest &, HttpExchange *exchange) {
        exchange->respondStatus(404, QStringLiteral("NotFound"), QStringLiteral("not found"));
    });
    KubeClient client(configFor(server), nullptr);
    const QString path =
        ResourceKind::rollouts().objectPath(QStringLiteral("../../x?y=1"), QStringLiteral("a/b c#d"), {});
    const KubeResponse response = call([&](KubeClient::Callback cb) { client.get(path, this, cb); });
    QCOMPARE(response.httpStatus, 404);
    QCOMPARE(server.requests().size(), 1);
    const HttpRequest &request = server.requests().constFirst();
    QCOMPARE(request.target,
             QByteArray("/apis/argoproj.io/v1alpha1/namespaces/..%2F..%2Fx%3Fy%3D1/rollouts/a%2Fb%20c%23d"));
    QVERIFY(request.query.isEmpty());
}

void TestKubeClient::requestsLookLikeKubectl()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    FakeKubeApi api(&server);
    KubeClient client(configFor(server), StaticCredentials::bearer("secret-token"));
    std::optional<ListResult> listed;
    client.list(ResourceKind::replicaSets(), QStringLiteral("prod"), this, [&](const ListResult &r) { listed = r; });
    QTRY_VERIFY(listed.has_value());
    QVERIFY(listed->ok());
    const HttpRequest r = server.requests().last();
    QCOMPARE(r.path, QStringLiteral("/apis/apps/v1/namespaces/prod/replicasets"));
    QCOMPARE(r.query.queryItemValue(QStringLiteral("limit")),
             QStringLiteral("1000") /* pages of 1,000: half the round trips of kubectl's 500 */);
    QCOMPARE(r.header("accept"), QByteArray("application/json"));
    QCOMPARE(r.header("authorization"), QByteArray("Bearer secret-token"));
    // List items are stamped with the kind a real server leaves off them.
    api.add(
        QStringLiteral("/apis/apps/v1"), QStringLiteral("replicasets"),
        QJsonObject{{QStringLiteral("kind"), QStringLiteral("ReplicaSet")},
                    {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("rs")},
                                                             {QStringLiteral("namespace"), QStringLiteral("prod")}}}});
    listed.reset();
    client.list(ResourceKind::replicaSets(), QStringLiteral("prod"), this, [&](const ListResult &r) { listed = r; });
    QTRY_VERIFY(listed.has_value());
    QCOMPARE(listed->items.size(), 1);
    QCOMPARE(listed->items[0].value(QLatin1String("kind")).toString(), QStringLiteral("ReplicaSet"));
    QCOMPARE(listed->items[0].value(QLatin1String("apiVersion")).toString(), QStringLiteral("apps/v1"));
    QCOMPARE(ResourceKind::pods().collectionPath(), QStringLiteral("/api/v1/pods"));
    QCOMPARE(ResourceKind::virtualServices().objectPath(QStringLiteral("a"), QStringLiteral("b")),
             QStringLiteral("/apis/networking.istio.io/v1beta1/namespaces/a/virtualservices/b"));
}

void TestKubeClient::gzipListsAreInflated()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    FakeKubeApi api(&server);
    api.setGzipResponses(true);
    for (int i = 0; i < 300; ++i)
        api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("r-%1").arg(i)));
    KubeClient client(configFor(server), nullptr);
    std::optional<ListResult> listed;
    client.list(ResourceKind::rollouts(), {}, this, [&](const ListResult &r) { listed = r; });
    QTRY_VERIFY(listed.has_value());
    QVERIFY2(listed->ok(), qPrintable(listed->error ? listed->error->toString() : QString()));
    QCOMPARE(listed->items.size(), 300);
    QCOMPARE(server.requests().last().header("accept-encoding"), QByteArray("gzip")); // as kubectl, no brotli
}

void TestKubeClient::listPageByPage()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    FakeKubeApi api(&server);
    for (int i = 0; i < 25; ++i)
        api.add(kApi, kRollouts,
                makeRollout(QStringLiteral("prod"), QStringLiteral("r-%1").arg(i, 2, 10, QLatin1Char('0'))));
    ClientOptions options;
    options.pageSize = 10;
    KubeClient client(configFor(server), nullptr, options);
    QList<QStringList> pages;
    QList<bool> restarts;
    std::optional<ListResult> listed;
    client.list(
        ResourceKind::rollouts(), {}, this, [&](const ListResult &r) { listed = r; }, {},
        [&](const ListPage &page, bool restarted) {
            QVERIFY(!listed.has_value()); // every page before the end
            QStringList names;
            for (const QJsonObject &item : page.items) {
                QCOMPARE(item.value(QLatin1String("kind")).toString(), QStringLiteral("Rollout"));
                names << nameOf(item);
            }
            pages.append(names);
            restarts.append(restarted);
            // The continue token of the third page expires: the list starts over, and says so.
            if (pages.size() == 2)
                api.injectFault(FakeKubeApi::Fault::Gone, FakeKubeApi::Target::List);
        });
    QTRY_VERIFY(listed.has_value());
    QVERIFY2(listed->ok(), qPrintable(listed->error ? listed->error->toString() : QString()));
    QVERIFY(listed->items.isEmpty()); // delivered by page, not kept
    QCOMPARE(listed->pages, 3);       // of the list that completed
    QCOMPARE(restarts, QList<bool>({false, false, true, false, false}));
    QCOMPARE(pages.size(), 5);
    QCOMPARE(pages[0].size(), 10);
    QCOMPARE(pages[2].first(), QStringLiteral("r-00"));
    QCOMPARE(pages[2].size(), 10);
    QCOMPARE(pages[4].size(), 5);
    QCOMPARE(pages[4].last(), QStringLiteral("r-24"));
}

void TestKubeClient::tokenFileRotatedAfter401()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    FakeHttpServer server;
    QVERIFY(server.listen());
    FakeKubeApi api(&server);
    api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("a")));
    api.setRequiredAuthorization("Bearer rotated");
    const QString tokenFile = dir.filePath(QStringLiteral("token"));
    QVERIFY(writeFile(tokenFile, "original\n"));
    // The token is rotated on disk right after the server saw (and rejected) the old one.
    connect(&server, &FakeHttpServer::requestReceived, this, [&](const HttpRequest &r) {
        if (r.header("authorization") == "Bearer original")
            writeFile(tokenFile, "rotated\n");
    });
    const QString kubeconfig = dir.filePath(QStringLiteral("config"));
    QVERIFY(writeFile(kubeconfig, QStringLiteral("apiVersion: v1\nkind: Config\ncurrent-context: c\n"
                                                 "clusters:\n- name: k\n  cluster:\n    server: %1\n"
                                                 "users:\n- name: u\n  user:\n    tokenFile: token\n"
                                                 "contexts:\n- name: c\n  context:\n    cluster: k\n    user: u\n")
                                      .arg(server.url().toString())
                                      .toUtf8()));
    const Kubeconfig kc = loadKubeconfigFiles({kubeconfig});
    QVERIFY(kc.context(QStringLiteral("c")));
    auto credentials = KubeconfigCredentials::create(*kc.context(QStringLiteral("c")));
    QVERIFY2(credentials.ok(), qPrintable(credentials.error()));
    ClusterConnection conn(*kc.context(QStringLiteral("c")), *credentials);
    ResourceCache *cache = conn.cache(ResourceKind::rollouts());
    QTRY_VERIFY(cache->isSynced());
    QCOMPARE(cache->size(), 1);
    QCOMPARE(server.count([](const HttpRequest &r) { return r.header("authorization") == "Bearer original"; }), 1);
}

void TestKubeClient::execPluginRerunAfter401()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    FakeHttpServer server;
    QVERIFY(server.listen());
    FakeKubeApi api(&server);
    api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("a")));
    api.setRequiredAuthorization("Bearer tok-2"); // the first run's token is already rejected
    const QString plugin = dir.filePath(QStringLiteral("plugin.sh"));
    QVERIFY(writeFile(plugin,
                      "#!/bin/sh\n"
                      "n=$(cat \"$(dirname \"$0\")/runs\" 2>/dev/null || echo 0)\n"
                      "n=$((n+1))\n"
                      "echo $n > \"$(dirname \"$0\")/runs\"\n"
                      "printf '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
                      "\"status\":{\"token\":\"tok-%s\"}}' $n\n",
                      true));
    const QString kubeconfig = dir.filePath(QStringLiteral("config"));
    QVERIFY(writeFile(kubeconfig, QStringLiteral("apiVersion: v1\nkind: Config\ncurrent-context: c\n"
                                                 "clusters:\n- name: k\n  cluster:\n    server: %1\n"
                                                 "users:\n- name: u\n  user:\n    exec:\n"
                                                 "      apiVersion: client.authentication.k8s.io/v1\n"
                                                 "      command: ./plugin.sh\n      interactiveMode: Never\n"
                                                 "contexts:\n- name: c\n  context:\n    cluster: k\n    user: u\n")
                                      .arg(server.url().toString())
                                      .toUtf8()));
    const Kubeconfig kc = loadKubeconfigFiles({kubeconfig});
    QVERIFY(kc.context(QStringLiteral("c")));
    auto credentials = KubeconfigCredentials::create(*kc.context(QStringLiteral("c")));
    QVERIFY(credentials.ok());
    ClusterConnection conn(*kc.context(QStringLiteral("c")), *credentials);
    ResourceCache *cache = conn.cache(ResourceKind::rollouts());
    QTRY_VERIFY_WITH_TIMEOUT(cache->isSynced(), 10000);
    QFile runs(dir.filePath(QStringLiteral("runs")));
    QVERIFY(runs.open(QIODevice::ReadOnly));
    QCOMPARE(runs.readAll().trimmed(), QByteArray("2"));
    QTRY_COMPARE(api.openWatches(), 1); // the watch reuses the cached fresh token: no third run
    runs.seek(0);
    QCOMPARE(runs.readAll().trimmed(), QByteArray("2"));
}

QTEST_GUILESS_MAIN(TestKubeClient)
#include "tst_kubeclient.moc"
