#include "argo/ActionRules.h"

#include "argo/DecisionState.h"
#include "argo/RolloutInfo.h"

#include <QCoreApplication>

namespace rolldeck {

namespace {

ActionAvailability yes()
{
    return {true, {}};
}

ActionAvailability no(const char *why)
{
    return {false, QCoreApplication::translate("ActionRules", why)};
}

bool updating(const QString &phase)
{
    return phase == QLatin1String("Paused") || phase == QLatin1String("Progressing");
}

// What the rollout's phase and abort state allow, the rule both entry points share; "" when allowed.
const char *stateRule(ActionKind action, const QString &phase, bool aborted)
{
    switch (action) {
    case ActionKind::Promote:
    case ActionKind::PromoteFull:
        if (aborted)
            return QT_TRANSLATE_NOOP("ActionRules", "The update was aborted: retry it first.");
        return updating(phase) ? "" : QT_TRANSLATE_NOOP("ActionRules", "Nothing to promote: no update is in progress.");
    case ActionKind::Abort:
        if (aborted)
            return QT_TRANSLATE_NOOP("ActionRules", "Already aborted.");
        return updating(phase) ? "" : QT_TRANSLATE_NOOP("ActionRules", "Nothing to abort: no update is in progress.");
    case ActionKind::Retry:
        return aborted ? "" : QT_TRANSLATE_NOOP("ActionRules", "Retry is for an aborted update.");
    case ActionKind::Pause:
        return updating(phase) && !aborted
                   ? ""
                   : QT_TRANSLATE_NOOP("ActionRules", "Nothing to pause: no update is in progress.");
    case ActionKind::Undo:
    case ActionKind::Restart:
        return "";
    }
    return "";
}

} // namespace

ActionAvailability actionAvailability(ActionKind action, const RolloutInfo &info)
{
    if (action == ActionKind::Undo && info.revisions.size() < 2)
        return no(QT_TRANSLATE_NOOP("ActionRules", "No earlier revision to go back to."));
    if (action == ActionKind::Pause && info.specPaused)
        return no(QT_TRANSLATE_NOOP("ActionRules", "Already paused by a person."));
    const char *why = stateRule(action, info.status, info.aborted);
    return *why ? no(why) : yes();
}

bool actionStillApplies(ActionKind action, const DecisionState &now)
{
    return !*stateRule(action, now.phase, now.aborted);
}

} // namespace rolldeck
