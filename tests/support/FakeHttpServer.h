#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QUrl>
#include <QUrlQuery>

#include <functional>

class QTcpSocket;

namespace rolldeck::testsupport {

// One parsed HTTP/1.1 request.
struct HttpRequest
{
    QByteArray method;
    QString path;
    QUrlQuery query;
    QByteArray target; // the request target as it came over the wire (path and query, percent-encoded)
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;

    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    bool isWatch() const
    {
        const QString w = query.queryItemValue(QStringLiteral("watch"));
        return w == QLatin1String("1") || w == QLatin1String("true");
    }
};

// The answer to one request, written by a handler now or later: a whole response, a chunked stream, an abrupt drop,
// or nothing at all (a hang). Dies with its connection.
class HttpExchange : public QObject
{
    Q_OBJECT
public:
    HttpExchange(QTcpSocket *socket, QObject *parent);

    void respond(int status, const QByteArray &body, const QByteArray &contentType = "application/json",
                 const QByteArray &contentEncoding = {});
    void respondStatus(int status, const QString &reason, const QString &message); // a meta/v1 Status body
    void beginChunked(int status = 200, const QByteArray &contentType = "application/json");
    void sendChunk(const QByteArray &data);
    void sendRaw(const QByteArray &bytes); // anything, e.g. a broken chunk header
    void endChunked();
    void drop(); // closes the connection without finishing the response
    void hang() {}

    bool isOpen() const;
    bool isStreaming() const { return m_streaming; }
    bool isFinished() const { return m_finished; }

signals:
    void closed();

private:
    friend class FakeHttpServer;
    QPointer<QTcpSocket> m_socket;
    bool m_streaming = false;
    bool m_finished = false;
};

// A scriptable loopback HTTP/1.1 server (keep-alive, one request at a time per connection) for fault injection:
// the handler decides per request. Listens on 127.0.0.1 only.
class FakeHttpServer : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<void(const HttpRequest &, HttpExchange *)>;

    explicit FakeHttpServer(QObject *parent = nullptr);
    ~FakeHttpServer() override;

    bool listen(quint16 port = 0);
    void close(); // stops listening and drops every connection
    QUrl url() const;
    quint16 port() const { return m_port; }
    void setHandler(Handler handler) { m_handler = std::move(handler); }
    const QList<HttpRequest> &requests() const { return m_requests; }
    int count(const std::function<bool(const HttpRequest &)> &predicate) const;
    void dropAll();

signals:
    void requestReceived(const rolldeck::testsupport::HttpRequest &request);

private:
    void onConnection();
    void onReadable(QTcpSocket *socket);

    QTcpServer m_server;
    quint16 m_port = 0;
    Handler m_handler;
    QList<HttpRequest> m_requests;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QHash<QTcpSocket *, QPointer<HttpExchange>> m_current;
};

} // namespace rolldeck::testsupport
