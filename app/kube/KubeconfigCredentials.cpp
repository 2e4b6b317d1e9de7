#include "kube/KubeconfigCredentials.h"

#include "kube/TlsConfig.h"

#include <QMetaObject>
#include <QThread>

namespace rolldeck::kube {

Result<std::shared_ptr<KubeconfigCredentials>> KubeconfigCredentials::create(const ClusterConfig &config)
{
    Result<QSslConfiguration> ssl = sslConfigurationFor(config);
    if (!ssl.ok())
        return Result<std::shared_ptr<KubeconfigCredentials>>::failure(ssl.error());
    // Deleted on its own thread whichever thread drops the last reference (the client's worker, usually).
    return std::shared_ptr<KubeconfigCredentials>(new KubeconfigCredentials(config, *ssl),
                                                  [](KubeconfigCredentials *c) { c->deleteLater(); });
}

KubeconfigCredentials::KubeconfigCredentials(const ClusterConfig &config, QSslConfiguration ssl)
    : m_provider(new CredentialProvider(config, this)), m_ssl(std::move(ssl))
{
    connect(m_provider, &CredentialProvider::ready, this, &KubeconfigCredentials::onReady);
    connect(m_provider, &CredentialProvider::failed, this, &KubeconfigCredentials::onFailed);
}

AuthMaterial KubeconfigCredentials::materialFrom(const Credentials &credentials) const
{
    AuthMaterial m;
    m.authorization = credentials.authorization;
    m.ssl = m_ssl;
    applyClientCertificate(m.ssl, credentials);
    return m;
}

void KubeconfigCredentials::fetch(bool refresh, QObject *context, std::function<void(Result<AuthMaterial>)> done)
{
    QPointer<QObject> ctx(context);
    auto work = [this, refresh, ctx, done = std::move(done)]() mutable {
        if (refresh) {
            m_provider->invalidate(m_lastGeneration);
        } else if (const std::optional<Credentials> cached = m_provider->cached()) {
            m_lastGeneration = cached->generation;
            const AuthMaterial m = materialFrom(*cached);
            runIn(ctx, [done, m] { done(m); });
            return;
        }
        m_waiters.append({ctx, std::move(done)});
        m_provider->fetch();
    };
    if (thread() == QThread::currentThread())
        work();
    else
        QMetaObject::invokeMethod(this, std::move(work), Qt::QueuedConnection);
}

void KubeconfigCredentials::onReady(const Credentials &credentials)
{
    m_lastGeneration = credentials.generation;
    const AuthMaterial m = materialFrom(credentials);
    const QList<Waiter> waiters = std::exchange(m_waiters, {});
    for (const Waiter &w : waiters)
        runIn(w.context, [done = w.done, m] { done(m); });
}

void KubeconfigCredentials::onFailed(const QString &message)
{
    const QList<Waiter> waiters = std::exchange(m_waiters, {});
    for (const Waiter &w : waiters)
        runIn(w.context, [done = w.done, message] { done(Result<AuthMaterial>::failure(message)); });
}

} // namespace rolldeck::kube
