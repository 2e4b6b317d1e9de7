// The rollout list kept live from list+watch caches, against the fault-injecting loopback API server.
#include "app/kube/ClusterConnection.h"
#include "app/console/LiveRollouts.h"
#include "FakeKubeApi.h"
#include "models/itemmodels/RolloutListModel.h"
#include "models/argo/ObjectStore.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace rolldeck;
using namespace rolldeck::kube;
using namespace rolldeck::testsupport;

namespace {

const QString kArgo = QStringLiteral("/apis/argoproj.io/v1alpha1");
const QString kApps = QStringLiteral("/apis/apps/v1");

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

ClusterConfig configFor(const FakeHttpServer &server, const QString &context)
{
    ClusterConfig c;
    c.contextName = context;
    c.clusterName = context;
    c.server = server.url();
    c.auth.userName = QStringLiteral("kube-user");
    return c;
}

// A canary paused at step 1 of 2 (setWeight 20), 5 replicas, no traffic routing: the actual weight is the
// canary ReplicaSet's share of available pods.
QJsonObject rollout(const QString &name, const QString &phase = QStringLiteral("Paused"))
{
    QJsonObject ro = QJsonDocument::fromJson(R"({
      "apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout",
      "metadata": {"namespace": "prod", "creationTimestamp": "2026-03-07T10:45:00Z"},
      "spec": {"replicas": 5, "strategy": {"canary": {"steps": [{"setWeight": 20}, {"pause": {}}]}}},
      "status": {"message": "CanaryPauseStep", "currentStepIndex": 1, "stableRS": "s", "currentPodHash": "c",
                 "replicas": 5, "updatedReplicas": 1, "readyReplicas": 5, "availableReplicas": 5}
    })")
                         .object();
    QJsonObject meta = ro.value(QStringLiteral("metadata")).toObject();
    meta.insert(QStringLiteral("name"), name);
    ro.insert(QStringLiteral("metadata"), meta);
    QJsonObject status = ro.value(QStringLiteral("status")).toObject();
    status.insert(QStringLiteral("phase"), phase);
    ro.insert(QStringLiteral("status"), status);
    return ro;
}

QJsonObject replicaSet(const QString &name, const QString &hash, int available, const QJsonObject &owner)
{
    QJsonObject labels;
    if (!hash.isEmpty())
        labels.insert(QStringLiteral("rollouts-pod-template-hash"), hash);
    QJsonObject meta{{QStringLiteral("name"), name},
                     {QStringLiteral("namespace"), QStringLiteral("prod")},
                     {QStringLiteral("generation"), 1},
                     {QStringLiteral("labels"), labels},
                     {QStringLiteral("annotations"),
                      QJsonObject{{QStringLiteral("rollout.argoproj.io/revision"), QStringLiteral("1")}}}};
    if (!owner.isEmpty()) {
        const QJsonObject ownerMeta = owner.value(QStringLiteral("metadata")).toObject();
        meta.insert(QStringLiteral("ownerReferences"),
                    QJsonArray{QJsonObject{{QStringLiteral("kind"), QStringLiteral("Rollout")},
                                           {QStringLiteral("name"), ownerMeta.value(QStringLiteral("name"))},
                                           {QStringLiteral("uid"), ownerMeta.value(QStringLiteral("uid"))}}});
    }
    return QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("apps/v1")},
                       {QStringLiteral("kind"), QStringLiteral("ReplicaSet")},
                       {QStringLiteral("metadata"), meta},
                       {QStringLiteral("spec"), QJsonObject{{QStringLiteral("replicas"), available}}},
                       {QStringLiteral("status"), QJsonObject{{QStringLiteral("replicas"), available},
                                                              {QStringLiteral("readyReplicas"), available},
                                                              {QStringLiteral("availableReplicas"), available},
                                                              {QStringLiteral("observedGeneration"), 1}}}};
}

} // namespace

class TestLiveRollouts : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<RolloutListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    const RolloutRow *row(const QString &context, const QJsonObject &rollout) const
    {
        return m_model->rowFor({context, uidOf(rollout)});
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        m_model = std::make_unique<RolloutListModel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                              QAbstractItemModelTester::FailureReportingMode::Fatal);
    }
    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
    }

    void listThenWatchKeepsRowsCurrent()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        FakeKubeApi api(&server);
        const QJsonObject web = api.add(kArgo, QStringLiteral("rollouts"), rollout(QStringLiteral("web")));
        const QJsonObject cart = api.add(kArgo, QStringLiteral("rollouts"), rollout(QStringLiteral("cart")));
        api.add(kApps, QStringLiteral("replicasets"), replicaSet(QStringLiteral("web-s"), QStringLiteral("s"), 4, web));
        QJsonObject canary = api.add(kApps, QStringLiteral("replicasets"),
                                     replicaSet(QStringLiteral("web-c"), QStringLiteral("c"), 1, web));
        // A Deployment's ReplicaSet: not the list's business, and not watched.
        api.add(kApps, QStringLiteral("replicasets"), replicaSet(QStringLiteral("plain"), QString(), 3, {}));

        ClusterConnection conn(configFor(server, QStringLiteral("prod-eu")), std::make_shared<StaticCredentials>(),
                               fastOptions());
        LiveRollouts live(m_model.get());
        live.addCluster(&conn);
        QTRY_COMPARE(m_model->rowCount(), 2);
        QTRY_COMPARE(row(QStringLiteral("prod-eu"), web)->actualWeight, std::optional<int>(20));
        QCOMPARE(row(QStringLiteral("prod-eu"), web)->status, QStringLiteral("Paused"));
        QCOMPARE(row(QStringLiteral("prod-eu"), cart)->actualWeight, std::optional<int>(0));
        QVERIFY(!m_model->clusterStaleness(QStringLiteral("prod-eu")).isStale());
        // Only rollout-owned ReplicaSets are watched.
        const ResourceCache *replicaSets = nullptr;
        for (const ResourceCache *cache : conn.caches())
            replicaSets = cache->kind() == ResourceKind::replicaSets() ? cache : replicaSets;
        QVERIFY(replicaSets);
        QTRY_VERIFY(replicaSets->isSynced());
        QVERIFY(!replicaSets->find(QStringLiteral("prod"), QStringLiteral("web-c")).isEmpty());
        QVERIFY(replicaSets->find(QStringLiteral("prod"), QStringLiteral("plain")).isEmpty());

        // The canary ReplicaSet scales up; the rollout is aborted; another one is deleted.
        QTRY_VERIFY(api.openWatches() >= 2);
        api.modify(kApps, QStringLiteral("replicasets"),
                   replicaSet(QStringLiteral("web-c"), QStringLiteral("c"), 2, web));
        QTRY_COMPARE(row(QStringLiteral("prod-eu"), web)->actualWeight, std::optional<int>(40));
        QJsonObject aborted = rollout(QStringLiteral("web"), QStringLiteral("Degraded"));
        api.modify(kArgo, QStringLiteral("rollouts"), aborted);
        QTRY_COMPARE(row(QStringLiteral("prod-eu"), web)->status, QStringLiteral("Degraded"));
        QVERIFY(api.remove(kArgo, QStringLiteral("rollouts"), QStringLiteral("prod"), QStringLiteral("cart")));
        QTRY_COMPARE(m_model->rowCount(), 1);
        QVERIFY(!row(QStringLiteral("prod-eu"), cart));
        Q_UNUSED(canary);

        live.removeCluster(&conn);
        QCOMPARE(m_model->rowCount(), 0);
        // Rows the worker was still building for it never come back.
        QTRY_COMPARE(live.pendingRows(), 0);
        QCOMPARE(m_model->rowCount(), 0);
    }

    void staleWhileDownLiveAgainAfter()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        const quint16 port = server.port();
        FakeKubeApi api(&server);
        const QJsonObject web = api.add(kArgo, QStringLiteral("rollouts"), rollout(QStringLiteral("web")));
        ClusterConnection conn(configFor(server, QStringLiteral("prod-us")), std::make_shared<StaticCredentials>(),
                               fastOptions());
        LiveRollouts live(m_model.get());
        live.addCluster(&conn);
        QTRY_COMPARE(m_model->rowCount(), 1);
        QTRY_VERIFY(api.openWatches() >= 2);

        const QDateTime down = QDateTime::currentDateTimeUtc();
        server.close();
        QTRY_VERIFY_WITH_TIMEOUT(m_model->clusterStaleness(QStringLiteral("prod-us")).isStale(), 5000);
        const Staleness stale = m_model->clusterStaleness(QStringLiteral("prod-us"));
        QCOMPARE(stale.cause, QStringLiteral("connection refused"));
        QVERIFY(stale.since >= down.addMSecs(-5));
        // The old row stays, marked stale and in the attention queue.
        const QModelIndex idx = m_model->indexFor({QStringLiteral("prod-us"), uidOf(web)});
        QVERIFY(idx.isValid());
        QCOMPARE(idx.data(RolloutListModel::StaleRole).toBool(), true);
        QCOMPARE(idx.data(RolloutListModel::AttentionRole).toBool(), true);

        QVERIFY(server.listen(port));
        QTRY_VERIFY_WITH_TIMEOUT(!m_model->clusterStaleness(QStringLiteral("prod-us")).isStale(), 5000);
        QCOMPARE(idx.data(RolloutListModel::StaleRole).toBool(), false);
        api.add(kArgo, QStringLiteral("rollouts"), rollout(QStringLiteral("cart")));
        QTRY_COMPARE(m_model->rowCount(), 2);
    }

    void oneClusterDownTheOtherLive()
    {
        FakeHttpServer upServer;
        QVERIFY(upServer.listen());
        FakeKubeApi up(&upServer);
        up.add(kArgo, QStringLiteral("rollouts"), rollout(QStringLiteral("web")));
        FakeHttpServer downServer;
        QVERIFY(downServer.listen());
        const ClusterConfig downConfig = configFor(downServer, QStringLiteral("down"));
        downServer.close();

        ClusterConnection upConn(configFor(upServer, QStringLiteral("up")), std::make_shared<StaticCredentials>(),
                                 fastOptions());
        ClusterConnection downConn(downConfig, std::make_shared<StaticCredentials>(), fastOptions());
        LiveRollouts live(m_model.get());
        live.addCluster(&upConn);
        live.addCluster(&downConn);
        QTRY_COMPARE(m_model->rowCount(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(m_model->clusterStaleness(QStringLiteral("down")).isStale(), 5000);
        QCOMPARE(m_model->staleClusters(), QStringList{QStringLiteral("down")});
        QTRY_VERIFY(up.openWatches() >= 2);
        up.add(kArgo, QStringLiteral("rollouts"), rollout(QStringLiteral("cart")));
        QTRY_COMPARE(m_model->rowCount(), 2);
        QCOMPARE(m_model->staleClusters(), QStringList{QStringLiteral("down")});
    }

    void unusableContextIsListedStale()
    {
        LiveRollouts live(m_model.get());
        const QString cause = QStringLiteral("auth-provider \"gcp\" is not supported, use an exec plugin");
        live.markUnusable(QStringLiteral("legacy-gke"), cause);
        QCOMPARE(m_model->staleClusters(), QStringList{QStringLiteral("legacy-gke")});
        QCOMPARE(m_model->clusterStaleness(QStringLiteral("legacy-gke")).cause, cause);
    }

    void destroyedConnectionDropsItsCluster()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        FakeKubeApi api(&server);
        api.add(kArgo, QStringLiteral("rollouts"), rollout(QStringLiteral("web")));
        LiveRollouts live(m_model.get());
        auto conn = std::make_unique<ClusterConnection>(configFor(server, QStringLiteral("gone")),
                                                        std::make_shared<StaticCredentials>(), fastOptions());
        live.addCluster(conn.get());
        QTRY_COMPARE(m_model->rowCount(), 1);
        conn.reset();
        QCOMPARE(m_model->rowCount(), 0);
        QCOMPARE(m_model->clusters(), QStringList{});
    }
};

QTEST_GUILESS_MAIN(TestLiveRollouts)
#include "tst_liverollouts.moc"
