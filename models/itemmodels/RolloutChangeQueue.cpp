#include "RolloutChangeQueue.h"

namespace rolldeck {

void RolloutChangeQueue::push(QList<RolloutChange> &&changes)
{
    for (RolloutChange &change : changes) {
        const auto it = m_at.constFind(change.key);
        if (it != m_at.cend()) {
            m_items[size_t(*it - m_head)] = std::move(change);
            ++m_merged;
            continue;
        }
        m_at.insert(change.key, m_head + qint64(m_items.size()));
        m_items.push_back(std::move(change));
    }
}

QList<RolloutChange> RolloutChangeQueue::take(qsizetype max)
{
    QList<RolloutChange> out;
    out.reserve(std::min(max, size()));
    while (out.size() < max && !m_items.empty()) {
        std::optional<RolloutChange> &front = m_items.front();
        if (front) {
            m_at.remove(front->key);
            out.append(std::move(*front));
        }
        m_items.pop_front();
        ++m_head;
    }
    return out;
}

void RolloutChangeQueue::dropCluster(const QString &cluster)
{
    for (auto it = m_at.begin(); it != m_at.end();) {
        if (it.key().cluster == cluster) {
            m_items[size_t(*it - m_head)].reset();
            it = m_at.erase(it);
        } else {
            ++it;
        }
    }
    if (m_at.isEmpty()) {
        m_head += qint64(m_items.size());
        m_items.clear();
    }
}

} // namespace rolldeck
