#include "ExperimentStyle.h"

#include "models/domain/Duration.h"

#include <QLocale>

#include <chrono>
#include <cmath>

namespace rolldeck {

using stats::AbOutcome;

QColor ExperimentStyle::outcomeColor(int outcome)
{
    if (outcome < 0)
        return QColor(0xd0, 0x5a, 0x00);
    switch (AbOutcome(outcome)) {
    case AbOutcome::Better:
        return QColor(0x1e, 0x8e, 0x3e);
    case AbOutcome::Worse:
    case AbOutcome::DoNotTrust:
        return QColor(0xc5, 0x22, 0x1f);
    case AbOutcome::KeepRunning:
        return QColor(0x1a, 0x63, 0xc8);
    case AbOutcome::NotEnoughData:
    case AbOutcome::NoDifference:
    case AbOutcome::NoPlan:
        break;
    }
    return QColor(0x70, 0x75, 0x7a);
}

QString ExperimentStyle::outcomeWord(int outcome)
{
    if (outcome < 0)
        return tr("cannot read");
    switch (AbOutcome(outcome)) {
    case AbOutcome::Better:
        return tr("better");
    case AbOutcome::Worse:
        return tr("worse");
    case AbOutcome::DoNotTrust:
        return tr("do not trust");
    case AbOutcome::KeepRunning:
        return tr("keep running");
    case AbOutcome::NotEnoughData:
        return tr("not enough data");
    case AbOutcome::NoDifference:
        return tr("no difference");
    case AbOutcome::NoPlan:
        return tr("no plan");
    }
    return {};
}

QString ExperimentStyle::percent(double share, bool sign)
{
    if (!std::isfinite(share))
        return QStringLiteral("—");
    const QString text =
        QLocale().toString(share * 100, 'f', std::fabs(share) < 0.01 && share != 0 ? 2 : 1) + QStringLiteral(" %");
    return sign && share > 0 ? u'+' + text : text;
}

QString ExperimentStyle::pValue(double p)
{
    if (!std::isfinite(p))
        return QStringLiteral("—");
    return p < 0.001 ? QLocale().toString(p, 'g', 2) : QLocale().toString(p, 'f', 3);
}

QString ExperimentStyle::quantity(double x, const QString &unit, bool sign)
{
    if (!std::isfinite(x))
        return QStringLiteral("—");
    const QString text = QLocale().toString(x, 'g', 3) + (unit.isEmpty() ? QString() : u' ' + unit);
    return sign && x > 0 ? u'+' + text : text;
}

QString ExperimentStyle::count(double n)
{
    return std::isfinite(n) ? QLocale().toString(qint64(std::llround(n))) : QStringLiteral("—");
}

QString ExperimentStyle::duration(double seconds)
{
    if (!std::isfinite(seconds) || seconds < 0)
        return QStringLiteral("—");
    return humanDuration(std::chrono::milliseconds(qint64(seconds * 1000)));
}

} // namespace rolldeck
