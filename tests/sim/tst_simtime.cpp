// The simulator's time model (docs/simulator.md, "Time"): --speed shortens durations, every timestamp it writes is
// wall time. At speed 600 the production canary's 30m pause lasts 3 wall seconds, and nothing it writes is dated
// ahead of the wall clock.
#include "sim/Clock.h"
#include "sim/Resources.h"
#include "sim/Simulator.h"
#include "SimTestSupport.h"
#include "sim/Store.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>

using nlohmann::json;
using namespace std::chrono;

namespace {

const std::string kNs = "production";
const std::string kRollout = "agentic-startup-api";

qint64 wallMsNow()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// A Kubernetes timestamp (whole seconds, UTC) as ms since the epoch; -1 when the text is none.
qint64 parseStamp(const std::string &text)
{
    if (text.size() != 20 || text[4] != '-' || text[10] != 'T' || text.back() != 'Z')
        return -1;
    const QDateTime t = QDateTime::fromString(QString::fromStdString(text), Qt::ISODate);
    return t.isValid() ? t.toMSecsSinceEpoch() : -1;
}

// Every timestamp in an object: (JSON path, ms).
void collectStamps(const json &node, const std::string &path, std::vector<std::pair<std::string, qint64>> *out)
{
    if (node.is_object()) {
        for (auto it = node.begin(); it != node.end(); ++it)
            collectStamps(it.value(), path + "." + it.key(), out);
    } else if (node.is_array()) {
        for (std::size_t i = 0; i < node.size(); ++i)
            collectStamps(node[i], path + "[" + std::to_string(i) + "]", out);
    } else if (node.is_string()) {
        const qint64 ms = parseStamp(node.get<std::string>());
        if (ms >= 0)
            out->emplace_back(path, ms);
    }
}

json rollout(rdsim::Simulator &sim)
{
    const auto got = sim.store().get(rdsim::kRollouts, kNs, kRollout);
    return got.object ? *got.object : json();
}

} // namespace

class TestSimTime : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void clockMapsSimulatedToWallTime()
    {
        rdsim::Clock clock(rdsim::Clock::Mode::Real, 100.0);
        // Simulated time runs ahead of the wall clock (5 s simulated per 50 ms) ...
        QTRY_VERIFY(clock.now() - system_clock::now() > seconds(3));
        const auto wall = system_clock::now();
        const auto sim = clock.now();
        QVERIFY(sim - wall > seconds(3));
        QVERIFY(abs(clock.wallNow() - wall) < milliseconds(20)); // ... what is written is not
        QVERIFY(abs(clock.fromWall(clock.toWall(sim)) - sim) < milliseconds(5));
        const rdsim::TimeMap map = clock.timeMap();
        const int64_t simMs = duration_cast<milliseconds>(sim.time_since_epoch()).count();
        QVERIFY(std::abs(map.toWallMs(simMs) - duration_cast<milliseconds>(wall.time_since_epoch()).count()) < 20);
        QVERIFY(map.read(map.stamp(simMs)) <= simMs); // whole seconds: read back at or before
        QVERIFY(simMs - map.read(map.stamp(simMs)) <= 1000 * 100);
        // A simulated minute is 0.6 wall seconds at speed 100.
        QVERIFY(std::abs(map.toWallMs(simMs + 60000) - map.toWallMs(simMs) - 600) <= 1);

        // A speed change keeps the wall mapping continuous.
        const auto before = clock.wallNow();
        clock.setSpeed(10);
        QVERIFY(abs(clock.wallNow() - before) < milliseconds(20));
        QCOMPARE(clock.speed(), 10.0);
        QVERIFY(abs(clock.wallNow() - system_clock::now()) < milliseconds(20));
        QVERIFY(abs(rdsim::Clock::parseRfc3339(clock.nowRfc3339()).value() - system_clock::now()) < seconds(2));

        // A manual clock (tests) has no wall clock: the two coincide.
        rdsim::Clock manual(rdsim::Clock::Mode::Manual, 1.0, system_clock::from_time_t(1'000'000'000));
        manual.advance(minutes(30));
        QCOMPARE(manual.wallNow(), manual.now());
        QCOMPARE(manual.timeMap().stamp(123'000), std::string("1970-01-01T00:02:03Z"));
    }

    void timestampsAreWallTimeAtSpeed()
    {
        const double speed = 600;
        const qint64 startWall = wallMsNow();
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString kubeconfig = dir.filePath(QStringLiteral("kubeconfig"));
        rdsim::Simulator sim;
        rdsim::Options options;
        options.scenario = "production-canary";
        options.speed = speed;
        options.tls = true; // kubectl sends its token over TLS only
        options.kubeconfigOut = kubeconfig.toStdString();
        const rdsim::StartResult started = sim.start(options);
        QVERIFY2(started.ok(), started.error.c_str());

        // The update starts 20 simulated seconds in and stops at its first step's timed pause (5%, 30m).
        json ro;
        QTRY_VERIFY_WITH_TIMEOUT((ro = rollout(sim), ro.contains("status") &&
                                                         ro["status"].contains("pauseConditions") &&
                                                         !ro["status"]["pauseConditions"].empty()),
                                 20000);
        const json pause = ro["status"]["pauseConditions"][0];
        QCOMPARE(pause.value("reason", std::string()), std::string("CanaryPauseStep"));
        const int step = ro["status"].value("currentStepIndex", -1);
        const json stepSpec = ro["spec"]["strategy"]["canary"]["steps"][step];
        QCOMPARE(stepSpec["pause"].value("duration", std::string()), std::string("30m"));
        const qint64 pauseStart = parseStamp(pause.value("startTime", std::string()));
        const qint64 seenPaused = wallMsNow();
        QVERIFY2(pauseStart >= startWall - 1000 && pauseStart <= seenPaused,
                 qPrintable(QStringLiteral("pause startTime %1 ms from the wall clock").arg(pauseStart - seenPaused)));

        // 30m at speed 600 is 3 wall seconds after startTime (which has whole seconds: the true start is up to
        // a second later).
        QTRY_VERIFY_WITH_TIMEOUT(rollout(sim)["status"].value("currentStepIndex", -1) > step, 15000);
        const qint64 resumed = wallMsNow();
        const qint64 lasted = resumed - pauseStart;
        QVERIFY2(lasted >= 3000 - 100 && lasted <= 3000 + 2500,
                 qPrintable(QStringLiteral("the 30m pause lasted %1 ms of wall time at speed 600").arg(lasted)));

        // kubectl's AGE comes from the server's Table: against the wall clock too. Everything here is younger than
        // the test (seconds), though at speed 600 the scenario has run for well over half an hour.
        const simtest::CommandResult pods =
            simtest::runKubectl(dir.path(), kubeconfig,
                                {QStringLiteral("get"), QStringLiteral("pods,rs,analysisrun"), QStringLiteral("-n"),
                                 QString::fromStdString(kNs)});
        QVERIFY2(pods.exitCode == 0, qPrintable(pods.err));
        const QStringList lines = pods.out.split(u'\n', Qt::SkipEmptyParts);
        int ages = 0;
        static const QRegularExpression ageColumn(QStringLiteral("\\s(\\d+)(s|m|h|d)\\s*$"));
        for (const QString &line : lines) {
            if (line.startsWith(QLatin1String("NAME")))
                continue;
            const QRegularExpressionMatch m = ageColumn.match(line);
            QVERIFY2(m.hasMatch(), qPrintable(line));
            QVERIFY2(m.captured(2) == QLatin1String("s") && m.captured(1).toInt() <= 60, qPrintable(line));
            ++ages;
        }
        QVERIFY2(ages >= 4, qPrintable(pods.out));

        // Let a few more things happen: background analysis measurements (every 1m simulated), so that their order
        // below is checked on more than one.
        const auto mostMeasurements = [&sim] {
            std::size_t most = 0;
            for (const auto &item : sim.store().list(rdsim::kAnalysisRuns, kNs).items) {
                const json &o = *item;
                if (!o.contains("status"))
                    continue;
                for (const json &result : o["status"].value("metricResults", json::array()))
                    most = std::max(most, result.value("measurements", json::array()).size());
            }
            return most;
        };
        QTRY_VERIFY_WITH_TIMEOUT(mostMeasurements() >= 3, 15000);
        const qint64 endWall = wallMsNow();
        sim.stop();

        int checked = 0;
        for (const rdsim::Gvr *kind : {&rdsim::kRollouts, &rdsim::kReplicaSets, &rdsim::kPods, &rdsim::kAnalysisRuns,
                                       &rdsim::kExperiments, &rdsim::kServices}) {
            for (const auto &item : sim.store().list(*kind, kNs).items) {
                const json &o = *item;
                const std::string name = kind->resource + "/" + o["metadata"].value("name", std::string());
                std::vector<std::pair<std::string, qint64>> stamps;
                collectStamps(o, "", &stamps);
                const qint64 created = parseStamp(o["metadata"].value("creationTimestamp", std::string()));
                QVERIFY2(created >= 0, name.c_str());
                for (const auto &[path, ms] : stamps) {
                    const std::string where = name + path;
                    // A deadline is the one time meant to lie ahead.
                    if (path.find("scale-down-deadline") != std::string::npos)
                        continue;
                    ++checked;
                    QVERIFY2(ms >= startWall - 1000, (where + ": before the simulator started").c_str());
                    QVERIFY2(ms <= endWall + 1000,
                             qPrintable(QString::fromStdString(where) +
                                        QStringLiteral(": %1 s ahead of the wall clock").arg((ms - endWall) / 1000.0)));
                    QVERIFY2(ms >= created, (where + ": before the object was created").c_str());
                }
                // Measurements are in order, each started before it finished.
                if (kind == &rdsim::kAnalysisRuns && o.contains("status")) {
                    const qint64 runStart = parseStamp(o["status"].value("startedAt", std::string()));
                    QVERIFY2(runStart >= created, name.c_str());
                    for (const json &result : o["status"].value("metricResults", json::array())) {
                        qint64 previous = runStart;
                        for (const json &m : result.value("measurements", json::array())) {
                            const qint64 s = parseStamp(m.value("startedAt", std::string()));
                            const qint64 f = parseStamp(m.value("finishedAt", std::string()));
                            QVERIFY2(s >= previous && f >= s, name.c_str());
                            previous = f;
                        }
                    }
                }
            }
        }
        QVERIFY2(checked > 50, qPrintable(QStringLiteral("only %1 timestamps seen").arg(checked)));
    }
};

QTEST_GUILESS_MAIN(TestSimTime)
#include "tst_simtime.moc"
