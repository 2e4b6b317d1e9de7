#pragma once

#include "models/domain/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace rolldeck::audit {

// What append() wrote.
struct AppendedRecord
{
    qint64 seq = 0;
    QByteArray hash;
    QByteArray time;
    QString file;
};

// The append-only, hash-chained JSON Lines audit log in one directory (docs/audit.md). Each append takes an
// exclusive file lock, reads the chain's last hash, writes one line with one write() and fsyncs it before returning,
// so two processes appending at once never interleave or fork the chain. The current file is rotated by size; the
// chain continues into the next file. Files are created with mode 0600. Synchronous; any thread.
class AuditLog
{
public:
    struct Options
    {
        QString directory;                       // empty: defaultDirectory()
        qint64 rotateBytes = 64ll * 1024 * 1024; // start a new file before one would grow past this
    };

    AuditLog();
    explicit AuditLog(Options options);

    // <user data dir>/audit (QStandardPaths::AppDataLocation).
    static QString defaultDirectory();
    static QString currentFileName() { return QStringLiteral("audit.jsonl"); }
    static QString headFileName() { return QStringLiteral("audit.head"); } // "<seq> <hash>" of the last record

    const QString &directory() const { return m_options.directory; }
    // The chain's files, oldest first (rotated files, then the current one).
    QStringList files() const;
    static QStringList filesIn(const QString &directory);

    // Writes one record: `type` (intent, result, refused, ack), the action id it belongs to, and its members. Fails
    // (naming the file) when the directory or file cannot be written or the log's last line is incomplete: an action
    // that cannot be recorded must not be sent.
    Result<AppendedRecord> append(const QByteArray &type, const QByteArray &actionId, const QJsonObject &fields);

private:
    struct Tail
    {
        qint64 seq = 0;
        QByteArray hash;
    };
    Result<Tail> readTail(const QString &path) const;
    Result<Tail> chainTail(qint64 currentSize);
    Status rotate();

    Options m_options;
    // The tail seen after the last append, valid while the current file keeps this identity and size.
    Tail m_cached;
    quint64 m_cachedInode = 0;
    qint64 m_cachedSize = -1;
};

} // namespace rolldeck::audit
