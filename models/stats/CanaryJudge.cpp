#include "stats/CanaryJudge.h"

#include "stats/MannWhitney.h"
#include "stats/StatsText.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace rolldeck::stats {

namespace {

double mean(const std::vector<double> &v)
{
    double sum = 0;
    for (const double x : v)
        sum += x;
    return v.empty() ? kNaN : sum / double(v.size());
}

// Step 1 of the judge: the NaN strategy, then (when on) outlier removal with the reduced-sensitivity fences.
void transform(std::vector<double> &v, const JudgeMetricConfig &config)
{
    if (config.replaceNaN)
        std::replace_if(
            v.begin(), v.end(), [](double x) { return std::isnan(x); }, 0.0);
    else
        v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return std::isnan(x); }), v.end());
    if (!config.removeOutliers || v.empty())
        return;
    std::vector<double> sorted = v;
    std::sort(sorted.begin(), sorted.end());
    const double q1 = percentileR7(sorted, 0.25), q3 = percentileR7(sorted, 0.75);
    const double k = config.outlierFactor;
    const double low = std::min(percentileR7(sorted, 0.01), q1 - k * (q3 - q1));
    const double high = std::max(percentileR7(sorted, 0.99), q3 + k * (q3 - q1));
    v.erase(std::remove_if(v.begin(), v.end(), [&](double x) { return x < low || x > high; }), v.end());
}

double gate(double configured, EffectMeasure measure)
{
    return std::isnan(configured) ? (measure == EffectMeasure::Cles ? 0.5 : 1.0) : configured;
}

bool oneDistinct(const std::vector<double> &v)
{
    return std::all_of(v.begin(), v.end(), [&](double x) { return x == v.front(); });
}

// Kayenta's guard against an all-tied pair: Gaussian noise scaled to the value (seeded, so a verdict repeats).
void addNoise(std::vector<double> &v, std::mt19937_64 &random)
{
    std::normal_distribution<double> noise(0, std::fabs(v.front()) * 1e-5);
    for (double &x : v)
        x += noise(random);
}

// Empty samples: the verdict by the NaN strategy and the metric's data requirements.
MetricVerdict noData(MetricVerdict verdict, const JudgeMetricConfig &config)
{
    if (config.replaceNaN) {
        verdict.classification = MetricClass::Pass;
        return verdict;
    }
    if (config.mustHaveData && !config.critical) {
        verdict.classification = MetricClass::NodataFailMetric;
    } else {
        verdict.classification = MetricClass::Nodata;
        verdict.critical = config.critical;
    }
    verdict.reason = StatsText::tr("no data");
    return verdict;
}

} // namespace

double percentileR7(const std::vector<double> &sorted, double p)
{
    if (sorted.empty())
        return kNaN;
    const double h = (double(sorted.size()) - 1) * p;
    const size_t below = size_t(std::floor(h));
    const size_t above = std::min(below + 1, sorted.size() - 1);
    return sorted[below] + (h - double(below)) * (sorted[above] - sorted[below]);
}

MetricVerdict classifyMetric(const JudgeMetricConfig &config, std::vector<double> control,
                             std::vector<double> experiment, double tolerance, double confidence)
{
    MetricVerdict verdict;
    verdict.name = config.name;
    verdict.confidence = confidence;
    transform(control, config);
    transform(experiment, config);
    if (control.empty() || experiment.empty())
        return noData(verdict, config);
    std::vector<double> sortedC = control, sortedE = experiment;
    std::sort(sortedC.begin(), sortedC.end());
    std::sort(sortedE.begin(), sortedE.end());
    verdict.meanRatio = mean(control) != 0 && mean(experiment) != 0 ? mean(experiment) / mean(control) : kNaN;
    if (sortedC == sortedE) {
        verdict.reason = StatsText::tr("data are identical");
        return verdict;
    }
    if (oneDistinct(control) && oneDistinct(experiment)) {
        if (control.front() == experiment.front())
            return verdict; // one distinct value in the union
        std::mt19937_64 random(20170101);
        addNoise(experiment, random);
        addNoise(control, random);
    }
    const TestResult r = mannWhitney(control, experiment, confidence, MannWhitneyMethod::Normal);
    if (!r.ok() || std::isnan(r.ciLow) || std::isnan(r.ciHigh)) {
        verdict.classification = MetricClass::Error;
        verdict.reason = StatsText::tr("Metric Classification Failed");
        return verdict;
    }
    verdict.estimate = r.estimate;
    verdict.ciLow = r.ciLow;
    verdict.ciHigh = r.ciHigh;
    verdict.effect = config.measure == EffectMeasure::Cles ? r.effectSize : verdict.meanRatio;
    const double bound = tolerance * std::fabs(r.estimate);
    const double effect = verdict.effect;
    const bool high = config.direction != JudgeDirection::Decrease && r.ciLow > bound &&
                      (std::isnan(effect) || effect >= gate(config.allowedIncrease, config.measure));
    const bool low = config.direction != JudgeDirection::Increase && r.ciHigh < -bound &&
                     (std::isnan(effect) || effect <= gate(config.allowedDecrease, config.measure));
    verdict.classification = high ? MetricClass::High : low ? MetricClass::Low : MetricClass::Pass;
    verdict.critical =
        config.critical && ((high && (std::isnan(effect) || effect >= gate(config.criticalIncrease, config.measure))) ||
                            (low && (std::isnan(effect) || effect <= gate(config.criticalDecrease, config.measure))));
    return verdict;
}

JudgeResult judgeCanary(const QList<JudgeInput> &inputs, const JudgeSettings &settings)
{
    JudgeResult result;
    QList<int> scored; // indices of metrics that are not muted
    for (const JudgeInput &in : inputs) {
        result.metrics.append(
            classifyMetric(in.config, in.control, in.experiment, settings.tolerance, settings.confidence));
        if (!in.config.muted)
            scored.append(int(result.metrics.size()) - 1);
    }
    int nodata = 0;
    for (const int i : scored) {
        const MetricVerdict &v = result.metrics[i];
        if (v.critical && v.classification != MetricClass::Pass) {
            result.reason = StatsText::tr("Canary Failed: %1 is %2 and critical")
                                .arg(v.name, v.classification == MetricClass::High  ? StatsText::tr("High")
                                             : v.classification == MetricClass::Low ? StatsText::tr("Low")
                                                                                    : StatsText::tr("without data"));
            return result;
        }
        nodata += v.classification == MetricClass::Nodata;
    }
    if (scored.isEmpty() || 2 * nodata >= scored.size()) {
        result.reason = StatsText::tr("Canary Failed: %1 of %2 metrics have no data").arg(nodata).arg(scored.size());
        return result;
    }
    // Group scores: a metric counts in every group it lists; plain Nodata counts in none of the totals.
    QHash<QString, QPair<int, int>> passAndTotal;
    QStringList groups;
    for (const int i : scored) {
        const MetricVerdict &v = result.metrics[i];
        for (const QString &group : inputs[i].config.groups) {
            if (!groups.contains(group))
                groups.append(group);
            auto &[pass, total] = passAndTotal[group];
            pass += v.classification == MetricClass::Pass;
            total += v.classification != MetricClass::Nodata && v.classification != MetricClass::Error;
        }
    }
    // Unweighted groups share what the configured weights leave, all of them, present here or not (as Kayenta).
    double configured = 0;
    for (const double weight : settings.groupWeights)
        configured += weight;
    int unweighted = 0;
    for (const QString &group : groups) {
        const auto [pass, total] = passAndTotal.value(group);
        result.groupScores.insert(group, total == 0 ? 100.0 : 100.0 * pass / total);
        unweighted += !settings.groupWeights.contains(group);
    }
    double sum = 0;
    for (const QString &group : groups) {
        const double weight = settings.groupWeights.value(group, unweighted ? (100 - configured) / unweighted : 0);
        sum += result.groupScores.value(group) * weight / 100;
    }
    result.score = std::round(sum * 100) / 100;
    result.classification = result.score >= settings.pass       ? ScoreClass::Pass
                            : result.score >= settings.marginal ? ScoreClass::Marginal
                                                                : ScoreClass::Fail;
    return result;
}

QString describeVerdict(const MetricVerdict &v, const QString &unit)
{
    const auto value = [&](double x) {
        const QString number = QString::number(x, 'g', 3);
        return unit.isEmpty() ? number : number + u' ' + unit;
    };
    const QString interval = StatsText::tr("HL estimate, %1 % CI %2–%3")
                                 .arg(QString::number(v.confidence * 100, 'g', 3), value(v.ciLow), value(v.ciHigh));
    switch (v.classification) {
    case MetricClass::High:
        return StatsText::tr("%1: canary higher by %2 (%3), above the allowed increase → High")
            .arg(v.name, value(v.estimate), interval);
    case MetricClass::Low:
        return StatsText::tr("%1: canary lower by %2 (%3), below the allowed decrease → Low")
            .arg(v.name, value(-v.estimate), interval);
    case MetricClass::Pass:
        if (std::isnan(v.estimate))
            return StatsText::tr("%1: %2 → Pass")
                .arg(v.name, v.reason.isEmpty() ? StatsText::tr("one value") : v.reason);
        return StatsText::tr("%1: difference %2 (%3), within what is allowed → Pass")
            .arg(v.name, value(v.estimate), interval);
    case MetricClass::Nodata:
    case MetricClass::NodataFailMetric:
        return StatsText::tr("%1: no data → %2")
            .arg(v.name, v.classification == MetricClass::Nodata ? StatsText::tr("Nodata") : StatsText::tr("Fail"));
    case MetricClass::Error:
        return StatsText::tr("%1: %2 → Error").arg(v.name, v.reason);
    }
    return {};
}

} // namespace rolldeck::stats
