#pragma once

#include "actions/ActionRoute.h"
#include "actions/ActionTypes.h"
#include "workspace/Workspace.h"

#include <QObject>
#include <QSet>

#include <functional>
#include <memory>

namespace rolldeck::audit {
class AuditLog;
}

namespace rolldeck::actions {

// Runs actions (docs/actions.md): policy, "approve what you saw", permission, a write-ahead audit record, the
// route's requests with a resourceVersion precondition, the result record and the evidence on the cluster. Results
// are values: applied, refused, failed or outcome unknown; a mutating request is never retried blindly (a 409
// repeats the decision-state check once). GUI thread (or the thread that owns the routes' connections).
class ActionService : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const ActionResult &)>;
    using PolicyFor = std::function<EnvironmentPolicy(const QString &context, const QString &ns)>;
    using EnvironmentFor = std::function<QString(const QString &context, const QString &ns)>;

    ActionService(audit::AuditLog *log, QObject *parent = nullptr);
    ~ActionService() override;

    // Without a policy source every action needs nothing more than permission and an unchanged state.
    void setPolicy(PolicyFor policy, EnvironmentFor environment = {});

    // Runs `request` through `route`; `done` runs once, in `context`'s thread, unless `context` is gone.
    void submit(const ActionRequest &request, ActionRoute *route, QObject *context, Done done);
    // The same; when `route` lacks a permission the plan needs, the request goes through `fallback` instead (the
    // Argo CD route for a read-only cluster identity), and the record says why.
    void submit(const ActionRequest &request, ActionRoute *route, ActionRoute *fallback, QObject *context, Done done);
    bool inFlight(const ActionTarget &target) const { return m_inFlight.contains(target.key()); }

    // The person running Rolldeck, as the operating system names them.
    static QString osUser();

Q_SIGNALS:
    void actionFinished(const rolldeck::actions::ActionResult &result);

private:
    struct Submission;
    using Ptr = std::shared_ptr<Submission>;

    void start(const Ptr &s);
    void readAndCheck(const Ptr &s);
    void planAndAuthorize(const Ptr &s);
    void fallBack(const Ptr &s, const QString &missing);
    void sendPlan(const Ptr &s);
    void onSent(const Ptr &s, const SendOutcome &outcome);
    void refuse(const Ptr &s, ActionResult::Refusal refusal, const QString &message, const QStringList &changes = {});
    void failBeforeSending(const Ptr &s, const QString &message, const std::optional<kube::KubeError> &error);
    void writeResult(const Ptr &s);
    void finish(const Ptr &s);
    QJsonObject subject(const Ptr &s) const;

    audit::AuditLog *m_log;
    PolicyFor m_policy;
    EnvironmentFor m_environment;
    QSet<QString> m_inFlight;
};

} // namespace rolldeck::actions
