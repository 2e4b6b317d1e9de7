#pragma once

#include "kube/ClusterConfig.h"
#include "kube/CredentialSource.h"
#include "kube/KubeError.h"
#include "kube/ListParser.h"
#include "kube/ResourceKind.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QUrlQuery>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace rolldeck::kube {

class WatchStream;

// One HTTP request to the API server.
struct KubeRequest
{
    QByteArray verb = QByteArrayLiteral("GET");
    QString path; // "/apis/argoproj.io/v1alpha1/namespaces/prod/rollouts/api/status"
    QUrlQuery query;
    QByteArray body;
    QByteArray contentType; // "application/merge-patch+json", "application/json-patch+json", "application/json"
    int timeoutMs = 0;      // transfer timeout; 0 = ClientOptions::requestTimeoutMs
    bool rawBody = false;   // hand a 2xx body over as bytes (KubeResponse::body), unparsed
};

// A whole collection, all pages joined.
struct ListResult
{
    QList<QJsonObject> items;
    QString resourceVersion; // the list's metadata.resourceVersion: where a watch starts
    std::optional<KubeError> error;
    int pages = 0;

    bool ok() const { return !error.has_value(); }
};

struct ClientOptions
{
    int requestTimeoutMs = 30000;     // transfer timeout of ordinary requests (no bytes for this long: abort)
    int pageSize = 1000;              // LIST limit per page (fewer round trips: the fleet lists in half the time)
    int watchesPerConnectionPool = 4; // HTTP/1.1 allows 6 connections per host and manager; watches hold one each
    QByteArray userAgent = QByteArrayLiteral("rolldeck/0.1 (linux) kubernetes/go-client-compatible");
};

// A Kubernetes API client for one cluster. Lives on one thread (its cluster's worker thread) and must be used from
// it; callbacks run in their context object's thread and are dropped when that object is gone. Every request has a
// transfer timeout; every reply is owned, aborted in the destructor and deleted on every path. A 401 is answered by
// telling the CredentialSource which generation of credentials was rejected (each request carries it) and retrying
// once with what it hands back; any other answer tells it that generation was accepted.
class KubeClient : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const KubeResponse &)>;
    using ListCallback = std::function<void(const ListResult &)>;
    // One page of a LIST as it arrives. `restarted`: the list started over (its continue token expired), so the
    // pages delivered before this one belong to an older snapshot.
    using PageCallback = std::function<void(const ListPage &page, bool restarted)>;

    KubeClient(ClusterConfig config, std::shared_ptr<CredentialSource> credentials, ClientOptions options = {},
               QObject *parent = nullptr);
    ~KubeClient() override;

    const ClusterConfig &config() const { return m_config; }
    const ClientOptions &options() const { return m_options; }
    int inFlight() const { return int(m_replies.size()); }

    void send(const KubeRequest &request, QObject *context, Callback done);
    void get(const QString &path, QObject *context, Callback done);
    // LIST with pagination (limit/continue). `query` may carry labelSelector/fieldSelector. With `onPage`, each
    // page goes to it as it arrives and is not kept: `done` then gets no items, only the outcome (a caller that
    // folds pages into its own structures never holds the whole list twice).
    void list(const ResourceKind &kind, const QString &ns, QObject *context, ListCallback done,
              const QUrlQuery &query = {}, PageCallback onPage = {});
    void mergePatch(const QString &path, const QJsonObject &patch, QObject *context, Callback done);
    void jsonPatch(const QString &path, const QJsonArray &operations, QObject *context, Callback done);
    void post(const QString &path, const QJsonObject &body, QObject *context, Callback done);

    // A WATCH from `resourceVersion` with bookmarks; not started. Owned by `parent`.
    WatchStream *watch(const ResourceKind &kind, const QString &ns, const QString &resourceVersion, int timeoutSeconds,
                       int idleTimeoutMs, QObject *parent, const QUrlQuery &query = {});

    // For WatchStream: fetch credentials and build a request for `url`. `rejected`: the generation a 401 answered
    // (nullopt for a first attempt). The request carries the generation it was built with (generationOf()).
    void prepare(const QUrl &url, std::optional<quint64> rejected, QObject *context,
                 std::function<void(Result<QNetworkRequest>)> done);
    static quint64 generationOf(const QNetworkRequest &request);
    // The server answered a request of this generation with something other than 401.
    void credentialsAccepted(quint64 generation) { m_credentials->accepted(generation); }
    QUrl urlFor(const QString &path, const QUrlQuery &query) const;

private:
    void attempt(const KubeRequest &request, std::optional<quint64> rejected, QObject *context, Callback done);
    struct ListRun;
    void listPage(std::shared_ptr<ListRun> run, const QString &continueToken);
    QNetworkAccessManager *watchManager();

    ClusterConfig m_config;
    std::shared_ptr<CredentialSource> m_credentials;
    ClientOptions m_options;
    QNetworkAccessManager *m_manager;
    std::vector<QNetworkAccessManager *> m_watchManagers;
    QSet<QNetworkReply *> m_replies;
};

} // namespace rolldeck::kube
