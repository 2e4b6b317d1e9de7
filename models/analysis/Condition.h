#pragma once

#include "analysis/ConditionAst.h"
#include "analysis/ExprValue.h"
#include "domain/Result.h"

#include <QString>

#include <memory>

namespace rolldeck::analysis {

// A parsed successCondition or failureCondition of an AnalysisTemplate metric, evaluated over `result` the way
// the Argo Rollouts controller does (docs/analysis.md lists the subset of expr-lang it understands). Cheap to
// copy: the tree is shared.
class Condition
{
public:
    // Fails with "column N: what is wrong"; `error` (optional) gets the column and message apart.
    static Result<Condition> parse(const QString &source, ExprError *error = nullptr);

    // The expression's value; an evaluation error names its column.
    Result<ExprValue> evaluate(const ExprValue &result) const;
    // As the controller's EvalCondition: the value must be a bool ("expected bool, but got float64").
    Result<bool> test(const ExprValue &result) const;

    const QString &source() const { return m_source; }
    const ExprTree &tree() const { return *m_tree; }

private:
    Condition() = default;
    QString m_source;
    std::shared_ptr<const ExprTree> m_tree;
};

// "column 7: unknown name \"foo\"" (translated).
QString describeError(const ExprError &error);

} // namespace rolldeck::analysis
