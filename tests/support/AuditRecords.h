#pragma once

// The records of an audit log directory's current file (audit.jsonl), one JSON object per line, for tests to read
// what an action wrote. Missing file: none.

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace rolldeck::test {

inline QList<QJsonObject> auditRecords(const QString &dir)
{
    QList<QJsonObject> out;
    QFile f(dir + QStringLiteral("/audit.jsonl"));
    if (!f.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (!line.isEmpty())
            out << QJsonDocument::fromJson(line).object();
    }
    return out;
}

} // namespace rolldeck::test
