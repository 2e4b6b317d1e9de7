#include "stats/Power.h"

#include "stats/Numerics.h"
#include "stats/TestResult.h"

#include <cmath>
#include <limits>

namespace rolldeck::stats {

namespace {

double zUpper(double p)
{
    return normalUpperQuantile(p);
}

// The real nA (not rounded) a two-proportion test needs; NaN when the inputs describe no test.
double realSizeProportions(double rateA, double mde, double alpha, double power, double ratio)
{
    const double p1 = rateA, p2 = rateA + mde;
    if (!(p1 > 0 && p1 < 1 && p2 > 0 && p2 < 1 && mde != 0 && ratio > 0 && alpha > 0 && alpha < 1 && power > 0 &&
          power < 1))
        return kNaN;
    const double pooled = (p1 + ratio * p2) / (1 + ratio);
    const double root = zUpper(alpha / 2) * std::sqrt(pooled * (1 - pooled) * (1 + 1 / ratio)) +
                        zUpper(1 - power) * std::sqrt(p1 * (1 - p1) + p2 * (1 - p2) / ratio);
    return root * root / (mde * mde);
}

// Increasing f on [lo, hi]: the x where f(x) reaches `target`, by bisection to a relative 1e-10.
template <typename F>
double solveIncreasing(F f, double lo, double hi, double target)
{
    for (int i = 0; i < 200 && f(hi) < target; ++i)
        hi *= 2;
    for (int i = 0; i < 200 && hi - lo > 1e-10 * hi; ++i) {
        const double mid = (lo + hi) / 2;
        (f(mid) < target ? lo : hi) = mid;
    }
    return hi;
}

} // namespace

SampleSize sampleSizeProportions(double rateA, double mde, double alpha, double power, double ratio)
{
    const double nA = realSizeProportions(rateA, mde, alpha, power, ratio);
    if (std::isnan(nA))
        return {kNaN, kNaN};
    return {std::ceil(nA), std::ceil(std::ceil(nA) * ratio)};
}

double powerMeans(double nA, double delta, double sd, double alpha, double ratio)
{
    const double nB = nA * ratio;
    const double df = nA + nB - 2;
    if (!(df > 0 && sd > 0))
        return kNaN;
    const double ncp = std::fabs(delta) / (sd * std::sqrt(1 / nA + 1 / nB));
    const double critical = studentUpperQuantile(alpha / 2, df);
    return noncentralTUpperTail(critical, df, ncp);
}

SampleSize sampleSizeMeans(double delta, double sd, double alpha, double power, double ratio)
{
    if (!(delta != 0 && sd > 0 && ratio > 0 && alpha > 0 && alpha < 1 && power > 0 && power < 1))
        return {kNaN, kNaN};
    // Below two observations per group the test does not exist; R's power.t.test searches from 2 as well.
    const double lowest = std::max(2.0, 2.0 / ratio);
    if (powerMeans(lowest, delta, sd, alpha, ratio) >= power)
        return {std::ceil(lowest), std::ceil(std::ceil(lowest) * ratio)};
    const double nA =
        solveIncreasing([&](double n) { return powerMeans(n, delta, sd, alpha, ratio); }, lowest, lowest * 2, power);
    return {std::ceil(nA), std::ceil(std::ceil(nA) * ratio)};
}

double minimumDetectableEffectProportions(double rateA, double nA, double alpha, double power, double ratio)
{
    if (!(nA > 0 && rateA > 0 && rateA < 1))
        return kNaN;
    // The needed size falls as the effect grows: find the effect whose needed size is nA.
    const double most = 1 - rateA - 1e-12;
    if (realSizeProportions(rateA, most, alpha, power, ratio) > nA)
        return kNaN; // not even the largest possible effect is detectable with so few
    double lo = 1e-12, hi = most;
    for (int i = 0; i < 200 && hi - lo > 1e-12; ++i) {
        const double mid = (lo + hi) / 2;
        (realSizeProportions(rateA, mid, alpha, power, ratio) > nA ? lo : hi) = mid;
    }
    return hi;
}

double minimumDetectableEffectMeans(double sd, double nA, double alpha, double power, double ratio)
{
    if (!(sd > 0 && nA * (1 + ratio) > 2))
        return kNaN;
    return solveIncreasing([&](double delta) { return powerMeans(nA, delta, sd, alpha, ratio); }, 0.0, sd, power);
}

double secondsLeft(double needed, double have, double ratePerSecond)
{
    if (have >= needed)
        return 0;
    if (!(ratePerSecond > 0))
        return std::numeric_limits<double>::infinity();
    return (needed - have) / ratePerSecond;
}

} // namespace rolldeck::stats
