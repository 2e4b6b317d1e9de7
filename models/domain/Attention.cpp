#include "Attention.h"

#include "itemmodels/RolloutRow.h"

#include <QCoreApplication>

namespace rolldeck {

namespace {

// One translation context for lupdate and at run time (no QObject here).
struct AttentionText
{
    Q_DECLARE_TR_FUNCTIONS(Attention)
};

bool isInconclusive(const QString &reason)
{
    return reason == u"InconclusiveAnalysisRun" || reason == u"InconclusiveExperiment";
}

// The strategy's own pause: it ends by promotion, or by itself when timed.
bool isStrategyPause(const QString &reason)
{
    return reason == u"CanaryPauseStep" || reason == u"BlueGreenPause";
}

} // namespace

AttentionReason attentionReason(const AttentionFacts &facts)
{
    return attentionReason(facts.status, facts.message, facts.pauseReasons, facts.timedPause, facts.specPaused,
                           facts.aborted);
}

AttentionReason attentionReason(const QString &status, const QString &message, const QStringList &pauseReasons,
                                bool timedPause, bool specPaused, bool aborted)
{
    const StatusSeverity severity = statusSeverity(status);
    if (severity == StatusSeverity::Degraded) {
        // Current controllers write "RolloutAborted: Rollout aborted update to revision N[: why]" (reference §2.1).
        return aborted || message.startsWith(u"RolloutAborted") ? AttentionReason::Aborted : AttentionReason::Degraded;
    }
    if (severity == StatusSeverity::Error)
        return AttentionReason::Failed;
    // status.abort is set by a person or the controller; until the controller writes Degraded the rollout already
    // scales the canary down, and it stays so until someone retries or deploys anew.
    if (aborted)
        return AttentionReason::Aborted;
    if (severity == StatusSeverity::Unknown)
        return AttentionReason::Unknown;
    // spec.paused wins over every pause the controller made (and over "waiting for rollout to unpause" while the
    // controller has not caught up): only a person clears it.
    if (specPaused)
        return AttentionReason::ManuallyPaused;
    if (severity != StatusSeverity::Paused)
        return AttentionReason::None;

    // A controller-written phase may come without the conditions it was derived from: its message is then the
    // first pause reason (or "manually paused").
    const auto verdict = [timedPause](const QString &reason) {
        if (isInconclusive(reason))
            return AttentionReason::InconclusiveAnalysis;
        if (reason == u"manually paused")
            return AttentionReason::ManuallyPaused;
        // A strategy pause that is not timed waits for promotion; so does a pause reason Rolldeck does not know
        // (promote clears every pause condition).
        if (!isStrategyPause(reason) || !timedPause)
            return AttentionReason::WaitingForPromotion;
        return AttentionReason::None;
    };
    if (pauseReasons.isEmpty())
        return verdict(message);
    AttentionReason result = AttentionReason::None;
    for (const QString &reason : pauseReasons) {
        const AttentionReason r = verdict(reason);
        if (r == AttentionReason::InconclusiveAnalysis || r == AttentionReason::ManuallyPaused)
            return r;
        if (r != AttentionReason::None)
            result = r;
    }
    return result;
}

QString attentionReasonText(AttentionReason reason)
{
    switch (reason) {
    case AttentionReason::None:
        return {};
    case AttentionReason::Aborted:
        return AttentionText::tr("aborted");
    case AttentionReason::Degraded:
        return AttentionText::tr("degraded");
    case AttentionReason::Failed:
        return AttentionText::tr("failed");
    case AttentionReason::Unknown:
        return AttentionText::tr("status unknown");
    case AttentionReason::ManuallyPaused:
        return AttentionText::tr("paused by a person");
    case AttentionReason::InconclusiveAnalysis:
        return AttentionText::tr("analysis inconclusive");
    case AttentionReason::WaitingForPromotion:
        return AttentionText::tr("waiting for promotion");
    }
    return {};
}

QLatin1StringView attentionReasonKey(AttentionReason reason)
{
    switch (reason) {
    case AttentionReason::None:
        return {};
    case AttentionReason::Aborted:
        return QLatin1StringView("aborted");
    case AttentionReason::Degraded:
        return QLatin1StringView("degraded");
    case AttentionReason::Failed:
        return QLatin1StringView("failed");
    case AttentionReason::Unknown:
        return QLatin1StringView("unknown");
    case AttentionReason::ManuallyPaused:
        return QLatin1StringView("manuallyPaused");
    case AttentionReason::InconclusiveAnalysis:
        return QLatin1StringView("inconclusiveAnalysis");
    case AttentionReason::WaitingForPromotion:
        return QLatin1StringView("waitingForPromotion");
    }
    return {};
}

QString Attention::text() const
{
    QString out = attentionReasonText(reason);
    if (isStale()) {
        if (!out.isEmpty())
            out += QStringLiteral("; ");
        out += stale.text();
    }
    if (!guard.isEmpty()) {
        if (!out.isEmpty())
            out += QStringLiteral("; ");
        out += guard;
    }
    return out;
}

QString Attention::key() const
{
    if (reason != AttentionReason::None)
        return attentionReasonKey(reason);
    if (isStale())
        return QStringLiteral("stale");
    return guard.isEmpty() ? QString() : QStringLiteral("rollbackTrigger");
}

} // namespace rolldeck
