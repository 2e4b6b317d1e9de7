#pragma once

#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace rolldeck::prom {

// A real Prometheus (Debian's `prometheus` binary) on a free loopback port, scraping given targets every
// second, with storage in a temporary folder that goes away with this object. Used by `rolldeck --demo`
// so demo charts come from real PromQL, and by tests that need a real Prometheus.
//
//   auto *p = new PrometheusProcess(this);
//   connect(p, &PrometheusProcess::ready, this, [](const QUrl &api) { ... });
//   connect(p, &PrometheusProcess::failed, this, [](const QString &why) { ... });
//   p->start({QUrl("http://127.0.0.1:PORT/metrics")});
class PrometheusProcess : public QObject
{
    Q_OBJECT
public:
    enum class State { NotStarted, Starting, Ready, Failed, Stopped };

    explicit PrometheusProcess(QObject *parent = nullptr);
    ~PrometheusProcess() override;

    // The binary found on PATH (or set explicitly), empty when Prometheus is not installed.
    static QString findBinary();
    void setBinary(const QString &path) { m_binary = path; }
    void setScrapeIntervalSeconds(int seconds) { m_scrapeSeconds = seconds; }
    void setStartTimeout(int ms) { m_startTimeoutMs = ms; }

    // Starts Prometheus scraping every target (http(s)://host:port/path, loopback only).
    void start(const QList<QUrl> &targets);
    void stop();

    State state() const { return m_state; }
    QUrl baseUrl() const { return m_baseUrl; }
    QString errorString() const { return m_error; }
    // What Prometheus wrote to stderr most recently (bounded), for error reports.
    QString recentLog() const { return QString::fromUtf8(m_log); }

signals:
    void ready(const QUrl &baseUrl);
    void failed(const QString &message);

private:
    void fail(const QString &message);
    void probeReady();
    bool writeConfig(const QList<QUrl> &targets, QString *error);

    QString m_binary;
    int m_scrapeSeconds = 1;
    int m_startTimeoutMs = 30000;
    State m_state = State::NotStarted;
    QString m_error;
    QByteArray m_log;
    QUrl m_baseUrl;
    std::unique_ptr<QTemporaryDir> m_dir;
    QProcess *m_process = nullptr;
    QNetworkAccessManager *m_nam = nullptr;
    QPointer<QNetworkReply> m_probe;
    QTimer *m_probeTimer = nullptr;
    QTimer *m_deadline = nullptr;
};

} // namespace rolldeck::prom
