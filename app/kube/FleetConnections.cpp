#include "kube/FleetConnections.h"

#include "kube/KubeconfigCredentials.h"
#include "kube/LiveRollouts.h"

namespace rolldeck::kube {

FleetConnections::FleetConnections(RolloutListModel *model, QObject *parent)
    : QObject(parent), m_live(std::make_unique<LiveRollouts>(model))
{
}

FleetConnections::~FleetConnections() = default;

void FleetConnections::connectAll(const QList<ClusterConfig> &contexts, const ConnectionOptions &options)
{
    for (const ClusterConfig &config : contexts) {
        if (m_contexts.contains(config.contextName))
            continue;
        m_contexts.append(config.contextName);
        if (!config.auth.unsupported.isEmpty()) {
            m_live->markUnusable(config.contextName, config.auth.unsupported);
            continue;
        }
        auto credentials = KubeconfigCredentials::create(config);
        if (!credentials.ok()) {
            m_live->markUnusable(config.contextName, credentials.error());
            continue;
        }
        auto *connection = new ClusterConnection(config, *credentials, options, this);
        m_connections.insert(config.contextName, connection);
        m_live->addCluster(connection);
    }
    m_contexts.sort();
}

QStringList FleetConnections::contexts() const
{
    return m_contexts;
}

ClusterConnection *FleetConnections::connection(const QString &context) const
{
    return m_connections.value(context);
}

} // namespace rolldeck::kube
