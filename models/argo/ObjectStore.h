#pragma once

#include "Analysis.h"
#include "KubeObject.h"
#include "Pod.h"
#include "ReplicaSet.h"
#include "Rollout.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>

namespace rolldeck {

// Which kinds the store understands; everything else is ignored (kept out, not an error).
enum class ObjectKind {
    Rollout,
    ReplicaSet,
    Pod,
    Experiment,
    AnalysisRun,
    AnalysisTemplate,
    ClusterAnalysisTemplate,
    Deployment,
    Job,
    Unknown
};
ObjectKind objectKindFromName(const QString &kind);

// Identity of an object in the store: kind + namespace + name (as the API server identifies it).
// UIDs are only used to resolve ownership; several objects may claim one UID in saved dumps.
struct ObjectKey
{
    ObjectKind kind = ObjectKind::Unknown;
    QString namespaceName;
    QString name;

    friend bool operator==(const ObjectKey &, const ObjectKey &) = default;
};
size_t qHash(const ObjectKey &key, size_t seed = 0) noexcept;

// All parsed objects of one cluster (or one saved dump), indexed by owner UID so a rollout's
// tree is found without scanning. Upserts and removals are incremental. Within a kind, listing
// order is first-insertion order (file-name order when loaded from a directory).
class ObjectStore
{
public:
    ObjectStore();
    ~ObjectStore();
    ObjectStore(ObjectStore &&) noexcept;
    ObjectStore &operator=(ObjectStore &&) noexcept;

    // Parses and adds or replaces the object (same kind/namespace/name). Unknown kinds are skipped
    // (returns an invalid key). Parse problems are returned and kept with the object.
    ObjectKey upsert(const QJsonObject &json, const SourceLocation &source = {}, Diagnostics *problems = nullptr);
    bool remove(const ObjectKey &key);
    void clear();
    int size() const;

    const Rollout *rollout(const QString &namespaceName, const QString &name) const;
    const Experiment *experiment(const QString &namespaceName, const QString &name) const;
    const Deployment *deployment(const QString &namespaceName, const QString &name) const;
    const ReplicaSet *replicaSet(const QString &namespaceName, const QString &name) const;
    const AnalysisTemplate *analysisTemplate(const QString &namespaceName, const QString &name) const;
    const AnalysisTemplate *clusterAnalysisTemplate(const QString &name) const;

    QList<const Rollout *> rollouts() const;
    QList<const Experiment *> experiments() const;
    QList<const AnalysisRun *> analysisRuns() const;

    // Children by ownerReference UID, in insertion order.
    QList<const ReplicaSet *> replicaSetsOwnedBy(const QString &ownerUid) const;
    QList<const Pod *> podsOwnedBy(const QString &ownerUid) const;
    QList<const Experiment *> experimentsOwnedBy(const QString &ownerUid) const;
    QList<const AnalysisRun *> analysisRunsOwnedBy(const QString &ownerUid) const;

    // Rollouts whose view may change when this object changes: walks ownerReferences upwards
    // (pod -> ReplicaSet -> Experiment -> Rollout), safe against cycles. For an update that may change
    // the owners, or a removal, ask before the change as well as after it (or keep the old owner UIDs
    // and use rolloutsOwningUids).
    QList<ObjectKey> rolloutsAffectedBy(const ObjectKey &key) const;
    // The same for an object given by its owner UIDs (e.g. one that was just removed).
    QList<ObjectKey> rolloutsOwningUids(const QStringList &ownerUids) const;

    // Parse problems of one object (wrong field types, missing kind/name), as found at its last upsert.
    Diagnostics problemsOf(const ObjectKey &key) const;
    // Parse problems of all objects plus ownership problems: an ownerReference to a kind the store
    // tracks whose UID no object has, and ownership cycles.
    Diagnostics diagnostics() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace rolldeck
