#pragma once

#include "workspace/WorkspaceScope.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace rolldeck {

namespace kube {
struct Kubeconfig;
}

// What the console connects to, decided once at start: the workspace (an explicit file, else the default
// file if it exists, else every kubeconfig context as an environment), narrowed to `onlyContexts` when given
// (--context). A workspace with errors does not stop the console: it starts from the kubeconfig alone and
// the errors ("file:line:col: message") are returned for the window to show. Contexts the workspace names
// but the kubeconfig lacks are returned as problems too.
struct EnvironmentSetup
{
    WorkspaceScope scope;
    bool workspaceFailed = false; // the workspace file had errors: `scope` is the kubeconfig fallback
    QString problemTitle;         // what the problems are about, translated; empty when there are none
    QStringList problems;         // one line each, with file and line
    // Per connected context, the other contexts of the kubeconfig that reach the same API server and are not
    // connected themselves: the alternative identities the window offers for that cluster.
    QHash<QString, QStringList> alternativeIdentities;
};

EnvironmentSetup setupEnvironments(const kube::Kubeconfig &kubeconfig, const QString &workspacePath,
                                   const QStringList &onlyContexts = {});

// A workspace given in code (the demo's environments): its scope and the alternative identities, no problems.
EnvironmentSetup setupFromWorkspace(const Workspace &workspace, const kube::Kubeconfig &kubeconfig);

// The same start-up choice with one cluster reached through another identity: `context` takes the place of the
// context of the same API server in the scope (a workspace's environments keep their namespaces and policy).
EnvironmentSetup switchIdentity(const EnvironmentSetup &setup, const kube::Kubeconfig &kubeconfig,
                                const QString &context);

} // namespace rolldeck
