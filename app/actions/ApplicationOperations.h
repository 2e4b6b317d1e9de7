#pragma once

#include "models/argocd/Application.h"
#include "workspace/Workspace.h"

#include <QJsonObject>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>

namespace rolldeck::audit {
class AuditLog;
}
namespace rolldeck::argocd {
class Client;
}

namespace rolldeck::actions {

// What a person decides an application operation on: its revision, sync status, running operation, auto-sync and
// the newest history entry. A change between what was shown and what Argo CD says just before sending stops it.
struct ApplicationDecision
{
    QString revision;
    QString syncStatus;
    QString operationPhase;
    bool autoSync = false;
    qint64 lastHistoryId = 0;

    static ApplicationDecision of(const Application &app);
    QStringList changesTo(const ApplicationDecision &now) const;
    QJsonObject toJson() const;
};

struct ApplicationOperation
{
    enum class Verb { Sync, Rollback, Terminate, AutoSyncOff };
    Verb verb = Verb::Sync;
    QString application;
    QString project;
    QString environment;  // for the policy and the record
    QString revision;     // sync: the revision to sync to (empty: the tracked branch's head)
    qint64 historyId = 0; // rollback: the history entry
    bool prune = false;
    bool dryRun = false;
    QList<QJsonObject> resources; // sync: only these ({group, kind, name, namespace}); empty: all
    QString reason;
    QString typedName; // typeToConfirm: the application's name
    ApplicationDecision seen;

    static QString verbName(Verb verb); // sync, rollback, terminate, auto-sync-off
};

struct ApplicationOperationResult
{
    // DryRun: Argo CD accepted a dry run; nothing changed on the cluster.
    enum class Outcome { Applied, DryRun, Refused, Failed, Unknown };
    Outcome outcome = Outcome::Failed;
    QString refusal; // policy, auto-sync, changed-state, in-flight, not-recorded, permission (Argo CD RBAC)
    QString message; // untranslated, for the record and the status line
    QString offer;   // what the person can do instead (a refusal under auto-sync)
    QStringList changes;
    int httpStatus = 0;
    QString serverMessage;
    QByteArray auditHash;
    bool applied() const { return outcome == Outcome::Applied; }
};

// Sync, rollback, terminate and turning auto-sync off, through Argo CD, with the action service's discipline
// (docs/actions.md): the environment's policy (allowedActions sync/rollback/terminate, reason, the application's name
// typed), "approve what you saw" (the application read again just before sending), a write-ahead intent record
// (fsync'd) and a result record, with the Argo CD account (session userinfo) as the actor. A rollback under auto-sync
// is refused before anything is sent, and the result says what to do instead. GUI thread.
class ApplicationOperations : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const ApplicationOperationResult &)>;
    using PolicyFor = std::function<EnvironmentPolicy(const QString &environment)>;

    ApplicationOperations(audit::AuditLog *log, argocd::Client *client, QObject *parent = nullptr);
    void setPolicy(PolicyFor policy) { m_policy = std::move(policy); }
    void submit(const ApplicationOperation &operation, QObject *context, Done done);

Q_SIGNALS:
    void operationFinished(const rolldeck::actions::ApplicationOperationResult &result);

private:
    struct Submission;
    void checkAndSend(const std::shared_ptr<Submission> &s);
    void send(const std::shared_ptr<Submission> &s);
    void refuse(const std::shared_ptr<Submission> &s, const QString &refusal, const QString &message,
                const QString &offer = {});
    void finish(const std::shared_ptr<Submission> &s);
    QJsonObject subject(const Submission &s) const;
    static QString outcomeName(ApplicationOperationResult::Outcome outcome);

    audit::AuditLog *m_log;
    QPointer<argocd::Client> m_client;
    PolicyFor m_policy;
    QSet<QString> m_inFlight;
};

} // namespace rolldeck::actions
Q_DECLARE_METATYPE(rolldeck::actions::ApplicationOperationResult)
