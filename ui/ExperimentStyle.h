#pragma once

#include "models/stats/AbReport.h"

#include <QColor>
#include <QCoreApplication>
#include <QString>

namespace rolldeck {

// How the Experiments view says numbers and outcomes: one place for the list's cards and the detail.
struct ExperimentStyle
{
    Q_DECLARE_TR_FUNCTIONS(ExperimentStyle)
public:
    // Better: green; Worse and DoNotTrust: red; KeepRunning: blue; the rest grey. -1 (no read): orange.
    static QColor outcomeColor(int outcome);
    // "test is better", "keep running", "do not trust", …: a word or two for the card's badge.
    static QString outcomeWord(int outcome);
    // 0.098 → "9.8 %" (two decimals below 1 %), with a sign when asked.
    static QString percent(double share, bool sign = false);
    // "0.012", or "2e-07" below 0.001; "—" when unknown.
    static QString pValue(double p);
    // 3 significant digits and the unit: "180 ms", "+4.2 ms".
    static QString quantity(double x, const QString &unit, bool sign = false);
    // "16,000" in the locale.
    static QString count(double n);
    // "2h10m", from seconds (kubectl's way of saying durations).
    static QString duration(double seconds);
};

} // namespace rolldeck
