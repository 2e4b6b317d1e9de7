#pragma once

#include "abtest/ExperimentSpec.h"
#include "models/domain/Result.h"
#include "models/stats/AbReport.h"
#include "prometheus/PromTypes.h"

#include <QString>

#include <chrono>
#include <utility>
#include <vector>

namespace rolldeck::abtest {

// What the live source asks Prometheus for one experiment and how it turns the answers into the statistics' input
// (docs/statistics.md, "Live A/B tests"). Pure functions: the reader (ExperimentReader) sends and receives.

// Every ab_test_* series of the experiment, as stored (cumulative counters and histogram buckets).
QString seriesQuery(const ExperimentSpec &spec);
// The experiment's visits per second over `window`, for the time left.
QString visitRateQuery(const ExperimentSpec &spec, std::chrono::seconds window);

// The input of buildAbReport from the answer to seriesQuery(): visits and conversions per variant, and per
// histogram (response time in ms, time on page in s) the mean from _sum/_count, the SD from the buckets and the
// bucket counts as binned samples for Mann-Whitney. A failure names `query` and what is missing.
Result<stats::AbTestInput> inputFromSeries(const ExperimentSpec &spec, const prom::QueryData &series,
                                           const QString &query);

// The visits per second from the answer to visitRateQuery(); NaN when there is none yet.
double visitRateFrom(const prom::QueryData &rate);

// Above this many observations a side, the bins are scaled down to it for Mann-Whitney (a conservative p-value).
inline constexpr double kMaxBinnedSamples = 200000;

// One variant of a histogram: (upper bound, cumulative count) per bucket, +Inf included, with _sum and _count.
// The mean is _sum/_count; each bucket's observations stand at its midpoint (the +Inf bucket's at the last finite
// bound); the SD is that of the binned values plus a uniform spread inside each bucket (width²/12). `scale`
// converts the unit (1000: seconds to ms).
stats::AbVariantSide binnedSide(std::vector<std::pair<double, double>> buckets, double sum, double count, double scale);

} // namespace rolldeck::abtest
