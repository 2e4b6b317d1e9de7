#pragma once

#include "domain/Attention.h"
#include "DecisionState.h"
#include "KubeObject.h"
#include "RolloutTimeline.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

namespace rolldeck {

class ObjectStore;
struct Experiment;
struct Rollout;

// Icons as kubectl-argo-rollouts prints them (info.Icon*).
namespace icons {
inline constexpr char16_t kWaiting[] = u"◷";
inline constexpr char16_t kProgressing[] = u"◌";
inline constexpr char16_t kWarning[] = u"⚠";
inline constexpr char16_t kUnknown[] = u"?";
inline constexpr char16_t kOk[] = u"✔";
inline constexpr char16_t kBad[] = u"✖";
inline constexpr char16_t kPaused[] = u"॥";
inline constexpr char16_t kNeutral[] = u"•";
} // namespace icons

struct ReplicaCounts
{
    int desired = 0;
    int current = 0;
    int updated = 0;
    int ready = 0;
    int available = 0;
};

struct PodInfo
{
    QString name;
    QString namespaceName;
    QString uid;
    QDateTime created;
    QString age;    // humanised now - created ("7d")
    QString status; // kubectl-style: Running, ImagePullBackOff, Init:0/1, Terminating, ...
    QString icon;
    int readyContainers = 0;
    int totalContainers = 0;
    int restarts = 0;

    QString ready() const;    // "1/1"
    QString infoText() const; // "ready:1/1" or "ready:0/1,restarts:3"
};

struct ReplicaSetInfo
{
    QString name;
    QString namespaceName;
    QString uid;
    QDateTime created;
    QString age;
    int revision = 0;
    QString status; // Progressing, ReplicaFailure, ScaledDown, Healthy
    QString icon;
    bool stable = false;
    bool canary = false;
    bool active = false;
    bool preview = false;
    bool ping = false;
    bool pong = false;
    QString scaleDownDeadline;  // annotation scale-down-deadline as written
    QString scaleDownDelay;     // "3h59m", "passed", or "" when the annotation is missing or unparsable
    QString experimentTemplate; // annotation experiment.argoproj.io/template-name
    QString podTemplateHash;
    int replicas = 0;  // status.replicas
    int available = 0; // status.availableReplicas
    QStringList images;
    QStringList initContainerImages;
    QList<PodInfo> pods;

    // stable, canary|active|preview, ping, pong (the INFO column order)
    QStringList tags() const;
    // tags plus "delay:..." joined by "," as the INFO column shows it
    QString infoText() const;
};

struct JobInfo
{
    QString name;
    QString namespaceName;
    QDateTime created; // measurement startedAt
    QString age;
    QString status; // measurement phase
    QString icon;
};

struct AnalysisRunInfo
{
    QString name;
    QString namespaceName;
    QString uid;
    QDateTime created;
    QString age;
    int revision = 0;
    QString status; // status.phase
    QString icon;
    QString message;
    int successful = 0;
    int failed = 0;
    int inconclusive = 0;
    int error = 0;
    QList<JobInfo> jobs;

    // "✔ 4,✖ 4,? 1,⚠ 1", zeros left out
    QString countsText() const;
};

struct ImageInfo
{
    QString image;
    QStringList tags; // sorted, unique: stable, canary, active, preview, ping, pong, Σ:<template>
};

struct ExperimentInfo
{
    QString name;
    QString namespaceName;
    QString uid;
    QDateTime created;
    QString age;
    int revision = 0;
    QString status;
    QString icon;
    QString message;
    QList<ReplicaSetInfo> replicaSets;
    QList<AnalysisRunInfo> analysisRuns;
    Diagnostics diagnostics;

    // running images, tagged "Σ:<template>" when the ReplicaSet names its experiment template
    QList<ImageInfo> images() const;
};

struct RevisionInfo
{
    int revision = 0;
    QList<ReplicaSetInfo> replicaSets;
    QList<ExperimentInfo> experiments;
    QList<AnalysisRunInfo> analysisRuns;
};

// Status and message of a rollout (rolloututil.GetRolloutPhase), reference §2.1.
struct RolloutPhase
{
    QString status; // Healthy, Progressing, Paused, Degraded (or a controller-written phase)
    QString message;
};
RolloutPhase rolloutPhase(const Rollout &rollout);
QString rolloutIcon(const QString &status);

// The view of one rollout, as `kubectl argo rollouts get rollout` and the dashboard compute it.
struct RolloutInfo
{
    QString name;
    QString namespaceName;
    QString uid;
    QString resourceVersion;
    qint64 generation = 0;
    QDateTime created;
    QString age;
    SourceLocation source;

    QString status;
    QString message;
    QString icon;
    QString strategy; // "Canary", "BlueGreen" or ""

    // canary only
    std::optional<int> currentStepIndex; // status.currentStepIndex
    int stepCount = 0;
    QString step;         // "1/3", "" when no index or no steps (and for blue-green)
    QString currentStep;  // display text of the current step, "" when past the last one
    int setWeight = 0;    // desired weight (0 when aborted, max weight past the last step)
    int actualWeight = 0; // traffic-routed or available-pod share
    int maxWeight = 100;

    ReplicaCounts replicas;

    bool paused = false;                    // status Paused
    QStringList pauseReasons;               // status.pauseConditions[].reason
    std::optional<qint64> pauseRemainingMs; // time left of a timed canary pause (>= 0), nullopt when not timed
    bool aborted = false;                   // status.abort
    bool specPaused = false;                // spec.paused: paused by a person
    bool blueGreenAutoPromotes = false;     // a blue-green pause ends by itself after autoPromotionSeconds
    QString restartedAt;                    // status.restartedAt or "Never"

    QList<ImageInfo> images;
    QList<RevisionInfo> revisions; // descending

    int revision = 0;           // the rollout's revision (annotation rollout.argoproj.io/revision)
    bool trafficRouted = false; // canary: a traffic router sets the weights; else routing follows the replica share
    StepTimeline timeline;      // canary: the steps, their state and analysis verdicts
    BlueGreenView blueGreen;    // blue-green: the two sides and their clocks
    LastAction lastAction;      // annotation rolldeck.io/last-action; invalid when absent
    DecisionState decision;     // what an action on it decides on ("approve what you saw", DecisionState::of)
    QDateTime stateSince;       // since when it is in its present state (stateSince()): paused, aborted, degraded
    QList<AnalysisRunInfo> analysisRuns() const;
    QList<ReplicaSetInfo> replicaSets() const;

    // Problems with this rollout's data: references to missing ReplicaSets, wrong field types, ...
    Diagnostics diagnostics;

    bool isCanary() const { return strategy == QLatin1String("Canary"); }
    QString setWeightText() const;    // "" for non-canary
    QString actualWeightText() const; // "" for non-canary
    QString readyText() const;        // "ready/current", as `list rollouts` shows READY
    // What the attention rule (Attention.h) looks at, and its verdict for this rollout (staleness is the
    // caller's: it belongs to the cluster).
    AttentionFacts attentionFacts() const;
    AttentionReason attention() const { return attentionReason(attentionFacts()); }
    bool needsAttention() const { return attention() != AttentionReason::None; }
};

// Builds the view. `now` is the only clock: ages, delays and pause remaining are computed against it.
// `timeScale` is how many seconds of the rollout's own durations (a pause step's `duration`) pass per second of that
// clock: 1 for a real cluster; N for the demo cluster at --speed N, whose timestamps are wall time while its pauses
// last 1/N as long (docs/simulator.md, "Time"), so a 30m pause at speed 60 shows 30 s remaining when it starts.
RolloutInfo buildRolloutInfo(const Rollout &rollout, const ObjectStore &store, const QDateTime &now,
                             double timeScale = 1.0);
ExperimentInfo buildExperimentInfo(const Experiment &experiment, const ObjectStore &store, const QDateTime &now);

// What `kubectl argo rollouts status` prints: "Healthy", "Degraded" alone without watch, else
// "<Status> - <Message>"; with watch always "<Status> - <Message>".
QString statusCommandLine(const RolloutInfo &info, bool watch);
// The error `status` ends with for a degraded rollout ("The rollout is in a degraded state with message: ..."),
// empty otherwise.
QString statusCommandError(const RolloutInfo &info);

} // namespace rolldeck
