#include "RolloutRow.h"

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

bool RolloutRow::waitingForHuman() const
{
    if (statusSeverity(status) != StatusSeverity::Paused)
        return false;
    return !(message == u"CanaryPauseStep" && timedPause);
}

bool RolloutRow::needsAttention() const
{
    switch (statusSeverity(status)) {
    case StatusSeverity::Degraded:
    case StatusSeverity::Error:
    case StatusSeverity::Unknown:
        return true;
    case StatusSeverity::Paused:
        return waitingForHuman();
    case StatusSeverity::Healthy:
    case StatusSeverity::ScaledDown:
    case StatusSeverity::Progressing:
        return false;
    }
    return false;
}

} // namespace rolldeck
