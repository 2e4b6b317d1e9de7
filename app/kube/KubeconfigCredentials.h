#pragma once

#include "kube/ClusterConfig.h"
#include "kube/CredentialProvider.h"
#include "kube/CredentialSource.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>

#include <memory>

namespace rolldeck::kube {

// The kubeconfig's credentials for one context (tokens, token files, basic auth, client certificates, exec plugins;
// all from CredentialProvider) as the client's CredentialSource, with the context's TLS configuration. Lives on the
// thread that creates it (the provider runs plugins there); fetch() may be called from any thread. A refresh after
// a 401 invalidates the generation that was rejected, so many failing requests cause one plugin run.
class KubeconfigCredentials : public QObject, public CredentialSource
{
    Q_OBJECT
public:
    // Fails when the context's TLS configuration cannot be built (unreadable CA, bad proxy-url).
    static Result<std::shared_ptr<KubeconfigCredentials>> create(const ClusterConfig &config);

    void fetch(bool refresh, QObject *context, std::function<void(Result<AuthMaterial>)> done) override;
    CredentialProvider *provider() const { return m_provider; }

private:
    KubeconfigCredentials(const ClusterConfig &config, QSslConfiguration ssl);
    void onReady(const Credentials &credentials);
    void onFailed(const QString &message);
    AuthMaterial materialFrom(const Credentials &credentials) const;

    struct Waiter
    {
        QPointer<QObject> context;
        std::function<void(Result<AuthMaterial>)> done;
    };

    CredentialProvider *m_provider;
    QSslConfiguration m_ssl;
    quint64 m_lastGeneration = 0;
    bool m_refreshing = false;   // a refresh asked the provider for new credentials
    QElapsedTimer m_lastRefresh; // since credentials obtained by a refresh arrived
    QList<Waiter> m_waiters;
};

} // namespace rolldeck::kube
