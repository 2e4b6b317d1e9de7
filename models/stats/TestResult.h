#pragma once

#include <QString>

#include <limits>

namespace rolldeck::stats {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// What every test in models/stats answers, in one shape: the statistic and its degrees of freedom, the two-sided
// p-value, the estimate (B minus A, or B's lift over A) with its confidence interval, and an effect size. When the
// data cannot support the test, `notEnoughData` says why in words and every number is NaN (never shown as such).
struct TestResult
{
    QString method; // e.g. "Welch's t-test"; names what was computed
    double statistic = kNaN;
    double df = kNaN;     // degrees of freedom; NaN where the statistic has none (z, U)
    double pValue = kNaN; // two-sided
    double estimate = kNaN;
    double ciLow = kNaN;
    double ciHigh = kNaN;
    double confidence = 0.95;
    double effectSize = kNaN;
    QString effectSizeName; // "Cohen's h", "Cohen's d", "common-language effect size"
    QString notEnoughData;  // empty when the numbers stand; else the reason, translated

    bool ok() const { return notEnoughData.isEmpty(); }
    static TestResult insufficient(QString method, QString reason)
    {
        TestResult r;
        r.method = std::move(method);
        r.notEnoughData = std::move(reason);
        return r;
    }
};

// The two-sided critical value of the standard normal for a confidence level (1.959964 for 0.95).
double normalCritical(double confidence);

} // namespace rolldeck::stats
