// libFuzzer target: the AnalysisTemplate condition language (models/analysis; docs/fuzzing.md). Every input that
// parses is evaluated over the kinds of result a provider hands the controller, and checked for a threshold.
#include "models/analysis/Condition.h"
#include "models/analysis/Threshold.h"

#include <QByteArray>
#include <QString>

#include <cmath>
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace rolldeck::analysis;
    const QString source = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    rolldeck::analysis::ExprError error;
    const auto condition = Condition::parse(source, &error);
    if (!condition) {
        (void)describeError(error);
        return 0;
    }
    static const ExprValue results[] = {
        ExprValue(),
        ExprValue::number(0.5),
        ExprValue::number(NAN),
        ExprValue::floats({}),
        ExprValue::floats({0.001, NAN, INFINITY, -3}),
        ExprValue::string(QStringLiteral("true")),
        ExprValue::integer(-9223372036854775807LL - 1),
        ExprValue::map({{QStringLiteral("ok"), ExprValue::boolean(true)}}),
    };
    for (const ExprValue &result : results) {
        const auto value = condition->evaluate(result);
        if (value)
            (void)value->display();
        (void)condition->test(result);
    }
    (void)extractThreshold(*condition, Threshold::Role::Success);
    (void)extractThreshold(*condition, Threshold::Role::Failure);
    return 0;
}
