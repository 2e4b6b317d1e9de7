#include "ApplicationFeed.h"

#include "ArgoCdCredentials.h"

#include "argocd/ArgoCdClient.h"

#include <QDateTime>
#include <QJsonArray>
#include <QNetworkReply>

namespace rolldeck::argocd {

ApplicationFeed::ApplicationFeed(Client *client, QStringList applications, QObject *parent)
    : QObject(parent), m_client(client), m_applications(std::move(applications))
{
    // The open stream is the client's network manager's: it ends before the client does.
    if (client)
        connect(client, &QObject::destroyed, this, &ApplicationFeed::stop);
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, [this] {
        if (!m_running)
            return;
        if (m_listed)
            openStream();
        else
            list();
    });
}

ApplicationFeed::~ApplicationFeed()
{
    stop();
}

void ApplicationFeed::setBackoff(int initialMs, int maxMs)
{
    m_initialBackoffMs = initialMs;
    m_backoffMs = initialMs;
    m_maxBackoffMs = maxMs;
}

void ApplicationFeed::start()
{
    if (m_running)
        return;
    m_running = true;
    list();
}

void ApplicationFeed::stop()
{
    m_running = false;
    m_retry.stop();
    if (QNetworkReply *reply = std::exchange(m_stream, nullptr)) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void ApplicationFeed::noteVersion(const QString &resourceVersion)
{
    // Argo CD's resourceVersions are numbers in one sequence; keep the highest seen.
    if (resourceVersion.toULongLong() > m_resourceVersion.toULongLong())
        m_resourceVersion = resourceVersion;
}

void ApplicationFeed::list()
{
    if (!m_client)
        return;
    m_client->listApplications({}, this, [this](const Reply &r) {
        if (!m_running)
            return;
        if (!r.ok()) {
            markStale(r.error->message);
            retryLater();
            return;
        }
        QList<Application> apps;
        for (const QJsonValue &v : r.body.value(QLatin1String("items")).toArray()) {
            const Application app = Application::fromJson(v.toObject());
            if (wanted(app.name)) {
                apps << app;
                noteVersion(app.resourceVersion);
            }
        }
        noteVersion(
            r.body.value(QLatin1String("metadata")).toObject().value(QLatin1String("resourceVersion")).toString());
        m_listed = true;
        Q_EMIT listed(apps);
        openStream();
    });
}

void ApplicationFeed::openStream()
{
    if (!m_client || !m_running)
        return;
    m_parser = ApplicationStreamParser();
    m_stream = m_client->openApplicationStream(m_resourceVersion, {}, this);
    connect(m_stream, &QNetworkReply::readyRead, this, &ApplicationFeed::onStreamData);
    connect(m_stream, &QNetworkReply::finished, this, &ApplicationFeed::onStreamFinished);
    connect(m_stream, &QNetworkReply::metaDataChanged, this, [this] {
        const int status = m_stream ? m_stream->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() : 0;
        if (status == 200) {
            m_backoffMs = m_initialBackoffMs;
            markLive();
            Q_EMIT streamOpened();
        }
    });
}

void ApplicationFeed::onStreamData()
{
    if (!m_stream)
        return;
    const int status = m_stream->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200)
        return; // an error body: read in onStreamFinished
    const QList<StreamEvent> events = m_parser.feed(m_stream->readAll());
    for (const StreamEvent &e : events) {
        if (e.type == StreamEvent::Type::Error) {
            markStale(QStringLiteral("the stream ended: %1").arg(e.error));
            continue;
        }
        const Application app = Application::fromJson(e.application);
        if (!wanted(app.name))
            continue;
        noteVersion(app.resourceVersion);
        if (e.type == StreamEvent::Type::Deleted)
            Q_EMIT removed(app.name);
        else
            Q_EMIT changed(app);
    }
    if (m_parser.failed())
        dropStream();
}

void ApplicationFeed::dropStream()
{
    if (m_stream)
        m_stream->abort(); // finished() follows
}

void ApplicationFeed::onStreamFinished()
{
    QNetworkReply *reply = std::exchange(m_stream, nullptr);
    if (!reply)
        return;
    reply->deleteLater();
    if (!m_running)
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    QString cause;
    if (m_parser.failed())
        cause = m_parser.problem();
    else if (status != 200 && status != 0) {
        const Error e = Client::errorFor("GET", QStringLiteral("/api/v1/stream/applications"), status, reply->readAll(),
                                         reply->errorString());
        // A refused token: the command that renews it (docs/argocd.md "Credentials").
        cause = status == 401
                    ? e.request + QStringLiteral(": ") + rejectedProblem(m_client->endpoint().server, e.serverMessage)
                    : e.message;
    } else if (reply->error() != QNetworkReply::NoError)
        cause = reply->errorString();
    else
        cause = QStringLiteral("the application stream ended");
    markStale(cause);
    retryLater();
}

void ApplicationFeed::markStale(const QString &cause)
{
    if (m_staleness.isStale())
        return; // keeps its first time and cause
    m_staleness = Staleness::stale(QDateTime::currentDateTime(), cause);
    Q_EMIT stalenessChanged(m_staleness);
}

void ApplicationFeed::markLive()
{
    if (!m_staleness.isStale())
        return;
    m_staleness = Staleness();
    Q_EMIT stalenessChanged(m_staleness);
}

void ApplicationFeed::retryLater()
{
    m_retry.start(m_backoffMs);
    m_backoffMs = std::min(m_backoffMs * 2, m_maxBackoffMs);
}

} // namespace rolldeck::argocd
