#pragma once

#include "actions/ActionService.h"
#include "actions/ClusterRoute.h"
#include "audit/AuditLog.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

namespace rolldeck {

namespace stats {
struct ExperimentRoute;
}

class Connections;
class ConfirmActionDialog;
class MainWindow;
class RolloutDetailModel;
struct TrafficStop;
struct RolloutInfo;

// The console's actions (docs/actions.md): the detail's intents, confirmed per the environment's policy, run
// through the action service on the cluster route of the rollout's context; the outcome goes to the status bar and
// the audit log. A changed decision state asks again, showing what changed.
class ActionController : public QObject
{
    Q_OBJECT
public:
    ActionController(MainWindow *window, Connections *live, RolloutDetailModel *detail,
                     audit::AuditLog::Options log = {}, QObject *parent = nullptr);
    ~ActionController() override;

    // Where the actions are recorded.
    QString auditDirectory() const { return m_log.directory(); }
    // The action service and the route to a context, for the rollback guard's aborts: the same audit log and the
    // same in-flight check as the person's actions.
    actions::ActionService *service() { return &m_service; }
    audit::AuditLog *auditLog() { return &m_log; }
    // The Argo CD route (null while there is none): the route of environments with `route: argocd`, and the fallback
    // of the cluster route when the person's cluster identity lacks a permission (docs/actions.md "Routes").
    // The Argo CD route for a rollout of this environment (its environment's Argo CD server's, never another's).
    void setArgoCdRoute(std::function<actions::ActionRoute *(const QString &environment)> route)
    {
        m_argoCdRoute = std::move(route);
    }
    actions::ActionRoute *route(const QString &context) { return routeFor(context); }
    // An intent from the action bar, about the rollout the detail shows.
    void request(const QString &verb, bool full, int toRevision);
    // An intent from the traffic slider: abort, promote fully, or promote to a step. Argo Rollouts has no "promote
    // to step N": a step further than one promote goes is reached by promoting again each time the controller
    // pauses on the way, every promote recorded on its own, stopping on anything unexpected (docs/console.md).
    void requestStop(const rolldeck::TrafficStop &stop);
    // An intent about a rollout that may not be open yet (the command palette): asked once its detail is shown.
    void requestFor(const QString &cluster, const QString &namespaceName, const QString &name, const QString &verb);
    // An intent from the Experiments view: the new weights (in the order of route.variants) of an A/B test's route,
    // which no Rollout manages (DESIGN.md decision 4, the free slider). Confirmed per policy, sent as setSplit with
    // the route's resourceVersion as shown; a route edited meanwhile is refused and said so.
    void requestSplit(const rolldeck::stats::ExperimentRoute &route, const QList<int> &weights);

signals:
    // A confirmation is on screen (tests drive it).
    void confirmationShown(rolldeck::ConfirmActionDialog *dialog);
    // The action ended: applied, refused, failed or outcome unknown.
    void finished(const rolldeck::actions::ActionResult &result);

private:
    // Asks the cluster (SelfSubjectAccessReview, cached) which actions the person may take on the open rollout, so
    // the action bar disables the others with the reason before anyone tries.
    void checkPermissions();
    // `toStep` >= 0: the promote is the first of a promote to that step (index) from the slider.
    void confirm(actions::ActionRequest request, const QStringList &changes, int toStep = -1);
    void continueToStep();
    void askPending();
    void endStepChain(const QString &problem);
    void submit(const actions::ActionRequest &request);
    void reportSplit(const actions::ActionRequest &request, const actions::ActionResult &result);
    void report(const actions::ActionRequest &request, const actions::ActionResult &result);
    actions::ActionRoute *routeFor(const QString &context);
    QString statement(const actions::ActionRequest &request, const RolloutInfo &info, int toStep = -1) const;
    QString environmentOf(const actions::ActionTarget &target) const;

    QPointer<MainWindow> m_window;
    Connections *m_live;
    RolloutDetailModel *m_detail;
    audit::AuditLog m_log;
    actions::ActionService m_service;
    struct Route
    {
        QPointer<QObject> connection;
        std::unique_ptr<actions::ClusterRoute> route;
    };
    QHash<QString, std::shared_ptr<Route>> m_routes;
    std::function<actions::ActionRoute *(const QString &environment)> m_argoCdRoute;
    QString m_permissionsFor;
    // A promote to a step from the slider, under way: promoted again each time the controller pauses short of it.
    struct StepChain
    {
        actions::ActionTarget target;
        int toStep = 0;
        int weight = 0;
        QString reason;
        QString typedName;
        int promotedAt = -1; // the step the last promote was sent at (-1: none applied yet)
        int sent = 0;
        bool inFlight = false;
    };
    std::optional<StepChain> m_chain;
    struct Pending
    {
        QString cluster, ns, name, verb;
    };
    std::optional<Pending> m_pending; // requestFor() waiting for its detail // the rollout (and connection) the action
                                      // bar's permissions were asked for
};

} // namespace rolldeck
