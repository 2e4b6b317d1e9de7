#pragma once

namespace rolldeck::stats {

// Planning an A/B test. `ratio` is nB / nA (1 for 50/50, 0.25 for 80/20); every size is per group, A's first,
// rounded up, and B's is A's times the ratio (rounded up), so the plan keeps the configured split.
struct SampleSize
{
    double perGroupA = 0; // rounded up
    double perGroupB = 0; // rounded up
    double total() const { return perGroupA + perGroupB; }
};

// Two proportions, two-sided z-test at `alpha`, to detect rateB = rateA + mde with `power` (normal approximation,
// unpooled variance under the alternative, pooled under the null; equals R's power.prop.test for ratio 1).
SampleSize sampleSizeProportions(double rateA, double mde, double alpha, double power, double ratio = 1);

// Two means, two-sided t-test at `alpha`, to detect a difference `delta` with standard deviation `sd`: the power
// from the noncentral t distribution, as R's power.t.test (upper tail only, its default), solved for n.
SampleSize sampleSizeMeans(double delta, double sd, double alpha, double power, double ratio = 1);

// The power of that t-test with nA and nB = ratio·nA observations.
double powerMeans(double nA, double delta, double sd, double alpha, double ratio = 1);

// The smallest absolute difference in proportions (above rateA) that nA observations in A (and ratio·nA in B)
// detect at `alpha` with `power`.
double minimumDetectableEffectProportions(double rateA, double nA, double alpha, double power, double ratio = 1);

// The smallest difference of means detectable with nA observations in A, in units of `sd` times sd.
double minimumDetectableEffectMeans(double sd, double nA, double alpha, double power, double ratio = 1);

// Seconds until `needed` observations at `ratePerSecond`, given `have`; 0 when reached, +inf without traffic.
double secondsLeft(double needed, double have, double ratePerSecond);

} // namespace rolldeck::stats
