#include "ApplicationStreamParser.h"

#include <QJsonDocument>

namespace rolldeck::argocd {

QList<StreamEvent> ApplicationStreamParser::feed(const QByteArray &bytes)
{
    QList<StreamEvent> out;
    if (failed())
        return out;
    m_buffer += bytes;
    qsizetype start = 0;
    for (qsizetype nl = m_buffer.indexOf('\n'); nl >= 0; nl = m_buffer.indexOf('\n', start)) {
        parseLine(m_buffer.mid(start, nl - start), out);
        start = nl + 1;
        if (failed())
            return out;
    }
    m_buffer.remove(0, start);
    if (m_buffer.size() > kMaxLine)
        m_problem = QStringLiteral("a stream event is longer than %1 bytes").arg(kMaxLine);
    return out;
}

void ApplicationStreamParser::parseLine(QByteArray line, QList<StreamEvent> &out)
{
    line = line.trimmed();
    if (line.startsWith("data:"))
        line = line.mid(5).trimmed();
    if (line.isEmpty() || line.startsWith(':') || line.startsWith("event:") || line.startsWith("id:"))
        return;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        m_problem = QStringLiteral("a stream event is not JSON (%1)").arg(error.errorString());
        return;
    }
    const QJsonObject root = doc.object();
    if (root.value(QLatin1String("error")).isObject()) {
        const QJsonObject e = root.value(QLatin1String("error")).toObject();
        StreamEvent event;
        event.type = StreamEvent::Type::Error;
        event.error = e.value(QLatin1String("message")).toString();
        out << event;
        return;
    }
    const QJsonObject result = root.value(QLatin1String("result")).toObject();
    const QJsonObject app = result.value(QLatin1String("application")).toObject();
    if (app.isEmpty())
        return;
    StreamEvent event;
    const QString type = result.value(QLatin1String("type")).toString();
    event.type = type == QLatin1String("ADDED")     ? StreamEvent::Type::Added
                 : type == QLatin1String("DELETED") ? StreamEvent::Type::Deleted
                                                    : StreamEvent::Type::Modified;
    event.application = app;
    out << event;
}

} // namespace rolldeck::argocd
