// `rolldeck credential` as a user runs it: the built binary through QProcess, against the private Secret Service
// (with-private-keyring.sh). The secrets used here must never appear in anything the command prints.
#include "KeyringGuard.h"
#include "RolldeckRun.h"
#include "app/secrets/SecretStore.h"

#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace rolldeck;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QByteArray all() const { return out + err; }
};

const QByteArray kArgoSecret = "argo-S3cr3t-value-4711";
const QByteArray kPromSecret = "prom-T0ken-value-0815";

} // namespace

class TestCredentialCli : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void help();
    void usageErrors_data();
    void usageErrors();
    void setThenCheck();
    void setFromATerminalDoesNotEcho();
    void deleteThenCheck();
    void workspaceProblems_data();
    void workspaceProblems();
    void noKeychainService();
    // Locks the private keyring for good (unlocking needs a prompt nobody can answer here): keep it last.
    void lockedKeychainIsNotMissing();

private:
    Run run(const QStringList &arguments, const QByteArray &input = {},
            const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());
    QString writeWorkspace(const QString &name, const QByteArray &yaml);
    std::optional<QByteArray> readBack(const QString &key);
    void verifyNoSecretIn(const Run &r);

    QTemporaryDir m_dir;
};

void TestCredentialCli::initTestCase()
{
    ROLLDECK_REQUIRE_PRIVATE_KEYRING();
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(QStringLiteral(ROLLDECK_BINARY_DIR "/app/rolldeck")), "build the rolldeck target first");
}

Run TestCredentialCli::run(const QStringList &arguments, const QByteArray &input,
                           const QProcessEnvironment &environment)
{
    const rolldeck::test::RolldeckRun r =
        rolldeck::test::runRolldeck(QStringList{QStringLiteral("credential")} + arguments, input, 60000, environment);
    return {r.exitCode, r.out.toUtf8(), r.err.toUtf8()};
}

QString TestCredentialCli::writeWorkspace(const QString &name, const QByteArray &yaml)
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(yaml) != yaml.size())
        return QString();
    return path;
}

std::optional<QByteArray> TestCredentialCli::readBack(const QString &key)
{
    SecretStore store(this);
    std::optional<SecretReply> reply;
    store.read(key, this, [&reply](const SecretReply &r) { reply = r; });
    if (!QTest::qWaitFor([&reply] { return reply.has_value(); }, 20000) || !reply->ok())
        return std::nullopt;
    return reply->secret;
}

void TestCredentialCli::verifyNoSecretIn(const Run &r)
{
    QVERIFY2(!r.all().contains(kArgoSecret), "the Argo CD secret appears in the command's output");
    QVERIFY2(!r.all().contains(kPromSecret), "the Prometheus secret appears in the command's output");
}

void TestCredentialCli::help()
{
    const Run r = run({QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    for (const char *word : {"set NAME", "delete NAME", "check", "--workspace"})
        QVERIFY2(r.out.contains(word), r.out.constData());
}

void TestCredentialCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("no command") << QStringList{} << QByteArray() << QByteArray("set, delete or check");
    QTest::newRow("unknown command") << QStringList{QStringLiteral("show"), QStringLiteral("x")} << QByteArray()
                                     << QByteArray("unknown command \"show\"");
    QTest::newRow("set without name") << QStringList{QStringLiteral("set")} << QByteArray("v\n")
                                      << QByteArray("exactly one NAME");
    // A secret on the command line would land in the shell history and the process list: refused, not echoed.
    QTest::newRow("secret on the command line")
        << QStringList{QStringLiteral("set"), QStringLiteral("argo"), QString::fromLatin1(kArgoSecret)} << QByteArray()
        << QByteArray("read from standard input");
    QTest::newRow("bad name") << QStringList{QStringLiteral("set"), QStringLiteral("has space")} << QByteArray("v")
                              << QByteArray("not a keychain entry name");
    QTest::newRow("empty stdin") << QStringList{QStringLiteral("set"), QStringLiteral("empty")} << QByteArray()
                                 << QByteArray("no secret on standard input");
    QTest::newRow("only a line break") << QStringList{QStringLiteral("set"), QStringLiteral("empty")}
                                       << QByteArray("\n") << QByteArray("no secret on standard input");
    QTest::newRow("delete with workspace") << QStringList{QStringLiteral("delete"), QStringLiteral("x"),
                                                          QStringLiteral("--workspace"), QStringLiteral("w.yaml")}
                                           << QByteArray() << QByteArray("--workspace goes with check only");
    QTest::newRow("check with name") << QStringList{QStringLiteral("check"), QStringLiteral("x")} << QByteArray()
                                     << QByteArray("Unexpected argument: x");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("check"), QStringLiteral("--bogus")} << QByteArray()
                                    << QByteArray("bogus");
}

void TestCredentialCli::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    const Run r = run(arguments, input);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(expected), r.err.constData());
    verifyNoSecretIn(r);
}

void TestCredentialCli::setThenCheck()
{
    const QString workspace = writeWorkspace(QStringLiteral("ws.yaml"), "version: 1\n"
                                                                        "environments:\n"
                                                                        "  production:\n"
                                                                        "    clusters: [{context: prod}]\n"
                                                                        "    argocd:\n"
                                                                        "      server: https://argocd.prod.example\n"
                                                                        "      applications: [shop]\n"
                                                                        "      credential: keychain:cli-argo\n"
                                                                        "    prometheus:\n"
                                                                        "      url: https://prom.prod.example\n"
                                                                        "      credential: keychain:cli-prom\n");
    QVERIFY(!workspace.isEmpty());

    // From a pipe, with the line break echo adds: stored without it.
    Run r = run({QStringLiteral("set"), QStringLiteral("cli-argo")}, kArgoSecret + '\n');
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("Stored keychain entry \"cli-argo\""), r.out.constData());
    verifyNoSecretIn(r);
    const std::optional<QByteArray> stored = readBack(QStringLiteral("cli-argo"));
    QVERIFY2(stored.has_value(), "the entry is not in the keychain after credential set");
    QVERIFY2(*stored == kArgoSecret, "credential set stored something else than the line given on stdin");

    // One of two present: exit 1, each reference named, the missing one with the command that sets it.
    r = run({QStringLiteral("check"), QStringLiteral("--workspace"), workspace});
    QCOMPARE(r.exitCode, 1);
    verifyNoSecretIn(r);
    const QList<QByteArray> lines = r.out.split('\n');
    QCOMPARE(lines.size(), 4); // header, two references, the final empty piece
    QVERIFY2(lines.at(1).contains("production") && lines.at(1).contains("Argo CD at https://argocd.prod.example") &&
                 lines.at(1).contains("keychain:cli-argo") && lines.at(1).endsWith("present"),
             lines.at(1).constData());
    QVERIFY2(lines.at(2).contains("Prometheus at https://prom.prod.example") &&
                 lines.at(2).contains("keychain:cli-prom") && lines.at(2).endsWith("missing"),
             lines.at(2).constData());
    QVERIFY2(r.err.contains("rolldeck credential set cli-prom"), r.err.constData());
    QVERIFY2(!r.err.contains("cli-argo"), r.err.constData());

    // Both present: exit 0, nothing on stderr.
    r = run({QStringLiteral("set"), QStringLiteral("cli-prom")}, kPromSecret);
    QCOMPARE(r.exitCode, 0);
    verifyNoSecretIn(r);
    r = run({QStringLiteral("check"), QStringLiteral("--workspace"), workspace});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.isEmpty(), r.err.constData());
    QCOMPARE(r.out.count("present"), 2);
    verifyNoSecretIn(r);
    const std::optional<QByteArray> prom = readBack(QStringLiteral("cli-prom"));
    QVERIFY(prom.has_value());
    QVERIFY2(*prom == kPromSecret, "a secret without a trailing line break must be stored as given");
}

void TestCredentialCli::setFromATerminalDoesNotEcho()
{
    // util-linux `script` runs the command on a pseudo-terminal and copies everything it shows to stdout: what a
    // person at a terminal would see. The secret is typed only once the prompt is there.
    const QByteArray typed = "typed-T3rminal-secret";
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("/usr/bin/script"),
            {QStringLiteral("-qfec"), QStringLiteral(ROLLDECK_BINARY_DIR "/app/rolldeck credential set tty-entry"),
             QStringLiteral("/dev/null")});
    QVERIFY(p.waitForStarted(10000));
    QByteArray shown;
    QTRY_VERIFY_WITH_TIMEOUT((shown += p.readAll(), shown.contains("Secret for keychain entry \"tty-entry\"")), 20000);
    p.write(typed + '\n');
    QVERIFY(p.waitForFinished(30000));
    shown += p.readAll();
    QCOMPARE(p.exitCode(), 0);
    QVERIFY2(shown.contains("Stored keychain entry \"tty-entry\""), shown.constData());
    QVERIFY2(!shown.contains(typed), "the secret typed at the terminal was echoed");
    const std::optional<QByteArray> stored = readBack(QStringLiteral("tty-entry"));
    QVERIFY(stored.has_value());
    QVERIFY2(*stored == typed, "the line typed at the terminal was not stored as typed");
}

void TestCredentialCli::deleteThenCheck()
{
    const QString workspace =
        writeWorkspace(QStringLiteral("del.yaml"), "version: 1\n"
                                                   "environments:\n"
                                                   "  staging:\n"
                                                   "    clusters: [{context: staging}]\n"
                                                   "    argocd:\n"
                                                   "      server: https://argocd.staging.example\n"
                                                   "      applications: [shop]\n"
                                                   "      credential: keychain:cli-del\n");
    Run r = run({QStringLiteral("set"), QStringLiteral("cli-del")}, kArgoSecret);
    QCOMPARE(r.exitCode, 0);
    r = run({QStringLiteral("check"), QStringLiteral("--workspace"), workspace});
    QCOMPARE(r.exitCode, 0);

    r = run({QStringLiteral("delete"), QStringLiteral("cli-del")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("Deleted keychain entry \"cli-del\""), r.out.constData());
    QVERIFY(!readBack(QStringLiteral("cli-del")).has_value());

    r = run({QStringLiteral("check"), QStringLiteral("--workspace"), workspace});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("staging: Argo CD at https://argocd.staging.example needs the keychain entry "
                            "\"cli-del\", which is missing; set it with: rolldeck credential set cli-del"),
             r.err.constData());
    verifyNoSecretIn(r);

    // Deleting what is not there: exit 1, said so.
    r = run({QStringLiteral("delete"), QStringLiteral("cli-del")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("no entry \"cli-del\""), r.err.constData());
}

void TestCredentialCli::workspaceProblems_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<bool>("explicitPath");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("no references") << QByteArray("version: 1\nenvironments:\n  dev:\n    clusters: [{context: d}]\n")
                                   << true << 0 << QByteArray("refers to no keychain entries");
    QTest::newRow("broken workspace") << QByteArray("version: 1\nenvironments:\n  dev:\n    clusterz: []\n") << true
                                      << 2 << QByteArray(":4:");
    QTest::newRow("explicit file missing") << QByteArray() << true << 2 << QByteArray("nope.yaml");
    QTest::newRow("no default workspace") << QByteArray() << false << 0 << QByteArray("No workspace file at");
}

void TestCredentialCli::workspaceProblems()
{
    QFETCH(QByteArray, yaml);
    QFETCH(bool, explicitPath);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, expected);
    QStringList arguments{QStringLiteral("check")};
    if (explicitPath) {
        const QString path = yaml.isEmpty() ? m_dir.filePath(QStringLiteral("nope.yaml"))
                                            : writeWorkspace(QStringLiteral("p.yaml"), yaml);
        arguments << QStringLiteral("--workspace") << path;
    }
    const Run r = run(arguments);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.all().contains(expected), r.all().constData());
}

void TestCredentialCli::noKeychainService()
{
    const QString workspace = writeWorkspace(QStringLiteral("nosvc.yaml"), "version: 1\n"
                                                                           "environments:\n"
                                                                           "  production:\n"
                                                                           "    clusters: [{context: prod}]\n"
                                                                           "    argocd:\n"
                                                                           "      server: https://argocd.example\n"
                                                                           "      applications: [shop]\n"
                                                                           "      credential: keychain:cli-argo\n");
    // A session bus nobody listens on: no Secret Service to reach.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                       QStringLiteral("unix:path=") + m_dir.filePath(QStringLiteral("no-bus-here")));

    Run r = run({QStringLiteral("check"), QStringLiteral("--workspace"), workspace}, {}, environment);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.out.contains("unreadable"), r.out.constData());
    QVERIFY2(r.err.contains("No keychain service is running"), r.err.constData());
    QVERIFY2(r.err.contains("\"cli-argo\""), r.err.constData());

    r = run({QStringLiteral("set"), QStringLiteral("cli-nosvc")}, kPromSecret, environment);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("No keychain service is running"), r.err.constData());
    verifyNoSecretIn(r);
}

void TestCredentialCli::lockedKeychainIsNotMissing()
{
    const QString workspace = writeWorkspace(QStringLiteral("locked.yaml"), "version: 1\n"
                                                                            "environments:\n"
                                                                            "  production:\n"
                                                                            "    clusters: [{context: prod}]\n"
                                                                            "    argocd:\n"
                                                                            "      server: https://argocd.example\n"
                                                                            "      applications: [shop]\n"
                                                                            "      credential: keychain:cli-locked\n");
    Run r = run({QStringLiteral("set"), QStringLiteral("cli-locked")}, kArgoSecret);
    QCOMPARE(r.exitCode, 0);
    r = run({QStringLiteral("check"), QStringLiteral("--workspace"), workspace});
    QCOMPARE(r.exitCode, 0);

    // Lock the login keyring (the default collection) through the Secret Service's own D-Bus API.
    QProcess lock;
    lock.start(QStringLiteral("dbus-send"),
               {QStringLiteral("--session"), QStringLiteral("--print-reply"),
                QStringLiteral("--dest=org.freedesktop.secrets"), QStringLiteral("/org/freedesktop/secrets"),
                QStringLiteral("org.freedesktop.Secret.Service.Lock"),
                QStringLiteral("array:objpath:/org/freedesktop/secrets/collection/login")});
    QVERIFY(lock.waitForFinished(10000));
    QCOMPARE(lock.exitCode(), 0);

    // The entry is there but cannot be read: not "missing" (which would send the user to set it again).
    r = run({QStringLiteral("check"), QStringLiteral("--workspace"), workspace});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.out.contains("unreadable") && !r.out.contains("missing"), r.out.constData());
    QVERIFY2(r.err.contains("refused access to the entry \"cli-locked\"") && r.err.contains("locked"),
             r.err.constData());
    verifyNoSecretIn(r);

    r = run({QStringLiteral("set"), QStringLiteral("cli-locked-2")}, kPromSecret);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("refused access"), r.err.constData());
    verifyNoSecretIn(r);
}

QTEST_GUILESS_MAIN(TestCredentialCli)
#include "tst_credentialcli.moc"
