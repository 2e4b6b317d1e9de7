#include "RolloutRow.h"

#include "argo/RolloutInfo.h"

namespace rolldeck {

StatusSeverity statusSeverity(const QString &status)
{
    if (status == u"Healthy")
        return StatusSeverity::Healthy;
    if (status == u"Progressing")
        return StatusSeverity::Progressing;
    if (status == u"Paused")
        return StatusSeverity::Paused;
    if (status == u"Degraded")
        return StatusSeverity::Degraded;
    if (status == u"Error" || status == u"InvalidSpec")
        return StatusSeverity::Error;
    if (status == u"ScaledDown")
        return StatusSeverity::ScaledDown;
    return StatusSeverity::Unknown;
}

QString statusIcon(const QString &status)
{
    switch (statusSeverity(status)) {
    case StatusSeverity::Healthy:
        return QStringLiteral("✔");
    case StatusSeverity::ScaledDown:
        return QStringLiteral("•");
    case StatusSeverity::Progressing:
        return QStringLiteral("◌");
    case StatusSeverity::Paused:
        return QStringLiteral("॥");
    case StatusSeverity::Unknown:
        return QStringLiteral("?");
    case StatusSeverity::Error:
        return QStringLiteral("⚠");
    case StatusSeverity::Degraded:
        return QStringLiteral("✖");
    }
    return QStringLiteral("?");
}

AttentionFacts RolloutRow::attentionFacts() const
{
    AttentionFacts f;
    f.status = status;
    f.message = message;
    f.pauseReasons = pauseReasons;
    f.timedPause = timedPause;
    f.specPaused = specPaused;
    f.aborted = aborted;
    return f;
}

bool RolloutRow::waitingForHuman() const
{
    switch (attention()) {
    case AttentionReason::ManuallyPaused:
    case AttentionReason::InconclusiveAnalysis:
    case AttentionReason::WaitingForPromotion:
        return true;
    case AttentionReason::None:
    case AttentionReason::Aborted:
    case AttentionReason::Degraded:
    case AttentionReason::Failed:
    case AttentionReason::Unknown:
        return false;
    }
    return false;
}

RolloutRow rolloutRowFromInfo(const QString &cluster, const RolloutInfo &info)
{
    RolloutRow r;
    r.cluster = cluster;
    r.uid = info.uid;
    r.namespaceName = info.namespaceName;
    r.name = info.name;
    r.resourceVersion = info.resourceVersion;
    r.strategy = info.strategy;
    r.status = info.status;
    r.message = info.message;
    r.step = info.step;
    if (info.isCanary()) {
        if (info.currentStepIndex && info.stepCount > 0) {
            r.currentStepIndex = *info.currentStepIndex;
            r.stepCount = info.stepCount;
        }
        r.setWeight = info.setWeight;
        r.actualWeight = info.actualWeight;
    }
    r.desiredReplicas = info.replicas.desired;
    r.currentReplicas = info.replicas.current;
    r.updatedReplicas = info.replicas.updated;
    r.readyReplicas = info.replicas.ready;
    r.availableReplicas = info.replicas.available;
    r.created = info.created;
    const AttentionFacts facts = info.attentionFacts();
    r.timedPause = facts.timedPause;
    r.pauseReasons = facts.pauseReasons;
    r.specPaused = facts.specPaused;
    r.aborted = facts.aborted;
    r.stateSince = info.stateSince;
    r.lastAction = info.lastAction;
    r.timeline = info.timeline;
    r.trafficRouted = info.trafficRouted;
    return r;
}

} // namespace rolldeck
