// The workspace decides what the console watches, end to end: the embedded cluster (rolldeck_sim) on loopback,
// a workspace mapping environments to namespaces of it, the connections, the list model and the window.
#include "ui/MainWindow.h"
#include "models/itemmodels/RolloutFilterProxyModel.h"
#include "models/itemmodels/RolloutListModel.h"
#include "ui/RolloutsPanel.h"
#include "sim/Simulator.h"
#include "app/console/Connections.h"
#include "app/console/EnvironmentSetup.h"
#include "app/kube/Kubeconfig.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace rolldeck;

namespace {

// namespace/name of every rollout the simulator holds in `ns`.
QSet<QString> serverRollouts(rdsim::Simulator &sim, const std::string &ns)
{
    QSet<QString> out;
    for (const auto &item : sim.store().list(rdsim::kRollouts, ns).items) {
        out.insert(QString::fromStdString((*item)["metadata"]["namespace"].get<std::string>() + "/" +
                                          (*item)["metadata"]["name"].get<std::string>()));
    }
    return out;
}

// namespace/name -> environment of every row.
QHash<QString, QString> rowsWithEnvironment(const RolloutListModel &model)
{
    QHash<QString, QString> out;
    for (int r = 0; r < model.rowCount(); ++r) {
        const RolloutRow &row = model.rowAt(r);
        out.insert(row.namespaceName + u'/' + row.name, row.environment);
    }
    return out;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

} // namespace

class TestWorkspaceLive : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        rdsim::Options options;
        options.scenario = "default";
        options.speed = 1;
        options.kubeconfigOut = m_dir.filePath(QStringLiteral("kubeconfig")).toStdString();
        const rdsim::StartResult started = m_sim.start(options);
        QVERIFY2(started.ok(), started.error.c_str());
        m_kubeconfig = kube::loadKubeconfigFiles({m_dir.filePath(QStringLiteral("kubeconfig"))});
        QVERIFY(m_kubeconfig.context(QStringLiteral("rolldeck-demo")));
        // The default scenario spreads its rollouts over the four environments' namespaces.
        for (const char *ns : {"development", "staging", "production", "canary"})
            QVERIFY2(!serverRollouts(m_sim, ns).isEmpty(), ns);
    }

    void cleanupTestCase() { m_sim.stop(); }

    void twoEnvironmentsShowExactlyTheirRollouts()
    {
        const QString path = m_dir.filePath(QStringLiteral("two.yaml"));
        QVERIFY(writeFile(path, "version: 1\n"
                                "environments:\n"
                                "  production:\n"
                                "    clusters:\n"
                                "      - context: rolldeck-demo\n"
                                "        namespace: production\n"
                                "    policy: {reasonRequired: true, typeToConfirm: true}\n"
                                "  staging:\n"
                                "    clusters:\n"
                                "      - context: rolldeck-demo\n"
                                "        namespace: staging\n"));
        const EnvironmentSetup setup = setupEnvironments(m_kubeconfig, path);
        QVERIFY(setup.problems.isEmpty());

        RolloutListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        Connections live(&model);
        live.setScope(setup.scope);
        QVERIFY(live.showEnvironments());
        QCOMPARE(live.contexts(), QStringList{QStringLiteral("rolldeck-demo")});
        QCOMPARE(live.namespaces(QStringLiteral("rolldeck-demo")),
                 (QStringList{QStringLiteral("production"), QStringLiteral("staging")}));
        QCOMPARE(model.environments(), (QStringList{QStringLiteral("production"), QStringLiteral("staging")}));

        QHash<QString, QString> expected;
        for (const QString &key : serverRollouts(m_sim, "production"))
            expected.insert(key, QStringLiteral("production"));
        for (const QString &key : serverRollouts(m_sim, "staging"))
            expected.insert(key, QStringLiteral("staging"));
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), int(expected.size()), 10000);
        QCOMPARE(rowsWithEnvironment(model), expected);
        QCOMPARE(setup.scope.policyFor(QStringLiteral("rolldeck-demo"), QStringLiteral("production")).typeToConfirm,
                 true);

        // Showing one environment lets go of the other's namespace: its rows leave, production's stay.
        QVERIFY(live.showEnvironments({QStringLiteral("production")}));
        QCOMPARE(live.namespaces(QStringLiteral("rolldeck-demo")), QStringList{QStringLiteral("production")});
        const QSet<QString> production = serverRollouts(m_sim, "production");
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), int(production.size()), 10000);
        const QHash<QString, QString> rows = rowsWithEnvironment(model);
        for (auto it = rows.cbegin(); it != rows.cend(); ++it) {
            QVERIFY2(production.contains(it.key()), qPrintable(it.key()));
            QCOMPARE(it.value(), QStringLiteral("production"));
        }
    }

    void withoutAScopeShowingEnvironmentsKeepsContextsAddedByHand()
    {
        RolloutListModel model;
        Connections live(&model);
        QVERIFY(live.addContext(*m_kubeconfig.context(QStringLiteral("rolldeck-demo"))));
        QVERIFY(live.showEnvironments({QStringLiteral("production")}));
        QCOMPARE(live.contexts(), QStringList{QStringLiteral("rolldeck-demo")});
        QVERIFY(live.namespaces(QStringLiteral("rolldeck-demo")).isEmpty()); // every namespace
    }

    void aBrokenWorkspaceIsShownAndTheConsoleFallsBack()
    {
        const QString path = m_dir.filePath(QStringLiteral("broken.yaml"));
        QVERIFY(writeFile(path, "version: 1\n"
                                "environments:\n"
                                "  production:\n"
                                "    clusters:\n"
                                "      - context: rolldeck-demo\n"
                                "        namespace: [production\n"));
        const EnvironmentSetup setup = setupEnvironments(m_kubeconfig, path);
        QVERIFY(setup.workspaceFailed);
        QVERIFY(!setup.problems.isEmpty());
        QVERIFY2(setup.problems.first().startsWith(path + u':'), qPrintable(setup.problems.first()));

        RolloutListModel model;
        MainWindow window;
        window.setRolloutModel(&model);
        Connections live(&model);
        window.showWorkspaceProblems(setup.problemTitle, setup.problems);
        live.setScope(setup.scope);
        window.setHasClusters(live.showEnvironments());
        window.show();

        auto *banner = window.findChild<QLabel *>(QStringLiteral("workspaceProblems"));
        QVERIFY(banner);
        QVERIFY(banner->isVisible());
        QVERIFY(banner->text().contains(setup.problems.first()));
        QVERIFY(banner->text().contains(QStringLiteral("broken.yaml:")));
        QVERIFY(window.hasClusters());

        // Every cluster of the kubeconfig, every namespace, each cluster its own environment. The demo writes two
        // contexts of one server (rolldeck-demo and rolldeck-demo-readonly): one cluster, reached through the
        // current context, the other offered as an alternative identity.
        QCOMPARE(m_kubeconfig.contexts.size(), 2);
        QCOMPARE(live.contexts(), QStringList{QStringLiteral("rolldeck-demo")});
        QCOMPARE(setup.alternativeIdentities.value(QStringLiteral("rolldeck-demo")),
                 QStringList{QStringLiteral("rolldeck-demo-readonly")});
        const int all = int(serverRollouts(m_sim, "").size());
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), all, 10000);
        for (int r = 0; r < model.rowCount(); ++r)
            QCOMPARE(model.rowAt(r).environment, model.rowAt(r).cluster);
        // No workspace environments: no environment choice, the cluster choice is enough.
        auto *environments = window.findChild<QComboBox *>(QStringLiteral("environmentCombo"));
        QVERIFY(environments);
        QVERIFY(!environments->isVisible());

        window.showWorkspaceProblems({}, {});
        QVERIFY(!banner->isVisible());
    }

    void theEnvironmentChoiceFiltersAndNarrowsTheWatch()
    {
        const QString path = m_dir.filePath(QStringLiteral("four.yaml"));
        QVERIFY(writeFile(path, "version: 1\n"
                                "environments:\n"
                                "  production: {clusters: [{context: rolldeck-demo, namespace: production}]}\n"
                                "  canary: {clusters: [{context: rolldeck-demo, namespace: canary}]}\n"
                                "  staging: {clusters: [{context: rolldeck-demo, namespace: staging}]}\n"
                                "  development: {clusters: [{context: rolldeck-demo, namespace: development}]}\n"));
        const EnvironmentSetup setup = setupEnvironments(m_kubeconfig, path);
        QVERIFY2(setup.problems.isEmpty(), qPrintable(setup.problems.join(u'\n')));
        RolloutListModel model;
        MainWindow window;
        window.setRolloutModel(&model);
        Connections live(&model);
        live.setScope(setup.scope);
        // As the composition root wires it: the environment chosen on screen is what is watched.
        RolloutFilterProxyModel *filter = window.rolloutsPanel()->filterModel();
        connect(filter, &RolloutFilterProxyModel::environmentFilterChanged, &live,
                [&live](const QSet<QString> &e) { live.showEnvironments(QStringList(e.cbegin(), e.cend())); });
        window.setHasClusters(live.showEnvironments());
        window.show();
        QAbstractItemModelTester tester(filter, QAbstractItemModelTester::FailureReportingMode::Fatal);

        auto *combo = window.findChild<QComboBox *>(QStringLiteral("environmentCombo"));
        QVERIFY(combo);
        QVERIFY(combo->isVisible());
        QStringList choices;
        for (int i = 0; i < combo->count(); ++i)
            choices << combo->itemText(i);
        QCOMPARE(choices.mid(1), (QStringList{QStringLiteral("production"), QStringLiteral("canary"),
                                              QStringLiteral("staging"), QStringLiteral("development")}));
        const int all = int(serverRollouts(m_sim, "").size());
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), all, 10000);

        combo->setCurrentIndex(2); // canary
        const int canary = int(serverRollouts(m_sim, "canary").size());
        QCOMPARE(live.namespaces(QStringLiteral("rolldeck-demo")), QStringList{QStringLiteral("canary")});
        QTRY_COMPARE_WITH_TIMEOUT(filter->rowCount(), canary, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), canary, 10000);
        for (int r = 0; r < filter->rowCount(); ++r)
            QCOMPARE(filter->index(r, 0).data(RolloutListModel::EnvironmentRole).toString(), QStringLiteral("canary"));

        combo->setCurrentIndex(0); // all again: everything is watched again
        QTRY_COMPARE_WITH_TIMEOUT(filter->rowCount(), all, 10000);
    }

    // `rolldeck status --workspace FILE --env NAME`: the same environments, headless.
    void statusListsTheChosenEnvironments_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QStringList>("namespaces"); // of the rollouts listed; empty: a usage error is expected
        QTest::addColumn<QString>("stderrHas");
        QTest::newRow("two environments")
            << QStringList{QStringLiteral("--env"), QStringLiteral("production"), QStringLiteral("--env"),
                           QStringLiteral("canary")}
            << QStringList{QStringLiteral("canary"), QStringLiteral("production")} << QString();
        QTest::newRow("every environment") << QStringList{}
                                           << QStringList{QStringLiteral("canary"), QStringLiteral("development"),
                                                          QStringLiteral("production"), QStringLiteral("staging")}
                                           << QString();
        QTest::newRow("an unknown environment") << QStringList{QStringLiteral("--env"), QStringLiteral("nope")}
                                                << QStringList{} << QStringLiteral("\"nope\"");
        QTest::newRow("with --context") << QStringList{QStringLiteral("--context"), QStringLiteral("rolldeck-demo")}
                                        << QStringList{} << QStringLiteral("--context");
    }

    void statusListsTheChosenEnvironments()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QStringList, namespaces);
        QFETCH(QString, stderrHas);
        const QString path = m_dir.filePath(QStringLiteral("status.yaml"));
        QVERIFY(writeFile(path, "version: 1\n"
                                "environments:\n"
                                "  production: {clusters: [{context: rolldeck-demo, namespace: production}]}\n"
                                "  canary: {clusters: [{context: rolldeck-demo, namespace: canary}]}\n"
                                "  staging: {clusters: [{context: rolldeck-demo, namespace: staging}]}\n"
                                "  development: {clusters: [{context: rolldeck-demo, namespace: development}]}\n"));
        const Run r = runStatus(QStringList{QStringLiteral("--workspace"), path, QStringLiteral("--json")} + arguments);
        if (namespaces.isEmpty()) {
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains(stderrHas), qPrintable(r.err));
            return;
        }
        QVERIFY2(r.exitCode == 0 || r.exitCode == 1, qPrintable(r.err));
        const QJsonArray rollouts =
            QJsonDocument::fromJson(r.out.toUtf8()).object().value(QLatin1String("rollouts")).toArray();
        QSet<QString> expected;
        for (const QString &ns : namespaces)
            expected.unite(serverRollouts(m_sim, ns.toStdString()));
        QSet<QString> listed;
        for (const QJsonValue &v : rollouts) {
            const QJsonObject o = v.toObject();
            listed.insert(o.value(QLatin1String("namespace")).toString() + u'/' +
                          o.value(QLatin1String("name")).toString());
        }
        QCOMPARE(listed, expected);
    }

    void statusRefusesABrokenWorkspace()
    {
        const QString path = m_dir.filePath(QStringLiteral("status-broken.yaml"));
        QVERIFY(writeFile(path, "version: 1\nenvironments:\n  production:\n    clusterz: []\n"));
        const Run r = runStatus({QStringLiteral("--workspace"), path});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(path + QStringLiteral(":4:")), qPrintable(r.err));
    }

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    Run runStatus(const QStringList &arguments)
    {
        QProcess p;
        p.setProgram(QStringLiteral(ROLLDECK_BINARY_DIR "/app/rolldeck"));
        p.setArguments(QStringList{QStringLiteral("status"), QStringLiteral("--kubeconfig"),
                                   m_dir.filePath(QStringLiteral("kubeconfig")), QStringLiteral("--timeout"),
                                   QStringLiteral("20")} +
                       arguments);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_dir.path()); // no default workspace of the user's
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        p.setProcessEnvironment(env);
        p.start();
        Run r;
        // The simulator lives in this process: keep the event loop turning while the command runs.
        if (!QTest::qWaitFor([&p] { return p.state() == QProcess::NotRunning; }, 30000)) {
            p.kill();
            p.waitForFinished();
            return r;
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

    QTemporaryDir m_dir;
    rdsim::Simulator m_sim;
    kube::Kubeconfig m_kubeconfig;
};

QTEST_MAIN(TestWorkspaceLive)
#include "tst_workspacelive.moc"
