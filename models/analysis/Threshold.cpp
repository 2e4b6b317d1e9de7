#include "analysis/Threshold.h"

#include <cmath>

namespace rolldeck::analysis {

namespace {

bool isComparison(BinaryOp op)
{
    return op == BinaryOp::Lt || op == BinaryOp::Le || op == BinaryOp::Gt || op == BinaryOp::Ge;
}

Threshold::Compare compareOf(BinaryOp op)
{
    switch (op) {
    case BinaryOp::Lt:
        return Threshold::Compare::Less;
    case BinaryOp::Le:
        return Threshold::Compare::LessOrEqual;
    case BinaryOp::Gt:
        return Threshold::Compare::Greater;
    default:
        return Threshold::Compare::GreaterOrEqual;
    }
}

// `5 > result` is `result < 5`.
Threshold::Compare mirrored(Threshold::Compare c)
{
    switch (c) {
    case Threshold::Compare::Less:
        return Threshold::Compare::Greater;
    case Threshold::Compare::LessOrEqual:
        return Threshold::Compare::GreaterOrEqual;
    case Threshold::Compare::Greater:
        return Threshold::Compare::Less;
    case Threshold::Compare::GreaterOrEqual:
        return Threshold::Compare::LessOrEqual;
    }
    return c;
}

class Reader
{
public:
    explicit Reader(const ExprTree &tree) : m_tree(tree) {}
    const ExprNode &at(int i) const { return m_tree.nodes[size_t(i)]; }

    // A number literal, possibly negated.
    std::optional<double> number(int i) const
    {
        const ExprNode &n = at(i);
        if (n.kind == NodeKind::Negate || n.kind == NodeKind::Plus) {
            const std::optional<double> inner = number(n.lhs);
            if (inner && n.kind == NodeKind::Negate)
                return -*inner;
            return inner;
        }
        if (n.kind == NodeKind::Literal && n.literal.isNumber())
            return n.literal.toDouble();
        return std::nullopt;
    }

    // The measured value: result, result[N], #, or asFloat() of one of them. Sets index and every.
    bool measured(int i, Threshold *t, bool inPredicate) const
    {
        const ExprNode &n = at(i);
        if (n.kind == NodeKind::Call && n.builtin == Builtin::AsFloat)
            return measured(n.lhs, t, inPredicate);
        if (inPredicate)
            return n.kind == NodeKind::Element;
        if (n.kind == NodeKind::Result) {
            t->index = 0;
            return true;
        }
        if (n.kind == NodeKind::Index && at(n.lhs).kind == NodeKind::Result && at(n.rhs).kind == NodeKind::Literal &&
            at(n.rhs).literal.type() == ExprValue::Type::Int && at(n.rhs).literal.toInt() >= 0 &&
            at(n.rhs).literal.toInt() < 1000000) {
            t->index = int(at(n.rhs).literal.toInt());
            return true;
        }
        return false;
    }

    bool comparison(int i, Threshold *t, bool inPredicate) const
    {
        const ExprNode &n = at(i);
        if (n.kind != NodeKind::Binary || !isComparison(n.op))
            return false;
        if (const std::optional<double> v = number(n.rhs); v && measured(n.lhs, t, inPredicate)) {
            t->value = *v;
            t->compare = compareOf(n.op);
            return true;
        }
        if (const std::optional<double> v = number(n.lhs); v && measured(n.rhs, t, inPredicate)) {
            t->value = *v;
            t->compare = mirrored(compareOf(n.op));
            return true;
        }
        return false;
    }

    // A comparison, or all(result, {# < N}) / any(result, {# < N}).
    bool valueTest(int i, Threshold *t) const
    {
        const ExprNode &n = at(i);
        if (n.kind == NodeKind::Call && (n.builtin == Builtin::All || n.builtin == Builtin::Any)) {
            if (at(n.lhs).kind != NodeKind::Result || !comparison(n.rhs, t, true))
                return false;
            t->every = true;
            t->index = 0;
            return n.builtin == Builtin::All;
        }
        return comparison(i, t, false);
    }

    // What only protects the comparison from an empty, NaN or nil result.
    bool guard(int i) const
    {
        const ExprNode &n = at(i);
        if (n.kind == NodeKind::Not)
            return guard(n.lhs);
        if (n.kind == NodeKind::Call)
            return n.builtin == Builtin::IsNaN || n.builtin == Builtin::IsInf || n.builtin == Builtin::IsNil;
        if (n.kind == NodeKind::Binary && (isComparison(n.op) || n.op == BinaryOp::Eq || n.op == BinaryOp::Ne)) {
            const ExprNode &l = at(n.lhs);
            return l.kind == NodeKind::Call && l.builtin == Builtin::Len && number(n.rhs).has_value();
        }
        return false;
    }

    // Walks && and || chains: exactly one value test, every other operand a guard.
    bool find(int i, Threshold *t, int *tests) const
    {
        const ExprNode &n = at(i);
        if (n.kind == NodeKind::Binary && (n.op == BinaryOp::And || n.op == BinaryOp::Or))
            return find(n.lhs, t, tests) && find(n.rhs, t, tests);
        Threshold candidate = *t;
        if (valueTest(i, &candidate)) {
            *t = candidate;
            ++*tests;
            return true;
        }
        return guard(i);
    }

private:
    const ExprTree &m_tree;
};

} // namespace

bool Threshold::holds(double measured) const
{
    if (std::isnan(measured))
        return false;
    switch (compare) {
    case Compare::Less:
        return measured < value;
    case Compare::LessOrEqual:
        return measured <= value;
    case Compare::Greater:
        return measured > value;
    case Compare::GreaterOrEqual:
        return measured >= value;
    }
    return false;
}

bool Threshold::passAbove() const
{
    const bool above = compare == Compare::Greater || compare == Compare::GreaterOrEqual;
    return role == Role::Success ? above : !above;
}

QString Threshold::text() const
{
    static const char *const ops[] = {"<", "<=", ">", ">="};
    return QLatin1String(ops[int(compare)]) + QLatin1Char(' ') + formatGoFloat(value);
}

std::optional<Threshold> extractThreshold(const Condition &condition, Threshold::Role role)
{
    const ExprTree &tree = condition.tree();
    if (tree.root < 0)
        return std::nullopt;
    Threshold t;
    t.role = role;
    int tests = 0;
    if (!Reader(tree).find(tree.root, &t, &tests) || tests != 1 || !std::isfinite(t.value))
        return std::nullopt;
    return t;
}

} // namespace rolldeck::analysis
