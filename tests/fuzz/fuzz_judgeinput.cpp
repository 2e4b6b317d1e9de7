// libFuzzer target: `rolldeck judge`'s input (app/cli/JudgeInput; docs/fuzzing.md). Every input that parses is
// judged, so the judge's statistics see whatever samples and settings a file can hold: NaN, huge, tied, empty.
#include "app/cli/JudgeInput.h"
#include "models/stats/CanaryJudge.h"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto request = rolldeck::parseJudgeInput(json, QStringLiteral("fuzz.json"));
    if (!request) {
        if (!request.error().startsWith(QLatin1String("fuzz.json")))
            std::abort(); // every problem names its source
        return 0;
    }
    const rolldeck::stats::JudgeResult result = rolldeck::stats::judgeCanary(request->metrics, request->settings);
    if (result.metrics.size() != request->metrics.size() || std::isnan(result.score))
        std::abort();
    for (qsizetype i = 0; i < result.metrics.size(); ++i)
        (void)rolldeck::stats::describeVerdict(result.metrics[i], request->metrics[i].config.unit);
    return 0;
}
