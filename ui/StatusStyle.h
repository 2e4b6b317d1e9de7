#pragma once

#include "models/itemmodels/RolloutRow.h"

#include <QColor>
#include <QIcon>

namespace rolldeck {

// How a rollout status looks in the console: the Argo glyph drawn as an icon in the status colour.
// Drawn, not typed: ॥ (U+0965) is missing from many desktop fonts, and a tofu box would read as "unknown".
QColor statusColor(StatusSeverity severity);
QIcon statusIconFor(StatusSeverity severity);

} // namespace rolldeck
