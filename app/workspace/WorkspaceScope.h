#pragma once

// What a workspace means against one kubeconfig: which contexts and namespaces each environment watches,
// which environment a rollout belongs to, and the policy an action on it must follow.
//
//     Result<Workspace> ws = workspaceFor(path, kubeconfig);
//     WorkspaceScope scope = ws ? WorkspaceScope(*ws, kubeconfig) : WorkspaceScope::wholeContexts(kubeconfig);
//     for (const auto &w : scope.watches({"production"})) connect(w.cluster, w.namespaces);
//     EnvironmentPolicy p = scope.policyFor(context, ns);   // reason required, type-to-confirm, guard may abort

#include "models/domain/EnvironmentMap.h"
#include "workspace/Connections.h"
#include "workspace/Workspace.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace rolldeck {

class WorkspaceScope
{
public:
    // One context to connect and the namespaces to watch in it (empty: all namespaces).
    struct Watch
    {
        kube::ClusterConfig cluster;
        QStringList namespaces;
    };

    WorkspaceScope() = default;
    // Contexts the kubeconfig lacks are left out (checkWorkspaceContexts() names them).
    WorkspaceScope(const Workspace &workspace, const kube::Kubeconfig &kubeconfig);
    // No workspace: every cluster of the kubeconfig is an environment of its own (workspaceFromKubeconfig: one
    // context per API server), all its namespaces watched, with the default policy.
    static WorkspaceScope wholeContexts(const kube::Kubeconfig &kubeconfig);

    const Workspace &workspace() const { return m_workspace; }
    // The connections file changed (View › Connections): its credentials apply to the workspace from now on.
    void applyConnections(const QList<Connection> &connections);
    QStringList environments() const { return m_map.environments(); } // the workspace's order
    const EnvironmentMap &environmentMap() const { return m_map; }

    // The contexts the given environments need (all environments when `environments` is empty), one Watch
    // per context in the workspace's order; namespaces of a context shared by several environments are
    // merged, and "all namespaces" anywhere wins. Unknown environment names are ignored.
    QList<Watch> watches(const QStringList &environments = {}) const;

    // The environment a namespace of a context belongs to; empty when no environment covers it.
    QString environmentFor(const QString &context, const QString &ns) const;

    // The policy for acting on a rollout in `ns` of `context`: its environment's. A place no environment of
    // the workspace covers gets the cautious policy (reason required and type-to-confirm, no automatic
    // abort): an action there must not be easier than anywhere the workspace speaks of.
    EnvironmentPolicy policyFor(const QString &context, const QString &ns) const;

private:
    Workspace m_workspace;
    QList<EnvironmentCluster> m_clusters; // every environment's resolved clusters, in workspace order
    EnvironmentMap m_map;
};

} // namespace rolldeck
