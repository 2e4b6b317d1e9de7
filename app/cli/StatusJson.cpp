#include "StatusJson.h"

#include "models/domain/Attention.h"
#include "models/itemmodels/RolloutRow.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <optional>

namespace rolldeck {

namespace {

// A JSON string as QJsonDocument writes it. Printable ASCII needs no escaping and is copied; anything else (quotes,
// backslashes, control characters, non-ASCII) is escaped by Qt's own writer, so the bytes are the same.
void appendString(QByteArray &out, const QString &s)
{
    const bool plain = std::all_of(s.cbegin(), s.cend(), [](QChar c) {
        return c.unicode() >= 0x20 && c.unicode() < 0x80 && c != u'"' && c != u'\\';
    });
    if (!plain) {
        const QByteArray quoted = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact); // ["..."]
        out += QByteArrayView(quoted).sliced(1, quoted.size() - 2);
        return;
    }
    out += '"';
    const qsizetype start = out.size();
    out.resize(start + s.size());
    char *to = out.data() + start;
    for (const QChar c : s)
        *to++ = char(c.unicode());
    out += '"';
}

// The members of one object in QJsonDocument::Indented layout; the caller gives them in key order, as QJsonObject
// keeps them.
class IndentedObject
{
public:
    IndentedObject(QByteArray &out, int indent) : m_out(out), m_indent(indent) { m_out += '{'; }
    void key(QLatin1StringView name)
    {
        m_out += m_first ? "\n" : ",\n";
        m_first = false;
        m_out.append(m_indent + 4, ' ');
        m_out += '"';
        m_out += name;
        m_out += "\": ";
    }
    void string(QLatin1StringView name, const QString &value)
    {
        key(name);
        appendString(m_out, value);
    }
    void integer(QLatin1StringView name, std::optional<int> value)
    {
        key(name);
        m_out += value ? QByteArray::number(*value) : QByteArrayLiteral("null");
    }
    void boolean(QLatin1StringView name, bool value)
    {
        key(name);
        m_out += value ? "true" : "false";
    }
    void end()
    {
        m_out += '\n';
        m_out.append(m_indent, ' ');
        m_out += '}';
    }

private:
    QByteArray &m_out;
    int m_indent;
    bool m_first = true;
};

} // namespace

QJsonObject statusRowJson(const RolloutRow &row, const Attention &attention)
{
    QJsonObject o{{QStringLiteral("context"), row.cluster},
                  {QStringLiteral("namespace"), row.namespaceName},
                  {QStringLiteral("name"), row.name},
                  {QStringLiteral("status"), row.status},
                  {QStringLiteral("message"), row.message},
                  {QStringLiteral("strategy"), row.strategy},
                  {QStringLiteral("step"), row.step},
                  {QStringLiteral("replicas"), QJsonObject{{QStringLiteral("desired"), row.desiredReplicas},
                                                           {QStringLiteral("current"), row.currentReplicas},
                                                           {QStringLiteral("updated"), row.updatedReplicas},
                                                           {QStringLiteral("ready"), row.readyReplicas},
                                                           {QStringLiteral("available"), row.availableReplicas}}},
                  {QStringLiteral("needsAttention"), attention.needed()},
                  {QStringLiteral("attention"), attention.key()},
                  {QStringLiteral("attentionReason"), attention.text()}};
    if (attention.isStale())
        o.insert(QStringLiteral("staleSince"), attention.stale.since.toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("setWeight"), row.setWeight ? QJsonValue(*row.setWeight) : QJsonValue());
    o.insert(QStringLiteral("actualWeight"), row.actualWeight ? QJsonValue(*row.actualWeight) : QJsonValue());
    return o;
}

void writeStatusRowIndented(QByteArray &out, const RolloutRow &row, const Attention &attention, int indent)
{
    using L = QLatin1StringView;
    IndentedObject o(out, indent); // the keys of statusRowJson, sorted
    o.integer(L("actualWeight"), row.actualWeight);
    o.string(L("attention"), attention.key());
    o.string(L("attentionReason"), attention.text());
    o.string(L("context"), row.cluster);
    o.string(L("message"), row.message);
    o.string(L("name"), row.name);
    o.string(L("namespace"), row.namespaceName);
    o.boolean(L("needsAttention"), attention.needed());
    o.key(L("replicas"));
    IndentedObject replicas(out, indent + 4);
    replicas.integer(L("available"), row.availableReplicas);
    replicas.integer(L("current"), row.currentReplicas);
    replicas.integer(L("desired"), row.desiredReplicas);
    replicas.integer(L("ready"), row.readyReplicas);
    replicas.integer(L("updated"), row.updatedReplicas);
    replicas.end();
    o.integer(L("setWeight"), row.setWeight);
    if (attention.isStale())
        o.string(L("staleSince"), attention.stale.since.toString(Qt::ISODateWithMs));
    o.string(L("status"), row.status);
    o.string(L("step"), row.step);
    o.string(L("strategy"), row.strategy);
    o.end();
}

} // namespace rolldeck
