#include "PrometheusProcess.h"

#include "io/ChildProcess.h"

#include <QFile>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QStandardPaths>
#include <QTcpServer>

#ifdef Q_OS_LINUX
#include <csignal>
#endif

Q_LOGGING_CATEGORY(lcProm, "rolldeck.prom")

namespace rolldeck::prom {

namespace {

constexpr qsizetype kMaxLog = 16 * 1024;

bool isLoopback(const QUrl &url)
{
    const QString host = url.host();
    if (host == u"localhost")
        return true;
    const QHostAddress addr(host);
    return !addr.isNull() && addr.isLoopback();
}

// A port the kernel says is free right now. Prometheus cannot report a port it chose itself, so we pick
// one and retry on the (rare) race where something else takes it first.
quint16 freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

} // namespace

PrometheusProcess::PrometheusProcess(QObject *parent)
    : QObject(parent), m_binary(findBinary()), m_nam(new QNetworkAccessManager(this)), m_probeTimer(new QTimer(this)),
      m_deadline(new QTimer(this))
{
    m_probeTimer->setInterval(200);
    connect(m_probeTimer, &QTimer::timeout, this, &PrometheusProcess::probeReady);
    m_deadline->setSingleShot(true);
    connect(m_deadline, &QTimer::timeout, this,
            [this] { fail(tr("Prometheus did not become ready within %1 s.").arg(m_startTimeoutMs / 1000)); });
}

PrometheusProcess::~PrometheusProcess()
{
    if (m_probe)
        m_probe->abort();
    // Ended and reaped here, whether or not an event loop still runs, and before its storage folder goes.
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->disconnect(this);
        endGroup(*m_process);
    }
}

QString PrometheusProcess::findBinary()
{
    return QStandardPaths::findExecutable(QStringLiteral("prometheus"));
}

bool PrometheusProcess::writeConfig(const QList<QUrl> &targets, QString *error)
{
    QByteArray yaml;
    yaml += "global:\n  scrape_interval: " + QByteArray::number(m_scrapeSeconds) +
            "s\n  evaluation_interval: " + QByteArray::number(m_scrapeSeconds) + "s\nscrape_configs:\n";
    int index = 0;
    for (const QUrl &target : targets) {
        // One job per target so each can have its own path and scheme.
        yaml += "  - job_name: target" + QByteArray::number(index++) + "\n";
        yaml += "    scheme: " + target.scheme().toUtf8() + "\n";
        yaml +=
            "    metrics_path: '" + (target.path().isEmpty() ? QByteArray("/metrics") : target.path().toUtf8()) + "'\n";
        yaml += "    static_configs:\n      - targets: ['" + target.host().toUtf8() + ':' +
                QByteArray::number(target.port(target.scheme() == u"https" ? 443 : 80)) + "']\n";
    }
    // The deployment alert rules ship inside the binary; Prometheus reads them from beside its configuration.
    const QString rules = QStringLiteral("deployment-alerts.yml");
    if (!QFile::copy(QStringLiteral(":/prometheus/") + rules, m_dir->filePath(rules))) {
        *error = tr("Cannot write the Prometheus alert rules to %1.").arg(m_dir->filePath(rules));
        return false;
    }
    yaml += "rule_files:\n  - " + rules.toUtf8() + "\n";
    QFile file(m_dir->filePath(QStringLiteral("prometheus.yml")));
    if (!file.open(QIODevice::WriteOnly) || file.write(yaml) != yaml.size()) {
        *error = tr("Cannot write the Prometheus configuration %1: %2").arg(file.fileName(), file.errorString());
        return false;
    }
    return true;
}

void PrometheusProcess::start(const QList<QUrl> &targets)
{
    if (m_state == State::Starting || m_state == State::Ready)
        return;
    m_state = State::Starting;
    m_error.clear();
    m_log.clear();
    if (m_binary.isEmpty()) {
        fail(tr("Prometheus is not installed (no \"prometheus\" on PATH); charts are unavailable."));
        return;
    }
    for (const QUrl &t : targets) {
        if (!t.isValid() || !isLoopback(t)) {
            fail(tr("Refusing to scrape %1: only loopback targets are allowed.").arg(t.toDisplayString()));
            return;
        }
    }
    m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid()) {
        fail(tr("Cannot create a temporary folder for Prometheus: %1").arg(m_dir->errorString()));
        return;
    }
    QString error;
    if (!writeConfig(targets, &error)) {
        fail(error);
        return;
    }
    const quint16 port = freeLoopbackPort();
    if (port == 0) {
        fail(tr("No free loopback port for Prometheus."));
        return;
    }
    m_baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));

    m_process = new QProcess(this);
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->setStandardOutputFile(QProcess::nullDevice());
    // If the console dies without closing (SIGTERM, a crash), its Prometheus must not outlive it.
    startInOwnGroup(*m_process);
    connect(m_process, &QProcess::readyReadStandardError, this, [this] {
        m_log += m_process->readAllStandardError();
        if (m_log.size() > kMaxLog)
            m_log = m_log.right(kMaxLog);
    });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            fail(tr("Cannot start %1: %2").arg(m_binary, m_process->errorString()));
    });
    connect(m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus) {
        if (m_state == State::Starting || m_state == State::Ready) {
            const QString last = QString::fromUtf8(m_log).trimmed().section(u'\n', -3);
            fail(tr("Prometheus exited with status %1: %2").arg(code).arg(last));
        }
    });
    const QStringList args = {
        QStringLiteral("--config.file=") + m_dir->filePath(QStringLiteral("prometheus.yml")),
        QStringLiteral("--storage.tsdb.path=") + m_dir->filePath(QStringLiteral("data")),
        QStringLiteral("--storage.tsdb.retention.time=1d"),
        QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(port),
        QStringLiteral("--log.level=warn"),
    };
    qCInfo(lcProm) << "starting" << m_binary << "on" << m_baseUrl.toString();
    m_process->start(m_binary, args);
    m_deadline->start(m_startTimeoutMs);
    m_probeTimer->start();
}

void PrometheusProcess::probeReady()
{
    if (m_state != State::Starting || m_probe)
        return;
    QNetworkRequest request(m_baseUrl.resolved(QUrl(QStringLiteral("/-/ready"))));
    request.setTransferTimeout(1000);
    m_probe = m_nam->get(request);
    QNetworkReply *reply = m_probe;
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (m_state == State::Starting && reply->error() == QNetworkReply::NoError && status == 200) {
            m_state = State::Ready;
            m_probeTimer->stop();
            m_deadline->stop();
            qCInfo(lcProm) << "ready at" << m_baseUrl.toString();
            emit ready(m_baseUrl);
        }
    });
}

void PrometheusProcess::fail(const QString &message)
{
    if (m_state == State::Failed)
        return;
    m_state = State::Failed;
    m_error = message;
    m_probeTimer->stop();
    m_deadline->stop();
    if (m_probe)
        m_probe->abort();
    if (m_process && m_process->state() != QProcess::NotRunning)
        killGroup(*m_process);
    qCWarning(lcProm).noquote() << message;
    emit failed(message);
}

void PrometheusProcess::stop()
{
    m_probeTimer->stop();
    m_deadline->stop();
    if (m_probe)
        m_probe->abort();
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->disconnect(this);
        m_process->terminate();
        QTimer::singleShot(3000, m_process, &QProcess::kill);
    }
    m_state = State::Stopped;
}

} // namespace rolldeck::prom
