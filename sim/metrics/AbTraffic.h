#pragma once

// The A/B tests' visitors (the scenario's `traffic.abTests`, docs/sim-scenarios.md): per test and variant, Poisson
// arrivals at the test's visit rate split by the live VirtualService weights, each visit converting with the
// variant's true rate, taking its response time and its time on page from the variant's log-normal distributions.
// Exported as ab_test_visits_total, ab_test_conversions_total and the histograms ab_test_response_seconds and
// ab_test_time_on_page_seconds, labelled namespace, experiment, variant. Every draw comes from an mt19937_64 seeded
// with (seed, test, variant, instant), so the counters depend on the seed and on simulated time only.
//
// A sample-ratio mismatch is injected by losing a share of the last variant's visits before they are counted (a
// redirect that drops the tracking, a bot filter applied to one side): the split served stays as configured, the
// split observed does not.
//
// Not thread-safe: TrafficSimulation calls it under its own lock.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <random>
#include <ostream>
#include <string>
#include <vector>

namespace rdsim {

class AbTraffic
{
public:
    struct VariantRoute
    {
        std::string subset, host; // the VirtualService destination that serves the variant
    };
    struct TestRoute
    {
        std::string ns, virtualService;
        std::vector<VariantRoute> variants;
    };

    explicit AbTraffic(uint64_t seed) : m_seed(seed) {}

    // Adds the tests of a `traffic.abTests` list.
    void configure(const nlohmann::json &abTests);
    // Overrides every test's sampleRatioMismatch (rolldeck-sim --ab-srm); negative: back to the scenario's.
    void setSampleRatioMismatch(double share);
    std::vector<TestRoute> routes() const;
    // Visits of the `dt` seconds ending at nowMs, split by `weights` (per test, per variant, as routes() lists them).
    void advance(int64_t nowMs, double dt, const std::vector<std::vector<double>> &weights);
    void render(std::ostream &out) const;

    static const std::vector<double> &responseBuckets();   // seconds, without +Inf
    static const std::vector<double> &timeOnPageBuckets(); // seconds, without +Inf

private:
    struct Histogram
    {
        std::vector<double> buckets; // per bound (not cumulative), plus the overflow
        double sum = 0, count = 0;
    };
    struct Variant
    {
        std::string name;
        VariantRoute route;
        double conversionRate = -1; // < 0: the test has no conversion metric
        double responseMs = -1;     // mean; < 0: no response-time metric
        double responseSigma = 0.35;
        double timeOnPageS = -1; // mean; < 0: no time-on-page metric
        double timeOnPageSigma = 0.8;
        double visits = 0, conversions = 0;
        Histogram response, timeOnPage;
    };
    struct Test
    {
        std::string ns, name, virtualService;
        double visitsPerSecond = 20;
        double sampleRatioMismatch = 0; // share of the last variant's visits lost before counting
        std::vector<Variant> variants;
        bool has(double Variant::*field) const;
    };

    void visit(Variant &v, uint64_t count, std::mt19937_64 &rng) const;
    void renderHistogram(std::ostream &out, const char *metric, const char *help, const std::vector<double> &bounds,
                         Histogram Variant::*field, double Variant::*mean) const;

    const uint64_t m_seed;
    std::vector<Test> m_tests;
    std::optional<double> m_srmOverride;
};

} // namespace rdsim
