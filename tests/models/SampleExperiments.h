// Realistic A/B tests for the Experiments view's tests and screenshot: inputs drawn with fixed seeds (binomial
// conversions, log-normal latencies) and reported by the real stats::buildAbReport, never written-out reports.
#pragma once

#include "models/stats/Experiment.h"

#include <QList>

namespace test {

// production/checkout-redesign: 50/50 on checkout-ab, conversion 4.2 % → 4.9 % and time on page, 40 % of the way:
// the fixed-horizon p-value already under 0.05, the always-valid one not yet ("keep running").
rolldeck::stats::ExperimentSnapshot checkoutRedesign(double visitsPerVariant = 16000, quint32 seed = 11);
// production/search-optimisation: 80/20 on search-ab, response time 180 ms → 150 ms from samples: enough data,
// the optimised variant better.
rolldeck::stats::ExperimentSnapshot searchOptimisation(quint32 seed = 12);
// staging/pricing-banner: 50/50 whose visits are 16,100 against 15,300: a sample-ratio mismatch.
rolldeck::stats::ExperimentSnapshot pricingBanner(quint32 seed = 13);

QList<rolldeck::stats::ExperimentSnapshot> sampleExperiments();

} // namespace test
