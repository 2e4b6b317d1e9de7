#include "ArgoCdClient.h"

#include "ArgoCdCredentials.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslCertificate>

namespace rolldeck::argocd {

namespace {

QString appPath(const QString &name, const QString &tail = {})
{
    return QStringLiteral("/api/v1/applications/") + QString::fromLatin1(QUrl::toPercentEncoding(name)) + tail;
}

QUrlQuery projectQuery(const QString &project)
{
    QUrlQuery q;
    if (!project.isEmpty())
        q.addQueryItem(QStringLiteral("project"), project);
    return q;
}

} // namespace

Client::Client(Endpoint endpoint, QObject *parent)
    : QObject(parent), m_endpoint(std::move(endpoint)), m_tls(QSslConfiguration::defaultConfiguration()),
      m_manager(new QNetworkAccessManager(this))
{
    if (!m_endpoint.caPem.isEmpty())
        m_tls.setCaCertificates(QSslCertificate::fromData(m_endpoint.caPem, QSsl::Pem));
    m_tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
}

Client::~Client()
{
    const QSet<QNetworkReply *> replies = std::exchange(m_replies, {});
    for (QNetworkReply *reply : replies) {
        reply->disconnect(this);
        reply->abort();
        delete reply;
    }
}

Error Client::errorFor(const QByteArray &verb, const QString &path, int httpStatus, const QByteArray &body,
                       const QString &transportError)
{
    Error e;
    e.httpStatus = httpStatus;
    e.request = QString::fromLatin1(verb) + QLatin1Char(' ') + path;
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    e.grpcCode = json.value(QLatin1String("code")).toInt();
    e.serverMessage = json.value(QLatin1String("message")).toString();
    if (e.serverMessage.isEmpty())
        e.serverMessage = QString::fromUtf8(body.left(300)).trimmed();
    switch (httpStatus) {
    case 0:
        e.message = tr("%1: Argo CD did not answer (%2).").arg(e.request, transportError);
        break;
    case 401:
        e.message =
            tr("%1: Argo CD did not accept the session (%2). Log in to Argo CD again.").arg(e.request, e.serverMessage);
        break;
    case 403:
        e.message = tr("%1: permission denied. Argo CD says this both when the application does not exist and "
                       "when your account may not do this; naming the project tells them apart.")
                        .arg(e.request);
        break;
    case 404:
        e.message = tr("%1: not found in that project (%2).").arg(e.request, e.serverMessage);
        break;
    case 415:
        e.message =
            tr("%1: Argo CD refused the request's content type (415). This is a Rolldeck defect.").arg(e.request);
        break;
    default:
        e.message = tr("%1 failed with HTTP %2: %3").arg(e.request).arg(httpStatus).arg(e.serverMessage);
    }
    return e;
}

void Client::send(const QByteArray &verb, const QString &path, const QUrlQuery &query, const QJsonObject &body,
                  QObject *context, Callback done)
{
    sendPayload(verb, path, query, verb == "GET" ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact),
                context, std::move(done));
}

void Client::sendPayload(const QByteArray &verb, const QString &path, const QUrlQuery &query, const QByteArray &payload,
                         QObject *context, Callback done)
{
    QUrl url = m_endpoint.server;
    url.setPath(path, QUrl::TolerantMode); // the path is percent-encoded already (names, can-i actions)
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setSslConfiguration(m_tls);
    request.setTransferTimeout(m_endpoint.timeoutMs);
    request.setRawHeader("Accept", "application/json");
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token);
    if (verb != "GET")
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = m_manager->sendCustomRequest(request, verb, payload);
    m_replies.insert(reply);
    QPointer<QObject> guard(context);
    connect(reply, &QNetworkReply::finished, this, [this, reply, verb, path, guard, done = std::move(done)] {
        m_replies.remove(reply);
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray data = reply->readAll();
        Reply result;
        if (status >= 200 && status < 300)
            result.body = QJsonDocument::fromJson(data).object();
        else
            result.error = errorFor(verb, path, status, data, reply->errorString());
        // A 401 outside login names the command that renews the token (docs/argocd.md "Credentials").
        if (status == 401 && path != QLatin1String("/api/v1/session"))
            result.error->message =
                result.error->request + QStringLiteral(": ") +
                (m_token.isEmpty() ? notLoggedInProblem(m_endpoint.server)
                                   : rejectedProblem(m_endpoint.server, result.error->serverMessage));
        if (guard)
            done(result);
    });
}

void Client::login(const QString &username, const QString &password, QObject *context,
                   std::function<void(Result<QByteArray>)> done)
{
    const QJsonObject body{{QStringLiteral("username"), username}, {QStringLiteral("password"), password}};
    send("POST", QStringLiteral("/api/v1/session"), {}, body, context, [this, done = std::move(done)](const Reply &r) {
        const QByteArray token = r.body.value(QLatin1String("token")).toString().toUtf8();
        if (!r.ok())
            return done(Result<QByteArray>::failure(r.error->message));
        if (token.isEmpty())
            return done(Result<QByteArray>::failure(tr("POST /api/v1/session: Argo CD answered without a token.")));
        m_token = token;
        done(token);
    });
}

void Client::logout(QObject *context, Callback done)
{
    send("DELETE", QStringLiteral("/api/v1/session"), {}, {}, context, std::move(done));
}

void Client::userInfo(QObject *context, Callback done)
{
    send("GET", QStringLiteral("/api/v1/session/userinfo"), {}, {}, context, std::move(done));
}

void Client::listApplications(const ListQuery &query, QObject *context, Callback done)
{
    QUrlQuery q;
    for (const QString &project : query.projects)
        q.addQueryItem(QStringLiteral("projects"), project); // arrays repeat the key
    if (!query.selector.isEmpty())
        q.addQueryItem(QStringLiteral("selector"), query.selector);
    if (!query.fields.isEmpty())
        q.addQueryItem(QStringLiteral("fields"), query.fields.join(QLatin1Char(',')));
    send("GET", QStringLiteral("/api/v1/applications"), q, {}, context, std::move(done));
}

void Client::application(const QString &name, const QString &project, QObject *context, Callback done)
{
    send("GET", appPath(name), projectQuery(project), {}, context, std::move(done));
}

void Client::managedResources(const QString &name, const QString &project, QObject *context, Callback done)
{
    send("GET", appPath(name, QStringLiteral("/managed-resources")), projectQuery(project), {}, context,
         std::move(done));
}

void Client::sync(const QString &name, const SyncRequest &request, QObject *context, Callback done)
{
    QJsonObject body{{QStringLiteral("name"), name},
                     {QStringLiteral("prune"), request.prune},
                     {QStringLiteral("dryRun"), request.dryRun}};
    if (!request.project.isEmpty())
        body.insert(QStringLiteral("project"), request.project);
    if (!request.revision.isEmpty())
        body.insert(QStringLiteral("revision"), request.revision);
    if (!request.resources.isEmpty()) {
        QJsonArray resources;
        for (const QJsonObject &r : request.resources)
            resources.append(r);
        body.insert(QStringLiteral("resources"), resources);
    }
    if (!request.infos.isEmpty()) {
        QJsonArray infos;
        for (const auto &[key, value] : request.infos)
            infos.append(QJsonObject{{QStringLiteral("name"), key}, {QStringLiteral("value"), value}});
        body.insert(QStringLiteral("infos"), infos);
    }
    send("POST", appPath(name, QStringLiteral("/sync")), {}, body, context, std::move(done));
}

void Client::rollback(const QString &name, const QString &project, qint64 historyId, bool dryRun, QObject *context,
                      Callback done)
{
    QJsonObject body{{QStringLiteral("name"), name},
                     {QStringLiteral("id"), historyId},
                     {QStringLiteral("prune"), false},
                     {QStringLiteral("dryRun"), dryRun}};
    if (!project.isEmpty())
        body.insert(QStringLiteral("project"), project);
    send("POST", appPath(name, QStringLiteral("/rollback")), {}, body, context, std::move(done));
}

void Client::terminateOperation(const QString &name, const QString &project, QObject *context, Callback done)
{
    send("DELETE", appPath(name, QStringLiteral("/operation")), projectQuery(project), {}, context, std::move(done));
}

void Client::setAutoSync(const QString &name, bool enabled, QObject *context, Callback done)
{
    const QJsonValue automated =
        enabled ? QJsonValue(QJsonObject{{QStringLiteral("prune"), true}, {QStringLiteral("selfHeal"), true}})
                : QJsonValue(QJsonValue::Null);
    const QJsonObject patch{
        {QStringLiteral("spec"),
         QJsonObject{{QStringLiteral("syncPolicy"), QJsonObject{{QStringLiteral("automated"), automated}}}}}};
    // The patch travels as a JSON string (the proto maps `patch` as text).
    const QJsonObject body{
        {QStringLiteral("name"), name},
        {QStringLiteral("patch"), QString::fromUtf8(QJsonDocument(patch).toJson(QJsonDocument::Compact))},
        {QStringLiteral("patchType"), QStringLiteral("merge")}};
    send("PATCH", appPath(name), {}, body, context, std::move(done));
}

void Client::runRolloutAction(const QString &application, const QString &project, const QString &ns,
                              const QString &rollout, const QString &action, QObject *context, Callback done)
{
    QJsonObject body{{QStringLiteral("name"), application},
                     {QStringLiteral("namespace"), ns},
                     {QStringLiteral("resourceName"), rollout},
                     {QStringLiteral("group"), QStringLiteral("argoproj.io")},
                     {QStringLiteral("version"), QStringLiteral("v1alpha1")},
                     {QStringLiteral("kind"), QStringLiteral("Rollout")},
                     {QStringLiteral("action"), action}};
    if (!project.isEmpty())
        body.insert(QStringLiteral("project"), project);
    send("POST", appPath(application, QStringLiteral("/resource/actions/v2")), {}, body, context, std::move(done));
}

namespace {

QUrlQuery resourceQuery(const QString &project, const ResourceRef &ref)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("namespace"), ref.ns);
    q.addQueryItem(QStringLiteral("resourceName"), ref.name);
    q.addQueryItem(QStringLiteral("version"), ref.version);
    q.addQueryItem(QStringLiteral("group"), ref.group); // sent even when empty, as the UI does
    q.addQueryItem(QStringLiteral("kind"), ref.kind);
    if (!project.isEmpty())
        q.addQueryItem(QStringLiteral("project"), project);
    return q;
}

// The resource routes answer {"manifest":"<the object as a JSON string>"}: the object it names becomes the body.
Client::Callback manifestOf(Client::Callback done)
{
    return [done = std::move(done)](const Reply &r) {
        if (!r.ok())
            return done(r);
        Reply out;
        out.body = QJsonDocument::fromJson(r.body.value(QLatin1String("manifest")).toString().toUtf8()).object();
        done(out);
    };
}

} // namespace

QNetworkReply *Client::openApplicationStream(const QString &resourceVersion, const QStringList &projects,
                                             QObject *owner)
{
    QUrl url = m_endpoint.server;
    url.setPath(QStringLiteral("/api/v1/stream/applications"));
    QUrlQuery q;
    if (!resourceVersion.isEmpty())
        q.addQueryItem(QStringLiteral("resourceVersion"), resourceVersion);
    for (const QString &project : projects)
        q.addQueryItem(QStringLiteral("projects"), project);
    url.setQuery(q);
    QNetworkRequest request(url);
    request.setSslConfiguration(m_tls);
    request.setTransferTimeout(0);
    request.setRawHeader("Accept", "application/json");
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token);
    QNetworkReply *reply = m_manager->get(request);
    reply->setParent(owner);
    return reply;
}

void Client::resource(const QString &application, const QString &project, const ResourceRef &ref, QObject *context,
                      Callback done)
{
    send("GET", appPath(application, QStringLiteral("/resource")), resourceQuery(project, ref), {}, context,
         manifestOf(std::move(done)));
}

void Client::resourceActions(const QString &application, const QString &project, const ResourceRef &ref,
                             QObject *context, Callback done)
{
    send("GET", appPath(application, QStringLiteral("/resource/actions")), resourceQuery(project, ref), {}, context,
         std::move(done));
}

void Client::patchResource(const QString &application, const QString &project, const ResourceRef &ref,
                           const QJsonObject &mergePatch, QObject *context, Callback done)
{
    QUrlQuery q = resourceQuery(project, ref);
    q.addQueryItem(QStringLiteral("patchType"), QStringLiteral("application/merge-patch+json"));
    // The proto maps `body: "patch"`: the patch travels as a JSON string literal.
    const QByteArray patch = QJsonDocument(mergePatch).toJson(QJsonDocument::Compact);
    const QByteArray payload = QJsonDocument(QJsonArray{QString::fromUtf8(patch)}).toJson(QJsonDocument::Compact);
    sendPayload("POST", appPath(application, QStringLiteral("/resource")), q, payload.mid(1, payload.size() - 2),
                context, manifestOf(std::move(done)));
}

void Client::canI(const QString &resource, const QString &action, const QString &subresource, QObject *context,
                  Callback done)
{
    const QString path = QStringLiteral("/api/v1/account/can-i/") +
                         QString::fromLatin1(QUrl::toPercentEncoding(resource)) + QLatin1Char('/') +
                         QString::fromLatin1(QUrl::toPercentEncoding(action)) + QLatin1Char('/') +
                         QString::fromLatin1(QUrl::toPercentEncoding(subresource, "/"));
    send("GET", path, {}, {}, context, std::move(done));
}

} // namespace rolldeck::argocd
