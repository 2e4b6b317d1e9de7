#pragma once

#include "kube/ClusterConfig.h"
#include "kube/ClusterConnection.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QStringList>

#include <memory>

namespace rolldeck {

class RolloutListModel;

namespace kube {

class LiveRollouts;

// The console's clusters: one ClusterConnection per usable kubeconfig context, each feeding the rollout
// list through LiveRollouts (all namespaces). A context that cannot connect (its credentials do not load, or
// its auth is unsupported) is still listed, stale, with the reason.
class FleetConnections : public QObject
{
    Q_OBJECT
public:
    explicit FleetConnections(RolloutListModel *model, QObject *parent = nullptr);
    ~FleetConnections() override;

    void connectAll(const QList<ClusterConfig> &contexts, const ConnectionOptions &options = {});

    QStringList contexts() const;                                // every context given, sorted
    ClusterConnection *connection(const QString &context) const; // nullptr for an unusable one
    LiveRollouts *liveRollouts() const { return m_live.get(); }

private:
    // A member, not a child: destroyed before ~QObject deletes the connections it observes.
    std::unique_ptr<LiveRollouts> m_live;
    QHash<QString, ClusterConnection *> m_connections;
    QStringList m_contexts;
};

} // namespace kube
} // namespace rolldeck
