#pragma once

// RFC 3339 timestamps with whole seconds, as Kubernetes and Argo write them.

#include <cstdint>
#include <cstdio>
#include <ctime>
#include <string>

namespace rdsim {

inline std::string rfc3339FromMs(int64_t ms)
{
    const std::time_t secs = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

// Returns -1 when the text is not an RFC 3339 UTC timestamp.
inline int64_t msFromRfc3339(const std::string &text)
{
    std::tm tm{};
    int y, mo, d, h, mi, s;
    if (std::sscanf(text.c_str(), "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &s) != 6)
        return -1;
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    return static_cast<int64_t>(timegm(&tm)) * 1000;
}

// How simulated instants map to the wall clock (docs/simulator.md, "Time"). The simulator runs `speed` times faster
// than the wall clock, but every timestamp it writes is wall time: speed shortens the durations between events, it
// does not move them into the future. Internally instants stay simulated (ms since the epoch); stamp() writes one as
// the wall-clock time it happens at, read() turns a written timestamp back into simulated time. The default is the
// identity (speed 1, manual clocks).
struct TimeMap
{
    int64_t simAnchorMs = 0;  // a simulated instant ...
    int64_t wallAnchorMs = 0; // ... and the wall-clock instant it happened at
    double speed = 1.0;

    int64_t toWallMs(int64_t simMs) const
    {
        return wallAnchorMs + static_cast<int64_t>(static_cast<double>(simMs - simAnchorMs) / speed);
    }
    int64_t toSimMs(int64_t wallMs) const
    {
        return simAnchorMs + static_cast<int64_t>(static_cast<double>(wallMs - wallAnchorMs) * speed);
    }
    std::string stamp(int64_t simMs) const { return rfc3339FromMs(toWallMs(simMs)); }
    // -1 when the text is not an RFC 3339 UTC timestamp.
    int64_t read(const std::string &text) const
    {
        const int64_t wall = msFromRfc3339(text);
        return wall < 0 ? -1 : toSimMs(wall);
    }
};

} // namespace rdsim
