// Faults on demand, for other engineers' tests of client robustness. Armed through the C++ API
// (Simulator::faults()) or, with the admin token, `POST /_sim/faults` with a JSON body
// {"kind": "error500", "count": 2, "path": "/apis/argoproj.io"} (GET /_sim/faults lists what is
// armed, DELETE /_sim/faults clears).
//
// Usage:
//   sim.faults().arm({.kind = rdsim::FaultKind::DropWatch, .count = 1});
//   sim.faults().arm({.kind = rdsim::FaultKind::Error500, .count = 3, .pathContains = "/rollouts"});
//   sim.faults().arm({.kind = rdsim::FaultKind::ExpireHistory});   // applied at once: resumes get 410
//
// Request faults (Error500, Hang) are consumed by the next matching requests; watch faults
// (DropWatch, TruncateChunk, GarbageLine) by the next matching watch streams, after they have sent
// `afterEvents` events (the stream stays open until then).
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace rdsim {

enum class FaultKind {
    Error500,      // answer 500 InternalError Status to the next `count` matching requests
    Hang,          // hold the next `count` matching requests for hangMs, then answer 504 Timeout
    DropWatch,     // close a watch stream abruptly (no terminating chunk)
    TruncateChunk, // send a chunk whose declared size is larger than what follows, then close
    GarbageLine,   // send a line that is not JSON into a watch stream, then carry on
    ExpireHistory, // compact the event history now: resumes from older resourceVersions get 410
};

struct FaultSpec
{
    FaultKind kind = FaultKind::Error500;
    int count = 1;
    std::string pathContains; // empty: any path
    int hangMs = 30000;
    int afterEvents = 0; // watch faults: how many events to send first
};

std::optional<FaultKind> faultKindFromString(const std::string &text);
std::string faultKindName(FaultKind kind);

class Faults
{
public:
    // ExpireHistory is applied at once through this handler (the Simulator compacts its store).
    void arm(FaultSpec spec);
    void setExpireHandler(std::function<void()> handler);
    void clear();
    // Consumes one matching request fault (Error500 / Hang) for this path, if any.
    std::optional<FaultSpec> takeRequestFault(const std::string &path);
    // Consumes one matching watch fault (DropWatch / TruncateChunk / GarbageLine), if any.
    std::optional<FaultSpec> takeWatchFault(const std::string &path);
    nlohmann::json describe() const;

private:
    std::optional<FaultSpec> take(const std::string &path, bool watch);
    mutable std::mutex m_mutex;
    std::vector<FaultSpec> m_armed;
    std::function<void()> m_expire;
};

} // namespace rdsim
