#include "app/kube/CredentialProvider.h"

#include "TestPki.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace rolldeck;
using namespace rolldeck::kube;
using namespace std::chrono_literals;

namespace {

const QString kV1 = QStringLiteral("client.authentication.k8s.io/v1");
const QString kV1beta1 = QStringLiteral("client.authentication.k8s.io/v1beta1");

// A small exec plugin: counts its runs, records what it was given, prints an ExecCredential.
const QByteArray kCountingPlugin = R"(#!/bin/sh
n=$(cat "$COUNTER" 2>/dev/null || echo 0)
n=$((n + 1))
echo "$n" > "$COUNTER"
printf '%s' "$KUBERNETES_EXEC_INFO" > "$INFO_OUT"
printf '%s\n' "$@" > "$ARGS_OUT"
echo "plugin chatter on stderr" >&2
printf '{"apiVersion":"%s","kind":"ExecCredential","status":{"token":"tok-%s","expirationTimestamp":"2030-01-01T00:00:00Z"}}\n' "$API" "$n"
)";

QString writeScript(const QString &dir, const QString &name, const QByteArray &body)
{
    const QString path = QDir(dir).filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(body);
    f.close();
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return path;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

ClusterConfig execCluster(const QString &command, const QString &apiVersion, const QList<QPair<QString, QString>> &env)
{
    ClusterConfig c;
    c.contextName = QStringLiteral("ctx");
    c.clusterName = QStringLiteral("cluster");
    c.server = QUrl(QStringLiteral("https://127.0.0.1:6443"));
    c.auth.userName = QStringLiteral("plugin-user");
    ExecPluginSpec spec;
    spec.apiVersion = apiVersion;
    spec.command = command;
    spec.args = {QStringLiteral("get-token"), QStringLiteral("--flag=with space")};
    spec.env = env;
    spec.interactiveMode = QStringLiteral("Never");
    c.auth.exec = spec;
    return c;
}

// Waits for one ready()/failed() and returns it; fetch() must never answer synchronously.
struct Outcome
{
    std::optional<Credentials> credentials;
    QString error;
};

Outcome fetchOnce(CredentialProvider &provider, int timeoutMs = 10000)
{
    QSignalSpy ready(&provider, &CredentialProvider::ready);
    QSignalSpy failed(&provider, &CredentialProvider::failed);
    provider.fetch();
    Outcome out;
    if (!ready.isEmpty() || !failed.isEmpty()) {
        out.error = QStringLiteral("answered synchronously");
        return out;
    }
    if (!QTest::qWaitFor([&] { return !ready.isEmpty() || !failed.isEmpty(); }, timeoutMs))
        out.error = QStringLiteral("no answer");
    else if (!ready.isEmpty())
        out.credentials = ready.first().first().value<Credentials>();
    else
        out.error = failed.first().first().toString();
    return out;
}

} // namespace

class TestCredentialProvider : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qRegisterMetaType<Credentials>();
        QVERIFY(m_dir.isValid());
        m_plugin = writeScript(m_dir.path(), QStringLiteral("plugin.sh"), kCountingPlugin);
        QVERIFY(!m_plugin.isEmpty());
    }

    void staticToken()
    {
        ClusterConfig c;
        c.auth.token = QStringLiteral("abc");
        CredentialProvider provider(c);
        const Outcome out = fetchOnce(provider);
        QVERIFY2(out.credentials, qPrintable(out.error));
        QCOMPARE(out.credentials->authorization, QByteArray("Bearer abc"));
        QVERIFY(!out.credentials->expiresAt.isValid());
        QVERIFY(provider.cached());
    }

    void basicAuth()
    {
        ClusterConfig c;
        c.auth.username = QStringLiteral("bob");
        c.auth.password = QStringLiteral("s3cr:t");
        CredentialProvider provider(c);
        const Outcome out = fetchOnce(provider);
        QVERIFY2(out.credentials, qPrintable(out.error));
        QCOMPARE(out.credentials->authorization, "Basic " + QByteArray("bob:s3cr:t").toBase64());
    }

    void anonymous()
    {
        CredentialProvider provider(ClusterConfig{});
        const Outcome out = fetchOnce(provider);
        QVERIFY2(out.credentials, qPrintable(out.error));
        QVERIFY(out.credentials->authorization.isEmpty());
        QVERIFY(!out.credentials->hasClientCertificate());
    }

    void staticClientCertificate()
    {
        QTemporaryDir pki;
        const QString error = test::TestPki::create(pki.path());
        QVERIFY2(error.isEmpty(), qPrintable(error));
        ClusterConfig c;
        c.auth.clientCertificatePem = test::TestPki::read(pki.path(), QStringLiteral("client.crt"));
        c.auth.clientKeyPem = test::TestPki::read(pki.path(), QStringLiteral("client.key"));
        CredentialProvider provider(c);
        const Outcome out = fetchOnce(provider);
        QVERIFY2(out.credentials, qPrintable(out.error));
        QVERIFY(out.credentials->hasClientCertificate());
        QCOMPARE(out.credentials->clientCertificate.subjectInfo(QSslCertificate::CommonName),
                 QStringList{QStringLiteral("alice")});
        QCOMPARE(out.credentials->clientKey.algorithm(), QSsl::Ec);
    }

    void staticCredentialsBeatExec()
    {
        // Built by hand (the loader already drops such a plugin): the provider follows kubectl on its own too.
        ClusterConfig c = execCluster(m_dir.filePath(QStringLiteral("no-such-plugin")), kV1, {});
        c.auth.token = QStringLiteral("static");
        CredentialProvider provider(c);
        const Outcome out = fetchOnce(provider);
        QVERIFY2(out.credentials, qPrintable(out.error));
        QCOMPARE(out.credentials->authorization, QByteArray("Bearer static"));
    }

    void unsupportedAuthProvider()
    {
        ClusterConfig c;
        c.auth.unsupported = QStringLiteral("auth-provider \"oidc\" is not supported; use an exec credential plugin");
        CredentialProvider provider(c);
        const Outcome out = fetchOnce(provider);
        QVERIFY(!out.credentials);
        QCOMPARE(out.error, c.auth.unsupported);
    }

    void tokenFileIsReread()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("token"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("first\n");
        f.close();
        ClusterConfig c;
        c.auth.tokenFile = path;
        QDateTime clock = QDateTime(QDate(2026, 1, 1), QTime(10, 0), Qt::UTC);
        CredentialProvider provider(c);
        provider.setClock([&clock] { return clock; });
        Outcome out = fetchOnce(provider);
        QVERIFY2(out.credentials, qPrintable(out.error));
        QCOMPARE(out.credentials->authorization, QByteArray("Bearer first"));

        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("second");
        f.close();
        out = fetchOnce(provider); // within a minute: cached
        QCOMPARE(out.credentials->authorization, QByteArray("Bearer first"));
        provider.invalidate(out.credentials->generation); // a 401: read again
        out = fetchOnce(provider);
        QCOMPARE(out.credentials->authorization, QByteArray("Bearer second"));

        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("third");
        f.close();
        clock = clock.addSecs(61); // rotated tokens are picked up without a 401 too
        out = fetchOnce(provider);
        QCOMPARE(out.credentials->authorization, QByteArray("Bearer third"));

        QVERIFY(QFile::remove(path));
        provider.invalidate();
        out = fetchOnce(provider);
        QVERIFY(!out.credentials);
        QVERIFY2(out.error.contains(QLatin1String("cannot read tokenFile")), qPrintable(out.error));
    }

    void execPlugin_data()
    {
        QTest::addColumn<QString>("apiVersion");
        QTest::newRow("v1") << kV1;
        QTest::newRow("v1beta1") << kV1beta1;
    }

    void execPlugin()
    {
        QFETCH(QString, apiVersion);
        QTemporaryDir dir;
        const QString counter = dir.filePath(QStringLiteral("count"));
        const QString info = dir.filePath(QStringLiteral("info.json"));
        const QString args = dir.filePath(QStringLiteral("args"));
        ClusterConfig c = execCluster(m_plugin, apiVersion,
                                      {{QStringLiteral("COUNTER"), counter},
                                       {QStringLiteral("INFO_OUT"), info},
                                       {QStringLiteral("ARGS_OUT"), args},
                                       {QStringLiteral("API"), apiVersion}});
        c.auth.exec->provideClusterInfo = true;
        c.tlsServerName = QStringLiteral("kube.test");
        QDateTime clock = QDateTime(QDate(2029, 12, 31), QTime(23, 0), Qt::UTC);
        CredentialProvider provider(c);
        provider.setClock([&clock] { return clock; });

        Outcome out = fetchOnce(provider);
        QVERIFY2(out.credentials, qPrintable(out.error));
        QCOMPARE(out.credentials->authorization, QByteArray("Bearer tok-1"));
        QCOMPARE(out.credentials->expiresAt, QDateTime(QDate(2030, 1, 1), QTime(0, 0), Qt::UTC));
        QCOMPARE(readAll(args), QByteArray("get-token\n--flag=with space\n"));
        const QJsonObject execInfo = QJsonDocument::fromJson(readAll(info)).object();
        QCOMPARE(execInfo.value(QLatin1String("apiVersion")).toString(), apiVersion);
        QCOMPARE(execInfo.value(QLatin1String("kind")).toString(), QStringLiteral("ExecCredential"));
        const QJsonObject spec = execInfo.value(QLatin1String("spec")).toObject();
        QCOMPARE(spec.value(QLatin1String("interactive")), QJsonValue(false));
        QCOMPARE(spec.value(QLatin1String("cluster"))[QLatin1String("server")].toString(),
                 QStringLiteral("https://127.0.0.1:6443"));
        QCOMPARE(spec.value(QLatin1String("cluster"))[QLatin1String("tls-server-name")].toString(),
                 QStringLiteral("kube.test"));

        // Cached until the expiry: no second run.
        out = fetchOnce(provider);
        QCOMPARE(out.credentials->authorization, QByteArray("Bearer tok-1"));
        QCOMPARE(readAll(counter).trimmed(), QByteArray("1"));

        // Expired: the plugin runs again.
        clock = QDateTime(QDate(2030, 1, 1), QTime(0, 0, 1), Qt::UTC);
        QVERIFY(!provider.cached());
        out = fetchOnce(provider);
        QCOMPARE(out.credentials->authorization, QByteArray("Bearer tok-2"));
        QCOMPARE(readAll(counter).trimmed(), QByteArray("2"));
    }

    void execRerunOn401()
    {
        QTemporaryDir dir;
        const QString counter = dir.filePath(QStringLiteral("count"));
        const ClusterConfig c = execCluster(m_plugin, kV1,
                                            {{QStringLiteral("COUNTER"), counter},
                                             {QStringLiteral("INFO_OUT"), dir.filePath(QStringLiteral("i"))},
                                             {QStringLiteral("ARGS_OUT"), dir.filePath(QStringLiteral("a"))},
                                             {QStringLiteral("API"), kV1}});
        CredentialProvider provider(c);
        provider.setClock([] { return QDateTime(QDate(2029, 1, 1), QTime(0, 0), Qt::UTC); });
        const Outcome first = fetchOnce(provider);
        QVERIFY2(first.credentials, qPrintable(first.error));
        QCOMPARE(first.credentials->authorization, QByteArray("Bearer tok-1"));

        provider.invalidate(first.credentials->generation);
        QVERIFY(!provider.cached());
        const Outcome second = fetchOnce(provider);
        QCOMPARE(second.credentials->authorization, QByteArray("Bearer tok-2"));
        // A late 401 for the old credentials does not throw away the fresh ones.
        provider.invalidate(first.credentials->generation);
        QVERIFY(provider.cached());
        QCOMPARE(fetchOnce(provider).credentials->authorization, QByteArray("Bearer tok-2"));
        QCOMPARE(readAll(counter).trimmed(), QByteArray("2"));

        // Many waiters, one run.
        provider.invalidate(second.credentials->generation);
        QSignalSpy ready(&provider, &CredentialProvider::ready);
        provider.fetch();
        provider.fetch();
        provider.fetch();
        QVERIFY(provider.isFetching());
        QVERIFY(ready.wait(10000));
        QCOMPARE(ready.size(), 1);
        QCOMPARE(ready.first().first().value<Credentials>().authorization, QByteArray("Bearer tok-3"));
        QCOMPARE(readAll(counter).trimmed(), QByteArray("3"));
    }

    void execClientCertificate()
    {
        QTemporaryDir dir;
        const QString error = test::TestPki::create(dir.path());
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QJsonObject credential{
            {QStringLiteral("apiVersion"), kV1},
            {QStringLiteral("kind"), QStringLiteral("ExecCredential")},
            {QStringLiteral("status"),
             QJsonObject{{QStringLiteral("clientCertificateData"),
                          QString::fromLatin1(test::TestPki::read(dir.path(), QStringLiteral("client.crt")))},
                         {QStringLiteral("clientKeyData"),
                          QString::fromLatin1(test::TestPki::read(dir.path(), QStringLiteral("client.key")))}}}};
        QFile json(dir.filePath(QStringLiteral("cred.json")));
        QVERIFY(json.open(QIODevice::WriteOnly));
        json.write(QJsonDocument(credential).toJson());
        json.close();
        const QString plugin = writeScript(dir.path(), QStringLiteral("cert.sh"), "#!/bin/sh\ncat \"$CRED\"\n");
        CredentialProvider provider(execCluster(plugin, kV1, {{QStringLiteral("CRED"), json.fileName()}}));
        const Outcome out = fetchOnce(provider);
        QVERIFY2(out.credentials, qPrintable(out.error));
        QVERIFY(out.credentials->authorization.isEmpty());
        QVERIFY(out.credentials->hasClientCertificate());
        QCOMPARE(out.credentials->clientCertificate.subjectInfo(QSslCertificate::CommonName),
                 QStringList{QStringLiteral("alice")});
        QVERIFY(!out.credentials->expiresAt.isValid()); // no expiry: cached for good
        QVERIFY(provider.cached());
    }

    void execFailures_data()
    {
        QTest::addColumn<QByteArray>("script");
        QTest::addColumn<QString>("interactiveMode");
        QTest::addColumn<QStringList>("expected"); // substrings of the failure message
        QTest::addColumn<QString>("forbidden");    // must not appear (a secret from stdout)

        QTest::newRow("exit code with stderr")
            << QByteArray("#!/bin/sh\necho 'error: you must log in first (run: cloud auth login)' >&2\nexit 3\n")
            << QStringLiteral("Never")
            << QStringList{QStringLiteral("exit code 3"), QStringLiteral("you must log in first")} << QString();
        QTest::newRow("not JSON") << QByteArray("#!/bin/sh\necho 'token=supersecret-value'\n")
                                  << QStringLiteral("Never")
                                  << QStringList{QStringLiteral("did not print an ExecCredential")}
                                  << QStringLiteral("supersecret");
        QTest::newRow("wrong apiVersion")
            << QByteArray("#!/bin/sh\necho '{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"kind\":"
                          "\"ExecCredential\",\"status\":{\"token\":\"supersecret\"}}'\n")
            << QStringLiteral("Never") << QStringList{QStringLiteral("printed apiVersion")}
            << QStringLiteral("supersecret");
        QTest::newRow("no credential in status")
            << QByteArray("#!/bin/sh\necho '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":"
                          "\"ExecCredential\",\"status\":{}}'\n")
            << QStringLiteral("Never") << QStringList{QStringLiteral("neither a token nor a client certificate")}
            << QString();
        QTest::newRow("bad expiry")
            << QByteArray(
                   "#!/bin/sh\necho '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":"
                   "\"ExecCredential\",\"status\":{\"token\":\"supersecret\",\"expirationTimestamp\":\"soon\"}}'\n")
            << QStringLiteral("Never") << QStringList{QStringLiteral("invalid expirationTimestamp")}
            << QStringLiteral("supersecret");
        QTest::newRow("floods stdout") << QByteArray("#!/bin/sh\nexec yes supersecret-token-line\n")
                                       << QStringLiteral("Never") << QStringList{QStringLiteral("printed more than")}
                                       << QStringLiteral("supersecret");
        QTest::newRow("interactive Always") << QByteArray("#!/bin/sh\nexit 0\n") << QStringLiteral("Always")
                                            << QStringList{QStringLiteral("interactive terminal")} << QString();
    }

    void execFailures()
    {
        QFETCH(QByteArray, script);
        QFETCH(QString, interactiveMode);
        QFETCH(QStringList, expected);
        QFETCH(QString, forbidden);
        QTemporaryDir dir;
        ClusterConfig c = execCluster(writeScript(dir.path(), QStringLiteral("p.sh"), script), kV1, {});
        c.auth.exec->interactiveMode = interactiveMode;
        CredentialProvider provider(c);
        const Outcome out = fetchOnce(provider);
        QVERIFY(!out.credentials);
        for (const QString &needle : std::as_const(expected))
            QVERIFY2(out.error.contains(needle), qPrintable(out.error));
        QVERIFY2(out.error.contains(QLatin1String("plugin-user")), qPrintable(out.error));
        if (!forbidden.isEmpty())
            QVERIFY2(!out.error.contains(forbidden), qPrintable(out.error));
        QVERIFY(!provider.cached());
        QVERIFY(!provider.isFetching());
    }

    void execNotInstalled()
    {
        ClusterConfig c = execCluster(m_dir.filePath(QStringLiteral("no-such-plugin")), kV1, {});
        c.auth.exec->installHint = QStringLiteral("Install it with: apt install no-such-plugin");
        CredentialProvider provider(c);
        const Outcome out = fetchOnce(provider);
        QVERIFY(!out.credentials);
        QVERIFY2(out.error.contains(QLatin1String("could not be started")), qPrintable(out.error));
        QVERIFY2(out.error.contains(c.auth.exec->installHint), qPrintable(out.error));
    }

    void hangingPluginTimesOutWithoutBlocking()
    {
        QTemporaryDir dir;
        const QString pidFile = dir.filePath(QStringLiteral("pid"));
        const QString plugin = writeScript(dir.path(), QStringLiteral("hang.sh"),
                                           "#!/bin/sh\necho $$ > \"$PID_OUT\"\necho 'waiting for browser login' >&2\n"
                                           "exec sleep 60\n");
        CredentialProvider provider(execCluster(plugin, kV1, {{QStringLiteral("PID_OUT"), pidFile}}));
        provider.setPluginTimeout(700ms);

        // The event loop keeps turning while the plugin hangs: measure the longest gap between timer ticks.
        QTimer ticker;
        QElapsedTimer sinceTick;
        qint64 longestGap = 0;
        int ticks = 0;
        connect(&ticker, &QTimer::timeout, this, [&] {
            longestGap = std::max(longestGap, sinceTick.restart());
            ++ticks;
        });
        ticker.start(10);
        sinceTick.start();

        QSignalSpy failed(&provider, &CredentialProvider::failed);
        QElapsedTimer elapsed;
        elapsed.start();
        provider.fetch();
        QVERIFY(failed.wait(10000));
        ticker.stop();
        QVERIFY(elapsed.elapsed() >= 650);
        QVERIFY(elapsed.elapsed() < 5000);
        const QString message = failed.first().first().toString();
        QVERIFY2(message.contains(QLatin1String("did not finish within 0.7 s")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("waiting for browser login")), qPrintable(message));
        // A plugin waited for on this thread would stall it for the whole 700 ms timeout; allow for a busy machine.
        QVERIFY2(ticks >= 20, qPrintable(QString::number(ticks)));
        QVERIFY2(longestGap < 500, qPrintable(QString::number(longestGap)));

        // The plugin was killed, not left behind.
        const QByteArray pid = readAll(pidFile).trimmed();
        QVERIFY(!pid.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(QStringLiteral("/proc/") + QString::fromLatin1(pid)), 5000);

        // A later fetch tries again (a plugin that hangs once is not cached as failed).
        QVERIFY(!provider.isFetching());
    }

    void destroyWhileRunning()
    {
        QTemporaryDir dir;
        const QString pidFile = dir.filePath(QStringLiteral("pid"));
        const QString plugin =
            writeScript(dir.path(), QStringLiteral("hang.sh"), "#!/bin/sh\necho $$ > \"$PID_OUT\"\nexec sleep 60\n");
        auto provider =
            std::make_unique<CredentialProvider>(execCluster(plugin, kV1, {{QStringLiteral("PID_OUT"), pidFile}}));
        provider->fetch();
        QTRY_VERIFY(!readAll(pidFile).trimmed().isEmpty());
        const QString proc = QStringLiteral("/proc/") + QString::fromLatin1(readAll(pidFile).trimmed());
        provider.reset();
        QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(proc), 5000);
    }

private:
    QTemporaryDir m_dir;
    QString m_plugin;
};

QTEST_GUILESS_MAIN(TestCredentialProvider)
#include "tst_credentialprovider.moc"
