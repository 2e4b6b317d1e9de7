// libFuzzer target: `rolldeck abtest report`'s input (app/cli/AbTestInput; docs/fuzzing.md). Every input that
// parses is reported, so the A/B statistics see whatever counts, summaries and samples a file can hold.
#include "app/cli/AbTestInput.h"
#include "models/stats/AbReport.h"

#include <QRegularExpression>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

// The verdict without the names the file gave (a variant or metric may be called "banana"), so what is left is
// the report's own words and numbers.
QString ownWords(const rolldeck::stats::AbReport &report, const rolldeck::stats::AbTestInput &input)
{
    QStringList names{input.name, input.nameA, input.nameB};
    for (const rolldeck::stats::AbContinuousMetric &metric : input.metrics)
        names << metric.name << metric.unit;
    std::sort(names.begin(), names.end(), [](const QString &l, const QString &r) { return l.size() > r.size(); });
    QString words = report.verdict;
    for (const QString &name : std::as_const(names))
        if (!name.isEmpty())
            words.replace(name, QStringLiteral(" "));
    return words;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto input = rolldeck::parseAbTestInput(json, QStringLiteral("fuzz.json"));
    if (!input) {
        if (!input.error().startsWith(QLatin1String("fuzz.json")))
            std::abort(); // every problem names its source
        return 0;
    }
    const rolldeck::stats::AbReport report = rolldeck::stats::buildAbReport(*input);
    static const QRegularExpression notANumber(QStringLiteral("(^|\\W)[-+]?(nan|inf)(\\W|$)"));
    if (report.verdict.isEmpty() || notANumber.match(ownWords(report, *input)).hasMatch())
        std::abort(); // a verdict is always words and numbers, never a NaN or an infinity
    return 0;
}
