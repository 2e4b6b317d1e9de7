// A rollout's Events: the core/v1 Event parsed (Rolldeck's own with the actor from its annotation and the reason
// from its message), and the list model applying sets incrementally, newest first, bounded.
#include "models/argo/KubeEvent.h"
#include "models/itemmodels/RolloutEventModel.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace rolldeck;

namespace {

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(text).object();
}

KubeEvent makeEvent(const QString &uid, const QString &reason, int minute)
{
    KubeEvent e;
    e.uid = uid;
    e.name = QStringLiteral("web.") + uid;
    e.type = QStringLiteral("Normal");
    e.reason = reason;
    e.message = reason + QStringLiteral(" happened");
    e.component = QStringLiteral("rollouts-controller");
    e.lastSeen = QDateTime(QDate(2026, 12, 2), QTime(10, minute), Qt::UTC);
    return e;
}

const char *kControllerEvent = R"json({"metadata":{"name":"web.1","uid":"u1"},
    "type":"Normal","reason":"RolloutPaused","message":"Rollout is paused (CanaryPauseStep)",
    "source":{"component":"rollouts-controller"},"count":3,
    "firstTimestamp":"2026-12-02T10:00:00Z","lastTimestamp":"2026-12-02T10:05:00Z"})json";

const char *kRolldeckEvent = R"json({"metadata":{"name":"web.x","uid":"u2",
    "annotations":{"rolldeck.io/actor":"alice (admin)","rolldeck.io/record-hash":"ab"}},
    "type":"Normal","reason":"RolldeckAction","action":"promote","reportingComponent":"rolldeck",
    "eventTime":"2026-12-02T10:06:00.123456Z"})json";

} // namespace

class TestRolloutEventModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesTheControllersEvent()
    {
        const KubeEvent e = KubeEvent::fromJson(json(kControllerEvent));
        QCOMPARE(e.uid, QStringLiteral("u1"));
        QCOMPARE(e.reason, QStringLiteral("RolloutPaused"));
        QCOMPARE(e.component, QStringLiteral("rollouts-controller"));
        QCOMPARE(e.count, 3);
        QCOMPARE(e.lastSeen, QDateTime(QDate(2026, 12, 2), QTime(10, 5), Qt::UTC));
        QVERIFY(!e.fromRolldeck);
        QVERIFY(!e.isWarning());
    }

    void parsesRolldecksOwn_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("outcome");
        QTest::addColumn<QString>("reason");
        QTest::newRow("applied, with reason") << "promote by alice (admin): error rate flat: for 1h"
                                              << ""
                                              << "error rate flat: for 1h";
        QTest::newRow("unknown, with reason") << "promote by alice (admin) (unknown): why"
                                              << "unknown"
                                              << "why";
        QTest::newRow("no reason") << "promote by alice (admin)"
                                   << ""
                                   << "";
    }

    void parsesRolldecksOwn()
    {
        QFETCH(QString, message);
        QFETCH(QString, outcome);
        QFETCH(QString, reason);
        QJsonObject o = json(kRolldeckEvent);
        o.insert(QStringLiteral("message"), message);
        const KubeEvent e = KubeEvent::fromJson(o);
        QVERIFY(e.fromRolldeck);
        QCOMPARE(e.verb, QStringLiteral("promote"));
        QCOMPARE(e.actor, QStringLiteral("alice (admin)"));
        QCOMPARE(e.outcome, outcome);
        QCOMPARE(e.actorReason, reason);
        QCOMPARE(e.component, QStringLiteral("rolldeck"));
        QCOMPARE(e.lastSeen, QDateTime(QDate(2026, 12, 2), QTime(10, 6, 0, 123), Qt::UTC));
    }

    void appliesSetsIncrementallyNewestFirst()
    {
        RolloutEventModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setEvents({makeEvent(QStringLiteral("a"), QStringLiteral("RolloutUpdated"), 1),
                         makeEvent(QStringLiteral("b"), QStringLiteral("RolloutPaused"), 2)});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.eventAt(0).uid, QStringLiteral("b")); // newest first
        // A new Event arrives, another is counted again: one insert, one change, no reset.
        KubeEvent again = makeEvent(QStringLiteral("a"), QStringLiteral("RolloutUpdated"), 1);
        again.count = 2;
        KubeEvent rolldeck = makeEvent(QStringLiteral("c"), QStringLiteral("RolldeckAction"), 3);
        rolldeck.fromRolldeck = true;
        rolldeck.verb = QStringLiteral("promote");
        rolldeck.actor = QStringLiteral("alice");
        rolldeck.actorReason = QStringLiteral("looks good");
        inserted.clear();
        changed.clear();
        model.setEvents({again, makeEvent(QStringLiteral("b"), QStringLiteral("RolloutPaused"), 2), rolldeck});
        QCOMPARE(resets.size(), 0);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.rowOf(QStringLiteral("c")), 0);
        const auto text = [&model](int row, RolloutEventModel::Column c) {
            return model.index(row, int(c)).data().toString();
        };
        QCOMPARE(text(0, RolloutEventModel::Column::From), QStringLiteral("alice (Rolldeck)"));
        QCOMPARE(text(0, RolloutEventModel::Column::Message), QStringLiteral("promote: “looks good”"));
        QVERIFY(model.index(0, 0).data(RolloutEventModel::FromRolldeckRole).toBool());
        QCOMPARE(text(2, RolloutEventModel::Column::Reason), QStringLiteral("RolloutUpdated (×2)"));
        // Events expire on the server: gone from the list.
        model.setEvents({rolldeck});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(resets.size(), 0);
    }

    void keepsTheNewestWhenThereAreMany()
    {
        RolloutEventModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<KubeEvent> many;
        for (int i = 0; i < RolloutEventModel::kMaxRows + 20; ++i) {
            KubeEvent e = makeEvent(QString::number(i), QStringLiteral("R"), 0);
            e.lastSeen = e.lastSeen.addSecs(i);
            many << e;
        }
        model.setEvents(many);
        QCOMPARE(model.rowCount(), RolloutEventModel::kMaxRows);
        QCOMPARE(model.eventAt(0).uid, QString::number(RolloutEventModel::kMaxRows + 19));
    }
};

QTEST_GUILESS_MAIN(TestRolloutEventModel)
#include "tst_rollouteventmodel.moc"
