#include "TriggerState.h"

#include "domain/Duration.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace rolldeck::guard {

namespace {

struct GuardText
{
    Q_DECLARE_TR_FUNCTIONS(Guard)
};

QString number(const QLocale &locale, double value, int precision)
{
    return locale.toString(value, 'g', precision);
}

} // namespace

QString compareSymbol(TriggerSpec::Compare compare)
{
    switch (compare) {
    case TriggerSpec::Compare::Less:
        return QStringLiteral("<");
    case TriggerSpec::Compare::LessOrEqual:
        return QStringLiteral("<=");
    case TriggerSpec::Compare::Greater:
        return QStringLiteral(">");
    case TriggerSpec::Compare::GreaterOrEqual:
        return QStringLiteral(">=");
    case TriggerSpec::Compare::Equal:
        return QStringLiteral("==");
    }
    return {};
}

bool TriggerSpec::breached(double value) const
{
    if (std::isnan(value))
        return false;
    switch (compare) {
    case Compare::Less:
        return value < threshold;
    case Compare::LessOrEqual:
        return value <= threshold;
    case Compare::Greater:
        return value > threshold;
    case Compare::GreaterOrEqual:
        return value >= threshold;
    case Compare::Equal:
        return value == threshold;
    }
    return false;
}

double TriggerSpec::proximity(double value) const
{
    if (std::isnan(value))
        return 0;
    double ratio = 0;
    switch (compare) {
    case Compare::Greater:
    case Compare::GreaterOrEqual:
        ratio = threshold > 0 ? value / threshold : (breached(value) ? 2 : 0);
        break;
    case Compare::Less:
    case Compare::LessOrEqual:
        ratio = value > 0 ? threshold / value : (breached(value) ? 2 : 0);
        break;
    case Compare::Equal:
        ratio = breached(value) ? 1 : 0;
        break;
    }
    if (std::isnan(ratio))
        return 0;
    return std::clamp(ratio, 0.0, 2.0);
}

QString TriggerSpec::formatValue(double value, const QLocale &locale) const
{
    if (std::isnan(value))
        return QStringLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf");
    switch (unit) {
    case Unit::Ratio:
        return number(locale, value * 100, 3) + QStringLiteral(" %");
    case Unit::Seconds:
        return std::abs(value) < 1 ? number(locale, value * 1000, 3) + QStringLiteral(" ms")
                                   : number(locale, value, 3) + QStringLiteral(" s");
    case Unit::Number:
        break;
    }
    return number(locale, value, 4);
}

QString TriggerSpec::thresholdText(const QLocale &locale) const
{
    return compareSymbol(compare) + u' ' + formatValue(threshold, locale);
}

TriggerState::TriggerState(TriggerSpec spec) : m_spec(std::move(spec)) {}

TriggerState::Transition TriggerState::observe(const Observation &o)
{
    m_lastAt = o.at;
    const Phase before = m_phase;
    if (o.kind != Observation::Kind::Value) {
        // No evidence either way: nothing pending survives it, and the episode (if any) is not over.
        m_value.reset();
        m_breachSince = {};
        m_detail = o.detail;
        m_phase = o.kind == Observation::Kind::Empty    ? Phase::NoData
                  : o.kind == Observation::Kind::Failed ? Phase::Failed
                                                        : Phase::Stale;
        return Transition::None;
    }
    m_value = o.value;
    m_detail.clear();
    if (!m_spec.breached(o.value)) {
        const bool ended = m_episodeFired || before == Phase::Pending || before == Phase::Firing;
        m_phase = Phase::Inactive;
        m_breachSince = {};
        m_episodeFired = false;
        return ended ? Transition::Recovered : Transition::None;
    }
    if (!m_breachSince.isValid())
        m_breachSince = o.at;
    const bool held = m_breachSince.msecsTo(o.at) >= m_spec.holdFor.count();
    m_phase = held ? Phase::Firing : Phase::Pending;
    if (m_phase == Phase::Pending)
        return before == Phase::Pending ? Transition::None : Transition::Breached;
    if (before == Phase::Firing)
        return Transition::None;
    if (m_episodeFired)
        return Transition::Refired;
    m_episodeFired = true;
    return Transition::Fired;
}

std::chrono::milliseconds TriggerState::timeInBreach(const QDateTime &now) const
{
    if (!m_breachSince.isValid())
        return std::chrono::milliseconds(0);
    return std::chrono::milliseconds(std::max<qint64>(0, m_breachSince.msecsTo(now)));
}

QString TriggerState::breachText(const QDateTime &now) const
{
    const QString value = m_value ? m_spec.formatValue(*m_value) : GuardText::tr("no value");
    return GuardText::tr("%1: %2 %3 for %4")
        .arg(m_spec.name, value, m_spec.thresholdText(), humanDuration(timeInBreach(now)));
}

QString TriggerState::breachRecord(const QDateTime &now) const
{
    const QLocale c = QLocale::c();
    const QString value = m_value ? m_spec.formatValue(*m_value, c) : QStringLiteral("no value");
    return m_spec.name + QStringLiteral(": ") + value + u' ' + m_spec.thresholdText(c) + QStringLiteral(" for ") +
           humanDuration(timeInBreach(now));
}

QString TriggerState::phaseText() const
{
    switch (m_phase) {
    case Phase::Waiting:
        return GuardText::tr("waiting for the first value");
    case Phase::Inactive:
        return GuardText::tr("ok");
    case Phase::Pending:
        return GuardText::tr("pending");
    case Phase::Firing:
        return GuardText::tr("firing");
    case Phase::NoData:
        return GuardText::tr("no data: the query returned no series");
    case Phase::Failed:
        return GuardText::tr("query failed: %1").arg(m_detail);
    case Phase::Stale:
        return GuardText::tr("guard paused: data %1").arg(m_detail);
    }
    return {};
}

} // namespace rolldeck::guard
