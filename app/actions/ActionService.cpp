#include "ActionService.h"

#include "models/argo/Rollout.h"
#include "models/argo/Traffic.h"
#include "audit/AuditLog.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QUuid>

#include <pwd.h>
#include <unistd.h>

namespace rolldeck::actions {

struct ActionService::Submission
{
    ActionRequest request;
    ActionRoute *route = nullptr;
    ActionRoute *fallback = nullptr; // taken when `route` lacks permission
    QString fellBackBecause;         // what the first route lacked
    QString firstRoute;
    QPointer<QObject> context;
    Done done;
    QByteArray actionId;
    kube::Identity identity;
    QString environment;
    QJsonObject fresh;
    ActionPlan plan;
    bool intentWritten = false;
    bool checkedAgain = false;
    bool holdsKey = false; // this submission marked the object in flight
    ActionResult result;
};

namespace {

DecisionState decisionOf(const QJsonObject &object)
{
    return DecisionState::of(Rollout::fromJson(object));
}

SplitState splitOf(const QJsonObject &object, int httpRoute)
{
    return SplitState::of(VirtualService::fromJson(object), httpRoute);
}

QString resourceVersionOf(const QJsonObject &object)
{
    return object.value(QLatin1String("metadata")).toObject().value(QLatin1String("resourceVersion")).toString();
}

// What the intent says will be sent. A JSON patch carries a pod template (whose env may hold literal values), so
// only its digest is kept; the merge patches are the small upstream bodies.
QJsonArray describeRequests(const ActionPlan &plan, const QString &resourceVersion)
{
    QJsonArray out;
    if (plan.resourceAction)
        out.append(QJsonObject{
            {QStringLiteral("method"), QStringLiteral("POST")},
            {QStringLiteral("path"), plan.resourceAction->path()},
            {QStringLiteral("contentType"), QStringLiteral("application/json")},
            {QStringLiteral("body"),
             QString::fromUtf8(QJsonDocument(plan.resourceAction->body()).toJson(QJsonDocument::Compact))}});
    for (const PlannedPatch &p : plan.patches()) {
        QJsonObject r{{QStringLiteral("method"), QStringLiteral("PATCH")},
                      {QStringLiteral("path"), p.path},
                      {QStringLiteral("contentType"), QString::fromLatin1(p.contentType)}};
        // The split's JSON patch is a few weights: kept whole, as the merge patches are.
        if (p.isJsonPatch() && !p.path.contains(QLatin1String("/virtualservices/")))
            r.insert(QStringLiteral("bodySha256"),
                     QString::fromLatin1(QCryptographicHash::hash(p.body(), QCryptographicHash::Sha256).toHex()));
        else
            r.insert(QStringLiteral("body"), QString::fromUtf8(p.body()));
        out.append(r);
    }
    if (plan.statusPatch && plan.unifiedPatch)
        out.append(QJsonObject{{QStringLiteral("onNotFound"), plan.unifiedPatch->path},
                               {QStringLiteral("body"), QString::fromUtf8(plan.unifiedPatch->body())}});
    Q_UNUSED(resourceVersion)
    return out;
}

QString actorName(const ActionService::Done &, const QString &override, const QString &os, const kube::Identity &id)
{
    const QString who = override.isEmpty() ? os : override;
    return id.username.isEmpty() || id.username == who ? who : who + QStringLiteral(" (") + id.username + u')';
}

} // namespace

ActionService::ActionService(audit::AuditLog *log, QObject *parent) : QObject(parent), m_log(log) {}

ActionService::~ActionService() = default;

void ActionService::setPolicy(PolicyFor policy, EnvironmentFor environment)
{
    m_policy = std::move(policy);
    m_environment = std::move(environment);
}

QString ActionService::osUser()
{
    if (const passwd *pw = ::getpwuid(::getuid()); pw && pw->pw_name)
        return QString::fromLocal8Bit(pw->pw_name);
    return qEnvironmentVariable("USER");
}

void ActionService::submit(const ActionRequest &request, ActionRoute *route, QObject *context, Done done)
{
    submit(request, route, nullptr, context, std::move(done));
}

void ActionService::submit(const ActionRequest &request, ActionRoute *route, ActionRoute *fallback, QObject *context,
                           Done done)
{
    auto s = std::make_shared<Submission>();
    s->request = request;
    s->route = route;
    s->fallback = fallback;
    s->context = context;
    s->done = std::move(done);
    s->actionId = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    s->environment = m_environment ? m_environment(request.target.context, request.target.ns) : QString();
    s->result.before = request.seen;
    route->identity(this, [this, s](const kube::Identity &identity) {
        s->identity = identity;
        start(s);
    });
}

QJsonObject ActionService::subject(const Ptr &s) const
{
    const ActionRequest &r = s->request;
    QJsonObject actor{{QStringLiteral("os"), osUser()},
                      {QStringLiteral("as"), r.actorOverride},
                      {QStringLiteral("route"), s->route->name()}};
    switch (s->identity.source) {
    case kube::Identity::Source::ArgoCdSession: // the Argo CD account acts; the cluster sees Argo CD's own
        actor.insert(QStringLiteral("argocd"), s->identity.username);
        actor.insert(QStringLiteral("argocdSource"), QStringLiteral("userinfo"));
        break;
    case kube::Identity::Source::SelfSubjectReview:
        actor.insert(QStringLiteral("cluster"), s->identity.username);
        actor.insert(QStringLiteral("clusterSource"), QStringLiteral("SelfSubjectReview"));
        break;
    case kube::Identity::Source::Kubeconfig:
        actor.insert(QStringLiteral("cluster"), s->identity.username);
        actor.insert(QStringLiteral("clusterSource"), QStringLiteral("kubeconfig"));
        break;
    }
    if (!s->fellBackBecause.isEmpty()) {
        actor.insert(QStringLiteral("fallbackFrom"), s->firstRoute);
        actor.insert(QStringLiteral("fallbackBecause"), s->fellBackBecause);
    }
    return {
        {QStringLiteral("actor"), actor},
        {QStringLiteral("target"), QJsonObject{{QStringLiteral("environment"), s->environment},
                                               {QStringLiteral("context"), r.target.context},
                                               {QStringLiteral("server"), s->route->server()},
                                               {QStringLiteral("namespace"), r.target.ns},
                                               {QStringLiteral("kind"), r.target.kind},
                                               {QStringLiteral("name"), r.target.name}}},
        {QStringLiteral("verb"), verbName(r.verb)},
        {QStringLiteral("options"), r.options.toJson()},
        {QStringLiteral("reason"), r.reason},
        {QStringLiteral("decision"), r.seenSplit ? r.seenSplit->toJson() : r.seen.toJson()},
    };
}

void ActionService::start(const Ptr &s)
{
    const ActionRequest &r = s->request;
    if (m_inFlight.contains(r.target.key())) {
        refuse(s, ActionResult::Refusal::InFlight,
               QStringLiteral("another action on %1/%2 is still in flight").arg(r.target.ns, r.target.name));
        return;
    }
    if (m_policy) {
        const EnvironmentPolicy policy = m_policy(r.target.context, r.target.ns);
        const QString where = s->environment.isEmpty() ? QStringLiteral("this context") : s->environment;
        if (!policy.allows(verbName(r.verb))) {
            refuse(s, ActionResult::Refusal::Policy,
                   QStringLiteral("%1 is not allowed in %2").arg(verbName(r.verb), where));
            return;
        }
        if (policy.reasonRequired && r.reason.trimmed().isEmpty()) {
            refuse(s, ActionResult::Refusal::Policy, QStringLiteral("a reason is required in %1").arg(where));
            return;
        }
        if (policy.typeToConfirm && r.typedName != r.target.name) {
            refuse(s, ActionResult::Refusal::Policy,
                   QStringLiteral("%1 asks for the rollout's name to be typed to confirm").arg(where));
            return;
        }
    }
    const bool split = r.verb == Verb::SetSplit;
    if (split != (r.target.kind == QLatin1String("VirtualService")) || (split && !r.seenSplit)) {
        refuse(s, ActionResult::Refusal::Invalid,
               QStringLiteral("%1 does not apply to a %2").arg(verbName(r.verb), r.target.kind));
        return;
    }
    if (!split && r.seen.phase.isEmpty()) {
        refuse(s, ActionResult::Refusal::Invalid, QStringLiteral("the request carries no decision state"));
        return;
    }
    m_inFlight.insert(r.target.key());
    s->holdsKey = true;
    readAndCheck(s);
}

// Approve what you saw: the object is read again; a changed decision state sends nothing.
void ActionService::readAndCheck(const Ptr &s)
{
    s->route->read(s->request.target, this, [this, s](const kube::KubeResponse &response) {
        if (!response.ok()) {
            if (s->intentWritten) {
                s->result.outcome = ActionResult::Outcome::Failed;
                s->result.message =
                    QStringLiteral("re-reading after a conflict failed: %1").arg(response.error->toString());
                writeResult(s);
                return;
            }
            failBeforeSending(s,
                              QStringLiteral("reading the %1 failed")
                                  .arg(s->request.seenSplit ? QStringLiteral("route") : QStringLiteral("rollout")),
                              response.error);
            return;
        }
        s->fresh = response.object;
        if (s->request.seenSplit) {
            // A route no controller writes: any change since it was shown is somebody's edit, the resourceVersion
            // included; the person decides again on the new split.
            const SplitState now = splitOf(s->fresh, s->request.seenSplit->httpRoute);
            s->result.splitBefore = now;
            const QStringList changes = s->request.seenSplit->changesTo(now);
            if (!changes.isEmpty()) {
                refuse(
                    s, ActionResult::Refusal::ChangedState,
                    QStringLiteral("the route changed since it was shown: %1").arg(changes.join(QStringLiteral(", "))),
                    changes);
                return;
            }
            planAndAuthorize(s);
            return;
        }
        const DecisionState now = decisionOf(s->fresh);
        s->result.before = now;
        const QStringList changes = s->request.seen.changesTo(now);
        if (!changes.isEmpty()) {
            refuse(s, ActionResult::Refusal::ChangedState,
                   QStringLiteral("the rollout changed since it was shown: %1").arg(changes.join(QStringLiteral(", "))),
                   changes);
            return;
        }
        planAndAuthorize(s);
    });
}

void ActionService::planAndAuthorize(const Ptr &s)
{
    s->route->plan(s->request, s->fresh, this, [this, s](const Result<ActionPlan> &plan) {
        if (!plan) {
            if (s->intentWritten) {
                s->result.outcome = ActionResult::Outcome::Failed;
                s->result.message = plan.error();
                writeResult(s);
            } else {
                failBeforeSending(s, plan.error(), std::nullopt);
            }
            return;
        }
        s->plan = *plan;
        if (!s->plan.noop.isEmpty()) {
            s->result.outcome = ActionResult::Outcome::Applied;
            s->result.noop = true;
            s->result.message = s->plan.noop;
            s->result.after = s->result.before;
            s->result.splitAfter = s->result.splitBefore;
            QJsonObject fields = subject(s);
            fields.insert(QStringLiteral("outcome"), QStringLiteral("applied"));
            fields.insert(QStringLiteral("message"), s->plan.noop);
            fields.insert(QStringLiteral("resourceVersion"), resourceVersionOf(s->fresh));
            const auto rec = m_log->append("noop", s->actionId, fields);
            if (rec)
                s->result.auditHash = rec->hash;
            else
                s->result.message += QStringLiteral(" (not recorded: %1)").arg(rec.error());
            finish(s);
            return;
        }
        if (s->intentWritten) { // after a conflict: permission was checked, the intent stands
            sendPlan(s);
            return;
        }
        s->route->missingPermission(s->request.target, s->plan, this, [this, s](const QString &missing) {
            if (!missing.isEmpty() && s->fallback) {
                fallBack(s, missing);
                return;
            }
            if (!missing.isEmpty()) {
                refuse(s, ActionResult::Refusal::Permission, QStringLiteral("permission missing: %1").arg(missing));
                return;
            }
            QJsonObject fields = subject(s);
            fields.insert(QStringLiteral("resourceVersion"), resourceVersionOf(s->fresh));
            fields.insert(QStringLiteral("requests"), describeRequests(s->plan, resourceVersionOf(s->fresh)));
            fields.insert(QStringLiteral("plan"), s->plan.detail);
            const auto intent = m_log->append("intent", s->actionId, fields); // fsync'd before anything leaves
            if (!intent) {
                refuse(s, ActionResult::Refusal::NotRecorded,
                       QStringLiteral("the audit log cannot be written, nothing was sent: %1").arg(intent.error()));
                return;
            }
            s->intentWritten = true;
            sendPlan(s);
        });
    });
}

// The first route may not: the same request goes through the fallback (Argo CD), from the read on, with that
// route's identity. Nothing was recorded or sent on the first route.
void ActionService::fallBack(const Ptr &s, const QString &missing)
{
    s->firstRoute = s->route->name();
    s->fellBackBecause = QStringLiteral("permission missing on the %1 route: %2").arg(s->firstRoute, missing);
    s->route = std::exchange(s->fallback, nullptr);
    s->route->identity(this, [this, s](const kube::Identity &identity) {
        s->identity = identity;
        readAndCheck(s);
    });
}

void ActionService::sendPlan(const Ptr &s)
{
    s->route->send(s->plan, resourceVersionOf(s->fresh), this,
                   [this, s](const SendOutcome &outcome) { onSent(s, outcome); });
}

void ActionService::onSent(const Ptr &s, const SendOutcome &outcome)
{
    ActionResult &r = s->result;
    r.sent << outcome.sent;
    if (outcome.error) {
        r.httpStatus = outcome.error->httpStatus;
        r.serverReason = outcome.error->reason;
        r.serverMessage = outcome.error->message;
    }
    switch (outcome.kind) {
    case SendOutcome::Kind::Conflict:
        if (!s->checkedAgain) {
            // The object moved between the read and the write: check the decision state once more.
            s->checkedAgain = true;
            readAndCheck(s);
            return;
        }
        r.outcome = ActionResult::Outcome::Failed;
        r.message = QStringLiteral("the %1 kept changing (409 Conflict twice); nothing was applied")
                        .arg(s->request.seenSplit ? QStringLiteral("route") : QStringLiteral("rollout"));
        break;
    case SendOutcome::Kind::Applied:
        r.outcome = ActionResult::Outcome::Applied;
        r.httpStatus = 200;
        if (!outcome.object.isEmpty() && s->request.seenSplit)
            r.splitAfter = splitOf(outcome.object, s->request.seenSplit->httpRoute);
        else if (!outcome.object.isEmpty())
            r.after = decisionOf(outcome.object);
        r.message = QStringLiteral("applied");
        break;
    case SendOutcome::Kind::Failed:
        r.outcome = ActionResult::Outcome::Failed;
        r.message = outcome.partial
                        ? QStringLiteral("the server refused the second request (the first was applied): %1")
                              .arg(outcome.error->toString())
                        : QStringLiteral("the server refused the request: %1").arg(outcome.error->toString());
        break;
    case SendOutcome::Kind::Unknown:
        r.outcome = ActionResult::Outcome::Unknown;
        r.message = QStringLiteral("the outcome is unknown: the request was sent but no answer came (%1)")
                        .arg(outcome.error->cause());
        break;
    }
    writeResult(s);
}

void ActionService::writeResult(const Ptr &s)
{
    ActionResult &r = s->result;
    QJsonObject fields = subject(s);
    fields.insert(QStringLiteral("outcome"), r.outcomeName());
    if (r.refusal != ActionResult::Refusal::None)
        fields.insert(QStringLiteral("refusal"), r.refusalName());
    fields.insert(QStringLiteral("message"), r.message);
    if (!r.changes.isEmpty())
        fields.insert(QStringLiteral("changes"), QJsonArray::fromStringList(r.changes));
    fields.insert(QStringLiteral("httpStatus"), r.httpStatus);
    if (!r.serverReason.isEmpty() || !r.serverMessage.isEmpty())
        fields.insert(QStringLiteral("server"), QJsonObject{{QStringLiteral("reason"), r.serverReason},
                                                            {QStringLiteral("message"), r.serverMessage}});
    fields.insert(QStringLiteral("sent"), QJsonArray::fromStringList(r.sent));
    if (s->request.seenSplit) {
        if (r.splitBefore)
            fields.insert(QStringLiteral("before"), r.splitBefore->toJson());
        if (r.splitAfter)
            fields.insert(QStringLiteral("after"), r.splitAfter->toJson());
    } else {
        fields.insert(QStringLiteral("before"), r.before.toJson());
        if (r.after)
            fields.insert(QStringLiteral("after"), r.after->toJson());
    }
    if (s->checkedAgain)
        fields.insert(QStringLiteral("checkedAgainAfterConflict"), true);
    const auto rec = m_log->append("result", s->actionId, fields);
    if (rec)
        r.auditHash = rec->hash;
    else
        r.message += QStringLiteral(" (the result could not be recorded: %1)").arg(rec.error());
    if (r.outcome == ActionResult::Outcome::Refused || !rec) {
        finish(s);
        return;
    }
    Evidence evidence{verbName(s->request.verb),
                      actorName(s->done, s->request.actorOverride, osUser(), s->identity),
                      s->request.reason,
                      QString::fromLatin1(rec->time),
                      rec->hash,
                      r.outcomeName()};
    const QJsonObject object = s->fresh;
    s->route->postEvidence(s->request.target, object, evidence, this, [this, s](const QStringList &problems) {
        s->result.evidenceProblems = problems;
        if (!problems.isEmpty()) {
            QJsonObject fields{{QStringLiteral("problems"), QJsonArray::fromStringList(problems)},
                               {QStringLiteral("recordHash"), QString::fromLatin1(s->result.auditHash)}};
            m_log->append("evidence", s->actionId, fields); // best effort: the action itself is recorded
        }
        finish(s);
    });
}

void ActionService::refuse(const Ptr &s, ActionResult::Refusal refusal, const QString &message,
                           const QStringList &changes)
{
    ActionResult &r = s->result;
    r.outcome = ActionResult::Outcome::Refused;
    r.refusal = refusal;
    r.message = message;
    r.changes = changes;
    if (s->intentWritten) {
        writeResult(s); // the intent gets its result: nothing more was sent
        return;
    }
    QJsonObject fields = subject(s);
    fields.insert(QStringLiteral("outcome"), QStringLiteral("refused"));
    fields.insert(QStringLiteral("refusal"), r.refusalName());
    fields.insert(QStringLiteral("message"), message);
    if (!changes.isEmpty())
        fields.insert(QStringLiteral("changes"), QJsonArray::fromStringList(changes));
    if (!s->fresh.isEmpty())
        fields.insert(QStringLiteral("before"), r.splitBefore ? r.splitBefore->toJson() : r.before.toJson());
    const auto rec = m_log->append("refused", s->actionId, fields);
    if (rec)
        r.auditHash = rec->hash;
    else
        r.message += QStringLiteral(" (not recorded: %1)").arg(rec.error());
    finish(s);
}

void ActionService::failBeforeSending(const Ptr &s, const QString &message, const std::optional<kube::KubeError> &error)
{
    ActionResult &r = s->result;
    r.outcome = ActionResult::Outcome::Failed;
    r.message = error ? message + QStringLiteral(": ") + error->toString() : message;
    if (error) {
        r.httpStatus = error->httpStatus;
        r.serverReason = error->reason;
        r.serverMessage = error->message;
    }
    QJsonObject fields = subject(s);
    fields.insert(QStringLiteral("outcome"), QStringLiteral("failed"));
    fields.insert(QStringLiteral("message"), r.message);
    fields.insert(QStringLiteral("httpStatus"), r.httpStatus);
    fields.insert(QStringLiteral("sent"), QJsonArray());
    const auto rec = m_log->append("refused", s->actionId, fields); // nothing was sent: no intent, one record
    if (rec)
        r.auditHash = rec->hash;
    finish(s);
}

void ActionService::finish(const Ptr &s)
{
    if (s->holdsKey)
        m_inFlight.remove(s->request.target.key());
    Q_EMIT actionFinished(s->result);
    if (s->context && s->done)
        s->done(s->result);
}

} // namespace rolldeck::actions
