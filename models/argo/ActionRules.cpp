#include "argo/ActionRules.h"

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

bool updating(const RolloutInfo &info)
{
    return info.status == QLatin1String("Paused") || info.status == QLatin1String("Progressing");
}

} // namespace

ActionAvailability actionAvailability(ActionKind action, const RolloutInfo &info)
{
    switch (action) {
    case ActionKind::Promote:
    case ActionKind::PromoteFull:
        if (info.aborted)
            return no(QT_TRANSLATE_NOOP("ActionRules", "The update was aborted: retry it first."));
        if (!updating(info))
            return no(QT_TRANSLATE_NOOP("ActionRules", "Nothing to promote: no update is in progress."));
        return yes();
    case ActionKind::Abort:
        if (info.aborted)
            return no(QT_TRANSLATE_NOOP("ActionRules", "Already aborted."));
        if (!updating(info))
            return no(QT_TRANSLATE_NOOP("ActionRules", "Nothing to abort: no update is in progress."));
        return yes();
    case ActionKind::Retry:
        if (!info.aborted)
            return no(QT_TRANSLATE_NOOP("ActionRules", "Retry is for an aborted update."));
        return yes();
    case ActionKind::Undo:
        if (info.revisions.size() < 2)
            return no(QT_TRANSLATE_NOOP("ActionRules", "No earlier revision to go back to."));
        return yes();
    case ActionKind::Restart:
        return yes();
    case ActionKind::Pause:
        if (info.specPaused)
            return no(QT_TRANSLATE_NOOP("ActionRules", "Already paused by a person."));
        if (!updating(info))
            return no(QT_TRANSLATE_NOOP("ActionRules", "Nothing to pause: no update is in progress."));
        return yes();
    }
    return {};
}

} // namespace rolldeck
