#include "app/kube/Kubeconfig.h"

#include "TestPki.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace rolldeck;
using namespace rolldeck::kube;

namespace {

QString writeFile(const QString &dir, const QString &name, const QByteArray &content)
{
    const QString path = QDir(dir).filePath(name);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    f.write(content);
    return path;
}

const KubeconfigProblem *findProblem(const Kubeconfig &kc, const QString &needle)
{
    for (const KubeconfigProblem &p : kc.problems) {
        if (p.message.contains(needle))
            return &p;
    }
    return nullptr;
}

QString problemList(const Kubeconfig &kc)
{
    QStringList out;
    for (const KubeconfigProblem &p : kc.problems)
        out << p.toString();
    return out.join(QLatin1Char('\n'));
}

} // namespace

class TestKubeconfig : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        const QString pki = QTest::currentAppName() ? m_dir.filePath(QStringLiteral("pki")) : QString();
        QVERIFY(QDir().mkpath(pki));
        const QString error = test::TestPki::create(pki);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_pki = pki;
    }

    void fileSelection()
    {
        QTemporaryDir dir;
        const QString a = writeFile(dir.path(), QStringLiteral("a"), "{}");
        const QString b = writeFile(dir.path(), QStringLiteral("b"), "{}");
        const QString home = dir.filePath(QStringLiteral("home"));
        const QString sep = QString(QDir::listSeparator());
        // --kubeconfig wins over KUBECONFIG, and is kept even when missing (so its absence is reported).
        QCOMPARE(kubeconfigFiles(b, a, home), QStringList{b});
        const QString missing = dir.filePath(QStringLiteral("missing"));
        QCOMPARE(kubeconfigFiles(missing, a, home), QStringList{missing});
        // KUBECONFIG: empty entries and missing files skipped, duplicates read once, order kept.
        QCOMPARE(kubeconfigFiles({}, sep + b + sep + sep + missing + sep + a + sep + b, home), (QStringList{b, a}));
        // No KUBECONFIG: ~/.kube/config if it exists.
        QCOMPARE(kubeconfigFiles({}, {}, home), QStringList{});
        const QString homeConfig = writeFile(home, QStringLiteral(".kube/config"), "{}");
        QCOMPARE(kubeconfigFiles({}, {}, home), QStringList{homeConfig});
        // An explicit file that is missing is a problem, not silence.
        const Kubeconfig kc = loadKubeconfigFiles({missing});
        QCOMPARE(kc.problems.size(), 1);
        QCOMPARE(kc.problems.first().file, missing);
    }

    void mergeRules()
    {
        QTemporaryDir dir;
        const QString first = writeFile(dir.path(), QStringLiteral("first.yaml"), R"(apiVersion: v1
kind: Config
clusters:
- name: shared
  cluster: {server: https://first.example:6443}
- name: only-first
  cluster: {server: https://only-first.example}
users:
- name: u
  user: {token: first-token}
contexts:
- name: shared-ctx
  context: {cluster: shared, user: u, namespace: from-first}
- name: first-ctx
  context: {cluster: only-first, user: u}
)");
        const QString second = writeFile(dir.path(), QStringLiteral("second.yaml"), R"(apiVersion: v1
kind: Config
current-context: second-ctx
clusters:
- name: shared
  cluster: {server: https://second.example:6443}
- name: only-second
  cluster: {server: https://only-second.example}
users:
- name: u
  user: {token: second-token}
- name: u2
  user: {username: bob, password: pw}
contexts:
- name: shared-ctx
  context: {cluster: only-second, user: u2, namespace: from-second}
- name: second-ctx
  context: {cluster: shared, user: u2, namespace: team}
)");
        const QString third = writeFile(dir.path(), QStringLiteral("third.yaml"), R"(current-context: third-ctx
)");
        const Kubeconfig kc = loadKubeconfigFiles({first, second, third});
        QVERIFY2(kc.problems.isEmpty(), qPrintable(problemList(kc)));
        QCOMPARE(kc.currentContext, QStringLiteral("second-ctx")); // first file that sets it
        QCOMPARE(kc.contexts.size(), 3);
        const ClusterConfig *shared = kc.context(QStringLiteral("shared-ctx"));
        QVERIFY(shared);
        QCOMPARE(shared->server, QUrl(QStringLiteral("https://first.example:6443")));
        QCOMPARE(shared->defaultNamespace, QStringLiteral("from-first"));
        QCOMPARE(shared->auth.token, QStringLiteral("first-token"));
        QCOMPARE(shared->sourceFile, first);
        const ClusterConfig *secondCtx = kc.context(QStringLiteral("second-ctx"));
        QVERIFY(secondCtx);
        // The context comes from the second file but its cluster name resolves in the merged map: first wins.
        QCOMPARE(secondCtx->server, QUrl(QStringLiteral("https://first.example:6443")));
        QCOMPARE(secondCtx->auth.username, QStringLiteral("bob"));
        QCOMPARE(secondCtx->defaultNamespace, QStringLiteral("team"));
        QCOMPARE(kc.context(QStringLiteral("first-ctx"))->defaultNamespace, QStringLiteral("default"));

        // kubectl, the reference, reads the same files the same way.
        if (QStandardPaths::findExecutable(QStringLiteral("kubectl")).isEmpty())
            QSKIP("kubectl is not installed");
        QProcess kubectl;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("KUBECONFIG"), QStringList{first, second, third}.join(QDir::listSeparator()));
        env.insert(QStringLiteral("HOME"), dir.path());
        kubectl.setProcessEnvironment(env);
        kubectl.start(QStringLiteral("kubectl"),
                      {QStringLiteral("config"), QStringLiteral("view"), QStringLiteral("--raw"), QStringLiteral("-o"),
                       QStringLiteral("json")});
        QVERIFY(kubectl.waitForFinished(30000));
        QCOMPARE(kubectl.exitCode(), 0);
        const QJsonObject view = QJsonDocument::fromJson(kubectl.readAllStandardOutput()).object();
        QCOMPARE(view.value(QLatin1String("current-context")).toString(), kc.currentContext);
        QHash<QString, QString> servers;
        for (const QJsonValue &c : view.value(QLatin1String("clusters")).toArray())
            servers.insert(c[QLatin1String("name")].toString(),
                           c[QLatin1String("cluster")][QLatin1String("server")].toString());
        const QJsonArray contexts = view.value(QLatin1String("contexts")).toArray();
        QCOMPARE(contexts.size(), kc.contexts.size());
        for (const QJsonValue &c : contexts) {
            const ClusterConfig *ours = kc.context(c[QLatin1String("name")].toString());
            QVERIFY(ours);
            const QJsonValue body = c[QLatin1String("context")];
            QCOMPARE(ours->clusterName, body[QLatin1String("cluster")].toString());
            QCOMPARE(ours->auth.userName, body[QLatin1String("user")].toString());
            QCOMPARE(ours->defaultNamespace, body[QLatin1String("namespace")].toString(QStringLiteral("default")));
            QCOMPARE(ours->server.toString(), servers.value(ours->clusterName));
        }
    }

    void userKinds_data()
    {
        QTest::addColumn<QByteArray>("user");
        QTest::addColumn<QString>("expect");
        QTest::newRow("token") << QByteArray("token: abc") << QStringLiteral("token=abc");
        QTest::newRow("token wins over tokenFile")
            << QByteArray("{token: abc, tokenFile: tok}") << QStringLiteral("token=abc");
        QTest::newRow("tokenFile relative") << QByteArray("tokenFile: tok") << QStringLiteral("tokenFile=DIR/tok");
        QTest::newRow("tokenFile up a folder")
            << QByteArray("tokenFile: sub/../tok") << QStringLiteral("tokenFile=DIR/tok");
        QTest::newRow("basic") << QByteArray("{username: bob, password: secret}") << QStringLiteral("basic=bob:secret");
        QTest::newRow("client cert files")
            << QByteArray("{client-certificate: pki/client.crt, client-key: pki/client.key}") << QStringLiteral("cert");
        QTest::newRow("client cert data")
            << QByteArray("{client-certificate-data: CERTDATA, client-key-data: KEYDATA}") << QStringLiteral("cert");
        QTest::newRow("exec v1") << QByteArray(R"(exec:
      apiVersion: client.authentication.k8s.io/v1
      command: ./bin/plugin
      args: [get-token, --cluster, one]
      env: [{name: A, value: "1"}]
      interactiveMode: Never
      provideClusterInfo: true
      installHint: install it)")
                                 << QStringLiteral(
                                        "exec=client.authentication.k8s.io/v1 DIR/bin/plugin get-token,--cluster,one "
                                        "A=1 Never info");
        QTest::newRow("exec v1beta1 defaults interactiveMode") << QByteArray(R"(exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws)") << QStringLiteral("exec=client.authentication.k8s.io/v1beta1 aws   IfAvailable");
        QTest::newRow("token wins over exec")
            << QByteArray("token: abc\n    exec: {apiVersion: client.authentication.k8s.io/v1, command: x, "
                          "interactiveMode: Never}")
            << QStringLiteral("token=abc");
        QTest::newRow("auth-provider") << QByteArray("auth-provider: {name: gcp, config: {}}")
                                       << QStringLiteral("unsupported");
        QTest::newRow("token and basic") << QByteArray("{token: a, username: b, password: c}")
                                         << QStringLiteral("problem:more than one authentication method");
        QTest::newRow("cert without key") << QByteArray("client-certificate: pki/client.crt")
                                          << QStringLiteral("problem:client-key-data or client-key must be specified");
        QTest::newRow("exec v1 without interactiveMode") << QByteArray(R"(exec:
      apiVersion: client.authentication.k8s.io/v1
      command: x)") << QStringLiteral("problem:interactiveMode must be specified");
        QTest::newRow("exec v1alpha1") << QByteArray(R"(exec:
      apiVersion: client.authentication.k8s.io/v1alpha1
      command: x)") << QStringLiteral("problem:is not supported");
        QTest::newRow("missing tokenFile")
            << QByteArray("tokenFile: nope") << QStringLiteral("problem:cannot read tokenFile");
        QTest::newRow("bad base64") << QByteArray("{client-certificate-data: '!!', client-key-data: KEYDATA}")
                                    << QStringLiteral("problem:not valid base64");
        QTest::newRow("key is not a key")
            << QByteArray("{client-certificate: pki/client.crt, client-key: pki/client.crt}")
            << QStringLiteral("problem:not a PEM private key");
    }

    void userKinds()
    {
        QFETCH(QByteArray, user);
        QFETCH(QString, expect);
        QTemporaryDir dir;
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("pki"))));
        for (const QString &name : {QStringLiteral("client.crt"), QStringLiteral("client.key")})
            QVERIFY(QFile::copy(QDir(m_pki).filePath(name), dir.filePath(QStringLiteral("pki/") + name)));
        writeFile(dir.path(), QStringLiteral("tok"), "file-token\n");
        user.replace("CERTDATA", test::TestPki::read(m_pki, QStringLiteral("client.crt")).toBase64());
        user.replace("KEYDATA", test::TestPki::read(m_pki, QStringLiteral("client.key")).toBase64());
        const QString file = writeFile(dir.path(), QStringLiteral("config"), QByteArray(R"(clusters:
- name: c
  cluster: {server: https://127.0.0.1:6443}
contexts:
- name: ctx
  context: {cluster: c, user: someone}
users:
- name: someone
  user:
    )") + user + "\n");
        const Kubeconfig kc = loadKubeconfigFiles({file});
        if (expect.startsWith(QLatin1String("problem:"))) {
            QVERIFY(kc.contexts.isEmpty());
            QCOMPARE(kc.problems.size(), 1);
            const KubeconfigProblem &p = kc.problems.first();
            QVERIFY2(p.message.contains(expect.mid(8)), qPrintable(p.toString()));
            QCOMPARE(p.context, QStringLiteral("ctx"));
            QCOMPARE(p.file, file);
            QVERIFY(p.line >= 7);
            QVERIFY2(!p.toString().contains(QLatin1String("secret")), qPrintable(p.toString()));
            return;
        }
        QCOMPARE(kc.contexts.size(), 1);
        const UserAuth &auth = kc.contexts.first().auth;
        // Static credentials beside an exec plugin: kubectl uses them and never runs the plugin; we say so.
        QCOMPARE(kc.contexts.first().warnings.size(),
                 QTest::currentDataTag() == QByteArray("token wins over exec") ? 1 : 0);
        QCOMPARE(auth.userName, QStringLiteral("someone"));
        QString got;
        if (!auth.unsupported.isEmpty()) {
            got = QStringLiteral("unsupported");
            QVERIFY(auth.unsupported.contains(QLatin1String("auth-provider \"gcp\"")));
            QVERIFY(auth.unsupported.contains(QLatin1String("exec credential plugin")));
            QCOMPARE(kc.problems.size(), 1);        // also listed, with the user's line
            QCOMPARE(kc.problems.first().line, 10); // the auth-provider line
        } else if (auth.exec) {
            QStringList env;
            for (const auto &[k, v] : auth.exec->env)
                env << k + QLatin1Char('=') + v;
            got = QStringLiteral("exec=%1 %2 %3 %4 %5")
                      .arg(auth.exec->apiVersion, auth.exec->command, auth.exec->args.join(QLatin1Char(',')),
                           env.join(QLatin1Char(',')), auth.exec->interactiveMode);
            if (auth.exec->provideClusterInfo)
                got += QStringLiteral(" info");
        } else if (!auth.token.isEmpty()) {
            got = QStringLiteral("token=") + auth.token;
        } else if (!auth.tokenFile.isEmpty()) {
            got = QStringLiteral("tokenFile=") + QString(auth.tokenFile).replace(dir.path(), QStringLiteral("DIR"));
        } else if (!auth.username.isEmpty()) {
            got = QStringLiteral("basic=") + auth.username + QLatin1Char(':') + auth.password;
        } else if (!auth.clientCertificatePem.isEmpty()) {
            got = QStringLiteral("cert");
            QCOMPARE(auth.clientCertificatePem, test::TestPki::read(m_pki, QStringLiteral("client.crt")));
            QCOMPARE(auth.clientKeyPem, test::TestPki::read(m_pki, QStringLiteral("client.key")));
        }
        QCOMPARE(got.replace(dir.path(), QStringLiteral("DIR")), expect);
    }

    void clusterFields()
    {
        QTemporaryDir dir;
        QVERIFY(QFile::copy(QDir(m_pki).filePath(QStringLiteral("ca.crt")), dir.filePath(QStringLiteral("ca.pem"))));
        const QByteArray caData = test::TestPki::read(m_pki, QStringLiteral("other-ca.crt"));
        const QString sub = dir.filePath(QStringLiteral("nested"));
        const QString file = writeFile(sub, QStringLiteral("config"), QByteArray(R"(clusters:
- name: file-ca
  cluster:
    server: https://127.0.0.1:6443
    certificate-authority: ../ca.pem
    tls-server-name: kube.test
    proxy-url: socks5://127.0.0.1:1080
- name: data-ca
  cluster:
    server: https://127.0.0.1:6444
    certificate-authority: does-not-matter.pem
    certificate-authority-data: )") + caData.toBase64() + R"(
- name: insecure
  cluster: {server: https://127.0.0.1:6445, insecure-skip-tls-verify: true}
- name: no-scheme
  cluster: {server: "127.0.0.1:6446"}
contexts:
- {name: a, context: {cluster: file-ca}}
- {name: b, context: {cluster: data-ca}}
- {name: c, context: {cluster: insecure}}
- {name: d, context: {cluster: no-scheme}}
)");
        const Kubeconfig kc = loadKubeconfigFiles({file});
        QVERIFY2(kc.problems.isEmpty(), qPrintable(problemList(kc)));
        QCOMPARE(kc.contexts.size(), 4);
        const ClusterConfig *a = kc.context(QStringLiteral("a"));
        QCOMPARE(a->certificateAuthorityPem, test::TestPki::read(m_pki, QStringLiteral("ca.crt")));
        QCOMPARE(a->tlsServerName, QStringLiteral("kube.test"));
        QCOMPARE(a->proxyUrl, QUrl(QStringLiteral("socks5://127.0.0.1:1080")));
        QVERIFY(!a->insecureSkipTlsVerify);
        QVERIFY(a->warnings.isEmpty());
        QVERIFY(a->auth.userName.isEmpty()); // no user: anonymous, as kubectl does
        QCOMPARE(kc.context(QStringLiteral("b"))->certificateAuthorityPem, caData); // -data wins
        const ClusterConfig *c = kc.context(QStringLiteral("c"));
        QVERIFY(c->insecureSkipTlsVerify);
        QCOMPARE(c->warnings.size(), 1);
        QVERIFY(c->warnings.first().contains(QLatin1String("insecure-skip-tls-verify")));
        QCOMPARE(kc.context(QStringLiteral("d"))->server, QUrl(QStringLiteral("https://127.0.0.1:6446")));
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("broken");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("context"); // the context the problem is attached to, if any
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("goodContexts"); // the good file's contexts always load

        QTest::newRow("bad YAML syntax") << QByteArray("clusters:\n- name: x\n  cluster: {server: [unclosed\n") << 4
                                         << QString() << QStringLiteral("not valid YAML") << 1;
        QTest::newRow("tab indentation") << QByteArray("clusters:\n\t- name: x\n") << 2 << QString()
                                         << QStringLiteral("not valid YAML") << 1;
        QTest::newRow("not a mapping") << QByteArray("- just\n- a list\n") << 1 << QString()
                                       << QStringLiteral("must be a mapping") << 1;
        QTest::newRow("cluster body is a string") << QByteArray(R"(clusters:
- name: broken
  cluster: just-a-string
- name: fine
  cluster: {server: https://127.0.0.1:7000}
contexts:
- {name: bad, context: {cluster: broken}}
- {name: ok, context: {cluster: fine}}
)") << 3 << QStringLiteral("bad") << QStringLiteral("\"cluster\" must be a mapping")
                                                  << 2;
        QTest::newRow("insecure is not a bool") << QByteArray(R"(clusters:
- name: broken
  cluster:
    server: https://127.0.0.1:7000
    insecure-skip-tls-verify: maybe
contexts:
- {name: bad, context: {cluster: broken}}
)") << 5 << QStringLiteral("bad") << QStringLiteral("must be true or false")
                                                << 1;
        QTest::newRow("no server") << QByteArray(R"(clusters:
- name: broken
  cluster:
    tls-server-name: x
contexts:
- {name: bad, context: {cluster: broken}}
)") << 4 << QStringLiteral("bad") << QStringLiteral("has no server")
                                   << 1;
        QTest::newRow("unknown cluster") << QByteArray(R"(contexts:
- name: bad
  context: {cluster: nowhere}
)") << 2 << QStringLiteral("bad") << QStringLiteral("cluster \"nowhere\" was not found")
                                         << 1;
        QTest::newRow("args not a list") << QByteArray(R"(clusters:
- {name: c, cluster: {server: https://127.0.0.1:7000}}
users:
- name: u
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      interactiveMode: Never
      command: x
      args: --flag
contexts:
- {name: bad, context: {cluster: c, user: u}}
)") << 10 << QStringLiteral("bad") << QStringLiteral("\"args\" must be a list of strings")
                                         << 1;
        QTest::newRow("entry without name") << QByteArray(R"(contexts:
- context: {cluster: c}
)") << 2 << QString() << QStringLiteral("has no name")
                                            << 1;
        QTest::newRow("duplicate name") << QByteArray(R"(clusters:
- {name: c, cluster: {server: https://127.0.0.1:7000}}
- {name: c, cluster: {server: https://127.0.0.1:7001}}
contexts:
- {name: dup, context: {cluster: c}}
)") << 3 << QString() << QStringLiteral("duplicate name \"c\"")
                                        << 2;
        QTest::newRow("insecure with CA") << QByteArray(R"(clusters:
- name: c
  cluster:
    server: https://127.0.0.1:7000
    certificate-authority: ca.crt
    insecure-skip-tls-verify: true
contexts:
- {name: bad, context: {cluster: c}}
)") << 6 << QStringLiteral("bad") << QStringLiteral("insecure flag is not allowed")
                                          << 1;
        QTest::newRow("missing CA file") << QByteArray(R"(clusters:
- name: c
  cluster:
    server: https://127.0.0.1:7000
    certificate-authority: gone.crt
contexts:
- {name: bad, context: {cluster: c}}
)") << 5 << QStringLiteral("bad") << QStringLiteral("cannot read certificate-authority")
                                         << 1;
    }

    void malformed()
    {
        QFETCH(QByteArray, broken);
        QFETCH(int, line);
        QFETCH(QString, context);
        QFETCH(QString, message);
        QFETCH(int, goodContexts);
        QTemporaryDir dir;
        QVERIFY(QFile::copy(QDir(m_pki).filePath(QStringLiteral("ca.crt")), dir.filePath(QStringLiteral("ca.crt"))));
        const QString bad = writeFile(dir.path(), QStringLiteral("broken.yaml"), broken);
        const QString good = writeFile(dir.path(), QStringLiteral("good.yaml"), R"(clusters:
- {name: good, cluster: {server: https://127.0.0.1:6443}}
contexts:
- {name: good, context: {cluster: good}}
current-context: good
)");
        const Kubeconfig kc = loadKubeconfigFiles({bad, good});
        QCOMPARE(kc.contexts.size(), goodContexts);
        QVERIFY(kc.context(QStringLiteral("good")));
        QCOMPARE(kc.currentContext, QStringLiteral("good"));
        QCOMPARE(kc.problems.size(), 1);
        const KubeconfigProblem &p = kc.problems.first();
        QVERIFY2(p.message.contains(message), qPrintable(p.toString()));
        QCOMPARE(p.file, bad);
        QCOMPARE(p.line, line);
        QCOMPARE(p.context, context);
        QVERIFY(p.toString().startsWith(bad + QLatin1Char(':') + QString::number(line) + QStringLiteral(": ")));
    }

    // Bounds and hostile input (issue 10): each is a problem naming the file, and nothing hangs or explodes.
    void limits_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("message");
        QByteArray bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
        char previous = 'a';
        for (char c = 'b'; c <= 'h'; ++c) {
            bomb += QByteArray(1, c) + ": &" + c + " [" + QByteArray(QByteArray("*") + previous + ", ").repeated(9) +
                    "*" + previous + "]\n";
            previous = c;
        }
        QTest::newRow("alias bomb") << bomb << -1 << QStringLiteral("more than 1000000 YAML nodes");
        QTest::newRow("too deep for yaml-cpp") << "clusters: " + QByteArray(5000, '[') + QByteArray(5000, ']') + "\n"
                                               << 1 << QStringLiteral("nested deeper than 256 levels");
        QTest::newRow("duplicate key") << QByteArray("clusters:\n- name: c\n  cluster:\n    server: https://a.test\n"
                                                     "    server: https://b.test\n")
                                       << 5 << QStringLiteral("key \"server\" appears twice in one mapping");
        QTest::newRow("a device named as CA")
            << QByteArray("clusters:\n- name: c\n  cluster:\n    server: https://a.test\n"
                          "    certificate-authority: /dev/zero\ncontexts:\n- {name: c, context: {cluster: c}}\n")
            << 5 << QStringLiteral("cannot read certificate-authority \"/dev/zero\": not a regular file");
    }

    void limits()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(int, line);
        QFETCH(QString, message);
        const Kubeconfig kc = parseKubeconfig(yaml, QStringLiteral("/tmp/x/config"));
        QVERIFY2(kc.problems.size() == 1, qPrintable(problemList(kc)));
        const KubeconfigProblem &p = kc.problems.first();
        QVERIFY2(p.message.contains(message), qPrintable(p.toString()));
        QCOMPARE(p.file, QStringLiteral("/tmp/x/config"));
        if (line >= 0)
            QCOMPARE(p.line, line);
    }

    void deviceAsKubeconfig()
    {
        const Kubeconfig kc = loadKubeconfigFiles({QStringLiteral("/dev/zero")});
        QVERIFY2(kc.problems.size() == 1, qPrintable(problemList(kc)));
        QVERIFY2(kc.problems.first().toString() ==
                     QLatin1String("/dev/zero: cannot read kubeconfig: not a regular file"),
                 qPrintable(problemList(kc)));
    }

    void missingUserIsAnonymousWithWarning()
    {
        QTemporaryDir dir;
        const QString file = writeFile(dir.path(), QStringLiteral("config"), R"(clusters:
- {name: c, cluster: {server: https://127.0.0.1:6443}}
contexts:
- {name: x, context: {cluster: c, user: ghost}}
current-context: nope
)");
        const Kubeconfig kc = loadKubeconfigFiles({file});
        QCOMPARE(kc.contexts.size(), 1);
        QCOMPARE(kc.contexts.first().auth.userName, QStringLiteral("ghost"));
        QVERIFY(kc.contexts.first().auth.token.isEmpty());
        QCOMPARE(kc.contexts.first().warnings.size(), 1);
        QVERIFY(findProblem(kc, QStringLiteral("current-context \"nope\" does not exist")));
    }

    void loadFromEnvironment()
    {
        QTemporaryDir dir;
        const QString a = writeFile(dir.path(), QStringLiteral("a"), R"(clusters:
- {name: c, cluster: {server: https://127.0.0.1:6443}}
contexts:
- {name: from-env, context: {cluster: c}}
)");
        const QString b = writeFile(dir.path(), QStringLiteral("b"), R"(clusters:
- {name: c, cluster: {server: https://127.0.0.1:6443}}
contexts:
- {name: explicit, context: {cluster: c}}
)");
        qputenv("KUBECONFIG", a.toLocal8Bit());
        QCOMPARE(loadKubeconfig().contexts.first().contextName, QStringLiteral("from-env"));
        QCOMPARE(loadKubeconfig(b).contexts.first().contextName, QStringLiteral("explicit"));
        qunsetenv("KUBECONFIG");
    }

private:
    QTemporaryDir m_dir;
    QString m_pki;
};

QTEST_GUILESS_MAIN(TestKubeconfig)
#include "tst_kubeconfig.moc"
