#pragma once

#include "workspace/WorkspaceScope.h"

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
};

EnvironmentSetup setupEnvironments(const kube::Kubeconfig &kubeconfig, const QString &workspacePath,
                                   const QStringList &onlyContexts = {});

} // namespace rolldeck
