#include "console/EnvironmentSetup.h"

#include "kube/Kubeconfig.h"
#include "workspace/Workspace.h"

#include <QCoreApplication>

#include <algorithm>

namespace rolldeck {

namespace {

QHash<QString, QStringList> alternativesFor(const WorkspaceScope &scope, const kube::Kubeconfig &kubeconfig)
{
    QStringList connected;
    for (const WorkspaceScope::Watch &watch : scope.watches())
        connected << watch.cluster.contextName;
    QHash<QString, QStringList> out;
    for (const ServerContexts &group : contextsByServer(kubeconfig, connected)) {
        if (!connected.contains(group.chosen))
            continue;
        QStringList others;
        for (const QString &context : group.alternatives) {
            if (!connected.contains(context))
                others << context;
        }
        if (!others.isEmpty())
            out.insert(group.chosen, others);
    }
    return out;
}

} // namespace

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
    if (!onlyContexts.isEmpty() && chosen.sourceFile.isEmpty()) {
        // Contexts named on the command line are connected as named, even two of one server.
        chosen = workspaceFromContexts(kubeconfig, onlyContexts);
    } else if (!onlyContexts.isEmpty()) {
        for (Environment &environment : chosen.environments) {
            environment.clusters.removeIf(
                [&onlyContexts](const ClusterTarget &t) { return !onlyContexts.contains(t.context); });
        }
    }
    setup.scope = WorkspaceScope(chosen, kubeconfig);
    setup.alternativeIdentities = alternativesFor(setup.scope, kubeconfig);
    return setup;
}

EnvironmentSetup setupFromWorkspace(const Workspace &workspace, const kube::Kubeconfig &kubeconfig)
{
    EnvironmentSetup setup;
    setup.scope = WorkspaceScope(workspace, kubeconfig);
    setup.alternativeIdentities = alternativesFor(setup.scope, kubeconfig);
    return setup;
}

EnvironmentSetup switchIdentity(const EnvironmentSetup &setup, const kube::Kubeconfig &kubeconfig,
                                const QString &context)
{
    const QList<ServerContexts> servers = contextsByServer(kubeconfig);
    const auto group = std::find_if(servers.cbegin(), servers.cend(), [&context](const ServerContexts &g) {
        return g.chosen == context || g.alternatives.contains(context);
    });
    if (group == servers.cend())
        return setup;
    QStringList sameServer = group->alternatives;
    sameServer << group->chosen;
    Workspace workspace = setup.scope.workspace();
    const bool derived = workspace.sourceFile.isEmpty();
    for (Environment &environment : workspace.environments) {
        for (ClusterTarget &target : environment.clusters) {
            if (sameServer.contains(target.context))
                target.context = context;
        }
        // Without a workspace the environment is the cluster, named after the context that reaches it.
        if (derived && sameServer.contains(environment.name))
            environment.name = context;
    }
    EnvironmentSetup out = setup;
    out.scope = WorkspaceScope(workspace, kubeconfig);
    out.alternativeIdentities = alternativesFor(out.scope, kubeconfig);
    return out;
}

} // namespace rolldeck
