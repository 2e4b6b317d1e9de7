#pragma once

// The subset of the expr language (expr-lang, as Argo Rollouts uses it in successCondition /
// failureCondition) that AnalysisTemplates in the wild rely on: literals, `result`, indexing,
// comparisons, arithmetic, `&&`/`and`, `||`/`or`, `!`/`not`, `?:`, and the helpers len, asFloat,
// asInt, isNaN, isInf, isNil, default, all, any, none (with `#` as the element).

#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace rdsim {

struct ExprValue
{
    // nil, bool, number, string, array of numbers
    std::variant<std::monostate, bool, double, std::string, std::vector<double>> v;

    static ExprValue nil() { return {}; }
    static ExprValue boolean(bool b) { return ExprValue{b}; }
    static ExprValue number(double d) { return ExprValue{d}; }
    static ExprValue array(std::vector<double> a) { return ExprValue{std::move(a)}; }
    bool isNil() const { return std::holds_alternative<std::monostate>(v); }
};

struct ExprResult
{
    bool ok = false;
    bool value = false;
    std::string error;
};

class Expr
{
public:
    // Evaluates a boolean condition with `result` bound. An error (syntax, type, index out of
    // range, non-bool result) is reported in ExprResult::error, as the controller reports it.
    static ExprResult evaluateCondition(const std::string &expression, const ExprValue &result);
};

} // namespace rdsim
