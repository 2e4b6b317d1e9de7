#include "metrics/ChartPlan.h"

#include "models/analysis/ExprValue.h"
#include "models/analysis/QueryTemplate.h"
#include "models/argo/KubeEvent.h"
#include "models/argo/ObjectStore.h"
#include "models/argo/Rollout.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace rolldeck::metrics {

namespace {

// The matchers of one selector, split at commas outside quotes.
QStringList splitMatchers(const QString &body)
{
    QStringList out;
    QString current;
    bool quoted = false;
    for (qsizetype i = 0; i < body.size(); ++i) {
        const QChar c = body.at(i);
        if (quoted && c == u'\\' && i + 1 < body.size()) {
            current += c;
            current += body.at(++i);
            continue;
        }
        if (c == u'"')
            quoted = !quoted;
        if (c == u',' && !quoted) {
            out << current;
            current.clear();
            continue;
        }
        current += c;
    }
    if (!current.trimmed().isEmpty())
        out << current;
    return out;
}

bool isVersionMatcher(const QString &matcher)
{
    const QString m = matcher.trimmed();
    return m.startsWith(QLatin1String("version")) && m.size() > 7 &&
           (m.at(7) == u'=' || m.at(7) == u'!' || m.at(7) == u' ' || m.at(7) == u'~');
}

Criterion criterion(const char *name, const char *query, const char *condition, int holdSeconds = 0)
{
    Result<Criterion> parsed = parseCondition(QString::fromLatin1(condition));
    Criterion c = parsed.ok() ? parsed.value() : Criterion{};
    c.name = QString::fromLatin1(name);
    c.query = QString::fromLatin1(query);
    c.condition = QString::fromLatin1(condition);
    c.holdFor = std::chrono::seconds(holdSeconds);
    return c;
}

const char *kErrorRate = "sum(rate(http_requests_total{namespace=\"{{namespace}}\",rollout=\"{{rollout}}\","
                         "status=~\"5..\"}[5m]))\n  / sum(rate(http_requests_total{namespace=\"{{namespace}}\","
                         "rollout=\"{{rollout}}\"}[5m]))";
const char *kP95 = "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{namespace="
                   "\"{{namespace}}\",rollout=\"{{rollout}}\"}[5m])))";
const char *kMemory = "max(container_memory_working_set_bytes{namespace=\"{{namespace}}\",rollout=\"{{rollout}}\"}\n"
                      "  / container_spec_memory_limit_bytes{namespace=\"{{namespace}}\",rollout=\"{{rollout}}\"})";

QString op(Criterion::Comparison c)
{
    switch (c) {
    case Criterion::Comparison::Less:
        return QStringLiteral("<");
    case Criterion::Comparison::LessOrEqual:
        return QStringLiteral("<=");
    case Criterion::Comparison::Greater:
        return QStringLiteral(">");
    case Criterion::Comparison::GreaterOrEqual:
        return QStringLiteral(">=");
    case Criterion::Comparison::Equal:
        return QStringLiteral("==");
    }
    return QStringLiteral("<");
}

// The series of one chart: per version where the query names the rollout, else the query as written.
void addSeriesQueries(PlannedChart &planned, const QString &query, const QString &rollout, const QStringList &versions)
{
    for (const QString &version : versions) {
        bool changed = false;
        const QString narrowed = withVersion(query, rollout, version, &changed);
        if (!changed) {
            planned.versions = {QString()};
            planned.queries = {query};
            return;
        }
        planned.versions << version;
        planned.queries << narrowed;
    }
}

PlannedChart criterionChart(const Criterion &c, bool trigger, const RolloutChartInput &input,
                            const QStringList &versions)
{
    PlannedChart planned;
    charts::ChartSpec &spec = planned.chart.spec;
    spec.id = (trigger ? QStringLiteral("trigger/") : QStringLiteral("criterion/")) + c.name;
    spec.title = c.name;
    spec.source = trigger ? charts::ChartSource::RollbackTrigger : charts::ChartSource::SuccessCriterion;
    const QHash<QString, QString> values{{QStringLiteral("rollout"), input.name},
                                         {QStringLiteral("namespace"), input.namespaceName},
                                         {QStringLiteral("environment"), input.environment}};
    spec.query = analysis::fillQueryTemplate(c.query, values);
    // "==" has no line to draw: the points are coloured by their verdict instead.
    const QString condition = QStringLiteral("result[0] %1 %2").arg(op(c.comparison)).arg(c.threshold, 0, 'g', 12);
    (trigger ? spec.failureCondition : spec.successCondition) = condition;
    spec.conditionText = c.condition.trimmed();
    if (c.unit == Criterion::Unit::Ratio) {
        spec.displayScale = 100;
        spec.unit = QStringLiteral("%");
    } else if (c.unit == Criterion::Unit::Seconds) {
        spec.displayScale = 1000;
        spec.unit = QStringLiteral("ms");
    }
    planned.chart.prepare();
    addSeriesQueries(planned, spec.query, input.name, versions);
    return planned;
}

// The runs of the rollout, newest first.
QList<const AnalysisRun *> runsOf(const RolloutChartInput &input, const ObjectStore &store)
{
    const Rollout *rollout = store.rollout(input.namespaceName, input.name);
    QList<const AnalysisRun *> runs =
        rollout ? store.analysisRunsOwnedBy(rollout->meta.uid) : QList<const AnalysisRun *>();
    std::sort(runs.begin(), runs.end(), [](const AnalysisRun *a, const AnalysisRun *b) {
        return a->meta.creationTimestamp > b->meta.creationTimestamp;
    });
    return runs;
}

void addMeasurements(charts::MetricChart &chart, const AnalysisRun &run, const QString &metric)
{
    for (const MetricResult &result : run.metricResults) {
        if (result.name != metric)
            continue;
        for (const Measurement &m : result.measurements) {
            const QDateTime at = m.finishedAt.isValid() ? m.finishedAt : m.startedAt;
            const analysis::ExprValue value = analysis::ExprValue::fromMeasurement(m.value);
            double v = NAN;
            if (value.type() == analysis::ExprValue::Type::Array &&
                value.items().size() > size_t(chart.spec.resultIndex))
                v = value.items()[size_t(chart.spec.resultIndex)].toDouble();
            else if (value.isNumber())
                v = value.toDouble();
            if (!at.isValid() || !std::isfinite(v))
                continue;
            charts::ChartMeasurement point;
            point.timeMs = at.toMSecsSinceEpoch();
            point.value = v * chart.spec.displayScale;
            point.phase = analysis::phaseFromName(m.phase).value_or(analysis::Phase::Error);
            point.run = run.meta.name;
            chart.measurements << point;
        }
    }
}

} // namespace

QString withVersion(const QString &query, const QString &rollout, const QString &version, bool *changed)
{
    QString out;
    out.reserve(query.size() + 32);
    bool any = false;
    bool quoted = false;
    const QString named = u'"' + rollout;
    for (qsizetype i = 0; i < query.size(); ++i) {
        const QChar c = query.at(i);
        if (c == u'"' && (i == 0 || query.at(i - 1) != u'\\'))
            quoted = !quoted;
        if (c != u'{' || quoted) {
            out += c;
            continue;
        }
        // A selector: find its end outside quotes.
        qsizetype end = i + 1;
        bool inner = false;
        for (; end < query.size(); ++end) {
            const QChar e = query.at(end);
            if (e == u'"' && query.at(end - 1) != u'\\')
                inner = !inner;
            if (e == u'}' && !inner)
                break;
        }
        if (end >= query.size()) { // unbalanced: leave the rest as it is
            out += query.mid(i);
            break;
        }
        const QString body = query.mid(i + 1, end - i - 1);
        if (rollout.isEmpty() || !body.contains(named)) {
            out += query.mid(i, end - i + 1);
        } else {
            QStringList matchers = splitMatchers(body);
            matchers.erase(std::remove_if(matchers.begin(), matchers.end(), isVersionMatcher), matchers.end());
            matchers << QStringLiteral("version=\"%1\"").arg(version);
            out += u'{' + matchers.join(u',') + u'}';
            any = true;
        }
        i = end;
    }
    if (changed)
        *changed = any;
    return any ? out : query;
}

QList<Criterion> defaultSuccessCriteria()
{
    return {criterion("error rate", kErrorRate, "< 0.1%"), criterion("p95 response time", kP95, "< 200ms")};
}

QList<Criterion> defaultRollbackTriggers()
{
    return {criterion("error rate", kErrorRate, "> 0.5%", 120), criterion("p95 response time", kP95, "> 500ms", 120),
            criterion("memory", kMemory, "> 90%", 120)};
}

QList<PlannedChart> planRolloutCharts(const RolloutChartInput &input, const ObjectStore &store)
{
    const QStringList versions = input.blueGreen ? QStringList{QStringLiteral("stable"), QStringLiteral("preview")}
                                                 : QStringList{QStringLiteral("stable"), QStringLiteral("canary")};
    QList<PlannedChart> out;
    QStringList seen;
    const QList<const AnalysisRun *> runs = runsOf(input, store);
    for (const AnalysisRun *run : runs) {
        QHash<QString, QString> args{{QStringLiteral("rollout"), input.name},
                                     {QStringLiteral("namespace"), input.namespaceName},
                                     {QStringLiteral("environment"), input.environment}};
        for (const QJsonValue &a : run->raw[QLatin1String("spec")][QLatin1String("args")].toArray()) {
            const QJsonObject arg = a.toObject();
            if (arg.contains(QLatin1String("value")))
                args.insert(QStringLiteral("args.") + arg[QLatin1String("name")].toString(),
                            arg[QLatin1String("value")].toString());
        }
        for (const Metric &metric : run->metrics) {
            const QString query =
                metric.raw[QLatin1String("provider")][QLatin1String("prometheus")][QLatin1String("query")].toString();
            if (query.isEmpty())
                continue;
            const QString id = QStringLiteral("analysis/") + metric.name;
            const auto existing =
                std::find_if(out.begin(), out.end(), [&](const PlannedChart &p) { return p.chart.spec.id == id; });
            if (existing != out.end()) { // an older run of the same metric: its measurements too
                addMeasurements(existing->chart, *run, metric.name);
                continue;
            }
            PlannedChart planned;
            charts::ChartSpec &spec = planned.chart.spec;
            spec.id = id;
            spec.title = metric.name;
            spec.source = charts::ChartSource::AnalysisMetric;
            spec.query = analysis::fillQueryTemplate(query, args).trimmed();
            spec.successCondition = metric.successCondition;
            spec.failureCondition = metric.failureCondition;
            planned.chart.prepare();
            const auto &line = planned.chart.failureLine ? planned.chart.failureLine : planned.chart.successLine;
            spec.resultIndex = line ? line->index : 0;
            QStringList text;
            if (!metric.successCondition.isEmpty())
                text << QStringLiteral("success: ") + metric.successCondition.trimmed();
            if (!metric.failureCondition.isEmpty())
                text << QStringLiteral("failure: ") + metric.failureCondition.trimmed();
            spec.conditionText = text.join(QStringLiteral("\n"));
            addSeriesQueries(planned, spec.query, input.name, versions);
            addMeasurements(planned.chart, *run, metric.name);
            out << planned;
        }
    }
    for (const Criterion &c : input.successCriteria)
        out << criterionChart(c, false, input, versions);
    for (const Criterion &c : input.rollbackTriggers)
        out << criterionChart(c, true, input, versions);
    return out;
}

QList<charts::ChartMarker> rolloutMarkers(const QList<KubeEvent> &events, const QList<charts::ChartMarker> &actions)
{
    QList<charts::ChartMarker> out = actions;
    for (const KubeEvent &e : events) {
        if (e.fromRolldeck || !e.lastSeen.isValid())
            continue; // Rolldeck's own actions come from the audit log
        charts::ChartMarker m;
        m.timeMs = e.lastSeen.toMSecsSinceEpoch();
        if (e.reason == QLatin1String("RolloutAborted"))
            m.kind = charts::ChartMarker::Kind::Abort;
        else if (e.reason == QLatin1String("RolloutStepCompleted") || e.reason == QLatin1String("RolloutUpdated") ||
                 e.reason == QLatin1String("RolloutCompleted") || e.reason == QLatin1String("RolloutPaused") ||
                 e.reason == QLatin1String("RolloutResumed"))
            m.kind = charts::ChartMarker::Kind::Step;
        else
            continue;
        m.text = e.message;
        out << m;
    }
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.timeMs < b.timeMs; });
    return out;
}

QList<PlannedChart> planDeploymentDashboard()
{
    struct Def
    {
        const char *id;
        const char *title;
        const char *query;
        double scale;
        const char *unit;
    };
    static const Def defs[] = {
        // As the seed's dashboard, per environment. Success rate and duration from the counters and the histogram
        // as they stand (the seed's p95 reads the cumulative buckets too): a deployment that finished before
        // Prometheus first scraped still counts. Rollbacks over the last day.
        {"dashboard/success-rate", "Deployment success rate",
         "100 * sum by (environment) (deployment_success_total) / (sum by (environment) (deployment_success_total) "
         "+ sum by (environment) (deployment_failed_total))",
         1, "%"},
        {"dashboard/p95-duration", "p95 deployment duration",
         "histogram_quantile(0.95, sum by (environment, le) (deployment_duration_seconds_bucket))", 1, "s"},
        {"dashboard/rollbacks", "Rollback events (24 h)",
         "sum by (environment) (increase(deployment_rollback_total[24h]))", 1, ""},
    };
    QList<PlannedChart> out;
    for (const Def &d : defs) {
        PlannedChart planned;
        planned.chart.spec.id = QString::fromLatin1(d.id);
        planned.chart.spec.title = QString::fromLatin1(d.title);
        planned.chart.spec.source = charts::ChartSource::Dashboard;
        planned.chart.spec.query = QString::fromLatin1(d.query);
        planned.chart.spec.displayScale = d.scale;
        planned.chart.spec.unit = QString::fromLatin1(d.unit);
        planned.versions = {QString()};
        planned.queries = {planned.chart.spec.query};
        out << planned;
    }
    return out;
}

} // namespace rolldeck::metrics
