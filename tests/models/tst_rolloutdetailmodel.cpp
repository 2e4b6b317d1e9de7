// The detail tree: built from a RolloutInfo, then kept current by incremental changes (never a reset per view).
#include "RolloutDetailModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace rolldeck;
using Kind = RolloutDetailModel::NodeKind;

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);

PodInfo pod(const QString &name, int restarts = 0)
{
    PodInfo p;
    p.name = name;
    p.status = QStringLiteral("Running");
    p.icon = QString::fromUtf16(icons::kOk);
    p.readyContainers = 1;
    p.totalContainers = 1;
    p.restarts = restarts;
    p.age = QStringLiteral("5m");
    p.created = kNow.addSecs(-300);
    return p;
}

ReplicaSetInfo replicaSet(const QString &name, int revision, QList<PodInfo> pods, bool stable)
{
    ReplicaSetInfo rs;
    rs.name = name;
    rs.revision = revision;
    rs.status = pods.isEmpty() ? QStringLiteral("ScaledDown") : QStringLiteral("Healthy");
    rs.icon = pods.isEmpty() ? QString::fromUtf16(icons::kNeutral) : QString::fromUtf16(icons::kOk);
    rs.stable = stable;
    rs.canary = !stable && !pods.isEmpty();
    rs.pods = std::move(pods);
    rs.age = QStringLiteral("1h");
    return rs;
}

AnalysisRunInfo analysisRun(const QString &name, int revision, const QString &status, int ok, int bad)
{
    AnalysisRunInfo run;
    run.name = name;
    run.revision = revision;
    run.status = status;
    run.icon = status == u"Successful" ? QString::fromUtf16(icons::kOk) : QString::fromUtf16(icons::kBad);
    run.successful = ok;
    run.failed = bad;
    return run;
}

// api: revision 3 (canary, 1 pod, one analysis run), revision 2 (stable, 2 pods), revision 1 (scaled down).
RolloutInfo baseInfo()
{
    RolloutInfo info;
    info.name = QStringLiteral("api");
    info.namespaceName = QStringLiteral("demo");
    info.status = QStringLiteral("Paused");
    info.icon = QString::fromUtf16(icons::kPaused);
    info.strategy = QStringLiteral("Canary");
    RevisionInfo r3;
    r3.revision = 3;
    r3.replicaSets << replicaSet(QStringLiteral("api-c"), 3, {pod(QStringLiteral("api-c-1"))}, false);
    r3.analysisRuns << analysisRun(QStringLiteral("api-c-3"), 3, QStringLiteral("Running"), 1, 0);
    RevisionInfo r2;
    r2.revision = 2;
    r2.replicaSets << replicaSet(QStringLiteral("api-b"), 2,
                                 {pod(QStringLiteral("api-b-1")), pod(QStringLiteral("api-b-2"))}, true);
    RevisionInfo r1;
    r1.revision = 1;
    r1.replicaSets << replicaSet(QStringLiteral("api-a"), 1, {}, false);
    info.revisions = {r3, r2, r1};
    return info;
}

ReplicaSetInfo &rsNamed(RolloutInfo &info, const QString &name)
{
    for (RevisionInfo &rev : info.revisions) {
        for (ReplicaSetInfo &rs : rev.replicaSets) {
            if (rs.name == name)
                return rs;
        }
    }
    qFatal("no ReplicaSet %s", qPrintable(name));
}

struct SignalCounts
{
    explicit SignalCounts(RolloutDetailModel *m)
        : reset(m, &QAbstractItemModel::modelReset), inserted(m, &QAbstractItemModel::rowsInserted),
          removed(m, &QAbstractItemModel::rowsRemoved), moved(m, &QAbstractItemModel::rowsMoved),
          changed(m, &QAbstractItemModel::dataChanged)
    {
    }
    QSignalSpy reset, inserted, removed, moved, changed;
};

} // namespace

class TestRolloutDetailModel : public QObject
{
    Q_OBJECT
private slots:
    void buildsTheRevisionTree()
    {
        RolloutDetailModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setTarget(QStringLiteral("prod"), QStringLiteral("demo"), QStringLiteral("api"));
        QSignalSpy summary(&model, &RolloutDetailModel::summaryChanged);
        model.setInfo(baseInfo());
        QCOMPARE(summary.size(), 1);
        QCOMPARE(model.rowCount(), 3);
        const QModelIndex r3 = model.index(0, 0);
        QCOMPARE(r3.data(RolloutDetailModel::RevisionRole).toInt(), 3);
        QCOMPARE(r3.data(RolloutDetailModel::NodeKindRole).toInt(), int(Kind::Revision));
        QCOMPARE(r3.data(RolloutDetailModel::RawValueRole).toInt(), 3);
        QCOMPARE(model.rowCount(r3), 2); // ReplicaSet, then analysis run
        const QModelIndex canary = model.index(0, 0, r3);
        QCOMPARE(canary.data().toString(), QStringLiteral("api-c"));
        QCOMPARE(model.index(0, int(RolloutDetailModel::Column::Kind), r3).data().toString(),
                 QStringLiteral("ReplicaSet"));
        QCOMPARE(model.index(0, int(RolloutDetailModel::Column::Info), r3).data().toString(), QStringLiteral("canary"));
        QCOMPARE(model.rowCount(canary), 1);
        QCOMPARE(model.index(0, int(RolloutDetailModel::Column::Info), canary).data().toString(),
                 QStringLiteral("ready:1/1"));
        const QModelIndex run = model.index(1, 0, r3);
        QCOMPARE(run.data(RolloutDetailModel::NodeKindRole).toInt(), int(Kind::AnalysisRun));
        QCOMPARE(model.index(1, int(RolloutDetailModel::Column::Info), r3).data().toString(), QStringLiteral("✔ 1"));
        const QModelIndex stable = model.indexOf(Kind::ReplicaSet, QStringLiteral("api-b"));
        QCOMPARE(model.rowCount(stable), 2);
        QCOMPARE(stable.parent(), model.index(1, 0));
        QCOMPARE(stable.data(RolloutDetailModel::SeverityRole).toInt(), int(StatusSeverity::Healthy));
        const QModelIndex scaledDown = model.indexOf(Kind::ReplicaSet, QStringLiteral("api-a"));
        QCOMPARE(scaledDown.data(RolloutDetailModel::SeverityRole).toInt(), int(StatusSeverity::ScaledDown));
        QVERIFY(!model.indexOf(Kind::Pod, QStringLiteral("nope")).isValid());
    }

    void appliesChangesIncrementally_data()
    {
        QTest::addColumn<int>("change");
        QTest::addColumn<int>("inserted");
        QTest::addColumn<int>("removed");
        QTest::addColumn<int>("moved");
        QTest::addColumn<int>("changed");
        // change: 0 same view, 1 pod restarts, 2 pod added, 3 pod gone, 4 new revision on top, 5 RS order swapped,
        // 6 old revision gone, 7 analysis run finished
        QTest::newRow("same view: nothing") << 0 << 0 << 0 << 0 << 0;
        QTest::newRow("pod restarted: one row changes") << 1 << 0 << 0 << 0 << 1;
        QTest::newRow("pod added: one insert") << 2 << 1 << 0 << 0 << 0;
        QTest::newRow("pod gone: one removal") << 3 << 0 << 1 << 0 << 0;
        QTest::newRow("new revision: one insert at the top") << 4 << 1 << 0 << 0 << 0;
        QTest::newRow("ReplicaSets reordered: one move") << 5 << 0 << 0 << 1 << 0;
        QTest::newRow("old revision gone: one removal") << 6 << 0 << 1 << 0 << 0;
        QTest::newRow("analysis run finished: one row changes") << 7 << 0 << 0 << 0 << 1;
    }

    void appliesChangesIncrementally()
    {
        QFETCH(int, change);
        RolloutDetailModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setTarget(QStringLiteral("prod"), QStringLiteral("demo"), QStringLiteral("api"));
        RolloutInfo info = baseInfo();
        model.setInfo(info);
        const QPersistentModelIndex stable = model.indexOf(Kind::ReplicaSet, QStringLiteral("api-b"));
        QVERIFY(stable.isValid());

        switch (change) {
        case 1:
            rsNamed(info, QStringLiteral("api-b")).pods[1].restarts = 2;
            break;
        case 2:
            rsNamed(info, QStringLiteral("api-c")).pods << pod(QStringLiteral("api-c-2"));
            break;
        case 3:
            rsNamed(info, QStringLiteral("api-b")).pods.removeFirst();
            break;
        case 4: {
            RevisionInfo r4;
            r4.revision = 4;
            r4.replicaSets << replicaSet(QStringLiteral("api-d"), 4, {pod(QStringLiteral("api-d-1"))}, false);
            info.revisions.prepend(r4);
            break;
        }
        case 5: {
            // Two ReplicaSets in one revision, then their order flips.
            info.revisions[0].replicaSets << replicaSet(QStringLiteral("api-c2"), 3, {}, false);
            model.setInfo(info);
            std::swap(info.revisions[0].replicaSets[0], info.revisions[0].replicaSets[1]);
            break;
        }
        case 6:
            info.revisions.removeLast();
            break;
        case 7:
            info.revisions[0].analysisRuns[0] =
                analysisRun(QStringLiteral("api-c-3"), 3, QStringLiteral("Successful"), 4, 0);
            break;
        default:
            break;
        }
        SignalCounts counts(&model);
        model.setInfo(info);
        QCOMPARE(counts.reset.size(), 0);
        QTEST(int(counts.inserted.size()), "inserted");
        QTEST(int(counts.removed.size()), "removed");
        QTEST(int(counts.moved.size()), "moved");
        QTEST(int(counts.changed.size()), "changed");
        // The stable ReplicaSet's row survives every change (views keep selection and expansion).
        QVERIFY(stable.isValid());
        QCOMPARE(stable.data().toString(), QStringLiteral("api-b"));

        // The tree now equals one built from scratch.
        RolloutDetailModel fresh;
        fresh.setInfo(info);
        const std::function<void(const QModelIndex &, const QModelIndex &)> same = [&](const QModelIndex &a,
                                                                                       const QModelIndex &b) {
            QCOMPARE(model.rowCount(a), fresh.rowCount(b));
            for (int r = 0; r < model.rowCount(a); ++r) {
                for (int c = 0; c < model.columnCount(); ++c)
                    QCOMPARE(model.index(r, c, a).data(), fresh.index(r, c, b).data());
                same(model.index(r, 0, a), fresh.index(r, 0, b));
            }
        };
        same({}, {});
        if (change == 1) {
            const QModelIndex restarted = model.indexOf(Kind::Pod, QStringLiteral("api-b-2"));
            QCOMPARE(restarted.siblingAtColumn(int(RolloutDetailModel::Column::Info)).data().toString(),
                     QStringLiteral("ready:1/1,restarts:2"));
        }
    }

    void experimentsNestTheirReplicaSetsAndRuns()
    {
        RolloutDetailModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        RolloutInfo info = baseInfo();
        ExperimentInfo ex;
        ex.name = QStringLiteral("api-exp");
        ex.status = QStringLiteral("Running");
        ex.icon = QString::fromUtf16(icons::kProgressing);
        ex.replicaSets << replicaSet(QStringLiteral("api-exp-baseline"), 3, {pod(QStringLiteral("api-exp-b-1"))},
                                     false);
        AnalysisRunInfo run = analysisRun(QStringLiteral("api-exp-run"), 3, QStringLiteral("Running"), 2, 1);
        JobInfo job;
        job.name = QStringLiteral("api-exp-run-job");
        job.status = QStringLiteral("Running");
        job.icon = QString::fromUtf16(icons::kProgressing);
        run.jobs << job;
        ex.analysisRuns << run;
        info.revisions[0].experiments << ex;
        model.setInfo(info);
        const QModelIndex r3 = model.index(0, 0);
        QCOMPARE(model.rowCount(r3), 3); // ReplicaSet, experiment, analysis run
        const QModelIndex exp = model.index(1, 0, r3);
        QCOMPARE(exp.data(RolloutDetailModel::NodeKindRole).toInt(), int(Kind::Experiment));
        QCOMPARE(exp.data(RolloutDetailModel::SeverityRole).toInt(), int(StatusSeverity::Progressing));
        QCOMPARE(model.rowCount(exp), 2);
        const QModelIndex jobIndex = model.indexOf(Kind::Job, QStringLiteral("api-exp-run-job"));
        QCOMPARE(jobIndex.parent(), model.indexOf(Kind::AnalysisRun, QStringLiteral("api-exp-run")));
        QCOMPARE(model.index(1, int(RolloutDetailModel::Column::Info), exp).data().toString(),
                 QStringLiteral("✔ 2,✖ 1"));

        // The experiment ends: its subtree goes in one removal of the experiment row.
        info.revisions[0].experiments.clear();
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.setInfo(info);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(model.rowCount(r3), 2);
    }

    void targetStateAndStaleness()
    {
        RolloutDetailModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setTarget(QStringLiteral("prod"), QStringLiteral("demo"), QStringLiteral("api"));
        model.setInfo(baseInfo());
        QSignalSpy stale(&model, &RolloutDetailModel::stalenessChanged);
        const QDateTime since = kNow.addSecs(-10);
        model.setStaleness({since, QStringLiteral("connection refused")});
        model.setStaleness({since, QStringLiteral("connection refused")});
        QCOMPARE(stale.size(), 1);
        QVERIFY(model.isStale());
        QCOMPARE(model.staleness().cause, QStringLiteral("connection refused"));
        model.setStaleness({{}, QStringLiteral("ignored while live")});
        QVERIFY(!model.isStale());
        QCOMPARE(model.staleness().cause, QString());

        QSignalSpy availability(&model, &RolloutDetailModel::availabilityChanged);
        model.setAvailability(RolloutDetailModel::Availability::Ready);
        model.setAvailability(RolloutDetailModel::Availability::Ready);
        QCOMPARE(availability.size(), 1);

        // Another rollout: the tree and the state start over.
        model.setTarget(QStringLiteral("prod"), QStringLiteral("demo"), QStringLiteral("checkout"));
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.info());
        QCOMPARE(model.availability(), RolloutDetailModel::Availability::None);
        model.setInfo(baseInfo());
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.clearInfo();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(removed.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestRolloutDetailModel)
#include "tst_rolloutdetailmodel.moc"
