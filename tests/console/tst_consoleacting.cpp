// Acting from the console window against rolldeck-sim with its controller, as a person would: a paused canary
// chosen from the attention queue and promoted through the confirmation with a reason (the step advances on the
// timeline, the audit view shows the row, the Events list shows who acted and why); the command palette finds the
// rollout and promotes it; an abort from the traffic slider; undo to a revision chosen in the picker; and the
// read-only context, whose actions are disabled with the reason before anyone tries.
#include "app/console/Connections.h"
#include "app/console/RolloutDetailController.h"
#include "app/gui/ActionController.h"
#include "app/gui/AuditController.h"
#include "app/kube/Kubeconfig.h"
#include "models/itemmodels/AuditLogModel.h"
#include "models/itemmodels/RolloutDetailModel.h"
#include "models/itemmodels/RolloutEventModel.h"
#include "models/itemmodels/RolloutListModel.h"
#include "ui/ActionBar.h"
#include "ui/AttentionQueueView.h"
#include "ui/AuditView.h"
#include "ui/CommandPalette.h"
#include "ui/ConfirmActionDialog.h"
#include "ui/MainWindow.h"
#include "ui/RevisionPickerDialog.h"
#include "ui/RolloutDetailPanel.h"
#include "ui/RolloutOverview.h"
#include "ui/StepTimelineWidget.h"
#include "ui/TrafficSlider.h"

#include "sim/Resources.h"
#include "sim/Simulator.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMouseEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

#include <functional>

using namespace rolldeck;

namespace {

const char *kScenario = R"(name: console-acting
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
        steps: [{setWeight: 20}, {pause: {}}, {setWeight: 40}, {pause: {}}, {setWeight: 60}, {pause: {}},
                {setWeight: 80}, {pause: {}}]
)";

const QString kAdmin = QStringLiteral("rolldeck-demo");
const QString kReadOnly = QStringLiteral("rolldeck-demo-readonly");

} // namespace

class TestConsoleActing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase()
    {
        m_eventsTester.reset();
        m_auditTester.reset();
        m_sim.stop();
    }
    void promoteFromTheAttentionQueue();
    void commandPaletteFindsAndPromotes();
    void abortFromTheTrafficSlider();
    void undoToAChosenRevision();
    void promoteToAStepFurtherOnFromTheSlider();
    void readOnlyContextDisablesActionsWithTheReason();

private:
    const RolloutInfo *info() const { return m_detailModel.info() ? &*m_detailModel.info() : nullptr; }
    ConfirmActionDialog *confirmWith(const std::function<void()> &trigger);
    actions::ActionResult send(ConfirmActionDialog *dialog, const QString &reason);
    void setImage(const char *image);
    QJsonObject storedStatus();
    int eventRowFromRolldeck(const QString &reason) const;

    QTemporaryDir m_dir;
    rdsim::Simulator m_sim;
    kube::Kubeconfig m_kubeconfig;
    RolloutListModel m_rollouts;
    RolloutDetailModel m_detailModel;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<Connections> m_live;
    std::unique_ptr<RolloutDetailController> m_detail;
    std::unique_ptr<ActionController> m_actions;
    std::unique_ptr<AuditController> m_audit;
    std::unique_ptr<QAbstractItemModelTester> m_eventsTester;
    std::unique_ptr<QAbstractItemModelTester> m_auditTester;
};

void TestConsoleActing::initTestCase()
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
    // The read-only identity's role leaves Events out (a viewer narrower than Kubernetes' `view`): its detail must
    // say it may not list them, not look like a rollout without Events.
    o.readOnlyDenied = {"events"};
    const auto started = m_sim.start(o);
    QVERIFY2(started.ok(), started.error.c_str());

    m_window = std::make_unique<MainWindow>();
    m_window->setRolloutModel(&m_rollouts);
    m_window->setRolloutDetailModel(&m_detailModel);
    m_live = std::make_unique<Connections>(&m_rollouts);
    m_detail = std::make_unique<RolloutDetailController>(m_live.get(), &m_detailModel);
    connect(m_window.get(), &MainWindow::rolloutDetailRequested, m_detail.get(), &RolloutDetailController::open);
    // Wired as the console's composition root wires them (app/gui/ConsoleApp.cpp).
    m_actions = std::make_unique<ActionController>(m_window.get(), m_live.get(), &m_detailModel,
                                                   audit::AuditLog::Options{m_dir.filePath(QStringLiteral("audit"))});
    m_audit = std::make_unique<AuditController>(m_actions->auditDirectory());
    connect(m_window->detailPanel(), &RolloutDetailPanel::actionRequested, m_actions.get(), &ActionController::request);
    connect(m_window->detailPanel(), &RolloutDetailPanel::trafficStopRequested, m_actions.get(),
            &ActionController::requestStop);
    connect(m_window.get(), &MainWindow::rolloutActionRequested, m_actions.get(), &ActionController::requestFor);
    connect(m_actions.get(), &ActionController::finished, m_audit.get(), &AuditController::reload);
    m_kubeconfig = kube::loadKubeconfigFiles({kubeconfig});
    const kube::ClusterConfig *ctx = m_kubeconfig.context(kAdmin);
    QVERIFY(ctx);
    QVERIFY(m_live->addContext(*ctx));
    m_window->setHasClusters(true);
    m_window->resize(1500, 1000);
    m_window->show();
    m_audit->show(m_window.get());
    // The Events list's look over the live Events, checked while the flows below change them.
    m_eventsTester = std::make_unique<QAbstractItemModelTester>(m_window->detailPanel()->eventsView()->model(),
                                                                QAbstractItemModelTester::FailureReportingMode::QtTest);
    // And the audit table's look over the log as the actions below write it.
    QVERIFY(m_audit->view() && m_audit->view()->findChild<QTableView *>());
    m_auditTester = std::make_unique<QAbstractItemModelTester>(m_audit->view()->findChild<QTableView *>()->model(),
                                                               QAbstractItemModelTester::FailureReportingMode::QtTest);

    // Revision 1 settles, then revision 2 starts and stops at the first pause (step index 1, weight 20).
    QTRY_VERIFY_WITH_TIMEOUT(m_rollouts.rowCount() == 1, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(m_rollouts.rowAt(0).status == QLatin1String("Healthy"), 30000);
    setImage("ghcr.io/acme/web:2.0.0");
    QTRY_VERIFY_WITH_TIMEOUT(m_rollouts.rowAt(0).status == QLatin1String("Paused"), 30000);
}

void TestConsoleActing::setImage(const char *image)
{
    const auto r = m_sim.store().mergePatch(
        rdsim::kRollouts, "team", "web",
        {{"spec", {{"template", {{"spec", {{"containers", {{{"name", "web"}, {"image", image}}}}}}}}}}});
    QVERIFY(r.object);
}

QJsonObject TestConsoleActing::storedStatus()
{
    const auto ro = m_sim.store().get(rdsim::kRollouts, "team", "web");
    if (!ro.object)
        return {};
    return QJsonDocument::fromJson(QByteArray::fromStdString(ro.object->at("status").dump())).object();
}

ConfirmActionDialog *TestConsoleActing::confirmWith(const std::function<void()> &trigger)
{
    QSignalSpy shown(m_actions.get(), &ActionController::confirmationShown);
    trigger();
    if (shown.isEmpty() && !shown.wait(20000))
        return nullptr;
    return shown.first().first().value<ConfirmActionDialog *>();
}

actions::ActionResult TestConsoleActing::send(ConfirmActionDialog *dialog, const QString &reason)
{
    // No workspace covers the context: the cautious policy asks for a reason and the name typed.
    dialog->reasonEdit()->setText(reason);
    dialog->nameEdit()->setText(QStringLiteral("web"));
    QSignalSpy finished(m_actions.get(), &ActionController::finished);
    dialog->buttons()->button(QDialogButtonBox::Ok)->click();
    if (!finished.wait(20000))
        return {};
    return finished.first().first().value<actions::ActionResult>();
}

int TestConsoleActing::eventRowFromRolldeck(const QString &reason) const
{
    const RolloutEventModel *events = m_detailModel.events();
    for (int r = 0; r < events->rowCount(); ++r) {
        const QModelIndex i = events->index(r, 0);
        if (i.data(RolloutEventModel::FromRolldeckRole).toBool() &&
            i.data(RolloutEventModel::ActorReasonRole).toString() == reason)
            return r;
    }
    return -1;
}

void TestConsoleActing::promoteFromTheAttentionQueue()
{
    // The paused canary waits in the attention queue; one click opens its detail.
    QListView *queue = m_window->attentionQueue()->view();
    QTRY_COMPARE_WITH_TIMEOUT(queue->model()->rowCount(), 1, 10000);
    const QModelIndex entry = queue->model()->index(0, 0);
    queue->scrollTo(entry);
    QTest::mouseClick(queue->viewport(), Qt::LeftButton, {}, queue->visualRect(entry).center());
    QTRY_VERIFY_WITH_TIMEOUT(info() && info()->currentStepIndex == 1 && info()->status == QLatin1String("Paused"),
                             20000);
    QCOMPARE(m_detailModel.name(), QStringLiteral("web"));
    const StepTimelineWidget *timeline = m_window->detailPanel()->overview()->timeline();
    QCOMPARE(timeline->timeline().currentStepIndex, std::optional<int>(1));

    ConfirmActionDialog *dialog = confirmWith([this] {
        QTRY_VERIFY(m_window->detailPanel()->actionBar()->button(ActionKind::Promote)->isEnabled());
        m_window->detailPanel()->actionBar()->button(ActionKind::Promote)->click();
    });
    QVERIFY(dialog);
    const QString reason = QStringLiteral("error rate flat for an hour");
    const actions::ActionResult result = send(dialog, reason);
    QVERIFY2(result.applied(), qPrintable(result.message));

    // The step advances on the timeline (the next pause: step index 3, 40 %).
    QTRY_VERIFY_WITH_TIMEOUT(timeline->timeline().currentStepIndex == std::optional<int>(3), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(info()->setWeight, 40, 10000);
    // The audit view shows the action with who, what, why and how it went.
    AuditLogModel *audit = m_audit->model();
    QTRY_COMPARE_WITH_TIMEOUT(audit->rowCount(), 1, 10000);
    const auto cell = [audit](AuditLogModel::Column c) { return audit->index(0, int(c)).data().toString(); };
    QCOMPARE(cell(AuditLogModel::Column::Verb), QStringLiteral("promote"));
    QCOMPARE(cell(AuditLogModel::Column::Object), QStringLiteral("team/web"));
    QCOMPARE(cell(AuditLogModel::Column::Reason), reason);
    QCOMPARE(cell(AuditLogModel::Column::Outcome), QStringLiteral("applied"));
    QCOMPARE(m_audit->view()->chainState(), AuditView::ChainState::Intact);
    // The Events list shows Rolldeck's Event with the actor and the reason, next to the controller's.
    QTRY_VERIFY_WITH_TIMEOUT(eventRowFromRolldeck(reason) >= 0, 15000);
    const int row = eventRowFromRolldeck(reason);
    QVERIFY(!m_detailModel.events()->index(row, 0).data(RolloutEventModel::ActorRole).toString().isEmpty());
    const QString message =
        m_detailModel.events()->index(row, int(RolloutEventModel::Column::Message)).data().toString();
    QVERIFY2(message.contains(reason), qPrintable(message));
    bool controllerEvent = false;
    for (int r = 0; r < m_detailModel.events()->rowCount(); ++r)
        controllerEvent |= !m_detailModel.events()->index(r, 0).data(RolloutEventModel::FromRolldeckRole).toBool();
    QVERIFY(controllerEvent);
    QCOMPARE(m_window->detailPanel()->eventsView()->model()->rowCount(), m_detailModel.events()->rowCount());
}

void TestConsoleActing::commandPaletteFindsAndPromotes()
{
    QTRY_VERIFY_WITH_TIMEOUT(info()->status == QLatin1String("Paused") && info()->currentStepIndex == 3, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(m_rollouts.rowAt(0).status == QLatin1String("Paused"), 10000);
    CommandPalette *palette = m_window->commandPalette();
    palette->popup();
    QTest::keyClicks(palette->edit(), QStringLiteral("promote web"));
    QVERIFY(palette->results()->count() > 0);
    QVERIFY2(palette->results()->currentItem()->text().startsWith(QStringLiteral("Promote team/web")),
             qPrintable(palette->results()->currentItem()->text()));
    ConfirmActionDialog *dialog = confirmWith([palette] { QTest::keyClick(palette->edit(), Qt::Key_Return); });
    QVERIFY(dialog);
    QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("statement"))->text(),
             QStringLiteral("Promote web in rolldeck-demo from step 3/8 (40 %) to step 4 (60 %)"));
    const actions::ActionResult result = send(dialog, QStringLiteral("palette"));
    QVERIFY2(result.applied(), qPrintable(result.message));
    QTRY_VERIFY_WITH_TIMEOUT(info()->currentStepIndex == 5 && info()->status == QLatin1String("Paused"), 30000);
}

void TestConsoleActing::abortFromTheTrafficSlider()
{
    TrafficSlider *slider = m_window->detailPanel()->overview()->trafficBar();
    QTRY_VERIFY_WITH_TIMEOUT(slider->focusPolicy() != Qt::NoFocus && !slider->stops().isEmpty(), 10000);
    // The stops: 0 % (abort), the next step's 80 % and the end; not the steps behind.
    QCOMPARE(slider->stops().first().kind, TrafficStop::Kind::Abort);
    QCOMPARE(slider->stops().at(1).weight, 80);
    // Drag the handle (at the set weight, 60 %) all the way to the right: the canary's share to 0.
    const int y = slider->height() / 4;
    const QPoint from(int(slider->width() * 0.4), y);
    const QPoint to(slider->width() - 2, y);
    ConfirmActionDialog *dialog = confirmWith([slider, from, to] {
        QTest::mousePress(slider, Qt::LeftButton, {}, from);
        QMouseEvent move(QEvent::MouseMove, QPointF(to), slider->mapToGlobal(QPointF(to)), Qt::NoButton, Qt::LeftButton,
                         {});
        QApplication::sendEvent(slider, &move);
        QVERIFY(slider->pending() && slider->pending()->kind == TrafficStop::Kind::Abort);
        QTest::mouseRelease(slider, Qt::LeftButton, {}, to);
    });
    QVERIFY(dialog);
    QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("statement"))->text(),
             QStringLiteral("Abort the update of web in rolldeck-demo: all traffic goes back to the stable version"));
    QVERIFY(!storedStatus().value(QLatin1String("abort")).toBool()); // nothing sent before the confirmation
    const actions::ActionResult result = send(dialog, QStringLiteral("checkout errors at 60 %"));
    QVERIFY2(result.applied(), qPrintable(result.message));
    // The cluster has it aborted, and the console's cache brings it back.
    QVERIFY(storedStatus().value(QLatin1String("abort")).toBool());
    QTRY_VERIFY_WITH_TIMEOUT(info()->aborted && info()->status == QLatin1String("Degraded"), 30000);
}

void TestConsoleActing::undoToAChosenRevision()
{
    QTRY_VERIFY_WITH_TIMEOUT(info()->status == QLatin1String("Degraded") && info()->currentStepIndex == 0, 20000);
    ActionBar *bar = m_window->detailPanel()->actionBar();
    QSignalSpy picked(bar, &ActionBar::revisionPickerShown);
    bar->button(ActionKind::Undo)->click();
    QCOMPARE(picked.size(), 1);
    auto *picker = picked.first().first().value<RevisionPickerDialog *>();
    // Each earlier revision with its images, age and last outcome.
    QTreeWidget *list = picker->list();
    QCOMPARE(list->topLevelItemCount(), 1);
    QTreeWidgetItem *revision1 = list->topLevelItem(0);
    QCOMPARE(revision1->text(0), QStringLiteral("1"));
    QCOMPARE(revision1->text(1), QStringLiteral("ghcr.io/acme/web:1.0.0"));
    QVERIFY(!revision1->text(2).isEmpty());
    QVERIFY2(!revision1->text(3).isEmpty(), "no last outcome");
    list->setCurrentItem(revision1);
    ConfirmActionDialog *dialog = confirmWith([picker] { picker->buttons()->button(QDialogButtonBox::Ok)->click(); });
    QVERIFY(dialog);
    QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("statement"))->text(),
             QStringLiteral("Roll web in rolldeck-demo back to revision 1"));
    const actions::ActionResult result = send(dialog, QStringLiteral("2.0.0 fails checkout"));
    QVERIFY2(result.applied(), qPrintable(result.message));
    const auto ro = m_sim.store().get(rdsim::kRollouts, "team", "web");
    QCOMPARE((*ro.object)["spec"]["template"]["spec"]["containers"][0]["image"].get<std::string>(),
             std::string("ghcr.io/acme/web:1.0.0"));
    QTRY_COMPARE_WITH_TIMEOUT(m_audit->model()->rowCount(), 4, 10000);
}

// Argo Rollouts has no "promote to step N": the slider's stop two pauses ahead is reached by one promote per pause,
// each its own audited action, under the one confirmation.
void TestConsoleActing::promoteToAStepFurtherOnFromTheSlider()
{
    // The undo went back to the stable revision (no steps: Healthy at once); a new image starts the steps again
    // and stops at the first pause (20 %).
    QTRY_VERIFY_WITH_TIMEOUT(info()->status == QLatin1String("Healthy"), 30000);
    setImage("ghcr.io/acme/web:3.0.0");
    QTRY_VERIFY_WITH_TIMEOUT(
        info()->revision == 4 && info()->status == QLatin1String("Paused") && info()->currentStepIndex == 1, 30000);
    TrafficSlider *slider = m_window->detailPanel()->overview()->trafficBar();
    QTRY_VERIFY_WITH_TIMEOUT(slider->focusPolicy() != Qt::NoFocus && slider->stops().size() == 5, 10000);
    // The keyboard: ← twice holds the 60 % stop (step 5), Enter proposes it.
    slider->setFocus();
    QTest::keyClick(slider, Qt::Key_Left);
    QTest::keyClick(slider, Qt::Key_Left);
    QVERIFY(slider->pending() && slider->pending()->weight == 60 && slider->pending()->step == 4);
    ConfirmActionDialog *dialog = confirmWith([slider] { QTest::keyClick(slider, Qt::Key_Return); });
    QVERIFY(dialog);
    const QString statement = dialog->findChild<QLabel *>(QStringLiteral("statement"))->text();
    QVERIFY2(statement.startsWith(QStringLiteral("Promote web in rolldeck-demo from step 1/8 (20 %) to step 4 (60 %): "
                                                 "2 promotes")),
             qPrintable(statement));
    const actions::ActionResult first = send(dialog, QStringLiteral("1.0.0 again, in two steps"));
    QVERIFY2(first.applied(), qPrintable(first.message));
    // The second promote goes out by itself once the controller pauses at 40 %; it stops at the 60 % pause.
    QTRY_VERIFY_WITH_TIMEOUT(
        info()->currentStepIndex == 5 && info()->status == QLatin1String("Paused") && info()->setWeight == 60, 40000);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->statusBar()->currentMessage().contains(QStringLiteral("reached")), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_audit->model()->rowCount(), 6, 10000);
    QCOMPARE(m_audit->model()->index(0, int(AuditLogModel::Column::Reason)).data().toString(),
             QStringLiteral("1.0.0 again, in two steps"));
}

void TestConsoleActing::readOnlyContextDisablesActionsWithTheReason()
{
    const kube::ClusterConfig *ctx = m_kubeconfig.context(kReadOnly);
    QVERIFY(ctx);
    QVERIFY(m_live->addContext(*ctx));
    m_window->openRolloutDetail(kReadOnly, QStringLiteral("team"), QStringLiteral("web"));
    QTRY_VERIFY_WITH_TIMEOUT(info() && m_detailModel.cluster() == kReadOnly, 20000);
    ActionBar *bar = m_window->detailPanel()->actionBar();
    // Asked ahead (SelfSubjectAccessReview): disabled with the reason, whatever the state would allow.
    QTRY_COMPARE_WITH_TIMEOUT(bar->button(ActionKind::Restart)->toolTip(),
                              QStringLiteral("read-only context: no patch on rollouts"), 10000);
    QVERIFY(!bar->button(ActionKind::Restart)->isEnabled());
    for (ActionKind a : {ActionKind::Promote, ActionKind::PromoteFull, ActionKind::Abort, ActionKind::Retry}) {
        QVERIFY(!bar->button(a)->isEnabled());
        QCOMPARE(bar->button(a)->toolTip(), QStringLiteral("read-only context: no patch on rollouts/status"));
    }
    // Its Events cannot be listed (403): the Events section says so, and shows no empty list that would pass for none.
    auto *eventsNotice = m_window->detailPanel()->findChild<QLabel *>(QStringLiteral("eventsNotice"));
    QVERIFY(eventsNotice);
    QTRY_VERIFY_WITH_TIMEOUT(eventsNotice->isVisible(), 10000);
    QVERIFY2(eventsNotice->text().startsWith(
                 QStringLiteral("Events cannot be shown: this identity may not list Events in namespace team (")),
             qPrintable(eventsNotice->text()));
    QVERIFY(eventsNotice->text().contains(QStringLiteral("403")));
    QVERIFY(m_window->detailPanel()->eventsView()->isHidden());
    // The admin context on the same rollout may act again, and sees the Events.
    m_window->openRolloutDetail(kAdmin, QStringLiteral("team"), QStringLiteral("web"));
    QTRY_VERIFY_WITH_TIMEOUT(info() && m_detailModel.cluster() == kAdmin, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(bar->button(ActionKind::Restart)->isEnabled(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(m_detailModel.events()->rowCount() > 0, 10000);
    QVERIFY(!m_window->detailPanel()->eventsView()->isHidden());
    QVERIFY(eventsNotice->isHidden());
}

QTEST_MAIN(TestConsoleActing)
#include "tst_consoleacting.moc"
