#include "Connections.h"

#include "kube/ClusterConnection.h"
#include "kube/KubeconfigCredentials.h"
#include "console/LiveRollouts.h"

#include "models/itemmodels/RolloutListModel.h"

namespace rolldeck {

Connections::Connections(RolloutListModel *model, QObject *parent)
    : QObject(parent), m_model(model), m_live(std::make_unique<LiveRollouts>(model))
{
}

Connections::~Connections()
{
    // The list lets go of the clusters before their connections go away.
    for (kube::ClusterConnection *connection : std::as_const(m_connections))
        m_live->removeCluster(connection);
    qDeleteAll(m_connections);
}

bool Connections::addContext(const kube::ClusterConfig &config, const QStringList &namespaces)
{
    if (m_connections.contains(config.contextName))
        return true;
    auto credentials = kube::KubeconfigCredentials::create(config);
    if (!credentials) {
        emit contextFailed(config.contextName, credentials.error());
        return false;
    }
    auto *connection = new kube::ClusterConnection(config, *credentials, {}, this);
    m_connections.insert(config.contextName, connection);
    m_namespaces.insert(config.contextName, namespaces);
    m_live->addCluster(connection, namespaces);
    return true;
}

void Connections::removeContext(const QString &contextName)
{
    m_namespaces.remove(contextName);
    kube::ClusterConnection *connection = m_connections.take(contextName);
    if (!connection)
        return;
    m_live->removeCluster(connection);
    delete connection;
}

kube::ClusterConnection *Connections::connection(const QString &contextName) const
{
    return m_connections.value(contextName);
}

void Connections::setScope(const WorkspaceScope &scope)
{
    m_scope = scope;
    m_hasScope = true;
    m_live->setEnvironmentMap(scope.environmentMap());
    if (m_model)
        m_model->setEnvironments(scope.workspace().sourceFile.isEmpty() ? QStringList{} : scope.environments());
}

bool Connections::showEnvironments(const QStringList &environments)
{
    if (!m_hasScope)
        return !m_connections.isEmpty(); // contexts added one by one (addContext) are not the scope's to drop
    const QList<WorkspaceScope::Watch> watches = m_scope.watches(environments);
    QStringList needed;
    for (const WorkspaceScope::Watch &watch : watches)
        needed << watch.cluster.contextName;
    // Let go of what no shown environment needs, and of contexts whose namespaces changed (re-watched below).
    const QStringList connected = contexts();
    for (const QString &context : connected) {
        const auto it = std::find_if(watches.cbegin(), watches.cend(), [&context](const WorkspaceScope::Watch &w) {
            return w.cluster.contextName == context;
        });
        if (it == watches.cend() || it->namespaces != m_namespaces.value(context))
            removeContext(context);
    }
    for (const WorkspaceScope::Watch &watch : watches)
        addContext(watch.cluster, watch.namespaces);
    return !m_connections.isEmpty();
}

} // namespace rolldeck
