#include "RolloutController.h"

#include "RolloutContext.h"

namespace rdsim {

using nlohmann::json;

namespace {

int64_t toMs(Clock::TimePoint t)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

} // namespace

RolloutController::RolloutController(Store &store, Clock &clock, uint64_t seed) : m_store(store), m_clock(clock)
{
    m_env.seed = seed;
}

RolloutController::~RolloutController()
{
    stop();
}

void RolloutController::setMeasureFunction(MeasureFn fn)
{
    m_env.measure = std::move(fn);
}

void RolloutController::setDeploymentListener(std::function<void(const DeploymentEvent &)> fn)
{
    m_env.deploymentListener = std::move(fn);
}

int64_t RolloutController::nowMs() const
{
    return toMs(m_clock.now());
}

void RolloutController::start()
{
    if (m_running.exchange(true))
        return;
    m_tickerId = m_clock.addTicker(std::chrono::seconds(1), [this](Clock::TimePoint) { processDue(); });
    if (m_clock.mode() == Clock::Mode::Real) {
        for (const Gvr &g : {kRollouts, kReplicaSets, kPods, kAnalysisRuns})
            m_watchThreads.emplace_back([this, g] { watchLoop(g); });
    }
    processDue();
}

void RolloutController::stop()
{
    if (!m_running.exchange(false))
        return;
    if (m_tickerId)
        m_clock.removeTicker(m_tickerId);
    m_tickerId = 0;
    {
        std::lock_guard<std::mutex> lock(m_cursorMutex);
        for (auto &c : m_cursors)
            c->cancel();
    }
    for (std::thread &t : m_watchThreads)
        if (t.joinable())
            t.join();
    m_watchThreads.clear();
    m_cursors.clear();
}

void RolloutController::watchLoop(Gvr gvr)
{
    WatchStart ws = m_store.openWatch(gvr, "", std::nullopt);
    if (!ws.cursor)
        return;
    {
        std::lock_guard<std::mutex> lock(m_cursorMutex);
        m_cursors.push_back(ws.cursor);
    }
    while (m_running) {
        bool expired = false;
        std::vector<WatchEvent> events = ws.cursor->next(std::chrono::milliseconds(200), &expired);
        if (expired) {
            ws = m_store.openWatch(gvr, "", std::nullopt);
            if (!ws.cursor)
                return;
            std::lock_guard<std::mutex> lock(m_cursorMutex);
            m_cursors.push_back(ws.cursor);
            continue;
        }
        bool any = false;
        for (const WatchEvent &ev : events) {
            if (!ev.object)
                continue;
            const json &meta = (*ev.object)["metadata"];
            const std::string ns = meta.value("namespace", std::string());
            std::string rollout;
            if (gvr == kRollouts) {
                rollout = meta.value("name", std::string());
            } else {
                for (const json &ref : meta.value("ownerReferences", json::array())) {
                    const std::string kind = ref.value("kind", std::string());
                    if (kind == "Rollout")
                        rollout = ref.value("name", std::string());
                    else if (kind == "ReplicaSet") {
                        // <rollout>-<hash>: the pod's ReplicaSet belongs to the rollout before the hash.
                        const std::string rs = ref.value("name", std::string());
                        const auto dash = rs.rfind('-');
                        if (dash != std::string::npos)
                            rollout = rs.substr(0, dash);
                    }
                }
            }
            if (!rollout.empty()) {
                markDirty(Key{ns, rollout});
                any = true;
            }
        }
        if (any && m_running)
            processDue();
    }
}

void RolloutController::markDirty(const Key &key)
{
    std::lock_guard<std::mutex> lock(m_queueMutex);
    m_dirty.insert(key);
}

void RolloutController::schedule(const Key &key, int64_t dueMs)
{
    std::lock_guard<std::mutex> lock(m_queueMutex);
    for (auto it = m_timers.lower_bound(dueMs); it != m_timers.end() && it->first == dueMs; ++it)
        if (!(it->second < key) && !(key < it->second))
            return;
    m_timers.emplace(dueMs, key);
}

void RolloutController::processDue()
{
    std::lock_guard<std::recursive_mutex> guard(m_mutex);
    const int64_t now = nowMs();
    std::set<Key> work;
    {
        std::lock_guard<std::mutex> lock(m_queueMutex);
        work.swap(m_dirty);
        while (!m_timers.empty() && m_timers.begin()->first <= now) {
            work.insert(m_timers.begin()->second);
            m_timers.erase(m_timers.begin());
        }
    }
    // Rollouts whose object changed since we last reconciled them (user requests, new rollouts).
    const uint64_t storeVersion = m_store.resourceVersion();
    if (storeVersion != m_lastStoreVersion) {
        m_lastStoreVersion = storeVersion;
        ListResult all = m_store.list(kRollouts, "");
        std::set<Key> present;
        for (const ObjectPtr &r : all.items) {
            const json &meta = (*r)["metadata"];
            Key k{meta.value("namespace", std::string()), meta.value("name", std::string())};
            present.insert(k);
            const uint64_t rv = std::stoull(meta.value("resourceVersion", std::string("0")));
            auto it = m_seenVersion.find(k);
            if (it == m_seenVersion.end() || it->second != rv)
                work.insert(k);
        }
        for (auto it = m_seenVersion.begin(); it != m_seenVersion.end();)
            it = present.count(it->first) ? std::next(it) : m_seenVersion.erase(it);
    }
    for (const Key &k : work)
        reconcile(k.ns, k.name);
}

void RolloutController::reconcile(const std::string &ns, const std::string &name)
{
    std::lock_guard<std::recursive_mutex> guard(m_mutex);
    const int64_t now = nowMs();
    int64_t nextDue = -1;
    for (int i = 0; i < 12; ++i) {
        int64_t due = -1;
        const bool changed = reconcileOnce(ns, name, now, &due);
        nextDue = due;
        if (!changed)
            break;
    }
    Outcome got = m_store.get(kRollouts, ns, name);
    if (got.object)
        m_seenVersion[Key{ns, name}] =
            std::stoull((*got.object)["metadata"].value("resourceVersion", std::string("0")));
    if (nextDue > 0)
        schedule(Key{ns, name}, nextDue);
}

bool RolloutController::reconcileOnce(const std::string &ns, const std::string &name, int64_t nowMs, int64_t *nextDueMs)
{
    Outcome got = m_store.get(kRollouts, ns, name);
    if (!got.object)
        return false;
    m_env.times = m_clock.timeMap();
    RolloutContext pass(m_store, m_env, m_memory, Key{ns, name}, *got.object, nowMs, nextDueMs);
    return pass.reconcile();
}

} // namespace rdsim
