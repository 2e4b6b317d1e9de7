// A real Prometheus scrapes the simulator's /metrics every second; PromQL over the request
// counters must show the live traffic split of the canary and its higher error rate.
#include "Simulator.h"

#include <QtNetwork>
#include <QtTest>

#include <fstream>

using nlohmann::json;

namespace {

// Kills Prometheus on every path out of the test.
struct ProcessGuard
{
    QProcess *process;
    ~ProcessGuard()
    {
        if (process->state() != QProcess::NotRunning) {
            process->kill();
            process->waitForFinished(5000);
        }
    }
};

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

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
- after: 15s
  setImage: {namespace: shop, rollout: web, image: "example/web:2"}
)";

} // namespace

class TestSimPrometheus : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_nam;

    json query(const QString &base, const QString &promql)
    {
        QUrl url(base + QStringLiteral("/api/v1/query"));
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("query"), promql);
        url.setQuery(q);
        QNetworkRequest req(url);
        req.setTransferTimeout(5000);
        QNetworkReply *reply = m_nam.get(req);
        QSignalSpy done(reply, &QNetworkReply::finished);
        // No answer is not "success": every caller checks the status, so the test fails there.
        if (!reply->isFinished() && !done.wait(10000)) {
            reply->abort();
            reply->deleteLater();
            return json{{"status", "no reply within 10 s"}};
        }
        const QByteArray body = reply->readAll();
        reply->deleteLater();
        return json::parse(body.toStdString(), nullptr, false);
    }

    // {"stable": v, "canary": v} from a `by (version)` vector.
    std::map<std::string, double> byVersion(const json &answer)
    {
        std::map<std::string, double> out;
        if (!answer.is_object() || answer.value("status", std::string()) != "success")
            return out;
        for (const json &s : answer["data"]["result"])
            out[s["metric"].value("version", std::string())] = std::stod(s["value"][1].get<std::string>());
        return out;
    }

private slots:
    void rateFollowsTrafficSplit()
    {
        const QString prometheus = QStringLiteral("/usr/bin/prometheus");
        if (!QFileInfo::exists(prometheus))
            QSKIP("prometheus is not installed");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString scenarioPath = dir.filePath(QStringLiteral("shop.yaml"));
        {
            std::ofstream out(scenarioPath.toStdString());
            out << kScenario;
        }
        rdsim::Simulator sim;
        rdsim::Options options;
        options.scenario = scenarioPath.toStdString();
        options.speed = 30;
        options.seed = 3;
        const rdsim::StartResult started = sim.start(options);
        QVERIFY2(started.ok(), started.error.c_str());
        const QUrl metricsUrl(QString::fromStdString(started.endpoints.metrics));

        // The canary reaches its 30% step (and stays: the next step waits for promotion).
        auto weight = [&] {
            rdsim::Outcome o = sim.store().get(rdsim::kRollouts, "shop", "web");
            const json st = o.object ? (*o.object).value("status", json::object()) : json::object();
            return st.value("canary", json::object())
                .value("weights", json::object())
                .value("canary", json::object())
                .value("weight", -1);
        };
        QTRY_COMPARE_WITH_TIMEOUT(weight(), 30, 20000);

        const quint16 port = freePort();
        QVERIFY(port > 0);
        const QString config = dir.filePath(QStringLiteral("prometheus.yml"));
        {
            std::ofstream out(config.toStdString());
            out << "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                << "scrape_configs:\n- job_name: sim\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                << "  static_configs:\n  - targets: ['127.0.0.1:" << metricsUrl.port() << "']\n";
        }
        QProcess process;
        ProcessGuard guard{&process};
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process.start(prometheus, {QStringLiteral("--config.file=") + config,
                                   QStringLiteral("--storage.tsdb.path=") + dir.filePath(QStringLiteral("tsdb")),
                                   QStringLiteral("--web.listen-address=127.0.0.1:") + QString::number(port),
                                   QStringLiteral("--log.level=warn")});
        QVERIFY(process.waitForStarted(10000));
        const QString base = QStringLiteral("http://127.0.0.1:") + QString::number(port);

        // Per-version request rate, as a console chart would ask for it.
        std::map<std::string, double> rates;
        QTRY_VERIFY_WITH_TIMEOUT(
            (rates = byVersion(query(
                 base, QStringLiteral(
                           "sum by (version) (rate(http_requests_total{namespace=\"shop\",rollout=\"web\"}[6s]))"))),
             rates.count("stable") && rates.count("canary") && rates["canary"] > 0),
            40000);
        QTRY_VERIFY_WITH_TIMEOUT(
            (rates = byVersion(query(
                 base, QStringLiteral(
                           "sum by (version) (rate(http_requests_total{namespace=\"shop\",rollout=\"web\"}[8s]))"))),
             rates.count("canary") && std::abs(rates["canary"] / (rates["canary"] + rates["stable"]) - 0.30) < 0.05),
            30000);
        const double share = rates["canary"] / (rates["canary"] + rates["stable"]);
        QVERIFY2(std::abs(share - 0.30) < 0.05, QByteArray::number(share).constData());

        // The canary's error ratio is really higher (2% against 0.1%).
        const auto errors = byVersion(query(
            base, QStringLiteral("sum by (version) (rate(http_requests_total{rollout=\"web\",code=~\"5..\"}[8s])) / "
                                 "sum by (version) (rate(http_requests_total{rollout=\"web\"}[8s]))")));
        QVERIFY(errors.count("canary") && errors.count("stable"));
        QVERIFY2(errors.at("canary") > 0.01 && errors.at("canary") < 0.03,
                 QByteArray::number(errors.at("canary")).constData());
        QVERIFY2(errors.at("stable") < 0.003, QByteArray::number(errors.at("stable")).constData());
        // The latency histogram is usable with histogram_quantile.
        const json p95 =
            query(base, QStringLiteral(
                            "histogram_quantile(0.95, sum by (le) "
                            "(rate(http_request_duration_seconds_bucket{rollout=\"web\",version=\"stable\"}[8s])))"));
        QCOMPARE(p95.value("status", std::string()), std::string("success"));
        QVERIFY(!p95["data"]["result"].empty());
        const double p95s = std::stod(p95["data"]["result"][0]["value"][1].get<std::string>());
        QVERIFY2(p95s > 0.05 && p95s < 0.25, QByteArray::number(p95s).constData());

        process.kill();
        process.waitForFinished(5000);
        sim.stop();
    }
};

QTEST_GUILESS_MAIN(TestSimPrometheus)
#include "tst_simprometheus.moc"
