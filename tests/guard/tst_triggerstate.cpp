// The rollback guard's for:-duration state (models/guard/TriggerState): pending, firing, reset, once per episode,
// and no action on stale data, a failed or an empty query; the guard's status model and the alerts panel's rows
// (QAbstractItemModelTester), and the alert filter.
#include "models/guard/AlertListModel.h"
#include "models/guard/GuardStatusModel.h"
#include "models/guard/TriggerState.h"
#include "models/itemmodels/RolloutListModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <cmath>

using namespace rolldeck;
using namespace rolldeck::guard;
using Transition = TriggerState::Transition;
using Phase = TriggerState::Phase;
using Labels = QMap<QString, QString>;

namespace {

const QDateTime kStart = QDateTime::fromString(QStringLiteral("2026-12-02T10:00:00Z"), Qt::ISODate);

TriggerSpec errorRate(std::chrono::milliseconds holdFor = std::chrono::seconds(30))
{
    TriggerSpec s;
    s.name = QStringLiteral("error rate");
    s.query = QStringLiteral("sum(rate(x{rollout=\"{{rollout}}\"}[1m]))");
    s.compare = TriggerSpec::Compare::Greater;
    s.threshold = 0.005;
    s.unit = TriggerSpec::Unit::Ratio;
    s.holdFor = holdFor;
    return s;
}

QDateTime at(int seconds)
{
    return kStart.addSecs(seconds);
}

} // namespace

class TestTriggerState : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void pendingThenFiringAfterFor()
    {
        TriggerState s(errorRate());
        QCOMPARE(s.phase(), Phase::Waiting);
        QCOMPARE(s.observe(Observation::measured(at(0), 0.001)), Transition::None);
        QCOMPARE(s.phase(), Phase::Inactive);
        QCOMPARE(s.observe(Observation::measured(at(10), 0.021)), Transition::Breached);
        QCOMPARE(s.phase(), Phase::Pending);
        QCOMPARE(s.breachSince(), at(10));
        QCOMPARE(s.observe(Observation::measured(at(30), 0.02)), Transition::None);
        QCOMPARE(s.phase(), Phase::Pending);
        QCOMPARE(s.timeInBreach(at(30)).count(), 20000);
        // 30 s after the first breaching value: firing, once.
        QCOMPARE(s.observe(Observation::measured(at(40), 0.021)), Transition::Fired);
        QCOMPARE(s.phase(), Phase::Firing);
        QVERIFY(s.episodeFired());
        QCOMPARE(s.observe(Observation::measured(at(50), 0.03)), Transition::None);
        QCOMPARE(s.breachText(at(55)), QStringLiteral("error rate: 3 % > 0.5 % for 45s"));
        QCOMPARE(s.breachRecord(at(55)), QStringLiteral("error rate: 3 % > 0.5 % for 45s"));
    }

    void zeroForFiresAtOnce()
    {
        TriggerState s(errorRate(std::chrono::milliseconds(0)));
        QCOMPARE(s.observe(Observation::measured(at(0), 0.02)), Transition::Fired);
        QCOMPARE(s.phase(), Phase::Firing);
    }

    void aValueBelowResetsAndEndsTheEpisode()
    {
        TriggerState s(errorRate());
        s.observe(Observation::measured(at(0), 0.02));
        QCOMPARE(s.observe(Observation::measured(at(20), 0.004)), Transition::Recovered);
        QCOMPARE(s.phase(), Phase::Inactive);
        QVERIFY(!s.breachSince().isValid());
        // The pending time starts again: 29 s later it is still pending.
        QCOMPARE(s.observe(Observation::measured(at(21), 0.02)), Transition::Breached);
        QCOMPARE(s.observe(Observation::measured(at(50), 0.02)), Transition::None);
        QCOMPARE(s.phase(), Phase::Pending);
        QCOMPARE(s.observe(Observation::measured(at(51), 0.02)), Transition::Fired);
        // Recovery after firing ends the episode; the next one fires (and may be acted on) again.
        QCOMPARE(s.observe(Observation::measured(at(60), 0.001)), Transition::Recovered);
        QVERIFY(!s.episodeFired());
        s.observe(Observation::measured(at(70), 0.02));
        QCOMPARE(s.observe(Observation::measured(at(100), 0.02)), Transition::Fired);
    }

    void noEvidenceNeverFires_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("phase");
        QTest::newRow("stale") << int(Observation::Kind::Stale) << int(Phase::Stale);
        QTest::newRow("failed query") << int(Observation::Kind::Failed) << int(Phase::Failed);
        QTest::newRow("empty query") << int(Observation::Kind::Empty) << int(Phase::NoData);
    }

    void noEvidenceNeverFires()
    {
        QFETCH(int, kind);
        QFETCH(int, phase);
        const Observation gap{Observation::Kind(kind), {}, 0, QStringLiteral("stale since 10:00:20 (refused)")};
        auto gapAt = [&](int seconds) {
            Observation o = gap;
            o.at = at(seconds);
            return o;
        };
        TriggerState s(errorRate());
        s.observe(Observation::measured(at(0), 0.02));
        // Without data the breach is not seen: nothing fires however long it lasts, and the pending time is gone.
        for (int t = 10; t <= 120; t += 10)
            QCOMPARE(s.observe(gapAt(t)), Transition::None);
        QCOMPARE(int(s.phase()), phase);
        QVERIFY(!s.firing());
        QVERIFY(!s.value());
        QVERIFY(!s.breachSince().isValid());
        // Data back: the breach has to hold for the whole `for` again.
        QCOMPARE(s.observe(Observation::measured(at(130), 0.02)), Transition::Breached);
        QCOMPARE(s.observe(Observation::measured(at(159), 0.02)), Transition::None);
        QCOMPARE(s.observe(Observation::measured(at(160), 0.02)), Transition::Fired);
    }

    void aGapInAFiringEpisodeDoesNotFireItAgain()
    {
        TriggerState s(errorRate(std::chrono::milliseconds(0)));
        QCOMPARE(s.observe(Observation::measured(at(0), 0.02)), Transition::Fired);
        QCOMPARE(s.observe(Observation::failed(at(5), QStringLiteral("timeout"))), Transition::None);
        QCOMPARE(s.phaseText(), QStringLiteral("query failed: timeout"));
        // Still the same episode: firing again is not a new breach to act on.
        QCOMPARE(s.observe(Observation::measured(at(10), 0.02)), Transition::Refired);
        QCOMPARE(s.observe(Observation::stale(at(15), QStringLiteral("stale since 10:00:15 (refused)"))),
                 Transition::None);
        QCOMPARE(s.phaseText(), QStringLiteral("guard paused: data stale since 10:00:15 (refused)"));
        QCOMPARE(s.observe(Observation::measured(at(20), 0.02)), Transition::Refired);
    }

    void comparisonsAndUnits()
    {
        TriggerSpec p95;
        p95.compare = TriggerSpec::Compare::Greater;
        p95.threshold = 0.5;
        p95.unit = TriggerSpec::Unit::Seconds;
        QCOMPARE(p95.thresholdText(), QStringLiteral("> 500 ms"));
        QCOMPARE(p95.formatValue(1.25), QStringLiteral("1.25 s"));
        QVERIFY(!p95.breached(0.5));
        QVERIFY(p95.breached(0.51));
        QVERIFY(!p95.breached(std::nan("")));
        QCOMPARE(p95.proximity(0.25), 0.5);
        QCOMPARE(p95.proximity(5), 2.0);
        TriggerSpec success;
        success.compare = TriggerSpec::Compare::Less;
        success.threshold = 0.9;
        QVERIFY(success.breached(0.8));
        QVERIFY(!success.breached(0.9));
        QVERIFY(success.proximity(0.8) > 1);
        QVERIFY(success.proximity(1.8) < 1);
        QCOMPARE(TriggerSpec().proximity(std::nan("")), 0.0);
    }

    void statusModelRowsPerRolloutAndTrigger()
    {
        GuardStatusModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        GuardEntry e{QStringLiteral("ctx"),
                     QStringLiteral("shop"),
                     QStringLiteral("web"),
                     QStringLiteral("prod"),
                     true,
                     TriggerState(errorRate()),
                     {}};
        model.upsert(e);
        TriggerSpec p95 = errorRate();
        p95.name = QStringLiteral("p95");
        GuardEntry second = e;
        second.state = TriggerState(p95);
        model.upsert(second);
        GuardEntry other = e;
        other.name = QStringLiteral("api");
        model.upsert(other);
        QCOMPARE(model.rowCount(), 3);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        e.state.observe(Observation::measured(at(0), 0.021));
        model.upsert(e);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(changed.size(), 1);
        const QModelIndex value = model.index(0, int(GuardStatusModel::Column::Value));
        QCOMPARE(value.data().toString(), QStringLiteral("2.1 %"));
        QCOMPARE(value.data(GuardStatusModel::ProximityRole).toDouble(), 2.0);
        QCOMPARE(model.index(0, int(GuardStatusModel::Column::Threshold)).data().toString(),
                 QStringLiteral("> 0.5 % for 30s"));
        QCOMPARE(model.index(0, int(GuardStatusModel::Column::State)).data().toString(), QStringLiteral("pending"));
        QCOMPARE(value.data(GuardStatusModel::RolloutKeyRole).toString(), QStringLiteral("ctx/shop/web"));
        model.removeRollout(QStringLiteral("ctx"), QStringLiteral("shop"), QStringLiteral("web"));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.entryAt(0).name, QStringLiteral("api"));
    }

    void guardNoteMakesARowNeedAttention()
    {
        RolloutListModel rollouts;
        QAbstractItemModelTester tester(&rollouts, QAbstractItemModelTester::FailureReportingMode::Fatal);
        RolloutRow row;
        row.cluster = QStringLiteral("ctx");
        row.uid = QStringLiteral("u1");
        row.namespaceName = QStringLiteral("shop");
        row.name = QStringLiteral("web");
        row.status = QStringLiteral("Progressing");
        rollouts.upsert({row});
        const QModelIndex index = rollouts.index(0, 0);
        QVERIFY(!index.data(RolloutListModel::AttentionRole).toBool());
        QSignalSpy changed(&rollouts, &QAbstractItemModel::dataChanged);
        const QString note = QStringLiteral("rollback trigger error rate: 2.1 % > 0.5 % for 45s");
        rollouts.setGuardNote(row.key(), note);
        QCOMPARE(changed.size(), 1);
        QVERIFY(index.data(RolloutListModel::AttentionRole).toBool());
        QCOMPARE(index.data(RolloutListModel::AttentionReasonRole).toString(), note);
        QCOMPARE(rollouts.attentionFor(row).key(), QStringLiteral("rollbackTrigger"));
        rollouts.setGuardNote(row.key(), note); // unchanged: no signal
        QCOMPARE(changed.size(), 1);
        rollouts.setGuardNote(row.key(), {});
        QVERIFY(!index.data(RolloutListModel::AttentionRole).toBool());
    }

    void alertFilter_data()
    {
        QTest::addColumn<Labels>("labels");
        QTest::addColumn<bool>("concerns");
        using L = QMap<QString, QString>;
        const QString ns = QStringLiteral("namespace");
        QTest::newRow("same namespace, names the rollout")
            << L{{ns, QStringLiteral("canary")}, {QStringLiteral("rollout"), QStringLiteral("payments-api")}} << true;
        QTest::newRow("deployment label names it")
            << L{{ns, QStringLiteral("canary")}, {QStringLiteral("deployment"), QStringLiteral("payments-api")}}
            << true;
        QTest::newRow("namespace-wide") << L{{ns, QStringLiteral("canary")}} << true;
        QTest::newRow("another rollout") << L{{ns, QStringLiteral("canary")},
                                              {QStringLiteral("rollout"), QStringLiteral("web")}}
                                         << false;
        QTest::newRow("another namespace")
            << L{{ns, QStringLiteral("staging")}, {QStringLiteral("rollout"), QStringLiteral("payments-api")}} << false;
        QTest::newRow("no namespace") << L{{QStringLiteral("rollout"), QStringLiteral("payments-api")}} << false;
        QTest::newRow("app agrees") << L{{ns, QStringLiteral("canary")}, {QStringLiteral("app"), QStringLiteral("pay")}}
                                    << true;
        QTest::newRow("app differs") << L{{ns, QStringLiteral("canary")}, {QStringLiteral("app"), QStringLiteral("x")}}
                                     << false;
    }

    void alertFilter()
    {
        QFETCH(Labels, labels);
        QFETCH(bool, concerns);
        QCOMPARE(alertConcerns(labels, QStringLiteral("canary"), QStringLiteral("payments-api"),
                               {{QStringLiteral("app"), QStringLiteral("pay")}}),
                 concerns);
    }

    void alertRowsReplacedBySource()
    {
        AlertListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        auto alert = [](AlertItem::Source source, const QString &name, const QString &state, int minutes) {
            AlertItem a;
            a.source = source;
            a.labels = {{QStringLiteral("alertname"), name}, {QStringLiteral("severity"), QStringLiteral("warning")}};
            a.annotations = {{QStringLiteral("summary"), name + QStringLiteral(" summary")}};
            a.state = state;
            a.since = at(minutes * 60);
            return a;
        };
        const auto P = AlertItem::Source::Prometheus;
        const auto A = AlertItem::Source::Alertmanager;
        model.setAlerts(P, {alert(P, QStringLiteral("Slow"), QStringLiteral("pending"), 1),
                            alert(P, QStringLiteral("Errors"), QStringLiteral("firing"), 2)});
        QCOMPARE(model.rowCount(), 2);
        // Firing first.
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("Errors"));
        QCOMPARE(model.index(0, int(AlertListModel::Column::Summary)).data().toString(),
                 QStringLiteral("Errors summary"));
        model.setAlerts(A, {alert(A, QStringLiteral("Errors"), QStringLiteral("active"), 0)});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, int(AlertListModel::Column::Source)).data().toString(), QStringLiteral("Alertmanager"));
        // The pending alert fires: the row changes in place, no reset.
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setAlerts(P, {alert(P, QStringLiteral("Slow"), QStringLiteral("firing"), 1),
                            alert(P, QStringLiteral("Errors"), QStringLiteral("firing"), 2)});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("Slow"));
        QSignalSpy errors(&model, &AlertListModel::errorsChanged);
        model.setError(A, QStringLiteral("Alertmanager is down"));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.error(A), QStringLiteral("Alertmanager is down"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.error(A).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTriggerState)
#include "tst_triggerstate.moc"
