#include "kube/Informer.h"

#include "kube/KubeClient.h"
#include "kube/KubeLogging.h"
#include "kube/WatchStream.h"

#include <QJsonDocument>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace rolldeck::kube {

namespace {
constexpr qsizetype kTrimAfterObjects = 1000;

// What the cache keeps of an object. toJson() leaves the buffer up to twice the text's size: give that back, as the
// cache holds thousands of these.
QByteArray compactText(const QJsonObject &object)
{
    QByteArray text = QJsonDocument(object).toJson(QJsonDocument::Compact);
    text.squeeze();
    return text;
}
} // namespace

Informer::Informer(KubeClient *client, ResourceKind kind, QString ns, InformerOptions options, QObject *parent,
                   QUrlQuery selector)
    : QObject(parent), m_client(client), m_kind(std::move(kind)), m_ns(std::move(ns)), m_options(options),
      m_selector(std::move(selector)), m_retryTimer(this), m_graceTimer(this), m_flushTimer(this)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] {
        if (m_retryNext == Next::Relist || m_resourceVersion.isEmpty())
            list();
        else
            watch();
    });
    m_graceTimer.setSingleShot(true);
    connect(&m_graceTimer, &QTimer::timeout, this, &Informer::onGraceExpired);
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &Informer::flush);
}

Informer::~Informer()
{
    dropStream();
}

int Informer::backoffDelay(const InformerOptions &options, int attempt)
{
    const double exp = std::pow(2.0, std::clamp(attempt - 1, 0, 30));
    return int(std::min<double>(options.backoffMaxMs, options.backoffInitialMs * exp));
}

void Informer::start()
{
    if (m_running)
        return;
    m_running = true;
    publishHealth();
    list();
}

void Informer::stop()
{
    m_running = false;
    ++m_generation;
    m_retryTimer.stop();
    m_graceTimer.stop();
    dropStream();
    flush();
}

void Informer::dropStream()
{
    if (!m_stream)
        return;
    m_stream->disconnect(this);
    m_stream->cancel();
    m_stream->deleteLater();
    m_stream = nullptr;
}

void Informer::list()
{
    if (!m_running || !m_client)
        return;
    dropStream();
    m_listing = true;
    const int generation = m_generation;
    m_client->list(
        m_kind, m_ns, this,
        [this, generation](const ListResult &result) {
            if (generation != m_generation)
                return;
            onListed(result);
        },
        m_selector);
}

void Informer::onListed(const ListResult &result)
{
    m_listing = false;
    if (!result.ok()) {
        fail(*result.error, Next::Relist);
        return;
    }
    heard();
    m_failures = 0;
    // Reconcile: emit only what differs from what we already hold (nothing but additions on the first list).
    QHash<QString, Known> fresh;
    fresh.reserve(result.items.size());
    for (const QJsonObject &item : result.items) {
        const QString uid = uidOf(item);
        if (uid.isEmpty())
            continue;
        const QString version = resourceVersionOf(item);
        const auto old = m_known.constFind(uid);
        if (old == m_known.constEnd())
            record(Op::Added, uid, item);
        else if (old->resourceVersion != version)
            record(Op::Modified, uid, item);
        fresh.insert(uid, {version, namespaceOf(item), nameOf(item)});
    }
    for (auto it = m_known.cbegin(); it != m_known.cend(); ++it) {
        if (fresh.contains(it.key()))
            continue;
        // Gone while we were not watching: the server no longer has it, so its metadata is what there is to tell.
        QJsonObject metadata{{QStringLiteral("uid"), it.key()},
                             {QStringLiteral("name"), it->name},
                             {QStringLiteral("resourceVersion"), it->resourceVersion}};
        if (!it->ns.isEmpty())
            metadata.insert(QStringLiteral("namespace"), it->ns);
        record(Op::Deleted, it.key(), QJsonObject{{QStringLiteral("metadata"), metadata}});
    }
    m_known = std::move(fresh);
    m_resourceVersion = result.resourceVersion;
    qCDebug(lcKube) << m_client->config().contextName << m_kind.displayName() << m_ns << "listed" << m_known.size()
                    << "in" << result.pages << "pages at" << m_resourceVersion;
    flush(); // the objects reach the GUI thread before the health that says they are synced
    m_health.synced = true;
    markLive();
    watch();
}

void Informer::watch()
{
    if (!m_running || !m_client)
        return;
    if (m_resourceVersion.isEmpty()) {
        list();
        return;
    }
    dropStream();
    m_stream = m_client->watch(m_kind, m_ns, m_resourceVersion, m_options.watchTimeoutSeconds, m_options.idleTimeoutMs,
                               this, m_selector);
    connect(m_stream, &WatchStream::established, this, &Informer::onEstablished);
    connect(m_stream, &WatchStream::eventsReceived, this, &Informer::onEvents);
    connect(m_stream, &WatchStream::badLine, this, [this] {
        ++m_health.badLines;
        publishHealth();
    });
    connect(m_stream, &WatchStream::finished, this, &Informer::onStreamFinished);
    m_streamAge.start();
    m_streamEvents = 0;
    m_stream->start();
}

void Informer::onEstablished()
{
    if (m_failing)
        ++m_health.reconnects;
    markLive();
}

void Informer::onEvents(const QList<WatchEvent> &events)
{
    heard();
    for (const WatchEvent &event : events) {
        ++m_streamEvents;
        switch (event.type) {
        case WatchEvent::Type::Added:
        case WatchEvent::Type::Modified: {
            // One lookup: insert() reports through the size whether the uid was new.
            const qsizetype before = m_known.size();
            m_known.insert(event.uid, {event.resourceVersion, namespaceOf(event.object), nameOf(event.object)});
            record(m_known.size() > before ? Op::Added : Op::Modified, event.uid, event.object);
            m_resourceVersion = event.resourceVersion;
            break;
        }
        case WatchEvent::Type::Deleted: {
            if (m_known.remove(event.uid) > 0)
                record(Op::Deleted, event.uid, event.object);
            m_resourceVersion = event.resourceVersion;
            break;
        }
        case WatchEvent::Type::Bookmark: {
            if (!event.resourceVersion.isEmpty())
                m_resourceVersion = event.resourceVersion;
            break;
        }
        case WatchEvent::Type::Error: {
            const KubeError error = KubeError::fromStatus(event.object);
            dropStream();
            if (error.isGone()) {
                qCInfo(lcKube) << m_client->config().contextName << m_kind.displayName() << m_ns
                               << "watch expired (410), re-listing";
                ++m_health.relists;
                m_resourceVersion.clear();
                list();
            } else {
                fail(error, Next::Rewatch);
            }
            return;
        }
        }
    }
    m_failures = 0;
    // Under a sustained stream the worker's event loop never idles, so the flush timer could starve and batches
    // would grow without bound; deliver from here once the interval has passed.
    if (!m_pendingOrder.isEmpty() && (!m_sinceFlush.isValid() || m_sinceFlush.elapsed() >= m_options.flushIntervalMs))
        flush();
    if (m_health.lastHeard.isValid() && m_published.lastHeard.msecsTo(m_health.lastHeard) >= m_options.heardPublishMs)
        publishHealth();
}

void Informer::onStreamFinished(const std::optional<KubeError> &error)
{
    const bool quick = m_streamAge.elapsed() < 1000 && m_streamEvents == 0;
    dropStream();
    if (!m_running)
        return;
    if (!error) {
        // The server ended the watch (timeoutSeconds): resume where we are. A server that ends every watch at once
        // would make this spin, so such streams go through the backoff.
        if (quick) {
            ++m_failures;
            retry(Next::Rewatch, backoffDelay(m_options, m_failures));
        } else {
            watch();
        }
        return;
    }
    if (error->isGone()) {
        qCInfo(lcKube) << m_client->config().contextName << m_kind.displayName() << m_ns
                       << "resourceVersion too old (410), re-listing";
        ++m_health.relists;
        m_resourceVersion.clear();
        list();
        return;
    }
    fail(*error, Next::Rewatch);
}

void Informer::fail(const KubeError &error, Next next)
{
    ++m_failures;
    const double spread = m_options.backoffJitter * (2.0 * QRandomGenerator::global()->generateDouble() - 1.0);
    const int delay = std::max(1, int(backoffDelay(m_options, m_failures) * (1.0 + spread)));
    const bool idle = error.reason.startsWith(QLatin1String("watch idle"));
    const QDateTime since = idle && m_health.lastHeard.isValid() ? m_health.lastHeard : QDateTime::currentDateTimeUtc();
    const bool immediately = error.isUnauthorized() || error.isForbidden();
    qCWarning(lcKube).noquote() << (m_client ? m_client->config().contextName : QString()) << m_kind.displayName()
                                << (m_ns.isEmpty() ? QStringLiteral("(all namespaces)") : m_ns) << error.toString()
                                << "- retrying in" << delay << "ms";
    markFailing(error.cause(), since, immediately, error.isForbidden());
    retry(next, delay);
}

void Informer::retry(Next next, int delayMs)
{
    if (!m_running)
        return;
    m_retryNext = next;
    m_retryTimer.start(delayMs);
}

void Informer::markLive()
{
    m_failing = false;
    m_graceTimer.stop();
    m_pendingCause.clear();
    m_health.state = CacheHealth::State::Live;
    m_health.since = QDateTime();
    m_health.cause.clear();
    m_health.permissionDenied = false;
    publishHealth();
}

void Informer::markFailing(const QString &cause, const QDateTime &since, bool immediately, bool permissionDenied)
{
    m_failing = true;
    if (m_health.state == CacheHealth::State::Stale) {
        m_health.cause = cause;
        m_health.permissionDenied = permissionDenied;
        publishHealth();
        return;
    }
    if (!m_graceTimer.isActive())
        m_pendingSince = since;
    m_pendingCause = cause;
    m_pendingDenied = permissionDenied;
    if (immediately || m_options.staleGraceMs <= 0) {
        onGraceExpired();
        return;
    }
    if (!m_graceTimer.isActive())
        m_graceTimer.start(m_options.staleGraceMs);
}

void Informer::onGraceExpired()
{
    m_graceTimer.stop();
    if (!m_failing)
        return;
    m_health.state = CacheHealth::State::Stale;
    m_health.since = m_pendingSince.isValid() ? m_pendingSince : QDateTime::currentDateTimeUtc();
    m_health.cause = m_pendingCause;
    m_health.permissionDenied = m_pendingDenied;
    publishHealth();
}

void Informer::heard()
{
    m_health.lastHeard = QDateTime::currentDateTimeUtc();
}

void Informer::acknowledge()
{
    m_inFlight = false;
#ifdef __GLIBC__
    // A large batch (a list, a burst) leaves many megabytes of parsed objects freed in this thread's malloc arena,
    // which glibc keeps mapped: give the free pages back now that the receiver is done with them.
    if (m_inFlightSize >= kTrimAfterObjects)
        malloc_trim(0);
#endif
    m_inFlightSize = 0;
    if (!m_pendingOrder.isEmpty())
        scheduleFlush();
    else if (m_healthDeferred)
        publishHealth();
}

void Informer::publishHealth()
{
    if (!m_pendingOrder.isEmpty()) {
        // Changes recorded before this health have not gone out yet: the health goes out right after them.
        m_healthDeferred = true;
        return;
    }
    m_healthDeferred = false;
    if (m_publishedOnce && m_health == m_published && m_health.lastHeard == m_published.lastHeard)
        return;
    m_publishedOnce = true;
    m_published = m_health;
    emit healthChanged(m_health);
}

void Informer::record(Op op, const QString &uid, const QJsonObject &object)
{
    auto it = m_pending.find(uid);
    if (it == m_pending.end()) {
        m_pending.insert(uid, {op, object});
        m_pendingOrder.append(uid);
    } else {
        const Op previous = it->first;
        Op merged = op;
        if (previous == Op::Added && op == Op::Modified)
            merged = Op::Added;
        else if (previous == Op::Added && op == Op::Deleted)
            merged = Op::None;
        else if (previous == Op::Deleted && (op == Op::Added || op == Op::Modified))
            merged = Op::Modified;
        *it = {merged, object};
    }
    scheduleFlush();
}

void Informer::scheduleFlush()
{
    if (m_inFlight || m_flushTimer.isActive())
        return;
    const qint64 elapsed = m_sinceFlush.isValid() ? m_sinceFlush.elapsed() : m_options.flushIntervalMs;
    m_flushTimer.start(int(std::max<qint64>(0, m_options.flushIntervalMs - elapsed)));
}

void Informer::flush()
{
    m_flushTimer.stop();
    if (m_pendingOrder.isEmpty() || m_inFlight)
        return;
    CacheDelta d;
    d.modified.reserve(m_pendingOrder.size());
    for (const QString &uid : std::as_const(m_pendingOrder)) {
        const auto &[op, object] = *m_pending.constFind(uid);
        switch (op) {
        case Op::None:
            break;
        case Op::Added:
            d.added.append(object);
            d.addedJson.append(compactText(object));
            break;
        case Op::Modified:
            d.modified.append(object);
            d.modifiedJson.append(compactText(object));
            break;
        case Op::Deleted:
            d.deleted.append(object);
            break;
        }
    }
    m_pending.clear();
    m_pendingOrder.clear();
    m_sinceFlush.start();
    d.lastHeard = m_health.lastHeard;
    if (!d.isEmpty()) {
        m_inFlight = true;
        m_inFlightSize = d.size();
        emit delta(d);
    }
    if (m_healthDeferred)
        publishHealth();
}

} // namespace rolldeck::kube
