#include "AuditVerifier.h"

#include <QFile>
#include <QHash>
#include <QJsonDocument>

#include <algorithm>
#include <cstring>
#include <memory>
#include <thread>
#include <vector>

namespace rolldeck::audit {

namespace {

struct Pending
{
    int file = 0;
    qint64 line = 0;
    qint64 offset = 0;
    qint64 length = 0;
    QByteArray time;
};

class ChainWalker
{
public:
    ChainWalker(const VerifyOptions &options, VerifyReport &report) : m_options(options), m_report(report)
    {
        m_expectedPrev = genesisHash();
    }

    // hashOk: whether the line's canonical bytes hash to its "hash" member (hashMatches, computed beforehand).
    void record(const QString &file, int fileIndex, qint64 lineNo, qint64 offset, const char *line, qsizetype length,
                bool hashOk)
    {
        const auto header = parseHeader(line, length);
        if (!header) {
            fail(file, lineNo, 0, m_lastTime, QStringLiteral("not an audit record (damaged or inserted)"));
            m_resync = true;
            return;
        }
        if (!hashOk) {
            fail(file, lineNo, header->seq, header->time,
                 QStringLiteral("its contents do not match its hash: the record was edited"));
            m_resync = true;
            return;
        }
        const bool first = m_report.records == 0 && !m_resync && !m_failedOnce;
        if (first && !m_options.fromGenesis) {
            m_report.firstSeq = header->seq;
            m_report.firstPrev = header->prev;
        } else if (m_resync) {
            m_resync = false; // after a damaged record, carry on from here to count further problems
        } else if (header->prev != m_expectedPrev || header->seq != m_expectedSeq) {
            fail(file, lineNo, header->seq, header->time,
                 m_report.records == 0
                     ? QStringLiteral("the chain does not start here (record 1 after the genesis hash): the records "
                                      "before it were removed")
                 : header->prev != m_expectedPrev
                     ? QStringLiteral("it does not follow the record before it (a record before it was removed, "
                                      "inserted or moved)")
                     : QStringLiteral("its sequence number is %1, expected %2 (a record was removed, inserted or "
                                      "moved)")
                           .arg(header->seq)
                           .arg(m_expectedSeq));
        }
        if (first && m_options.fromGenesis) {
            m_report.firstSeq = header->seq;
            m_report.firstPrev = header->prev;
        }
        m_expectedPrev = header->hash;
        m_expectedSeq = header->seq + 1;
        m_lastTime = header->time;
        ++m_report.records;
        m_report.lastSeq = header->seq;
        m_report.lastHash = header->hash;
        track(*header, line, fileIndex, lineNo, offset, length);
        if (m_options.visit)
            m_options.visit(*header, line, length);
    }

    void fail(const QString &file, qint64 lineNo, qint64 seq, const QByteArray &time, const QString &what)
    {
        m_failedOnce = true;
        ++m_report.problems;
        if (!m_report.firstBad)
            m_report.firstBad = AuditProblem{file, lineNo, seq, QString::fromLatin1(time), what};
    }

    const QHash<QByteArray, Pending> &pending() const { return m_pending; }
    const QByteArray &lastTime() const { return m_lastTime; }

private:
    void track(const RecordHeader &h, const char *line, int fileIndex, qint64 lineNo, qint64 offset, qsizetype length)
    {
        static const QByteArrayView unknown("\"outcome\":\"unknown\"");
        if (h.type == "intent")
            m_pending.insert(h.action, Pending{fileIndex, lineNo, offset, length, h.time});
        else if (h.type == "result" && QByteArrayView(line, length).contains(unknown))
            m_pending.insert(h.action, Pending{fileIndex, lineNo, offset, length, h.time}); // sent, no answer
        else if (h.type == "result" || h.type == "ack")
            m_pending.remove(h.action);
    }

    const VerifyOptions &m_options;
    VerifyReport &m_report;
    QByteArray m_expectedPrev;
    qint64 m_expectedSeq = 1;
    QByteArray m_lastTime;
    bool m_resync = false;
    bool m_failedOnce = false;
    QHash<QByteArray, Pending> m_pending;
};

void checkHead(const VerifyOptions &options, VerifyReport &report, const QHash<qint64, QByteArray> &hashesNearEnd,
               const QString &lastFile, qint64 lastLine, const QByteArray &lastTime)
{
    QFile head(options.headFile);
    if (options.headFile.isEmpty() || !head.open(QIODevice::ReadOnly))
        return;
    const QList<QByteArray> parts = head.readAll().trimmed().split(' ');
    bool ok = false;
    const qint64 seq = parts.value(0).toLongLong(&ok);
    if (!ok || parts.size() != 2)
        return;
    if (seq > report.lastSeq) {
        ++report.problems;
        if (!report.firstBad)
            report.firstBad = AuditProblem{lastFile, lastLine + 1, report.lastSeq + 1, QString::fromLatin1(lastTime),
                                           QStringLiteral("the log ends at record %1 but record %2 was written: "
                                                          "records were removed from the end")
                                               .arg(report.lastSeq)
                                               .arg(seq)};
    } else if (hashesNearEnd.contains(seq) && hashesNearEnd.value(seq) != parts.at(1)) {
        ++report.problems;
        if (!report.firstBad)
            report.firstBad = AuditProblem{lastFile, 0, seq, QString(),
                                           QStringLiteral("record %1 is not the record that was written as %1: "
                                                          "records at the end were replaced")
                                               .arg(seq)};
    }
}

// The lines of one file as [offset, end) pairs; a last line without newline is returned in `partial`.
struct Lines
{
    std::vector<std::pair<qint64, qint64>> spans;
    bool partial = false;
};

Lines splitLines(const char *p, qint64 size)
{
    Lines lines;
    lines.spans.reserve(size_t(size / 512 + 1));
    qint64 pos = 0;
    while (pos < size) {
        const void *nl = std::memchr(p + pos, '\n', size_t(size - pos));
        if (!nl) {
            lines.partial = true;
            break;
        }
        const qint64 end = static_cast<const char *>(nl) - p;
        lines.spans.emplace_back(pos, end);
        pos = end + 1;
    }
    return lines;
}

// Whether each line's hash matches its contents. Each record's hash covers only its own bytes, so the lines are
// hashed on every core at once; the links between records are checked afterwards, in order.
std::vector<char> checkHashes(const char *p, const std::vector<std::pair<qint64, qint64>> &spans)
{
    std::vector<char> ok(spans.size(), 0);
    const auto work = [&](size_t from, size_t to) {
        for (size_t i = from; i < to; ++i)
            ok[i] = hashMatches(p + spans[i].first, spans[i].second - spans[i].first) ? 1 : 0;
    };
    const size_t threads =
        spans.size() < 20000 ? 1 : std::clamp<size_t>(std::thread::hardware_concurrency(), size_t(1), size_t(8));
    std::vector<std::thread> pool;
    const size_t per = (spans.size() + threads - 1) / threads;
    for (size_t t = 1; t < threads; ++t)
        pool.emplace_back(work, std::min(spans.size(), t * per), std::min(spans.size(), (t + 1) * per));
    work(0, std::min(spans.size(), per));
    for (std::thread &thread : pool)
        thread.join();
    return ok;
}

} // namespace

VerifyReport verifyChain(const QStringList &files, const VerifyOptions &options)
{
    VerifyReport report;
    ChainWalker walker(options, report);
    std::vector<std::unique_ptr<QFile>> open;
    QList<const uchar *> maps;
    QHash<qint64, QByteArray> recent; // seq -> hash of the last records, for the head check
    QString lastFile;
    qint64 lastLine = 0;
    for (int i = 0; i < files.size(); ++i) {
        auto file = std::make_unique<QFile>(files.at(i));
        if (!file->open(QIODevice::ReadOnly)) {
            walker.fail(files.at(i), 0, 0, walker.lastTime(),
                        QStringLiteral("cannot be read: %1").arg(file->errorString()));
            maps << nullptr;
            open.push_back(std::move(file));
            continue;
        }
        const qint64 size = file->size();
        const uchar *data = size > 0 ? file->map(0, size) : nullptr;
        maps << data;
        const char *p = reinterpret_cast<const char *>(data);
        const Lines lines = splitLines(p, size);
        const std::vector<char> hashOk = checkHashes(p, lines.spans);
        qint64 lineNo = 0;
        for (size_t n = 0; n < lines.spans.size(); ++n) {
            const auto [pos, end] = lines.spans[n];
            walker.record(files.at(i), i, ++lineNo, pos, p + pos, end - pos, hashOk[n] != 0);
            if (report.lastSeq > 0 && report.lastHash.size() == kHashHexLength) {
                recent.insert(report.lastSeq, report.lastHash);
                recent.remove(report.lastSeq - 64);
            }
        }
        if (lines.partial)
            walker.fail(files.at(i), ++lineNo, 0, walker.lastTime(),
                        QStringLiteral("the file ends in the middle of this record: it was truncated"));
        lastFile = files.at(i);
        lastLine = lineNo;
        open.push_back(std::move(file));
    }
    checkHead(options, report, recent, lastFile, lastLine, walker.lastTime());

    QList<Pending> pending = walker.pending().values();
    std::sort(pending.begin(), pending.end(),
              [](const Pending &a, const Pending &b) { return a.file != b.file ? a.file < b.file : a.line < b.line; });
    for (const Pending &p : std::as_const(pending)) {
        const char *base = reinterpret_cast<const char *>(maps.at(p.file));
        const QByteArray raw(base + p.offset, p.length);
        const auto header = parseHeader(raw.constData(), raw.size());
        report.unknown << UnknownOutcome{files.at(p.file), p.line, QString::fromLatin1(p.time),
                                         header ? header->action : QByteArray(), QJsonDocument::fromJson(raw).object()};
    }
    return report;
}

QList<StoredRecord> readRecords(const QStringList &files, const QByteArray &since)
{
    QList<StoredRecord> out;
    for (const QString &path : files) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        qint64 lineNo = 0;
        while (!file.atEnd()) {
            QByteArray line = file.readLine();
            ++lineNo;
            if (!line.endsWith('\n'))
                break;
            line.chop(1);
            const auto header = parseHeader(line.constData(), line.size());
            if (!header || (!since.isEmpty() && header->time < since))
                continue;
            out << StoredRecord{path, lineNo, *header, line, QJsonDocument::fromJson(line).object()};
        }
    }
    return out;
}

} // namespace rolldeck::audit
