#include "gui/WorkspaceProblems.h"

#include "MainWindow.h"
#include "secrets/WorkspaceSecrets.h"

#include <QCoreApplication>

namespace rolldeck {

WorkspaceProblems::WorkspaceProblems(MainWindow *window, WorkspaceSecrets *secrets, QObject *parent)
    : QObject(parent), m_window(window), m_secrets(secrets)
{
    if (m_secrets)
        connect(m_secrets, &WorkspaceSecrets::checked, this, &WorkspaceProblems::onChecked);
}

void WorkspaceProblems::show(const EnvironmentSetup &setup)
{
    m_setupTitle = setup.problemTitle;
    m_setupProblems = setup.problems;
    m_credentialProblems.clear();
    refresh();
    // A workspace that failed to load fell back to the kubeconfig: it has no references to check.
    if (m_secrets)
        m_secrets->check(setup.scope.workspace());
}

void WorkspaceProblems::onChecked(const QList<CredentialStatus> &statuses)
{
    m_credentialProblems.clear();
    for (const CredentialStatus &status : statuses) {
        if (!status.present())
            m_credentialProblems.append(status.problem());
    }
    refresh();
    emit credentialsChecked();
}

void WorkspaceProblems::refresh()
{
    if (!m_window)
        return;
    const QString credentialTitle = QCoreApplication::translate(
        "WorkspaceProblems", "Some keychain entries the workspace refers to are missing or cannot be read:");
    if (m_setupProblems.isEmpty()) {
        m_window->showWorkspaceProblems(credentialTitle, m_credentialProblems);
        return;
    }
    QStringList lines = m_setupProblems;
    if (!m_credentialProblems.isEmpty())
        lines << credentialTitle << m_credentialProblems;
    m_window->showWorkspaceProblems(m_setupTitle, lines);
}

} // namespace rolldeck
