#include "KubeObject.h"

#include "KubeNames.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QTimeZone>

#include <cmath>

namespace rolldeck {

namespace {

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("a list");
    case QJsonValue::Object:
        return QStringLiteral("a mapping");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

QString fieldPath(QLatin1StringView context, QLatin1StringView key)
{
    if (context.isEmpty())
        return QString(key);
    return context + QLatin1Char('.') + key;
}

} // namespace

int SourceLocation::lineOf(const QString &path, const QJsonValue &value) const
{
    const int field = fieldLine ? (*fieldLine)(path, value) : 0;
    return field > 0 ? field : line;
}

QString SourceLocation::toString() const
{
    if (file.isEmpty())
        return {};
    if (line <= 0)
        return file;
    return file + QLatin1Char(':') + QString::number(line);
}

QString Diagnostic::toString() const
{
    QString out;
    const QString where = source.toString();
    if (!where.isEmpty())
        out += where + QLatin1String(": ");
    if (!object.isEmpty())
        out += object + QLatin1String(": ");
    out += message;
    return printableText(out); // names and values come from the input: no raw control characters to a terminal
}

QString StringMap::value(const QString &key, const QString &fallback) const
{
    for (const auto &[k, v] : m_entries) {
        if (k == key)
            return v;
    }
    return fallback;
}

bool StringMap::contains(const QString &key) const
{
    for (const auto &entry : m_entries) {
        if (entry.first == key)
            return true;
    }
    return false;
}

void StringMap::insert(const QString &key, const QString &value)
{
    for (auto &entry : m_entries) {
        if (entry.first == key) {
            entry.second = value;
            return;
        }
    }
    m_entries.append({key, value});
}

QString ObjectMeta::displayName() const
{
    const QString k = kind.isEmpty() ? QStringLiteral("object") : kind;
    if (namespaceName.isEmpty())
        return k + QLatin1Char(' ') + name;
    return k + QLatin1Char(' ') + namespaceName + QLatin1Char('/') + name;
}

bool ObjectMeta::isOwnedBy(const QString &ownerUid) const
{
    for (const OwnerReference &ref : ownerReferences) {
        if (ref.uid == ownerUid)
            return true;
    }
    return false;
}

int ObjectMeta::revision() const
{
    bool ok = false;
    const int r = annotations.value(QStringLiteral("rollout.argoproj.io/revision")).toInt(&ok);
    return ok ? r : 0;
}

FieldReader::FieldReader(QString objectName, SourceLocation source, Diagnostics *problems)
    : m_object(std::move(objectName)), m_source(std::move(source)), m_problems(problems)
{
}

void FieldReader::report(QLatin1StringView context, QLatin1StringView key, const QString &message,
                         const QJsonValue &value) const
{
    if (!m_problems)
        return;
    Diagnostic d;
    d.severity = Diagnostic::Severity::Error;
    const QString path = fieldPath(context, key);
    d.source = m_source;
    d.source.line = m_source.lineOf(path, value);
    d.object = m_object;
    d.message = path + QLatin1String(": ") + message;
    m_problems->append(d);
}

QJsonObject FieldReader::object(const QJsonObject &parent, QLatin1StringView key, QLatin1StringView context) const
{
    const QJsonValue v = parent.value(key);
    if (v.isUndefined() || v.isNull())
        return {};
    if (!v.isObject()) {
        report(context, key, QLatin1String("expected a mapping, got ") + typeName(v), v);
        return {};
    }
    return v.toObject();
}

QJsonArray FieldReader::array(const QJsonObject &parent, QLatin1StringView key, QLatin1StringView context) const
{
    const QJsonValue v = parent.value(key);
    if (v.isUndefined() || v.isNull())
        return {};
    if (!v.isArray()) {
        report(context, key, QLatin1String("expected a list, got ") + typeName(v), v);
        return {};
    }
    return v.toArray();
}

QString FieldReader::string(const QJsonObject &parent, QLatin1StringView key, QLatin1StringView context) const
{
    const QJsonValue v = parent.value(key);
    if (v.isUndefined() || v.isNull())
        return {};
    if (!v.isString()) {
        report(context, key, QLatin1String("expected a string, got ") + typeName(v), v);
        return {};
    }
    return v.toString();
}

std::optional<qint64> FieldReader::integer(const QJsonObject &parent, QLatin1StringView key,
                                           QLatin1StringView context) const
{
    const QJsonValue v = parent.value(key);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isDouble()) {
        report(context, key, QLatin1String("expected an integer, got ") + typeName(v), v);
        return std::nullopt;
    }
    const double d = v.toDouble();
    if (!std::isfinite(d) || std::floor(d) != d || std::fabs(d) > 9007199254740992.0) {
        report(context, key, QLatin1String("expected an integer, got ") + QString::number(d), v);
        return std::nullopt;
    }
    return static_cast<qint64>(d);
}

std::optional<bool> FieldReader::boolean(const QJsonObject &parent, QLatin1StringView key,
                                         QLatin1StringView context) const
{
    const QJsonValue v = parent.value(key);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isBool()) {
        report(context, key, QLatin1String("expected a boolean, got ") + typeName(v), v);
        return std::nullopt;
    }
    return v.toBool();
}

QDateTime FieldReader::time(const QJsonObject &parent, QLatin1StringView key, QLatin1StringView context) const
{
    const QString text = string(parent, key, context);
    if (text.isEmpty())
        return {};
    const QDateTime t = parseKubeTime(text);
    if (!t.isValid())
        report(context, key, QLatin1String("not an RFC 3339 time: ") + text, text);
    return t;
}

StringMap FieldReader::stringMap(const QJsonObject &parent, QLatin1StringView key, QLatin1StringView context) const
{
    StringMap out;
    const QJsonObject map = object(parent, key, context);
    for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
        const QJsonValue v = it.value();
        if (v.isString()) {
            out.insert(it.key(), v.toString());
        } else {
            report(context, key,
                   QLatin1String("value of \"") + it.key() + QLatin1String("\": expected a string, got ") +
                       typeName(v));
        }
    }
    return out;
}

QString FieldReader::stringOrInt(const QJsonObject &parent, QLatin1StringView key, QLatin1StringView context) const
{
    const QJsonValue v = parent.value(key);
    if (v.isUndefined() || v.isNull())
        return {};
    if (v.isString())
        return v.toString();
    if (v.isDouble()) {
        // Within 2^53, as integer() takes them: converting a larger double (1e300) to qint64 is undefined behaviour.
        const double d = v.toDouble();
        if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) <= 9007199254740992.0)
            return QString::number(static_cast<qint64>(d));
    }
    report(context, key, QLatin1String("expected a string or an integer, got ") + typeName(v), v);
    return {};
}

ObjectMeta parseObjectMeta(const QJsonObject &json, const SourceLocation &source, Diagnostics *problems)
{
    ObjectMeta meta;
    meta.source = source;
    const qsizetype firstProblem = problems ? problems->size() : 0;
    FieldReader r(QString(), source, problems);
    meta.kind = r.string(json, QLatin1StringView("kind"), {});
    meta.apiVersion = r.string(json, QLatin1StringView("apiVersion"), {});
    const QJsonObject md = r.object(json, QLatin1StringView("metadata"), {});
    meta.name = r.string(md, QLatin1StringView("name"), QLatin1StringView("metadata"));
    meta.namespaceName = r.string(md, QLatin1StringView("namespace"), QLatin1StringView("metadata"));
    // Later problems name the object.
    r.setObjectName(meta.displayName());
    if (problems) {
        for (qsizetype i = firstProblem; i < problems->size(); ++i)
            (*problems)[i].object = meta.displayName();
    }
    if (meta.kind.isEmpty())
        r.report({}, QLatin1StringView("kind"), QStringLiteral("missing"));
    if (meta.name.isEmpty())
        r.report(QLatin1StringView("metadata"), QLatin1StringView("name"), QStringLiteral("missing"));
    meta.uid = r.string(md, QLatin1StringView("uid"), QLatin1StringView("metadata"));
    meta.resourceVersion = r.string(md, QLatin1StringView("resourceVersion"), QLatin1StringView("metadata"));
    meta.generation = r.integer(md, QLatin1StringView("generation"), QLatin1StringView("metadata")).value_or(0);
    meta.creationTimestamp = r.time(md, QLatin1StringView("creationTimestamp"), QLatin1StringView("metadata"));
    meta.deletionTimestamp = r.time(md, QLatin1StringView("deletionTimestamp"), QLatin1StringView("metadata"));
    meta.labels = r.stringMap(md, QLatin1StringView("labels"), QLatin1StringView("metadata"));
    meta.annotations = r.stringMap(md, QLatin1StringView("annotations"), QLatin1StringView("metadata"));
    const QJsonArray refs = r.array(md, QLatin1StringView("ownerReferences"), QLatin1StringView("metadata"));
    for (const QJsonValue &v : refs) {
        if (!v.isObject()) {
            r.report(QLatin1StringView("metadata"), QLatin1StringView("ownerReferences[]"),
                     QLatin1String("expected a mapping, got ") + typeName(v));
            continue;
        }
        const QJsonObject o = v.toObject();
        const QLatin1StringView ctx("metadata.ownerReferences[]");
        OwnerReference ref;
        ref.apiVersion = r.string(o, QLatin1StringView("apiVersion"), ctx);
        ref.kind = r.string(o, QLatin1StringView("kind"), ctx);
        ref.name = r.string(o, QLatin1StringView("name"), ctx);
        ref.uid = r.string(o, QLatin1StringView("uid"), ctx);
        ref.controller = r.boolean(o, QLatin1StringView("controller"), ctx).value_or(false);
        meta.ownerReferences.append(ref);
    }
    return meta;
}

QDateTime parseKubeTime(const QString &text)
{
    if (text.isEmpty())
        return {};
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    // RFC 3339 needs a date, a time and a zone; Qt also accepts a bare date or local time.
    if (!t.isValid() || (!text.contains(QLatin1Char('T')) && !text.contains(QLatin1Char('t'))))
        return {};
    if (t.timeSpec() == Qt::LocalTime)
        return {};
    return t.toUTC();
}

} // namespace rolldeck
