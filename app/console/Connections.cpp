#include "Connections.h"

#include "kube/ClusterConnection.h"
#include "kube/KubeconfigCredentials.h"
#include "kube/LiveRollouts.h"

namespace rolldeck {

Connections::Connections(RolloutListModel *model, QObject *parent)
    : QObject(parent), m_live(std::make_unique<kube::LiveRollouts>(model))
{
}

Connections::~Connections()
{
    // The list lets go of the clusters before their connections go away.
    for (kube::ClusterConnection *connection : std::as_const(m_connections))
        m_live->removeCluster(connection);
    qDeleteAll(m_connections);
}

bool Connections::addContext(const kube::ClusterConfig &config)
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
    m_live->addCluster(connection);
    return true;
}

void Connections::removeContext(const QString &contextName)
{
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

} // namespace rolldeck
