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

} // namespace rdsim
