#pragma once

#include "FakeHttpServer.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>

#include <functional>

namespace rolldeck::testsupport {

// A small in-memory Kubernetes API on a FakeHttpServer: LIST with limit/continue, WATCH from a resourceVersion
// with bookmarks and 410 for compacted history, GET, merge PATCH, SelfSubjectAccessReview and SelfSubjectReview,
// and scripted faults for the next matching requests. Collections are addressed like the REST paths:
// api = "/apis/argoproj.io/v1alpha1" or "/api/v1", resource = "rollouts".
class FakeKubeApi : public QObject
{
    Q_OBJECT
public:
    enum class Fault {
        Unauthorized,   // 401 Status
        Forbidden,      // 403 Status
        Gone,           // 410 Status (HTTP)
        ServerError,    // 500 Status
        Hang,           // accept the request and never answer
        GarbageLine,    // watch: open, then a line that is not JSON
        TruncatedChunk, // watch: open, half an event, then close the connection
        DropAfterOpen,  // watch: open, then close the connection abruptly
        ExpiredEvent,   // watch: open, then an ERROR event with a 410 Expired Status
    };
    enum class Target { Any, List, Watch, Get, Patch, Post };

    explicit FakeKubeApi(FakeHttpServer *server, QObject *parent = nullptr);

    // Objects get metadata.uid (if missing), metadata.resourceVersion and are announced to matching watches.
    QJsonObject add(const QString &api, const QString &resource, QJsonObject object);
    QJsonObject modify(const QString &api, const QString &resource, QJsonObject object); // by namespace/name
    bool remove(const QString &api, const QString &resource, const QString &ns, const QString &name);
    QJsonObject object(const QString &api, const QString &resource, const QString &ns, const QString &name) const;
    int size(const QString &api, const QString &resource) const;
    // Change an object without telling any watch (as if the events were lost): only a re-list can see it.
    void modifySilently(const QString &api, const QString &resource, QJsonObject object);
    void removeSilently(const QString &api, const QString &resource, const QString &ns, const QString &name);

    void bookmark();    // a BOOKMARK event on every open watch
    void compact();     // forget the event history: a watch from an older resourceVersion gets 410
    void dropWatches(); // close every open watch connection abruptly
    void endWatches();  // end every open watch normally (as timeoutSeconds does)
    int openWatches() const;
    qint64 resourceVersion() const { return m_rv; }

    void injectFault(Fault fault, Target target = Target::Any, int times = 1);
    void clearFaults() { m_faults.clear(); }
    // When set, requests without exactly this Authorization header get 401.
    void setRequiredAuthorization(const QByteArray &value) { m_requiredAuthorization = value; }
    // SelfSubjectAccessReview: allowed(verb, group, resource, subresource, namespace). Default: everything.
    void setAccessRule(std::function<bool(const QJsonObject &resourceAttributes)> rule) { m_accessRule = rule; }
    // SelfSubjectReview: the username to report; empty answers 404 like a server without the API.
    void setSelfSubjectUser(const QString &user) { m_selfUser = user; }
    // Split every watch event over two chunks, cutting inside the JSON (exercises the incremental reader).
    void setSplitEvents(bool split) { m_splitEvents = split; }

    // Answer GET/LIST with a gzip body when the client accepts gzip (as a real API server does for large lists).
    void setGzipResponses(bool gzip) { m_gzip = gzip; }

    FakeHttpServer *server() const { return m_server; }

private:
    struct Watch
    {
        QPointer<HttpExchange> exchange;
        QString key; // api|resource
        QString ns;  // empty: all namespaces
        QString labelSelector;
    };
    struct Event
    {
        qint64 rv;
        QString key;
        QByteArray type;
        QJsonObject object;
    };
    struct Collection
    {
        QMap<QString, QJsonObject> objects; // "ns/name" -> object, ordered so that pages are stable
    };
    struct FaultRule
    {
        Fault fault;
        Target target;
        int remaining;
    };

    void handle(const HttpRequest &request, HttpExchange *exchange);
    bool applyFault(const HttpRequest &request, Target target, HttpExchange *exchange);
    void serveList(const HttpRequest &request, const QString &key, const QString &ns, HttpExchange *exchange);
    void serveWatch(const HttpRequest &request, const QString &key, const QString &ns, HttpExchange *exchange);
    void announce(const QString &key, const QByteArray &type, const QJsonObject &object);
    void sendEvent(Watch &watch, const QByteArray &type, const QJsonObject &object);
    static bool matches(const Watch &watch, const QString &key, const QJsonObject &object);
    QJsonObject stamp(QJsonObject object);

    FakeHttpServer *m_server;
    QHash<QString, Collection> m_collections;
    QList<Watch> m_watches;
    QList<Event> m_history;
    qint64 m_rv = 1000;
    qint64 m_compactedAt = 0;
    qint64 m_uidCounter = 0;
    QList<FaultRule> m_faults;
    QByteArray m_requiredAuthorization;
    std::function<bool(const QJsonObject &)> m_accessRule;
    QString m_selfUser;
    bool m_splitEvents = false;
    bool m_gzip = false;
    QHash<QString, QList<QJsonObject>> m_continues;
    int m_continueCounter = 0;
};

// A minimal Rollout object for tests and benchmarks.
QJsonObject makeRollout(const QString &ns, const QString &name, const QString &phase = QStringLiteral("Healthy"),
                        int replicas = 3);

} // namespace rolldeck::testsupport
