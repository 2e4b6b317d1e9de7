// The workspace against a kubeconfig: what each environment watches, which environment a rollout is in, the
// policy an action there follows (policyFor), and the console's start-up choice with its problems.
#include "app/console/EnvironmentSetup.h"
#include "app/kube/Kubeconfig.h"
#include "app/workspace/Workspace.h"
#include "app/workspace/WorkspaceScope.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace rolldeck;

namespace {

const char kWorkspace[] = R"(version: 1
environments:
  production:
    clusters:
      - context: prod
        namespaces: [shop, pay]
    policy:
      reasonRequired: true
      typeToConfirm: true
  canary:
    clusters:
      - context: prod
        namespace: shop-canary
    policy:
      reasonRequired: true
      guardMayAutoAbort: true
  staging:
    clusters:
      - context: stage
        namespaces: ["*"]
      - context: prod
        namespace: shop-staging
  development:
    clusters:
      - context: dev
      - context: gone
)";

kube::ClusterConfig context(const char *name, const char *ns)
{
    kube::ClusterConfig c;
    c.contextName = QString::fromLatin1(name);
    c.defaultNamespace = QString::fromLatin1(ns);
    // Three clusters, as their names say (contexts of one server would be one cluster: workspaceFromKubeconfig).
    c.server = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(6000 + c.contextName.at(0).unicode()));
    return c;
}

kube::Kubeconfig sampleKubeconfig()
{
    kube::Kubeconfig kc;
    kc.files = {QStringLiteral("/home/me/.kube/config")};
    kc.contexts = {context("dev", "default"), context("prod", "shop"), context("stage", "shop")};
    return kc;
}

Workspace sampleWorkspace()
{
    const WorkspaceParse parsed =
        parseWorkspace(QByteArray(kWorkspace), QStringLiteral("ws.yaml"), QStringLiteral("/"));
    if (!parsed.errors.isEmpty())
        qWarning() << parsed.errors.first().toString();
    return parsed.workspace;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

} // namespace

class TestWorkspaceScope : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void environmentsKeepTheWorkspaceOrder()
    {
        const Workspace ws = sampleWorkspace();
        QCOMPARE(ws.environments.size(), 4);
        const WorkspaceScope scope(ws, sampleKubeconfig());
        QCOMPARE(scope.environments(), (QStringList{QStringLiteral("production"), QStringLiteral("canary"),
                                                    QStringLiteral("staging"), QStringLiteral("development")}));
    }

    void watches_data()
    {
        QTest::addColumn<QStringList>("environments");
        QTest::addColumn<QStringList>("contexts");
        QTest::addColumn<QList<QStringList>>("namespaces");
        QTest::newRow("every environment")
            << QStringList{} << QStringList{QStringLiteral("prod"), QStringLiteral("stage"), QStringLiteral("dev")}
            << QList<QStringList>{{QStringLiteral("shop"), QStringLiteral("pay"), QStringLiteral("shop-canary"),
                                   QStringLiteral("shop-staging")},
                                  {},
                                  {QStringLiteral("default")}};
        QTest::newRow("production only") << QStringList{QStringLiteral("production")}
                                         << QStringList{QStringLiteral("prod")}
                                         << QList<QStringList>{{QStringLiteral("shop"), QStringLiteral("pay")}};
        QTest::newRow("canary and staging")
            << QStringList{QStringLiteral("canary"), QStringLiteral("staging")}
            << QStringList{QStringLiteral("prod"), QStringLiteral("stage")}
            << QList<QStringList>{{QStringLiteral("shop-canary"), QStringLiteral("shop-staging")}, {}};
        QTest::newRow("the context's own namespace, the missing one left out")
            << QStringList{QStringLiteral("development")} << QStringList{QStringLiteral("dev")}
            << QList<QStringList>{{QStringLiteral("default")}};
        QTest::newRow("an unknown environment")
            << QStringList{QStringLiteral("nope")} << QStringList{} << QList<QStringList>{};
    }

    void watches()
    {
        QFETCH(QStringList, environments);
        QFETCH(QStringList, contexts);
        QFETCH(QList<QStringList>, namespaces);
        const WorkspaceScope scope(sampleWorkspace(), sampleKubeconfig());
        const QList<WorkspaceScope::Watch> watches = scope.watches(environments);
        QStringList gotContexts;
        QList<QStringList> gotNamespaces;
        for (const WorkspaceScope::Watch &w : watches) {
            gotContexts << w.cluster.contextName;
            gotNamespaces << w.namespaces;
        }
        QCOMPARE(gotContexts, contexts);
        QCOMPARE(gotNamespaces, namespaces);
    }

    void policyFor_data()
    {
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("ns");
        QTest::addColumn<QString>("environment");
        QTest::addColumn<bool>("reasonRequired");
        QTest::addColumn<bool>("typeToConfirm");
        QTest::addColumn<bool>("guardMayAutoAbort");
        QTest::newRow("production") << "prod"
                                    << "pay"
                                    << "production" << true << true << false;
        QTest::newRow("canary") << "prod"
                                << "shop-canary"
                                << "canary" << true << false << true;
        QTest::newRow("staging, every namespace") << "stage"
                                                  << "anything"
                                                  << "staging" << false << false << false;
        QTest::newRow("staging, one namespace of prod") << "prod"
                                                        << "shop-staging"
                                                        << "staging" << false << false << false;
        QTest::newRow("development, the context's namespace") << "dev"
                                                              << "default"
                                                              << "development" << false << false << false;
        // Nowhere the workspace speaks of: the cautious policy, never the easiest.
        QTest::newRow("a namespace no environment covers") << "prod"
                                                           << "kube-system"
                                                           << "" << true << true << false;
        QTest::newRow("a context no environment uses") << "other"
                                                       << "shop"
                                                       << "" << true << true << false;
    }

    void policyFor()
    {
        QFETCH(QString, context);
        QFETCH(QString, ns);
        QFETCH(QString, environment);
        QFETCH(bool, reasonRequired);
        QFETCH(bool, typeToConfirm);
        QFETCH(bool, guardMayAutoAbort);
        const WorkspaceScope scope(sampleWorkspace(), sampleKubeconfig());
        QCOMPARE(scope.environmentFor(context, ns), environment);
        const EnvironmentPolicy p = scope.policyFor(context, ns);
        QCOMPARE(p.reasonRequired, reasonRequired);
        QCOMPARE(p.typeToConfirm, typeToConfirm);
        QCOMPARE(p.guardMayAutoAbort, guardMayAutoAbort);
    }

    void withoutAWorkspaceEveryContextIsAnEnvironment()
    {
        const WorkspaceScope scope = WorkspaceScope::wholeContexts(sampleKubeconfig());
        QCOMPARE(scope.environments(),
                 (QStringList{QStringLiteral("dev"), QStringLiteral("prod"), QStringLiteral("stage")}));
        const QList<WorkspaceScope::Watch> watches = scope.watches();
        QCOMPARE(watches.size(), 3);
        for (const WorkspaceScope::Watch &w : watches)
            QVERIFY2(w.namespaces.isEmpty(), qPrintable(w.cluster.contextName)); // every namespace
        QCOMPARE(scope.environmentFor(QStringLiteral("prod"), QStringLiteral("kube-system")), QStringLiteral("prod"));
        const EnvironmentPolicy p = scope.policyFor(QStringLiteral("prod"), QStringLiteral("shop"));
        QVERIFY(!p.reasonRequired && !p.typeToConfirm && !p.guardMayAutoAbort);
        QVERIFY(scope.workspace().sourceFile.isEmpty());
    }

    void setupReportsMissingContexts()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("ws.yaml"));
        QVERIFY(writeFile(path, kWorkspace));
        const EnvironmentSetup setup = setupEnvironments(sampleKubeconfig(), path);
        QVERIFY(!setup.workspaceFailed);
        QCOMPARE(setup.scope.workspace().sourceFile, path);
        QCOMPARE(setup.problems.size(), 1);
        // "file:line: ... context "gone" ...", the line of that cluster entry.
        QVERIFY2(setup.problems.first().startsWith(path + QStringLiteral(":26")), qPrintable(setup.problems.first()));
        QVERIFY(setup.problems.first().contains(QStringLiteral("\"gone\"")));
        QVERIFY(!setup.problemTitle.isEmpty());
    }

    void setupFallsBackOnAnError()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("broken.yaml"));
        QVERIFY(writeFile(path, "version: 1\nenvironments:\n  production:\n    clusters:\n      - context: prod\n"
                                "    polcy:\n      reasonRequired: true\n"));
        const EnvironmentSetup setup = setupEnvironments(sampleKubeconfig(), path);
        QVERIFY(setup.workspaceFailed);
        QVERIFY(!setup.problems.isEmpty());
        QVERIFY2(setup.problems.first().startsWith(path + QStringLiteral(":6:")), qPrintable(setup.problems.first()));
        QVERIFY(setup.problems.first().contains(QStringLiteral("polcy")));
        // The kubeconfig fallback: every context, every namespace.
        QCOMPARE(setup.scope.watches().size(), 3);
        QVERIFY(setup.scope.workspace().sourceFile.isEmpty());
    }

    void setupUsesTheDefaultFileAndNarrowsToContexts()
    {
        const QString defaultPath = defaultWorkspacePath();
        QVERIFY(defaultPath.contains(QStringLiteral("qttest"))); // test mode: never the user's file
        QVERIFY(writeFile(defaultPath, kWorkspace));
        const EnvironmentSetup setup = setupEnvironments(sampleKubeconfig(), {}, {QStringLiteral("stage")});
        QFile::remove(defaultPath);
        QCOMPARE(setup.scope.workspace().sourceFile, defaultPath);
        const QList<WorkspaceScope::Watch> watches = setup.scope.watches();
        QCOMPARE(watches.size(), 1);
        QCOMPARE(watches.first().cluster.contextName, QStringLiteral("stage"));

        // No file anywhere: the kubeconfig's contexts, no problems.
        const EnvironmentSetup none = setupEnvironments(sampleKubeconfig(), {});
        QVERIFY(!none.workspaceFailed);
        QVERIFY(none.problems.isEmpty());
        QCOMPARE(none.scope.environments().size(), 3);
    }

    // View › Connections changes apply to the scope's workspace, and a credential the workspace names itself stays.
    void connectionsApply()
    {
        Workspace ws = sampleWorkspace();
        ws.environments[0].argocd = ArgoCdTarget{};
        ws.environments[0].argocd->server = QUrl(QStringLiteral("https://argocd.example.com"));
        ws.environments[1].prometheus = PrometheusTarget{};
        ws.environments[1].prometheus->url = QUrl(QStringLiteral("https://prom.example.com"));
        ws.environments[1].prometheus->credential.key = QStringLiteral("my-own-entry");
        WorkspaceScope scope(ws, sampleKubeconfig());
        QVERIFY(!scope.workspace().environments[0].argocd->credential.isSet());
        Connection argo;
        argo.kind = Connection::Kind::ArgoCd;
        argo.name = QStringLiteral("prod");
        argo.url = QUrl(QStringLiteral("https://argocd.example.com"));
        argo.credential.key = keychainKeyForConnection(argo.kind, argo.url);
        argo.certificateAuthorityFile = QStringLiteral("/etc/ssl/argo-ca.pem");
        Connection prom;
        prom.kind = Connection::Kind::Prometheus;
        prom.name = QStringLiteral("metrics");
        prom.url = QUrl(QStringLiteral("https://prom.example.com"));
        prom.credential.key = keychainKeyForConnection(prom.kind, prom.url);
        scope.applyConnections({argo, prom});
        QCOMPARE(scope.workspace().environments[0].argocd->credential.key, QStringLiteral("argocd/argocd.example.com"));
        QCOMPARE(scope.workspace().environments[0].argocd->certificateAuthorityFile,
                 QStringLiteral("/etc/ssl/argo-ca.pem"));
        QCOMPARE(scope.workspace().environments[1].prometheus->credential.key, QStringLiteral("my-own-entry"));
    }
};

QTEST_GUILESS_MAIN(TestWorkspaceScope)
#include "tst_workspacescope.moc"
