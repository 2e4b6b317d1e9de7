#pragma once

// The audit log's record format (docs/audit.md): one JSON object per line whose fixed header is
//   {"hash":"<sha256 hex>","prev":"<sha256 hex>","seq":N,"time":"<RFC 3339 UTC ms>","type":"…","action":"…",…}
// The canonical bytes of a record are its line without the leading "hash" member; its hash is their SHA-256, and
// every record's "prev" is the hash of the record before it (64 zeros for the first record of a chain).

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace rolldeck::audit {

inline constexpr int kHashHexLength = 64;
// `{"hash":"` + 64 hex + `",`: what precedes the canonical bytes' `"prev"` member.
inline constexpr int kHashMemberLength = 9 + kHashHexLength + 2;
QByteArray genesisHash(); // 64 zeros

// The fixed header of one line, read without parsing the JSON (verify reads a million of these a second).
struct RecordHeader
{
    QByteArray hash;
    QByteArray prev;
    qint64 seq = 0;
    QByteArray time;   // "2026-12-02T07:05:00.123Z"
    QByteArray type;   // intent, result, refused, ack
    QByteArray action; // the action id shared by an intent, its result and its acknowledgement
};

// The header of `line` (no trailing newline), or nullopt when the line does not start like a record.
std::optional<RecordHeader> parseHeader(const char *line, qsizetype length);

// SHA-256 (lower-case hex) of the canonical bytes of `line`: "{" followed by everything after the hash member.
QByteArray canonicalHash(const char *line, qsizetype length);
// Whether `line` starts with a hash member whose value is canonicalHash(line), without allocating. Thread-safe.
bool hashMatches(const char *line, qsizetype length);

// A complete line (without newline) for a record with these header values and extra members (any of the header's
// names among them are dropped). `hash` is computed here.
QByteArray buildRecordLine(const QByteArray &prev, qint64 seq, const QByteArray &time, const QByteArray &type,
                           const QByteArray &action, QJsonObject fields, QByteArray *hashOut = nullptr);

// The current time as the log writes it: RFC 3339, UTC, milliseconds ("2026-12-02T07:05:00.123Z").
QByteArray nowText();

} // namespace rolldeck::audit
