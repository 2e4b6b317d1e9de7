#pragma once

#include <QString>

namespace rolldeck {

struct DecisionState;
struct RolloutInfo;

// The console's action buttons. Promote and PromoteFull are one verb with two options.
enum class ActionKind { Promote, PromoteFull, Abort, Retry, Undo, Restart, Pause };

// Whether an action makes sense for a rollout as shown, and when not, why (a tooltip, translated).
struct ActionAvailability
{
    bool enabled = false;
    QString why;
};

// The rules follow what the controller does with each request (docs/actions.md): promote moves a paused or
// progressing update on; abort and pause need an update in progress; retry undoes an abort; undo needs an earlier
// revision. The server and the policy still decide; this only keeps pointless buttons out of reach.
ActionAvailability actionAvailability(ActionKind action, const RolloutInfo &info);
// The same rules on the state an action service read just before sending: whether the action still makes sense
// after the rollout changed (then it is asked again; else refused).
bool actionStillApplies(ActionKind action, const DecisionState &now);

} // namespace rolldeck
