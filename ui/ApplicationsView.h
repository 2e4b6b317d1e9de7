#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;
class QTreeView;

namespace rolldeck {

class ApplicationModel;
struct Application;

// The Argo CD applications (docs/argocd.md "Applications view"): the app-of-apps tree with sync status, health,
// operation, revision, images and the last sync with who did it; below it the selected application's history
// (revisions, dates, who deployed them) and its operations: sync, roll back to a history entry, terminate the running
// operation. Under auto-sync the view says that Argo CD refuses a rollback and offers to turn auto-sync off first.
// "stale since …" while the application stream is down. Emits intents only.
class ApplicationsView : public QWidget
{
    Q_OBJECT
public:
    explicit ApplicationsView(QWidget *parent = nullptr);

    void setModel(ApplicationModel *model);
    QTreeView *tree() const { return m_tree; }
    QTableWidget *history() const { return m_history; }
    // The chosen application's key (Application::key(): its name, and its server when the console has one).
    QString currentApplication() const;
    void selectApplication(const QString &key);

Q_SIGNALS:
    // Each names the application by its key.
    void syncRequested(const QString &application);
    void diffRequested(const QString &application);
    void rollbackRequested(const QString &application, qint64 historyId);
    void terminateRequested(const QString &application);
    void autoSyncOffRequested(const QString &application);

private:
    void showCurrent();
    void showStaleness();
    void fillHistory(const Application &app);
    qint64 chosenHistoryId() const;

    ApplicationModel *m_model = nullptr;
    QString m_pendingSelection; // asked for before it was listed
    QLabel *m_stale;
    QTreeView *m_tree;
    QLabel *m_title;
    QLabel *m_summary;
    QTableWidget *m_history;
    QLabel *m_autoSyncNote;
    QPushButton *m_sync;
    QPushButton *m_diff;
    QPushButton *m_rollback;
    QPushButton *m_terminate;
    QPushButton *m_autoSyncOff;
};

} // namespace rolldeck
