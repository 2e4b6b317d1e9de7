// An A/B test's report (models/stats/AbReport): which verdict the numbers allow, in words, for the shapes the
// issue names: enough data and a winner, keep running, a sample-ratio mismatch, an 80/20 latency test, no data.
#include "models/stats/AbReport.h"

#include <QTest>

#include <cmath>

using namespace rolldeck::stats;

namespace {

AbTestInput checkout(double visitsA, double conversionsA, double visitsB, double conversionsB)
{
    AbTestInput in;
    in.name = QStringLiteral("checkout-ab");
    in.nameA = QStringLiteral("control");
    in.nameB = QStringLiteral("test");
    in.visitsA = visitsA;
    in.visitsB = visitsB;
    in.conversionsA = conversionsA;
    in.conversionsB = conversionsB;
    in.minimumConversionEffect = 0.004; // 4.0 % → 4.4 %
    in.visitsPerSecond = 10;
    return in;
}

} // namespace

class TestAbReport : public QObject
{
    Q_OBJECT

private slots:
    void enoughDataAndAWinner();
    void keepRunning();
    void sampleRatioMismatchDistrustsEverything();
    void latencyAtEightyTwenty();
    void noData();
};

void TestAbReport::enoughDataAndAWinner()
{
    const AbReport r = buildAbReport(checkout(40000, 1600, 40000, 1760));
    QVERIFY(!r.sampleRatioMismatch);
    QCOMPARE(r.metrics.size(), 1);
    const AbMetricReport &m = r.metrics[0];
    QCOMPARE(m.plannedPerGroupA, 39475.0); // R's power.prop.test: 39,474.8
    QVERIFY(m.progress > 1);
    QVERIFY(m.tests[0].pValue < 0.05);
    QVERIFY2(r.verdict.startsWith(QStringLiteral("test is better on conversion (+10.0 %, CI +")),
             qPrintable(r.verdict));
    QVERIFY(r.verdict.endsWith(QStringLiteral("), enough data")));
    QCOMPARE(r.secondsLeft, 0.0);
    // The z-test and the uncorrected chi-square agree; Yates is more cautious.
    QVERIFY(std::fabs(m.tests[0].pValue - m.tests[2].pValue) < 1e-12);
    QVERIFY(m.tests[3].pValue > m.tests[2].pValue);
}

void TestAbReport::keepRunning()
{
    const AbReport r = buildAbReport(checkout(16000, 640, 16000, 704));
    const AbMetricReport &m = r.metrics[0];
    QVERIFY(m.alwaysValidP > 0.05);
    QCOMPARE(r.verdict, QStringLiteral("conversion: keep running: 40.5 % of the planned sample"));
    // 78,950 planned in all, 32,000 seen, 10 visits a second: 4,695 s left.
    QCOMPARE(r.secondsLeft, (2 * 39475.0 - 32000) / 10);
}

void TestAbReport::sampleRatioMismatchDistrustsEverything()
{
    const AbReport r = buildAbReport(checkout(40000, 1600, 37000, 1760));
    QVERIFY(r.sampleRatioMismatch);
    QVERIFY2(r.verdict.startsWith(QStringLiteral("do not trust: sample-ratio mismatch, p = ")), qPrintable(r.verdict));
    QVERIFY(r.metrics[0].verdict.contains(QStringLiteral("do not trust")));
}

void TestAbReport::latencyAtEightyTwenty()
{
    AbTestInput in;
    in.name = QStringLiteral("search-optimisation");
    in.weightA = 80;
    in.weightB = 20;
    in.visitsA = 8000;
    in.visitsB = 2000;
    AbContinuousMetric latency;
    latency.name = QStringLiteral("response time");
    latency.unit = QStringLiteral("ms");
    latency.minimumEffect = 10;
    latency.a = AbVariantSide{{}, 8000, 180, 60};
    latency.b = AbVariantSide{{}, 2000, 150, 50};
    in.metrics = {latency};
    const AbReport r = buildAbReport(in);
    QVERIFY(!r.sampleRatioMismatch);
    QCOMPARE(r.metrics[0].tests[0].method, QStringLiteral("Welch's t-test"));
    QCOMPARE(r.metrics[0].plannedPerGroupB, std::ceil(r.metrics[0].plannedPerGroupA * 0.25));
    QVERIFY2(r.verdict.startsWith(QStringLiteral("B is better on response time (-30 ms, CI -")), qPrintable(r.verdict));
}

void TestAbReport::noData()
{
    const AbReport r = buildAbReport(checkout(0, 0, 0, 0));
    QVERIFY(!r.sampleRatio.ok());
    QVERIFY2(r.verdict.startsWith(QStringLiteral("conversion: not enough data (")), qPrintable(r.verdict));
    QVERIFY(std::isnan(r.metrics[0].alwaysValidP));
}

QTEST_GUILESS_MAIN(TestAbReport)
#include "tst_abreport.moc"
