// Desktop notifications from the console window: a rollout newly needing attention in an environment the person
// marked "Notify me" in the sidebar raises one notification, not again while the same episode lasts, none for an
// environment not marked; activating it (what a click on the tray's message does) opens that rollout. Offscreen has
// no system tray: this drives the window's notifier, whose message the tray would show.
#include "models/itemmodels/EnvironmentSummaryModel.h"
#include "models/itemmodels/RolloutListModel.h"
#include "ui/MainWindow.h"
#include "ui/RolloutsPanel.h"
#include "ui/TrayNotifier.h"

#include <QAbstractItemModelTester>
#include <QListView>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace rolldeck;

namespace {

RolloutRow makeRow(const QString &environment, const QString &name, const QString &status)
{
    RolloutRow r;
    r.cluster = environment == u"production" ? QStringLiteral("prod-eu") : QStringLiteral("stage-eu");
    r.environment = environment;
    r.uid = QStringLiteral("uid-") + name;
    r.namespaceName = QStringLiteral("shop");
    r.name = name;
    r.strategy = QStringLiteral("Canary");
    r.status = status;
    return r;
}

RolloutRow waitingForPromotion(RolloutRow r)
{
    r.status = QStringLiteral("Paused");
    r.message = QStringLiteral("CanaryPauseStep");
    r.pauseReasons = {QStringLiteral("CanaryPauseStep")};
    return r;
}

} // namespace

class TestTrayNotifier : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        QSettings().clear();
        m_model = std::make_unique<RolloutListModel>();
        m_model->setEnvironments({QStringLiteral("production"), QStringLiteral("staging")});
        m_window = std::make_unique<MainWindow>();
        m_window->setRolloutModel(m_model.get());
        m_window->setHasClusters(true);
        m_api = makeRow(QStringLiteral("production"), QStringLiteral("api"), QStringLiteral("Healthy"));
        m_web = makeRow(QStringLiteral("staging"), QStringLiteral("web"), QStringLiteral("Healthy"));
        m_model->upsert({m_api, m_web});
        // The window's own proxies over the changing rows: the rollouts table's look, the sidebar's "All" row.
        using Tester = QAbstractItemModelTester;
        m_testers.clear();
        m_testers.push_back(
            std::make_unique<Tester>(m_window->rolloutsPanel()->view()->model(), Tester::FailureReportingMode::QtTest));
        m_testers.push_back(
            std::make_unique<Tester>(m_window->findChild<QListView *>(QStringLiteral("environmentList"))->model(),
                                     Tester::FailureReportingMode::QtTest));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup()
    {
        m_testers.clear();
        m_window.reset();
    }

    void aWatchedEnvironmentNotifiesOncePerEpisodeAndTheClickOpensTheRollout()
    {
        auto *tray = m_window->findChild<TrayNotifier *>();
        QVERIFY(tray);
        QSignalSpy notified(tray, &TrayNotifier::notified);
        markWatched(QStringLiteral("production"));

        m_model->upsert({waitingForPromotion(m_api)});
        QCOMPARE(notified.size(), 1);
        QCOMPARE(notified.at(0).at(0).toString(), QStringLiteral("api needs attention in production"));
        QVERIFY2(notified.at(0).at(1).toString().startsWith(QStringLiteral("shop/api: ")),
                 qPrintable(notified.at(0).at(1).toString()));

        // The same episode: still needing attention, for whatever reason, is not news again.
        RolloutRow aborted = waitingForPromotion(m_api);
        aborted.status = QStringLiteral("Degraded");
        aborted.message = QStringLiteral("RolloutAborted: Rollout aborted update to revision 2");
        aborted.pauseReasons.clear();
        m_model->upsert({aborted});
        QCOMPARE(notified.size(), 1);

        // An environment nobody marked stays quiet.
        m_model->upsert({waitingForPromotion(m_web)});
        QCOMPARE(notified.size(), 1);

        // A click on the notification opens that rollout.
        QSignalSpy opened(m_window.get(), &MainWindow::rolloutDetailRequested);
        tray->activate();
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.at(0).at(0).toString(), QStringLiteral("prod-eu"));
        QCOMPARE(opened.at(0).at(1).toString(), QStringLiteral("shop"));
        QCOMPARE(opened.at(0).at(2).toString(), QStringLiteral("api"));

        // Calm, then needing attention again: a new episode, a new notification.
        m_model->upsert({m_api});
        m_model->upsert({waitingForPromotion(m_api)});
        QCOMPARE(notified.size(), 2);
    }

    void unmarkingStopsTheNotifications()
    {
        auto *tray = m_window->findChild<TrayNotifier *>();
        QVERIFY(tray);
        QSignalSpy notified(tray, &TrayNotifier::notified);
        markWatched(QStringLiteral("staging"));
        markWatched(QStringLiteral("staging")); // the toggle again: not watched any more
        m_model->upsert({waitingForPromotion(m_web)});
        QCOMPARE(notified.size(), 0);
        // Nothing was notified: a click has nothing to open.
        QSignalSpy opened(m_window.get(), &MainWindow::rolloutDetailRequested);
        tray->activate();
        QCOMPARE(opened.size(), 0);
    }

private:
    // As a person does it: choose the environment in the sidebar, press "Notify me".
    void markWatched(const QString &environment)
    {
        auto *list = m_window->findChild<QListView *>(QStringLiteral("environmentList"));
        auto *button = m_window->findChild<QToolButton *>(QStringLiteral("watchEnvironment"));
        QVERIFY(list && button);
        QTRY_VERIFY(list->model()->rowCount() > 2); // "All environments", then each
        const int before = list->model()->rowCount();
        for (int r = 0; r < list->model()->rowCount(); ++r) {
            const QModelIndex index = list->model()->index(r, 0);
            if (index.data(EnvironmentSummaryModel::KeyRole).toString() == environment) {
                list->setCurrentIndex(index);
                break;
            }
        }
        QVERIFY(list->model()->rowCount() == before);
        QTRY_VERIFY(button->isEnabled());
        button->click();
    }

    std::unique_ptr<RolloutListModel> m_model;
    std::unique_ptr<MainWindow> m_window;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
    RolloutRow m_api;
    RolloutRow m_web;
};

QTEST_MAIN(TestTrayNotifier)
#include "tst_traynotifier.moc"
