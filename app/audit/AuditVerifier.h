#pragma once

#include "audit/AuditChain.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace rolldeck::audit {

// Where the chain first breaks: the file, the 1-based line, the record's time when it can be read (else the time of
// the record before it), and what is wrong.
struct AuditProblem
{
    QString file;
    qint64 line = 0;
    qint64 seq = 0;
    QString time;
    QString what;
};

// An intent with neither a result nor an acknowledgement: the request may or may not have reached the server.
struct UnknownOutcome
{
    QString file;
    qint64 line = 0;
    QString time;
    QByteArray action;
    QJsonObject record;
};

struct VerifyReport
{
    qint64 records = 0;
    std::optional<AuditProblem> firstBad;
    int problems = 0;
    QList<UnknownOutcome> unknown;
    qint64 firstSeq = 0;  // where the verified chain starts (1 for a whole log, later for an export)
    QByteArray firstPrev; // the hash it continues from (64 zeros for a whole log)
    qint64 lastSeq = 0;
    QByteArray lastHash;

    bool chainIntact() const { return !firstBad.has_value(); }
};

struct VerifyOptions
{
    // A whole log starts at record 1 after the genesis hash; an export may start anywhere (its first "prev" is
    // taken as given, and said in the report).
    bool fromGenesis = true;
    // "<seq> <hash>" of the last record the writer remembers; a log that ends before it lost records at the end.
    QString headFile;
    // Called for every record whose hash is intact (for comparisons with the cluster).
    std::function<void(const RecordHeader &, const char *line, qsizetype length)> visit;
};

// Checks every record's hash and its link to the one before, across `files` in order (AuditLog::files() or an
// export), and finds intents without outcome. Reads the files memory-mapped; about a million records a second.
VerifyReport verifyChain(const QStringList &files, const VerifyOptions &options = {});

// One record read back for `audit show` / `export`.
struct StoredRecord
{
    QString file;
    qint64 line = 0;
    RecordHeader header;
    QByteArray raw; // the line as stored (the chain needs these exact bytes)
    QJsonObject json;
};

// Records with a time at or after `since` (RFC 3339 UTC; empty: all). Unreadable lines are skipped (verify names
// them).
QList<StoredRecord> readRecords(const QStringList &files, const QByteArray &since = {});

} // namespace rolldeck::audit
