// Live caches against a fault-injecting loopback API server: sync, resume, 410 re-list, bad lines, auth, backoff,
// staleness and several clusters.
#include "kube/AccessReview.h"
#include "kube/ClusterConnection.h"
#include "FakeKubeApi.h"
#include "TestCredentials.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QJsonArray>
#include <QThread>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace rolldeck::kube;
using namespace rolldeck::testsupport;

namespace {

const QString kApi = QStringLiteral("/apis/argoproj.io/v1alpha1");
const QString kRollouts = QStringLiteral("rollouts");

ConnectionOptions fastOptions()
{
    ConnectionOptions o;
    o.client.requestTimeoutMs = 1500;
    o.informer.backoffInitialMs = 50;
    o.informer.backoffMaxMs = 400;
    o.informer.staleGraceMs = 300;
    o.informer.idleTimeoutMs = 800;
    o.informer.watchTimeoutSeconds = 60;
    return o;
}

ClusterConfig configFor(const FakeHttpServer &server, const QString &context = QStringLiteral("test"))
{
    ClusterConfig c;
    c.contextName = context;
    c.clusterName = context;
    c.server = server.url();
    c.auth.userName = QStringLiteral("kube-user");
    return c;
}

// All deltas a cache delivered, folded into one picture per uid.
struct DeltaLog
{
    QHash<QString, QString> lastOp; // uid -> "added" | "modified" | "deleted"
    int deltas = 0;
    int changes = 0;

    void attach(ResourceCache *cache, QObject *context)
    {
        QObject::connect(cache, &ResourceCache::changed, context, [this](const CacheDelta &d) {
            ++deltas;
            changes += int(d.size());
            for (const auto &o : d.added)
                lastOp.insert(uidOf(o), QStringLiteral("added"));
            for (const auto &o : d.modified)
                lastOp.insert(uidOf(o), QStringLiteral("modified"));
            for (const auto &o : d.deleted)
                lastOp.insert(uidOf(o), QStringLiteral("deleted"));
        });
    }
    void clear() { *this = DeltaLog(); }
};

struct HealthLog
{
    QList<CacheHealth> states;
    void attach(ResourceCache *cache, QObject *context)
    {
        QObject::connect(cache, &ResourceCache::healthChanged, context,
                         [this](const CacheHealth &h) { states.append(h); });
    }
    bool sawStale(const QString &causePrefix) const
    {
        for (const CacheHealth &h : states) {
            if (h.isStale() && h.cause.startsWith(causePrefix))
                return true;
        }
        return false;
    }
};

QString nameOf(const QJsonObject &o)
{
    return o.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
}

QJsonObject findByName(const ResourceCache *cache, const QString &name)
{
    for (const QJsonObject &o : cache->objects()) {
        if (nameOf(o) == name)
            return o;
    }
    return {};
}

} // namespace

class TestInformer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void initialSyncThenEvents();
    void paginatedInitialList();
    void splitChunksAreReassembled();
    void resumesAfterDroppedStream();
    void normalWatchEndResumesWithoutStaleness();
    void relistAfterGoneEmitsOnlyDifferences_data();
    void relistAfterGoneEmitsOnlyDifferences();
    void badLinesAreCountedAndStreamReestablished_data();
    void badLinesAreCountedAndStreamReestablished();
    void unauthorizedRefreshesCredentialsOnce();
    void forbiddenIsMissingPermission();
    void serverErrorsBackOffExponentially();
    void hungWatchIsDetectedByIdleTimeout();
    void hungListTimesOut();
    void staleWithinSecondsAndClearedOnRecovery();
    void twoClustersOneDown();
    void deliveriesAreCoalesced();
    void slowReceiverGetsNewestStateNotABacklog();
    void namespaceAndSelectorScopes();
    void accessReviewIsCachedPerQuery();
    void identityFromSelfSubjectReviewOrKubeconfig();
};

void TestInformer::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestInformer::initialSyncThenEvents()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    FakeKubeApi api(&server);
    for (int i = 0; i < 3; ++i)
        api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("app-%1").arg(i)));

    ConnectionOptions options = fastOptions();
    options.informer.heardPublishMs = 0;
    ClusterConnection conn(configFor(server), std::make_shared<StaticCredentials>(), options);
    ResourceCache *cache = conn.cache(ResourceKind::rollouts());
    QCOMPARE(conn.cache(ResourceKind::rollouts()), cache);
    DeltaLog log;
    log.attach(cache, this);
    QTRY_VERIFY(cache->isSynced());
    QCOMPARE(cache->size(), 3);
    QVERIFY(cache->health().isLive());
    QVERIFY(cache->lastHeard().isValid());
    QCOMPARE(log.lastOp.size(), 3);
    QTRY_COMPARE(api.openWatches(), 1);

    // The watch starts where the list left off, asks for bookmarks and a server-side timeout.
    const HttpRequest watch = server.requests().last();
    QVERIFY(watch.isWatch());
    QCOMPARE(watch.query.queryItemValue(QStringLiteral("resourceVersion")), QString::number(api.resourceVersion()));
    QCOMPARE(watch.query.queryItemValue(QStringLiteral("allowWatchBookmarks")), QStringLiteral("true"));
    QCOMPARE(watch.query.queryItemValue(QStringLiteral("timeoutSeconds")), QStringLiteral("60"));

    QJsonObject changed = api.object(kApi, kRollouts, QStringLiteral("prod"), QStringLiteral("app-1"));
    QJsonObject status = changed.value(QLatin1String("status")).toObject();
    status.insert(QStringLiteral("phase"), QStringLiteral("Degraded"));
    changed.insert(QStringLiteral("status"), status);
    api.modify(kApi, kRollouts, changed);
    api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("app-new")));
    QVERIFY(api.remove(kApi, kRollouts, QStringLiteral("prod"), QStringLiteral("app-0")));

    QTRY_COMPARE(cache->size(), 3);
    QTRY_COMPARE(findByName(cache, QStringLiteral("app-1"))
                     .value(QLatin1String("status"))
                     .toObject()
                     .value(QLatin1String("phase"))
                     .toString(),
                 QStringLiteral("Degraded"));
    QTRY_VERIFY(!findByName(cache, QStringLiteral("app-new")).isEmpty()); // the three events may come in
    QTRY_VERIFY(findByName(cache, QStringLiteral("app-0")).isEmpty());    // separate deliveries
    QCOMPARE(cache->size(), 3);
    QCOMPARE(log.lastOp.value(uidOf(changed)), QStringLiteral("modified"));

    // A bookmark moves the resume point without changing anything: a change to another kind advances the
    // server's resourceVersion, the bookmark carries it, and the next watch resumes from there.
    const int deltasBefore = log.deltas;
    const QJsonObject pod{
        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("p")},
                                                 {QStringLiteral("namespace"), QStringLiteral("prod")}}}};
    api.add(QStringLiteral("/api/v1"), QStringLiteral("pods"), pod);
    const QString bookmarked = QString::number(api.resourceVersion());
    const QDateTime heardBefore = cache->lastHeard();
    QTRY_VERIFY(QDateTime::currentDateTimeUtc() > heardBefore);
    api.bookmark();
    QTRY_VERIFY(cache->lastHeard() > heardBefore); // the bookmark was read (heard, published at once here)
    QCOMPARE(log.deltas, deltasBefore);
    api.dropWatches();
    QTRY_COMPARE(api.openWatches(), 1);
    QCOMPARE(server.requests().last().query.queryItemValue(QStringLiteral("resourceVersion")), bookmarked);
    QCOMPARE(log.deltas, deltasBefore);
}

void TestInformer::paginatedInitialList()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    FakeKubeApi api(&server);
    for (int i = 0; i < 1234; ++i)
        api.add(kApi, kRollouts, makeRollout(QStringLiteral("ns-%1").arg(i % 7), QStringLiteral("r-%1").arg(i)));
    ConnectionOptions options = fastOptions();
    options.client.pageSize = 100;
    ClusterConnection conn(configFor(server), std::make_shared<StaticCredentials>(), options);
    ResourceCache *cache = conn.cache(ResourceKind::rollouts());
    QTRY_VERIFY(cache->isSynced());
    QCOMPARE(cache->size(), 1234);
    const int lists = server.count([](const HttpRequest &r) { return !r.isWatch(); });
    QCOMPARE(lists, 13);
    const int continued =
        server.count([](const HttpRequest &r) { return r.query.hasQueryItem(QStringLiteral("continue")); });
    QCOMPARE(continued, 12);
    QCOMPARE(server.requests().first().query.queryItemValue(QStringLiteral("limit")), QStringLiteral("100"));
}

void TestInformer::splitChunksAreReassembled()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    FakeKubeApi api(&server);
    api.setSplitEvents(true);
    ClusterConnection conn(configFor(server), std::make_shared<StaticCredentials>(), fastOptions());
    ResourceCache *cache = conn.cache(ResourceKind::rollouts());
    QTRY_VERIFY(cache->isSynced());
    QTRY_COMPARE(api.openWatches(), 1);
    for (int i = 0; i < 20; ++i)
        api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("s-%1").arg(i)));
    QTRY_COMPARE(cache->size(), 20);
    QCOMPARE(cache->health().badLines, 0);
}

void TestInformer::resumesAfterDroppedStream()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    FakeKubeApi api(&server);
    api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("a")));
    ClusterConnection conn(configFor(server), std::make_shared<StaticCredentials>(), fastOptions());
    ResourceCache *cache = conn.cache(ResourceKind::rollouts());
    QTRY_VERIFY(cache->isSynced());
    QTRY_COMPARE(api.openWatches(), 1);
    const qint64 seen = api.resourceVersion();

    api.dropWatches();
    // Changes while the stream is down are replayed by the resumed watch.
    api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("b")));
    QTRY_COMPARE(cache->size(), 2);
    QTRY_COMPARE(api.openWatches(), 1);

    const int lists = server.count([](const HttpRequest &r) { return !r.isWatch(); });
    QCOMPARE(lists, 1); // resumed, not re-listed
    const int resumed = server.count([seen](const HttpRequest &r) {
        return r.isWatch() && r.query.queryItemValue(QStringLiteral("resourceVersion")) == QString::number(seen);
    });
    QCOMPARE(resumed, 2);
    QTRY_VERIFY(cache->health().isLive());
}

void TestInformer::normalWatchEndResumesWithoutStaleness()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    FakeKubeApi api(&server);
    api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("a")));
    ClusterConnection conn(configFor(server), std::make_shared<StaticCredentials>(), fastOptions());
    ResourceCache *cache = conn.cache(ResourceKind::rollouts());
    HealthLog health;
    health.attach(cache, this);
    QTRY_VERIFY(cache->isSynced());
    QTRY_COMPARE(api.openWatches(), 1);
    // A stream that delivered something and then ends normally (timeoutSeconds) is resumed at once.
    api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("b")));
    QTRY_COMPARE(cache->size(), 2);
    const int watchesBefore = server.count([](const HttpRequest &r) { return r.isWatch(); });
    api.endWatches();
    QTRY_COMPARE(api.openWatches(), 1);
    QCOMPARE(server.count([](const HttpRequest &r) { return r.isWatch(); }), watchesBefore + 1);
    api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("c")));
    QTRY_COMPARE(cache->size(), 3);
    QCOMPARE(server.count([](const HttpRequest &r) { return !r.isWatch(); }), 1);
    for (const CacheHealth &h : std::as_const(health.states))
        QVERIFY2(!h.isStale(), qPrintable(h.describe()));
}

void TestInformer::relistAfterGoneEmitsOnlyDifferences_data()
{
    QTest::addColumn<bool>("httpStatus");
    QTest::newRow("ERROR event in the stream") << false;
    QTest::newRow("HTTP 410 answer") << true;
}

void TestInformer::relistAfterGoneEmitsOnlyDifferences()
{
    QFETCH(bool, httpStatus);
    FakeHttpServer server;
    QVERIFY(server.listen());
    FakeKubeApi api(&server);
    const QJsonObject a = api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("a")));
    QJsonObject b = api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("b")));
    const QJsonObject c = api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("c")));
    ClusterConnection conn(configFor(server), std::make_shared<StaticCredentials>(), fastOptions());
    ResourceCache *cache = conn.cache(ResourceKind::rollouts());
    QTRY_VERIFY(cache->isSynced());
    QTRY_COMPARE(api.openWatches(), 1);

    DeltaLog log;
    log.attach(cache, this);
    // Changes the watch never reports, then history is compacted: resuming must fail with 410.
    QJsonObject status = b.value(QLatin1String("status")).toObject();
    status.insert(QStringLiteral("phase"), QStringLiteral("Paused"));
    b.insert(QStringLiteral("status"), status);
    api.modifySilently(kApi, kRollouts, b);
    api.removeSilently(kApi, kRollouts, QStringLiteral("prod"), QStringLiteral("c"));
    api.compact();
    api.dropWatches();
    if (httpStatus)
        api.injectFault(FakeKubeApi::Fault::Gone, FakeKubeApi::Target::Watch);
    const QJsonObject d = api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("d")));

    QTRY_COMPARE(cache->health().relists, 1);
    QTRY_COMPARE(cache->size(), 3);
    QTRY_COMPARE(log.lastOp.size(), 3);
    QCOMPARE(log.lastOp.value(uidOf(b)), QStringLiteral("modified"));
    QCOMPARE(log.lastOp.value(uidOf(c)), QStringLiteral("deleted"));
    QCOMPARE(log.lastOp.value(uidOf(d)), QStringLiteral("added"));
    QVERIFY(!log.lastOp.contains(uidOf(a))); // unchanged: not re-announced
    QCOMPARE(log.changes, 3);                // a difference, never a reset
    QCOMPARE(
        findByName(cache, QStringLiteral("b")).value(QLatin1String("status")).toObject().value(QLatin1String("phase")),
        QJsonValue(QStringLiteral("Paused")));
    QTRY_VERIFY(cache->health().isLive());
}

void TestInformer::badLinesAreCountedAndStreamReestablished_data()
{
    QTest::addColumn<int>("fault");
    QTest::newRow("garbage line") << int(FakeKubeApi::Fault::GarbageLine);
    QTest::newRow("truncated chunk") << int(FakeKubeApi::Fault::TruncatedChunk);
}

void TestInformer::badLinesAreCountedAndStreamReestablished()
{
    QFETCH(int, fault);
    FakeHttpServer server;
    QVERIFY(server.listen());
    FakeKubeApi api(&server);
    api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("a")));
    ClusterConnection conn(configFor(server), std::make_shared<StaticCredentials>(), fastOptions());
    ResourceCache *cache = conn.cache(ResourceKind::rollouts());
    QTRY_VERIFY(cache->isSynced());
    QTRY_COMPARE(api.openWatches(), 1);

    api.injectFault(FakeKubeApi::Fault(fault), FakeKubeApi::Target::Watch, 2);
    api.dropWatches();
    QTRY_COMPARE(cache->health().badLines, 2);
    QTRY_COMPARE(api.openWatches(), 1); // re-established after the bad streams
    api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("after")));
    QTRY_COMPARE(cache->size(), 2);
    QTRY_VERIFY(cache->health().isLive());
    QCOMPARE(server.count([](const HttpRequest &r) { return !r.isWatch(); }), 1);
}

void TestInformer::unauthorizedRefreshesCredentialsOnce()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    FakeKubeApi api(&server);
    api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("a")));
    api.setRequiredAuthorization("Bearer fresh-token");
    auto credentials = std::make_shared<test::RotatingCredentials>(QByteArrayList{"expired-token", "fresh-token"});
    ClusterConnection conn(configFor(server), credentials, fastOptions());
    ResourceCache *cache = conn.cache(ResourceKind::rollouts());
    QTRY_VERIFY(cache->isSynced());
    QCOMPARE(cache->size(), 1);
    QCOMPARE(credentials->refreshes(), 1);
    QCOMPARE(server.count([](const HttpRequest &r) { return r.header("authorization") == "Bearer expired-token"; }), 1);
    QTRY_COMPARE(api.openWatches(), 1);
    QVERIFY(cache->health().isLive());

    // A credential that stays invalid after the one refresh is a stale cache that says why.
    api.setRequiredAuthorization("Bearer something-else");
    api.dropWatches();
    QTRY_VERIFY(cache->health().isStale());
    QCOMPARE(cache->health().cause, QStringLiteral("401 Unauthorized"));
    QCOMPARE(cache->health().permissionDenied, false);
}

void TestInformer::forbiddenIsMissingPermission()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    FakeKubeApi api(&server);
    api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("a")));
    api.injectFault(FakeKubeApi::Fault::Forbidden, FakeKubeApi::Target::List, 1000);
    ClusterConnection conn(configFor(server), std::make_shared<StaticCredentials>(), fastOptions());
    ResourceCache *cache = conn.cache(ResourceKind::rollouts(), QStringLiteral("prod"));
    QTRY_VERIFY(cache->health().isStale());
    QVERIFY(cache->health().permissionDenied);
    QCOMPARE(cache->health().cause, QStringLiteral("403 Forbidden"));
    QVERIFY(cache->health().describe().contains(QStringLiteral("missing permission")));
    QVERIFY(!cache->isSynced());

    api.clearFaults(); // permission granted: the next retry succeeds
    QTRY_VERIFY(cache->isSynced());
    QTRY_VERIFY(cache->health().isLive());
    QVERIFY(!cache->health().permissionDenied);
}

void TestInformer::serverErrorsBackOffExponentially()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    FakeKubeApi api(&server);
    api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("a")));
    api.injectFault(FakeKubeApi::Fault::ServerError, FakeKubeApi::Target::List, 4);
    QList<qint64> arrivals;
    QElapsedTimer clock;
    clock.start();
    connect(&server, &FakeHttpServer::requestReceived, this, [&](const HttpRequest &r) {
        if (!r.isWatch())
            arrivals.append(clock.elapsed());
    });
    ClusterConnection conn(configFor(server), std::make_shared<StaticCredentials>(), fastOptions());
    ResourceCache *cache = conn.cache(ResourceKind::rollouts());
    HealthLog health;
    health.attach(cache, this);
    QTRY_VERIFY_WITH_TIMEOUT(cache->isSynced(), 5000);
    QCOMPARE(arrivals.size(), 5);
    // Delays 50, 100, 200, 400 ms (±20 % jitter). A loaded machine can only make a gap longer, so check
    // each gap against its lower bound (comparing neighbouring gaps would measure the scheduler).
    for (int i = 1; i < arrivals.size(); ++i) {
        const qint64 nominal = std::min<qint64>(50LL << (i - 1), 400);
        const qint64 gap = arrivals[i] - arrivals[i - 1];
        QVERIFY2(gap >= nominal * 3 / 4,
                 qPrintable(QStringLiteral("retry %1 after %2 ms, expected about %3 ms").arg(i).arg(gap).arg(nominal)));
    }
    for (int attempt = 1; attempt <= 4; ++attempt) {
        const qint64 nominal = std::min<qint64>(50LL << (attempt - 1), 400);
        const qint64 delay = Informer::backoffDelay(fastOptions().informer, attempt);
        QVERIFY2(delay >= nominal * 8 / 10 && delay <= nominal * 12 / 10,
                 qPrintable(QStringLiteral("attempt %1: %2 ms").arg(attempt).arg(delay)));
    }
    QVERIFY(health.sawStale(QStringLiteral("HTTP 500")));
    QTRY_VERIFY(cache->health().isLive());
    QVERIFY(Informer::backoffDelay(fastOptions().informer, 10) == 400); // capped
}

void TestInformer::hungWatchIsDetectedByIdleTimeout()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    FakeKubeApi api(&server);
    api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("a")));
    ClusterConnection conn(configFor(server), std::make_shared<StaticCredentials>(), fastOptions());
    ResourceCache *cache = conn.cache(ResourceKind::rollouts());
    HealthLog health;
    health.attach(cache, this);
    QTRY_VERIFY(cache->isSynced());
    QTRY_COMPARE(api.openWatches(), 1);

    api.injectFault(FakeKubeApi::Fault::Hang, FakeKubeApi::Target::Watch, 2);
    api.dropWatches();
    QTRY_VERIFY_WITH_TIMEOUT(health.sawStale(QStringLiteral("watch idle 0.8 s")), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(cache->health().isLive(), 5000);
    QTRY_COMPARE(api.openWatches(), 1);
    api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("b")));
    QTRY_COMPARE(cache->size(), 2);
}

void TestInformer::hungListTimesOut()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    FakeKubeApi api(&server);
    api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("a")));
    api.injectFault(FakeKubeApi::Fault::Hang, FakeKubeApi::Target::List, 2);
    ConnectionOptions options = fastOptions();
    options.client.requestTimeoutMs = 500;
    ClusterConnection conn(configFor(server), std::make_shared<StaticCredentials>(), options);
    ResourceCache *cache = conn.cache(ResourceKind::rollouts());
    HealthLog health;
    health.attach(cache, this);
    QTRY_VERIFY_WITH_TIMEOUT(cache->isSynced(), 5000);
    QVERIFY(health.sawStale(QStringLiteral("timed out")));
    QCOMPARE(server.count([](const HttpRequest &r) { return !r.isWatch(); }), 3);
}

void TestInformer::staleWithinSecondsAndClearedOnRecovery()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    const quint16 port = server.port();
    FakeKubeApi api(&server);
    api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("a")));
    ClusterConnection conn(configFor(server), std::make_shared<StaticCredentials>(), fastOptions());
    ResourceCache *cache = conn.cache(ResourceKind::rollouts());
    QTRY_VERIFY(cache->isSynced());
    QTRY_COMPARE(api.openWatches(), 1);

    const QDateTime down = QDateTime::currentDateTimeUtc();
    server.close();
    QTRY_VERIFY_WITH_TIMEOUT(cache->health().isStale(), 10000); // how fast: bench_cachetiming
    QTRY_COMPARE(cache->health().cause, QStringLiteral("connection refused"));
    QVERIFY(cache->health().since >= down.addMSecs(-5));
    QVERIFY(cache->health().describe().startsWith(QStringLiteral("stale since ")));
    QVERIFY(cache->health().describe().endsWith(QStringLiteral("(connection refused)")));
    QCOMPARE(cache->size(), 1); // the old data stays, marked stale

    QVERIFY(server.listen(port));
    QTRY_VERIFY_WITH_TIMEOUT(cache->health().isLive(), 3000);
    QVERIFY(cache->health().cause.isEmpty());
    QVERIFY(!cache->health().since.isValid());
    QVERIFY(cache->health().reconnects >= 1);
    api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("b")));
    QTRY_COMPARE(cache->size(), 2);
}

void TestInformer::twoClustersOneDown()
{
    FakeHttpServer upServer;
    QVERIFY(upServer.listen());
    FakeKubeApi up(&upServer);
    up.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("up-a")));
    FakeHttpServer downServer;
    QVERIFY(downServer.listen());
    const ClusterConfig downConfig = configFor(downServer, QStringLiteral("down"));
    downServer.close(); // nothing listens there any more

    ClusterConnection live(configFor(upServer, QStringLiteral("up")), std::make_shared<StaticCredentials>(),
                           fastOptions());
    ClusterConnection dead(downConfig, std::make_shared<StaticCredentials>(), fastOptions());
    ResourceCache *liveCache = live.cache(ResourceKind::rollouts());
    ResourceCache *deadCache = dead.cache(ResourceKind::rollouts());
    QTRY_VERIFY(liveCache->isSynced());
    QTRY_VERIFY_WITH_TIMEOUT(deadCache->health().isStale(), 3000);
    QCOMPARE(deadCache->health().cause, QStringLiteral("connection refused"));
    QVERIFY(liveCache->health().isLive());

    QTRY_COMPARE(up.openWatches(), 1);
    // The live cluster is not held up by the dead one: its events arrive while the other is still down and
    // retrying (the latency is bench_cachetiming's to measure).
    const int deadReconnects = deadCache->health().reconnects;
    for (int i = 0; i < 10; ++i)
        up.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("up-%1").arg(i)));
    QTRY_COMPARE(liveCache->size(), 11);
    QVERIFY(liveCache->health().isLive());
    QVERIFY(deadCache->health().isStale());
    QCOMPARE(deadCache->health().reconnects, deadReconnects); // still never reconnected
}

void TestInformer::deliveriesAreCoalesced()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    FakeKubeApi api(&server);
    QJsonObject hot = api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("hot")));
    ClusterConnection conn(configFor(server), std::make_shared<StaticCredentials>(), fastOptions());
    ResourceCache *cache = conn.cache(ResourceKind::rollouts());
    QTRY_VERIFY(cache->isSynced());
    QTRY_COMPARE(api.openWatches(), 1);
    DeltaLog log;
    log.attach(cache, this);

    // 1 s of a modification every 2 ms: hundreds of events must arrive as at most ~30 batches per second.
    int sent = 0;
    QTimer pump;
    connect(&pump, &QTimer::timeout, this, [&] {
        QJsonObject status = hot.value(QLatin1String("status")).toObject();
        status.insert(QStringLiteral("currentStepIndex"), ++sent);
        hot.insert(QStringLiteral("status"), status);
        hot = api.modify(kApi, kRollouts, hot);
    });
    QTimer stopper;
    stopper.setSingleShot(true);
    connect(&stopper, &QTimer::timeout, &pump, &QTimer::stop);
    QSignalSpy stopped(&stopper, &QTimer::timeout);
    pump.setTimerType(Qt::PreciseTimer);
    pump.start(2);
    stopper.start(1000);
    QVERIFY(stopped.wait(5000)); // a real event loop: QTest::qWait would pace the pump at 10 ms
    QTRY_COMPARE(findByName(cache, QStringLiteral("hot"))
                     .value(QLatin1String("status"))
                     .toObject()
                     .value(QLatin1String("currentStepIndex"))
                     .toInt(),
                 sent);
    QVERIFY2(sent > 100, qPrintable(QString::number(sent)));
    QVERIFY2(log.deltas <= 36, qPrintable(QStringLiteral("%1 deliveries for %2 events").arg(log.deltas).arg(sent)));
    QVERIFY(log.deltas >= 2);
}

void TestInformer::slowReceiverGetsNewestStateNotABacklog()
{
    // A server on its own thread streams 100 MODIFIED events every 10 ms for 1 s (20 objects, 10,000 events) to a
    // receiver that needs 100 ms for every delivery. With flow control the informer waits for each delivery to be
    // applied and coalesces meanwhile: about one delivery per 100 ms, each with the newest state. Without it, a batch
    // every 33 ms would queue up behind the slow receiver (30 deliveries, seconds behind).
    constexpr int kObjects = 20;
    constexpr int kChunks = 100;
    QList<QJsonObject> objects;
    for (int i = 0; i < kObjects; ++i) {
        QJsonObject o = makeRollout(QStringLiteral("prod"), QStringLiteral("r%1").arg(i));
        QJsonObject meta = o.value(QLatin1String("metadata")).toObject();
        meta.insert(QStringLiteral("uid"), QStringLiteral("uid-%1").arg(i));
        meta.insert(QStringLiteral("resourceVersion"), QStringLiteral("1"));
        o.insert(QStringLiteral("metadata"), meta);
        objects.append(o);
    }
    QJsonArray items;
    for (const QJsonObject &o : std::as_const(objects))
        items.append(o);
    const QByteArray listBody =
        QJsonDocument(QJsonObject{{QStringLiteral("kind"), QStringLiteral("RolloutList")},
                                  {
                                      QStringLiteral("metadata"),
                                      QJsonObject{{QStringLiteral("resourceVersion"), QStringLiteral("1")}},
                                  },
                                  {QStringLiteral("items"), items}})
            .toJson(QJsonDocument::Compact);
    QList<QByteArray> chunks;
    int seq = 0;
    for (int c = 0; c < kChunks; ++c) {
        QByteArray chunk;
        for (int e = 0; e < 100; ++e, ++seq) {
            QJsonObject o = objects[seq % kObjects];
            QJsonObject meta = o.value(QLatin1String("metadata")).toObject();
            meta.insert(QStringLiteral("resourceVersion"), QString::number(2 + seq));
            o.insert(QStringLiteral("metadata"), meta);
            chunk += QJsonDocument(QJsonObject{{QStringLiteral("type"), QStringLiteral("MODIFIED")},
                                               {QStringLiteral("object"), o}})
                         .toJson(QJsonDocument::Compact) +
                     '\n';
        }
        chunks.append(chunk);
    }
    const int lastVersion = 1 + seq; // of the last event

    QThread serverThread;
    QObject serverContext;
    serverContext.moveToThread(&serverThread);
    serverThread.start();
    FakeHttpServer *server = nullptr;
    QMetaObject::invokeMethod(
        &serverContext,
        [&] {
            server = new FakeHttpServer;
            server->listen();
            server->setHandler([&](const HttpRequest &request, HttpExchange *exchange) {
                if (!request.isWatch()) {
                    exchange->respond(200, listBody);
                    return;
                }
                if (request.query.queryItemValue(QStringLiteral("resourceVersion")) != QLatin1String("1"))
                    return; // a resume just waits
                exchange->beginChunked();
                auto *pump = new QTimer(exchange);
                auto next = std::make_shared<int>(0);
                connect(pump, &QTimer::timeout, exchange, [&chunks, exchange, pump, next] {
                    if (*next >= chunks.size()) {
                        pump->stop();
                        return;
                    }
                    exchange->sendChunk(chunks.at((*next)++));
                });
                pump->start(10);
            });
        },
        Qt::BlockingQueuedConnection);

    auto conn = std::unique_ptr<ClusterConnection>();
    const auto cleanup = qScopeGuard([&] {
        conn.reset();
        QMetaObject::invokeMethod(
            &serverContext, [&] { delete server; }, Qt::BlockingQueuedConnection);
        serverThread.quit();
        serverThread.wait();
    });
    ConnectionOptions options = fastOptions();
    options.informer.idleTimeoutMs = 60000;
    conn = std::make_unique<ClusterConnection>(configFor(*server), std::make_shared<StaticCredentials>(), options);
    ResourceCache *cache = conn->cache(ResourceKind::rollouts());
    QTRY_VERIFY(cache->isSynced());
    const quint64 before = cache->deliveries();
    int maxBatch = 0;
    connect(cache, &ResourceCache::changed, this, [&](const CacheDelta &d) {
        maxBatch = std::max(maxBatch, int(d.size()));
        QElapsedTimer busy;
        busy.start();
        while (busy.elapsed() < 100)
            ;
    });
    auto allNewest = [&] {
        int newest = 0;
        for (const QJsonObject &o : cache->objects())
            newest = std::max(newest, resourceVersionOf(o).toInt());
        return newest == lastVersion;
    };
    QTRY_VERIFY_WITH_TIMEOUT(allNewest(), 15000);
    const quint64 deliveries = cache->deliveries() - before;
    QVERIFY2(maxBatch <= kObjects, qPrintable(QString::number(maxBatch)));
    QVERIFY2(deliveries <= 18, qPrintable(QStringLiteral("%1 deliveries for 1 s of events").arg(deliveries)));
    QVERIFY(deliveries >= 3);
    QCOMPARE(cache->size(), kObjects);
}

void TestInformer::namespaceAndSelectorScopes()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    FakeKubeApi api(&server);
    api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("a")));
    api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("b")));
    api.add(kApi, kRollouts, makeRollout(QStringLiteral("dev"), QStringLiteral("a")));
    ClusterConnection conn(configFor(server), std::make_shared<StaticCredentials>(), fastOptions());
    ResourceCache *prod = conn.cache(ResourceKind::rollouts(), QStringLiteral("prod"));
    ResourceCache *selected = conn.cache(ResourceKind::rollouts(), {}, QStringLiteral("app=a"));
    QVERIFY(prod != selected);
    QTRY_VERIFY(prod->isSynced() && selected->isSynced());
    QCOMPARE(prod->size(), 2);
    QCOMPARE(selected->size(), 2);
    QVERIFY(server.count([](const HttpRequest &r) {
        return r.path == QLatin1String("/apis/argoproj.io/v1alpha1/namespaces/prod/rollouts");
    }) >= 1);
    QTRY_COMPARE(api.openWatches(), 2);
    api.add(kApi, kRollouts, makeRollout(QStringLiteral("dev"), QStringLiteral("c")));
    api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("d")));
    QTRY_COMPARE(prod->size(), 3);
    QCOMPARE(selected->size(), 2);

    conn.release(prod);
    QTRY_COMPARE(api.openWatches(), 1);
}

void TestInformer::accessReviewIsCachedPerQuery()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    FakeKubeApi api(&server);
    api.setAccessRule([](const QJsonObject &a) {
        return !(a.value(QLatin1String("verb")).toString() == QLatin1String("patch") &&
                 a.value(QLatin1String("namespace")).toString() == QLatin1String("prod"));
    });
    ClusterConnection conn(configFor(server), std::make_shared<StaticCredentials>(), fastOptions());
    AccessQuery promoteProd{QStringLiteral("patch"),  QStringLiteral("argoproj.io"), QStringLiteral("rollouts"),
                            QStringLiteral("status"), QStringLiteral("prod"),        {}};
    AccessQuery promoteDev = promoteProd;
    promoteDev.ns = QStringLiteral("dev");

    std::optional<AccessDecision> prod1, prod2, dev;
    conn.access()->check(promoteProd, this, [&](const AccessDecision &d) { prod1 = d; });
    conn.access()->check(promoteProd, this, [&](const AccessDecision &d) { prod2 = d; }); // shares the request
    QTRY_VERIFY(prod1 && prod2);
    QVERIFY(prod1->known());
    QVERIFY(!prod1->allowed);
    QCOMPARE(prod1->reason, QStringLiteral("no RBAC policy matched"));
    QCOMPARE(conn.access()->requestsSent(), 1);
    QVERIFY(conn.access()->cached(promoteProd).has_value());

    conn.access()->check(promoteDev, this, [&](const AccessDecision &d) { dev = d; });
    QTRY_VERIFY(dev.has_value());
    QVERIFY(dev->allowed);
    QCOMPARE(conn.access()->requestsSent(), 2);

    const HttpRequest review = server.requests().last();
    QCOMPARE(review.method, QByteArray("POST"));
    QCOMPARE(review.path, QStringLiteral("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"));
    QCOMPARE(review.header("content-type"), QByteArray("application/json"));
    const QJsonObject attributes = QJsonDocument::fromJson(review.body)
                                       .object()
                                       .value(QLatin1String("spec"))
                                       .toObject()
                                       .value(QLatin1String("resourceAttributes"))
                                       .toObject();
    QCOMPARE(attributes.value(QLatin1String("subresource")).toString(), QStringLiteral("status"));
    QCOMPARE(attributes.value(QLatin1String("group")).toString(), QStringLiteral("argoproj.io"));

    // Cached: answered without a request.
    bool answered = false;
    conn.access()->check(promoteProd, this, [&](const AccessDecision &d) { answered = !d.allowed; });
    QVERIFY(answered);
    QCOMPARE(conn.access()->requestsSent(), 2);
}

void TestInformer::identityFromSelfSubjectReviewOrKubeconfig()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    FakeKubeApi api(&server);
    api.setSelfSubjectUser(QStringLiteral("alice@example.com"));
    {
        ClusterConnection conn(configFor(server), std::make_shared<StaticCredentials>(), fastOptions());
        std::optional<Identity> id;
        conn.access()->identity(this, [&](const Identity &i) { id = i; });
        QTRY_VERIFY(id.has_value());
        QCOMPARE(id->username, QStringLiteral("alice@example.com"));
        QCOMPARE(id->source, Identity::Source::SelfSubjectReview);
        QCOMPARE(id->groups, QStringList{QStringLiteral("system:authenticated")});
    }
    api.setSelfSubjectUser({}); // an older server without the API
    {
        ClusterConnection conn(configFor(server), std::make_shared<StaticCredentials>(), fastOptions());
        std::optional<Identity> id;
        conn.access()->identity(this, [&](const Identity &i) { id = i; });
        QTRY_VERIFY(id.has_value());
        QCOMPARE(id->username, QStringLiteral("kube-user"));
        QCOMPARE(id->source, Identity::Source::Kubeconfig);
    }
}

QTEST_GUILESS_MAIN(TestInformer)
#include "tst_informer.moc"
