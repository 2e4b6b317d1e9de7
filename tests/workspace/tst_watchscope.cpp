// What the console watches without a workspace, end to end against the embedded cluster (rolldeck_sim) on loopback:
// every namespace, one connection per server whatever the number of contexts reaching it, the context's namespace
// where listing all is forbidden, and an empty table that names its scope and offers to widen it.
#include "ui/MainWindow.h"
#include "models/itemmodels/RolloutListModel.h"
#include "ui/RolloutsPanel.h"
#include "sim/Simulator.h"
#include "app/console/Connections.h"
#include "app/console/EnvironmentSetup.h"
#include "app/kube/Kubeconfig.h"
#include "app/workspace/Workspace.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace rolldeck;

namespace {

QSet<QString> serverRollouts(rdsim::Simulator &sim, const std::string &ns)
{
    QSet<QString> out;
    for (const auto &item : sim.store().list(rdsim::kRollouts, ns).items)
        out.insert(QString::fromStdString((*item)["metadata"]["namespace"].get<std::string>() + "/" +
                                          (*item)["metadata"]["name"].get<std::string>()));
    return out;
}

QSet<QString> rows(const RolloutListModel &model)
{
    QSet<QString> out;
    for (int r = 0; r < model.rowCount(); ++r)
        out.insert(model.rowAt(r).namespaceName + u'/' + model.rowAt(r).name);
    return out;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

} // namespace

class TestWatchScope : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QFile::remove(defaultWorkspacePath()); // no default workspace: the kubeconfig decides
        QVERIFY(m_dir.isValid());
        rdsim::Options options;
        options.scenario = "default";
        options.kubeconfigOut = m_dir.filePath(QStringLiteral("kubeconfig")).toStdString();
        options.namespacedUserNamespace = "production";
        const rdsim::StartResult started = m_sim.start(options);
        QVERIFY2(started.ok(), started.error.c_str());
        m_endpoints = started.endpoints;
        m_kubeconfig = kube::loadKubeconfigFiles({m_dir.filePath(QStringLiteral("kubeconfig"))});
        // As the demo writes it: two contexts on one server, no namespace (so "default", which holds no rollout).
        QCOMPARE(m_kubeconfig.contexts.size(), 2);
        QVERIFY(serverRollouts(m_sim, "default").isEmpty());
        QVERIFY(serverRollouts(m_sim, "").size() >= 4);
    }

    void cleanupTestCase() { m_sim.stop(); }

    void everyNamespaceOfOneClusterThroughTheCurrentContext()
    {
        const EnvironmentSetup setup = setupEnvironments(m_kubeconfig, {});
        RolloutListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        Connections live(&model);
        live.setSetup(setup, m_kubeconfig);
        QVERIFY(live.showEnvironments());
        QCOMPARE(live.contexts(), QStringList{QStringLiteral("rolldeck-demo")});
        QVERIFY(live.namespaces(QStringLiteral("rolldeck-demo")).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(rows(model), serverRollouts(m_sim, ""), 10000);

        WatchScope scope = live.watchScope();
        QCOMPARE(scope.clusters, 1);
        QVERIFY(scope.allNamespaces);
        QVERIFY(!scope.canWatchAll);
        QCOMPARE(scope.alternativeIdentities.value(QStringLiteral("rolldeck-demo")),
                 QStringList{QStringLiteral("rolldeck-demo-readonly")});

        // The other identity takes the cluster's place: still one connection, the same rollouts.
        live.useIdentity(QStringLiteral("rolldeck-demo-readonly"));
        QCOMPARE(live.contexts(), QStringList{QStringLiteral("rolldeck-demo-readonly")});
        QTRY_COMPARE_WITH_TIMEOUT(rows(model), serverRollouts(m_sim, ""), 10000);
        for (int r = 0; r < model.rowCount(); ++r)
            QCOMPARE(model.rowAt(r).cluster, QStringLiteral("rolldeck-demo-readonly"));
        scope = live.watchScope();
        QCOMPARE(scope.alternativeIdentities.value(QStringLiteral("rolldeck-demo-readonly")),
                 QStringList{QStringLiteral("rolldeck-demo")});
    }

    void aForbiddenClusterWideListFallsBackToTheContextsNamespace()
    {
        // A user bound to one namespace, as kubectl writes such a context.
        const QString path = m_dir.filePath(QStringLiteral("developer"));
        QVERIFY(writeFile(path, QByteArray("apiVersion: v1\nkind: Config\n"
                                           "clusters:\n- name: sim\n  cluster:\n    server: ") +
                                    QByteArray::fromStdString(m_endpoints.kube) +
                                    "\ncontexts:\n- name: developer\n  context:\n    cluster: sim\n"
                                    "    user: developer\n    namespace: production\n"
                                    "current-context: developer\n"
                                    "users:\n- name: developer\n  user:\n    token: " +
                                    QByteArray::fromStdString(m_endpoints.namespacedToken) + "\n"));
        const kube::Kubeconfig kubeconfig = kube::loadKubeconfigFiles({path});
        RolloutListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        Connections live(&model);
        live.setSetup(setupEnvironments(kubeconfig, {}), kubeconfig);
        QVERIFY(live.showEnvironments());
        QTRY_COMPARE_WITH_TIMEOUT(live.namespaces(QStringLiteral("developer")),
                                  QStringList{QStringLiteral("production")}, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(rows(model), serverRollouts(m_sim, "production"), 10000);
        QTRY_VERIFY(model.staleClusters().isEmpty()); // the 403 of the cluster-wide list is gone with its watch
        const WatchScope scope = live.watchScope();
        QVERIFY(!scope.allNamespaces);
        QCOMPARE(scope.namespaces, QStringList{QStringLiteral("production")});
        QCOMPARE(scope.narrowedContexts, QStringList{QStringLiteral("developer")});
        QVERIFY(!scope.canWatchAll); // widening would be forbidden again
        // Showing the environments again does not ask for the forbidden list again.
        QVERIFY(live.showEnvironments());
        QCOMPARE(live.namespaces(QStringLiteral("developer")), QStringList{QStringLiteral("production")});
    }

    void theEmptyStateNamesTheScopeAndWidensIt()
    {
        // A workspace that watches only "default", where the demo has no rollout: the new user's first start.
        const QString path = m_dir.filePath(QStringLiteral("default-only.yaml"));
        QVERIFY(writeFile(path, "version: 1\n"
                                "environments:\n"
                                "  demo: {clusters: [{context: rolldeck-demo, namespace: default}]}\n"));
        RolloutListModel model;
        MainWindow window;
        window.setRolloutModel(&model);
        Connections live(&model);
        connect(&live, &Connections::watchScopeChanged, &window, [&] { window.setWatchScope(live.watchScope()); });
        connect(&window, &MainWindow::watchAllNamespacesRequested, &live, &Connections::watchAllNamespaces);
        live.setSetup(setupEnvironments(m_kubeconfig, path), m_kubeconfig);
        window.setHasClusters(live.showEnvironments());
        window.show();

        auto *empty = window.findChild<QLabel *>(QStringLiteral("emptyTableLabel"));
        auto *fix = window.findChild<QToolButton *>(QStringLiteral("watchAllNamespacesButton"));
        QVERIFY(empty && fix);
        QTRY_VERIFY(empty->isVisible());
        QCOMPARE(empty->text(), QStringLiteral("1 cluster, namespace default: no rollouts."));
        QVERIFY(fix->isVisible());
        // The other identity of the same server is offered in the Clusters menu.
        QVERIFY(window.findChild<QAction *>(QStringLiteral("identity_rolldeck-demo-readonly")));

        fix->click();
        QVERIFY(live.namespaces(QStringLiteral("rolldeck-demo")).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(rows(model), serverRollouts(m_sim, ""), 10000);
        QVERIFY(!empty->isVisible());
        QVERIFY(!fix->isVisible());
        auto *scope = window.findChild<QLabel *>(QStringLiteral("scopeLabel"));
        QVERIFY(scope);
        QCOMPARE(scope->text(), QStringLiteral("Watching 1 cluster, all namespaces"));
    }

private:
    QTemporaryDir m_dir;
    rdsim::Simulator m_sim;
    rdsim::Endpoints m_endpoints;
    kube::Kubeconfig m_kubeconfig;
};

QTEST_MAIN(TestWatchScope)
#include "tst_watchscope.moc"
