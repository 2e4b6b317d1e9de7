#include "Expr.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <stdexcept>

namespace rdsim {
namespace {

struct EvalError : std::runtime_error
{
    using std::runtime_error::runtime_error;
};

enum class Tok { Number, String, Ident, Op, End };

struct Token
{
    Tok kind;
    std::string text;
    double number = 0;
};

std::vector<Token> tokenize(const std::string &s)
{
    std::vector<Token> out;
    size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
            continue;
        }
        if (std::isdigit(static_cast<unsigned char>(c)) ||
            (c == '.' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
            size_t j = i;
            while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.' || s[j] == '_'))
                ++j;
            if (j < s.size() && (s[j] == 'e' || s[j] == 'E')) {
                ++j;
                if (j < s.size() && (s[j] == '+' || s[j] == '-'))
                    ++j;
                while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j])))
                    ++j;
            }
            std::string text;
            for (size_t k = i; k < j; ++k)
                if (s[k] != '_')
                    text += s[k];
            out.push_back({Tok::Number, text, std::strtod(text.c_str(), nullptr)});
            i = j;
            continue;
        }
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$') {
            size_t j = i;
            while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_' || s[j] == '$'))
                ++j;
            out.push_back({Tok::Ident, s.substr(i, j - i)});
            i = j;
            continue;
        }
        if (c == '"' || c == '\'' || c == '`') {
            size_t j = i + 1;
            std::string text;
            while (j < s.size() && s[j] != c) {
                if (s[j] == '\\' && j + 1 < s.size())
                    ++j;
                text += s[j++];
            }
            if (j >= s.size())
                throw EvalError("unterminated string literal");
            out.push_back({Tok::String, text});
            i = j + 1;
            continue;
        }
        static const char *const twoChar[] = {"&&", "||", "==", "!=", "<=", ">=", "??", "**"};
        bool matched = false;
        for (const char *op : twoChar) {
            if (s.compare(i, 2, op) == 0) {
                out.push_back({Tok::Op, op});
                i += 2;
                matched = true;
                break;
            }
        }
        if (matched)
            continue;
        if (std::string("<>!+-*/%()[],?:#").find(c) != std::string::npos) {
            out.push_back({Tok::Op, std::string(1, c)});
            ++i;
            continue;
        }
        throw EvalError(std::string("unexpected character '") + c + "'");
    }
    out.push_back({Tok::End, {}});
    return out;
}

struct Node;
using NodePtr = std::shared_ptr<Node>;

struct Node
{
    enum Kind { Literal, Ident, Pointer, Unary, Binary, Ternary, Index, Call, ArrayLit } kind;
    ExprValue literal;
    std::string name; // ident, operator or function
    std::vector<NodePtr> args;
};

class Parser
{
public:
    explicit Parser(std::vector<Token> toks) : m_toks(std::move(toks)) {}

    NodePtr parseAll()
    {
        NodePtr n = parseTernary();
        if (peek().kind != Tok::End)
            throw EvalError("unexpected token '" + peek().text + "'");
        return n;
    }

private:
    const Token &peek() const { return m_toks[m_pos]; }
    bool isOp(const char *op) const { return peek().kind == Tok::Op && peek().text == op; }
    bool isWord(const char *w) const { return peek().kind == Tok::Ident && peek().text == w; }
    void expect(const char *op)
    {
        if (!isOp(op))
            throw EvalError(std::string("expected '") + op + "'");
        ++m_pos;
    }

    static NodePtr make(Node::Kind k, std::string name, std::vector<NodePtr> args)
    {
        auto n = std::make_shared<Node>();
        n->kind = k;
        n->name = std::move(name);
        n->args = std::move(args);
        return n;
    }

    NodePtr parseTernary()
    {
        NodePtr cond = parseNilCoalesce();
        if (isOp("?")) {
            ++m_pos;
            NodePtr a = parseTernary();
            expect(":");
            NodePtr b = parseTernary();
            return make(Node::Ternary, "?:", {cond, a, b});
        }
        return cond;
    }

    NodePtr parseNilCoalesce()
    {
        NodePtr l = parseOr();
        while (isOp("??")) {
            ++m_pos;
            l = make(Node::Binary, "??", {l, parseOr()});
        }
        return l;
    }

    NodePtr parseOr()
    {
        NodePtr l = parseAnd();
        while (isOp("||") || isWord("or")) {
            ++m_pos;
            l = make(Node::Binary, "||", {l, parseAnd()});
        }
        return l;
    }

    NodePtr parseAnd()
    {
        NodePtr l = parseCompare();
        while (isOp("&&") || isWord("and")) {
            ++m_pos;
            l = make(Node::Binary, "&&", {l, parseCompare()});
        }
        return l;
    }

    NodePtr parseCompare()
    {
        NodePtr l = parseAdd();
        while (isOp("==") || isOp("!=") || isOp("<") || isOp("<=") || isOp(">") || isOp(">=")) {
            std::string op = peek().text;
            ++m_pos;
            l = make(Node::Binary, op, {l, parseAdd()});
        }
        return l;
    }

    NodePtr parseAdd()
    {
        NodePtr l = parseMul();
        while (isOp("+") || isOp("-")) {
            std::string op = peek().text;
            ++m_pos;
            l = make(Node::Binary, op, {l, parseMul()});
        }
        return l;
    }

    NodePtr parseMul()
    {
        NodePtr l = parseUnary();
        while (isOp("*") || isOp("/") || isOp("%")) {
            std::string op = peek().text;
            ++m_pos;
            l = make(Node::Binary, op, {l, parseUnary()});
        }
        return l;
    }

    NodePtr parseUnary()
    {
        if (isOp("!") || isWord("not")) {
            ++m_pos;
            return make(Node::Unary, "!", {parseUnary()});
        }
        if (isOp("-")) {
            ++m_pos;
            return make(Node::Unary, "-", {parseUnary()});
        }
        if (isOp("+")) {
            ++m_pos;
            return parseUnary();
        }
        return parsePostfix();
    }

    NodePtr parsePostfix()
    {
        NodePtr n = parsePrimary();
        while (isOp("[")) {
            ++m_pos;
            NodePtr idx = parseTernary();
            expect("]");
            n = make(Node::Index, "[]", {n, idx});
        }
        return n;
    }

    NodePtr parsePrimary()
    {
        const Token t = peek();
        if (t.kind == Tok::Number) {
            ++m_pos;
            auto n = make(Node::Literal, {}, {});
            n->literal = ExprValue::number(t.number);
            return n;
        }
        if (t.kind == Tok::String) {
            ++m_pos;
            auto n = make(Node::Literal, {}, {});
            n->literal.v = t.text;
            return n;
        }
        if (t.kind == Tok::Op && t.text == "(") {
            ++m_pos;
            NodePtr n = parseTernary();
            expect(")");
            return n;
        }
        if (t.kind == Tok::Op && t.text == "#") {
            ++m_pos;
            return make(Node::Pointer, "#", {});
        }
        if (t.kind == Tok::Op && t.text == "[") {
            ++m_pos;
            std::vector<NodePtr> items;
            while (!isOp("]")) {
                items.push_back(parseTernary());
                if (isOp(","))
                    ++m_pos;
                else
                    break;
            }
            expect("]");
            return make(Node::ArrayLit, "[", std::move(items));
        }
        if (t.kind == Tok::Ident) {
            ++m_pos;
            if (t.text == "true" || t.text == "false") {
                auto n = make(Node::Literal, {}, {});
                n->literal = ExprValue::boolean(t.text == "true");
                return n;
            }
            if (t.text == "nil") {
                return make(Node::Literal, {}, {});
            }
            if (isOp("(")) {
                ++m_pos;
                std::vector<NodePtr> args;
                while (!isOp(")")) {
                    args.push_back(parseTernary());
                    if (isOp(","))
                        ++m_pos;
                    else
                        break;
                }
                expect(")");
                return make(Node::Call, t.text, std::move(args));
            }
            return make(Node::Ident, t.text, {});
        }
        throw EvalError("unexpected token '" + t.text + "'");
    }

    std::vector<Token> m_toks;
    size_t m_pos = 0;
};

const char *typeName(const ExprValue &v)
{
    switch (v.v.index()) {
    case 0:
        return "nil";
    case 1:
        return "bool";
    case 2:
        return "float64";
    case 3:
        return "string";
    default:
        return "[]float64";
    }
}

double asNumber(const ExprValue &v, const char *what)
{
    if (const double *d = std::get_if<double>(&v.v))
        return *d;
    throw EvalError(std::string("invalid operation: ") + what + " (mismatched type " + typeName(v) + ")");
}

bool asBool(const ExprValue &v, const char *what)
{
    if (const bool *b = std::get_if<bool>(&v.v))
        return *b;
    throw EvalError(std::string("invalid operation: ") + what + " (non-bool " + typeName(v) + ")");
}

class Evaluator
{
public:
    explicit Evaluator(const ExprValue &result) : m_result(result) {}

    ExprValue eval(const NodePtr &n)
    {
        switch (n->kind) {
        case Node::Literal:
            return n->literal;
        case Node::Ident:
            if (n->name == "result")
                return m_result;
            throw EvalError("unknown name " + n->name);
        case Node::Pointer:
            if (m_pointer.empty())
                throw EvalError("# used outside of a predicate");
            return m_pointer.back();
        case Node::ArrayLit: {
            std::vector<double> items;
            for (const NodePtr &a : n->args)
                items.push_back(asNumber(eval(a), "array literal"));
            return ExprValue::array(std::move(items));
        }
        case Node::Unary: {
            ExprValue a = eval(n->args[0]);
            if (n->name == "!")
                return ExprValue::boolean(!asBool(a, "!"));
            return ExprValue::number(-asNumber(a, "-"));
        }
        case Node::Ternary:
            return asBool(eval(n->args[0]), "?:") ? eval(n->args[1]) : eval(n->args[2]);
        case Node::Index: {
            ExprValue base = eval(n->args[0]);
            const double idx = asNumber(eval(n->args[1]), "[]");
            const auto *arr = std::get_if<std::vector<double>>(&base.v);
            if (!arr)
                throw EvalError(std::string("cannot index ") + typeName(base));
            long i = static_cast<long>(idx);
            if (i < 0)
                i += static_cast<long>(arr->size());
            if (i < 0 || i >= static_cast<long>(arr->size()))
                throw EvalError("index out of range: " + std::to_string(static_cast<long>(idx)) + " (array length is " +
                                std::to_string(arr->size()) + ")");
            return ExprValue::number((*arr)[static_cast<size_t>(i)]);
        }
        case Node::Binary:
            return binary(n);
        case Node::Call:
            return call(n);
        }
        throw EvalError("bad node");
    }

private:
    ExprValue binary(const NodePtr &n)
    {
        const std::string &op = n->name;
        if (op == "&&") {
            if (!asBool(eval(n->args[0]), "&&"))
                return ExprValue::boolean(false);
            return ExprValue::boolean(asBool(eval(n->args[1]), "&&"));
        }
        if (op == "||") {
            if (asBool(eval(n->args[0]), "||"))
                return ExprValue::boolean(true);
            return ExprValue::boolean(asBool(eval(n->args[1]), "||"));
        }
        if (op == "??") {
            ExprValue a = eval(n->args[0]);
            return a.isNil() ? eval(n->args[1]) : a;
        }
        ExprValue a = eval(n->args[0]);
        ExprValue b = eval(n->args[1]);
        if (op == "==" || op == "!=") {
            bool eq;
            if (a.v.index() != b.v.index())
                eq = false;
            else
                eq = a.v == b.v;
            return ExprValue::boolean(op == "==" ? eq : !eq);
        }
        const double x = asNumber(a, op.c_str());
        const double y = asNumber(b, op.c_str());
        if (op == "<")
            return ExprValue::boolean(x < y);
        if (op == "<=")
            return ExprValue::boolean(x <= y);
        if (op == ">")
            return ExprValue::boolean(x > y);
        if (op == ">=")
            return ExprValue::boolean(x >= y);
        if (op == "+")
            return ExprValue::number(x + y);
        if (op == "-")
            return ExprValue::number(x - y);
        if (op == "*")
            return ExprValue::number(x * y);
        if (op == "/")
            return ExprValue::number(x / y);
        if (op == "%")
            return ExprValue::number(std::fmod(x, y));
        throw EvalError("unknown operator " + op);
    }

    void arity(const NodePtr &n, size_t count)
    {
        if (n->args.size() != count)
            throw EvalError("invalid number of arguments for " + n->name + " (expected " + std::to_string(count) +
                            ", got " + std::to_string(n->args.size()) + ")");
    }

    ExprValue call(const NodePtr &n)
    {
        const std::string &f = n->name;
        if (f == "len") {
            arity(n, 1);
            ExprValue a = eval(n->args[0]);
            if (const auto *arr = std::get_if<std::vector<double>>(&a.v))
                return ExprValue::number(static_cast<double>(arr->size()));
            if (const auto *s = std::get_if<std::string>(&a.v))
                return ExprValue::number(static_cast<double>(s->size()));
            throw EvalError(std::string("invalid argument for len (type ") + typeName(a) + ")");
        }
        if (f == "asFloat" || f == "asInt" || f == "float" || f == "int") {
            arity(n, 1);
            ExprValue a = eval(n->args[0]);
            double d;
            if (const auto *s = std::get_if<std::string>(&a.v)) {
                char *end = nullptr;
                d = std::strtod(s->c_str(), &end);
                if (end == s->c_str() || *end != '\0')
                    throw EvalError("strconv.ParseFloat: parsing \"" + *s + "\": invalid syntax");
            } else if (const auto *arr = std::get_if<std::vector<double>>(&a.v)) {
                if (arr->size() != 1)
                    throw EvalError("cannot convert array to number");
                d = (*arr)[0];
            } else {
                d = asNumber(a, f.c_str());
            }
            if (f == "asInt" || f == "int")
                d = std::trunc(d);
            return ExprValue::number(d);
        }
        if (f == "isNaN" || f == "isInf") {
            arity(n, 1);
            const double d = asNumber(eval(n->args[0]), f.c_str());
            return ExprValue::boolean(f == "isNaN" ? std::isnan(d) : std::isinf(d));
        }
        if (f == "isNil") {
            arity(n, 1);
            return ExprValue::boolean(eval(n->args[0]).isNil());
        }
        if (f == "default") {
            arity(n, 2);
            ExprValue a = eval(n->args[0]);
            return a.isNil() ? eval(n->args[1]) : a;
        }
        if (f == "abs") {
            arity(n, 1);
            return ExprValue::number(std::fabs(asNumber(eval(n->args[0]), "abs")));
        }
        if (f == "first" || f == "last" || f == "sum" || f == "mean" || f == "min" || f == "max") {
            arity(n, 1);
            ExprValue a = eval(n->args[0]);
            const auto *arr = std::get_if<std::vector<double>>(&a.v);
            if (!arr)
                throw EvalError("invalid argument for " + f);
            if (f == "first")
                return arr->empty() ? ExprValue::nil() : ExprValue::number(arr->front());
            if (f == "last")
                return arr->empty() ? ExprValue::nil() : ExprValue::number(arr->back());
            double acc = f == "min" ? INFINITY : (f == "max" ? -INFINITY : 0.0);
            for (double d : *arr) {
                if (f == "min")
                    acc = std::min(acc, d);
                else if (f == "max")
                    acc = std::max(acc, d);
                else
                    acc += d;
            }
            if (f == "mean")
                acc = arr->empty() ? 0.0 : acc / static_cast<double>(arr->size());
            return ExprValue::number(acc);
        }
        if (f == "all" || f == "any" || f == "none" || f == "one" || f == "count") {
            arity(n, 2);
            ExprValue a = eval(n->args[0]);
            const auto *arr = std::get_if<std::vector<double>>(&a.v);
            if (!arr)
                throw EvalError("invalid argument for " + f);
            size_t hits = 0;
            for (double d : *arr) {
                m_pointer.push_back(ExprValue::number(d));
                const bool b = asBool(eval(n->args[1]), f.c_str());
                m_pointer.pop_back();
                if (b)
                    ++hits;
            }
            if (f == "all")
                return ExprValue::boolean(hits == arr->size());
            if (f == "any")
                return ExprValue::boolean(hits > 0);
            if (f == "none")
                return ExprValue::boolean(hits == 0);
            if (f == "one")
                return ExprValue::boolean(hits == 1);
            return ExprValue::number(static_cast<double>(hits));
        }
        throw EvalError("unknown func " + f);
    }

    const ExprValue &m_result;
    std::vector<ExprValue> m_pointer;
};

} // namespace

ExprResult Expr::evaluateCondition(const std::string &expression, const ExprValue &result)
{
    ExprResult out;
    try {
        Parser parser(tokenize(expression));
        NodePtr root = parser.parseAll();
        Evaluator ev(result);
        ExprValue v = ev.eval(root);
        const bool *b = std::get_if<bool>(&v.v);
        if (!b) {
            out.error = std::string("expected bool, but got ") + typeName(v);
            return out;
        }
        out.ok = true;
        out.value = *b;
    } catch (const EvalError &e) {
        out.error = e.what();
    }
    return out;
}

} // namespace rdsim
