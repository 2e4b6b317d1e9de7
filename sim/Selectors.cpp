#include "Selectors.h"

#include <algorithm>
#include <cctype>

namespace rdsim {

namespace {

std::string trim(const std::string &s)
{
    std::size_t b = 0;
    std::size_t e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b])))
        ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1])))
        --e;
    return s.substr(b, e - b);
}

// Splits on commas that are not inside parentheses.
std::vector<std::string> splitTerms(const std::string &text, bool *unbalanced)
{
    std::vector<std::string> out;
    std::string cur;
    int depth = 0;
    for (char ch : text) {
        if (ch == '(')
            ++depth;
        else if (ch == ')')
            --depth;
        if (depth < 0)
            *unbalanced = true;
        if (ch == ',' && depth == 0) {
            out.push_back(cur);
            cur.clear();
        } else {
            cur.push_back(ch);
        }
    }
    if (depth != 0)
        *unbalanced = true;
    out.push_back(cur);
    return out;
}

bool validKey(const std::string &k)
{
    if (k.empty() || k.size() > 317)
        return false;
    return std::all_of(k.begin(), k.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == '/';
    });
}

bool validValue(const std::string &v)
{
    if (v.size() > 63)
        return false;
    return std::all_of(v.begin(), v.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
    });
}

std::string labelValue(const nlohmann::json &labels, const std::string &key, bool *present)
{
    *present = false;
    if (!labels.is_object())
        return {};
    auto it = labels.find(key);
    if (it == labels.end() || !it->is_string())
        return {};
    *present = true;
    return it->get<std::string>();
}

} // namespace

LabelSelector::Parsed LabelSelector::parse(const std::string &text)
{
    Parsed result;
    LabelSelector sel;
    const std::string all = trim(text);
    if (all.empty()) {
        result.selector = sel;
        return result;
    }
    bool unbalanced = false;
    const auto terms = splitTerms(all, &unbalanced);
    if (unbalanced) {
        result.error = "unable to parse requirement: unbalanced parentheses in \"" + text + "\"";
        return result;
    }
    for (const auto &rawTerm : terms) {
        const std::string term = trim(rawTerm);
        if (term.empty()) {
            result.error = "found '', expected: identifier";
            return result;
        }
        Requirement req;
        std::size_t pos;
        if (term[0] == '!') {
            req.key = trim(term.substr(1));
            req.op = Op::DoesNotExist;
        } else if ((pos = term.find("!=")) != std::string::npos) {
            req.key = trim(term.substr(0, pos));
            req.op = Op::NotEquals;
            req.values.push_back(trim(term.substr(pos + 2)));
        } else if ((pos = term.find("==")) != std::string::npos) {
            req.key = trim(term.substr(0, pos));
            req.op = Op::Equals;
            req.values.push_back(trim(term.substr(pos + 2)));
        } else if ((pos = term.find('=')) != std::string::npos) {
            req.key = trim(term.substr(0, pos));
            req.op = Op::Equals;
            req.values.push_back(trim(term.substr(pos + 1)));
        } else if (term.find('(') != std::string::npos) {
            const std::size_t open = term.find('(');
            const std::size_t close = term.rfind(')');
            if (close == std::string::npos || close < open || !trim(term.substr(close + 1)).empty()) {
                result.error = "unable to parse requirement: \"" + term + "\"";
                return result;
            }
            const std::string head = trim(term.substr(0, open));
            const std::size_t sp = head.find_last_of(" \t");
            if (sp == std::string::npos) {
                result.error = "unable to parse requirement: \"" + term + "\"";
                return result;
            }
            req.key = trim(head.substr(0, sp));
            const std::string op = trim(head.substr(sp + 1));
            if (op == "in")
                req.op = Op::In;
            else if (op == "notin")
                req.op = Op::NotIn;
            else {
                result.error = "found '" + op + "', expected: in, notin";
                return result;
            }
            std::string inner = term.substr(open + 1, close - open - 1);
            std::size_t start = 0;
            while (true) {
                const std::size_t comma = inner.find(',', start);
                std::string v =
                    trim(inner.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
                req.values.push_back(v);
                if (comma == std::string::npos)
                    break;
                start = comma + 1;
            }
        } else {
            req.key = term;
            req.op = Op::Exists;
        }
        if (!validKey(req.key)) {
            result.error = "invalid label key \"" + req.key + "\"";
            return result;
        }
        for (const auto &v : req.values) {
            if (!validValue(v)) {
                result.error = "invalid label value: \"" + v + "\"";
                return result;
            }
        }
        sel.m_requirements.push_back(std::move(req));
    }
    result.selector = std::move(sel);
    return result;
}

LabelSelector LabelSelector::fromObject(const nlohmann::json &selector)
{
    LabelSelector sel;
    if (!selector.is_object())
        return sel;
    if (auto ml = selector.find("matchLabels"); ml != selector.end() && ml->is_object()) {
        for (auto it = ml->begin(); it != ml->end(); ++it)
            sel.m_requirements.push_back({it.key(), Op::Equals, {it->is_string() ? it->get<std::string>() : ""}});
    }
    if (auto me = selector.find("matchExpressions"); me != selector.end() && me->is_array()) {
        for (const auto &e : *me) {
            Requirement r;
            r.key = e.value("key", "");
            const std::string op = e.value("operator", "");
            r.op = op == "In"             ? Op::In
                   : op == "NotIn"        ? Op::NotIn
                   : op == "DoesNotExist" ? Op::DoesNotExist
                                          : Op::Exists;
            if (auto vals = e.find("values"); vals != e.end() && vals->is_array()) {
                for (const auto &v : *vals)
                    r.values.push_back(v.is_string() ? v.get<std::string>() : "");
            }
            sel.m_requirements.push_back(std::move(r));
        }
    }
    return sel;
}

bool LabelSelector::matches(const nlohmann::json &labels) const
{
    for (const auto &r : m_requirements) {
        bool present = false;
        const std::string value = labelValue(labels, r.key, &present);
        const bool inValues = present && std::find(r.values.begin(), r.values.end(), value) != r.values.end();
        switch (r.op) {
        case Op::Equals:
        case Op::In:
            if (!inValues)
                return false;
            break;
        case Op::NotEquals:
        case Op::NotIn:
            if (inValues)
                return false;
            break;
        case Op::Exists:
            if (!present)
                return false;
            break;
        case Op::DoesNotExist:
            if (present)
                return false;
            break;
        }
    }
    return true;
}

std::string LabelSelector::toString() const
{
    std::string out;
    for (const auto &r : m_requirements) {
        if (!out.empty())
            out += ",";
        auto joined = [&r] {
            std::string j;
            for (const auto &v : r.values)
                j += (j.empty() ? "" : ",") + v;
            return j;
        };
        switch (r.op) {
        case Op::Equals:
            out += r.key + "=" + (r.values.empty() ? "" : r.values[0]);
            break;
        case Op::NotEquals:
            out += r.key + "!=" + (r.values.empty() ? "" : r.values[0]);
            break;
        case Op::In:
            out += r.key + " in (" + joined() + ")";
            break;
        case Op::NotIn:
            out += r.key + " notin (" + joined() + ")";
            break;
        case Op::Exists:
            out += r.key;
            break;
        case Op::DoesNotExist:
            out += "!" + r.key;
            break;
        }
    }
    return out;
}

FieldSelector::Parsed FieldSelector::parse(const std::string &text)
{
    Parsed result;
    FieldSelector sel;
    const std::string all = trim(text);
    if (all.empty()) {
        result.selector = sel;
        return result;
    }
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = all.find(',', start);
        const std::string term =
            trim(all.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        Requirement r;
        std::size_t pos;
        if ((pos = term.find("!=")) != std::string::npos) {
            r.field = trim(term.substr(0, pos));
            r.equals = false;
            r.value = trim(term.substr(pos + 2));
        } else if ((pos = term.find("==")) != std::string::npos) {
            r.field = trim(term.substr(0, pos));
            r.value = trim(term.substr(pos + 2));
        } else if ((pos = term.find('=')) != std::string::npos) {
            r.field = trim(term.substr(0, pos));
            r.value = trim(term.substr(pos + 1));
        } else {
            result.error = "invalid selector: '" + text + "'; can't understand '" + term + "'";
            return result;
        }
        if (r.field.empty()) {
            result.error = "invalid selector: '" + text + "'";
            return result;
        }
        sel.m_requirements.push_back(std::move(r));
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    result.selector = std::move(sel);
    return result;
}

bool FieldSelector::matches(const nlohmann::json &object) const
{
    for (const auto &r : m_requirements) {
        // Walk the dotted path; a missing field compares as "".
        const nlohmann::json *cur = &object;
        std::size_t start = 0;
        bool found = true;
        while (found) {
            const std::size_t dot = r.field.find('.', start);
            const std::string part = r.field.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
            if (!cur->is_object() || !cur->contains(part)) {
                found = false;
                break;
            }
            cur = &cur->at(part);
            if (dot == std::string::npos)
                break;
            start = dot + 1;
        }
        std::string value;
        if (found) {
            if (cur->is_string())
                value = cur->get<std::string>();
            else if (!cur->is_null())
                value = cur->dump();
        }
        if ((value == r.value) != r.equals)
            return false;
    }
    return true;
}

} // namespace rdsim
