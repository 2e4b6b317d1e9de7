#include "Faults.h"

namespace rdsim {

namespace {
struct KindName
{
    FaultKind kind;
    const char *name;
};
constexpr KindName kKinds[] = {
    {FaultKind::Error500, "error500"},       {FaultKind::Hang, "hang"},
    {FaultKind::DropWatch, "dropWatch"},     {FaultKind::TruncateChunk, "truncateChunk"},
    {FaultKind::GarbageLine, "garbageLine"}, {FaultKind::ExpireHistory, "expireHistory"},
};

bool isWatchFault(FaultKind k)
{
    return k == FaultKind::DropWatch || k == FaultKind::TruncateChunk || k == FaultKind::GarbageLine;
}
} // namespace

std::optional<FaultKind> faultKindFromString(const std::string &text)
{
    for (const auto &k : kKinds) {
        if (text == k.name)
            return k.kind;
    }
    return std::nullopt;
}

std::string faultKindName(FaultKind kind)
{
    for (const auto &k : kKinds) {
        if (k.kind == kind)
            return k.name;
    }
    return "unknown";
}

void Faults::setExpireHandler(std::function<void()> handler)
{
    std::lock_guard lock(m_mutex);
    m_expire = std::move(handler);
}

void Faults::arm(FaultSpec spec)
{
    if (spec.kind == FaultKind::ExpireHistory) {
        std::function<void()> expire;
        {
            std::lock_guard lock(m_mutex);
            expire = m_expire;
        }
        if (expire)
            expire(); // outside the lock: it takes the store's locks
        return;
    }
    if (spec.count <= 0)
        return;
    std::lock_guard lock(m_mutex);
    m_armed.push_back(std::move(spec));
}

void Faults::clear()
{
    std::lock_guard lock(m_mutex);
    m_armed.clear();
}

std::optional<FaultSpec> Faults::take(const std::string &path, bool watch)
{
    std::lock_guard lock(m_mutex);
    for (auto it = m_armed.begin(); it != m_armed.end(); ++it) {
        if (isWatchFault(it->kind) != watch)
            continue;
        if (!it->pathContains.empty() && path.find(it->pathContains) == std::string::npos)
            continue;
        FaultSpec taken = *it;
        taken.count = 1;
        if (--it->count <= 0)
            m_armed.erase(it);
        return taken;
    }
    return std::nullopt;
}

std::optional<FaultSpec> Faults::takeRequestFault(const std::string &path)
{
    return take(path, false);
}

std::optional<FaultSpec> Faults::takeWatchFault(const std::string &path)
{
    return take(path, true);
}

nlohmann::json Faults::describe() const
{
    std::lock_guard lock(m_mutex);
    nlohmann::json out = nlohmann::json::array();
    for (const auto &f : m_armed) {
        out.push_back({{"kind", faultKindName(f.kind)},
                       {"count", f.count},
                       {"path", f.pathContains},
                       {"hangMs", f.hangMs},
                       {"afterEvents", f.afterEvents}});
    }
    return out;
}

} // namespace rdsim
