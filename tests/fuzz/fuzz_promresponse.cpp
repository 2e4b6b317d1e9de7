// libFuzzer target: the Prometheus and Alertmanager response parser (app/prometheus/PromParser; docs/fuzzing.md).
// The first byte picks the HTTP status the body arrives with; the rest is the body, read as every endpoint's
// answer.
#include "app/prometheus/PromParser.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace rolldeck::prom;
    if (size == 0)
        return 0;
    static const int statuses[] = {200, 200, 200, 200, 400, 401, 404, 422, 499, 500, 502, 503};
    const int status = statuses[data[0] % (sizeof(statuses) / sizeof(statuses[0]))];
    const QByteArray body(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const QString what = QStringLiteral("the fuzz request");
    const PromReply<QueryData> q = parseQueryResponse(body, status);
    if (q.ok()) {
        (void)q.value->conditionResult().display();
        (void)q.value->pointCount();
    } else {
        (void)q.error.describe(what);
    }
    (void)parseAlertsResponse(body, status).error.describe(what);
    (void)parseRulesResponse(body, status).error.describe(what);
    (void)parseBuildInfoResponse(body, status).error.describe(what);
    (void)parseAlertmanagerAlerts(body, status).error.describe(what);
    return 0;
}
