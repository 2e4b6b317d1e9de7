#pragma once

#include "actions/ActionRoute.h"

#include <QHash>
#include <QPointer>

namespace rolldeck::argocd {
class Client;
struct Error;
} // namespace rolldeck::argocd

namespace rolldeck::actions {

// Actions through Argo CD (reference A.10, docs/argocd.md): the Rollout's resource actions sent as
// `POST /api/v1/applications/{app}/resource/actions/v2`, for people whose Argo CD account may act where their own
// cluster identity may not. The Argo CD account (session userinfo) is the identity the record names. The Rollout is
// read through Argo CD too (`GET …/resource`), so "approve what you saw" holds without cluster credentials; Argo CD
// runs an action without a resourceVersion precondition, so the read just before sending is the only check.
//
// Verbs: promote → resume when paused, else skip-current-step (a canary between steps); promote --full →
// promote-full; abort, retry, restart, pause as named; skip → skip-current-step. Undo is not a resource action
// (Argo CD rolls back an application to a history entry instead): its plan fails and says so.
class ArgoCdRoute : public ActionRoute
{
public:
    // `applications`: the environment's applications (workspace); empty: any application the account can see.
    explicit ArgoCdRoute(argocd::Client *client, QStringList applications = {});

    QString name() const override { return QStringLiteral("argocd"); }
    QString server() const override;
    void identity(QObject *context, std::function<void(const kube::Identity &)> done) override;
    void read(const ActionTarget &target, QObject *context,
              std::function<void(const kube::KubeResponse &)> done) override;
    void plan(const ActionRequest &request, const QJsonObject &fresh, QObject *context,
              std::function<void(Result<ActionPlan>)> done) override;
    void missingPermission(const ActionTarget &target, const ActionPlan &plan, QObject *context,
                           std::function<void(const QString &)> done) override;
    void send(const ActionPlan &plan, const QString &resourceVersion, QObject *context,
              std::function<void(const SendOutcome &)> done) override;
    // The `rolldeck.io/last-action` annotation, patched through Argo CD. No Event: Argo CD records its own
    // `ResourceActionRan` Event on the Application, and an Argo CD account cannot post one on the cluster.
    void postEvidence(const ActionTarget &target, const QJsonObject &object, const Evidence &evidence, QObject *context,
                      std::function<void(const QStringList &)> done) override;

    // The resource action for `request` on `rollout` (the object as just read), or an error; a noop is an empty
    // action with the reason in `noop`.
    struct Choice
    {
        QString action;
        QString noop;
    };
    static Result<Choice> actionFor(const ActionRequest &request, const QJsonObject &rollout);
    static kube::KubeError toKubeError(const argocd::Error &error);

    // Which application deploys a Rollout, and its project.
    struct Location
    {
        QString application;
        QString project;
    };
    // Lists the applications (with the `fields` projection) and picks the one whose resources hold the Rollout, else
    // the one whose destination is its namespace. Remembered per target.
    void locate(const ActionTarget &target, QObject *context, std::function<void(Result<Location>)> done);

private:
    QPointer<argocd::Client> m_client;
    QStringList m_applications;
    QHash<QString, Location> m_locations; // by ActionTarget::key()
};

} // namespace rolldeck::actions
