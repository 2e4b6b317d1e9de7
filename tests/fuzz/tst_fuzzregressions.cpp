// Every input a fuzz target ever failed on, or that a probe used against a parser, kept in tests/fuzz/regressions/
// TARGET/ and loaded through the same entry point as that target (docs/fuzzing.md). Runs in the normal build, so
// a regression shows without clang; under -DROLLDECK_SANITIZE=ON it is checked by the sanitizers as well.
#include "app/abtest/ExperimentInputs.h"
#include "app/abtest/ExperimentSpec.h"
#include "app/cli/AbTestInput.h"
#include "app/cli/JudgeInput.h"
#include "app/io/ObjectLoader.h"
#include "models/argo/ObjectStore.h"
#include "models/argo/RolloutFormat.h"
#include "models/argo/RolloutInfo.h"
#include "app/kube/Kubeconfig.h"
#include "app/kube/ListParser.h"
#include "app/kube/WatchParser.h"
#include "app/prometheus/PromParser.h"
#include "sim/scenario/Scenario.h"
#include "app/workspace/Workspace.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QJsonObject>
#include <QTest>

using namespace rolldeck;

namespace {

const QString kRegressions = QStringLiteral(ROLLDECK_SOURCE_DIR "/tests/fuzz/regressions/");

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// What each target does with its input; returns a short account of the outcome for the failure message.
QString runDump(const QByteArray &data)
{
    const LoadResult loaded = ObjectLoader::parse(data, QStringLiteral("fuzz.yaml"));
    ObjectStore store;
    for (const LoadedObject &object : loaded.objects)
        store.upsert(object.json, object.source);
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1800000000, Qt::UTC);
    for (const Rollout *rollout : store.rollouts()) {
        const RolloutInfo info = buildRolloutInfo(*rollout, store, now);
        (void)formatRolloutText(info);
        (void)rolloutInfoToJson(info);
    }
    return QStringLiteral("%1 objects, %2 problems").arg(loaded.objects.size()).arg(loaded.problems.size());
}

QString runKubeconfig(const QByteArray &data)
{
    const kube::Kubeconfig config = kube::parseKubeconfig(data, QStringLiteral("/nonexistent/rolldeck-fuzz/config"));
    return QStringLiteral("%1 contexts, %2 problems").arg(config.contexts.size()).arg(config.problems.size());
}

QString runWorkspace(const QByteArray &data)
{
    const WorkspaceParse parsed =
        parseWorkspace(data, QStringLiteral("fuzz-workspace.yaml"), QStringLiteral("/nonexistent/rolldeck-fuzz"));
    return QStringLiteral("%1 errors").arg(parsed.errors.size());
}

QString runWatch(const QByteArray &data)
{
    kube::WatchLineSplitter splitter;
    int events = 0;
    for (const QByteArray &line : splitter.feed(data))
        events += kube::parseWatchEvent(line) ? 1 : 0;
    return QStringLiteral("%1 events").arg(events);
}

QString runList(const QByteArray &data)
{
    const auto page = kube::parseListPage(data, QStringLiteral("Rollout"), QStringLiteral("argoproj.io/v1alpha1"));
    return page.ok() ? QStringLiteral("%1 items").arg(page.value().items.size()) : page.error();
}

QString runAbTest(const QByteArray &data)
{
    const auto input = parseAbTestInput(data, QStringLiteral("fuzz.json"));
    return input ? stats::buildAbReport(*input).verdict : input.error();
}

QString runAbExperiment(const QByteArray &data)
{
    const QJsonObject doc = QJsonDocument::fromJson(data).object();
    const auto spec = abtest::experimentFromVirtualService(doc.value(QLatin1String("virtualService")).toObject(), {});
    if (!spec)
        return spec.error();
    const auto reply =
        prom::parseQueryResponse(QJsonDocument(doc.value(QLatin1String("prometheus")).toObject()).toJson(), 200);
    if (!reply.ok())
        return reply.message;
    const auto input = abtest::inputFromSeries(*spec, *reply.value, abtest::seriesQuery(*spec));
    return input ? stats::buildAbReport(*input).verdict : input.error();
}

QString runJudge(const QByteArray &data)
{
    const auto request = parseJudgeInput(data, QStringLiteral("fuzz.json"));
    return request ? QStringLiteral("score %1").arg(stats::judgeCanary(request->metrics, request->settings).score)
                   : request.error();
}

QString runScenario(const QByteArray &data)
{
    rdsim::Scenario scenario;
    std::string error;
    const bool ok = rdsim::parseScenario(data.toStdString(), "fuzz.yaml", &scenario, &error);
    return ok ? QStringLiteral("loaded") : QString::fromStdString(error);
}

} // namespace

class TestFuzzRegressions : public QObject
{
    Q_OBJECT
private slots:
    void inputs_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("path");
        const QStringList targets = QDir(kRegressions).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString &target : targets) {
            const QDir dir(kRegressions + target);
            for (const QString &name : dir.entryList(QDir::Files))
                QTest::newRow(qPrintable(target + QLatin1Char('/') + name)) << target << dir.filePath(name);
        }
    }

    void inputs()
    {
        QFETCH(QString, target);
        QFETCH(QString, path);
        const QByteArray data = readAll(path);
        QString outcome;
        if (target == u"fuzz_dump")
            outcome = runDump(data);
        else if (target == u"fuzz_kubeconfig")
            outcome = runKubeconfig(data);
        else if (target == u"fuzz_workspace")
            outcome = runWorkspace(data);
        else if (target == u"fuzz_watch")
            outcome = runWatch(data);
        else if (target == u"fuzz_list")
            outcome = runList(data);
        else if (target == u"fuzz_scenario")
            outcome = runScenario(data);
        else if (target == u"fuzz_abtestinput") {
            outcome = runAbTest(data);
            // The target's own check: a verdict never shows a NaN or an infinity (these files name nothing so).
            static const QRegularExpression notANumber(QStringLiteral("(^|\\W)[-+]?(nan|inf)(\\W|$)"));
            QVERIFY2(!notANumber.match(outcome).hasMatch(), qPrintable(path + QStringLiteral(": ") + outcome));
        } else if (target == u"fuzz_abexperiment")
            outcome = runAbExperiment(data);
        else if (target == u"fuzz_judgeinput")
            outcome = runJudge(data);
        else
            QFAIL(qPrintable(QStringLiteral("no fuzz target named %1").arg(target)));
        // Reaching this line is the test: before its fix, each input crashed, hung or exhausted memory.
        QVERIFY2(!outcome.isEmpty(), qPrintable(path));
    }
};

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "tst_fuzzregressions.moc"
