// libFuzzer target: the workspace reader (docs/fuzzing.md), conditions included.
#include "app/workspace/Workspace.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace rolldeck;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const WorkspaceParse parsed =
        parseWorkspace(bytes, QStringLiteral("fuzz-workspace.yaml"), QStringLiteral("/nonexistent/rolldeck-fuzz"));
    for (const WorkspaceError &e : parsed.errors)
        (void)e.toString();
    return 0;
}
