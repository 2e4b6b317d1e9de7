#pragma once

// What the console's step timeline, blue-green view and detail header draw: a canary's steps with their state, the
// analysis verdicts with the failing metric, a blue-green rollout's two sides and its clocks, and the last action
// Rolldeck recorded on the rollout (annotation rolldeck.io/last-action). Plain values, built with the rollout view
// (buildRolloutInfo) from the same objects and the same clock. Design: docs/rollout-detail.md.

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace rolldeck {

class ObjectStore;
struct AnalysisRun;
struct ReplicaSetInfo;
struct Rollout;

// An analysis run's outcome for people: its phase and, when a metric failed (or was inconclusive, or errored),
// which one, its last measured value and the condition it was held to.
struct AnalysisVerdict
{
    QString run;   // the AnalysisRun's name
    QString phase; // Pending, Running, Successful, Failed, Error, Inconclusive
    QString message;
    QString metric;    // the metric that decided a bad verdict, "" when none did (or the run is good)
    QString value;     // its last measurement's value as written ("[0.9912]"), "" when unknown
    QString condition; // "failure: result[0] < 0.995" (failureCondition), else "success: ..."; "" when unknown

    bool isValid() const { return !run.isEmpty(); }
    bool isBad() const;      // Failed, Error or Inconclusive
    bool isFinished() const; // anything but Pending and Running
    friend bool operator==(const AnalysisVerdict &, const AnalysisVerdict &) = default;
};

AnalysisVerdict analysisVerdict(const AnalysisRun &run);

struct TimelineStep
{
    enum class Kind { SetWeight, Pause, Analysis, Experiment, SetCanaryScale, Other };
    enum class State { Done, Current, Pending, Aborted };

    int index = 0;
    Kind kind = Kind::Other;
    State state = State::Pending;
    int weight = 0;                    // setWeight: its weight; others: the weight in force at that step
    std::optional<qint64> durationMs;  // a pause with a duration, in the rollout's own time
    QString durationText;              // as written: "30m"
    std::optional<qint64> remainingMs; // the current timed pause: time left, in wall time (>= 0)
    QDateTime endsAt;                  // the current timed pause: when it ends, in wall time (a countdown)
    QString text;                      // kubectl's text: "setWeight: 5", "pause: 30m", "analysis"
    AnalysisVerdict analysis;          // an analysis step's run for the current revision, when it exists
    friend bool operator==(const TimelineStep &, const TimelineStep &) = default;
};

struct StepTimeline
{
    QList<TimelineStep> steps;
    std::optional<int> currentStepIndex;
    bool aborted = false;
    bool complete = false;      // past the last step
    AnalysisVerdict background; // the background analysis of the current revision, when there is one
    // The steps are the seed's phases: 5 % for 30 min, 25 % for 2 h, 50 % for 4 h, then 100 %.
    bool followsSeedPhases = false;

    bool isEmpty() const { return steps.isEmpty(); }
    friend bool operator==(const StepTimeline &, const StepTimeline &) = default;
};

// One side of a blue-green rollout: the ReplicaSet a Service selects.
struct BlueGreenSide
{
    QString replicaSet; // "" when none is selected
    int revision = 0;
    QStringList images;
    int ready = 0; // available pods
    int replicas = 0;
};

struct BlueGreenView
{
    BlueGreenSide active;
    BlueGreenSide preview;
    bool previewDiffers = false; // a new revision waits on the preview side
    bool autoPromotionEnabled = true;
    int autoPromotionSeconds = 0;                   // 0: promoted as soon as ready (when enabled)
    std::optional<qint64> autoPromotionRemainingMs; // while paused before an automatic promotion (wall time)
    int scaleDownDelaySeconds = 30;                 // how long the old side keeps running after the cutover
    QString scaleDownRemaining; // an old ReplicaSet's delay left ("25s", "passed"), "" when none runs
    AnalysisVerdict prePromotion;
    AnalysisVerdict postPromotion;
};

// The annotation rolldeck.io/last-action: {"verb","actor","time","reason","hash"} (docs/audit.md).
struct LastAction
{
    QString verb;
    QString actor;
    QDateTime time; // UTC; invalid when missing or unreadable
    QString reason;
    QString hash;

    bool isValid() const { return !verb.isEmpty(); }
    friend bool operator==(const LastAction &, const LastAction &) = default;
};

inline constexpr char16_t kLastActionAnnotation[] = u"rolldeck.io/last-action";

// Parses the annotation's JSON; an invalid (empty) value for anything else.
LastAction parseLastAction(const QString &annotation);

// Since when the rollout has been in its present state, for "paused for promotion for 12 min": the abort, the
// earliest pause, else the last transition of its Progressing condition (Degraded, progressing). Invalid when unknown.
QDateTime stateSince(const Rollout &rollout);

StepTimeline buildStepTimeline(const Rollout &rollout, const ObjectStore &store, const QDateTime &now,
                               double timeScale);
BlueGreenView buildBlueGreenView(const Rollout &rollout, const QList<ReplicaSetInfo> &sets, const ObjectStore &store,
                                 const QDateTime &now, double timeScale);

} // namespace rolldeck
