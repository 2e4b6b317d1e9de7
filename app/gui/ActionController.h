#pragma once

#include "actions/ActionService.h"
#include "actions/ClusterRoute.h"
#include "audit/AuditLog.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <memory>

namespace rolldeck {

class Connections;
class ConfirmActionDialog;
class MainWindow;
class RolloutDetailModel;
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

    // An intent from the action bar, about the rollout the detail shows.
    void request(const QString &verb, bool full, int toRevision);

signals:
    // A confirmation is on screen (tests drive it).
    void confirmationShown(rolldeck::ConfirmActionDialog *dialog);
    // The action ended: applied, refused, failed or outcome unknown.
    void finished(const rolldeck::actions::ActionResult &result);

private:
    void confirm(actions::ActionRequest request, const QStringList &changes);
    void submit(const actions::ActionRequest &request);
    void report(const actions::ActionRequest &request, const actions::ActionResult &result);
    actions::ActionRoute *routeFor(const QString &context);
    QString statement(const actions::ActionRequest &request, const RolloutInfo &info) const;
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
};

} // namespace rolldeck
