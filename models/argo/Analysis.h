#pragma once

#include "KubeObject.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace rolldeck {

// One metric of an AnalysisTemplate / ClusterAnalysisTemplate / AnalysisRun spec.
struct Metric
{
    QString name;
    QString interval;
    QString initialDelay;
    QString count; // intstr as text, empty when unset
    QString successCondition;
    QString failureCondition;
    QString failureLimit;      // intstr as text, empty when unset (default 0)
    QString inconclusiveLimit; // intstr as text, empty when unset (default 0)
    QString consecutiveErrorLimit;
    QString consecutiveSuccessLimit; // intstr as text, empty when unset (default 0 = off)
    QString provider;                // the provider key: prometheus, web, job, ...
    QJsonObject raw;
};

struct Measurement
{
    QString phase;
    QString message;
    QDateTime startedAt;
    QDateTime finishedAt;
    QString value;
    StringMap metadata; // e.g. job-name, job-namespace
};

struct MetricResult
{
    QString name;
    QString phase;
    QString message;
    int count = 0;
    int successful = 0;
    int failed = 0;
    int inconclusive = 0;
    int error = 0;
    int consecutiveError = 0;
    int consecutiveSuccess = 0;
    bool dryRun = false;
    QList<Measurement> measurements;
};

struct AnalysisRun
{
    ObjectMeta meta;
    QJsonObject raw;
    QList<Metric> metrics;
    bool terminate = false;
    QStringList dryRunMetrics; // spec.dryRun[].metricName ("*" = every metric)
    QString phase;
    QString message;
    QDateTime startedAt;
    QList<MetricResult> metricResults;

    static AnalysisRun fromJson(const QJsonObject &json, const SourceLocation &source = {},
                                Diagnostics *problems = nullptr);
};

// AnalysisTemplate (namespaced) or ClusterAnalysisTemplate (clusterScoped = true).
struct AnalysisTemplate
{
    ObjectMeta meta;
    QJsonObject raw;
    bool clusterScoped = false;
    QList<Metric> metrics;
    QStringList argNames;

    static AnalysisTemplate fromJson(const QJsonObject &json, const SourceLocation &source = {},
                                     Diagnostics *problems = nullptr);
};

struct ExperimentTemplateStatus
{
    QString name;
    QString status;
    int replicas = 0;
    int availableReplicas = 0;
};

struct Experiment
{
    ObjectMeta meta;
    QJsonObject raw;
    QStringList templateNames;
    QString duration;
    QString phase;
    QString message;
    QList<ExperimentTemplateStatus> templateStatuses;

    static Experiment fromJson(const QJsonObject &json, const SourceLocation &source = {},
                               Diagnostics *problems = nullptr);
};

} // namespace rolldeck
