#include "analysis/Assessment.h"

#include "argo/Analysis.h"

#include <QJsonObject>

namespace rolldeck::analysis {

namespace {

struct PhaseName
{
    Phase phase;
    const char *name;
};

constexpr PhaseName kPhaseNames[] = {
    {Phase::Pending, "Pending"}, {Phase::Running, "Running"}, {Phase::Successful, "Successful"},
    {Phase::Failed, "Failed"},   {Phase::Error, "Error"},     {Phase::Inconclusive, "Inconclusive"},
};

// How bad a phase is when the run takes its worst metric (the reference's order).
int severity(Phase phase)
{
    switch (phase) {
    case Phase::Successful:
        return 1;
    case Phase::Running:
        return 2;
    case Phase::Pending:
        return 3;
    case Phase::Inconclusive:
        return 4;
    case Phase::Error:
        return 5;
    case Phase::Failed:
        return 6;
    }
    return 0;
}

// An intstr limit: a number, or the default when unset or an unresolved "{{args.x}}".
int limitOf(const QString &text, int fallback)
{
    bool ok = false;
    const int v = text.trimmed().toInt(&ok);
    return ok ? v : fallback;
}

// Rules 1-3: the limits that end a metric badly; later ones override earlier ones, as in the controller.
MetricAssessment failureInconclusiveOrError(const MetricLimits &limits, const MetricTally &tally)
{
    MetricAssessment a;
    a.phase = Phase::Pending; // "none"
    bool any = false;
    if (limits.failureLimit >= 0 && tally.failed > limits.failureLimit) {
        a = {Phase::Failed,
             QStringLiteral("failed (%1) > failureLimit (%2)").arg(tally.failed).arg(limits.failureLimit)};
        any = true;
    }
    if (limits.inconclusiveLimit >= 0 && tally.inconclusive > limits.inconclusiveLimit) {
        a = {Phase::Inconclusive, QStringLiteral("inconclusive (%1) > inconclusiveLimit (%2)")
                                      .arg(tally.inconclusive)
                                      .arg(limits.inconclusiveLimit)};
        any = true;
    }
    if (limits.consecutiveErrorLimit >= 0 && tally.consecutiveError > limits.consecutiveErrorLimit) {
        a = {Phase::Error, QStringLiteral("consecutiveErrors (%1) > consecutiveErrorLimit (%2)")
                               .arg(tally.consecutiveError)
                               .arg(limits.consecutiveErrorLimit)};
        any = true;
    }
    if (!any)
        a.reason.clear();
    return a;
}

bool decided(const MetricAssessment &a)
{
    return !a.reason.isEmpty();
}

void countInto(RunSummary *summary, Phase phase)
{
    ++summary->count;
    switch (phase) {
    case Phase::Successful:
        ++summary->successful;
        break;
    case Phase::Failed:
        ++summary->failed;
        break;
    case Phase::Inconclusive:
        ++summary->inconclusive;
        break;
    case Phase::Error:
        ++summary->error;
        break;
    case Phase::Pending:
    case Phase::Running:
        break;
    }
}

} // namespace

QString phaseName(Phase phase)
{
    for (const PhaseName &p : kPhaseNames) {
        if (p.phase == phase)
            return QLatin1String(p.name);
    }
    return {};
}

std::optional<Phase> phaseFromName(const QString &name)
{
    for (const PhaseName &p : kPhaseNames) {
        if (name == QLatin1String(p.name))
            return p.phase;
    }
    return std::nullopt;
}

bool isCompleted(Phase phase)
{
    return phase != Phase::Pending && phase != Phase::Running;
}

MeasurementVerdict assessMeasurement(const Condition *success, const Condition *failure, const ExprValue &result)
{
    bool successTrue = false;
    bool failureTrue = false;
    if (success) {
        const Result<bool> r = success->test(result);
        if (!r)
            return {Phase::Error, r.error()};
        successTrue = r.value();
    }
    if (failure) {
        const Result<bool> r = failure->test(result);
        if (!r)
            return {Phase::Error, r.error()};
        failureTrue = r.value();
    }
    if (!success && !failure)
        return {Phase::Successful, {}};
    if (success && !failure)
        failureTrue = !successTrue;
    else if (!success && failure)
        successTrue = !failureTrue;
    if (failureTrue)
        return {Phase::Failed, {}};
    if (!successTrue)
        return {Phase::Inconclusive, {}};
    return {Phase::Successful, {}};
}

MetricLimits MetricLimits::fromMetric(const Metric &metric)
{
    MetricLimits l;
    l.failureLimit = limitOf(metric.failureLimit, 0);
    l.inconclusiveLimit = limitOf(metric.inconclusiveLimit, 0);
    l.consecutiveErrorLimit = limitOf(metric.consecutiveErrorLimit, 4);
    l.consecutiveSuccessLimit = limitOf(metric.consecutiveSuccessLimit, 0);
    // EffectiveCount: the count when set; exactly one measurement when neither count nor interval is.
    bool ok = false;
    const int count = metric.count.trimmed().toInt(&ok);
    if (ok)
        l.count = count;
    else if (metric.count.isEmpty() && metric.interval.isEmpty() && !metric.raw.contains(QLatin1String("interval")))
        l.count = 1; // (an interval written as a bare number, as in older objects, is still an interval)
    return l;
}

void MetricTally::add(Phase measurementPhase)
{
    ++measurements;
    lastCompleted = isCompleted(measurementPhase);
    switch (measurementPhase) {
    case Phase::Successful:
        ++successful;
        ++count;
        ++consecutiveSuccess;
        consecutiveError = 0;
        break;
    case Phase::Failed:
    case Phase::Inconclusive:
        ++(measurementPhase == Phase::Failed ? failed : inconclusive);
        ++count;
        consecutiveSuccess = 0;
        consecutiveError = 0;
        break;
    case Phase::Error: // an error is retried: it does not count towards `count`
        ++error;
        ++consecutiveError;
        break;
    case Phase::Pending:
    case Phase::Running:
        break;
    }
}

MetricTally MetricTally::fromResult(const MetricResult &result)
{
    MetricTally t;
    t.count = result.count;
    t.successful = result.successful;
    t.failed = result.failed;
    t.inconclusive = result.inconclusive;
    t.error = result.error;
    t.consecutiveError = result.consecutiveError;
    t.consecutiveSuccess = result.consecutiveSuccess;
    t.measurements = int(result.measurements.size());
    if (!result.measurements.isEmpty()) {
        const std::optional<Phase> last = phaseFromName(result.measurements.constLast().phase);
        t.lastCompleted = last && isCompleted(*last);
    } else if (result.count + result.error > 0) {
        t.measurements = result.count + result.error; // measurementRetention dropped them; the counters remain
    }
    return t;
}

MetricAssessment assessMetric(const MetricLimits &limits, const MetricTally &tally, bool terminating)
{
    if (tally.measurements == 0)
        return {terminating ? Phase::Successful : Phase::Pending, {}};
    if (!tally.lastCompleted)
        return {Phase::Running, {}}; // a measurement is still in flight
    const MetricAssessment bad = failureInconclusiveOrError(limits, tally);
    if (decided(bad))
        return bad;
    if (limits.consecutiveSuccessLimit > 0 && tally.consecutiveSuccess >= limits.consecutiveSuccessLimit)
        return {Phase::Successful, {}};
    if (limits.count && tally.count >= *limits.count) {
        const bool failureApplies = limits.failureLimit >= 0;
        const bool successApplies = limits.consecutiveSuccessLimit > 0;
        if (failureApplies && successApplies)
            return {Phase::Inconclusive, {}};
        if (successApplies)
            return {Phase::Failed, {}};
        return {Phase::Successful, {}};
    }
    return {terminating ? Phase::Successful : Phase::Running, {}};
}

RunAssessment assessRun(const QList<RunMetric> &metrics, bool terminate)
{
    RunAssessment run;
    std::optional<Phase> worst;
    bool everythingCompleted = true;
    if (terminate)
        run.message = QStringLiteral("Run Terminated");
    for (const RunMetric &m : metrics) {
        run.dryRunMessages << QString();
        if (!m.started) {
            run.metricPhases << Phase::Pending;
            everythingCompleted = false;
            continue;
        }
        const MetricAssessment a = assessMetric(m.limits, m.tally, terminate);
        run.metricPhases << a.phase;
        if (!isCompleted(a.phase)) {
            everythingCompleted = false;
            continue;
        }
        const MetricAssessment why = failureInconclusiveOrError(m.limits, m.tally);
        if (m.dryRun) {
            countInto(&run.dryRunSummary, a.phase);
            if (decided(why))
                run.dryRunMessages.last() =
                    QStringLiteral("Metric assessed %1 due to %2").arg(phaseName(a.phase), why.reason);
            continue;
        }
        countInto(&run.summary, a.phase);
        if (!worst || severity(a.phase) > severity(*worst)) {
            worst = a.phase;
            if (decided(why)) {
                run.message =
                    QStringLiteral("Metric \"%1\" assessed %2 due to %3").arg(m.name, phaseName(a.phase), why.reason);
                if (!m.resultMessage.isEmpty())
                    run.message += QStringLiteral(": \"Error Message: %1\"").arg(m.resultMessage);
            }
        }
    }
    if (terminate) {
        run.phase = worst.value_or(Phase::Successful);
    } else if (!everythingCompleted || !worst) {
        run.phase = Phase::Running;
        run.message.clear();
    } else {
        run.phase = *worst;
    }
    return run;
}

RunAssessment assessAnalysisRun(const AnalysisRun &run)
{
    const bool everyMetricDry = run.dryRunMetrics.contains(QStringLiteral("*"));
    QList<RunMetric> metrics;
    for (const Metric &metric : run.metrics) {
        RunMetric m;
        m.name = metric.name;
        m.limits = MetricLimits::fromMetric(metric);
        m.dryRun = everyMetricDry || run.dryRunMetrics.contains(metric.name);
        m.started = false;
        for (const MetricResult &result : run.metricResults) {
            if (result.name != metric.name)
                continue;
            m.started = true;
            m.tally = MetricTally::fromResult(result);
            m.resultMessage = result.message;
            m.dryRun = m.dryRun || result.dryRun;
        }
        metrics << m;
    }
    return assessRun(metrics, run.terminate);
}

} // namespace rolldeck::analysis
