#pragma once

#include "stats/TestResult.h"

#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace rolldeck::stats {

// One A/B test's report (`rolldeck abtest report`, the Experiments view): the sample-ratio check, the conversion
// tests, each continuous metric's tests, the planned sample size and progress, and a verdict in words.
// docs/statistics.md ("rolldeck abtest report").

struct AbVariantSide
{
    std::vector<double> samples;          // raw values, or
    double n = 0, mean = kNaN, sd = kNaN; // a summary when there are no samples
    // Both (the live source's histograms): the summary for the t-tests and the power, the samples (binned values)
    // for Mann-Whitney only.
};

struct AbContinuousMetric
{
    QString name;
    QString unit;
    bool lowerIsBetter = true;   // response times, errors: the treatment is better when lower
    double minimumEffect = kNaN; // absolute difference worth detecting, in the metric's unit
    AbVariantSide a, b;
};

struct AbTestInput
{
    QString name;
    QString nameA = QStringLiteral("A"), nameB = QStringLiteral("B");
    double weightA = 50, weightB = 50; // the configured split
    double alpha = 0.05, power = 0.8;
    double visitsA = 0, visitsB = 0;
    std::optional<double> conversionsA, conversionsB; // absent: no conversion metric
    double minimumConversionEffect = kNaN;            // absolute, e.g. 0.004 for 4.0 % → 4.4 %
    double visitsPerSecond = kNaN;                    // for the time left
    QList<AbContinuousMetric> metrics;
};

// What a metric's numbers allow saying, as the verdict's words say it (for colours and icons, not for reading).
enum class AbOutcome {
    NotEnoughData, // the primary test cannot be computed
    DoNotTrust,    // sample-ratio mismatch
    Better,        // B is better, significant by the always-valid p (or the fixed-horizon p at the planned n)
    Worse,
    KeepRunning,  // not significant, the planned sample not reached
    NoDifference, // not significant at the planned sample
    NoPlan        // not significant, and no minimum effect to plan the sample with
};

struct AbMetricReport
{
    QString name;
    QString unit;
    QList<TestResult> tests; // the primary test first
    QString why;             // which test is primary and why
    double valueA = kNaN, valueB = kNaN;
    double alwaysValidP = kNaN; // mSPRT, valid at any look
    double alwaysValidLow = kNaN, alwaysValidHigh = kNaN;
    double plannedPerGroupA = kNaN, plannedPerGroupB = kNaN;
    double progress = kNaN; // share of the planned sample reached (0–1+)
    QString verdict;
    AbOutcome outcome = AbOutcome::NotEnoughData;
};

struct AbReport
{
    QString name;
    QString nameA, nameB;
    TestResult sampleRatio;
    bool sampleRatioMismatch = false; // p < 0.001: every result below is untrustworthy
    double secondsLeft = kNaN;
    QList<AbMetricReport> metrics;
    QString verdict;                              // the test's verdict in one line
    AbOutcome outcome = AbOutcome::NotEnoughData; // the verdict's: DoNotTrust, or the first metric's
};

AbReport buildAbReport(const AbTestInput &input);

} // namespace rolldeck::stats
