#pragma once

#include "actions/ApplicationOperations.h"
#include "actions/ArgoCdRoute.h"
#include "argocd/ArgoCdClient.h"
#include "models/argocd/ApplicationModel.h"
#include "models/argocd/EnvironmentMatrixModel.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <map>
#include <memory>

namespace rolldeck {

class ApplicationsView;
class ConfirmActionDialog;
class Connections;
class EnvironmentMatrixView;
class MainWindow;
class ResourceDiffDialog;
class RolloutListModel;
class SyncOptionsDialog;
namespace argocd {
class ApplicationFeed;
}
namespace audit {
class AuditLog;
}

// The console's Argo CD (docs/argocd.md): every Argo CD server the workspace names (or the demo's), each with its own
// client, token, live feed and staleness; their applications together in the applications view and the environments
// matrix (an application is identified by server and name, Application::key()); their operations (sync, rollback,
// terminate, auto-sync off, diff) sent to the server the application came from, confirmed per the environment's
// policy and run through ApplicationOperations (audited); and per server the Argo CD route of the action service for
// Rollout actions.
class ArgoCdController : public QObject
{
    Q_OBJECT
public:
    ArgoCdController(MainWindow *window, Connections *live, RolloutListModel *rollouts, audit::AuditLog *log,
                     QObject *parent = nullptr);
    ~ArgoCdController() override;

    // Connects to the endpoint's server with this token (kept in memory only) and starts its live feed, replacing an
    // earlier connection to that server only; `applications` limits it to the workspace's applications (empty: all).
    void connectTo(const argocd::Endpoint &endpoint, const QByteArray &token, const QStringList &applications = {});
    bool isConnected() const { return !m_servers.empty(); }
    bool isConnected(const QUrl &server) const { return m_servers.count(serverKey(server)) > 0; }
    QList<QUrl> servers() const;
    // Lets go of one server (its connection was removed): its client, feed and applications go; the others stay.
    void disconnectServer(const QUrl &server);
    void disconnectAll();

    ApplicationModel *applications() { return &m_applications; }
    EnvironmentMatrixModel *matrix() { return &m_matrix; }
    // The server's live feed (null when not connected); without a server, the first server's.
    argocd::ApplicationFeed *feed(const QUrl &server = {}) const;
    // The Argo CD route for Rollout actions through this server (null when not connected).
    actions::ActionRoute *route(const QUrl &server) const;
    // The route for a rollout of this environment: its Argo CD server's, never another's; an environment that names
    // no Argo CD server gets the only server's when just one is connected (the demo's), else none.
    actions::ActionRoute *routeFor(const QString &environment) const;
    // What Application::server holds for this server's applications.
    static QString serverKey(const QUrl &server);

    ApplicationsView *showApplications(const QString &select = {});
    EnvironmentMatrixView *showMatrix();

signals:
    void confirmationShown(rolldeck::ConfirmActionDialog *dialog);
    void syncOptionsShown(rolldeck::SyncOptionsDialog *dialog);
    void diffShown(rolldeck::ResourceDiffDialog *dialog);
    void operationFinished(const rolldeck::actions::ApplicationOperationResult &result);

private:
    struct Server;
    Server *serverOf(const QString &key) const;
    void wireFeed(Server *server);
    void showStaleness();
    void confirm(actions::ApplicationOperation operation, const QString &server);
    void onSync(const QString &application);
    void onDiff(const QString &application);
    QString syncStatement(const actions::ApplicationOperation &operation, const QString &server) const;
    void onRollback(const QString &application, qint64 historyId);
    void onTerminate(const QString &application);
    void onAutoSyncOff(const QString &application);
    void report(const actions::ApplicationOperation &operation, const actions::ApplicationOperationResult &result);
    void refreshRollouts();
    QString environmentOf(const Application &app) const;
    QString workspaceEnvironmentOf(const Application &app) const;
    void updateMatrixApplications();
    std::optional<actions::ApplicationOperation> operationFor(const QString &application) const;

    QPointer<MainWindow> m_window;
    Connections *m_live;
    RolloutListModel *m_rollouts;
    audit::AuditLog *m_log;
    std::map<QString, std::unique_ptr<Server>> m_servers; // by serverKey()
    ApplicationModel m_applications;
    EnvironmentMatrixModel m_matrix;
    QTimer m_rolloutRefresh{this}; // coalesces rollout row changes into one matrix update
    QPointer<ApplicationsView> m_applicationsWindow;
    QPointer<EnvironmentMatrixView> m_matrixWindow;
};

} // namespace rolldeck
