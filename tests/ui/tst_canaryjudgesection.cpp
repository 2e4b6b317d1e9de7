// The canary judge in the rollout detail: Kayenta's judge on the stable and canary lines of the Metrics tab's charts
// (charts::judgeCharts), its score and each metric's classification with the reason in words; judged again when a
// chart refreshes; hidden while no chart has both lines; placed above the charts of the Metrics tab.
#include "SampleJudgeCharts.h"
#include "models/charts/ChartJudge.h"
#include "models/charts/MetricChartModel.h"
#include "ui/CanaryJudgeSection.h"
#include "ui/RolloutDetailPanel.h"

#include <QLabel>
#include <QLayout>
#include <QTabWidget>
#include <QTest>

using namespace rolldeck;
using namespace rolldeck::charts;
using stats::MetricClass;
using stats::ScoreClass;

class TestCanaryJudgeSection : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void inputsComeFromTheOverlapOfBothLines()
    {
        QStringList units;
        const QList<stats::JudgeInput> inputs = judgeInputs(test::sampleJudgeCharts(160), &units);
        QCOMPARE(inputs.size(), 2); // not the dashboard, not the chart without a canary line
        QCOMPARE(inputs.at(0).config.name, QStringLiteral("latency p95"));
        QCOMPARE(inputs.at(0).control.size(), size_t(40)); // the stable points while the canary ran
        QCOMPARE(inputs.at(0).experiment.size(), size_t(40));
        QCOMPARE(inputs.at(0).config.direction, stats::JudgeDirection::Increase); // < 200: only higher fails
        QVERIFY(!inputs.at(0).config.critical);
        QVERIFY(inputs.at(1).config.critical);        // a rollback trigger
        QVERIFY(inputs.at(1).control.front() > 0.01); // drawn in %: 0.04, not 0.0004
        QCOMPARE(units, (QStringList{QStringLiteral("ms"), QStringLiteral("%")}));
    }

    void scoreAndReasonsAndARejudgeOnRefresh()
    {
        MetricChartModel model;
        model.setCharts(test::sampleJudgeCharts(160));
        CanaryJudgeSection section;
        section.setModel(&model);
        section.show();
        QVERIFY(section.isVisible());
        const ChartJudgement &j = section.judgement();
        QVERIFY(j.judged);
        QCOMPARE(j.result.metrics.size(), 2);
        QCOMPARE(j.result.metrics.at(0).classification, MetricClass::High);
        QCOMPARE(j.result.metrics.at(1).classification, MetricClass::Pass);
        QCOMPARE(j.result.classification, ScoreClass::Fail); // one group of two fails: 50
        QCOMPARE(j.result.score, 50.0);
        const QString text = section.text();
        QVERIFY2(text.contains(QLatin1String("score 50 of 100: Fail")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("High: latency p95: canary higher by ")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("above the allowed increase → High")), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("ms (HL estimate, 98 % CI ")));
        QVERIFY(text.contains(QLatin1String("Pass: error rate: ")));
        QVERIFY(text.contains(QLatin1String("(critical)")) == false); // the trigger passed: not beyond its gate
        QVERIFY(text.contains(QLatin1String("canary points: 40")));
        QVERIFY(text.contains(QLatin1String("Mann-Whitney at 98 % confidence")));

        // The canary recovers: the refreshed chart is judged again (once the event loop turns).
        MetricChart fixed = test::sampleJudgeCharts(121).constFirst();
        model.updateChart(fixed);
        QTRY_COMPARE(section.judgement().result.classification, ScoreClass::Pass);
        QCOMPARE(section.judgement().result.score, 100.0);
        QVERIFY(section.text().contains(QLatin1String("score 100 of 100: Pass")));

        // No chart with both lines: nothing to judge, nothing shown.
        model.setCharts({test::sampleJudgeCharts(160).at(3)});
        QTRY_VERIFY(!section.judgement().judged);
        QVERIFY(section.isHidden());
        QVERIFY(!section.judgement().notice.isEmpty());
    }

    void itSitsAboveTheChartsOfTheMetricsTab()
    {
        RolloutDetailPanel panel;
        auto *charts = new QLabel(QStringLiteral("charts"));
        panel.setMetricsWidget(charts);
        MetricChartModel model;
        model.setCharts(test::sampleJudgeCharts(160));
        panel.canaryJudge()->setModel(&model);
        QWidget *page = panel.tabs()->widget(panel.tabs()->count() - 1);
        QCOMPARE(panel.tabs()->tabText(panel.tabs()->count() - 1), QStringLiteral("Metrics"));
        QVERIFY(page->isAncestorOf(panel.canaryJudge()));
        QVERIFY(page->isAncestorOf(charts));
        QVERIFY(panel.canaryJudge()->isVisibleTo(page));
        QVERIFY(page->layout()->indexOf(panel.canaryJudge()) < page->layout()->indexOf(charts));
    }
};

QTEST_MAIN(TestCanaryJudgeSection)
#include "tst_canaryjudgesection.moc"
