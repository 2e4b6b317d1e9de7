#include "ClusterRoute.h"

#include "actions/SplitPlan.h"
#include "kube/ClusterConnection.h"
#include "kube/ResourceKind.h"

#include <QDateTime>
#include <QHostInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

#include <memory>

namespace rolldeck::actions {

namespace {

kube::KubeResponse gone()
{
    kube::KubeResponse r;
    kube::KubeError e;
    e.message = QStringLiteral("the cluster connection is closed");
    r.error = e;
    return r;
}

QString resourceVersionOf(const QJsonObject &object)
{
    return object.value(QLatin1String("metadata")).toObject().value(QLatin1String("resourceVersion")).toString();
}

} // namespace

ClusterRoute::ClusterRoute(kube::ClusterConnection *connection) : m_connection(connection) {}

QString ClusterRoute::server() const
{
    return m_connection ? m_connection->config().server.toString(QUrl::RemoveUserInfo) : QString();
}

void ClusterRoute::identity(QObject *context, std::function<void(const kube::Identity &)> done)
{
    if (!m_connection) {
        done({});
        return;
    }
    m_connection->access()->identity(context, std::move(done));
}

void ClusterRoute::read(const ActionTarget &target, QObject *context,
                        std::function<void(const kube::KubeResponse &)> done)
{
    if (!m_connection) {
        done(gone());
        return;
    }
    kube::KubeRequest request;
    request.path = targetPath(target);
    m_connection->send(request, context, std::move(done));
}

void ClusterRoute::plan(const ActionRequest &request, const QJsonObject &fresh, QObject *context,
                        std::function<void(Result<ActionPlan>)> done)
{
    switch (request.verb) {
    case Verb::Promote:
        done(planPromote(fresh, request.options.full));
        return;
    case Verb::Abort:
        done(planAbort(fresh));
        return;
    case Verb::Retry:
        done(planRetry(fresh));
        return;
    case Verb::Pause:
        done(planPause(fresh));
        return;
    case Verb::Restart:
        done(planRestart(fresh, QDateTime::currentDateTimeUtc()));
        return;
    case Verb::Skip:
        done(planSkip(fresh));
        return;
    case Verb::Undo:
        planUndo(request, fresh, context, std::move(done));
        return;
    case Verb::SetSplit:
        done(planSetSplit(fresh, request.options.httpRoute, request.options.split));
        return;
    }
}

// Undo lists the ReplicaSets matching the rollout's selector and, for a workloadRef rollout, reads the target's
// current template to know whether it already matches.
void ClusterRoute::planUndo(const ActionRequest &request, const QJsonObject &fresh, QObject *context,
                            std::function<void(Result<ActionPlan>)> done)
{
    if (!m_connection) {
        done(Result<ActionPlan>::failure(gone().error->message));
        return;
    }
    kube::KubeRequest list;
    list.path = QStringLiteral("/apis/apps/v1/namespaces/%1/replicasets").arg(request.target.ns);
    list.query.addQueryItem(QStringLiteral("labelSelector"), selectorQuery(fresh));
    QPointer<kube::ClusterConnection> connection = m_connection;
    const int toRevision = request.options.toRevision;
    m_connection->send(list, context, [connection, fresh, toRevision, context, done](const kube::KubeResponse &r) {
        if (!r.ok()) {
            done(Result<ActionPlan>::failure(QStringLiteral("listing ReplicaSets: %1").arg(r.error->toString())));
            return;
        }
        QList<QJsonObject> sets;
        for (const QJsonValue &v : r.object.value(QLatin1String("items")).toArray())
            sets << v.toObject();
        const QJsonObject spec = fresh.value(QLatin1String("spec")).toObject();
        if (!spec.value(QLatin1String("workloadRef")).toObject().contains(QLatin1String("name")) || !connection) {
            done(actions::planUndo(fresh, sets, toRevision));
            return;
        }
        const Result<QString> path = workloadRefPath(fresh);
        if (!path) {
            done(Result<ActionPlan>::failure(path.error()));
            return;
        }
        kube::KubeRequest get;
        get.path = *path;
        connection->send(get, context, [fresh, sets, toRevision, done](const kube::KubeResponse &w) {
            if (!w.ok()) {
                done(Result<ActionPlan>::failure(
                    QStringLiteral("reading the workloadRef target: %1").arg(w.error->toString())));
                return;
            }
            const QJsonObject tmpl =
                w.object.value(QLatin1String("spec")).toObject().value(QLatin1String("template")).toObject();
            Result<ActionPlan> plan = actions::planUndo(fresh, sets, toRevision, tmpl);
            if (plan)
                plan.value().detail.insert(QStringLiteral("workloadResourceVersion"), resourceVersionOf(w.object));
            done(plan);
        });
    });
}

kube::AccessQuery ClusterRoute::accessFor(const QByteArray &verb, const QString &path)
{
    // /apis/<group>/<version>/namespaces/<ns>/<resource>/<name>[/<sub>] or /api/v1/namespaces/<ns>/...
    kube::AccessQuery q;
    q.verb = QString::fromLatin1(verb).toLower();
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const bool core = parts.value(0) == QLatin1String("api");
    const int base = core ? 2 : 3;
    q.group = core ? QString() : parts.value(1);
    q.ns = parts.value(base + 1);
    q.resource = parts.value(base + 2);
    q.name = parts.value(base + 3);
    q.subresource = parts.value(base + 4);
    return q;
}

namespace {

// Checks the queries one after the other (each is usually cached) and names the first one denied.
void checkEach(QPointer<kube::ClusterConnection> connection, QList<kube::AccessQuery> remaining, QObject *context,
               std::function<void(const QString &)> done)
{
    if (remaining.isEmpty() || !connection) {
        done(QString());
        return;
    }
    const kube::AccessQuery q = remaining.takeFirst();
    connection->access()->check(q, context, [connection, remaining, context, done, q](const kube::AccessDecision &d) {
        if (d.known() && !d.allowed) {
            const QString resource = q.subresource.isEmpty() ? q.resource : q.resource + u'/' + q.subresource;
            done(QStringLiteral("%1 %2 (API group \"%3\") in namespace %4").arg(q.verb, resource, q.group, q.ns));
            return;
        }
        checkEach(connection, remaining, context, done);
    });
}

} // namespace

void ClusterRoute::missingPermission(const ActionTarget &target, const ActionPlan &plan, QObject *context,
                                     std::function<void(const QString &)> done)
{
    Q_UNUSED(target)
    QList<kube::AccessQuery> queries;
    for (const PlannedPatch &p : plan.patches())
        queries << accessFor("patch", p.path);
    checkEach(m_connection, queries, context, std::move(done));
}

bool ClusterRoute::mayHaveArrived(const kube::KubeError &error)
{
    if (error.httpStatus == 504)
        return true; // the server gave up waiting; the write may still happen
    if (error.httpStatus != 0)
        return false;
    switch (error.network) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
        return false;
    default:
        return true;
    }
}

void ClusterRoute::sendPatch(const PlannedPatch &patch, const QString &resourceVersion, QObject *context,
                             std::function<void(const kube::KubeResponse &)> done)
{
    if (!m_connection) {
        done(gone());
        return;
    }
    kube::KubeRequest request;
    request.verb = QByteArrayLiteral("PATCH");
    request.path = patch.path;
    request.contentType = patch.contentType;
    request.body = patch.bodyWithPrecondition(resourceVersion);
    m_connection->send(request, context, std::move(done));
}

void ClusterRoute::send(const ActionPlan &plan, const QString &resourceVersion, QObject *context,
                        std::function<void(const SendOutcome &)> done)
{
    auto outcome = std::make_shared<SendOutcome>();
    const auto fail = [outcome, done](const kube::KubeError &error, bool anyApplied) {
        outcome->error = error;
        outcome->partial = anyApplied;
        if (mayHaveArrived(error))
            outcome->kind = SendOutcome::Kind::Unknown;
        else if (error.httpStatus == 409 && !anyApplied)
            outcome->kind = SendOutcome::Kind::Conflict;
        else
            outcome->kind = SendOutcome::Kind::Failed;
        done(*outcome);
    };
    // The spec patch goes second, with the resourceVersion the status patch produced (or the workload's own).
    const auto sendSpec = [this, plan, context, outcome, fail, done](std::optional<PlannedPatch> spec,
                                                                     const QString &rv, bool anyApplied) {
        if (!spec) {
            outcome->kind = SendOutcome::Kind::Applied;
            done(*outcome);
            return;
        }
        // The workloadRef target of an undo has its own resourceVersion; a rollout or a VirtualService the one read.
        const QString pre = plan.detail.contains(QLatin1String("workloadResourceVersion")) &&
                                    !spec->path.contains(QLatin1String("/rollouts/"))
                                ? plan.detail.value(QLatin1String("workloadResourceVersion")).toString()
                                : rv;
        outcome->sent << QStringLiteral("PATCH ") + spec->path;
        sendPatch(*spec, pre, context, [outcome, fail, done, anyApplied](const kube::KubeResponse &r) {
            if (!r.ok()) {
                fail(*r.error, anyApplied);
                return;
            }
            const QString kind = r.object.value(QLatin1String("kind")).toString();
            if (kind == QLatin1String("Rollout") || kind == QLatin1String("VirtualService"))
                outcome->object = r.object;
            outcome->kind = SendOutcome::Kind::Applied;
            done(*outcome);
        });
    };
    if (!plan.statusPatch) {
        sendSpec(plan.specPatch, resourceVersion, false);
        return;
    }
    outcome->sent << QStringLiteral("PATCH ") + plan.statusPatch->path;
    sendPatch(*plan.statusPatch, resourceVersion, context,
              [plan, outcome, fail, sendSpec, resourceVersion](const kube::KubeResponse &r) {
                  if (r.ok()) {
                      outcome->object = r.object;
                      sendSpec(plan.specPatch, resourceVersionOf(r.object), true);
                      return;
                  }
                  if (r.error->isNotFound() && plan.unifiedPatch) {
                      // A controller without the status subresource (v0.9): everything goes to the main resource.
                      sendSpec(plan.unifiedPatch, resourceVersion, false);
                      return;
                  }
                  fail(*r.error, false);
              });
}

void ClusterRoute::postEvidence(const ActionTarget &target, const QJsonObject &object, const Evidence &evidence,
                                QObject *context, std::function<void(const QStringList &)> done)
{
    if (!m_connection) {
        done({QStringLiteral("Event: the cluster connection is closed")});
        return;
    }
    const QJsonObject meta = object.value(QLatin1String("metadata")).toObject();
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    const bool applied = evidence.outcome == QLatin1String("applied");
    QString message = QStringLiteral("%1 by %2").arg(evidence.verb, evidence.actor);
    if (!applied)
        message += QStringLiteral(" (%1)").arg(evidence.outcome);
    if (!evidence.reason.isEmpty())
        message += QStringLiteral(": ") + evidence.reason;
    const QJsonObject annotations{{QStringLiteral("rolldeck.io/record-hash"), QString::fromLatin1(evidence.recordHash)},
                                  {QStringLiteral("rolldeck.io/actor"), evidence.actor}};
    const QJsonObject eventMeta{{QStringLiteral("generateName"), QString(target.name + QLatin1Char('.'))},
                                {QStringLiteral("namespace"), target.ns},
                                {QStringLiteral("annotations"), annotations}};
    const QJsonObject involved{{QStringLiteral("apiVersion"), targetApiVersion(target)},
                               {QStringLiteral("kind"), target.kind},
                               {QStringLiteral("name"), target.name},
                               {QStringLiteral("namespace"), target.ns},
                               {QStringLiteral("uid"), meta.value(QLatin1String("uid"))},
                               {QStringLiteral("resourceVersion"), meta.value(QLatin1String("resourceVersion"))}};
    const QJsonObject event{
        {QStringLiteral("apiVersion"), QStringLiteral("v1")},
        {QStringLiteral("kind"), QStringLiteral("Event")},
        {QStringLiteral("metadata"), eventMeta},
        {QStringLiteral("involvedObject"), involved},
        {QStringLiteral("reason"), QStringLiteral("RolldeckAction")},
        {QStringLiteral("message"), message},
        {QStringLiteral("type"), applied ? QStringLiteral("Normal") : QStringLiteral("Warning")},
        {QStringLiteral("action"), evidence.verb},
        {QStringLiteral("source"), QJsonObject{{QStringLiteral("component"), QStringLiteral("rolldeck")}}},
        {QStringLiteral("reportingComponent"), QStringLiteral("rolldeck")},
        {QStringLiteral("reportingInstance"), QHostInfo::localHostName()},
        {QStringLiteral("firstTimestamp"), now},
        {QStringLiteral("lastTimestamp"), now},
        {QStringLiteral("count"), 1},
    };
    auto problems = std::make_shared<QStringList>();
    kube::KubeRequest post;
    post.verb = QByteArrayLiteral("POST");
    post.path = QStringLiteral("/api/v1/namespaces/%1/events").arg(target.ns);
    post.contentType = QByteArrayLiteral("application/json");
    post.body = QJsonDocument(event).toJson(QJsonDocument::Compact);
    QPointer<kube::ClusterConnection> connection = m_connection;
    m_connection->send(
        post, context, [connection, target, evidence, applied, problems, context, done](const kube::KubeResponse &r) {
            if (!r.ok())
                *problems << QStringLiteral("Event: %1").arg(r.error->toString());
            if (!applied || !connection) {
                done(*problems);
                return;
            }
            const QJsonObject last{{QStringLiteral("verb"), evidence.verb},
                                   {QStringLiteral("actor"), evidence.actor},
                                   {QStringLiteral("time"), evidence.time},
                                   {QStringLiteral("reason"), evidence.reason},
                                   {QStringLiteral("hash"), QString::fromLatin1(evidence.recordHash)}};
            kube::KubeRequest patch;
            patch.verb = QByteArrayLiteral("PATCH");
            patch.path = targetPath(target);
            patch.contentType = QByteArrayLiteral("application/merge-patch+json");
            patch.body =
                QJsonDocument(QJsonObject{{QStringLiteral("metadata"),
                                           QJsonObject{{QStringLiteral("annotations"),
                                                        QJsonObject{{QStringLiteral("rolldeck.io/last-action"),
                                                                     QString::fromUtf8(QJsonDocument(last).toJson(
                                                                         QJsonDocument::Compact))}}}}}})
                    .toJson(QJsonDocument::Compact);
            connection->send(patch, context, [problems, done](const kube::KubeResponse &a) {
                if (!a.ok())
                    *problems << QStringLiteral("annotation rolldeck.io/last-action: %1").arg(a.error->toString());
                done(*problems);
            });
        });
}

} // namespace rolldeck::actions
