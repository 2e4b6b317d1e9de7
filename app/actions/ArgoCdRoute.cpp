#include "ArgoCdRoute.h"

#include "argocd/ArgoCdClient.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace rolldeck::actions {

namespace {

QJsonObject obj(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toObject();
}

kube::KubeResponse gone()
{
    kube::KubeResponse r;
    kube::KubeError e;
    e.message = QStringLiteral("the Argo CD connection is closed");
    r.error = e;
    return r;
}

argocd::ResourceRef refOf(const ActionTarget &target)
{
    argocd::ResourceRef ref;
    ref.ns = target.ns;
    ref.name = target.name;
    ref.kind = target.kind;
    return ref;
}

bool holdsRollout(const QJsonObject &app, const ActionTarget &target)
{
    for (const QJsonValue &v : obj(app, "status").value(QLatin1String("resources")).toArray()) {
        const QJsonObject r = v.toObject();
        if (r.value(QLatin1String("kind")).toString() == target.kind &&
            r.value(QLatin1String("namespace")).toString() == target.ns &&
            r.value(QLatin1String("name")).toString() == target.name)
            return true;
    }
    return false;
}

// Whether an error means the request may have reached Argo CD (no answer after sending, or a gateway timeout).
bool mayHaveArrived(const argocd::Error &error)
{
    return error.httpStatus == 0 || error.httpStatus == 504;
}

} // namespace

ArgoCdRoute::ArgoCdRoute(argocd::Client *client, QStringList applications)
    : m_client(client), m_applications(std::move(applications))
{
}

QString ArgoCdRoute::server() const
{
    return m_client ? m_client->endpoint().server.toString(QUrl::RemoveUserInfo) : QString();
}

kube::KubeError ArgoCdRoute::toKubeError(const argocd::Error &error)
{
    kube::KubeError e;
    e.httpStatus = error.httpStatus;
    e.reason = error.grpcCode ? QStringLiteral("grpc code %1").arg(error.grpcCode) : QString();
    e.message = error.message;
    if (error.httpStatus == 0)
        e.network = QNetworkReply::UnknownNetworkError;
    return e;
}

void ArgoCdRoute::identity(QObject *context, std::function<void(const kube::Identity &)> done)
{
    if (!m_client) {
        done({QString(), {}, kube::Identity::Source::ArgoCdSession});
        return;
    }
    m_client->userInfo(context, [done](const argocd::Reply &r) {
        kube::Identity id;
        id.source = kube::Identity::Source::ArgoCdSession;
        if (r.ok() && r.body.value(QLatin1String("loggedIn")).toBool()) {
            id.username = r.body.value(QLatin1String("username")).toString();
            for (const QJsonValue &g : r.body.value(QLatin1String("groups")).toArray())
                id.groups << g.toString();
        }
        done(id);
    });
}

void ArgoCdRoute::locate(const ActionTarget &target, QObject *context, std::function<void(Result<Location>)> done)
{
    if (const auto it = m_locations.constFind(target.key()); it != m_locations.constEnd()) {
        done(*it);
        return;
    }
    if (!m_client) {
        done(Result<Location>::failure(gone().error->message));
        return;
    }
    argocd::ListQuery query;
    query.fields = {QStringLiteral("items.metadata.name"), QStringLiteral("items.spec.project"),
                    QStringLiteral("items.spec.destination"), QStringLiteral("items.status.resources")};
    const QStringList allowed = m_applications;
    m_client->listApplications(query, context, [this, target, allowed, done](const argocd::Reply &r) {
        if (!r.ok()) {
            done(Result<Location>::failure(r.error->message));
            return;
        }
        std::optional<Location> byResource;
        std::optional<Location> byDestination;
        for (const QJsonValue &v : r.body.value(QLatin1String("items")).toArray()) {
            const QJsonObject app = v.toObject();
            const Location here{obj(app, "metadata").value(QLatin1String("name")).toString(),
                                obj(app, "spec").value(QLatin1String("project")).toString()};
            if (!allowed.isEmpty() && !allowed.contains(here.application))
                continue;
            if (!byResource && holdsRollout(app, target))
                byResource = here;
            const QJsonObject destination = obj(obj(app, "spec"), "destination");
            if (!byDestination && destination.value(QLatin1String("namespace")).toString() == target.ns)
                byDestination = here;
        }
        const std::optional<Location> found = byResource ? byResource : byDestination;
        if (!found) {
            done(Result<Location>::failure(
                QStringLiteral("no Argo CD application deploys %1 %2/%3").arg(target.kind, target.ns, target.name)));
            return;
        }
        m_locations.insert(target.key(), *found);
        done(*found);
    });
}

void ArgoCdRoute::read(const ActionTarget &target, QObject *context,
                       std::function<void(const kube::KubeResponse &)> done)
{
    QPointer<argocd::Client> client = m_client;
    locate(target, context, [client, target, context, done](const Result<Location> &where) {
        if (!where) {
            kube::KubeResponse r;
            kube::KubeError e;
            e.httpStatus = 404;
            e.message = where.error();
            r.error = e;
            done(r);
            return;
        }
        if (!client) {
            done(gone());
            return;
        }
        client->resource(where->application, where->project, refOf(target), context, [done](const argocd::Reply &r) {
            kube::KubeResponse out;
            if (r.ok()) {
                out.httpStatus = 200;
                out.object = r.body;
            } else {
                out.httpStatus = r.error->httpStatus;
                out.error = toKubeError(*r.error);
            }
            done(out);
        });
    });
}

Result<ArgoCdRoute::Choice> ArgoCdRoute::actionFor(const ActionRequest &request, const QJsonObject &rollout)
{
    const QJsonObject spec = obj(rollout, "spec");
    const QJsonObject status = obj(rollout, "status");
    const bool isCanary = obj(spec, "strategy").contains(QLatin1String("canary"));
    const int steps = int(obj(obj(spec, "strategy"), "canary").value(QLatin1String("steps")).toArray().size());
    const int index = status.value(QLatin1String("currentStepIndex")).toInt(0);
    const bool paused = spec.value(QLatin1String("paused")).toBool() ||
                        !status.value(QLatin1String("pauseConditions")).toArray().isEmpty();
    const QString analysis =
        obj(obj(status, "canary"), "currentStepAnalysisRunStatus").value(QLatin1String("status")).toString();
    switch (request.verb) {
    case Verb::Promote:
        if (request.options.full)
            return Choice{QStringLiteral("promote-full"), {}};
        // An inconclusive analysis holds the canary on its step: upstream's promote moves past it, as skip does.
        if (paused && !(isCanary && analysis == QLatin1String("Inconclusive") && index < steps))
            return Choice{QStringLiteral("resume"), {}};
        if (isCanary && index < steps)
            return Choice{QStringLiteral("skip-current-step"), {}};
        return Choice{{}, QStringLiteral("not paused and no step left: nothing to promote")};
    case Verb::Abort:
        return Choice{QStringLiteral("abort"), {}};
    case Verb::Retry:
        return Choice{QStringLiteral("retry"), {}};
    case Verb::Restart:
        return Choice{QStringLiteral("restart"), {}};
    case Verb::Pause:
        return Choice{QStringLiteral("pause"), {}};
    case Verb::Skip:
        if (!isCanary)
            return Result<Choice>::failure(QStringLiteral("only a canary rollout has steps to skip"));
        if (index >= steps)
            return Choice{{}, QStringLiteral("no step left to skip")};
        return Choice{QStringLiteral("skip-current-step"), {}};
    case Verb::SetSplit:
        return Result<Choice>::failure(
            QStringLiteral("a VirtualService's split is not a Rollout resource action: it goes through the cluster"));
    case Verb::Undo:
        break;
    }
    return Result<Choice>::failure(
        QStringLiteral("undo is not an Argo CD resource action: through Argo CD, roll the application back to an "
                       "earlier history entry instead"));
}

void ArgoCdRoute::plan(const ActionRequest &request, const QJsonObject &fresh, QObject *context,
                       std::function<void(Result<ActionPlan>)> done)
{
    const Result<Choice> choice = actionFor(request, fresh);
    if (!choice) {
        done(Result<ActionPlan>::failure(choice.error()));
        return;
    }
    if (choice->action.isEmpty()) {
        ActionPlan plan;
        plan.noop = choice->noop;
        done(plan);
        return;
    }
    QPointer<argocd::Client> client = m_client;
    const ActionTarget target = request.target;
    const QString action = choice->action;
    locate(target, context, [client, target, action, context, done](const Result<Location> &where) {
        if (!where) {
            done(Result<ActionPlan>::failure(where.error()));
            return;
        }
        if (!client) {
            done(Result<ActionPlan>::failure(gone().error->message));
            return;
        }
        // Argo CD runs only the actions its discovery offers for the object as it is now.
        const ResourceActionCall call{where->application, where->project, target.ns, target.name, action};
        client->resourceActions(
            call.application, call.project, refOf(target), context, [call, done](const argocd::Reply &offered) {
                if (offered.ok()) {
                    for (const QJsonValue &v : offered.body.value(QLatin1String("actions")).toArray()) {
                        const QJsonObject a = v.toObject();
                        if (a.value(QLatin1String("name")).toString() == call.action &&
                            a.value(QLatin1String("disabled")).toBool()) {
                            done(Result<ActionPlan>::failure(
                                QStringLiteral("Argo CD does not offer %1 for this rollout in its "
                                               "current state")
                                    .arg(call.action)));
                            return;
                        }
                    }
                }
                ActionPlan plan;
                plan.resourceAction = call;
                plan.detail.insert(QStringLiteral("argocdAction"), call.action);
                plan.detail.insert(QStringLiteral("application"), call.application);
                plan.detail.insert(QStringLiteral("project"), call.project);
                done(plan);
            });
    });
}

void ArgoCdRoute::missingPermission(const ActionTarget &target, const ActionPlan &plan, QObject *context,
                                    std::function<void(const QString &)> done)
{
    Q_UNUSED(target)
    if (!plan.resourceAction || !m_client) {
        done(QString());
        return;
    }
    const ResourceActionCall call = *plan.resourceAction;
    const QString action = QStringLiteral("action/argoproj.io/Rollout/") + call.action;
    const QString object = call.project + QLatin1Char('/') + call.application;
    m_client->canI(QStringLiteral("applications"), action, object, context,
                   [action, object, done](const argocd::Reply &r) {
                       // Unknown (an error): Argo CD decides when the action is sent.
                       if (r.ok() && r.body.value(QLatin1String("value")).toString() == QLatin1String("no"))
                           done(QStringLiteral("%1 on applications %2 (Argo CD RBAC)").arg(action, object));
                       else
                           done(QString());
                   });
}

void ArgoCdRoute::send(const ActionPlan &plan, const QString &resourceVersion, QObject *context,
                       std::function<void(const SendOutcome &)> done)
{
    Q_UNUSED(resourceVersion) // Argo CD's resource actions take no precondition
    SendOutcome outcome;
    if (!plan.resourceAction || !m_client) {
        outcome.kind = SendOutcome::Kind::Failed;
        outcome.error = gone().error;
        done(outcome);
        return;
    }
    const ResourceActionCall call = *plan.resourceAction;
    outcome.sent << QStringLiteral("POST ") + call.path();
    QPointer<argocd::Client> client = m_client;
    m_client->runRolloutAction(call.application, call.project, call.ns, call.name, call.action, context,
                               [client, call, outcome, context, done](const argocd::Reply &r) mutable {
                                   if (!r.ok()) {
                                       outcome.error = toKubeError(*r.error);
                                       outcome.kind = mayHaveArrived(*r.error)     ? SendOutcome::Kind::Unknown
                                                      : r.error->httpStatus == 409 ? SendOutcome::Kind::Conflict
                                                                                   : SendOutcome::Kind::Failed;
                                       done(outcome);
                                       return;
                                   }
                                   outcome.kind = SendOutcome::Kind::Applied;
                                   if (!client) {
                                       done(outcome);
                                       return;
                                   }
                                   // The answer is {}: the object after the action is read back for the record's
                                   // "after".
                                   argocd::ResourceRef ref;
                                   ref.ns = call.ns;
                                   ref.name = call.name;
                                   client->resource(call.application, call.project, ref, context,
                                                    [outcome, done](const argocd::Reply &after) mutable {
                                                        if (after.ok())
                                                            outcome.object = after.body;
                                                        done(outcome);
                                                    });
                               });
}

void ArgoCdRoute::postEvidence(const ActionTarget &target, const QJsonObject &object, const Evidence &evidence,
                               QObject *context, std::function<void(const QStringList &)> done)
{
    Q_UNUSED(object)
    const auto where = m_locations.constFind(target.key());
    if (evidence.outcome != QLatin1String("applied") || !m_client || where == m_locations.constEnd()) {
        done({});
        return;
    }
    const QJsonObject last{{QStringLiteral("verb"), evidence.verb},
                           {QStringLiteral("actor"), evidence.actor},
                           {QStringLiteral("time"), evidence.time},
                           {QStringLiteral("reason"), evidence.reason},
                           {QStringLiteral("route"), QStringLiteral("argocd")},
                           {QStringLiteral("hash"), QString::fromLatin1(evidence.recordHash)}};
    const QJsonObject patch{
        {QStringLiteral("metadata"),
         QJsonObject{{QStringLiteral("annotations"),
                      QJsonObject{{QStringLiteral("rolldeck.io/last-action"),
                                   QString::fromUtf8(QJsonDocument(last).toJson(QJsonDocument::Compact))}}}}}};
    m_client->patchResource(
        where->application, where->project, refOf(target), patch, context, [done](const argocd::Reply &r) {
            if (r.ok())
                done({});
            else
                done({QStringLiteral("annotation rolldeck.io/last-action through Argo CD: %1").arg(r.error->message)});
        });
}

} // namespace rolldeck::actions
