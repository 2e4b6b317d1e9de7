#include "ActionController.h"

#include "console/Connections.h"
#include "kube/ClusterConnection.h"
#include "models/argo/ActionRules.h"
#include "models/argo/RolloutInfo.h"
#include "models/itemmodels/RolloutDetailModel.h"
#include "ui/ConfirmActionDialog.h"
#include "ui/MainWindow.h"
#include "ui/RolloutDetailPanel.h"

#include <QStatusBar>

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
    }
    return ActionKind::Restart;
}

} // namespace

ActionController::ActionController(MainWindow *window, Connections *live, RolloutDetailModel *detail,
                                   audit::AuditLog::Options log, QObject *parent)
    : QObject(parent), m_window(window), m_live(live), m_detail(detail), m_log(std::move(log)), m_service(&m_log)
{
    m_service.setPolicy([this](const QString &c, const QString &ns) { return m_live->scope().policyFor(c, ns); },
                        [this](const QString &c, const QString &ns) { return m_live->scope().environmentFor(c, ns); });
}

ActionController::~ActionController() = default;

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

QString ActionController::environmentOf(const actions::ActionTarget &target) const
{
    const QString environment = m_live->scope().environmentFor(target.context, target.ns);
    return environment.isEmpty() ? target.context : environment;
}

QString ActionController::statement(const ActionRequest &request, const RolloutInfo &info) const
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
        if (count == 0 || from + 1 >= count)
            return tr("Promote %1 in %2 from step %3/%4 (%5 %) to the end (100 %)")
                .arg(name, env)
                .arg(from + 1)
                .arg(count)
                .arg(weight);
        return tr("Promote %1 in %2 from step %3/%4 (%5 %) to step %6 (%7 %)")
            .arg(name, env)
            .arg(from + 1)
            .arg(count)
            .arg(weight)
            .arg(from + 2)
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
    }
    return {};
}

void ActionController::confirm(ActionRequest request, const QStringList &changes)
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
    c.statement = statement(request, *m_detail->info());
    c.decision = request.seen.summary();
    c.rolloutName = request.target.name;
    c.reasonRequired = policy.reasonRequired;
    c.typeToConfirm = policy.typeToConfirm;
    c.destructive = request.verb == Verb::Abort || request.verb == Verb::Undo;
    c.changes = changes;
    c.reason = request.reason;
    auto *dialog = new ConfirmActionDialog(c, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, request]() mutable {
        request.reason = dialog->reason();
        request.typedName = dialog->typedName();
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
    if (!route) {
        m_window->showProblem(tr("Not connected to %1: nothing was sent.").arg(request.target.context));
        return;
    }
    const std::shared_ptr<Route> keep = m_routes.value(request.target.context);
    m_window->detailPanel()->setActionBlock(tr("An action on this rollout is in flight."));
    m_window->statusBar()->showMessage(tr("%1 %2: sending…").arg(actions::verbName(request.verb), request.target.name));
    m_service.submit(request, route, this, [this, request, keep](const ActionResult &result) {
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
