#pragma once

#include "kube/CacheTypes.h"
#include "kube/KubeError.h"
#include "kube/ResourceKind.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrlQuery>

#include <optional>

namespace rolldeck::kube {

class KubeClient;
class WatchStream;
struct ListResult;
struct WatchEvent;

struct InformerOptions
{
    int watchTimeoutSeconds = 290; // asked of the server; a watch it ends normally is resumed at once
    int idleTimeoutMs = 75000;     // no byte (event, bookmark) for this long: the watch is taken as hung
    int backoffInitialMs = 500;    // first retry delay after a failure, doubled per failure
    int backoffMaxMs = 30000;      // cap of the delay
    double backoffJitter = 0.2;    // ± fraction of random spread, so many caches do not retry in step
    int staleGraceMs = 1500;       // a failure not recovered from within this is flagged stale
    int flushIntervalMs = 33;      // changes are delivered at most this often (~30 per second)
    int heardPublishMs = 1000;     // a quiet stream (bookmarks only) refreshes lastHeard this often
};

// A list+watch cache of one kind in one namespace (all namespaces when empty) on one cluster. Lives on the
// cluster's worker thread next to its KubeClient; parses there and delivers coalesced CacheDelta batches, at most
// once per flushIntervalMs, through delta(), and only once the previous batch has been acknowledged (flow control:
// a slow receiver gets the newest state of each object, never a queue of every event). LIST, then WATCH from the list's
// resourceVersion with bookmarks; a stream that ends normally is resumed from the last resourceVersion; 410 Gone
// re-lists and emits only the differences; failures retry with capped exponential backoff and jitter; malformed lines
// are counted and the stream re-established. Health changes (live / connecting / stale with cause) go out through
// healthChanged().
class Informer : public QObject
{
    Q_OBJECT
public:
    Informer(KubeClient *client, ResourceKind kind, QString ns, InformerOptions options = {}, QObject *parent = nullptr,
             QUrlQuery selector = {});
    ~Informer() override;

    void start();
    void stop();
    // The receiver has applied every batch delivered so far (ResourceCache::drained): the next may go out. Until
    // then changes are coalesced here, off the GUI thread.
    void acknowledge();

    const ResourceKind &kind() const { return m_kind; }
    const QString &ns() const { return m_ns; }
    qsizetype size() const { return m_known.size(); }
    const CacheHealth &health() const { return m_health; }
    QString resourceVersion() const { return m_resourceVersion; }
    // The delay the next retry would use for failure number `attempt` (1-based), before jitter.
    static int backoffDelay(const InformerOptions &options, int attempt);

signals:
    void delta(const rolldeck::kube::CacheDelta &delta);
    void healthChanged(const rolldeck::kube::CacheHealth &health);

private:
    enum class Next { Relist, Rewatch };
    enum class Op { None, Added, Modified, Deleted };

    void list();
    void onListed(const ListResult &result);
    void watch();
    void onEstablished();
    void onEvents(const QList<WatchEvent> &events);
    void onStreamFinished(const std::optional<KubeError> &error);
    void fail(const KubeError &error, Next next);
    void retry(Next next, int delayMs);
    void markLive();
    void markFailing(const QString &cause, const QDateTime &since, bool immediately, bool permissionDenied);
    void onGraceExpired();
    void heard();
    void record(Op op, const QString &uid, const QJsonObject &object);
    void scheduleFlush();
    void flush();
    void publishHealth();
    void dropStream();

    QPointer<KubeClient> m_client;
    ResourceKind m_kind;
    QString m_ns;
    InformerOptions m_options;
    QUrlQuery m_selector;

    // What the server has, by uid: enough to tell additions from modifications and to reconcile a re-list. The
    // objects themselves live in the cache, as text.
    struct Known
    {
        QString resourceVersion;
        QString ns;
        QString name;
    };
    QHash<QString, Known> m_known;
    QString m_resourceVersion;
    WatchStream *m_stream = nullptr;
    QElapsedTimer m_streamAge;
    int m_streamEvents = 0;
    // Timers are children so that moveToThread() takes them along.
    QTimer m_retryTimer;
    QTimer m_graceTimer;
    QTimer m_flushTimer;
    bool m_running = false;
    bool m_listing = false;
    int m_failures = 0;
    int m_generation = 0; // bumps on stop/restart so late callbacks are ignored

    Next m_retryNext = Next::Relist;
    QString m_pendingCause;
    QDateTime m_pendingSince;
    bool m_pendingDenied = false;
    bool m_failing = false;

    CacheHealth m_health;
    CacheHealth m_published;
    bool m_publishedOnce = false;

    QHash<QString, std::pair<Op, QJsonObject>> m_pending;
    QList<QString> m_pendingOrder;
    QElapsedTimer m_sinceFlush;
    bool m_inFlight = false;       // a batch was delivered and not yet acknowledged
    qsizetype m_inFlightSize = 0;  // its objects
    bool m_healthDeferred = false; // a health change waits for the changes recorded before it
};

} // namespace rolldeck::kube
