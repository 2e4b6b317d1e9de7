#include "console/EnvironmentSetup.h"

#include "kube/Kubeconfig.h"
#include "workspace/Workspace.h"

#include <QCoreApplication>

namespace rolldeck {

EnvironmentSetup setupEnvironments(const kube::Kubeconfig &kubeconfig, const QString &workspacePath,
                                   const QStringList &onlyContexts)
{
    EnvironmentSetup setup;
    const Result<Workspace> workspace = workspaceFor(workspacePath, kubeconfig);
    Workspace chosen;
    if (workspace) {
        chosen = *workspace;
        for (const WorkspaceError &e : checkWorkspaceContexts(chosen, kubeconfig))
            setup.problems << e.toString();
        if (!setup.problems.isEmpty())
            setup.problemTitle = QCoreApplication::translate(
                "EnvironmentSetup", "Some contexts the workspace names are not in the kubeconfig:");
    } else {
        setup.workspaceFailed = true;
        setup.problemTitle = QCoreApplication::translate(
            "EnvironmentSetup", "The workspace file has errors; showing every kubeconfig context instead:");
        setup.problems = workspace.error().split(u'\n', Qt::SkipEmptyParts);
    }
    if (!workspace)
        chosen = WorkspaceScope::wholeContexts(kubeconfig).workspace();
    if (!onlyContexts.isEmpty()) {
        for (Environment &environment : chosen.environments) {
            environment.clusters.removeIf(
                [&onlyContexts](const ClusterTarget &t) { return !onlyContexts.contains(t.context); });
        }
    }
    setup.scope = WorkspaceScope(chosen, kubeconfig);
    return setup;
}

} // namespace rolldeck
