#include "Rollout.h"

#include <QJsonArray>

namespace rolldeck {

namespace {

using L = QLatin1StringView;

QList<Container> parseContainers(const FieldReader &r, const QJsonObject &podSpec, L key, L context)
{
    QList<Container> out;
    const QJsonArray list = r.array(podSpec, key, context);
    out.reserve(list.size());
    for (const QJsonValue &v : list) {
        if (!v.isObject()) {
            r.report(context, key, QStringLiteral("an entry is not a mapping"));
            continue;
        }
        const QJsonObject c = v.toObject();
        out.append({r.string(c, L("name"), L("containers[]")), r.string(c, L("image"), L("containers[]"))});
    }
    return out;
}

CanaryStep parseStep(const FieldReader &r, const QJsonObject &o)
{
    const L ctx("spec.strategy.canary.steps[]");
    CanaryStep step;
    step.raw = o;
    if (o.contains(L("setWeight"))) {
        step.kind = CanaryStep::Kind::SetWeight;
        if (const auto w = r.integer(o, L("setWeight"), ctx))
            step.setWeight = int(*w);
    } else if (o.contains(L("pause"))) {
        step.kind = CanaryStep::Kind::Pause;
        const QJsonObject pause = r.object(o, L("pause"), ctx);
        if (pause.contains(L("duration")) && !pause.value(L("duration")).isNull()) {
            step.hasPauseDuration = true;
            step.pauseDuration = r.stringOrInt(pause, L("duration"), L("spec.strategy.canary.steps[].pause"));
        }
    } else if (o.contains(L("analysis"))) {
        step.kind = CanaryStep::Kind::Analysis;
    } else if (o.contains(L("experiment"))) {
        step.kind = CanaryStep::Kind::Experiment;
    } else if (o.contains(L("setCanaryScale"))) {
        step.kind = CanaryStep::Kind::SetCanaryScale;
    } else if (o.contains(L("setHeaderRoute"))) {
        step.kind = CanaryStep::Kind::SetHeaderRoute;
    } else if (o.contains(L("setMirrorRoute"))) {
        step.kind = CanaryStep::Kind::SetMirrorRoute;
    } else if (o.contains(L("plugin"))) {
        step.kind = CanaryStep::Kind::Plugin;
    }
    return step;
}

} // namespace

QString CanaryStep::displayText() const
{
    switch (kind) {
    case Kind::SetWeight:
        return QStringLiteral("setWeight: ") + QString::number(setWeight.value_or(0));
    case Kind::Pause:
        if (hasPauseDuration)
            return QStringLiteral("pause: ") + pauseDuration;
        return QStringLiteral("pause");
    case Kind::Analysis:
        return QStringLiteral("analysis");
    case Kind::Experiment:
        return QStringLiteral("experiment");
    case Kind::SetCanaryScale: {
        const QJsonObject s = raw.value(L("setCanaryScale")).toObject();
        if (s.contains(L("weight")))
            return QStringLiteral("setCanaryScale{weight: ") + QString::number(s.value(L("weight")).toInt()) +
                   QLatin1Char('}');
        if (s.contains(L("replicas")))
            return QStringLiteral("setCanaryScale{replicas: ") + QString::number(s.value(L("replicas")).toInt()) +
                   QLatin1Char('}');
        return QStringLiteral("setCanaryScale{matchTrafficWeight: true}");
    }
    case Kind::SetHeaderRoute:
        return QStringLiteral("setHeaderRoute: ") +
               raw.value(L("setHeaderRoute")).toObject().value(L("name")).toString();
    case Kind::SetMirrorRoute:
        return QStringLiteral("setMirrorRoute: ") +
               raw.value(L("setMirrorRoute")).toObject().value(L("name")).toString();
    case Kind::Plugin:
        return QStringLiteral("plugin: ") + raw.value(L("plugin")).toObject().value(L("name")).toString();
    case Kind::Unknown:
        break;
    }
    return {};
}

QString Rollout::strategyName() const
{
    switch (strategy) {
    case Strategy::Canary:
        return QStringLiteral("Canary");
    case Strategy::BlueGreen:
        return QStringLiteral("BlueGreen");
    case Strategy::None:
        break;
    }
    return {};
}

Rollout Rollout::fromJson(const QJsonObject &json, const SourceLocation &source, Diagnostics *problems)
{
    Rollout ro;
    ro.meta = parseObjectMeta(json, source, problems);
    const FieldReader r(ro.meta.displayName(), source, problems);

    const QJsonObject spec = r.object(json, L("spec"), {});
    ro.strategyJson = spec.value(L("strategy")).toObject();
    ro.canaryWeightsJson =
        json.value(L("status")).toObject().value(L("canary")).toObject().value(L("weights")).toObject();
    if (const auto n = r.integer(spec, L("replicas"), L("spec")))
        ro.replicas = int(*n);
    ro.paused = r.boolean(spec, L("paused"), L("spec")).value_or(false);
    ro.restartAt = r.string(spec, L("restartAt"), L("spec"));
    const QJsonObject workloadRef = r.object(spec, L("workloadRef"), L("spec"));
    ro.workloadRefKind = r.string(workloadRef, L("kind"), L("spec.workloadRef"));
    ro.workloadRefName = r.string(workloadRef, L("name"), L("spec.workloadRef"));
    const QJsonObject tmpl = r.object(spec, L("template"), L("spec"));
    const QJsonObject podSpec = r.object(tmpl, L("spec"), L("spec.template"));
    ro.containers = parseContainers(r, podSpec, L("containers"), L("spec.template.spec"));
    ro.initContainers = parseContainers(r, podSpec, L("initContainers"), L("spec.template.spec"));

    const QJsonObject strategy = r.object(spec, L("strategy"), L("spec"));
    if (strategy.contains(L("canary")) && !strategy.value(L("canary")).isNull()) {
        ro.strategy = Strategy::Canary;
        const QJsonObject canary = r.object(strategy, L("canary"), L("spec.strategy"));
        const QJsonArray steps = r.array(canary, L("steps"), L("spec.strategy.canary"));
        for (const QJsonValue &v : steps) {
            if (!v.isObject()) {
                r.report(L("spec.strategy.canary"), L("steps[]"), QStringLiteral("a step is not a mapping"));
                ro.steps.append(CanaryStep{});
                continue;
            }
            ro.steps.append(parseStep(r, v.toObject()));
        }
        if (canary.contains(L("trafficRouting")) && !canary.value(L("trafficRouting")).isNull()) {
            ro.hasTrafficRouting = true;
            const QJsonObject tr = r.object(canary, L("trafficRouting"), L("spec.strategy.canary"));
            if (const auto m = r.integer(tr, L("maxTrafficWeight"), L("spec.strategy.canary.trafficRouting")))
                ro.maxTrafficWeight = int(*m);
        }
        ro.pingPong = canary.contains(L("pingPong")) && !canary.value(L("pingPong")).isNull();
    } else if (strategy.contains(L("blueGreen")) && !strategy.value(L("blueGreen")).isNull()) {
        ro.strategy = Strategy::BlueGreen;
        const QJsonObject bg = r.object(strategy, L("blueGreen"), L("spec.strategy"));
        ro.hasPostPromotionAnalysis =
            bg.contains(L("postPromotionAnalysis")) && !bg.value(L("postPromotionAnalysis")).isNull();
        ro.activeService = r.string(bg, L("activeService"), L("spec.strategy.blueGreen"));
        ro.previewService = r.string(bg, L("previewService"), L("spec.strategy.blueGreen"));
        ro.autoPromotionEnabled = r.boolean(bg, L("autoPromotionEnabled"), L("spec.strategy.blueGreen")).value_or(true);
        ro.autoPromotionSeconds =
            int(r.integer(bg, L("autoPromotionSeconds"), L("spec.strategy.blueGreen")).value_or(0));
    }

    const QJsonObject status = r.object(json, L("status"), {});
    const L st("status");
    ro.phase = r.string(status, L("phase"), st);
    ro.message = r.string(status, L("message"), st);
    ro.observedGeneration = r.stringOrInt(status, L("observedGeneration"), st);
    ro.controllerPause = r.boolean(status, L("controllerPause"), st).value_or(false);
    const QJsonArray pcs = r.array(status, L("pauseConditions"), st);
    for (const QJsonValue &v : pcs) {
        if (!v.isObject()) {
            r.report(st, L("pauseConditions[]"), QStringLiteral("an entry is not a mapping"));
            continue;
        }
        const QJsonObject o = v.toObject();
        ro.pauseConditions.append({r.string(o, L("reason"), L("status.pauseConditions[]")),
                                   r.time(o, L("startTime"), L("status.pauseConditions[]"))});
    }
    ro.abort = r.boolean(status, L("abort"), st).value_or(false);
    ro.abortedAt = r.time(status, L("abortedAt"), st);
    ro.promoteFull = r.boolean(status, L("promoteFull"), st).value_or(false);
    ro.restartedAt = r.string(status, L("restartedAt"), st);
    if (const auto i = r.integer(status, L("currentStepIndex"), st))
        ro.currentStepIndex = int(*i);
    ro.currentPodHash = r.string(status, L("currentPodHash"), st);
    ro.stableRS = r.string(status, L("stableRS"), st);
    ro.statusReplicas = int(r.integer(status, L("replicas"), st).value_or(0));
    ro.updatedReplicas = int(r.integer(status, L("updatedReplicas"), st).value_or(0));
    ro.readyReplicas = int(r.integer(status, L("readyReplicas"), st).value_or(0));
    ro.availableReplicas = int(r.integer(status, L("availableReplicas"), st).value_or(0));
    const QJsonArray conds = r.array(status, L("conditions"), st);
    for (const QJsonValue &v : conds) {
        if (!v.isObject()) {
            r.report(st, L("conditions[]"), QStringLiteral("an entry is not a mapping"));
            continue;
        }
        const QJsonObject o = v.toObject();
        const L ctx("status.conditions[]");
        ro.conditions.append({r.string(o, L("type"), ctx), r.string(o, L("status"), ctx), r.string(o, L("reason"), ctx),
                              r.string(o, L("message"), ctx), r.time(o, L("lastUpdateTime"), ctx),
                              r.time(o, L("lastTransitionTime"), ctx)});
    }
    const QJsonObject canaryStatus = r.object(status, L("canary"), st);
    ro.canaryStableRS = r.string(canaryStatus, L("stableRS"), L("status.canary"));
    ro.stablePingPong = r.string(canaryStatus, L("stablePingPong"), L("status.canary"));
    if (canaryStatus.contains(L("weights")) && !canaryStatus.value(L("weights")).isNull()) {
        ro.hasCanaryWeights = true;
        const QJsonObject weights = r.object(canaryStatus, L("weights"), L("status.canary"));
        const QJsonObject cw = r.object(weights, L("canary"), L("status.canary.weights"));
        ro.canaryWeight = int(r.integer(cw, L("weight"), L("status.canary.weights.canary")).value_or(0));
    }
    const QJsonObject bgStatus = r.object(status, L("blueGreen"), st);
    ro.activeSelector = r.string(bgStatus, L("activeSelector"), L("status.blueGreen"));
    ro.previewSelector = r.string(bgStatus, L("previewSelector"), L("status.blueGreen"));
    if (bgStatus.contains(L("postPromotionAnalysisRunStatus")) &&
        !bgStatus.value(L("postPromotionAnalysisRunStatus")).isNull()) {
        ro.hasPostPromotionAnalysisRunStatus = true;
        const QJsonObject ar = r.object(bgStatus, L("postPromotionAnalysisRunStatus"), L("status.blueGreen"));
        ro.postPromotionAnalysisRunPhase =
            r.string(ar, L("status"), L("status.blueGreen.postPromotionAnalysisRunStatus"));
    }
    return ro;
}

} // namespace rolldeck
