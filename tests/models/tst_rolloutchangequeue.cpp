#include "models/itemmodels/RolloutChangeQueue.h"
#include "models/itemmodels/RolloutListModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace rolldeck;

namespace {

RolloutRow makeRow(const QString &cluster, const QString &name, int ready)
{
    RolloutRow r;
    r.cluster = cluster;
    r.uid = QStringLiteral("uid-") + name;
    r.namespaceName = QStringLiteral("shop");
    r.name = name;
    r.status = QStringLiteral("Healthy");
    r.readyReplicas = r.currentReplicas = ready;
    return r;
}

QStringList names(const QList<RolloutChange> &changes)
{
    QStringList out;
    for (const RolloutChange &c : changes)
        out.append(c.row ? c.row->name : QStringLiteral("-") + c.key.uid);
    return out;
}

} // namespace

// The queue between the row builder's thread and the list model: one change per rollout, oldest first.
class TestRolloutChangeQueue : public QObject
{
    Q_OBJECT
private slots:
    void takesOldestFirstInSlices()
    {
        RolloutChangeQueue q;
        q.push({RolloutChange::upsert(makeRow(QStringLiteral("c"), QStringLiteral("a"), 1)),
                RolloutChange::upsert(makeRow(QStringLiteral("c"), QStringLiteral("b"), 1)),
                RolloutChange::upsert(makeRow(QStringLiteral("c"), QStringLiteral("d"), 1))});
        QCOMPARE(q.size(), 3);
        QCOMPARE(names(q.take(2)), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(q.size(), 1);
        QCOMPARE(names(q.take(5)), QStringList{QStringLiteral("d")});
        QVERIFY(q.isEmpty());
        QVERIFY(q.take(5).isEmpty());
    }

    void aLaterChangeReplacesTheWaitingOneInItsPlace()
    {
        RolloutChangeQueue q;
        q.push({RolloutChange::upsert(makeRow(QStringLiteral("c"), QStringLiteral("a"), 1)),
                RolloutChange::upsert(makeRow(QStringLiteral("c"), QStringLiteral("b"), 1))});
        q.push({RolloutChange::upsert(makeRow(QStringLiteral("c"), QStringLiteral("a"), 3)),
                RolloutChange::removal({QStringLiteral("c"), QStringLiteral("uid-b")}),
                RolloutChange::upsert(makeRow(QStringLiteral("c"), QStringLiteral("e"), 1))});
        QCOMPARE(q.size(), 3);
        QCOMPARE(q.merged(), quint64(2));
        const QList<RolloutChange> all = q.take(10);
        QCOMPARE(names(all), (QStringList{QStringLiteral("a"), QStringLiteral("-uid-b"), QStringLiteral("e")}));
        QCOMPARE(all.front().row->readyReplicas, 3);
        // Taken: the same key waits again as a new change, at the back.
        q.push({RolloutChange::upsert(makeRow(QStringLiteral("c"), QStringLiteral("e"), 2)),
                RolloutChange::upsert(makeRow(QStringLiteral("c"), QStringLiteral("a"), 4))});
        QCOMPARE(names(q.take(10)), (QStringList{QStringLiteral("e"), QStringLiteral("a")}));
    }

    void droppingAClusterForgetsOnlyItsChanges()
    {
        RolloutChangeQueue q;
        q.push({RolloutChange::upsert(makeRow(QStringLiteral("gone"), QStringLiteral("a"), 1)),
                RolloutChange::upsert(makeRow(QStringLiteral("kept"), QStringLiteral("b"), 1)),
                RolloutChange::upsert(makeRow(QStringLiteral("gone"), QStringLiteral("c"), 1))});
        q.dropCluster(QStringLiteral("gone"));
        QCOMPARE(q.size(), 1);
        QCOMPARE(names(q.take(1)), QStringList{QStringLiteral("b")});
        q.push({RolloutChange::upsert(makeRow(QStringLiteral("gone"), QStringLiteral("a"), 2))});
        QCOMPARE(names(q.take(10)), QStringList{QStringLiteral("a")});
        q.dropCluster(QStringLiteral("kept"));
        QVERIFY(q.isEmpty());
    }

    // A burst for one rollout reaches the model as one change: one insert, then one role-limited dataChanged.
    void aBurstCostsTheModelOneChangePerRollout()
    {
        RolloutListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        RolloutChangeQueue q;
        for (int ready = 1; ready <= 5; ++ready)
            q.push({RolloutChange::upsert(makeRow(QStringLiteral("c"), QStringLiteral("a"), ready)),
                    RolloutChange::upsert(makeRow(QStringLiteral("c"), QStringLiteral("b"), ready))});
        model.apply(q.take(100));
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(changed.size(), 0);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowAt(0).readyReplicas, 5);
        for (int ready = 6; ready <= 9; ++ready)
            q.push({RolloutChange::upsert(makeRow(QStringLiteral("c"), QStringLiteral("a"), ready))});
        model.apply(q.take(100));
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(changed.size(), 1);
        const QList<int> roles = changed.front().at(2).value<QList<int>>();
        QVERIFY(roles.contains(Qt::DisplayRole));
        QVERIFY(!roles.contains(RolloutListModel::StatusRole));
        QCOMPARE(model.rowAt(0).readyReplicas, 9);
    }
};

QTEST_GUILESS_MAIN(TestRolloutChangeQueue)
#include "tst_rolloutchangequeue.moc"
