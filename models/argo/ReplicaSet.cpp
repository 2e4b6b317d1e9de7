#include "ReplicaSet.h"

#include <QJsonArray>

namespace rolldeck {

namespace {

using L = QLatin1StringView;

QList<Container> containersOf(const FieldReader &r, const QJsonObject &podSpec, L key)
{
    QList<Container> out;
    const QJsonArray list = r.array(podSpec, key, L("spec.template.spec"));
    out.reserve(list.size());
    for (const QJsonValue &v : list) {
        if (!v.isObject()) {
            r.report(L("spec.template.spec"), key, QStringLiteral("an entry is not a mapping"));
            continue;
        }
        const QJsonObject c = v.toObject();
        out.append({r.string(c, L("name"), L("containers[]")), r.string(c, L("image"), L("containers[]"))});
    }
    return out;
}

} // namespace

QString ReplicaSet::podTemplateHash() const
{
    return meta.labels.value(QStringLiteral("rollouts-pod-template-hash"));
}

ReplicaSet ReplicaSet::fromJson(const QJsonObject &json, const SourceLocation &source, Diagnostics *problems)
{
    ReplicaSet rs;
    rs.meta = parseObjectMeta(json, source, problems);
    const FieldReader r(rs.meta.displayName(), source, problems);
    const QJsonObject spec = r.object(json, L("spec"), {});
    if (const auto n = r.integer(spec, L("replicas"), L("spec")))
        rs.specReplicas = int(*n);
    const QJsonObject podSpec = r.object(r.object(spec, L("template"), L("spec")), L("spec"), L("spec.template"));
    rs.containers = containersOf(r, podSpec, L("containers"));
    rs.initContainers = containersOf(r, podSpec, L("initContainers"));
    const QJsonObject status = r.object(json, L("status"), {});
    rs.observedGeneration = r.integer(status, L("observedGeneration"), L("status")).value_or(0);
    rs.replicas = int(r.integer(status, L("replicas"), L("status")).value_or(0));
    rs.availableReplicas = int(r.integer(status, L("availableReplicas"), L("status")).value_or(0));
    rs.readyReplicas = int(r.integer(status, L("readyReplicas"), L("status")).value_or(0));
    const QJsonArray conds = r.array(status, L("conditions"), L("status"));
    for (const QJsonValue &v : conds) {
        const QJsonObject c = v.toObject();
        if (r.string(c, L("type"), L("status.conditions[]")) == QLatin1String("ReplicaFailure") &&
            r.string(c, L("status"), L("status.conditions[]")) == QLatin1String("True"))
            rs.replicaFailure = true;
    }
    return rs;
}

Deployment Deployment::fromJson(const QJsonObject &json, const SourceLocation &source, Diagnostics *problems)
{
    Deployment d;
    d.meta = parseObjectMeta(json, source, problems);
    const FieldReader r(d.meta.displayName(), source, problems);
    const QJsonObject spec = r.object(json, L("spec"), {});
    if (const auto n = r.integer(spec, L("replicas"), L("spec")))
        d.specReplicas = int(*n);
    const QJsonObject podSpec = r.object(r.object(spec, L("template"), L("spec")), L("spec"), L("spec.template"));
    d.containers = containersOf(r, podSpec, L("containers"));
    d.initContainers = containersOf(r, podSpec, L("initContainers"));
    return d;
}

Job Job::fromJson(const QJsonObject &json, const SourceLocation &source, Diagnostics *problems)
{
    Job j;
    j.meta = parseObjectMeta(json, source, problems);
    const FieldReader r(j.meta.displayName(), source, problems);
    const QJsonObject status = r.object(json, L("status"), {});
    j.active = int(r.integer(status, L("active"), L("status")).value_or(0));
    j.succeeded = int(r.integer(status, L("succeeded"), L("status")).value_or(0));
    j.failed = int(r.integer(status, L("failed"), L("status")).value_or(0));
    return j;
}

} // namespace rolldeck
