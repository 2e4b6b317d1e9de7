// libFuzzer target: `rolldeck abtest report`'s input (app/cli/AbTestInput; docs/fuzzing.md). Every input that
// parses is reported, so the A/B statistics see whatever counts, summaries and samples a file can hold.
#include "app/cli/AbTestInput.h"
#include "models/stats/AbReport.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

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
    if (report.verdict.isEmpty() || report.verdict.contains(QLatin1String("nan")))
        std::abort(); // a verdict is always words, never a NaN
    return 0;
}
