// Domain types other than the rollout view parsed from upstream's example manifests: analysis templates
// (namespaced and cluster-scoped), experiments, analysis runs with their measurements.
#include "FixtureLoader.h"

#include <QTest>

using namespace rolldeck;

class TestDomainTypes : public QObject
{
    Q_OBJECT
private slots:
    void examplesParseCleanly();
    void analysisTemplates();
    void experiment();
    void analysisRunMeasurements();
};

void TestDomainTypes::examplesParseCleanly()
{
    const LoadResult loaded = ObjectLoader::loadPaths({rolldeck::test::fixtureDir(QStringLiteral("examples"))});
    QVERIFY(loaded.problems.isEmpty());
    ObjectStore store;
    Diagnostics problems;
    for (const LoadedObject &lo : loaded.objects)
        store.upsert(lo.json, lo.source, &problems);
    QVERIFY(problems.isEmpty());
    QVERIFY(store.rollouts().size() >= 5);
}

void TestDomainTypes::analysisTemplates()
{
    const LoadResult loaded =
        ObjectLoader::loadPaths({rolldeck::test::fixtureDir(QStringLiteral("examples/cluster-analysis-templates.yaml")),
                                 rolldeck::test::fixtureDir(QStringLiteral("examples/analysis-templates.yaml"))});
    QVERIFY(loaded.problems.isEmpty());
    ObjectStore store;
    for (const LoadedObject &lo : loaded.objects)
        store.upsert(lo.json, lo.source);
    const AnalysisTemplate *cluster = store.clusterAnalysisTemplate(QStringLiteral("always-pass"));
    QVERIFY(cluster);
    QVERIFY(cluster->clusterScoped);
    QCOMPARE(cluster->metrics.size(), 1);
    QCOMPARE(cluster->metrics.at(0).name, QStringLiteral("pass"));
    QCOMPARE(cluster->metrics.at(0).count, QStringLiteral("1"));
    QCOMPARE(cluster->metrics.at(0).interval, QStringLiteral("5s"));
    QCOMPARE(cluster->metrics.at(0).failureLimit, QStringLiteral("1"));
    QCOMPARE(cluster->metrics.at(0).provider, QStringLiteral("job"));
    QCOMPARE(cluster->meta.source.line, 1);

    const AnalysisTemplate *random = store.analysisTemplate(QString(), QStringLiteral("random-fail"));
    QVERIFY(random);
    QVERIFY(!random->clusterScoped);
    QCOMPARE(random->metrics.at(0).failureLimit, QStringLiteral("1"));
    QVERIFY(!store.analysisTemplate(QString(), QStringLiteral("always-pass")));
}

void TestDomainTypes::experiment()
{
    const LoadResult loaded =
        ObjectLoader::loadPaths({rolldeck::test::fixtureDir(QStringLiteral("examples/experiment-with-analysis.yaml"))});
    ObjectStore store;
    for (const LoadedObject &lo : loaded.objects)
        store.upsert(lo.json, lo.source);
    const Experiment *exp = store.experiment(QString(), QStringLiteral("experiment-with-analysis"));
    QVERIFY(exp);
    QCOMPARE(exp->templateNames, (QStringList{QStringLiteral("purple"), QStringLiteral("orange")}));
}

void TestDomainTypes::analysisRunMeasurements()
{
    const QDateTime now = rolldeck::test::fixedNow();
    const ObjectStore store = rolldeck::test::loadScenario(
        QStringLiteral("pkg/kubectl-argo-rollouts/info/testdata/experiment-analysis"), now);
    const QList<const AnalysisRun *> runs = store.analysisRuns();
    QCOMPARE(runs.size(), 1);
    const AnalysisRun *run = runs.at(0);
    QCOMPARE(run->phase, QStringLiteral("Inconclusive"));
    QCOMPARE(run->metrics.size(), 1);
    QCOMPARE(run->metrics.at(0).name, QStringLiteral("random-fail"));
    QCOMPARE(run->metrics.at(0).inconclusiveLimit, QStringLiteral("1"));
    QCOMPARE(run->metricResults.size(), 1);
    const MetricResult &mr = run->metricResults.at(0);
    QCOMPARE(mr.successful + mr.failed + mr.inconclusive + mr.error, 10);
    QVERIFY(mr.measurements.size() >= 8);
    QCOMPARE(mr.measurements.at(0).startedAt, now.addDays(-7));
    QVERIFY(mr.measurements.at(0).metadata.value(QStringLiteral("job-name")).startsWith(run->meta.name));
}

QTEST_GUILESS_MAIN(TestDomainTypes)
#include "tst_domaintypes.moc"
