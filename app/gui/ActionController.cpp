#include "ActionController.h"

#include "console/Connections.h"
#include "kube/AccessReview.h"
#include "kube/ClusterConnection.h"
#include "models/argo/ActionRules.h"
#include "models/argo/RolloutInfo.h"
#include "models/itemmodels/RolloutDetailModel.h"
#include "models/stats/Experiment.h"
#include "ui/ConfirmActionDialog.h"
#include "ui/MainWindow.h"
#include "ui/RolloutDetailPanel.h"
#include "ui/TrafficSlider.h"

#include <QStatusBar>

#include <cmath>
#include <utility>

namespace rolldeck {

using actions::ActionRequest;
using actions::ActionResult;
using actions::Verb;

namespace {

ActionKind actionKind(const ActionRequest &request)
{
    switch (request.verb) {
    case Verb::Promote:
        return request.options.full ? ActionKind::PromoteFull : ActionKind::Promote;
    case Verb::Abort:
        return ActionKind::Abort;
    case Verb::Retry:
        return ActionKind::Retry;
    case Verb::Undo:
        return ActionKind::Undo;
    case Verb::Restart:
        return ActionKind::Restart;
    case Verb::Pause:
        return ActionKind::Pause;
    case Verb::Skip:
        return ActionKind::Promote;
    case Verb::SetSplit:
        break; // not an action on a rollout
    }
    return ActionKind::Restart;
}

} // namespace

ActionController::ActionController(MainWindow *window, Connections *live, RolloutDetailModel *detail,
                                   audit::AuditLog::Options log, QObject *parent)
    : QObject(parent), m_window(window), m_live(live), m_detail(detail), m_log(std::move(log)), m_service(&m_log)
{
    connect(detail, &RolloutDetailModel::summaryChanged, this, &ActionController::checkPermissions);
    connect(detail, &RolloutDetailModel::summaryChanged, this, &ActionController::continueToStep);
    connect(detail, &RolloutDetailModel::summaryChanged, this, &ActionController::askPending);
    m_service.setPolicy([this](const QString &c, const QString &ns) { return m_live->scope().policyFor(c, ns); },
                        [this](const QString &c, const QString &ns) { return m_live->scope().environmentFor(c, ns); });
}

ActionController::~ActionController() = default;

void ActionController::checkPermissions()
{
    kube::ClusterConnection *connection = m_live->connection(m_detail->cluster());
    const QString key = m_detail->cluster() + u'/' + m_detail->namespaceName() + u'/' + m_detail->name() + u'@' +
                        QString::number(quintptr(connection), 16);
    if (key == m_permissionsFor || !m_window)
        return;
    m_window->detailPanel()->setActionPermissions({});
    if (!connection || !m_detail->info()) {
        m_permissionsFor.clear(); // asked again once the rollout is shown
        return;
    }
    m_permissionsFor = key;
    // The requests each action sends (RolloutPlan): promote, abort and retry patch the status subresource; pause,
    // restart and undo the rollout itself. The same questions the action service asks, so they share the cache.
    kube::AccessQuery status{QStringLiteral("patch"),  QStringLiteral("argoproj.io"), QStringLiteral("rollouts"),
                             QStringLiteral("status"), m_detail->namespaceName(),     m_detail->name()};
    kube::AccessQuery spec = status;
    spec.subresource.clear();
    struct Answers
    {
        std::optional<kube::AccessDecision> status, spec;
    };
    auto answers = std::make_shared<Answers>();
    auto apply = [this, key, answers, ns = m_detail->namespaceName()] {
        if (!answers->status || !answers->spec || key != m_permissionsFor || !m_window)
            return;
        // A review that failed says nothing: the service asks again before sending.
        const bool statusDenied = answers->status->known() && !answers->status->allowed;
        const bool specDenied = answers->spec->known() && !answers->spec->allowed;
        auto why = [&](const QString &resource) {
            return statusDenied && specDenied ? tr("read-only context: no patch on %1").arg(resource)
                                              : tr("not permitted: no patch on %1 in namespace %2").arg(resource, ns);
        };
        QHash<ActionKind, QString> denied;
        if (statusDenied) {
            for (ActionKind a : {ActionKind::Promote, ActionKind::PromoteFull, ActionKind::Abort, ActionKind::Retry})
                denied.insert(a, why(QStringLiteral("rollouts/status")));
        }
        if (specDenied) {
            for (ActionKind a : {ActionKind::Undo, ActionKind::Restart, ActionKind::Pause})
                denied.insert(a, why(QStringLiteral("rollouts")));
        }
        m_window->detailPanel()->setActionPermissions(denied);
    };
    connection->access()->check(status, this, [answers, apply](const kube::AccessDecision &d) {
        answers->status = d;
        apply();
    });
    connection->access()->check(spec, this, [answers, apply](const kube::AccessDecision &d) {
        answers->spec = d;
        apply();
    });
}

void ActionController::request(const QString &verbName, bool full, int toRevision)
{
    const std::optional<Verb> verb = actions::verbFromName(verbName);
    if (!verb || !m_detail->info())
        return;
    ActionRequest request;
    request.verb = *verb;
    request.target = {m_detail->cluster(), m_detail->namespaceName(), m_detail->name()};
    request.options.full = full;
    request.options.toRevision = toRevision;
    request.seen = m_detail->info()->decision; // what is on screen now
    confirm(std::move(request), {});
}

void ActionController::requestStop(const TrafficStop &stop)
{
    switch (stop.kind) {
    case TrafficStop::Kind::Abort:
        request(QStringLiteral("abort"), false, 0);
        return;
    case TrafficStop::Kind::End:
        request(QStringLiteral("promote"), true, 0);
        return;
    case TrafficStop::Kind::Step:
        break;
    }
    if (!m_detail->info())
        return;
    ActionRequest request;
    request.verb = Verb::Promote;
    request.target = {m_detail->cluster(), m_detail->namespaceName(), m_detail->name()};
    request.seen = m_detail->info()->decision;
    confirm(std::move(request), {}, stop.step);
}

void ActionController::requestFor(const QString &cluster, const QString &namespaceName, const QString &name,
                                  const QString &verb)
{
    m_pending = Pending{cluster, namespaceName, name, verb};
    askPending();
}

void ActionController::askPending()
{
    if (!m_pending)
        return;
    if (m_detail->cluster() != m_pending->cluster || m_detail->namespaceName() != m_pending->ns ||
        m_detail->name() != m_pending->name) {
        if (!m_detail->name().isEmpty() && m_detail->availability() == RolloutDetailModel::Availability::Ready)
            m_pending.reset(); // another rollout was opened meanwhile
        return;
    }
    if (m_detail->availability() == RolloutDetailModel::Availability::NotFound) {
        m_pending.reset();
        return;
    }
    if (!m_detail->info() || m_detail->isStale())
        return;
    const QString verb = std::exchange(m_pending, std::nullopt)->verb;
    request(verb, false, 0);
}

void ActionController::requestSplit(const stats::ExperimentRoute &route, const QList<int> &weights)
{
    if (!m_window || route.virtualService.isEmpty() || weights.size() != route.variants.size())
        return;
    ActionRequest request;
    request.verb = Verb::SetSplit;
    request.target = {route.context, route.ns, route.virtualService, QStringLiteral("VirtualService")};
    request.options.httpRoute = route.httpRoute;
    SplitState seen;
    seen.resourceVersion = route.resourceVersion;
    seen.httpRoute = route.httpRoute;
    QStringList moves;
    for (int i = 0; i < route.variants.size(); ++i) {
        const stats::ExperimentVariantRoute &v = route.variants.at(i);
        seen.destinations.append({v.host, v.subset, int(std::lround(v.weight))});
        request.options.split.append({v.host, v.subset, weights.at(i)});
        moves << tr("%1 %2 % → %3 %").arg(v.name).arg(std::lround(v.weight)).arg(weights.at(i));
    }
    request.seenSplit = seen;
    const EnvironmentPolicy policy = m_live->scope().policyFor(route.context, route.ns);
    if (!policy.allows(actions::verbName(request.verb))) {
        m_window->showProblem(tr("%1 is not allowed in %2 by the workspace's policy.")
                                  .arg(actions::verbName(request.verb), environmentOf(request.target)));
        return;
    }
    ActionConfirmation c;
    c.statement = tr("Set the split of %1 in %2: %3")
                      .arg(route.virtualService, environmentOf(request.target), moves.join(QStringLiteral(", ")));
    c.decision = seen.summary();
    c.rolloutName = route.virtualService;
    c.reasonRequired = policy.reasonRequired;
    c.typeToConfirm = policy.typeToConfirm;
    auto *dialog = new ConfirmActionDialog(c, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, request]() mutable {
        request.reason = dialog->reason();
        request.typedName = dialog->typedName();
        actions::ActionRoute *route = routeFor(request.target.context);
        if (!route) {
            m_window->showProblem(tr("Not connected to %1: nothing was sent.").arg(request.target.context));
            return;
        }
        const std::shared_ptr<Route> keep = m_routes.value(request.target.context);
        m_window->statusBar()->showMessage(tr("set the split of %1: sending…").arg(request.target.name));
        m_service.submit(request, route, this,
                         [this, request, keep](const ActionResult &result) { reportSplit(request, result); });
    });
    dialog->open();
    emit confirmationShown(dialog);
}

void ActionController::reportSplit(const ActionRequest &request, const ActionResult &result)
{
    emit finished(result);
    if (!m_window)
        return;
    const QString name = request.target.name;
    switch (result.outcome) {
    case ActionResult::Outcome::Applied:
        m_window->statusBar()->showMessage(
            result.noop ? tr("Split of %1: nothing to change (%2)").arg(name, result.message)
                        : tr("Split of %1 set: %2")
                              .arg(name, result.splitAfter ? result.splitAfter->weightsText() : QString()));
        return;
    case ActionResult::Outcome::Refused:
        if (result.refusal == ActionResult::Refusal::ChangedState) {
            m_window->showProblem(tr("Split of %1 not sent: the route changed since it was shown (%2). Look at the "
                                     "split as it is now and edit it again.")
                                      .arg(name, result.changes.join(QStringLiteral(", "))));
            return;
        }
        m_window->showProblem(tr("Split of %1 refused (%2): %3").arg(name, result.refusalName(), result.message));
        return;
    case ActionResult::Outcome::Failed:
        m_window->showProblem(tr("Split of %1 failed (HTTP %2): %3")
                                  .arg(name)
                                  .arg(result.httpStatus)
                                  .arg(result.serverMessage.isEmpty() ? result.message : result.serverMessage));
        return;
    case ActionResult::Outcome::Unknown:
        m_window->showProblem(tr("Split of %1: OUTCOME UNKNOWN: the request may or may not have reached the cluster "
                                 "(%2). Check the route, then acknowledge it with `rolldeck audit ack`.")
                                  .arg(name, result.message));
        return;
    }
}

void ActionController::endStepChain(const QString &problem)
{
    m_chain.reset();
    if (m_window && !problem.isEmpty())
        m_window->showProblem(problem);
}

// After each applied promote of a promote to a step: once the controller has moved past the step it was promoted
// at and paused again short of the target, promote once more on the state as it is now.
void ActionController::continueToStep()
{
    if (!m_chain || m_chain->inFlight || !m_window)
        return;
    StepChain &chain = *m_chain;
    const QString what = tr("promote %1 to step %2").arg(chain.target.name).arg(chain.toStep);
    if (m_detail->cluster() != chain.target.context || m_detail->namespaceName() != chain.target.ns ||
        m_detail->name() != chain.target.name)
        return endStepChain(
            tr("%1: stopped after %n promote(s): another rollout was opened.", "", chain.sent).arg(what));
    if (!m_detail->info())
        return;
    const RolloutInfo &info = *m_detail->info();
    const int step = info.currentStepIndex.value_or(0);
    if (info.aborted || info.status == QLatin1String("Degraded"))
        return endStepChain(tr("%1: stopped after %n promote(s): the rollout is %2.", "", chain.sent)
                                .arg(what, info.aborted ? tr("aborted") : info.status));
    if (step >= chain.toStep) {
        m_window->statusBar()->showMessage(
            tr("%1: reached (weight %2 %) after %n promote(s)", "", chain.sent).arg(what).arg(info.setWeight));
        m_chain.reset();
        return;
    }
    if (!info.paused || step <= chain.promotedAt || m_detail->isStale())
        return; // the controller is on its way (or the view is not current): wait for the next pause
    ActionRequest request;
    request.verb = Verb::Promote;
    request.target = chain.target;
    request.seen = info.decision;
    request.reason = chain.reason;
    request.typedName = chain.typedName;
    chain.inFlight = true;
    submit(request);
}

QString ActionController::environmentOf(const actions::ActionTarget &target) const
{
    const QString environment = m_live->scope().environmentFor(target.context, target.ns);
    return environment.isEmpty() ? target.context : environment;
}

QString ActionController::statement(const ActionRequest &request, const RolloutInfo &info, int toStep) const
{
    const QString name = request.target.name;
    const QString env = environmentOf(request.target);
    switch (request.verb) {
    case Verb::Promote: {
        if (request.options.full)
            return tr("Fully promote %1 in %2: skip the remaining steps, pauses and analyses").arg(name, env);
        if (!info.isCanary())
            return tr("Promote %1 in %2: the preview (revision %3) becomes active").arg(name, env).arg(info.revision);
        // The step and weight decided on (after a change: the fresh ones); the steps themselves are the spec's.
        const int from = request.seen.step.value_or(0);
        const int weight = request.seen.setWeight.value_or(info.setWeight);
        const int count = int(info.timeline.steps.size());
        if (toStep > from && toStep < count) {
            // Each pause on the way takes its own promote.
            int promotes = 1;
            for (int i = from + 1; i < toStep; ++i)
                promotes += info.timeline.steps.at(i).kind == TimelineStep::Kind::Pause ? 1 : 0;
            const QString move = tr("Promote %1 in %2 from step %3/%4 (%5 %) to step %6 (%7 %)")
                                     .arg(name, env)
                                     .arg(from)
                                     .arg(count)
                                     .arg(weight)
                                     .arg(toStep)
                                     .arg(info.timeline.steps.at(toStep).weight);
            if (promotes == 1)
                return move;
            return tr("%1: %2 promotes, each sent when the controller pauses on the way and recorded on its own")
                .arg(move)
                .arg(promotes);
        }
        if (count == 0 || from + 1 >= count)
            return tr("Promote %1 in %2 from step %3/%4 (%5 %) to the end (100 %)")
                .arg(name, env)
                .arg(from)
                .arg(count)
                .arg(weight);
        return tr("Promote %1 in %2 from step %3/%4 (%5 %) to step %6 (%7 %)")
            .arg(name, env)
            .arg(from)
            .arg(count)
            .arg(weight)
            .arg(from + 1)
            .arg(info.timeline.steps.at(from + 1).weight);
    }
    case Verb::Abort:
        return tr("Abort the update of %1 in %2: all traffic goes back to the stable version").arg(name, env);
    case Verb::Retry:
        return tr("Retry the aborted update of %1 in %2 from its first step").arg(name, env);
    case Verb::Undo:
        return tr("Roll %1 in %2 back to revision %3").arg(name, env).arg(request.options.toRevision);
    case Verb::Restart:
        return tr("Restart every pod of %1 in %2").arg(name, env);
    case Verb::Pause:
        return tr("Pause %1 in %2 where it is").arg(name, env);
    case Verb::Skip:
        return tr("Skip the current step of %1 in %2").arg(name, env);
    case Verb::SetSplit:
        break; // requestSplit() says it
    }
    return {};
}

void ActionController::confirm(ActionRequest request, const QStringList &changes, int toStep)
{
    if (!m_detail->info() || !m_window)
        return;
    const EnvironmentPolicy policy = m_live->scope().policyFor(request.target.context, request.target.ns);
    if (!policy.allows(actions::verbName(request.verb))) {
        m_window->showProblem(tr("%1 is not allowed in %2 by the workspace's policy.")
                                  .arg(actions::verbName(request.verb), environmentOf(request.target)));
        return;
    }
    ActionConfirmation c;
    c.statement = statement(request, *m_detail->info(), toStep);
    c.decision = request.seen.summary();
    c.rolloutName = request.target.name;
    c.reasonRequired = policy.reasonRequired;
    c.typeToConfirm = policy.typeToConfirm;
    c.destructive = request.verb == Verb::Abort || request.verb == Verb::Undo;
    c.changes = changes;
    c.reason = request.reason;
    auto *dialog = new ConfirmActionDialog(c, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, request, toStep]() mutable {
        request.reason = dialog->reason();
        request.typedName = dialog->typedName();
        if (toStep >= 0 && m_detail->info())
            m_chain = StepChain{request.target,
                                toStep,
                                m_detail->info()->timeline.steps.value(toStep).weight,
                                request.reason,
                                request.typedName,
                                -1,
                                0,
                                true};
        submit(request);
    });
    dialog->open();
    emit confirmationShown(dialog);
}

actions::ActionRoute *ActionController::routeFor(const QString &context)
{
    kube::ClusterConnection *connection = m_live->connection(context);
    if (!connection)
        return nullptr;
    std::shared_ptr<Route> &route = m_routes[context];
    if (!route || route->connection != connection) {
        // A submission in flight keeps its route alive through the shared pointer it holds.
        route = std::make_shared<Route>();
        route->connection = connection;
        route->route = std::make_unique<actions::ClusterRoute>(connection);
    }
    return route->route.get();
}

void ActionController::submit(const ActionRequest &request)
{
    actions::ActionRoute *route = routeFor(request.target.context);
    const QString environmentName = m_live->scope().environmentFor(request.target.context, request.target.ns);
    actions::ActionRoute *argo = m_argoCdRoute ? m_argoCdRoute(environmentName) : nullptr;
    const Environment *environment = m_live->scope().workspace().environment(environmentName);
    actions::ActionRoute *fallback = argo;
    if (!argo && environment && environment->route == ActionRouteChoice::ArgoCd && environment->argocd) {
        // Not the cluster, and never another Argo CD server: the environment's own one, or nothing.
        m_window->showProblem(tr("%1 acts through Argo CD at %2, which is not connected: nothing was sent.")
                                  .arg(environmentName, environment->argocd->server.toString()));
        return;
    }
    if (argo && environment && environment->route == ActionRouteChoice::ArgoCd) {
        route = argo; // the workspace sends this environment's actions through Argo CD
        fallback = nullptr;
    }
    if (!route) {
        m_window->showProblem(tr("Not connected to %1: nothing was sent.").arg(request.target.context));
        return;
    }
    const std::shared_ptr<Route> keep = m_routes.value(request.target.context);
    m_window->detailPanel()->setActionBlock(tr("An action on this rollout is in flight."));
    m_window->statusBar()->showMessage(tr("%1 %2: sending…").arg(actions::verbName(request.verb), request.target.name));
    m_service.submit(request, route, fallback, this, [this, request, keep](const ActionResult &result) {
        if (m_window)
            m_window->detailPanel()->setActionBlock({});
        report(request, result);
    });
}

void ActionController::report(const ActionRequest &request, const ActionResult &result)
{
    emit finished(result);
    if (!m_window)
        return;
    const QString what = actions::verbName(request.verb) + QLatin1Char(' ') + request.target.name;
    if (m_chain && request.verb == Verb::Promote && request.target.key() == m_chain->target.key()) {
        m_chain->inFlight = false;
        if (result.applied() && !result.noop) {
            ++m_chain->sent;
            m_chain->promotedAt = request.seen.step.value_or(0);
            m_window->statusBar()->showMessage(
                tr("promote %1 to step %2: promote %3 applied, waiting for the controller")
                    .arg(request.target.name)
                    .arg(m_chain->toStep)
                    .arg(m_chain->sent));
            continueToStep();
            return;
        }
        const bool first = m_chain->sent == 0;
        m_chain.reset();
        // A later promote of the chain is not asked again: the person decided on the start, not on this state.
        if (!first && result.outcome == ActionResult::Outcome::Refused) {
            m_window->showProblem(tr("%1: the promote to the chosen step stopped: %2").arg(what, result.message));
            return;
        }
    }
    switch (result.outcome) {
    case ActionResult::Outcome::Applied: {
        const QStringList changed = result.after ? result.before.changesTo(*result.after) : QStringList();
        m_window->statusBar()->showMessage(
            result.noop ? tr("%1: nothing to change (%2)").arg(what, result.message)
                        : tr("%1: applied%2")
                              .arg(what, changed.isEmpty() ? QString()
                                                           : QStringLiteral(" (") + changed.join(QStringLiteral(", ")) +
                                                                 QLatin1Char(')')));
        return;
    }
    case ActionResult::Outcome::Refused:
        if (result.refusal == ActionResult::Refusal::ChangedState) {
            if (!actionStillApplies(actionKind(request), result.before)) {
                m_window->showProblem(tr("%1: not sent: the rollout changed (%2) and the action no longer applies.")
                                          .arg(what, result.changes.join(QStringLiteral(", "))));
                return;
            }
            ActionRequest again = request;
            again.seen = result.before; // decide again on the state as it is now
            again.typedName.clear();
            confirm(again, result.changes);
            return;
        }
        m_window->showProblem(tr("%1: refused (%2): %3").arg(what, result.refusalName(), result.message));
        return;
    case ActionResult::Outcome::Failed:
        m_window->showProblem(tr("%1: failed (HTTP %2): %3")
                                  .arg(what)
                                  .arg(result.httpStatus)
                                  .arg(result.serverMessage.isEmpty() ? result.message : result.serverMessage));
        return;
    case ActionResult::Outcome::Unknown:
        m_window->showProblem(tr("%1: OUTCOME UNKNOWN: the request may or may not have reached the cluster (%2). "
                                 "Check the rollout, then acknowledge it with `rolldeck audit ack`.")
                                  .arg(what, result.message));
        return;
    }
}

} // namespace rolldeck
