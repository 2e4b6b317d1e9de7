#include "audit/AuditRecords.h"

#include <QDateTime>

namespace rolldeck::audit {

namespace {

QString csvCell(QString s)
{
    if (s.contains(u',') || s.contains(u'"') || s.contains(u'\n')) {
        s.replace(QStringLiteral("\""), QStringLiteral("\"\""));
        return u'"' + s + u'"';
    }
    return s;
}

} // namespace

QString recordField(const QJsonObject &o, const char *a, const char *b)
{
    const QJsonValue v = o.value(QLatin1String(a));
    return b ? v.toObject().value(QLatin1String(b)).toVariant().toString() : v.toVariant().toString();
}

QString recordTarget(const QJsonObject &o)
{
    const QString ns = recordField(o, "target", "namespace");
    return ns.isEmpty() ? QString() : ns + QLatin1Char('/') + recordField(o, "target", "name");
}

QString recordActor(const QJsonObject &o)
{
    const QString as = recordField(o, "actor", "as");
    const QString os = as.isEmpty() ? recordField(o, "actor", "os") : as;
    QString cluster = recordField(o, "actor", "cluster");
    if (cluster.isEmpty() && !recordField(o, "actor", "argocd").isEmpty())
        cluster = QStringLiteral("Argo CD: ") + recordField(o, "actor", "argocd");
    return cluster.isEmpty() || cluster == os ? os : os + QStringLiteral(" (") + cluster + u')';
}

QByteArray exportCsv(const QList<StoredRecord> &records)
{
    QString out = QStringLiteral("seq,time,type,action,verb,environment,context,namespace,name,actor,route,reason,"
                                 "outcome,refusal,httpStatus,message,hash,prev\n");
    for (const StoredRecord &r : records) {
        const QJsonObject &o = r.json;
        const QStringList cells{QString::number(r.header.seq),
                                QString::fromLatin1(r.header.time),
                                QString::fromLatin1(r.header.type),
                                QString::fromLatin1(r.header.action),
                                recordField(o, "verb"),
                                recordField(o, "target", "environment"),
                                recordField(o, "target", "context"),
                                recordField(o, "target", "namespace"),
                                recordField(o, "target", "name"),
                                recordActor(o),
                                recordField(o, "actor", "route"),
                                recordField(o, "reason"),
                                recordField(o, "outcome"),
                                recordField(o, "refusal"),
                                recordField(o, "httpStatus"),
                                recordField(o, "message"),
                                QString::fromLatin1(r.header.hash),
                                QString::fromLatin1(r.header.prev)};
        QStringList escaped;
        for (const QString &c : cells)
            escaped << csvCell(c);
        out += escaped.join(u',') + u'\n';
    }
    return out.toUtf8();
}

QByteArray exportJsonLines(const QList<StoredRecord> &records)
{
    QByteArray out;
    for (const StoredRecord &r : records)
        out += r.raw + '\n';
    return out;
}

AuditRecordView recordView(const StoredRecord &r)
{
    const QJsonObject &o = r.json;
    AuditRecordView v;
    v.seq = r.header.seq;
    v.time = QDateTime::fromString(QString::fromLatin1(r.header.time), Qt::ISODateWithMs).toUTC();
    v.type = QString::fromLatin1(r.header.type);
    v.action = QString::fromLatin1(r.header.action);
    v.verb = recordField(o, "verb");
    v.environment = recordField(o, "target", "environment");
    v.context = recordField(o, "target", "context");
    v.ns = recordField(o, "target", "namespace");
    v.name = recordField(o, "target", "name");
    v.actor = recordActor(o);
    v.reason = recordField(o, "reason");
    v.outcome = recordField(o, "outcome");
    v.refusal = recordField(o, "refusal");
    v.message = recordField(o, "message");
    return v;
}

Result<AppendedRecord> acknowledge(AuditLog &log, const QByteArray &action, const QString &osUser,
                                   const QString &reason)
{
    return log.append(
        "ack", action,
        {{QStringLiteral("actor"), QJsonObject{{QStringLiteral("os"), osUser}}}, {QStringLiteral("reason"), reason}});
}

} // namespace rolldeck::audit
