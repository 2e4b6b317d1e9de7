#pragma once

#include "actions/ActionRoute.h"

#include <QPointer>

namespace rolldeck::kube {
class ClusterConnection;
}

namespace rolldeck::actions {

// Actions straight to the cluster's Kubernetes API, with the requests `kubectl argo rollouts` sends (status
// subresource first with the 404 fallback, merge and JSON patches), permission from the connection's
// SelfSubjectAccessReview cache, and evidence as a core/v1 Event plus the `rolldeck.io/last-action` annotation.
class ClusterRoute : public ActionRoute
{
public:
    explicit ClusterRoute(kube::ClusterConnection *connection);

    QString name() const override { return QStringLiteral("cluster"); }
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
    void postEvidence(const ActionTarget &target, const QJsonObject &object, const Evidence &evidence, QObject *context,
                      std::function<void(const QStringList &)> done) override;

    // The access question a PATCH of `path` asks ("patch" on group/resource/subresource in the namespace).
    static kube::AccessQuery accessFor(const QByteArray &verb, const QString &path);
    // Whether a failed request may have reached the server (the connection dropped or timed out after sending).
    static bool mayHaveArrived(const kube::KubeError &error);

private:
    void planUndo(const ActionRequest &request, const QJsonObject &fresh, QObject *context,
                  std::function<void(Result<ActionPlan>)> done);
    void sendPatch(const PlannedPatch &patch, const QString &resourceVersion, QObject *context,
                   std::function<void(const kube::KubeResponse &)> done);

    QPointer<kube::ClusterConnection> m_connection;
};

} // namespace rolldeck::actions
