#pragma once

#include "kube/ClusterConfig.h"
#include "kube/CredentialProvider.h"
#include "kube/CredentialSource.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>

#include <atomic>
#include <memory>
#include <optional>

namespace rolldeck::kube {

// The kubeconfig's credentials for one context (tokens, token files, basic auth, client certificates, exec plugins;
// all from CredentialProvider) as the client's CredentialSource, with the context's TLS configuration. Lives on the
// thread that creates it (the provider runs plugins there); fetch() and accepted() may be called from any thread.
//
// After a 401, by generation: a request sent with credentials older than the current ones is simply answered with
// the current ones; a request sent with the current ones invalidates them and starts one refresh, which every
// other request rejected meanwhile joins. So N concurrent 401s run an exec plugin once, and a late 401 from before
// a refresh runs it not at all. A plugin (or token file) whose fresh credentials keep being rejected is re-run at
// most kMaxRejectedInARow times in a row; then a rejection fails at once with a message saying so (no spinning),
// until credentials are accepted again or kRejectedHoldoffMs has passed.
class KubeconfigCredentials : public QObject, public CredentialSource
{
    Q_OBJECT
public:
    static constexpr int kMaxRejectedInARow = 3;
    static constexpr qint64 kRejectedHoldoffMs = 60000;

    // Fails when the context's TLS configuration cannot be built (unreadable CA, bad proxy-url). The object is
    // deleted on its own thread, and any plugin it runs ends with it on every path: dropped on its own thread with
    // no event loop running (after the console's loop has ended), at once; else by deleteLater(), with the plugin
    // killed at once when another thread drops it.
    static Result<std::shared_ptr<KubeconfigCredentials>> create(const ClusterConfig &config);

    void fetch(std::optional<quint64> rejected, QObject *context,
               std::function<void(Result<AuthMaterial>)> done) override;
    void accepted(quint64 generation) override;
    CredentialProvider *provider() const { return m_provider; }

private:
    KubeconfigCredentials(const ClusterConfig &config, QSslConfiguration ssl);
    static void destroy(KubeconfigCredentials *credentials);
    void onFetch(std::optional<quint64> rejected, const QPointer<QObject> &context,
                 std::function<void(Result<AuthMaterial>)> done);
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
    quint64 m_current = 0;              // the generation last handed out
    std::optional<quint64> m_replacing; // a refresh replacing this (rejected) generation is under way
    int m_rejectedInARow = 0;           // refreshes since credentials were last accepted
    QElapsedTimer m_blockedSince;       // valid while refreshes are refused after too many rejections
    std::atomic<quint64> m_accepted{0}; // the newest generation the server accepted
    QList<Waiter> m_waiters;
};

} // namespace rolldeck::kube
