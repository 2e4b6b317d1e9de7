// ExperimentListModel on real reports (stats::buildAbReport on seeded, realistic inputs: tests/models/
// SampleExperiments): rows by key in one batch, a repeated read costs no signal, a new read of one test is one
// dataChanged limited to the roles that moved, tests come and go by ranges (never a reset), and the roles say what
// the reports say (keep running, better, do not trust, cannot read).
#include "SampleExperiments.h"
#include "models/itemmodels/ExperimentListModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <cmath>

using namespace rolldeck;
using rolldeck::stats::AbOutcome;
using Model = ExperimentListModel;

namespace {

struct Signals
{
    explicit Signals(QAbstractItemModel *m)
        : dataChanged(m, &QAbstractItemModel::dataChanged), rowsInserted(m, &QAbstractItemModel::rowsInserted),
          rowsRemoved(m, &QAbstractItemModel::rowsRemoved), rowsMoved(m, &QAbstractItemModel::rowsMoved),
          layoutChanged(m, &QAbstractItemModel::layoutChanged), modelReset(m, &QAbstractItemModel::modelReset)
    {
    }
    void clear()
    {
        for (QSignalSpy *s : {&dataChanged, &rowsInserted, &rowsRemoved, &rowsMoved, &layoutChanged, &modelReset})
            s->clear();
    }
    int total() const
    {
        return int(dataChanged.size() + rowsInserted.size() + rowsRemoved.size() + rowsMoved.size() +
                   layoutChanged.size() + modelReset.size());
    }
    QSignalSpy dataChanged, rowsInserted, rowsRemoved, rowsMoved, layoutChanged, modelReset;
};

QStringList keys(const Model &m)
{
    QStringList out;
    for (int r = 0; r < m.rowCount(); ++r)
        out << m.index(r).data(Model::KeyRole).toString();
    return out;
}

int rowOfName(const Model &m, const QString &name)
{
    for (int r = 0; r < m.rowCount(); ++r) {
        if (m.index(r).data(Model::NameRole).toString() == name)
            return r;
    }
    return -1;
}

} // namespace

class TestExperimentListModel : public QObject
{
    Q_OBJECT

private slots:
    void rowsArriveInOneBatchSortedByKey()
    {
        Model model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Signals s(&model);
        model.setSnapshots(test::sampleExperiments());
        QCOMPARE(s.rowsInserted.size(), 1);
        QCOMPARE(s.total(), 1);
        QCOMPARE(keys(model), (QStringList{QStringLiteral("rolldeck-demo/production/checkout-redesign"),
                                           QStringLiteral("rolldeck-demo/production/search-optimisation"),
                                           QStringLiteral("rolldeck-demo/staging/pricing-banner")}));
        // The same read again: nothing on screen can differ, so nothing is said.
        s.clear();
        model.setSnapshots(test::sampleExperiments());
        QCOMPARE(s.total(), 0);
    }

    void rolesSayWhatTheReportsSay()
    {
        Model model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSnapshots(test::sampleExperiments());

        // 40 % of the way, the fixed-horizon p under 0.05 but the always-valid one not yet: keep running.
        const QModelIndex checkout = model.index(rowOfName(model, QStringLiteral("checkout-redesign")));
        const stats::ExperimentSnapshot &c = model.snapshotAt(checkout.row());
        QVERIFY2(c.report.metrics.constFirst().tests.constFirst().pValue < 0.05, "the peeking trap is in the data");
        QVERIFY(c.report.metrics.constFirst().alwaysValidP >= 0.05);
        QCOMPARE(checkout.data(Model::OutcomeRole).toInt(), int(AbOutcome::KeepRunning));
        QVERIFY2(checkout.data(Model::VerdictRole).toString().contains(QLatin1String("keep running")),
                 qPrintable(checkout.data(Model::VerdictRole).toString()));
        const double progress = checkout.data(Model::ProgressRole).toDouble();
        QVERIFY2(progress > 0.2 && progress < 0.8, qPrintable(QString::number(progress)));
        QVERIFY(checkout.data(Model::SecondsLeftRole).toDouble() > 0);
        QCOMPARE(checkout.data(Model::MismatchRole).toBool(), false);
        QCOMPARE(checkout.data(Model::ConfiguredShareBRole).toDouble(), 0.5);
        QCOMPARE(checkout.data(Model::VirtualServiceRole).toString(), QStringLiteral("production/checkout-ab"));

        // 80/20 with enough data: the optimised variant is better on response time.
        const QModelIndex search = model.index(rowOfName(model, QStringLiteral("search-optimisation")));
        QCOMPARE(search.data(Model::OutcomeRole).toInt(), int(AbOutcome::Better));
        QVERIFY(search.data(Model::ProgressRole).toDouble() >= 1);
        QCOMPARE(search.data(Model::ConfiguredShareBRole).toDouble(), 0.2);
        QVERIFY(std::fabs(search.data(Model::ObservedShareBRole).toDouble() - 0.2) < 0.01);
        QVERIFY(search.data(Model::VerdictRole).toString().startsWith(QLatin1String("optimised is better")));

        // 16,100 against 15,300 visits at 50/50: do not trust.
        const QModelIndex pricing = model.index(rowOfName(model, QStringLiteral("pricing-banner")));
        QCOMPARE(pricing.data(Model::OutcomeRole).toInt(), int(AbOutcome::DoNotTrust));
        QCOMPARE(pricing.data(Model::MismatchRole).toBool(), true);
        QVERIFY(pricing.data(Model::SampleRatioPRole).toDouble() < 0.001);
        QVERIFY(pricing.data(Model::VerdictRole).toString().startsWith(QLatin1String("do not trust: sample-ratio")));
    }

    void aNewReadIsOneRoleLimitedDataChanged()
    {
        Model model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSnapshots(test::sampleExperiments());
        Signals s(&model);
        const int row = rowOfName(model, QStringLiteral("checkout-redesign"));
        const int revision = model.index(row).data(Model::RevisionRole).toInt();
        stats::ExperimentSnapshot later = test::checkoutRedesign(20000);
        later.readAt = later.readAt.addSecs(270);
        model.setSnapshots({later, test::searchOptimisation(), test::pricingBanner()});
        QCOMPARE(s.dataChanged.size(), 1);
        QCOMPARE(s.total(), 1);
        QCOMPARE(s.dataChanged.at(0).at(0).toModelIndex().row(), row);
        QCOMPARE(s.dataChanged.at(0).at(1).toModelIndex().row(), row);
        const QList<int> roles = s.dataChanged.at(0).at(2).value<QList<int>>();
        for (int role : {int(Model::VisitsRole), int(Model::ProgressRole), int(Model::ReadAtRole),
                         int(Model::RevisionRole), int(Model::ObservedShareBRole)})
            QVERIFY2(roles.contains(role), qPrintable(QString::number(role)));
        QVERIFY(!roles.contains(Model::NameRole));
        QVERIFY(!roles.contains(Model::ConfiguredShareBRole));
        QCOMPARE(model.index(row).data(Model::RevisionRole).toInt(), revision + 1);
        QCOMPARE(model.index(row).data(Model::VisitsRole).toDouble(), 40000.0);
    }

    void testsComeAndGoByRanges()
    {
        Model model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSnapshots(test::sampleExperiments());
        Signals s(&model);
        // The pricing banner ends; a test in another cluster starts.
        stats::ExperimentSnapshot other = test::checkoutRedesign();
        other.route.context = QStringLiteral("eu-west");
        model.setSnapshots({test::checkoutRedesign(), test::searchOptimisation(), other});
        QCOMPARE(s.rowsRemoved.size(), 1);
        QCOMPARE(s.rowsInserted.size(), 1);
        QCOMPARE(s.modelReset.size(), 0);
        QCOMPARE(s.total(), 2);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0).data(Model::KeyRole).toString(),
                 QStringLiteral("eu-west/production/checkout-redesign"));

        s.clear();
        model.clear();
        QCOMPARE(s.rowsRemoved.size(), 1); // one range
        QCOMPARE(s.total(), 1);
        QCOMPARE(model.rowCount(), 0);
    }

    void aTestThatCannotBeReadSaysWhy()
    {
        Model model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        stats::ExperimentSnapshot broken = test::checkoutRedesign();
        broken.error = QStringLiteral("Prometheus at http://127.0.0.1:9090 answered 503");
        model.setSnapshots({broken});
        QCOMPARE(model.index(0).data(Model::OutcomeRole).toInt(), -1);
        QCOMPARE(model.index(0).data(Model::VerdictRole).toString(), broken.error);
        QCOMPARE(model.index(0).data(Model::ErrorRole).toString(), broken.error);
        QCOMPARE(model.index(0).data(Qt::ToolTipRole).toString(), broken.error);
        Signals s(&model);
        model.setSnapshots({test::checkoutRedesign()}); // read again: the numbers are back
        QCOMPARE(s.dataChanged.size(), 1);
        const QList<int> roles = s.dataChanged.at(0).at(2).value<QList<int>>();
        QVERIFY(roles.contains(Model::OutcomeRole));
        QVERIFY(roles.contains(Model::ErrorRole));
        QCOMPARE(model.index(0).data(Model::OutcomeRole).toInt(), int(AbOutcome::KeepRunning));
    }
};

QTEST_GUILESS_MAIN(TestExperimentListModel)
#include "tst_experimentlistmodel.moc"
