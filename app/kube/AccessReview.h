#pragma once

#include "kube/KubeError.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>
#include <optional>

namespace rolldeck::kube {

class ClusterConnection;

// "May I <verb> <resource>/<subresource> in <namespace>?"
struct AccessQuery
{
    QString verb;        // "patch", "list", "create"
    QString group;       // "argoproj.io", "" for core
    QString resource;    // "rollouts"
    QString subresource; // "status", ""
    QString ns;          // "" for all namespaces / cluster scope
    QString name;        // optional

    QString key() const;
};

struct AccessDecision
{
    bool allowed = false;
    bool denied = false;            // explicitly denied by an authorizer
    QString reason;                 // the authorizer's reason or evaluation error, if any
    std::optional<KubeError> error; // the review itself failed (the answer is unknown, allowed is false)

    bool known() const { return !error.has_value(); }
};

// Who the cluster thinks we are.
struct Identity
{
    enum class Source { SelfSubjectReview, Kubeconfig, ArgoCdSession }; // ArgoCdSession: Argo CD's userinfo
    QString username;
    QStringList groups;
    Source source = Source::Kubeconfig;
};

// SelfSubjectAccessReview checks (POST authorization.k8s.io/v1, JSON), cached per verb/resource/subresource/
// namespace/name for `ttlSeconds` so the UI can disable an action with the reason before the user tries it.
// Concurrent identical checks share one request. Identity through SelfSubjectReview (authentication.k8s.io/v1)
// where the server has it, else the kubeconfig user name. GUI thread.
class AccessReview : public QObject
{
    Q_OBJECT
public:
    using DecisionCallback = std::function<void(const AccessDecision &)>;
    using IdentityCallback = std::function<void(const Identity &)>;

    AccessReview(ClusterConnection *connection, QObject *parent);

    void check(const AccessQuery &query, QObject *context, DecisionCallback done);
    std::optional<AccessDecision> cached(const AccessQuery &query) const;
    void identity(QObject *context, IdentityCallback done);
    void clear();
    void setTtlSeconds(int seconds) { m_ttlSeconds = seconds; }
    int requestsSent() const { return m_requests; }

signals:
    void decided(const QString &key, const rolldeck::kube::AccessDecision &decision);

private:
    struct Entry
    {
        AccessDecision decision;
        QDateTime at;
    };
    struct Waiter
    {
        QPointer<QObject> context;
        DecisionCallback done;
    };

    ClusterConnection *m_connection;
    QHash<QString, Entry> m_cache;
    QHash<QString, QList<Waiter>> m_waiting;
    std::optional<Identity> m_identity;
    QList<std::pair<QPointer<QObject>, IdentityCallback>> m_identityWaiters;
    int m_ttlSeconds = 300;
    int m_requests = 0;
};

} // namespace rolldeck::kube
