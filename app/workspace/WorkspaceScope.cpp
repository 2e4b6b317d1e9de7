#include "workspace/WorkspaceScope.h"

#include "kube/Kubeconfig.h"

namespace rolldeck {

WorkspaceScope::WorkspaceScope(const Workspace &workspace, const kube::Kubeconfig &kubeconfig) : m_workspace(workspace)
{
    for (const Environment &environment : workspace.environments) {
        m_map.addEnvironment(environment.name);
        for (EnvironmentCluster &cluster : resolveEnvironment(environment, kubeconfig)) {
            m_map.addScope(environment.name, cluster.cluster.contextName, cluster.namespaces);
            m_clusters.append(std::move(cluster));
        }
    }
}

WorkspaceScope WorkspaceScope::wholeContexts(const kube::Kubeconfig &kubeconfig)
{
    return WorkspaceScope(workspaceFromKubeconfig(kubeconfig), kubeconfig);
}

QList<WorkspaceScope::Watch> WorkspaceScope::watches(const QStringList &environments) const
{
    QList<Watch> out;
    for (const EnvironmentCluster &ec : m_clusters) {
        if (!environments.isEmpty() && !environments.contains(ec.environment))
            continue;
        auto it = std::find_if(out.begin(), out.end(),
                               [&ec](const Watch &w) { return w.cluster.contextName == ec.cluster.contextName; });
        if (it == out.end()) {
            out.append({ec.cluster, ec.namespaces});
            continue;
        }
        if (it->namespaces.isEmpty())
            continue; // already every namespace
        if (ec.namespaces.isEmpty()) {
            it->namespaces.clear();
            continue;
        }
        for (const QString &ns : ec.namespaces) {
            if (!it->namespaces.contains(ns))
                it->namespaces.append(ns);
        }
    }
    return out;
}

QString WorkspaceScope::environmentFor(const QString &context, const QString &ns) const
{
    return m_map.environmentFor(context, ns).name;
}

EnvironmentPolicy WorkspaceScope::policyFor(const QString &context, const QString &ns) const
{
    const EnvironmentMap::Match match = m_map.environmentFor(context, ns);
    if (const Environment *environment = match.isValid() ? m_workspace.environment(match.name) : nullptr)
        return environment->policy;
    EnvironmentPolicy cautious;
    cautious.reasonRequired = true;
    cautious.typeToConfirm = true;
    cautious.guardMayAutoAbort = false;
    return cautious;
}

void WorkspaceScope::applyConnections(const QList<Connection> &connections)
{
    rolldeck::applyConnections(m_workspace, connections);
}

} // namespace rolldeck
