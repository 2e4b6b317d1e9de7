// The detail's Guard section and Alerts panel on their models: one line per trigger of the open rollout with value,
// threshold, time in breach, proximity bar and state; the alerts panel's rows and a source's error.
#include "ui/AlertsPanel.h"
#include "ui/GuardSection.h"
#include "models/guard/AlertListModel.h"
#include "models/guard/GuardStatusModel.h"

#include <QLabel>
#include <QProgressBar>
#include <QTest>
#include <QTreeView>

using namespace rolldeck;
using namespace rolldeck::guard;

namespace {

GuardEntry entry(const QString &ns, const QString &trigger, double value, int secondsInBreach, bool mayAbort)
{
    TriggerSpec spec;
    spec.name = trigger;
    spec.compare = TriggerSpec::Compare::Greater;
    spec.threshold = 0.005;
    spec.unit = TriggerSpec::Unit::Ratio;
    spec.holdFor = std::chrono::seconds(30);
    GuardEntry e{QStringLiteral("demo"), ns, QStringLiteral("payments-api"), ns, mayAbort, TriggerState(spec), {}};
    const QDateTime t0 = QDateTime::fromString(QStringLiteral("2026-12-02T10:00:00Z"), Qt::ISODate);
    e.state.observe(Observation::measured(t0, value));
    e.state.observe(Observation::measured(t0.addSecs(secondsInBreach), value));
    return e;
}

QStringList texts(QWidget *w, const QString &objectName)
{
    QStringList out;
    for (QLabel *l : w->findChildren<QLabel *>(objectName))
        out << l->text();
    return out;
}

} // namespace

class TestGuardSection : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void showsTheOpenRolloutsTriggers()
    {
        GuardStatusModel model;
        model.upsert(entry(QStringLiteral("canary"), QStringLiteral("error rate"), 0.021, 45, true));
        model.upsert(entry(QStringLiteral("canary"), QStringLiteral("memory"), 0.002, 0, true));
        model.upsert(entry(QStringLiteral("production"), QStringLiteral("error rate"), 0.004, 0, false));
        GuardSection section;
        section.setModel(&model);
        QCOMPARE(section.triggerCount(), 0); // no rollout open
        QVERIFY(!section.findChild<QLabel *>(QStringLiteral("guardEmpty"))->isHidden());

        section.setRollout(QStringLiteral("demo"), QStringLiteral("canary"), QStringLiteral("payments-api"));
        QCOMPARE(section.triggerCount(), 2);
        QCOMPARE(texts(&section, QStringLiteral("guardValue")),
                 QStringList({QStringLiteral("2.1 % (> 0.5 % for 30s)"), QStringLiteral("0.2 % (> 0.5 % for 30s)")}));
        QCOMPARE(texts(&section, QStringLiteral("guardInBreach")),
                 QStringList({QStringLiteral("in breach 45s"), QString()}));
        QCOMPARE(texts(&section, QStringLiteral("guardState")),
                 QStringList({QStringLiteral("firing"), QStringLiteral("ok")}));
        QCOMPARE(section.findChild<QLabel *>(QStringLiteral("guardMode"))->text(),
                 QStringLiteral("aborts by itself when a trigger fires"));
        const QList<QProgressBar *> bars = section.findChildren<QProgressBar *>(QStringLiteral("guardProximity"));
        QCOMPARE(bars.size(), 2);
        QCOMPARE(bars.at(0)->value(), 100);
        QCOMPARE(bars.at(1)->value(), 40);

        // Another rollout: its own line, and it only notifies.
        section.setRollout(QStringLiteral("demo"), QStringLiteral("production"), QStringLiteral("payments-api"));
        QCOMPARE(section.triggerCount(), 1);
        QCOMPARE(section.findChild<QLabel *>(QStringLiteral("guardMode"))->text(),
                 QStringLiteral("notifies only; a person decides"));
        // A change in the model shows at once.
        GuardEntry failed = entry(QStringLiteral("production"), QStringLiteral("error rate"), 0.004, 0, false);
        failed.state.observe(Observation::failed(QDateTime::currentDateTimeUtc(), QStringLiteral("no answer")));
        model.upsert(failed);
        QCOMPARE(texts(&section, QStringLiteral("guardState")),
                 QStringList({QStringLiteral("query failed: no answer")}));
        QCOMPARE(texts(&section, QStringLiteral("guardValue")), QStringList({QStringLiteral("– (> 0.5 % for 30s)")}));
    }

    void alertsPanelRowsAndErrors()
    {
        AlertListModel model;
        AlertsPanel panel;
        panel.setModel(&model);
        QCOMPARE(panel.statusText(), QStringLiteral("No firing or pending alerts for this rollout."));
        AlertItem a;
        a.labels = {{QStringLiteral("alertname"), QStringLiteral("DeploymentFailed")},
                    {QStringLiteral("severity"), QStringLiteral("critical")}};
        a.annotations = {{QStringLiteral("summary"), QStringLiteral("Deployment failed")}};
        a.state = QStringLiteral("firing");
        model.setAlerts(AlertItem::Source::Prometheus, {a});
        QCOMPARE(panel.view()->model()->rowCount(), 1);
        QVERIFY(panel.statusText().isEmpty());
        model.setError(AlertItem::Source::Alertmanager, QStringLiteral("Cannot reach the server"));
        QCOMPARE(panel.statusText(), QStringLiteral("Alertmanager: Cannot reach the server"));
        model.setError(AlertItem::Source::Prometheus, QStringLiteral("timeout"));
        QCOMPARE(panel.view()->model()->rowCount(), 0);
        QCOMPARE(panel.statusText(), QStringLiteral("Prometheus: timeout\nAlertmanager: Cannot reach the server"));
    }
};

QTEST_MAIN(TestGuardSection)
#include "tst_guardsection.moc"
