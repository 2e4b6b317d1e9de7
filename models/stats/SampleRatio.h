#pragma once

#include "stats/TestResult.h"

#include <vector>

namespace rolldeck::stats {

// The sample-ratio check: a chi-square goodness-of-fit test of the visits each variant received against the split
// it was configured with (weights, any scale). Below kSampleRatioAlarm the split is broken and every result of the
// test is untrustworthy.
inline constexpr double kSampleRatioAlarm = 0.001;

TestResult sampleRatioMismatch(const std::vector<double> &observed, const std::vector<double> &weights);

} // namespace rolldeck::stats
