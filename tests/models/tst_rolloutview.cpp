// The rollout view against upstream's own test data: the ten `get` goldens byte for byte, every
// scenario of expectations.json field by field, the scale-down-deadline variants and `status` lines.
#include "FixtureLoader.h"

#include "argo/RolloutFormat.h"
#include "argo/RolloutInfo.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

using namespace rolldeck;
using rolldeck::test::fixedNow;
using rolldeck::test::loadScenario;

namespace {

const QString kInfoDir = QStringLiteral("pkg/kubectl-argo-rollouts/info/testdata/");

const Rollout *findRollout(const ObjectStore &store, const QString &name)
{
    for (const Rollout *ro : store.rollouts()) {
        if (ro->meta.name == name)
            return ro;
    }
    return nullptr;
}

const Experiment *findExperiment(const ObjectStore &store, const QString &name)
{
    for (const Experiment *e : store.experiments()) {
        if (e->meta.name == name)
            return e;
    }
    return nullptr;
}

QString readText(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("<cannot read %1>").arg(path);
    return QString::fromUtf8(f.readAll());
}

// Upstream compares with trailing spaces stripped from every line.
QString stripTrailing(const QString &text)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    static const QRegularExpression trailing(QStringLiteral("[ \\t]+$"));
    for (QString &l : lines)
        l.remove(trailing);
    while (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    return lines.join(QLatin1Char('\n'));
}

// Scale-down-deadline variants of the blue-green scenario (info_test.go / get_test.go).
std::function<void(QJsonObject &)> deadlineEdit(const QString &rsName, qint64 offsetSecs, bool dropHashLabel)
{
    return [=](QJsonObject &obj) {
        QJsonObject meta = obj.value(QLatin1String("metadata")).toObject();
        if (obj.value(QLatin1String("kind")).toString() != QLatin1String("ReplicaSet") ||
            meta.value(QLatin1String("name")).toString() != rsName)
            return;
        QJsonObject annotations = meta.value(QLatin1String("annotations")).toObject();
        // Written with second precision, as metav1.Time serialises.
        annotations.insert(QStringLiteral("scale-down-deadline"), fixedNow().addSecs(offsetSecs).toString(Qt::ISODate));
        meta.insert(QStringLiteral("annotations"), annotations);
        if (dropHashLabel) {
            QJsonObject labels = meta.value(QLatin1String("labels")).toObject();
            labels.remove(QStringLiteral("rollouts-pod-template-hash"));
            meta.insert(QStringLiteral("labels"), labels);
        }
        obj.insert(QStringLiteral("metadata"), meta);
    };
}

QStringList toStringList(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray())
        out.append(s.toString());
    return out;
}

// "20", "20 (== status.canary.weights.canary.weight)" or "== setWeight"
QString expectedWeight(const QString &text, const RolloutInfo &info)
{
    if (text.startsWith(QLatin1String("== setWeight")))
        return info.setWeightText();
    return text.section(QLatin1Char(' '), 0, 0);
}

} // namespace

class TestRolloutView : public QObject
{
    Q_OBJECT
private slots:
    void golden_data();
    void golden();
    void fixturesLoadCleanly_data();
    void fixturesLoadCleanly();
    void expectations_data();
    void expectations();
    void activeScaleDownDelay();
    void statusLines_data();
    void statusLines();
    void timeIsAnInput();
    void listRows_data();
    void listRows();
};

void TestRolloutView::golden_data()
{
    QTest::addColumn<QString>("dir");
    QTest::addColumn<QString>("object");
    QTest::addColumn<bool>("experiment");
    QTest::addColumn<qint64>("deadlineOffset"); // 0 = no variant
    QTest::addColumn<QString>("golden");

    auto row = [](const char *golden, const QString &dir, const QString &object, bool experiment = false,
                  qint64 offset = 0) {
        QTest::newRow(golden) << kInfoDir + dir << object << experiment << offset
                              << QStringLiteral(ROLLDECK_FIXTURES_DIR "/argo-rollouts/golden/get-rollout/") +
                                     QLatin1String(golden) + QStringLiteral(".txt");
    };
    row("TestGetBlueGreenRollout", QStringLiteral("blue-green"), QStringLiteral("bluegreen-demo"));
    row("TestGetBlueGreenRolloutScaleDownDelay", QStringLiteral("blue-green"), QStringLiteral("bluegreen-demo"), false,
        4 * 3600);
    row("TestGetBlueGreenRolloutScaleDownDelayPassed", QStringLiteral("blue-green"), QStringLiteral("bluegreen-demo"),
        false, -3600);
    row("TestGetCanaryRollout", QStringLiteral("canary"), QStringLiteral("canary-demo"));
    row("TestGetCanaryPingPongRollout", QStringLiteral("canary"), QStringLiteral("canary-demo-pingpong"));
    row("TestExperimentRollout", QStringLiteral("experiment-analysis"), QStringLiteral("rollout-experiment-analysis"));
    row("TestGetExperiment", QStringLiteral("experiment-analysis"),
        QStringLiteral("rollout-experiment-analysis-6f646bf7b7-1-vcv27"), true);
    row("TestGetInvalidRollout", QStringLiteral("rollout-invalid"), QStringLiteral("rollout-invalid"));
    row("TestGetRolloutWithExperimentJob", QStringLiteral("experiment-step"), QStringLiteral("canary-demo"));
    row("TestGetAbortedRollout", QStringLiteral("rollout-aborted"), QStringLiteral("rollout-background-analysis"));
}

void TestRolloutView::golden()
{
    QFETCH(QString, dir);
    QFETCH(QString, object);
    QFETCH(bool, experiment);
    QFETCH(qint64, deadlineOffset);
    QFETCH(QString, golden);

    const QDateTime now = fixedNow();
    const ObjectStore store =
        deadlineOffset == 0
            ? loadScenario(dir, now)
            : loadScenario(dir, now, nullptr,
                           deadlineEdit(QStringLiteral("bluegreen-demo-74b948fccb"), deadlineOffset, true));
    QString text;
    if (experiment) {
        const Experiment *exp = findExperiment(store, object);
        QVERIFY2(exp, qPrintable(object));
        text = formatExperimentText(buildExperimentInfo(*exp, store, now));
    } else {
        const Rollout *ro = findRollout(store, object);
        QVERIFY2(ro, qPrintable(object));
        text = formatRolloutText(buildRolloutInfo(*ro, store, now));
    }
    // Our output has no trailing spaces at all; the golden is compared as upstream does.
    QVERIFY(!text.contains(QStringLiteral(" \n")));
    QVERIFY(text.endsWith(QLatin1Char('\n')));
    const QString expected = stripTrailing(readText(golden));
    const QString actual = stripTrailing(text);
    if (actual != expected) {
        const QStringList a = actual.split(QLatin1Char('\n'));
        const QStringList e = expected.split(QLatin1Char('\n'));
        for (qsizetype i = 0; i < std::max(a.size(), e.size()); ++i) {
            const QString al = a.value(i, QStringLiteral("<none>"));
            const QString el = e.value(i, QStringLiteral("<none>"));
            if (al != el)
                qWarning().noquote() << "line" << i + 1 << "\n  got:  " << al << "\n  want: " << el;
        }
    }
    QCOMPARE(actual, expected);
}

void TestRolloutView::fixturesLoadCleanly_data()
{
    QTest::addColumn<QString>("dir");
    for (const char *d :
         {"blue-green", "canary", "experiment-analysis", "experiment-step", "rollout-aborted", "rollout-invalid"})
        QTest::newRow(d) << kInfoDir + QLatin1String(d);
}

// Real upstream objects are well-formed: no loader or parse problem, no dangling reference.
void TestRolloutView::fixturesLoadCleanly()
{
    QFETCH(QString, dir);
    Diagnostics problems;
    const ObjectStore store = loadScenario(dir, fixedNow(), &problems);
    problems += store.diagnostics();
    for (const Rollout *ro : store.rollouts())
        problems += buildRolloutInfo(*ro, store, fixedNow()).diagnostics;
    QStringList text;
    for (const Diagnostic &d : std::as_const(problems))
        text.append(d.toString());
    QVERIFY2(problems.isEmpty(), qPrintable(text.join(QLatin1Char('\n'))));
    QVERIFY(!store.rollouts().isEmpty());
}

void TestRolloutView::expectations_data()
{
    QTest::addColumn<QJsonObject>("scenario");
    QFile f(QStringLiteral(ROLLDECK_FIXTURES_DIR "/argo-rollouts/expectations.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonArray scenarios =
        QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String("scenarios")).toArray();
    QVERIFY(scenarios.size() >= 9);
    for (const QJsonValue &v : scenarios) {
        const QJsonObject s = v.toObject();
        const QString name = s.value(QLatin1String("rollout")).toString().section(QLatin1Char(' '), 0, 0);
        const QString dir = s.value(QLatin1String("dir")).toString().section(QLatin1Char('/'), -1);
        QTest::newRow(qPrintable(dir + QLatin1Char('/') + name)) << s;
    }
}

void TestRolloutView::expectations()
{
    QFETCH(QJsonObject, scenario);
    const QDateTime now = fixedNow();
    const QString name = scenario.value(QLatin1String("rollout")).toString().section(QLatin1Char(' '), 0, 0);
    const ObjectStore store = loadScenario(scenario.value(QLatin1String("dir")).toString(), now);
    const Rollout *ro = findRollout(store, name);
    QVERIFY2(ro, qPrintable(name));
    const RolloutInfo info = buildRolloutInfo(*ro, store, now);
    if (scenario.contains(QLatin1String("namespace")))
        QCOMPARE(info.namespaceName, scenario.value(QLatin1String("namespace")).toString());

    int checked = 0;
    for (const char *section : {"asserted", "derived"}) {
        const QJsonObject expect = scenario.value(QLatin1String(section)).toObject();
        for (auto it = expect.constBegin(); it != expect.constEnd(); ++it) {
            const QString key = it.key();
            const QJsonValue v = it.value();
            ++checked;
            if (key == u"why" || key == u"golden" || key == u"variants" || key == u"tree") {
                // why: prose. golden / variants / tree: checked byte for byte in golden().
            } else if (key.startsWith(QLatin1String("undo"))) {
                // An action (issue of its own), not part of the view.
            } else if (key == u"status") {
                QCOMPARE(info.status, v.toString());
            } else if (key == u"icon") {
                QCOMPARE(info.icon, v.toString());
            } else if (key == u"message") {
                QCOMPARE(info.message, v.toString());
            } else if (key == u"strategy") {
                QCOMPARE(info.strategy, v.toString());
            } else if (key == u"step") {
                QCOMPARE(info.step, v.toString());
            } else if (key == u"setWeight") {
                QCOMPARE(info.setWeightText(), expectedWeight(v.toString(), info));
            } else if (key == u"actualWeight") {
                QCOMPARE(info.actualWeightText(), expectedWeight(v.toString(), info));
            } else if (key == u"images") {
                const QJsonArray images = v.toArray();
                QCOMPARE(info.images.size(), images.size());
                for (qsizetype i = 0; i < images.size(); ++i) {
                    QCOMPARE(info.images.at(i).image, images.at(i).toArray().at(0).toString());
                    QCOMPARE(info.images.at(i).tags, toStringList(images.at(i).toArray().at(1)));
                }
            } else if (key == u"replicas") {
                const QJsonObject r = v.toObject();
                QCOMPARE(info.replicas.desired, r.value(QLatin1String("desired")).toInt());
                QCOMPARE(info.replicas.current, r.value(QLatin1String("current")).toInt());
                QCOMPARE(info.replicas.updated, r.value(QLatin1String("updated")).toInt());
                QCOMPARE(info.replicas.ready, r.value(QLatin1String("ready")).toInt());
                QCOMPARE(info.replicas.available, r.value(QLatin1String("available")).toInt());
            } else if (key == u"revisions") {
                QList<int> revs;
                for (const RevisionInfo &r : info.revisions)
                    revs.append(r.revision);
                QList<int> want;
                for (const QJsonValue &r : v.toArray())
                    want.append(r.toInt());
                QCOMPARE(revs, want);
            } else if (key == u"replicaSets") {
                const QList<ReplicaSetInfo> sets = info.replicaSets();
                const QJsonArray want = v.toArray();
                QCOMPARE(sets.size(), want.size());
                for (qsizetype i = 0; i < want.size(); ++i) {
                    const QJsonArray w = want.at(i).toArray();
                    QCOMPARE(sets.at(i).name, w.at(0).toString());
                    QCOMPARE(sets.at(i).revision, w.at(1).toInt());
                    QCOMPARE(sets.at(i).status, w.at(2).toString());
                    QCOMPARE(sets.at(i).infoText(), w.at(3).toString());
                    QCOMPARE(sets.at(i).pods.size(), w.at(4).toInt());
                }
            } else if (key == u"replicaSetInfo") {
                const QJsonObject want = v.toObject();
                for (auto w = want.constBegin(); w != want.constEnd(); ++w) {
                    bool found = false;
                    for (const ReplicaSetInfo &rs : info.replicaSets()) {
                        if (rs.name == w.key()) {
                            found = true;
                            QCOMPARE(rs.infoText(), w.value().toString());
                        }
                    }
                    QVERIFY2(found, qPrintable(w.key()));
                }
            } else if (key == u"pods") {
                const QJsonObject want = v.toObject();
                for (auto w = want.constBegin(); w != want.constEnd(); ++w) {
                    bool found = false;
                    for (const ReplicaSetInfo &rs : info.replicaSets()) {
                        for (const PodInfo &pod : rs.pods) {
                            if (pod.name != w.key())
                                continue;
                            found = true;
                            const QJsonArray p = w.value().toArray();
                            QCOMPARE(pod.status, p.at(0).toString());
                            QCOMPARE(pod.icon, p.at(1).toString());
                            QCOMPARE(pod.infoText(), p.at(2).toString());
                        }
                    }
                    QVERIFY2(found, qPrintable(w.key()));
                }
            } else if (key == u"perRevision") {
                const QJsonObject want = v.toObject();
                for (auto w = want.constBegin(); w != want.constEnd(); ++w) {
                    const int rev = w.key().toInt();
                    const auto r = std::find_if(info.revisions.begin(), info.revisions.end(),
                                                [rev](const RevisionInfo &ri) { return ri.revision == rev; });
                    QVERIFY(r != info.revisions.end());
                    const QJsonObject counts = w.value().toObject();
                    QCOMPARE(r->replicaSets.size(), counts.value(QLatin1String("replicaSets")).toInt(0));
                    QCOMPARE(r->experiments.size(), counts.value(QLatin1String("experiments")).toInt(0));
                    QCOMPARE(r->analysisRuns.size(), counts.value(QLatin1String("analysisRuns")).toInt(0));
                }
            } else if (key == u"experiment") {
                const QJsonObject want = v.toObject();
                const ExperimentInfo *exp = nullptr;
                for (const RevisionInfo &r : info.revisions) {
                    for (const ExperimentInfo &e : r.experiments) {
                        if (e.name == want.value(QLatin1String("name")).toString())
                            exp = &e;
                    }
                }
                QVERIFY(exp);
                QCOMPARE(exp->status, want.value(QLatin1String("status")).toString());
                QCOMPARE(exp->icon, want.value(QLatin1String("icon")).toString());
                QStringList images;
                for (const ImageInfo &img : exp->images()) {
                    QVERIFY(img.tags.isEmpty());
                    images.append(img.image);
                }
                QCOMPARE(images, toStringList(want.value(QLatin1String("images_untagged"))));
            } else if (key == u"analysisRun") {
                const QJsonObject want = v.toObject();
                const QList<AnalysisRunInfo> runs = info.analysisRuns();
                const auto run = std::find_if(runs.begin(), runs.end(), [&want](const AnalysisRunInfo &r) {
                    return r.name == want.value(QLatin1String("name")).toString();
                });
                QVERIFY(run != runs.end());
                QCOMPARE(run->status, want.value(QLatin1String("status")).toString());
                if (want.contains(QLatin1String("icon")))
                    QCOMPARE(run->icon, want.value(QLatin1String("icon")).toString());
                QCOMPARE(run->countsText(), want.value(QLatin1String("info")).toString());
                if (want.contains(QLatin1String("jobs")))
                    QCOMPARE(run->jobs.size(), want.value(QLatin1String("jobs")).toInt());
            } else if (key == u"status_cmd_no_watch_stdout") {
                QCOMPARE(statusCommandLine(info, false), v.toString());
            } else if (key == u"status_cmd_no_watch") {
                const QJsonObject want = v.toObject();
                QCOMPARE(statusCommandLine(info, false), want.value(QLatin1String("stdout")).toString());
                if (want.contains(QLatin1String("stderr")))
                    QCOMPARE(QStringLiteral("Error: ") + statusCommandError(info),
                             want.value(QLatin1String("stderr")).toString());
            } else if (key == u"status_cmd_watch") {
                QCOMPARE(statusCommandLine(info, true), v.toObject().value(QLatin1String("stdout")).toString());
            } else {
                QFAIL(qPrintable(QStringLiteral("expectation key not checked: ") + key));
            }
        }
    }
    QVERIFY(checked > 0);
}

// info_test: the active ReplicaSet with a deadline 4h ahead sorts second and shows 3h59m.
void TestRolloutView::activeScaleDownDelay()
{
    const QDateTime now = fixedNow();
    const ObjectStore store = loadScenario(kInfoDir + QStringLiteral("blue-green"), now, nullptr,
                                           deadlineEdit(QStringLiteral("bluegreen-demo-6cbccd9f99"), 4 * 3600, false));
    const RolloutInfo info = buildRolloutInfo(*findRollout(store, QStringLiteral("bluegreen-demo")), store, now);
    const QList<ReplicaSetInfo> sets = info.replicaSets();
    QCOMPARE(sets.size(), 3);
    QCOMPARE(sets.at(1).name, QStringLiteral("bluegreen-demo-6cbccd9f99"));
    QCOMPARE(sets.at(1).scaleDownDelay, QStringLiteral("3h59m"));
    QCOMPARE(sets.at(1).infoText(), QStringLiteral("stable,active,delay:3h59m"));
    QVERIFY(sets.at(0).scaleDownDelay.isEmpty());
}

void TestRolloutView::statusLines_data()
{
    QTest::addColumn<QString>("dir");
    QTest::addColumn<QString>("rollout");
    QTest::addColumn<QString>("golden"); // prefix of golden/status/*
    QTest::newRow("blue-green") << QStringLiteral("blue-green") << QStringLiteral("bluegreen-demo")
                                << QStringLiteral("blue-green");
    QTest::newRow("rollout-aborted") << QStringLiteral("rollout-aborted")
                                     << QStringLiteral("rollout-background-analysis")
                                     << QStringLiteral("rollout-aborted");
    QTest::newRow("rollout-invalid") << QStringLiteral("rollout-invalid") << QStringLiteral("rollout-invalid")
                                     << QStringLiteral("rollout-invalid");
}

// golden/status: stdout without watch, and the error for a degraded rollout.
void TestRolloutView::statusLines()
{
    QFETCH(QString, dir);
    QFETCH(QString, rollout);
    QFETCH(QString, golden);
    const QDateTime now = fixedNow();
    const ObjectStore store = loadScenario(kInfoDir + dir, now);
    const RolloutInfo info = buildRolloutInfo(*findRollout(store, rollout), store, now);
    const QString base = QStringLiteral(ROLLDECK_FIXTURES_DIR "/argo-rollouts/golden/status/") + golden;
    QCOMPARE(statusCommandLine(info, false), stripTrailing(readText(base + QStringLiteral(".no-watch.stdout.txt"))));
    if (QFile::exists(base + QStringLiteral(".no-watch.stderr.txt")))
        QCOMPARE(QStringLiteral("Error: ") + statusCommandError(info),
                 stripTrailing(readText(base + QStringLiteral(".no-watch.stderr.txt"))));
    else
        QVERIFY(statusCommandError(info).isEmpty());
    if (QFile::exists(base + QStringLiteral(".watch.stdout.txt")))
        QCOMPARE(statusCommandLine(info, true), stripTrailing(readText(base + QStringLiteral(".watch.stdout.txt"))));
}

// The same objects viewed a day later age by a day: nothing reads the wall clock.
void TestRolloutView::timeIsAnInput()
{
    const QDateTime now = fixedNow();
    const ObjectStore store = loadScenario(kInfoDir + QStringLiteral("canary"), now);
    const Rollout *ro = findRollout(store, QStringLiteral("canary-demo"));
    QCOMPARE(buildRolloutInfo(*ro, store, now).age, QStringLiteral("7d"));
    QCOMPARE(buildRolloutInfo(*ro, store, now.addDays(1)).age, QStringLiteral("8d"));
    QCOMPARE(buildRolloutInfo(*ro, store, now.addDays(1)).replicaSets().at(1).pods.at(0).age, QStringLiteral("8d"));
}

void TestRolloutView::listRows_data()
{
    QTest::addColumn<QJsonObject>("rollout");
    QTest::addColumn<QJsonArray>("expectedRow");
    QFile f(QStringLiteral(ROLLDECK_FIXTURES_DIR "/argo-rollouts/expectations.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject inline_ =
        QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String("list_tests_inline_objects")).toObject();
    QCOMPARE(inline_.size(), 2);
    // The objects list_test.go builds in Go, as expectations.json describes them.
    const QJsonObject status{{QStringLiteral("currentStepIndex"), 1},
                             {QStringLiteral("replicas"), 4},
                             {QStringLiteral("readyReplicas"), 1},
                             {QStringLiteral("updatedReplicas"), 3},
                             {QStringLiteral("availableReplicas"), 2}};
    const QJsonObject canary{
        {QStringLiteral("kind"), QStringLiteral("Rollout")},
        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("can-guestbook")},
                                                 {QStringLiteral("namespace"), QStringLiteral("test")}}},
        {QStringLiteral("spec"),
         QJsonObject{{QStringLiteral("replicas"), 5},
                     {QStringLiteral("strategy"),
                      QJsonObject{{QStringLiteral("canary"),
                                   QJsonObject{{QStringLiteral("steps"),
                                                QJsonArray{QJsonObject{{QStringLiteral("setWeight"), 10}},
                                                           QJsonObject{{QStringLiteral("pause"),
                                                                        QJsonObject{{QStringLiteral("duration"), 60}}}},
                                                           QJsonObject{{QStringLiteral("setWeight"), 20}}}}}}}}}},
        {QStringLiteral("status"), status}};
    QJsonObject blueGreen = canary;
    blueGreen.insert(QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("bg-guestbook")},
                                                             {QStringLiteral("namespace"), QStringLiteral("test")}});
    blueGreen.insert(QStringLiteral("spec"), QJsonObject{{QStringLiteral("replicas"), 5},
                                                         {QStringLiteral("strategy"),
                                                          QJsonObject{{QStringLiteral("blueGreen"), QJsonObject{}}}}});
    QTest::newRow("can-guestbook")
        << canary
        << inline_.value(QLatin1String("can-guestbook")).toObject().value(QLatin1String("expected_row")).toArray();
    QTest::newRow("bg-guestbook")
        << blueGreen
        << inline_.value(QLatin1String("bg-guestbook")).toObject().value(QLatin1String("expected_row")).toArray();
}

// `list rollouts` columns: strategy, status, step, set weight ("-" for blue-green), ready/current,
// desired, up-to-date, available.
void TestRolloutView::listRows()
{
    QFETCH(QJsonObject, rollout);
    QFETCH(QJsonArray, expectedRow);
    ObjectStore store;
    store.upsert(rollout);
    const RolloutInfo info = buildRolloutInfo(*store.rollouts().constFirst(), store, fixedNow());
    const auto dash = [&info](const QString &s) { return info.isCanary() ? s : QStringLiteral("-"); };
    const QJsonArray row{info.strategy,    info.status,           dash(info.step),       dash(info.setWeightText()),
                         info.readyText(), info.replicas.desired, info.replicas.updated, info.replicas.available};
    QCOMPARE(row, expectedRow);
}

QTEST_GUILESS_MAIN(TestRolloutView)
#include "tst_rolloutview.moc"
