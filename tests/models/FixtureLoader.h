#pragma once

#include "argo/ObjectStore.h"
#include "io/ObjectLoader.h"

#include <QDateTime>
#include <QJsonArray>
#include <QString>

#include <functional>

namespace rolldeck::test {

// The fixed clock every fixture test runs on. Half a second past the full second, so a deadline
// written with second precision (RFC 3339) lies just under a whole duration away, as it does upstream.
inline QDateTime fixedNow()
{
    return QDateTime(QDate(2026, 8, 17), QTime(10, 0, 0, 500), Qt::UTC);
}

inline QString fixtureDir(const QString &relative)
{
    return QStringLiteral(ROLLDECK_FIXTURES_DIR "/argo-rollouts/") + relative;
}

inline QString kubeTime(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

// Reads a scenario directory the way upstream's test loader does: every file in file-name order,
// every creationTimestamp set to now-7d, and the first metric's measurement times of each
// AnalysisRun set to the same. `edit` may change an object afterwards.
inline LoadResult scenarioObjects(const QString &dir, const QDateTime &now,
                                  const std::function<void(QJsonObject &)> &edit = {})
{
    LoadResult loaded = ObjectLoader::loadPaths({fixtureDir(dir)});
    const QString created = kubeTime(now.addDays(-7));
    for (LoadedObject &lo : loaded.objects) {
        QJsonObject &obj = lo.json;
        QJsonObject meta = obj.value(QLatin1String("metadata")).toObject();
        meta.insert(QStringLiteral("creationTimestamp"), created);
        obj.insert(QStringLiteral("metadata"), meta);
        if (obj.value(QLatin1String("kind")).toString() == QLatin1String("AnalysisRun")) {
            QJsonObject status = obj.value(QLatin1String("status")).toObject();
            QJsonArray results = status.value(QLatin1String("metricResults")).toArray();
            if (!results.isEmpty()) {
                QJsonObject first = results.at(0).toObject();
                QJsonArray measurements = first.value(QLatin1String("measurements")).toArray();
                for (qsizetype i = 0; i < measurements.size(); ++i) {
                    QJsonObject m = measurements.at(i).toObject();
                    m.insert(QStringLiteral("startedAt"), created);
                    m.insert(QStringLiteral("finishedAt"), created);
                    measurements.replace(i, m);
                }
                first.insert(QStringLiteral("measurements"), measurements);
                results.replace(0, first);
                status.insert(QStringLiteral("metricResults"), results);
                obj.insert(QStringLiteral("status"), status);
            }
        }
        if (edit)
            edit(obj);
    }
    return loaded;
}

// scenarioObjects() put into a store.
inline ObjectStore loadScenario(const QString &dir, const QDateTime &now, Diagnostics *problems = nullptr,
                                const std::function<void(QJsonObject &)> &edit = {})
{
    const LoadResult loaded = scenarioObjects(dir, now, edit);
    if (problems)
        problems->append(loaded.problems);
    ObjectStore store;
    for (const LoadedObject &lo : loaded.objects)
        store.upsert(lo.json, lo.source, problems);
    return store;
}

} // namespace rolldeck::test
