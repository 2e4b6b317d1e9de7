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
    return std::shared_ptr<KubeconfigCredentials>(new KubeconfigCredentials(config, *ssl), &destroy);
}

void KubeconfigCredentials::destroy(KubeconfigCredentials *credentials)
{
    QThread *home = credentials->thread();
    if (home == QThread::currentThread() && home->loopLevel() == 0) {
        // No event loop runs here (it has ended, or never started): a deleteLater() would never run, and a
        // plugin still running would outlive the console. Deleting now ends and reaps it.
        delete credentials;
        return;
    }
    // A running loop deletes it soon (and QCoreApplication::exec() and QThread flush deferred deletions as they
    // end). From another thread, which cannot delete it, the plugin is killed now all the same, in case its own
    // thread never gets back to its loop.
    if (home != QThread::currentThread())
        credentials->m_provider->killRunningPlugin();
    credentials->deleteLater();
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
    m.generation = credentials.generation;
    applyClientCertificate(m.ssl, credentials);
    return m;
}

void KubeconfigCredentials::accepted(quint64 generation)
{
    quint64 seen = m_accepted.load(std::memory_order_relaxed);
    while (seen < generation && !m_accepted.compare_exchange_weak(seen, generation, std::memory_order_relaxed)) {
    }
}

void KubeconfigCredentials::fetch(std::optional<quint64> rejected, QObject *context,
                                  std::function<void(Result<AuthMaterial>)> done)
{
    QPointer<QObject> ctx(context);
    if (thread() == QThread::currentThread()) {
        onFetch(rejected, ctx, std::move(done));
        return;
    }
    QMetaObject::invokeMethod(
        this, [this, rejected, ctx, done = std::move(done)]() mutable { onFetch(rejected, ctx, std::move(done)); },
        Qt::QueuedConnection);
}

void KubeconfigCredentials::onFetch(std::optional<quint64> rejected, const QPointer<QObject> &ctx,
                                    std::function<void(Result<AuthMaterial>)> done)
{
    const std::optional<Credentials> cached = m_provider->cached();
    if (rejected) {
        const quint64 current = cached ? cached->generation : m_current;
        const bool replacedAlready = *rejected < current;                      // sent before the last refresh
        const bool refreshUnderWay = m_replacing && *m_replacing == *rejected; // another request reported it first
        if (!replacedAlready && !refreshUnderWay) {
            // The current credentials were rejected: refresh them, unless fresh ones keep being rejected.
            if (m_accepted.load(std::memory_order_relaxed) >= *rejected) {
                m_rejectedInARow = 0; // they had worked: revoked or expired, not a broken source
                m_blockedSince.invalidate();
            }
            if (m_blockedSince.isValid() && m_blockedSince.elapsed() >= kRejectedHoldoffMs) {
                m_blockedSince.invalidate();
                m_rejectedInARow = kMaxRejectedInARow - 1; // one more try after the holdoff
            }
            if (m_rejectedInARow >= kMaxRejectedInARow) {
                if (!m_blockedSince.isValid())
                    m_blockedSince.start();
                const qint64 waitSecs = (kRejectedHoldoffMs - m_blockedSince.elapsed() + 999) / 1000;
                const QString message =
                    QStringLiteral("user \"%1\": the API server rejected %2 fresh credentials in a row "
                                   "(401 Unauthorized); not obtaining new ones for %3 s. Check the user's "
                                   "credentials or exec plugin in the kubeconfig.")
                        .arg(m_provider->config().auth.userName)
                        .arg(m_rejectedInARow + 1)
                        .arg(waitSecs);
                runIn(ctx, [done = std::move(done), message] { done(Result<AuthMaterial>::failure(message)); });
                return;
            }
            ++m_rejectedInARow;
            m_provider->invalidate(*rejected);
            m_replacing = *rejected;
        }
    }
    if (!m_replacing && cached && (!rejected || *rejected < cached->generation)) {
        m_current = cached->generation;
        const AuthMaterial m = materialFrom(*cached);
        runIn(ctx, [done = std::move(done), m] { done(m); });
        return;
    }
    m_waiters.append({ctx, std::move(done)});
    m_provider->fetch();
}

void KubeconfigCredentials::onReady(const Credentials &credentials)
{
    m_replacing.reset();
    m_current = credentials.generation;
    const AuthMaterial m = materialFrom(credentials);
    const QList<Waiter> waiters = std::exchange(m_waiters, {});
    for (const Waiter &w : waiters)
        runIn(w.context, [done = w.done, m] { done(m); });
}

void KubeconfigCredentials::onFailed(const QString &message)
{
    m_replacing.reset();
    const QList<Waiter> waiters = std::exchange(m_waiters, {});
    for (const Waiter &w : waiters)
        runIn(w.context, [done = w.done, message] { done(Result<AuthMaterial>::failure(message)); });
}

} // namespace rolldeck::kube
