#pragma once

#include "kube/KubeError.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <optional>

#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace rolldeck::kube {

class KubeClient;

// One event of a watch stream (newline-delimited JSON: {"type":"ADDED","object":{…}}).
struct WatchEvent
{
    enum class Type { Added, Modified, Deleted, Bookmark, Error };
    Type type = Type::Added;
    QJsonObject object;      // the object; for Error a meta/v1 Status; for Bookmark only metadata.resourceVersion
    QString uid;             // metadata.uid (Added, Modified, Deleted), read once while parsing
    QString resourceVersion; // metadata.resourceVersion
};

// Splits a byte stream into lines, keeping the incomplete tail for the next chunk.
class WatchLineSplitter
{
public:
    // Appends `data` and returns the complete lines in it (without the newline; empty lines skipped).
    QList<QByteArray> feed(const QByteArray &data);
    // Bytes after the last newline: non-empty at the end of a stream means a truncated event.
    const QByteArray &pending() const { return m_pending; }
    void clear() { m_pending.clear(); }

private:
    QByteArray m_pending;
};

// Parses one watch line; nullopt for anything that is not a well-formed event (garbage, truncation, unknown type).
std::optional<WatchEvent> parseWatchEvent(const QByteArray &line);

// A running WATCH request. Reads the chunked body incrementally on the thread it lives in, parses events and emits
// them in batches (one per network read). Ends exactly once with finished(): no error when the server closed the
// stream normally (timeoutSeconds reached), otherwise why it ended. A malformed or truncated line ends the stream
// with reason "malformed watch event"/"truncated watch event"; no data for `idleTimeoutMs` ends it with
// "watch idle N s". A 401 before the stream opened is retried once with refreshed credentials.
class WatchStream : public QObject
{
    Q_OBJECT
public:
    WatchStream(KubeClient *client, QNetworkAccessManager *manager, const QUrl &url, int idleTimeoutMs,
                QObject *parent);
    ~WatchStream() override; // aborts the request

    void start();
    // Stops without emitting finished().
    void cancel();

    bool isEstablished() const { return m_established; }
    qint64 bytesReceived() const { return m_bytes; }
    const QUrl &url() const { return m_url; }

signals:
    void established();
    void eventsReceived(const QList<rolldeck::kube::WatchEvent> &events);
    void badLine(const QByteArray &excerpt);
    void finished(const std::optional<rolldeck::kube::KubeError> &error);

private:
    void open(std::optional<quint64> rejected);
    void onMetaData();
    void onReadyRead();
    void onFinished();
    void onIdle();
    void fail(const KubeError &error);
    void dropReply();

    QPointer<KubeClient> m_client;
    QNetworkAccessManager *m_manager;
    QUrl m_url;
    int m_idleTimeoutMs;
    QNetworkReply *m_reply = nullptr;
    QTimer m_idleTimer;
    WatchLineSplitter m_splitter;
    QByteArray m_errorBody;
    bool m_retriedAuth = false;
    bool m_established = false;
    bool m_done = false;
    qint64 m_bytes = 0;
};

} // namespace rolldeck::kube

Q_DECLARE_METATYPE(rolldeck::kube::WatchEvent)
