// The console's actions end to end against rolldeck-sim with its controller: a paused canary promoted from the
// action bar through the confirmation (reason and typed name, the cautious policy of a context no workspace
// covers), the step advancing in the detail, the audit record and the Event on the cluster; someone else
// promoting while the dialog is open makes it ask again, showing what changed; an abort makes a pending promote
// moot (refused, nothing sent, not asked again); abort and undo to a chosen revision from the bar.
#include "app/audit/AuditLog.h"
#include "app/audit/AuditVerifier.h"
#include "app/console/Connections.h"
#include "app/console/RolloutDetailController.h"
#include "app/gui/ActionController.h"
#include "app/kube/Kubeconfig.h"
#include "models/itemmodels/RolloutDetailModel.h"
#include "models/itemmodels/RolloutListModel.h"
#include "ui/ActionBar.h"
#include "ui/ConfirmActionDialog.h"
#include "ui/MainWindow.h"
#include "ui/RevisionPickerDialog.h"
#include "ui/RolloutDetailPanel.h"

#include "sim/Resources.h"
#include "sim/Simulator.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QLineEdit>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

using namespace rolldeck;

namespace {

const char *kScenario = R"(name: console-actions
controller: true
objects:
- apiVersion: v1
  kind: Namespace
  metadata: {name: team}
- apiVersion: argoproj.io/v1alpha1
  kind: Rollout
  metadata: {name: web, namespace: team}
  spec:
    replicas: 2
    selector: {matchLabels: {app: web}}
    template:
      metadata: {labels: {app: web}}
      spec: {containers: [{name: web, image: "ghcr.io/acme/web:1.0.0"}]}
    strategy:
      canary:
        steps: [{setWeight: 20}, {pause: {}}, {setWeight: 40}, {pause: {}}, {setWeight: 60}, {pause: {}}]
)";

} // namespace

class TestConsoleActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase() { m_sim.stop(); }
    void promoteFromTheActionBar();
    void aChangedDecisionAsksAgain();
    void anAbortMakesAPromoteMoot();
    void abortThenUndoToAChosenRevision();

private:
    const RolloutInfo *info() const { return m_detailModel.info() ? &*m_detailModel.info() : nullptr; }
    ConfirmActionDialog *press(ActionKind action);
    void setImage(const char *image);
    int eventsWithReason(const std::string &reason);
    static void saveScreenshot(QWidget *widget, const char *name);
    bool promoteBehindTheConsole();
    int storedStep();
    QString storedStatus();
    bool storedPaused();

    QTemporaryDir m_dir;
    rdsim::Simulator m_sim;
    RolloutListModel m_rollouts;
    RolloutDetailModel m_detailModel;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<Connections> m_live;
    std::unique_ptr<RolloutDetailController> m_detail;
    std::unique_ptr<ActionController> m_actions;
    QString m_auditDir;
};

void TestConsoleActions::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qRegisterMetaType<ConfirmActionDialog *>();
    qRegisterMetaType<RevisionPickerDialog *>();
    qRegisterMetaType<actions::ActionResult>();
    const QString scenario = m_dir.filePath(QStringLiteral("scenario.yaml"));
    QFile file(scenario);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(kScenario);
    file.close();
    const QString kubeconfig = m_dir.filePath(QStringLiteral("kubeconfig"));
    rdsim::Options o;
    o.scenario = scenario.toStdString();
    o.speed = 60;
    o.tls = true;
    o.kubeconfigOut = kubeconfig.toStdString();
    const auto started = m_sim.start(o);
    QVERIFY2(started.ok(), started.error.c_str());

    m_window = std::make_unique<MainWindow>();
    m_window->setRolloutModel(&m_rollouts);
    m_window->setRolloutDetailModel(&m_detailModel);
    m_live = std::make_unique<Connections>(&m_rollouts);
    m_detail = std::make_unique<RolloutDetailController>(m_live.get(), &m_detailModel);
    QObject::connect(m_window.get(), &MainWindow::rolloutDetailRequested, m_detail.get(),
                     &RolloutDetailController::open);
    m_auditDir = m_dir.filePath(QStringLiteral("audit"));
    m_actions = std::make_unique<ActionController>(m_window.get(), m_live.get(), &m_detailModel,
                                                   audit::AuditLog::Options{m_auditDir});
    QObject::connect(m_window->detailPanel(), &RolloutDetailPanel::actionRequested, m_actions.get(),
                     &ActionController::request);
    const kube::Kubeconfig config = kube::loadKubeconfigFiles({kubeconfig});
    const kube::ClusterConfig *ctx = config.context(QStringLiteral("rolldeck-demo"));
    QVERIFY(ctx);
    QVERIFY(m_live->addContext(*ctx));
    m_window->resize(1400, 900);
    m_window->show();

    // Revision 1 settles, then revision 2 starts and stops at the first pause (step index 1, weight 20).
    QTRY_VERIFY_WITH_TIMEOUT(m_rollouts.rowCount() == 1, 20000);
    m_window->openRolloutDetail(QStringLiteral("rolldeck-demo"), QStringLiteral("team"), QStringLiteral("web"));
    QTRY_VERIFY_WITH_TIMEOUT(info() && info()->status == QLatin1String("Healthy"), 30000);
    setImage("ghcr.io/acme/web:2.0.0");
    QTRY_VERIFY_WITH_TIMEOUT(info() && info()->status == QLatin1String("Paused") && info()->revision == 2 &&
                                 info()->currentStepIndex == 1,
                             30000);
}

void TestConsoleActions::setImage(const char *image)
{
    const auto r = m_sim.store().mergePatch(
        rdsim::kRollouts, "team", "web",
        {{"spec", {{"template", {{"spec", {{"containers", {{{"name", "web"}, {"image", image}}}}}}}}}}});
    QVERIFY(r.object);
}

// What `kubectl argo rollouts promote` sends on a paused canary, written straight into the simulator's store.
bool TestConsoleActions::promoteBehindTheConsole()
{
    return bool(m_sim.store()
                    .mergePatch(rdsim::kRollouts, "team", "web", {{"status", {{"pauseConditions", nullptr}}}},
                                rdsim::WriteScope::Status)
                    .object);
}

QString TestConsoleActions::storedStatus()
{
    const auto ro = m_sim.store().get(rdsim::kRollouts, "team", "web");
    if (!ro.object)
        return {};
    nlohmann::json brief = ro.object->at("status");
    brief.erase("conditions");
    return QString::fromStdString(brief.dump());
}

int TestConsoleActions::storedStep()
{
    const auto ro = m_sim.store().get(rdsim::kRollouts, "team", "web");
    return ro.object ? ro.object->at("status").value("currentStepIndex", -1) : -1;
}

bool TestConsoleActions::storedPaused()
{
    const auto ro = m_sim.store().get(rdsim::kRollouts, "team", "web");
    return ro.object && ro.object->at("status").value("phase", "") == "Paused";
}

// With ROLLDECK_SCREENSHOTS=DIR, the dialogs are saved there for docs/screenshots (not a check).
void TestConsoleActions::saveScreenshot(QWidget *widget, const char *name)
{
    const QString dir = qEnvironmentVariable("ROLLDECK_SCREENSHOTS");
    if (!dir.isEmpty())
        widget->grab().save(dir + QLatin1Char('/') + QLatin1String(name));
}

int TestConsoleActions::eventsWithReason(const std::string &reason)
{
    int count = 0;
    for (const auto &event : m_sim.store().list(rdsim::kEvents, "team").items)
        count += (*event).value("reason", "") == reason ? 1 : 0;
    return count;
}

ConfirmActionDialog *TestConsoleActions::press(ActionKind action)
{
    QToolButton *button = m_window->detailPanel()->actionBar()->button(action);
    if (!button->isEnabled()) {
        qWarning("button disabled: %s", qPrintable(button->toolTip()));
        return nullptr;
    }
    QSignalSpy shown(m_actions.get(), &ActionController::confirmationShown);
    button->click();
    return shown.isEmpty() ? nullptr : shown.first().first().value<ConfirmActionDialog *>();
}

void TestConsoleActions::promoteFromTheActionBar()
{
    // Retry makes no sense on an update that was not aborted: disabled, and its tooltip says why.
    QToolButton *retry = m_window->detailPanel()->actionBar()->button(ActionKind::Retry);
    QVERIFY(!retry->isEnabled());
    QCOMPARE(retry->toolTip(), QStringLiteral("Retry is for an aborted update."));

    ConfirmActionDialog *dialog = press(ActionKind::Promote);
    QVERIFY(dialog);
    const QString statement = dialog->findChild<QLabel *>(QStringLiteral("statement"))->text();
    QCOMPARE(statement, QStringLiteral("Promote web in rolldeck-demo from step 1/6 (20 %) to step 2 (40 %)"));
    QPushButton *send = dialog->buttons()->button(QDialogButtonBox::Ok);
    // No workspace covers the context: the cautious policy asks for a reason and the name typed.
    QVERIFY(!send->isEnabled());
    dialog->reasonEdit()->setText(QStringLiteral("error rate flat for an hour"));
    QVERIFY(!send->isEnabled());
    dialog->nameEdit()->setText(QStringLiteral("web"));
    QVERIFY(send->isEnabled());
    saveScreenshot(dialog, "confirm-promote.png");

    QSignalSpy finished(m_actions.get(), &ActionController::finished);
    send->click();
    QVERIFY(finished.wait(20000));
    const auto result = finished.first().first().value<actions::ActionResult>();
    QVERIFY2(result.applied(), qPrintable(result.message));
    QVERIFY2(m_window->statusBar()->currentMessage().contains(QStringLiteral("promote web: applied")),
             qPrintable(m_window->statusBar()->currentMessage()));
    // The controller moves on to the next pause: the detail's timeline shows it.
    QTRY_VERIFY_WITH_TIMEOUT(info()->timeline.currentStepIndex == 3 && info()->setWeight == 40, 30000);

    const audit::VerifyReport report = audit::verifyChain(audit::AuditLog::filesIn(m_auditDir));
    QVERIFY(report.chainIntact());
    QCOMPARE(report.records, 2); // intent, result
    QVERIFY(report.unknown.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(eventsWithReason("RolldeckAction"), 1, 10000);
}

void TestConsoleActions::aChangedDecisionAsksAgain()
{
    QTRY_VERIFY_WITH_TIMEOUT(info()->status == QLatin1String("Paused") && info()->currentStepIndex == 3, 20000);
    ConfirmActionDialog *dialog = press(ActionKind::Promote);
    QVERIFY(dialog);
    dialog->reasonEdit()->setText(QStringLiteral("looks good"));
    dialog->nameEdit()->setText(QStringLiteral("web"));
    // Someone else promotes while the dialog is open: the controller moves on to the next pause (step 5, 60 %).
    QVERIFY(promoteBehindTheConsole());
    QTRY_VERIFY2_WITH_TIMEOUT(storedStep() == 5 && storedPaused(), qPrintable(storedStatus()), 20000);
    QSignalSpy shown(m_actions.get(), &ActionController::confirmationShown);
    dialog->buttons()->button(QDialogButtonBox::Ok)->click();
    QVERIFY(shown.wait(20000));
    auto *again = shown.first().first().value<ConfirmActionDialog *>();
    const QString changed = again->findChild<QLabel *>(QStringLiteral("changed"))->text();
    QVERIFY2(changed.contains(QStringLiteral("step 3 → 5")) && changed.contains(QStringLiteral("weight 40 → 60")),
             qPrintable(changed));
    // Restated on the fresh state; the reason is kept and the name typed again.
    QCOMPARE(again->findChild<QLabel *>(QStringLiteral("statement"))->text(),
             QStringLiteral("Promote web in rolldeck-demo from step 5/6 (60 %) to the end (100 %)"));
    QCOMPARE(again->reasonEdit()->text(), QStringLiteral("looks good"));
    QVERIFY(again->nameEdit()->text().isEmpty());
    saveScreenshot(again, "confirm-changed.png");
    again->reject();
    const audit::VerifyReport report = audit::verifyChain(audit::AuditLog::filesIn(m_auditDir));
    QVERIFY(report.chainIntact());
    QCOMPARE(report.records, 3); // the refusal is evidence too; nothing was sent
    QCOMPARE(storedStep(), 5);
}

void TestConsoleActions::anAbortMakesAPromoteMoot()
{
    QTRY_VERIFY_WITH_TIMEOUT(info()->currentStepIndex == 5, 20000);
    ConfirmActionDialog *dialog = press(ActionKind::Promote);
    QVERIFY(dialog);
    dialog->reasonEdit()->setText(QStringLiteral("ship it"));
    dialog->nameEdit()->setText(QStringLiteral("web"));
    QVERIFY(m_sim.store()
                .mergePatch(rdsim::kRollouts, "team", "web", {{"status", {{"abort", true}}}}, rdsim::WriteScope::Status)
                .object);
    QSignalSpy shown(m_actions.get(), &ActionController::confirmationShown);
    QSignalSpy finished(m_actions.get(), &ActionController::finished);
    dialog->buttons()->button(QDialogButtonBox::Ok)->click();
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().first().value<actions::ActionResult>().refusal,
             actions::ActionResult::Refusal::ChangedState);
    QVERIFY(shown.isEmpty()); // a promote on an aborted update is not asked again
    const QString message = m_window->statusBar()->currentMessage();
    QVERIFY2(message.contains(QStringLiteral("not sent")) && message.contains(QStringLiteral("aborted no → yes")),
             qPrintable(message));
    QVERIFY(!m_sim.store().get(rdsim::kRollouts, "team", "web").object->at("status").value("promoteFull", false));
}

void TestConsoleActions::abortThenUndoToAChosenRevision()
{
    // The abort settles (Degraded, back at step 0); Retry is the way forward, and undo is offered.
    QTRY_VERIFY_WITH_TIMEOUT(info()->status == QLatin1String("Degraded") && info()->currentStepIndex == 0, 20000);
    QVERIFY(m_window->detailPanel()->actionBar()->button(ActionKind::Retry)->isEnabled());
    QCOMPARE(m_window->detailPanel()->actionBar()->button(ActionKind::Abort)->toolTip(),
             QStringLiteral("Already aborted."));
    // The revision picker: choose revision 1.
    ActionBar *bar = m_window->detailPanel()->actionBar();
    QSignalSpy picked(bar, &ActionBar::revisionPickerShown);
    QVERIFY(!press(ActionKind::Undo)); // the picker first, the confirmation after the choice
    QCOMPARE(picked.size(), 1);
    auto *picker = picked.first().first().value<RevisionPickerDialog *>();
    QTreeWidget *list = picker->list();
    for (int i = 0; i < list->topLevelItemCount(); ++i) {
        if (list->topLevelItem(i)->text(0) == QStringLiteral("1"))
            list->setCurrentItem(list->topLevelItem(i));
    }
    QCOMPARE(picker->chosenRevision(), 1);
    QSignalSpy shown(m_actions.get(), &ActionController::confirmationShown);
    picker->buttons()->button(QDialogButtonBox::Ok)->click();
    QCOMPARE(shown.size(), 1);
    ConfirmActionDialog *dialog = shown.first().first().value<ConfirmActionDialog *>();
    QVERIFY(dialog);
    QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("statement"))->text(),
             QStringLiteral("Roll web in rolldeck-demo back to revision 1"));
    dialog->reasonEdit()->setText(QStringLiteral("2.0.0 fails checkout"));
    dialog->nameEdit()->setText(QStringLiteral("web"));
    QSignalSpy finished(m_actions.get(), &ActionController::finished);
    dialog->buttons()->button(QDialogButtonBox::Ok)->click();
    QVERIFY(finished.wait(20000));
    const auto result = finished.first().first().value<actions::ActionResult>();
    QVERIFY2(result.applied(), qPrintable(result.outcomeName() + QLatin1Char(' ') + result.refusalName() +
                                          QLatin1Char(' ') + result.message));
    const auto ro = m_sim.store().get(rdsim::kRollouts, "team", "web");
    QCOMPARE((*ro.object)["spec"]["template"]["spec"]["containers"][0]["image"].get<std::string>(),
             std::string("ghcr.io/acme/web:1.0.0"));
    const audit::VerifyReport report = audit::verifyChain(audit::AuditLog::filesIn(m_auditDir));
    QVERIFY(report.chainIntact());
    QVERIFY(report.unknown.isEmpty());
}

QTEST_MAIN(TestConsoleActions)
#include "tst_consoleactions.moc"
