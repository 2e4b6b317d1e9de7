// The expr subset and the analysis assessment rules (reference/argocd-prometheus-stats.md C.2).
#include "sim/analysis/Analysis.h"
#include "sim/analysis/Expr.h"

#include <QtTest>

#include <cmath>

using nlohmann::json;
using rdsim::ExprValue;

Q_DECLARE_METATYPE(std::vector<double>)

class TestSimAnalysis : public QObject
{
    Q_OBJECT

private slots:
    void condition_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<std::vector<double>>("result");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<bool>("value");
        using V = std::vector<double>;
        QTest::newRow("index ge pass") << QStringLiteral("result[0] >= 0.95") << V{0.97} << true << true;
        QTest::newRow("index ge fail") << QStringLiteral("result[0] >= 0.95") << V{0.9} << true << false;
        QTest::newRow("empty ok") << QStringLiteral("len(result) == 0 || result[0] >= 0.95") << V{} << true << true;
        QTest::newRow("empty fails") << QStringLiteral("len(result) > 0 && result[0] >= 0.95") << V{} << true << false;
        QTest::newRow("index of empty is an error") << QStringLiteral("result[0] >= 0.95") << V{} << false << false;
        QTest::newRow("and/or words") << QStringLiteral("result[0] > 1 and result[0] < 3 or false") << V{2} << true
                                      << true;
        QTest::newRow("not") << QStringLiteral("!(result[0] < 0.005)") << V{0.01} << true << true;
        QTest::newRow("nan") << QStringLiteral("isNaN(result[0]) || result[0] >= 0.95") << V{NAN} << true << true;
        QTest::newRow("nan plain compare") << QStringLiteral("result[0] >= 0.95") << V{NAN} << true << false;
        QTest::newRow("asFloat") << QStringLiteral("asFloat(result[0]) * 100 >= 99") << V{0.995} << true << true;
        QTest::newRow("asInt") << QStringLiteral("asInt(result[0]) == 3") << V{3.7} << true << true;
        QTest::newRow("default") << QStringLiteral("default(nil, 0) < 0.05") << V{} << true << true;
        QTest::newRow("all with #") << QStringLiteral("all(result, # < 0.300)") << V{0.1, 0.2} << true << true;
        QTest::newRow("any with #") << QStringLiteral("any(result, # > 0.250)") << V{0.1, 0.2} << true << false;
        QTest::newRow("ternary") << QStringLiteral("len(result) > 1 ? result[1] > 1 : false") << V{0, 2} << true
                                 << true;
        QTest::newRow("not a bool") << QStringLiteral("result[0] + 1") << V{1} << false << false;
        QTest::newRow("syntax error") << QStringLiteral("result[0] >=") << V{1} << false << false;
        QTest::newRow("unknown function") << QStringLiteral("frobnicate(result)") << V{1} << false << false;
    }

    void condition()
    {
        QFETCH(QString, expression);
        QFETCH(std::vector<double>, result);
        QFETCH(bool, ok);
        QFETCH(bool, value);
        const rdsim::ExprResult r = rdsim::Expr::evaluateCondition(expression.toStdString(), ExprValue::array(result));
        QCOMPARE(r.ok, ok);
        if (ok)
            QCOMPARE(r.value, value);
        else
            QVERIFY(!r.error.empty());
    }

    void measurementPhase_data()
    {
        QTest::addColumn<QString>("success");
        QTest::addColumn<QString>("failure");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("phase");
        QTest::newRow("no conditions") << QString() << QString() << 0.1 << QStringLiteral("Successful");
        QTest::newRow("success only, pass")
            << QStringLiteral("result[0] >= 0.95") << QString() << 0.99 << QStringLiteral("Successful");
        QTest::newRow("success only, fail")
            << QStringLiteral("result[0] >= 0.95") << QString() << 0.9 << QStringLiteral("Failed");
        QTest::newRow("failure only, trip")
            << QString() << QStringLiteral("result[0] < 0.9") << 0.8 << QStringLiteral("Failed");
        QTest::newRow("failure only, fine")
            << QString() << QStringLiteral("result[0] < 0.9") << 0.95 << QStringLiteral("Successful");
        QTest::newRow("between") << QStringLiteral("result[0] >= 0.999") << QStringLiteral("result[0] < 0.995") << 0.997
                                 << QStringLiteral("Inconclusive");
        QTest::newRow("error") << QStringLiteral("result[5] > 1") << QString() << 1.0 << QStringLiteral("Error");
    }

    void measurementPhase()
    {
        QFETCH(QString, success);
        QFETCH(QString, failure);
        QFETCH(double, value);
        QFETCH(QString, phase);
        json metric{{"name", "m"}};
        if (!success.isEmpty())
            metric["successCondition"] = success.toStdString();
        if (!failure.isEmpty())
            metric["failureCondition"] = failure.toStdString();
        std::string error;
        QCOMPARE(QString::fromStdString(rdsim::analysis::assessMeasurement(metric, ExprValue::array({value}), &error)),
                 phase);
        QCOMPARE(error.empty(), phase != QLatin1String("Error"));
    }

    void metricPhase_data()
    {
        QTest::addColumn<QByteArray>("metric");
        QTest::addColumn<QByteArray>("result");
        QTest::addColumn<QString>("phase");
        QTest::addColumn<QString>("message");
        QTest::newRow("first failure fails")
            << QByteArray(R"({"interval":"1m"})") << QByteArray(R"({"failed":1,"count":1})") << QStringLiteral("Failed")
            << QStringLiteral("failed (1) > failureLimit (0)");
        QTest::newRow("within failure limit")
            << QByteArray(R"({"interval":"1m","failureLimit":2})") << QByteArray(R"({"failed":2,"count":3})")
            << QStringLiteral("Running") << QString();
        QTest::newRow("failure limit disabled")
            << QByteArray(R"({"interval":"1m","failureLimit":-1})") << QByteArray(R"({"failed":9,"count":9})")
            << QStringLiteral("Running") << QString();
        QTest::newRow("inconclusive over limit")
            << QByteArray(R"({"interval":"1m","inconclusiveLimit":1})") << QByteArray(R"({"inconclusive":2,"count":2})")
            << QStringLiteral("Inconclusive") << QStringLiteral("inconclusive (2) > inconclusiveLimit (1)");
        QTest::newRow("errors over default limit 4")
            << QByteArray(R"({"interval":"1m"})") << QByteArray(R"({"error":5,"consecutiveError":5})")
            << QStringLiteral("Error") << QStringLiteral("consecutiveErrors (5) > consecutiveErrorLimit (4)");
        QTest::newRow("later rule wins") << QByteArray(R"({"interval":"1m","consecutiveErrorLimit":0})")
                                         << QByteArray(R"({"failed":1,"count":1,"error":1,"consecutiveError":1})")
                                         << QStringLiteral("Error")
                                         << QStringLiteral("consecutiveErrors (1) > consecutiveErrorLimit (0)");
        QTest::newRow("count reached") << QByteArray(R"({"interval":"1m","count":3})")
                                       << QByteArray(R"({"successful":3,"count":3})") << QStringLiteral("Successful")
                                       << QString();
        QTest::newRow("no interval means one") << QByteArray(R"({})") << QByteArray(R"({"successful":1,"count":1})")
                                               << QStringLiteral("Successful") << QString();
        QTest::newRow("consecutive success limit")
            << QByteArray(R"({"interval":"1m","consecutiveSuccessLimit":2})")
            << QByteArray(R"({"successful":2,"consecutiveSuccess":2,"count":2})") << QStringLiteral("Successful")
            << QStringLiteral("consecutiveSuccess (2) >= consecutiveSuccessLimit (2)");
        QTest::newRow("count reached, consecutive not")
            << QByteArray(R"({"interval":"1m","count":3,"consecutiveSuccessLimit":3})")
            << QByteArray(R"({"successful":3,"consecutiveSuccess":1,"count":3})") << QStringLiteral("Inconclusive")
            << QStringLiteral("count (3) reached, consecutiveSuccessLimit (3) not reached");
    }

    void metricPhase()
    {
        QFETCH(QByteArray, metric);
        QFETCH(QByteArray, result);
        QFETCH(QString, phase);
        QFETCH(QString, message);
        std::string msg;
        const std::string p = rdsim::analysis::assessMetric(json::parse(metric.toStdString()),
                                                            json::parse(result.toStdString()), false, &msg);
        QCOMPARE(QString::fromStdString(p), phase);
        if (!message.isEmpty())
            QCOMPARE(QString::fromStdString(msg), message);
    }

    void durations_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("ms");
        QTest::newRow("int seconds") << QByteArray("30") << qint64(30000);
        QTest::newRow("string seconds") << QByteArray("\"45\"") << qint64(45000);
        QTest::newRow("minutes") << QByteArray("\"30m\"") << qint64(1800000);
        QTest::newRow("compound") << QByteArray("\"1h30m\"") << qint64(5400000);
        QTest::newRow("millis") << QByteArray("\"250ms\"") << qint64(250);
        QTest::newRow("garbage") << QByteArray("\"soon\"") << qint64(-1);
    }

    void durations()
    {
        QFETCH(QByteArray, value);
        QFETCH(qint64, ms);
        QCOMPARE(qint64(rdsim::analysis::parseDurationMs(json::parse(value.toStdString()))), ms);
    }

    // A whole run: measurements when due, the metric fails on the second value, the run fails
    // with the controller's message and the other metric is terminated.
    void runProgression()
    {
        json run = json::parse(R"({"spec":{"metrics":[
            {"name":"success-rate","interval":"1m","successCondition":"result[0] >= 0.99"},
            {"name":"latency","interval":"1m","successCondition":"result[0] < 0.5"}]}})");
        std::vector<double> values{0.999, 0.98};
        size_t calls = 0;
        rdsim::MeasureFn measure = [&](const json &metric, const json &) {
            rdsim::MeasureOutcome o;
            const double v = metric["name"] == "latency" ? 0.1 : values[std::min(calls++, values.size() - 1)];
            o.value = ExprValue::array({v});
            o.valueText = "[" + std::to_string(v) + "]";
            return o;
        };
        const int64_t t0 = 1700000000000;
        int64_t due = -1;
        QVERIFY(rdsim::analysis::reconcileRun(run, t0, measure, &due));
        QCOMPARE(run["status"]["phase"].get<std::string>(), std::string("Running"));
        QCOMPARE(run["status"]["metricResults"][0]["count"].get<int>(), 1);
        QCOMPARE(due, t0 + 60000);
        due = -1;
        QVERIFY(!rdsim::analysis::reconcileRun(run, t0 + 30000, measure, &due)); // nothing due yet
        QVERIFY(rdsim::analysis::reconcileRun(run, t0 + 60000, measure, &due));
        QCOMPARE(run["status"]["phase"].get<std::string>(), std::string("Failed"));
        QCOMPARE(run["status"]["message"].get<std::string>(),
                 std::string("Metric \"success-rate\" assessed Failed due to failed (1) > failureLimit (0)"));
        QCOMPARE(run["status"]["metricResults"][1]["phase"].get<std::string>(), std::string("Successful"));
        QCOMPARE(run["status"]["metricResults"][1]["message"].get<std::string>(), std::string("metric terminated"));
        QCOMPARE(run["status"]["runSummary"]["failed"].get<int>(), 1);
        QVERIFY(run["status"].contains("completedAt"));
        // Completed runs do not change any more.
        QVERIFY(!rdsim::analysis::reconcileRun(run, t0 + 600000, measure, &due));
    }

    void terminatedRunEndsSuccessful()
    {
        json run = json::parse(R"({"spec":{"metrics":[{"name":"m","interval":"5m","successCondition":"true"}]}})");
        rdsim::MeasureFn measure = [](const json &, const json &) {
            rdsim::MeasureOutcome o;
            o.value = ExprValue::array({1});
            o.valueText = "[1]";
            return o;
        };
        int64_t due = -1;
        QVERIFY(rdsim::analysis::reconcileRun(run, 1000, measure, &due));
        run["spec"]["terminate"] = true;
        QVERIFY(rdsim::analysis::reconcileRun(run, 2000, measure, &due));
        QCOMPARE(run["status"]["phase"].get<std::string>(), std::string("Successful"));
        QCOMPARE(run["status"]["message"].get<std::string>(), std::string("run terminated"));
    }
};

QTEST_GUILESS_MAIN(TestSimAnalysis)
#include "tst_simanalysis.moc"
