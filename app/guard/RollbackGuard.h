#pragma once

#include "actions/ActionTypes.h"
#include "prometheus/PrometheusClient.h"
#include "secrets/WorkspaceSecrets.h"
#include "workspace/WorkspaceScope.h"
#include "models/guard/GuardStatusModel.h"
#include "models/guard/TriggerState.h"
#include "models/itemmodels/AttentionAlerts.h"
#include "models/itemmodels/RolloutRow.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace rolldeck {
class RolloutListModel;
} // namespace rolldeck

namespace rolldeck::actions {
class ActionRoute;
class ActionService;
} // namespace rolldeck::actions

namespace rolldeck::guard {

// The rollback guard (docs/guard.md): evaluates the rollback triggers of each environment on every rollout there
// that is updating, with instant queries to the environment's Prometheus, keeps each trigger's for:-duration state
// (TriggerState), and when one fires notifies (attention queue note, alert()) and, only where the policy
// guardMayAutoAbort allows it, aborts the rollout through the action service as actor `guard`, once per breach
// episode. Never acts on a stale cluster or on a failed or empty query. GUI thread; queries are asynchronous.
class RollbackGuard : public QObject
{
    Q_OBJECT
public:
    using ScopeSource = std::function<const WorkspaceScope &()>;
    using EndpointFor = std::function<std::optional<prom::PromEndpoint>(const QString &environment)>;
    using RouteFor = std::function<actions::ActionRoute *(const QString &context)>;
    using Clock = std::function<QDateTime()>;

    explicit RollbackGuard(RolloutListModel *rollouts, QObject *parent = nullptr);
    ~RollbackGuard() override;

    // The workspace's environments (triggers and policy), read at every evaluation.
    void setScope(ScopeSource scope) { m_scope = std::move(scope); }
    // Where each environment's Prometheus is (the workspace's, or the demo's).
    void setEndpoints(EndpointFor endpoints);
    void setSecrets(WorkspaceSecrets *secrets) { m_secrets = secrets; }
    // How the guard aborts; without it (or without a route for the context) it only notifies.
    void setActions(actions::ActionService *service, RouteFor routes);
    void setInterval(std::chrono::milliseconds interval);
    void setClock(Clock clock) { m_clock = std::move(clock); }

    void start();
    void stop();
    // One evaluation now (the timer calls it).
    void evaluate();

    GuardStatusModel *model() { return &m_model; }

signals:
    // A trigger fired on a rollout (once per breach episode): for a desktop notification.
    void alert(const rolldeck::AttentionAlert &alert);
    // The guard's abort ended: applied, refused, failed or outcome unknown (or was not sent: message says why).
    void abortFinished(const QString &rolloutKey, const QString &outcome, const QString &message);

private:
    struct Watched;

    QDateTime now() const { return m_clock ? m_clock() : QDateTime::currentDateTimeUtc(); }
    prom::PrometheusClient *clientFor(const QString &environment);
    void watch(const RolloutRow &row, const Environment &environment, const EnvironmentPolicy &policy);
    void drop(const QString &key);
    void query(Watched &w, int trigger);
    void onValue(const QString &key, int trigger, const prom::PromReply<prom::QueryData> &reply);
    void observe(Watched &w, int trigger, const Observation &observation);
    void publish(const Watched &w, int trigger);
    void updateNote(const Watched &w);
    void abort(Watched &w, int trigger);
    void setAction(const QString &key, const QString &action);

    QPointer<RolloutListModel> m_rollouts;
    ScopeSource m_scope;
    EndpointFor m_endpoints;
    QPointer<WorkspaceSecrets> m_secrets;
    QPointer<actions::ActionService> m_service;
    RouteFor m_routes;
    Clock m_clock;
    QTimer m_timer{this};
    GuardStatusModel m_model;
    std::map<QString, std::unique_ptr<prom::PrometheusClient>> m_clients; // per environment
    std::map<QString, std::unique_ptr<Watched>> m_watched;                // per rollout key "cluster/ns/name"
};

} // namespace rolldeck::guard
