#include "RollbackGuard.h"

#include "actions/ActionRoute.h"
#include "actions/ActionService.h"
#include "secrets/WorkspaceSecrets.h"
#include "models/analysis/QueryTemplate.h"
#include "models/argo/DecisionState.h"
#include "models/argo/Rollout.h"
#include "models/itemmodels/RolloutListModel.h"

#include <QLoggingCategory>

#include <cmath>

Q_LOGGING_CATEGORY(lcGuard, "rolldeck.guard")

namespace rolldeck::guard {

struct RollbackGuard::Watched
{
    QString key; // cluster/ns/name
    RolloutKey rowKey;
    QString cluster;
    QString ns;
    QString name;
    QString environment;
    bool mayAbort = false;
    QList<TriggerState> triggers;
    QList<quint64> inFlight; // per trigger: the query's id, 0 when none
    QString action;          // what the guard did in the current episode
    bool acted = false;      // an abort was attempted in the current episode
    bool seen = false;       // still in the list at this evaluation
    bool frozen = false;     // no longer updating after the guard acted: kept as it was, not evaluated
};

namespace {

TriggerSpec specOf(const Criterion &c)
{
    TriggerSpec s;
    s.name = c.name;
    s.query = c.query;
    s.threshold = c.threshold;
    s.holdFor = c.holdFor;
    switch (c.comparison) {
    case Criterion::Comparison::Less:
        s.compare = TriggerSpec::Compare::Less;
        break;
    case Criterion::Comparison::LessOrEqual:
        s.compare = TriggerSpec::Compare::LessOrEqual;
        break;
    case Criterion::Comparison::Greater:
        s.compare = TriggerSpec::Compare::Greater;
        break;
    case Criterion::Comparison::GreaterOrEqual:
        s.compare = TriggerSpec::Compare::GreaterOrEqual;
        break;
    case Criterion::Comparison::Equal:
        s.compare = TriggerSpec::Compare::Equal;
        break;
    }
    s.unit = c.unit == Criterion::Unit::Ratio     ? TriggerSpec::Unit::Ratio
             : c.unit == Criterion::Unit::Seconds ? TriggerSpec::Unit::Seconds
                                                  : TriggerSpec::Unit::Number;
    return s;
}

// A rollout in the middle of an update: a canary or blue-green release not aborted and not finished.
bool updating(const RolloutRow &row)
{
    return !row.aborted && (row.status == u"Progressing" || row.status == u"Paused");
}

// The value a trigger compares: the worst over the series of a vector (the largest for "> x", the smallest for
// "< x"); nullopt when there is none. NaN samples (no requests: 0/0) are not values.
std::optional<double> valueOf(const prom::QueryData &data, const TriggerSpec &spec)
{
    if (data.type == prom::QueryData::Type::Scalar)
        return std::isnan(data.scalar.value) ? std::nullopt : std::optional<double>(data.scalar.value);
    std::optional<double> out;
    const bool upward = spec.compare != TriggerSpec::Compare::Less && spec.compare != TriggerSpec::Compare::LessOrEqual;
    for (const prom::PromSeries &series : data.series) {
        if (series.samples.empty() || std::isnan(series.samples.back().value))
            continue;
        const double v = series.samples.back().value;
        if (!out || (upward ? v > *out : v < *out))
            out = v;
    }
    return out;
}

} // namespace

RollbackGuard::RollbackGuard(RolloutListModel *rollouts, QObject *parent) : QObject(parent), m_rollouts(rollouts)
{
    m_timer.setInterval(std::chrono::seconds(5));
    connect(&m_timer, &QTimer::timeout, this, &RollbackGuard::evaluate);
}

RollbackGuard::~RollbackGuard() = default;

void RollbackGuard::setEndpoints(EndpointFor endpoints)
{
    m_endpoints = std::move(endpoints);
    m_clients.clear(); // made again from the new endpoints; their requests end with them
    for (auto &[key, w] : m_watched)
        std::fill(w->inFlight.begin(), w->inFlight.end(), 0);
}

void RollbackGuard::setActions(actions::ActionService *service, RouteFor routes)
{
    m_service = service;
    m_routes = std::move(routes);
}

void RollbackGuard::setInterval(std::chrono::milliseconds interval)
{
    m_timer.setInterval(interval);
}

void RollbackGuard::start()
{
    m_timer.start();
    evaluate();
}

void RollbackGuard::stop()
{
    m_timer.stop();
}

prom::PrometheusClient *RollbackGuard::clientFor(const QString &environment)
{
    const auto it = m_clients.find(environment);
    if (it != m_clients.end())
        return it->second.get();
    const std::optional<prom::PromEndpoint> endpoint = m_endpoints ? m_endpoints(environment) : std::nullopt;
    if (!endpoint)
        return nullptr;
    auto client = std::make_unique<prom::PrometheusClient>(*endpoint);
    client->setSecrets(m_secrets);
    // An answer later than two rounds is no use for a guard: the next round asks again.
    client->setTimeout(std::max(std::chrono::milliseconds(m_timer.interval() * 2), std::chrono::milliseconds(5000)));
    return m_clients.emplace(environment, std::move(client)).first->second.get();
}

void RollbackGuard::evaluate()
{
    if (!m_rollouts || !m_scope)
        return;
    const WorkspaceScope &scope = m_scope();
    for (auto &[key, w] : m_watched)
        w->seen = false;
    for (int r = 0; r < m_rollouts->rowCount(); ++r) {
        const RolloutRow &row = m_rollouts->rowAt(r);
        const QString key = GuardEntry::rolloutKeyOf(row.cluster, row.namespaceName, row.name);
        const auto it = m_watched.find(key);
        if (!updating(row)) {
            // A rollout the guard acted on keeps its last state on screen until it updates again or goes.
            if (it != m_watched.end() && it->second->acted) {
                it->second->seen = true;
                it->second->frozen = true;
            }
            continue;
        }
        if (it != m_watched.end() && it->second->frozen)
            drop(key); // a new update (retried, or a new revision): a new watch
        const QString environmentName =
            row.environment.isEmpty() ? scope.environmentFor(row.cluster, row.namespaceName) : row.environment;
        const Environment *environment = scope.workspace().environment(environmentName);
        if (!environment || environment->rollbackTriggers.isEmpty() || !clientFor(environmentName))
            continue;
        watch(row, *environment, scope.policyFor(row.cluster, row.namespaceName));
    }
    QStringList gone;
    for (const auto &[key, w] : m_watched) {
        if (!w->seen)
            gone << key;
    }
    for (const QString &key : std::as_const(gone))
        drop(key);
}

void RollbackGuard::watch(const RolloutRow &row, const Environment &environment, const EnvironmentPolicy &policy)
{
    const QString key = GuardEntry::rolloutKeyOf(row.cluster, row.namespaceName, row.name);
    auto it = m_watched.find(key);
    bool created = false;
    if (it == m_watched.end()) {
        auto w = std::make_unique<Watched>();
        w->key = key;
        w->cluster = row.cluster;
        w->ns = row.namespaceName;
        w->name = row.name;
        for (const Criterion &c : environment.rollbackTriggers)
            w->triggers.append(TriggerState(specOf(c)));
        w->inFlight = QList<quint64>(w->triggers.size(), 0);
        it = m_watched.emplace(key, std::move(w)).first;
        created = true;
    }
    Watched &w = *it->second;
    w.seen = true;
    w.rowKey = row.key();
    w.environment = environment.name;
    w.mayAbort = policy.guardMayAutoAbort && policy.allows(QStringLiteral("abort"));
    // Shown at once, in the workspace's order, before any answer.
    for (int t = 0; created && t < w.triggers.size(); ++t)
        publish(w, t);
    const Staleness stale = m_rollouts->clusterStaleness(row.cluster);
    for (int t = 0; t < w.triggers.size(); ++t) {
        if (stale.isStale())
            observe(w, t, Observation::stale(now(), stale.text()));
        else if (w.inFlight.at(t) == 0)
            query(w, t);
    }
}

void RollbackGuard::drop(const QString &key)
{
    const auto it = m_watched.find(key);
    if (it == m_watched.end())
        return;
    Watched &w = *it->second;
    if (prom::PrometheusClient *client = m_clients.count(w.environment) ? m_clients[w.environment].get() : nullptr) {
        for (quint64 id : std::as_const(w.inFlight)) {
            if (id)
                client->cancel(id);
        }
    }
    if (m_rollouts)
        m_rollouts->setGuardNote(w.rowKey, {});
    m_model.removeRollout(w.cluster, w.ns, w.name);
    m_watched.erase(it);
}

void RollbackGuard::query(Watched &w, int trigger)
{
    prom::PrometheusClient *client = clientFor(w.environment);
    if (!client)
        return;
    const QHash<QString, QString> values{{QStringLiteral("rollout"), w.name},
                                         {QStringLiteral("namespace"), w.ns},
                                         {QStringLiteral("environment"), w.environment}};
    QStringList unresolved;
    const QString promql = analysis::fillQueryTemplate(w.triggers.at(trigger).spec().query, values, &unresolved);
    if (!unresolved.isEmpty()) {
        observe(
            w, trigger,
            Observation::failed(
                now(), tr("the query has placeholders with no value: %1").arg(unresolved.join(QStringLiteral(", ")))));
        return;
    }
    const QString key = w.key;
    w.inFlight[trigger] =
        client->query(promql, {}, this,
                      [this, key, trigger](const prom::PromReply<prom::QueryData> &r) { onValue(key, trigger, r); });
}

void RollbackGuard::onValue(const QString &key, int trigger, const prom::PromReply<prom::QueryData> &reply)
{
    const auto it = m_watched.find(key);
    if (it == m_watched.end())
        return;
    Watched &w = *it->second;
    w.inFlight[trigger] = 0;
    // The cluster may have gone stale while the query ran: the rollout's state is then not known to be current.
    const Staleness stale = m_rollouts ? m_rollouts->clusterStaleness(w.cluster) : Staleness();
    if (stale.isStale()) {
        observe(w, trigger, Observation::stale(now(), stale.text()));
        return;
    }
    if (!reply.ok()) {
        observe(w, trigger, Observation::failed(now(), reply.message));
        return;
    }
    const std::optional<double> value = valueOf(*reply.value, w.triggers.at(trigger).spec());
    observe(w, trigger, value ? Observation::measured(now(), *value) : Observation::empty(now()));
}

void RollbackGuard::observe(Watched &w, int trigger, const Observation &observation)
{
    TriggerState &state = w.triggers[trigger];
    const TriggerState::Transition t = state.observe(observation);
    if (t == TriggerState::Transition::Recovered) {
        bool anyEpisode = false;
        for (const TriggerState &s : std::as_const(w.triggers))
            anyEpisode = anyEpisode || s.episodeFired();
        if (!anyEpisode) {
            w.acted = false;
            w.action.clear();
        }
    }
    if (t == TriggerState::Transition::Fired) {
        const QString note = tr("rollback trigger %1").arg(state.breachText(observation.at));
        qCInfo(lcGuard, "%s/%s: %s", qPrintable(w.ns), qPrintable(w.name),
               qPrintable(state.breachRecord(observation.at)));
        emit alert({w.rowKey, w.environment, w.ns, w.name, note});
        if (w.mayAbort) {
            if (!w.acted)
                abort(w, trigger);
        } else if (w.action.isEmpty()) {
            w.action = tr("notified; this environment does not let the guard abort");
        }
    }
    publish(w, trigger);
    updateNote(w);
}

void RollbackGuard::publish(const Watched &w, int trigger)
{
    GuardEntry e;
    e.cluster = w.cluster;
    e.namespaceName = w.ns;
    e.name = w.name;
    e.environment = w.environment;
    e.mayAbort = w.mayAbort;
    e.state = w.triggers.at(trigger);
    e.action = e.state.episodeFired() ? w.action : QString();
    m_model.upsert(e);
}

void RollbackGuard::updateNote(const Watched &w)
{
    if (!m_rollouts)
        return;
    QStringList firing;
    for (const TriggerState &s : std::as_const(w.triggers)) {
        if (s.firing())
            firing << tr("rollback trigger %1").arg(s.breachText(s.lastObserved()));
    }
    m_rollouts->setGuardNote(w.rowKey, firing.join(QStringLiteral("; ")));
}

void RollbackGuard::setAction(const QString &key, const QString &action)
{
    const auto it = m_watched.find(key);
    if (it == m_watched.end())
        return;
    Watched &w = *it->second;
    w.action = action;
    for (int t = 0; t < w.triggers.size(); ++t)
        publish(w, t);
}

// Aborts through the action service, as actor "guard", with the measured values as the reason. The rollout is read
// first: the decision state the guard acts on is the one just read, and only an update still under way is aborted.
void RollbackGuard::abort(Watched &w, int trigger)
{
    w.acted = true;
    const QString key = w.key;
    // The reason in the audit log: every firing trigger's measured value against its threshold, and when.
    QStringList firing;
    for (const TriggerState &s : std::as_const(w.triggers)) {
        if (s.firing())
            firing << s.breachRecord(s.lastObserved());
    }
    const QString reason = QStringLiteral("rollback trigger %1 (measured %2)")
                               .arg(firing.join(QStringLiteral("; ")),
                                    w.triggers.at(trigger).lastObserved().toUTC().toString(Qt::ISODate));
    actions::ActionRoute *route = m_routes ? m_routes(w.cluster) : nullptr;
    if (!m_service || !route) {
        w.action = tr("abort not sent: no connection to act through");
        emit abortFinished(key, QStringLiteral("not-sent"), w.action);
        return;
    }
    w.action = tr("aborting…");
    const actions::ActionTarget target{w.cluster, w.ns, w.name};
    route->read(target, this, [this, key, target, reason](const kube::KubeResponse &response) {
        // The route is asked for again: the connection may have been replaced while reading.
        actions::ActionRoute *route = m_routes(target.context);
        if (!m_watched.count(key) || !m_service || !route)
            return;
        const Staleness stale = m_rollouts ? m_rollouts->clusterStaleness(target.context) : Staleness();
        QString notSent;
        DecisionState seen;
        if (!response.ok())
            notSent = tr("abort not sent: reading the rollout failed: %1").arg(response.error->toString());
        else if (stale.isStale())
            notSent = tr("abort not sent: data %1").arg(stale.text());
        else if (seen = DecisionState::of(Rollout::fromJson(response.object));
                 seen.aborted || (seen.phase != u"Progressing" && seen.phase != u"Paused"))
            notSent = tr("abort not sent: the rollout is no longer updating (%1)").arg(seen.summary());
        if (!notSent.isEmpty()) {
            setAction(key, notSent);
            emit abortFinished(key, QStringLiteral("not-sent"), notSent);
            return;
        }
        actions::ActionRequest request;
        request.verb = actions::Verb::Abort;
        request.target = target;
        request.reason = reason;
        request.typedName = target.name; // the workspace's guardMayAutoAbort is the confirmation
        request.seen = seen;
        request.actorOverride = QStringLiteral("guard");
        m_service->submit(request, route, this, [this, key](const actions::ActionResult &result) {
            const QString action = result.applied() ? tr("aborted by the guard")
                                                    : tr("abort %1: %2").arg(result.outcomeName(), result.message);
            setAction(key, action);
            emit abortFinished(key, result.outcomeName(), result.message);
        });
    });
}

} // namespace rolldeck::guard
