#pragma once

#include "models/domain/Result.h"
#include "models/stats/AbReport.h"

#include <QByteArray>
#include <QString>

namespace rolldeck {

// What `rolldeck abtest report INPUT.json` reads (schema: docs/statistics.md, "rolldeck abtest report"): two
// variants with their configured weight, visits and conversions, α, power, the minimum effects, and continuous
// metrics as samples or summaries per variant. A problem names the source and the member's path.
inline constexpr qint64 kAbTestInputLimit = 64LL << 20;

Result<stats::AbTestInput> parseAbTestInput(const QByteArray &json, const QString &source);

} // namespace rolldeck
