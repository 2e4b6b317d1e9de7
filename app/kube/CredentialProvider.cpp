#include "kube/CredentialProvider.h"

#include "io/ChildProcess.h"
#include "io/InputLimits.h"
#include "kube/TlsConfig.h"

#include <QFile>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>
#include <QPromise>
#include <QThreadPool>
#include <QTimer>

#include <memory>

namespace rolldeck::kube {

namespace {

Q_LOGGING_CATEGORY(lcAuth, "rolldeck.kube.auth")

// kubectl re-reads a tokenFile about once a minute; so do we, and after every 401.
constexpr qint64 kTokenFileRereadSecs = 60;
// Enough stderr to explain a failure, not so much that a chatty plugin floods the UI.
constexpr qsizetype kStderrLimit = 4096;
// An ExecCredential is a few kilobytes; a plugin that prints far more is broken (or not a plugin).
constexpr qsizetype kStdoutLimit = 1024 * 1024;

QString stderrTail(const QByteArray &bytes)
{
    QString text = QString::fromUtf8(bytes.right(kStderrLimit)).trimmed();
    return text.isEmpty() ? QStringLiteral("(no output on stderr)") : text;
}

struct TokenRead
{
    QByteArray token;
    QString error;
};

} // namespace

CredentialProvider::CredentialProvider(ClusterConfig config, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_pluginTimer(new QTimer(this))
{
    m_pluginTimer->setSingleShot(true);
    connect(m_pluginTimer, &QTimer::timeout, this, &CredentialProvider::onPluginTimeout);
}

CredentialProvider::~CredentialProvider()
{
    // Ended and reaped here, not later: this may run after the event loop has ended (the console quitting).
    if (m_process) {
        m_process->disconnect(this);
        endGroup(*m_process);
    }
}

void CredentialProvider::killRunningPlugin()
{
    killGroupOf(m_pluginPid.load());
}

QDateTime CredentialProvider::now() const
{
    return m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
}

bool CredentialProvider::usesExecPlugin() const
{
    // As kubectl: static credentials beside an exec plugin win, and the plugin is never run.
    const UserAuth &a = m_config.auth;
    return a.exec && a.token.isEmpty() && a.tokenFile.isEmpty() && a.username.isEmpty() && a.password.isEmpty() &&
           a.clientCertificatePem.isEmpty();
}

bool CredentialProvider::cacheValid() const
{
    if (!m_cache)
        return false;
    if (m_cache->expiresAt.isValid() && now() >= m_cache->expiresAt)
        return false;
    if (!m_config.auth.tokenFile.isEmpty() && m_config.auth.token.isEmpty() &&
        m_cachedAt.secsTo(now()) >= kTokenFileRereadSecs)
        return false;
    return true;
}

std::optional<Credentials> CredentialProvider::cached() const
{
    return cacheValid() ? m_cache : std::nullopt;
}

bool CredentialProvider::isFetching() const
{
    return m_fetching;
}

void CredentialProvider::fetch()
{
    if (m_fetching)
        return; // the running fetch answers every waiter
    if (cacheValid()) {
        QMetaObject::invokeMethod(
            this, [this, credentials = *m_cache] { emit ready(credentials); }, Qt::QueuedConnection);
        return;
    }
    m_fetching = true;
    QMetaObject::invokeMethod(this, &CredentialProvider::startFetch, Qt::QueuedConnection);
}

void CredentialProvider::invalidate(quint64 generation)
{
    if (m_cache && (generation == 0 || m_cache->generation == generation)) {
        qCDebug(lcAuth) << "credentials for context" << m_config.contextName << "invalidated";
        m_cache.reset();
    }
}

void CredentialProvider::startFetch()
{
    const UserAuth &auth = m_config.auth;
    if (!auth.unsupported.isEmpty()) {
        fail(auth.unsupported);
        return;
    }
    if (usesExecPlugin()) {
        runExecPlugin();
        return;
    }
    if (auth.token.isEmpty() && !auth.tokenFile.isEmpty()) {
        readTokenFile();
        return;
    }
    Credentials c;
    if (!auth.token.isEmpty())
        c.authorization = QByteArrayLiteral("Bearer ") + auth.token.toUtf8();
    else if (!auth.username.isEmpty() || !auth.password.isEmpty())
        c.authorization =
            QByteArrayLiteral("Basic ") + (auth.username + QLatin1Char(':') + auth.password).toUtf8().toBase64();
    succeed(std::move(c));
}

void CredentialProvider::readTokenFile()
{
    auto promise = std::make_shared<QPromise<TokenRead>>();
    auto *watcher = new QFutureWatcher<TokenRead>(this);
    connect(watcher, &QFutureWatcher<TokenRead>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const TokenRead read = watcher->result();
        if (!read.error.isEmpty()) {
            fail(read.error);
            return;
        }
        Credentials c;
        c.authorization = QByteArrayLiteral("Bearer ") + read.token;
        succeed(std::move(c));
    });
    watcher->setFuture(promise->future());
    QThreadPool::globalInstance()->start([promise, path = m_config.auth.tokenFile, user = m_config.auth.userName] {
        promise->start();
        TokenRead read;
        const BoundedRead file = readBoundedFile(path, kReferencedFileLimit);
        if (!file.error.isEmpty())
            read.error = QStringLiteral("user \"%1\": cannot read tokenFile \"%2\": %3").arg(user, path, file.error);
        else
            read.token = file.data.trimmed();
        if (read.error.isEmpty() && read.token.isEmpty())
            read.error = QStringLiteral("user \"%1\": tokenFile \"%2\" is empty").arg(user, path);
        promise->addResult(read);
        promise->finish();
    });
}

QByteArray CredentialProvider::execInfo() const
{
    const ExecPluginSpec &spec = *m_config.auth.exec;
    QJsonObject specObject{{QStringLiteral("interactive"), false}};
    if (spec.provideClusterInfo) {
        QJsonObject cluster{{QStringLiteral("server"), m_config.server.toString()}};
        if (!m_config.tlsServerName.isEmpty())
            cluster.insert(QStringLiteral("tls-server-name"), m_config.tlsServerName);
        if (m_config.insecureSkipTlsVerify)
            cluster.insert(QStringLiteral("insecure-skip-tls-verify"), true);
        if (!m_config.certificateAuthorityPem.isEmpty())
            cluster.insert(QStringLiteral("certificate-authority-data"),
                           QString::fromLatin1(m_config.certificateAuthorityPem.toBase64()));
        if (!m_config.proxyUrl.isEmpty())
            cluster.insert(QStringLiteral("proxy-url"), m_config.proxyUrl.toString());
        specObject.insert(QStringLiteral("cluster"), cluster);
    }
    const QJsonObject info{{QStringLiteral("apiVersion"), spec.apiVersion},
                           {QStringLiteral("kind"), QStringLiteral("ExecCredential")},
                           {QStringLiteral("spec"), specObject}};
    return QJsonDocument(info).toJson(QJsonDocument::Compact);
}

void CredentialProvider::runExecPlugin()
{
    const ExecPluginSpec &spec = *m_config.auth.exec;
    if (spec.interactiveMode == QLatin1String("Always")) {
        // Rolldeck has no terminal to hand the plugin; kubectl refuses such a plugin without one as well.
        fail(QStringLiteral("exec plugin \"%1\" of user \"%2\" requires an interactive terminal (interactiveMode: "
                            "Always), which Rolldeck cannot provide")
                 .arg(spec.command, m_config.auth.userName));
        return;
    }
    m_stdout.clear();
    m_stderr.clear();
    auto *process = new QProcess(this);
    m_process = process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const auto &[name, value] : spec.env)
        env.insert(name, value);
    env.insert(QStringLiteral("KUBERNETES_EXEC_INFO"), QString::fromUtf8(execInfo()));
    process->setProcessEnvironment(env);
    process->setStandardInputFile(QProcess::nullDevice());
    connect(process, &QProcess::readyReadStandardOutput, this, [this, process] {
        m_stdout += process->readAllStandardOutput();
        if (m_stdout.size() > kStdoutLimit && process == m_process) {
            m_pluginTimer->stop();
            m_process = nullptr;
            process->disconnect(this);
            killGroup(*process);
            m_pluginPid = 0;
            connect(process, &QProcess::finished, process, &QObject::deleteLater);
            m_stdout.clear();
            fail(QStringLiteral("exec plugin \"%1\" of user \"%2\" printed more than %3 bytes and was stopped")
                     .arg(m_config.auth.exec->command, m_config.auth.userName)
                     .arg(kStdoutLimit));
        }
    });
    connect(process, &QProcess::readyReadStandardError, this, [this, process] {
        m_stderr += process->readAllStandardError();
        if (m_stderr.size() > 4 * kStderrLimit)
            m_stderr = m_stderr.right(kStderrLimit);
    });
    connect(process, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
        onPluginFinished(exitCode, status == QProcess::CrashExit);
    });
    connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart || process != m_process)
            return;
        m_pluginTimer->stop();
        process->deleteLater();
        const ExecPluginSpec &spec = *m_config.auth.exec;
        QString message = QStringLiteral("exec plugin \"%1\" of user \"%2\" could not be started: %3")
                              .arg(spec.command, m_config.auth.userName, process->errorString());
        if (!spec.installHint.isEmpty())
            message += QLatin1Char('\n') + spec.installHint;
        fail(message);
    });
    connect(process, &QProcess::stateChanged, this, [this](QProcess::ProcessState state) {
        if (state == QProcess::NotRunning)
            m_pluginPid = 0;
    });
    qCDebug(lcAuth) << "running exec plugin" << spec.command << "for context" << m_config.contextName;
    m_pluginTimer->start(m_pluginTimeout);
    m_pluginStarted.start();
    startInOwnGroup(*process);
    process->start(spec.command, spec.args);
    // Known as soon as the child is forked, before started() is delivered: killRunningPlugin() must not miss it.
    m_pluginPid = process->processId();
}

QString CredentialProvider::runningPlugin() const
{
    if (!m_process || !m_config.auth.exec)
        return {};
    return QStringLiteral("exec plugin \"%1\" of user \"%2\", running for %3 s")
        .arg(m_config.auth.exec->command, m_config.auth.userName)
        .arg(m_pluginStarted.elapsed() / 1000);
}

void CredentialProvider::onPluginTimeout()
{
    if (!m_process)
        return;
    QProcess *process = m_process;
    m_process = nullptr;
    process->disconnect(this);
    m_stderr += process->readAllStandardError();
    killGroup(*process);
    m_pluginPid = 0;
    // Reap it without blocking: QProcess emits finished() once the killed child is gone.
    connect(process, &QProcess::finished, process, &QObject::deleteLater);
    fail(QStringLiteral("exec plugin \"%1\" of user \"%2\" did not finish within %3 s and was stopped; stderr: %4")
             .arg(m_config.auth.exec->command, m_config.auth.userName)
             .arg(m_pluginTimeout.count() / 1000.0)
             .arg(stderrTail(m_stderr)));
}

void CredentialProvider::onPluginFinished(int exitCode, bool crashed)
{
    m_pluginTimer->stop();
    QProcess *process = m_process;
    m_process = nullptr;
    if (!process)
        return;
    m_stdout += process->readAllStandardOutput();
    m_stderr += process->readAllStandardError();
    process->deleteLater();
    const ExecPluginSpec &spec = *m_config.auth.exec;
    const QString who = QStringLiteral("exec plugin \"%1\" of user \"%2\"").arg(spec.command, m_config.auth.userName);
    if (crashed || exitCode != 0) {
        fail(QStringLiteral("%1 failed (%2); stderr: %3")
                 .arg(who, crashed ? QStringLiteral("crashed") : QStringLiteral("exit code %1").arg(exitCode),
                      stderrTail(m_stderr)));
        return;
    }
    const QByteArray output = std::exchange(m_stdout, {});
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(output, &parseError);
    if (!doc.isObject()) {
        // The output holds secrets: say where it broke, never what it said.
        fail(QStringLiteral("%1 did not print an ExecCredential JSON object (%2 at offset %3)")
                 .arg(who, parseError.errorString())
                 .arg(parseError.offset));
        return;
    }
    const QJsonObject root = doc.object();
    if (root.value(QLatin1String("kind")).toString() != QLatin1String("ExecCredential")) {
        fail(QStringLiteral("%1 printed kind \"%2\", expected ExecCredential")
                 .arg(who, root.value(QLatin1String("kind")).toString()));
        return;
    }
    const QString apiVersion = root.value(QLatin1String("apiVersion")).toString();
    if (apiVersion != spec.apiVersion) {
        fail(QStringLiteral("%1 is configured for %2 but printed apiVersion \"%3\"")
                 .arg(who, spec.apiVersion, apiVersion));
        return;
    }
    const QJsonValue statusValue = root.value(QLatin1String("status"));
    if (!statusValue.isObject()) {
        fail(QStringLiteral("%1 printed an ExecCredential without status").arg(who));
        return;
    }
    const QJsonObject status = statusValue.toObject();
    Credentials c;
    const QString token = status.value(QLatin1String("token")).toString();
    const QByteArray certPem = status.value(QLatin1String("clientCertificateData")).toString().toUtf8();
    const QByteArray keyPem = status.value(QLatin1String("clientKeyData")).toString().toUtf8();
    if (!token.isEmpty())
        c.authorization = QByteArrayLiteral("Bearer ") + token.toUtf8();
    if (certPem.isEmpty() != keyPem.isEmpty()) {
        fail(QStringLiteral("%1 printed only one of clientCertificateData and clientKeyData").arg(who));
        return;
    }
    if (!certPem.isEmpty()) {
        const QList<QSslCertificate> certs = QSslCertificate::fromData(certPem, QSsl::Pem);
        c.clientKey = privateKeyFromPem(keyPem);
        if (certs.isEmpty() || c.clientKey.isNull()) {
            fail(QStringLiteral("%1 printed an unusable client certificate or key").arg(who));
            return;
        }
        c.clientCertificate = certs.first();
    }
    if (token.isEmpty() && certPem.isEmpty()) {
        fail(QStringLiteral("%1 printed neither a token nor a client certificate").arg(who));
        return;
    }
    const QString expiry = status.value(QLatin1String("expirationTimestamp")).toString();
    if (!expiry.isEmpty()) {
        c.expiresAt = QDateTime::fromString(expiry, Qt::ISODateWithMs);
        if (!c.expiresAt.isValid())
            c.expiresAt = QDateTime::fromString(expiry, Qt::ISODate);
        if (!c.expiresAt.isValid()) {
            fail(QStringLiteral("%1 printed an invalid expirationTimestamp \"%2\"").arg(who, expiry));
            return;
        }
    }
    qCDebug(lcAuth) << "exec plugin for context" << m_config.contextName << "returned credentials expiring"
                    << (c.expiresAt.isValid() ? c.expiresAt.toString(Qt::ISODate) : QStringLiteral("never"));
    succeed(std::move(c));
}

void CredentialProvider::succeed(Credentials credentials)
{
    // A static client certificate from the kubeconfig accompanies a token unless the plugin supplied its own.
    if (!credentials.hasClientCertificate() && !m_config.auth.clientCertificatePem.isEmpty()) {
        const QList<QSslCertificate> certs = QSslCertificate::fromData(m_config.auth.clientCertificatePem, QSsl::Pem);
        if (!certs.isEmpty()) {
            credentials.clientCertificate = certs.first();
            credentials.clientKey = privateKeyFromPem(m_config.auth.clientKeyPem);
        }
    }
    credentials.generation = ++m_generation;
    m_cache = credentials;
    m_cachedAt = now();
    m_fetching = false;
    emit ready(credentials);
}

void CredentialProvider::fail(const QString &message)
{
    qCWarning(lcAuth).noquote() << "context" << m_config.contextName << ":" << message;
    m_cache.reset();
    m_fetching = false;
    emit failed(message);
}

} // namespace rolldeck::kube
