#include "models/itemmodels/RolloutListModel.h"
#include "models/itemmodels/RolloutRow.h"
#include "models/argo/ObjectStore.h"
#include "models/argo/RolloutInfo.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace rolldeck;
using Column = RolloutListModel::Column;

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 3, 14), QTime(10, 45, 0), Qt::UTC);

QJsonObject json(const char *text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(text), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return doc.object();
}

// A canary at step 1 of 4 (a pause): with a duration when `timed`, waiting for a promote otherwise.
QJsonObject canary(bool timed)
{
    QJsonObject ro = json(R"({
      "apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout",
      "metadata": {"name": "checkout", "namespace": "shop", "uid": "ro-1", "resourceVersion": "77",
                   "generation": 3, "creationTimestamp": "2026-03-07T10:45:00Z"},
      "spec": {"replicas": 5,
               "template": {"spec": {"containers": [{"name": "app", "image": "shop/checkout:2"}]}},
               "strategy": {"canary": {"steps": [{"setWeight": 20}, {"pause": {"duration": "1h"}},
                                                  {"setWeight": 50}, {"pause": {}}]}}},
      "status": {"observedGeneration": "3", "phase": "Paused", "message": "CanaryPauseStep",
                 "currentStepIndex": 1, "currentPodHash": "new", "stableRS": "old",
                 "pauseConditions": [{"reason": "CanaryPauseStep", "startTime": "2026-03-14T10:35:00Z"}],
                 "replicas": 5, "updatedReplicas": 1, "readyReplicas": 5, "availableReplicas": 5}
    })");
    if (!timed) {
        QJsonObject spec = ro.value(QStringLiteral("spec")).toObject();
        QJsonObject strategy = spec.value(QStringLiteral("strategy")).toObject();
        QJsonObject c = strategy.value(QStringLiteral("canary")).toObject();
        c.insert(QStringLiteral("steps"),
                 json(R"({"s": [{"setWeight": 20}, {"pause": {}}]})").value(QStringLiteral("s")));
        strategy.insert(QStringLiteral("canary"), c);
        spec.insert(QStringLiteral("strategy"), strategy);
        ro.insert(QStringLiteral("spec"), spec);
    }
    return ro;
}

QJsonObject replicaSet(const char *name, const char *hash, int replicas, int revision)
{
    QJsonObject rs = json(R"({
      "apiVersion": "apps/v1", "kind": "ReplicaSet",
      "metadata": {"namespace": "shop", "generation": 1, "creationTimestamp": "2026-03-07T10:45:00Z",
                   "ownerReferences": [{"apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout",
                                        "name": "checkout", "uid": "ro-1", "controller": true}]},
      "spec": {"replicas": 0, "template": {"spec": {"containers": [{"name": "app", "image": "shop/checkout"}]}}},
      "status": {"observedGeneration": 1}
    })");
    QJsonObject meta = rs.value(QStringLiteral("metadata")).toObject();
    meta.insert(QStringLiteral("name"), QString::fromLatin1(name));
    meta.insert(QStringLiteral("uid"), QString(QStringLiteral("rs-") + QString::fromLatin1(hash)));
    meta.insert(QStringLiteral("labels"),
                QJsonObject{{QStringLiteral("rollouts-pod-template-hash"), QString::fromLatin1(hash)}});
    meta.insert(QStringLiteral("annotations"),
                QJsonObject{{QStringLiteral("rollout.argoproj.io/revision"), QString::number(revision)}});
    rs.insert(QStringLiteral("metadata"), meta);
    QJsonObject spec = rs.value(QStringLiteral("spec")).toObject();
    spec.insert(QStringLiteral("replicas"), replicas);
    rs.insert(QStringLiteral("spec"), spec);
    rs.insert(QStringLiteral("status"), QJsonObject{{QStringLiteral("replicas"), replicas},
                                                    {QStringLiteral("readyReplicas"), replicas},
                                                    {QStringLiteral("availableReplicas"), replicas},
                                                    {QStringLiteral("observedGeneration"), 1}});
    return rs;
}

} // namespace

class TestRolloutRowAdapter : public QObject
{
    Q_OBJECT
private slots:
    void canaryRow_data()
    {
        QTest::addColumn<bool>("timed");
        QTest::addColumn<QString>("step");
        QTest::addColumn<bool>("attention");
        QTest::newRow("timed pause resumes by itself") << true << QStringLiteral("1/4") << false;
        QTest::newRow("indefinite pause waits for a human") << false << QStringLiteral("1/2") << true;
    }
    void canaryRow()
    {
        QFETCH(bool, timed);
        QFETCH(QString, step);
        QFETCH(bool, attention);

        ObjectStore store;
        Diagnostics problems;
        store.upsert(canary(timed), {}, &problems);
        store.upsert(replicaSet("checkout-old", "old", 4, 1), {}, &problems);
        store.upsert(replicaSet("checkout-new", "new", 1, 2), {}, &problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.value(0).toString()));
        const Rollout *ro = store.rollout(QStringLiteral("shop"), QStringLiteral("checkout"));
        QVERIFY(ro);
        const RolloutInfo info = buildRolloutInfo(*ro, store, kNow);
        const RolloutRow row = rolloutRowFromInfo(QStringLiteral("prod"), info);

        QCOMPARE(row.key(), (RolloutKey{QStringLiteral("prod"), QStringLiteral("ro-1")}));
        QCOMPARE(row.namespaceName, QStringLiteral("shop"));
        QCOMPARE(row.name, QStringLiteral("checkout"));
        QCOMPARE(row.resourceVersion, QStringLiteral("77"));
        QCOMPARE(row.strategy, QStringLiteral("Canary"));
        QCOMPARE(row.status, QStringLiteral("Paused"));
        QCOMPARE(row.message, QStringLiteral("CanaryPauseStep"));
        QCOMPARE(row.step, step);
        QCOMPARE(row.currentStepIndex, 1);
        QCOMPARE(row.setWeight, std::optional<int>(20));
        // No traffic routing: the canary ReplicaSet's share of available pods, 1 of 5.
        QCOMPARE(row.actualWeight, std::optional<int>(20));
        QCOMPARE(row.desiredReplicas, 5);
        QCOMPARE(row.readyReplicas, 5);
        QCOMPARE(row.timedPause, timed);
        QCOMPARE(row.needsAttention(), attention);

        RolloutListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setClock([] { return kNow; });
        model.upsert({row});
        QCOMPARE(model.index(0, int(Column::Step)).data().toString(), step);
        QCOMPARE(model.index(0, int(Column::Ready)).data().toString(), QStringLiteral("5/5"));
        QCOMPARE(model.index(0, int(Column::Age)).data().toString(), QStringLiteral("7d"));
        QCOMPARE(model.index(0, 0).data(RolloutListModel::AttentionRole).toBool(), attention);
    }

    void blueGreenHasNoWeights()
    {
        ObjectStore store;
        store.upsert(json(R"({
          "apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout",
          "metadata": {"name": "ledger", "namespace": "payments", "uid": "bg-1", "creationTimestamp": "2026-03-14T10:00:00Z"},
          "spec": {"replicas": 2, "strategy": {"blueGreen": {"activeService": "ledger"}}},
          "status": {"phase": "Healthy", "replicas": 2, "updatedReplicas": 2, "readyReplicas": 2, "availableReplicas": 2}
        })"));
        const RolloutInfo info =
            buildRolloutInfo(*store.rollout(QStringLiteral("payments"), QStringLiteral("ledger")), store, kNow);
        const RolloutRow row = rolloutRowFromInfo(QStringLiteral("prod"), info);
        QCOMPARE(row.strategy, QStringLiteral("BlueGreen"));
        QVERIFY(!row.setWeight);
        QVERIFY(!row.actualWeight);
        QCOMPARE(row.currentStepIndex, -1);
        QVERIFY(row.step.isEmpty());
        QCOMPARE(row.status, QStringLiteral("Healthy"));
    }
};

QTEST_GUILESS_MAIN(TestRolloutRowAdapter)
#include "tst_rolloutrowadapter.moc"
