#include "ExperimentsController.h"

#include "kube/ClusterConnection.h"
#include "kube/ResourceCache.h"
#include "kube/ResourceKind.h"
#include "secrets/WorkspaceSecrets.h"

#include <algorithm>

namespace rolldeck::abtest {

namespace {

QString keyOf(const stats::ExperimentSnapshot &s)
{
    return s.route.context + u'\x1f' + s.ns + u'\x1f' + s.name + u'\x1f' + s.route.virtualService;
}

} // namespace

ExperimentsController::ExperimentsController(QObject *parent) : QObject(parent)
{
    m_timer.setInterval(10000);
    connect(&m_timer, &QTimer::timeout, this, &ExperimentsController::refresh);
}

ExperimentsController::~ExperimentsController()
{
    releaseWatches();
}

void ExperimentsController::watch(kube::ClusterConnection *connection, const QString &ns)
{
    Watch w;
    w.connection = connection;
    w.cache = connection->cache(kube::ResourceKind::virtualServices(), ns);
    // A new, changed or removed VirtualService (an edited split, a new test) shows at once.
    connect(w.cache, &kube::ResourceCache::changed, this, [this] {
        if (m_timer.isActive())
            refresh();
    });
    m_watches.append(w);
    if (m_timer.isActive())
        refresh();
}

void ExperimentsController::releaseWatches()
{
    for (const Watch &w : std::as_const(m_watches)) {
        if (w.cache)
            disconnect(w.cache, nullptr, this, nullptr);
        if (w.connection && w.cache)
            w.connection->release(w.cache);
    }
    m_watches.clear();
}

void ExperimentsController::clearWatches()
{
    releaseWatches();
    ++m_generation;
    m_outstanding = 0;
    m_round.clear();
    if (!m_snapshots.isEmpty()) {
        m_snapshots.clear();
        emit snapshotsChanged(m_snapshots);
    }
}

void ExperimentsController::setEndpoints(EndpointFor endpoints)
{
    m_endpoints = std::move(endpoints);
    m_clients.clear(); // their requests are cancelled; the round's answers come no more
    if (m_outstanding > 0) {
        ++m_generation;
        m_outstanding = 0;
        m_round.clear();
    }
}

void ExperimentsController::setSecrets(WorkspaceSecrets *secrets)
{
    m_secrets = secrets;
    for (const auto &client : std::as_const(m_clients))
        client->setSecrets(secrets);
}

void ExperimentsController::setInterval(std::chrono::milliseconds interval)
{
    m_timer.setInterval(int(interval.count()));
}

void ExperimentsController::start()
{
    m_timer.start();
    refresh();
}

void ExperimentsController::stop()
{
    m_timer.stop();
}

prom::PrometheusClient *ExperimentsController::clientFor(const prom::PromEndpoint &endpoint)
{
    const QString key = endpoint.url.toString() + u'\x1f' + endpoint.username + u'\x1f' + endpoint.credential.key;
    auto it = m_clients.find(key);
    if (it == m_clients.end()) {
        auto client = std::make_shared<prom::PrometheusClient>(endpoint);
        client->setSecrets(m_secrets);
        client->setTimeout(std::max(std::chrono::milliseconds(m_timer.interval()), std::chrono::milliseconds(5000)));
        it = m_clients.insert(key, client);
    }
    return it.value().get();
}

void ExperimentsController::refresh()
{
    if (m_outstanding > 0) {
        m_again = true;
        return;
    }
    m_again = false;
    m_round.clear();
    const quint64 generation = m_generation;
    QList<std::pair<ExperimentSpec, prom::PrometheusClient *>> reads;
    for (const Watch &w : std::as_const(m_watches)) {
        if (!w.cache || !w.connection)
            continue;
        for (const QJsonObject &vs : w.cache->objects()) {
            if (!isAbTestVirtualService(vs))
                continue;
            const Result<ExperimentSpec> spec = experimentFromVirtualService(vs, w.connection->contextName());
            if (!spec) {
                stats::ExperimentSnapshot s;
                const QJsonObject meta = vs.value(QLatin1String("metadata")).toObject();
                s.ns = meta.value(QLatin1String("namespace")).toString();
                s.name = meta.value(QLatin1String("annotations"))
                             .toObject()
                             .value(QLatin1String(kAbTestAnnotation))
                             .toString();
                s.route.context = w.connection->contextName();
                s.route.ns = s.ns;
                s.route.virtualService = meta.value(QLatin1String("name")).toString();
                s.route.resourceVersion = meta.value(QLatin1String("resourceVersion")).toString();
                s.readAt = QDateTime::currentDateTimeUtc();
                s.error = spec.error();
                m_round.append(s);
                continue;
            }
            const std::optional<prom::PromEndpoint> endpoint =
                m_endpoints ? m_endpoints(spec->route.context, spec->ns) : std::nullopt;
            if (!endpoint || endpoint->url.isEmpty()) {
                stats::ExperimentSnapshot s;
                s.ns = spec->ns;
                s.name = spec->name;
                s.route = spec->route;
                s.readAt = QDateTime::currentDateTimeUtc();
                s.error = tr("no Prometheus is configured for %1/%2 (the workspace's environment names none)")
                              .arg(spec->route.context, spec->ns);
                m_round.append(s);
                continue;
            }
            reads.append({*spec, clientFor(*endpoint)});
        }
    }
    m_outstanding = int(reads.size());
    for (const auto &[spec, client] : std::as_const(reads)) {
        m_reader.read(spec, client, [this, generation](const stats::ExperimentSnapshot &s) {
            if (generation != m_generation)
                return;
            m_round.append(s);
            if (--m_outstanding == 0)
                finishRound();
        });
    }
    if (reads.isEmpty())
        finishRound();
}

void ExperimentsController::finishRound()
{
    // A failed read keeps the last report it had, with the reason.
    QHash<QString, const stats::ExperimentSnapshot *> previous;
    for (const stats::ExperimentSnapshot &s : std::as_const(m_snapshots))
        previous.insert(keyOf(s), &s);
    for (stats::ExperimentSnapshot &s : m_round) {
        const stats::ExperimentSnapshot *old = previous.value(keyOf(s));
        if (!s.error.isEmpty() && old) {
            s.input = old->input;
            s.report = old->report;
        }
    }
    std::sort(m_round.begin(), m_round.end(),
              [](const stats::ExperimentSnapshot &a, const stats::ExperimentSnapshot &b) {
                  return std::tie(a.ns, a.name, a.route.context) < std::tie(b.ns, b.name, b.route.context);
              });
    m_snapshots = m_round;
    m_round.clear();
    emit snapshotsChanged(m_snapshots);
    if (m_again)
        QTimer::singleShot(0, this, &ExperimentsController::refresh);
}

} // namespace rolldeck::abtest
