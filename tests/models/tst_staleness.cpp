// Staleness and its one combining rule (StaleSources): stale while any source is, since the earliest, with that
// source's cause; a source that stays stale keeps its first time.
#include "Staleness.h"

#include <QTest>

#include <ctime>

using namespace rolldeck;

namespace {
const QDateTime kNow(QDate(2026, 3, 14), QTime(10, 45, 0), Qt::UTC);
} // namespace

class TestStaleness : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        qputenv("TZ", "UTC");
        tzset();
    }

    void liveByDefault()
    {
        const Staleness live;
        QVERIFY(!live.isStale());
        QCOMPARE(live.text(), QString());
        QVERIFY(StaleSources().combined() == live);
    }

    void textSaysSinceAndWhy()
    {
        QCOMPARE((Staleness{kNow.addSecs(-167), QStringLiteral("connection refused")}.text()),
                 QStringLiteral("stale since 10:42:13 (connection refused)"));
        QCOMPARE((Staleness{kNow, QString()}.text()), QStringLiteral("stale since 10:45:00"));
    }

    void staleWithoutTimeIsNow()
    {
        const QDateTime before = QDateTime::currentDateTimeUtc();
        const Staleness s = Staleness::stale({}, QStringLiteral("timeout"));
        QVERIFY(s.isStale());
        QVERIFY(s.since >= before);
        QCOMPARE(s.cause, QStringLiteral("timeout"));
    }

    void earliestSourceWins()
    {
        StaleSources sources;
        QVERIFY(sources.setStale(QStringLiteral("Rollout"), {kNow.addSecs(-60), QStringLiteral("HTTP 500")}));
        QVERIFY(sources.setStale(QStringLiteral("ReplicaSet"), {kNow.addSecs(-90), QStringLiteral("refused")}));
        QCOMPARE(sources.combined().since, kNow.addSecs(-90));
        QCOMPARE(sources.combined().cause, QStringLiteral("refused"));
        // A later outage of a third source changes nothing.
        QVERIFY(!sources.setStale(QStringLiteral("Pod"), {kNow, QStringLiteral("timeout")}));
        QVERIFY(sources.setLive(QStringLiteral("ReplicaSet")));
        QCOMPARE(sources.combined().since, kNow.addSecs(-60));
        QCOMPARE(sources.combined().cause, QStringLiteral("HTTP 500"));
        QVERIFY(!sources.setLive(QStringLiteral("never stale")));
        QVERIFY(sources.setLive(QStringLiteral("Rollout")));
        QVERIFY(sources.setLive(QStringLiteral("Pod")));
        QVERIFY(!sources.combined().isStale());
    }

    void repeatedReportKeepsFirstTimeTakesNewCause()
    {
        StaleSources sources;
        sources.setStale(QStringLiteral("Rollout"), {kNow.addSecs(-30), QStringLiteral("refused")});
        QVERIFY(sources.setStale(QStringLiteral("Rollout"), {kNow, QStringLiteral("timeout")}));
        QCOMPARE(sources.combined().since, kNow.addSecs(-30));
        QCOMPARE(sources.combined().cause, QStringLiteral("timeout"));
    }

    void tiesGoToTheFirstName()
    {
        StaleSources sources;
        sources.setStale(QStringLiteral("b"), {kNow, QStringLiteral("second")});
        sources.setStale(QStringLiteral("a"), {kNow, QStringLiteral("first")});
        QCOMPARE(sources.combined().cause, QStringLiteral("first"));
    }

    void liveReportClearsAndClearEmpties()
    {
        StaleSources sources;
        sources.setStale(QStringLiteral("a"), {kNow, QStringLiteral("x")});
        QVERIFY(sources.setStale(QStringLiteral("a"), Staleness{})); // a live report is setLive
        QVERIFY(!sources.combined().isStale());
        sources.setStale(QStringLiteral("a"), {kNow, QStringLiteral("x")});
        QVERIFY(sources.clear());
        QVERIFY(!sources.clear());
    }
};

QTEST_GUILESS_MAIN(TestStaleness)
#include "tst_staleness.moc"
