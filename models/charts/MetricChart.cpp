#include "charts/MetricChart.h"

#include "analysis/ExprValue.h"

namespace rolldeck::charts {

namespace {

std::shared_ptr<const analysis::Condition> parsed(const QString &text, QStringList &errors)
{
    if (text.trimmed().isEmpty())
        return nullptr;
    Result<analysis::Condition> condition = analysis::Condition::parse(text);
    if (!condition.ok()) {
        errors << condition.error();
        return nullptr;
    }
    return std::make_shared<const analysis::Condition>(std::move(condition).value());
}

} // namespace

QString MetricChart::prepare()
{
    QStringList errors;
    m_success = parsed(spec.successCondition, errors);
    m_failure = parsed(spec.failureCondition, errors);
    successLine.reset();
    failureLine.reset();
    if (m_success)
        successLine = analysis::extractThreshold(*m_success, analysis::Threshold::Role::Success);
    if (m_failure)
        failureLine = analysis::extractThreshold(*m_failure, analysis::Threshold::Role::Failure);
    return errors.join(QStringLiteral("; "));
}

analysis::Phase MetricChart::verdictOf(double drawnValue) const
{
    const double value = spec.displayScale != 0 ? drawnValue / spec.displayScale : drawnValue;
    std::vector<double> result(size_t(spec.resultIndex) + 1, value);
    return analysis::assessMeasurement(m_success.get(), m_failure.get(), analysis::ExprValue::floats(result)).phase;
}

} // namespace rolldeck::charts
