#pragma once

#include "kube/ClusterConfig.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

namespace rolldeck {

class RolloutListModel;

namespace kube {
class ClusterConnection;
class LiveRollouts;
} // namespace kube

// The clusters the console is connected to: one ClusterConnection per kubeconfig context, with its
// credentials, shown live in the rollout list (kube::LiveRollouts). A context whose credentials cannot be
// set up is reported through contextFailed() and the others still connect.
class Connections : public QObject
{
    Q_OBJECT
public:
    explicit Connections(RolloutListModel *model, QObject *parent = nullptr);
    ~Connections() override;

    // Connects to a context (the caches start their LIST+WATCH now, off the GUI thread).
    // Returns false (and emits contextFailed) when its credentials cannot be prepared.
    bool addContext(const kube::ClusterConfig &config);
    void removeContext(const QString &contextName);
    QStringList contexts() const { return m_connections.keys(); }
    kube::ClusterConnection *connection(const QString &contextName) const;

signals:
    void contextFailed(const QString &contextName, const QString &message);

private:
    std::unique_ptr<kube::LiveRollouts> m_live;
    QHash<QString, kube::ClusterConnection *> m_connections;
};

} // namespace rolldeck
