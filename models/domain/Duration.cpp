#include "Duration.h"

#include <optional>

namespace rolldeck {

namespace {

// "<a><ua>" or "<a><ua><b><ub>" when b is not zero, as kubectl prints compound durations.
QString units(qint64 a, char16_t ua, qint64 b = 0, char16_t ub = u' ')
{
    QString out = QString::number(a) + ua;
    if (b != 0)
        out += QString::number(b) + ub;
    return out;
}

} // namespace

QString humanDuration(std::chrono::milliseconds d)
{
    const qint64 ms = d.count();
    // kubectl prints "<invalid>" below -1s (it tolerates a little clock skew); Go's int() truncates like C++.
    if (ms / 1000 < -1)
        return QStringLiteral("<invalid>");
    const qint64 s = ms < 0 ? 0 : ms / 1000;
    if (s < 60 * 2)
        return units(s, u's');
    const qint64 m = s / 60;
    if (m < 10)
        return units(m, u'm', s % 60, u's');
    if (m < 60 * 3)
        return units(m, u'm');
    const qint64 h = m / 60;
    if (h < 8)
        return units(h, u'h', m % 60, u'm');
    if (h < 48)
        return units(h, u'h');
    if (h < 24 * 8)
        return units(h / 24, u'd', h % 24, u'h');
    if (h < 24 * 365 * 2)
        return units(h / 24, u'd');
    if (h < 24 * 365 * 8)
        return units(h / 24 / 365, u'y', (h / 24) % 365, u'd');
    return units(h / 24 / 365, u'y');
}

qint64 humanDurationStep(std::chrono::milliseconds d)
{
    // humanDuration's brackets, each keyed by what its text shows, in ranges that cannot meet.
    const qint64 ms = d.count();
    if (ms / 1000 < -1)
        return -1;
    const qint64 s = ms < 0 ? 0 : ms / 1000;
    const qint64 m = s / 60, h = m / 60;
    if (m < 10)
        return s; // "45s", "9m59s"
    if (h < 8)
        return 1'000'000 + m; // "179m", "7h59m"
    if (h < 24 * 8)
        return 2'000'000 + h; // "47h", "7d23h"
    if (h < 24 * 365 * 8)
        return 3'000'000 + h / 24; // "729d", "7y364d"
    return 4'000'000 + h / 24 / 365;
}

std::optional<std::chrono::milliseconds> parseGoDuration(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return std::nullopt;
    bool isInt = false;
    const qint64 secs = t.toLongLong(&isInt);
    if (isInt)
        return secs < 0 ? std::nullopt : std::optional(std::chrono::milliseconds(secs * 1000));

    // Go's time.ParseDuration: a sequence of decimal numbers with units ns, us, µs, ms, s, m, h.
    double totalMs = 0;
    qsizetype i = 0;
    while (i < t.size()) {
        const qsizetype start = i;
        while (i < t.size() && (t[i].isDigit() || t[i] == u'.'))
            ++i;
        if (i == start)
            return std::nullopt;
        bool numOk = false;
        const double value = t.mid(start, i - start).toDouble(&numOk);
        if (!numOk)
            return std::nullopt;
        const qsizetype unitStart = i;
        while (i < t.size() && !t[i].isDigit() && t[i] != u'.')
            ++i;
        const QStringView unit = QStringView(t).mid(unitStart, i - unitStart);
        double factor = 0;
        if (unit == u"h")
            factor = 3600e3;
        else if (unit == u"m")
            factor = 60e3;
        else if (unit == u"s")
            factor = 1e3;
        else if (unit == u"ms")
            factor = 1;
        else if (unit == u"us" || unit == u"µs")
            factor = 1e-3;
        else if (unit == u"ns")
            factor = 1e-6;
        else
            return std::nullopt;
        totalMs += value * factor;
    }
    return std::chrono::milliseconds(static_cast<qint64>(totalMs));
}

} // namespace rolldeck
