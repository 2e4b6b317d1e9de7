#pragma once

#include "prometheus/PromTypes.h"
#include "workspace/Workspace.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <chrono>
#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;
class QUrlQuery;

namespace rolldeck {
class WorkspaceSecrets;
}

namespace rolldeck::prom {

// Where one environment's Prometheus (and Alertmanager) is and how to authenticate. The secret is not part of
// it: it comes from the keychain through WorkspaceSecrets when a request needs it.
struct PromEndpoint
{
    enum class Auth { None, Bearer, Basic };

    QUrl url;
    QUrl alertmanagerUrl; // empty: no Alertmanager
    Auth auth = Auth::None;
    QString username; // Basic
    KeychainRef credential;
    QString certificateAuthorityFile;
    bool insecureSkipTlsVerify = false;

    static PromEndpoint fromWorkspace(const PrometheusTarget &target);
};

// The Prometheus of an environment: the workspace's, else (in --demo) the one the demo started, without
// credentials; none when neither is known or the environment does not exist.
std::optional<PromEndpoint> endpointFor(const Workspace &workspace, const QString &environment,
                                        const QUrl &demoPrometheus = {});

// The step of a range query: the one asked for, made larger where needed so that no series has more than 11,000
// points, and start and end aligned to it.
struct RangeStep
{
    qint64 startMs = 0;
    qint64 endMs = 0;
    qint64 stepMs = 0;
    qint64 points() const { return stepMs > 0 ? (endMs - startMs) / stepMs + 1 : 0; }
};
RangeStep chooseRangeStep(const QDateTime &start, const QDateTime &end, std::chrono::milliseconds desired);
constexpr qint64 kMaxPointsPerSeries = 11000;

// Asynchronous client of one Prometheus HTTP API (and its Alertmanager): instant and range queries, alerts, rules,
// build info, Alertmanager alerts. Never blocks: replies arrive through the handler on the context's thread, and
// large responses are parsed on a worker thread. Each call returns an id for cancel(); a cancelled request, or one
// whose context is gone, calls no handler.
class PrometheusClient : public QObject
{
    Q_OBJECT
public:
    explicit PrometheusClient(PromEndpoint endpoint, QObject *parent = nullptr);
    ~PrometheusClient() override;

    // Where the credential comes from (when the endpoint has one); not owned.
    void setSecrets(WorkspaceSecrets *secrets);
    // The secret itself, e.g. in tests or for the demo; it is kept in memory only.
    void setSecret(const QByteArray &secret) { m_secret = secret; }
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    const PromEndpoint &endpoint() const { return m_endpoint; }

    template <typename T>
    using Handler = std::function<void(const PromReply<T> &)>;

    quint64 query(const QString &promql, const QDateTime &at, QObject *context, Handler<QueryData> done);
    // The step is chosen by chooseRangeStep(); the reply's data covers [start, end] of the aligned range.
    quint64 queryRange(const QString &promql, const QDateTime &start, const QDateTime &end,
                       std::chrono::milliseconds desiredStep, QObject *context, Handler<QueryData> done);
    // As the API takes it, without the client's step choice (a raw step can break the 11,000-point limit).
    quint64 queryRangeRaw(const QString &promql, qint64 startMs, qint64 endMs, qint64 stepMs, QObject *context,
                          Handler<QueryData> done);
    quint64 alerts(QObject *context, Handler<QList<PromAlert>> done);
    quint64 rules(QObject *context, Handler<QList<PromRuleGroup>> done);
    quint64 buildInfo(QObject *context, Handler<PromBuildInfo> done);
    quint64 alertmanagerAlerts(const QStringList &filters, QObject *context, Handler<QList<AlertmanagerAlert>> done);

    // Aborts a request: its handler is not called.
    void cancel(quint64 id);
    int pendingCount() const { return int(m_pending.size()); }

    // Bodies larger than this are parsed on a worker thread.
    static constexpr qsizetype kParseInlineLimit = 256 * 1024;

private:
    using Finish = std::function<void(const QByteArray &body, int status, const PromError &transportError)>;
    struct Pending
    {
        QPointer<QNetworkReply> reply;
        QMetaObject::Connection contextGone;
    };
    void forget(quint64 id); // drops the entry and its watch on the context
    void failLater(quint64 id, PromError error, Finish finish);

    quint64 send(const QUrl &base, const QString &path, const QUrlQuery &query, const QString &what, QObject *context,
                 Finish finish);
    void start(quint64 id, const QUrl &url, const QString &what, Finish finish);
    QNetworkRequest requestFor(const QUrl &url) const;
    template <typename T>
    quint64 call(const QUrl &base, const QString &path, const QUrlQuery &query, const QString &what, QObject *context,
                 std::function<PromReply<T>(const QByteArray &, int)> parse, Handler<T> done);

    PromEndpoint m_endpoint;
    QPointer<WorkspaceSecrets> m_secrets;
    QByteArray m_secret;
    std::chrono::milliseconds m_timeout{30000};
    QNetworkAccessManager *m_nam;
    QHash<quint64, Pending> m_pending;
    quint64 m_nextId = 1;
};

// "query_range \"sum(rate(x[5m]))\"": how a message names a request (the PromQL shortened to one line).
QString describeRequest(const QString &endpoint, const QString &promql = {});

} // namespace rolldeck::prom
