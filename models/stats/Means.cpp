#include "stats/Means.h"

#include "stats/Numerics.h"
#include "stats/StatsText.h"

#include <algorithm>
#include <cmath>

namespace rolldeck::stats {

namespace {

bool valid(const Summary &s)
{
    return std::isfinite(s.n) && std::isfinite(s.mean) && std::isfinite(s.sd) && s.sd >= 0;
}

// What the two t-tests share once the standard error and degrees of freedom are known.
TestResult tResult(QString method, const Summary &a, const Summary &b, double se, double df, double confidence)
{
    TestResult result;
    result.method = std::move(method);
    result.confidence = confidence;
    result.estimate = b.mean - a.mean;
    result.df = df;
    result.statistic = result.estimate / se;
    result.pValue = 2 * studentUpperTail(std::fabs(result.statistic), df);
    const double critical = studentUpperQuantile((1 - confidence) / 2, df);
    result.ciLow = result.estimate - critical * se;
    result.ciHigh = result.estimate + critical * se;
    // Values near the largest double overflow on the way (a difference, a square): no number stands then.
    if (!std::isfinite(result.statistic) || !std::isfinite(result.pValue) || !std::isfinite(result.ciLow) ||
        !std::isfinite(result.ciHigh))
        return TestResult::insufficient(result.method,
                                        StatsText::tr("the values are too large to compute with (%1 … %2)")
                                            .arg(std::min(a.mean, b.mean), 0, 'g', 3)
                                            .arg(std::max(a.mean, b.mean), 0, 'g', 3));
    result.effectSize = cohensD(a, b);
    result.effectSizeName = StatsText::tr("Cohen's d");
    return result;
}

// The reason a pair of summaries cannot be t-tested, or empty.
QString unusable(const Summary &a, const Summary &b, double minimumN)
{
    if (!valid(a) || !valid(b))
        return StatsText::tr("a mean or standard deviation is missing or not a number");
    if (a.n < minimumN || b.n < minimumN)
        return StatsText::tr("needs at least two observations in each variant");
    return {};
}

} // namespace

Summary summarize(const std::vector<double> &samples)
{
    Summary s;
    s.n = double(samples.size());
    if (samples.empty())
        return s;
    // Welford: stable for a million samples of similar size.
    double mean = 0, m2 = 0, count = 0;
    for (const double x : samples) {
        count += 1;
        const double delta = x - mean;
        mean += delta / count;
        m2 += delta * (x - mean);
    }
    s.mean = mean;
    s.sd = samples.size() > 1 ? std::sqrt(m2 / (count - 1)) : kNaN;
    return s;
}

double cohensD(const Summary &a, const Summary &b)
{
    const double pooledVar = ((a.n - 1) * a.sd * a.sd + (b.n - 1) * b.sd * b.sd) / (a.n + b.n - 2);
    return pooledVar > 0 ? (b.mean - a.mean) / std::sqrt(pooledVar) : kNaN;
}

TestResult welchT(const Summary &a, const Summary &b, double confidence)
{
    const QString method = StatsText::tr("Welch's t-test");
    if (const QString why = unusable(a, b, 2); !why.isEmpty())
        return TestResult::insufficient(method, why);
    const double va = a.sd * a.sd / a.n;
    const double vb = b.sd * b.sd / b.n;
    if (!(va + vb > 0))
        return TestResult::insufficient(method, StatsText::tr("no variation: every observation is the same"));
    // Welch-Satterthwaite, scaled by the larger variance so that squaring it cannot overflow.
    const double scale = std::max(va, vb), ra = va / scale, rb = vb / scale;
    const double df = (ra + rb) * (ra + rb) / (ra * ra / (a.n - 1) + rb * rb / (b.n - 1));
    return tResult(method, a, b, std::sqrt(va + vb), df, confidence);
}

TestResult studentT(const Summary &a, const Summary &b, double confidence)
{
    const QString method = StatsText::tr("Student's t-test");
    // The pooled variance can come from one group alone: a single observation contributes no spread (R agrees).
    const auto spread = [](const Summary &s) { return s.n == 1 && std::isnan(s.sd) ? Summary{1, s.mean, 0} : s; };
    const Summary sa = spread(a), sb = spread(b);
    if (!valid(sa) || !valid(sb))
        return TestResult::insufficient(method,
                                        StatsText::tr("a mean or standard deviation is missing or not a number"));
    if (sa.n < 1 || sb.n < 1 || sa.n + sb.n < 3)
        return TestResult::insufficient(method,
                                        StatsText::tr("needs at least three observations, one in each variant"));
    const double df = sa.n + sb.n - 2;
    const double pooledVar = ((sa.n - 1) * sa.sd * sa.sd + (sb.n - 1) * sb.sd * sb.sd) / df;
    if (!(pooledVar > 0))
        return TestResult::insufficient(method, StatsText::tr("no variation: every observation is the same"));
    return tResult(method, sa, sb, std::sqrt(pooledVar * (1 / sa.n + 1 / sb.n)), df, confidence);
}

} // namespace rolldeck::stats
