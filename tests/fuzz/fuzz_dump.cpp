// libFuzzer target: the dump loader (`rolldeck inspect`), YAML and JSON, and what inspect does with what it loads:
// the object store, the rollout view and both renderings (docs/fuzzing.md).
#include "models/argo/ObjectStore.h"
#include "models/argo/RolloutFormat.h"
#include "models/argo/RolloutInfo.h"
#include "app/io/ObjectLoader.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace rolldeck;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const LoadResult loaded = ObjectLoader::parse(bytes, QStringLiteral("fuzz.yaml"));
    for (const Diagnostic &d : loaded.problems)
        (void)d.toString();
    ObjectStore store;
    for (const LoadedObject &object : loaded.objects)
        store.upsert(object.json, object.source);
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1800000000, Qt::UTC);
    for (const Rollout *rollout : store.rollouts()) {
        const RolloutInfo info = buildRolloutInfo(*rollout, store, now);
        (void)formatRolloutText(info);
        (void)rolloutInfoToJson(info);
    }
    for (const Experiment *experiment : store.experiments()) {
        const ExperimentInfo info = buildExperimentInfo(*experiment, store, now);
        (void)formatExperimentText(info);
        (void)experimentInfoToJson(info);
    }
    return 0;
}
