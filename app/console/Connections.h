#pragma once

#include "models/domain/WatchScope.h"
#include "console/EnvironmentSetup.h"
#include "kube/ClusterConfig.h"
#include "kube/Kubeconfig.h"
#include "workspace/WorkspaceScope.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QStringList>

#include <memory>

namespace rolldeck {

class RolloutListModel;

class LiveRollouts;
namespace kube {
class ClusterConnection;
} // namespace kube

// The clusters the console is connected to: one ClusterConnection per kubeconfig context, with its
// credentials, shown live in the rollout list (LiveRollouts). A context whose credentials cannot be
// set up is reported through contextFailed() and the others still connect.
//
// With a workspace (setScope), the environments decide what is connected and watched: each environment's
// contexts and namespaces, for the environments shown (showEnvironments), connected when first needed and
// let go when no shown environment needs them. Rows carry their environment.
class Connections : public QObject
{
    Q_OBJECT
public:
    explicit Connections(RolloutListModel *model, QObject *parent = nullptr);
    ~Connections() override;

    // Connects to a context (the caches start their LIST+WATCH now, off the GUI thread), watching
    // `namespaces` (empty: all). Returns false (and emits contextFailed) when its credentials cannot be
    // prepared.
    bool addContext(const kube::ClusterConfig &config, const QStringList &namespaces = {});
    void removeContext(const QString &contextName);
    QStringList contexts() const { return m_connections.keys(); }
    kube::ClusterConnection *connection(const QString &contextName) const;
    // The namespaces watched in a connected context (empty: all).
    QStringList namespaces(const QString &contextName) const { return m_namespaces.value(contextName); }

    // Use a workspace: its environments tag the rows and give their order. A workspace read from a file also
    // gives the list model its environments (the choices of the environment filter); without one the
    // contexts are the environments and the cluster choice is enough. Connects nothing by itself.
    void setScope(const WorkspaceScope &scope);
    const WorkspaceScope &scope() const { return m_scope; }
    // View › Connections changed the connections file: the scope's workspace takes its credentials (Prometheus
    // queries read them from there on their next request). Connects nothing by itself.
    void applyConnections(const QList<Connection> &connections) { m_scope.applyConnections(connections); }
    // Connect and watch what `environments` need (empty: every environment of the scope); contexts no
    // longer needed are disconnected. Does nothing before setScope(). Returns whether any context is connected.
    bool showEnvironments(const QStringList &environments = {});

    // The start-up choice (setScope() with its scope) and the kubeconfig it came from, so that a cluster can be
    // reached through another identity later (useIdentity).
    void setSetup(const EnvironmentSetup &setup, const kube::Kubeconfig &kubeconfig);
    // Reach the cluster of `context` through it instead of the context connected now (same server), keeping what
    // is shown. Emits watchScopeChanged().
    void useIdentity(const QString &context);
    // Watch every namespace of every connected cluster (where the cluster allows it), whatever the workspace
    // narrowed them to. Emits watchScopeChanged().
    void watchAllNamespaces();
    // What is watched now, for the window to say so.
    WatchScope watchScope() const;

signals:
    void contextFailed(const QString &contextName, const QString &message);
    // What is watched changed: a context connected or let go, a cluster-wide list forbidden, another identity.
    void watchScopeChanged();

private:
    // A context watched in all namespaces that may not list rollouts cluster-wide is watched in its own namespace.
    void watchForbidden(const QString &contextName);
    void onClusterWideForbidden(const QString &contextName);
    QStringList namespacesFor(const WorkspaceScope::Watch &watch) const;

    QPointer<RolloutListModel> m_model;
    std::unique_ptr<LiveRollouts> m_live;
    QHash<QString, kube::ClusterConnection *> m_connections;
    QHash<QString, QStringList> m_namespaces;
    WorkspaceScope m_scope;
    bool m_hasScope = false;
    EnvironmentSetup m_setup;
    kube::Kubeconfig m_kubeconfig;
    bool m_hasSetup = false;
    QStringList m_shown;               // the environments last shown (empty: all)
    bool m_allNamespaces = false;      // watchAllNamespaces() was asked for
    QSet<QString> m_clusterWideDenied; // contexts whose cluster-wide list was answered 403
};

} // namespace rolldeck
