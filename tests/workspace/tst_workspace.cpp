#include "app/workspace/Workspace.h"
#include "app/workspace/Connections.h"

#include "app/kube/Kubeconfig.h"

#include <QFile>
#include <QStandardPaths>
#include <QUrl>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace rolldeck;
using namespace std::chrono_literals;

namespace {

QString exampleFile()
{
    return QStringLiteral(ROLLDECK_SOURCE_DIR "/docs/workspace.example.yaml");
}

QString errorList(const QList<WorkspaceError> &errors)
{
    QStringList out;
    for (const WorkspaceError &e : errors)
        out << e.toString();
    return out.join(QLatin1Char('\n'));
}

// A valid environment to wrap the snippet under test in.
const QByteArray kPrefix = "environments:\n  staging:\n    clusters: [{context: staging}]\n";

} // namespace

class TestWorkspace : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void shippedExample()
    {
        const Result<Workspace> loaded = loadWorkspace(exampleFile());
        QVERIFY2(loaded, qPrintable(loaded.error()));
        const Workspace &ws = *loaded;
        QCOMPARE(ws.sourceFile, exampleFile());
        QStringList names;
        for (const Environment &e : ws.environments)
            names << e.name;
        QCOMPARE(names, (QStringList{QStringLiteral("development"), QStringLiteral("staging"),
                                     QStringLiteral("production"), QStringLiteral("canary")}));

        const Environment *dev = ws.environment(QStringLiteral("development"));
        QCOMPARE(dev->clusters.size(), 1);
        QCOMPARE(dev->clusters.first().context, QStringLiteral("kind-dev"));
        QCOMPARE(dev->clusters.first().namespaces, QStringList{QStringLiteral("shop-dev")});
        QVERIFY(!dev->policy.reasonRequired && !dev->policy.typeToConfirm && !dev->policy.guardMayAutoAbort);
        QVERIFY(dev->prometheus); // from defaults
        QCOMPARE(dev->prometheus->url, QUrl(QStringLiteral("http://127.0.0.1:9090")));
        QVERIFY(!dev->argocd);

        // The deployment model's numbers, in base units.
        QCOMPARE(dev->successCriteria.size(), 3);
        QCOMPARE(dev->successCriteria[0].name, QStringLiteral("error rate"));
        QCOMPARE(dev->successCriteria[0].threshold, 0.001);
        QCOMPARE(dev->successCriteria[0].unit, Criterion::Unit::Ratio);
        QCOMPARE(dev->successCriteria[0].comparison, Criterion::Comparison::Less);
        QVERIFY(dev->successCriteria[0].query.contains(QLatin1String("{{rollout}}")));
        QCOMPARE(dev->successCriteria[1].threshold, 0.2);
        QCOMPARE(dev->successCriteria[1].unit, Criterion::Unit::Seconds);
        QCOMPARE(dev->successCriteria[2].comparison, Criterion::Comparison::Equal);
        QCOMPARE(dev->successCriteria[2].threshold, 0.0);
        QCOMPARE(dev->rollbackTriggers.size(), 3);
        QCOMPARE(dev->rollbackTriggers[0].threshold, 0.005);
        QCOMPARE(dev->rollbackTriggers[0].comparison, Criterion::Comparison::Greater);
        QCOMPARE(dev->rollbackTriggers[0].holdFor, std::chrono::milliseconds(2min));
        QCOMPARE(dev->rollbackTriggers[1].threshold, 0.5);
        QCOMPARE(dev->rollbackTriggers[2].threshold, 0.9);
        QCOMPARE(dev->rollbackTriggers[2].holdFor, std::chrono::milliseconds(5min));
        QVERIFY(dev->rollbackTriggers[0].line > 0);

        const Environment *staging = ws.environment(QStringLiteral("staging"));
        QCOMPARE(staging->clusters.first().namespaces,
                 (QStringList{QStringLiteral("shop"), QStringLiteral("payments")}));
        QVERIFY(staging->policy.reasonRequired);
        QVERIFY(!staging->policy.typeToConfirm);
        QCOMPARE(staging->argocd->credential.key, QStringLiteral("argocd-staging"));
        QCOMPARE(staging->argocd->credential.service, QStringLiteral("rolldeck"));

        const Environment *prod = ws.environment(QStringLiteral("production"));
        QCOMPARE(prod->clusters.size(), 2);
        QVERIFY(!prod->clusters[0].allNamespaces());
        QVERIFY(prod->clusters[1].allNamespaces());
        QVERIFY(prod->policy.reasonRequired && prod->policy.typeToConfirm && !prod->policy.guardMayAutoAbort);
        QCOMPARE(prod->argocd->server, QUrl(QStringLiteral("https://argocd.prod.example.com")));
        QCOMPARE(prod->argocd->applications, (QStringList{QStringLiteral("shop"), QStringLiteral("payments")}));
        QCOMPARE(prod->argocd->certificateAuthorityFile,
                 QStringLiteral(ROLLDECK_SOURCE_DIR "/docs/certs/argocd-ca.pem"));
        QCOMPARE(prod->prometheus->url, QUrl(QStringLiteral("https://prometheus.prod.example.com")));
        QCOMPARE(prod->prometheus->credential.key, QStringLiteral("prometheus-production"));
        QCOMPARE(prod->prometheus->alertmanagerUrl, QUrl(QStringLiteral("https://alertmanager.prod.example.com")));
        QCOMPARE(prod->prometheus->username, QStringLiteral("rolldeck"));
        QVERIFY(dev->prometheus->username.isEmpty());

        const Environment *canary = ws.environment(QStringLiteral("canary"));
        QVERIFY(canary->policy.guardMayAutoAbort);
        QVERIFY(canary->policy.reasonRequired);
        QVERIFY(!canary->policy.typeToConfirm);      // not set there: the default
        QCOMPARE(canary->successCriteria.size(), 1); // replaced, not appended
        QCOMPARE(canary->successCriteria.first().threshold, 0.0005);
        QCOMPARE(canary->rollbackTriggers.size(), 3); // inherited
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");

        QTest::newRow("misspelt policy key")
            << kPrefix + "    policy:\n      reasonRequred: true\n"
            << 5 << 7
            << QStringLiteral("unknown key \"reasonRequred\" (expected one of: "
                              "reasonRequired, typeToConfirm, guardMayAutoAbort, allowedActions)");
        QTest::newRow("unknown top-level key")
            << "enviroments: {}\n" + kPrefix << 1 << 1 << QStringLiteral("unknown key \"enviroments\"");
        QTest::newRow("yes is not a boolean") << kPrefix + "    policy: {typeToConfirm: yes}\n"
                                              << 4 << 29 << QStringLiteral("\"typeToConfirm\" must be true or false");
        QTest::newRow("quoted true is not a boolean") << kPrefix + "    policy:\n      reasonRequired: \"true\"\n"
                                                      << 5 << 23 << QStringLiteral("must be true or false");
        QTest::newRow("policy is a list") << kPrefix + "    policy: [reasonRequired]\n"
                                          << 4 << 13 << QStringLiteral("policy must be a mapping");
        QTest::newRow("inline token") << kPrefix + "    argocd:\n      server: https://argocd.test\n      "
                                                   "applications: [a]\n      credential: keychain:a\n"
                                                   "      token: abc123\n"
                                      << 8 << 7 << QStringLiteral("\"token\" looks like a secret");
        QTest::newRow("credential not a keychain ref") << kPrefix + "    argocd:\n      server: https://argocd.test\n  "
                                                                    "    applications: [a]\n      credential: hunter2\n"
                                                       << 7 << 19 << QStringLiteral("must be a keychain reference");
        QTest::newRow("password in URL") << kPrefix + "    prometheus:\n      url: https://me:hunter2@prom.test\n"
                                         << 5 << 12 << QStringLiteral("must not carry a user or password");
        QTest::newRow("not an http URL") << kPrefix + "    prometheus: {url: ftp://prom.test}\n"
                                         << 4 << 23 << QStringLiteral("must be an http:// or https:// URL");
        QTest::newRow("alertmanager not an http URL")
            << kPrefix + "    prometheus:\n      url: https://prom.test\n      alertmanager: ftp://am.test\n"
            << 6 << 21 << QStringLiteral("must be an http:// or https:// URL");
        QTest::newRow("username without credential")
            << kPrefix + "    prometheus:\n      url: https://prom.test\n      username: rolldeck\n"
            << 6 << 17 << QStringLiteral("\"username\" needs a \"credential\"");
        QTest::newRow("username with a colon")
            << kPrefix + "    prometheus:\n      url: https://prom.test\n      username: a:hunter2\n"
                         "      credential: keychain:prom\n"
            << 6 << 17 << QStringLiteral("without \":\"");
        QTest::newRow("bad condition")
            << kPrefix + "    successCriteria:\n      - name: errors\n        query: up\n        condition: lots\n"
            << 7 << 20 << QStringLiteral("is not a comparison");
        QTest::newRow("percent above 100")
            << kPrefix + "    rollbackTriggers:\n      - {name: m, query: up, condition: \"> 120%\"}\n"
            << 5 << 41 << QStringLiteral("above 100%");
        QTest::newRow("bad for")
            << kPrefix + "    rollbackTriggers:\n      - {name: m, query: up, condition: \"> 1\", for: soon}\n"
            << 5 << 53 << QStringLiteral("\"for\" must be a duration");
        QTest::newRow("criterion without query")
            << kPrefix + "    successCriteria:\n      - name: errors\n        condition: \"< 1\"\n"
            << 5 << 9 << QStringLiteral("\"query\" is required");
        QTest::newRow("clusters not a list") << QByteArray("environments:\n  prod:\n    clusters: prod-eu\n") << 3 << 15
                                             << QStringLiteral("must be a list");
        QTest::newRow("namespace and namespaces")
            << QByteArray(
                   "environments:\n  prod:\n    clusters:\n      - {context: a, namespace: x, namespaces: [y]}\n")
            << 4 << 48 << QStringLiteral("not both");
        QTest::newRow("star with others")
            << QByteArray(
                   "environments:\n  prod:\n    clusters:\n      - context: a\n        namespaces: ['*', shop]\n")
            << 5 << 21 << QStringLiteral("stands alone");
        QTest::newRow("empty environment") << QByteArray("environments:\n  prod: {description: nothing}\n") << 2 << 9
                                           << QStringLiteral("names no clusters and no argocd");
        QTest::newRow("no environments") << QByteArray("version: 1\n") << 1 << 1
                                         << QStringLiteral("\"environments\" is required");
        QTest::newRow("version 2") << "version: 2\n" + kPrefix << 1 << 10
                                   << QStringLiteral("version 2 is not supported");
        QTest::newRow("repeated key") << kPrefix +
                                             "    policy:\n      reasonRequired: true\n      reasonRequired: false\n"
                                      << 6 << 7 << QStringLiteral("\"reasonRequired\" appears twice");
        QTest::newRow("broken YAML") << kPrefix + "    policy: {reasonRequired: true\n"
                                     << 5 << 1 << QStringLiteral("not valid YAML");
        QTest::newRow("namespace that is no DNS label")
            << QByteArray("environments:\n  prod:\n    clusters:\n      - {context: a, namespace: \"../x?y=1\"}\n") << 4
            << 33 << QStringLiteral("\"../x?y=1\" is not a namespace name");
        QTest::newRow("environment is a string") << QByteArray("environments:\n  prod: cluster-a\n") << 2 << 9
                                                 << QStringLiteral("environment \"prod\" must be a mapping");
    }

    void errors()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, message);
        const WorkspaceParse parsed = parseWorkspace(yaml, QStringLiteral("ws.yaml"), QStringLiteral("/base"));
        QVERIFY2(parsed.errors.size() == 1, qPrintable(errorList(parsed.errors)));
        const WorkspaceError &e = parsed.errors.first();
        QVERIFY2(e.message.contains(message), qPrintable(e.toString()));
        QCOMPARE(e.line, line);
        QCOMPARE(e.column, column);
        QVERIFY(e.toString().startsWith(QStringLiteral("ws.yaml:%1:%2: ").arg(line).arg(column)));
        QVERIFY2(!e.toString().contains(QLatin1String("hunter2")), qPrintable(e.toString())); // never echo a secret
    }

    void allErrorsAreReported()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("workspace.yaml"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("environments:\n"
                "  production:\n"
                "    clusters: [{context: prod}]\n"
                "    policy: {reasonRequired: maybe}\n"
                "    colour: red\n"
                "  staging:\n"
                "    clusters: [{context: staging, namespaces: shop}]\n");
        f.close();
        const Result<Workspace> loaded = loadWorkspace(path);
        QVERIFY(!loaded);
        const QStringList lines = loaded.error().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines[0].startsWith(path + QStringLiteral(":4:")), qPrintable(lines[0]));
        QVERIFY2(lines[1].startsWith(path + QStringLiteral(":5:")), qPrintable(lines[1]));
        QVERIFY2(lines[2].startsWith(path + QStringLiteral(":7:")), qPrintable(lines[2]));
        QVERIFY(!loadWorkspace(dir.filePath(QStringLiteral("missing.yaml"))));
    }

    void conditions_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<double>("threshold");
        QTest::addColumn<double>("below");   // holds() at threshold minus a little
        QTest::addColumn<double>("atValue"); // holds() exactly at the threshold
        QTest::addColumn<double>("above");
        QTest::newRow("< 0.1%") << QStringLiteral("< 0.1%") << true << 0.001 << 1.0 << 0.0 << 0.0;
        QTest::newRow("<= 200ms") << QStringLiteral("<=200ms") << true << 0.2 << 1.0 << 1.0 << 0.0;
        QTest::newRow("> 500ms") << QStringLiteral(" > 500 ms ") << true << 0.5 << 0.0 << 0.0 << 1.0;
        QTest::newRow(">= 90%") << QStringLiteral(">= 90%") << true << 0.9 << 0.0 << 1.0 << 1.0;
        QTest::newRow("== 0") << QStringLiteral("== 0") << true << 0.0 << 0.0 << 1.0 << 0.0;
        QTest::newRow("> 2s") << QStringLiteral("> 2s") << true << 2.0 << 0.0 << 0.0 << 1.0;
        QTest::newRow("> .5") << QStringLiteral("> .5") << true << 0.5 << 0.0 << 0.0 << 1.0;
        QTest::newRow("no operator") << QStringLiteral("0.1%") << false << 0.0 << 0.0 << 0.0 << 0.0;
        QTest::newRow("unknown unit") << QStringLiteral("< 3 apples") << false << 0.0 << 0.0 << 0.0 << 0.0;
        QTest::newRow("negative") << QStringLiteral("< -1") << false << 0.0 << 0.0 << 0.0 << 0.0;
        QTest::newRow("!=") << QStringLiteral("!= 0") << false << 0.0 << 0.0 << 0.0 << 0.0;
    }

    void conditions()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(double, threshold);
        QFETCH(double, below);
        QFETCH(double, atValue);
        QFETCH(double, above);
        const Result<Criterion> c = parseCondition(text);
        QCOMPARE(c.ok(), valid);
        if (!valid) {
            QVERIFY(c.error().contains(text));
            return;
        }
        QCOMPARE(c->threshold, threshold);
        const double eps = threshold == 0 ? 1e-6 : threshold * 1e-3;
        QCOMPARE(c->holds(threshold - eps), below != 0);
        QCOMPARE(c->holds(threshold), atValue != 0);
        QCOMPARE(c->holds(threshold + eps), above != 0);
    }

    // Without a credential an Argo CD target names its server's own keychain entry (the one `rolldeck credential
    // argocd login` and View > Connections fill); the connections file beside the workspace adds a CA; a broken
    // connections file fails the load with its file and line; the managed file round-trips through its renderer.
    void argoCdCredentialFromLoginOrConnections()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("workspace.yaml"));
        QFile ws(path);
        QVERIFY(ws.open(QIODevice::WriteOnly));
        ws.write(kPrefix + "    argocd: {server: \"https://Argo.test:8443\", applications: [a]}  # comment kept\n");
        ws.close();
        Result<Workspace> loaded = loadWorkspace(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QCOMPARE(loaded->environment(QStringLiteral("staging"))->argocd->credential.key,
                 QStringLiteral("argocd/argo.test_8443"));
        QVERIFY(loaded->environment(QStringLiteral("staging"))->argocd->certificateAuthorityFile.isEmpty());

        Connection c;
        c.name = QStringLiteral("staging \"eu\"");
        c.url = QUrl(QStringLiteral("https://argo.test:8443"));
        c.credential.key = QStringLiteral("argocd/argo.test_8443");
        c.certificateAuthorityFile = dir.filePath(QStringLiteral("ca.pem"));
        Connection p;
        p.kind = Connection::Kind::Prometheus;
        p.name = QStringLiteral("metrics");
        p.url = QUrl(QStringLiteral("http://127.0.0.1:9090"));
        QVERIFY(saveConnections(connectionsPathFor(path), {c, p}).ok());
        const Result<QList<Connection>> back = loadConnections(connectionsPathFor(path));
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QCOMPARE(*back, (QList<Connection>{c, p}));
        loaded = loadWorkspace(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QCOMPARE(loaded->environment(QStringLiteral("staging"))->argocd->certificateAuthorityFile,
                 c.certificateAuthorityFile);

        QFile broken(connectionsPathFor(path));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("argocd:\n  - name: x\n    server: https://argo.test\n    token: hunter2\n");
        broken.close();
        loaded = loadWorkspace(path);
        QVERIFY(!loaded.ok());
        QVERIFY2(loaded.error().contains(QLatin1String("connections.yaml:2: unknown key \"token\"")),
                 qPrintable(loaded.error()));
        QVERIFY(!loaded.error().contains(QLatin1String("hunter2")));
    }

    void withoutWorkspaceEveryContextIsAnEnvironment()
    {
        kube::Kubeconfig kc;
        kube::ClusterConfig a;
        a.contextName = QStringLiteral("kind-dev");
        a.defaultNamespace = QStringLiteral("default");
        kube::ClusterConfig b;
        b.contextName = QStringLiteral("prod-eu-1");
        b.defaultNamespace = QStringLiteral("shop");
        kc.contexts = {a, b};
        const Workspace ws = workspaceFromKubeconfig(kc);
        QCOMPARE(ws.environments.size(), 2);
        QCOMPARE(ws.environments[1].name, QStringLiteral("prod-eu-1"));
        QCOMPARE(ws.environments[1].clusters.size(), 1);
        QCOMPARE(ws.environments[1].clusters.first().context, QStringLiteral("prod-eu-1"));
        // Every namespace the user may list (the console falls back to "shop" where that is forbidden).
        QVERIFY(ws.environments[1].clusters.first().allNamespaces());
        QVERIFY(!ws.environments[1].policy.reasonRequired);
        QVERIFY(ws.environments[1].successCriteria.isEmpty());
        QVERIFY(checkWorkspaceContexts(ws, kc).isEmpty());
    }

    void resolveAgainstKubeconfig()
    {
        const Result<Workspace> ws = loadWorkspace(exampleFile());
        QVERIFY(ws);
        kube::Kubeconfig kc;
        for (const char *name : {"prod-eu-1", "prod-us-1", "staging"}) {
            kube::ClusterConfig c;
            c.contextName = QLatin1String(name);
            c.defaultNamespace = QStringLiteral("ctx-ns");
            c.server = QUrl(QStringLiteral("https://127.0.0.1:6443"));
            kc.contexts.append(c);
        }
        const QList<EnvironmentCluster> prod = resolveEnvironment(*ws->environment(QStringLiteral("production")), kc);
        QCOMPARE(prod.size(), 2);
        QCOMPARE(prod[0].environment, QStringLiteral("production"));
        QCOMPARE(prod[0].cluster.contextName, QStringLiteral("prod-eu-1"));
        QCOMPARE(prod[0].namespaces, (QStringList{QStringLiteral("shop"), QStringLiteral("payments")}));
        QCOMPARE(prod[1].cluster.contextName, QStringLiteral("prod-us-1"));
        QVERIFY(prod[1].namespaces.isEmpty()); // "*": all namespaces
        // kind-dev is not in this kubeconfig: left out here, named by checkWorkspaceContexts().
        QVERIFY(resolveEnvironment(*ws->environment(QStringLiteral("development")), kc).isEmpty());

        kube::ClusterConfig own;
        own.contextName = QStringLiteral("kind-dev");
        own.defaultNamespace = QStringLiteral("team-a");
        kc.contexts = {own};
        const Workspace fallback = workspaceFromKubeconfig(kc);
        const QList<EnvironmentCluster> dev = resolveEnvironment(fallback.environments.first(), kc);
        QCOMPARE(dev.size(), 1);
        QVERIFY(dev.first().namespaces.isEmpty()); // every namespace, not only the context's own
    }

    void contextsOfOneServerAreOneCluster_data()
    {
        QTest::addColumn<QString>("current");
        QTest::addColumn<QStringList>("preferred");
        QTest::addColumn<QString>("chosen");
        QTest::newRow("current context") << QStringLiteral("demo-readonly") << QStringList{}
                                         << QStringLiteral("demo-readonly");
        QTest::newRow("no current: first by name") << QString() << QStringList{} << QStringLiteral("demo");
        QTest::newRow("the workspace's") << QStringLiteral("demo") << QStringList{QStringLiteral("demo-readonly")}
                                         << QStringLiteral("demo-readonly");
    }

    void contextsOfOneServerAreOneCluster()
    {
        QFETCH(QString, current);
        QFETCH(QStringList, preferred);
        QFETCH(QString, chosen);
        kube::Kubeconfig kc;
        const auto add = [&kc](const char *name, const char *server) {
            kube::ClusterConfig c;
            c.contextName = QLatin1String(name);
            c.defaultNamespace = QStringLiteral("default");
            c.server = QUrl(QLatin1String(server));
            kc.contexts.append(c);
        };
        // As kubectl keeps them: sorted by name; one server written twice with a different spelling.
        add("demo", "https://127.0.0.1:6443");
        add("demo-readonly", "https://127.0.0.1:6443/");
        add("other", "https://127.0.0.2:6443");
        kc.currentContext = current;
        const QList<ServerContexts> servers = contextsByServer(kc, preferred);
        QCOMPARE(servers.size(), 2);
        const QString other = chosen == u"demo" ? QStringLiteral("demo-readonly") : QStringLiteral("demo");
        const auto demo = std::find_if(servers.cbegin(), servers.cend(),
                                       [&chosen](const ServerContexts &g) { return g.chosen == chosen; });
        QVERIFY(demo != servers.cend());
        QCOMPARE(demo->alternatives, QStringList{other});
        if (preferred.isEmpty()) {
            const Workspace ws = workspaceFromKubeconfig(kc);
            QCOMPARE(ws.environments.size(), 2);
            QVERIFY(std::any_of(ws.environments.cbegin(), ws.environments.cend(),
                                [&chosen](const Environment &e) { return e.name == chosen; }));
        }
        // Named on the command line, both are connected.
        QCOMPARE(
            workspaceFromContexts(kc, {QStringLiteral("demo"), QStringLiteral("demo-readonly")}).environments.size(),
            2);
    }

    void choosingTheWorkspace()
    {
        kube::Kubeconfig kc;
        kube::ClusterConfig c;
        c.contextName = QStringLiteral("only");
        c.defaultNamespace = QStringLiteral("default");
        kc.contexts = {c};
        QFile::remove(defaultWorkspacePath());
        // No file anywhere: the kubeconfig's contexts.
        Result<Workspace> ws = workspaceFor({}, kc);
        QVERIFY(ws);
        QCOMPARE(ws->environments.size(), 1);
        QCOMPARE(ws->environments.first().name, QStringLiteral("only"));
        // An explicit file must exist and load.
        QVERIFY(!workspaceFor(QStringLiteral("/nonexistent/workspace.yaml"), kc));
        QVERIFY(workspaceFor(exampleFile(), kc));
        // The default file, when present, is used.
        QVERIFY(QDir().mkpath(QFileInfo(defaultWorkspacePath()).absolutePath()));
        QFile f(defaultWorkspacePath());
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("environments:\n  ops:\n    clusters: [{context: only}]\n");
        f.close();
        ws = workspaceFor({}, kc);
        QVERIFY2(ws, qPrintable(ws.error()));
        QCOMPARE(ws->environments.first().name, QStringLiteral("ops"));
        QVERIFY(QFile::remove(defaultWorkspacePath()));
    }

    // A context that is not in the kubeconfig is placed on its name, counting columns from 1 like every other
    // message (issue 10).
    void missingContextLocation()
    {
        const WorkspaceParse parsed = parseWorkspace("environments:\n  prod:\n    clusters:\n      - context: gone\n",
                                                     QStringLiteral("ws.yaml"), QStringLiteral("/base"));
        QVERIFY2(parsed.errors.isEmpty(), qPrintable(errorList(parsed.errors)));
        const QList<WorkspaceError> missing = checkWorkspaceContexts(parsed.workspace, kube::Kubeconfig());
        QCOMPARE(missing.size(), 1);
        QCOMPARE(missing.first().line, 4);
        QCOMPARE(missing.first().column, 18);
        QVERIFY2(missing.first().toString().startsWith(QLatin1String("ws.yaml:4:18: ")),
                 qPrintable(missing.first().toString()));
    }

    // Bounds (issue 10): an alias bomb, deep nesting, a device instead of a file. Each is one error naming the limit.
    void limits_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("message");
        QByteArray bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
        char previous = 'a';
        for (char c = 'b'; c <= 'g'; ++c) {
            bomb += QByteArray(1, c) + ": &" + c + " [" + QByteArray(QByteArray("*") + previous + ", ").repeated(9) +
                    "*" + previous + "]\n";
            previous = c;
        }
        QTest::newRow("alias bomb") << bomb << QStringLiteral("more than 200000 YAML nodes");
        QTest::newRow("300 levels") << "environments: " + QByteArray(300, '[') + QByteArray(300, ']') + "\n"
                                    << QStringLiteral("nested deeper than 256 levels");
        QTest::newRow("5000 levels") << "environments: " + QByteArray(5000, '[') + QByteArray(5000, ']') + "\n"
                                     << QStringLiteral("nested deeper than 256 levels");
    }

    void limits()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, message);
        const WorkspaceParse parsed = parseWorkspace(yaml, QStringLiteral("ws.yaml"), QStringLiteral("/base"));
        QVERIFY2(parsed.errors.size() == 1, qPrintable(errorList(parsed.errors)));
        QVERIFY2(parsed.errors.first().message.contains(message), qPrintable(parsed.errors.first().toString()));
        QVERIFY(parsed.errors.first().line > 0);
    }

    void deviceIsNotRead()
    {
        const Result<Workspace> ws = loadWorkspace(QStringLiteral("/dev/zero"));
        QVERIFY(!ws);
        QVERIFY2(ws.error().contains(QLatin1String("/dev/zero: cannot read the workspace: not a regular file")),
                 qPrintable(ws.error()));
    }

    void controlCharactersEscaped()
    {
        const WorkspaceParse parsed = parseWorkspace("environments:\n  prod:\n    \"\\e[2J\\x07\": 1\n",
                                                     QStringLiteral("ws.yaml"), QStringLiteral("/base"));
        QVERIFY(!parsed.errors.isEmpty());
        const QString text = parsed.errors.first().toString();
        QVERIFY2(text.contains(QLatin1String("\\x1b[2J\\x07")), qPrintable(text));
        QVERIFY(!text.contains(QChar(0x1b)) && !text.contains(QChar(0x07)));
    }

    void contextsMissingFromKubeconfig()
    {
        const Result<Workspace> ws = loadWorkspace(exampleFile());
        QVERIFY(ws);
        kube::Kubeconfig kc;
        kube::ClusterConfig a;
        a.contextName = QStringLiteral("prod-eu-1");
        kc.contexts = {a};
        const QList<WorkspaceError> missing = checkWorkspaceContexts(*ws, kc);
        QStringList contexts;
        for (const WorkspaceError &e : missing) {
            QCOMPARE(e.file, exampleFile());
            QVERIFY(e.line > 0);
            contexts << e.message.section(QLatin1Char('"'), 3, 3);
        }
        QCOMPARE(contexts,
                 (QStringList{QStringLiteral("kind-dev"), QStringLiteral("staging"), QStringLiteral("prod-us-1")}));
    }
};

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
