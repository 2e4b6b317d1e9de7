#pragma once

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QObject>
#include <QTimer>

#include <map>
#include <tuple>

class QAbstractItemModel;

namespace rolldeck {

Q_DECLARE_LOGGING_CATEGORY(lcPerf)

// With rolldeck.perf logging on, watches the GUI thread while the console runs and logs once a second: the longest
// event-loop stall so far after the window's first paint, and apart the start-up's until it (each with how much of it
// the thread ran), the rollout rows, when the last row arrived, how
// often the rows changed (deliveries), the single event the thread ran longest (receiver, its parent, type) and
// resident memory. Off, it does nothing. bench/console reads its lines. At debug level it also logs every stall over
// 16 ms as it ends, with how much of it the thread ran, the event it ran longest in it and the three kinds of event
// it spent the most time in.
class PerfProbe : public QObject
{
    Q_OBJECT
public:
    PerfProbe(QAbstractItemModel *rows, QObject *parent);
    // Logs the last line and stops watching (before the console does something that is not its own work, such as
    // taking a picture of the window for a screenshot or a bench).
    void finish();

protected:
    // Every event of the GUI thread passes here first: the time until the next one is about what handling it took.
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void tick();
    void changed();
    void report();

    QAbstractItemModel *m_rows;
    QTimer m_heartbeat{this};
    QTimer m_report{this};
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_lastCpu = 0;
    qint64 m_maxStall = 0;
    qint64 m_maxStallCpu = 0;
    qint64 m_maxStallAt = 0;
    qint64 m_firstChange = -1;
    qint64 m_lastChange = -1;
    qint64 m_lastRowAt = -1;
    int m_rowCount = 0;
    quint64 m_deliveries = 0;
    bool m_inDelivery = false;
    struct EventWhat
    {
        const char *receiver = "";
        const char *parent = "";
        int type = 0;
    };
    qint64 m_eventStart = -1;
    EventWhat m_eventWhat;
    qint64 m_longestEvent = 0;
    EventWhat m_longestEventWhat;
    // After start-up, the events that ran 2 ms or more, per kind (receiver, parent, type): how many and the longest.
    // What a slower machine would stretch: the bench reads them to tell budgeted work from work that is not.
    struct Heavy
    {
        int count = 0;
        qint64 longest = 0;
    };
    std::map<std::tuple<const char *, const char *, int>, Heavy> m_heavy;
    void logHeavy() const;
    // Since the last heartbeat: the event the thread ran longest (for the debug line of a long stall).
    qint64 m_stallEvent = 0;
    EventWhat m_stallEventWhat;
    // Since the last heartbeat, per kind: the time the thread ran in events of that kind and how many (a stall of
    // many small events names the kinds that added up).
    struct Spent
    {
        qint64 ns = 0;
        int count = 0;
    };
    std::map<std::tuple<const char *, const char *, int>, Spent> m_stallKinds;
    QByteArray stallKinds() const;
    int m_longStalls = 0; // stalls over 16 ms so far, after start-up
    bool m_windowPainted = false;
    bool m_startUpOver = false; // the heartbeat after the window's first paint
    qint64 m_startUpStall = 0;
    qint64 m_startUpStallCpu = 0;
};

} // namespace rolldeck
