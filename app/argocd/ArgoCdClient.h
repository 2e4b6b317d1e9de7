#pragma once

#include "models/domain/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QSslConfiguration>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace rolldeck::argocd {

// Where an Argo CD API server is and how to trust it: the system CAs, or the given PEM CAs instead (as the argocd
// CLI's --server-crt does). Peer verification is always on.
struct Endpoint
{
    QUrl server; // https://argocd.example.com (no path)
    QByteArray caPem;
    int timeoutMs = 30000;
};

// An answer that is not a success, in plain words: `message` says what went wrong and what to do, naming the
// request; `serverMessage` is the server's own text (grpc-gateway's {"error","code","message"}).
struct Error
{
    int httpStatus = 0; // 0: no answer (connection, TLS, timeout)
    int grpcCode = 0;
    QString request; // "POST /api/v1/applications/web/sync"
    QString serverMessage;
    QString message;
};

struct Reply
{
    std::optional<Error> error;
    QJsonObject body;
    bool ok() const { return !error.has_value(); }
};

struct ListQuery
{
    QStringList projects;
    QString selector;
    QStringList fields; // the `fields` projection, e.g. items.metadata.name
};

struct SyncRequest
{
    QString project;
    QString revision; // a SHA, branch or tag; empty for the tracked branch
    bool prune = false;
    bool dryRun = false;
    QList<QJsonObject> resources;         // partial sync: {group, kind, name, namespace}
    QList<QPair<QString, QString>> infos; // shown in operation.info, e.g. {"reason", "…"}
};

// A resource of an application, as the resource routes name it.
struct ResourceRef
{
    QString ns;
    QString name;
    QString group = QStringLiteral("argoproj.io");
    QString version = QStringLiteral("v1alpha1");
    QString kind = QStringLiteral("Rollout");
};

// A client of the Argo CD REST API (grpc-gateway v1, docs/argocd.md): session login, applications, sync,
// rollback, terminate, the sync policy, and resource actions on Rollouts. Bearer token only; every non-GET
// request carries Content-Type: application/json (the server answers 415 otherwise, DELETE included).
class Client : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const Reply &)>;

    Client(Endpoint endpoint, QObject *parent = nullptr);
    ~Client() override;

    const Endpoint &endpoint() const { return m_endpoint; }
    void setToken(const QByteArray &token) { m_token = token; }
    bool hasToken() const { return !m_token.isEmpty(); }

    // POST /api/v1/session; the token is kept for later calls and handed to `done` (for the keychain).
    void login(const QString &username, const QString &password, QObject *context,
               std::function<void(Result<QByteArray>)> done);
    // DELETE /api/v1/session: ends the session of the token in use (Argo CD revokes it); an API token stays valid.
    void logout(QObject *context, Callback done);
    void userInfo(QObject *context, Callback done);
    void listApplications(const ListQuery &query, QObject *context, Callback done);
    void application(const QString &name, const QString &project, QObject *context, Callback done);
    // What Argo CD compares per resource: {items: [ResourceDiff]} (models/argocd/ResourceDiff reads it).
    void managedResources(const QString &name, const QString &project, QObject *context, Callback done);
    void sync(const QString &name, const SyncRequest &request, QObject *context, Callback done);
    void rollback(const QString &name, const QString &project, qint64 historyId, bool dryRun, QObject *context,
                  Callback done);
    void terminateOperation(const QString &name, const QString &project, QObject *context, Callback done);
    // Turns automated sync on (with self-heal and prune) or off, by a merge patch of spec.syncPolicy.
    void setAutoSync(const QString &name, bool enabled, QObject *context, Callback done);
    // POST …/resource/actions/v2 on a Rollout of the application: resume, restart, abort, retry, promote-full,
    // pause, skip-current-step.
    void runRolloutAction(const QString &application, const QString &project, const QString &ns, const QString &rollout,
                          const QString &action, QObject *context, Callback done);

    // One live resource of an application (reference A.11): GET …/{app}/resource?namespace&resourceName&version&
    // group&kind&project. The reply's body is the object itself (the server's `manifest` string, parsed).
    void resource(const QString &application, const QString &project, const ResourceRef &ref, QObject *context,
                  Callback done);
    // GET …/{app}/resource/actions: {"actions":[{"name","disabled",…}]} for the resource as it is now.
    void resourceActions(const QString &application, const QString &project, const ResourceRef &ref, QObject *context,
                         Callback done);
    // POST …/{app}/resource with a merge patch (sent as a JSON string literal); the body is the patched object.
    void patchResource(const QString &application, const QString &project, const ResourceRef &ref,
                       const QJsonObject &mergePatch, QObject *context, Callback done);
    // GET /api/v1/account/can-i/{resource}/{action}/{subresource}: e.g. applications,
    // action/argoproj.io/Rollout/resume, project/app. The body is {"value":"yes"|"no"}.
    void canI(const QString &resource, const QString &action, const QString &subresource, QObject *context,
              Callback done);

    // GET /api/v1/stream/applications[?resourceVersion=…&projects=…] as JSON lines. The reply stays open; the
    // caller reads it as it arrives, owns it (it is reparented to `owner`), aborts it when done, and checks the status
    // itself (errorFor()). No transfer timeout: the stream is quiet while nothing changes.
    QNetworkReply *openApplicationStream(const QString &resourceVersion, const QStringList &projects, QObject *owner);

    // The message for an answer (exposed for tests and for the stream's errors).
    static Error errorFor(const QByteArray &verb, const QString &path, int httpStatus, const QByteArray &body,
                          const QString &transportError);

private:
    void send(const QByteArray &verb, const QString &path, const QUrlQuery &query, const QJsonObject &body,
              QObject *context, Callback done);
    void sendPayload(const QByteArray &verb, const QString &path, const QUrlQuery &query, const QByteArray &payload,
                     QObject *context, Callback done);

    Endpoint m_endpoint;
    QSslConfiguration m_tls;
    QByteArray m_token;
    QNetworkAccessManager *m_manager;
    QSet<QNetworkReply *> m_replies;
};

} // namespace rolldeck::argocd
