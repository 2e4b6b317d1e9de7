#pragma once

#include "models/domain/Result.h"
#include "models/stats/CanaryJudge.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace rolldeck {

// What `rolldeck judge INPUT.json` reads (schema: docs/statistics.md, "rolldeck judge"): the judge's settings and,
// per metric, its configuration with the control and experiment samples. A problem names the source, the line and
// column for JSON syntax, and the member's path ("metrics[2].control[5]: expected a number or null").
struct JudgeRequest
{
    stats::JudgeSettings settings;
    QList<stats::JudgeInput> metrics;
};

// Judge inputs are generated, not hand-written: a million samples is about 20 MiB of JSON.
inline constexpr qint64 kJudgeInputLimit = 64LL << 20;

Result<JudgeRequest> parseJudgeInput(const QByteArray &json, const QString &source);

} // namespace rolldeck
