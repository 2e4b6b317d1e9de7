#include "kube/KubeconfigCredentials.h"

#include "kube/TlsConfig.h"

#include <QElapsedTimer>
#include <QMetaObject>
#include <QThread>

namespace rolldeck::kube {

namespace {
// Requests that were in flight with the old credentials come back with 401 after a refresh already replaced them.
// The seam does not say which credentials a request used, so a refresh this soon after a refresh is taken as one
// of those late answers and served the fresh credentials instead of running the plugin again.
constexpr qint64 kRefreshSettleMs = 2000;
} // namespace

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
            const bool justRefreshed = m_lastRefresh.isValid() && m_lastRefresh.elapsed() < kRefreshSettleMs;
            if (!justRefreshed && !m_provider->isFetching()) {
                m_provider->invalidate(m_lastGeneration);
                m_refreshing = true;
            }
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
    if (m_refreshing && credentials.generation != m_lastGeneration)
        m_lastRefresh.start();
    m_refreshing = false;
    m_lastGeneration = credentials.generation;
    const AuthMaterial m = materialFrom(credentials);
    const QList<Waiter> waiters = std::exchange(m_waiters, {});
    for (const Waiter &w : waiters)
        runIn(w.context, [done = w.done, m] { done(m); });
}

void KubeconfigCredentials::onFailed(const QString &message)
{
    m_refreshing = false;
    const QList<Waiter> waiters = std::exchange(m_waiters, {});
    for (const Waiter &w : waiters)
        runIn(w.context, [done = w.done, message] { done(Result<AuthMaterial>::failure(message)); });
}

} // namespace rolldeck::kube
