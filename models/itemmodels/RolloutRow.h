#pragma once

#include "domain/Attention.h"
#include "argo/RolloutTimeline.h"

#include <QDateTime>
#include <QHashFunctions>
#include <QString>
#include <QStringList>

#include <optional>

namespace rolldeck {

struct RolloutInfo;

// Identity of a row in the rollout list: a rollout's UID is unique only within one cluster.
struct RolloutKey
{
    QString cluster;
    QString uid;

    friend bool operator==(const RolloutKey &, const RolloutKey &) = default;
};

inline size_t qHash(const RolloutKey &key, size_t seed = 0) noexcept
{
    return qHashMulti(seed, key.cluster, key.uid);
}

// How bad a rollout status is; the numeric order is the sort order (worst last).
enum class StatusSeverity {
    Healthy = 0,
    ScaledDown = 1, // legacy value, shown with •
    Progressing = 2,
    Paused = 3,
    Unknown = 4,
    Error = 5, // legacy Error / InvalidSpec, shown with ⚠
    Degraded = 6,
};

StatusSeverity statusSeverity(const QString &status);

// The kubectl-argo-rollouts icon for a rollout status: ✔ ◌ ॥ ✖ ⚠ ? •.
QString statusIcon(const QString &status);

// One line of the rollout list: the values the list shows, already computed by the Argo display rules
// (reference/argo-rollouts.md §2). Built from a rollout view by one adapter function; plain values only,
// so that comparing two rows tells whether anything shown changed.
struct RolloutRow
{
    QString cluster;
    QString environment;      // the workspace environment (cluster, namespace) belongs to; empty when none
    int environmentRank = -1; // its place in the workspace's order (sorting); -1 when none
    QString uid;
    QString namespaceName;
    QString name;
    QString resourceVersion;
    QString strategy; // "Canary" or "BlueGreen"
    QString status;   // Healthy, Progressing, Paused, Degraded (or a legacy value)
    QString message;
    QString step; // "i/n", empty when not shown
    int currentStepIndex = -1;
    int stepCount = 0;
    std::optional<int> setWeight;    // canary only
    std::optional<int> actualWeight; // canary only
    int desiredReplicas = 0;
    int currentReplicas = 0;
    int updatedReplicas = 0;
    int readyReplicas = 0;
    int availableReplicas = 0;
    QDateTime created;
    // The strategy's own pause resumes by itself: the current canary step is a pause with a duration, or a
    // blue-green rollout promotes automatically after autoPromotionSeconds.
    bool timedPause = false;
    QStringList pauseReasons; // status.pauseConditions[].reason
    bool specPaused = false;  // spec.paused: paused by a person
    bool aborted = false;     // status.abort
    QDateTime stateSince;     // since when it is paused, aborted or degraded (RolloutInfo::stateSince)
    LastAction lastAction;    // who last acted on it through Rolldeck (annotation rolldeck.io/last-action)
    StepTimeline timeline;    // canary: the steps as the presenter board draws them
    bool trafficRouted = false;

    RolloutKey key() const { return {cluster, uid}; }

    // The attention rule (Attention.h) on this row's facts. Staleness is per cluster and added by the model.
    AttentionFacts attentionFacts() const;
    AttentionReason attention() const
    {
        return attentionReason(status, message, pauseReasons, timedPause, specPaused, aborted);
    }
    bool needsAttention() const { return attention() != AttentionReason::None; }
    // Paused for a person to decide: by a person, on an inconclusive analysis, or until promoted.
    bool waitingForHuman() const;

    friend bool operator==(const RolloutRow &, const RolloutRow &) = default;
};

// The one adapter from the rollout view (argo/RolloutInfo.h) to a list row of `cluster`.
RolloutRow rolloutRowFromInfo(const QString &cluster, const RolloutInfo &info);

} // namespace rolldeck
