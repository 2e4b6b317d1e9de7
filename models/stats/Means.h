#pragma once

#include "stats/TestResult.h"

#include <vector>

namespace rolldeck::stats {

// A continuous metric of one variant: n, mean and the sample standard deviation (n − 1 in the denominator).
struct Summary
{
    double n = 0;
    double mean = kNaN;
    double sd = kNaN;
};

Summary summarize(const std::vector<double> &samples);

// Welch's t-test (unequal variances, Welch–Satterthwaite degrees of freedom). Estimate: B's mean minus A's with
// its confidence interval; effect size: Cohen's d with the pooled standard deviation.
TestResult welchT(const Summary &a, const Summary &b, double confidence = 0.95);

// Student's t-test (pooled variance, nA + nB − 2 degrees of freedom); otherwise as welchT.
TestResult studentT(const Summary &a, const Summary &b, double confidence = 0.95);

// Cohen's d: (meanB − meanA) / pooled standard deviation.
double cohensD(const Summary &a, const Summary &b);

} // namespace rolldeck::stats
