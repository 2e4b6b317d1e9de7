#pragma once

// Credentials at request time, one provider per kubeconfig context.
//
// Usage (the kube client):
//     auto *creds = new kube::CredentialProvider(clusterConfig, this);
//     connect(creds, &kube::CredentialProvider::ready, this, [this](const kube::Credentials &c) { send(c); });
//     connect(creds, &kube::CredentialProvider::failed, this, [this](const QString &why) { markStale(why); });
//     creds->fetch();                       // always answers later (queued), never inside the call
//     ...on HTTP 401: creds->invalidate(c.generation); creds->fetch();   // re-reads tokenFile / re-runs the plugin
// Then kube::prepareRequest(request, clusterConfig, tls, c) from TlsConfig.h puts them on a QNetworkRequest.
//
// Sources: inline token, tokenFile (re-read after 60 s or a 401), basic auth, client certificate + key from
// the kubeconfig, and exec credential plugins (client.authentication.k8s.io/v1 and v1beta1), run with
// QProcess asynchronously, cached until status.expirationTimestamp, killed after pluginTimeout().
// Concurrent fetch() calls share one plugin run; ready()/failed() is broadcast to all waiters.

#include "kube/ClusterConfig.h"

#include <QByteArray>
#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QSslKey>

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>

class QProcess;
class QTimer;

namespace rolldeck::kube {

// What a request to the API server carries to prove who it is, as CredentialProvider yields it.
// Secret material: never log any of it.
struct Credentials
{
    QByteArray authorization;          // full header value ("Bearer …", "Basic …"); empty = no header
    QSslCertificate clientCertificate; // null = no client certificate
    QSslKey clientKey;
    QDateTime expiresAt;    // when an exec plugin said these expire; invalid = no expiry
    quint64 generation = 0; // pass back to CredentialProvider::invalidate() after a 401

    bool hasClientCertificate() const { return !clientCertificate.isNull() && !clientKey.isNull(); }
};

class CredentialProvider : public QObject
{
    Q_OBJECT
public:
    explicit CredentialProvider(ClusterConfig config, QObject *parent = nullptr);
    ~CredentialProvider() override;

    const ClusterConfig &config() const { return m_config; }

    // Obtains credentials; emits ready() or failed() later (queued), never synchronously.
    void fetch();
    // The server rejected credentials of this generation (HTTP 401): the next fetch() gets fresh ones.
    // generation 0 invalidates unconditionally. Invalidating an older generation than the cache is a no-op,
    // so many requests failing with the same credentials cause one plugin run, not many.
    void invalidate(quint64 generation = 0);
    // Valid cached credentials, without I/O (a fast path for callers); nullopt = call fetch().
    std::optional<Credentials> cached() const;
    bool isFetching() const;
    // While an exec plugin runs, which one and for how long ("exec plugin "x" of user "y", running for 30 s"), for
    // a caller that gives up waiting; else empty.
    QString runningPlugin() const;
    // From any thread: SIGKILL to the running exec plugin and what it started, at once (the provider's own thread
    // still reaps it). For an owner that lets go of the provider from another thread, whose deletion may come late.
    void killRunningPlugin();

    // How long an exec plugin may run before it is killed and reported (default 60 s).
    void setPluginTimeout(std::chrono::milliseconds timeout) { m_pluginTimeout = timeout; }
    std::chrono::milliseconds pluginTimeout() const { return m_pluginTimeout; }
    // Test seam: the clock used for expirationTimestamp and the tokenFile re-read period.
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

signals:
    void ready(const rolldeck::kube::Credentials &credentials);
    void failed(const QString &message);

private:
    void startFetch();
    void readTokenFile();
    void runExecPlugin();
    void onPluginFinished(int exitCode, bool crashed);
    void onPluginTimeout();
    void succeed(Credentials credentials);
    void fail(const QString &message);
    bool usesExecPlugin() const;
    bool cacheValid() const;
    QDateTime now() const;
    QByteArray execInfo() const;

    ClusterConfig m_config;
    std::optional<Credentials> m_cache;
    QDateTime m_cachedAt;
    quint64 m_generation = 0;
    bool m_fetching = false;
    QPointer<QProcess> m_process;
    std::atomic<qint64> m_pluginPid{0}; // m_process's PID while it runs, for killRunningPlugin()
    QTimer *m_pluginTimer = nullptr;
    QByteArray m_stdout;
    QByteArray m_stderr;
    std::chrono::milliseconds m_pluginTimeout{60000};
    std::function<QDateTime()> m_clock;
    QElapsedTimer m_pluginStarted;
};

} // namespace rolldeck::kube
