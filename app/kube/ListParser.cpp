#include "kube/ListParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace rolldeck::kube {

namespace {

// Finds the bounds of JSON values without decoding them: enough to cut a list body into its items. It checks only
// what it needs (strings end, brackets balance, members are separated); the items themselves are then parsed by
// QJsonDocument, which checks everything else.
class Scanner
{
public:
    explicit Scanner(const QByteArray &text) : m_begin(text.constData()), m_p(m_begin), m_end(m_begin + text.size()) {}

    qsizetype offset() const { return m_p - m_begin; }
    bool atEnd()
    {
        skipSpace();
        return m_p == m_end;
    }
    char peek()
    {
        skipSpace();
        return m_p < m_end ? *m_p : '\0';
    }
    bool take(char c)
    {
        if (peek() != c)
            return false;
        ++m_p;
        return true;
    }
    // A string; `raw` gets the bytes between the quotes, escapes as written.
    bool string(QByteArrayView *raw)
    {
        if (peek() != '"')
            return false;
        const char *start = ++m_p;
        while (m_p < m_end) {
            const char c = *m_p;
            if (c == '"') {
                if (raw)
                    *raw = QByteArrayView(start, m_p - start);
                ++m_p;
                return true;
            }
            if (c == '\\' && m_end - m_p < 2)
                break;
            m_p += c == '\\' ? 2 : 1;
        }
        return false;
    }
    // Skips one value: a string, a container up to its closing bracket, or a scalar up to the next delimiter.
    bool skipValue()
    {
        const char first = peek();
        if (first == '"')
            return string(nullptr);
        if (first != '{' && first != '[') {
            const char *start = m_p;
            while (m_p < m_end && !isDelimiter(*m_p))
                ++m_p;
            return m_p > start;
        }
        int depth = 0;
        while (m_p < m_end) {
            const char c = *m_p;
            if (c == '"') {
                if (!string(nullptr))
                    return false;
                continue;
            }
            ++m_p;
            if (c == '{' || c == '[')
                ++depth;
            else if ((c == '}' || c == ']') && --depth == 0)
                return true;
        }
        return false;
    }

private:
    void skipSpace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }
    static bool isDelimiter(char c)
    {
        return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    const char *m_begin;
    const char *m_p;
    const char *m_end;
};

// The list's kind without "List" ("RolloutList" -> "Rollout"), else `fallback`.
QString itemKind(const QString &listKind, const QString &fallback)
{
    if (listKind.endsWith(QLatin1String("List")) && listKind.size() > 4)
        return listKind.chopped(4);
    return fallback;
}

void stamp(QJsonObject &object, const QString &kind, const QString &apiVersion)
{
    if (!object.contains(QLatin1String("kind")))
        object.insert(QStringLiteral("kind"), kind);
    if (!object.contains(QLatin1String("apiVersion")))
        object.insert(QStringLiteral("apiVersion"), apiVersion);
}

ListPage pageFrom(const QJsonObject &list, const QString &kind, const QString &apiVersion)
{
    ListPage page;
    const QJsonObject metadata = list.value(QLatin1String("metadata")).toObject();
    page.resourceVersion = metadata.value(QLatin1String("resourceVersion")).toString();
    page.continueToken = metadata.value(QLatin1String("continue")).toString();
    const QString stampKind = itemKind(list.value(QLatin1String("kind")).toString(), kind);
    const QJsonArray items = list.value(QLatin1String("items")).toArray();
    page.items.reserve(items.size());
    for (const QJsonValue &item : items) {
        QJsonObject object = item.toObject();
        stamp(object, stampKind, apiVersion);
        page.items.append(object);
    }
    return page;
}

// The whole body as one document: for what the item-by-item reading does not take (an odd but valid shape), and
// for the parser's own message when the body is not JSON.
Result<ListPage> parseWhole(const QByteArray &body, const QString &kind, const QString &apiVersion)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (body.trimmed().isEmpty())
        return ListPage{};
    if (!doc.isObject())
        return Result<ListPage>::failure(
            error.error != QJsonParseError::NoError
                ? QStringLiteral("%1 at byte %2").arg(error.errorString()).arg(error.offset)
                : QStringLiteral("the list is not a JSON object"));
    return pageFrom(doc.object(), kind, apiVersion);
}

bool scanList(const QByteArray &body, QList<QByteArrayView> &items, QByteArray &rest)
{
    Scanner s(body);
    if (!s.take('{'))
        return false;
    rest = QByteArrayLiteral("{");
    bool sawItems = false;
    if (s.take('}'))
        return s.atEnd();
    do {
        QByteArrayView key;
        const qsizetype keyStart = s.offset();
        if (!s.string(&key) || key.contains('\\') || !s.take(':'))
            return false;
        if (key != QByteArrayView("items")) {
            const qsizetype valueStart = s.offset();
            if (!s.skipValue())
                return false;
            if (rest.size() > 1)
                rest += ',';
            rest += QByteArrayView(body).sliced(keyStart, valueStart - keyStart);
            // Untrimmed: the scanner skipped only JSON's own white space, and trimming would also drop a form feed
            // or vertical tab that the whole reading refuses.
            rest += QByteArrayView(body).sliced(valueStart, s.offset() - valueStart);
            continue;
        }
        // A second "items" goes to the whole reading, which decides between them (and validates both).
        if (sawItems)
            return false;
        sawItems = true;
        if (!s.take('['))
            return false;
        if (s.take(']'))
            continue;
        do {
            if (s.peek() != '{')
                return false;
            const qsizetype start = s.offset();
            if (!s.skipValue())
                return false;
            items.append(QByteArrayView(body).sliced(start, s.offset() - start));
        } while (s.take(','));
        if (!s.take(']'))
            return false;
    } while (s.take(','));
    rest += '}';
    return s.take('}') && s.atEnd();
}

} // namespace

std::optional<ListScan> scanListBody(const QByteArray &body)
{
    ListScan scan;
    if (!scanList(body, scan.items, scan.head))
        return std::nullopt;
    return scan;
}

Result<ListPage> parseListPage(const QByteArray &body, const QString &kind, const QString &apiVersion)
{
    const std::optional<ListScan> scan = scanListBody(body);
    if (!scan)
        return parseWhole(body, kind, apiVersion);
    const QList<QByteArrayView> &items = scan->items;
    const QJsonDocument head = QJsonDocument::fromJson(scan->head);
    if (!head.isObject())
        return parseWhole(body, kind, apiVersion);
    ListPage page = pageFrom(head.object(), kind, apiVersion);
    const QString stampKind = itemKind(head.object().value(QLatin1String("kind")).toString(), kind);
    page.items.reserve(items.size());
    for (const QByteArrayView item : std::as_const(items)) {
        // Each item parsed on its own (without copying its text) is an object nobody else holds: stamping it
        // changes it in place.
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromRawData(item.data(), item.size()), nullptr);
        if (!doc.isObject())
            return parseWhole(body, kind, apiVersion);
        QJsonObject object = doc.object();
        stamp(object, stampKind, apiVersion);
        page.items.append(std::move(object));
    }
    return page;
}

} // namespace rolldeck::kube
