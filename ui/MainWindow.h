#pragma once

#include <QMainWindow>
#include <QStringList>

#include "models/domain/WatchScope.h"

class QDockWidget;
class QLabel;
class QMenu;
class QStackedWidget;

namespace rolldeck {

class AttentionQueueModel;
class CommandPalette;
class HelpOverlay;
class PresenterBoard;
class AttentionQueueView;
class EnvironmentSidebar;
class EnvironmentSummaryModel;
class ExperimentsView;
class RolloutDetailModel;
class RolloutDetailPanel;
class RolloutListModel;
class RolloutsPanel;

// The console's main window. It shows item models and emits intents; it never opens a socket.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Switch between the "no clusters" state and the workspace view.
    void setHasClusters(bool hasClusters);
    bool hasClusters() const;

    // The rollouts of every cluster; owned by the caller (the composition root in app/).
    void setRolloutModel(RolloutListModel *model);
    RolloutsPanel *rolloutsPanel() const { return m_rollouts; }

    // The open rollout's detail, docked below the table; hidden until a row is opened. Owned by the caller.
    void setRolloutDetailModel(RolloutDetailModel *model);
    RolloutDetailPanel *detailPanel() const { return m_detail; }
    // Show the detail dock and ask for that rollout's detail (what opening a row does).
    void openRolloutDetail(const QString &cluster, const QString &namespaceName, const QString &name);
    QDockWidget *detailDock() const { return m_detailDock; }
    EnvironmentSidebar *environmentSidebar() const { return m_sidebar; }
    CommandPalette *commandPalette() const { return m_palette; }
    HelpOverlay *helpOverlay() const { return m_help; }
    // The A/B tests (View > Experiments, Ctrl+Shift+E, the palette): a dock beside the detail, hidden until asked
    // for. Feed it through ExperimentsView::setSnapshots(); its splitChangeRequested() is an intent for app/.
    ExperimentsView *experimentsView() const { return m_experiments; }
    QDockWidget *experimentsDock() const { return m_experimentsDock; }
    void showExperiments();

    // Presenter mode: the full-screen board of every environment (F5; Esc leaves). Returns the board.
    PresenterBoard *showPresenter(bool fullScreen = true);
    PresenterBoard *presenter() const { return m_presenter; }

    // The window's geometry, docks and the rollouts table's columns, kept in QSettings between runs. The
    // composition root calls these (tests leave the user's settings alone).
    void restoreLayout();
    void saveLayout() const;
    AttentionQueueView *attentionQueue() const { return m_attention; }

    // A lasting line in the status bar about where the console is connected (e.g. the demo cluster and
    // whether charts are available). Empty hides it.
    void setConnectionNotice(const QString &text);
    // A problem the user must see (a context that cannot connect, a demo cluster that did not start).
    void showProblem(const QString &text);
    // Problems with the workspace file ("file:line: message", one per entry), shown above the rollouts until
    // replaced; an empty list hides them.
    void showWorkspaceProblems(const QString &title, const QStringList &problems);
    QStringList workspaceProblems() const { return m_workspaceProblemList; }

    // What is watched: said under the rollouts and by their empty state; each cluster reachable through other
    // identities (contexts of the same server) gets them in the Clusters menu.
    void setWatchScope(const WatchScope &scope);
    QMenu *clustersMenu() const { return m_clustersMenu; }

signals:
    // The audit log's window was asked for (View menu, Ctrl+Shift+L).
    void auditLogRequested();
    // View > Deployment dashboard (Ctrl+Shift+D).
    // The Argo CD applications view and the environments matrix (docs/argocd.md).
    void argoCdApplicationsRequested();
    void environmentsMatrixRequested();
    // View › Connections: the settings page for Argo CD and Prometheus connections (app/ shows a ConnectionsDialog).
    void connectionsRequested();
    void deploymentDashboardRequested();
    // An action on a rollout chosen in the command palette (its detail is opened first): verb as the action bar's.
    void rolloutActionRequested(const QString &cluster, const QString &namespaceName, const QString &name,
                                const QString &verb);
    // Reach a cluster through this context instead (an alternative identity from the Clusters menu).
    void identityRequested(const QString &context);
    // Watch every namespace of every cluster (the empty state's fix).
    void watchAllNamespacesRequested();
    // A row was opened: the composition root starts watching that rollout's objects and fills the detail model.
    void rolloutDetailRequested(const QString &cluster, const QString &namespaceName, const QString &name);
    // The detail was closed: its watches can stop.
    void rolloutDetailClosed();

private:
    void onDetailVisibility(bool visible);
    void onEnvironmentChosen(const QString &key, bool isCluster);
    void createActions();
    void closeEvent(QCloseEvent *event) override;

    QStackedWidget *m_stack = nullptr;
    QWidget *m_emptyState = nullptr;
    RolloutsPanel *m_rollouts = nullptr;
    QLabel *m_connectionNotice = nullptr;
    QDockWidget *m_detailDock = nullptr;
    RolloutDetailPanel *m_detail = nullptr;
    QLabel *m_workspaceProblems = nullptr;
    QMenu *m_clustersMenu = nullptr;
    EnvironmentSummaryModel *m_environments = nullptr; // the sidebar's rows, over the rollout list
    AttentionQueueModel *m_queue = nullptr;            // the attention queue's rows, over the rollout list
    EnvironmentSidebar *m_sidebar = nullptr;
    QDockWidget *m_sidebarDock = nullptr;
    AttentionQueueView *m_attention = nullptr;
    CommandPalette *m_palette = nullptr;
    HelpOverlay *m_help = nullptr;
    PresenterBoard *m_presenter = nullptr;
    QDockWidget *m_experimentsDock = nullptr;
    ExperimentsView *m_experiments = nullptr;
    bool m_persistLayout = false; // restoreLayout() was called: save on close
    QStringList m_workspaceProblemList;
};

} // namespace rolldeck
