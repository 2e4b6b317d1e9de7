#include "kube/ClusterConnection.h"

#include "kube/AccessReview.h"
#include "kube/KubeLogging.h"

#include <QMetaObject>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace rolldeck::kube {

namespace {
constexpr int kWorkerNice = 5;
} // namespace

ClusterConnection::ClusterConnection(ClusterConfig config, std::shared_ptr<CredentialSource> credentials,
                                     ConnectionOptions options, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_options(std::move(options)), m_credentials(credentials)
{
    qRegisterMetaType<CacheDelta>();
    qRegisterMetaType<CacheHealth>();
    m_thread.setObjectName(QStringLiteral("kube:") + m_config.contextName);
    m_client = new KubeClient(m_config, std::move(credentials), m_options.client);
    m_client->moveToThread(&m_thread);
    m_thread.start();
#ifdef Q_OS_LINUX
    // Parsing a firehose must not take the CPU from the GUI thread: the worker runs a few nice levels lower, so
    // the scheduler lets the GUI thread in at once when it wakes (Linux sets nice per thread).
    QMetaObject::invokeMethod(
        m_client, [] { setpriority(PRIO_PROCESS, ::gettid(), kWorkerNice); }, Qt::QueuedConnection);
#endif
    m_access = new AccessReview(this, this);
}

ClusterConnection::~ClusterConnection()
{
    const QList<Informer *> informers = m_informers.values();
    KubeClient *client = m_client;
    QMetaObject::invokeMethod(
        client,
        [informers, client] {
            qDeleteAll(informers);
            delete client;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

QString ClusterConnection::key(const ResourceKind &kind, const QString &ns, const QString &labelSelector,
                               const QString &fieldSelector)
{
    return kind.displayName() + QLatin1Char('|') + ns + QLatin1Char('|') + labelSelector + QLatin1Char('|') +
           fieldSelector;
}

ResourceCache *ClusterConnection::cache(const ResourceKind &kind, const QString &ns, const QString &labelSelector,
                                        const QString &fieldSelector)
{
    const QString k = key(kind, ns, labelSelector, fieldSelector);
    if (ResourceCache *existing = m_caches.value(k)) {
        ++m_users[existing];
        return existing;
    }
    auto *cache = new ResourceCache(m_config.contextName, kind, ns, labelSelector, this);
    cache->setDeliveryInterval(m_options.informer.flushIntervalMs);
    cache->setFrameBudget(m_options.frameBudgetMs);
    cache->setReaper(m_client); // objects the cache lets go of are freed on the worker thread
    QUrlQuery selector;
    if (!labelSelector.isEmpty())
        selector.addQueryItem(QStringLiteral("labelSelector"), labelSelector);
    if (!fieldSelector.isEmpty())
        selector.addQueryItem(QStringLiteral("fieldSelector"), fieldSelector);
    auto *informer = new Informer(m_client, kind, ns, m_options.informer, nullptr, selector);
    connect(informer, &Informer::delta, cache, &ResourceCache::applyDelta, Qt::QueuedConnection);
    connect(informer, &Informer::healthChanged, cache, &ResourceCache::applyHealth, Qt::QueuedConnection);
    connect(cache, &ResourceCache::drained, informer, &Informer::acknowledge, Qt::QueuedConnection);
    informer->moveToThread(&m_thread);
    QMetaObject::invokeMethod(informer, &Informer::start, Qt::QueuedConnection);
    m_caches.insert(k, cache);
    m_keys.insert(cache, k);
    m_users.insert(cache, 1);
    m_informers.insert(cache, informer);
    return cache;
}

int ClusterConnection::users(const ResourceCache *cache) const
{
    return m_users.value(cache);
}

void ClusterConnection::release(ResourceCache *cache)
{
    const auto uses = m_users.find(cache);
    if (uses == m_users.end())
        return;
    if (--uses.value() > 0)
        return;
    m_users.erase(uses);
    Informer *informer = m_informers.take(cache);
    m_caches.remove(m_keys.take(cache));
    if (!informer)
        return;
    informer->disconnect(cache);
    informer->deleteLater(); // runs on the worker thread
    cache->deleteLater();
}

void ClusterConnection::send(const KubeRequest &request, QObject *context, KubeClient::Callback done)
{
    KubeClient *client = m_client;
    QPointer<QObject> ctx(context);
    QMetaObject::invokeMethod(
        client, [client, request, ctx, done = std::move(done)] { client->send(request, ctx, done); },
        Qt::QueuedConnection);
}

void ClusterConnection::list(const ResourceKind &kind, const QString &ns, QObject *context,
                             KubeClient::ListCallback done, KubeClient::PageCallback onPage)
{
    KubeClient *client = m_client;
    QPointer<QObject> ctx(context);
    QMetaObject::invokeMethod(
        client,
        [client, kind, ns, ctx, done = std::move(done), onPage = std::move(onPage)] {
            client->list(kind, ns, ctx, done, {}, onPage);
        },
        Qt::QueuedConnection);
}

} // namespace rolldeck::kube
