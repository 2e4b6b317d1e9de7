// What the live A/B source costs per experiment and read (docs/statistics.md, "Live A/B tests"): a response-time
// histogram of the abtest scenario's shape (15 buckets) turned into a summary and binned samples, and the report
// built on them (Welch, Student, Mann-Whitney with the Hodges-Lehmann interval on the bins, the sample-ratio check).
// Run: build/bench/abtest/bench_abtestlive
#include "app/abtest/ExperimentInputs.h"
#include "models/stats/AbReport.h"

#include <benchmark/benchmark.h>

#include <cmath>
#include <limits>
#include <random>

using namespace rolldeck;

namespace {

// (bound, cumulative count) of n log-normal response times with the given mean, as Prometheus keeps them.
std::vector<std::pair<double, double>> histogram(double n, double meanSeconds, unsigned seed, double *sum)
{
    static const std::vector<double> bounds{0.025, 0.05, 0.075, 0.1, 0.125, 0.15, 0.175, 0.2,
                                            0.25,  0.3,  0.4,   0.5, 0.75,  1,    2.5};
    std::mt19937_64 random(seed);
    std::lognormal_distribution<double> d(std::log(meanSeconds) - 0.35 * 0.35 / 2, 0.35);
    std::vector<double> counts(bounds.size() + 1, 0);
    const int draws = 100000; // the shape from 100,000 draws, scaled to n
    *sum = 0;
    for (int i = 0; i < draws; ++i) {
        const double x = d(random);
        size_t b = 0;
        while (b < bounds.size() && x > bounds[b])
            ++b;
        counts[b] += 1;
        *sum += x;
    }
    *sum *= n / draws;
    std::vector<std::pair<double, double>> out;
    double cumulative = 0;
    for (size_t b = 0; b < counts.size(); ++b) {
        cumulative += std::round(counts[b] * n / draws);
        out.push_back({b < bounds.size() ? bounds[b] : std::numeric_limits<double>::infinity(), cumulative});
    }
    return out;
}

void liveReport(benchmark::State &state)
{
    const double n = double(state.range(0));
    double sumA = 0, sumB = 0;
    const auto a = histogram(n * 0.8, 0.180, 1, &sumA), b = histogram(n * 0.2, 0.150, 2, &sumB);
    for (auto _ : state) {
        stats::AbTestInput in;
        in.weightA = 80;
        in.weightB = 20;
        in.visitsA = a.back().second;
        in.visitsB = b.back().second;
        stats::AbContinuousMetric m;
        m.name = QStringLiteral("response time");
        m.minimumEffect = 10;
        m.a = abtest::binnedSide(a, sumA, a.back().second, 1000);
        m.b = abtest::binnedSide(b, sumB, b.back().second, 1000);
        in.metrics.append(m);
        const stats::AbReport report = stats::buildAbReport(in);
        benchmark::DoNotOptimize(report.metrics[0].tests[2].pValue);
    }
    state.SetLabel(std::to_string(int64_t(n)) + " visits");
}
BENCHMARK(liveReport)->Arg(10000)->Arg(250000)->Arg(10000000)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
