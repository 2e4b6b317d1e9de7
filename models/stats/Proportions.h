#pragma once

#include "stats/TestResult.h"

#include <vector>

namespace rolldeck::stats {

// Successes out of trials for one variant (conversions out of visits).
struct Counts
{
    double successes = 0;
    double trials = 0;
    double rate() const { return trials > 0 ? successes / trials : kNaN; }
};

// Pearson's chi-square test of independence for an r×c table of counts (rows: variants, columns: outcomes). With
// `yates`, a 2×2 table gets Yates' continuity correction (each |observed − expected| reduced by at most 0.5, as R
// and SciPy do); larger tables ignore it. Effect size: Cramér's V.
TestResult chiSquareIndependence(const std::vector<std::vector<double>> &table, bool yates);

// Two-proportion z-test with the pooled standard error. Estimate: B's rate minus A's, with the Newcombe hybrid
// score interval (method 10, from Wilson score intervals); effect size: Cohen's h.
TestResult twoProportionZ(const Counts &a, const Counts &b, double confidence = 0.95);

// Wilson score interval of one proportion (no continuity correction).
void wilsonInterval(const Counts &c, double confidence, double *low, double *high);

// Relative lift of B over A (rateB / rateA − 1) with the log risk-ratio (Katz) interval; the p-value is the
// log risk ratio's Wald test. Needs at least one success in each variant.
TestResult relativeLift(const Counts &a, const Counts &b, double confidence = 0.95);

// Cohen's h = 2·asin(√pB) − 2·asin(√pA).
double cohensH(double rateA, double rateB);

} // namespace rolldeck::stats
