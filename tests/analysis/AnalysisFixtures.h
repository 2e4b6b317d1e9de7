#pragma once

#include "models/argo/Analysis.h"
#include "app/io/ObjectLoader.h"

#include <QJsonObject>
#include <QString>

namespace rolldeck::test {

// Argo CD's fixtures are older AnalysisRuns with the metrics under spec.analysisSpec; move them where v1 has them.
inline QJsonObject normalizedRun(QJsonObject json)
{
    QJsonObject spec = json.value(QLatin1String("spec")).toObject();
    const QJsonObject legacy = spec.value(QLatin1String("analysisSpec")).toObject();
    if (!legacy.isEmpty()) {
        spec.insert(QStringLiteral("metrics"), legacy.value(QLatin1String("metrics")));
        json.insert(QStringLiteral("spec"), spec);
    }
    return json;
}

inline QString argoCdRunDir()
{
    return QStringLiteral(ROLLDECK_FIXTURES_DIR "/argocd/resource_customizations/AnalysisRun/testdata");
}

inline QString rolloutsScenarioDir(const char *scenario)
{
    return QStringLiteral(ROLLDECK_FIXTURES_DIR "/argo-rollouts/pkg/kubectl-argo-rollouts/info/testdata/") +
           QLatin1String(scenario);
}

// Every AnalysisRun in a folder, with the file it came from.
inline QList<std::pair<QString, AnalysisRun>> analysisRunsIn(const QString &dir)
{
    QList<std::pair<QString, AnalysisRun>> runs;
    const LoadResult loaded = ObjectLoader::loadPaths({dir});
    for (const LoadedObject &lo : loaded.objects) {
        if (lo.json.value(QLatin1String("kind")).toString() == QLatin1String("AnalysisRun"))
            runs.append({lo.source.file, AnalysisRun::fromJson(normalizedRun(lo.json))});
    }
    return runs;
}

} // namespace rolldeck::test
