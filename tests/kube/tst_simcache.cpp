// Live caches and `rolldeck status` against rolldeck-sim (the simulator, in process) over loopback: its own
// faults (dropped and truncated streams, garbage lines, expired history, 500s), its RBAC, its event generator.
#include "kube/AccessReview.h"
#include "kube/ClusterConnection.h"
#include "kube/Kubeconfig.h"
#include "kube/KubeconfigCredentials.h"

#include "Simulator.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace rolldeck;
using namespace rolldeck::kube;

namespace {

struct Sim
{
    std::unique_ptr<rdsim::Simulator> sim = std::make_unique<rdsim::Simulator>();
    QString kubeconfig;
    Kubeconfig kc;

    bool start(const QString &dir, int fleet, double eventRate = 0)
    {
        rdsim::Options options;
        options.scenario = "fleet";
        options.fleetSize = fleet;
        options.eventRate = eventRate;
        kubeconfig = dir + QStringLiteral("/kubeconfig-%1").arg(quintptr(sim.get()));
        options.kubeconfigOut = kubeconfig.toStdString();
        if (!sim->start(options).ok())
            return false;
        kc = loadKubeconfigFiles({kubeconfig});
        return kc.context(QStringLiteral("rolldeck-demo")) != nullptr;
    }
    const ClusterConfig &context(const QString &name = QStringLiteral("rolldeck-demo")) const
    {
        return *kc.context(name);
    }
};

rdsim::FaultSpec fault(rdsim::FaultKind kind, int count = 1, const char *path = "", int afterEvents = 0)
{
    rdsim::FaultSpec spec;
    spec.kind = kind;
    spec.count = count;
    spec.pathContains = path;
    spec.afterEvents = afterEvents;
    return spec;
}

ConnectionOptions fastOptions()
{
    ConnectionOptions o;
    o.client.requestTimeoutMs = 3000;
    o.informer.backoffInitialMs = 50;
    o.informer.backoffMaxMs = 400;
    o.informer.staleGraceMs = 300;
    o.informer.idleTimeoutMs = 3000;
    return o;
}

std::unique_ptr<ClusterConnection> connectTo(const ClusterConfig &config, ConnectionOptions options = fastOptions())
{
    auto credentials = KubeconfigCredentials::create(config);
    if (!credentials.ok())
        return {};
    return std::make_unique<ClusterConnection>(config, *credentials, options);
}

QJsonObject findByName(const ResourceCache *cache, const QString &ns, const QString &name)
{
    for (const QJsonObject &o : cache->objects()) {
        const QJsonObject m = o.value(QLatin1String("metadata")).toObject();
        if (m.value(QLatin1String("name")).toString() == name && m.value(QLatin1String("namespace")).toString() == ns)
            return o;
    }
    return {};
}

} // namespace

class TestSimCache : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void syncsTheFleetAndFollowsItsEvents();
    void survivesTheSimulatorsWatchFaults_data();
    void survivesTheSimulatorsWatchFaults();
    void expiredHistoryReListsWithDifferences();
    void serverErrorsOnListRecover();
    void patchThroughTheConnectionComesBackByWatch();
    void permissionsAndIdentity();
    void twoSimulatorsOneStopped();
    void statusCommandAgainstTheSimulator();

private:
    QTemporaryDir m_dir;
};

void TestSimCache::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestSimCache::syncsTheFleetAndFollowsItsEvents()
{
    Sim sim;
    QVERIFY(sim.start(m_dir.path(), 600, 200));
    auto conn = connectTo(sim.context());
    QVERIFY(conn);
    ResourceCache *rollouts = conn->cache(ResourceKind::rollouts());
    QTRY_VERIFY_WITH_TIMEOUT(rollouts->isSynced(), 10000);
    QCOMPARE(rollouts->size(), 600);
    QVERIFY(rollouts->health().isLive());
    int modified = 0;
    QObject::connect(rollouts, &ResourceCache::changed, this,
                     [&](const CacheDelta &d) { modified += int(d.modified.size()); });
    QTRY_VERIFY_WITH_TIMEOUT(modified >= 50, 10000); // the simulator's background MODIFIED events
    QCOMPARE(rollouts->size(), 600);
    QCOMPARE(rollouts->health().badLines, 0);
}

void TestSimCache::survivesTheSimulatorsWatchFaults_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("badLine");
    QTest::newRow("dropped stream") << int(rdsim::FaultKind::DropWatch) << false;
    QTest::newRow("truncated chunk") << int(rdsim::FaultKind::TruncateChunk) << false;
    QTest::newRow("garbage line") << int(rdsim::FaultKind::GarbageLine) << true;
}

void TestSimCache::survivesTheSimulatorsWatchFaults()
{
    QFETCH(int, kind);
    QFETCH(bool, badLine);
    Sim sim;
    QVERIFY(sim.start(m_dir.path(), 50, 50));
    // Armed before connecting: the first rollouts watch breaks after three events.
    sim.sim->faults().arm(fault(rdsim::FaultKind(kind), 1, "/rollouts", 3));
    auto conn = connectTo(sim.context());
    ResourceCache *rollouts = conn->cache(ResourceKind::rollouts());
    QTRY_VERIFY_WITH_TIMEOUT(rollouts->isSynced(), 10000);
    int modified = 0;
    QObject::connect(rollouts, &ResourceCache::changed, this,
                     [&](const CacheDelta &d) { modified += int(d.modified.size()); });
    QTRY_VERIFY_WITH_TIMEOUT(rollouts->health().reconnects >= 1, 10000); // the fault happened and was survived
    if (badLine)
        QCOMPARE(rollouts->health().badLines, 1);
    // Events keep coming after it and the cache ends live and whole.
    const int before = modified;
    QTRY_VERIFY_WITH_TIMEOUT(modified >= before + 20, 15000);
    QTRY_VERIFY(rollouts->health().isLive());
    QCOMPARE(rollouts->size(), 50);
    QCOMPARE(rollouts->health().relists, 0); // resumed from the last resourceVersion, not re-listed
}

void TestSimCache::expiredHistoryReListsWithDifferences()
{
    Sim sim;
    QVERIFY(sim.start(m_dir.path(), 40, 0));
    // The first rollouts watch breaks right after its first event.
    sim.sim->faults().arm(fault(rdsim::FaultKind::DropWatch, 1, "/rollouts", 1));
    ConnectionOptions options = fastOptions();
    options.informer.backoffInitialMs = 1500; // room to change things between the break and the resume
    options.informer.backoffMaxMs = 3000;
    options.informer.idleTimeoutMs = 20000;
    auto conn = connectTo(sim.context(), options);
    ResourceCache *rollouts = conn->cache(ResourceKind::rollouts());
    QTRY_VERIFY_WITH_TIMEOUT(rollouts->isSynced(), 10000);
    QTRY_VERIFY(rollouts->health().isLive());
    int changes = 0;
    QObject::connect(rollouts, &ResourceCache::changed, this, [&](const CacheDelta &d) { changes += int(d.size()); });
    const auto paused = [&](const char *ns, const char *name) {
        return findByName(rollouts, QString::fromLatin1(ns), QString::fromLatin1(name))
            .value(QLatin1String("spec"))
            .toObject()
            .value(QLatin1String("paused"))
            .toBool();
    };
    // a: the event the stream delivers before it breaks. b: a change made while the client backs off, after which
    // the history is compacted: the resume from a's resourceVersion gets 410 and must re-list.
    rdsim::Store &store = sim.sim->store();
    QVERIFY(store.mergePatch(rdsim::kRollouts, "fleet-1", "app-00001", {{"spec", {{"paused", true}}}}));
    QTRY_VERIFY(paused("fleet-1", "app-00001"));
    QVERIFY(store.mergePatch(rdsim::kRollouts, "fleet-2", "app-00002", {{"spec", {{"paused", true}}}}));
    // Faults::arm() ignores ExpireHistory (only POST /_sim/faults applies it), so compact the store directly.
    store.compactHistory();
    QTRY_VERIFY_WITH_TIMEOUT(paused("fleet-2", "app-00002"), 10000);
    QTRY_COMPARE(rollouts->health().relists, 1);
    QTRY_VERIFY(rollouts->health().isLive());
    QCOMPARE(rollouts->size(), 40);
    QCOMPARE(changes, 2); // the re-list reports the one difference, not the whole collection
}

void TestSimCache::serverErrorsOnListRecover()
{
    Sim sim;
    QVERIFY(sim.start(m_dir.path(), 20, 0));
    sim.sim->faults().arm(fault(rdsim::FaultKind::Error500, 4, "/rollouts"));
    auto conn = connectTo(sim.context());
    ResourceCache *rollouts = conn->cache(ResourceKind::rollouts());
    QList<CacheHealth> states;
    QObject::connect(rollouts, &ResourceCache::healthChanged, this, [&](const CacheHealth &h) { states.append(h); });
    QTRY_VERIFY_WITH_TIMEOUT(rollouts->isSynced(), 10000);
    QCOMPARE(rollouts->size(), 20);
    const bool sawStale500 = std::any_of(states.cbegin(), states.cend(), [](const CacheHealth &h) {
        return h.isStale() && h.cause == QLatin1String("HTTP 500");
    });
    QVERIFY(sawStale500);
    QVERIFY(rollouts->health().isLive());
}

void TestSimCache::patchThroughTheConnectionComesBackByWatch()
{
    Sim sim;
    QVERIFY(sim.start(m_dir.path(), 10, 0));
    auto conn = connectTo(sim.context());
    ResourceCache *rollouts = conn->cache(ResourceKind::rollouts(), QStringLiteral("fleet-1"));
    QTRY_VERIFY_WITH_TIMEOUT(rollouts->isSynced(), 10000);
    QCOMPARE(rollouts->size(), 1);
    const QJsonObject seen = findByName(rollouts, QStringLiteral("fleet-1"), QStringLiteral("app-00001"));
    const QString rv = resourceVersionOf(seen);
    // A stale precondition is refused with 409 (approve what you saw).
    KubeRequest stale;
    stale.verb = "PATCH";
    stale.path = ResourceKind::rollouts().objectPath(QStringLiteral("fleet-1"), QStringLiteral("app-00001"));
    stale.contentType = "application/merge-patch+json";
    stale.body = R"({"metadata":{"resourceVersion":"1"},"spec":{"paused":true}})";
    std::optional<KubeResponse> refused;
    conn->send(stale, this, [&](const KubeResponse &r) { refused = r; });
    QTRY_VERIFY(refused.has_value());
    QCOMPARE(refused->httpStatus, 409);
    QCOMPARE(refused->error->reason, QStringLiteral("Conflict"));

    KubeRequest fresh = stale;
    fresh.body = QStringLiteral(R"({"metadata":{"resourceVersion":"%1"},"spec":{"paused":true}})").arg(rv).toUtf8();
    std::optional<KubeResponse> accepted;
    conn->send(fresh, this, [&](const KubeResponse &r) { accepted = r; });
    QTRY_VERIFY(accepted.has_value());
    QVERIFY2(accepted->ok(), qPrintable(accepted->error ? accepted->error->toString() : QString()));
    QTRY_VERIFY(findByName(rollouts, QStringLiteral("fleet-1"), QStringLiteral("app-00001"))
                    .value(QLatin1String("spec"))
                    .toObject()
                    .value(QLatin1String("paused"))
                    .toBool());
}

void TestSimCache::permissionsAndIdentity()
{
    Sim sim;
    QVERIFY(sim.start(m_dir.path(), 5, 0));
    auto admin = connectTo(sim.context());
    auto viewer = connectTo(sim.context(QStringLiteral("rolldeck-demo-readonly")));
    QVERIFY(admin && viewer);
    const AccessQuery promote{QStringLiteral("patch"),  QStringLiteral("argoproj.io"), QStringLiteral("rollouts"),
                              QStringLiteral("status"), QStringLiteral("fleet-0"),     {}};
    const AccessQuery list{QStringLiteral("list"),     QStringLiteral("argoproj.io"),
                           QStringLiteral("rollouts"), {},
                           QStringLiteral("fleet-0"),  {}};
    std::optional<AccessDecision> adminPromote, viewerPromote, viewerList;
    admin->access()->check(promote, this, [&](const AccessDecision &d) { adminPromote = d; });
    viewer->access()->check(promote, this, [&](const AccessDecision &d) { viewerPromote = d; });
    viewer->access()->check(list, this, [&](const AccessDecision &d) { viewerList = d; });
    QTRY_VERIFY(adminPromote && viewerPromote && viewerList);
    QVERIFY(adminPromote->known() && adminPromote->allowed);
    QVERIFY(viewerPromote->known() && !viewerPromote->allowed);
    QVERIFY(viewerList->allowed);

    std::optional<Identity> adminId, viewerId;
    admin->access()->identity(this, [&](const Identity &i) { adminId = i; });
    viewer->access()->identity(this, [&](const Identity &i) { viewerId = i; });
    QTRY_VERIFY(adminId && viewerId);
    QVERIFY(!adminId->username.isEmpty());
    QVERIFY(adminId->username != viewerId->username);
}

void TestSimCache::twoSimulatorsOneStopped()
{
    Sim a;
    Sim b;
    QVERIFY(a.start(m_dir.path(), 30, 100));
    QVERIFY(b.start(m_dir.path(), 30, 100));
    auto connA = connectTo(a.context());
    auto connB = connectTo(b.context());
    ResourceCache *ca = connA->cache(ResourceKind::rollouts());
    ResourceCache *cb = connB->cache(ResourceKind::rollouts());
    QTRY_VERIFY_WITH_TIMEOUT(ca->isSynced() && cb->isSynced(), 10000);
    b.sim->stop();
    QTRY_VERIFY_WITH_TIMEOUT(cb->health().isStale(), 5000);
    // Depending on how the stop reaches the open stream the first cause differs (closed, idle); the retries then
    // find nobody listening.
    QTRY_COMPARE_WITH_TIMEOUT(cb->health().cause, QStringLiteral("connection refused"), 10000);
    int modified = 0;
    QObject::connect(ca, &ResourceCache::changed, this,
                     [&](const CacheDelta &d) { modified += int(d.modified.size()); });
    QTRY_VERIFY_WITH_TIMEOUT(modified >= 30, 10000);
    QVERIFY(ca->health().isLive());
    QVERIFY(cb->health().isStale());
    QCOMPARE(cb->size(), 30); // the stopped cluster's data is kept, marked stale
}

void TestSimCache::statusCommandAgainstTheSimulator()
{
    Sim sim;
    QVERIFY(sim.start(m_dir.path(), 100, 0));
    QProcess p;
    p.setProgram(QStringLiteral(ROLLDECK_BINARY_DIR "/app/rolldeck"));
    p.setArguments({QStringLiteral("status"), QStringLiteral("--kubeconfig"), sim.kubeconfig, QStringLiteral("-A"),
                    QStringLiteral("--json")});
    p.start();
    QVERIFY(QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 30000));
    QVERIFY2(p.exitCode() == 0 || p.exitCode() == 1, p.readAllStandardError().constData());
    const QJsonObject doc = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    QCOMPARE(doc.value(QLatin1String("rollouts")).toArray().size(), 100);
    QCOMPARE(doc.value(QLatin1String("contexts")).toArray().first().toObject().value(QLatin1String("live")).toBool(),
             true);
    QCOMPARE(p.exitCode(), doc.value(QLatin1String("needsAttention")).toInt() > 0 ? 1 : 0);
}

QTEST_GUILESS_MAIN(TestSimCache)
#include "tst_simcache.moc"
