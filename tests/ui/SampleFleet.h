#pragma once

#include "models/itemmodels/RolloutRow.h"

#include <QDateTime>
#include <QList>

namespace rolldeck::test {

// A realistic mix of rollouts across three clusters, as a release manager sees them on a busy day:
// canaries at various steps, a blue-green awaiting promotion, an aborted canary, one unknown.
QList<RolloutRow> sampleFleet(const QDateTime &now);

} // namespace rolldeck::test
