#include "ObjectLoader.h"

#include "io/InputLimits.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QSet>
#include <QStringDecoder>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <optional>

namespace rolldeck {

namespace {

Diagnostic problemAt(const QString &file, int line, const QString &message)
{
    Diagnostic d;
    d.severity = Diagnostic::Severity::Error;
    d.source.file = file;
    d.source.line = line;
    d.message = message;
    return d;
}

// Raised inside the conversion; caught in this file only.
struct ConversionError
{
    int line;
    QString message;
};

// YAML 1.1 plain-scalar resolution as Kubernetes' YAML reader does it (sigs.k8s.io/yaml on go-yaml v2).
QJsonValue resolvePlain(const std::string &raw)
{
    const QString s = QString::fromStdString(raw);
    static const QStringList nulls = {QString(), QStringLiteral("~"), QStringLiteral("null"), QStringLiteral("Null"),
                                      QStringLiteral("NULL")};
    if (nulls.contains(s))
        return QJsonValue::Null;
    static const QStringList trues = {QStringLiteral("y"),    QStringLiteral("Y"),    QStringLiteral("yes"),
                                      QStringLiteral("Yes"),  QStringLiteral("YES"),  QStringLiteral("true"),
                                      QStringLiteral("True"), QStringLiteral("TRUE"), QStringLiteral("on"),
                                      QStringLiteral("On"),   QStringLiteral("ON")};
    static const QStringList falses = {QStringLiteral("n"),     QStringLiteral("N"),     QStringLiteral("no"),
                                       QStringLiteral("No"),    QStringLiteral("NO"),    QStringLiteral("false"),
                                       QStringLiteral("False"), QStringLiteral("FALSE"), QStringLiteral("off"),
                                       QStringLiteral("Off"),   QStringLiteral("OFF")};
    if (trues.contains(s))
        return true;
    if (falses.contains(s))
        return false;

    const QChar first = s.at(0);
    if (!(first.isDigit() || first == u'-' || first == u'+' || first == u'.'))
        return s;

    QString plain = s;
    plain.remove(u'_');
    // Integers: decimal, 0x, 0b, 0o and C-style octal, with an optional sign.
    static const QRegularExpression intRe(
        QStringLiteral("^([-+]?)(0[bB][01]+|0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|[0-9]+)$"));
    const auto im = intRe.match(plain);
    if (im.hasMatch()) {
        const bool negative = im.captured(1) == u"-";
        QString digits = im.captured(2);
        int base = 10;
        if (digits.startsWith(u"0b") || digits.startsWith(u"0B")) {
            base = 2;
            digits = digits.mid(2);
        } else if (digits.startsWith(u"0x") || digits.startsWith(u"0X")) {
            base = 16;
            digits = digits.mid(2);
        } else if (digits.startsWith(u"0o") || digits.startsWith(u"0O")) {
            base = 8;
            digits = digits.mid(2);
        } else if (digits.size() > 1 && digits.startsWith(u'0')) {
            base = 8;
        }
        bool ok = false;
        const qulonglong magnitude = digits.toULongLong(&ok, base);
        if (ok) {
            if (!negative && magnitude <= qulonglong(std::numeric_limits<qint64>::max()))
                return qint64(magnitude);
            if (negative && magnitude <= qulonglong(std::numeric_limits<qint64>::max()) + 1)
                return magnitude == qulonglong(std::numeric_limits<qint64>::max()) + 1
                           ? std::numeric_limits<qint64>::min()
                           : -qint64(magnitude);
            return negative ? -double(magnitude) : double(magnitude);
        }
    }
    static const QRegularExpression floatRe(QStringLiteral("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$"));
    if (floatRe.match(plain).hasMatch()) {
        bool ok = false;
        const double v = plain.toDouble(&ok);
        if (ok)
            return v;
    }
    static const QRegularExpression infRe(QStringLiteral("^([-+]?)\\.(inf|Inf|INF)$"));
    const auto inf = infRe.match(s);
    if (inf.hasMatch())
        return inf.captured(1) == u"-" ? -std::numeric_limits<double>::infinity()
                                       : std::numeric_limits<double>::infinity();
    if (s == u".nan" || s == u".NaN" || s == u".NAN")
        return std::numeric_limits<double>::quiet_NaN();
    return s;
}

QJsonValue scalarValue(const YAML::Node &node, int lineOffset)
{
    const std::string &tag = node.Tag();
    const std::string &text = node.Scalar();
    if (tag == "!" || tag == "tag:yaml.org,2002:str" || tag == "!!str")
        return QString::fromStdString(text);
    if (tag == "?" || tag.empty())
        return resolvePlain(text);
    if (tag == "tag:yaml.org,2002:int" || tag == "tag:yaml.org,2002:float" || tag == "tag:yaml.org,2002:bool" ||
        tag == "tag:yaml.org,2002:null") {
        const QJsonValue v = resolvePlain(text);
        const bool matches =
            (tag == "tag:yaml.org,2002:int" && v.isDouble()) || (tag == "tag:yaml.org,2002:float" && v.isDouble()) ||
            (tag == "tag:yaml.org,2002:bool" && v.isBool()) || (tag == "tag:yaml.org,2002:null" && v.isNull());
        if (!matches)
            throw ConversionError{node.Mark().line + 1 + lineOffset,
                                  QStringLiteral("value \"%1\" does not match its tag %2")
                                      .arg(QString::fromStdString(text), QString::fromStdString(tag))};
        return v;
    }
    // Other tags (e.g. !!binary, custom ones) keep the text.
    return QString::fromStdString(text);
}

// YAML to JSON for one document, within the node budget of the whole file (aliases count each time they are
// expanded, so an alias bomb stops at the limit instead of taking the machine).
class Converter
{
public:
    Converter(int lineOffset, qint64 *nodeBudget, QList<std::pair<int, QString>> *duplicates)
        : m_lineOffset(lineOffset), m_budget(nodeBudget), m_duplicates(duplicates)
    {
    }

    int lineOf(const YAML::Node &node) const { return node.Mark().line + 1 + m_lineOffset; }
    int lineOffset() const { return m_lineOffset; }

    QJsonValue toJson(const YAML::Node &node, int depth)
    {
        if (depth > kMaxYamlDepth)
            throw ConversionError{lineOf(node), yamlTooDeepMessage()};
        if (--*m_budget < 0)
            throw ConversionError{lineOf(node), QStringLiteral("more than %1 YAML nodes once its aliases are "
                                                               "expanded (the limit)")
                                                    .arg(kDumpLimits.maxNodes)};
        switch (node.Type()) {
        case YAML::NodeType::Undefined:
        case YAML::NodeType::Null:
            return QJsonValue::Null;
        case YAML::NodeType::Scalar:
            return scalarValue(node, m_lineOffset);
        case YAML::NodeType::Sequence: {
            QJsonArray out;
            for (const YAML::Node &item : node)
                out.append(toJson(item, depth + 1));
            return out;
        }
        case YAML::NodeType::Map:
            return mapToJson(node, depth);
        }
        return QJsonValue::Null;
    }

private:
    QJsonObject mapToJson(const YAML::Node &node, int depth)
    {
        QJsonObject out;
        QSet<QString> explicitKeys;
        for (const auto &entry : node) {
            const YAML::Node &key = entry.first;
            if (!key.IsScalar())
                throw ConversionError{lineOf(key), QStringLiteral("a mapping key is not a plain value")};
            const QString name = QString::fromStdString(key.Scalar());
            if (name == u"<<" && key.Tag() == "?") {
                // Merge key: copy entries that are not set explicitly.
                const QJsonObject m = toJson(entry.second, depth + 1).toObject();
                for (auto it = m.constBegin(); it != m.constEnd(); ++it) {
                    if (!out.contains(it.key()))
                        out.insert(it.key(), it.value());
                }
                continue;
            }
            if (explicitKeys.contains(name))
                m_duplicates->append({lineOf(key), name});
            explicitKeys.insert(name);
            out.insert(name, toJson(entry.second, depth + 1));
        }
        return out;
    }

    int m_lineOffset;
    qint64 *m_budget;
    QList<std::pair<int, QString>> *m_duplicates; // (line, key) of each key set a second time
};

// Splits YAML text into documents at "---" / "..." marker lines, so a syntax error in one document
// does not hide the others. Returns (first line index, text).
QList<std::pair<int, QByteArray>> splitDocuments(const QByteArray &data)
{
    QList<std::pair<int, QByteArray>> docs;
    QList<QByteArray> lines = data.split('\n');
    if (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast(); // the text after the final newline
    int start = 0;
    QByteArray current;
    auto isMarker = [](const QByteArray &line, const char *marker) {
        if (!line.startsWith(marker))
            return false;
        return line.size() == 3 || line.at(3) == ' ' || line.at(3) == '\t' || line.at(3) == '\r';
    };
    for (int i = 0; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        if (isMarker(line, "---")) {
            // Directives (%YAML, %TAG) belong to the document the marker starts.
            bool directivesOnly = false;
            for (const QByteArray &l : current.split('\n')) {
                const QByteArray t = l.trimmed();
                if (t.startsWith('%'))
                    directivesOnly = true;
                else if (!t.isEmpty() && !t.startsWith('#')) {
                    directivesOnly = false;
                    break;
                }
            }
            if (directivesOnly) {
                current += line + '\n';
                continue;
            }
            if (!current.isEmpty())
                docs.append({start, current});
            start = i;
            current = line + '\n';
            continue;
        }
        if (isMarker(line, "...")) {
            current += '\n';
            docs.append({start, current});
            start = i + 1;
            current.clear();
            continue;
        }
        current += line;
        current += '\n';
    }
    if (!current.isEmpty())
        docs.append({start, current});
    return docs;
}

// The line of a field, found when a problem is reported: the document is parsed again then, so that a dump
// without problems costs nothing extra. Paths are the models' ("spec.strategy.canary.steps[].setWeight"); in a
// list ("[]") the first item that has the rest of the path is taken.
class FieldLines
{
public:
    FieldLines(QByteArray text, int lineOffset, int listItem)
        : m_text(std::move(text)), m_lineOffset(lineOffset), m_listItem(listItem)
    {
    }

    int lineOf(const QString &path, const QJsonValue &value) const
    {
        try {
            if (!m_root) {
                // emplace, not assignment: assigning to a yaml-cpp node rewrites the node it refers to.
                const YAML::Node root = YAML::Load(m_text.toStdString());
                if (m_listItem >= 0)
                    m_root.emplace(root["items"][m_listItem]);
                else
                    m_root.emplace(root);
            }
            std::pair<qsizetype, int> deepest{-1, 0};
            const int found = find(*m_root, path.split(u'.'), 0, value, deepest);
            return found > 0 ? found : deepest.second;
        } catch (const YAML::Exception &) {
            return 0;
        }
    }

private:
    // Whether a node holds what the models saw there (the item of a list the problem is in).
    static bool holds(const YAML::Node &node, const QJsonValue &value)
    {
        switch (value.type()) {
        case QJsonValue::Undefined:
            return true;
        case QJsonValue::Array:
            return node.IsSequence();
        case QJsonValue::Object:
            return node.IsMap();
        case QJsonValue::Null:
            return node.IsNull() || (node.IsScalar() && resolvePlain(node.Scalar()).isNull());
        case QJsonValue::String:
            return node.IsScalar() && QString::fromStdString(node.Scalar()) == value.toString();
        case QJsonValue::Double:
        case QJsonValue::Bool:
            return node.IsScalar() && resolvePlain(node.Scalar()) == value;
        }
        return true;
    }

    // The line of the key at the end of the path whose value holds `value`, 0 if none. On the way, `deepest` keeps
    // the line of the deepest key of the path found, for when no value matches.
    int find(const YAML::Node &node, const QStringList &segments, qsizetype at, const QJsonValue &value,
             std::pair<qsizetype, int> &deepest) const
    {
        if (!node.IsMap())
            return 0;
        QString name = segments.at(at);
        const bool list = name.endsWith(u"[]");
        if (list)
            name.chop(2);
        for (const auto &entry : node) {
            if (!entry.first.IsScalar() || QString::fromStdString(entry.first.Scalar()) != name)
                continue;
            const int line = entry.first.Mark().line + 1 + m_lineOffset;
            if (at >= deepest.first)
                deepest = {at, line};
            if (at + 1 == segments.size())
                return holds(entry.second, value) ? line : 0;
            if (!list)
                return find(entry.second, segments, at + 1, value, deepest);
            if (entry.second.IsSequence()) {
                for (const YAML::Node &item : entry.second) {
                    if (const int found = find(item, segments, at + 1, value, deepest); found > 0)
                        return found;
                }
            }
            return 0;
        }
        return 0;
    }

    QByteArray m_text;
    int m_lineOffset;
    int m_listItem;
    mutable std::optional<YAML::Node> m_root;
};

std::shared_ptr<const std::function<int(const QString &, const QJsonValue &)>>
fieldLines(const QByteArray &text, const Converter &converter, int listItem)
{
    auto lines = std::make_shared<FieldLines>(text, converter.lineOffset(), listItem);
    return std::make_shared<const std::function<int(const QString &, const QJsonValue &)>>(
        [lines](const QString &path, const QJsonValue &value) { return lines->lineOf(path, value); });
}

void checkAndAdd(const QJsonValue &value, const SourceLocation &source, LoadResult &out, bool insideList)
{
    const QString &file = source.file;
    const int line = source.line;
    if (!value.isObject()) {
        out.problems.append(problemAt(file, line,
                                      insideList
                                          ? QStringLiteral("a List item is not a mapping")
                                          : QStringLiteral("the document is not a mapping (a Kubernetes object)")));
        return;
    }
    const QJsonObject obj = value.toObject();
    const QJsonValue kind = obj.value(QLatin1StringView("kind"));
    if (!kind.isString() || kind.toString().isEmpty()) {
        out.problems.append(problemAt(file, line, QStringLiteral("the object has no kind")));
        return;
    }
    const QJsonValue name = obj.value(QLatin1StringView("metadata")).toObject().value(QLatin1StringView("name"));
    if (!name.isString() || name.toString().isEmpty()) {
        Diagnostic d = problemAt(file, line, QStringLiteral("the object has no metadata.name"));
        d.object = kind.toString();
        out.problems.append(d);
        return;
    }
    out.objects.append({obj, source});
}

// A document: a single object, or a List whose items are flattened.
void addDocument(const YAML::Node &node, const QByteArray &text, const QString &file, Converter &converter,
                 LoadResult &out)
{
    const int line = converter.lineOf(node);
    const QJsonValue value = converter.toJson(node, 0);
    const QJsonObject obj = value.toObject();
    const QString kind = obj.value(QLatin1StringView("kind")).toString();
    if (value.isObject() && (kind == u"List" || (kind.endsWith(u"List") && obj.contains(QLatin1StringView("items"))))) {
        const YAML::Node items = node["items"];
        if (!items || items.IsNull())
            return;
        if (!items.IsSequence()) {
            out.problems.append(
                problemAt(file, converter.lineOf(items), QStringLiteral("items of a List is not a list")));
            return;
        }
        const QJsonArray array = obj.value(QLatin1StringView("items")).toArray();
        for (std::size_t i = 0; i < items.size(); ++i) {
            const YAML::Node item = items[i];
            checkAndAdd(array.at(qsizetype(i)), {file, converter.lineOf(item), fieldLines(text, converter, int(i))},
                        out, true);
        }
        return;
    }
    checkAndAdd(value, {file, line, fieldLines(text, converter, -1)}, out, false);
}

void warnDuplicates(const QList<std::pair<int, QString>> &duplicates, const QString &file, LoadResult &out)
{
    for (const auto &[line, key] : duplicates) {
        Diagnostic d = problemAt(file, line,
                                 QStringLiteral("key \"%1\" appears twice in one mapping; this later value "
                                                "is used")
                                     .arg(key));
        d.severity = Diagnostic::Severity::Warning;
        out.problems.append(d);
    }
}

// Keys set twice in one JSON object, as (line, key), for text that QJsonDocument accepted (it keeps the last).
QList<std::pair<int, QString>> jsonDuplicateKeys(const QByteArray &text, int lineOffset)
{
    QList<std::pair<int, QString>> found;
    struct Level
    {
        bool object;
        QSet<QByteArray> keys;
        bool expectKey;
    };
    QList<Level> stack;
    int line = 1;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text.at(i);
        if (c == '\n') {
            ++line;
        } else if (c == '{' || c == '[') {
            stack.append({c == '{', {}, c == '{'});
        } else if (c == '}' || c == ']') {
            if (!stack.isEmpty())
                stack.removeLast();
        } else if (c == ',' && !stack.isEmpty()) {
            stack.last().expectKey = stack.last().object;
        } else if (c == '"') {
            const qsizetype start = i + 1;
            for (++i; i < text.size() && text.at(i) != '"'; ++i) {
                if (text.at(i) == '\\')
                    ++i;
            }
            if (stack.isEmpty() || !stack.last().expectKey)
                continue;
            Level &level = stack.last();
            level.expectKey = false;
            const QByteArray raw = text.mid(start, i - start);
            if (level.keys.contains(raw)) {
                // Decoded the way the JSON parser reads it, for the message.
                const QString key = QJsonDocument::fromJson("[\"" + raw + "\"]").array().at(0).toString();
                found.append({lineOffset + line, key});
            }
            level.keys.insert(raw);
        }
    }
    return found;
}

int lineOfOffset(const QByteArray &data, qsizetype offset)
{
    return int(data.left(offset).count('\n')) + 1;
}

} // namespace

LoadResult ObjectLoader::parse(const QByteArray &data, const QString &fileName)
{
    LoadResult out;
    if (data.size() > kDumpLimits.maxBytes) {
        out.problems.append(problemAt(
            fileName, 0,
            QStringLiteral("larger than %1 (the limit for this kind of file)").arg(formatBytes(kDumpLimits.maxBytes))));
        return out;
    }
    if (data.contains('\0')) {
        out.problems.append(problemAt(fileName, 0, QStringLiteral("binary file, not YAML or JSON")));
        return out;
    }
    {
        QStringDecoder decoder(QStringDecoder::Utf8);
        const QString text = decoder.decode(data);
        if (decoder.hasError()) {
            out.problems.append(problemAt(fileName, 0, QStringLiteral("not UTF-8 text (a binary file?)")));
            return out;
        }
    }
    QByteArray body = data;
    if (body.startsWith("\xEF\xBB\xBF"))
        body = body.mid(3);

    const QList<std::pair<int, QByteArray>> docs = splitDocuments(body);
    qint64 nodeBudget = kDumpLimits.maxNodes;
    for (const auto &[offset, text] : docs) {
        QList<std::pair<int, QString>> duplicates;
        try {
            const YAML::Node node = YAML::Load(text.toStdString());
            if (!node || node.IsNull())
                continue;
            // Counted before converting, so that an alias bomb costs a walk, not the memory of its expansion.
            const YamlBoundsCheck bounds = checkYamlBounds(node, std::max<qint64>(nodeBudget, 0));
            if (!bounds.message.isEmpty()) {
                const bool tooDeep = bounds.nodes < nodeBudget;
                out.problems.append(problemAt(
                    fileName, std::min(bounds.line + offset, offset + int(text.count('\n'))),
                    tooDeep ? bounds.message
                            : QStringLiteral("more than %1 YAML nodes once its aliases are expanded (the limit)")
                                  .arg(kDumpLimits.maxNodes)));
                if (!tooDeep)
                    break; // the rest of the file would only repeat the message
                continue;
            }
            nodeBudget -= bounds.nodes;
            qint64 conversionBudget = bounds.nodes + 1;
            Converter converter(offset, &conversionBudget, &duplicates);
            addDocument(node, text, fileName, converter, out);
            warnDuplicates(duplicates, fileName, out);
        } catch (const YAML::DeepRecursion &e) {
            out.problems.append(problemAt(fileName, std::min(e.mark.line + 1 + offset, offset + int(text.count('\n'))),
                                          yamlTooDeepMessage()));
        } catch (const YAML::ParserException &e) {
            // JSON that YAML does not take (tabs, for instance): let the JSON parser judge it.
            const QByteArray trimmed = text.trimmed();
            if (docs.size() == 1 && (trimmed.startsWith('{') || trimmed.startsWith('['))) {
                QJsonParseError error;
                const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
                if (error.error == QJsonParseError::NoError) {
                    warnDuplicates(jsonDuplicateKeys(text, offset), fileName, out);
                    if (doc.isArray()) {
                        out.problems.append(
                            problemAt(fileName, 1, QStringLiteral("the document is a list, not an object")));
                    } else {
                        const QJsonObject obj = doc.object();
                        if (obj.value(QLatin1StringView("kind")).toString().endsWith(u"List")) {
                            for (const QJsonValue &item : obj.value(QLatin1StringView("items")).toArray())
                                checkAndAdd(item, {fileName, 1, nullptr}, out, true);
                        } else {
                            checkAndAdd(obj, {fileName, 1, nullptr}, out, false);
                        }
                    }
                    continue;
                }
                out.problems.append(problemAt(
                    fileName, offset + std::min(lineOfOffset(text, error.offset), std::max(1, int(text.count('\n')))),
                    QStringLiteral("JSON syntax error: ") + error.errorString()));
                continue;
            }
            // An error at the end of input is reported on the document's last line, not past it.
            const int lastLine = offset + int(text.count('\n'));
            const int line = e.mark.line >= 0 ? std::min(e.mark.line + 1 + offset, lastLine) : offset + 1;
            const int column = e.mark.column >= 0 ? e.mark.column + 1 : 0;
            out.problems.append(problemAt(
                fileName, line,
                QStringLiteral("YAML syntax error at column %1: %2").arg(column).arg(QString::fromStdString(e.msg))));
        } catch (const ConversionError &e) {
            out.problems.append(problemAt(fileName, e.line, e.message));
        } catch (const YAML::Exception &e) {
            out.problems.append(problemAt(fileName, e.mark.line >= 0 ? e.mark.line + 1 + offset : offset + 1,
                                          QStringLiteral("YAML error: ") + QString::fromStdString(e.msg)));
        } catch (const std::exception &e) {
            out.problems.append(
                problemAt(fileName, offset + 1, QStringLiteral("cannot read: ") + QString::fromLocal8Bit(e.what())));
        } catch (...) {
            out.problems.append(problemAt(fileName, offset + 1, QStringLiteral("cannot read this document")));
        }
    }
    if (out.objects.isEmpty() && out.problems.isEmpty())
        out.problems.append(problemAt(fileName, 0, QStringLiteral("the file holds no Kubernetes objects")));
    return out;
}

LoadResult ObjectLoader::loadFile(const QString &path)
{
    const BoundedRead read = readBoundedFile(path, kDumpLimits.maxBytes);
    if (!read.error.isEmpty()) {
        LoadResult out;
        out.problems.append(problemAt(path, 0, QStringLiteral("cannot read: ") + read.error));
        return out;
    }
    return parse(read.data, path);
}

LoadResult ObjectLoader::loadPaths(const QStringList &paths)
{
    LoadResult out;
    auto append = [&out](const LoadResult &r) {
        out.objects += r.objects;
        out.problems += r.problems;
    };
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (!info.exists()) {
            out.problems.append(problemAt(path, 0, QStringLiteral("no such file or directory")));
            continue;
        }
        if (!info.isDir()) {
            append(loadFile(path));
            continue;
        }
        // Like `kubectl apply -f DIR`: the .yaml, .yml and .json files, in file-name (byte) order.
        QStringList names = QDir(path).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
        names.erase(std::remove_if(names.begin(), names.end(),
                                   [](const QString &n) {
                                       return !(n.endsWith(u".yaml") || n.endsWith(u".yml") || n.endsWith(u".json"));
                                   }),
                    names.end());
        std::sort(names.begin(), names.end(),
                  [](const QString &a, const QString &b) { return a.toUtf8() < b.toUtf8(); });
        for (const QString &name : std::as_const(names))
            append(loadFile(QDir(path).filePath(name)));
    }
    return out;
}

} // namespace rolldeck
