#include "Connections.h"

#include "kube/ClusterConnection.h"
#include "kube/KubeconfigCredentials.h"
#include "console/LiveRollouts.h"
#include "kube/ResourceCache.h"
#include "kube/ResourceKind.h"

#include "models/itemmodels/RolloutListModel.h"

#include <QMetaObject>

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
    if (namespaces.isEmpty())
        watchForbidden(config.contextName);
    emit watchScopeChanged();
    return true;
}

void Connections::watchForbidden(const QString &contextName)
{
    kube::ClusterConnection *connection = m_connections.value(contextName);
    const QList<kube::ResourceCache *> caches = connection ? connection->caches() : QList<kube::ResourceCache *>{};
    for (kube::ResourceCache *cache : caches) {
        if (cache->kind().kind != kube::ResourceKind::rollouts().kind || !cache->ns().isEmpty())
            continue;
        const auto check = [this, contextName](const kube::CacheHealth &health) {
            // Not here: the cache is in the middle of telling its users; let go of it afterwards.
            if (health.permissionDenied)
                QMetaObject::invokeMethod(
                    this, [this, contextName] { onClusterWideForbidden(contextName); }, Qt::QueuedConnection);
        };
        connect(cache, &kube::ResourceCache::healthChanged, this, check);
        check(cache->health());
    }
}

void Connections::onClusterWideForbidden(const QString &contextName)
{
    kube::ClusterConnection *connection = m_connections.value(contextName);
    if (!connection || !m_namespaces.value(contextName).isEmpty() || m_clusterWideDenied.contains(contextName))
        return;
    m_clusterWideDenied.insert(contextName);
    const kube::ClusterConfig config = connection->config();
    removeContext(contextName);
    addContext(config, {config.defaultNamespace});
}

QStringList Connections::namespacesFor(const WorkspaceScope::Watch &watch) const
{
    const bool all = watch.namespaces.isEmpty() || m_allNamespaces;
    if (all && m_clusterWideDenied.contains(watch.cluster.contextName))
        return {watch.cluster.defaultNamespace};
    return all ? QStringList{} : watch.namespaces;
}

void Connections::setSetup(const EnvironmentSetup &setup, const kube::Kubeconfig &kubeconfig)
{
    m_setup = setup;
    m_kubeconfig = kubeconfig;
    m_hasSetup = true;
    setScope(setup.scope);
}

void Connections::useIdentity(const QString &context)
{
    if (!m_hasSetup || m_connections.contains(context))
        return;
    setSetup(switchIdentity(m_setup, m_kubeconfig, context), m_kubeconfig);
    showEnvironments(m_shown);
    emit watchScopeChanged();
}

void Connections::watchAllNamespaces()
{
    if (m_allNamespaces)
        return;
    m_allNamespaces = true;
    if (m_hasScope) {
        showEnvironments(m_shown);
    } else {
        // Contexts added one by one: watch each in every namespace.
        for (const QString &context : contexts()) {
            if (m_namespaces.value(context).isEmpty() || m_clusterWideDenied.contains(context))
                continue;
            const kube::ClusterConfig config = m_connections.value(context)->config();
            removeContext(context);
            addContext(config, {});
        }
    }
    emit watchScopeChanged();
}

WatchScope Connections::watchScope() const
{
    WatchScope scope;
    scope.clusters = int(m_connections.size());
    QSet<QString> namespaces;
    for (auto it = m_namespaces.cbegin(); it != m_namespaces.cend(); ++it) {
        if (it.value().isEmpty())
            continue;
        scope.allNamespaces = false;
        for (const QString &ns : it.value())
            namespaces.insert(ns);
        if (m_clusterWideDenied.contains(it.key()))
            scope.narrowedContexts << it.key();
        else
            scope.canWatchAll = true;
    }
    scope.namespaces = QStringList(namespaces.cbegin(), namespaces.cend());
    scope.namespaces.sort();
    scope.narrowedContexts.sort();
    if (m_hasSetup) {
        for (auto it = m_setup.alternativeIdentities.cbegin(); it != m_setup.alternativeIdentities.cend(); ++it) {
            if (m_connections.contains(it.key()))
                scope.alternativeIdentities.insert(it.key(), it.value());
        }
    }
    return scope;
}

void Connections::removeContext(const QString &contextName)
{
    m_namespaces.remove(contextName);
    kube::ClusterConnection *connection = m_connections.take(contextName);
    if (!connection)
        return;
    m_live->removeCluster(connection);
    delete connection;
    emit watchScopeChanged();
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
    m_shown = environments;
    QList<WorkspaceScope::Watch> watches = m_scope.watches(environments);
    for (WorkspaceScope::Watch &watch : watches)
        watch.namespaces = namespacesFor(watch);
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
