#include "analysis/ExprValue.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QLocale>

#include <charconv>
#include <cmath>

namespace rolldeck::analysis {

ExprValue ExprValue::boolean(bool b)
{
    ExprValue v;
    v.m_type = Type::Bool;
    v.m_bool = b;
    return v;
}

ExprValue ExprValue::integer(qint64 i)
{
    ExprValue v;
    v.m_type = Type::Int;
    v.m_int = i;
    return v;
}

ExprValue ExprValue::number(double d)
{
    ExprValue v;
    v.m_type = Type::Float;
    v.m_double = d;
    return v;
}

ExprValue ExprValue::string(QString s)
{
    ExprValue v;
    v.m_type = Type::String;
    v.m_string = std::move(s);
    return v;
}

ExprValue ExprValue::array(std::vector<ExprValue> items)
{
    ExprValue v;
    v.m_type = Type::Array;
    v.m_items = std::move(items);
    return v;
}

ExprValue ExprValue::map(std::vector<std::pair<QString, ExprValue>> entries)
{
    ExprValue v;
    v.m_type = Type::Map;
    v.m_entries = std::move(entries);
    return v;
}

ExprValue ExprValue::floats(const std::vector<double> &values)
{
    std::vector<ExprValue> items;
    items.reserve(values.size());
    for (double d : values)
        items.push_back(number(d));
    return array(std::move(items));
}

ExprValue ExprValue::fromJson(const QJsonValue &json)
{
    switch (json.type()) {
    case QJsonValue::Bool:
        return boolean(json.toBool());
    case QJsonValue::Double:
        return number(json.toDouble());
    case QJsonValue::String:
        return string(json.toString());
    case QJsonValue::Array: {
        std::vector<ExprValue> items;
        const QJsonArray array = json.toArray();
        for (const QJsonValue &item : array)
            items.push_back(fromJson(item));
        return ExprValue::array(std::move(items));
    }
    case QJsonValue::Object: {
        std::vector<std::pair<QString, ExprValue>> entries;
        const QJsonObject object = json.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            entries.emplace_back(it.key(), fromJson(it.value()));
        return ExprValue::map(std::move(entries));
    }
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

ExprValue ExprValue::fromMeasurement(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    double d = 0;
    if (parseGoFloat(trimmed, &d))
        return number(d);
    if (trimmed.startsWith(QLatin1Char('[')) && trimmed.endsWith(QLatin1Char(']'))) {
        std::vector<double> values;
        const QStringView inner = QStringView(trimmed).mid(1, trimmed.size() - 2).trimmed();
        bool allNumbers = true;
        if (!inner.isEmpty()) {
            for (QStringView part : inner.split(QLatin1Char(','))) {
                if (!parseGoFloat(part.trimmed(), &d)) {
                    allNumbers = false;
                    break;
                }
                values.push_back(d);
            }
        }
        if (allNumbers)
            return floats(values);
    }
    return string(trimmed);
}

QString ExprValue::goTypeName() const
{
    switch (m_type) {
    case Type::Nil:
        return QStringLiteral("<nil>");
    case Type::Bool:
        return QStringLiteral("bool");
    case Type::Int:
        return QStringLiteral("int");
    case Type::Float:
        return QStringLiteral("float64");
    case Type::String:
        return QStringLiteral("string");
    case Type::Array:
        for (const ExprValue &item : m_items) {
            if (item.m_type != Type::Float)
                return QStringLiteral("[]interface {}");
        }
        return QStringLiteral("[]float64");
    case Type::Map:
        return QStringLiteral("map[string]interface {}");
    }
    return {};
}

QString ExprValue::display() const
{
    switch (m_type) {
    case Type::Nil:
        return QStringLiteral("<nil>");
    case Type::Bool:
        return m_bool ? QStringLiteral("true") : QStringLiteral("false");
    case Type::Int:
        return QString::number(m_int);
    case Type::Float:
        return formatGoFloat(m_double);
    case Type::String:
        return m_string;
    case Type::Array: {
        QStringList parts;
        for (const ExprValue &item : m_items)
            parts << item.display();
        return QLatin1Char('[') + parts.join(QLatin1Char(',')) + QLatin1Char(']');
    }
    case Type::Map: {
        QStringList parts;
        for (const auto &[key, value] : m_entries)
            parts << key + QLatin1Char(':') + value.display();
        return QStringLiteral("map[") + parts.join(QLatin1Char(' ')) + QLatin1Char(']');
    }
    }
    return {};
}

bool ExprValue::equals(const ExprValue &other) const
{
    if (isNumber() && other.isNumber()) {
        if (m_type == Type::Int && other.m_type == Type::Int)
            return m_int == other.m_int;
        return toDouble() == other.toDouble();
    }
    if (m_type != other.m_type)
        return false;
    switch (m_type) {
    case Type::Nil:
        return true;
    case Type::Bool:
        return m_bool == other.m_bool;
    case Type::String:
        return m_string == other.m_string;
    case Type::Array:
        if (m_items.size() != other.m_items.size())
            return false;
        for (size_t i = 0; i < m_items.size(); ++i) {
            if (!m_items[i].equals(other.m_items[i]))
                return false;
        }
        return true;
    case Type::Map:
        if (m_entries.size() != other.m_entries.size())
            return false;
        for (const auto &[key, value] : m_entries) {
            bool found = false;
            for (const auto &[otherKey, otherValue] : other.m_entries) {
                if (otherKey == key) {
                    found = value.equals(otherValue);
                    break;
                }
            }
            if (!found)
                return false;
        }
        return true;
    case Type::Int:
    case Type::Float:
        break;
    }
    return false;
}

bool parseGoFloat(QStringView text, double *out)
{
    // A stack copy: this runs once per sample of a Prometheus response.
    char buffer[65];
    const qsizetype size = text.size();
    if (size == 0 || size > 64)
        return false;
    for (qsizetype i = 0; i < size; ++i) {
        const char16_t c = text[i].unicode();
        if (c > 127)
            return false;
        buffer[i] = char(c);
    }
    const char *begin = buffer;
    const char *end = buffer + size;
    bool negative = false;
    if (*begin == '+' || *begin == '-') {
        negative = *begin == '-';
        ++begin;
    }
    const QLatin1String rest(begin, end);
    if (rest.compare(QLatin1String("inf"), Qt::CaseInsensitive) == 0 ||
        rest.compare(QLatin1String("infinity"), Qt::CaseInsensitive) == 0) {
        *out = negative ? -INFINITY : INFINITY;
        return true;
    }
    if (rest.compare(QLatin1String("nan"), Qt::CaseInsensitive) == 0) {
        *out = NAN;
        return true;
    }
    // Only digits, a point and an exponent: from_chars would take "infinity" and "nan(...)" forms too.
    for (const char *c = begin; c != end; ++c) {
        if (!((*c >= '0' && *c <= '9') || *c == '.' || *c == 'e' || *c == 'E' || *c == '+' || *c == '-'))
            return false;
    }
    double value = 0;
    const auto [ptr, ec] = std::from_chars(begin, end, value);
    if (ec != std::errc() || ptr != end || begin == end)
        return false; // includes out of range, which Go's ParseFloat reports as an error too
    *out = negative ? -value : value;
    return true;
}

QString formatGoFloat(double v)
{
    if (std::isnan(v))
        return QStringLiteral("NaN");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf");
    return QString::number(v, 'g', QLocale::FloatingPointShortest);
}

} // namespace rolldeck::analysis
