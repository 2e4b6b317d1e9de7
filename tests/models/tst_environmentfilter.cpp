// Environments in the rollout list: which environment a row belongs to (EnvironmentMap), the feed tagging rows,
// the Cluster column showing "production (ctx)", sorting in the workspace's order and the environment filter.
#include "EnvironmentMap.h"
#include "RolloutFeed.h"
#include "RolloutFilterProxyModel.h"
#include "RolloutListModel.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace rolldeck;

namespace {

using Column = RolloutListModel::Column;

// production and canary share the "prod" context; canary owns one namespace of it, production the rest.
EnvironmentMap sampleMap()
{
    EnvironmentMap map;
    map.addScope(QStringLiteral("production"), QStringLiteral("prod"), {});
    map.addScope(QStringLiteral("canary"), QStringLiteral("prod"), {QStringLiteral("shop-canary")});
    map.addScope(QStringLiteral("staging"), QStringLiteral("stage"), {QStringLiteral("shop"), QStringLiteral("pay")});
    map.addEnvironment(QStringLiteral("development")); // named by the workspace, no context available
    return map;
}

RolloutRow row(const QString &cluster, const QString &ns, const QString &name, const EnvironmentMap &map)
{
    RolloutRow r;
    r.cluster = cluster;
    r.namespaceName = ns;
    r.name = name;
    r.uid = cluster + u'/' + ns + u'/' + name;
    r.status = QStringLiteral("Healthy");
    const EnvironmentMap::Match m = map.environmentFor(cluster, ns);
    r.environment = m.name;
    r.environmentRank = m.rank;
    return r;
}

QJsonObject rolloutJson(const char *ns, const char *name, const char *uid)
{
    QJsonObject ro = QJsonDocument::fromJson(R"({
      "metadata": {"resourceVersion": "5", "creationTimestamp": "2026-03-07T10:45:00Z"},
      "spec": {"replicas": 1, "strategy": {"canary": {"steps": [{"setWeight": 20}]}}},
      "status": {"phase": "Healthy", "replicas": 1, "readyReplicas": 1, "availableReplicas": 1}
    })")
                         .object();
    QJsonObject meta = ro.value(QStringLiteral("metadata")).toObject();
    meta.insert(QStringLiteral("namespace"), QString::fromLatin1(ns));
    meta.insert(QStringLiteral("name"), QString::fromLatin1(name));
    meta.insert(QStringLiteral("uid"), QString::fromLatin1(uid));
    ro.insert(QStringLiteral("metadata"), meta);
    return ro;
}

QStringList shownNames(const QAbstractItemModel &m)
{
    QStringList out;
    for (int r = 0; r < m.rowCount(); ++r)
        out << m.index(r, int(Column::Name)).data().toString();
    return out;
}

} // namespace

class TestEnvironmentFilter : public QObject
{
    Q_OBJECT
private slots:
    void environmentFor_data()
    {
        QTest::addColumn<QString>("cluster");
        QTest::addColumn<QString>("ns");
        QTest::addColumn<QString>("environment");
        QTest::addColumn<int>("rank");
        QTest::newRow("all namespaces of a context") << "prod"
                                                     << "shop"
                                                     << "production" << 0;
        QTest::newRow("a named namespace wins over all") << "prod"
                                                         << "shop-canary"
                                                         << "canary" << 1;
        QTest::newRow("one of several namespaces") << "stage"
                                                   << "pay"
                                                   << "staging" << 2;
        QTest::newRow("a namespace no environment names") << "stage"
                                                          << "other"
                                                          << "" << -1;
        QTest::newRow("an unknown cluster") << "elsewhere"
                                            << "shop"
                                            << "" << -1;
    }

    void environmentFor()
    {
        QFETCH(QString, cluster);
        QFETCH(QString, ns);
        QFETCH(QString, environment);
        QFETCH(int, rank);
        const EnvironmentMap map = sampleMap();
        const EnvironmentMap::Match m = map.environmentFor(cluster, ns);
        QCOMPARE(m.name, environment);
        QCOMPARE(m.rank, rank);
        QCOMPARE(m.isValid(), rank >= 0);
    }

    void earlierEnvironmentWinsBetweenEquals()
    {
        EnvironmentMap map;
        map.addScope(QStringLiteral("b"), QStringLiteral("c"), {QStringLiteral("x")});
        map.addScope(QStringLiteral("a"), QStringLiteral("c"), {QStringLiteral("x")});
        QCOMPARE(map.environmentFor(QStringLiteral("c"), QStringLiteral("x")).name, QStringLiteral("b"));
        QCOMPARE(map.environments(), (QStringList{QStringLiteral("b"), QStringLiteral("a")}));
        QCOMPARE(sampleMap().environments(), (QStringList{QStringLiteral("production"), QStringLiteral("canary"),
                                                          QStringLiteral("staging"), QStringLiteral("development")}));
    }

    void clusterColumnShowsEnvironmentAndSortsInWorkspaceOrder()
    {
        const EnvironmentMap map = sampleMap();
        RolloutListModel model;
        QAbstractItemModelTester modelTester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.upsert({row(QStringLiteral("stage"), QStringLiteral("shop"), QStringLiteral("s1"), map),
                      row(QStringLiteral("prod"), QStringLiteral("shop-canary"), QStringLiteral("c1"), map),
                      row(QStringLiteral("stage"), QStringLiteral("other"), QStringLiteral("x1"), map),
                      row(QStringLiteral("prod"), QStringLiteral("shop"), QStringLiteral("p1"), map)});
        RolloutFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);

        const QModelIndex p1 =
            model.indexFor({QStringLiteral("prod"), QStringLiteral("prod/shop/p1")}, Column::Cluster);
        QCOMPARE(p1.data().toString(), QStringLiteral("production (prod)"));
        QCOMPARE(p1.data(RolloutListModel::EnvironmentRole).toString(), QStringLiteral("production"));
        QCOMPARE(p1.data(RolloutListModel::ClusterRole).toString(), QStringLiteral("prod"));
        // No environment: the context alone.
        const QModelIndex x1 =
            model.indexFor({QStringLiteral("stage"), QStringLiteral("stage/other/x1")}, Column::Cluster);
        QCOMPARE(x1.data().toString(), QStringLiteral("stage"));

        proxy.sort(int(Column::Cluster), Qt::AscendingOrder);
        QCOMPARE(shownNames(proxy),
                 (QStringList{QStringLiteral("p1"), QStringLiteral("c1"), QStringLiteral("s1"), QStringLiteral("x1")}));
        proxy.sort(int(Column::Cluster), Qt::DescendingOrder);
        QCOMPARE(shownNames(proxy),
                 (QStringList{QStringLiteral("x1"), QStringLiteral("s1"), QStringLiteral("c1"), QStringLiteral("p1")}));
        // Equal statuses: environments in the workspace's order, in both directions.
        for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            proxy.sort(int(Column::Status), order);
            QCOMPARE(shownNames(proxy), (QStringList{QStringLiteral("p1"), QStringLiteral("c1"), QStringLiteral("s1"),
                                                     QStringLiteral("x1")}));
        }
    }

    void environmentFilter_data()
    {
        QTest::addColumn<QStringList>("environments");
        QTest::addColumn<QStringList>("clusters");
        QTest::addColumn<QStringList>("shown");
        QTest::newRow("all") << QStringList{} << QStringList{}
                             << QStringList{QStringLiteral("c1"), QStringLiteral("p1"), QStringLiteral("p2"),
                                            QStringLiteral("s1")};
        QTest::newRow("production") << QStringList{QStringLiteral("production")} << QStringList{}
                                    << QStringList{QStringLiteral("p1"), QStringLiteral("p2")};
        QTest::newRow("two environments") << QStringList{QStringLiteral("canary"), QStringLiteral("staging")}
                                          << QStringList{} << QStringList{QStringLiteral("c1"), QStringLiteral("s1")};
        QTest::newRow("with a cluster filter")
            << QStringList{QStringLiteral("production")} << QStringList{QStringLiteral("stage")} << QStringList{};
        QTest::newRow("an environment with no rows")
            << QStringList{QStringLiteral("development")} << QStringList{} << QStringList{};
    }

    void environmentFilter()
    {
        QFETCH(QStringList, environments);
        QFETCH(QStringList, clusters);
        QFETCH(QStringList, shown);
        const EnvironmentMap map = sampleMap();
        RolloutListModel model;
        model.upsert({row(QStringLiteral("prod"), QStringLiteral("shop"), QStringLiteral("p1"), map),
                      row(QStringLiteral("prod"), QStringLiteral("pay"), QStringLiteral("p2"), map),
                      row(QStringLiteral("prod"), QStringLiteral("shop-canary"), QStringLiteral("c1"), map),
                      row(QStringLiteral("stage"), QStringLiteral("shop"), QStringLiteral("s1"), map)});
        RolloutFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
        proxy.sort(int(Column::Name), Qt::AscendingOrder);
        QSignalSpy changed(&proxy, &RolloutFilterProxyModel::environmentFilterChanged);

        const QSet<QString> wanted(environments.cbegin(), environments.cend());
        proxy.setEnvironmentFilter(wanted);
        proxy.setClusterFilter(QSet<QString>(clusters.cbegin(), clusters.cend()));
        QCOMPARE(shownNames(proxy), shown);
        QCOMPARE(proxy.environmentFilter(), wanted);
        QCOMPARE(changed.size(), wanted.isEmpty() ? 0 : 1);
        proxy.setEnvironmentFilter(wanted); // the same again: no change, no signal
        QCOMPARE(changed.size(), wanted.isEmpty() ? 0 : 1);

        // A row moving into a filtered environment shows up (the filter follows the data).
        RolloutRow moved = row(QStringLiteral("prod"), QStringLiteral("shop"), QStringLiteral("p1"), map);
        moved.environment = QStringLiteral("staging");
        moved.environmentRank = 2;
        model.upsert({moved});
        const bool p1Shown = shownNames(proxy).contains(QStringLiteral("p1"));
        QCOMPARE(p1Shown, (wanted.isEmpty() || wanted.contains(QStringLiteral("staging"))) && clusters.isEmpty());
    }

    void feedTagsRowsAndRetagsWhenTheMapChanges()
    {
        RolloutListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        RolloutFeed feed(&model);
        feed.setEnvironmentMap(sampleMap());
        feed.apply(QStringLiteral("prod"), QStringLiteral("Rollout"),
                   {rolloutJson("shop", "web", "u1"), rolloutJson("shop-canary", "web", "u2")}, {});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowFor({QStringLiteral("prod"), QStringLiteral("u1")})->environment,
                 QStringLiteral("production"));
        QCOMPARE(model.rowFor({QStringLiteral("prod"), QStringLiteral("u2")})->environment, QStringLiteral("canary"));
        QCOMPARE(model.rowFor({QStringLiteral("prod"), QStringLiteral("u2")})->environmentRank, 1);

        // A new map (another workspace): rows already shown follow it, as a change, not a reset.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        EnvironmentMap other;
        other.addScope(QStringLiteral("live"), QStringLiteral("prod"), {});
        feed.setEnvironmentMap(other);
        QCOMPARE(model.rowFor({QStringLiteral("prod"), QStringLiteral("u2")})->environment, QStringLiteral("live"));
        QCOMPARE(model.rowFor({QStringLiteral("prod"), QStringLiteral("u1")})->environmentRank, 0);
        QCOMPARE(changed.size(), 2);
        QVERIFY(changed.first().at(2).value<QList<int>>().contains(RolloutListModel::EnvironmentRole));
        QCOMPARE(reset.size(), 0);
        QCOMPARE(model.index(0, int(Column::Cluster)).data().toString(), QStringLiteral("live (prod)"));
    }

    void modelEnvironmentsKeepTheirOrder()
    {
        RolloutListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy changed(&model, &RolloutListModel::environmentsChanged);
        QSignalSpy header(&model, &QAbstractItemModel::headerDataChanged);
        QCOMPARE(model.headerData(int(Column::Cluster), Qt::Horizontal).toString(), QStringLiteral("Cluster"));
        const QStringList order{QStringLiteral("production"), QStringLiteral("canary"), QStringLiteral("staging")};
        model.setEnvironments(order);
        model.setEnvironments(order);
        QCOMPARE(model.environments(), order);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(header.size(), 1);
        QCOMPARE(model.headerData(int(Column::Cluster), Qt::Horizontal).toString(),
                 QStringLiteral("Environment (cluster)"));
        model.setEnvironments({});
        QCOMPARE(header.size(), 2);
        QCOMPARE(model.headerData(int(Column::Cluster), Qt::Horizontal).toString(), QStringLiteral("Cluster"));
    }
};

QTEST_GUILESS_MAIN(TestEnvironmentFilter)
#include "tst_environmentfilter.moc"
