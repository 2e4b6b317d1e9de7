// The Argo CD models (QtCore only): Application read from a real upstream Application, the applications tree (app-of-
// apps above its applications; data changes as dataChanged, no reset) and the environments matrix with its promotion
// path, each under QAbstractItemModelTester.
#include "models/argocd/Application.h"
#include "models/argocd/ApplicationModel.h"
#include "models/argocd/EnvironmentMatrixModel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace rolldeck;

namespace {

Application app(const QString &name, const QString &env, const QString &revision, const QStringList &images,
                const QStringList &rollouts, const QStringList &historyRevisions = {})
{
    Application a;
    a.name = name;
    a.project = env;
    a.environment = env;
    a.destinationNamespace = env;
    a.syncStatus = QStringLiteral("Synced");
    a.syncRevision = revision;
    a.health = QStringLiteral("Healthy");
    a.images = images;
    for (const QString &r : rollouts)
        a.resources << ApplicationResource{QStringLiteral("argoproj.io"), QStringLiteral("Rollout"), env, r,
                                           QStringLiteral("Synced"),      QStringLiteral("Healthy")};
    qint64 id = 0;
    for (const QString &h : historyRevisions)
        a.history << ApplicationHistoryEntry{++id, h, QDateTime::fromSecsSinceEpoch(1700000000 + id * 3600, Qt::UTC),
                                             QStringLiteral("automated")};
    return a;
}

Application appOfApps(const QStringList &children)
{
    Application a;
    a.name = QStringLiteral("all");
    a.project = QStringLiteral("default");
    for (const QString &c : children)
        a.resources << ApplicationResource{QStringLiteral("argoproj.io"), QStringLiteral("Application"),
                                           QStringLiteral("argocd"),      c,
                                           QStringLiteral("Synced"),      QString()};
    return a;
}

} // namespace

class TestArgoCdModels : public QObject
{
    Q_OBJECT

private slots:
    void applicationFromUpstream()
    {
        QFile f(QStringLiteral(ROLLDECK_FIXTURES_DIR "/argocd/application-full-status.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const Application a = Application::fromJson(QJsonDocument::fromJson(f.readAll()).object());
        QCOMPARE(a.name, QStringLiteral("velero-test"));
        QCOMPARE(a.project, QStringLiteral("sre"));
        QCOMPARE(a.destinationNamespace, QStringLiteral("test-lla"));
        QCOMPARE(a.syncStatus, QStringLiteral("Synced"));
        QCOMPARE(a.health, QStringLiteral("Healthy"));
        QCOMPARE(a.images, QStringList{QStringLiteral("nginx:latest")});
        QCOMPARE(a.history.size(), 10);
        QCOMPARE(a.history.last().id, 23);
        QCOMPARE(a.history.last().revision, QStringLiteral("ea8759964626a583667a2bfd08f334ec2070040a"));
        QCOMPARE(a.history.last().deployedAt, QDateTime(QDate(2024, 3, 5), QTime(7, 33, 4), Qt::UTC));
        // What runs is the newest history entry's revision; sync.revision is what the live state was compared to.
        QCOMPARE(a.deployedRevision(), QStringLiteral("ea8759964626a583667a2bfd08f334ec2070040a"));
        QCOMPARE(a.syncRevision, QStringLiteral("rev1"));
        QCOMPARE(a.repoURL, QStringLiteral("https://github.com/foo/manifests-velero.git"));
        QCOMPARE(a.operationPhase, QStringLiteral("Succeeded"));
        QCOMPARE(a.operationBy, QStringLiteral("foo@example.com"));
        QVERIFY(a.operationFinishedAt.isValid());
        QVERIFY(!a.autoSync);
        QVERIFY(a.rollouts().isEmpty());
        QCOMPARE(a.resources.size(), 2);
    }

    void applicationTree()
    {
        ApplicationModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        const QStringList names{QStringLiteral("dev"), QStringLiteral("prod")};
        Application dev = app(names[0], QStringLiteral("development"), QStringLiteral("aaaaaaa1"), {}, {});
        Application prod = app(names[1], QStringLiteral("production"), QStringLiteral("bbbbbbb1"), {}, {});
        Application loose = app(QStringLiteral("loose"), QStringLiteral("x"), QString(), {}, {});
        model.setApplications({prod, appOfApps(names), dev, loose});
        QCOMPARE(model.rowCount(), 2); // "all" and "loose" at the top
        const QModelIndex all = model.indexOf(QStringLiteral("all"));
        QCOMPARE(all.row(), 0);
        QCOMPARE(model.rowCount(all), 2);
        QCOMPARE(model.index(1, 0, all).data().toString(), QStringLiteral("prod"));
        QCOMPARE(model.parent(model.indexOf(QStringLiteral("dev"))), all);

        // A stream event that changes prod's health: one dataChanged on its row, no reset.
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        prod.health = QStringLiteral("Progressing");
        prod.operationPhase = QStringLiteral("Running");
        prod.operationBy = QStringLiteral("admin");
        prod.operationStartedAt = QDateTime::currentDateTimeUtc();
        model.upsert(prod);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().parent(), all);
        const QModelIndex op = model.indexOf(QStringLiteral("prod"), int(ApplicationModel::Column::Operation));
        QCOMPARE(op.data().toString(), QStringLiteral("Running"));
        QVERIFY(model.indexOf(QStringLiteral("prod"), int(ApplicationModel::Column::LastSync))
                    .data()
                    .toString()
                    .endsWith(QStringLiteral(" by admin")));
        // Unchanged: nothing emitted.
        model.upsert(prod);
        QCOMPARE(changed.size(), 1);
        model.remove(QStringLiteral("loose"));
        QCOMPARE(model.rowCount(), 1);
        // A cycle does not hide applications.
        Application a = appOfApps({QStringLiteral("b")});
        a.name = QStringLiteral("a");
        Application b = appOfApps({QStringLiteral("a")});
        b.name = QStringLiteral("b");
        model.setApplications({a, b});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowCount(model.indexOf(QStringLiteral("a"))), 1);
    }

    void matrixAndPromotionPath()
    {
        EnvironmentMatrixModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setEnvironments({QStringLiteral("development"), QStringLiteral("staging"), QStringLiteral("production"),
                               QStringLiteral("canary")});
        // One repository promoted commit by commit: production runs c1, staging has deployed c2 and c3 since.
        const QString c1 = QStringLiteral("c1c1c1c1c1"), c2 = QStringLiteral("c2c2c2c2c2"),
                      c3 = QStringLiteral("c3c3c3c3c3");
        model.setApplications({
            app(QStringLiteral("api-staging"), QStringLiteral("staging"), c3,
                {QStringLiteral("ghcr.io/acme/api:1.6.0")}, {QStringLiteral("api")}, {c1, c2, c3}),
            app(QStringLiteral("api-production"), QStringLiteral("production"), c1,
                {QStringLiteral("ghcr.io/acme/api:1.4.0")}, {QStringLiteral("api")}, {c1}),
            app(QStringLiteral("api-dev"), QStringLiteral("development"), QStringLiteral("d9d9d9d9"),
                {QStringLiteral("ghcr.io/acme/api:1.7.0-dev.3"), QStringLiteral("ghcr.io/acme/worker:2")},
                {QStringLiteral("api")}, {QStringLiteral("d9d9d9d9")}),
        });
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.columnCount(), 5);
        QCOMPARE(model.headerData(0, Qt::Vertical).toString(), QStringLiteral("api"));
        const QString path = model.index(0, model.promotionColumn()).data().toString();
        QVERIFY2(path.contains(QStringLiteral("production is 2 revision(s) behind staging")), qPrintable(path));
        QVERIFY2(path.contains(QStringLiteral("staging runs 1.6.0, development runs 1.7.0-dev.3")), qPrintable(path));
        const QModelIndex prod = model.index(0, 2);
        QVERIFY(prod.data(EnvironmentMatrixModel::PresentRole).toBool());
        QCOMPARE(prod.data(EnvironmentMatrixModel::ImageRole).toString(), QStringLiteral("ghcr.io/acme/api:1.4.0"));
        QCOMPARE(model.index(0, 0).data(EnvironmentMatrixModel::ImageRole).toString(),
                 QStringLiteral("ghcr.io/acme/api:1.7.0-dev.3"));
        QVERIFY(prod.data().toString().startsWith(QStringLiteral("c1c1c1c · api:1.4.0\nHealthy · Synced")));
        QVERIFY(!model.index(0, 3).data(EnvironmentMatrixModel::PresentRole).toBool());

        // A rollout in progress in production, as the console's rows say: shown with its step, no reset.
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setRollouts({{QStringLiteral("production"), QStringLiteral("ctx"), QStringLiteral("production"),
                            QStringLiteral("api"), QStringLiteral("Paused"), QStringLiteral("1/8"), true},
                           {QStringLiteral("canary"), QStringLiteral("ctx"), QStringLiteral("canary"),
                            QStringLiteral("payments"), QStringLiteral("Healthy"), QString(), false}});
        QCOMPARE(reset.size(), 0);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.rowCount(), 2); // payments has no application, only its rollout
        QVERIFY(model.index(0, 2).data(EnvironmentMatrixModel::InProgressRole).toBool());
        QVERIFY(model.index(0, 2).data().toString().endsWith(QStringLiteral("rollout at step 1/8 (Paused)")));
        QCOMPARE(model.index(0, 2).data(EnvironmentMatrixModel::ContextRole).toString(), QStringLiteral("ctx"));
        QCOMPARE(model.index(1, 3).data(EnvironmentMatrixModel::RolloutRole).toString(), QStringLiteral("payments"));
        model.setRollouts({});
        QCOMPARE(model.rowCount(), 1);
    }

    // Two Argo CD servers, each with a `web` labelled production: the cell shows the one the workspace names for
    // production, whichever comes first; the labels still pick the columns.
    void matrixPlacesApplicationsWhereTheWorkspaceSays()
    {
        EnvironmentMatrixModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setEnvironments({QStringLiteral("staging"), QStringLiteral("production")});
        Application a = app(QStringLiteral("web"), QStringLiteral("production"), QString(),
                            {QStringLiteral("ghcr.io/acme/web:2.0")}, {QStringLiteral("web")}, {QStringLiteral("a1")});
        a.server = QStringLiteral("argocd.prod:443");
        Application b = app(QStringLiteral("web"), QStringLiteral("production"), QString(),
                            {QStringLiteral("ghcr.io/acme/web:2.1")}, {QStringLiteral("web")}, {QStringLiteral("b1")});
        b.server = QStringLiteral("argocd.nonprod:443");
        const QHash<QString, QString> workspace{{a.key(), QStringLiteral("production")},
                                                {b.key(), QStringLiteral("staging")}};
        for (const QList<Application> &apps : {QList<Application>{a, b}, QList<Application>{b, a}}) {
            model.setApplications(apps, workspace);
            QCOMPARE(model.rowCount(), 1);
            QCOMPARE(model.index(0, 1).data(EnvironmentMatrixModel::ApplicationKeyRole).toString(), a.key());
            QCOMPARE(model.index(0, 1).data(EnvironmentMatrixModel::ImageRole).toString(),
                     QStringLiteral("ghcr.io/acme/web:2.0"));
            QVERIFY(!model.index(0, 0).data(EnvironmentMatrixModel::PresentRole).toBool());
        }
    }

    // One repository shared by four applications (an overlay each), as in the demo: commit n deployed first at hour n.
    // What each environment runs is counted along the repository's deployments, also where an environment never
    // deployed the other's commit: ahead when a commit reached production without passing staging.
    void sharedRepositoryPromotionPath_data()
    {
        QTest::addColumn<QList<int>>("canary");
        QTest::addColumn<QList<int>>("production");
        QTest::addColumn<QList<int>>("staging");
        QTest::addColumn<QList<int>>("development");
        QTest::addColumn<QString>("path");    // at a glance
        QTest::addColumn<QString>("details"); // the tooltip: the images beside the counts
        QTest::newRow("promoted in order")
            << QList<int>{2, 3, 4} << QList<int>{3, 4, 5} << QList<int>{4, 5, 6} << QList<int>{5, 6, 7}
            << QStringLiteral("staging is 1 revision(s) behind development; production is 1 revision(s) behind "
                              "staging; canary is 1 revision(s) behind production")
            << QStringLiteral("staging is 1 revision(s) behind development (staging runs 1.6, development runs 1.7); "
                              "production is 1 revision(s) behind staging (production runs 1.5, staging runs 1.6); "
                              "canary is 1 revision(s) behind production (canary runs 1.4, production runs 1.5)");
        QTest::newRow("production's own commit")
            << QList<int>{2, 3, 4} << QList<int>{3, 4, 5, 8} << QList<int>{4, 5, 6} << QList<int>{5, 6, 7}
            << QStringLiteral("staging is 1 revision(s) behind development; production is 1 revision(s) ahead of "
                              "staging; canary is 2 revision(s) behind production")
            << QStringLiteral("staging is 1 revision(s) behind development (staging runs 1.6, development runs 1.7); "
                              "production is 1 revision(s) ahead of staging (production runs 1.8, staging runs 1.6); "
                              "canary is 2 revision(s) behind production (canary runs 1.4, production runs 1.8)");
        QTest::newRow("rolled back to a commit deployed before")
            << QList<int>{2, 3, 4} << QList<int>{3, 4, 5, 3} << QList<int>{4, 5, 6} << QList<int>{5, 6, 7}
            << QStringLiteral("staging is 1 revision(s) behind development; production is 3 revision(s) behind "
                              "staging; canary is 1 revision(s) ahead of production")
            << QStringLiteral("staging is 1 revision(s) behind development (staging runs 1.6, development runs 1.7); "
                              "production is 3 revision(s) behind staging (production runs 1.3, staging runs 1.6); "
                              "canary is 1 revision(s) ahead of production (canary runs 1.4, production runs 1.3)");
        // Production from a repository of its own: its commits cannot be counted against staging's.
        QTest::newRow("another repository") << QList<int>{} << QList<int>{4} << QList<int>{7} << QList<int>{7}
                                            << QStringLiteral("production runs 1.4, staging runs 1.7")
                                            << QStringLiteral("production runs 1.4, staging runs 1.7");
    }

    void sharedRepositoryPromotionPath()
    {
        QFETCH(QList<int>, canary);
        QFETCH(QList<int>, production);
        QFETCH(QList<int>, staging);
        QFETCH(QList<int>, development);
        QFETCH(QString, path);
        QFETCH(QString, details);
        const auto sha = [](int n) { return QStringLiteral("%1").arg(n, 40, 10, QLatin1Char('0')); };
        const auto application = [&](const QString &env, const QList<int> &commits) {
            Application a = app(QStringLiteral("shop-") + env, env, QString(),
                                {QStringLiteral("ghcr.io/acme/shop:1.%1").arg(commits.value(commits.size() - 1))},
                                {QStringLiteral("shop")});
            a.repoURL = QStringLiteral("https://git.example.com/acme/gitops.git");
            qint64 id = 0;
            for (int n : commits) {
                ++id; // commit n deployed within hour n, a minute later for each earlier history entry
                a.history << ApplicationHistoryEntry{
                    id, sha(n), QDateTime::fromSecsSinceEpoch(1700000000 + n * 3600 + id * 60, Qt::UTC),
                    QStringLiteral("automated")};
            }
            return a;
        };
        EnvironmentMatrixModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setEnvironments({QStringLiteral("development"), QStringLiteral("staging"), QStringLiteral("production"),
                               QStringLiteral("canary")});
        Application prod = application(QStringLiteral("production"), production);
        if (QByteArray(QTest::currentDataTag()) == "another repository")
            prod.repoURL = QStringLiteral("https://git.example.com/acme/production.git");
        QList<Application> apps{prod, application(QStringLiteral("staging"), staging),
                                application(QStringLiteral("development"), development)};
        if (!canary.isEmpty())
            apps << application(QStringLiteral("canary"), canary);
        // An application of another repository that deployed other commits in between changes nothing.
        Application other = application(QStringLiteral("elsewhere"), {5, 6, 7, 8});
        other.repoURL = QStringLiteral("https://git.example.com/acme/other.git");
        apps << other;
        model.setApplications(apps);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, model.promotionColumn()).data().toString(), path);
        QCOMPARE(model.index(0, model.promotionColumn()).data(Qt::ToolTipRole).toString(), details);
    }
};

QTEST_GUILESS_MAIN(TestArgoCdModels)
#include "tst_argocdmodels.moc"
