#include "kube/WatchParser.h"

#include <QJsonDocument>

namespace rolldeck::kube {

QList<QByteArray> WatchLineSplitter::feed(const QByteArray &data)
{
    QList<QByteArray> lines;
    qsizetype start = 0;
    qsizetype newline = data.indexOf('\n');
    if (newline < 0) {
        m_pending += data;
        return lines;
    }
    // The first line completes whatever was pending.
    QByteArray first = m_pending + data.left(newline);
    m_pending.clear();
    if (!first.trimmed().isEmpty())
        lines.append(first);
    start = newline + 1;
    while ((newline = data.indexOf('\n', start)) >= 0) {
        if (newline > start) {
            QByteArray line = data.mid(start, newline - start);
            if (!line.trimmed().isEmpty())
                lines.append(line);
        }
        start = newline + 1;
    }
    m_pending = data.mid(start);
    return lines;
}

std::optional<WatchEvent> parseWatchEvent(const QByteArray &line)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    const QJsonObject root = doc.object();
    const QJsonValue object = root.value(QLatin1String("object"));
    if (!object.isObject())
        return std::nullopt;
    const QString type = root.value(QLatin1String("type")).toString();
    WatchEvent event;
    if (type == QLatin1String("ADDED"))
        event.type = WatchEvent::Type::Added;
    else if (type == QLatin1String("MODIFIED"))
        event.type = WatchEvent::Type::Modified;
    else if (type == QLatin1String("DELETED"))
        event.type = WatchEvent::Type::Deleted;
    else if (type == QLatin1String("BOOKMARK"))
        event.type = WatchEvent::Type::Bookmark;
    else if (type == QLatin1String("ERROR"))
        event.type = WatchEvent::Type::Error;
    else
        return std::nullopt;
    event.object = object.toObject();
    if (event.type != WatchEvent::Type::Error) {
        const QJsonObject metadata = event.object.value(QLatin1String("metadata")).toObject();
        event.resourceVersion = metadata.value(QLatin1String("resourceVersion")).toString();
        if (event.type != WatchEvent::Type::Bookmark) {
            event.uid = metadata.value(QLatin1String("uid")).toString();
            if (event.uid.isEmpty())
                return std::nullopt; // an object without identity cannot be cached
        }
    }
    return event;
}

} // namespace rolldeck::kube
