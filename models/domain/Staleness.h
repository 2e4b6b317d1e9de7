#pragma once

#include <QDateTime>
#include <QHash>
#include <QString>

namespace rolldeck {

// Whether shown data is known to be current, and if not since when and why ("connection refused"): the staleness
// of a cluster's rows, of a detail or of its traffic. Live is the default.
struct Staleness
{
    QDateTime since; // invalid while live
    QString cause;

    // Stale since `since` (now when unknown), for `cause`.
    static Staleness stale(const QDateTime &since, const QString &cause);

    bool isStale() const { return since.isValid(); }
    // "stale since 10:42:13 (connection refused)" in local time (translated); empty while live.
    QString text() const;

    friend bool operator==(const Staleness &, const Staleness &) = default;
};

// The staleness of a view fed by several sources (caches): stale while any source is, since the earliest such
// time, with that source's cause (ties go to the source whose name sorts first).
class StaleSources
{
public:
    // Each returns whether combined() changed. A source stale again keeps its earlier time.
    bool setStale(const QString &source, const Staleness &staleness);
    bool setLive(const QString &source);
    bool clear();

    const Staleness &combined() const { return m_combined; }
    // One source's staleness (live when it is not stale), and every stale source.
    Staleness of(const QString &source) const { return m_sources.value(source); }
    const QHash<QString, Staleness> &staleSources() const { return m_sources; }

private:
    bool update();

    QHash<QString, Staleness> m_sources;
    Staleness m_combined;
};

} // namespace rolldeck
