// MetricChartModel: rows kept by chart id across new plans (updated, moved, inserted, removed, never reset for a
// refresh), one dataChanged per refreshed chart, markers and the range; MetricChart's verdicts and lines.
#include "models/charts/MetricChartModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace rolldeck;
using namespace rolldeck::charts;

namespace {

MetricChart chart(const QString &id, const QString &success = {}, const QString &failure = {})
{
    MetricChart c;
    c.spec.id = id;
    c.spec.title = id;
    c.spec.successCondition = success;
    c.spec.failureCondition = failure;
    c.prepare();
    return c;
}

QStringList ids(const MetricChartModel &model)
{
    QStringList out;
    for (int i = 0; i < model.rowCount(); ++i)
        out << model.index(i).data(MetricChartModel::IdRole).toString();
    return out;
}

} // namespace

class TestMetricChartModel : public QObject
{
    Q_OBJECT

private slots:
    void rowsFollowThePlanByIdWithoutReset()
    {
        MetricChartModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCharts({chart(QStringLiteral("a")), chart(QStringLiteral("b")), chart(QStringLiteral("c"))});
        QCOMPARE(ids(model), (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));

        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
        model.setCharts({chart(QStringLiteral("c")), chart(QStringLiteral("d")), chart(QStringLiteral("a"))});
        QCOMPARE(ids(model), (QStringList{QStringLiteral("c"), QStringLiteral("d"), QStringLiteral("a")}));
        QCOMPARE(reset.size(), 0);
        QCOMPARE(removed.size(), 1);  // b
        QCOMPARE(inserted.size(), 1); // d
        QVERIFY(moved.size() >= 1);   // c before a
    }

    void aRefreshIsOneDataChanged()
    {
        MetricChartModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCharts({chart(QStringLiteral("a")), chart(QStringLiteral("b"))});
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        MetricChart b = chart(QStringLiteral("b"));
        b.series << ChartSeries{QStringLiteral("canary"), QStringLiteral("canary"), {{1000, 1}, {2000, 2}}};
        b.error = QStringLiteral("boom");
        model.updateChart(b);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
        QCOMPARE(model.chart(1).series.size(), 1);
        QCOMPARE(model.index(1).data(MetricChartModel::ErrorRole).toString(), QStringLiteral("boom"));
        model.updateChart(chart(QStringLiteral("unknown"))); // not a row: ignored
        QCOMPARE(changed.size(), 1);
    }

    void markersAndRange()
    {
        MetricChartModel model;
        QSignalSpy markers(&model, &MetricChartModel::markersChanged);
        QSignalSpy range(&model, &MetricChartModel::rangeChanged);
        const QList<ChartMarker> list{
            {1000, ChartMarker::Kind::Action, QStringLiteral("promote"), QStringLiteral("alice")}};
        model.setMarkers(list);
        model.setMarkers(list); // the same again: no signal
        QCOMPARE(markers.size(), 1);
        model.setRange(MetricChartModel::Range::Last15Minutes);
        QCOMPARE(range.size(), 1);
        QCOMPARE(model.rangeMs(0), qint64(15 * 60 * 1000));
        model.setRange(MetricChartModel::Range::SinceRolloutStart);
        model.setRolloutStart(1'000'000);
        QCOMPARE(model.rangeMs(1'000'000 + 3600 * 1000), qint64(3600 * 1000 + 30 * 1000));
        QCOMPARE(model.rangeMs(1'000'000 + 1000), qint64(2 * 60 * 1000)); // never shorter than two minutes
    }

    void linesAndVerdicts()
    {
        // The scenario's success-rate metric: a failure line at 0.995 and a success line at 0.999.
        MetricChart c = chart(QStringLiteral("analysis/success-rate"),
                              QStringLiteral("len(result) == 0 || isNaN(result[0]) || result[0] >= 0.999"),
                              QStringLiteral("len(result) > 0 && result[0] < 0.995"));
        QVERIFY(c.failureLine);
        QVERIFY(c.successLine);
        QCOMPARE(c.failureLine->value, 0.995);
        QCOMPARE(c.successLine->value, 0.999);
        QCOMPARE(c.verdictOf(0.99), analysis::Phase::Failed);
        QCOMPARE(c.verdictOf(0.997), analysis::Phase::Inconclusive);
        QCOMPARE(c.verdictOf(0.9995), analysis::Phase::Successful);

        // A criterion drawn in percent: the verdict is taken on the unscaled value.
        MetricChart trigger = chart(QStringLiteral("trigger/error rate"), {}, QStringLiteral("result[0] > 0.005"));
        trigger.spec.displayScale = 100;
        QCOMPARE(trigger.verdictOf(0.4), analysis::Phase::Successful);
        QCOMPARE(trigger.verdictOf(0.6), analysis::Phase::Failed);

        // No simple comparison: no line, the points are still judged.
        MetricChart odd = chart(QStringLiteral("x"), QStringLiteral("result[0] > 1 && result[0] < 3"));
        QVERIFY(!odd.successLine);
        QCOMPARE(odd.verdictOf(2), analysis::Phase::Successful);
        QCOMPARE(odd.verdictOf(5), analysis::Phase::Failed);

        MetricChart broken;
        broken.spec.successCondition = QStringLiteral("result[0] ?? 1");
        QVERIFY(!broken.prepare().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestMetricChartModel)
#include "tst_metricchartmodel.moc"
