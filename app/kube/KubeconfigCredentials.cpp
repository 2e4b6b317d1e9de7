#include "kube/KubeconfigCredentials.h"

#include "kube/CredentialProvider.h"
#include "kube/TlsConfig.h"

#include <QElapsedTimer>
#include <QList>
#include <QMetaObject>

namespace rolldeck::kube {

namespace {
// Requests that were in flight with the old credentials come back with 401 after a refresh already replaced them.
// The seam does not say which credentials a request used, so a refresh this soon after a refresh is taken as one
// of those and answered with the fresh credentials instead of running the plugin again.
constexpr qint64 kRefreshSettleMs = 2000;
} // namespace

// Lives in the thread that created it, next to its CredentialProvider; collects waiters from any thread and answers
// each in its own context's thread.
class CredentialBridge : public QObject
{
    Q_OBJECT
public:
    CredentialBridge(const ClusterConfig &config, QSslConfiguration ssl)
        : m_provider(new CredentialProvider(config, this)), m_ssl(std::move(ssl))
    {
        connect(m_provider, &CredentialProvider::ready, this, &CredentialBridge::onReady);
        connect(m_provider, &CredentialProvider::failed, this, &CredentialBridge::onFailed);
    }

    CredentialProvider *provider() const { return m_provider; }

    void request(bool refresh, QPointer<QObject> context, std::function<void(Result<AuthMaterial>)> done)
    {
        if (refresh && !m_provider->isFetching()) {
            const bool justRefreshed = m_lastRefresh.isValid() && m_lastRefresh.elapsed() < kRefreshSettleMs;
            if (!justRefreshed) {
                m_provider->invalidate(m_lastGeneration);
                m_refreshing = true;
            }
        }
        m_waiters.append({std::move(context), std::move(done)});
        m_provider->fetch();
    }

private:
    struct Waiter
    {
        QPointer<QObject> context;
        std::function<void(Result<AuthMaterial>)> done;
    };

    void onReady(const Credentials &credentials)
    {
        if (credentials.generation != m_lastGeneration && m_refreshing)
            m_lastRefresh.start();
        m_refreshing = false;
        m_lastGeneration = credentials.generation;
        AuthMaterial material;
        material.authorization = credentials.authorization;
        material.ssl = m_ssl;
        applyClientCertificate(material.ssl, credentials);
        answer(Result<AuthMaterial>(material));
    }

    void onFailed(const QString &message)
    {
        m_refreshing = false;
        answer(Result<AuthMaterial>::failure(message));
    }

    void answer(const Result<AuthMaterial> &result)
    {
        const QList<Waiter> waiters = std::exchange(m_waiters, {});
        for (const Waiter &w : waiters) {
            if (w.context)
                runIn(w.context, [done = w.done, result] { done(result); });
        }
    }

    CredentialProvider *m_provider;
    QSslConfiguration m_ssl;
    QList<Waiter> m_waiters;
    quint64 m_lastGeneration = 0;
    bool m_refreshing = false;
    QElapsedTimer m_lastRefresh; // since credentials obtained by a refresh arrived
};

Result<std::shared_ptr<KubeconfigCredentials>> KubeconfigCredentials::create(const ClusterConfig &config)
{
    Result<QSslConfiguration> ssl = sslConfigurationFor(config);
    if (!ssl)
        return Result<std::shared_ptr<KubeconfigCredentials>>::failure(ssl.error());
    std::shared_ptr<KubeconfigCredentials> source(new KubeconfigCredentials);
    source->m_bridge = new CredentialBridge(config, *ssl);
    return source;
}

KubeconfigCredentials::~KubeconfigCredentials()
{
    if (m_bridge)
        m_bridge->deleteLater(); // in its own thread; kills a running plugin there
}

void KubeconfigCredentials::setPluginTimeout(std::chrono::milliseconds timeout)
{
    if (m_bridge)
        m_bridge->provider()->setPluginTimeout(timeout);
}

void KubeconfigCredentials::fetch(bool refresh, QObject *context, std::function<void(Result<AuthMaterial>)> done)
{
    QPointer<CredentialBridge> bridge = m_bridge;
    if (!bridge) {
        runIn(context, [done = std::move(done)] {
            done(Result<AuthMaterial>::failure(QStringLiteral("credentials are no longer available")));
        });
        return;
    }
    QMetaObject::invokeMethod(
        bridge,
        [bridge, refresh, context = QPointer<QObject>(context), done = std::move(done)]() mutable {
            if (bridge)
                bridge->request(refresh, std::move(context), std::move(done));
        },
        Qt::QueuedConnection);
}

} // namespace rolldeck::kube

#include "KubeconfigCredentials.moc"
