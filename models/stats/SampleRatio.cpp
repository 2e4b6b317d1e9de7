#include "stats/SampleRatio.h"

#include "stats/Numerics.h"
#include "stats/StatsText.h"

#include <cmath>

namespace rolldeck::stats {

TestResult sampleRatioMismatch(const std::vector<double> &observed, const std::vector<double> &weights)
{
    const QString method = StatsText::tr("chi-square goodness-of-fit test of the split");
    if (observed.size() < 2 || observed.size() != weights.size())
        return TestResult::insufficient(method, StatsText::tr("needs the visits and the weight of every variant"));
    double total = 0, weightSum = 0;
    for (size_t i = 0; i < observed.size(); ++i) {
        if (!std::isfinite(observed[i]) || observed[i] < 0 || !std::isfinite(weights[i]) || weights[i] <= 0)
            return TestResult::insufficient(method, StatsText::tr("a visit count or weight is negative or missing"));
        total += observed[i];
        weightSum += weights[i];
    }
    if (total < 1)
        return TestResult::insufficient(method, StatsText::tr("no visits yet"));
    double chi2 = 0;
    for (size_t i = 0; i < observed.size(); ++i) {
        const double expected = total * weights[i] / weightSum;
        chi2 += (observed[i] - expected) * (observed[i] - expected) / expected;
    }
    TestResult result;
    result.method = method;
    result.statistic = chi2;
    result.df = double(observed.size() - 1);
    result.pValue = chiSquareUpperTail(chi2, result.df);
    // The estimate is the first variant's observed share, to show next to its configured one.
    result.estimate = observed[0] / total;
    return result;
}

} // namespace rolldeck::stats
