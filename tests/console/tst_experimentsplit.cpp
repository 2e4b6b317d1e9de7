// The free slider end to end in the console: the Experiments view (fed an A/B test whose route is rolldeck-sim's
// `abtest` VirtualService as read from the server) proposes new weights, the console's ActionController confirms
// them with the policy of a context no workspace covers (reason, the VirtualService's name typed), the action
// service sends setSplit, the weights change on the server, the outcome is in the status bar and the audit log; a
// second proposal from the view before it was refreshed (the old resourceVersion) is refused with what changed.
#include "../models/SampleExperiments.h"
#include "app/audit/AuditLog.h"
#include "app/audit/AuditVerifier.h"
#include "app/console/Connections.h"
#include "app/gui/ActionController.h"
#include "app/kube/Kubeconfig.h"
#include "models/itemmodels/RolloutDetailModel.h"
#include "models/itemmodels/RolloutListModel.h"
#include "ui/ConfirmActionDialog.h"
#include "ui/ExperimentDetail.h"
#include "ui/ExperimentsView.h"
#include "ui/MainWindow.h"
#include "ui/SplitEditDialog.h"

#include "sim/Resources.h"
#include "sim/Simulator.h"

#include <QDialogButtonBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace rolldeck;

class TestExperimentSplit : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_sim.stop(); }
    void sliderToServerThroughTheConfirmation();
    void aProposalOnAStaleViewIsRefused();

private:
    // The checkout test as the live source would deliver it: the route's weights and resourceVersion from the server.
    stats::ExperimentSnapshot snapshotFromServer();
    std::vector<int> storedWeights();
    ConfirmActionDialog *propose(int treatment);

    QTemporaryDir m_dir;
    rdsim::Simulator m_sim;
    RolloutListModel m_rollouts;
    RolloutDetailModel m_detailModel;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<Connections> m_live;
    std::unique_ptr<ActionController> m_actions;
    QString m_auditDir;
    stats::ExperimentSnapshot m_first;
};

void TestExperimentSplit::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qRegisterMetaType<ConfirmActionDialog *>();
    qRegisterMetaType<actions::ActionResult>();
    const QString kubeconfig = m_dir.filePath(QStringLiteral("kubeconfig"));
    rdsim::Options o;
    o.scenario = "abtest";
    o.tls = true;
    o.kubeconfigOut = kubeconfig.toStdString();
    const auto started = m_sim.start(o);
    QVERIFY2(started.ok(), started.error.c_str());
    m_window = std::make_unique<MainWindow>();
    m_window->setRolloutModel(&m_rollouts);
    m_window->setRolloutDetailModel(&m_detailModel);
    m_live = std::make_unique<Connections>(&m_rollouts);
    m_auditDir = m_dir.filePath(QStringLiteral("audit"));
    m_actions = std::make_unique<ActionController>(m_window.get(), m_live.get(), &m_detailModel,
                                                   audit::AuditLog::Options{m_auditDir});
    QObject::connect(m_window->experimentsView(), &ExperimentsView::splitChangeRequested, m_actions.get(),
                     &ActionController::requestSplit);
    const kube::Kubeconfig config = kube::loadKubeconfigFiles({kubeconfig});
    const kube::ClusterConfig *ctx = config.context(QStringLiteral("rolldeck-demo"));
    QVERIFY(ctx);
    QVERIFY(m_live->addContext(*ctx));
    m_window->resize(1400, 900);
    m_window->show();
    m_window->showExperiments();
    QVERIFY(m_window->experimentsDock()->isVisible());
}

stats::ExperimentSnapshot TestExperimentSplit::snapshotFromServer()
{
    stats::ExperimentSnapshot s = test::checkoutRedesign();
    const auto vs = m_sim.store().get(rdsim::kVirtualServices, "production", "checkout-ab");
    if (!vs.object)
        return s;
    s.route.resourceVersion = QString::fromStdString((*vs.object)["metadata"]["resourceVersion"].get<std::string>());
    const auto &route = (*vs.object)["spec"]["http"][0]["route"];
    for (int i = 0; i < s.route.variants.size(); ++i)
        s.route.variants[i].weight = route[size_t(i)]["weight"].get<int>();
    return s;
}

std::vector<int> TestExperimentSplit::storedWeights()
{
    std::vector<int> out;
    const auto vs = m_sim.store().get(rdsim::kVirtualServices, "production", "checkout-ab");
    if (vs.object) {
        for (const auto &d : (*vs.object)["spec"]["http"][0]["route"])
            out.push_back(d["weight"].get<int>());
    }
    return out;
}

ConfirmActionDialog *TestExperimentSplit::propose(int treatment)
{
    ExperimentsView *view = m_window->experimentsView();
    view->detail()->editSplitButton()->click();
    SplitEditDialog *editor = view->splitEditor();
    if (!editor)
        return nullptr;
    editor->slider()->setValue(treatment);
    QSignalSpy shown(m_actions.get(), &ActionController::confirmationShown);
    editor->buttons()->button(QDialogButtonBox::Ok)->click();
    return shown.isEmpty() ? nullptr : shown.first().first().value<ConfirmActionDialog *>();
}

void TestExperimentSplit::sliderToServerThroughTheConfirmation()
{
    m_first = snapshotFromServer();
    QCOMPARE(m_first.route.variants.at(0).weight, 50.0);
    m_window->experimentsView()->setSnapshots({m_first, test::searchOptimisation()});
    ConfirmActionDialog *dialog = propose(70);
    QVERIFY(dialog);
    QCOMPARE(
        dialog->findChild<QLabel *>(QStringLiteral("statement"))->text(),
        QStringLiteral("Set the split of checkout-ab in rolldeck-demo: control 50 % → 30 %, treatment 50 % → 70 %"));
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("decision"))
                ->text()
                .contains(QStringLiteral("resourceVersion ") + m_first.route.resourceVersion));
    // No workspace covers the context: the cautious policy wants a reason and the VirtualService's name.
    QPushButton *send = dialog->buttons()->button(QDialogButtonBox::Ok);
    QVERIFY(!send->isEnabled());
    dialog->reasonEdit()->setText(QStringLiteral("treatment looks safe; more traffic for a faster answer"));
    dialog->nameEdit()->setText(QStringLiteral("checkout-ab"));
    QVERIFY(send->isEnabled());
    QSignalSpy finished(m_actions.get(), &ActionController::finished);
    send->click();
    QVERIFY(finished.wait(20000));
    const auto result = finished.first().first().value<actions::ActionResult>();
    QVERIFY2(result.applied(), qPrintable(result.message));
    QCOMPARE(storedWeights(), (std::vector<int>{30, 70}));
    QVERIFY2(m_window->statusBar()->currentMessage().startsWith(QStringLiteral("Split of checkout-ab set: ")),
             qPrintable(m_window->statusBar()->currentMessage()));
    const audit::VerifyReport report = audit::verifyChain(audit::AuditLog::filesIn(m_auditDir));
    QVERIFY(report.chainIntact());
    QCOMPARE(report.records, 2); // intent, result
}

void TestExperimentSplit::aProposalOnAStaleViewIsRefused()
{
    QVERIFY(!m_first.route.resourceVersion.isEmpty());
    // The view still shows the 50/50 it was given (no refresh since): its proposal carries the old resourceVersion.
    ConfirmActionDialog *dialog = propose(60);
    QVERIFY(dialog);
    dialog->reasonEdit()->setText(QStringLiteral("a bit more"));
    dialog->nameEdit()->setText(QStringLiteral("checkout-ab"));
    QSignalSpy finished(m_actions.get(), &ActionController::finished);
    dialog->buttons()->button(QDialogButtonBox::Ok)->click();
    QVERIFY(finished.wait(20000));
    const auto result = finished.first().first().value<actions::ActionResult>();
    QCOMPARE(result.outcome, actions::ActionResult::Outcome::Refused);
    QCOMPARE(result.refusal, actions::ActionResult::Refusal::ChangedState);
    QCOMPARE(storedWeights(), (std::vector<int>{30, 70}));
    const QString said = m_window->statusBar()->currentMessage();
    QVERIFY2(said.startsWith(QStringLiteral("Split of checkout-ab not sent: the route changed since it was shown "
                                            "(checkout-control 50 → 30, checkout-treatment 50 → 70)")),
             qPrintable(said));
}

QTEST_MAIN(TestExperimentSplit)
#include "tst_experimentsplit.moc"
