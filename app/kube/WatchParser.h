#pragma once

// The watch stream's wire format, apart from the network (kept apart so it can be fuzzed alone, tests/fuzz).

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace rolldeck::kube {

// One event of a watch stream (newline-delimited JSON: {"type":"ADDED","object":{…}}).
struct WatchEvent
{
    enum class Type { Added, Modified, Deleted, Bookmark, Error };
    Type type = Type::Added;
    QJsonObject object;      // the object; for Error a meta/v1 Status; for Bookmark only metadata.resourceVersion
    QString uid;             // metadata.uid (Added, Modified, Deleted), read once while parsing
    QString resourceVersion; // metadata.resourceVersion
};

// The longest watch line read (an event holds one object; the API server stores at most 1.5 MiB per object).
// A longer line ends the stream instead of growing without bound.
inline constexpr qsizetype kMaxWatchLine = 16 << 20;

// Splits a byte stream into lines, keeping the incomplete tail for the next chunk.
class WatchLineSplitter
{
public:
    // Appends `data` and returns the complete lines in it (without the newline; empty lines skipped).
    QList<QByteArray> feed(const QByteArray &data);
    // Bytes after the last newline: non-empty at the end of a stream means a truncated event.
    const QByteArray &pending() const { return m_pending; }
    void clear() { m_pending.clear(); }

private:
    QByteArray m_pending;
};

// Parses one watch line; nullopt for anything that is not a well-formed event (garbage, truncation, unknown type).
std::optional<WatchEvent> parseWatchEvent(const QByteArray &line);

} // namespace rolldeck::kube

Q_DECLARE_METATYPE(rolldeck::kube::WatchEvent)
