#pragma once

#include "analysis/ExprValue.h"

#include <QString>

#include <vector>

namespace rolldeck::analysis {

// The syntax tree of a condition, in one flat vector (children by index), as ConditionParser builds it and
// Condition evaluates it. Threshold reads it to recognise simple comparisons.
enum class NodeKind { Literal, Result, Element, Not, Negate, Plus, Binary, Index, Call };
enum class BinaryOp { Or, And, Eq, Ne, Lt, Le, Gt, Ge, Add, Sub, Mul, Div, Mod, Pow };
enum class Builtin { Len, All, Any, IsNaN, IsInf, IsNil, AsInt, AsFloat, Default };

struct ExprNode
{
    NodeKind kind = NodeKind::Literal;
    int column = 1; // 1-based, where the node's token starts
    ExprValue literal;
    BinaryOp op = BinaryOp::Or;
    Builtin builtin = Builtin::Len;
    int lhs = -1; // operand, indexed value, first argument
    int rhs = -1; // second operand, index, second argument
};

struct ExprTree
{
    std::vector<ExprNode> nodes;
    int root = -1;
};

struct ExprError
{
    int column = 0;
    QString message; // translated, without the column
};

// Parses the condition language (docs/analysis.md). On failure returns false and fills `error`.
bool parseCondition(const QString &source, ExprTree *tree, ExprError *error);

} // namespace rolldeck::analysis
