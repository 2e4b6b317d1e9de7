#include "SampleExperiments.h"

#include <QTimeZone>

#include <random>

using namespace rolldeck::stats;

namespace test {

namespace {

const QDateTime kReadAt(QDate(2026, 12, 3), QTime(9, 12, 40), QTimeZone::utc());

ExperimentRoute route(const QString &ns, const QString &vs, const QString &rv, const QString &a, double wa,
                      const QString &b, double wb)
{
    ExperimentRoute r;
    r.context = QStringLiteral("rolldeck-demo");
    r.ns = ns;
    r.virtualService = vs;
    r.resourceVersion = rv;
    r.httpRoute = 0;
    r.variants = {{a, vs.section(u'-', 0, 0) + u'-' + a, wa, {}}, {b, vs.section(u'-', 0, 0) + u'-' + b, wb, {}}};
    return r;
}

ExperimentSnapshot snapshot(const QString &ns, const QString &name, ExperimentRoute r, AbTestInput in)
{
    ExperimentSnapshot s;
    s.ns = ns;
    s.name = name;
    s.route = std::move(r);
    in.name = name;
    s.input = in;
    s.report = buildAbReport(in);
    s.readAt = kReadAt;
    return s;
}

AbVariantSide summaryOf(std::mt19937 &rng, double n, double mean, double sd)
{
    std::normal_distribution<double> d(mean, sd);
    std::vector<double> v;
    for (int i = 0; i < int(n); ++i)
        v.push_back(std::max(0.0, d(rng)));
    double sum = 0, sq = 0;
    for (double x : v)
        sum += x;
    const double m = sum / double(v.size());
    for (double x : v)
        sq += (x - m) * (x - m);
    AbVariantSide side;
    side.n = double(v.size());
    side.mean = m;
    side.sd = std::sqrt(sq / double(v.size() - 1));
    return side;
}

} // namespace

ExperimentSnapshot checkoutRedesign(double visitsPerVariant, quint32 seed)
{
    std::mt19937 rng(seed);
    AbTestInput in;
    in.nameA = QStringLiteral("control");
    in.nameB = QStringLiteral("treatment");
    in.visitsA = visitsPerVariant + 110;
    in.visitsB = visitsPerVariant - 110;
    in.conversionsA = double(std::binomial_distribution<int>(int(in.visitsA), 0.042)(rng));
    in.conversionsB = double(std::binomial_distribution<int>(int(in.visitsB), 0.049)(rng));
    in.minimumConversionEffect = 0.004;
    in.visitsPerSecond = 30;
    AbContinuousMetric time;
    time.name = QStringLiteral("time on page");
    time.unit = QStringLiteral("s");
    time.lowerIsBetter = false;
    time.minimumEffect = 2;
    time.a = summaryOf(rng, in.visitsA, 48.2, 31);
    time.b = summaryOf(rng, in.visitsB, 50.1, 32);
    in.metrics = {time};
    return snapshot(QStringLiteral("production"), QStringLiteral("checkout-redesign"),
                    route(QStringLiteral("production"), QStringLiteral("checkout-ab"), QStringLiteral("812"),
                          QStringLiteral("control"), 50, QStringLiteral("treatment"), 50),
                    in);
}

ExperimentSnapshot searchOptimisation(quint32 seed)
{
    std::mt19937 rng(seed);
    AbTestInput in;
    in.nameA = QStringLiteral("baseline");
    in.nameB = QStringLiteral("optimised");
    in.weightA = 80;
    in.weightB = 20;
    in.visitsA = 4012;
    in.visitsB = 1003;
    in.visitsPerSecond = 12;
    AbContinuousMetric latency;
    latency.name = QStringLiteral("response time");
    latency.unit = QStringLiteral("ms");
    latency.lowerIsBetter = true;
    latency.minimumEffect = 10;
    // Log-normal latencies with medians of 170 and 142 ms (means near 180 and 150).
    std::lognormal_distribution<double> slow(std::log(170.0), 0.33), fast(std::log(142.0), 0.33);
    for (int i = 0; i < int(in.visitsA); ++i)
        latency.a.samples.push_back(slow(rng));
    for (int i = 0; i < int(in.visitsB); ++i)
        latency.b.samples.push_back(fast(rng));
    in.metrics = {latency};
    ExperimentRoute r = route(QStringLiteral("production"), QStringLiteral("search-ab"), QStringLiteral("907"),
                              QStringLiteral("baseline"), 80, QStringLiteral("optimised"), 20);
    return snapshot(QStringLiteral("production"), QStringLiteral("search-optimisation"), r, in);
}

ExperimentSnapshot pricingBanner(quint32 seed)
{
    std::mt19937 rng(seed);
    AbTestInput in;
    in.nameA = QStringLiteral("control");
    in.nameB = QStringLiteral("banner");
    in.visitsA = 16100;
    in.visitsB = 15300;
    in.conversionsA = double(std::binomial_distribution<int>(int(in.visitsA), 0.031)(rng));
    in.conversionsB = double(std::binomial_distribution<int>(int(in.visitsB), 0.034)(rng));
    in.minimumConversionEffect = 0.003;
    in.visitsPerSecond = 25;
    return snapshot(QStringLiteral("staging"), QStringLiteral("pricing-banner"),
                    route(QStringLiteral("staging"), QStringLiteral("pricing-ab"), QStringLiteral("455"),
                          QStringLiteral("control"), 50, QStringLiteral("banner"), 50),
                    in);
}

QList<ExperimentSnapshot> sampleExperiments()
{
    return {checkoutRedesign(), searchOptimisation(), pricingBanner()};
}

} // namespace test
