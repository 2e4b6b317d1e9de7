#include "RolloutFeed.h"
#include "RolloutListModel.h"
#include "argo/ObjectStore.h"
#include "io/ObjectLoader.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace rolldeck;
using Column = RolloutListModel::Column;

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 3, 14), QTime(10, 45, 0), Qt::UTC);
const QString kCluster = QStringLiteral("prod");

QString testdata(const QString &scenario)
{
    return QStringLiteral(ROLLDECK_FIXTURES_DIR) +
           QStringLiteral("/argo-rollouts/pkg/kubectl-argo-rollouts/info/testdata/") + scenario;
}

// The scenario's objects grouped by kind, in file-name order. For "canary" only the first Rollout file is
// kept: the upstream directory holds six Rollouts that share one UID, which no cluster can.
QHash<QString, QList<QJsonObject>> loadScenario(const QString &scenario)
{
    QHash<QString, QList<QJsonObject>> byKind;
    const LoadResult loaded = ObjectLoader::loadPaths({testdata(scenario)});
    for (const LoadedObject &o : loaded.objects) {
        const QString kind = o.json.value(QStringLiteral("kind")).toString();
        if (scenario == u"canary" && kind == u"Rollout" && !o.source.file.endsWith(u"/canary-rollout.yaml"))
            continue;
        byKind[kind].append(o.json);
    }
    return byKind;
}

QJsonObject scenarioExpectation(const QString &dir, const QString &rolloutPrefix)
{
    QFile f(QStringLiteral(ROLLDECK_FIXTURES_DIR) + QStringLiteral("/argo-rollouts/expectations.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QJsonArray scenarios =
        QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("scenarios")).toArray();
    for (const QJsonValue &v : scenarios) {
        const QJsonObject s = v.toObject();
        if (s.value(QStringLiteral("dir")).toString().endsWith(u'/' + dir) &&
            s.value(QStringLiteral("rollout")).toString().startsWith(rolloutPrefix))
            return s.value(QStringLiteral("asserted")).toObject();
    }
    return {};
}

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

// A canary at step 1 of 2 (setWeight 20, then an indefinite pause), 5 replicas; `canaryAvailable` of
// them in the canary ReplicaSet. Deliberately without "kind": LIST items do not carry it.
QJsonObject rollout(const char *uid = "ro-1")
{
    QJsonObject ro = json(R"({
      "metadata": {"name": "web", "namespace": "shop", "resourceVersion": "5", "creationTimestamp": "2026-03-07T10:45:00Z"},
      "spec": {"replicas": 5, "strategy": {"canary": {"steps": [{"setWeight": 20}, {"pause": {}}]}}},
      "status": {"phase": "Paused", "message": "CanaryPauseStep", "currentStepIndex": 1, "stableRS": "s", "currentPodHash": "c",
                 "pauseConditions": [{"reason": "CanaryPauseStep", "startTime": "2026-03-14T10:40:00Z"}],
                 "replicas": 5, "updatedReplicas": 1, "readyReplicas": 5, "availableReplicas": 5}
    })");
    QJsonObject meta = ro.value(QStringLiteral("metadata")).toObject();
    meta.insert(QStringLiteral("uid"), QString::fromLatin1(uid));
    ro.insert(QStringLiteral("metadata"), meta);
    return ro;
}

QJsonObject replicaSet(const char *name, const char *hash, int available, const char *ownerUid = "ro-1")
{
    QJsonObject rs = json(R"({"metadata": {"namespace": "shop", "generation": 1,
        "annotations": {"rollout.argoproj.io/revision": "1"}}, "spec": {}, "status": {"observedGeneration": 1}})");
    QJsonObject meta = rs.value(QStringLiteral("metadata")).toObject();
    meta.insert(QStringLiteral("name"), QString::fromLatin1(name));
    meta.insert(QStringLiteral("uid"), QString(QStringLiteral("uid-") + QString::fromLatin1(name)));
    meta.insert(QStringLiteral("labels"),
                QJsonObject{{QStringLiteral("rollouts-pod-template-hash"), QString::fromLatin1(hash)}});
    meta.insert(QStringLiteral("ownerReferences"),
                QJsonArray{QJsonObject{{QStringLiteral("kind"), QStringLiteral("Rollout")},
                                       {QStringLiteral("name"), QStringLiteral("web")},
                                       {QStringLiteral("uid"), QString::fromLatin1(ownerUid)}}});
    rs.insert(QStringLiteral("metadata"), meta);
    rs.insert(QStringLiteral("spec"), QJsonObject{{QStringLiteral("replicas"), available}});
    rs.insert(QStringLiteral("status"), QJsonObject{{QStringLiteral("replicas"), available},
                                                    {QStringLiteral("readyReplicas"), available},
                                                    {QStringLiteral("availableReplicas"), available},
                                                    {QStringLiteral("observedGeneration"), 1}});
    return rs;
}

QJsonObject pod(const char *name, const char *rsName, bool ready)
{
    QJsonObject p = json(R"({"metadata": {"namespace": "shop", "creationTimestamp": "2026-03-14T10:00:00Z"},
        "spec": {"containers": [{"name": "app", "image": "web:2"}]}, "status": {"phase": "Running"}})");
    QJsonObject meta = p.value(QStringLiteral("metadata")).toObject();
    meta.insert(QStringLiteral("name"), QString::fromLatin1(name));
    meta.insert(QStringLiteral("uid"), QString(QStringLiteral("uid-") + QString::fromLatin1(name)));
    meta.insert(QStringLiteral("ownerReferences"),
                QJsonArray{QJsonObject{
                    {QStringLiteral("kind"), QStringLiteral("ReplicaSet")},
                    {QStringLiteral("name"), QString::fromLatin1(rsName)},
                    {QStringLiteral("uid"), QString(QStringLiteral("uid-") + QString::fromLatin1(rsName))}}});
    p.insert(QStringLiteral("metadata"), meta);
    QJsonObject status = p.value(QStringLiteral("status")).toObject();
    status.insert(QStringLiteral("containerStatuses"),
                  QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("app")},
                                         {QStringLiteral("ready"), ready},
                                         {QStringLiteral("restartCount"), 0}}});
    p.insert(QStringLiteral("status"), status);
    return p;
}

} // namespace

class TestRolloutFeed : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<RolloutListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<RolloutFeed> m_feed;

    const RolloutRow *row(const char *uid = "ro-1") const
    {
        return m_model->rowFor({kCluster, QString::fromLatin1(uid)});
    }

private slots:
    void init()
    {
        m_model = std::make_unique<RolloutListModel>();
        m_model->setClock([] { return kNow; });
        m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                              QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_feed = std::make_unique<RolloutFeed>(m_model.get());
    }
    void cleanup()
    {
        m_feed.reset();
        m_tester.reset();
        m_model.reset();
    }

    void fixtures_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("rollout");
        QTest::addColumn<bool>("childrenFirst");
        for (const bool childrenFirst : {false, true}) {
            const char *order = childrenFirst ? "pods first" : "rollouts first";
            QTest::addRow("blue-green, %s", order) << "blue-green"
                                                   << "bluegreen-demo" << childrenFirst;
            QTest::addRow("canary, %s", order) << "canary"
                                               << "canary-demo" << childrenFirst;
            QTest::addRow("experiment-analysis, %s", order) << "experiment-analysis"
                                                            << "rollout-experiment-analysis" << childrenFirst;
            QTest::addRow("experiment-step, %s", order) << "experiment-step"
                                                        << "canary-demo" << childrenFirst;
            QTest::addRow("rollout-aborted, %s", order) << "rollout-aborted"
                                                        << "rollout-background-analysis" << childrenFirst;
            QTest::addRow("rollout-invalid, %s", order) << "rollout-invalid"
                                                        << "rollout-invalid" << childrenFirst;
        }
    }
    void fixtures()
    {
        QFETCH(QString, scenario);
        QFETCH(QString, rollout);
        QFETCH(bool, childrenFirst);
        const QJsonObject want = scenarioExpectation(scenario, rollout);
        QVERIFY2(!want.isEmpty(), "scenario missing from expectations.json");

        const auto byKind = loadScenario(scenario);
        QVERIFY(byKind.contains(QStringLiteral("Rollout")));
        QStringList kinds{QStringLiteral("Rollout"), QStringLiteral("ReplicaSet"), QStringLiteral("Pod"),
                          QStringLiteral("Experiment"), QStringLiteral("AnalysisRun")};
        if (childrenFirst)
            std::reverse(kinds.begin(), kinds.end());
        for (const QString &kind : kinds)
            m_feed->apply(kCluster, kind, byKind.value(kind), {});

        QCOMPARE(m_model->rowCount(), 1);
        const RolloutRow &r = m_model->rowAt(0);
        QCOMPARE(r.name, rollout);
        QCOMPARE(r.status, want.value(QStringLiteral("status")).toString());
        QCOMPARE(r.message, want.value(QStringLiteral("message")).toString());
        if (want.contains(QStringLiteral("strategy")))
            QCOMPARE(r.strategy, want.value(QStringLiteral("strategy")).toString());
        QCOMPARE(r.step, want.value(QStringLiteral("step")).toString());
        const auto weight = [](const std::optional<int> &w) { return w ? QString::number(*w) : QString(); };
        QCOMPARE(weight(r.setWeight), want.value(QStringLiteral("setWeight")).toString());
        QCOMPARE(weight(r.actualWeight), want.value(QStringLiteral("actualWeight")).toString());
        const QJsonObject replicas = want.value(QStringLiteral("replicas")).toObject();
        QCOMPARE(r.readyReplicas, replicas.value(QStringLiteral("ready")).toInt());
        QCOMPARE(r.currentReplicas, replicas.value(QStringLiteral("current")).toInt());
        QCOMPARE(r.desiredReplicas, replicas.value(QStringLiteral("desired")).toInt());
    }

    void childChangesRebuildTheOwnerRow()
    {
        m_feed->apply(kCluster, QStringLiteral("Rollout"), {rollout()}, {});
        m_feed->apply(kCluster, QStringLiteral("ReplicaSet"),
                      {replicaSet("web-s", "s", 4), replicaSet("web-c", "c", 1)}, {});
        QVERIFY(row());
        QCOMPARE(row()->actualWeight, std::optional<int>(20)); // 1 of 5 available pods
        QCOMPARE(row()->setWeight, std::optional<int>(20));
        QCOMPARE(row()->step, QStringLiteral("1/2"));

        // The canary ReplicaSet scales up: one row changes, in the weight column only.
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_feed->apply(kCluster, QStringLiteral("ReplicaSet"), {replicaSet("web-c", "c", 2)}, {});
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().column(), int(Column::ActualWeight));
        QCOMPARE(row()->actualWeight, std::optional<int>(40));

        // Pods change nothing the list shows: no signal at all.
        changed.clear();
        m_feed->apply(kCluster, QStringLiteral("Pod"),
                      {pod("web-c-1", "web-c", true), pod("web-c-2", "web-c", false), pod("web-s-1", "web-s", true)},
                      {});
        QCOMPARE(changed.size(), 0);
        QVERIFY(m_feed->store(kCluster));
        QCOMPARE(m_feed->store(kCluster)->podsOwnedBy(QStringLiteral("uid-web-c")).size(), 2);

        // The canary ReplicaSet is deleted: the weight falls back.
        m_feed->apply(kCluster, QStringLiteral("ReplicaSet"), {}, {replicaSet("web-c", "c", 2)});
        QCOMPARE(row()->actualWeight, std::optional<int>(0));
    }

    void rolloutDeletedAndRecreated()
    {
        m_feed->apply(kCluster, QStringLiteral("Rollout"), {rollout()}, {});
        QCOMPARE(m_model->rowCount(), 1);
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
        m_feed->apply(kCluster, QStringLiteral("Rollout"), {}, {rollout()});
        QCOMPARE(m_model->rowCount(), 0);
        QCOMPARE(removed.size(), 1);

        // Re-created with a new UID, even without a delete event in between: one row, the new one.
        m_feed->apply(kCluster, QStringLiteral("Rollout"), {rollout("ro-1")}, {});
        m_feed->apply(kCluster, QStringLiteral("Rollout"), {rollout("ro-2")}, {});
        QCOMPARE(m_model->rowCount(), 1);
        QVERIFY(row("ro-2"));
        QVERIFY(!row("ro-1"));
    }

    void oneRebuildPerRolloutPerBatch()
    {
        m_feed->apply(kCluster, QStringLiteral("Rollout"), {rollout()}, {});
        m_feed->apply(kCluster, QStringLiteral("ReplicaSet"),
                      {replicaSet("web-s", "s", 4), replicaSet("web-c", "c", 1)}, {});
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        // Three versions of the canary ReplicaSet in one batch: the row reflects the last, once.
        m_feed->apply(kCluster, QStringLiteral("ReplicaSet"),
                      {replicaSet("web-c", "c", 2), replicaSet("web-c", "c", 3), replicaSet("web-s", "s", 2)}, {});
        QCOMPARE(changed.size(), 1);
        QCOMPARE(row()->actualWeight, std::optional<int>(60));
    }

    void clustersAreSeparate()
    {
        m_feed->apply(kCluster, QStringLiteral("Rollout"), {rollout()}, {});
        m_feed->apply(QStringLiteral("staging"), QStringLiteral("Rollout"), {rollout()}, {});
        QCOMPARE(m_model->rowCount(), 2);
        m_feed->removeCluster(QStringLiteral("staging"));
        QCOMPARE(m_model->rowCount(), 1);
        QVERIFY(!m_feed->store(QStringLiteral("staging")));
        QVERIFY(row());
    }

    void destroyedFeedTakesItsRowsAlong()
    {
        m_feed->apply(kCluster, QStringLiteral("Rollout"), {rollout()}, {});
        m_feed->setSourceStale(QStringLiteral("other"), QStringLiteral("rollouts"), {kNow, QStringLiteral("timeout")});
        QCOMPARE(m_model->rowCount(), 1);
        m_feed.reset();
        QCOMPARE(m_model->rowCount(), 0);
        QCOMPARE(m_model->clusters(), QStringList{});
    }

    void unknownKindsAreIgnored()
    {
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        m_feed->apply(kCluster, QStringLiteral("Service"), {json(R"({"metadata": {"name": "x", "uid": "s"}})")}, {});
        QCOMPARE(inserted.size(), 0);
    }

    void stalenessFoldsSources()
    {
        m_feed->apply(kCluster, QStringLiteral("Rollout"), {rollout()}, {});
        const QDateTime t1 = kNow.addSecs(-60);
        const QDateTime t0 = kNow.addSecs(-90);
        m_feed->setSourceStale(kCluster, QStringLiteral("rollouts"), {t1, QStringLiteral("connection refused")});
        QCOMPARE(m_model->clusterStaleness(kCluster).since, t1);
        // An older outage of another cache wins: the cluster's data may be old since then.
        m_feed->setSourceStale(kCluster, QStringLiteral("pods"), {t0, QStringLiteral("HTTP 500")});
        QCOMPARE(m_model->clusterStaleness(kCluster).since, t0);
        QCOMPARE(m_model->clusterStaleness(kCluster).cause, QStringLiteral("HTTP 500"));
        // A repeated report keeps the first time and takes the new cause.
        m_feed->setSourceStale(kCluster, QStringLiteral("pods"), {kNow, QStringLiteral("timeout")});
        QCOMPARE(m_model->clusterStaleness(kCluster).since, t0);
        QCOMPARE(m_model->clusterStaleness(kCluster).cause, QStringLiteral("timeout"));
        m_feed->setSourceLive(kCluster, QStringLiteral("pods"));
        QCOMPARE(m_model->clusterStaleness(kCluster).since, t1);
        QCOMPARE(m_model->clusterStaleness(kCluster).cause, QStringLiteral("connection refused"));
        QCOMPARE(m_model->index(0, 0).data(RolloutListModel::StaleRole).toBool(), true);
        m_feed->setSourceLive(kCluster, QStringLiteral("rollouts"));
        QVERIFY(!m_model->clusterStaleness(kCluster).isStale());
        QCOMPARE(m_model->index(0, 0).data(RolloutListModel::StaleRole).toBool(), false);
        // Live for a cluster never seen is nothing.
        m_feed->setSourceLive(QStringLiteral("nowhere"), QStringLiteral("rollouts"));
        QCOMPARE(m_model->staleClusters(), QStringList{});
    }
};

QTEST_GUILESS_MAIN(TestRolloutFeed)
#include "tst_rolloutfeed.moc"
