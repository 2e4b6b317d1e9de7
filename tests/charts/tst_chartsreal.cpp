// The rollout's metric charts against a real Prometheus (Debian's binary on a free loopback port, scraping
// rolldeck-sim every second) and the simulated failing canary: the error-rate chart's canary series crosses the
// 0.5% rollback line while stable stays under it, the success-rate analysis chart carries the controller's failed
// measurement and the abort is a marker; a bad query, a server that is down, one that never answers and the
// 11,000-point limit are each a message in the chart.
#include "PrometheusFixture.h"
#include "app/console/RolloutDetailSession.h"
#include "app/demo/PrometheusProcess.h"
#include "app/kube/ClusterConnection.h"
#include "app/kube/Kubeconfig.h"
#include "app/kube/KubeconfigCredentials.h"
#include "app/metrics/ChartQueryRunner.h"
#include "app/metrics/MetricsController.h"
#include "app/prometheus/PrometheusClient.h"
#include "models/charts/MetricChartModel.h"
#include "sim/Simulator.h"
#include "ui/charts/MetricChartView.h"
#include "ui/charts/MetricsPanel.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineSeries>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace rolldeck;
using namespace rolldeck::charts;

namespace {

double maxY(const QLineSeries *series)
{
    double best = -INFINITY;
    for (const QPointF &p : series->points())
        best = std::max(best, p.y());
    return best;
}

prom::PromEndpoint endpointAt(const QUrl &url)
{
    prom::PromEndpoint endpoint;
    endpoint.url = url;
    return endpoint;
}

const QLineSeries *lineNamed(const MetricChartView *view, const QString &name)
{
    for (const QLineSeries *s : view->dataSeries()) {
        if (s->name() == name)
            return s;
    }
    return nullptr;
}

} // namespace

class TestChartsReal : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    rdsim::Simulator m_sim;
    std::unique_ptr<kube::ClusterConnection> m_connection;
    prom::PrometheusProcess *m_prometheus = nullptr;

    // A chart of `query` run once by a runner against `client`; the view that shows it.
    struct OneChart
    {
        MetricChartModel model;
        metrics::ChartQueryRunner runner{&model};
        MetricChartView view;
    };
    void runOnce(OneChart &one, prom::PrometheusClient *client, const QString &query)
    {
        metrics::PlannedChart planned;
        planned.chart.spec.id = QStringLiteral("probe");
        planned.chart.spec.title = QStringLiteral("probe");
        planned.versions = {QString()};
        planned.queries = {query};
        one.model.setRange(MetricChartModel::Range::Last15Minutes);
        one.runner.setClient(client);
        one.runner.setPlan({planned});
        QSignalSpy finished(&one.runner, &metrics::ChartQueryRunner::roundFinished);
        one.runner.refresh();
        QVERIFY(finished.wait(20000));
        one.view.resize(600, 300);
        one.view.showChart(one.model.chart(0));
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        rdsim::Options options;
        options.scenario = "failing-canary";
        options.speed = 300; // the 30-minute pause at 5% lasts six seconds
        options.seed = 5;
        options.kubeconfigOut = m_dir.filePath(QStringLiteral("kubeconfig")).toStdString();
        const rdsim::StartResult started = m_sim.start(options);
        QVERIFY2(started.ok(), started.error.c_str());

        m_prometheus = new prom::PrometheusProcess(this);
        const QString notStarted =
            test::startPrometheus(*m_prometheus, {test::simulatorMetrics(started.endpoints.metrics)});
        QVERIFY2(notStarted.isEmpty(), qPrintable(notStarted));

        const kube::Kubeconfig config = kube::loadKubeconfigFiles({m_dir.filePath(QStringLiteral("kubeconfig"))});
        const kube::ClusterConfig *ctx = config.context(QStringLiteral("rolldeck-demo"));
        QVERIFY(ctx);
        auto credentials = kube::KubeconfigCredentials::create(*ctx);
        QVERIFY(credentials);
        m_connection = std::make_unique<kube::ClusterConnection>(*ctx, *credentials);
    }

    void cleanupTestCase()
    {
        m_connection.reset();
        delete m_prometheus; // ends the process
        m_sim.stop();
    }

    void failingCanaryCrossesTheRollbackLine()
    {
        RolloutDetailSession session(m_connection.get(), QStringLiteral("canary"), QStringLiteral("payments-api"));
        session.setRefreshInterval(0);
        session.open();
        MetricChartModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        metrics::MetricsController controller(&model);
        controller.setDemoPrometheus(m_prometheus->baseUrl());
        MetricsPanel panel;
        panel.setModel(&model);
        panel.resize(1400, 1600);
        panel.show();
        controller.open(&session, WorkspaceScope());
        model.setRange(MetricChartModel::Range::Last15Minutes);

        // The rollback trigger's chart: the canary's error rate in percent goes above the 0.5% line, the
        // stable version's stays below it, in the model and in the drawn series.
        QTRY_VERIFY_WITH_TIMEOUT(panel.chartView(QStringLiteral("trigger/error rate")), 20000);
        MetricChartView *view = panel.chartView(QStringLiteral("trigger/error rate"));
        QCOMPARE(view->thresholdY(analysis::Threshold::Role::Failure), 0.5);
        QTRY_VERIFY_WITH_TIMEOUT(
            lineNamed(view, QStringLiteral("canary")) && maxY(lineNamed(view, QStringLiteral("canary"))) > 0.5, 50000);
        const QLineSeries *stable = lineNamed(view, QStringLiteral("stable"));
        QVERIFY(stable && stable->count() > 0);
        QVERIFY2(maxY(stable) < 0.5, qPrintable(QString::number(maxY(stable))));
        QVERIFY2(view->message().isEmpty(), qPrintable(view->message()));
        // The model is queried again without pause (refresh interval 0) and the view draws whichever answer came
        // last: read the model's own latest answer until it holds a failed canary point too (a full suite run once
        // read it between the view's check and this one and found none).
        const auto canaryFailed = [&model] {
            const MetricChart &chart = model.chart(model.rowOf(QStringLiteral("trigger/error rate")));
            return std::any_of(chart.series.begin(), chart.series.end(), [&](const ChartSeries &s) {
                return s.version == QLatin1String("canary") &&
                       std::any_of(s.points.begin(), s.points.end(),
                                   [&](const QPointF &p) { return chart.verdictOf(p.y()) == analysis::Phase::Failed; });
            });
        };
        QTRY_VERIFY_WITH_TIMEOUT(canaryFailed(), 20000);

        // The analysis chart: the controller's failed measurement, and the abort on the time axis.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const int row = model.rowOf(QStringLiteral("analysis/success-rate"));
                if (row < 0)
                    return false;
                const auto &m = model.chart(row).measurements;
                return std::any_of(m.begin(), m.end(), [](const ChartMeasurement &x) {
                    return x.phase == analysis::Phase::Failed && x.value < 0.995;
                });
            }(),
            30000);
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(model.markers().begin(), model.markers().end(),
                                             [](const ChartMarker &m) { return m.kind == ChartMarker::Kind::Abort; }),
                                 20000);

        // Another selection cancels what is in flight.
        controller.close();
        QCOMPARE(controller.runner()->inFlight(), 0);
        QCOMPARE(model.rowCount(), 0);
    }

    void plusSignsReachPrometheus()
    {
        // A query string's "+" must not arrive as a space (form encoding): "1 + 1" is 2, not a parse error. The
        // long form goes as a POST body, where the same rule applies.
        prom::PrometheusClient client(endpointAt(m_prometheus->baseUrl()));
        const QString longQuery = QStringLiteral("1 + 1") + QString(5000, u' ') + QStringLiteral("+ 0");
        for (const QString &query : QStringList{QStringLiteral("1 + 1"), longQuery}) {
            OneChart one;
            runOnce(one, &client, query);
            const MetricChart &chart = one.model.chart(0);
            QVERIFY2(chart.error.isEmpty(), qPrintable(chart.error));
            QVERIFY(!chart.series.isEmpty() && !chart.series.first().points.empty());
            QCOMPARE(chart.series.first().points.back().y(), 2.0);
        }
    }

    void badQueryIsAMessageInTheChart()
    {
        prom::PrometheusClient client(endpointAt(m_prometheus->baseUrl()));
        OneChart one;
        runOnce(one, &client, QStringLiteral("sum(rate(http_requests_total[5m])"));
        QVERIFY2(one.view.message().contains(QStringLiteral("Prometheus rejected")), qPrintable(one.view.message()));
        QVERIFY(one.view.messageLabel()->isVisibleTo(&one.view));
    }

    void serverDownIsAMessageInTheChart()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close(); // nothing listens there now
        prom::PromEndpoint endpoint;
        endpoint.url = QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port));
        prom::PrometheusClient client(endpoint);
        OneChart one;
        runOnce(one, &client, QStringLiteral("up"));
        QVERIFY2(one.view.message().contains(QStringLiteral("Cannot reach the server")),
                 qPrintable(one.view.message()));
    }

    void timeoutIsAMessageInTheChart()
    {
        QTcpServer silent; // accepts and never answers
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        prom::PromEndpoint endpoint;
        endpoint.url = QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(silent.serverPort()));
        prom::PrometheusClient client(endpoint);
        client.setTimeout(std::chrono::milliseconds(500));
        OneChart one;
        runOnce(one, &client, QStringLiteral("up"));
        QVERIFY2(one.view.message().contains(QStringLiteral("in time")), qPrintable(one.view.message()));
    }

    void pointLimitIsAMessageInTheChart()
    {
        // The runner always chooses a step within the limit; a raw request past it is what Prometheus refuses,
        // and its message is what the chart shows.
        prom::PrometheusClient client(endpointAt(m_prometheus->baseUrl()));
        const qint64 end = QDateTime::currentMSecsSinceEpoch() / 1000 * 1000;
        std::optional<prom::PromReply<prom::QueryData>> reply;
        client.queryRangeRaw(QStringLiteral("up"), end - 3 * 3600 * 1000, end, 500, this,
                             [&](const prom::PromReply<prom::QueryData> &r) { reply = r; });
        QTRY_VERIFY_WITH_TIMEOUT(reply.has_value(), 15000);
        QVERIFY(!reply->ok());
        MetricChart chart;
        chart.spec.id = QStringLiteral("limit");
        chart.error = reply->message;
        MetricChartView view;
        view.resize(600, 300);
        view.showChart(chart);
        QVERIFY2(view.message().contains(QStringLiteral("more than 11,000 points")), qPrintable(view.message()));
    }
};

QTEST_MAIN(TestChartsReal)
#include "tst_chartsreal.moc"
