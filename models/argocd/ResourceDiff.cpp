#include "ResourceDiff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <dtl/dtl.hpp>

#include <cmath>
#include <optional>
#include <vector>

namespace rolldeck {

namespace {

bool needsQuotes(const QString &s)
{
    static const QRegularExpression number(QStringLiteral("^[-+]?(\\.?[0-9]|0x|0o|\\.inf|\\.nan)"),
                                           QRegularExpression::CaseInsensitiveOption);
    static const QStringList words{QStringLiteral("true"), QStringLiteral("false"), QStringLiteral("null"),
                                   QStringLiteral("yes"),  QStringLiteral("no"),    QStringLiteral("on"),
                                   QStringLiteral("off"),  QStringLiteral("~"),     QStringLiteral("y"),
                                   QStringLiteral("n")};
    if (s.isEmpty() || s.front().isSpace() || s.back().isSpace() || words.contains(s.toLower()) ||
        number.match(s).hasMatch())
        return true;
    if (QStringLiteral("-?:,[]{}#&*!|>'\"%@`").contains(s.front()))
        return true;
    if (s.contains(QLatin1String(": ")) || s.contains(QLatin1String(" #")) || s.endsWith(QLatin1Char(':')))
        return true;
    for (const QChar c : s)
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return true;
    return false;
}

QString quoted(const QString &s)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : s) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
            out += QLatin1Char('\\') + c;
        else if (c == QLatin1Char('\n'))
            out += QLatin1String("\\n");
        else if (c == QLatin1Char('\t'))
            out += QLatin1String("\\t");
        else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out + QLatin1Char('"');
}

QString scalar(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15)
            return QString::number(qint64(d));
        return QString::number(d, 'g', 17);
    }
    case QJsonValue::String:
        return needsQuotes(v.toString()) ? quoted(v.toString()) : v.toString();
    case QJsonValue::Object:
        return QStringLiteral("{}");
    case QJsonValue::Array:
        return QStringLiteral("[]");
    default:
        return QStringLiteral("null");
    }
}

bool isBlock(const QJsonValue &v)
{
    return (v.isObject() && !v.toObject().isEmpty()) || (v.isArray() && !v.toArray().isEmpty());
}

void emitValue(const QJsonValue &value, const QString &indent, const QString &firstPrefix, QStringList &out);

void emitObject(const QJsonObject &object, const QString &indent, QString prefix, QStringList &out)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = needsQuotes(it.key()) ? quoted(it.key()) : it.key();
        if (isBlock(it.value())) {
            out << prefix + key + QLatin1Char(':');
            const QString inner = it.value().isObject() ? indent + QLatin1String("  ") : indent;
            emitValue(it.value(), inner, inner, out);
        } else {
            out << prefix + key + QLatin1String(": ") + scalar(it.value());
        }
        prefix = indent;
    }
}

// `firstPrefix` starts the first line (a list item's "- "), `indent` the others.
void emitValue(const QJsonValue &value, const QString &indent, const QString &firstPrefix, QStringList &out)
{
    if (value.isObject() && !value.toObject().isEmpty())
        return emitObject(value.toObject(), indent, firstPrefix, out);
    if (value.isArray() && !value.toArray().isEmpty()) {
        QString prefix = firstPrefix;
        for (const QJsonValue &item : value.toArray()) {
            if (item.isObject() && isBlock(item)) {
                emitObject(item.toObject(), indent + QLatin1String("  "), prefix + QLatin1String("- "), out);
            } else if (isBlock(item)) {
                out << prefix + QLatin1Char('-');
                emitValue(item, indent + QLatin1String("  "), indent + QLatin1String("  "), out);
            } else {
                out << prefix + QLatin1String("- ") + scalar(item);
            }
            prefix = indent;
        }
        return;
    }
    out << firstPrefix + scalar(value);
}

// What Argo CD's diff leaves out: the status and what the API server fills in.
QJsonObject comparable(QJsonObject object)
{
    object.remove(QLatin1String("status"));
    QJsonObject metadata = object.value(QLatin1String("metadata")).toObject();
    for (const char *field : {"managedFields", "resourceVersion", "uid", "generation", "creationTimestamp", "selfLink"})
        metadata.remove(QLatin1String(field));
    QJsonObject annotations = metadata.value(QLatin1String("annotations")).toObject();
    annotations.remove(QLatin1String("kubectl.kubernetes.io/last-applied-configuration"));
    if (annotations.isEmpty())
        metadata.remove(QLatin1String("annotations"));
    else
        metadata.insert(QLatin1String("annotations"), annotations);
    if (object.contains(QLatin1String("metadata")))
        object.insert(QLatin1String("metadata"), metadata);
    return object;
}

// A state field: absent, empty or "null" is no object (nullopt with no error); otherwise a JSON object or an error.
std::optional<QJsonObject> state(const QJsonObject &item, const char *preferred, const char *plain, QString *error)
{
    QString text = item.value(QLatin1String(preferred)).toString();
    const char *used = preferred;
    if (text.isEmpty() || text == QLatin1String("null")) {
        text = item.value(QLatin1String(plain)).toString();
        used = plain;
    }
    if (text.isEmpty() || text == QLatin1String("null"))
        return std::nullopt;
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &parse);
    if (!doc.isObject()) {
        *error = parse.error != QJsonParseError::NoError
                     ? QStringLiteral("%1 is not JSON: %2 at offset %3")
                           .arg(QLatin1String(used), parse.errorString())
                           .arg(parse.offset)
                     : QStringLiteral("%1 is not a JSON object").arg(QLatin1String(used));
        return std::nullopt;
    }
    return doc.object();
}

} // namespace

QStringList yamlLines(const QJsonValue &value)
{
    QStringList out;
    emitValue(value, QString(), QString(), out);
    return out;
}

QList<DiffLine> unifiedDiff(const QStringList &before, const QStringList &after, int context)
{
    const std::vector<QString> a(before.begin(), before.end());
    const std::vector<QString> b(after.begin(), after.end());
    dtl::Diff<QString, std::vector<QString>> diff(a, b);
    diff.compose();
    struct Step
    {
        DiffLine::Kind kind;
        QString text;
    };
    std::vector<Step> steps;
    for (const auto &[text, info] : diff.getSes().getSequence())
        steps.push_back({info.type == dtl::SES_ADD      ? DiffLine::Kind::Added
                         : info.type == dtl::SES_DELETE ? DiffLine::Kind::Removed
                                                        : DiffLine::Kind::Context,
                         text});
    QList<DiffLine> out;
    const qsizetype n = qsizetype(steps.size());
    qsizetype i = 0;
    int beforeLine = 0; // lines of `before` passed so far
    int afterLine = 0;
    while (i < n) {
        qsizetype first = i;
        while (first < n && steps[size_t(first)].kind == DiffLine::Kind::Context)
            ++first;
        if (first == n)
            break;
        // The hunk: from `context` lines before the change to `context` lines after the last change that is no
        // more than 2 × context unchanged lines from the one before it.
        qsizetype last = first;
        for (qsizetype j = first; j < n; ++j) {
            if (steps[size_t(j)].kind != DiffLine::Kind::Context)
                last = j;
            else if (j - last > 2 * context)
                break;
        }
        const qsizetype start = std::max(i, first - context);
        const qsizetype end = std::min(n, last + context + 1);
        for (qsizetype j = i; j < start; ++j)
            ++beforeLine, ++afterLine;
        int beforeCount = 0;
        int afterCount = 0;
        for (qsizetype j = start; j < end; ++j) {
            beforeCount += steps[size_t(j)].kind != DiffLine::Kind::Added ? 1 : 0;
            afterCount += steps[size_t(j)].kind != DiffLine::Kind::Removed ? 1 : 0;
        }
        out << DiffLine{DiffLine::Kind::Hunk, QStringLiteral("@@ -%1,%2 +%3,%4 @@")
                                                  .arg(beforeCount ? beforeLine + 1 : beforeLine)
                                                  .arg(beforeCount)
                                                  .arg(afterCount ? afterLine + 1 : afterLine)
                                                  .arg(afterCount)};
        for (qsizetype j = start; j < end; ++j)
            out << DiffLine{steps[size_t(j)].kind, steps[size_t(j)].text};
        beforeLine += beforeCount;
        afterLine += afterCount;
        i = end;
    }
    return out;
}

ManagedResources ManagedResources::fromJson(const QJsonObject &response)
{
    ManagedResources out;
    const QJsonValue items = response.value(QLatin1String("items"));
    if (!items.isUndefined() && !items.isNull() && !items.isArray()) {
        out.error = QStringLiteral("items is not a list");
        return out;
    }
    const QJsonArray list = items.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject item = list.at(i).toObject();
        ResourceDiff d;
        d.group = item.value(QLatin1String("group")).toString();
        d.kind = item.value(QLatin1String("kind")).toString();
        d.ns = item.value(QLatin1String("namespace")).toString();
        d.name = item.value(QLatin1String("name")).toString();
        d.hook = item.value(QLatin1String("hook")).toBool();
        if (!list.at(i).isObject()) {
            d.error = QStringLiteral("item %1 is not an object").arg(i + 1);
            out.items << d;
            continue;
        }
        QString error;
        const std::optional<QJsonObject> live = state(item, "normalizedLiveState", "liveState", &error);
        const std::optional<QJsonObject> target = state(item, "predictedLiveState", "targetState", &error);
        d.error = error;
        d.missing = error.isEmpty() && !live && target;
        d.extra = error.isEmpty() && live && !target;
        if (error.isEmpty()) {
            const QStringList before = live ? yamlLines(comparable(*live)) : QStringList();
            const QStringList after = target ? yamlLines(comparable(*target)) : QStringList();
            d.lines = unifiedDiff(before, after);
            for (const DiffLine &l : std::as_const(d.lines)) {
                d.added += l.kind == DiffLine::Kind::Added ? 1 : 0;
                d.removed += l.kind == DiffLine::Kind::Removed ? 1 : 0;
            }
        }
        const QJsonValue modified = item.value(QLatin1String("modified"));
        d.modified = modified.isBool() ? modified.toBool() : !d.lines.isEmpty();
        out.items << d;
    }
    return out;
}

int ManagedResources::modifiedCount() const
{
    int n = 0;
    for (const ResourceDiff &d : items)
        n += d.modified ? 1 : 0;
    return n;
}

} // namespace rolldeck
