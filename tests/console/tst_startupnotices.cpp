// The console's start-up notice about the audit log: an action whose outcome is unknown is named at every start,
// an acknowledged one no longer is, and a log of settled actions says nothing.
#include "app/audit/AuditLog.h"
#include "app/console/StartupNotices.h"

#include <QTemporaryDir>
#include <QTest>

using rolldeck::unknownOutcomeNotice;
using rolldeck::audit::AuditLog;

class TestStartupNotices : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noLogSaysNothing()
    {
        QTemporaryDir dir;
        QVERIFY(unknownOutcomeNotice(AuditLog::filesIn(dir.path())).isEmpty());
    }

    void unknownOutcomeIsShownAtEveryStartUntilAcknowledged()
    {
        QTemporaryDir dir;
        AuditLog log({dir.path()});
        QVERIFY(log.append("intent", "a1", {{QStringLiteral("verb"), QStringLiteral("abort")}}).ok());
        QVERIFY(log.append("result", "a1", {{QStringLiteral("outcome"), QStringLiteral("applied")}}).ok());
        QVERIFY(unknownOutcomeNotice(log.files()).isEmpty());

        const auto intent = log.append("intent", "a2", {{QStringLiteral("verb"), QStringLiteral("promote")}});
        QVERIFY(intent.ok());
        const QString notice = unknownOutcomeNotice(log.files());
        QVERIFY2(notice.contains(QStringLiteral("1 action(s) with an unknown outcome")), qPrintable(notice));
        QVERIFY2(notice.contains(QString::fromLatin1(intent->time)), qPrintable(notice));
        // A second start reads the same log and says the same.
        QCOMPARE(unknownOutcomeNotice(AuditLog::filesIn(dir.path())), notice);

        QVERIFY(log.append("ack", "a2", {{QStringLiteral("reason"), QStringLiteral("checked the cluster")}}).ok());
        QVERIFY(unknownOutcomeNotice(log.files()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestStartupNotices)
#include "tst_startupnotices.moc"
