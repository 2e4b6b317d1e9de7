// The Prometheus and Alertmanager response parser (app/prometheus/PromParser): the upstream API examples, the
// special float values, every error shape, and messages that name the request.
#include "app/prometheus/PromParser.h"
#include "app/prometheus/PrometheusClient.h"

#include <QFile>
#include <QTest>

#include <cmath>

using namespace rolldeck::prom;

namespace {

QByteArray fixture(const char *name)
{
    QFile f(QStringLiteral(ROLLDECK_FIXTURES_DIR "/prometheus/") + QLatin1String(name));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestPromParser : public QObject
{
    Q_OBJECT

private slots:
    void upstreamExamples();
    void kayentaCaptures();
    void specialValues();
    void conditionResult();
    void errorShapes_data();
    void errorShapes();
    void warningsAndInfos();
    void malformed_data();
    void malformed();
    void alertsRulesBuildInfo();
    void alertmanager();
    void stepChoice_data();
    void stepChoice();
    void endpointsPerEnvironment();
};

void TestPromParser::upstreamExamples()
{
    PromReply<QueryData> r = parseQueryResponse(fixture("from-openapi-examples/api-v1-query-vector.json"), 200);
    QVERIFY2(r.ok(), qPrintable(r.error.detail));
    QCOMPARE(int(r.value->type), int(QueryData::Type::Vector));
    QCOMPARE(int(r.value->series.size()), 2);
    QCOMPARE(r.value->series[0].labels.value(QStringLiteral("job")), QStringLiteral("prometheus"));
    QCOMPARE(r.value->series[0].samples[0].time, 1767436620.0);
    QCOMPARE(r.value->series[0].samples[0].value, 1.0);

    r = parseQueryResponse(fixture("from-openapi-examples/api-v1-query-scalar.json"), 200);
    QVERIFY(r.ok());
    QCOMPARE(int(r.value->type), int(QueryData::Type::Scalar));
    QCOMPARE(r.value->scalar.value, 42.0);

    r = parseQueryResponse(fixture("from-openapi-examples/api-v1-query-matrix-range-selector.json"), 200);
    QVERIFY(r.ok());
    QCOMPARE(int(r.value->type), int(QueryData::Type::Matrix));
    QCOMPARE(int(r.value->series[0].samples.size()), 2);

    r = parseQueryResponse(fixture("from-openapi-examples/api-v1-query_range-matrix.json"), 200);
    QVERIFY(r.ok());
    QVERIFY(r.value->pointCount() > 2);

    // Native histograms have no float sample to draw; they parse, with no points.
    r = parseQueryResponse(fixture("from-openapi-examples/api-v1-query-native-histogram.json"), 200);
    QVERIFY2(r.ok(), qPrintable(r.error.detail));
    QCOMPARE(r.value->pointCount(), 0);
    r = parseQueryResponse(fixture("from-openapi-examples/api-v1-query_range-native-histogram.json"), 200);
    QVERIFY2(r.ok(), qPrintable(r.error.detail));
}

void TestPromParser::kayentaCaptures()
{
    PromReply<QueryData> r = parseQueryResponse(fixture("kayenta-range-query-with-tags.json"), 200);
    QVERIFY2(r.ok(), qPrintable(r.error.detail));
    QCOMPARE(int(r.value->series.size()), 1);
    QCOMPARE(int(r.value->series[0].samples.size()), 57);
    QCOMPARE(r.value->series[0].labels.value(QStringLiteral("uri")), QStringLiteral("/uri-1"));
    QCOMPARE(r.value->series[0].samples[2].time, 1599658197.474);
    QCOMPARE(r.value->series[0].samples[2].value, 6.0);
    // Fractional-second timestamps survive.
    bool fractional = false;
    for (const PromSeries &s : r.value->series) {
        for (const PromSample &p : s.samples)
            fractional = fractional || p.time != std::floor(p.time);
    }
    QVERIFY(fractional);
    r = parseQueryResponse(fixture("kayenta-range-query-without-tags.json"), 200);
    QVERIFY(r.ok());
    QVERIFY(r.value->series[0].labels.isEmpty());
    r = parseQueryResponse(fixture("kayenta-range-query-empty.json"), 200);
    QVERIFY(r.ok()); // empty is an answer, not an error
    QCOMPARE(int(r.value->series.size()), 0);
}

void TestPromParser::specialValues()
{
    const QByteArray body = R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[
        [1,"NaN"],[2,"+Inf"],[3,"-Inf"],[4,"1e-07"],[5,"-0.5"],[6.125,"123456789012"]]}]}})";
    const PromReply<QueryData> r = parseQueryResponse(body, 200);
    QVERIFY2(r.ok(), qPrintable(r.error.detail));
    const auto &s = r.value->series[0].samples;
    QCOMPARE(int(s.size()), 6);
    QVERIFY(std::isnan(s[0].value));
    QVERIFY(std::isinf(s[1].value) && s[1].value > 0);
    QVERIFY(std::isinf(s[2].value) && s[2].value < 0);
    QCOMPARE(s[3].value, 1e-7);
    QCOMPARE(s[4].value, -0.5);
    QCOMPARE(s[5].time, 6.125);
    QCOMPARE(s[5].value, 123456789012.0);
}

void TestPromParser::conditionResult()
{
    const QByteArray vector = R"({"status":"success","data":{"resultType":"vector","result":[
        {"metric":{"a":"1"},"value":[1,"0.25"]},{"metric":{"a":"2"},"value":[1,"NaN"]}]}})";
    QCOMPARE(parseQueryResponse(vector, 200).value->conditionResult().display(), QStringLiteral("[0.25,NaN]"));
    const QByteArray scalar = R"({"status":"success","data":{"resultType":"scalar","result":[1,"+Inf"]}})";
    QCOMPARE(parseQueryResponse(scalar, 200).value->conditionResult().goTypeName(), QStringLiteral("float64"));
    const QByteArray matrix = R"({"status":"success","data":{"resultType":"matrix","result":[
        {"metric":{},"values":[[1,"1"],[2,"2"]]},{"metric":{},"values":[[1,"3"]]}]}})";
    QCOMPARE(parseQueryResponse(matrix, 200).value->conditionResult().display(), QStringLiteral("[1,2,3]"));
}

void TestPromParser::errorShapes_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("fragment"); // in the message for "the query request \"up\""

    QTest::newRow("bad_data") << QByteArray(R"({"status":"error","errorType":"bad_data","error":"1:3: parse error: )"
                                            R"(unexpected \")\""})")
                              << 400 << int(PromError::Type::BadData) << "rejected the query request \"up\" as invalid";
    QTest::newRow("11,000 points")
        << QByteArray(
               R"x({"status":"error","errorType":"bad_data","error":"exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)"})x")
        << 400 << int(PromError::Type::BadData) << "more than 11,000 points";
    QTest::newRow("execution") << QByteArray(R"({"status":"error","errorType":"execution","error":"many-to-many"})")
                               << 422 << int(PromError::Type::Execution) << "could not evaluate";
    QTest::newRow("timeout") << QByteArray(R"({"status":"error","errorType":"timeout","error":"query timed out"})")
                             << 503 << int(PromError::Type::Timeout) << "query timeout";
    QTest::newRow("canceled") << QByteArray(R"({"status":"error","errorType":"canceled","error":"context canceled"})")
                              << 499 << int(PromError::Type::Canceled) << "cancelled";
    QTest::newRow("internal (upstream example)") << fixture("from-openapi-examples/api-v1-error-tsdb-not-ready.json")
                                                 << 500 << int(PromError::Type::Internal) << "TSDB not ready";
    QTest::newRow("unavailable") << QByteArray(R"({"status":"error","errorType":"unavailable","error":"x"})") << 503
                                 << int(PromError::Type::Unavailable) << "not ready";
    QTest::newRow("not_acceptable") << QByteArray(R"({"status":"error","errorType":"not_acceptable","error":"x"})")
                                    << 406 << int(PromError::Type::NotAcceptable) << "406";
    QTest::newRow("unknown errorType") << QByteArray(R"({"status":"error","errorType":"quota","error":"x"})") << 429
                                       << int(PromError::Type::OtherApi) << "\"quota\" (HTTP 429)";
    QTest::newRow("proxy HTML 502") << QByteArray("<html><body><h1>502 Bad Gateway</h1></body></html>") << 502
                                    << int(PromError::Type::Http) << "HTTP 502: <html><body><h1>502 Bad Gateway";
    QTest::newRow("proxy 401") << QByteArray("Unauthorized\n") << 401 << int(PromError::Type::Unauthorized)
                               << "refused (HTTP 401)";
    QTest::newRow("404") << QByteArray("404 page not found\n") << 404 << int(PromError::Type::NotFound) << "404";
    QTest::newRow("200 not JSON") << QByteArray("hello") << 200 << int(PromError::Type::Malformed) << "cannot read";
}

void TestPromParser::errorShapes()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(int, type);
    QFETCH(QString, fragment);
    const PromReply<QueryData> r = parseQueryResponse(body, status);
    QVERIFY(!r.ok());
    QCOMPARE(int(r.error.type), type);
    QCOMPARE(r.error.httpStatus, status);
    const QString message = r.error.describe(describeRequest(QStringLiteral("query"), QStringLiteral("up")));
    QVERIFY2(message.contains(fragment), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("query request")), qPrintable(message));
}

void TestPromParser::warningsAndInfos()
{
    const QByteArray body = R"({"status":"success","data":{"resultType":"vector","result":[]},
        "warnings":["PromQL warning: x"],"infos":["PromQL info: y"]})";
    const PromReply<QueryData> r = parseQueryResponse(body, 200);
    QVERIFY(r.ok());
    QCOMPARE(r.warnings, QStringList{QStringLiteral("PromQL warning: x")});
    QCOMPARE(r.infos, QStringList{QStringLiteral("PromQL info: y")});
}

void TestPromParser::malformed_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("array") << QByteArray("[]");
    QTest::newRow("no resultType") << QByteArray(R"({"status":"success","data":{"result":[]}})");
    QTest::newRow("value as number") << QByteArray(
        R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,0.5]}]}})");
    QTest::newRow("value not a number") << QByteArray(
        R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"abc"]}]}})");
    QTest::newRow("values not pairs") << QByteArray(
        R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1]]}]}})");
    QTest::newRow("scalar wrong") << QByteArray(R"({"status":"success","data":{"resultType":"scalar","result":"1"}})");
    QTest::newRow("status missing") << QByteArray(R"({"data":{}})");
    QTest::newRow("truncated") << QByteArray(R"({"status":"success","data":{"resultType":"vector","result":[)");
}

void TestPromParser::malformed()
{
    QFETCH(QByteArray, body);
    const PromReply<QueryData> r = parseQueryResponse(body, 200);
    QVERIFY(!r.ok());
    QCOMPARE(int(r.error.type), int(PromError::Type::Malformed));
    QVERIFY(!r.error.detail.isEmpty());
}

void TestPromParser::alertsRulesBuildInfo()
{
    const PromReply<QList<PromAlert>> alerts =
        parseAlertsResponse(fixture("from-openapi-examples/api-v1-alerts.json"), 200);
    QVERIFY2(alerts.ok(), qPrintable(alerts.error.detail));
    QVERIFY(!alerts.value->isEmpty());
    QCOMPARE(alerts.value->first().state, QStringLiteral("firing"));
    QVERIFY(alerts.value->first().activeAt.isValid());
    QVERIFY(!alerts.value->first().labels.value(QStringLiteral("alertname")).isEmpty());

    const PromReply<QList<PromRuleGroup>> rules =
        parseRulesResponse(fixture("from-openapi-examples/api-v1-rules.json"), 200);
    QVERIFY2(rules.ok(), qPrintable(rules.error.detail));
    QVERIFY(!rules.value->isEmpty());
    QVERIFY(!rules.value->first().rules.isEmpty());
    QVERIFY(!rules.value->first().rules.first().name.isEmpty());

    const PromReply<PromBuildInfo> info =
        parseBuildInfoResponse(fixture("from-openapi-examples/api-v1-status-buildinfo.json"), 200);
    QVERIFY2(info.ok(), qPrintable(info.error.detail));
    QVERIFY(!info.value->version.isEmpty());
    QVERIFY(!info.value->goVersion.isEmpty());
}

void TestPromParser::alertmanager()
{
    const QByteArray body =
        R"([{"labels":{"alertname":"HighErrorRate","namespace":"shop"},"annotations":{"summary":"s"},
        "startsAt":"2026-12-02T10:00:00.000Z","endsAt":"2026-12-02T11:00:00.000Z","updatedAt":"2026-12-02T10:00:05Z",
        "fingerprint":"8c1e","receivers":[{"name":"team-pager"}],
        "status":{"state":"suppressed","silencedBy":["s1"],"inhibitedBy":[],"mutedBy":[]},
        "generatorURL":"http://127.0.0.1:9090/graph"}])";
    const PromReply<QList<AlertmanagerAlert>> r = parseAlertmanagerAlerts(body, 200);
    QVERIFY(r.ok());
    QCOMPARE(r.value->size(), 1);
    const AlertmanagerAlert &a = r.value->first();
    QCOMPARE(a.state, QStringLiteral("suppressed"));
    QCOMPARE(a.silencedBy, QStringList{QStringLiteral("s1")});
    QCOMPARE(a.receivers, QStringList{QStringLiteral("team-pager")});
    QCOMPARE(a.startsAt, QDateTime(QDate(2026, 12, 2), QTime(10, 0), Qt::UTC));
    // Errors are a JSON string; API v1 is gone (410).
    const auto bad = parseAlertmanagerAlerts(R"("bad matcher format: =x")", 400);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error.detail, QStringLiteral("bad matcher format: =x"));
    QCOMPARE(int(parseAlertmanagerAlerts("gone", 410).error.type), int(PromError::Type::Http));
    QCOMPARE(int(parseAlertmanagerAlerts("{}", 200).error.type), int(PromError::Type::Malformed));
}

void TestPromParser::stepChoice_data()
{
    QTest::addColumn<qint64>("rangeSeconds");
    QTest::addColumn<qint64>("desiredMs");
    QTest::addColumn<qint64>("expectedStepMs"); // 0: only check the limit
    QTest::newRow("15 min at 15 s") << qint64(900) << qint64(15000) << qint64(15000);
    QTest::newRow("1 h at 1 s") << qint64(3600) << qint64(1000) << qint64(1000);
    QTest::newRow("3 h at 0.5 s is too fine") << qint64(10800) << qint64(500) << qint64(0);
    QTest::newRow("30 days at 1 s") << qint64(30 * 86400) << qint64(1000) << qint64(0);
    QTest::newRow("exactly 10999 steps") << qint64(10999) << qint64(1000) << qint64(0);
    QTest::newRow("zero range") << qint64(0) << qint64(1000) << qint64(1000);
    QTest::newRow("no step given") << qint64(60) << qint64(0) << qint64(0);
}

void TestPromParser::stepChoice()
{
    QFETCH(qint64, rangeSeconds);
    QFETCH(qint64, desiredMs);
    QFETCH(qint64, expectedStepMs);
    const QDateTime start = QDateTime::fromMSecsSinceEpoch(1764670000123, Qt::UTC);
    const QDateTime end = start.addSecs(rangeSeconds);
    const RangeStep step = chooseRangeStep(start, end, std::chrono::milliseconds(desiredMs));
    QVERIFY(step.stepMs >= std::max<qint64>(desiredMs, 1));
    if (expectedStepMs)
        QCOMPARE(step.stepMs, expectedStepMs);
    QVERIFY2(step.points() <= kMaxPointsPerSeries, qPrintable(QString::number(step.points())));
    // Prometheus's own check, with Go's integer division of durations.
    QVERIFY((step.endMs - step.startMs) / step.stepMs <= 11000);
    QVERIFY(step.startMs <= start.toMSecsSinceEpoch());
    QVERIFY(step.endMs >= end.toMSecsSinceEpoch());
    QCOMPARE(step.startMs % step.stepMs, 0);
    QCOMPARE(step.endMs % step.stepMs, 0);
    if (rangeSeconds * 1000 / std::max<qint64>(desiredMs, 1) > 11000)
        QVERIFY(step.points() > 10000); // as fine as the limit allows, not coarser
}

void TestPromParser::endpointsPerEnvironment()
{
    const QByteArray yaml = R"(environments:
  production:
    clusters: [{context: prod}]
    prometheus:
      url: https://prom.prod.test/prometheus/
      alertmanager: https://am.prod.test
      credential: keychain:prom-prod
      username: rolldeck
  staging:
    clusters: [{context: staging}]
    prometheus: {url: https://prom.staging.test, credential: "keychain:prom-staging"}
  development:
    clusters: [{context: dev}]
)";
    const rolldeck::WorkspaceParse parsed =
        rolldeck::parseWorkspace(yaml, QStringLiteral("ws.yaml"), QStringLiteral("/"));
    QVERIFY(parsed.errors.isEmpty());
    const QUrl demo(QStringLiteral("http://127.0.0.1:39090"));
    const auto prod = endpointFor(parsed.workspace, QStringLiteral("production"), demo);
    QVERIFY(prod);
    QCOMPARE(prod->url, QUrl(QStringLiteral("https://prom.prod.test/prometheus/")));
    QCOMPARE(prod->alertmanagerUrl, QUrl(QStringLiteral("https://am.prod.test")));
    QCOMPARE(int(prod->auth), int(PromEndpoint::Auth::Basic));
    QCOMPARE(prod->username, QStringLiteral("rolldeck"));
    QCOMPARE(prod->credential.key, QStringLiteral("prom-prod"));
    const auto staging = endpointFor(parsed.workspace, QStringLiteral("staging"));
    QVERIFY(staging);
    QCOMPARE(int(staging->auth), int(PromEndpoint::Auth::Bearer));
    // Without its own Prometheus: the demo's, or none.
    const auto dev = endpointFor(parsed.workspace, QStringLiteral("development"), demo);
    QVERIFY(dev);
    QCOMPARE(dev->url, demo);
    QCOMPARE(int(dev->auth), int(PromEndpoint::Auth::None));
    QVERIFY(!endpointFor(parsed.workspace, QStringLiteral("development")));
    QVERIFY(!endpointFor(parsed.workspace, QStringLiteral("nowhere"), demo));
}

QTEST_GUILESS_MAIN(TestPromParser)
#include "tst_promparser.moc"
