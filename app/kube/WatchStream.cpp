#include "kube/WatchStream.h"

#include "kube/KubeClient.h"
#include "kube/KubeLogging.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace rolldeck::kube {

namespace {
constexpr qsizetype kSliceEvents = 256;
} // namespace

QList<QByteArray> WatchLineSplitter::feed(const QByteArray &data)
{
    QList<QByteArray> lines;
    qsizetype start = 0;
    qsizetype newline = data.indexOf('\n');
    if (newline < 0) {
        m_pending += data;
        return lines;
    }
    // The first line completes whatever was pending.
    QByteArray first = m_pending + data.left(newline);
    m_pending.clear();
    if (!first.trimmed().isEmpty())
        lines.append(first);
    start = newline + 1;
    while ((newline = data.indexOf('\n', start)) >= 0) {
        if (newline > start) {
            QByteArray line = data.mid(start, newline - start);
            if (!line.trimmed().isEmpty())
                lines.append(line);
        }
        start = newline + 1;
    }
    m_pending = data.mid(start);
    return lines;
}

std::optional<WatchEvent> parseWatchEvent(const QByteArray &line)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    const QJsonObject root = doc.object();
    const QJsonValue object = root.value(QLatin1String("object"));
    if (!object.isObject())
        return std::nullopt;
    const QString type = root.value(QLatin1String("type")).toString();
    WatchEvent event;
    if (type == QLatin1String("ADDED"))
        event.type = WatchEvent::Type::Added;
    else if (type == QLatin1String("MODIFIED"))
        event.type = WatchEvent::Type::Modified;
    else if (type == QLatin1String("DELETED"))
        event.type = WatchEvent::Type::Deleted;
    else if (type == QLatin1String("BOOKMARK"))
        event.type = WatchEvent::Type::Bookmark;
    else if (type == QLatin1String("ERROR"))
        event.type = WatchEvent::Type::Error;
    else
        return std::nullopt;
    event.object = object.toObject();
    if (event.type != WatchEvent::Type::Error) {
        const QJsonObject metadata = event.object.value(QLatin1String("metadata")).toObject();
        event.resourceVersion = metadata.value(QLatin1String("resourceVersion")).toString();
        if (event.type != WatchEvent::Type::Bookmark) {
            event.uid = metadata.value(QLatin1String("uid")).toString();
            if (event.uid.isEmpty())
                return std::nullopt; // an object without identity cannot be cached
        }
    }
    return event;
}

WatchStream::WatchStream(KubeClient *client, QNetworkAccessManager *manager, const QUrl &url, int idleTimeoutMs,
                         QObject *parent)
    : QObject(parent), m_client(client), m_manager(manager), m_url(url), m_idleTimeoutMs(idleTimeoutMs),
      m_idleTimer(this)
{
    m_idleTimer.setSingleShot(true);
    connect(&m_idleTimer, &QTimer::timeout, this, &WatchStream::onIdle);
}

WatchStream::~WatchStream()
{
    dropReply();
}

void WatchStream::start()
{
    open(std::nullopt);
}

void WatchStream::cancel()
{
    m_done = true;
    m_idleTimer.stop();
    dropReply();
}

void WatchStream::dropReply()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
}

void WatchStream::open(std::optional<quint64> rejected)
{
    if (m_done || !m_client)
        return;
    if (m_idleTimeoutMs > 0)
        m_idleTimer.start(m_idleTimeoutMs);
    m_client->prepare(m_url, rejected, this, [this](const Result<QNetworkRequest> &prepared) {
        if (m_done)
            return;
        if (!prepared.ok()) {
            KubeError error;
            error.httpStatus = 401;
            error.reason = QStringLiteral("CredentialsUnavailable");
            error.message = prepared.error();
            fail(error);
            return;
        }
        QNetworkRequest request = *prepared;
        m_splitter.clear();
        m_errorBody.clear();
        m_reply = m_manager->get(request);
        // Backpressure: when parsing falls behind, stop reading the socket instead of buffering without limit.
        m_reply->setReadBufferSize(32 * 1024 * 1024);
        connect(m_reply, &QNetworkReply::metaDataChanged, this, &WatchStream::onMetaData);
        connect(m_reply, &QNetworkReply::readyRead, this, &WatchStream::onReadyRead);
        connect(m_reply, &QNetworkReply::finished, this, &WatchStream::onFinished);
    });
}

void WatchStream::onMetaData()
{
    if (!m_reply || m_done || m_established)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 0 && status != 401 && m_client)
        m_client->credentialsAccepted(KubeClient::generationOf(m_reply->request()));
    if (status != 200)
        return;
    if (m_idleTimeoutMs > 0)
        m_idleTimer.start(m_idleTimeoutMs);
    m_established = true;
    emit established();
}

void WatchStream::onReadyRead()
{
    if (!m_reply || m_done)
        return;
    if (m_idleTimeoutMs > 0)
        m_idleTimer.start(m_idleTimeoutMs);
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray data = m_reply->readAll();
    m_bytes += data.size();
    if (status != 200) {
        m_errorBody += data.left(64 * 1024 - m_errorBody.size());
        return;
    }
    if (!m_established) {
        m_established = true;
        emit established();
        if (m_done)
            return;
    }
    const QList<QByteArray> lines = m_splitter.feed(data);
    if (lines.isEmpty())
        return;
    QList<WatchEvent> events;
    events.reserve(lines.size());
    for (const QByteArray &line : lines) {
        std::optional<WatchEvent> event = parseWatchEvent(line);
        if (!event) {
            if (!events.isEmpty())
                emit eventsReceived(events);
            const QByteArray excerpt = line.left(80);
            qCWarning(lcKube).noquote() << "malformed watch event on" << m_url.path() << ":" << excerpt;
            emit badLine(excerpt);
            KubeError error;
            error.reason = QStringLiteral("malformed watch event");
            fail(error);
            return;
        }
        events.append(std::move(*event));
        // Hand over in slices so that a large read does not become one huge batch: the informer delivers to the
        // GUI thread between slices (at most every flush interval), keeping each delivery small.
        if (events.size() >= kSliceEvents) {
            emit eventsReceived(events);
            if (m_done)
                return;
            events.clear();
        }
    }
    if (!events.isEmpty())
        emit eventsReceived(events);
}

void WatchStream::onFinished()
{
    if (!m_reply || m_done)
        return;
    QNetworkReply *reply = m_reply;
    if (reply->bytesAvailable() > 0)
        onReadyRead();
    if (m_done || m_reply != reply)
        return;
    m_reply = nullptr;
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const quint64 generation = KubeClient::generationOf(reply->request());
    if (status == 401 && !m_retriedAuth && !m_established) {
        m_retriedAuth = true;
        qCInfo(lcKube) << "watch" << m_url.path() << "401: credentials of generation" << generation
                       << "rejected; retrying once with current ones";
        open(generation);
        return;
    }
    if (status != 200 || (reply->error() != QNetworkReply::NoError && !m_established)) {
        fail(KubeError::fromReply(status, reply->error(), reply->errorString(), m_errorBody));
        return;
    }
    if (!m_splitter.pending().trimmed().isEmpty()) {
        const QByteArray excerpt = m_splitter.pending().left(80);
        qCWarning(lcKube).noquote() << "truncated watch event on" << m_url.path() << ":" << excerpt;
        emit badLine(excerpt);
        KubeError error;
        error.reason = QStringLiteral("truncated watch event");
        fail(error);
        return;
    }
    if (reply->error() != QNetworkReply::NoError) {
        fail(KubeError::fromReply(0, reply->error(), reply->errorString(), {}));
        return;
    }
    m_done = true;
    m_idleTimer.stop();
    emit finished(std::nullopt);
}

void WatchStream::onIdle()
{
    if (m_done)
        return;
    KubeError error;
    error.reason = QStringLiteral("watch idle %1 s").arg(m_idleTimeoutMs / 1000.0, 0, 'g', 3);
    fail(error);
}

void WatchStream::fail(const KubeError &error)
{
    if (m_done)
        return;
    m_done = true;
    m_idleTimer.stop();
    dropReply();
    emit finished(error);
}

} // namespace rolldeck::kube
