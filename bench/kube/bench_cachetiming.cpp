// How fast the live caches react, measured here rather than asserted in tests (tst_resourcecache, tst_informer
// check order and counts): how close together a coalesced delivery's batches reach the models, how long a dead
// server takes to show as stale, and how long a live cluster's events take while another cluster is down.
// Prints one line per figure: median and max of RUNS runs. Run by hand: build/bench/kube/bench_cachetiming [RUNS]
#include "FakeKubeApi.h"
#include "kube/ClusterConnection.h"
#include "kube/CredentialSource.h"
#include "kube/ResourceCache.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>

using namespace rolldeck::kube;
using namespace rolldeck::testsupport;

namespace {

const QString kApi = QStringLiteral("/apis/argoproj.io/v1alpha1");
const QString kRollouts = QStringLiteral("rollouts");

// Runs the event loop until `done` holds or `timeoutMs` passed; returns whether it holds.
bool waitFor(const std::function<bool()> &done, int timeoutMs = 10000)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    return done();
}

ConnectionOptions options()
{
    ConnectionOptions o; // the console's defaults, except a quick first retry as in the tests
    o.informer.backoffInitialMs = 50;
    o.informer.staleGraceMs = 300;
    return o;
}

ClusterConfig configFor(const FakeHttpServer &server, const QString &context)
{
    ClusterConfig c;
    c.contextName = context;
    c.clusterName = context;
    c.server = server.url();
    return c;
}

QJsonObject object(int i, int version)
{
    return QJsonObject{
        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("uid"), QStringLiteral("uid-%1").arg(i)},
                                                 {QStringLiteral("name"), QStringLiteral("r-%1").arg(i)},
                                                 {QStringLiteral("resourceVersion"), QString::number(version)}}}};
}

void report(const char *what, QList<double> ms)
{
    if (ms.isEmpty()) {
        std::printf("%-66s   no sample\n", what);
        return;
    }
    std::sort(ms.begin(), ms.end());
    std::printf("%-66s %8.1f ms median %8.1f ms max (%lld runs)\n", what, ms.at(ms.size() / 2), ms.last(),
                static_cast<long long>(ms.size()));
}

// Four batches applied within one delivery interval: from the first to the last changed() of the next delivery.
double coalescedSpread()
{
    ResourceCache cache(QStringLiteral("c"), ResourceKind::rollouts(), {}, {}, nullptr);
    cache.setDeliveryInterval(60);
    QList<qint64> at;
    QElapsedTimer clock;
    clock.start();
    QObject::connect(&cache, &ResourceCache::changed, &cache, [&] { at.append(clock.nsecsElapsed()); });
    CacheDelta first;
    first.added = {object(0, 1), object(1, 1), object(2, 1)};
    cache.applyDelta(first);
    for (int v = 2; v < 6; ++v) {
        CacheDelta next;
        next.modified = {object(0, v), object(1, v), object(2, v)};
        cache.applyDelta(next);
    }
    if (!waitFor([&] { return at.size() == 5; }))
        return -1;
    return double(at[4] - at[1]) / 1e6;
}

// A synced cache whose server goes away: from close() to the cache saying stale.
double staleDetection()
{
    FakeHttpServer server;
    if (!server.listen())
        return -1;
    FakeKubeApi api(&server);
    api.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("a")));
    ClusterConnection connection(configFor(server, QStringLiteral("test")), std::make_shared<StaticCredentials>(),
                                 options());
    ResourceCache *cache = connection.cache(ResourceKind::rollouts());
    if (!waitFor([&] { return cache->isSynced() && api.openWatches() == 1; }))
        return -1;
    QElapsedTimer t;
    t.start();
    server.close();
    if (!waitFor([&] { return cache->health().isStale(); }))
        return -1;
    return double(t.nsecsElapsed()) / 1e6;
}

// Two clusters, one down: from adding ten rollouts on the live one to its cache holding them.
double liveNextToDead()
{
    FakeHttpServer upServer;
    FakeHttpServer downServer;
    if (!upServer.listen() || !downServer.listen())
        return -1;
    FakeKubeApi up(&upServer);
    up.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("up-a")));
    const ClusterConfig downConfig = configFor(downServer, QStringLiteral("down"));
    downServer.close();
    ClusterConnection live(configFor(upServer, QStringLiteral("up")), std::make_shared<StaticCredentials>(), options());
    ClusterConnection dead(downConfig, std::make_shared<StaticCredentials>(), options());
    ResourceCache *liveCache = live.cache(ResourceKind::rollouts());
    ResourceCache *deadCache = dead.cache(ResourceKind::rollouts());
    if (!waitFor([&] { return liveCache->isSynced() && deadCache->health().isStale() && up.openWatches() == 1; }))
        return -1;
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < 10; ++i)
        up.add(kApi, kRollouts, makeRollout(QStringLiteral("prod"), QStringLiteral("up-%1").arg(i)));
    if (!waitFor([&] { return liveCache->size() == 11; }))
        return -1;
    return double(t.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(1, QString::fromLocal8Bit(argv[1]).toInt()) : 5;
    const std::pair<const char *, double (*)()> figures[] = {
        {"coalesced delivery: first to last batch of one delivery", &coalescedSpread},
        {"stale detection: server closed -> cache stale", &staleDetection},
        {"live cluster next to a dead one: 10 events -> in the cache", &liveNextToDead},
    };
    for (const auto &[what, measure] : figures) {
        QList<double> ms;
        for (int i = 0; i < runs; ++i) {
            const double v = measure();
            if (v >= 0)
                ms.append(v);
        }
        report(what, ms);
    }
    return 0;
}
