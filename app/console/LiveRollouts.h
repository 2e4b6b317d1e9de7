#pragma once

#include "kube/ClusterConfig.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>

namespace rolldeck {

class RolloutFeed;
class RolloutListModel;

namespace kube {
class ClusterConnection;
class ResourceCache;
struct ResourceKind;
} // namespace kube

// The live side of the composition root: one ClusterConnection per kubeconfig context, the caches the
// rollout list needs (rollouts and their ReplicaSets, across all namespaces of the context), and their
// batched changes and health fed into a RolloutFeed that keeps the list model current. A context whose
// credentials cannot be set up is reported through contextFailed() and the others still connect.
class LiveRollouts : public QObject
{
    Q_OBJECT
public:
    explicit LiveRollouts(RolloutListModel *model, QObject *parent = nullptr);
    ~LiveRollouts() override;

    // Connects to a context (lazily: the caches start their LIST+WATCH now, off the GUI thread).
    // Returns false (and emits contextFailed) when its credentials cannot be prepared.
    bool addContext(const kube::ClusterConfig &config);
    void removeContext(const QString &contextName);
    QStringList contexts() const { return m_connections.keys(); }
    kube::ClusterConnection *connection(const QString &contextName) const;

signals:
    void contextFailed(const QString &contextName, const QString &message);
    void contextSynced(const QString &contextName);

private:
    void watch(kube::ClusterConnection *connection, const kube::ResourceKind &kind);

    std::unique_ptr<RolloutFeed> m_feed;
    QHash<QString, kube::ClusterConnection *> m_connections;
};

} // namespace rolldeck
