#include "kube/KubeClient.h"

#include "kube/KubeLogging.h"
#include "kube/TlsConfig.h"
#include "kube/WatchStream.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>

#include <zlib.h>

#include <utility>

namespace rolldeck::kube {

namespace {

void configureManager(QNetworkAccessManager *manager, const ClusterConfig &config)
{
    const Result<QNetworkProxy> proxy = proxyFor(config);
    if (!proxy.ok())
        qCWarning(lcKube).noquote() << proxy.error() << "- connecting without a proxy";
    manager->setProxy(proxy.ok() ? *proxy : QNetworkProxy(QNetworkProxy::NoProxy));
}

// Inflates a gzip body (RFC 1952); nullopt when it is not valid gzip.
std::optional<QByteArray> gunzip(const QByteArray &compressed)
{
    z_stream stream{};
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
        return std::nullopt;
    QByteArray out;
    out.reserve(compressed.size() * 8);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(compressed.constData()));
    stream.avail_in = uInt(compressed.size());
    char buffer[64 * 1024];
    int rc = Z_OK;
    do {
        stream.next_out = reinterpret_cast<Bytef *>(buffer);
        stream.avail_out = sizeof(buffer);
        rc = inflate(&stream, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            inflateEnd(&stream);
            return std::nullopt;
        }
        out.append(buffer, qsizetype(sizeof(buffer) - stream.avail_out));
    } while (rc != Z_STREAM_END && (stream.avail_in > 0 || stream.avail_out == 0));
    inflateEnd(&stream);
    if (rc != Z_STREAM_END)
        return std::nullopt;
    return out;
}

} // namespace

KubeClient::KubeClient(ClusterConfig config, std::shared_ptr<CredentialSource> credentials, ClientOptions options,
                       QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_credentials(std::move(credentials)),
      m_options(std::move(options)), m_manager(new QNetworkAccessManager(this))
{
    if (!m_credentials)
        m_credentials = std::make_shared<StaticCredentials>();
    configureManager(m_manager, m_config);
}

KubeClient::~KubeClient()
{
    const auto replies = m_replies;
    m_replies.clear();
    for (QNetworkReply *reply : replies) {
        reply->disconnect(this);
        reply->abort();
        delete reply;
    }
}

QUrl KubeClient::urlFor(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_config.server;
    QString base = url.path();
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + path, QUrl::TolerantMode); // the path's segments are percent-encoded (ResourceKind)
    url.setQuery(query);
    return url;
}

namespace {
// Where a request keeps the generation of the credentials it was sent with.
constexpr auto kGenerationAttribute = QNetworkRequest::Attribute(QNetworkRequest::User + 1);
} // namespace

quint64 KubeClient::generationOf(const QNetworkRequest &request)
{
    return request.attribute(kGenerationAttribute).toULongLong();
}

void KubeClient::prepare(const QUrl &url, std::optional<quint64> rejected, QObject *context,
                         std::function<void(Result<QNetworkRequest>)> done)
{
    QPointer<KubeClient> self(this);
    m_credentials->fetch(
        rejected, this,
        [self, url, context = QPointer<QObject>(context), done = std::move(done)](const Result<AuthMaterial> &auth) {
            if (!self || !context)
                return;
            if (!auth.ok()) {
                done(Result<QNetworkRequest>::failure(auth.error()));
                return;
            }
            QNetworkRequest request(url);
            request.setRawHeader("Accept", "application/json");
            request.setRawHeader("User-Agent", self->m_options.userAgent);
            if (!auth->authorization.isEmpty())
                request.setRawHeader("Authorization", auth->authorization);
            if (url.scheme() == QLatin1String("https")) {
                if (!auth->ssl.isNull())
                    request.setSslConfiguration(auth->ssl);
                if (!self->m_config.tlsServerName.isEmpty())
                    request.setPeerVerifyName(self->m_config.tlsServerName);
            }
            request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
            request.setAttribute(kGenerationAttribute, QVariant::fromValue(auth->generation));
            done(request);
        });
}

void KubeClient::send(const KubeRequest &request, QObject *context, Callback done)
{
    attempt(request, std::nullopt, context, std::move(done));
}

void KubeClient::attempt(const KubeRequest &request, std::optional<quint64> rejected, QObject *context, Callback done)
{
    QPointer<QObject> ctx(context);
    prepare(urlFor(request.path, request.query), rejected, this,
            [this, request, rejected, ctx, done = std::move(done)](const Result<QNetworkRequest> &prepared) {
                if (!prepared.ok()) {
                    KubeResponse response;
                    KubeError error;
                    error.httpStatus = 401;
                    error.reason = QStringLiteral("CredentialsUnavailable");
                    error.message = prepared.error();
                    response.error = error;
                    runIn(ctx, [done, response] { done(response); });
                    return;
                }
                QNetworkRequest netRequest = *prepared;
                netRequest.setTransferTimeout(request.timeoutMs > 0 ? request.timeoutMs : m_options.requestTimeoutMs);
                // gzip like kubectl, and nothing else: servers that also speak brotli may spend seconds compressing
                // a large list at brotli's default quality. Setting the header turns off Qt's own decompression,
                // so the body is inflated below.
                netRequest.setRawHeader("Accept-Encoding", "gzip");
                if (!request.contentType.isEmpty())
                    netRequest.setHeader(QNetworkRequest::ContentTypeHeader, request.contentType);
                QNetworkReply *reply = request.body.isEmpty() && request.verb == "GET"
                                           ? m_manager->get(netRequest)
                                           : m_manager->sendCustomRequest(netRequest, request.verb, request.body);
                m_replies.insert(reply);
                noteCertificateErrors(reply);
                connect(reply, &QNetworkReply::finished, this, [this, reply, request, rejected, ctx, done] {
                    m_replies.remove(reply);
                    reply->deleteLater();
                    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                    QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray();
                    const bool gzipped = reply->rawHeader("Content-Encoding").trimmed().toLower() == "gzip";
                    if (gzipped && !body.isEmpty()) {
                        std::optional<QByteArray> inflated = gunzip(body);
                        if (!inflated) {
                            KubeResponse broken;
                            broken.httpStatus = status;
                            KubeError error;
                            error.httpStatus = status;
                            error.reason = QStringLiteral("MalformedResponse");
                            error.message = QStringLiteral("the gzip body does not inflate");
                            broken.error = error;
                            runIn(ctx, [done, broken] { done(broken); });
                            return;
                        }
                        body = std::move(*inflated);
                    }
                    const quint64 generation = generationOf(reply->request());
                    if (status == 401 && !rejected) {
                        qCInfo(lcKube) << m_config.contextName << request.verb << request.path
                                       << "401: credentials of generation" << generation
                                       << "rejected; retrying once with current ones";
                        attempt(request, generation, ctx, done);
                        return;
                    }
                    if (status != 0 && status != 401)
                        m_credentials->accepted(generation);
                    KubeResponse response;
                    response.httpStatus = status;
                    if (status >= 200 && status < 300 && reply->error() == QNetworkReply::NoError && request.rawBody) {
                        response.body = std::move(body);
                    } else if (status >= 200 && status < 300 && reply->error() == QNetworkReply::NoError) {
                        QJsonParseError parseError;
                        const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
                        if (!body.trimmed().isEmpty() && !doc.isObject()) {
                            KubeError error;
                            error.httpStatus = status;
                            error.reason = QStringLiteral("MalformedResponse");
                            error.message = parseError.errorString();
                            response.error = error;
                        } else {
                            response.object = doc.object();
                        }
                    } else {
                        KubeError error =
                            KubeError::fromReply(reply, status, body, !m_config.certificateAuthorityPem.isEmpty());
                        if (status == 0 && reply->error() == QNetworkReply::OperationCanceledError)
                            error.timedOut = true; // only our transfer timeout aborts a reply we still track
                        response.error = error;
                        qCDebug(lcKube) << m_config.contextName << request.verb << request.path
                                        << "failed:" << error.cause();
                    }
                    runIn(ctx, [done, response] { done(response); });
                });
            });
}

void KubeClient::get(const QString &path, QObject *context, Callback done)
{
    KubeRequest request;
    request.path = path;
    send(request, context, std::move(done));
}

void KubeClient::mergePatch(const QString &path, const QJsonObject &patch, QObject *context, Callback done)
{
    KubeRequest request;
    request.verb = QByteArrayLiteral("PATCH");
    request.path = path;
    request.contentType = QByteArrayLiteral("application/merge-patch+json");
    request.body = QJsonDocument(patch).toJson(QJsonDocument::Compact);
    send(request, context, std::move(done));
}

void KubeClient::jsonPatch(const QString &path, const QJsonArray &operations, QObject *context, Callback done)
{
    KubeRequest request;
    request.verb = QByteArrayLiteral("PATCH");
    request.path = path;
    request.contentType = QByteArrayLiteral("application/json-patch+json");
    request.body = QJsonDocument(operations).toJson(QJsonDocument::Compact);
    send(request, context, std::move(done));
}

void KubeClient::post(const QString &path, const QJsonObject &body, QObject *context, Callback done)
{
    KubeRequest request;
    request.verb = QByteArrayLiteral("POST");
    request.path = path;
    request.contentType = QByteArrayLiteral("application/json");
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    send(request, context, std::move(done));
}

// One LIST in progress: what it asks for, where its pages go, and (without a page callback) the items so far.
struct KubeClient::ListRun
{
    ResourceKind kind;
    QString ns;
    QUrlQuery query;
    QPointer<QObject> context;
    ListCallback done;
    PageCallback onPage;
    ListResult result;
    int restarts = 0;
    bool restarted = false; // started over since the last page delivered
};

void KubeClient::list(const ResourceKind &kind, const QString &ns, QObject *context, ListCallback done,
                      const QUrlQuery &query, PageCallback onPage)
{
    auto run = std::make_shared<ListRun>();
    run->kind = kind;
    run->ns = ns;
    run->query = query;
    run->context = context;
    run->done = std::move(done);
    run->onPage = std::move(onPage);
    listPage(std::move(run), QString());
}

void KubeClient::listPage(std::shared_ptr<ListRun> run, const QString &continueToken)
{
    KubeRequest request;
    request.path = run->kind.collectionPath(run->ns);
    request.query = run->query;
    request.query.addQueryItem(QStringLiteral("limit"), QString::number(m_options.pageSize));
    if (!continueToken.isEmpty())
        request.query.addQueryItem(QStringLiteral("continue"), continueToken);
    request.rawBody = true; // parsed item by item (ListParser), never as one document
    send(request, this, [this, run, paged = !continueToken.isEmpty()](const KubeResponse &response) {
        if (!run->context)
            return;
        const auto fail = [run](const KubeError &error) {
            ListResult failed;
            failed.error = error;
            runIn(run->context, [done = run->done, failed] { done(failed); });
        };
        if (!response.ok()) {
            if (response.error->isGone() && paged && run->restarts < 2) {
                // The continue token expired mid-way: the pages so far belong to an older snapshot. Start over.
                qCInfo(lcKube) << m_config.contextName << run->kind.displayName()
                               << "continue token expired, re-listing";
                ++run->restarts;
                run->result = ListResult();
                run->restarted = true;
                listPage(run, QString());
                return;
            }
            fail(*response.error);
            return;
        }
        const QString apiVersion = run->kind.group.isEmpty()
                                       ? run->kind.version
                                       : QString(run->kind.group + QLatin1Char('/') + run->kind.version);
        // List items carry no kind/apiVersion on a real server; they are stamped so that every object is
        // self-describing, like the objects watch events deliver.
        Result<ListPage> page = parseListPage(response.body, run->kind.kind, apiVersion);
        if (!page.ok()) {
            KubeError error;
            error.httpStatus = response.httpStatus;
            error.reason = QStringLiteral("MalformedResponse");
            error.message = page.error();
            fail(error);
            return;
        }
        ++run->result.pages;
        run->result.resourceVersion = page->resourceVersion;
        const QString next = page->continueToken;
        if (run->onPage) {
            runIn(run->context, [onPage = run->onPage, page = std::move(page).value(),
                                 restarted = std::exchange(run->restarted, false)] { onPage(page, restarted); });
        } else {
            run->result.items.append(std::move(page).value().items);
        }
        if (!next.isEmpty()) {
            listPage(run, next);
            return;
        }
        runIn(run->context, [done = run->done, result = std::move(run->result)] { done(result); });
    });
}

QNetworkAccessManager *KubeClient::watchManager()
{
    for (QNetworkAccessManager *manager : m_watchManagers) {
        if (manager->property("rolldeckWatches").toInt() < m_options.watchesPerConnectionPool)
            return manager;
    }
    auto *manager = new QNetworkAccessManager(this);
    configureManager(manager, m_config);
    m_watchManagers.push_back(manager);
    return manager;
}

WatchStream *KubeClient::watch(const ResourceKind &kind, const QString &ns, const QString &resourceVersion,
                               int timeoutSeconds, int idleTimeoutMs, QObject *parent, const QUrlQuery &extra)
{
    QUrlQuery query = extra;
    query.addQueryItem(QStringLiteral("watch"), QStringLiteral("1"));
    if (!resourceVersion.isEmpty())
        query.addQueryItem(QStringLiteral("resourceVersion"), resourceVersion);
    query.addQueryItem(QStringLiteral("allowWatchBookmarks"), QStringLiteral("true"));
    if (timeoutSeconds > 0)
        query.addQueryItem(QStringLiteral("timeoutSeconds"), QString::number(timeoutSeconds));
    QNetworkAccessManager *manager = watchManager();
    manager->setProperty("rolldeckWatches", manager->property("rolldeckWatches").toInt() + 1);
    auto *stream = new WatchStream(this, manager, urlFor(kind.collectionPath(ns), query), idleTimeoutMs, parent);
    QPointer<QNetworkAccessManager> guard(manager);
    connect(stream, &QObject::destroyed, this, [guard] {
        if (guard)
            guard->setProperty("rolldeckWatches", guard->property("rolldeckWatches").toInt() - 1);
    });
    return stream;
}

} // namespace rolldeck::kube
