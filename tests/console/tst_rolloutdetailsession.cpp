// A rollout's detail, watched on demand against the embedded cluster (rolldeck_sim on loopback): opening yields
// the tree kubectl would show, a pod change reaches it, closing lets go of every cache it opened.
#include "app/console/RolloutDetailSession.h"
#include "app/kube/ClusterConnection.h"
#include "app/kube/Kubeconfig.h"
#include "app/kube/KubeconfigCredentials.h"
#include "app/kube/ResourceCache.h"

#include "sim/Simulator.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace rolldeck;
using State = RolloutDetailSession::State;

namespace {

const QDateTime kNow = QDateTime::currentDateTimeUtc();

std::unique_ptr<kube::ClusterConnection> connectTo(const QString &kubeconfigPath)
{
    const kube::Kubeconfig config = kube::loadKubeconfigFiles({kubeconfigPath});
    const kube::ClusterConfig *ctx = config.context(QStringLiteral("rolldeck-demo"));
    if (!ctx)
        return {};
    auto credentials = kube::KubeconfigCredentials::create(*ctx);
    if (!credentials)
        return {};
    return std::make_unique<kube::ClusterConnection>(*ctx, *credentials);
}

std::unique_ptr<RolloutDetailSession> session(kube::ClusterConnection *connection, const char *ns, const char *name)
{
    auto s = std::make_unique<RolloutDetailSession>(connection, QString::fromLatin1(ns), QString::fromLatin1(name));
    s->setClock([] { return kNow; });
    s->setRefreshInterval(0);
    return s;
}

rdsim::ListOptions selecting(const char *labelSelector)
{
    rdsim::ListOptions options;
    options.labelSelector = labelSelector;
    return options;
}

std::vector<std::string> namesOf(const rdsim::ListResult &list)
{
    std::vector<std::string> out;
    for (const auto &item : list.items)
        out.push_back((*item)["metadata"]["name"].get<std::string>());
    return out;
}

} // namespace

class TestRolloutDetailSession : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    rdsim::Simulator m_sim;
    QString m_kubeconfig;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_kubeconfig = m_dir.filePath(QStringLiteral("kubeconfig"));
        rdsim::Options options;
        options.scenario = "fleet"; // fleet-0 … fleet-9, three rollouts each, 3 ReplicaSets and 5 pods per rollout
        options.fleetSize = 30;
        options.kubeconfigOut = m_kubeconfig.toStdString();
        const rdsim::StartResult started = m_sim.start(options);
        QVERIFY2(started.ok(), started.error.c_str());
    }

    void openYieldsTheRolloutsTree()
    {
        auto connection = connectTo(m_kubeconfig);
        QVERIFY(connection);
        auto detail = session(connection.get(), "fleet-1", "app-00011");
        QSignalSpy ready(detail.get(), &RolloutDetailSession::ready);
        detail->open();
        QCOMPARE(detail->state(), State::Loading);
        QVERIFY(ready.wait(10000));
        QCOMPARE(ready.size(), 1);
        QCOMPARE(detail->state(), State::Ready);
        QVERIFY(!detail->isStale());

        // Narrowed to this rollout's pods and ReplicaSets by its selector, not the whole namespace.
        QCOMPARE(detail->podSelector(), QStringLiteral("app=app-00011"));
        QCOMPARE(detail->caches().size(), 6); // with the rollout's Events (narrowed by involvedObject)
        int narrowed = 0;
        for (const kube::ResourceCache *cache : detail->caches()) {
            QCOMPARE(cache->ns(), QStringLiteral("fleet-1"));
            if (cache->labelSelector() == detail->podSelector())
                ++narrowed;
        }
        QCOMPARE(narrowed, 2);

        // The tree is what the server holds for this rollout, and nothing of its neighbours.
        QVERIFY(detail->info());
        const RolloutInfo &info = *detail->info();
        QCOMPARE(info.name, QStringLiteral("app-00011"));
        QCOMPARE(info.status, QStringLiteral("Healthy"));
        const auto replicaSets =
            namesOf(m_sim.store().list(rdsim::kReplicaSets, "fleet-1", selecting("app=app-00011")));
        QCOMPARE(int(replicaSets.size()), 3);
        QCOMPARE(info.replicaSets().size(), 3);
        QCOMPARE(info.revisions.size(), 3);
        QCOMPARE(info.revisions.first().revision, 3);
        for (const ReplicaSetInfo &rs : info.replicaSets())
            QVERIFY(std::find(replicaSets.begin(), replicaSets.end(), rs.name.toStdString()) != replicaSets.end());
        const ReplicaSetInfo current = info.revisions.first().replicaSets.first();
        QVERIFY(current.stable);
        QCOMPARE(current.pods.size(), 5);
        QCOMPARE(info.revisions.last().replicaSets.first().pods.size(), 0);
        QVERIFY(detail->text().startsWith(QStringLiteral("Name:            app-00011")));
        QVERIFY(detail->text().contains(current.pods.first().name));
    }

    void podChangeUpdatesTheTree()
    {
        auto connection = connectTo(m_kubeconfig);
        QVERIFY(connection);
        auto detail = session(connection.get(), "fleet-2", "app-00012");
        QSignalSpy ready(detail.get(), &RolloutDetailSession::ready);
        detail->open();
        QVERIFY(ready.wait(10000));
        const QString podName = detail->info()->revisions.first().replicaSets.first().pods.first().name;
        QSignalSpy updated(detail.get(), &RolloutDetailSession::updated);

        // A neighbour's pod changes: not this rollout's business, no new view.
        const auto neighbour = namesOf(m_sim.store().list(rdsim::kPods, "fleet-2", selecting("app=app-00002")));
        QVERIFY(!neighbour.empty());
        QVERIFY(m_sim.store().mutate(rdsim::kPods, "fleet-2", neighbour.front(), [](nlohmann::json &o) {
            o["status"]["containerStatuses"][0]["restartCount"] = 7;
            return true;
        }));
        // One of ours crashes and restarts.
        QVERIFY(m_sim.store().mutate(rdsim::kPods, "fleet-2", podName.toStdString(), [](nlohmann::json &o) {
            o["status"]["containerStatuses"][0]["restartCount"] = 3;
            o["status"]["containerStatuses"][0]["ready"] = false;
            return true;
        }));
        const auto restartsOf = [&detail, &podName] {
            for (const ReplicaSetInfo &rs : detail->info()->replicaSets()) {
                for (const PodInfo &pod : rs.pods) {
                    if (pod.name == podName)
                        return pod.restarts;
                }
            }
            return -1;
        };
        QTRY_COMPARE_WITH_TIMEOUT(restartsOf(), 3, 10000);
        QVERIFY(detail->text().contains(QStringLiteral("ready:0/1,restarts:3")));
        // Coalesced: the two changes arrive as at most two views (one per watch batch), the neighbour's adds none.
        QVERIFY(updated.size() >= 1);
        QVERIFY(updated.size() <= 2);

        // A pod of ours goes away: it leaves the tree.
        QVERIFY(m_sim.store().remove(rdsim::kPods, "fleet-2", podName.toStdString()));
        QTRY_COMPARE_WITH_TIMEOUT(restartsOf(), -1, 10000);
        // What the tree shows is what the server holds (a ReplicaSet controller may have replaced the pod).
        const auto serverPods = [this] {
            QStringList out;
            for (const std::string &name :
                 namesOf(m_sim.store().list(rdsim::kPods, "fleet-2", selecting("app=app-00012"))))
                out << QString::fromStdString(name);
            out.sort();
            return out;
        };
        const auto shownPods = [&detail] {
            QStringList out;
            for (const ReplicaSetInfo &rs : detail->info()->replicaSets()) {
                for (const PodInfo &pod : rs.pods)
                    out << pod.name;
            }
            out.sort();
            return out;
        };
        QTRY_COMPARE_WITH_TIMEOUT(shownPods(), serverPods(), 10000);
        QVERIFY(!shownPods().contains(podName));
    }

    void closeReleasesTheCaches()
    {
        auto connection = connectTo(m_kubeconfig);
        QVERIFY(connection);
        // The rollout list holds its own cache of the namespace's rollouts: the detail neither takes it over nor
        // closes it.
        kube::ResourceCache *list = connection->cache(kube::ResourceKind::rollouts(), QStringLiteral("fleet-3"));
        QTRY_VERIFY_WITH_TIMEOUT(list->isSynced(), 10000);
        auto first = session(connection.get(), "fleet-3", "app-00003");
        auto second = session(connection.get(), "fleet-3", "app-00003");
        QSignalSpy firstReady(first.get(), &RolloutDetailSession::ready);
        QSignalSpy secondReady(second.get(), &RolloutDetailSession::ready);
        first->open();
        // The list already held the rollout: the selector was known before any request of the detail.
        QCOMPARE(first->podSelector(), QStringLiteral("app=app-00003"));
        QCOMPARE(first->caches().size(), 6); // rollout, ReplicaSets, pods, analysis runs, experiments, Events
        second->open();
        QVERIFY(firstReady.wait(10000));
        QTRY_COMPARE_WITH_TIMEOUT(secondReady.size(), 1, 10000);
        QCOMPARE(connection->caches().size(), 7); // the list's + the six the two details share
        for (kube::ResourceCache *cache : first->caches())
            QCOMPARE(connection->users(cache), 2);

        first->close();
        QCOMPARE(first->state(), State::Closed);
        QVERIFY(first->caches().isEmpty());
        QCOMPARE(connection->caches().size(), 7); // the second detail still watches
        QCOMPARE(second->state(), State::Ready);

        const QList<kube::ResourceCache *> held = second->caches();
        QList<QPointer<kube::ResourceCache>> watched;
        for (kube::ResourceCache *cache : held)
            watched << cache;
        second->close();
        QCOMPARE(connection->caches().size(), 1);
        QCOMPARE(connection->caches().first(), list);
        QCOMPARE(connection->users(list), 1);
        // The informers stop and the caches go away.
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(watched.begin(), watched.end(), [](const auto &c) { return c.isNull(); }),
                                 5000);
    }

    void missingRolloutIsSaidSo()
    {
        auto connection = connectTo(m_kubeconfig);
        QVERIFY(connection);
        auto detail = session(connection.get(), "fleet-4", "no-such-rollout");
        QSignalSpy ready(detail.get(), &RolloutDetailSession::ready);
        detail->open();
        QVERIFY(ready.wait(10000));
        QCOMPARE(detail->state(), State::NotFound);
        QVERIFY(!detail->info());
        QVERIFY(detail->text().isEmpty());
    }

    void staleWhenTheClusterGoesAway()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        rdsim::Simulator sim;
        rdsim::Options options;
        options.scenario = "fleet";
        options.fleetSize = 10;
        options.kubeconfigOut = dir.filePath(QStringLiteral("kubeconfig")).toStdString();
        QVERIFY(sim.start(options).ok());
        kube::ConnectionOptions fast;
        fast.informer.staleGraceMs = 200;
        fast.informer.backoffInitialMs = 100;
        fast.informer.backoffMaxMs = 400;
        const kube::Kubeconfig config = kube::loadKubeconfigFiles({dir.filePath(QStringLiteral("kubeconfig"))});
        const kube::ClusterConfig *ctx = config.context(QStringLiteral("rolldeck-demo"));
        QVERIFY(ctx);
        auto credentials = kube::KubeconfigCredentials::create(*ctx);
        QVERIFY(credentials);
        kube::ClusterConnection connection(*ctx, *credentials, fast);
        auto detail = session(&connection, "fleet-5", "app-00005");
        QSignalSpy ready(detail.get(), &RolloutDetailSession::ready);
        detail->open();
        QVERIFY(ready.wait(10000));
        QSignalSpy staleness(detail.get(), &RolloutDetailSession::stalenessChanged);
        sim.stop();
        QTRY_VERIFY_WITH_TIMEOUT(detail->isStale(), 20000);
        QVERIFY(staleness.size() >= 1);
        QVERIFY(detail->staleness().since.isValid());
        QVERIFY(!detail->staleness().cause.isEmpty());
        // The last view stays, for the UI to show as stale rather than as live.
        QVERIFY(detail->info());
        QCOMPARE(detail->info()->name, QStringLiteral("app-00005"));
    }
};

QTEST_GUILESS_MAIN(TestRolloutDetailSession)
#include "tst_rolloutdetailsession.moc"
