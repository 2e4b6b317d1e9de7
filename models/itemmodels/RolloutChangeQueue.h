#pragma once

#include "RolloutListModel.h"

#include <QHash>
#include <QList>

#include <deque>
#include <optional>

namespace rolldeck {

// Row changes prepared off the GUI thread and waiting to be applied to the list model, merged per rollout: a change to
// a rollout that is already waiting replaces it in its place, so a burst of events costs the model one change per
// rollout and the queue never holds more than one change per rollout. Oldest first.
class RolloutChangeQueue
{
public:
    void push(QList<RolloutChange> &&changes);
    // Up to `max` changes, oldest first; they leave the queue.
    QList<RolloutChange> take(qsizetype max);
    // Forget every waiting change of `cluster` (its rows are being dropped).
    void dropCluster(const QString &cluster);

    qsizetype size() const { return m_at.size(); }
    bool isEmpty() const { return m_at.isEmpty(); }
    // Changes merged into one already waiting, so far.
    quint64 merged() const { return m_merged; }

private:
    std::deque<std::optional<RolloutChange>> m_items; // empty slots: dropped
    qint64 m_head = 0;                                // the position of m_items.front() since the start
    QHash<RolloutKey, qint64> m_at;                   // where each waiting key's change is
    quint64 m_merged = 0;
};

} // namespace rolldeck
