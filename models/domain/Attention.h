#pragma once

#include "Staleness.h"

#include <QLatin1StringView>
#include <QString>
#include <QStringList>

namespace rolldeck {

// Why a rollout needs a person: the one rule behind the console's attention filter and order and behind
// `rolldeck status`'s order and exit code. Decided from the rollout's display status (reference §2.1) and the few
// facts that tell whether a pause ends by itself. Staleness (a cluster whose watch is down) is a property of the
// cluster, not of the rollout, and is added by Attention below.
enum class AttentionReason {
    None,
    Aborted,              // status.abort set, or Degraded because the update was aborted (RolloutAborted)
    Degraded,             // Degraded for another reason (progress deadline exceeded, invalid spec)
    Failed,               // a legacy Error / InvalidSpec status
    Unknown,              // Unknown, or a status Rolldeck does not recognise
    ManuallyPaused,       // spec.paused: a person paused it, only a person resumes it
    InconclusiveAnalysis, // paused on an inconclusive analysis run or experiment: a person judges the result
    WaitingForPromotion,  // a canary pause step without a duration, a blue-green cutover without auto-promotion
};

// What the rule looks at; RolloutInfo::attentionFacts() fills it from a rollout, RolloutRow carries it.
struct AttentionFacts
{
    QString status;           // Healthy, Progressing, Paused, Degraded, or a legacy value
    QString message;          // the status message; for a Paused status without pauseReasons, its pause reason
    QStringList pauseReasons; // status.pauseConditions[].reason
    // The strategy's own pause resumes by itself: the current canary step is a pause with a duration, or a
    // blue-green rollout promotes automatically (autoPromotionEnabled, autoPromotionSeconds > 0).
    bool timedPause = false;
    bool specPaused = false; // spec.paused, set by a person (kubectl argo rollouts pause, the console)
    bool aborted = false;    // status.abort
};

// The rule. Evaluated in order: Degraded (Aborted when it was aborted), a legacy failure, aborted while the
// controller has not caught up, Unknown, paused by a person, paused on an inconclusive analysis, paused until
// promoted. A timed canary pause step and an auto-promoting blue-green pause resume by themselves: no attention.
AttentionReason attentionReason(const AttentionFacts &facts);
// The same rule on the facts in place (no copies: the table's sort evaluates it per comparison).
AttentionReason attentionReason(const QString &status, const QString &message, const QStringList &pauseReasons,
                                bool timedPause, bool specPaused, bool aborted);

// A rollout's reason together with its cluster's staleness: what a row of the console or of `rolldeck status` says.
struct Attention
{
    AttentionReason reason = AttentionReason::None;
    Staleness stale; // the cluster's
    QString guard;   // a rollback trigger the guard sees firing, in its words (docs/guard.md); empty when none

    bool isStale() const { return stale.isStale(); }
    bool needed() const { return reason != AttentionReason::None || isStale() || !guard.isEmpty(); }
    // For people (translated): "aborted", "waiting for promotion", "stale since 10:42:13 (connection refused)";
    // both joined by "; " when the rollout has a reason and its cluster is stale. Empty when none is needed.
    QString text() const;
    // Stable, untranslated key for scripts (--json): "aborted", "degraded", "failed", "unknown", "manuallyPaused",
    // "inconclusiveAnalysis", "waitingForPromotion", "stale", "rollbackTrigger", or "" when none is needed.
    QString key() const;

    friend bool operator==(const Attention &, const Attention &) = default;
};

// The reason in words (translated), "" for None.
QString attentionReasonText(AttentionReason reason);
QLatin1StringView attentionReasonKey(AttentionReason reason);

} // namespace rolldeck
