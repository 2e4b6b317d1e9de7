#include "argo/KubeEvent.h"

#include <QRegularExpression>

#include <algorithm>

namespace rolldeck {

namespace {

QDateTime timeOf(const QJsonObject &event, const char *field)
{
    QString text = event.value(QLatin1String(field)).toString();
    if (text.isEmpty())
        return {};
    // eventTime is a MicroTime ("…:00.123456Z"): milliseconds are enough here.
    static const QRegularExpression micro(QStringLiteral("(\\.\\d{3})\\d+"));
    text.replace(micro, QStringLiteral("\\1"));
    return QDateTime::fromString(text, Qt::ISODateWithMs).toUTC();
}

} // namespace

KubeEvent KubeEvent::fromJson(const QJsonObject &event)
{
    KubeEvent e;
    const QJsonObject meta = event.value(QLatin1String("metadata")).toObject();
    e.uid = meta.value(QLatin1String("uid")).toString();
    e.name = meta.value(QLatin1String("name")).toString();
    e.type = event.value(QLatin1String("type")).toString();
    e.reason = event.value(QLatin1String("reason")).toString();
    e.message = event.value(QLatin1String("message")).toString();
    e.component = event.value(QLatin1String("source")).toObject().value(QLatin1String("component")).toString();
    if (e.component.isEmpty())
        e.component = event.value(QLatin1String("reportingComponent")).toString();
    e.count = std::max(1, event.value(QLatin1String("count")).toInt(1));
    for (const char *field : {"lastTimestamp", "eventTime", "firstTimestamp"}) {
        e.lastSeen = timeOf(event, field);
        if (e.lastSeen.isValid())
            break;
    }
    if (!e.lastSeen.isValid())
        e.lastSeen = timeOf(meta, "creationTimestamp");

    const QJsonObject annotations = meta.value(QLatin1String("annotations")).toObject();
    e.fromRolldeck = e.reason == QLatin1String("RolldeckAction");
    if (!e.fromRolldeck)
        return e;
    e.verb = event.value(QLatin1String("action")).toString();
    e.actor = annotations.value(QLatin1String("rolldeck.io/actor")).toString();
    // The message is "<verb> by <actor>[ (<outcome>)][: <reason>]".
    const QString head = e.verb + QStringLiteral(" by ") + e.actor;
    if (!e.verb.isEmpty() && !e.actor.isEmpty() && e.message.startsWith(head)) {
        QString rest = e.message.mid(head.size());
        if (rest.startsWith(QLatin1String(" ("))) {
            const qsizetype close = rest.indexOf(u')');
            if (close > 0) {
                e.outcome = rest.mid(2, close - 2);
                rest = rest.mid(close + 1);
            }
        }
        if (rest.startsWith(QLatin1String(": ")))
            e.actorReason = rest.mid(2);
    }
    return e;
}

} // namespace rolldeck
