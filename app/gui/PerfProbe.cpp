#include "gui/PerfProbe.h"

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QFile>
#include <QThread>

#include <algorithm>
#include <ctime>
#include <vector>

namespace rolldeck {

Q_LOGGING_CATEGORY(lcPerf, "rolldeck.perf", QtWarningMsg)

namespace {

qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

double residentMb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

} // namespace

PerfProbe::PerfProbe(QAbstractItemModel *rows, QObject *parent) : QObject(parent), m_rows(rows)
{
    if (!lcPerf().isInfoEnabled())
        return;
    m_clock.start();
    m_lastCpu = threadCpuNs();
    m_heartbeat.setTimerType(Qt::PreciseTimer);
    connect(&m_heartbeat, &QTimer::timeout, this, &PerfProbe::tick);
    m_heartbeat.start(1);
    connect(&m_report, &QTimer::timeout, this, &PerfProbe::report);
    m_report.start(1000);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(rows, signal, this, &PerfProbe::changed);
    connect(rows, &QAbstractItemModel::dataChanged, this, &PerfProbe::changed);
    QCoreApplication::instance()->installEventFilter(this);
}

bool PerfProbe::eventFilter(QObject *watched, QEvent *event)
{
    if (QThread::currentThread() != thread())
        return false;
    // By the time the thread ran, not the wall clock: on a loaded machine the wall clock mostly measures the wait
    // for a core.
    const qint64 now = threadCpuNs();
    // After start-up, like the stalls: the window's first show is measured by "first paint after".
    if (m_startUpOver && m_eventStart >= 0 && now - m_eventStart > m_longestEvent) {
        m_longestEvent = now - m_eventStart;
        m_longestEventWhat = m_eventWhat;
    }
    if (m_startUpOver && m_eventStart >= 0 && now - m_eventStart >= 2'000'000) {
        Heavy &heavy = m_heavy[{m_eventWhat.receiver, m_eventWhat.parent, m_eventWhat.type}];
        ++heavy.count;
        heavy.longest = std::max(heavy.longest, now - m_eventStart);
    }
    if (m_eventStart >= 0 && now - m_eventStart > m_stallEvent) {
        m_stallEvent = now - m_eventStart;
        m_stallEventWhat = m_eventWhat;
    }
    if (m_eventStart >= 0 && lcPerf().isDebugEnabled()) {
        Spent &spent = m_stallKinds[{m_eventWhat.receiver, m_eventWhat.parent, m_eventWhat.type}];
        spent.ns += now - m_eventStart;
        ++spent.count;
    }
    m_eventStart = now;
    if (watched == parent() && event->type() == QEvent::Paint)
        m_windowPainted = true;
    // Class names are static strings: only pointers are kept per event.
    const QObject *parent = watched->parent();
    m_eventWhat = {watched->metaObject()->className(), parent ? parent->metaObject()->className() : "no parent",
                   int(event->type())};
    return false;
}

void PerfProbe::tick()
{
    const qint64 now = m_clock.nsecsElapsed();
    const qint64 cpu = threadCpuNs();
    const qint64 stall = now - m_last;
    const qint64 running = cpu - m_lastCpu;
    // Until the window has been painted once there is nothing on screen to be unresponsive: the window's first show
    // (style, fonts, the first layout) is start-up, measured by "first paint after", and kept apart here.
    const bool startUp = !m_startUpOver;
    if (startUp && stall > m_startUpStall) {
        m_startUpStall = stall;
        m_startUpStallCpu = running;
    }
    if (!startUp && stall > m_maxStall) {
        m_maxStall = stall;
        m_maxStallCpu = running;
        m_maxStallAt = now;
    }
    constexpr qint64 kBudgetNs = 16'000'000;
    if (stall > kBudgetNs) {
        if (!startUp)
            ++m_longStalls;
        qCDebug(lcPerf,
                "%s at %.0f ms: %.1f ms (%.1f ms running); longest event in it %.1f ms running (%s of %s, event %d); "
                "most time in: %s",
                startUp ? "start-up stall" : "stall", now / 1e6, stall / 1e6, running / 1e6, m_stallEvent / 1e6,
                m_stallEventWhat.receiver, m_stallEventWhat.parent, m_stallEventWhat.type, stallKinds().constData());
    }
    m_startUpOver = m_startUpOver || m_windowPainted;
    m_stallEvent = 0;
    m_stallKinds.clear();
    m_last = now;
    m_lastCpu = cpu;
}

QByteArray PerfProbe::stallKinds() const
{
    std::vector<std::pair<qint64, const std::tuple<const char *, const char *, int> *>> byTime;
    for (const auto &[kind, spent] : m_stallKinds)
        byTime.emplace_back(spent.ns, &kind);
    const size_t shown = std::min<size_t>(3, byTime.size());
    std::partial_sort(byTime.begin(), byTime.begin() + qsizetype(shown), byTime.end(),
                      [](const auto &a, const auto &b) { return a.first > b.first; });
    QByteArray out;
    for (size_t i = 0; i < shown; ++i) {
        const auto &[receiver, parent, type] = *byTime[i].second;
        out += (i ? "; " : "") + QByteArray::number(byTime[i].first / 1e6, 'f', 1) + " ms in " +
               QByteArray::number(m_stallKinds.at(*byTime[i].second).count) + " x " + receiver + " of " + parent +
               ", event " + QByteArray::number(type);
    }
    return out;
}

void PerfProbe::changed()
{
    const qint64 now = m_clock.elapsed();
    if (m_firstChange < 0)
        m_firstChange = now;
    m_lastChange = now;
    if (m_rows->rowCount() != m_rowCount) {
        m_rowCount = m_rows->rowCount();
        m_lastRowAt = now;
    }
    // Every change made in one pass of the event loop is one delivery.
    if (m_inDelivery)
        return;
    m_inDelivery = true;
    ++m_deliveries;
    QTimer::singleShot(0, this, [this] { m_inDelivery = false; });
}

void PerfProbe::finish()
{
    if (!m_heartbeat.isActive())
        return;
    tick();
    report();
    logHeavy();
    m_heartbeat.stop();
    m_report.stop();
    QCoreApplication::instance()->removeEventFilter(this);
}

void PerfProbe::logHeavy() const
{
    for (const auto &[what, heavy] : m_heavy)
        qCDebug(lcPerf, "heavy events: %d of %s of %s, event %d ran 2 ms or more, the longest %.1f ms", heavy.count,
                std::get<0>(what), std::get<1>(what), std::get<2>(what), heavy.longest / 1e6);
}

void PerfProbe::report()
{
    const double span = m_lastChange > m_firstChange ? (m_lastChange - m_firstChange) / 1000.0 : 0;
    qCInfo(lcPerf,
           "probe at %lld ms: %d rows, last row at %lld ms, last change at %lld ms; start-up until the window's "
           "first paint %.1f ms (%.1f ms running); then longest GUI stall %.1f ms (%.1f ms running) at %.0f ms, %d "
           "over 16 ms; %llu deliveries (%.1f per second); resident %.1f MB; longest event after start-up "
           "%.1f ms running (%s)",
           static_cast<long long>(m_clock.elapsed()), m_rowCount, static_cast<long long>(m_lastRowAt),
           static_cast<long long>(m_lastChange), m_startUpStall / 1e6, m_startUpStallCpu / 1e6, m_maxStall / 1e6,
           m_maxStallCpu / 1e6, m_maxStallAt / 1e6, m_longStalls, static_cast<unsigned long long>(m_deliveries),
           span > 0 ? m_deliveries / span : 0.0, residentMb(), m_longestEvent / 1e6,
           QByteArray(QByteArray(m_longestEventWhat.receiver) + " of " + m_longestEventWhat.parent + ", event " +
                      QByteArray::number(m_longestEventWhat.type))
               .constData());
}

} // namespace rolldeck
