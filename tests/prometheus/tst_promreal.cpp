// The Prometheus client against a real Prometheus (Debian's binary, started by app/demo/PrometheusProcess on a free
// loopback port) scraping rolldeck-sim every second: instant and range queries with the step choice, build info,
// a bad query, the 11,000-point limit, cancellation, and an AnalysisTemplate condition over the live error rate.
#include "PrometheusFixture.h"
#include "app/demo/PrometheusProcess.h"
#include "app/prometheus/PrometheusClient.h"
#include "models/analysis/Assessment.h"
#include "models/analysis/Condition.h"
#include "sim/Simulator.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace rolldeck;
using namespace rolldeck::prom;

namespace {

const char *kScenario = R"(
controller: true
objects:
- {apiVersion: v1, kind: Namespace, metadata: {name: shop}}
- apiVersion: networking.istio.io/v1beta1
  kind: VirtualService
  metadata: {name: web-vs, namespace: shop}
  spec:
    hosts: [web]
    http:
    - name: primary
      route:
      - {destination: {host: web-stable}, weight: 100}
      - {destination: {host: web-canary}, weight: 0}
- {apiVersion: v1, kind: Service, metadata: {name: web-stable, namespace: shop}, spec: {selector: {app: web}}}
- {apiVersion: v1, kind: Service, metadata: {name: web-canary, namespace: shop}, spec: {selector: {app: web}}}
- apiVersion: argoproj.io/v1alpha1
  kind: Rollout
  metadata: {name: web, namespace: shop}
  spec:
    replicas: 4
    selector: {matchLabels: {app: web}}
    strategy:
      canary:
        canaryService: web-canary
        stableService: web-stable
        trafficRouting:
          istio:
            virtualService: {name: web-vs, routes: [primary]}
        steps:
        - setWeight: 30
        - pause: {}
    template:
      metadata: {labels: {app: web}}
      spec:
        containers: [{name: web, image: "example/web:1"}]
traffic:
  rollouts:
    shop/web: {rps: 200}
  profiles:
    web:1: {errorRate: 0.001}
    web:2: {errorRate: 0.02}
actions:
- after: 1s
  setImage: {namespace: shop, rollout: web, image: "example/web:2"}
)";

const QString kSplit =
    QStringLiteral("sum by (version) (rate(http_requests_total{namespace=\"shop\",rollout=\"web\"}[5s]))");
const QString kCanaryErrors =
    QStringLiteral("sum(rate(http_requests_total{rollout=\"web\",version=\"canary\",code=~\"5..\"}[8s])) / "
                   "sum(rate(http_requests_total{rollout=\"web\",version=\"canary\"}[8s]))");

template <typename T>
struct Capture
{
    int calls = 0;
    PromReply<T> reply;
    auto handler()
    {
        return [this](const PromReply<T> &r) {
            ++calls;
            reply = r;
        };
    }
};

} // namespace

class TestPromReal : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    rdsim::Simulator m_sim;
    PrometheusProcess *m_prometheus = nullptr;
    PrometheusClient *m_client = nullptr;

    PromReply<QueryData> query(const QString &promql)
    {
        Capture<QueryData> c;
        m_client->query(promql, {}, this, c.handler());
        if (!QTest::qWaitFor([&] { return c.calls > 0; }, 15000))
            c.reply.message = QStringLiteral("no answer in 15 s");
        return c.reply;
    }

    std::map<QString, double> byVersion(const PromReply<QueryData> &r)
    {
        std::map<QString, double> out;
        if (r.ok()) {
            for (const PromSeries &s : r.value->series)
                out[s.labels.value(QStringLiteral("version"))] = s.samples.empty() ? NAN : s.samples[0].value;
        }
        return out;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString scenario = m_dir.filePath(QStringLiteral("shop.yaml"));
        {
            std::ofstream out(scenario.toStdString());
            out << kScenario;
        }
        rdsim::Options options;
        options.scenario = scenario.toStdString();
        options.speed = 30;
        options.seed = 3;
        const rdsim::StartResult started = m_sim.start(options);
        QVERIFY2(started.ok(), started.error.c_str());
        m_prometheus = new PrometheusProcess(this);
        const QString notStarted =
            test::startPrometheus(*m_prometheus, {test::simulatorMetrics(started.endpoints.metrics)});
        QVERIFY2(notStarted.isEmpty(), qPrintable(notStarted));
        PromEndpoint endpoint;
        endpoint.url = m_prometheus->baseUrl();
        m_client = new PrometheusClient(endpoint, this);
    }

    void cleanupTestCase()
    {
        delete m_client;
        delete m_prometheus; // ends the process
        m_sim.stop();
    }

    void buildInfo()
    {
        Capture<PromBuildInfo> c;
        m_client->buildInfo(this, c.handler());
        QTRY_COMPARE_WITH_TIMEOUT(c.calls, 1, 10000);
        QVERIFY2(c.reply.ok(), qPrintable(c.reply.message));
        QVERIFY2(!c.reply.value->version.isEmpty() && c.reply.value->version.at(0).isDigit(),
                 qPrintable(c.reply.value->version));
        QVERIFY(!c.reply.value->goVersion.isEmpty());
    }

    void instantQueryShowsTheTrafficSplit()
    {
        std::map<QString, double> rates;
        QTRY_VERIFY_WITH_TIMEOUT((rates = byVersion(query(kSplit)),
                                  rates.count(QStringLiteral("canary")) && rates[QStringLiteral("canary")] > 0 &&
                                      std::abs(rates[QStringLiteral("canary")] /
                                                   (rates[QStringLiteral("canary")] + rates[QStringLiteral("stable")]) -
                                               0.30) < 0.06),
                                 40000);
    }

    void rangeQueryWithTheStepChoice()
    {
        // Three hours at half a second would be 21,601 points; the client widens the step and Prometheus accepts.
        const QDateTime end = QDateTime::currentDateTimeUtc();
        Capture<QueryData> c;
        m_client->queryRange(kSplit, end.addSecs(-3 * 3600), end, std::chrono::milliseconds(500), this, c.handler());
        QTRY_COMPARE_WITH_TIMEOUT(c.calls, 1, 15000);
        QVERIFY2(c.reply.ok(), qPrintable(c.reply.message));
        QCOMPARE(int(c.reply.value->type), int(QueryData::Type::Matrix));
        QVERIFY(!c.reply.value->series.empty());
        for (const PromSeries &s : c.reply.value->series)
            QVERIFY(s.samples.size() <= size_t(kMaxPointsPerSeries));

        // The same range at the raw half-second step is refused, and the message says what to do.
        const RangeStep chosen = chooseRangeStep(end.addSecs(-3 * 3600), end, std::chrono::milliseconds(500));
        Capture<QueryData> raw;
        m_client->queryRangeRaw(kSplit, chosen.startMs, chosen.endMs, 500, this, raw.handler());
        QTRY_COMPARE_WITH_TIMEOUT(raw.calls, 1, 15000);
        QVERIFY(!raw.reply.ok());
        QCOMPARE(int(raw.reply.error.type), int(PromError::Type::BadData));
        QVERIFY2(raw.reply.message.contains(QStringLiteral("more than 11,000 points")), qPrintable(raw.reply.message));
    }

    void badQueryIsBadData()
    {
        const PromReply<QueryData> r = query(QStringLiteral("sum(rate(http_requests_total[5s])"));
        QVERIFY(!r.ok());
        QCOMPARE(int(r.error.type), int(PromError::Type::BadData));
        QCOMPARE(r.error.httpStatus, 400);
        QVERIFY2(r.message.startsWith(QStringLiteral("Prometheus rejected the query request \"sum(rate(")),
                 qPrintable(r.message));
        QVERIFY2(r.message.contains(QStringLiteral("parse error")), qPrintable(r.message));
    }

    void cancelledQueryCallsNoHandler()
    {
        Capture<QueryData> c;
        const quint64 id = m_client->query(kSplit, {}, this, c.handler());
        m_client->cancel(id);
        QCOMPARE(m_client->pendingCount(), 0);
        // A later request is answered; the cancelled one never is.
        const PromReply<QueryData> after = query(QStringLiteral("1"));
        QVERIFY2(after.ok(), qPrintable(after.message));
        QCOMPARE(c.calls, 0);
    }

    void conditionOverTheLiveErrorRate()
    {
        // The canary serves 2% errors: a template's `result[0] < 0.005` fails, as the controller would decide.
        const auto success = analysis::Condition::parse(QStringLiteral("len(result) > 0 && result[0] < 0.005"));
        QVERIFY(success.ok());
        analysis::MeasurementVerdict verdict;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const PromReply<QueryData> r = query(kCanaryErrors);
                if (!r.ok() || r.value->series.empty())
                    return false;
                verdict = analysis::assessMeasurement(&*success, nullptr, r.value->conditionResult());
                return verdict.phase == analysis::Phase::Failed;
            }(),
            30000);
        QCOMPARE(analysis::phaseName(verdict.phase), QStringLiteral("Failed"));
    }
};

QTEST_GUILESS_MAIN(TestPromReal)
#include "tst_promreal.moc"
