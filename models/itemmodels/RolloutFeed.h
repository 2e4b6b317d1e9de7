#pragma once

#include "domain/EnvironmentMap.h"
#include "domain/Staleness.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>

namespace rolldeck {

class ObjectStore;
struct Rollout;
struct RolloutChange;
class RolloutListModel;

// Sets each row's environment from `map` where it changed (one upsert): the feed and the console's live rows share it.
void retagEnvironments(RolloutListModel &model, const EnvironmentMap &map);

// Keeps the watched objects of each cluster (an ObjectStore per cluster) and turns their changes into
// list-model changes: every rollout a Rollout or ReplicaSet change affects gets its view and row rebuilt,
// once per batch, and the model receives one batch. Pods, experiments and analysis runs are stored for the
// detail view but change no row (a row does not depend on them). Also folds the health of a cluster's several caches
// into the cluster's staleness. QtCore only: app/ connects the list+watch caches to it. Destroying the feed removes its
// clusters' rows. Without a model (a feed on a worker thread) the changes go to a sink instead.
class RolloutFeed
{
public:
    // Receives each batch of row changes (already tagged with their environment) of a feed without a model.
    using Sink = std::function<void(QList<RolloutChange> &&changes)>;

    explicit RolloutFeed(RolloutListModel *model);
    // No model: rows are built against the current time and handed to `sink`; staleness and removals are the
    // caller's (this feed only keeps the objects and builds rows).
    explicit RolloutFeed(Sink sink);
    ~RolloutFeed();
    RolloutFeed(const RolloutFeed &) = delete;
    RolloutFeed &operator=(const RolloutFeed &) = delete;

    // Objects of one kind added or modified, and deleted (their last known state), in one cluster.
    // `kind` ("Rollout", "ReplicaSet", "Pod", ...) is used when an object does not say its kind, as
    // items of a LIST response do not. Kinds the store does not track are ignored.
    void apply(const QString &cluster, const QString &kind, const QList<QJsonObject> &upserts,
               const QList<QJsonObject> &deletions);

    // Which environment each row belongs to (by cluster and namespace) and its rank. Rows already shown are
    // re-tagged.
    void setEnvironmentMap(const EnvironmentMap &map);
    const EnvironmentMap &environmentMap() const { return m_environments; }

    // Drop a cluster: its objects, rows and staleness.
    void removeCluster(const QString &cluster);

    // Per source (one cache: a kind, maybe a namespace) of a cluster. The cluster is stale while any of
    // its sources is (StaleSources).
    void setSourceStale(const QString &cluster, const QString &source, const Staleness &staleness);
    void setSourceLive(const QString &cluster, const QString &source);

    // The objects of a cluster (for a detail view); nullptr when none arrived yet.
    const ObjectStore *store(const QString &cluster) const;

    // Lets go of the rollouts of `cluster` for which `release` holds, keeping their rows as they are: for a one-shot
    // listing, whose rows nothing will change. Their objects leave the store, so a ReplicaSet arriving later does
    // not rebuild their rows; a rollout applied again is taken as new.
    void releaseRollouts(const QString &cluster, const std::function<bool(const Rollout &)> &release);

private:
    struct Cluster;
    Cluster &cluster(const QString &name);
    void updateStaleness(const QString &cluster);

    QPointer<RolloutListModel> m_model;
    Sink m_sink;
    EnvironmentMap m_environments;
    QHash<QString, std::shared_ptr<Cluster>> m_clusters;
};

} // namespace rolldeck
