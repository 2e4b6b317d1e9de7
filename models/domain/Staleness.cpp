#include "Staleness.h"

#include <QCoreApplication>

namespace rolldeck {

namespace {

// The translation context these strings had in Attention.cpp, kept so their translations stay.
struct StalenessText
{
    Q_DECLARE_TR_FUNCTIONS(Attention)
};

} // namespace

Staleness Staleness::stale(const QDateTime &since, const QString &cause)
{
    return {since.isValid() ? since : QDateTime::currentDateTimeUtc(), cause};
}

QString Staleness::text() const
{
    if (!isStale())
        return {};
    const QString time = since.toLocalTime().toString(QStringLiteral("HH:mm:ss"));
    if (cause.isEmpty())
        return StalenessText::tr("stale since %1").arg(time);
    return StalenessText::tr("stale since %1 (%2)").arg(time, cause);
}

bool StaleSources::setStale(const QString &source, const Staleness &staleness)
{
    if (!staleness.isStale())
        return setLive(source);
    auto it = m_sources.find(source);
    if (it == m_sources.end())
        m_sources.insert(source, staleness);
    else
        *it = {it->since < staleness.since ? it->since : staleness.since, staleness.cause};
    return update();
}

bool StaleSources::setLive(const QString &source)
{
    return m_sources.remove(source) > 0 && update();
}

bool StaleSources::clear()
{
    m_sources.clear();
    return update();
}

bool StaleSources::update()
{
    Staleness earliest;
    QString earliestName;
    for (auto it = m_sources.cbegin(); it != m_sources.cend(); ++it) {
        if (!earliest.isStale() || it->since < earliest.since ||
            (it->since == earliest.since && it.key() < earliestName)) {
            earliest = it.value();
            earliestName = it.key();
        }
    }
    if (earliest == m_combined)
        return false;
    m_combined = earliest;
    return true;
}

} // namespace rolldeck
