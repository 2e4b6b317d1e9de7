#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace rolldeck {

struct Rollout;

// What a person decides on when acting on a rollout ("approve what you saw", docs/actions.md): revision, step,
// phase, abort and pause state and the set weight. The actual weight moves as pods become ready and is not part of
// it; neither is the resourceVersion, which the controller moves with every status write.
struct DecisionState
{
    int revision = 0;             // annotation rollout.argoproj.io/revision
    std::optional<int> step;      // status.currentStepIndex (canary with steps)
    QString phase;                // Healthy, Progressing, Paused, Degraded
    bool aborted = false;         // status.abort
    bool paused = false;          // spec.paused, pause conditions or a controller pause
    std::optional<int> setWeight; // canary only
    QString resourceVersion;      // where it was read; not compared

    static DecisionState of(const Rollout &rollout);
    static DecisionState fromJson(const QJsonObject &json); // toJson()'s shape
    QJsonObject toJson() const;

    // What differs from `now`, one entry per field, in the order above: "step 3 → 4", "weight 25 → 50".
    QStringList changesTo(const DecisionState &now) const;
    // "revision 4, step 3, Paused, paused, weight 25"
    QString summary() const;
};

} // namespace rolldeck
