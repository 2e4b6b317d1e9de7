// The live A/B source's pure parts: an experiment from its annotated VirtualService (routes, variants, annotations
// and their errors), the PromQL it sends, and the statistics' input from a Prometheus answer (counters summed over
// targets, histograms as mean, SD and binned samples).
#include "app/abtest/ExperimentInputs.h"
#include "app/abtest/ExperimentSpec.h"
#include "app/prometheus/PromParser.h"

#include <QJsonDocument>
#include <QTest>

#include <cmath>

using namespace rolldeck;
using namespace rolldeck::abtest;

namespace {

QJsonObject virtualService(const QByteArray &annotations, const QByteArray &routes = {})
{
    const QByteArray http = routes.isEmpty() ? QByteArray(R"([{"name":"ab-split","route":[
        {"destination":{"host":"search-baseline"},"weight":80},
        {"destination":{"host":"search-optimised"},"weight":20}]}])")
                                             : routes;
    return QJsonDocument::fromJson(R"({"apiVersion":"networking.istio.io/v1beta1","kind":"VirtualService",
        "metadata":{"name":"search-ab","namespace":"production","resourceVersion":"417","annotations":)" +
                                   annotations + R"(},"spec":{"hosts":["search"],"http":)" + http + "}}")
        .object();
}

prom::QueryData vector(const QByteArray &result)
{
    const auto reply =
        prom::parseQueryResponse(R"({"status":"success","data":{"resultType":"vector","result":)" + result + "}}", 200);
    return reply.value.value_or(prom::QueryData{});
}

QByteArray sample(const QByteArray &name, const QByteArray &variant, double value, const QByteArray &extra = {})
{
    return R"({"metric":{"__name__":")" + name +
           R"(","namespace":"production","experiment":"search-optimisation","variant":")" + variant + "\"" + extra +
           R"(},"value":[1795000000,")" + QByteArray::number(value, 'g', 12) + R"("]})";
}

} // namespace

class TestExperimentInputs : public QObject
{
    Q_OBJECT

private slots:
    void specFromAnnotations()
    {
        const auto spec = experimentFromVirtualService(virtualService(R"({"rolldeck.io/ab-test":"search-optimisation",
                "rolldeck.io/ab-variants":"baseline=search-baseline,optimised=search-optimised",
                "rolldeck.io/ab-alpha":"0.01","rolldeck.io/ab-power":"0.9",
                "rolldeck.io/ab-minimum-effect-conversion":"0.5%",
                "rolldeck.io/ab-minimum-effect-response-time":"20ms",
                "rolldeck.io/ab-minimum-effect-time-on-page":"3"})"),
                                                       QStringLiteral("rolldeck-demo"));
        QVERIFY2(spec.ok(), qPrintable(spec.error()));
        QCOMPARE(spec->ns, QStringLiteral("production"));
        QCOMPARE(spec->name, QStringLiteral("search-optimisation"));
        QCOMPARE(spec->route.context, QStringLiteral("rolldeck-demo"));
        QCOMPARE(spec->route.virtualService, QStringLiteral("search-ab"));
        QCOMPARE(spec->route.resourceVersion, QStringLiteral("417"));
        QCOMPARE(spec->route.httpRoute, 0);
        QCOMPARE(spec->route.variants.size(), 2);
        QCOMPARE(spec->route.variants[0].name, QStringLiteral("baseline"));
        QCOMPARE(spec->route.variants[0].host, QStringLiteral("search-baseline"));
        QCOMPARE(spec->route.variants[0].weight, 80.0);
        QCOMPARE(spec->route.variants[1].weight, 20.0);
        QCOMPARE(spec->alpha, 0.01);
        QCOMPARE(spec->power, 0.9);
        QCOMPARE(spec->minimumConversionEffect, 0.005);
        QCOMPARE(spec->minimumResponseEffectMs, 20.0);
        QCOMPARE(spec->minimumTimeOnPageEffectS, 3.0);
    }

    void specDefaults()
    {
        // No mapping: the destinations are the variants, named by host; the documented defaults apply.
        const auto spec = experimentFromVirtualService(virtualService(R"({"rolldeck.io/ab-test":"s"})"), {});
        QVERIFY2(spec.ok(), qPrintable(spec.error()));
        QCOMPARE(spec->route.variants[0].name, QStringLiteral("search-baseline"));
        QCOMPARE(spec->route.variants[1].name, QStringLiteral("search-optimised"));
        QCOMPARE(spec->alpha, 0.05);
        QCOMPARE(spec->power, 0.8);
        QCOMPARE(spec->minimumConversionEffect, 0.005);
        QCOMPARE(spec->minimumResponseEffectMs, 10.0);
        QCOMPARE(spec->minimumTimeOnPageEffectS, 5.0);
        // A named route, second of two; subsets name the variants.
        const auto routed =
            experimentFromVirtualService(virtualService(R"({"rolldeck.io/ab-test":"s","rolldeck.io/ab-route":"split"})",
                                                        R"([{"name":"first","route":[{"destination":{"host":"x"}}]},
                               {"name":"split","route":[{"destination":{"host":"web","subset":"a"},"weight":30},
                                                        {"destination":{"host":"web","subset":"b"},"weight":70}]}])"),
                                         {});
        QVERIFY2(routed.ok(), qPrintable(routed.error()));
        QCOMPARE(routed->route.httpRoute, 1);
        QCOMPARE(routed->route.variants[0].name, QStringLiteral("a"));
        QCOMPARE(routed->route.variants[1].weight, 70.0);
        // The subsets travel with the variants: a split edit must name the same destinations (host and subset).
        QCOMPARE(routed->route.variants[0].subset, QStringLiteral("a"));
        QCOMPARE(routed->route.variants[1].subset, QStringLiteral("b"));
        QCOMPARE(routed->route.variants[1].host, QStringLiteral("web"));
    }

    void specErrors_data()
    {
        QTest::addColumn<QByteArray>("annotations");
        QTest::addColumn<QByteArray>("routes");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty name") << QByteArray(R"({"rolldeck.io/ab-test":" "})") << QByteArray()
                                    << QStringLiteral("annotation rolldeck.io/ab-test names no experiment");
        QTest::newRow("alpha") << QByteArray(R"({"rolldeck.io/ab-test":"s","rolldeck.io/ab-alpha":"0.7"})")
                               << QByteArray() << QStringLiteral("annotation rolldeck.io/ab-alpha: \"0.7\"");
        QTest::newRow("effect") << QByteArray(R"({"rolldeck.io/ab-test":"s",
            "rolldeck.io/ab-minimum-effect-response-time":"fast"})")
                                << QByteArray()
                                << QStringLiteral("annotation rolldeck.io/ab-minimum-effect-response-time: \"fast\"");
        QTest::newRow("route") << QByteArray(R"({"rolldeck.io/ab-test":"s","rolldeck.io/ab-route":"nope"})")
                               << QByteArray() << QStringLiteral("no http route named \"nope\"");
        QTest::newRow("mapping") << QByteArray(R"({"rolldeck.io/ab-test":"s","rolldeck.io/ab-variants":"a=elsewhere"})")
                                 << QByteArray() << QStringLiteral("variant a: route 0 has no destination elsewhere");
        QTest::newRow("three") << QByteArray(R"({"rolldeck.io/ab-test":"s"})")
                               << QByteArray(R"([{"route":[{"destination":{"host":"a"},"weight":30},
                                  {"destination":{"host":"b"},"weight":30},{"destination":{"host":"c"},"weight":40}]}])")
                               << QStringLiteral("an A/B test needs exactly two variants, found 3");
    }

    void specErrors()
    {
        QFETCH(QByteArray, annotations);
        QFETCH(QByteArray, routes);
        QFETCH(QString, message);
        const auto spec = experimentFromVirtualService(virtualService(annotations, routes), {});
        QVERIFY(!spec.ok());
        QVERIFY2(spec.error().startsWith(QStringLiteral("VirtualService production/search-ab: ")),
                 qPrintable(spec.error()));
        QVERIFY2(spec.error().contains(message), qPrintable(spec.error()));
    }

    void queries()
    {
        ExperimentSpec spec;
        spec.ns = QStringLiteral("production");
        spec.name = QStringLiteral("odd\"name\\");
        QCOMPARE(seriesQuery(spec),
                 QStringLiteral("{__name__=~\"ab_test_.+\",namespace=\"production\",experiment=\"odd\\\"name\\\\\"}"));
        QCOMPARE(visitRateQuery(spec, std::chrono::seconds(300)),
                 QStringLiteral(
                     "sum(rate(ab_test_visits_total{namespace=\"production\",experiment=\"odd\\\"name\\\\\"}[300s]))"));
    }

    void inputFromAnswer()
    {
        auto spec = experimentFromVirtualService(virtualService(R"({"rolldeck.io/ab-test":"search-optimisation",
                "rolldeck.io/ab-variants":"baseline=search-baseline,optimised=search-optimised"})"),
                                                 {});
        QVERIFY(spec.ok());
        // Two targets export the baseline's visits: they add up. Buckets 0.1 / 0.2 / +Inf.
        const QByteArray le1 = R"(,"le":"0.1")", le2 = R"(,"le":"0.2")", inf = R"(,"le":"+Inf")";
        const QByteArray result = "[" + sample("ab_test_visits_total", "baseline", 600, R"(,"instance":"a")") + "," +
                                  sample("ab_test_visits_total", "baseline", 200, R"(,"instance":"b")") + "," +
                                  sample("ab_test_visits_total", "optimised", 200) + "," +
                                  sample("ab_test_response_seconds_bucket", "baseline", 200, le1) + "," +
                                  sample("ab_test_response_seconds_bucket", "baseline", 700, le2) + "," +
                                  sample("ab_test_response_seconds_bucket", "baseline", 800, inf) + "," +
                                  sample("ab_test_response_seconds_sum", "baseline", 136) + "," +
                                  sample("ab_test_response_seconds_count", "baseline", 800) + "," +
                                  sample("ab_test_response_seconds_bucket", "optimised", 100, le1) + "," +
                                  sample("ab_test_response_seconds_bucket", "optimised", 200, le2) + "," +
                                  sample("ab_test_response_seconds_bucket", "optimised", 200, inf) + "," +
                                  sample("ab_test_response_seconds_sum", "optimised", 24) + "," +
                                  sample("ab_test_response_seconds_count", "optimised", 200) + "]";
        const auto in = inputFromSeries(*spec, vector(result), QStringLiteral("q"));
        QVERIFY2(in.ok(), qPrintable(in.error()));
        QCOMPARE(in->nameA, QStringLiteral("baseline"));
        QCOMPARE(in->visitsA, 800.0);
        QCOMPARE(in->visitsB, 200.0);
        QCOMPARE(in->weightA, 80.0);
        QVERIFY(!in->conversionsA);
        QCOMPARE(in->metrics.size(), 1);
        const stats::AbContinuousMetric &m = in->metrics[0];
        QCOMPARE(m.name, QStringLiteral("response time"));
        QCOMPARE(m.unit, QStringLiteral("ms"));
        QCOMPARE(m.minimumEffect, 10.0);
        QCOMPARE(m.a.n, 800.0);
        QCOMPARE(m.a.mean, 170.0); // _sum / _count, in ms
        QCOMPARE(m.b.mean, 120.0);
        // Binned: 200 at 50 ms, 500 at 150 ms, 100 at 200 ms (the +Inf bucket at the last bound).
        QCOMPARE(m.a.samples.size(), size_t(800));
        QCOMPARE(qsizetype(std::count(m.a.samples.begin(), m.a.samples.end(), 50.0)), qsizetype(200));
        QCOMPARE(qsizetype(std::count(m.a.samples.begin(), m.a.samples.end(), 150.0)), qsizetype(500));
        QCOMPARE(qsizetype(std::count(m.a.samples.begin(), m.a.samples.end(), 200.0)), qsizetype(100));
        // SD of the binned values about the true mean plus width²/12 inside each finite bucket.
        const double squares = 200 * (50 - 170.0) * (50 - 170.0) + 500 * (150 - 170.0) * (150 - 170.0) +
                               100 * (200 - 170.0) * (200 - 170.0) + 700 * 100.0 * 100.0 / 12;
        QVERIFY(std::abs(m.a.sd - std::sqrt(squares / 799)) < 1e-9);
        // The report runs on it: Welch on the summaries, Mann-Whitney on the bins.
        const stats::AbReport report = stats::buildAbReport(*in);
        QCOMPARE(report.metrics.size(), 1);
        QCOMPARE(report.metrics[0].valueA, 170.0);
        QCOMPARE(report.metrics[0].tests.size(), 3);
        QVERIFY(report.metrics[0].tests[2].ok());
        QVERIFY(!report.sampleRatioMismatch);
    }

    void missingSeriesNamed()
    {
        auto spec = experimentFromVirtualService(virtualService(R"({"rolldeck.io/ab-test":"search-optimisation",
                "rolldeck.io/ab-variants":"baseline=search-baseline,optimised=search-optimised"})"),
                                                 {});
        QVERIFY(spec.ok());
        const auto none = inputFromSeries(*spec, vector("[]"), QStringLiteral("THE-QUERY"));
        QVERIFY(!none.ok());
        QCOMPARE(none.error(),
                 QStringLiteral("production/search-optimisation: no ab_test_visits_total series (query THE-QUERY)"));
        const auto half = inputFromSeries(*spec, vector("[" + sample("ab_test_visits_total", "baseline", 5) + "]"),
                                          QStringLiteral("Q"));
        QVERIFY(!half.ok());
        QVERIFY2(half.error().contains(QStringLiteral("variant \"optimised\"")), qPrintable(half.error()));
    }

    void largeHistogramsScaledDown()
    {
        // 2,000,000 observations: the bins keep their proportions at kMaxBinnedSamples.
        const auto side = binnedSide({{1, 500000}, {2, 2000000}, {std::numeric_limits<double>::infinity(), 2000000}},
                                     3000000, 2000000, 1);
        QCOMPARE(side.n, 2000000.0);
        QCOMPARE(side.mean, 1.5);
        QCOMPARE(side.samples.size(), size_t(kMaxBinnedSamples));
        QCOMPARE(qsizetype(std::count(side.samples.begin(), side.samples.end(), 0.5)),
                 qsizetype(kMaxBinnedSamples / 4));
    }
};

QTEST_GUILESS_MAIN(TestExperimentInputs)
#include "tst_experimentinputs.moc"
