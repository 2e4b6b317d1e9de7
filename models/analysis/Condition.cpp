#include "analysis/Condition.h"

#include <QCoreApplication>

#include <cmath>
#include <limits>

namespace rolldeck::analysis {

namespace {

const char *opText(BinaryOp op)
{
    switch (op) {
    case BinaryOp::Or:
        return "||";
    case BinaryOp::And:
        return "&&";
    case BinaryOp::Eq:
        return "==";
    case BinaryOp::Ne:
        return "!=";
    case BinaryOp::Lt:
        return "<";
    case BinaryOp::Le:
        return "<=";
    case BinaryOp::Gt:
        return ">";
    case BinaryOp::Ge:
        return ">=";
    case BinaryOp::Add:
        return "+";
    case BinaryOp::Sub:
        return "-";
    case BinaryOp::Mul:
        return "*";
    case BinaryOp::Div:
        return "/";
    case BinaryOp::Mod:
        return "%";
    case BinaryOp::Pow:
        return "**";
    }
    return "";
}

// Go's int64(f): truncation, with the amd64 answer (math.MinInt64) where the value does not fit.
qint64 goInt(double d)
{
    if (std::isnan(d) || d >= 9223372036854775808.0 || d < -9223372036854775808.0)
        return std::numeric_limits<qint64>::min();
    return qint64(d);
}

// Two's-complement wrap-around as Go does, without C++'s undefined signed overflow.
qint64 wrap(quint64 v)
{
    return qint64(v);
}

class Evaluator
{
public:
    Evaluator(const ExprTree &tree, const ExprValue &result) : m_tree(tree), m_result(result) {}

    bool eval(int index, ExprValue *out)
    {
        const ExprNode &n = m_tree.nodes[size_t(index)];
        switch (n.kind) {
        case NodeKind::Literal:
            *out = n.literal;
            return true;
        case NodeKind::Result:
            *out = m_result;
            return true;
        case NodeKind::Element:
            *out = *m_elements.back();
            return true;
        case NodeKind::Not:
        case NodeKind::Negate:
        case NodeKind::Plus:
            return unary(n, out);
        case NodeKind::Binary:
            return binary(n, out);
        case NodeKind::Index:
            return indexValue(n, out);
        case NodeKind::Call:
            return call(n, out);
        }
        return false;
    }

    ExprError error;

private:
    bool fail(int column, const QString &message)
    {
        error = {column, message};
        return false;
    }

    bool unary(const ExprNode &n, ExprValue *out)
    {
        ExprValue v;
        if (!eval(n.lhs, &v))
            return false;
        if (n.kind == NodeKind::Not) {
            if (v.type() != ExprValue::Type::Bool)
                return fail(n.column, QCoreApplication::translate("rolldeck::analysis", "\"!\" needs a bool, not %1")
                                          .arg(v.goTypeName()));
            *out = ExprValue::boolean(!v.toBool());
            return true;
        }
        if (!v.isNumber())
            return fail(
                n.column,
                QCoreApplication::translate("rolldeck::analysis", "a sign needs a number, not %1").arg(v.goTypeName()));
        if (n.kind == NodeKind::Plus)
            *out = v;
        else if (v.type() == ExprValue::Type::Int)
            *out = ExprValue::integer(wrap(0 - quint64(v.toInt())));
        else
            *out = ExprValue::number(-v.toDouble());
        return true;
    }

    bool logical(const ExprNode &n, ExprValue *out)
    {
        const QString op = QLatin1String(opText(n.op));
        ExprValue v;
        if (!eval(n.lhs, &v))
            return false;
        if (v.type() != ExprValue::Type::Bool)
            return fail(n.column, QCoreApplication::translate("rolldeck::analysis", "\"%1\" needs bools, not %2")
                                      .arg(op, v.goTypeName()));
        // Short-circuit, as expr-lang: `len(result) > 0 && result[0] < 1` never indexes an empty result.
        if (v.toBool() == (n.op == BinaryOp::Or)) {
            *out = v;
            return true;
        }
        if (!eval(n.rhs, &v))
            return false;
        if (v.type() != ExprValue::Type::Bool)
            return fail(n.column, QCoreApplication::translate("rolldeck::analysis", "\"%1\" needs bools, not %2")
                                      .arg(op, v.goTypeName()));
        *out = v;
        return true;
    }

    bool binary(const ExprNode &n, ExprValue *out)
    {
        if (n.op == BinaryOp::And || n.op == BinaryOp::Or)
            return logical(n, out);
        ExprValue a;
        ExprValue b;
        if (!eval(n.lhs, &a) || !eval(n.rhs, &b))
            return false;
        switch (n.op) {
        case BinaryOp::Eq:
        case BinaryOp::Ne:
            *out = ExprValue::boolean(a.equals(b) == (n.op == BinaryOp::Eq));
            return true;
        case BinaryOp::Lt:
        case BinaryOp::Le:
        case BinaryOp::Gt:
        case BinaryOp::Ge:
            return compare(n, a, b, out);
        default:
            return arithmetic(n, a, b, out);
        }
    }

    bool compare(const ExprNode &n, const ExprValue &a, const ExprValue &b, ExprValue *out)
    {
        int order = 0; // <0, 0, >0; NaN makes every comparison false, as in Go
        bool unordered = false;
        if (a.isNumber() && b.isNumber()) {
            if (a.type() == ExprValue::Type::Int && b.type() == ExprValue::Type::Int) {
                order = a.toInt() < b.toInt() ? -1 : (a.toInt() > b.toInt() ? 1 : 0);
            } else {
                const double x = a.toDouble();
                const double y = b.toDouble();
                unordered = std::isnan(x) || std::isnan(y);
                order = x < y ? -1 : (x > y ? 1 : 0);
            }
        } else if (a.type() == ExprValue::Type::String && b.type() == ExprValue::Type::String) {
            order = a.toString().compare(b.toString());
        } else {
            return fail(n.column,
                        QCoreApplication::translate("rolldeck::analysis", "cannot compare %1 with %2 using \"%3\"")
                            .arg(a.goTypeName(), b.goTypeName(), QLatin1String(opText(n.op))));
        }
        bool r = false;
        if (!unordered) {
            switch (n.op) {
            case BinaryOp::Lt:
                r = order < 0;
                break;
            case BinaryOp::Le:
                r = order <= 0;
                break;
            case BinaryOp::Gt:
                r = order > 0;
                break;
            default:
                r = order >= 0;
                break;
            }
        }
        *out = ExprValue::boolean(r);
        return true;
    }

    bool arithmetic(const ExprNode &n, const ExprValue &a, const ExprValue &b, ExprValue *out)
    {
        if (n.op == BinaryOp::Add && a.type() == ExprValue::Type::String && b.type() == ExprValue::Type::String) {
            *out = ExprValue::string(a.toString() + b.toString());
            return true;
        }
        if (!a.isNumber() || !b.isNumber()) {
            return fail(n.column,
                        QCoreApplication::translate("rolldeck::analysis", "\"%1\" needs numbers, not %2 and %3")
                            .arg(QLatin1String(opText(n.op)), a.goTypeName(), b.goTypeName()));
        }
        const bool ints = a.type() == ExprValue::Type::Int && b.type() == ExprValue::Type::Int;
        const quint64 x = quint64(a.toInt());
        const quint64 y = quint64(b.toInt());
        switch (n.op) {
        case BinaryOp::Add:
            *out = ints ? ExprValue::integer(wrap(x + y)) : ExprValue::number(a.toDouble() + b.toDouble());
            return true;
        case BinaryOp::Sub:
            *out = ints ? ExprValue::integer(wrap(x - y)) : ExprValue::number(a.toDouble() - b.toDouble());
            return true;
        case BinaryOp::Mul:
            *out = ints ? ExprValue::integer(wrap(x * y)) : ExprValue::number(a.toDouble() * b.toDouble());
            return true;
        case BinaryOp::Div: // always floating point in expr-lang
            *out = ExprValue::number(a.toDouble() / b.toDouble());
            return true;
        case BinaryOp::Pow:
            *out = ExprValue::number(std::pow(a.toDouble(), b.toDouble()));
            return true;
        case BinaryOp::Mod:
            if (!ints)
                return fail(n.column,
                            QCoreApplication::translate("rolldeck::analysis", "\"%\" needs integers, not %1 and %2")
                                .arg(a.goTypeName(), b.goTypeName()));
            if (b.toInt() == 0)
                return fail(n.column, QCoreApplication::translate("rolldeck::analysis", "integer divide by zero"));
            *out = ExprValue::integer(b.toInt() == -1 ? 0 : a.toInt() % b.toInt());
            return true;
        default:
            return false;
        }
    }

    bool indexValue(const ExprNode &n, ExprValue *out)
    {
        ExprValue container;
        ExprValue key;
        if (!eval(n.lhs, &container) || !eval(n.rhs, &key))
            return false;
        if (container.type() == ExprValue::Type::Map) {
            if (key.type() != ExprValue::Type::String)
                return fail(n.column,
                            QCoreApplication::translate("rolldeck::analysis", "a map is indexed by a string, not %1")
                                .arg(key.goTypeName()));
            *out = {};
            for (const auto &[k, v] : container.entries()) {
                if (k == key.toString())
                    *out = v;
            }
            return true;
        }
        if (container.type() != ExprValue::Type::Array)
            return fail(
                n.column,
                QCoreApplication::translate("rolldeck::analysis", "cannot index %1").arg(container.goTypeName()));
        if (key.type() != ExprValue::Type::Int)
            return fail(n.column,
                        QCoreApplication::translate("rolldeck::analysis", "an index must be an integer, not %1")
                            .arg(key.goTypeName()));
        const qint64 size = qint64(container.items().size());
        qint64 i = key.toInt();
        if (i < 0 && i >= -size)
            i += size; // expr-lang counts negative indexes from the end
        if (i < 0 || i >= size) {
            return fail(n.column, QCoreApplication::translate("rolldeck::analysis",
                                                              "index %1 is out of range (the array has %2 elements)")
                                      .arg(key.toInt())
                                      .arg(size));
        }
        *out = container.items()[size_t(i)];
        return true;
    }

    bool call(const ExprNode &n, ExprValue *out)
    {
        if (n.builtin == Builtin::All || n.builtin == Builtin::Any)
            return quantifier(n, out);
        ExprValue arg;
        if (!eval(n.lhs, &arg))
            return false;
        switch (n.builtin) {
        case Builtin::Len:
            return length(n, arg, out);
        case Builtin::IsNaN:
        case Builtin::IsInf: {
            const bool nan = n.builtin == Builtin::IsNaN;
            if (!arg.isNumber()) {
                return fail(n.column,
                            QCoreApplication::translate("rolldeck::analysis", "%1() needs a number, not %2")
                                .arg(nan ? QStringLiteral("isNaN") : QStringLiteral("isInf"), arg.goTypeName()));
            }
            const double d = arg.toDouble();
            *out = ExprValue::boolean(nan ? std::isnan(d) : std::isinf(d));
            return true;
        }
        case Builtin::IsNil: // the controller's isNil looks at the result, whatever its argument
            *out = ExprValue::boolean(m_result.type() == ExprValue::Type::Nil);
            return true;
        case Builtin::Default: { // and so does its default(): the result, or the fallback when it is nil
            ExprValue fallback;
            if (!eval(n.rhs, &fallback))
                return false;
            *out = m_result.type() == ExprValue::Type::Nil ? fallback : m_result;
            return true;
        }
        case Builtin::AsInt:
        case Builtin::AsFloat:
            return convert(n, arg, out);
        case Builtin::All:
        case Builtin::Any:
            break;
        }
        return false;
    }

    bool length(const ExprNode &n, const ExprValue &arg, ExprValue *out)
    {
        switch (arg.type()) {
        case ExprValue::Type::Array:
            *out = ExprValue::integer(qint64(arg.items().size()));
            return true;
        case ExprValue::Type::Map:
            *out = ExprValue::integer(qint64(arg.entries().size()));
            return true;
        case ExprValue::Type::String:
            *out = ExprValue::integer(arg.toString().toUtf8().size());
            return true;
        default:
            return fail(n.column, QCoreApplication::translate("rolldeck::analysis",
                                                              "len() needs an array, a map or a string, not %1")
                                      .arg(arg.goTypeName()));
        }
    }

    bool convert(const ExprNode &n, const ExprValue &arg, ExprValue *out)
    {
        const bool toInt = n.builtin == Builtin::AsInt;
        if (arg.isNumber()) {
            *out = toInt ? ExprValue::integer(arg.type() == ExprValue::Type::Int ? arg.toInt() : goInt(arg.toDouble()))
                         : ExprValue::number(arg.toDouble());
            return true;
        }
        if (arg.type() == ExprValue::Type::String) {
            const QString text = arg.toString();
            if (toInt) {
                bool ok = false;
                const qint64 i = text.toLongLong(&ok, 10);
                if (ok && !text.contains(QLatin1Char(' '))) {
                    *out = ExprValue::integer(i);
                    return true;
                }
            } else {
                double d = 0;
                if (parseGoFloat(text, &d)) {
                    *out = ExprValue::number(d);
                    return true;
                }
            }
            return fail(n.column, QCoreApplication::translate("rolldeck::analysis", "%1(): \"%2\" is not a number")
                                      .arg(toInt ? QStringLiteral("asInt") : QStringLiteral("asFloat"), text));
        }
        return fail(n.column, QCoreApplication::translate("rolldeck::analysis", "%1() is not supported on %2")
                                  .arg(toInt ? QStringLiteral("asInt") : QStringLiteral("asFloat"), arg.goTypeName()));
    }

    bool quantifier(const ExprNode &n, ExprValue *out)
    {
        const bool all = n.builtin == Builtin::All;
        ExprValue array;
        if (!eval(n.lhs, &array))
            return false;
        if (array.type() != ExprValue::Type::Array) {
            return fail(n.column, QCoreApplication::translate("rolldeck::analysis", "%1() needs an array, not %2")
                                      .arg(all ? QStringLiteral("all") : QStringLiteral("any"), array.goTypeName()));
        }
        for (const ExprValue &item : array.items()) {
            m_elements.push_back(&item);
            ExprValue v;
            const bool ok = eval(n.rhs, &v);
            m_elements.pop_back();
            if (!ok)
                return false;
            if (v.type() != ExprValue::Type::Bool)
                return fail(n.column,
                            QCoreApplication::translate("rolldeck::analysis", "the predicate must be a bool, not %1")
                                .arg(v.goTypeName()));
            if (v.toBool() != all) {
                *out = ExprValue::boolean(!all);
                return true;
            }
        }
        *out = ExprValue::boolean(all);
        return true;
    }

    const ExprTree &m_tree;
    const ExprValue &m_result;
    std::vector<const ExprValue *> m_elements; // `#` of the innermost all()/any()
};

} // namespace

Result<Condition> Condition::parse(const QString &source, ExprError *error)
{
    auto tree = std::make_shared<ExprTree>();
    ExprError e;
    if (!parseCondition(source, tree.get(), &e)) {
        if (error)
            *error = e;
        return Result<Condition>::failure(describeError(e));
    }
    Condition c;
    c.m_source = source;
    c.m_tree = std::move(tree);
    return c;
}

Result<ExprValue> Condition::evaluate(const ExprValue &result) const
{
    Evaluator evaluator(*m_tree, result);
    ExprValue out;
    if (!evaluator.eval(m_tree->root, &out))
        return Result<ExprValue>::failure(describeError(evaluator.error));
    return out;
}

Result<bool> Condition::test(const ExprValue &result) const
{
    const Result<ExprValue> value = evaluate(result);
    if (!value)
        return Result<bool>::failure(value.error());
    if (value->type() != ExprValue::Type::Bool)
        return Result<bool>::failure(
            QCoreApplication::translate("rolldeck::analysis", "expected bool, but got %1").arg(value->goTypeName()));
    return value->toBool();
}

QString describeError(const ExprError &error)
{
    return QCoreApplication::translate("rolldeck::analysis", "column %1: %2").arg(error.column).arg(error.message);
}

} // namespace rolldeck::analysis
