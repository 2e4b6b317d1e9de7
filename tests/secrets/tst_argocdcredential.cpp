// `rolldeck credential argocd login | status | logout` as a user runs it (the built binary through QProcess) against
// the private Secret Service (with-private-keyring.sh) and the simulator's Argo CD API over TLS: a token stored by
// login, used (a list of applications), rotated (the old one no longer works, the new one does), removed (the next
// use says plainly to log in). The argocd CLI's conventions are honoured (ARGOCD_SERVER, ARGOCD_AUTH_TOKEN, its
// config file) and an expired token is named as such. Last, a scan: no password or token appears in any log line,
// any file under the private HOME and XDG folders (config, workspace, audit, data, cache) or the test's own output.
#include "KeyringGuard.h"
#include "RolldeckRun.h"
#include "app/argocd/ArgoCdClient.h"
#include "app/secrets/SecretStore.h"
#include "sim/Simulator.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QMutex>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <optional>
#include <unistd.h>

using namespace rolldeck;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QByteArray all() const { return out + err; }
};

// Every log line of this process, for the scan.
QMutex g_logMutex;
QByteArrayList g_log;
QtMessageHandler g_previousHandler = nullptr;

void recordMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&g_logMutex);
        g_log << message.toUtf8();
    }
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

QByteArray base64url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// A JWT-shaped token with these claims (the signature is not checked client-side).
QByteArray jwt(qint64 exp)
{
    return base64url(R"({"alg":"HS256","typ":"JWT"})") + '.' +
           base64url(QByteArray(R"({"iss":"argocd","sub":"admin:login","exp":)") + QByteArray::number(exp) + '}') +
           '.' + base64url("not-a-real-signature");
}

} // namespace

class TestArgoCdCredential : public QObject
{
    Q_OBJECT
    rdsim::Simulator m_sim;
    QTemporaryDir m_dir;
    QString m_server;   // https://127.0.0.1:PORT
    QString m_hostPort; // 127.0.0.1:PORT, as the argocd CLI writes it
    QString m_caFile;
    QString m_key; // the keychain entry login uses
    QByteArray m_password;
    QByteArrayList m_secrets; // every password and token the test saw, for the scan
    QList<Run> m_runs;
    // The test's own standard output and error go to this file until the scan, then to where they went before.
    QString m_ownOutput;
    int m_savedStdout = -1;
    int m_savedStderr = -1;

private slots:
    void initTestCase();
    void notLoggedInSaysHowToLogIn();
    void loginStoresTheTokenInTheKeychainOnly();
    void theStoredTokenIsUsed();
    void theWorkspaceHoldsOnlyAReference();
    void loginAgainRotates();
    void argocdCliConventions();
    void expiredTokenAsksForRenewal();
    void revokedTokenIsRefusedPlainly();
    void logoutRemovesIt();
    void noSecretAnywhere();
    void cleanupTestCase();

private:
    Run run(const QStringList &arguments, const QByteArray &input = {},
            const QProcessEnvironment &extra = QProcessEnvironment());
    std::optional<QByteArray> readBack();
    int listWith(const QByteArray &token);
};

void TestArgoCdCredential::initTestCase()
{
    ROLLDECK_REQUIRE_PRIVATE_KEYRING();
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(QStringLiteral(ROLLDECK_BINARY_DIR "/app/rolldeck")), "build the rolldeck target first");
    QStandardPaths::setTestModeEnabled(true);

    // Capture this process's own output (QTest's log included) for the scan at the end.
    m_ownOutput = m_dir.filePath(QStringLiteral("own-output.txt"));
    fflush(stdout);
    fflush(stderr);
    m_savedStdout = dup(1);
    m_savedStderr = dup(2);
    FILE *capture = std::fopen(QFile::encodeName(m_ownOutput).constData(), "w");
    QVERIFY(capture);
    dup2(fileno(capture), 1);
    dup2(fileno(capture), 2);
    std::fclose(capture);
    QLoggingCategory::setFilterRules(QStringLiteral("rolldeck.*.debug=true"));
    g_previousHandler = qInstallMessageHandler(recordMessage);

    rdsim::Options options;
    options.scenario = "default";
    options.speed = 30;
    options.seed = 14;
    options.tls = true;
    m_password = "pw-" + QByteArray::number(QRandomGenerator::system()->generate64(), 16);
    options.argocdToken = m_password.toStdString(); // the admin password (and the account's API token)
    m_secrets << m_password;
    const rdsim::StartResult started = m_sim.start(options);
    QVERIFY2(started.ok(), started.error.c_str());
    m_server = QString::fromStdString(started.endpoints.argocd);
    const QUrl url(m_server);
    m_hostPort = url.host() + u':' + QString::number(url.port());
    m_key = QStringLiteral("argocd/%1_%2").arg(url.host()).arg(url.port());
    m_caFile = m_dir.filePath(QStringLiteral("ca.pem"));
    QFile ca(m_caFile);
    QVERIFY(ca.open(QIODevice::WriteOnly));
    ca.write(QByteArray::fromStdString(started.endpoints.caPem));
}

Run TestArgoCdCredential::run(const QStringList &arguments, const QByteArray &input, const QProcessEnvironment &extra)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true")); // every log line, for the scan
    env.remove(QStringLiteral("ARGOCD_SERVER"));
    env.remove(QStringLiteral("ARGOCD_AUTH_TOKEN"));
    for (const QString &k : extra.keys())
        env.insert(k, extra.value(k));
    const rolldeck::test::RolldeckRun run = rolldeck::test::runRolldeck(
        QStringList{QStringLiteral("credential"), QStringLiteral("argocd")} + arguments, input, 90000, env);
    const Run r{run.exitCode, run.out.toUtf8(), run.err.toUtf8()};
    m_runs << r;
    return r;
}

std::optional<QByteArray> TestArgoCdCredential::readBack()
{
    SecretStore store(this);
    std::optional<SecretReply> reply;
    store.read(m_key, this, [&reply](const SecretReply &r) { reply = r; });
    if (!QTest::qWaitFor([&reply] { return reply.has_value(); }, 20000) || !reply->ok())
        return std::nullopt;
    m_secrets << reply->secret;
    return reply->secret;
}

// The HTTP status of a list of applications with this token, straight at the simulator.
int TestArgoCdCredential::listWith(const QByteArray &token)
{
    argocd::Endpoint endpoint;
    endpoint.server = QUrl(m_server);
    QFile ca(m_caFile);
    if (!ca.open(QIODevice::ReadOnly))
        return -1;
    endpoint.caPem = ca.readAll();
    argocd::Client client(endpoint);
    client.setToken(token);
    std::optional<argocd::Reply> out;
    QObject context;
    client.listApplications({}, &context, [&](const argocd::Reply &r) { out = r; });
    if (!QTest::qWaitFor([&] { return out.has_value(); }, 20000))
        return -1;
    return out->ok() ? 200 : out->error->httpStatus;
}

void TestArgoCdCredential::notLoggedInSaysHowToLogIn()
{
    const Run r =
        run({QStringLiteral("status"), QStringLiteral("--server"), m_server, QStringLiteral("--ca"), m_caFile});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QByteArray("Not logged in to Argo CD at " + m_server.toUtf8())), r.err.constData());
    QVERIFY2(r.err.contains(QByteArray("Log in with: rolldeck credential argocd login --server " + m_server.toUtf8())),
             r.err.constData());
}

void TestArgoCdCredential::loginStoresTheTokenInTheKeychainOnly()
{
    // A wrong password: refused in Argo CD's words, nothing stored.
    const Run bad = run({QStringLiteral("login"), QStringLiteral("--server"), m_server, QStringLiteral("--ca"),
                         m_caFile, QStringLiteral("--username"), QStringLiteral("admin")},
                        "wrong-password\n");
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.err.contains("Invalid username or password"), bad.err.constData());
    QVERIFY(!readBack().has_value());

    const Run r = run({QStringLiteral("login"), QStringLiteral("--server"), m_server, QStringLiteral("--ca"), m_caFile,
                       QStringLiteral("--username"), QStringLiteral("admin")},
                      m_password + '\n');
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains(QByteArray("Logged in to Argo CD at " + m_server.toUtf8() + " as admin")),
             r.out.constData());
    QVERIFY2(r.out.contains(QByteArray("keychain entry \"" + m_key.toUtf8() + '"')), r.out.constData());
    QVERIFY2(r.out.contains(QByteArray("credential: keychain:" + m_key.toUtf8())), r.out.constData());
    const std::optional<QByteArray> token = readBack();
    QVERIFY(token.has_value());
    QCOMPARE(token->count('.'), 2); // a session JWT, not the password
    QVERIFY(*token != m_password);
    QVERIFY2(r.out.contains("expires "), r.out.constData());
}

void TestArgoCdCredential::theStoredTokenIsUsed()
{
    const Run r =
        run({QStringLiteral("status"), QStringLiteral("--server"), m_server, QStringLiteral("--ca"), m_caFile});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains(QByteArray("as admin (token from keychain entry \"" + m_key.toUtf8() + '"')),
             r.out.constData());
    // The simulator's app-of-apps and its four environments' applications.
    QVERIFY2(r.out.contains("Applications it can list (5): "), r.out.constData());
    QVERIFY2(r.out.contains("agentic-startup-production"), r.out.constData());
}

void TestArgoCdCredential::theWorkspaceHoldsOnlyAReference()
{
    const QString path = m_dir.filePath(QStringLiteral("workspace.yaml"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("environments:\n  production:\n    argocd:\n      server: " + m_server.toUtf8() +
            "\n      applications: [agentic-startup-production]\n      credential: keychain:" + m_key.toUtf8() + "\n");
    f.close();
    QProcess p;
    p.start(QStringLiteral(ROLLDECK_BINARY_DIR "/app/rolldeck"),
            {QStringLiteral("credential"), QStringLiteral("check"), QStringLiteral("--workspace"), path});
    QVERIFY(p.waitForFinished(60000));
    Run r{p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    m_runs << r;
    QVERIFY2(r.exitCode == 0, r.all().constData());
    QVERIFY2(r.out.contains(QByteArray("keychain:" + m_key.toUtf8())) && r.out.contains("present"), r.out.constData());
}

void TestArgoCdCredential::loginAgainRotates()
{
    const std::optional<QByteArray> before = readBack();
    QVERIFY(before.has_value());
    QCOMPARE(listWith(*before), 200);
    const Run r = run({QStringLiteral("login"), QStringLiteral("--server"), m_server, QStringLiteral("--ca"), m_caFile,
                       QStringLiteral("--username"), QStringLiteral("admin")},
                      m_password);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains("Replaced the earlier token; its session is ended."), r.out.constData());
    const std::optional<QByteArray> after = readBack();
    QVERIFY(after.has_value());
    QVERIFY(*after != *before);
    // The old token is no longer used and no longer works; the new one does, and the command uses it.
    QCOMPARE(listWith(*before), 401);
    QCOMPARE(listWith(*after), 200);
    const Run used =
        run({QStringLiteral("status"), QStringLiteral("--server"), m_server, QStringLiteral("--ca"), m_caFile});
    QVERIFY2(used.exitCode == 0, used.err.constData());
}

void TestArgoCdCredential::argocdCliConventions()
{
    // ARGOCD_SERVER names the server when --server is not given.
    QProcessEnvironment env;
    env.insert(QStringLiteral("ARGOCD_SERVER"), m_hostPort);
    const Run viaEnv = run({QStringLiteral("status"), QStringLiteral("--ca"), m_caFile}, {}, env);
    QVERIFY2(viaEnv.exitCode == 0, viaEnv.err.constData());
    QVERIFY2(viaEnv.out.contains(QByteArray("Logged in to Argo CD at " + m_server.toUtf8())), viaEnv.out.constData());

    // The argocd CLI's config: its current context names the server; its token is taken by --from-argocd-cli
    // (read only: the file is not changed). Here an expired token, which login refuses plainly.
    const QString configDir = qEnvironmentVariable("XDG_CONFIG_HOME") + QStringLiteral("/argocd");
    QVERIFY(QDir().mkpath(configDir));
    const QByteArray expired = jwt(QDateTime::currentSecsSinceEpoch() - 3600);
    const QByteArray config = "contexts:\n- name: sim\n  server: " + m_hostPort.toUtf8() +
                              "\n  user: sim\ncurrent-context: sim\nservers:\n- server: " + m_hostPort.toUtf8() +
                              "\nusers:\n- name: sim\n  auth-token: " + expired + "\n";
    QFile f(configDir + QStringLiteral("/config"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(config);
    f.close();
    const Run fromCli =
        run({QStringLiteral("login"), QStringLiteral("--from-argocd-cli"), QStringLiteral("--ca"), m_caFile});
    QCOMPARE(fromCli.exitCode, 1);
    QVERIFY2(fromCli.err.contains(
                 QByteArray("Using the argocd CLI's token from " + QFile::encodeName(configDir) + "/config")),
             fromCli.err.constData());
    QVERIFY2(fromCli.err.contains(QByteArray("The Argo CD token for " + m_server.toUtf8() + " expired at")),
             fromCli.err.constData());
    QVERIFY2(fromCli.err.contains(
                 QByteArray("Log in again with: rolldeck credential argocd login --server " + m_server.toUtf8())),
             fromCli.err.constData());
    QFile::remove(configDir + QStringLiteral("/config"));

    // ARGOCD_AUTH_TOKEN: the account's API token (here the simulator's, which does not expire) is taken and stored.
    // Keep the session token stored for the steps after: log in again with the password at the end.
    env.insert(QStringLiteral("ARGOCD_AUTH_TOKEN"), QString::fromLatin1(m_password));
    const Run fromEnv =
        run({QStringLiteral("login"), QStringLiteral("--from-argocd-cli"), QStringLiteral("--ca"), m_caFile}, {}, env);
    QVERIFY2(fromEnv.exitCode == 0, fromEnv.err.constData());
    QVERIFY2(fromEnv.err.contains("Using the argocd CLI's token from ARGOCD_AUTH_TOKEN"), fromEnv.err.constData());
    QVERIFY2(fromEnv.out.contains("does not expire"), fromEnv.out.constData());
    const std::optional<QByteArray> stored = readBack();
    QVERIFY(stored && *stored == m_password);
}

void TestArgoCdCredential::expiredTokenAsksForRenewal()
{
    const QByteArray expired = jwt(QDateTime::currentSecsSinceEpoch() - 60);
    const Run r = run({QStringLiteral("login"), QStringLiteral("--server"), m_server, QStringLiteral("--ca"), m_caFile,
                       QStringLiteral("--token")},
                      expired);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("expired at"), r.err.constData());
    QVERIFY2(
        r.err.contains(QByteArray("Log in again with: rolldeck credential argocd login --server " + m_server.toUtf8())),
        r.err.constData());
    // Nothing replaced: the stored token is still the one before.
    const std::optional<QByteArray> stored = readBack();
    QVERIFY(stored && *stored == m_password);
}

void TestArgoCdCredential::revokedTokenIsRefusedPlainly()
{
    // A session token, then logged out at the server: the server answers 401, said plainly, nothing stored.
    argocd::Endpoint endpoint;
    endpoint.server = QUrl(m_server);
    QFile ca(m_caFile);
    QVERIFY(ca.open(QIODevice::ReadOnly));
    endpoint.caPem = ca.readAll();
    argocd::Client client(endpoint);
    std::optional<Result<QByteArray>> session;
    client.login(QStringLiteral("admin"), QString::fromLatin1(m_password), this,
                 [&](Result<QByteArray> r) { session = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(session.has_value(), 20000);
    QVERIFY(session->ok());
    const QByteArray revoked = **session;
    m_secrets << revoked;
    std::optional<argocd::Reply> out;
    client.logout(this, [&](const argocd::Reply &r) { out = r; });
    QTRY_VERIFY_WITH_TIMEOUT(out.has_value(), 20000);
    QVERIFY(out->ok());

    const Run r = run({QStringLiteral("login"), QStringLiteral("--server"), m_server, QStringLiteral("--ca"), m_caFile,
                       QStringLiteral("--token")},
                      revoked);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("no longer accepts the token"), r.err.constData());
    QVERIFY2(
        r.err.contains(QByteArray("Log in again with: rolldeck credential argocd login --server " + m_server.toUtf8())),
        r.err.constData());

    // Back to a session token for the last steps (a rotation from the API token: nothing to end there).
    const Run again = run({QStringLiteral("login"), QStringLiteral("--server"), m_server, QStringLiteral("--ca"),
                           m_caFile, QStringLiteral("--username"), QStringLiteral("admin")},
                          m_password);
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QVERIFY(readBack().has_value());
}

void TestArgoCdCredential::logoutRemovesIt()
{
    const std::optional<QByteArray> token = readBack();
    QVERIFY(token.has_value());
    const Run r =
        run({QStringLiteral("logout"), QStringLiteral("--server"), m_server, QStringLiteral("--ca"), m_caFile});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains(QByteArray("removed the keychain entry \"" + m_key.toUtf8() + '"')), r.out.constData());
    QVERIFY(!readBack().has_value());
    QCOMPARE(listWith(*token), 401); // the session ended too

    const Run next =
        run({QStringLiteral("status"), QStringLiteral("--server"), m_server, QStringLiteral("--ca"), m_caFile});
    QCOMPARE(next.exitCode, 1);
    QVERIFY2(
        next.err.contains(QByteArray("Not logged in to Argo CD at " + m_server.toUtf8() +
                                     ". Log in with: rolldeck credential argocd login --server " + m_server.toUtf8())),
        next.err.constData());
    const Run twice =
        run({QStringLiteral("logout"), QStringLiteral("--server"), m_server, QStringLiteral("--ca"), m_caFile});
    QCOMPARE(twice.exitCode, 1);
}

void TestArgoCdCredential::noSecretAnywhere()
{
    QVERIFY(m_secrets.size() >= 4); // the password, two rotated session tokens and the revoked one at least
    QByteArrayList places;
    QList<QByteArray> contents;
    for (qsizetype i = 0; i < m_runs.size(); ++i) {
        places << "output of command run " + QByteArray::number(i);
        contents << m_runs.at(i).all();
    }
    {
        QMutexLocker lock(&g_logMutex);
        places << "this test's log lines";
        contents << g_log.join('\n');
    }
    fflush(stdout);
    fflush(stderr);
    QFile own(m_ownOutput);
    QVERIFY(own.open(QIODevice::ReadOnly));
    places << "this test's own output";
    contents << own.readAll();
    // Every file the commands and this test could have written: the private HOME and XDG folders (config, data with
    // the audit log, cache) and the test's folder (the workspace).
    QStringList roots{QDir::homePath(), m_dir.path()};
    for (const char *var : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"})
        roots << qEnvironmentVariable(var);
    int files = 0;
    for (const QString &root : roots) {
        if (root.isEmpty())
            continue;
        QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile f(path);
            if (path == m_ownOutput || !f.open(QIODevice::ReadOnly))
                continue;
            places << QFile::encodeName(path);
            contents << f.read(16 << 20);
            ++files;
        }
    }
    QVERIFY(files >= 2); // at least the workspace and the keyring's own (encrypted) file
    for (qsizetype p = 0; p < places.size(); ++p) {
        for (qsizetype s = 0; s < m_secrets.size(); ++s) {
            // The failure names the place and which secret (by number), never the value.
            QVERIFY2(
                !contents.at(p).contains(m_secrets.at(s)),
                qPrintable(QStringLiteral("secret #%1 appears in %2").arg(s).arg(QString::fromUtf8(places.at(p)))));
        }
    }
}

void TestArgoCdCredential::cleanupTestCase()
{
    qInstallMessageHandler(g_previousHandler);
    m_sim.stop();
    // Give the captured output back to where it belongs, so that ctest shows it.
    if (m_savedStdout >= 0) {
        fflush(stdout);
        fflush(stderr);
        dup2(m_savedStdout, 1);
        dup2(m_savedStderr, 2);
        QFile own(m_ownOutput);
        if (own.open(QIODevice::ReadOnly))
            std::fwrite(own.readAll().constData(), 1, size_t(own.size()), stdout);
        fflush(stdout);
    }
}

QTEST_GUILESS_MAIN(TestArgoCdCredential)
#include "tst_argocdcredential.moc"
