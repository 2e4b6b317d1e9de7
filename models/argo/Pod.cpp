#include "Pod.h"

#include <QJsonArray>

namespace rolldeck {

namespace {

using L = QLatin1StringView;

QList<ContainerStatus> parseStatuses(const FieldReader &r, const QJsonObject &status, L key)
{
    QList<ContainerStatus> out;
    const QJsonArray list = r.array(status, key, L("status"));
    const L ctx("status.containerStatuses[]");
    for (const QJsonValue &v : list) {
        if (!v.isObject()) {
            r.report(L("status"), key, QStringLiteral("an entry is not a mapping"));
            continue;
        }
        const QJsonObject o = v.toObject();
        ContainerStatus cs;
        cs.name = r.string(o, L("name"), ctx);
        cs.ready = r.boolean(o, L("ready"), ctx).value_or(false);
        cs.restartCount = int(r.integer(o, L("restartCount"), ctx).value_or(0));
        cs.started = r.boolean(o, L("started"), ctx);
        const QJsonObject state = r.object(o, L("state"), ctx);
        const L sctx("status.containerStatuses[].state");
        if (state.contains(L("waiting")) && !state.value(L("waiting")).isNull()) {
            cs.waiting = true;
            cs.waitingReason = r.string(r.object(state, L("waiting"), sctx), L("reason"), sctx);
        }
        if (state.contains(L("running")) && !state.value(L("running")).isNull())
            cs.running = true;
        if (state.contains(L("terminated")) && !state.value(L("terminated")).isNull()) {
            cs.terminated = true;
            const QJsonObject t = r.object(state, L("terminated"), sctx);
            cs.terminatedReason = r.string(t, L("reason"), sctx);
            cs.exitCode = int(r.integer(t, L("exitCode"), sctx).value_or(0));
            cs.signal = int(r.integer(t, L("signal"), sctx).value_or(0));
        }
        out.append(cs);
    }
    return out;
}

} // namespace

Pod Pod::fromJson(const QJsonObject &json, const SourceLocation &source, Diagnostics *problems)
{
    Pod pod;
    pod.meta = parseObjectMeta(json, source, problems);
    const FieldReader r(pod.meta.displayName(), source, problems);
    const QJsonObject spec = r.object(json, L("spec"), {});
    const QJsonArray containers = r.array(spec, L("containers"), L("spec"));
    for (const QJsonValue &v : containers)
        pod.containerNames.append(v.toObject().value(L("name")).toString());
    const QJsonArray inits = r.array(spec, L("initContainers"), L("spec"));
    for (const QJsonValue &v : inits) {
        const QJsonObject o = v.toObject();
        pod.initContainers.append(
            {r.string(o, L("name"), L("spec.initContainers[]")),
             r.string(o, L("restartPolicy"), L("spec.initContainers[]")) == QLatin1String("Always")});
    }
    const QJsonObject status = r.object(json, L("status"), {});
    pod.phase = r.string(status, L("phase"), L("status"));
    pod.reason = r.string(status, L("reason"), L("status"));
    pod.initContainerStatuses = parseStatuses(r, status, L("initContainerStatuses"));
    pod.containerStatuses = parseStatuses(r, status, L("containerStatuses"));
    return pod;
}

} // namespace rolldeck
