// One attention rule, read end to end on the upstream fixtures served by loopback API servers: the console's table
// (RolloutFeed -> RolloutListModel -> the attention filter and the Status sort) and `rolldeck status` (the same
// feed and rows; its own order, JSON and exit code). The rows agree by construction now; what this still checks is
// that status's order, reasons and exit status follow the console's filter on real objects, per scenario.
#include "../models/FixtureLoader.h"
#include "FakeKubeApi.h"
#include "RolloutFeed.h"
#include "RolloutFilterProxyModel.h"
#include "RolloutListModel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace rolldeck;
using namespace rolldeck::testsupport;

namespace {

const QString kArgo = QStringLiteral("/apis/argoproj.io/v1alpha1");
const QString kApps = QStringLiteral("/apis/apps/v1");

using Edit = std::function<void(QJsonObject &)>;

QJsonObject field(const QJsonObject &o, const char *name)
{
    return o.value(QLatin1String(name)).toObject();
}

// Turns a fixture rollout (stuck at step 0 past its progress deadline) into one paused at `step` of its canary
// steps (step 1 is an untimed pause, step 3 a 10s pause), optionally with more pause reasons or spec.paused.
Edit pausedAt(int step, const QStringList &extraReasons = {}, bool specPaused = false)
{
    return [=](QJsonObject &o) {
        if (o.value(QLatin1String("kind")).toString() != QLatin1String("Rollout"))
            return;
        QJsonObject status = field(o, "status");
        QJsonArray conditions;
        for (const QJsonValue &c : status.value(QLatin1String("conditions")).toArray()) {
            QJsonObject cond = c.toObject();
            if (cond.value(QLatin1String("reason")).toString() == QLatin1String("ProgressDeadlineExceeded")) {
                cond.insert(QStringLiteral("reason"), QStringLiteral("RolloutPaused"));
                cond.insert(QStringLiteral("status"), QStringLiteral("Unknown"));
            }
            conditions.append(cond);
        }
        status.insert(QStringLiteral("conditions"), conditions);
        status.insert(QStringLiteral("currentStepIndex"), step);
        status.insert(QStringLiteral("controllerPause"), true);
        const QString start = test::kubeTime(QDateTime::currentDateTimeUtc());
        QJsonArray pauses{QJsonObject{{QStringLiteral("reason"), QStringLiteral("CanaryPauseStep")},
                                      {QStringLiteral("startTime"), start}}};
        for (const QString &reason : extraReasons)
            pauses.append(QJsonObject{{QStringLiteral("reason"), reason}, {QStringLiteral("startTime"), start}});
        status.insert(QStringLiteral("pauseConditions"), pauses);
        o.insert(QStringLiteral("status"), status);
        if (specPaused) {
            QJsonObject spec = field(o, "spec");
            spec.insert(QStringLiteral("paused"), true);
            o.insert(QStringLiteral("spec"), spec);
        }
    };
}

Edit autoPromoteAfter(int seconds)
{
    return [=](QJsonObject &o) {
        if (o.value(QLatin1String("kind")).toString() != QLatin1String("Rollout"))
            return;
        QJsonObject spec = field(o, "spec");
        QJsonObject strategy = field(spec, "strategy");
        QJsonObject bg = field(strategy, "blueGreen");
        bg.remove(QStringLiteral("autoPromotionEnabled"));
        bg.insert(QStringLiteral("autoPromotionSeconds"), seconds);
        strategy.insert(QStringLiteral("blueGreen"), bg);
        spec.insert(QStringLiteral("strategy"), strategy);
        o.insert(QStringLiteral("spec"), spec);
    };
}

struct Scenario
{
    QString context;
    QString dir;
    Edit edit;
    QString expectedKey; // the attention key every rollout of the scenario gets ("" = none)
};

QList<Scenario> scenarios()
{
    const QString base = QStringLiteral("pkg/kubectl-argo-rollouts/info/testdata/");
    return {
        {QStringLiteral("blue-green"), base + QStringLiteral("blue-green"), {}, QStringLiteral("waitingForPromotion")},
        {QStringLiteral("canary"), base + QStringLiteral("canary"), {}, QStringLiteral("degraded")},
        {QStringLiteral("experiment-analysis"),
         base + QStringLiteral("experiment-analysis"),
         {},
         QStringLiteral("degraded")},
        {QStringLiteral("experiment-step"), base + QStringLiteral("experiment-step"), {}, QString()},
        {QStringLiteral("rollout-aborted"), base + QStringLiteral("rollout-aborted"), {}, QStringLiteral("aborted")},
        {QStringLiteral("rollout-invalid"), base + QStringLiteral("rollout-invalid"), {}, QStringLiteral("degraded")},
        {QStringLiteral("canary-untimed-pause"), base + QStringLiteral("canary"), pausedAt(1),
         QStringLiteral("waitingForPromotion")},
        {QStringLiteral("canary-timed-pause"), base + QStringLiteral("canary"), pausedAt(3), QString()},
        {QStringLiteral("canary-manual-pause"), base + QStringLiteral("canary"), pausedAt(3, {}, true),
         QStringLiteral("manuallyPaused")},
        {QStringLiteral("canary-inconclusive"), base + QStringLiteral("canary"),
         pausedAt(3, {QStringLiteral("InconclusiveAnalysisRun")}), QStringLiteral("inconclusiveAnalysis")},
        {QStringLiteral("bluegreen-autopromote"), base + QStringLiteral("blue-green"), autoPromoteAfter(30), QString()},
    };
}

struct Cluster
{
    Scenario scenario;
    std::unique_ptr<FakeHttpServer> server;
    std::unique_ptr<FakeKubeApi> api;
    QList<QJsonObject> rollouts; // as served
    QList<QJsonObject> replicaSets;
};

struct Run
{
    int exitCode = -1;
    QJsonObject doc;
    QString err;
};

QString rowKey(const QString &context, const QString &ns, const QString &name)
{
    return context + QLatin1Char('/') + ns + QLatin1Char('/') + name;
}

} // namespace

class TestAttentionAgreement : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFile::exists(QStringLiteral(ROLLDECK_BINARY_DIR "/app/rolldeck")), "build the rolldeck target");
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QString yaml = QStringLiteral("apiVersion: v1\nkind: Config\nclusters:\n");
        for (const Scenario &s : scenarios()) {
            auto c = std::make_unique<Cluster>();
            c->scenario = s;
            c->server = std::make_unique<FakeHttpServer>();
            QVERIFY(c->server->listen());
            c->api = std::make_unique<FakeKubeApi>(c->server.get());
            const LoadResult loaded = test::scenarioObjects(s.dir, now, s.edit);
            QVERIFY2(loaded.problems.isEmpty(), qPrintable(loaded.problems.value(0).toString()));
            QSet<QString> uids;
            for (const LoadedObject &lo : loaded.objects) {
                const QString kind = lo.json.value(QLatin1String("kind")).toString();
                if (kind == QLatin1String("Rollout")) {
                    // The canary scenario's six rollouts are copies sharing one UID, which no cluster would
                    // serve (and the console keys rows by it): give the copies their own.
                    QJsonObject rollout = lo.json;
                    QJsonObject meta = field(rollout, "metadata");
                    const QString uid = meta.value(QLatin1String("uid")).toString();
                    if (uids.contains(uid)) {
                        meta.insert(QStringLiteral("uid"),
                                    QString(uid + QLatin1Char('-') + QString::number(uids.size())));
                        rollout.insert(QStringLiteral("metadata"), meta);
                    }
                    uids.insert(meta.value(QLatin1String("uid")).toString());
                    c->rollouts << c->api->add(kArgo, QStringLiteral("rollouts"), rollout);
                } else if (kind == QLatin1String("ReplicaSet"))
                    c->replicaSets << c->api->add(kApps, QStringLiteral("replicasets"), lo.json);
            }
            QVERIFY2(!c->rollouts.isEmpty(), qPrintable(s.dir));
            yaml +=
                QStringLiteral("- name: %1\n  cluster:\n    server: %2\n").arg(s.context, c->server->url().toString());
            m_clusters.push_back(std::move(c));
        }
        yaml += QStringLiteral("users:\n- name: u\n  user:\n    token: t0k3n\ncontexts:\n");
        for (const Scenario &s : scenarios())
            yaml += QStringLiteral("- name: %1\n  context: {cluster: %1, user: u}\n").arg(s.context);
        m_kubeconfig = m_dir.filePath(QStringLiteral("config"));
        QFile f(m_kubeconfig);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(yaml.toUtf8());
    }

    // The console's side: the same objects through the feed into the list model, its filter and its sort.
    void consoleAndStatusAgree()
    {
        RolloutListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        RolloutFeed feed(&model);
        for (const auto &c : m_clusters) {
            feed.apply(c->scenario.context, QStringLiteral("ReplicaSet"), c->replicaSets, {});
            feed.apply(c->scenario.context, QStringLiteral("Rollout"), c->rollouts, {});
        }
        int total = 0;
        for (const auto &c : m_clusters)
            total += int(c->rollouts.size());
        QCOMPARE(model.rowCount(), total);

        // Each row's verdict is the one the scenario expects.
        QHash<QString, QString> consoleReason; // row key -> reason text, rows needing attention only
        QSet<QString> expectedAttention;
        for (int r = 0; r < model.rowCount(); ++r) {
            const RolloutRow &row = model.rowAt(r);
            const QString key = rowKey(row.cluster, row.namespaceName, row.name);
            const QString expected = expectedKeyOf(row.cluster);
            QCOMPARE(model.attentionFor(row).key(), expected);
            const QModelIndex idx = model.index(r, 0);
            QCOMPARE(idx.data(RolloutListModel::AttentionRole).toBool(), !expected.isEmpty());
            if (!expected.isEmpty()) {
                expectedAttention.insert(key);
                consoleReason.insert(key, idx.data(RolloutListModel::AttentionReasonRole).toString());
            }
        }
        QVERIFY(!expectedAttention.isEmpty());
        QVERIFY(expectedAttention.size() < total);

        // The table's attention filter keeps exactly those rows.
        RolloutFilterProxyModel filter;
        QAbstractItemModelTester filterTester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
        filter.setSourceModel(&model);
        filter.setAttentionOnly(true);
        QSet<QString> filtered;
        for (int r = 0; r < filter.rowCount(); ++r) {
            const QModelIndex i = filter.index(r, 0);
            filtered.insert(rowKey(i.data(RolloutListModel::ClusterRole).toString(),
                                   i.data(RolloutListModel::NamespaceRole).toString(),
                                   i.data(RolloutListModel::NameRole).toString()));
        }
        QCOMPARE(filtered, expectedAttention);

        // The console's default order (Status, descending) puts exactly those rows first.
        RolloutFilterProxyModel sorted;
        sorted.setSourceModel(&model);
        sorted.sort(int(RolloutListModel::Column::Status), Qt::DescendingOrder);
        for (int r = 0; r < sorted.rowCount(); ++r)
            QCOMPARE(sorted.index(r, 0).data(RolloutListModel::AttentionRole).toBool(), r < expectedAttention.size());

        // `rolldeck status` across all the clusters: the same rows need attention, with the same reason, listed
        // first; the exit status says so.
        const Run all = run({QStringLiteral("--all-contexts"), QStringLiteral("-A")});
        QVERIFY2(all.exitCode == 1, qPrintable(all.err));
        const QJsonArray rows = all.doc.value(QLatin1String("rollouts")).toArray();
        QCOMPARE(rows.size(), total);
        QCOMPARE(all.doc.value(QLatin1String("needsAttention")).toInt(), expectedAttention.size());
        QSet<QString> statusAttention;
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const QJsonObject row = rows.at(i).toObject();
            const QString key =
                rowKey(row.value(QLatin1String("context")).toString(), row.value(QLatin1String("namespace")).toString(),
                       row.value(QLatin1String("name")).toString());
            const bool needs = row.value(QLatin1String("needsAttention")).toBool();
            QCOMPARE(needs, i < expectedAttention.size()); // attention first
            QCOMPARE(row.value(QLatin1String("attention")).toString(),
                     expectedKeyOf(row.value(QLatin1String("context")).toString()));
            if (needs) {
                statusAttention.insert(key);
                QCOMPARE(row.value(QLatin1String("attentionReason")).toString(), consoleReason.value(key));
            }
        }
        QCOMPARE(statusAttention, expectedAttention);
    }

    // Per cluster, `rolldeck status`'s exit status agrees with the console's filter on that cluster alone.
    void exitCodePerCluster_data()
    {
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("expectedKey");
        for (const Scenario &s : scenarios())
            QTest::newRow(qPrintable(s.context)) << s.context << s.expectedKey;
    }
    void exitCodePerCluster()
    {
        QFETCH(QString, context);
        QFETCH(QString, expectedKey);
        const Cluster *cluster = nullptr;
        for (const auto &c : m_clusters)
            if (c->scenario.context == context)
                cluster = c.get();
        QVERIFY(cluster);

        RolloutListModel model;
        RolloutFeed feed(&model);
        feed.apply(context, QStringLiteral("ReplicaSet"), cluster->replicaSets, {});
        feed.apply(context, QStringLiteral("Rollout"), cluster->rollouts, {});
        RolloutFilterProxyModel filter;
        filter.setSourceModel(&model);
        filter.setAttentionOnly(true);
        QCOMPARE(filter.rowCount() > 0, !expectedKey.isEmpty());

        const Run r = run({QStringLiteral("--context"), context, QStringLiteral("-A")});
        QVERIFY2(r.exitCode == (filter.rowCount() > 0 ? 1 : 0), qPrintable(r.err));
        QCOMPARE(r.doc.value(QLatin1String("needsAttention")).toInt(), filter.rowCount());
    }

private:
    QString expectedKeyOf(const QString &context) const
    {
        for (const auto &c : m_clusters)
            if (c->scenario.context == context)
                return c->scenario.expectedKey;
        return QStringLiteral("?");
    }

    Run run(const QStringList &arguments)
    {
        QProcess p;
        p.setProgram(QStringLiteral(ROLLDECK_BINARY_DIR "/app/rolldeck"));
        p.setArguments(QStringList{QStringLiteral("status"), QStringLiteral("--kubeconfig"), m_kubeconfig,
                                   QStringLiteral("--json")} +
                       arguments);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_dir.path());
        env.insert(QStringLiteral("LANGUAGE"), QStringLiteral("en"));
        env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
        p.setProcessEnvironment(env);
        p.start();
        Run r;
        // The loopback servers live in this process: keep its event loop turning while the command runs.
        if (!QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 30000)) {
            p.kill();
            p.waitForFinished();
            r.err = QStringLiteral("timed out");
            return r;
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
        r.doc = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

    QTemporaryDir m_dir;
    QString m_kubeconfig;
    std::vector<std::unique_ptr<Cluster>> m_clusters;
};

QTEST_GUILESS_MAIN(TestAttentionAgreement)
#include "tst_attentionagreement.moc"
