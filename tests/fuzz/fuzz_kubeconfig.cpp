// libFuzzer target: the kubeconfig reader (docs/fuzzing.md). Files the input names are looked up relative to a
// folder that does not exist; absolute paths are read within the reader's own limits.
#include "app/kube/Kubeconfig.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace rolldeck::kube;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const Kubeconfig config = parseKubeconfig(bytes, QStringLiteral("/nonexistent/rolldeck-fuzz/config"));
    for (const KubeconfigProblem &p : config.problems)
        (void)p.toString();
    (void)config.context(config.currentContext);
    return 0;
}
