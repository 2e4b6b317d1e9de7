#pragma once

#include "stats/TestResult.h"

#include <vector>

namespace rolldeck::stats {

// The Mann-Whitney U test of B against A, with mid-ranks for ties. The p-value is exact when both samples are
// under 50 and have no ties (R's rule), else the tie-corrected normal approximation with continuity correction.
// statistic: U of B (pairs where B is larger, ties counted half), R's W for wilcox.test(b, a). Estimate: the
// Hodges-Lehmann shift (median of all B − A differences); interval: R's (order statistics of the differences when
// exact, else the shifts where the corrected z crosses ±z, found to the double instead of to R's 1e-4); effect
// size: the common-language effect size P(B > A) + ½·P(B = A). Non-finite values are refused: the caller chooses
// how to treat them.
enum class MannWhitneyMethod {
    Auto,  // exact when both samples are under 50 and untied, else the normal approximation (R's default)
    Normal // always the normal approximation (R's exact = FALSE; what Kayenta's judge uses)
};
TestResult mannWhitney(std::vector<double> a, std::vector<double> b, double confidence = 0.95,
                       MannWhitneyMethod method = MannWhitneyMethod::Auto);

// The k-th smallest (1-based) of all nB·nA differences b[j] − a[i], for sorted a and b, without forming them: a
// few passes over the samples narrow the range by sampling, then only the differences left are listed (how the
// shift estimate and its interval scale to a million samples per side). NaN for a rank out of range.
double kthPairwiseDifference(const std::vector<double> &sortedA, const std::vector<double> &sortedB, double k);

// The Hodges-Lehmann shift: the median of all b[j] − a[i], for sorted a and b.
double hodgesLehmann(const std::vector<double> &sortedA, const std::vector<double> &sortedB);

} // namespace rolldeck::stats
