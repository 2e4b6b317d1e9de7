// Simulated time. In real mode it runs `speed` times faster than the wall clock from a start
// instant; in manual mode (tests, deterministic runs) it only moves when advance() is called.
// Tickers are periodic callbacks in *simulated* time: the controller registers one and does its
// reconcile work there.
//
// Usage:
//   rdsim::Clock &c = sim.clock();                       // speed from Options::speed
//   auto t = c.now();                                    // std::chrono::system_clock::time_point
//   int id = c.addTicker(std::chrono::seconds(1), [](rdsim::Clock::TimePoint now) { ... });
//   c.removeTicker(id);
//   rdsim::Clock manual(rdsim::Clock::Mode::Manual); manual.advance(std::chrono::minutes(30));
// Real mode fires tickers from one background thread (started by start(), stopped by stop()),
// never more often than every 10 ms of wall time. Callbacks must not call add/removeTicker.
//
// Timestamps are wall time (docs/simulator.md, "Time"): now() is simulated time, for scheduling and durations;
// what the simulator writes into objects goes through wallNow() / timeMap().stamp(), which give the wall-clock
// instant a simulated one happens at. Speed thus shortens durations (a 60 s pause at speed 10 ends 6 wall seconds
// after its startTime) and never dates anything in the future. In manual mode wall and simulated time coincide.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <optional>
#include <mutex>
#include <string>
#include <thread>

#include "controller/TimeText.h"

namespace rdsim {

class Clock
{
public:
    using TimePoint = std::chrono::system_clock::time_point;
    using Duration = std::chrono::system_clock::duration;
    using Callback = std::function<void(TimePoint now)>;
    enum class Mode { Real, Manual };

    explicit Clock(Mode mode = Mode::Real, double speed = 1.0, TimePoint start = std::chrono::system_clock::now());
    ~Clock();
    Clock(const Clock &) = delete;
    Clock &operator=(const Clock &) = delete;

    TimePoint now() const;          // simulated
    TimePoint wallNow() const;      // the wall-clock instant of now(): what timestamps say
    std::string nowRfc3339() const; // wallNow() as "2026-11-26T11:05:03Z"
    TimePoint toWall(TimePoint simulated) const;
    TimePoint fromWall(TimePoint wall) const;
    // The current mapping between simulated and wall time, for code that keeps instants as ms since the epoch.
    TimeMap timeMap() const;
    static std::string rfc3339(TimePoint t);
    static std::optional<TimePoint> parseRfc3339(const std::string &text);

    double speed() const;
    void setSpeed(double speed); // keeps now() continuous
    Mode mode() const { return m_mode; }

    int addTicker(Duration simulatedPeriod, Callback callback);
    // Once it returns, the ticker's callback is not running and will not run again (it waits for a call in flight
    // on the ticker thread), so what the callback uses may be destroyed.
    void removeTicker(int id);

    // Manual mode: moves time forward, firing due tickers in time order.
    void advance(Duration by);

    void start(); // real mode: starts the ticker thread
    void stop();

private:
    struct Ticker
    {
        Duration period;
        TimePoint due;
        Callback callback;
    };
    void run();
    void fireDue(TimePoint upTo, std::unique_lock<std::mutex> &lock);

    const Mode m_mode;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    double m_speed;
    TimePoint m_simAnchor; // simulated time at m_realAnchor
    std::chrono::steady_clock::time_point m_realAnchor;
    TimePoint m_wallAnchor; // the wall-clock instant of m_simAnchor
    TimePoint m_manualNow;
    std::map<int, Ticker> m_tickers;
    int m_nextId = 1;
    bool m_running = false;
    bool m_firing = false;
    int m_firingId = 0;             // the ticker whose callback runs now (without the lock)
    std::thread::id m_firingThread; // ... and on which thread
    std::condition_variable m_idle; // signalled after each callback
    std::thread m_thread;
};

} // namespace rdsim
