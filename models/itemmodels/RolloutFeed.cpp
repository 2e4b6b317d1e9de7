#include "RolloutFeed.h"

#include "RolloutListModel.h"
#include "RolloutRow.h"
#include "argo/ObjectStore.h"
#include "argo/RolloutInfo.h"

#include <QSet>

namespace rolldeck {

namespace {

QString stringAt(const QJsonObject &o, QLatin1StringView a, QLatin1StringView b)
{
    return o.value(a).toObject().value(b).toString();
}

ObjectKey keyOf(const QJsonObject &o, ObjectKind kind)
{
    return {kind, stringAt(o, QLatin1StringView("metadata"), QLatin1StringView("namespace")),
            stringAt(o, QLatin1StringView("metadata"), QLatin1StringView("name"))};
}

// A rollout's row key: its UID, or namespace/name for an object without one (saved dumps).
QString rowUid(const Rollout &ro)
{
    return ro.meta.uid.isEmpty() ? QString(ro.meta.namespaceName + u'/' + ro.meta.name) : ro.meta.uid;
}

} // namespace

struct RolloutFeed::Cluster
{
    ObjectStore store;
    QHash<ObjectKey, QString> rolloutUids; // rollout -> the row UID it was filed under
    StaleSources staleness;
};

RolloutFeed::RolloutFeed(RolloutListModel *model) : m_model(model) {}

RolloutFeed::RolloutFeed(Sink sink) : m_sink(std::move(sink)) {}

RolloutFeed::~RolloutFeed()
{
    // Rows nobody keeps current any more must not stay behind looking live.
    if (m_model) {
        for (auto it = m_clusters.cbegin(); it != m_clusters.cend(); ++it)
            m_model->removeCluster(it.key());
    }
}

RolloutFeed::Cluster &RolloutFeed::cluster(const QString &name)
{
    auto &slot = m_clusters[name];
    if (!slot)
        slot = std::make_shared<Cluster>();
    return *slot;
}

const ObjectStore *RolloutFeed::store(const QString &cluster) const
{
    const auto it = m_clusters.constFind(cluster);
    return it == m_clusters.cend() ? nullptr : &(*it)->store;
}

void RolloutFeed::releaseRollouts(const QString &clusterName, const std::function<bool(const Rollout &)> &release)
{
    const auto found = m_clusters.constFind(clusterName);
    if (found == m_clusters.cend())
        return;
    ObjectStore &store = (*found)->store;
    QList<ObjectKey> released;
    const QList<const Rollout *> all = store.rollouts();
    for (const Rollout *ro : all) {
        if (release(*ro))
            released.append({ObjectKind::Rollout, ro->meta.namespaceName, ro->meta.name});
    }
    for (const ObjectKey &key : std::as_const(released))
        store.remove(key);
}

void RolloutFeed::apply(const QString &clusterName, const QString &kind, const QList<QJsonObject> &upserts,
                        const QList<QJsonObject> &deletions)
{
    const ObjectKind objectKind = objectKindFromName(kind);
    if (objectKind == ObjectKind::Unknown || (upserts.isEmpty() && deletions.isEmpty()))
        return;
    Cluster &c = cluster(clusterName);
    // A list row is computed from its rollout and the rollout's ReplicaSets only (status, steps, weights and
    // replica counts; the actual weight from the canary ReplicaSet). Pods, analysis runs and experiments are
    // kept for the detail view, without rebuilding any row: pod churn is most of a cluster's events.
    if (objectKind != ObjectKind::Rollout && objectKind != ObjectKind::ReplicaSet) {
        const QLatin1StringView kindField("kind");
        for (const QJsonObject &object : deletions)
            c.store.remove(keyOf(object, objectKind));
        for (const QJsonObject &object : upserts) {
            if (object.contains(kindField)) {
                c.store.upsert(object);
            } else {
                QJsonObject withKind = object;
                withKind.insert(kindField, kind);
                c.store.upsert(withKind);
            }
        }
        return;
    }
    QList<RolloutChange> changes;
    QList<ObjectKey> affected;
    QSet<ObjectKey> seen;
    const auto touch = [&affected, &seen](const QList<ObjectKey> &keys) {
        for (const ObjectKey &k : keys) {
            if (!seen.contains(k)) {
                seen.insert(k);
                affected.append(k);
            }
        }
    };
    const QLatin1StringView kindKey("kind");

    for (const QJsonObject &object : deletions) {
        const ObjectKey key = keyOf(object, objectKind);
        if (objectKind == ObjectKind::Rollout) {
            const auto it = c.rolloutUids.constFind(key);
            if (it != c.rolloutUids.cend()) {
                changes.append(RolloutChange::removal({clusterName, *it}));
                c.rolloutUids.erase(it);
            } else {
                // Never seen as an upsert (e.g. a delete right after a re-list): go by its UID.
                const QString uid = stringAt(object, QLatin1StringView("metadata"), QLatin1StringView("uid"));
                if (!uid.isEmpty())
                    changes.append(RolloutChange::removal({clusterName, uid}));
            }
            c.store.remove(key);
            seen.insert(key); // gone: nothing to rebuild
            continue;
        }
        // Owners are found while the object is still there.
        touch(c.store.rolloutsAffectedBy(key));
        c.store.remove(key);
    }

    for (const QJsonObject &object : upserts) {
        ObjectKey key;
        if (object.contains(kindKey)) {
            key = c.store.upsert(object);
        } else {
            QJsonObject withKind = object;
            withKind.insert(kindKey, kind);
            key = c.store.upsert(withKind);
        }
        if (key.kind == ObjectKind::Unknown)
            continue;
        if (key.kind == ObjectKind::Rollout)
            seen.remove(key); // deleted and re-created in one batch: rebuild
        touch(c.store.rolloutsAffectedBy(key));
    }

    const QDateTime now = m_model ? m_model->now() : QDateTime::currentDateTimeUtc();
    for (const ObjectKey &key : std::as_const(affected)) {
        const Rollout *ro = c.store.rollout(key.namespaceName, key.name);
        if (!ro)
            continue;
        RolloutRow row = rolloutRowFromInfo(clusterName, buildRolloutInfo(*ro, c.store, now));
        row.uid = rowUid(*ro);
        const EnvironmentMap::Match environment = m_environments.environmentFor(clusterName, row.namespaceName);
        row.environment = environment.name;
        row.environmentRank = environment.rank;
        // Re-created under the same name with a new UID: the old row goes.
        const auto it = c.rolloutUids.find(key);
        if (it != c.rolloutUids.end() && *it != row.uid)
            changes.append(RolloutChange::removal({clusterName, *it}));
        c.rolloutUids.insert(key, row.uid);
        changes.append(RolloutChange::upsert(std::move(row)));
    }
    if (m_model)
        m_model->apply(changes);
    else if (m_sink && !changes.isEmpty())
        m_sink(std::move(changes));
}

void retagEnvironments(RolloutListModel &model, const EnvironmentMap &map)
{
    QList<RolloutRow> retagged;
    for (int r = 0; r < model.rowCount(); ++r) {
        RolloutRow row = model.rowAt(r);
        const EnvironmentMap::Match environment = map.environmentFor(row.cluster, row.namespaceName);
        if (row.environment == environment.name && row.environmentRank == environment.rank)
            continue;
        row.environment = environment.name;
        row.environmentRank = environment.rank;
        retagged.append(std::move(row));
    }
    model.upsert(retagged);
}

void RolloutFeed::setEnvironmentMap(const EnvironmentMap &map)
{
    m_environments = map;
    if (m_model)
        retagEnvironments(*m_model, map);
}

void RolloutFeed::removeCluster(const QString &clusterName)
{
    m_clusters.remove(clusterName);
    if (m_model)
        m_model->removeCluster(clusterName);
}

void RolloutFeed::setSourceStale(const QString &clusterName, const QString &source, const Staleness &staleness)
{
    if (cluster(clusterName).staleness.setStale(source, staleness))
        updateStaleness(clusterName);
}

void RolloutFeed::setSourceLive(const QString &clusterName, const QString &source)
{
    const auto found = m_clusters.constFind(clusterName);
    if (found == m_clusters.cend())
        return;
    if ((*found)->staleness.setLive(source))
        updateStaleness(clusterName);
}

void RolloutFeed::updateStaleness(const QString &clusterName)
{
    if (!m_model)
        return;
    const Staleness &staleness = m_clusters.value(clusterName)->staleness.combined();
    if (staleness.isStale())
        m_model->setClusterStale(clusterName, staleness);
    else
        m_model->setClusterLive(clusterName);
}

} // namespace rolldeck
