#pragma once

#include <QString>

#include <utility>
#include <vector>

class QJsonValue;

namespace rolldeck::analysis {

// A value of the condition language: what `result` holds and what an expression yields. Mirrors the Go values
// the Argo Rollouts controller hands to expr-lang (nil, bool, int, float64, string, slices and maps).
class ExprValue
{
public:
    enum class Type { Nil, Bool, Int, Float, String, Array, Map };

    ExprValue() = default;
    static ExprValue boolean(bool b);
    static ExprValue integer(qint64 i);
    static ExprValue number(double d);
    static ExprValue string(QString s);
    static ExprValue array(std::vector<ExprValue> items);
    static ExprValue map(std::vector<std::pair<QString, ExprValue>> entries);
    // A Prometheus vector or range result as the controller sees it: []float64.
    static ExprValue floats(const std::vector<double> &values);
    // JSON as the web provider decodes it (numbers are float64).
    static ExprValue fromJson(const QJsonValue &json);
    // A measurement's stored `value` text read back: "[0.5,NaN]" is a []float64, a number is a float64, empty is
    // nil, anything else a string.
    static ExprValue fromMeasurement(const QString &text);

    Type type() const { return m_type; }
    bool isNumber() const { return m_type == Type::Int || m_type == Type::Float; }
    bool toBool() const { return m_bool; }
    qint64 toInt() const { return m_int; }
    // Int or Float as a double.
    double toDouble() const { return m_type == Type::Int ? double(m_int) : m_double; }
    const QString &toString() const { return m_string; }
    const std::vector<ExprValue> &items() const { return m_items; }
    const std::vector<std::pair<QString, ExprValue>> &entries() const { return m_entries; }

    // The Go type name the controller's messages use ("float64", "[]float64", "<nil>", ...).
    QString goTypeName() const;
    // Text for people and logs: numbers as Go prints them, arrays as [a,b].
    QString display() const;
    // expr-lang's ==: numbers compare by value across int and float, other types must match, arrays and maps
    // compare element by element.
    bool equals(const ExprValue &other) const;

private:
    Type m_type = Type::Nil;
    bool m_bool = false;
    qint64 m_int = 0;
    double m_double = 0;
    QString m_string;
    std::vector<ExprValue> m_items;
    std::vector<std::pair<QString, ExprValue>> m_entries;
};

// Go's strconv.ParseFloat subset Prometheus and the controller write: decimal and exponent forms, and the
// tokens NaN, +Inf, -Inf, Inf (any case). Locale-independent. Returns false for anything else.
bool parseGoFloat(QStringView text, double *out);
// Go's strconv.FormatFloat(v, 'g'-like shortest form) as Prometheus prints sample values: NaN, +Inf, -Inf.
QString formatGoFloat(double v);

} // namespace rolldeck::analysis
