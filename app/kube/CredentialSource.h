#pragma once

#include "models/domain/Result.h"

#include <QByteArray>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>

#include <functional>
#include <optional>

namespace rolldeck::kube {

// What a request needs to authenticate: the Authorization header value and the TLS configuration (cluster CA,
// client certificate and key, verify mode). Never logged.
struct AuthMaterial
{
    QByteArray authorization; // "Bearer …" / "Basic …", empty for none
    QSslConfiguration ssl;    // used for https servers; QSslConfiguration::defaultConfiguration() when not set
    // Which credentials these are: a new number each time the source obtains new ones. A request carries it, so
    // that a 401 names the credentials the server rejected.
    quint64 generation = 0;
};

// The seam between the Kubernetes client and whoever knows the user's credentials (kubeconfig tokens, token files,
// exec plugins, client certificates). Implementations must be callable from any thread: the client lives on its
// cluster's worker thread. `done` runs in `context`'s thread, later or right away; it is dropped if `context` dies.
class CredentialSource
{
public:
    virtual ~CredentialSource() = default;

    // The current credentials. `rejected` is set after the server answered 401 to a request sent with that
    // generation: when it is still the current one, drop it and obtain fresh credentials (re-read the token file,
    // re-run the exec plugin) once, however many requests report it meanwhile; when newer credentials already
    // replaced it, answer with those. The client reports a rejection at most once per request.
    virtual void fetch(std::optional<quint64> rejected, QObject *context,
                       std::function<void(Result<AuthMaterial>)> done) = 0;
    // The server accepted a request sent with this generation (it answered, and not with 401). Any thread; cheap.
    virtual void accepted(quint64 generation) { Q_UNUSED(generation) }
};

// Credentials that never change (a kubeconfig token, a client certificate, or none). Refreshing returns the same.
class StaticCredentials : public CredentialSource
{
public:
    StaticCredentials() = default;
    explicit StaticCredentials(AuthMaterial material);
    static std::shared_ptr<StaticCredentials> bearer(const QByteArray &token,
                                                     const QSslConfiguration &ssl = QSslConfiguration());

    // New credentials: a new generation.
    void setMaterial(const AuthMaterial &material);
    void fetch(std::optional<quint64> rejected, QObject *context,
               std::function<void(Result<AuthMaterial>)> done) override;

private:
    mutable QMutex m_mutex;
    AuthMaterial m_material;
    quint64 m_generation = 1;
};

// Runs `fn` in `context`'s thread (queued unless already there), dropped if `context` is gone by then.
void runIn(QObject *context, std::function<void()> fn);

} // namespace rolldeck::kube
