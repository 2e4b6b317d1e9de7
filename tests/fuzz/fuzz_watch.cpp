// libFuzzer target: the watch stream's line splitter and event parser (docs/fuzzing.md). The input is cut into
// chunks at places the input itself chooses, as the network would; the lines must not depend on the cutting.
#include "app/kube/WatchParser.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <QByteArray>
#include <QList>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace rolldeck::kube;
    FuzzedDataProvider provider(data, size);
    // The first bytes choose the chunk sizes, the rest is the stream.
    QList<size_t> cuts;
    for (int i = 0; i < 8 && provider.remaining_bytes() > 0; ++i)
        cuts.append(provider.ConsumeIntegralInRange<size_t>(1, 4096));
    const std::string stream = provider.ConsumeRemainingBytesAsString();
    const QByteArray whole = QByteArray::fromStdString(stream);

    WatchLineSplitter once;
    const QList<QByteArray> expected = once.feed(whole);

    WatchLineSplitter chunked;
    QList<QByteArray> lines;
    qsizetype at = 0;
    for (qsizetype i = 0; at < whole.size(); ++i) {
        const qsizetype n = cuts.isEmpty() ? whole.size() : qsizetype(cuts.at(i % cuts.size()));
        lines += chunked.feed(whole.mid(at, n));
        at += n;
    }
    if (lines != expected || chunked.pending() != once.pending())
        std::abort(); // the cutting changed what was read

    for (const QByteArray &line : lines) {
        const std::optional<WatchEvent> event = parseWatchEvent(line);
        if (event && event->type != WatchEvent::Type::Error && event->type != WatchEvent::Type::Bookmark &&
            event->uid.isEmpty())
            std::abort(); // an object without identity must not reach the cache
    }
    return 0;
}
