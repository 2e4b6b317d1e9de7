#pragma once

// setSplit (docs/actions.md): the weights of one HTTP route of an Istio VirtualService that no Rollout manages, as a
// JSON patch whose first operation (added by the route) is the resourceVersion precondition.

#include "models/domain/Result.h"
#include "actions/ActionTypes.h"
#include "actions/RolloutPlan.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace rolldeck::actions {

QString virtualServicePath(const QString &ns, const QString &name);
// The API path of an action's object: a Rollout, or a VirtualService for setSplit.
QString targetPath(const ActionTarget &target);
// The apiVersion of the target's kind, for the Event's involvedObject.
QString targetApiVersion(const ActionTarget &target);

// For each destination of `weights`, found in spec.http[httpRoute] of `virtualService` by host and subset: a "test"
// of its host (and subset) and an "add" of its weight; the route's other destinations keep theirs. Fails when the
// route or a destination is missing, a weight is outside 0–100, or the weights of the route do not add up to 100.
// Nothing to send (noop) when every weight already is as asked.
Result<ActionPlan> planSetSplit(const QJsonObject &virtualService, int httpRoute,
                                const QList<SplitDestination> &weights);

} // namespace rolldeck::actions
