#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <vector>

namespace rolldeck::cli {

// Reads the members of one JSON object of a command's input file, keeping the first problem with the member's
// path ("metrics[2].control[5]: expected a number"), so every input error names where it is.
class JsonReader
{
public:
    JsonReader(QJsonObject object, QString path, QString *problem)
        : m_object(std::move(object)), m_path(std::move(path)), m_problem(problem)
    {
    }

    QString *problem() const { return m_problem; }
    QString at(const QString &key) const { return m_path.isEmpty() ? key : m_path + u'.' + key; }
    bool has(const QString &key) const { return m_object.contains(key); }
    QJsonValue value(const QString &key) const { return m_object.value(key); }

    void fail(const QString &key, const QString &what) const
    {
        if (m_problem->isEmpty())
            *m_problem = at(key) + QStringLiteral(": ") + what;
    }
    double number(const QString &key, double fallback) const
    {
        if (!has(key))
            return fallback;
        if (!value(key).isDouble()) {
            fail(key, QStringLiteral("expected a number"));
            return fallback;
        }
        return value(key).toDouble();
    }
    bool boolean(const QString &key) const
    {
        if (has(key) && !value(key).isBool())
            fail(key, QStringLiteral("expected true or false"));
        return value(key).toBool();
    }
    // One of `names` (their index), or `fallback` when absent.
    int choice(const QString &key, const QStringList &names, int fallback) const
    {
        if (!has(key))
            return fallback;
        const int index = int(names.indexOf(value(key).toString()));
        if (!value(key).isString() || index < 0)
            fail(key, QStringLiteral("expected one of ") + names.join(QStringLiteral(", ")));
        return index < 0 ? fallback : index;
    }
    QJsonObject object(const QString &key) const
    {
        if (has(key) && !value(key).isObject())
            fail(key, QStringLiteral("expected an object"));
        return value(key).toObject();
    }

private:
    QJsonObject m_object;
    QString m_path;
    QString *m_problem;
};

// A sample: numbers, with null or "NaN" for a missing value.
std::vector<double> samples(const JsonReader &r, const QString &key);

// "3:14": the line and column of a byte offset into the text.
QString lineAndColumn(const QByteArray &json, qsizetype offset);

} // namespace rolldeck::cli
