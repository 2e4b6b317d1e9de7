#include "ObjectLoader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QStringDecoder>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace rolldeck {

namespace {

constexpr int kMaxDepth = 256;

Diagnostic problemAt(const QString &file, int line, const QString &message)
{
    Diagnostic d;
    d.severity = Diagnostic::Severity::Error;
    d.source = {file, line};
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

QJsonValue toJson(const YAML::Node &node, int lineOffset, int depth)
{
    if (depth > kMaxDepth)
        throw ConversionError{node.Mark().line + 1 + lineOffset, QStringLiteral("nested too deeply")};
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
        return QJsonValue::Null;
    case YAML::NodeType::Scalar:
        return scalarValue(node, lineOffset);
    case YAML::NodeType::Sequence: {
        QJsonArray out;
        for (const YAML::Node &item : node)
            out.append(toJson(item, lineOffset, depth + 1));
        return out;
    }
    case YAML::NodeType::Map: {
        QJsonObject out;
        for (const auto &entry : node) {
            const YAML::Node &key = entry.first;
            if (!key.IsScalar())
                throw ConversionError{key.Mark().line + 1 + lineOffset,
                                      QStringLiteral("a mapping key is not a plain value")};
            const QString name = QString::fromStdString(key.Scalar());
            if (name == u"<<" && key.Tag() == "?") {
                // Merge key: copy entries that are not set explicitly.
                const QJsonValue merged = toJson(entry.second, lineOffset, depth + 1);
                const QJsonObject m = merged.toObject();
                for (auto it = m.constBegin(); it != m.constEnd(); ++it) {
                    if (!out.contains(it.key()))
                        out.insert(it.key(), it.value());
                }
                continue;
            }
            out.insert(name, toJson(entry.second, lineOffset, depth + 1));
        }
        return out;
    }
    }
    return QJsonValue::Null;
}

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

void checkAndAdd(const QJsonValue &value, const QString &file, int line, LoadResult &out, bool insideList)
{
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
    out.objects.append({obj, {file, line}});
}

// A document: a single object, or a List whose items are flattened.
void addDocument(const YAML::Node &node, const QString &file, int lineOffset, LoadResult &out)
{
    const int line = node.Mark().line + 1 + lineOffset;
    const QJsonValue value = toJson(node, lineOffset, 0);
    const QJsonObject obj = value.toObject();
    const QString kind = obj.value(QLatin1StringView("kind")).toString();
    if (value.isObject() && (kind == u"List" || (kind.endsWith(u"List") && obj.contains(QLatin1StringView("items"))))) {
        const YAML::Node items = node["items"];
        if (!items || items.IsNull())
            return;
        if (!items.IsSequence()) {
            out.problems.append(
                problemAt(file, items.Mark().line + 1 + lineOffset, QStringLiteral("items of a List is not a list")));
            return;
        }
        const QJsonArray array = obj.value(QLatin1StringView("items")).toArray();
        for (std::size_t i = 0; i < items.size(); ++i) {
            const YAML::Node item = items[i];
            checkAndAdd(array.at(qsizetype(i)), file, item.Mark().line + 1 + lineOffset, out, true);
        }
        return;
    }
    checkAndAdd(value, file, line, out, false);
}

int lineOfOffset(const QByteArray &data, qsizetype offset)
{
    return int(data.left(offset).count('\n')) + 1;
}

} // namespace

LoadResult ObjectLoader::parse(const QByteArray &data, const QString &fileName)
{
    LoadResult out;
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
    for (const auto &[offset, text] : docs) {
        try {
            const YAML::Node node = YAML::Load(text.toStdString());
            if (!node || node.IsNull())
                continue;
            addDocument(node, fileName, offset, out);
        } catch (const YAML::ParserException &e) {
            // JSON that YAML does not take (tabs, for instance): let the JSON parser judge it.
            const QByteArray trimmed = text.trimmed();
            if (docs.size() == 1 && (trimmed.startsWith('{') || trimmed.startsWith('['))) {
                QJsonParseError error;
                const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
                if (error.error == QJsonParseError::NoError) {
                    if (doc.isArray()) {
                        out.problems.append(
                            problemAt(fileName, 1, QStringLiteral("the document is a list, not an object")));
                    } else {
                        const QJsonObject obj = doc.object();
                        if (obj.value(QLatin1StringView("kind")).toString().endsWith(u"List")) {
                            for (const QJsonValue &item : obj.value(QLatin1StringView("items")).toArray())
                                checkAndAdd(item, fileName, 1, out, true);
                        } else {
                            checkAndAdd(obj, fileName, 1, out, false);
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
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        LoadResult out;
        out.problems.append(problemAt(path, 0, QStringLiteral("cannot read: ") + file.errorString()));
        return out;
    }
    return parse(file.readAll(), path);
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
