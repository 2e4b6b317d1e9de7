#include "RolloutPlan.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QUrl>

#include <algorithm>

namespace rolldeck::actions {

namespace {

const QByteArray kMerge = "application/merge-patch+json";
const QByteArray kJsonPatch = "application/json-patch+json";
const QString kHashLabel = QStringLiteral("rollouts-pod-template-hash");

QJsonObject obj(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toObject();
}

PlannedPatch merge(const QString &path, const QJsonObject &patch)
{
    return PlannedPatch{path, kMerge, patch, {}};
}

QString statusPath(const QJsonObject &rollout)
{
    return rolloutPath(obj(rollout, "metadata").value(QLatin1String("namespace")).toString(),
                       obj(rollout, "metadata").value(QLatin1String("name")).toString()) +
           QStringLiteral("/status");
}

QString mainPath(const QJsonObject &rollout)
{
    return rolloutPath(obj(rollout, "metadata").value(QLatin1String("namespace")).toString(),
                       obj(rollout, "metadata").value(QLatin1String("name")).toString());
}

// Abort and retry: the status patch, sent unchanged to the main resource when /status answers 404.
ActionPlan statusOnly(const QJsonObject &rollout, const QJsonObject &patch)
{
    ActionPlan plan;
    plan.statusPatch = merge(statusPath(rollout), patch);
    plan.unifiedPatch = merge(mainPath(rollout), patch);
    return plan;
}

// equality.Semantic.DeepDerivative: fields unset (empty) in `a` are not compared.
bool isUnset(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return true;
    case QJsonValue::Bool:
        return !v.toBool();
    case QJsonValue::Double:
        return v.toDouble() == 0;
    case QJsonValue::String:
        return v.toString().isEmpty();
    case QJsonValue::Array:
        return v.toArray().isEmpty();
    case QJsonValue::Object:
        return v.toObject().isEmpty();
    }
    return false;
}

bool derivative(const QJsonValue &a, const QJsonValue &b)
{
    if (isUnset(a))
        return true;
    if (a.isObject() && b.isObject()) {
        const QJsonObject ao = a.toObject();
        const QJsonObject bo = b.toObject();
        for (auto it = ao.begin(); it != ao.end(); ++it) {
            if (!derivative(it.value(), bo.value(it.key())))
                return false;
        }
        return true;
    }
    if (a.isArray() && b.isArray()) {
        const QJsonArray aa = a.toArray();
        const QJsonArray ba = b.toArray();
        if (aa.size() != ba.size())
            return false;
        for (qsizetype i = 0; i < aa.size(); ++i) {
            if (!derivative(aa.at(i), ba.at(i)))
                return false;
        }
        return true;
    }
    return a == b;
}

QJsonObject withoutHashLabel(QJsonObject tmpl)
{
    QJsonObject meta = obj(tmpl, "metadata");
    QJsonObject labels = obj(meta, "labels");
    labels.remove(kHashLabel);
    if (labels.isEmpty())
        meta.remove(QStringLiteral("labels"));
    else
        meta.insert(QStringLiteral("labels"), labels);
    tmpl.insert(QStringLiteral("metadata"), meta);
    return tmpl;
}

} // namespace

QByteArray PlannedPatch::body() const
{
    return isJsonPatch() ? QJsonDocument(jsonPatch).toJson(QJsonDocument::Compact)
                         : QJsonDocument(mergePatch).toJson(QJsonDocument::Compact);
}

QByteArray PlannedPatch::bodyWithPrecondition(const QString &resourceVersion) const
{
    if (resourceVersion.isEmpty())
        return body();
    if (isJsonPatch()) {
        QJsonArray ops{QJsonObject{{QStringLiteral("op"), QStringLiteral("replace")},
                                   {QStringLiteral("path"), QStringLiteral("/metadata/resourceVersion")},
                                   {QStringLiteral("value"), resourceVersion}}};
        for (const QJsonValue &op : jsonPatch)
            ops.append(op);
        return QJsonDocument(ops).toJson(QJsonDocument::Compact);
    }
    QJsonObject patch = mergePatch;
    QJsonObject meta = patch.value(QLatin1String("metadata")).toObject();
    meta.insert(QStringLiteral("resourceVersion"), resourceVersion);
    patch.insert(QStringLiteral("metadata"), meta);
    return QJsonDocument(patch).toJson(QJsonDocument::Compact);
}

QList<PlannedPatch> ActionPlan::patches() const
{
    QList<PlannedPatch> out;
    if (statusPatch)
        out << *statusPatch;
    if (specPatch)
        out << *specPatch;
    return out;
}

QString ResourceActionCall::path() const
{
    return QStringLiteral("/api/v1/applications/") + QString::fromLatin1(QUrl::toPercentEncoding(application)) +
           QStringLiteral("/resource/actions/v2");
}

QJsonObject ResourceActionCall::body() const
{
    QJsonObject b{{QStringLiteral("name"), application},
                  {QStringLiteral("namespace"), ns},
                  {QStringLiteral("resourceName"), name},
                  {QStringLiteral("group"), QStringLiteral("argoproj.io")},
                  {QStringLiteral("version"), QStringLiteral("v1alpha1")},
                  {QStringLiteral("kind"), QStringLiteral("Rollout")},
                  {QStringLiteral("action"), action}};
    if (!project.isEmpty())
        b.insert(QStringLiteral("project"), project);
    return b;
}

Result<ActionPlan> planSkip(const QJsonObject &rollout)
{
    const QJsonObject spec = obj(rollout, "spec");
    const QJsonObject status = obj(rollout, "status");
    if (!obj(spec, "strategy").contains(QLatin1String("canary")))
        return Result<ActionPlan>::failure(QStringLiteral("only a canary rollout has steps to skip"));
    const int stepCount = int(obj(obj(spec, "strategy"), "canary").value(QLatin1String("steps")).toArray().size());
    const int index = status.value(QLatin1String("currentStepIndex")).toInt(0);
    if (stepCount == 0 || index >= stepCount) {
        ActionPlan plan;
        plan.noop = QStringLiteral("no step left to skip");
        return plan;
    }
    ActionPlan plan =
        statusOnly(rollout, {{QStringLiteral("status"), QJsonObject{{QStringLiteral("pauseConditions"), QJsonValue()},
                                                                    {QStringLiteral("currentStepIndex"), index + 1}}}});
    plan.detail.insert(QStringLiteral("fromStep"), index);
    return plan;
}

QString rolloutPath(const QString &ns, const QString &name)
{
    return QStringLiteral("/apis/argoproj.io/v1alpha1/namespaces/%1/rollouts/%2").arg(ns, name);
}

Result<ActionPlan> planPromote(const QJsonObject &rollout, bool full)
{
    const QJsonObject spec = obj(rollout, "spec");
    const QJsonObject status = obj(rollout, "status");
    const QJsonObject canary = obj(obj(spec, "strategy"), "canary");
    const bool isCanary = obj(spec, "strategy").contains(QLatin1String("canary"));
    const int stepCount = int(canary.value(QLatin1String("steps")).toArray().size());
    const bool specPaused = spec.value(QLatin1String("paused")).toBool();
    const bool hasPauseConditions = !status.value(QLatin1String("pauseConditions")).toArray().isEmpty();
    const int index = status.value(QLatin1String("currentStepIndex")).toInt(0);
    const int next = std::min(index + 1, stepCount);
    const QJsonObject unpause{{QStringLiteral("spec"), QJsonObject{{QStringLiteral("paused"), false}}}};

    ActionPlan plan;
    plan.detail.insert(QStringLiteral("full"), full);
    if (full) {
        if (specPaused)
            plan.specPatch = merge(mainPath(rollout), unpause);
        if (status.value(QLatin1String("currentPodHash")).toString() !=
            status.value(QLatin1String("stableRS")).toString())
            plan.statusPatch = merge(statusPath(rollout),
                                     {{QStringLiteral("status"), QJsonObject{{QStringLiteral("promoteFull"), true}}}});
        plan.unifiedPatch =
            merge(mainPath(rollout), {{QStringLiteral("spec"), unpause.value(QLatin1String("spec"))},
                                      {QStringLiteral("status"), QJsonObject{{QStringLiteral("promoteFull"), true}}}});
        if (!plan.statusPatch && !plan.specPatch)
            plan.noop = QStringLiteral("already fully promoted");
        return plan;
    }

    if (specPaused)
        plan.specPatch = merge(mainPath(rollout), unpause);
    plan.unifiedPatch =
        merge(mainPath(rollout),
              {{QStringLiteral("spec"), unpause.value(QLatin1String("spec"))},
               {QStringLiteral("status"), QJsonObject{{QStringLiteral("pauseConditions"), QJsonValue()}}}});
    const QString analysisStatus =
        obj(obj(status, "canary"), "currentStepAnalysisRunStatus").value(QLatin1String("status")).toString();
    if (isCanary && analysisStatus == QLatin1String("Inconclusive") && hasPauseConditions &&
        status.value(QLatin1String("controllerPause")).toBool()) {
        plan.detail.insert(QStringLiteral("case"), QStringLiteral("inconclusive-analysis"));
        plan.statusPatch =
            merge(statusPath(rollout),
                  {{QStringLiteral("status"), QJsonObject{{QStringLiteral("pauseConditions"), QJsonValue()},
                                                          {QStringLiteral("controllerPause"), false},
                                                          {QStringLiteral("currentStepIndex"), next}}}});
    } else if (hasPauseConditions) {
        plan.detail.insert(QStringLiteral("case"), QStringLiteral("pause-conditions"));
        plan.statusPatch =
            merge(statusPath(rollout),
                  {{QStringLiteral("status"), QJsonObject{{QStringLiteral("pauseConditions"), QJsonValue()}}}});
    } else if (isCanary && stepCount > 0) {
        // Upstream advances the step even when nothing is paused (an analysis or experiment step running).
        plan.detail.insert(QStringLiteral("case"), QStringLiteral("step-advance"));
        const QJsonObject advance{{QStringLiteral("pauseConditions"), QJsonValue()},
                                  {QStringLiteral("currentStepIndex"), next}};
        plan.statusPatch = merge(statusPath(rollout), {{QStringLiteral("status"), advance}});
        plan.unifiedPatch = merge(mainPath(rollout), {{QStringLiteral("spec"), unpause.value(QLatin1String("spec"))},
                                                      {QStringLiteral("status"), advance}});
    }
    if (!plan.statusPatch && !plan.specPatch)
        plan.noop = QStringLiteral("nothing to promote: not paused and no step to advance");
    return plan;
}

ActionPlan planAbort(const QJsonObject &rollout)
{
    return statusOnly(rollout, {{QStringLiteral("status"), QJsonObject{{QStringLiteral("abort"), true}}}});
}

ActionPlan planRetry(const QJsonObject &rollout)
{
    return statusOnly(rollout, {{QStringLiteral("status"), QJsonObject{{QStringLiteral("abort"), false}}}});
}

ActionPlan planPause(const QJsonObject &rollout)
{
    ActionPlan plan;
    plan.specPatch =
        merge(mainPath(rollout), {{QStringLiteral("spec"), QJsonObject{{QStringLiteral("paused"), true}}}});
    return plan;
}

ActionPlan planRestart(const QJsonObject &rollout, const QDateTime &now)
{
    ActionPlan plan;
    const QString at = now.toUTC().toString(Qt::ISODate); // RFC 3339, whole seconds, "Z"
    plan.specPatch =
        merge(mainPath(rollout), {{QStringLiteral("spec"), QJsonObject{{QStringLiteral("restartAt"), at}}}});
    plan.detail.insert(QStringLiteral("restartAt"), at);
    return plan;
}

Result<QString> workloadRefPath(const QJsonObject &rollout)
{
    const QJsonObject ref = obj(obj(rollout, "spec"), "workloadRef");
    const QString ns = obj(rollout, "metadata").value(QLatin1String("namespace")).toString();
    const QString kind = ref.value(QLatin1String("kind")).toString();
    const QString name = ref.value(QLatin1String("name")).toString();
    if (kind == QLatin1String("Deployment"))
        return QStringLiteral("/apis/apps/v1/namespaces/%1/deployments/%2").arg(ns, name);
    if (kind == QLatin1String("ReplicaSet"))
        return QStringLiteral("/apis/apps/v1/namespaces/%1/replicasets/%2").arg(ns, name);
    if (kind == QLatin1String("PodTemplate"))
        return QStringLiteral("/api/v1/namespaces/%1/podtemplates/%2").arg(ns, name);
    return Result<QString>::failure(QStringLiteral("workloadRef kind \"%1\" is not supported").arg(kind));
}

QString selectorQuery(const QJsonObject &rollout)
{
    const QJsonObject selector = obj(obj(rollout, "spec"), "selector");
    QStringList parts;
    const QJsonObject labels = obj(selector, "matchLabels");
    for (auto it = labels.begin(); it != labels.end(); ++it)
        parts << it.key() + QLatin1Char('=') + it.value().toString();
    for (const QJsonValue &v : selector.value(QLatin1String("matchExpressions")).toArray()) {
        const QJsonObject e = v.toObject();
        const QString key = e.value(QLatin1String("key")).toString();
        const QString op = e.value(QLatin1String("operator")).toString();
        QStringList values;
        for (const QJsonValue &x : e.value(QLatin1String("values")).toArray())
            values << x.toString();
        if (op == QLatin1String("In"))
            parts << key + QStringLiteral(" in (") + values.join(QLatin1Char(',')) + QLatin1Char(')');
        else if (op == QLatin1String("NotIn"))
            parts << key + QStringLiteral(" notin (") + values.join(QLatin1Char(',')) + QLatin1Char(')');
        else if (op == QLatin1String("Exists"))
            parts << key;
        else if (op == QLatin1String("DoesNotExist"))
            parts << QLatin1Char('!') + key;
    }
    return parts.join(QLatin1Char(','));
}

Result<ActionPlan> planUndo(const QJsonObject &rollout, const QList<QJsonObject> &replicaSets, int toRevision,
                            const QJsonObject &workloadTemplate)
{
    const QJsonObject meta = obj(rollout, "metadata");
    const QString uid = meta.value(QLatin1String("uid")).toString();
    const QString name = meta.value(QLatin1String("name")).toString();
    // The rollout's own ReplicaSets by revision (controller ownerReference, revision annotation).
    QList<std::pair<qint64, QJsonObject>> history;
    for (const QJsonObject &rs : replicaSets) {
        const QJsonObject rsMeta = obj(rs, "metadata");
        bool owned = false;
        for (const QJsonValue &ref : rsMeta.value(QLatin1String("ownerReferences")).toArray())
            owned = owned || (ref.toObject().value(QLatin1String("controller")).toBool() &&
                              ref.toObject().value(QLatin1String("uid")).toString() == uid);
        if (!owned)
            continue;
        const QJsonValue annotation = obj(rsMeta, "annotations").value(QLatin1String("rollout.argoproj.io/revision"));
        qint64 revision = 0;
        if (!annotation.isUndefined()) {
            bool ok = false;
            revision = annotation.toString().toLongLong(&ok);
            if (!ok)
                continue;
        }
        history.append({revision, rs});
    }
    std::sort(history.begin(), history.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    const QJsonObject *target = nullptr;
    qint64 targetRevision = 0;
    if (toRevision == 0) {
        if (history.size() < 2)
            return Result<ActionPlan>::failure(QStringLiteral("no revision found for rollout \"%1\"").arg(name));
        target = &history.at(1).second;
        targetRevision = history.at(1).first;
    } else {
        for (const auto &entry : std::as_const(history)) {
            if (entry.first == toRevision) {
                target = &entry.second;
                targetRevision = entry.first;
                break;
            }
        }
        if (!target)
            return Result<ActionPlan>::failure(
                QStringLiteral("unable to find specified revision %1 in history").arg(toRevision));
    }

    const QJsonObject wanted = withoutHashLabel(obj(obj(*target, "spec"), "template"));
    const bool workloadRef = obj(obj(rollout, "spec"), "workloadRef").contains(QLatin1String("name"));
    const QJsonObject current =
        withoutHashLabel(workloadRef ? workloadTemplate : obj(obj(rollout, "spec"), "template"));
    ActionPlan plan;
    plan.detail.insert(QStringLiteral("toRevision"), toRevision);
    plan.detail.insert(QStringLiteral("targetRevision"), targetRevision);
    if (derivative(wanted, current) && (!workloadRef || !workloadTemplate.isEmpty())) {
        plan.noop = QStringLiteral("skipped rollback (current template already matches revision %1)").arg(toRevision);
        return plan;
    }
    QString path = mainPath(rollout);
    if (workloadRef) {
        const Result<QString> refPath = workloadRefPath(rollout);
        if (!refPath)
            return Result<ActionPlan>::failure(refPath.error());
        path = *refPath;
        plan.detail.insert(QStringLiteral("workloadRef"), path);
    }
    plan.specPatch = PlannedPatch{path,
                                  kJsonPatch,
                                  {},
                                  QJsonArray{QJsonObject{{QStringLiteral("op"), QStringLiteral("replace")},
                                                         {QStringLiteral("path"), QStringLiteral("/spec/template")},
                                                         {QStringLiteral("value"), wanted}}}};
    return plan;
}

} // namespace rolldeck::actions
