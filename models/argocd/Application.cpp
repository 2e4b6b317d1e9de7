#include "Application.h"

#include <QJsonArray>

namespace rolldeck {

namespace {

QJsonObject obj(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toObject();
}

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

QDateTime time(const QJsonObject &o, const char *key)
{
    return QDateTime::fromString(str(o, key), Qt::ISODateWithMs);
}

QString initiator(const QJsonObject &initiatedBy)
{
    if (initiatedBy.value(QLatin1String("automated")).toBool())
        return QStringLiteral("automated");
    return str(initiatedBy, "username");
}

} // namespace

QStringList Application::children() const
{
    QStringList out;
    for (const ApplicationResource &r : resources)
        if (r.kind == QLatin1String("Application") && r.group == QLatin1String("argoproj.io"))
            out << r.name;
    return out;
}

QList<ApplicationResource> Application::rollouts() const
{
    QList<ApplicationResource> out;
    for (const ApplicationResource &r : resources)
        if (r.kind == QLatin1String("Rollout") && r.group == QLatin1String("argoproj.io"))
            out << r;
    return out;
}

Application Application::fromJson(const QJsonObject &object)
{
    Application a;
    const QJsonObject meta = obj(object, "metadata");
    const QJsonObject spec = obj(object, "spec");
    const QJsonObject status = obj(object, "status");
    a.name = str(meta, "name");
    a.resourceVersion = str(meta, "resourceVersion");
    a.environment = str(obj(meta, "labels"), "environment");
    a.project = str(spec, "project");
    a.destinationNamespace = str(obj(spec, "destination"), "namespace");
    a.repoURL = str(obj(spec, "source"), "repoURL");
    if (a.repoURL.isEmpty())
        a.repoURL = str(spec.value(QLatin1String("sources")).toArray().at(0).toObject(), "repoURL");
    const QJsonValue automated = obj(spec, "syncPolicy").value(QLatin1String("automated"));
    a.autoSync = automated.isObject();
    a.selfHeal = automated.toObject().value(QLatin1String("selfHeal")).toBool();
    a.syncStatus = str(obj(status, "sync"), "status");
    a.syncRevision = str(obj(status, "sync"), "revision");
    a.health = str(obj(status, "health"), "status");
    a.healthMessage = str(obj(status, "health"), "message");
    const QJsonObject op = obj(status, "operationState");
    a.operationPhase = str(op, "phase");
    a.operationMessage = str(op, "message");
    a.operationStartedAt = time(op, "startedAt");
    a.operationFinishedAt = time(op, "finishedAt");
    a.operationBy = initiator(obj(obj(op, "operation"), "initiatedBy"));
    for (const QJsonValue &v : obj(status, "summary").value(QLatin1String("images")).toArray())
        a.images << v.toString();
    for (const QJsonValue &v : status.value(QLatin1String("resources")).toArray()) {
        const QJsonObject r = v.toObject();
        a.resources << ApplicationResource{str(r, "group"), str(r, "kind"),   str(r, "namespace"),
                                           str(r, "name"),  str(r, "status"), str(obj(r, "health"), "status")};
    }
    for (const QJsonValue &v : status.value(QLatin1String("history")).toArray()) {
        const QJsonObject h = v.toObject();
        a.history << ApplicationHistoryEntry{h.value(QLatin1String("id")).toVariant().toLongLong(), str(h, "revision"),
                                             time(h, "deployedAt"), initiator(obj(h, "initiatedBy"))};
    }
    return a;
}

} // namespace rolldeck
