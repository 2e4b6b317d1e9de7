#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace rolldeck::argocd {

// One event of `GET /api/v1/stream/applications` (grpc-gateway's newline-delimited JSON, or SSE `data:` lines):
// {"result":{"type":"ADDED|MODIFIED|DELETED","application":{…}}}, or {"error":{…}} when the server ends the stream.
struct StreamEvent
{
    enum class Type { Added, Modified, Deleted, Error };
    Type type = Type::Modified;
    QJsonObject application;
    QString error; // Type::Error: the server's message
};

// Splits the stream's bytes into events, however the chunks fall. A line that is not an event (an SSE comment or
// heartbeat, a blank line) is skipped; a line longer than the limit, or one that is not JSON, is an error that ends
// the stream (the caller reconnects). No exception leaves it.
class ApplicationStreamParser
{
public:
    static constexpr qsizetype kMaxLine = 32 * 1024 * 1024;

    QList<StreamEvent> feed(const QByteArray &bytes);
    bool failed() const { return !m_problem.isEmpty(); }
    QString problem() const { return m_problem; }

private:
    void parseLine(QByteArray line, QList<StreamEvent> &out);

    QByteArray m_buffer;
    QString m_problem;
};

} // namespace rolldeck::argocd
