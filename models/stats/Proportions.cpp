#include "stats/Proportions.h"

#include "stats/Numerics.h"
#include "stats/StatsText.h"

#include <algorithm>
#include <cmath>

namespace rolldeck::stats {

namespace {

double twoSidedNormalP(double z)
{
    if (!std::isfinite(z))
        return std::isnan(z) ? kNaN : 0.0;
    return 2 * normalUpperTail(std::fabs(z));
}

bool validCounts(const Counts &c)
{
    return std::isfinite(c.successes) && std::isfinite(c.trials) && c.successes >= 0 && c.trials >= c.successes;
}

} // namespace

double normalCritical(double confidence)
{
    return normalUpperQuantile((1 - confidence) / 2);
}

TestResult chiSquareIndependence(const std::vector<std::vector<double>> &table, bool yates)
{
    const QString method = yates ? StatsText::tr("Pearson's chi-square test with Yates' correction")
                                 : StatsText::tr("Pearson's chi-square test");
    const size_t rows = table.size();
    const size_t cols = rows ? table[0].size() : 0;
    if (rows < 2 || cols < 2)
        return TestResult::insufficient(method, StatsText::tr("needs at least two variants and two outcomes"));
    std::vector<double> rowSum(rows, 0), colSum(cols, 0);
    double total = 0;
    for (size_t r = 0; r < rows; ++r) {
        if (table[r].size() != cols)
            return TestResult::insufficient(method, StatsText::tr("the rows of the table differ in length"));
        for (size_t c = 0; c < cols; ++c) {
            const double x = table[r][c];
            if (!std::isfinite(x) || x < 0)
                return TestResult::insufficient(method, StatsText::tr("a count is negative or not a number"));
            rowSum[r] += x;
            colSum[c] += x;
            total += x;
        }
    }
    if (std::any_of(rowSum.begin(), rowSum.end(), [](double s) { return s <= 0; }) ||
        std::any_of(colSum.begin(), colSum.end(), [](double s) { return s <= 0; }))
        return TestResult::insufficient(method, StatsText::tr("a variant or an outcome has no observations"));
    const bool correct = yates && rows == 2 && cols == 2;
    double chi2 = 0;
    for (size_t r = 0; r < rows; ++r) {
        for (size_t c = 0; c < cols; ++c) {
            const double expected = rowSum[r] * colSum[c] / total;
            double diff = std::fabs(table[r][c] - expected);
            if (correct)
                diff -= std::min(0.5, diff);
            chi2 += diff * diff / expected;
        }
    }
    TestResult result;
    result.method = method;
    result.statistic = chi2;
    result.df = double((rows - 1) * (cols - 1));
    result.pValue = chiSquareUpperTail(chi2, result.df);
    result.effectSize = std::sqrt(chi2 / (total * double(std::min(rows, cols) - 1)));
    result.effectSizeName = StatsText::tr("Cramér's V");
    return result;
}

void wilsonInterval(const Counts &c, double confidence, double *low, double *high)
{
    const double z = normalCritical(confidence);
    const double n = c.trials;
    const double p = c.rate();
    const double denominator = n + z * z;
    const double centre = (c.successes + z * z / 2) / denominator;
    const double half = z * std::sqrt(n * p * (1 - p) + z * z / 4) / denominator;
    *low = std::max(0.0, centre - half);
    *high = std::min(1.0, centre + half);
}

double cohensH(double rateA, double rateB)
{
    return 2 * std::asin(std::sqrt(rateB)) - 2 * std::asin(std::sqrt(rateA));
}

TestResult twoProportionZ(const Counts &a, const Counts &b, double confidence)
{
    const QString method = StatsText::tr("two-proportion z-test");
    if (!validCounts(a) || !validCounts(b))
        return TestResult::insufficient(method, StatsText::tr("a count is negative, not a number or above its total"));
    if (a.trials < 1 || b.trials < 1)
        return TestResult::insufficient(method, StatsText::tr("a variant has no visits yet"));
    const double pooled = (a.successes + b.successes) / (a.trials + b.trials);
    const double se = std::sqrt(pooled * (1 - pooled) * (1 / a.trials + 1 / b.trials));
    if (!(se > 0))
        return TestResult::insufficient(method, StatsText::tr("no variation yet: every visit had the same outcome"));
    TestResult result;
    result.method = method;
    result.confidence = confidence;
    result.estimate = b.rate() - a.rate();
    result.statistic = result.estimate / se;
    result.pValue = twoSidedNormalP(result.statistic);
    // Newcombe's method 10: the difference's interval from each rate's Wilson interval.
    double lowA, highA, lowB, highB;
    wilsonInterval(a, confidence, &lowA, &highA);
    wilsonInterval(b, confidence, &lowB, &highB);
    const double pa = a.rate();
    const double pb = b.rate();
    result.ciLow = result.estimate - std::sqrt((pb - lowB) * (pb - lowB) + (highA - pa) * (highA - pa));
    result.ciHigh = result.estimate + std::sqrt((highB - pb) * (highB - pb) + (pa - lowA) * (pa - lowA));
    result.effectSize = cohensH(pa, pb);
    result.effectSizeName = StatsText::tr("Cohen's h");
    return result;
}

TestResult relativeLift(const Counts &a, const Counts &b, double confidence)
{
    const QString method = StatsText::tr("relative lift (log risk ratio)");
    if (!validCounts(a) || !validCounts(b))
        return TestResult::insufficient(method, StatsText::tr("a count is negative, not a number or above its total"));
    if (a.successes < 1 || b.successes < 1)
        return TestResult::insufficient(method, StatsText::tr("a variant has no conversions yet"));
    const double logRatio = std::log(b.rate() / a.rate());
    const double se = std::sqrt(1 / b.successes - 1 / b.trials + 1 / a.successes - 1 / a.trials);
    TestResult result;
    result.method = method;
    result.confidence = confidence;
    result.estimate = std::exp(logRatio) - 1;
    if (!(se > 0)) { // every visit converted in both: the ratio is exact
        result.ciLow = result.ciHigh = result.estimate;
        result.pValue = logRatio == 0 ? 1.0 : 0.0;
        return result;
    }
    const double z = normalCritical(confidence);
    result.statistic = logRatio / se;
    result.pValue = twoSidedNormalP(result.statistic);
    result.ciLow = std::exp(logRatio - z * se) - 1;
    result.ciHigh = std::exp(logRatio + z * se) - 1;
    return result;
}

} // namespace rolldeck::stats
