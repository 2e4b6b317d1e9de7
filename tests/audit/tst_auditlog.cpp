// The audit log on disk: format, file mode, the hash chain across rotation and export, tampering found and named,
// write-ahead intents without outcome, and two processes appending at once.
#include "app/audit/AuditChain.h"
#include "app/audit/AuditLog.h"
#include "app/audit/AuditVerifier.h"

#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/stat.h>

using namespace rolldeck::audit;

namespace {

QList<QByteArray> readLines(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> lines = f.readAll().split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

void writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
}

void writeLines(const QString &path, const QList<QByteArray> &lines)
{
    writeBytes(path, lines.join('\n') + '\n');
}

void fill(AuditLog &log, int count)
{
    for (int i = 0; i < count; ++i) {
        const auto r = log.append(i % 2 ? "result" : "intent", QByteArray::number(i / 2),
                                  {{QStringLiteral("verb"), QStringLiteral("promote")},
                                   {QStringLiteral("reason"), QStringLiteral("record %1").arg(i)}});
        QVERIFY2(r.ok(), qPrintable(r.error()));
    }
}

} // namespace

class TestAuditLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void recordsAreChainedAndPrivate()
    {
        QTemporaryDir dir;
        AuditLog log({dir.path()});
        fill(log, 6);
        const QString path = dir.filePath(AuditLog::currentFileName());
        struct stat st
        {
        };
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0600);
        const QList<QByteArray> lines = readLines(path);
        QCOMPARE(lines.size(), 6);
        QByteArray prev = genesisHash();
        const QRegularExpression rfc3339(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"));
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QJsonObject o = QJsonDocument::fromJson(lines.at(i)).object();
            QCOMPARE(o.value(QLatin1String("seq")).toInteger(), i + 1);
            QCOMPARE(o.value(QLatin1String("prev")).toString().toLatin1(), prev);
            QVERIFY(rfc3339.match(o.value(QLatin1String("time")).toString()).hasMatch());
            QCOMPARE(o.value(QLatin1String("reason")).toString(), QStringLiteral("record %1").arg(i));
            // The hash is the SHA-256 of the line without its hash member.
            const QByteArray canonical = "{" + lines.at(i).mid(kHashMemberLength);
            const QByteArray expected = QCryptographicHash::hash(canonical, QCryptographicHash::Sha256).toHex();
            QCOMPARE(o.value(QLatin1String("hash")).toString().toLatin1(), expected);
            prev = expected;
        }
        const VerifyReport report = verifyChain(log.files(), {true, dir.filePath(AuditLog::headFileName()), {}});
        QVERIFY(report.chainIntact());
        QCOMPARE(report.records, 6);
        QVERIFY(report.unknown.isEmpty());
    }

    void tamperingIsNamed_data()
    {
        QTest::addColumn<QString>("how");
        QTest::addColumn<int>("badLine");
        QTest::addColumn<QString>("what");
        QTest::newRow("edit a field") << "edit" << 4 << "edited";
        QTest::newRow("delete a line") << "delete" << 4 << "removed";
        QTest::newRow("swap two lines") << "swap" << 4 << "removed, inserted or moved";
        QTest::newRow("insert a line") << "insert" << 4 << "removed, inserted or moved";
        QTest::newRow("insert a forged record") << "forge" << 6 << "removed, inserted or moved";
        QTest::newRow("truncate the last line") << "truncate" << 8 << "truncated";
        QTest::newRow("delete the last line") << "delete-last" << 8 << "removed from the end";
        QTest::newRow("delete the first line") << "delete-first" << 1 << "before it were removed";
    }

    void tamperingIsNamed()
    {
        QFETCH(QString, how);
        QFETCH(int, badLine);
        QFETCH(QString, what);
        QTemporaryDir dir;
        AuditLog log({dir.path()});
        fill(log, 8);
        const QString path = dir.filePath(AuditLog::currentFileName());
        QList<QByteArray> lines = readLines(path);
        QVERIFY(verifyChain(log.files(), {true, dir.filePath(AuditLog::headFileName()), {}}).chainIntact());
        if (how == QLatin1String("edit")) {
            lines[3].replace("record 3", "record 9");
            writeLines(path, lines);
        } else if (how == QLatin1String("delete")) {
            lines.removeAt(3);
            writeLines(path, lines);
        } else if (how == QLatin1String("swap")) {
            lines.swapItemsAt(3, 4);
            writeLines(path, lines);
        } else if (how == QLatin1String("insert")) {
            lines.insert(3, lines.at(1));
            writeLines(path, lines);
        } else if (how == QLatin1String("forge")) {
            // A record made by someone who knows the format: correct hash, linked to the one before it. The break
            // shows at the record after it, which no longer follows the one before it.
            const auto h = parseHeader(lines.at(3).constData(), lines.at(3).size());
            QVERIFY(h.has_value());
            lines.insert(4, buildRecordLine(h->hash, h->seq + 1, h->time, "result", h->action,
                                            {{QStringLiteral("verb"), QStringLiteral("abort")}}));
            writeLines(path, lines);
        } else if (how == QLatin1String("truncate")) {
            writeBytes(path, lines.join('\n').chopped(20));
        } else if (how == QLatin1String("delete-last")) {
            lines.removeLast();
            writeLines(path, lines);
        } else if (how == QLatin1String("delete-first")) {
            lines.removeFirst();
            writeLines(path, lines);
        }
        const VerifyReport report = verifyChain(log.files(), {true, dir.filePath(AuditLog::headFileName()), {}});
        QVERIFY(!report.chainIntact());
        QCOMPARE(report.firstBad->line, badLine);
        QVERIFY2(report.firstBad->what.contains(what), qPrintable(report.firstBad->what));
        QVERIFY(!report.firstBad->time.isEmpty());
        QCOMPARE(report.firstBad->file, path);
    }

    void appendAfterTruncationIsRefused()
    {
        QTemporaryDir dir;
        AuditLog log({dir.path()});
        fill(log, 3);
        const QString path = dir.filePath(AuditLog::currentFileName());
        writeBytes(path, readLines(path).join('\n').chopped(5));
        AuditLog other({dir.path()});
        const auto r = other.append("intent", "x", {});
        QVERIFY(!r.ok());
        QVERIFY2(r.error().contains(QLatin1String("incomplete")), qPrintable(r.error()));
    }

    void rotationKeepsTheChainAndExportsVerify()
    {
        QTemporaryDir dir;
        AuditLog log({dir.path(), 2000});
        fill(log, 40);
        const QStringList files = log.files();
        QVERIFY2(files.size() >= 4, qPrintable(files.join(u' ')));
        QVERIFY(files.last().endsWith(AuditLog::currentFileName()));
        const VerifyReport whole = verifyChain(files, {true, dir.filePath(AuditLog::headFileName()), {}});
        QVERIFY2(whole.chainIntact(), qPrintable(whole.firstBad ? whole.firstBad->what : QString()));
        QCOMPARE(whole.records, 40);
        QCOMPARE(whole.lastSeq, 40);

        // An export from record 11 on, verbatim lines: another machine verifies it from its first record.
        QByteArray exported;
        for (const StoredRecord &r : readRecords(files)) {
            if (r.header.seq >= 11)
                exported += r.raw + '\n';
        }
        const QString exportPath = dir.filePath(QStringLiteral("export.jsonl"));
        writeBytes(exportPath, exported);
        const VerifyReport part = verifyChain({exportPath}, {false, {}, {}});
        QVERIFY(part.chainIntact());
        QCOMPARE(part.firstSeq, 11);
        QCOMPARE(part.records, 30);
        // The same export is no whole log.
        QVERIFY(!verifyChain({exportPath}).chainIntact());
        // A record edited in the middle file is found there.
        QList<QByteArray> middle = readLines(files.at(1));
        middle[1].replace("promote", "abort!!");
        writeLines(files.at(1), middle);
        const VerifyReport broken = verifyChain(files);
        QVERIFY(!broken.chainIntact());
        QCOMPARE(broken.firstBad->file, files.at(1));
        QCOMPARE(broken.firstBad->line, 2);
    }

    void intentsWithoutOutcomeAreUnknownUntilAcknowledged()
    {
        QTemporaryDir dir;
        AuditLog log({dir.path()});
        QVERIFY(log.append("intent", "a1", {{QStringLiteral("verb"), QStringLiteral("abort")}}).ok());
        QVERIFY(log.append("result", "a1", {{QStringLiteral("outcome"), QStringLiteral("applied")}}).ok());
        QVERIFY(log.append("intent", "a2", {{QStringLiteral("verb"), QStringLiteral("promote")}}).ok());
        VerifyReport report = verifyChain(log.files());
        QVERIFY(report.chainIntact());
        QCOMPARE(report.unknown.size(), 1);
        QCOMPARE(report.unknown.first().action, QByteArray("a2"));
        QCOMPARE(report.unknown.first().line, 3);
        QCOMPARE(report.unknown.first().record.value(QLatin1String("verb")).toString(), QStringLiteral("promote"));
        QVERIFY(log.append("ack", "a2", {{QStringLiteral("reason"), QStringLiteral("checked the cluster")}}).ok());
        report = verifyChain(log.files());
        QVERIFY(report.unknown.isEmpty());
    }

    void killedBetweenIntentAndResultLeavesUnknown()
    {
        QTemporaryDir dir;
        QProcess child;
        child.start(QStringLiteral(AUDIT_APPENDER), {dir.path(), QStringLiteral("intent-then-wait")});
        QVERIFY(child.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(child.canReadLine(), 20000);
        const QByteArray id = child.readLine().trimmed();
        ::kill(pid_t(child.processId()), SIGKILL);
        QVERIFY(child.waitForFinished());
        const VerifyReport report = verifyChain(AuditLog::filesIn(dir.path()));
        QVERIFY(report.chainIntact());
        QCOMPARE(report.unknown.size(), 1);
        QCOMPARE(report.unknown.first().action, id);
    }

    void twoProcessesAppendingKeepOneChain()
    {
        QTemporaryDir dir;
        QProcess a;
        QProcess b;
        a.start(QStringLiteral(AUDIT_APPENDER), {dir.path(), QStringLiteral("1000"), QStringLiteral("a")});
        b.start(QStringLiteral(AUDIT_APPENDER), {dir.path(), QStringLiteral("1000"), QStringLiteral("b")});
        QVERIFY(a.waitForFinished(60000));
        QVERIFY(b.waitForFinished(60000));
        QCOMPARE(a.exitCode(), 0);
        QCOMPARE(b.exitCode(), 0);
        const VerifyReport report =
            verifyChain(AuditLog::filesIn(dir.path()), {true, dir.filePath(AuditLog::headFileName()), {}});
        QVERIFY2(report.chainIntact(), qPrintable(report.firstBad ? report.firstBad->what : QString()));
        QCOMPARE(report.records, 2000);
        // Both writers' records are all there, each in its own order.
        int nextA = 0;
        int nextB = 0;
        bool interleaved = false;
        QByteArray lastWriter;
        for (const StoredRecord &r : readRecords(AuditLog::filesIn(dir.path()))) {
            const QString writer = r.json.value(QLatin1String("writer")).toString();
            int &next = writer == QLatin1String("a") ? nextA : nextB;
            QCOMPARE(r.json.value(QLatin1String("n")).toInt(), next);
            ++next;
            interleaved = interleaved || (!lastWriter.isEmpty() && lastWriter != writer.toLatin1());
            lastWriter = writer.toLatin1();
        }
        QCOMPARE(nextA, 1000);
        QCOMPARE(nextB, 1000);
        if (!interleaved)
            qInfo("the two writers did not overlap in time on this run");
    }
};

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_auditlog.moc"
