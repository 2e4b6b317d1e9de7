// A hand-written recursive-descent parser for the subset of expr-lang that AnalysisTemplate conditions use
// (docs/analysis.md). No Debian package implements expr-lang, and the subset is small enough that a grammar
// tool would cost more than it saves.
#include "analysis/ConditionAst.h"

#include <QCoreApplication>

#include <algorithm>
#include <limits>

namespace rolldeck::analysis {

namespace {

constexpr int kMaxDepth = 128; // nesting of the tree; deeper conditions are not written by people

enum class TokKind { End, Number, String, Name, Punct };

struct Token
{
    TokKind kind = TokKind::End;
    QString text;
    int column = 1;
    ExprValue value; // Number and String
};

struct BinaryInfo
{
    BinaryOp op;
    int precedence;
    bool rightAssoc;
};

bool binaryInfo(const Token &t, BinaryInfo *info)
{
    static const struct
    {
        const char *text;
        BinaryInfo info;
    } table[] = {
        {"||", {BinaryOp::Or, 10, false}},   {"or", {BinaryOp::Or, 10, false}}, {"&&", {BinaryOp::And, 15, false}},
        {"and", {BinaryOp::And, 15, false}}, {"==", {BinaryOp::Eq, 20, false}}, {"!=", {BinaryOp::Ne, 20, false}},
        {"<", {BinaryOp::Lt, 20, false}},    {"<=", {BinaryOp::Le, 20, false}}, {">", {BinaryOp::Gt, 20, false}},
        {">=", {BinaryOp::Ge, 20, false}},   {"+", {BinaryOp::Add, 30, false}}, {"-", {BinaryOp::Sub, 30, false}},
        {"*", {BinaryOp::Mul, 60, false}},   {"/", {BinaryOp::Div, 60, false}}, {"%", {BinaryOp::Mod, 60, false}},
        {"**", {BinaryOp::Pow, 100, true}},  {"^", {BinaryOp::Pow, 100, true}},
    };
    if (t.kind != TokKind::Punct && t.kind != TokKind::Name)
        return false;
    for (const auto &row : table) {
        if (t.text == QLatin1String(row.text)) {
            *info = row.info;
            return true;
        }
    }
    return false;
}

class Lexer
{
public:
    explicit Lexer(const QString &source) : m_src(source) {}

    bool run(std::vector<Token> *out, ExprError *error)
    {
        while (true) {
            while (m_pos < m_src.size() && m_src.at(m_pos).isSpace())
                ++m_pos;
            Token t;
            t.column = int(m_pos) + 1;
            if (m_pos >= m_src.size()) {
                out->push_back(t);
                return true;
            }
            const QChar c = m_src.at(m_pos);
            bool ok = true;
            if (c.isDigit() || (c == QLatin1Char('.') && nextIsDigit()))
                ok = number(&t, error);
            else if (c == QLatin1Char('"') || c == QLatin1Char('\''))
                ok = string(&t, error);
            else if (c.isLetter() || c == QLatin1Char('_') || c == QLatin1Char('$'))
                name(&t);
            else
                punct(&t);
            if (!ok)
                return false;
            out->push_back(t);
        }
    }

private:
    bool nextIsDigit() const { return m_pos + 1 < m_src.size() && m_src.at(m_pos + 1).isDigit(); }
    bool digitAt(qsizetype i) const
    {
        return i < m_src.size() && m_src.at(i) >= QLatin1Char('0') && m_src.at(i) <= QLatin1Char('9');
    }

    bool number(Token *t, ExprError *error)
    {
        const qsizetype start = m_pos;
        QString digits;
        bool isFloat = false;
        auto take = [&]() {
            while (digitAt(m_pos) ||
                   (m_pos < m_src.size() && m_src.at(m_pos) == QLatin1Char('_') && digitAt(m_pos + 1))) {
                if (m_src.at(m_pos) != QLatin1Char('_'))
                    digits += m_src.at(m_pos);
                ++m_pos;
            }
        };
        take();
        // "1..5" is a range in expr-lang: leave the dots to the parser.
        if (m_pos < m_src.size() && m_src.at(m_pos) == QLatin1Char('.') &&
            !(m_pos + 1 < m_src.size() && m_src.at(m_pos + 1) == QLatin1Char('.'))) {
            isFloat = true;
            digits += QLatin1Char('.');
            ++m_pos;
            take();
        }
        if (m_pos < m_src.size() && (m_src.at(m_pos) == QLatin1Char('e') || m_src.at(m_pos) == QLatin1Char('E'))) {
            qsizetype p = m_pos + 1;
            if (p < m_src.size() && (m_src.at(p) == QLatin1Char('+') || m_src.at(p) == QLatin1Char('-')))
                ++p;
            if (digitAt(p)) {
                isFloat = true;
                digits += QLatin1Char('e') + m_src.mid(m_pos + 1, p - m_pos - 1);
                m_pos = p;
                take();
            }
        }
        t->kind = TokKind::Number;
        t->text = m_src.mid(start, m_pos - start);
        if (digits.startsWith(QLatin1Char('.')))
            digits.prepend(QLatin1Char('0'));
        if (isFloat) {
            double d = 0;
            if (!parseGoFloat(digits, &d)) {
                *error = {
                    t->column,
                    QCoreApplication::translate("rolldeck::analysis", "the number %1 is out of range").arg(t->text)};
                return false;
            }
            t->value = ExprValue::number(d);
            return true;
        }
        bool ok = false;
        const qint64 i = digits.toLongLong(&ok);
        if (!ok) {
            *error = {t->column,
                      QCoreApplication::translate("rolldeck::analysis", "the integer %1 is out of range").arg(t->text)};
            return false;
        }
        t->value = ExprValue::integer(i);
        return true;
    }

    bool string(Token *t, ExprError *error)
    {
        const QChar quote = m_src.at(m_pos++);
        QString value;
        while (m_pos < m_src.size() && m_src.at(m_pos) != quote) {
            QChar c = m_src.at(m_pos++);
            if (c == QLatin1Char('\\')) {
                if (m_pos >= m_src.size())
                    break;
                const QChar e = m_src.at(m_pos++);
                switch (e.unicode()) {
                case 'n':
                    c = QLatin1Char('\n');
                    break;
                case 't':
                    c = QLatin1Char('\t');
                    break;
                case 'r':
                    c = QLatin1Char('\r');
                    break;
                case '\\':
                case '"':
                case '\'':
                    c = e;
                    break;
                default:
                    *error = {int(m_pos) - 1, QCoreApplication::translate("rolldeck::analysis",
                                                                          "unknown escape sequence \\%1 in a string")
                                                  .arg(e)};
                    return false;
                }
            }
            value += c;
        }
        if (m_pos >= m_src.size()) {
            *error = {t->column, QCoreApplication::translate("rolldeck::analysis", "the string is not closed")};
            return false;
        }
        ++m_pos; // the closing quote
        t->kind = TokKind::String;
        t->text = m_src.mid(t->column - 1, m_pos - (t->column - 1));
        t->value = ExprValue::string(value);
        return true;
    }

    void name(Token *t)
    {
        const qsizetype start = m_pos;
        while (m_pos < m_src.size() && (m_src.at(m_pos).isLetterOrNumber() || m_src.at(m_pos) == QLatin1Char('_') ||
                                        m_src.at(m_pos) == QLatin1Char('$')))
            ++m_pos;
        t->kind = TokKind::Name;
        t->text = m_src.mid(start, m_pos - start);
    }

    void punct(Token *t)
    {
        static const char *const twoChar[] = {"==", "!=", "<=", ">=", "&&", "||", "**", "??", "?.", ".."};
        t->kind = TokKind::Punct;
        const QString two = m_src.mid(m_pos, 2);
        for (const char *op : twoChar) {
            if (two == QLatin1String(op)) {
                t->text = two;
                m_pos += 2;
                return;
            }
        }
        t->text = m_src.mid(m_pos, 1);
        if (t->text.at(0).isHighSurrogate() && m_pos + 1 < m_src.size())
            t->text = m_src.mid(m_pos, 2);
        m_pos += t->text.size();
    }

    const QString &m_src;
    qsizetype m_pos = 0;
};

class Parser
{
public:
    Parser(std::vector<Token> tokens, ExprTree *tree, ExprError *error)
        : m_toks(std::move(tokens)), m_tree(tree), m_error(error)
    {
    }

    bool run()
    {
        const int root = expression(0);
        if (root < 0)
            return false;
        if (peek().kind != TokKind::End)
            return unexpectedAfterOperand();
        m_tree->root = root;
        return true;
    }

private:
    const Token &peek() const { return m_toks[m_pos]; }
    const Token &next() { return m_toks[std::min(m_pos++, m_toks.size() - 1)]; }
    bool isPunct(const char *text) const { return peek().kind == TokKind::Punct && peek().text == QLatin1String(text); }

    int fail(int column, const QString &message)
    {
        if (m_error->message.isEmpty())
            *m_error = {column, message};
        return -1;
    }

    QString describe(const Token &t) const
    {
        if (t.kind == TokKind::End)
            return QCoreApplication::translate("rolldeck::analysis", "the end of the condition");
        return QLatin1Char('"') + t.text + QLatin1Char('"');
    }

    int add(ExprNode node)
    {
        int depth = 1;
        for (int child : {node.lhs, node.rhs}) {
            if (child >= 0)
                depth = std::max(depth, m_depths[size_t(child)] + 1);
        }
        if (depth > kMaxDepth)
            return fail(node.column,
                        QCoreApplication::translate("rolldeck::analysis", "the condition is nested too deeply"));
        m_tree->nodes.push_back(std::move(node));
        m_depths.push_back(depth);
        return int(m_tree->nodes.size()) - 1;
    }

    bool expect(const char *text)
    {
        if (isPunct(text)) {
            ++m_pos;
            return true;
        }
        fail(peek().column, QCoreApplication::translate("rolldeck::analysis", "expected \"%1\" but found %2")
                                .arg(QLatin1String(text), describe(peek())));
        return false;
    }

    // After a complete operand: an unsupported operator, or something that cannot follow.
    bool unexpectedAfterOperand()
    {
        static const char *const unsupported[] = {"in", "not", "matches", "contains", "startsWith", "endsWith",
                                                  "??", "?",   "..",      "|",        "?.",         "."};
        const Token &t = peek();
        for (const char *op : unsupported) {
            if ((t.kind == TokKind::Name || t.kind == TokKind::Punct) && t.text == QLatin1String(op)) {
                fail(t.column, QCoreApplication::translate("rolldeck::analysis", "the operator %1 is not supported")
                                   .arg(describe(t)));
                return false;
            }
        }
        fail(t.column, QCoreApplication::translate("rolldeck::analysis", "unexpected %1").arg(describe(t)));
        return false;
    }

    int expression(int minPrecedence)
    {
        if (++m_nesting > kMaxDepth)
            return fail(peek().column,
                        QCoreApplication::translate("rolldeck::analysis", "the condition is nested too deeply"));
        int lhs = unary();
        while (lhs >= 0) {
            BinaryInfo info;
            if (!binaryInfo(peek(), &info) || info.precedence < minPrecedence)
                break;
            const Token &op = next();
            const int rhs = expression(info.rightAssoc ? info.precedence : info.precedence + 1);
            if (rhs < 0)
                return -1;
            ExprNode node;
            node.kind = NodeKind::Binary;
            node.column = op.column;
            node.op = info.op;
            node.lhs = lhs;
            node.rhs = rhs;
            lhs = add(node);
        }
        --m_nesting;
        return lhs;
    }

    int unary()
    {
        const Token &t = peek();
        const bool isNot = (t.kind == TokKind::Punct && t.text == QLatin1String("!")) ||
                           (t.kind == TokKind::Name && t.text == QLatin1String("not"));
        const bool isMinus = t.kind == TokKind::Punct && t.text == QLatin1String("-");
        const bool isPlus = t.kind == TokKind::Punct && t.text == QLatin1String("+");
        if (!isNot && !isMinus && !isPlus)
            return postfix(primary());
        const int column = next().column;
        const int operand = expression(isNot ? 50 : 90); // expr-lang's unary precedences
        if (operand < 0)
            return -1;
        ExprNode node;
        node.kind = isNot ? NodeKind::Not : (isMinus ? NodeKind::Negate : NodeKind::Plus);
        node.column = column;
        node.lhs = operand;
        return add(node);
    }

    int primary()
    {
        const Token &t = next();
        ExprNode node;
        node.column = t.column;
        switch (t.kind) {
        case TokKind::Number:
        case TokKind::String:
            node.literal = t.value;
            return add(node);
        case TokKind::Name:
            return name(t);
        case TokKind::End:
            return fail(t.column, QCoreApplication::translate("rolldeck::analysis", "the condition ends too early"));
        case TokKind::Punct:
            break;
        }
        if (t.text == QLatin1String("(")) {
            const int inner = expression(0);
            if (inner < 0 || !expect(")"))
                return -1;
            return inner;
        }
        if (t.text == QLatin1String("#")) {
            if (m_predicates == 0)
                return fail(t.column,
                            QCoreApplication::translate("rolldeck::analysis",
                                                        "\"#\" is only valid in the predicate of all() or any()"));
            node.kind = NodeKind::Element;
            return add(node);
        }
        if (t.text == QLatin1String("["))
            return fail(t.column,
                        QCoreApplication::translate("rolldeck::analysis", "array literals are not supported"));
        return fail(t.column, QCoreApplication::translate("rolldeck::analysis", "unexpected %1").arg(describe(t)));
    }

    int name(const Token &t)
    {
        ExprNode node;
        node.column = t.column;
        if (isPunct("("))
            return call(t);
        if (t.text == QLatin1String("true") || t.text == QLatin1String("false")) {
            node.literal = ExprValue::boolean(t.text == QLatin1String("true"));
            return add(node);
        }
        if (t.text == QLatin1String("nil")) {
            node.literal = ExprValue();
            return add(node);
        }
        if (t.text == QLatin1String("result")) {
            node.kind = NodeKind::Result;
            return add(node);
        }
        return fail(t.column, QCoreApplication::translate("rolldeck::analysis", "unknown name \"%1\"").arg(t.text));
    }

    int call(const Token &name)
    {
        static const struct
        {
            const char *name;
            Builtin builtin;
            int arity;
        } builtins[] = {
            {"len", Builtin::Len, 1},     {"all", Builtin::All, 2},         {"any", Builtin::Any, 2},
            {"isNaN", Builtin::IsNaN, 1}, {"isInf", Builtin::IsInf, 1},     {"isNil", Builtin::IsNil, 1},
            {"asInt", Builtin::AsInt, 1}, {"asFloat", Builtin::AsFloat, 1}, {"default", Builtin::Default, 2},
        };
        ExprNode node;
        node.kind = NodeKind::Call;
        node.column = name.column;
        int arity = -1;
        for (const auto &b : builtins) {
            if (name.text == QLatin1String(b.name)) {
                node.builtin = b.builtin;
                arity = b.arity;
            }
        }
        if (arity < 0)
            return fail(name.column,
                        QCoreApplication::translate("rolldeck::analysis", "the function \"%1\" is not supported")
                            .arg(name.text));
        next(); // "("
        const bool predicate = node.builtin == Builtin::All || node.builtin == Builtin::Any;
        std::vector<int> args;
        while (!isPunct(")")) {
            if (!args.empty() && !expect(","))
                return -1;
            const int arg = (predicate && args.size() == 1) ? predicateArgument() : expression(0);
            if (arg < 0)
                return -1;
            args.push_back(arg);
        }
        next(); // ")"
        if (int(args.size()) != arity) {
            return fail(name.column, QCoreApplication::translate("rolldeck::analysis",
                                                                 "%1() takes %n argument(s), not %2", nullptr, arity)
                                         .arg(name.text)
                                         .arg(args.size()));
        }
        node.lhs = args[0];
        node.rhs = arity > 1 ? args[1] : -1;
        return add(node);
    }

    // The predicate of all() and any(): `{ # < 1 }` or, as expr-lang also accepts, `# < 1`.
    int predicateArgument()
    {
        ++m_predicates;
        int result = -1;
        if (isPunct("{")) {
            next();
            result = expression(0);
            if (result >= 0 && !expect("}"))
                result = -1;
        } else {
            result = expression(0);
        }
        --m_predicates;
        return result;
    }

    int postfix(int operand)
    {
        while (operand >= 0) {
            if (isPunct("[")) {
                const int column = next().column;
                const int index = expression(0);
                if (index < 0)
                    return -1;
                if (isPunct(":"))
                    return fail(peek().column,
                                QCoreApplication::translate("rolldeck::analysis", "slices are not supported"));
                if (!expect("]"))
                    return -1;
                ExprNode node;
                node.kind = NodeKind::Index;
                node.column = column;
                node.lhs = operand;
                node.rhs = index;
                operand = add(node);
            } else if (isPunct(".") || isPunct("?.")) {
                return fail(peek().column,
                            QCoreApplication::translate("rolldeck::analysis", "member access (\"%1\") is not supported")
                                .arg(peek().text));
            } else if (isPunct("(")) {
                return fail(peek().column, QCoreApplication::translate("rolldeck::analysis",
                                                                       "only the built-in functions can be called"));
            } else {
                break;
            }
        }
        return operand;
    }

    std::vector<Token> m_toks;
    size_t m_pos = 0;
    ExprTree *m_tree;
    ExprError *m_error;
    std::vector<int> m_depths;
    int m_nesting = 0;
    int m_predicates = 0;
};

} // namespace

bool parseCondition(const QString &source, ExprTree *tree, ExprError *error)
{
    *tree = {};
    *error = {};
    std::vector<Token> tokens;
    if (!Lexer(source).run(&tokens, error))
        return false;
    if (!Parser(std::move(tokens), tree, error).run()) {
        *tree = {};
        return false;
    }
    return true;
}

} // namespace rolldeck::analysis
