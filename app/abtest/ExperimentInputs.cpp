#include "ExperimentInputs.h"

#include <QHash>
#include <QMap>

#include <algorithm>
#include <cmath>

namespace rolldeck::abtest {

namespace {

// A PromQL double-quoted string: backslash and quote escaped, control characters as \n.
QString promString(const QString &value)
{
    QString out;
    out.reserve(value.size() + 2);
    out += u'"';
    for (const QChar c : value) {
        if (c == u'\\' || c == u'"')
            out += u'\\';
        if (c == u'\n') {
            out += QStringLiteral("\\n");
            continue;
        }
        out += c;
    }
    return out + u'"';
}

QString selector(const ExperimentSpec &spec)
{
    return QStringLiteral("namespace=%1,experiment=%2").arg(promString(spec.ns), promString(spec.name));
}

// Sums of the experiment's series by metric name and variant (and bucket bound), over every target that exports
// them (several replicas each count their own visits).
struct Folded
{
    QHash<QString, QHash<QString, double>> scalar;                // metric -> variant -> value
    QHash<QString, QHash<QString, QMap<double, double>>> buckets; // histogram -> variant -> le -> cumulative count
};

std::optional<double> parseBound(const QString &le)
{
    if (le == u"+Inf")
        return std::numeric_limits<double>::infinity();
    bool ok = false;
    const double v = le.toDouble(&ok);
    return ok && std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
}

Folded fold(const prom::QueryData &data)
{
    Folded f;
    for (const prom::PromSeries &s : data.series) {
        if (s.samples.empty() || !std::isfinite(s.samples.back().value))
            continue;
        const double value = s.samples.back().value;
        const QString name = s.labels.value(QStringLiteral("__name__"));
        const QString variant = s.labels.value(QStringLiteral("variant"));
        if (name.endsWith(QLatin1String("_bucket"))) {
            if (const auto le = parseBound(s.labels.value(QStringLiteral("le"))))
                f.buckets[name.chopped(7)][variant][*le] += value;
            continue;
        }
        f.scalar[name][variant] += value;
    }
    return f;
}

struct HistogramMetric
{
    const char *prefix;
    QString name, unit;
    bool lowerIsBetter;
    double scale;
};

} // namespace

QString seriesQuery(const ExperimentSpec &spec)
{
    return QStringLiteral("{__name__=~\"ab_test_.+\",%1}").arg(selector(spec));
}

QString visitRateQuery(const ExperimentSpec &spec, std::chrono::seconds window)
{
    return QStringLiteral("sum(rate(ab_test_visits_total{%1}[%2s]))").arg(selector(spec)).arg(window.count());
}

double visitRateFrom(const prom::QueryData &rate)
{
    if (rate.type == prom::QueryData::Type::Scalar)
        return rate.scalar.value;
    if (rate.series.empty() || rate.series.front().samples.empty())
        return stats::kNaN;
    const double v = rate.series.front().samples.back().value;
    return std::isfinite(v) && v >= 0 ? v : stats::kNaN;
}

stats::AbVariantSide binnedSide(std::vector<std::pair<double, double>> buckets, double sum, double count, double scale)
{
    stats::AbVariantSide side;
    std::sort(buckets.begin(), buckets.end());
    // Per bucket: its count (cumulative differences, never negative) and where its observations stand.
    std::vector<std::pair<double, double>> bins; // value, count
    double lower = 0, previous = 0, inside = 0;
    for (const auto &[bound, cumulative] : buckets) {
        const double c = std::max(0.0, cumulative - previous);
        previous = std::max(previous, cumulative);
        const bool overflow = std::isinf(bound);
        // Scaled before halving: 0.1 s and 0.2 s give 150 ms, not 150.00000000000003.
        const double value = overflow ? lower * scale : (lower * scale + bound * scale) / 2;
        const double width = overflow ? 0 : bound - lower;
        if (c > 0)
            bins.push_back({value, c});
        inside += c * width * width * scale * scale / 12; // the spread inside the bucket
        if (!overflow)
            lower = bound;
    }
    side.n = count > 0 ? count : previous;
    if (std::isfinite(sum)) {
        side.mean = side.n > 0 ? sum / side.n * scale : stats::kNaN;
    } else { // no _sum: the mean of the binned values
        double total = 0;
        for (const auto &[value, c] : bins)
            total += value * c;
        side.mean = side.n > 0 ? total / side.n : stats::kNaN;
    }
    if (!(side.n > 1) || !std::isfinite(side.mean))
        return side;
    double squares = inside;
    for (const auto &[value, c] : bins)
        squares += c * (value - side.mean) * (value - side.mean);
    side.sd = std::sqrt(squares / (side.n - 1));
    // The binned samples, scaled down proportionally above kMaxBinnedSamples.
    const double binned = previous;
    const double factor = binned > kMaxBinnedSamples ? kMaxBinnedSamples / binned : 1.0;
    for (const auto &[value, c] : bins)
        side.samples.insert(side.samples.end(), size_t(std::llround(c * factor)), value);
    return side;
}

Result<stats::AbTestInput> inputFromSeries(const ExperimentSpec &spec, const prom::QueryData &series,
                                           const QString &query)
{
    using R = Result<stats::AbTestInput>;
    const Folded f = fold(series);
    const QString a = spec.route.variants.value(0).name, b = spec.route.variants.value(1).name;
    const QHash<QString, double> visits = f.scalar.value(QStringLiteral("ab_test_visits_total"));
    if (visits.isEmpty())
        return R::failure(
            QStringLiteral("%1/%2: no ab_test_visits_total series (query %3)").arg(spec.ns, spec.name, query));
    for (const QString &v : {a, b}) {
        if (!visits.contains(v))
            return R::failure(QStringLiteral("%1/%2: no ab_test_visits_total series for variant \"%3\" (query %4)")
                                  .arg(spec.ns, spec.name, v, query));
    }
    stats::AbTestInput in;
    in.name = spec.name;
    in.nameA = a;
    in.nameB = b;
    in.weightA = spec.route.variants[0].weight;
    in.weightB = spec.route.variants[1].weight;
    in.alpha = spec.alpha;
    in.power = spec.power;
    in.visitsA = visits.value(a);
    in.visitsB = visits.value(b);
    const QHash<QString, double> conversions = f.scalar.value(QStringLiteral("ab_test_conversions_total"));
    if (conversions.contains(a) && conversions.contains(b)) {
        in.conversionsA = conversions.value(a);
        in.conversionsB = conversions.value(b);
        in.minimumConversionEffect = spec.minimumConversionEffect;
    }
    const HistogramMetric histograms[] = {
        {"ab_test_response_seconds", QStringLiteral("response time"), QStringLiteral("ms"), true, 1000},
        {"ab_test_time_on_page_seconds", QStringLiteral("time on page"), QStringLiteral("s"), false, 1}};
    for (const HistogramMetric &h : histograms) {
        const QString prefix = QString::fromLatin1(h.prefix);
        const auto buckets = f.buckets.value(prefix);
        if (!buckets.contains(a) || !buckets.contains(b))
            continue;
        stats::AbContinuousMetric metric;
        metric.name = h.name;
        metric.unit = h.unit;
        metric.lowerIsBetter = h.lowerIsBetter;
        metric.minimumEffect = h.scale == 1000 ? spec.minimumResponseEffectMs : spec.minimumTimeOnPageEffectS;
        auto side = [&](const QString &variant) {
            const QMap<double, double> &bs = buckets[variant];
            std::vector<std::pair<double, double>> list;
            for (auto it = bs.constBegin(); it != bs.constEnd(); ++it)
                list.push_back({it.key(), it.value()});
            return binnedSide(std::move(list),
                              f.scalar.value(prefix + QStringLiteral("_sum")).value(variant, stats::kNaN),
                              f.scalar.value(prefix + QStringLiteral("_count")).value(variant), h.scale);
        };
        metric.a = side(a);
        metric.b = side(b);
        in.metrics.append(metric);
    }
    return in;
}

} // namespace rolldeck::abtest
