#include "Analysis.h"

#include <QJsonArray>

namespace rolldeck {

namespace {

using L = QLatin1StringView;

QList<Metric> parseMetrics(const FieldReader &r, const QJsonObject &spec)
{
    QList<Metric> out;
    const QJsonArray list = r.array(spec, L("metrics"), L("spec"));
    const L ctx("spec.metrics[]");
    for (const QJsonValue &v : list) {
        if (!v.isObject()) {
            r.report(L("spec"), L("metrics[]"), QStringLiteral("an entry is not a mapping"));
            continue;
        }
        const QJsonObject o = v.toObject();
        Metric m;
        m.raw = o;
        m.name = r.string(o, L("name"), ctx);
        m.interval = r.string(o, L("interval"), ctx);
        m.initialDelay = r.string(o, L("initialDelay"), ctx);
        m.count = r.stringOrInt(o, L("count"), ctx);
        m.successCondition = r.string(o, L("successCondition"), ctx);
        m.failureCondition = r.string(o, L("failureCondition"), ctx);
        m.failureLimit = r.stringOrInt(o, L("failureLimit"), ctx);
        m.inconclusiveLimit = r.stringOrInt(o, L("inconclusiveLimit"), ctx);
        m.consecutiveErrorLimit = r.stringOrInt(o, L("consecutiveErrorLimit"), ctx);
        m.consecutiveSuccessLimit = r.stringOrInt(o, L("consecutiveSuccessLimit"), ctx);
        const QJsonObject provider = r.object(o, L("provider"), ctx);
        if (!provider.isEmpty())
            m.provider = provider.keys().constFirst();
        out.append(m);
    }
    return out;
}

} // namespace

AnalysisRun AnalysisRun::fromJson(const QJsonObject &json, const SourceLocation &source, Diagnostics *problems)
{
    AnalysisRun run;
    run.meta = parseObjectMeta(json, source, problems);
    run.raw = json;
    const FieldReader r(run.meta.displayName(), source, problems);
    const QJsonObject spec = r.object(json, L("spec"), {});
    run.metrics = parseMetrics(r, spec);
    run.terminate = r.boolean(spec, L("terminate"), L("spec")).value_or(false);
    for (const QJsonValue &d : r.array(spec, L("dryRun"), L("spec")))
        run.dryRunMetrics << d.toObject().value(L("metricName")).toString();
    const QJsonObject status = r.object(json, L("status"), {});
    run.phase = r.string(status, L("phase"), L("status"));
    run.message = r.string(status, L("message"), L("status"));
    run.startedAt = r.time(status, L("startedAt"), L("status"));
    const QJsonArray results = r.array(status, L("metricResults"), L("status"));
    const L ctx("status.metricResults[]");
    const L mctx("status.metricResults[].measurements[]");
    for (const QJsonValue &v : results) {
        if (!v.isObject()) {
            r.report(L("status"), L("metricResults[]"), QStringLiteral("an entry is not a mapping"));
            continue;
        }
        const QJsonObject o = v.toObject();
        MetricResult mr;
        mr.name = r.string(o, L("name"), ctx);
        mr.phase = r.string(o, L("phase"), ctx);
        mr.message = r.string(o, L("message"), ctx);
        mr.count = int(r.integer(o, L("count"), ctx).value_or(0));
        mr.successful = int(r.integer(o, L("successful"), ctx).value_or(0));
        mr.failed = int(r.integer(o, L("failed"), ctx).value_or(0));
        mr.inconclusive = int(r.integer(o, L("inconclusive"), ctx).value_or(0));
        mr.error = int(r.integer(o, L("error"), ctx).value_or(0));
        mr.consecutiveError = int(r.integer(o, L("consecutiveError"), ctx).value_or(0));
        mr.consecutiveSuccess = int(r.integer(o, L("consecutiveSuccess"), ctx).value_or(0));
        mr.dryRun = r.boolean(o, L("dryRun"), ctx).value_or(false);
        const QJsonArray ms = r.array(o, L("measurements"), ctx);
        for (const QJsonValue &mv : ms) {
            if (!mv.isObject()) {
                r.report(ctx, L("measurements[]"), QStringLiteral("an entry is not a mapping"));
                continue;
            }
            const QJsonObject mo = mv.toObject();
            Measurement m;
            m.phase = r.string(mo, L("phase"), mctx);
            m.message = r.string(mo, L("message"), mctx);
            m.startedAt = r.time(mo, L("startedAt"), mctx);
            m.finishedAt = r.time(mo, L("finishedAt"), mctx);
            m.value = r.string(mo, L("value"), mctx);
            m.metadata = r.stringMap(mo, L("metadata"), mctx);
            mr.measurements.append(m);
        }
        run.metricResults.append(mr);
    }
    return run;
}

AnalysisTemplate AnalysisTemplate::fromJson(const QJsonObject &json, const SourceLocation &source,
                                            Diagnostics *problems)
{
    AnalysisTemplate t;
    t.meta = parseObjectMeta(json, source, problems);
    t.raw = json;
    t.clusterScoped = t.meta.kind == QLatin1String("ClusterAnalysisTemplate");
    const FieldReader r(t.meta.displayName(), source, problems);
    const QJsonObject spec = r.object(json, L("spec"), {});
    t.metrics = parseMetrics(r, spec);
    const QJsonArray args = r.array(spec, L("args"), L("spec"));
    for (const QJsonValue &v : args)
        t.argNames.append(r.string(v.toObject(), L("name"), L("spec.args[]")));
    return t;
}

Experiment Experiment::fromJson(const QJsonObject &json, const SourceLocation &source, Diagnostics *problems)
{
    Experiment e;
    e.meta = parseObjectMeta(json, source, problems);
    e.raw = json;
    const FieldReader r(e.meta.displayName(), source, problems);
    const QJsonObject spec = r.object(json, L("spec"), {});
    const QJsonArray templates = r.array(spec, L("templates"), L("spec"));
    for (const QJsonValue &v : templates)
        e.templateNames.append(r.string(v.toObject(), L("name"), L("spec.templates[]")));
    e.duration = r.stringOrInt(spec, L("duration"), L("spec"));
    const QJsonObject status = r.object(json, L("status"), {});
    e.phase = r.string(status, L("phase"), L("status"));
    e.message = r.string(status, L("message"), L("status"));
    const QJsonArray ts = r.array(status, L("templateStatuses"), L("status"));
    const L ctx("status.templateStatuses[]");
    for (const QJsonValue &v : ts) {
        const QJsonObject o = v.toObject();
        e.templateStatuses.append({r.string(o, L("name"), ctx), r.string(o, L("status"), ctx),
                                   int(r.integer(o, L("replicas"), ctx).value_or(0)),
                                   int(r.integer(o, L("availableReplicas"), ctx).value_or(0))});
    }
    return e;
}

} // namespace rolldeck
