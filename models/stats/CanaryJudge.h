#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <limits>
#include <vector>

namespace rolldeck::stats {

// Kayenta's NetflixACAJudge-v1.0 as reference C.1 describes it: per metric, clean the control and experiment
// (canary) samples, classify the canary as Pass, High or Low by the Mann-Whitney interval of the shift and an
// effect-size gate, then score the groups and the canary. docs/statistics.md ("The canary judge").

enum class JudgeDirection {
    Either,
    Increase, // only a higher canary fails
    Decrease  // only a lower canary fails
};

enum class EffectMeasure {
    MeanRatio, // mean(canary) / mean(control)
    Cles       // P(canary > control) + ½ P(equal)
};

struct JudgeMetricConfig
{
    QString name;
    QString unit; // shown after values ("ms"); may be empty
    JudgeDirection direction = JudgeDirection::Either;
    bool replaceNaN = false; // NaN strategy: replace with 0.0, else remove
    bool removeOutliers = false;
    double outlierFactor = 3.0;
    bool critical = false;
    bool mustHaveData = false;
    bool muted = false;
    EffectMeasure measure = EffectMeasure::MeanRatio;
    // Effect-size gates; NaN takes the measure's default (1.0 for the mean ratio, 0.5 for CLES).
    double allowedIncrease = std::numeric_limits<double>::quiet_NaN();
    double allowedDecrease = std::numeric_limits<double>::quiet_NaN();
    double criticalIncrease = std::numeric_limits<double>::quiet_NaN();
    double criticalDecrease = std::numeric_limits<double>::quiet_NaN();
    QStringList groups;
};

enum class MetricClass { Pass, High, Low, Nodata, NodataFailMetric, Error };

struct MetricVerdict
{
    QString name;
    MetricClass classification = MetricClass::Pass;
    bool critical = false; // a critical metric beyond its critical gate, or without data
    QString reason;        // Kayenta's words where it has them ("data are identical", "Metric Classification Failed")
    double estimate = std::numeric_limits<double>::quiet_NaN(); // Hodges-Lehmann shift, canary − control
    double ciLow = std::numeric_limits<double>::quiet_NaN();
    double ciHigh = std::numeric_limits<double>::quiet_NaN();
    double meanRatio = std::numeric_limits<double>::quiet_NaN();
    double effect = std::numeric_limits<double>::quiet_NaN(); // the configured measure
    double confidence = 0.98;
};

struct JudgeSettings
{
    double tolerance = 0.25;
    double confidence = 0.98;
    QHash<QString, double> groupWeights; // percent; groups without one share what is left
    double marginal = 75;
    double pass = 95;
};

enum class ScoreClass { Pass, Marginal, Fail };

struct JudgeResult
{
    QList<MetricVerdict> metrics;
    QHash<QString, double> groupScores;
    double score = 0;
    ScoreClass classification = ScoreClass::Fail;
    QString reason; // why the score is 0 when a rule forced it, else empty
};

struct JudgeInput
{
    JudgeMetricConfig config;
    std::vector<double> control;
    std::vector<double> experiment;
};

MetricVerdict classifyMetric(const JudgeMetricConfig &config, std::vector<double> control,
                             std::vector<double> experiment, double tolerance = 0.25, double confidence = 0.98);
JudgeResult judgeCanary(const QList<JudgeInput> &inputs, const JudgeSettings &settings);

// The R-7 percentile (Apache Commons Percentile, EstimationType.R_7) of sorted values, p in [0, 1].
double percentileR7(const std::vector<double> &sorted, double p);

// One line a release manager reads: "latency p95: canary higher by 38 ms (HL estimate, 98 % CI 21–55 ms), above
// the allowed increase → High".
QString describeVerdict(const MetricVerdict &verdict, const QString &unit = QString());

} // namespace rolldeck::stats
