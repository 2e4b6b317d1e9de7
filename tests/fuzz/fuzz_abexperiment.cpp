// libFuzzer target: the live A/B source's readers of outside input (app/abtest; docs/fuzzing.md): a VirtualService
// with its rolldeck.io/ab-* annotations (from the cluster) and a Prometheus answer to the experiment's series query.
// The input is one JSON object {"virtualService": {...}, "prometheus": {...}}; what parses is reported.
#include "app/abtest/ExperimentInputs.h"
#include "app/abtest/ExperimentSpec.h"
#include "app/prometheus/PromParser.h"
#include "models/stats/AbReport.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QJsonObject doc =
        QJsonDocument::fromJson(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size))).object();
    const auto spec = rolldeck::abtest::experimentFromVirtualService(
        doc.value(QLatin1String("virtualService")).toObject(), QStringLiteral("fuzz"));
    if (!spec) {
        if (spec.error().isEmpty())
            std::abort(); // a failure always says why
        return 0;
    }
    if (spec->route.variants.size() != 2)
        std::abort();
    const QByteArray answer = QJsonDocument(doc.value(QLatin1String("prometheus")).toObject()).toJson();
    const auto reply = rolldeck::prom::parseQueryResponse(answer, 200);
    if (!reply.ok())
        return 0;
    const QString query = rolldeck::abtest::seriesQuery(*spec);
    const auto input = rolldeck::abtest::inputFromSeries(*spec, *reply.value, query);
    if (!input) {
        if (!input.error().contains(query))
            std::abort(); // a failure names the query
        return 0;
    }
    const rolldeck::stats::AbReport report = rolldeck::stats::buildAbReport(*input);
    if (report.verdict.isEmpty() || report.verdict.contains(QLatin1String("nan")))
        std::abort();
    return 0;
}
