#pragma once

#include "kube/ClusterConfig.h"
#include "kube/CredentialSource.h"
#include "kube/Informer.h"
#include "kube/KubeClient.h"
#include "kube/ResourceCache.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QThread>

#include <memory>

namespace rolldeck::kube {

class AccessReview;

struct ConnectionOptions
{
    ClientOptions client;
    InformerOptions informer;
    // Pacing of the caches' deliveries to the GUI thread (ResourceCache): at most one per interval, each held to
    // the budget. A headless client has no frames to keep: `headless()` delivers as fast as it can.
    int frameBudgetMs = 4;
    static ConnectionOptions headless()
    {
        ConnectionOptions o;
        o.informer.flushIntervalMs = 0;
        o.frameBudgetMs = 1000;
        return o;
    }
};

// Everything Rolldeck holds for one cluster (one kubeconfig context): a worker thread with the KubeClient and the
// informers, and on the GUI thread their ResourceCaches. Caches are created on first use and connect lazily; a
// cache nobody needs any more is released. Clusters are independent: one down does not touch another.
// All methods are for the thread that created the connection (the GUI thread).
class ClusterConnection : public QObject
{
    Q_OBJECT
public:
    ClusterConnection(ClusterConfig config, std::shared_ptr<CredentialSource> credentials,
                      ConnectionOptions options = {}, QObject *parent = nullptr);
    ~ClusterConnection() override;

    const ClusterConfig &config() const { return m_config; }
    const QString &contextName() const { return m_config.contextName; }

    // The live cache of `kind` in `ns` (empty: all namespaces), optionally narrowed by a label selector and a
    // field selector ("metadata.name=api"). Created and started on first call; the same object afterwards.
    // Every call counts as one user of the cache (views share caches: the list and an open detail may both
    // watch the same kind).
    ResourceCache *cache(const ResourceKind &kind, const QString &ns = {}, const QString &labelSelector = {},
                         const QString &fieldSelector = {});
    // One user lets go of `cache`; when the last one does, the informer stops and both are deleted (later).
    void release(ResourceCache *cache);
    // How many users hold `cache` (0: not a cache of this connection).
    int users(const ResourceCache *cache) const;
    QList<ResourceCache *> caches() const { return m_caches.values(); }

    // One request on the worker thread; `done` runs in `context`'s thread.
    void send(const KubeRequest &request, QObject *context, KubeClient::Callback done);
    // A LIST on the worker thread (KubeClient::list); with `onPage`, page by page.
    void list(const ResourceKind &kind, const QString &ns, QObject *context, KubeClient::ListCallback done,
              KubeClient::PageCallback onPage = {});

    // Permission checks and identity for this cluster.
    AccessReview *access() const { return m_access; }

private:
    static QString key(const ResourceKind &kind, const QString &ns, const QString &labelSelector,
                       const QString &fieldSelector);

    ClusterConfig m_config;
    ConnectionOptions m_options;
    QThread m_thread;
    // Also held here, so that the last reference goes on this thread once the worker is gone, not on the worker
    // (KubeconfigCredentials then ends a running plugin at once, even when no event loop runs any more).
    std::shared_ptr<CredentialSource> m_credentials;
    KubeClient *m_client = nullptr;                 // lives in m_thread
    QHash<ResourceCache *, Informer *> m_informers; // informers live in m_thread
    QHash<QString, ResourceCache *> m_caches;
    QHash<const ResourceCache *, QString> m_keys;
    QHash<const ResourceCache *, int> m_users;
    AccessReview *m_access = nullptr;
};

} // namespace rolldeck::kube
