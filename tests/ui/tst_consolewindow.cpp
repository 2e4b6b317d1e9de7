// The console window's parts on a realistic fleet (SampleFleet: three clusters, no workspace): the environments
// sidebar narrows every view, the attention queue opens a detail, Ctrl+K finds a rollout by a few letters, F1 lists
// the shortcuts, the presenter board has a lane per environment; and the texts the painted widgets draw.
#include "models/itemmodels/AttentionQueueModel.h"
#include "ui/AttentionQueueView.h"
#include "ui/CommandPalette.h"
#include "ui/EnvironmentSidebar.h"
#include "ui/HelpOverlay.h"
#include "ui/MainWindow.h"
#include "ui/PresenterBoard.h"
#include "models/itemmodels/RolloutFilterProxyModel.h"
#include "models/itemmodels/RolloutListModel.h"
#include "ui/RolloutOverview.h"
#include "ui/RolloutsPanel.h"
#include "SampleFleet.h"
#include "ui/StepTimelineWidget.h"
#include "ui/TrafficBar.h"

#include <QAction>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QSignalSpy>
#include <QTest>

using namespace rolldeck;

namespace {

const QDateTime kNow(QDate(2026, 3, 14), QTime(10, 45, 0), Qt::UTC);

QStringList clustersShown(const QAbstractItemModel &m)
{
    QStringList out;
    for (int r = 0; r < m.rowCount(); ++r)
        out << m.index(r, 0).data(RolloutListModel::ClusterRole).toString();
    out.removeDuplicates();
    out.sort();
    return out;
}

} // namespace

class TestConsoleWindow : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        m_model = std::make_unique<RolloutListModel>();
        m_model->setClock([] { return kNow; });
        m_window = std::make_unique<MainWindow>();
        m_window->setRolloutModel(m_model.get());
        m_window->setHasClusters(true);
        m_model->upsert(test::sampleFleet(kNow));
        m_window->resize(1280, 800);
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get())); // shortcuts need the active window
    }

    void cleanup()
    {
        m_window.reset();
        m_model.reset();
    }

    void theSidebarNarrowsTheTableAndTheQueue()
    {
        QListView *list = m_window->environmentSidebar()->view();
        QTRY_COMPARE(list->model()->rowCount(), 4); // All environments + three clusters
        QCOMPARE(list->model()->index(0, 0).data().toString(), QStringLiteral("All environments"));
        AttentionQueueView *queue = m_window->attentionQueue();
        const int queued = queue->view()->model()->rowCount();
        QVERIFY(queued >= 4); // paused for promotion, aborted, blue-green waiting, inconclusive, unknown
        QVERIFY(queue->isVisible());

        m_window->environmentSidebar()->choose(QStringLiteral("staging"));
        RolloutFilterProxyModel *table = m_window->rolloutsPanel()->filterModel();
        QCOMPARE(clustersShown(*table), QStringList{QStringLiteral("staging")});
        QCOMPARE(table->rowCount(), 3);
        QCOMPARE(clustersShown(*queue->view()->model()), QStringList{QStringLiteral("staging")});
        QVERIFY(queue->view()->model()->rowCount() < queued);

        m_window->environmentSidebar()->choose(QString()); // All environments
        QCOMPARE(table->rowCount(), m_model->rowCount());
        QCOMPARE(queue->view()->model()->rowCount(), queued);
    }

    void theQueueOpensTheDetailWithTheKeyboard()
    {
        QSignalSpy opened(m_window.get(), &MainWindow::rolloutDetailRequested);
        m_window->findChild<QAction *>(QStringLiteral("attentionAction"))->trigger();
        QListView *view = m_window->attentionQueue()->view();
        QVERIFY(view->currentIndex().isValid());
        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.at(0).at(2).toString(), view->currentIndex().data(RolloutListModel::NameRole).toString());
        // It says why, in words.
        const QString why = AttentionQueueView::reasonText(view->currentIndex(), kNow);
        QVERIFY2(!why.isEmpty(), qPrintable(why));
    }

    void ctrlKFindsARolloutByAFewLetters()
    {
        QSignalSpy opened(m_window.get(), &MainWindow::rolloutDetailRequested);
        QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
        CommandPalette *palette = m_window->commandPalette();
        QTRY_VERIFY(palette->isVisible());
        QTest::keyClicks(palette->edit(), QStringLiteral("prcpg")); // pricing-page, by its letters in order
        QVERIFY(palette->results()->count() >= 1);
        QVERIFY2(palette->results()->item(0)->text().contains(QStringLiteral("ab-tests/pricing-page")),
                 qPrintable(palette->results()->item(0)->text()));
        QTest::keyClick(palette->edit(), Qt::Key_Return);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.at(0).at(0).toString(), QStringLiteral("staging"));
        QCOMPARE(opened.at(0).at(1).toString(), QStringLiteral("ab-tests"));
        QCOMPARE(opened.at(0).at(2).toString(), QStringLiteral("pricing-page"));
        QVERIFY(!palette->isVisible());

        // An environment by name narrows the views.
        QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
        QTest::keyClicks(palette->edit(), QStringLiteral("production-us"));
        QVERIFY(palette->results()->item(0)->text().contains(QStringLiteral("production-us")));
        QTest::keyClick(palette->edit(), Qt::Key_Return);
        QCOMPARE(m_window->environmentSidebar()->currentKey(), QStringLiteral("production-us"));
        QCOMPARE(clustersShown(*m_window->rolloutsPanel()->filterModel()),
                 QStringList{QStringLiteral("production-us")});
    }

    void ctrlKRunsACommandByName()
    {
        // The View menu's entries are commands of the palette: "dash" opens the deployment dashboard.
        QSignalSpy dashboard(m_window.get(), &MainWindow::deploymentDashboardRequested);
        QSignalSpy audit(m_window.get(), &MainWindow::auditLogRequested);
        QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
        CommandPalette *palette = m_window->commandPalette();
        QTRY_VERIFY(palette->isVisible());
        QTest::keyClicks(palette->edit(), QStringLiteral("dash"));
        QVERIFY(palette->results()->count() >= 1);
        const QString first = palette->results()->item(0)->text();
        QVERIFY2(first.startsWith(QStringLiteral("Command: Deployment dashboard")), qPrintable(first));
        QVERIFY2(first.contains(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D).toString(QKeySequence::NativeText)),
                 qPrintable(first));
        QTest::keyClick(palette->edit(), Qt::Key_Return);
        QCOMPARE(dashboard.size(), 1);
        QCOMPARE(audit.size(), 0);
        QVERIFY(!palette->isVisible());
        // An empty palette lists places to go, not commands; the palette does not offer itself.
        QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
        for (int i = 0; i < palette->results()->count(); ++i)
            QVERIFY(!palette->results()->item(i)->text().startsWith(QStringLiteral("Command:")));
        QTest::keyClicks(palette->edit(), QStringLiteral("anything"));
        for (int i = 0; i < palette->results()->count(); ++i)
            QVERIFY(!palette->results()->item(i)->text().contains(QStringLiteral("Go to anything")));
        QTest::keyClick(palette->edit(), Qt::Key_Escape);
    }

    void fuzzyScores_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("better");
        QTest::addColumn<QString>("worse");
        QTest::newRow("word start") << QStringLiteral("pa") << QStringLiteral("payments-api")
                                    << QStringLiteral("shopping-cart-admin");
        QTest::newRow("consecutive") << QStringLiteral("check") << QStringLiteral("checkout")
                                     << QStringLiteral("c-h-e-c-k-x");
        QTest::newRow("no match is worst")
            << QStringLiteral("zz") << QStringLiteral("zz-top") << QStringLiteral("checkout");
    }

    void fuzzyScores()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, better);
        QFETCH(QString, worse);
        QVERIFY(CommandPalette::fuzzyScore(pattern, better) > CommandPalette::fuzzyScore(pattern, worse));
        QCOMPARE(CommandPalette::fuzzyScore(QStringLiteral("xq"), QStringLiteral("checkout")), -1);
    }

    void f1ListsTheShortcuts()
    {
        m_window->findChild<QAction *>(QStringLiteral("helpAction"))->trigger();
        HelpOverlay *help = m_window->helpOverlay();
        QVERIFY(help->isVisible());
        QStringList keys;
        for (const auto &s : help->shortcuts())
            keys << s.first;
        for (const char *key : {"Ctrl+K", "Ctrl+1", "F5", "F1"})
            QVERIFY2(keys.contains(QLatin1String(key)), key);
        QTest::keyClick(help, Qt::Key_Escape);
        QVERIFY(!help->isVisible());
    }

    void presenterBoardHasALanePerEnvironment()
    {
        PresenterBoard *board = m_window->showPresenter(false);
        QTRY_COMPARE(board->lanes(), (QStringList{QStringLiteral("production-eu"), QStringLiteral("production-us"),
                                                  QStringLiteral("staging")}));
        // production-eu has five rollouts: three cards, the ones needing a person first, the rest counted.
        int cards = 0;
        for (QWidget *w : board->findChildren<QWidget *>(QStringLiteral("presenterCard")))
            cards += w->parentWidget()->objectName() == u"lane_production-eu" ? 1 : 0;
        QCOMPARE(cards, PresenterBoard::kCardsPerLane);
        QTest::keyClick(board, Qt::Key_Escape);
        QTRY_VERIFY(!board->isVisible());
    }

    void paintedWidgetsSayWhatTheyDraw()
    {
        TimelineStep pause;
        pause.kind = TimelineStep::Kind::Pause;
        pause.state = TimelineStep::State::Current;
        pause.durationMs = 30 * 60 * 1000;
        pause.endsAt = kNow.addSecs(90);
        QCOMPARE(StepTimelineWidget::stepTitle(pause), QStringLiteral("Pause 30m"));
        QCOMPARE(StepTimelineWidget::stepStateText(pause, kNow), QStringLiteral("90s left"));
        pause.durationMs.reset();
        pause.endsAt = {};
        QCOMPARE(StepTimelineWidget::stepStateText(pause), QStringLiteral("until promoted"));
        AnalysisVerdict verdict{
            QStringLiteral("run"),        QStringLiteral("Failed"),  {},
            QStringLiteral("error-rate"), QStringLiteral("[0.021]"), QStringLiteral("failure: result[0] > 0.005")};
        QCOMPARE(StepTimelineWidget::verdictText(verdict),
                 QStringLiteral("failed: error-rate = [0.021] (failure: result[0] > 0.005)"));

        TrafficBar bar;
        TrafficSplit split;
        split.valid = true;
        split.setWeight = 25;
        split.observedWeight = 20;
        split.followsReplicas = true;
        bar.setSplit(split);
        QCOMPARE(bar.caption(),
                 QStringLiteral("Set 25 %, observed 20 % · no traffic router: routing follows the replica share"));

        LastAction action{QStringLiteral("promote"), QStringLiteral("alice"), kNow.addSecs(-12 * 60),
                          QStringLiteral("error rate flat"), QStringLiteral("ab")};
        QCOMPARE(RolloutOverview::lastActionText(action, kNow),
                 QStringLiteral("promote by alice, 12m ago: “error rate flat”"));
    }

    // One convention for the step everywhere, upstream's: "1/8" is the current step's index over the count, as the
    // detail's Step field and the table say it (kubectl-argo-rollouts' Step).
    void theTimelineCountsStepsAsTheStepFieldDoes()
    {
        StepTimeline timeline;
        for (int i = 0; i < 8; ++i) {
            TimelineStep step;
            step.kind = TimelineStep::Kind::SetWeight;
            step.weight = 10 * (i + 1);
            step.state = i < 1 ? TimelineStep::State::Done
                               : (i == 1 ? TimelineStep::State::Current : TimelineStep::State::Pending);
            timeline.steps.append(step);
        }
        timeline.currentStepIndex = 1;
        StepTimelineWidget widget;
        widget.setTimeline(timeline);
        QVERIFY2(widget.headline().startsWith(QStringLiteral("Step 1/8 · canary ")), qPrintable(widget.headline()));
        timeline.aborted = true;
        widget.setTimeline(timeline);
        QCOMPARE(widget.headline(), QStringLiteral("Aborted at step 1/8"));
    }

private:
    std::unique_ptr<RolloutListModel> m_model;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestConsoleWindow)
#include "tst_consolewindow.moc"
