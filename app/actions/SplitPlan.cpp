#include "SplitPlan.h"

#include "models/argo/Traffic.h"

#include <QJsonArray>

namespace rolldeck::actions {

QString virtualServicePath(const QString &ns, const QString &name)
{
    return QStringLiteral("/apis/networking.istio.io/v1beta1/namespaces/%1/virtualservices/%2").arg(ns, name);
}

QString targetPath(const ActionTarget &target)
{
    return target.kind == QLatin1String("VirtualService") ? virtualServicePath(target.ns, target.name)
                                                          : rolloutPath(target.ns, target.name);
}

QString targetApiVersion(const ActionTarget &target)
{
    return target.kind == QLatin1String("VirtualService") ? QStringLiteral("networking.istio.io/v1beta1")
                                                          : QStringLiteral("argoproj.io/v1alpha1");
}

Result<ActionPlan> planSetSplit(const QJsonObject &virtualService, int httpRoute,
                                const QList<SplitDestination> &weights)
{
    const VirtualService vs = VirtualService::fromJson(virtualService);
    if (httpRoute < 0 || httpRoute >= vs.httpRoutes.size())
        return Result<ActionPlan>::failure(
            QStringLiteral("%1/%2 has no HTTP route %3").arg(vs.meta.namespaceName, vs.meta.name).arg(httpRoute));
    if (weights.isEmpty())
        return Result<ActionPlan>::failure(QStringLiteral("no weights to set"));
    const SplitState current = SplitState::of(vs, httpRoute);
    SplitState wanted = current;
    const QString base = QStringLiteral("/spec/http/%1/route/%2").arg(httpRoute);
    QJsonArray ops;
    for (const SplitDestination &w : weights) {
        const int i = current.indexOf(w.host, w.subset);
        const QString name = w.subset.isEmpty() ? w.host : w.host + u'/' + w.subset;
        if (i < 0)
            return Result<ActionPlan>::failure(QStringLiteral("the route has no destination %1").arg(name));
        if (w.weight < 0 || w.weight > 100)
            return Result<ActionPlan>::failure(
                QStringLiteral("weight %1 of %2 is not within 0–100").arg(w.weight).arg(name));
        wanted.destinations[i].weight = w.weight;
        const QString at = base.arg(i);
        ops.append(QJsonObject{{QStringLiteral("op"), QStringLiteral("test")},
                               {QStringLiteral("path"), QString(at + QStringLiteral("/destination/host"))},
                               {QStringLiteral("value"), w.host}});
        if (!w.subset.isEmpty())
            ops.append(QJsonObject{{QStringLiteral("op"), QStringLiteral("test")},
                                   {QStringLiteral("path"), QString(at + QStringLiteral("/destination/subset"))},
                                   {QStringLiteral("value"), w.subset}});
        ops.append(QJsonObject{{QStringLiteral("op"), QStringLiteral("add")},
                               {QStringLiteral("path"), QString(at + QStringLiteral("/weight"))},
                               {QStringLiteral("value"), w.weight}});
    }
    if (wanted.total() != 100)
        return Result<ActionPlan>::failure(
            QStringLiteral("the weights of the route add up to %1, not 100").arg(wanted.total()));
    ActionPlan plan;
    plan.detail = QJsonObject{{QStringLiteral("split"), wanted.toJson()}};
    if (wanted.destinations == current.destinations) {
        plan.noop = QStringLiteral("the split already is %1").arg(current.weightsText());
        return plan;
    }
    plan.specPatch = PlannedPatch{virtualServicePath(vs.meta.namespaceName, vs.meta.name),
                                  QByteArrayLiteral("application/json-patch+json"),
                                  {},
                                  ops};
    return plan;
}

} // namespace rolldeck::actions
