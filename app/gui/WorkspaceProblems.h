#pragma once

#include "console/EnvironmentSetup.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

namespace rolldeck {

class MainWindow;
class WorkspaceSecrets;
struct CredentialStatus;

// The problems shown above the rollouts about the workspace: the file's own (EnvironmentSetup: errors, contexts the
// kubeconfig lacks) at once, then its keychain references, checked in the background (WorkspaceSecrets), each
// missing or unreadable one naming its environment, endpoint and keychain entry with the command that sets it.
class WorkspaceProblems : public QObject
{
    Q_OBJECT
public:
    // Neither is owned; `secrets` keeps the values it reads for the clients that need them.
    WorkspaceProblems(MainWindow *window, WorkspaceSecrets *secrets, QObject *parent = nullptr);

    // Shows the setup's problems and starts checking the keychain references of its workspace.
    void show(const EnvironmentSetup &setup);

    QStringList credentialProblems() const { return m_credentialProblems; }

signals:
    // The keychain references were checked and the window shows the outcome.
    void credentialsChecked();

private:
    void onChecked(const QList<CredentialStatus> &statuses);
    void refresh();

    QPointer<MainWindow> m_window;
    QPointer<WorkspaceSecrets> m_secrets;
    QString m_setupTitle;
    QStringList m_setupProblems;
    QStringList m_credentialProblems;
};

} // namespace rolldeck
