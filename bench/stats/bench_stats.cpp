// The A/B statistics at scale (issue 15's aims: Mann-Whitney on 1,000,000 against 1,000,000 samples under 300 ms;
// a report's tests for 20 metrics under 50 ms). Run: build/bench/stats/bench_stats
#include "models/stats/MannWhitney.h"
#include "models/stats/Means.h"
#include "models/stats/Proportions.h"

#include <benchmark/benchmark.h>

#include <random>

using namespace rolldeck::stats;

namespace {

std::vector<double> latencies(size_t n, double median, unsigned seed, bool whole)
{
    std::mt19937_64 random(seed);
    std::lognormal_distribution<double> d(std::log(median), 0.4);
    std::vector<double> v(n);
    for (double &x : v)
        x = whole ? std::round(d(random)) : d(random);
    return v;
}

// U, p-value, Hodges-Lehmann shift and its interval; continuous values, then whole milliseconds (many ties).
void mannWhitneyMillion(benchmark::State &state)
{
    const bool whole = state.range(0);
    const auto a = latencies(1000000, 180, 1, whole), b = latencies(1000000, 170, 2, whole);
    for (auto _ : state) {
        const TestResult r = mannWhitney(a, b);
        benchmark::DoNotOptimize(r.pValue);
    }
    state.SetLabel(whole ? "whole ms, ties" : "continuous");
}
BENCHMARK(mannWhitneyMillion)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(3);

// What a report computes per metric for 20 metrics of 10,000 samples a side: Welch, Student, Mann-Whitney, and a
// proportion test with its lift.
void reportTwentyMetrics(benchmark::State &state)
{
    std::vector<std::vector<double>> as, bs;
    for (unsigned m = 0; m < 20; ++m) {
        as.push_back(latencies(10000, 180, 10 + m, true));
        bs.push_back(latencies(10000, 176, 40 + m, true));
    }
    for (auto _ : state) {
        for (size_t m = 0; m < as.size(); ++m) {
            const Summary sa = summarize(as[m]), sb = summarize(bs[m]);
            benchmark::DoNotOptimize(welchT(sa, sb).pValue);
            benchmark::DoNotOptimize(studentT(sa, sb).pValue);
            benchmark::DoNotOptimize(mannWhitney(as[m], bs[m]).pValue);
            benchmark::DoNotOptimize(twoProportionZ(Counts{400, 10000}, Counts{440, 10000}).pValue);
            benchmark::DoNotOptimize(relativeLift(Counts{400, 10000}, Counts{440, 10000}).pValue);
        }
    }
}
BENCHMARK(reportTwentyMetrics)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
