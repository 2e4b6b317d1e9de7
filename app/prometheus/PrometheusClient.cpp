#include "prometheus/PrometheusClient.h"

#include "prometheus/PromParser.h"
#include "secrets/WorkspaceSecrets.h"

#include <QCoreApplication>
#include <QFile>
#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPromise>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QThreadPool>
#include <QUrlQuery>

#include <memory>

namespace {
Q_LOGGING_CATEGORY(lcPromClient, "rolldeck.prom")
}

namespace rolldeck::prom {

namespace {

// Longer query strings go in a POST body (Prometheus takes both), so no URL outgrows a proxy's limit.
constexpr qsizetype kMaxGetQuery = 4000;

QString seconds(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', 3);
}

qint64 ceilDiv(qint64 a, qint64 b)
{
    return (a + b - 1) / b;
}

qint64 floorTo(qint64 v, qint64 step)
{
    const qint64 r = v % step;
    return r < 0 ? v - r - step : v - r;
}

PromError transportError(QNetworkReply *reply)
{
    PromError e;
    e.detail = reply->errorString();
    switch (reply->error()) {
    case QNetworkReply::OperationCanceledError: // only the transfer timeout aborts a reply still tracked
    case QNetworkReply::TimeoutError:
        e.type = PromError::Type::ClientTimeout;
        e.detail.clear();
        break;
    case QNetworkReply::SslHandshakeFailedError:
        e.type = PromError::Type::Tls;
        break;
    default:
        e.type = PromError::Type::Network;
        break;
    }
    return e;
}

} // namespace

PromEndpoint PromEndpoint::fromWorkspace(const PrometheusTarget &target)
{
    PromEndpoint e;
    e.url = target.url;
    e.alertmanagerUrl = target.alertmanagerUrl;
    e.credential = target.credential;
    e.username = target.username;
    if (target.credential.isSet())
        e.auth = target.username.isEmpty() ? Auth::Bearer : Auth::Basic;
    e.certificateAuthorityFile = target.certificateAuthorityFile;
    e.insecureSkipTlsVerify = target.insecureSkipTlsVerify;
    return e;
}

std::optional<PromEndpoint> endpointFor(const Workspace &workspace, const QString &environment,
                                        const QUrl &demoPrometheus)
{
    const Environment *env = workspace.environment(environment);
    if (!env)
        return std::nullopt;
    if (env->prometheus && !env->prometheus->url.isEmpty())
        return PromEndpoint::fromWorkspace(*env->prometheus);
    if (demoPrometheus.isEmpty())
        return std::nullopt;
    PromEndpoint e;
    e.url = demoPrometheus;
    return e;
}

RangeStep chooseRangeStep(const QDateTime &start, const QDateTime &end, std::chrono::milliseconds desired)
{
    RangeStep r;
    const qint64 s = start.toMSecsSinceEpoch();
    const qint64 e = std::max(end.toMSecsSinceEpoch(), s);
    r.stepMs = std::max<qint64>(desired.count(), 1);
    r.stepMs = std::max(r.stepMs, ceilDiv(e - s, kMaxPointsPerSeries - 1));
    // Aligned to the step, so the same range asked twice gives the same timestamps; alignment widens the range by
    // less than two steps, which a larger step absorbs.
    while (true) {
        r.startMs = floorTo(s, r.stepMs);
        r.endMs = -floorTo(-e, r.stepMs);
        if (r.points() <= kMaxPointsPerSeries)
            return r;
        r.stepMs = ceilDiv(r.endMs - r.startMs, kMaxPointsPerSeries - 1);
    }
}

QString describeRequest(const QString &endpoint, const QString &promql)
{
    if (promql.isEmpty())
        return QCoreApplication::translate("rolldeck::prom", "the %1 request").arg(endpoint);
    QString shown = promql.simplified();
    if (shown.size() > 80)
        shown = shown.left(79) + QStringLiteral("…");
    return QCoreApplication::translate("rolldeck::prom", "the %1 request \"%2\"").arg(endpoint, shown);
}

PrometheusClient::PrometheusClient(PromEndpoint endpoint, QObject *parent)
    : QObject(parent), m_endpoint(std::move(endpoint)), m_nam(new QNetworkAccessManager(this))
{
}

PrometheusClient::~PrometheusClient()
{
    const auto pending = m_pending;
    m_pending.clear();
    for (const Pending &p : pending) {
        if (p.reply)
            p.reply->abort();
    }
}

void PrometheusClient::setSecrets(WorkspaceSecrets *secrets)
{
    m_secrets = secrets;
}

void PrometheusClient::forget(quint64 id)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    disconnect(it->contextGone);
    m_pending.erase(it);
}

void PrometheusClient::cancel(quint64 id)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    const QPointer<QNetworkReply> reply = it->reply;
    forget(id);
    if (reply)
        reply->abort(); // its finished() finds no pending entry and only cleans up
    qCDebug(lcPromClient) << "request" << id << "cancelled";
}

void PrometheusClient::failLater(quint64 id, PromError error, Finish finish)
{
    QMetaObject::invokeMethod(
        this,
        [this, id, error, finish] {
            if (m_pending.contains(id))
                finish({}, 0, error);
        },
        Qt::QueuedConnection);
}

QNetworkRequest PrometheusClient::requestFor(const QUrl &url) const
{
    QNetworkRequest request(url);
    request.setTransferTimeout(int(m_timeout.count()));
    request.setRawHeader("Accept", "application/json");
    switch (m_endpoint.auth) {
    case PromEndpoint::Auth::None:
        break;
    case PromEndpoint::Auth::Bearer:
        request.setRawHeader("Authorization", QByteArrayLiteral("Bearer ") + m_secret);
        break;
    case PromEndpoint::Auth::Basic:
        request.setRawHeader("Authorization", QByteArrayLiteral("Basic ") +
                                                  QByteArray(m_endpoint.username.toUtf8() + ':' + m_secret).toBase64());
        break;
    }
    if (url.scheme() == QLatin1String("https")) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        if (!m_endpoint.certificateAuthorityFile.isEmpty())
            ssl.setCaCertificates(QSslCertificate::fromPath(m_endpoint.certificateAuthorityFile));
        if (m_endpoint.insecureSkipTlsVerify)
            ssl.setPeerVerifyMode(QSslSocket::VerifyNone); // only when the workspace says so for this endpoint
        request.setSslConfiguration(ssl);
    }
    return request;
}

quint64 PrometheusClient::send(const QUrl &base, const QString &path, const QUrlQuery &query, const QString &what,
                               QObject *context, Finish finish)
{
    const quint64 id = m_nextId++;
    Pending pending;
    if (context && context != this)
        pending.contextGone = connect(context, &QObject::destroyed, this, [this, id] { cancel(id); });
    m_pending.insert(id, pending);
    if (base.isEmpty()) {
        PromError e;
        e.type = PromError::Type::NotConfigured;
        failLater(id, e, std::move(finish));
        return id;
    }
    QUrl url = base;
    url.setPath(url.path().endsWith(QLatin1Char('/')) ? url.path() + path.mid(1) : url.path() + path);
    // QUrlQuery leaves "+" as it is, and Prometheus (Go's form decoding, in the URL and in a POST body alike) reads
    // it as a space: "a + b" would arrive as "a   b". Every "+" in the encoded query is data, so it goes as %2B.
    url.setQuery(query.query(QUrl::FullyEncoded).replace(u'+', QStringLiteral("%2B")), QUrl::StrictMode);
    const bool needsSecret = m_endpoint.auth != PromEndpoint::Auth::None && m_secret.isEmpty();
    if (!needsSecret) {
        start(id, url, what, std::move(finish));
        return id;
    }
    if (!m_secrets) {
        PromError e;
        e.type = PromError::Type::NoCredential;
        failLater(id, e, std::move(finish));
        return id;
    }
    m_secrets->resolve(m_endpoint.credential, this, [this, id, url, what, finish](const SecretReply &reply) {
        if (!m_pending.contains(id))
            return;
        if (!reply.ok()) {
            PromError e;
            e.type = PromError::Type::NoCredential;
            e.detail = reply.message();
            finish({}, 0, e);
            return;
        }
        m_secret = reply.secret;
        start(id, url, what, finish);
    });
    return id;
}

void PrometheusClient::start(quint64 id, const QUrl &url, const QString &what, Finish finish)
{
    QNetworkReply *reply = nullptr;
    if (url.query(QUrl::FullyEncoded).size() > kMaxGetQuery) {
        QUrl bare = url;
        bare.setQuery(QString());
        QNetworkRequest request = requestFor(bare);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
        reply = m_nam->post(request, url.query(QUrl::FullyEncoded).toLatin1());
    } else {
        reply = m_nam->get(requestFor(url));
    }
    m_pending[id].reply = reply;
    qCDebug(lcPromClient) << "request" << id << what;
    connect(reply, &QNetworkReply::finished, this, [this, id, reply, finish] {
        reply->deleteLater();
        if (!m_pending.contains(id))
            return; // cancelled
        m_pending[id].reply = nullptr;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 0 && reply->error() != QNetworkReply::NoError) {
            finish({}, 0, transportError(reply));
            return;
        }
        finish(reply->readAll(), status, {});
    });
}

template <typename T>
quint64 PrometheusClient::call(const QUrl &base, const QString &path, const QUrlQuery &query, const QString &what,
                               QObject *context, std::function<PromReply<T>(const QByteArray &, int)> parse,
                               Handler<T> done)
{
    QPointer<QObject> guard(context);
    auto idHolder = std::make_shared<quint64>(0);
    // Hands the reply to the handler unless the request was cancelled or its context is gone meanwhile.
    auto deliver = [this, idHolder, guard, what, done](PromReply<T> reply) {
        if (!m_pending.contains(*idHolder))
            return; // cancelled
        forget(*idHolder);
        if (!guard)
            return;
        if (reply.error.isError()) {
            reply.message = reply.error.describe(what);
            qCInfo(lcPromClient) << "request" << *idHolder << "failed:" << reply.message;
        }
        done(reply);
    };
    Finish finish = [this, parse, deliver](const QByteArray &body, int status, const PromError &transport) {
        if (transport.isError()) {
            PromReply<T> r;
            r.error = transport;
            deliver(r);
            return;
        }
        if (body.size() <= kParseInlineLimit) {
            deliver(parse(body, status));
            return;
        }
        auto promise = std::make_shared<QPromise<PromReply<T>>>();
        auto *watcher = new QFutureWatcher<PromReply<T>>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [watcher, deliver] {
            watcher->deleteLater();
            deliver(watcher->result());
        });
        watcher->setFuture(promise->future());
        QThreadPool::globalInstance()->start([promise, parse, body, status] {
            promise->start();
            promise->addResult(parse(body, status));
            promise->finish();
        });
    };
    *idHolder = send(base, path, query, what, context, finish);
    return *idHolder;
}

quint64 PrometheusClient::query(const QString &promql, const QDateTime &at, QObject *context, Handler<QueryData> done)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("query"), promql);
    if (at.isValid())
        q.addQueryItem(QStringLiteral("time"), seconds(at.toMSecsSinceEpoch()));
    return call<QueryData>(m_endpoint.url, QStringLiteral("/api/v1/query"), q,
                           describeRequest(QStringLiteral("query"), promql), context, parseQueryResponse,
                           std::move(done));
}

quint64 PrometheusClient::queryRange(const QString &promql, const QDateTime &start, const QDateTime &end,
                                     std::chrono::milliseconds desiredStep, QObject *context, Handler<QueryData> done)
{
    const RangeStep step = chooseRangeStep(start, end, desiredStep);
    return queryRangeRaw(promql, step.startMs, step.endMs, step.stepMs, context, std::move(done));
}

quint64 PrometheusClient::queryRangeRaw(const QString &promql, qint64 startMs, qint64 endMs, qint64 stepMs,
                                        QObject *context, Handler<QueryData> done)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("query"), promql);
    q.addQueryItem(QStringLiteral("start"), seconds(startMs));
    q.addQueryItem(QStringLiteral("end"), seconds(endMs));
    q.addQueryItem(QStringLiteral("step"), seconds(stepMs));
    return call<QueryData>(m_endpoint.url, QStringLiteral("/api/v1/query_range"), q,
                           describeRequest(QStringLiteral("query_range"), promql), context, parseQueryResponse,
                           std::move(done));
}

quint64 PrometheusClient::alerts(QObject *context, Handler<QList<PromAlert>> done)
{
    return call<QList<PromAlert>>(m_endpoint.url, QStringLiteral("/api/v1/alerts"), {},
                                  describeRequest(QStringLiteral("alerts")), context, parseAlertsResponse,
                                  std::move(done));
}

quint64 PrometheusClient::rules(QObject *context, Handler<QList<PromRuleGroup>> done)
{
    return call<QList<PromRuleGroup>>(m_endpoint.url, QStringLiteral("/api/v1/rules"), {},
                                      describeRequest(QStringLiteral("rules")), context, parseRulesResponse,
                                      std::move(done));
}

quint64 PrometheusClient::buildInfo(QObject *context, Handler<PromBuildInfo> done)
{
    return call<PromBuildInfo>(m_endpoint.url, QStringLiteral("/api/v1/status/buildinfo"), {},
                               describeRequest(QStringLiteral("buildinfo")), context, parseBuildInfoResponse,
                               std::move(done));
}

quint64 PrometheusClient::alertmanagerAlerts(const QStringList &filters, QObject *context,
                                             Handler<QList<AlertmanagerAlert>> done)
{
    QUrlQuery q;
    for (const QString &f : filters)
        q.addQueryItem(QStringLiteral("filter"), f);
    return call<QList<AlertmanagerAlert>>(m_endpoint.alertmanagerUrl, QStringLiteral("/api/v2/alerts"), q,
                                          describeRequest(QStringLiteral("Alertmanager alerts")), context,
                                          parseAlertmanagerAlerts, std::move(done));
}

} // namespace rolldeck::prom
