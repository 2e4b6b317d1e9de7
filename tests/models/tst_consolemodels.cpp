// The item models behind the environments sidebar and the attention queue, on hand-made rows of a
// RolloutListModel: counts per environment (or per cluster without a workspace), staleness, production, incremental
// updates; the queue's rows (the attention rule and stale clusters), oldest first, narrowed to one environment.
#include "models/itemmodels/AttentionQueueModel.h"
#include "models/itemmodels/EnvironmentSummaryModel.h"
#include "models/itemmodels/RolloutListModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace rolldeck;

namespace {

const QDateTime kNow(QDate(2026, 8, 17), QTime(10, 0), Qt::UTC);

RolloutRow row(const QString &cluster, const QString &environment, const QString &name, const QString &status,
               int pausedMinutesAgo = -1)
{
    RolloutRow r;
    r.cluster = cluster;
    r.environment = environment;
    r.uid = QStringLiteral("uid-") + name;
    r.namespaceName = environment.isEmpty() ? QStringLiteral("ns") : environment;
    r.name = name;
    r.strategy = QStringLiteral("Canary");
    r.status = status;
    r.created = kNow.addDays(-1);
    if (status == u"Paused") {
        r.pauseReasons = {QStringLiteral("CanaryPauseStep")}; // a pause step without duration: until promoted
        r.message = QStringLiteral("CanaryPauseStep");
    }
    if (pausedMinutesAgo >= 0)
        r.stateSince = kNow.addSecs(-60 * pausedMinutesAgo);
    return r;
}

QStringList names(const QAbstractItemModel &m)
{
    QStringList out;
    for (int r = 0; r < m.rowCount(); ++r)
        out << m.index(r, 0).data(RolloutListModel::NameRole).toString();
    return out;
}

} // namespace

class TestConsoleModels : public QObject
{
    Q_OBJECT
private slots:
    void environmentCounts()
    {
        RolloutListModel list;
        list.setClock([] { return kNow; });
        list.setEnvironments({QStringLiteral("production"), QStringLiteral("staging")});
        EnvironmentSummaryModel summary;
        QAbstractItemModelTester tester(&summary, QAbstractItemModelTester::FailureReportingMode::Fatal);
        summary.setSourceModel(&list);
        QCOMPARE(summary.rowCount(), 2);
        list.upsert(
            {row(QStringLiteral("c1"), QStringLiteral("production"), QStringLiteral("api"), QStringLiteral("Paused"),
                 12),
             row(QStringLiteral("c1"), QStringLiteral("production"), QStringLiteral("web"), QStringLiteral("Degraded")),
             row(QStringLiteral("c1"), QStringLiteral("production"), QStringLiteral("db"), QStringLiteral("Healthy")),
             row(QStringLiteral("c2"), QStringLiteral("staging"), QStringLiteral("ui"),
                 QStringLiteral("Progressing"))});
        QSignalSpy changed(&summary, &QAbstractItemModel::dataChanged);
        QTRY_COMPARE(changed.size(), 2); // once per environment, one pass after the batch
        const auto at = [&summary](int r, int role) { return summary.index(r).data(role).toInt(); };
        QCOMPARE(summary.index(0).data(EnvironmentSummaryModel::KeyRole).toString(), QStringLiteral("production"));
        QCOMPARE(at(0, EnvironmentSummaryModel::DegradedRole), 1);
        QCOMPARE(at(0, EnvironmentSummaryModel::WaitingRole), 1);
        QCOMPARE(at(0, EnvironmentSummaryModel::ProgressingRole), 0);
        QCOMPARE(at(0, EnvironmentSummaryModel::TotalRole), 3);
        QVERIFY(summary.index(0).data(EnvironmentSummaryModel::ProductionRole).toBool());
        QVERIFY(!summary.index(1).data(EnvironmentSummaryModel::ProductionRole).toBool());
        QCOMPARE(at(1, EnvironmentSummaryModel::ProgressingRole), 1);
        QVERIFY(!summary.index(1).data(EnvironmentSummaryModel::StaleRole).toBool());

        // A stale cluster marks its environment; a rollout that recovers leaves the count.
        list.setClusterStale(QStringLiteral("c2"), {kNow, QStringLiteral("connection refused")});
        QTRY_VERIFY(summary.index(1).data(EnvironmentSummaryModel::StaleRole).toBool());
        list.upsert({row(QStringLiteral("c1"), QStringLiteral("production"), QStringLiteral("web"),
                         QStringLiteral("Healthy"))});
        QTRY_COMPARE(at(0, EnvironmentSummaryModel::DegradedRole), 0);

        // A new environment comes in at its place, without a reset.
        QSignalSpy reset(&summary, &QAbstractItemModel::modelReset);
        list.setEnvironments({QStringLiteral("production"), QStringLiteral("canary"), QStringLiteral("staging")});
        QTRY_COMPARE(summary.rowCount(), 3);
        QCOMPARE(summary.index(1).data().toString(), QStringLiteral("canary"));
        QCOMPARE(reset.size(), 0);
    }

    void withoutAWorkspaceTheClustersAreTheEnvironments()
    {
        RolloutListModel list;
        EnvironmentSummaryModel summary;
        QAbstractItemModelTester tester(&summary, QAbstractItemModelTester::FailureReportingMode::Fatal);
        summary.setSourceModel(&list);
        list.upsert({row(QStringLiteral("prod-eu"), {}, QStringLiteral("a"), QStringLiteral("Degraded")),
                     row(QStringLiteral("dev"), {}, QStringLiteral("b"), QStringLiteral("Healthy"))});
        QTRY_COMPARE(summary.rowCount(), 2);
        QCOMPARE(summary.index(0).data().toString(), QStringLiteral("dev")); // RolloutListModel::clusters(): sorted
        QVERIFY(summary.index(0).data(EnvironmentSummaryModel::IsClusterRole).toBool());
        QCOMPARE(summary.index(1).data(EnvironmentSummaryModel::DegradedRole).toInt(), 1);
        QVERIFY(summary.index(1).data(EnvironmentSummaryModel::ProductionRole).toBool());
        list.removeCluster(QStringLiteral("dev"));
        QTRY_COMPARE(summary.rowCount(), 1);
    }

    void attentionQueueOldestFirst()
    {
        RolloutListModel list;
        list.setClock([] { return kNow; });
        list.setEnvironments({QStringLiteral("production"), QStringLiteral("staging")});
        AttentionQueueModel queue;
        QAbstractItemModelTester tester(&queue, QAbstractItemModelTester::FailureReportingMode::Fatal);
        queue.setSourceModel(&list);
        list.upsert(
            {row(QStringLiteral("c1"), QStringLiteral("production"), QStringLiteral("recent"), QStringLiteral("Paused"),
                 2),
             row(QStringLiteral("c1"), QStringLiteral("production"), QStringLiteral("calm"), QStringLiteral("Healthy")),
             row(QStringLiteral("c1"), QStringLiteral("production"), QStringLiteral("old"), QStringLiteral("Paused"),
                 40),
             row(QStringLiteral("c2"), QStringLiteral("staging"), QStringLiteral("broken"), QStringLiteral("Degraded"),
                 12),
             row(QStringLiteral("c2"), QStringLiteral("staging"), QStringLiteral("unknown-since"),
                 QStringLiteral("Degraded"))});
        QCOMPARE(names(queue), (QStringList{QStringLiteral("old"), QStringLiteral("broken"), QStringLiteral("recent"),
                                            QStringLiteral("unknown-since")}));
        queue.setScope(QStringLiteral("production"), false);
        QCOMPARE(names(queue), (QStringList{QStringLiteral("old"), QStringLiteral("recent")}));
        queue.setScope(QStringLiteral("c2"), true);
        QCOMPARE(names(queue), (QStringList{QStringLiteral("broken"), QStringLiteral("unknown-since")}));
        queue.setScope({}, false);

        // Promoted: it leaves; a cluster goes stale: its calm rows need a person to know they are not current.
        RolloutRow promoted =
            row(QStringLiteral("c1"), QStringLiteral("production"), QStringLiteral("old"), QStringLiteral("Healthy"));
        list.upsert({promoted});
        QVERIFY(!names(queue).contains(QStringLiteral("old")));
        list.setClusterStale(QStringLiteral("c1"), {kNow, QStringLiteral("watch idle 10 s")});
        QVERIFY(names(queue).contains(QStringLiteral("calm")));
        QVERIFY(names(queue).contains(QStringLiteral("old")));
    }
};

QTEST_GUILESS_MAIN(TestConsoleModels)
#include "tst_consolemodels.moc"
