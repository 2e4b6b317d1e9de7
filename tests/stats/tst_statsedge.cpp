// models/stats on what the reference cases do not reach: a published interval, degenerate inputs (never a NaN
// behind an ok result), the pairwise-difference selection against brute force, and the planning functions'
// inverses.
#include "models/stats/MannWhitney.h"
#include "models/stats/Means.h"
#include "models/stats/Power.h"
#include "models/stats/Proportions.h"
#include "models/stats/SampleRatio.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <random>

using namespace rolldeck::stats;

namespace {

bool allFinite(const TestResult &r)
{
    return std::isfinite(r.pValue) && std::isfinite(r.statistic);
}

} // namespace

class TestStatsEdge : public QObject
{
    Q_OBJECT

private slots:
    void newcombePublishedExample();
    void degenerateInputsSayNotEnoughData();
    void pairwiseSelectionMatchesBruteForce();
    void pairwiseSelectionOfBinnedSamples();
    void largeSamplesShareTheFirstRounds();
    void sampleSizeIsTheSmallestWithThePower();
    void minimumDetectableEffectInvertsTheSampleSize();
    void sampleRatioAlarm();
    void timeLeft();
};

void TestStatsEdge::newcombePublishedExample()
{
    // Newcombe (1998), Statistics in Medicine 17:873, example (a): 56/70 against 48/80, method 10: 0.0524 to 0.3339.
    const TestResult r = twoProportionZ(Counts{48, 80}, Counts{56, 70});
    QVERIFY(r.ok());
    QCOMPARE(std::round(r.ciLow * 1e4) / 1e4, 0.0524);
    QCOMPARE(std::round(r.ciHigh * 1e4) / 1e4, 0.3339);
    QCOMPARE(r.estimate, 0.2);
}

void TestStatsEdge::degenerateInputsSayNotEnoughData()
{
    const std::vector<TestResult> refused{
        twoProportionZ(Counts{0, 0}, Counts{3, 10}),
        twoProportionZ(Counts{0, 10}, Counts{0, 10}),
        twoProportionZ(Counts{5, 4}, Counts{3, 10}),
        relativeLift(Counts{0, 100}, Counts{3, 100}),
        chiSquareIndependence({{0, 10}, {0, 12}}, true),
        chiSquareIndependence({{1, 2}}, false),
        chiSquareIndependence({{1, 2}, {3}}, false),
        welchT(summarize({}), summarize({1, 2})),
        welchT(summarize({1}), summarize({1, 2})),
        welchT(summarize({4, 4, 4}), summarize({4, 4})),
        studentT(summarize({4, 4, 4}), summarize({4, 4})),
        studentT(summarize({1}), summarize({2})),
        // Means a double can hold whose difference it cannot (found by fuzz_abtestinput).
        welchT(Summary{3, 1.7e308, 1}, Summary{3, -1.7e308, 1}),
        studentT(Summary{3, 1.7e308, 1}, Summary{3, -1.7e308, 1}),
        mannWhitney({}, {1, 2}),
        mannWhitney({3, 3}, {3, 3, 3}),
        mannWhitney({1, NAN}, {2, 3}),
        sampleRatioMismatch({0, 0}, {50, 50}),
        sampleRatioMismatch({10}, {100}),
        sampleRatioMismatch({10, 10}, {50, 0}),
    };
    for (size_t i = 0; i < refused.size(); ++i) {
        QVERIFY2(!refused[i].ok(), qPrintable(QString::number(i)));
        QVERIFY(!refused[i].method.isEmpty());
    }
    // Small but answerable: a number for each, none of them NaN.
    const std::vector<TestResult> answered{
        twoProportionZ(Counts{0, 5}, Counts{1, 5}),
        mannWhitney({1}, {2}),
        mannWhitney({1, 2, 3}, {1, 2, 3}),
        studentT(summarize({1}), summarize({2, 3, 4})),
        welchT(summarize({1, 2}), summarize({5, 5})),
        chiSquareIndependence({{1, 0}, {0, 1}}, true),
    };
    for (size_t i = 0; i < answered.size(); ++i)
        QVERIFY2(answered[i].ok() && allFinite(answered[i]), qPrintable(QString::number(i)));
    QCOMPARE(mannWhitney({1, 2, 3}, {1, 2, 3}).pValue, 1.0);
    QCOMPARE(mannWhitney({1, 2, 3}, {1, 2, 3}).estimate, 0.0);
    // A variance whose square overflows (found by fuzz_abtestinput: p came out NaN). R: t.test(c(20, 40, 60, 80),
    // c(6e91, 35)) gives t = 1, df = 1 (to six places), p = 0.5; the standard error is 3e91.
    const TestResult huge = welchT(summarize({20, 40, 60, 80}), summarize({6e91, 35}));
    QVERIFY(huge.ok() && allFinite(huge));
    QCOMPARE(qRound(huge.df * 1e6), 1000000);
    QCOMPARE(qRound(huge.statistic * 1e6), 1000000);
    QCOMPARE(qRound(huge.pValue * 1e6), 500000);
}

void TestStatsEdge::pairwiseSelectionMatchesBruteForce()
{
    std::mt19937_64 random(11);
    std::uniform_int_distribution<int> size(1, 40), value(-20, 20);
    std::normal_distribution<double> noise(0, 1e6);
    for (int round = 0; round < 200; ++round) {
        std::vector<double> a(size(random)), b(size(random));
        const bool ties = round % 2;
        for (double &x : a)
            x = ties ? value(random) : noise(random);
        for (double &x : b)
            x = ties ? value(random) * 0.5 : noise(random);
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        std::vector<double> all;
        for (const double y : b)
            for (const double x : a)
                all.push_back(y - x);
        std::sort(all.begin(), all.end());
        for (const size_t k : {size_t(1), all.size() / 3 + 1, all.size() / 2 + 1, all.size()})
            QCOMPARE(kthPairwiseDifference(a, b, double(k)), all[k - 1]);
    }
}

// Binned samples (what the live source makes of histograms): a few values, each tied many times, and enough pairs
// that the selection samples instead of listing. fuzz_abexperiment found ranks past the end of a tied block here.
void TestStatsEdge::pairwiseSelectionOfBinnedSamples()
{
    std::mt19937_64 random(5);
    std::uniform_int_distribution<int> size(60, 300), bins(1, 4), bin(0, 3);
    for (int round = 0; round < 60; ++round) {
        std::vector<double> a(size(random)), b(size(random));
        const int na = bins(random), nb = bins(random);
        for (double &x : a)
            x = 25.0 * (bin(random) % na);
        for (double &x : b)
            x = 50.0 + 25.0 * (bin(random) % nb);
        if (round == 0) { // the fuzzer's case: one value against two, the median between them
            a.assign(800, 0);
            b.assign(100, 50);
            b.insert(b.end(), 100, 100);
        }
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        std::vector<double> all;
        for (const double y : b)
            for (const double x : a)
                all.push_back(y - x);
        std::sort(all.begin(), all.end());
        const size_t n = all.size();
        for (const size_t k : {size_t(1), n / 3 + 1, n / 2, n / 2 + 1, n})
            QCOMPARE(kthPairwiseDifference(a, b, double(k)), all[k - 1]);
        const double median = n % 2 ? all[n / 2] : (all[n / 2 - 1] + all[n / 2]) / 2;
        QCOMPARE(hodgesLehmann(a, b), median);
    }
}

void TestStatsEdge::sampleSizeIsTheSmallestWithThePower()
{
    for (const double ratio : {1.0, 0.25, 4.0}) {
        const SampleSize n = sampleSizeMeans(30, 150, 0.05, 0.8, ratio);
        QVERIFY(powerMeans(n.perGroupA, 30, 150, 0.05, ratio) >= 0.8);
        QVERIFY(powerMeans(n.perGroupA - 1, 30, 150, 0.05, ratio) < 0.8);
        QCOMPARE(n.perGroupB, std::ceil(n.perGroupA * ratio));
    }
    // Conversion 4.0 % against 4.4 %: about 39,500 visits a side at 50/50 (R's power.prop.test: 39,474.8).
    const SampleSize half = sampleSizeProportions(0.04, 0.004, 0.05, 0.8, 1);
    QCOMPARE(half.perGroupA, half.perGroupB);
    QVERIFY(half.perGroupA > 39000 && half.perGroupA < 40000);
    // 80/20 needs more in total than 50/50 for the same effect.
    QVERIFY(sampleSizeProportions(0.04, 0.004, 0.05, 0.8, 0.25).total() > half.total());
    QVERIFY(std::isnan(sampleSizeProportions(0.04, 0, 0.05, 0.8).perGroupA));
}

void TestStatsEdge::minimumDetectableEffectInvertsTheSampleSize()
{
    const double mde = minimumDetectableEffectProportions(0.04, 20000, 0.05, 0.8, 0.25);
    QVERIFY(mde > 0.002 && mde < 0.02);
    QCOMPARE(sampleSizeProportions(0.04, mde, 0.05, 0.8, 0.25).perGroupA, 20000.0);
    const double delta = minimumDetectableEffectMeans(40, 500, 0.05, 0.8, 1);
    QVERIFY(std::fabs(powerMeans(500, delta, 40, 0.05, 1) - 0.8) < 1e-6);
    QVERIFY(minimumDetectableEffectProportions(0.04, 3, 0.05, 0.8, 1) > 0.5); // three visits see only a landslide
    QVERIFY(std::isnan(minimumDetectableEffectProportions(0.04, 0, 0.05, 0.8, 1)));
}

void TestStatsEdge::sampleRatioAlarm()
{
    const TestResult fine = sampleRatioMismatch({5050, 4950}, {50, 50});
    QVERIFY(fine.ok() && fine.pValue > kSampleRatioAlarm);
    const TestResult broken = sampleRatioMismatch({10000, 9000}, {50, 50});
    QVERIFY(broken.ok() && broken.pValue < kSampleRatioAlarm);
    // 80/20 configured, 80/20 observed: no alarm; the same counts against 50/50 would be.
    QVERIFY(sampleRatioMismatch({8000, 2000}, {80, 20}).pValue > 0.5);
    QVERIFY(sampleRatioMismatch({8000, 2000}, {50, 50}).pValue < kSampleRatioAlarm);
}

void TestStatsEdge::timeLeft()
{
    QCOMPARE(secondsLeft(1000, 400, 2), 300.0);
    QCOMPARE(secondsLeft(1000, 1200, 2), 0.0);
    QVERIFY(std::isinf(secondsLeft(1000, 400, 0)));
}

// On large samples the interval's ends and the Hodges-Lehmann median are selected from one bracket narrowed for all
// three (MannWhitney.cpp intervalAndEstimate): the estimate must be the one selected on its own, with ties
// (whole milliseconds, and tenths of them so a block of ties holds the median) and without.
void TestStatsEdge::largeSamplesShareTheFirstRounds()
{
    for (int round = 0; round < 6; ++round) {
        std::mt19937_64 random(round + 7);
        std::lognormal_distribution<double> control(std::log(180), 0.4), treatment(std::log(170), 0.5);
        std::vector<double> a(30000), b(20011);
        const double grain = round % 3 == 0 ? 0 : round % 3 == 1 ? 1 : 10;
        for (double &x : a)
            x = grain > 0 ? std::round(control(random) / grain) : control(random);
        for (double &x : b)
            x = grain > 0 ? std::round(treatment(random) / grain) : treatment(random);
        const TestResult result = mannWhitney(a, b);
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        QCOMPARE(result.estimate, hodgesLehmann(a, b));
        QVERIFY(result.ciLow <= result.estimate && result.estimate <= result.ciHigh);
    }
}

QTEST_GUILESS_MAIN(TestStatsEdge)
#include "tst_statsedge.moc"
