#pragma once

#include "models/domain/Result.h"
#include "actions/ActionTypes.h"
#include "actions/RolloutPlan.h"
#include "kube/AccessReview.h"
#include "kube/KubeError.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

namespace rolldeck::actions {

// What came of sending a plan.
struct SendOutcome
{
    enum class Kind { Applied, Conflict, Failed, Unknown };
    Kind kind = Kind::Failed;
    QJsonObject object; // the object after the last accepted request
    std::optional<kube::KubeError> error;
    QStringList sent;     // "PATCH <path>" per request that left
    bool partial = false; // an earlier request of the plan was applied before this one failed
};

// The evidence an action leaves on the cluster (docs/actions.md): an Event and an annotation.
struct Evidence
{
    QString verb;
    QString actor;
    QString reason;
    QString time; // RFC 3339 UTC ms, the result record's
    QByteArray recordHash;
    QString outcome;
};

// A way to reach the cluster with an action. The service does policy, the decision-state check and the audit
// record; a route reads, plans, checks permission, sends and leaves evidence. ClusterRoute talks to the Kubernetes
// API; an Argo CD route (resource actions) is a second implementation.
class ActionRoute
{
public:
    virtual ~ActionRoute() = default;

    virtual QString name() const = 0;   // "cluster", "argocd"
    virtual QString server() const = 0; // the API server's URL, for the record

    virtual void identity(QObject *context, std::function<void(const kube::Identity &)> done) = 0;
    virtual void read(const ActionTarget &target, QObject *context,
                      std::function<void(const kube::KubeResponse &)> done) = 0;
    // The requests `request` needs against `fresh`, the object as just read (may read more: ReplicaSets, a
    // workloadRef target).
    virtual void plan(const ActionRequest &request, const QJsonObject &fresh, QObject *context,
                      std::function<void(Result<ActionPlan>)> done) = 0;
    // The first permission the plan needs and the caller lacks ("patch rollouts/status in namespace prod"), or an
    // empty string when all are granted (or cannot be checked: the server will decide).
    virtual void missingPermission(const ActionTarget &target, const ActionPlan &plan, QObject *context,
                                   std::function<void(const QString &)> done) = 0;
    // Sends the plan with `resourceVersion` as the precondition of its first request on the rollout.
    virtual void send(const ActionPlan &plan, const QString &resourceVersion, QObject *context,
                      std::function<void(const SendOutcome &)> done) = 0;
    // Posts the Event and the last-action annotation; `done` gets what could not be posted.
    virtual void postEvidence(const ActionTarget &target, const QJsonObject &object, const Evidence &evidence,
                              QObject *context, std::function<void(const QStringList &)> done) = 0;
};

} // namespace rolldeck::actions
