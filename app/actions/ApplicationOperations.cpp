#include "ApplicationOperations.h"

#include "actions/ActionService.h"
#include "argocd/ArgoCdClient.h"
#include "audit/AuditLog.h"

#include <QJsonArray>
#include <QPointer>
#include <QUuid>

namespace rolldeck::actions {

struct ApplicationOperations::Submission
{
    ApplicationOperation op;
    QPointer<QObject> context;
    Done done;
    QByteArray actionId;
    QString user; // the Argo CD account
    ApplicationDecision before;
    bool intentWritten = false;
    bool holdsKey = false;
    ApplicationOperationResult result;
};

ApplicationDecision ApplicationDecision::of(const Application &app)
{
    return {app.syncRevision, app.syncStatus, app.operationPhase, app.autoSync,
            app.history.isEmpty() ? 0 : app.history.last().id};
}

QStringList ApplicationDecision::changesTo(const ApplicationDecision &now) const
{
    QStringList out;
    if (revision != now.revision)
        out << QStringLiteral("revision %1 → %2").arg(revision.left(7), now.revision.left(7));
    if (syncStatus != now.syncStatus)
        out << QStringLiteral("sync %1 → %2").arg(syncStatus, now.syncStatus);
    if (operationPhase != now.operationPhase)
        out << QStringLiteral("operation %1 → %2")
                   .arg(operationPhase.isEmpty() ? QStringLiteral("none") : operationPhase,
                        now.operationPhase.isEmpty() ? QStringLiteral("none") : now.operationPhase);
    if (autoSync != now.autoSync)
        out << QStringLiteral("auto-sync %1 → %2")
                   .arg(autoSync ? QStringLiteral("on") : QStringLiteral("off"),
                        now.autoSync ? QStringLiteral("on") : QStringLiteral("off"));
    if (lastHistoryId != now.lastHistoryId)
        out << QStringLiteral("history %1 → %2").arg(lastHistoryId).arg(now.lastHistoryId);
    return out;
}

QJsonObject ApplicationDecision::toJson() const
{
    return {{QStringLiteral("revision"), revision},
            {QStringLiteral("syncStatus"), syncStatus},
            {QStringLiteral("operationPhase"), operationPhase},
            {QStringLiteral("autoSync"), autoSync},
            {QStringLiteral("lastHistoryId"), lastHistoryId}};
}

QString ApplicationOperation::verbName(Verb verb)
{
    switch (verb) {
    case Verb::Sync:
        return QStringLiteral("sync");
    case Verb::Rollback:
        return QStringLiteral("rollback");
    case Verb::Terminate:
        return QStringLiteral("terminate");
    case Verb::AutoSyncOff:
        return QStringLiteral("auto-sync-off");
    }
    return {};
}

ApplicationOperations::ApplicationOperations(audit::AuditLog *log, argocd::Client *client, QObject *parent)
    : QObject(parent), m_log(log), m_client(client)
{
}

QJsonObject ApplicationOperations::subject(const Submission &s) const
{
    const ApplicationOperation &op = s.op;
    QJsonObject options;
    if (op.verb == ApplicationOperation::Verb::Sync) {
        options.insert(QStringLiteral("revision"), op.revision);
        options.insert(QStringLiteral("prune"), op.prune);
        options.insert(QStringLiteral("dryRun"), op.dryRun);
        if (!op.resources.isEmpty()) {
            QJsonArray resources;
            for (const QJsonObject &r : op.resources)
                resources.append(r);
            options.insert(QStringLiteral("resources"), resources);
        }
    }
    if (op.verb == ApplicationOperation::Verb::Rollback)
        options.insert(QStringLiteral("historyId"), op.historyId);
    return {
        {QStringLiteral("actor"), QJsonObject{{QStringLiteral("os"), ActionService::osUser()},
                                              {QStringLiteral("as"), QString()},
                                              {QStringLiteral("argocd"), s.user},
                                              {QStringLiteral("argocdSource"), QStringLiteral("userinfo")},
                                              {QStringLiteral("route"), QStringLiteral("argocd")}}},
        {QStringLiteral("target"),
         QJsonObject{{QStringLiteral("environment"), op.environment},
                     {QStringLiteral("server"),
                      m_client ? m_client->endpoint().server.toString(QUrl::RemoveUserInfo) : QString()},
                     {QStringLiteral("project"), op.project},
                     {QStringLiteral("kind"), QStringLiteral("Application")},
                     {QStringLiteral("name"), op.application}}},
        {QStringLiteral("verb"), ApplicationOperation::verbName(op.verb)},
        {QStringLiteral("options"), options},
        {QStringLiteral("reason"), op.reason},
        {QStringLiteral("decision"), op.seen.toJson()},
    };
}

void ApplicationOperations::submit(const ApplicationOperation &operation, QObject *context, Done done)
{
    auto s = std::make_shared<Submission>();
    s->op = operation;
    s->context = context;
    s->done = std::move(done);
    s->actionId = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    if (!m_client) {
        s->result.message = QStringLiteral("not connected to Argo CD");
        finish(s);
        return;
    }
    const QString verb = ApplicationOperation::verbName(operation.verb);
    if (m_policy) {
        const EnvironmentPolicy policy = m_policy(operation.environment);
        const QString where =
            operation.environment.isEmpty() ? QStringLiteral("this environment") : operation.environment;
        // Turning auto-sync off is how a rollback becomes possible: it follows the rollback's permission.
        const QString asked =
            operation.verb == ApplicationOperation::Verb::AutoSyncOff ? QStringLiteral("rollback") : verb;
        if (!policy.allows(asked))
            return refuse(s, QStringLiteral("policy"), QStringLiteral("%1 is not allowed in %2").arg(verb, where));
        if (policy.reasonRequired && operation.reason.trimmed().isEmpty())
            return refuse(s, QStringLiteral("policy"), QStringLiteral("a reason is required in %1").arg(where));
        if (policy.typeToConfirm && operation.typedName != operation.application)
            return refuse(s, QStringLiteral("policy"),
                          QStringLiteral("%1 asks for the application's name to be typed to confirm").arg(where));
    }
    if (m_inFlight.contains(operation.application))
        return refuse(s, QStringLiteral("in-flight"),
                      QStringLiteral("another operation on %1 is still in flight").arg(operation.application));
    m_inFlight.insert(operation.application);
    s->holdsKey = true;
    m_client->userInfo(this, [this, s](const argocd::Reply &r) {
        if (r.ok())
            s->user = r.body.value(QLatin1String("username")).toString();
        checkAndSend(s);
    });
}

// Approve what you saw: the application is read again; a changed decision sends nothing.
void ApplicationOperations::checkAndSend(const std::shared_ptr<Submission> &s)
{
    if (!m_client) {
        s->result.message = QStringLiteral("not connected to Argo CD");
        return finish(s);
    }
    m_client->application(s->op.application, s->op.project, this, [this, s](const argocd::Reply &r) {
        if (!r.ok()) {
            s->result.outcome = ApplicationOperationResult::Outcome::Failed;
            s->result.httpStatus = r.error->httpStatus;
            s->result.serverMessage = r.error->serverMessage;
            return refuse(s, QStringLiteral("read-failed"),
                          QStringLiteral("reading the application failed: %1").arg(r.error->message));
        }
        const Application app = Application::fromJson(r.body);
        s->before = ApplicationDecision::of(app);
        const QStringList changes = s->op.seen.changesTo(s->before);
        if (!changes.isEmpty()) {
            s->result.changes = changes;
            return refuse(s, QStringLiteral("changed-state"),
                          QStringLiteral("the application changed since it was shown: %1")
                              .arg(changes.join(QStringLiteral(", "))));
        }
        if (s->op.verb == ApplicationOperation::Verb::Rollback && app.autoSync)
            return refuse(s, QStringLiteral("auto-sync"),
                          QStringLiteral("%1 syncs automatically: Argo CD refuses a rollback, which auto-sync would "
                                         "undo at once")
                              .arg(app.name),
                          QStringLiteral("turn auto-sync off, then roll back; or revert the change in Git"));
        if (s->op.verb == ApplicationOperation::Verb::Terminate && !app.operationRunning())
            return refuse(s, QStringLiteral("changed-state"),
                          QStringLiteral("no operation is running on %1").arg(app.name));
        send(s);
    });
}

void ApplicationOperations::send(const std::shared_ptr<Submission> &s)
{
    const ApplicationOperation &op = s->op;
    const QString base = QStringLiteral("/api/v1/applications/") + op.application;
    QString method = QStringLiteral("POST");
    QString path = base;
    switch (op.verb) {
    case ApplicationOperation::Verb::Sync:
        path += QStringLiteral("/sync");
        break;
    case ApplicationOperation::Verb::Rollback:
        path += QStringLiteral("/rollback");
        break;
    case ApplicationOperation::Verb::Terminate:
        method = QStringLiteral("DELETE");
        path += QStringLiteral("/operation");
        break;
    case ApplicationOperation::Verb::AutoSyncOff:
        method = QStringLiteral("PATCH");
        break;
    }
    const QJsonObject request{{QStringLiteral("method"), method}, {QStringLiteral("path"), path}};
    QJsonObject fields = subject(*s);
    fields.insert(QStringLiteral("requests"), QJsonArray{request});
    const auto intent = m_log->append("intent", s->actionId, fields); // fsync'd before anything leaves
    if (!intent)
        return refuse(s, QStringLiteral("not-recorded"),
                      QStringLiteral("the audit log cannot be written, nothing was sent: %1").arg(intent.error()));
    s->intentWritten = true;
    const auto answered = [this, s](const argocd::Reply &r) {
        ApplicationOperationResult &res = s->result;
        if (r.ok()) {
            const bool dryRun = s->op.dryRun && (s->op.verb == ApplicationOperation::Verb::Sync ||
                                                 s->op.verb == ApplicationOperation::Verb::Rollback);
            res.outcome =
                dryRun ? ApplicationOperationResult::Outcome::DryRun : ApplicationOperationResult::Outcome::Applied;
            res.httpStatus = 200;
            res.message = dryRun ? QStringLiteral("dry run: nothing was changed") : QStringLiteral("applied");
        } else if (r.error->httpStatus == 403 && !s->op.project.isEmpty()) {
            // The application was just read in this project, so a 403 is Argo CD's RBAC saying no.
            res.httpStatus = 403;
            res.serverMessage = r.error->serverMessage;
            res.outcome = ApplicationOperationResult::Outcome::Refused;
            res.refusal = QStringLiteral("permission");
            res.message = QStringLiteral("Argo CD refused: the account %1 may not %2 applications in project %3 (%4)")
                              .arg(s->user.isEmpty() ? QStringLiteral("(unknown)") : s->user,
                                   ApplicationOperation::verbName(s->op.verb), s->op.project, res.serverMessage);
        } else {
            res.httpStatus = r.error->httpStatus;
            res.serverMessage = r.error->serverMessage;
            res.outcome = r.error->httpStatus == 0 ? ApplicationOperationResult::Outcome::Unknown
                                                   : ApplicationOperationResult::Outcome::Failed;
            res.message = r.error->message;
        }
        QJsonObject result = subject(*s);
        result.insert(QStringLiteral("outcome"), outcomeName(res.outcome));
        if (!res.refusal.isEmpty())
            result.insert(QStringLiteral("refusal"), res.refusal);
        result.insert(QStringLiteral("message"), res.message);
        result.insert(QStringLiteral("httpStatus"), res.httpStatus);
        result.insert(QStringLiteral("before"), s->before.toJson());
        const auto rec = m_log->append("result", s->actionId, result);
        if (rec)
            res.auditHash = rec->hash;
        else
            res.message += QStringLiteral(" (the result could not be recorded: %1)").arg(rec.error());
        finish(s);
    };
    switch (op.verb) {
    case ApplicationOperation::Verb::Sync: {
        argocd::SyncRequest sync;
        sync.project = op.project;
        sync.revision = op.revision;
        sync.prune = op.prune;
        sync.dryRun = op.dryRun;
        sync.resources = op.resources;
        if (!op.reason.isEmpty())
            sync.infos << qMakePair(QStringLiteral("reason"), op.reason);
        m_client->sync(op.application, sync, this, answered);
        return;
    }
    case ApplicationOperation::Verb::Rollback:
        m_client->rollback(op.application, op.project, op.historyId, op.dryRun, this, answered);
        return;
    case ApplicationOperation::Verb::Terminate:
        m_client->terminateOperation(op.application, op.project, this, answered);
        return;
    case ApplicationOperation::Verb::AutoSyncOff:
        m_client->setAutoSync(op.application, false, this, answered);
        return;
    }
}

QString ApplicationOperations::outcomeName(ApplicationOperationResult::Outcome outcome)
{
    switch (outcome) {
    case ApplicationOperationResult::Outcome::Applied:
        return QStringLiteral("applied");
    case ApplicationOperationResult::Outcome::DryRun:
        return QStringLiteral("dry-run");
    case ApplicationOperationResult::Outcome::Refused:
        return QStringLiteral("refused");
    case ApplicationOperationResult::Outcome::Failed:
        return QStringLiteral("failed");
    case ApplicationOperationResult::Outcome::Unknown:
        return QStringLiteral("unknown");
    }
    return QStringLiteral("unknown");
}

void ApplicationOperations::refuse(const std::shared_ptr<Submission> &s, const QString &refusal, const QString &message,
                                   const QString &offer)
{
    ApplicationOperationResult &r = s->result;
    if (r.outcome != ApplicationOperationResult::Outcome::Failed || refusal != QLatin1String("read-failed"))
        r.outcome = ApplicationOperationResult::Outcome::Refused;
    r.refusal = refusal;
    r.message = message;
    r.offer = offer;
    QJsonObject fields = subject(*s);
    fields.insert(QStringLiteral("outcome"), r.outcome == ApplicationOperationResult::Outcome::Refused
                                                 ? QStringLiteral("refused")
                                                 : QStringLiteral("failed"));
    fields.insert(QStringLiteral("refusal"), refusal);
    fields.insert(QStringLiteral("message"), message);
    if (!offer.isEmpty())
        fields.insert(QStringLiteral("offer"), offer);
    if (!r.changes.isEmpty())
        fields.insert(QStringLiteral("changes"), QJsonArray::fromStringList(r.changes));
    const auto rec = m_log->append(s->intentWritten ? "result" : "refused", s->actionId, fields);
    if (rec)
        r.auditHash = rec->hash;
    finish(s);
}

void ApplicationOperations::finish(const std::shared_ptr<Submission> &s)
{
    if (s->holdsKey)
        m_inFlight.remove(s->op.application);
    Q_EMIT operationFinished(s->result);
    if (s->context && s->done)
        s->done(s->result);
}

} // namespace rolldeck::actions
