// The live A/B source end to end (issue 15's acceptance): rolldeck-sim runs the abtest scenario (checkout-redesign
// 50/50 on conversion and time on page, search-optimisation 80/20 on response time), a real Prometheus (Debian's
// binary) scrapes it every second, and the ExperimentsController discovers both VirtualServices through the kube
// client and reads each test from Prometheus. Without injection the sample-ratio check passes on a sample large enough
// to catch a 15 % loss; with --ab-srm's injection it flags both tests. `rolldeck abtest report --live` reads the same.
#include "app/abtest/ExperimentsController.h"
#include "app/demo/PrometheusProcess.h"
#include "app/kube/ClusterConnection.h"
#include "app/kube/Kubeconfig.h"
#include "app/kube/KubeconfigCredentials.h"
#include "sim/Simulator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace rolldeck;
using stats::ExperimentSnapshot;

namespace {

// One simulated cluster with its Prometheus and a connection to it.
struct LiveCluster
{
    QTemporaryDir dir;
    rdsim::Simulator sim;
    std::unique_ptr<prom::PrometheusProcess> prometheus;
    std::unique_ptr<kube::ClusterConnection> connection;
    QString error;

    QString kubeconfigPath() const { return dir.filePath(QStringLiteral("kubeconfig")); }

    bool start(double sampleRatioMismatch)
    {
        rdsim::Options options;
        options.scenario = "abtest";
        options.speed = 60;
        options.seed = 21;
        options.abSampleRatioMismatch = sampleRatioMismatch;
        options.kubeconfigOut = kubeconfigPath().toStdString();
        const rdsim::StartResult started = sim.start(options);
        if (!started.ok()) {
            error = QString::fromStdString(started.error);
            return false;
        }
        prometheus = std::make_unique<prom::PrometheusProcess>();
        QSignalSpy ready(prometheus.get(), &prom::PrometheusProcess::ready);
        QSignalSpy failed(prometheus.get(), &prom::PrometheusProcess::failed);
        prometheus->start({QUrl(QString::fromStdString(started.endpoints.metrics) + QStringLiteral("/metrics"))});
        if (!QTest::qWaitFor([&] { return !ready.isEmpty() || !failed.isEmpty(); }, 30000) || !failed.isEmpty()) {
            error = prometheus->errorString() + u'\n' + prometheus->recentLog();
            return false;
        }
        const kube::Kubeconfig kc = kube::loadKubeconfigFiles({kubeconfigPath()});
        const kube::ClusterConfig *config = kc.context(QStringLiteral("rolldeck-demo"));
        if (!config) {
            error = QStringLiteral("no rolldeck-demo context");
            return false;
        }
        auto credentials = kube::KubeconfigCredentials::create(*config);
        if (!credentials) {
            error = credentials.error();
            return false;
        }
        connection = std::make_unique<kube::ClusterConnection>(*config, *credentials);
        return true;
    }

    ~LiveCluster()
    {
        connection.reset();
        prometheus.reset(); // ends the process
        sim.stop();
    }
};

const ExperimentSnapshot *find(const QList<ExperimentSnapshot> &list, const char *name)
{
    for (const ExperimentSnapshot &s : list)
        if (s.name == QLatin1String(name))
            return &s;
    return nullptr;
}

// Both experiments read without error, each with at least `visits` visits and a visit rate.
bool bothRead(const QList<ExperimentSnapshot> &list, double visits)
{
    if (list.size() != 2)
        return false;
    for (const ExperimentSnapshot &s : list)
        if (!s.error.isEmpty() || s.input.visitsA + s.input.visitsB < visits || !std::isfinite(s.input.visitsPerSecond))
            return false;
    return true;
}

QString errors(const QList<ExperimentSnapshot> &list)
{
    QStringList out;
    for (const ExperimentSnapshot &s : list)
        out << s.ns + u'/' + s.name + u": " + (s.error.isEmpty() ? s.report.verdict : s.error);
    return out.join(u'\n');
}

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QString err;
};

Run runRolldeck(const QStringList &args)
{
    QProcess p;
    p.setProgram(QStringLiteral(ROLLDECK_BINARY_DIR "/app/rolldeck"));
    p.setArguments(args);
    p.start();
    Run r;
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("<timed out>");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace

class TestAbTestLive : public QObject
{
    Q_OBJECT

private:
    void startController(abtest::ExperimentsController &c, LiveCluster &cluster)
    {
        const QUrl prometheus = cluster.prometheus->baseUrl();
        c.setEndpoints([prometheus](const QString &context, const QString &) -> std::optional<prom::PromEndpoint> {
            if (context != u"rolldeck-demo")
                return std::nullopt;
            prom::PromEndpoint e;
            e.url = prometheus;
            return e;
        });
        c.setInterval(std::chrono::seconds(1));
        c.setRateWindow(std::chrono::seconds(10));
        c.watch(cluster.connection.get(), QStringLiteral("production"));
        c.start();
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (prom::PrometheusProcess::findBinary().isEmpty())
            QFAIL("the prometheus binary is required (Debian package prometheus; dev.sh installs it)");
    }

    void bothTestsReadLive()
    {
        LiveCluster cluster;
        QVERIFY(cluster.dir.isValid());
        QVERIFY2(cluster.start(-1), qPrintable(cluster.error));
        abtest::ExperimentsController controller;
        QSignalSpy changed(&controller, &abtest::ExperimentsController::snapshotsChanged);
        startController(controller, cluster);
        // 20,000 visits a test: enough for the check to flag the 15 % loss of the second test case many times over.
        QTRY_VERIFY2_WITH_TIMEOUT(bothRead(controller.snapshots(), 20000), qPrintable(errors(controller.snapshots())),
                                  90000);
        QVERIFY(!changed.isEmpty());

        const ExperimentSnapshot *checkout = find(controller.snapshots(), "checkout-redesign");
        QVERIFY(checkout);
        QCOMPARE(checkout->ns, QStringLiteral("production"));
        QCOMPARE(checkout->route.context, QStringLiteral("rolldeck-demo"));
        QCOMPARE(checkout->route.virtualService, QStringLiteral("checkout-ab"));
        QVERIFY(!checkout->route.resourceVersion.isEmpty());
        QCOMPARE(checkout->route.variants.size(), 2);
        QCOMPARE(checkout->route.variants[0].name, QStringLiteral("control"));
        QCOMPARE(checkout->route.variants[0].host, QStringLiteral("checkout-control"));
        QCOMPARE(checkout->route.variants[0].weight, 50.0);
        QCOMPARE(checkout->route.variants[1].weight, 50.0);
        QCOMPARE(checkout->input.minimumConversionEffect, 0.005);
        const stats::AbReport &cr = checkout->report;
        QVERIFY2(cr.sampleRatio.ok() && !cr.sampleRatioMismatch, qPrintable(cr.verdict));
        QCOMPARE(cr.metrics.size(), 2);
        QCOMPARE(cr.metrics[0].name, QStringLiteral("conversion"));
        QCOMPARE(cr.metrics[1].name, QStringLiteral("time on page"));
        QVERIFY2(std::abs(cr.metrics[0].valueA - 0.042) < 0.006, qPrintable(QString::number(cr.metrics[0].valueA)));
        QVERIFY2(std::abs(cr.metrics[1].valueB - 52) < 3, qPrintable(QString::number(cr.metrics[1].valueB)));
        QVERIFY(std::isfinite(cr.metrics[0].plannedPerGroupA));
        QVERIFY(std::isfinite(cr.secondsLeft) || cr.metrics[0].progress >= 1);

        const ExperimentSnapshot *search = find(controller.snapshots(), "search-optimisation");
        QVERIFY(search);
        QCOMPARE(search->route.virtualService, QStringLiteral("search-ab"));
        QCOMPARE(search->route.variants[0].name, QStringLiteral("baseline"));
        QCOMPARE(search->route.variants[0].weight, 80.0);
        QCOMPARE(search->route.variants[1].weight, 20.0);
        const double share = search->input.visitsB / (search->input.visitsA + search->input.visitsB);
        QVERIFY2(std::abs(share - 0.2) < 0.02, qPrintable(QString::number(share)));
        const stats::AbReport &sr = search->report;
        QVERIFY2(sr.sampleRatio.ok() && !sr.sampleRatioMismatch, qPrintable(sr.verdict));
        QCOMPARE(sr.metrics.size(), 1);
        const stats::AbMetricReport &latency = sr.metrics[0];
        QCOMPARE(latency.name, QStringLiteral("response time"));
        QCOMPARE(latency.unit, QStringLiteral("ms"));
        QVERIFY2(std::abs(latency.valueA - 180) < 6 && std::abs(latency.valueB - 150) < 6,
                 qPrintable(QStringLiteral("%1 %2").arg(latency.valueA).arg(latency.valueB)));
        QCOMPARE(latency.tests.size(), 3); // Welch, Student, Mann-Whitney on the binned histogram
        QVERIFY2(latency.tests[2].ok() && latency.tests[2].pValue < 0.001, qPrintable(latency.tests[2].notEnoughData));
        QVERIFY2(latency.tests[0].estimate < -20 && latency.tests[0].estimate > -40,
                 qPrintable(QString::number(latency.tests[0].estimate)));
        QVERIFY2(latency.verdict.startsWith(QStringLiteral("optimised is better on response time")),
                 qPrintable(latency.verdict));

        // The command line reads the same live.
        const Run json = runRolldeck({QStringLiteral("abtest"), QStringLiteral("report"), QStringLiteral("--live"),
                                      QStringLiteral("production/search-optimisation"), QStringLiteral("--json"),
                                      QStringLiteral("--kubeconfig"), cluster.kubeconfigPath(),
                                      QStringLiteral("--prometheus"), cluster.prometheus->baseUrl().toString()});
        QVERIFY2(json.exitCode == 0, qPrintable(json.err));
        const QJsonObject doc = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(doc.value(QStringLiteral("name")).toString(), QStringLiteral("search-optimisation"));
        QCOMPARE(doc.value(QStringLiteral("sampleRatioMismatch")).toBool(true), false);
        const QJsonObject live = doc.value(QStringLiteral("live")).toObject();
        QCOMPARE(live.value(QStringLiteral("virtualService")).toString(), QStringLiteral("search-ab"));
        const QJsonArray variants = live.value(QStringLiteral("variants")).toArray();
        QCOMPARE(variants.size(), 2);
        QCOMPARE(variants[1].toObject().value(QStringLiteral("weight")).toDouble(), 20.0);
        QVERIFY(variants[1].toObject().value(QStringLiteral("visits")).toDouble() > 1000);
        QCOMPARE(doc.value(QStringLiteral("metrics")).toArray()[0].toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("response time"));
        const Run text = runRolldeck({QStringLiteral("abtest"), QStringLiteral("report"), QStringLiteral("--live"),
                                      QStringLiteral("production/checkout-redesign"), QStringLiteral("--kubeconfig"),
                                      cluster.kubeconfigPath(), QStringLiteral("--prometheus"),
                                      cluster.prometheus->baseUrl().toString()});
        QVERIFY2(text.exitCode == 0, qPrintable(text.err));
        QVERIFY2(text.out.startsWith("production/checkout-redesign: VirtualService checkout-ab (context rolldeck-demo"),
                 text.out.constData());
        QVERIFY2(text.out.contains("  control (checkout-control): weight 50, "), text.out.constData());
        const Run unknown =
            runRolldeck({QStringLiteral("abtest"), QStringLiteral("report"), QStringLiteral("--live"),
                         QStringLiteral("production/nope"), QStringLiteral("--kubeconfig"), cluster.kubeconfigPath(),
                         QStringLiteral("--prometheus"), cluster.prometheus->baseUrl().toString()});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains(
                     QStringLiteral("no VirtualService in production is annotated rolldeck.io/ab-test: nope")),
                 qPrintable(unknown.err));
        // Without --prometheus or a workspace naming one, it says what is missing.
        const Run noProm = runRolldeck({QStringLiteral("abtest"), QStringLiteral("report"), QStringLiteral("--live"),
                                        QStringLiteral("production/search-optimisation"),
                                        QStringLiteral("--kubeconfig"), cluster.kubeconfigPath()});
        QCOMPARE(noProm.exitCode, 2);
        QVERIFY2(noProm.err.contains(QStringLiteral("no Prometheus for rolldeck-demo/production")),
                 qPrintable(noProm.err));

        // The split is edited (as the Experiments view's free slider would): the snapshot follows the VirtualService.
        const std::string before = search->route.resourceVersion.toStdString();
        const nlohmann::json patch = nlohmann::json::parse(R"({"spec":{"http":[{"name":"ab-split","route":[
            {"destination":{"host":"search-baseline"},"weight":50},
            {"destination":{"host":"search-optimised"},"weight":50}]}]}})");
        const rdsim::Outcome o = cluster.sim.store().mergePatch(rdsim::kVirtualServices, "production", "search-ab",
                                                                patch, rdsim::WriteScope::Main);
        QVERIFY(!o.error);
        QTRY_VERIFY_WITH_TIMEOUT(find(controller.snapshots(), "search-optimisation") &&
                                     find(controller.snapshots(), "search-optimisation")->route.variants[1].weight ==
                                         50,
                                 20000);
        QVERIFY(find(controller.snapshots(), "search-optimisation")->route.resourceVersion.toStdString() != before);

        // Prometheus goes away: each experiment says which query failed and keeps its last report.
        cluster.prometheus->stop();
        auto failedButKept = [&] {
            const QList<ExperimentSnapshot> &list = controller.snapshots();
            if (list.size() != 2)
                return false;
            for (const ExperimentSnapshot &s : list)
                if (!s.error.contains(QStringLiteral("the query request \"{__name__=~")) || s.report.metrics.isEmpty())
                    return false;
            return true;
        };
        QTRY_VERIFY2_WITH_TIMEOUT(failedButKept(), qPrintable(errors(controller.snapshots())), 20000);
        QVERIFY2(find(controller.snapshots(), "checkout-redesign")->error.contains(QStringLiteral("checkout-redesign")),
                 qPrintable(find(controller.snapshots(), "checkout-redesign")->error));
    }

    void injectedMismatchIsFlagged()
    {
        LiveCluster cluster;
        QVERIFY(cluster.dir.isValid());
        // 15 % of each test's last variant's visits are lost before they are counted.
        QVERIFY2(cluster.start(0.15), qPrintable(cluster.error));
        abtest::ExperimentsController controller;
        startController(controller, cluster);
        auto flagged = [&] {
            const QList<ExperimentSnapshot> &list = controller.snapshots();
            return bothRead(list, 5000) && find(list, "checkout-redesign")->report.sampleRatioMismatch &&
                   find(list, "search-optimisation")->report.sampleRatioMismatch;
        };
        QTRY_VERIFY2_WITH_TIMEOUT(flagged(), qPrintable(errors(controller.snapshots())), 90000);
        for (const ExperimentSnapshot &s : controller.snapshots()) {
            QVERIFY2(s.report.sampleRatio.pValue < 0.001, qPrintable(s.name));
            QVERIFY2(s.report.verdict.startsWith(QStringLiteral("do not trust: sample-ratio mismatch, p = ")),
                     qPrintable(s.report.verdict));
            for (const stats::AbMetricReport &m : s.report.metrics)
                QVERIFY2(m.verdict.contains(QStringLiteral("do not trust")), qPrintable(m.verdict));
        }
        // The configured split is still what the VirtualService says: the mismatch is in what was counted.
        QCOMPARE(find(controller.snapshots(), "search-optimisation")->route.variants[1].weight, 20.0);
    }
};

QTEST_GUILESS_MAIN(TestAbTestLive)
#include "tst_abtestlive.moc"
