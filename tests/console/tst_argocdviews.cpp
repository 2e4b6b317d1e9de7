// The Argo CD views against rolldeck-sim's four environments (offscreen): the applications tree under the app-of-apps
// with sync, health, revision, images and who synced last; the environments matrix with a cell per environment and
// the promotion path; the live stream (a change arrives; a dropped stream shows "stale since …" and reconnects);
// rollback refused under auto-sync with what to do, auto-sync turned off, the rollback applied and the image back on
// the cluster; sync and terminate; every operation confirmed and in the audit log with the Argo CD account.
// With ROLLDECK_SCREENSHOT_DIR set it saves docs' argocd-applications.png and environments-matrix.png there.
#include "tests/support/AuditRecords.h"
#include "app/argocd/ApplicationFeed.h"
#include "app/audit/AuditLog.h"
#include "app/console/Connections.h"
#include "app/console/EnvironmentSetup.h"
#include "app/demo/DemoWorkspace.h"
#include "app/kube/Kubeconfig.h"
#include "app/gui/ArgoCdController.h"
#include "models/itemmodels/RolloutListModel.h"
#include "sim/Resources.h"
#include "sim/Simulator.h"
#include "ui/ApplicationsView.h"
#include "ui/ConfirmActionDialog.h"
#include "ui/EnvironmentMatrixView.h"
#include "ui/MainWindow.h"
#include "ui/ResourceDiffDialog.h"
#include "ui/SyncOptionsDialog.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QDialogButtonBox>
#include <QFile>
#include <QJsonDocument>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStatusBar>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace rolldeck;

namespace {

std::string rolloutImage(rdsim::Simulator &sim, const std::string &ns, const std::string &name)
{
    const rdsim::Outcome o = sim.store().get(rdsim::kRollouts, ns, name);
    return o.object ? (*o.object)["spec"]["template"]["spec"]["containers"][0].value("image", std::string())
                    : std::string();
}

} // namespace

class TestArgoCdViews : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    rdsim::Simulator m_sim;
    RolloutListModel m_rollouts;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<Connections> m_live;
    std::unique_ptr<audit::AuditLog> m_log;
    std::unique_ptr<ArgoCdController> m_argocd;

    // Confirms the next dialog with a reason (and the name where asked).
    void confirmNext(const QString &name)
    {
        connect(
            m_argocd.get(), &ArgoCdController::confirmationShown, this,
            [name](ConfirmActionDialog *dialog) {
                if (dialog->reasonEdit())
                    dialog->reasonEdit()->setText(QStringLiteral("GUI test"));
                if (dialog->nameEdit())
                    dialog->nameEdit()->setText(name);
                dialog->accept();
            },
            Qt::SingleShotConnection);
    }

    // Sets the next sync's options (the default: a full sync to the branch's head) and accepts them.
    void syncOptionsNext(std::function<void(SyncOptionsDialog *)> choose = {})
    {
        connect(
            m_argocd.get(), &ArgoCdController::syncOptionsShown, this,
            [choose](SyncOptionsDialog *dialog) {
                if (choose)
                    choose(dialog);
                dialog->accept();
            },
            Qt::SingleShotConnection);
    }

    actions::ApplicationOperationResult press(QPushButton *button, const QString &app)
    {
        QSignalSpy finished(m_argocd.get(), &ArgoCdController::operationFinished);
        confirmNext(app);
        button->click();
        if (!finished.wait(20000))
            return {};
        return finished.first().first().value<actions::ApplicationOperationResult>();
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qRegisterMetaType<actions::ApplicationOperationResult>();
        rdsim::Options options;
        options.scenario = "default";
        options.speed = 30;
        options.seed = 33;
        options.kubeconfigOut = m_dir.filePath(QStringLiteral("kubeconfig")).toStdString();
        const rdsim::StartResult started = m_sim.start(options);
        QVERIFY2(started.ok(), started.error.c_str());
        m_window = std::make_unique<MainWindow>();
        m_live = std::make_unique<Connections>(&m_rollouts);
        // The console's rollouts, as --demo watches them: the matrix shows their steps and opens them.
        const kube::Kubeconfig config = kube::loadKubeconfigFiles({m_dir.filePath(QStringLiteral("kubeconfig"))});
        m_live->setSetup(setupFromWorkspace(demoWorkspace(), config), config);
        QVERIFY(m_live->showEnvironments());
        m_log = std::make_unique<audit::AuditLog>(audit::AuditLog::Options{m_dir.filePath(QStringLiteral("audit"))});
        m_argocd = std::make_unique<ArgoCdController>(m_window.get(), m_live.get(), &m_rollouts, m_log.get());
        argocd::Endpoint endpoint;
        endpoint.server = QUrl(QString::fromStdString(started.endpoints.argocd));
        m_argocd->connectTo(endpoint, QByteArray::fromStdString(started.endpoints.argocdToken));
        m_argocd->feed()->setBackoff(100, 400);
    }

    void cleanupTestCase()
    {
        m_argocd.reset();
        m_live.reset();
        m_window.reset();
        m_sim.stop();
    }

    void applicationsTree()
    {
        QAbstractItemModelTester tester(m_argocd->applications(),
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        ApplicationsView *view = m_argocd->showApplications();
        QTRY_COMPARE_WITH_TIMEOUT(m_argocd->applications()->applications().size(), 5, 20000);
        ApplicationModel *model = m_argocd->applications();
        const QModelIndex root = model->indexOf(QStringLiteral("agentic-startup-environments"));
        QCOMPARE(model->rowCount(), 1); // the app-of-apps holds the four
        QCOMPARE(model->rowCount(root), 4);
        QCOMPARE(view->tree()->model()->rowCount(view->tree()->model()->index(0, 0)), 4);
        // Production deploys 1.5.0 by auto-sync, 20 s (simulated) after start.
        QTRY_VERIFY_WITH_TIMEOUT(
            model->indexOf(QStringLiteral("agentic-startup-production"), int(ApplicationModel::Column::Images))
                .data()
                .toString()
                .contains(QStringLiteral("api:1.5.0")),
            20000);
        const QString last =
            model->indexOf(QStringLiteral("agentic-startup-production"), int(ApplicationModel::Column::LastSync))
                .data()
                .toString();
        QVERIFY2(last.endsWith(QStringLiteral("by auto-sync")), qPrintable(last));
        QCOMPARE(model->indexOf(QStringLiteral("agentic-startup-staging"), int(ApplicationModel::Column::Sync))
                     .data()
                     .toString(),
                 QStringLiteral("Synced"));
        view->selectApplication(QStringLiteral("agentic-startup-production"));
        QTRY_VERIFY(view->history()->rowCount() >= 4);
        QVERIFY(view->findChild<QLabel *>(QStringLiteral("autoSyncNote"))->isVisible());
        if (qEnvironmentVariableIsSet("ROLLDECK_SCREENSHOT_DIR")) {
            view->resize(1180, 640);
            view->history()->selectRow(1);
            QVERIFY(QTest::qWaitForWindowExposed(view));
            view->layout()->activate(); // the resize's layout, before the picture
            QVERIFY(view->grab().save(qEnvironmentVariable("ROLLDECK_SCREENSHOT_DIR") +
                                      QStringLiteral("/argocd-applications.png")));
        }
    }

    void matrix()
    {
        QAbstractItemModelTester tester(m_argocd->matrix(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        EnvironmentMatrixView *view = m_argocd->showMatrix();
        EnvironmentMatrixModel *model = m_argocd->matrix();
        QCOMPARE(model->environments(), (QStringList{QStringLiteral("development"), QStringLiteral("staging"),
                                                     QStringLiteral("production"), QStringLiteral("canary")}));
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() >= 3, 20000);
        int api = -1;
        for (int r = 0; r < model->rowCount(); ++r)
            api = model->service(r) == QLatin1String("agentic-startup-api") ? r : api;
        QVERIFY(api >= 0);
        QVERIFY(model->index(api, 0).data(EnvironmentMatrixModel::PresentRole).toBool());
        QVERIFY(model->index(api, 2).data(EnvironmentMatrixModel::PresentRole).toBool());
        QVERIFY(!model->index(api, 1).data(EnvironmentMatrixModel::PresentRole).toBool());
        const auto describe = [&] {
            QStringList cells;
            for (int c = 0; c < model->columnCount(); ++c)
                cells << model->index(api, c).data().toString() + u'|' +
                             model->index(api, c).data(EnvironmentMatrixModel::ImageRole).toString();
            return cells.join(QStringLiteral(" ;; "));
        };
        // Development's nightly build is deployed 40 simulated seconds after production's canary commit (over a wall
        // second at speed 30, so Argo CD's whole-second history orders them): one revision production has not.
        QTRY_VERIFY2_WITH_TIMEOUT(
            model->index(api, model->promotionColumn()).data().toString() ==
                    QLatin1String("production is 1 revision(s) behind development") &&
                model->index(api, model->promotionColumn())
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QRegularExpression(QStringLiteral(
                        "^production is 1 revision\\(s\\) behind development \\(production runs [0-9., ]*1\\.5\\.0, "
                        "development runs 1\\.6\\.0-dev\\."))),
            qPrintable(describe()), 20000);
        // The production canary is in progress: its step is in the cell, which opens the rollout's detail.
        QTRY_VERIFY2_WITH_TIMEOUT(model->index(api, 2).data().toString().contains(QStringLiteral("rollout at step")),
                                  qPrintable(describe()), 20000);
        QCOMPARE(model->index(api, 2).data(EnvironmentMatrixModel::ContextRole).toString(),
                 QStringLiteral("rolldeck-demo"));
        QSignalSpy rollout(view, &EnvironmentMatrixView::rolloutRequested);
        emit view->table()->activated(model->index(api, 2));
        QCOMPARE(rollout.size(), 1);
        QCOMPARE(rollout.first().at(1).toString(), QStringLiteral("production"));
        QCOMPARE(rollout.first().at(2).toString(), QStringLiteral("agentic-startup-api"));
        // The last column is the promotion path; an empty cell opens nothing.
        QSignalSpy application(view, &EnvironmentMatrixView::applicationRequested);
        emit view->table()->activated(model->index(api, 1));
        QCOMPARE(application.size() + rollout.size(), 1);
        if (qEnvironmentVariableIsSet("ROLLDECK_SCREENSHOT_DIR")) {
            view->resize(1280, 330);
            view->table()->clearSelection();
            view->table()->setCurrentIndex({});
            QVERIFY(QTest::qWaitForWindowExposed(view));
            view->layout()->activate(); // the resize's layout, before the picture
            QVERIFY(view->grab().save(qEnvironmentVariable("ROLLDECK_SCREENSHOT_DIR") +
                                      QStringLiteral("/environments-matrix.png")));
        }
    }

    void streamReconnects()
    {
        argocd::ApplicationFeed *feed = m_argocd->feed();
        QSignalSpy opened(feed, &argocd::ApplicationFeed::streamOpened);
        QSignalSpy stale(feed, &argocd::ApplicationFeed::stalenessChanged);
        feed->dropStream();
        QTRY_VERIFY(!stale.isEmpty());
        QVERIFY(stale.first().first().value<Staleness>().isStale());
        QVERIFY(opened.wait(10000));
        QTRY_VERIFY(!feed->isStale());
        QVERIFY(!m_argocd->applications()->staleness().isStale());
        // A change after the reconnect arrives: a hand-made image change in staging makes it OutOfSync.
        QVERIFY(!m_sim.store()
                     .mergePatch(rdsim::kRollouts, "staging", "agentic-startup-web",
                                 {{"spec",
                                   {{"template",
                                     {{"spec",
                                       {{"containers", nlohmann::json::array({{{"name", "web"},
                                                                               {"image", "ghcr.io/agentic-startup/"
                                                                                         "web:9.9.9"}}})}}}}}}}})
                     .error);
        QTRY_COMPARE_WITH_TIMEOUT(
            m_argocd->applications()
                ->indexOf(QStringLiteral("agentic-startup-staging"), int(ApplicationModel::Column::Sync))
                .data()
                .toString(),
            QStringLiteral("OutOfSync"), 15000);
    }

    void rollbackUnderAutoSyncThenApplied()
    {
        ApplicationsView *view = m_argocd->showApplications(QStringLiteral("agentic-startup-production"));
        const QString app = QStringLiteral("agentic-startup-production");
        QTRY_VERIFY(view->history()->rowCount() >= 4);
        // The oldest deployment (1.4.0's predecessor chain: the history's first entry).
        view->history()->selectRow(view->history()->rowCount() - 1);
        const auto refused = press(view->findChild<QPushButton *>(QStringLiteral("rollbackButton")), app);
        QVERIFY2(refused.outcome == actions::ApplicationOperationResult::Outcome::Refused, qPrintable(refused.message));
        QCOMPARE(refused.refusal, QStringLiteral("auto-sync"));
        QVERIFY(refused.offer.contains(QLatin1String("turn auto-sync off")));
        QCOMPARE(rolloutImage(m_sim, "production", "agentic-startup-api"),
                 std::string("ghcr.io/agentic-startup/api:1.5.0"));

        const auto off = press(view->findChild<QPushButton *>(QStringLiteral("autoSyncOffButton")), app);
        QVERIFY2(off.applied(), qPrintable(off.message));
        QTRY_VERIFY_WITH_TIMEOUT(!m_argocd->applications()->application(app)->autoSync, 10000);
        QTRY_VERIFY(!view->findChild<QLabel *>(QStringLiteral("autoSyncNote"))->isVisible());
        view->history()->selectRow(1); // the deployment before the current one: 1.4.2, the one running at start
        const auto applied = press(view->findChild<QPushButton *>(QStringLiteral("rollbackButton")), app);
        QVERIFY2(applied.applied(), qPrintable(applied.message));
        QTRY_COMPARE_WITH_TIMEOUT(rolloutImage(m_sim, "production", "agentic-startup-api"),
                                  std::string("ghcr.io/agentic-startup/api:1.4.2"), 10000);

        const QList<QJsonObject> records = test::auditRecords(m_dir.filePath(QStringLiteral("audit")));
        QVERIFY(records.size() >= 5); // refused; intent + result twice
        QCOMPARE(records.first().value(QLatin1String("type")).toString(), QStringLiteral("refused"));
        QCOMPARE(records.last().value(QLatin1String("verb")).toString(), QStringLiteral("rollback"));
        QCOMPARE(records.last()[QLatin1String("actor")][QLatin1String("argocd")].toString(), QStringLiteral("admin"));
        QCOMPARE(records.last().value(QLatin1String("reason")).toString(), QStringLiteral("GUI test"));
    }

    void syncAndTerminate()
    {
        ApplicationsView *view = m_argocd->showApplications(QStringLiteral("agentic-startup-canary"));
        const QString app = QStringLiteral("agentic-startup-canary");
        QTRY_COMPARE(view->tree()->currentIndex().data(ApplicationModel::NameRole).toString(), app);
        syncOptionsNext();
        const auto synced = press(view->findChild<QPushButton *>(QStringLiteral("syncButton")), app);
        QVERIFY2(synced.applied(), qPrintable(synced.message));
        // The operation runs for 3 simulated seconds: terminate it while it does, or see it refused once it ended.
        QTRY_VERIFY_WITH_TIMEOUT(m_argocd->applications()->application(app)->operationBy == QLatin1String("admin"),
                                 10000);
        if (m_argocd->applications()->application(app)->operationRunning()) {
            const auto terminated = press(view->findChild<QPushButton *>(QStringLiteral("terminateButton")), app);
            // It may also end between the console's last read and the request (100 ms of wall time at speed 30):
            // then Argo CD's own answer is reported.
            QVERIFY2(terminated.applied() || terminated.refusal == QLatin1String("changed-state") ||
                         terminated.message.contains(QLatin1String("No operation is in progress")),
                     qPrintable(terminated.message));
        }
    }

    // Staging is synced by hand: a dry run to its oldest deployed revision changes nothing and says so; the same
    // revision synced for real moves the blue-green rollout's image back; a resource choice becomes a partial sync.
    void syncOptionsFromTheView()
    {
        const QString app = QStringLiteral("agentic-startup-staging");
        ApplicationsView *view = m_argocd->showApplications(app);
        QTRY_COMPARE(view->tree()->currentIndex().data(ApplicationModel::NameRole).toString(), app);
        // The blue-green scenario's CI deploy (20 simulated seconds in) has landed and nothing runs.
        QTRY_VERIFY_WITH_TIMEOUT(m_argocd->applications()->application(app)->history.size() >= 4 &&
                                     !m_argocd->applications()->application(app)->operationRunning(),
                                 20000);
        const std::string before = rolloutImage(m_sim, "staging", "agentic-startup-web");
        const qsizetype deployments = m_argocd->applications()->application(app)->history.size();
        const QString oldest = m_argocd->applications()->application(app)->history.first().revision;
        const auto chooseOldest = [&](SyncOptionsDialog *d) {
            d->revisionBox()->setCurrentIndex(d->revisionBox()->count() - 1);
            QCOMPARE(d->revision(), oldest);
            QCOMPARE(d->resourceCount(), d->resourceList()->count());
            QVERIFY(d->resources().isEmpty()); // all chosen: a full sync
        };
        QString statement;
        connect(
            m_argocd.get(), &ArgoCdController::confirmationShown, this,
            [&](ConfirmActionDialog *d) { statement = d->findChild<QLabel *>(QStringLiteral("statement"))->text(); },
            Qt::SingleShotConnection);
        syncOptionsNext([&](SyncOptionsDialog *d) {
            chooseOldest(d);
            d->dryRunBox()->setChecked(true);
        });
        const auto dry = press(view->findChild<QPushButton *>(QStringLiteral("syncButton")), app);
        QVERIFY2(dry.outcome == actions::ApplicationOperationResult::Outcome::DryRun, qPrintable(dry.message));
        QVERIFY2(statement.contains(QStringLiteral("to revision %1").arg(Application::shortRevision(oldest))) &&
                     statement.contains(QLatin1String("as a dry run: nothing will change")),
                 qPrintable(statement));
        QVERIFY(m_window->statusBar()->currentMessage().contains(QLatin1String("dry run only, nothing was changed")));
        QTRY_VERIFY_WITH_TIMEOUT(!m_argocd->applications()->application(app)->operationRunning(), 10000);
        QCOMPARE(rolloutImage(m_sim, "staging", "agentic-startup-web"), before);
        QCOMPARE(m_argocd->applications()->application(app)->history.size(), deployments);

        syncOptionsNext(chooseOldest);
        const auto synced = press(view->findChild<QPushButton *>(QStringLiteral("syncButton")), app);
        QVERIFY2(synced.applied(), qPrintable(synced.message));
        QTRY_COMPARE_WITH_TIMEOUT(rolloutImage(m_sim, "staging", "agentic-startup-web"),
                                  std::string("ghcr.io/agentic-startup/web:3.0.2"), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_argocd->applications()->application(app)->history.size() == deployments + 1 || deployments == 10, 10000);
        QCOMPARE(m_argocd->applications()->application(app)->history.last().revision, oldest);

        // Choosing resources: none leaves nothing to send; one is a partial sync naming it.
        QTRY_VERIFY_WITH_TIMEOUT(!m_argocd->applications()->application(app)->operationRunning(), 10000);
        SyncOptionsDialog dialog(*m_argocd->applications()->application(app));
        QVERIFY(dialog.resourceList()->count() >= 2);
        for (int i = 0; i < dialog.resourceList()->count(); ++i)
            dialog.resourceList()->item(i)->setCheckState(Qt::Unchecked);
        QVERIFY(!dialog.buttons()->button(QDialogButtonBox::Ok)->isEnabled());
        dialog.resourceList()->item(0)->setCheckState(Qt::Checked);
        QVERIFY(dialog.buttons()->button(QDialogButtonBox::Ok)->isEnabled());
        const ApplicationResource first = m_argocd->applications()->application(app)->resources.first();
        QCOMPARE(dialog.resources(), (QList<QJsonObject>{QJsonObject{{QStringLiteral("group"), first.group},
                                                                     {QStringLiteral("kind"), first.kind},
                                                                     {QStringLiteral("name"), first.name},
                                                                     {QStringLiteral("namespace"), first.ns}}}));
        if (qEnvironmentVariableIsSet("ROLLDECK_SCREENSHOT_DIR")) {
            for (int i = 0; i < dialog.resourceList()->count(); ++i)
                dialog.resourceList()->item(i)->setCheckState(i == 1 ? Qt::Unchecked : Qt::Checked);
            dialog.revisionBox()->setCurrentIndex(2);
            dialog.dryRunBox()->setChecked(true);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            QVERIFY(dialog.grab().save(qEnvironmentVariable("ROLLDECK_SCREENSHOT_DIR") +
                                       QStringLiteral("/argocd-sync-options.png")));
        }
        dialog.revisionBox()->setEditText(QStringLiteral("v3.0.2"));
        QCOMPARE(dialog.revision(), QStringLiteral("v3.0.2"));
    }

    // After the sync above, staging runs web 3.0.2 while Git's head says 3.2.0: the diff shows exactly that line, read
    // from Argo CD's managed resources, and the resources that match stay out of the list until asked for.
    void diffAgainstGit()
    {
        const QString app = QStringLiteral("agentic-startup-staging");
        ApplicationsView *view = m_argocd->showApplications(app);
        QTRY_COMPARE(view->tree()->currentIndex().data(ApplicationModel::NameRole).toString(), app);
        QTRY_VERIFY_WITH_TIMEOUT(m_argocd->applications()->application(app)->syncStatus == QLatin1String("OutOfSync"),
                                 10000);
        QPointer<ResourceDiffDialog> dialog;
        connect(
            m_argocd.get(), &ArgoCdController::diffShown, this, [&](ResourceDiffDialog *d) { dialog = d; },
            Qt::SingleShotConnection);
        view->findChild<QPushButton *>(QStringLiteral("diffButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(dialog, 10000);
        const int all = int(m_argocd->applications()->application(app)->resources.size());
        // Git's side is the branch's head, not the older revision staging runs since the sync above.
        const Application *staging = m_argocd->applications()->application(app);
        QVERIFY(staging->syncRevision != staging->deployedRevision());
        QCOMPARE(
            dialog->summary()->text(),
            QStringLiteral("Live state against Git: 1 of %1 resource(s) differ. Git: %2, the tracked branch's head "
                           "when Argo CD last compared.")
                .arg(all)
                .arg(staging->syncRevision.left(7)));
        QCOMPARE(dialog->resourceList()->count(), 1);
        QCOMPARE(dialog->resourceList()->item(0)->text(),
                 QStringLiteral("Rollout staging/agentic-startup-web\ndiffers: −1 +1"));
        const QStringList lines = dialog->diffView()->toPlainText().split(QLatin1Char('\n'));
        QStringList changed;
        for (const QString &l : lines)
            if (l.startsWith(QLatin1Char('-')) || l.startsWith(QLatin1Char('+')))
                changed << l.trimmed();
        QCOMPARE(changed, (QStringList{QStringLiteral("-      - image: ghcr.io/agentic-startup/web:3.0.2"),
                                       QStringLiteral("+      - image: ghcr.io/agentic-startup/web:3.2.0")}));
        dialog->findChild<QCheckBox *>(QStringLiteral("showUnchanged"))->setChecked(true);
        QCOMPARE(dialog->resourceList()->count(), all);
        if (qEnvironmentVariableIsSet("ROLLDECK_SCREENSHOT_DIR")) {
            dialog->resourceList()->setCurrentRow(0);
            dialog->resize(1100, 520);
            QVERIFY(QTest::qWaitForWindowExposed(dialog));
            QVERIFY(dialog->grab().save(qEnvironmentVariable("ROLLDECK_SCREENSHOT_DIR") +
                                        QStringLiteral("/argocd-diff.png")));
        }
        dialog->close();
    }
};

QTEST_MAIN(TestArgoCdViews)
#include "tst_argocdviews.moc"
