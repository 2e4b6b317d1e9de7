#pragma once

#include "actions/ApplicationOperations.h"
#include "actions/ArgoCdRoute.h"
#include "argocd/ArgoCdClient.h"
#include "models/argocd/ApplicationModel.h"
#include "models/argocd/EnvironmentMatrixModel.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

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

// The console's Argo CD (docs/argocd.md): one Argo CD server (the demo's, or the workspace's), its applications live
// from the stream into the applications view and the environments matrix, their operations (sync, rollback,
// terminate, auto-sync off) confirmed per the environment's policy and run through ApplicationOperations (audited),
// and the Argo CD route of the action service for Rollout actions.
class ArgoCdController : public QObject
{
    Q_OBJECT
public:
    ArgoCdController(MainWindow *window, Connections *live, RolloutListModel *rollouts, audit::AuditLog *log,
                     QObject *parent = nullptr);
    ~ArgoCdController() override;

    // Connects to Argo CD with this token (kept in memory only) and starts the live feed; `applications` limits it to
    // the workspace's applications (empty: all).
    void connectTo(const argocd::Endpoint &endpoint, const QByteArray &token, const QStringList &applications = {});
    bool isConnected() const { return m_client != nullptr; }
    // Lets go of the server (its connection was removed): no client, no feed, no applications shown.
    void disconnectServer();

    ApplicationModel *applications() { return &m_applications; }
    EnvironmentMatrixModel *matrix() { return &m_matrix; }
    argocd::ApplicationFeed *feed() const { return m_feed; }
    // The Argo CD route for Rollout actions (null until connected).
    actions::ActionRoute *route() { return m_route.get(); }

    ApplicationsView *showApplications(const QString &select = {});
    EnvironmentMatrixView *showMatrix();

signals:
    void confirmationShown(rolldeck::ConfirmActionDialog *dialog);
    void syncOptionsShown(rolldeck::SyncOptionsDialog *dialog);
    void diffShown(rolldeck::ResourceDiffDialog *dialog);
    void operationFinished(const rolldeck::actions::ApplicationOperationResult &result);

private:
    void confirm(actions::ApplicationOperation operation);
    void onSync(const QString &application);
    void onDiff(const QString &application);
    QString syncStatement(const actions::ApplicationOperation &operation) const;
    void onRollback(const QString &application, qint64 historyId);
    void onTerminate(const QString &application);
    void onAutoSyncOff(const QString &application);
    void report(const actions::ApplicationOperation &operation, const actions::ApplicationOperationResult &result);
    void refreshRollouts();
    QString environmentOf(const Application &app) const;
    std::optional<actions::ApplicationOperation> operationFor(const QString &application) const;

    QPointer<MainWindow> m_window;
    Connections *m_live;
    RolloutListModel *m_rollouts;
    audit::AuditLog *m_log;
    argocd::Client *m_client = nullptr;
    argocd::ApplicationFeed *m_feed = nullptr;
    std::unique_ptr<actions::ApplicationOperations> m_operations;
    std::unique_ptr<actions::ArgoCdRoute> m_route;
    ApplicationModel m_applications;
    EnvironmentMatrixModel m_matrix;
    QTimer m_rolloutRefresh; // coalesces rollout row changes into one matrix update
    QPointer<ApplicationsView> m_applicationsWindow;
    QPointer<EnvironmentMatrixView> m_matrixWindow;
};

} // namespace rolldeck
