// The canary judge (models/stats/CanaryJudge): the upstream test vectors of reference C.1, the scoring rules, and
// agreement with a straightforward re-implementation of Kayenta's classifier (R's wdiff by explicit ranking, roots
// by plain bisection) on generated data.
#include "models/stats/CanaryJudge.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

using namespace rolldeck::stats;

namespace {

// R's wdiff(d, zq) for x = experiment, y = control, by ranking concat(x − d, y) with average ties.
double wdiff(const std::vector<double> &x, const std::vector<double> &y, double d, double zq)
{
    std::vector<std::pair<double, int>> all;
    for (const double v : x)
        all.push_back({v - d, 0});
    for (const double v : y)
        all.push_back({v, 1});
    std::sort(all.begin(), all.end());
    double rankSumX = 0, ties = 0;
    for (size_t i = 0; i < all.size();) {
        size_t j = i;
        while (j < all.size() && all[j].first == all[i].first)
            ++j;
        const double t = double(j - i), rank = (double(i + 1) + double(j)) / 2;
        for (size_t k = i; k < j; ++k)
            rankSumX += all[k].second == 0 ? rank : 0;
        ties += t * t * t - t;
        i = j;
    }
    const double m = double(x.size()), n = double(y.size());
    const double dz = rankSumX - m * (m + 1) / 2 - m * n / 2;
    const double correction = dz > 0 ? 0.5 : dz < 0 ? -0.5 : 0;
    const double sigma = std::sqrt(m * n / 12 * ((m + n + 1) - ties / ((m + n) * (m + n - 1))));
    return (dz - correction) / sigma - zq;
}

double root(const std::vector<double> &x, const std::vector<double> &y, double zq)
{
    double lo = *std::min_element(x.begin(), x.end()) - *std::max_element(y.begin(), y.end());
    double hi = *std::max_element(x.begin(), x.end()) - *std::min_element(y.begin(), y.end());
    if (wdiff(x, y, lo, zq) <= 0)
        return lo;
    if (wdiff(x, y, hi, zq) >= 0)
        return hi;
    for (int i = 0; i < 200; ++i) {
        const double mid = (lo + hi) / 2;
        (wdiff(x, y, mid, zq) > 0 ? lo : hi) = mid;
    }
    return hi;
}

// Kayenta's classification for direction either and the mean-ratio gates at their defaults.
MetricClass plainClassify(const std::vector<double> &control, const std::vector<double> &experiment, double tolerance)
{
    const double z = 2.3263478740408408; // qnorm(0.99): 98 % two-sided
    const double lo = root(experiment, control, z), hi = root(experiment, control, -z);
    const double est = root(experiment, control, 0);
    const double bound = tolerance * std::fabs(est);
    const double ratio = std::accumulate(experiment.begin(), experiment.end(), 0.0) / double(experiment.size()) /
                         (std::accumulate(control.begin(), control.end(), 0.0) / double(control.size()));
    if (lo > bound && ratio >= 1)
        return MetricClass::High;
    if (hi < -bound && ratio <= 1)
        return MetricClass::Low;
    return MetricClass::Pass;
}

JudgeMetricConfig metric(const char *name)
{
    JudgeMetricConfig c;
    c.name = QString::fromLatin1(name);
    return c;
}

} // namespace

class TestCanaryJudge : public QObject
{
    Q_OBJECT

private slots:
    void upstreamVectors();
    void transformAndNoData();
    void scoring();
    void agreesWithAPlainReimplementation();
    void describesInPlainWords();
};

void TestCanaryJudge::upstreamVectors()
{
    const std::vector<double> experiment{20, 22, 21, 25, 30}, control{1.0, 2.2, 1.1, 2.5, 3.0};
    JudgeMetricConfig c = metric("m");
    QCOMPARE(classifyMetric(c, control, experiment, 0.10, 0.95).classification, MetricClass::High);
    c.critical = true;
    MetricVerdict v = classifyMetric(c, control, experiment, 0.10, 0.95);
    QCOMPARE(v.classification, MetricClass::High);
    QVERIFY(v.critical);
    c.critical = false;
    c.allowedDecrease = 1.0;
    c.allowedIncrease = 13.0; // the mean ratio is 23.6 / 1.96 ≈ 12.04
    v = classifyMetric(c, control, experiment, 0.10, 0.95);
    QCOMPARE(v.classification, MetricClass::Pass);
    QVERIFY(std::fabs(v.meanRatio - 23.6 / 1.96) < 1e-12);
    c.critical = true;
    c.allowedIncrease = 5.0;
    c.criticalDecrease = 1.0;
    c.criticalIncrease = 13.0;
    v = classifyMetric(c, control, experiment, 0.10, 0.95);
    QCOMPARE(v.classification, MetricClass::High);
    QVERIFY(!v.critical);

    JudgeMetricConfig low = metric("low");
    low.critical = true;
    low.criticalIncrease = 1.2;
    low.criticalDecrease = 1.0;
    v = classifyMetric(low, {10, 20.2, 10.1, 20.5, 30}, {2, 2, 2, 2, 3}, 0.25, 0.98);
    QCOMPARE(v.classification, MetricClass::Low);
    QVERIFY(v.critical);

    v = classifyMetric(metric("same"), {1, 1}, {1, 1, 1});
    QCOMPARE(v.classification, MetricClass::Pass);
}

void TestCanaryJudge::transformAndNoData()
{
    JudgeMetricConfig c = metric("m");
    QCOMPARE(classifyMetric(c, {NAN, NAN}, {1, 2}).classification, MetricClass::Nodata);
    c.mustHaveData = true;
    QCOMPARE(classifyMetric(c, {}, {1, 2}).classification, MetricClass::NodataFailMetric);
    c.critical = true;
    MetricVerdict v = classifyMetric(c, {}, {1, 2});
    QCOMPARE(v.classification, MetricClass::Nodata);
    QVERIFY(v.critical);
    c.replaceNaN = true;
    QCOMPARE(classifyMetric(c, {NAN}, {}).classification, MetricClass::Pass);
    // Identical samples pass with Kayenta's words; one distinct value each gets noise and is then judged.
    v = classifyMetric(metric("m"), {3, 1, 2}, {1, 2, 3});
    QCOMPARE(v.reason, QStringLiteral("data are identical"));
    QCOMPARE(classifyMetric(metric("m"), {5, 5, 5, 5, 5, 5}, {9, 9, 9, 9, 9, 9}).classification, MetricClass::High);
    // Outliers: with removal on, one wild control value no longer hides a shift.
    std::vector<double> control(40, 100.0), experiment(40, 130.0);
    for (size_t i = 0; i < 40; ++i) {
        control[i] += double(i % 7);
        experiment[i] += double(i % 5);
    }
    control.push_back(1e9);
    JudgeMetricConfig outliers = metric("m");
    outliers.removeOutliers = true;
    QCOMPARE(classifyMetric(outliers, control, experiment).classification, MetricClass::High);
    // R-7 percentiles as Apache Commons computes them.
    QCOMPARE(percentileR7({1, 2, 3, 4}, 0.25), 1.75);
    QCOMPARE(percentileR7({1, 2, 3, 4}, 0.99), 3.97);
}

void TestCanaryJudge::scoring()
{
    const std::vector<double> base{10, 11, 12, 10.5, 11.5, 10.2, 11.8, 10.9, 11.1, 10.4};
    std::vector<double> worse = base;
    for (double &x : worse)
        x += 20;
    QList<JudgeInput> inputs;
    JudgeMetricConfig latency = metric("latency");
    latency.groups = {QStringLiteral("latency")};
    JudgeMetricConfig errors = metric("errors");
    errors.groups = {QStringLiteral("errors")};
    JudgeMetricConfig cpu = metric("cpu");
    cpu.groups = {QStringLiteral("errors")};
    inputs = {{latency, base, worse}, {errors, base, base}, {cpu, base, base}};
    JudgeSettings settings;
    settings.groupWeights = {{QStringLiteral("latency"), 60}};
    JudgeResult r = judgeCanary(inputs, settings);
    QCOMPARE(r.metrics[0].classification, MetricClass::High);
    QCOMPARE(r.groupScores.value(QStringLiteral("latency")), 0.0);
    QCOMPARE(r.groupScores.value(QStringLiteral("errors")), 100.0);
    QCOMPARE(r.score, 40.0); // the unweighted group takes the 40 % left
    QCOMPARE(r.classification, ScoreClass::Fail);
    // Muted metrics are classified but not scored.
    inputs[0].config.muted = true;
    r = judgeCanary(inputs, settings);
    QCOMPARE(r.score, 40.0); // the latency group is gone; "errors" keeps its unweighted share
    // A critical metric beyond its gate fails the canary outright.
    inputs[0].config.muted = false;
    inputs[0].config.critical = true;
    r = judgeCanary(inputs, settings);
    QCOMPARE(r.score, 0.0);
    QVERIFY(r.reason.startsWith(QStringLiteral("Canary Failed")));
    // Half the metrics without data: score 0.
    inputs = {{errors, {}, {}}, {cpu, base, base}};
    r = judgeCanary(inputs, settings);
    QCOMPARE(r.score, 0.0);
    // All passing: 100, Pass. (A configured weight of a group with no metrics is not handed to the others.)
    inputs = {{errors, base, base}, {cpu, base, base}};
    QCOMPARE(judgeCanary(inputs, settings).score, 40.0);
    r = judgeCanary(inputs, JudgeSettings{});
    QCOMPARE(r.score, 100.0);
    QCOMPARE(r.classification, ScoreClass::Pass);
}

void TestCanaryJudge::agreesWithAPlainReimplementation()
{
    std::mt19937_64 random(42);
    std::normal_distribution<double> noise(0, 1);
    std::uniform_int_distribution<int> size(5, 60);
    std::uniform_real_distribution<double> shift(-3, 3);
    int disagreements = 0, high = 0, low = 0;
    for (int round = 0; round < 300; ++round) {
        std::vector<double> control(size(random)), experiment(size(random));
        const double s = shift(random);
        for (double &x : control)
            x = 100 + 5 * noise(random);
        for (double &x : experiment)
            x = 100 + s * 5 + 5 * noise(random);
        const MetricClass fast = classifyMetric(metric("m"), control, experiment).classification;
        const MetricClass plain = plainClassify(control, experiment, 0.25);
        disagreements += fast != plain;
        high += fast == MetricClass::High;
        low += fast == MetricClass::Low;
    }
    QCOMPARE(disagreements, 0);
    QVERIFY(high > 30 && low > 30); // the generated data reach every class
}

void TestCanaryJudge::describesInPlainWords()
{
    MetricVerdict v;
    v.name = QStringLiteral("latency p95");
    v.classification = MetricClass::High;
    v.estimate = 38;
    v.ciLow = 21;
    v.ciHigh = 55;
    QCOMPARE(describeVerdict(v, QStringLiteral("ms")),
             QStringLiteral("latency p95: canary higher by 38 ms (HL estimate, 98 % CI 21 ms–55 ms), above the allowed "
                            "increase → High"));
}

QTEST_GUILESS_MAIN(TestCanaryJudge)
#include "tst_canaryjudge.moc"
