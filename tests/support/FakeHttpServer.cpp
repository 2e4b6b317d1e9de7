#include "FakeHttpServer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

namespace rolldeck::testsupport {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

} // namespace

HttpExchange::HttpExchange(QTcpSocket *socket, QObject *parent) : QObject(parent), m_socket(socket) {}

bool HttpExchange::isOpen() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

void HttpExchange::respond(int status, const QByteArray &body, const QByteArray &contentType,
                           const QByteArray &contentEncoding)
{
    if (!m_socket || m_finished)
        return;
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    if (!contentEncoding.isEmpty())
        head += "Content-Encoding: " + contentEncoding + "\r\n";
    head += "Content-Type: " + contentType + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    m_socket->write(head + body);
    m_finished = true;
}

void HttpExchange::respondStatus(int status, const QString &reason, const QString &message)
{
    const QJsonObject s{{QStringLiteral("kind"), QStringLiteral("Status")},
                        {QStringLiteral("apiVersion"), QStringLiteral("v1")},
                        {QStringLiteral("metadata"), QJsonObject()},
                        {QStringLiteral("status"), QStringLiteral("Failure")},
                        {QStringLiteral("message"), message},
                        {QStringLiteral("reason"), reason},
                        {QStringLiteral("code"), status}};
    respond(status, QJsonDocument(s).toJson(QJsonDocument::Compact));
}

void HttpExchange::beginChunked(int status, const QByteArray &contentType)
{
    if (!m_socket || m_finished || m_streaming)
        return;
    m_streaming = true;
    m_socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) +
                    "\r\nContent-Type: " + contentType + "\r\nTransfer-Encoding: chunked\r\n\r\n");
    m_socket->flush();
}

void HttpExchange::sendChunk(const QByteArray &data)
{
    if (!m_socket || !m_streaming || m_finished || data.isEmpty())
        return;
    m_socket->write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
}

void HttpExchange::sendRaw(const QByteArray &bytes)
{
    if (m_socket)
        m_socket->write(bytes);
}

void HttpExchange::endChunked()
{
    if (!m_socket || !m_streaming || m_finished)
        return;
    m_socket->write("0\r\n\r\n");
    m_finished = true;
}

void HttpExchange::drop()
{
    if (!m_socket)
        return;
    m_finished = true;
    m_socket->flush();
    m_socket->abort();
}

FakeHttpServer::FakeHttpServer(QObject *parent) : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FakeHttpServer::onConnection);
}

FakeHttpServer::~FakeHttpServer()
{
    close();
}

bool FakeHttpServer::listen(quint16 port)
{
    if (!m_server.listen(QHostAddress::LocalHost, port))
        return false;
    m_port = m_server.serverPort();
    return true;
}

void FakeHttpServer::close()
{
    m_server.close();
    dropAll();
}

void FakeHttpServer::dropAll()
{
    const auto sockets = m_buffers.keys();
    for (QTcpSocket *socket : sockets) {
        socket->abort();
    }
}

QUrl FakeHttpServer::url() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    return url;
}

int FakeHttpServer::count(const std::function<bool(const HttpRequest &)> &predicate) const
{
    int n = 0;
    for (const HttpRequest &r : m_requests)
        n += predicate(r) ? 1 : 0;
    return n;
}

void FakeHttpServer::onConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        m_buffers.insert(socket, {});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadable(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            if (QPointer<HttpExchange> exchange = m_current.take(socket)) {
                emit exchange->closed();
                exchange->deleteLater();
            }
            socket->deleteLater();
        });
    }
}

void FakeHttpServer::onReadable(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    for (;;) {
        // One request at a time: a connection whose previous answer is still open (a stream, a hang) waits.
        if (QPointer<HttpExchange> current = m_current.value(socket); current && !current->isFinished())
            return;
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        HttpRequest request;
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        request.method = requestLine.value(0);
        request.target = requestLine.value(1);
        const QUrl target = QUrl(QString::fromLatin1(request.target));
        request.path = target.path();
        request.query = QUrlQuery(target);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                request.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
        }
        const qsizetype length = request.header("content-length").toLongLong();
        if (buffer.size() < headerEnd + 4 + length)
            return;
        request.body = buffer.mid(headerEnd + 4, length);
        buffer.remove(0, headerEnd + 4 + length);
        m_requests.append(request);
        if (QPointer<HttpExchange> previous = m_current.take(socket))
            previous->deleteLater();
        auto *exchange = new HttpExchange(socket, this);
        m_current.insert(socket, exchange);
        emit requestReceived(request);
        if (m_handler)
            m_handler(request, exchange);
        else
            exchange->respondStatus(404, QStringLiteral("NotFound"), QStringLiteral("no handler"));
        if (!m_buffers.contains(socket))
            return; // the handler dropped the connection
    }
}

} // namespace rolldeck::testsupport
