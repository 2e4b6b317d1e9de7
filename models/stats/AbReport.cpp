#include "stats/AbReport.h"

#include "stats/MannWhitney.h"
#include "stats/Means.h"
#include "stats/Power.h"
#include "stats/Proportions.h"
#include "stats/SampleRatio.h"
#include "stats/Sequential.h"
#include "stats/StatsText.h"

#include <algorithm>
#include <cmath>

namespace rolldeck::stats {

namespace {

QString percent(double share, bool sign = false)
{
    // One decimal (+9.8 %), two below one percent (+0.35 %), where one would round a real effect to nothing.
    const QString text = QString::number(share * 100, 'f', std::fabs(share) < 0.01 ? 2 : 1) + QStringLiteral(" %");
    return sign && share > 0 ? u'+' + text : text;
}

QString quantity(double x, const QString &unit, bool sign = false)
{
    const QString text = QString::number(x, 'g', 3) + (unit.isEmpty() ? QString() : u' ' + unit);
    return sign && x > 0 ? u'+' + text : text;
}

QString pValue(double p)
{
    return p < 0.001 ? QString::number(p, 'g', 2) : QString::number(p, 'f', 3);
}

// What the numbers allow saying about one metric. `effect` and `low`/`high` are already in words.
AbOutcome metricOutcome(const AbReport &report, const AbMetricReport &m, double alpha, bool bBetter)
{
    const TestResult &primary = m.tests.constFirst();
    if (!primary.ok())
        return AbOutcome::NotEnoughData;
    if (report.sampleRatioMismatch)
        return AbOutcome::DoNotTrust;
    const bool reached = m.progress >= 1;
    if (m.alwaysValidP < alpha || (reached && primary.pValue < alpha))
        return bBetter ? AbOutcome::Better : AbOutcome::Worse;
    if (!std::isfinite(m.progress))
        return AbOutcome::NoPlan;
    return reached ? AbOutcome::NoDifference : AbOutcome::KeepRunning;
}

QString metricVerdict(const AbReport &report, const AbMetricReport &m, double alpha, bool bBetter, const QString &nameB,
                      const QString &change)
{
    const TestResult &primary = m.tests.constFirst();
    switch (metricOutcome(report, m, alpha, bBetter)) {
    case AbOutcome::NotEnoughData:
        return StatsText::tr("%1: not enough data (%2)").arg(m.name, primary.notEnoughData);
    case AbOutcome::DoNotTrust:
        return StatsText::tr("%1: do not trust: sample-ratio mismatch, p = %2")
            .arg(m.name, pValue(report.sampleRatio.pValue));
    case AbOutcome::Better:
    case AbOutcome::Worse: {
        const QString sufficiency = m.progress >= 1 ? StatsText::tr("enough data")
                                                    : StatsText::tr("always-valid p = %1").arg(pValue(m.alwaysValidP));
        return (bBetter ? StatsText::tr("%1 is better on %2 (%3), %4") : StatsText::tr("%1 is worse on %2 (%3), %4"))
            .arg(nameB, m.name, change, sufficiency);
    }
    case AbOutcome::KeepRunning:
        return StatsText::tr("%1: keep running: %2 of the planned sample").arg(m.name, percent(m.progress));
    case AbOutcome::NoPlan:
        return StatsText::tr("%1: no significant difference yet (p = %2); give a minimum effect to plan the sample")
            .arg(m.name, pValue(primary.pValue));
    case AbOutcome::NoDifference:
        break;
    }
    return StatsText::tr("%1: no difference found at the planned sample (p = %2)").arg(m.name, pValue(primary.pValue));
}

void addSequential(AbMetricReport &m, double estimate, double variance, double tau, double alpha)
{
    if (!(tau > 0) || !std::isfinite(tau))
        return;
    SequentialTest sequential(tau, alpha);
    sequential.update(estimate, variance);
    if (sequential.looks() == 0)
        return;
    m.alwaysValidP = sequential.alwaysValidP();
    m.alwaysValidLow = sequential.ciLow();
    m.alwaysValidHigh = sequential.ciHigh();
}

AbMetricReport conversion(const AbTestInput &in, const AbReport &report)
{
    AbMetricReport m;
    m.name = StatsText::tr("conversion");
    const Counts a{*in.conversionsA, in.visitsA}, b{*in.conversionsB, in.visitsB};
    const double confidence = 1 - in.alpha;
    m.tests = {
        twoProportionZ(a, b, confidence), relativeLift(a, b, confidence),
        chiSquareIndependence({{a.successes, a.trials - a.successes}, {b.successes, b.trials - b.successes}}, false),
        chiSquareIndependence({{a.successes, a.trials - a.successes}, {b.successes, b.trials - b.successes}}, true)};
    m.why = StatsText::tr("two-proportion z-test: each visit converts or not (the chi-square test without Yates' "
                          "correction gives the same p-value; with it, a more cautious one)");
    m.valueA = a.rate();
    m.valueB = b.rate();
    if (m.tests[0].ok())
        addSequential(m, m.valueB - m.valueA,
                      m.valueA * (1 - m.valueA) / a.trials + m.valueB * (1 - m.valueB) / b.trials,
                      in.minimumConversionEffect, in.alpha);
    if (std::isfinite(in.minimumConversionEffect) && m.valueA > 0 && m.valueA < 1) {
        const SampleSize planned =
            sampleSizeProportions(m.valueA, in.minimumConversionEffect, in.alpha, in.power, in.weightB / in.weightA);
        m.plannedPerGroupA = planned.perGroupA;
        m.plannedPerGroupB = planned.perGroupB;
        m.progress = std::min(in.visitsA / planned.perGroupA, in.visitsB / planned.perGroupB);
    }
    const TestResult &lift = m.tests[1];
    const QString change =
        lift.ok() ? StatsText::tr("%1, CI %2 … %3")
                        .arg(percent(lift.estimate, true), percent(lift.ciLow, true), percent(lift.ciHigh, true))
                  : percent(m.valueB - m.valueA, true);
    m.verdict = metricVerdict(report, m, in.alpha, m.valueB > m.valueA, in.nameB, change);
    m.outcome = metricOutcome(report, m, in.alpha, m.valueB > m.valueA);
    return m;
}

Summary summaryOf(const AbVariantSide &side)
{
    const bool hasSummary = side.n > 0 && std::isfinite(side.mean);
    return side.samples.empty() || hasSummary ? Summary{side.n, side.mean, side.sd} : summarize(side.samples);
}

AbMetricReport continuous(const AbTestInput &in, const AbContinuousMetric &metric, const AbReport &report)
{
    AbMetricReport m;
    m.name = metric.name;
    m.unit = metric.unit;
    const Summary a = summaryOf(metric.a), b = summaryOf(metric.b);
    const double confidence = 1 - in.alpha;
    m.tests = {welchT(a, b, confidence), studentT(a, b, confidence)};
    m.why = StatsText::tr("Welch's t-test: it does not assume both versions vary alike");
    if (!metric.a.samples.empty() && !metric.b.samples.empty()) {
        m.tests.append(mannWhitney(metric.a.samples, metric.b.samples, confidence));
        m.why += StatsText::tr("; Mann-Whitney U and the Hodges-Lehmann shift for skewed data such as latencies");
    }
    m.valueA = a.mean;
    m.valueB = b.mean;
    if (m.tests[0].ok())
        addSequential(m, b.mean - a.mean, a.sd * a.sd / a.n + b.sd * b.sd / b.n, metric.minimumEffect, in.alpha);
    const double pooledSd = std::sqrt(((a.n - 1) * a.sd * a.sd + (b.n - 1) * b.sd * b.sd) / (a.n + b.n - 2));
    if (std::isfinite(metric.minimumEffect) && pooledSd > 0) {
        const SampleSize planned =
            sampleSizeMeans(metric.minimumEffect, pooledSd, in.alpha, in.power, in.weightB / in.weightA);
        m.plannedPerGroupA = planned.perGroupA;
        m.plannedPerGroupB = planned.perGroupB;
        m.progress = std::min(a.n / planned.perGroupA, b.n / planned.perGroupB);
    }
    const TestResult &welch = m.tests[0];
    const QString change =
        StatsText::tr("%1, CI %2 … %3")
            .arg(quantity(welch.estimate, metric.unit, true), quantity(welch.ciLow, metric.unit, true),
                 quantity(welch.ciHigh, metric.unit, true));
    const bool lower = b.mean < a.mean;
    m.verdict = metricVerdict(report, m, in.alpha, lower == metric.lowerIsBetter, in.nameB, change);
    m.outcome = metricOutcome(report, m, in.alpha, lower == metric.lowerIsBetter);
    return m;
}

} // namespace

AbReport buildAbReport(const AbTestInput &in)
{
    AbReport report;
    report.name = in.name;
    report.nameA = in.nameA;
    report.nameB = in.nameB;
    report.sampleRatio = sampleRatioMismatch({in.visitsA, in.visitsB}, {in.weightA, in.weightB});
    report.sampleRatioMismatch = report.sampleRatio.ok() && report.sampleRatio.pValue < kSampleRatioAlarm;
    if (in.conversionsA && in.conversionsB)
        report.metrics.append(conversion(in, report));
    for (const AbContinuousMetric &metric : in.metrics)
        report.metrics.append(continuous(in, metric, report));
    double planned = 0;
    for (const AbMetricReport &m : report.metrics)
        if (std::isfinite(m.plannedPerGroupA))
            planned = std::max(planned, m.plannedPerGroupA + m.plannedPerGroupB);
    if (planned > 0 && std::isfinite(in.visitsPerSecond))
        report.secondsLeft = secondsLeft(planned, in.visitsA + in.visitsB, in.visitsPerSecond);
    if (report.sampleRatioMismatch) {
        report.verdict =
            StatsText::tr("do not trust: sample-ratio mismatch, p = %1").arg(pValue(report.sampleRatio.pValue));
        report.outcome = AbOutcome::DoNotTrust;
    } else if (!report.metrics.isEmpty()) {
        report.verdict = report.metrics.constFirst().verdict;
        report.outcome = report.metrics.constFirst().outcome;
    } else
        report.verdict = StatsText::tr("no metrics to judge");
    return report;
}

} // namespace rolldeck::stats
