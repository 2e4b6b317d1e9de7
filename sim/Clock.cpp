#include "Clock.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

namespace rdsim {

Clock::Clock(Mode mode, double speed, TimePoint start)
    : m_mode(mode), m_speed(speed > 0 ? speed : 1.0), m_simAnchor(start),
      m_realAnchor(std::chrono::steady_clock::now()), m_wallAnchor(std::chrono::system_clock::now()), m_manualNow(start)
{
}

Clock::~Clock()
{
    stop();
}

Clock::TimePoint Clock::now() const
{
    std::lock_guard lock(m_mutex);
    if (m_mode == Mode::Manual)
        return m_manualNow;
    const std::chrono::duration<double> realElapsed = std::chrono::steady_clock::now() - m_realAnchor;
    const auto simElapsed =
        std::chrono::duration_cast<Duration>(std::chrono::duration<double>(realElapsed.count() * m_speed));
    return m_simAnchor + simElapsed;
}

Clock::TimePoint Clock::wallNow() const
{
    return toWall(now());
}

std::string Clock::nowRfc3339() const
{
    return rfc3339(wallNow());
}

TimeMap Clock::timeMap() const
{
    std::lock_guard lock(m_mutex);
    if (m_mode == Mode::Manual)
        return TimeMap{};
    const auto ms = [](TimePoint t) {
        return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
    };
    return TimeMap{ms(m_simAnchor), ms(m_wallAnchor), m_speed};
}

Clock::TimePoint Clock::toWall(TimePoint simulated) const
{
    std::lock_guard lock(m_mutex);
    if (m_mode == Mode::Manual)
        return simulated;
    const std::chrono::duration<double> sinceAnchor = simulated - m_simAnchor;
    return m_wallAnchor + std::chrono::duration_cast<Duration>(sinceAnchor / m_speed);
}

Clock::TimePoint Clock::fromWall(TimePoint wall) const
{
    std::lock_guard lock(m_mutex);
    if (m_mode == Mode::Manual)
        return wall;
    const std::chrono::duration<double> sinceAnchor = wall - m_wallAnchor;
    return m_simAnchor + std::chrono::duration_cast<Duration>(sinceAnchor * m_speed);
}

std::string Clock::rfc3339(TimePoint t)
{
    const std::time_t secs = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::optional<Clock::TimePoint> Clock::parseRfc3339(const std::string &text)
{
    std::tm tm{};
    int y, mo, d, h, mi, s;
    char tail = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &tail) < 6)
        return std::nullopt;
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    const std::time_t t = timegm(&tm);
    if (t == static_cast<std::time_t>(-1))
        return std::nullopt;
    return std::chrono::system_clock::from_time_t(t);
}

double Clock::speed() const
{
    std::lock_guard lock(m_mutex);
    return m_speed;
}

void Clock::setSpeed(double speed)
{
    if (speed <= 0)
        return;
    const TimePoint current = now();
    const TimePoint currentWall = toWall(current);
    std::lock_guard lock(m_mutex);
    // Both mappings stay continuous: timestamps already written keep meaning the same wall-clock instants.
    m_simAnchor = current;
    m_wallAnchor = currentWall;
    m_realAnchor = std::chrono::steady_clock::now();
    m_speed = speed;
    m_wake.notify_all();
}

int Clock::addTicker(Duration simulatedPeriod, Callback callback)
{
    const TimePoint current = now();
    std::lock_guard lock(m_mutex);
    const int id = m_nextId++;
    if (simulatedPeriod <= Duration::zero())
        simulatedPeriod = std::chrono::milliseconds(1);
    m_tickers[id] = Ticker{simulatedPeriod, current + simulatedPeriod, std::move(callback)};
    m_wake.notify_all();
    return id;
}

void Clock::removeTicker(int id)
{
    std::unique_lock lock(m_mutex);
    m_tickers.erase(id);
    // A callback runs without the lock: wait until this ticker's is done, so that its owner may go away once
    // removeTicker() returns (the controller is destroyed right after). Not on the firing thread itself (callbacks
    // must not remove tickers, and would deadlock here).
    if (std::this_thread::get_id() != m_firingThread)
        m_idle.wait(lock, [this, id] { return !m_firing || m_firingId != id; });
}

// Fires every ticker due at or before upTo, earliest first; called with the lock held, releases
// it around each callback.
void Clock::fireDue(TimePoint upTo, std::unique_lock<std::mutex> &lock)
{
    while (true) {
        auto due = std::min_element(m_tickers.begin(), m_tickers.end(),
                                    [](const auto &a, const auto &b) { return a.second.due < b.second.due; });
        if (due == m_tickers.end() || due->second.due > upTo)
            return;
        const TimePoint when = due->second.due;
        due->second.due += due->second.period;
        Callback cb = due->second.callback;
        if (m_mode == Mode::Manual)
            m_manualNow = std::max(m_manualNow, when);
        m_firing = true;
        m_firingId = due->first;
        m_firingThread = std::this_thread::get_id();
        lock.unlock();
        cb(when);
        lock.lock();
        m_firing = false;
        m_firingId = 0;
        m_firingThread = std::thread::id();
        m_idle.notify_all();
    }
}

void Clock::advance(Duration by)
{
    if (m_mode != Mode::Manual)
        return;
    std::unique_lock lock(m_mutex);
    const TimePoint target = m_manualNow + by;
    fireDue(target, lock);
    m_manualNow = target;
}

void Clock::start()
{
    std::lock_guard lock(m_mutex);
    if (m_mode != Mode::Real || m_running)
        return;
    m_running = true;
    m_thread = std::thread([this] { run(); });
}

void Clock::stop()
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_running)
            return;
        m_running = false;
        m_wake.notify_all();
    }
    if (m_thread.joinable())
        m_thread.join();
}

void Clock::run()
{
    std::unique_lock lock(m_mutex);
    while (m_running) {
        lock.unlock();
        const TimePoint current = now();
        lock.lock();
        fireDue(current, lock);
        if (!m_running)
            break;
        // Sleep until the next ticker is due in simulated time, at least 10 ms, at most 200 ms of wall time.
        auto next = std::chrono::milliseconds(200);
        for (const auto &[id, t] : m_tickers) {
            const double simLeft = std::chrono::duration<double>(t.due - current).count();
            const auto realLeft =
                std::chrono::milliseconds(static_cast<long long>(std::max(0.0, simLeft / m_speed) * 1000));
            next = std::min(next, realLeft);
        }
        next = std::max(next, std::chrono::milliseconds(10));
        m_wake.wait_for(lock, next);
    }
}

} // namespace rdsim
