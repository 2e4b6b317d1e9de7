#pragma once

#include "Result.h"

#include <QByteArray>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>

#include <functional>

namespace rolldeck::kube {

// What a request needs to authenticate: the Authorization header value and the TLS configuration (cluster CA,
// client certificate and key, verify mode). Never logged.
struct AuthMaterial
{
    QByteArray authorization; // "Bearer …" / "Basic …", empty for none
    QSslConfiguration ssl;    // used for https servers; QSslConfiguration::defaultConfiguration() when not set
};

// The seam between the Kubernetes client and whoever knows the user's credentials (kubeconfig tokens, token files,
// exec plugins, client certificates). Implementations must be callable from any thread: the client lives on its
// cluster's worker thread. `done` runs in `context`'s thread, later or right away; it is dropped if `context` dies.
class CredentialSource
{
public:
    virtual ~CredentialSource() = default;

    // The current credentials. `refresh` is true after the server answered 401: drop any cached token and obtain
    // a fresh one (re-read the token file, re-run the exec plugin). The client asks at most once per request.
    virtual void fetch(bool refresh, QObject *context, std::function<void(Result<AuthMaterial>)> done) = 0;
};

// Credentials that never change (a kubeconfig token, a client certificate, or none). Refreshing returns the same.
class StaticCredentials : public CredentialSource
{
public:
    StaticCredentials() = default;
    explicit StaticCredentials(AuthMaterial material);
    static std::shared_ptr<StaticCredentials> bearer(const QByteArray &token,
                                                     const QSslConfiguration &ssl = QSslConfiguration());

    void setMaterial(const AuthMaterial &material);
    void fetch(bool refresh, QObject *context, std::function<void(Result<AuthMaterial>)> done) override;

private:
    mutable QMutex m_mutex;
    AuthMaterial m_material;
};

// Runs `fn` in `context`'s thread (queued unless already there), dropped if `context` is gone by then.
void runIn(QObject *context, std::function<void()> fn);

} // namespace rolldeck::kube
