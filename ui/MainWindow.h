#pragma once

#include <QMainWindow>
#include <QStringList>

class QDockWidget;
class QLabel;
class QStackedWidget;

namespace rolldeck {

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

    // A lasting line in the status bar about where the console is connected (e.g. the demo cluster and
    // whether charts are available). Empty hides it.
    void setConnectionNotice(const QString &text);
    // A problem the user must see (a context that cannot connect, a demo cluster that did not start).
    void showProblem(const QString &text);
    // Problems with the workspace file ("file:line: message", one per entry), shown above the rollouts until
    // replaced; an empty list hides them.
    void showWorkspaceProblems(const QString &title, const QStringList &problems);
    QStringList workspaceProblems() const { return m_workspaceProblemList; }

signals:
    // A row was opened: the composition root starts watching that rollout's objects and fills the detail model.
    void rolloutDetailRequested(const QString &cluster, const QString &namespaceName, const QString &name);
    // The detail was closed: its watches can stop.
    void rolloutDetailClosed();

private:
    void onDetailVisibility(bool visible);

    QStackedWidget *m_stack = nullptr;
    QWidget *m_emptyState = nullptr;
    RolloutsPanel *m_rollouts = nullptr;
    QLabel *m_connectionNotice = nullptr;
    QDockWidget *m_detailDock = nullptr;
    RolloutDetailPanel *m_detail = nullptr;
    QLabel *m_workspaceProblems = nullptr;
    QStringList m_workspaceProblemList;
};

} // namespace rolldeck
