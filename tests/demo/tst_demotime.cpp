// `rolldeck --demo --speed N` as the console wires it (DemoCluster, Connections, the list model, the detail
// controller with the demo's time scale): ages in the table and in the detail agree, nothing is dated in the
// future, and a timed pause's remaining time is wall time (docs/simulator.md, "Time").
#include "RolloutDetailModel.h"
#include "RolloutListModel.h"
#include "console/Connections.h"
#include "console/RolloutDetailController.h"
#include "demo/DemoCluster.h"
#include "kube/Kubeconfig.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>

using namespace rolldeck;

namespace {

const QString kNs = QStringLiteral("production");
const QString kName = QStringLiteral("agentic-startup-api");

int findRow(const RolloutListModel &model, const QString &ns, const QString &name)
{
    for (int r = 0; r < model.rowCount(); ++r) {
        const QModelIndex i = model.index(r, 0);
        if (i.data(RolloutListModel::NamespaceRole).toString() == ns &&
            i.data(RolloutListModel::NameRole).toString() == name)
            return r;
    }
    return -1;
}

} // namespace

class TestDemoTime : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void pausedRolloutAgesAgreeAtSpeed()
    {
        const double speed = 60;
        const QDateTime startWall = QDateTime::currentDateTimeUtc();
        DemoCluster cluster;
        QSignalSpy started(&cluster, &DemoCluster::started);
        DemoCluster::Options options;
        options.scenario = QStringLiteral("production-canary");
        options.speed = speed;
        options.startPrometheus = false;
        cluster.start(options);
        QVERIFY(started.wait(20000));
        QCOMPARE(cluster.timeScale(), speed);

        const kube::Kubeconfig config = kube::loadKubeconfigFiles({cluster.kubeconfigPath()});
        const kube::ClusterConfig *ctx = config.context(QStringLiteral("rolldeck-demo"));
        QVERIFY(ctx);

        RolloutListModel list;
        QAbstractItemModelTester listTester(&list, QAbstractItemModelTester::FailureReportingMode::Fatal);
        Connections live(&list);
        QVERIFY(live.addContext(*ctx));
        RolloutDetailModel detailModel;
        QAbstractItemModelTester detailTester(&detailModel, QAbstractItemModelTester::FailureReportingMode::Fatal);
        RolloutDetailController detail(&live, &detailModel);
        detail.setTimeScale(cluster.timeScale()); // as CommandLine does for --demo

        QTRY_VERIFY_WITH_TIMEOUT(findRow(list, kNs, kName) >= 0, 15000);
        detail.open(ctx->contextName, kNs, kName);

        // The update starts 20 simulated seconds in and pauses at its first step: 5% for 30m, i.e. 30 wall s.
        QTRY_VERIFY_WITH_TIMEOUT(detailModel.info() && detailModel.info()->pauseRemainingMs.has_value(), 20000);
        const RolloutInfo info = *detailModel.info();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY2(*info.pauseRemainingMs > 0 && *info.pauseRemainingMs <= 30000,
                 qPrintable(QStringLiteral("a 30m pause at speed 60 shows %1 ms left").arg(*info.pauseRemainingMs)));
        // It has run for at most the time since the demo started.
        QVERIFY2(*info.pauseRemainingMs >= 30000 - startWall.msecsTo(now) - 1000,
                 qPrintable(
                     QStringLiteral("%1 ms left after %2 ms").arg(*info.pauseRemainingMs).arg(startWall.msecsTo(now))));

        // Nothing in the detail is dated after now, or before the demo started.
        QList<QPair<QString, QDateTime>> created{{info.name, info.created}};
        for (const ReplicaSetInfo &rs : info.replicaSets()) {
            created.append({rs.name, rs.created});
            for (const PodInfo &pod : rs.pods)
                created.append({pod.name, pod.created});
        }
        for (const AnalysisRunInfo &run : info.analysisRuns())
            created.append({run.name, run.created});
        QVERIFY(created.size() >= 4);
        for (const auto &[name, when] : created) {
            QVERIFY2(when.isValid(), qPrintable(name));
            QVERIFY2(when <= now.addSecs(1),
                     qPrintable(name + QStringLiteral(" is dated in the future: ") + when.toString(Qt::ISODate)));
            QVERIFY2(when >= startWall.addSecs(-1), qPrintable(name));
        }

        // The table and the detail show the same age for the rollout (both against the wall clock).
        const int row = findRow(list, kNs, kName);
        QVERIFY(row >= 0);
        const QModelIndex ageIndex = list.index(row, int(RolloutListModel::Column::Age));
        QTRY_VERIFY_WITH_TIMEOUT(
            (list.refreshAge(), detailModel.info() && ageIndex.data().toString() == detailModel.info()->age), 5000);
        QCOMPARE(ageIndex.data(RolloutListModel::RawValueRole).toDateTime(), detailModel.info()->created);

        // The remaining time counts down with the wall clock: whenever it is republished, now + remaining is the
        // same wall-clock instant (within the republish interval), over a couple of seconds of watching.
        QList<qint64> ends;
        const qint64 firstRemaining = *detailModel.info()->pauseRemainingMs;
        const qint64 watchFrom = QDateTime::currentMSecsSinceEpoch();
        qint64 lastRemaining = firstRemaining;
        while (QDateTime::currentMSecsSinceEpoch() - watchFrom < 2500) {
            const qint64 previous = lastRemaining;
            QVERIFY(QTest::qWaitFor(
                [&] { return detailModel.info() && detailModel.info()->pauseRemainingMs.value_or(-1) != previous; },
                5000));
            lastRemaining = detailModel.info()->pauseRemainingMs.value_or(-1);
            QVERIFY(lastRemaining >= 0);
            ends.append(QDateTime::currentMSecsSinceEpoch() + lastRemaining);
        }
        QVERIFY(ends.size() >= 2);
        const qint64 spread =
            *std::max_element(ends.cbegin(), ends.cend()) - *std::min_element(ends.cbegin(), ends.cend());
        QVERIFY2(spread <= 2000, qPrintable(QStringLiteral("the pause's end moved by %1 ms of wall time").arg(spread)));
        QVERIFY2(lastRemaining <= firstRemaining - 800,
                 qPrintable(
                     QStringLiteral("%1 ms left, then %2 ms left 2.5 s later").arg(firstRemaining).arg(lastRemaining)));
        detail.close();
    }
};

QTEST_GUILESS_MAIN(TestDemoTime)
#include "tst_demotime.moc"
