// Helpers for the simulator tests: run the real kubectl against a simulator, and speak raw
// HTTP/1.1 (so the tests see the exact bytes, chunk framing included).
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTcpSocket>
#include <QUrl>

namespace simtest {

struct CommandResult
{
    int exitCode = -1;
    QString out;
    QString err;
};

inline CommandResult runKubectl(const QString &home, const QString &kubeconfig, QStringList args, int timeoutMs = 30000)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("KUBECONFIG"), kubeconfig);
    p.setProcessEnvironment(env);
    args.prepend(QStringLiteral("--cache-dir=") + home + QStringLiteral("/kube-cache"));
    p.start(QStringLiteral("/usr/bin/kubectl"), args);
    CommandResult r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("kubectl timed out");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

struct HttpResult
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray rawBody; // as received
    QByteArray body;    // de-chunked when chunked
    bool chunked = false;
    bool complete = false;  // chunked: the terminating 0-size chunk arrived
    bool truncated = false; // chunked: a chunk declared more bytes than arrived

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
    QList<QByteArray> lines() const
    {
        QList<QByteArray> out;
        for (const QByteArray &l : body.split('\n')) {
            if (!l.isEmpty())
                out << l;
        }
        return out;
    }
};

inline void decodeChunked(HttpResult &r)
{
    const QByteArray &raw = r.rawBody;
    qsizetype pos = 0;
    while (pos < raw.size()) {
        const qsizetype eol = raw.indexOf("\r\n", pos);
        if (eol < 0) {
            r.truncated = true;
            return;
        }
        bool ok = false;
        const qsizetype size = raw.mid(pos, eol - pos).trimmed().toLongLong(&ok, 16);
        if (!ok) {
            r.truncated = true;
            return;
        }
        pos = eol + 2;
        if (size == 0) {
            r.complete = true;
            return;
        }
        if (pos + size > raw.size()) {
            r.body += raw.mid(pos);
            r.truncated = true;
            return;
        }
        r.body += raw.mid(pos, size);
        pos += size + 2;
    }
}

// One request on its own connection ("Connection: close"); reads until the server closes.
inline HttpResult http(quint16 port, const QByteArray &method, const QByteArray &target, const QByteArray &token,
                       const QByteArray &body = {}, const QList<QPair<QByteArray, QByteArray>> &extraHeaders = {},
                       int timeoutMs = 10000)
{
    HttpResult r;
    QTcpSocket s;
    s.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!s.waitForConnected(timeoutMs))
        return r;
    QByteArray req = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (!token.isEmpty())
        req += "Authorization: Bearer " + token + "\r\n";
    bool hasContentType = false;
    for (const auto &h : extraHeaders) {
        req += h.first + ": " + h.second + "\r\n";
        hasContentType = hasContentType || h.first.compare("Content-Type", Qt::CaseInsensitive) == 0;
    }
    if (!body.isEmpty() || method == "POST" || method == "PUT" || method == "PATCH") {
        if (!hasContentType)
            req += "Content-Type: application/json\r\n";
        req += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    }
    req += "\r\n" + body;
    s.write(req);
    QByteArray all;
    while (s.state() == QAbstractSocket::ConnectedState && s.waitForReadyRead(timeoutMs))
        all += s.readAll();
    all += s.readAll();
    const qsizetype headerEnd = all.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return r;
    const QList<QByteArray> headerLines = all.left(headerEnd).split('\n');
    const QList<QByteArray> statusLine = headerLines.value(0).trimmed().split(' ');
    r.status = statusLine.value(1).toInt();
    for (qsizetype i = 1; i < headerLines.size(); ++i) {
        const QByteArray line = headerLines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            r.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    r.rawBody = all.mid(headerEnd + 4);
    r.chunked = r.header("Transfer-Encoding").contains("chunked");
    if (r.chunked)
        decodeChunked(r);
    else
        r.body = r.rawBody;
    return r;
}

} // namespace simtest
