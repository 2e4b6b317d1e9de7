#pragma once

#include "analysis/Condition.h"

#include <QString>

#include <optional>

namespace rolldeck::analysis {

// The line a chart draws for a condition that is a simple comparison of the measured value with a number
// (`result[0] < 0.005`, `result < 0.2`, `all(result, {# < 0.3})`, also behind guards such as
// `len(result) > 0 && ...` or `isNaN(result[0]) || ...`). Conditions of any other shape have none, and the
// chart shows their text instead (docs/analysis.md).
struct Threshold
{
    enum class Compare { Less, LessOrEqual, Greater, GreaterOrEqual };
    enum class Role { Success, Failure }; // from a successCondition or a failureCondition

    double value = 0;
    Compare compare = Compare::Less; // "measured <compare> value"
    Role role = Role::Success;
    int index = 0;      // which element of the result: result[index]; 0 for a scalar
    bool every = false; // all(result, ...): every point of the result is compared

    // Whether the comparison holds for a measured value (false for NaN, as in the controller).
    bool holds(double measured) const;
    // Whether the value lies in the pass band: the comparison holds for a success condition, fails for a failure
    // condition.
    bool passes(double measured) const { return role == Role::Success ? holds(measured) : !holds(measured); }
    // True when values above the line pass (the pass band is above it).
    bool passAbove() const;
    // "< 0.005" for a chart's legend.
    QString text() const;
};

std::optional<Threshold> extractThreshold(const Condition &condition, Threshold::Role role);

} // namespace rolldeck::analysis
