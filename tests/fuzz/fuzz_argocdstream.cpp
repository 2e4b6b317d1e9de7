// libFuzzer target: the Argo CD application stream (app/argocd/ApplicationStreamParser) and what the console reads of
// each event (models/argocd/Application::fromJson; docs/fuzzing.md). The first byte says where to cut the rest into
// chunks; the events must not depend on the cutting.
#include "app/argocd/ApplicationStreamParser.h"
#include "models/argocd/Application.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace rolldeck;
    if (size == 0)
        return 0;
    const int step = 1 + data[0] % 64;
    const QByteArray body(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    argocd::ApplicationStreamParser whole;
    const QList<argocd::StreamEvent> all = whole.feed(body);
    argocd::ApplicationStreamParser cut;
    QList<argocd::StreamEvent> pieces;
    for (qsizetype at = 0; at < body.size(); at += step)
        pieces << cut.feed(body.mid(at, step));
    if (whole.failed() != cut.failed())
        std::abort();
    if (!whole.failed() && pieces.size() != all.size())
        std::abort();
    for (const argocd::StreamEvent &e : all) {
        const Application app = Application::fromJson(e.application);
        (void)app.children();
        (void)app.rollouts();
        (void)Application::shortRevision(app.syncRevision);
    }
    return 0;
}
