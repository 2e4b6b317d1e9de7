// Opening a rollout from the table shows its detail: the request carries the row's identity, the dock shows the
// summary, the revision tree and the staleness of what it shows; closing asks the watches to stop.
#include "ui/MainWindow.h"
#include "models/itemmodels/RolloutDetailModel.h"
#include "ui/RolloutDetailPanel.h"
#include "models/itemmodels/RolloutListModel.h"
#include "ui/RolloutsPanel.h"
#include "ui/StepTimelineWidget.h"
#include "ui/TrafficBar.h"
#include "SampleFleet.h"
#include "models/itemmodels/TrafficModel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QHeaderView>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

#include <ctime>
#include <memory>

using namespace rolldeck;

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 3, 14), QTime(10, 45, 0), Qt::UTC);

QModelIndex rowNamed(const QTreeView *view, const QString &name)
{
    const QAbstractItemModel *m = view->model();
    for (int r = 0; r < m->rowCount(); ++r) {
        const QModelIndex i = m->index(r, int(RolloutListModel::Column::Name));
        if (i.data().toString() == name)
            return i;
    }
    return {};
}

// checkout, canary paused at step 1/8: revision 2 (canary, 1 pod, a running analysis), revision 1 (stable, 2 pods).
RolloutInfo checkoutInfo()
{
    RolloutInfo info;
    info.name = QStringLiteral("checkout");
    info.namespaceName = QStringLiteral("shop");
    info.status = QStringLiteral("Paused");
    info.message = QStringLiteral("CanaryPauseStep");
    info.icon = QString::fromUtf16(icons::kPaused);
    info.strategy = QStringLiteral("Canary");
    info.currentStepIndex = 1;
    info.stepCount = 8;
    info.step = QStringLiteral("1/8");
    info.currentStep = QStringLiteral("pause: 30m");
    info.setWeight = 5;
    info.actualWeight = 5;
    info.paused = true;
    info.pauseRemainingMs = 29 * 60 * 1000;
    info.replicas = {10, 11, 1, 11, 11};
    info.images = {{QStringLiteral("registry.example.com/checkout:2.1"), {QStringLiteral("canary")}},
                   {QStringLiteral("registry.example.com/checkout:2.0"), {QStringLiteral("stable")}}};
    const auto pod = [](const QString &name) {
        PodInfo p;
        p.name = name;
        p.status = QStringLiteral("Running");
        p.icon = QString::fromUtf16(icons::kOk);
        p.readyContainers = p.totalContainers = 1;
        p.age = QStringLiteral("2m");
        return p;
    };
    RevisionInfo r2;
    r2.revision = 2;
    ReplicaSetInfo canary;
    canary.name = QStringLiteral("checkout-7d9f");
    canary.status = QStringLiteral("Healthy");
    canary.icon = QString::fromUtf16(icons::kOk);
    canary.canary = true;
    canary.pods << pod(QStringLiteral("checkout-7d9f-abcde"));
    r2.replicaSets << canary;
    AnalysisRunInfo run;
    run.name = QStringLiteral("checkout-7d9f-2");
    run.status = QStringLiteral("Running");
    run.icon = QString::fromUtf16(icons::kProgressing);
    run.successful = 3;
    r2.analysisRuns << run;
    RevisionInfo r1;
    r1.revision = 1;
    ReplicaSetInfo stable;
    stable.name = QStringLiteral("checkout-5c4b");
    stable.status = QStringLiteral("Healthy");
    stable.icon = QString::fromUtf16(icons::kOk);
    stable.stable = true;
    stable.pods << pod(QStringLiteral("checkout-5c4b-fghij")) << pod(QStringLiteral("checkout-5c4b-klmno"));
    r1.replicaSets << stable;
    info.revisions = {r2, r1};
    return info;
}

// checkout's traffic at 5%: both Services where they belong, the VirtualService edited by hand to 40%.
TrafficInfo checkoutTraffic(int meshCanary)
{
    TrafficInfo t;
    t.namespaceName = QStringLiteral("shop");
    t.weighted = true;
    t.desiredCanaryWeight = 5;
    t.desiredStableWeight = 95;
    const auto service = [](TrafficRefs::ServiceRole role, const QString &name, const QString &hash, int revision,
                            int pods) {
        ServiceTraffic s;
        s.role = role;
        s.namespaceName = QStringLiteral("shop");
        s.name = name;
        s.state = TrafficLookup::State::Found;
        s.podTemplateHash = s.expectedHash = hash;
        s.revision = revision;
        s.pods = s.readyPods = pods;
        return s;
    };
    t.services << service(TrafficRefs::ServiceRole::Stable, QStringLiteral("checkout-stable"), QStringLiteral("5c4b"),
                          1, 2)
               << service(TrafficRefs::ServiceRole::Canary, QStringLiteral("checkout-canary"), QStringLiteral("7d9f"),
                          2, 1);
    VirtualServiceTraffic vs;
    vs.namespaceName = QStringLiteral("shop");
    vs.name = QStringLiteral("checkout-vs");
    vs.state = TrafficLookup::State::Found;
    RouteTraffic route;
    route.name = QStringLiteral("primary");
    const auto destination = [](const QString &host, DestinationTraffic::Target target, int weight, int desired) {
        DestinationTraffic d;
        d.host = host;
        d.target = target;
        d.weight = weight;
        d.desired = desired;
        d.problem = weight == desired ? TrafficProblem::None : TrafficProblem::WeightMismatch;
        return d;
    };
    route.destinations << destination(QStringLiteral("checkout-stable"), DestinationTraffic::Target::Stable,
                                      100 - meshCanary, 95)
                       << destination(QStringLiteral("checkout-canary"), DestinationTraffic::Target::Canary, meshCanary,
                                      5);
    vs.routes << route;
    t.virtualServices << vs;
    return t;
}

} // namespace

class TestRolloutDetailPanel : public QObject
{
    Q_OBJECT

    std::unique_ptr<RolloutListModel> m_list;
    std::unique_ptr<RolloutDetailModel> m_detail;
    std::unique_ptr<MainWindow> m_window;

    template <typename T>
    T *child(const char *name) const
    {
        return m_window->findChild<T *>(QString::fromLatin1(name));
    }
    QTreeView *table() const { return m_window->rolloutsPanel()->view(); }

private slots:
    void initTestCase()
    {
        qputenv("TZ", "UTC");
        tzset();
        QStandardPaths::setTestModeEnabled(true);
    }

    void init()
    {
        m_list = std::make_unique<RolloutListModel>();
        m_list->setClock([] { return kNow; });
        m_detail = std::make_unique<RolloutDetailModel>();
        m_window = std::make_unique<MainWindow>();
        m_window->setRolloutModel(m_list.get());
        m_window->setRolloutDetailModel(m_detail.get());
        m_window->setHasClusters(true);
        m_list->upsert(test::sampleFleet(kNow));
        // What the composition root does on a request, without a cluster: aim the model and say it is loading.
        connect(m_window.get(), &MainWindow::rolloutDetailRequested, m_detail.get(),
                [this](const QString &cluster, const QString &ns, const QString &name) {
                    m_detail->setTarget(cluster, ns, name);
                    m_detail->setAvailability(RolloutDetailModel::Availability::Loading);
                });
        m_window->resize(1280, 800);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup()
    {
        m_window.reset();
        m_detail.reset();
        m_list.reset();
    }

    // Destroying the window with the detail open is not closing the detail: nothing is emitted from the window
    // while it is half destroyed. The sanitizer build found a MainWindow slot called on what was left of it
    // (QWidget's destructor hiding the dock); there, without the fix, UBSan stops this test.
    void destroyingTheWindowIsNotClosingTheDetail()
    {
        m_window->openRolloutDetail(QStringLiteral("production-eu"), QStringLiteral("shop"),
                                    QStringLiteral("checkout"));
        QTRY_VERIFY(m_window->detailDock()->isVisible());
        QSignalSpy closed(m_window.get(), &MainWindow::rolloutDetailClosed);
        m_window.reset();
        QCOMPARE(closed.size(), 0);
    }

    // The detail's fields can be selected with the mouse; they keep no text document (laid out again at every update
    // of the open rollout) until the pointer first enters one.
    void fieldsBecomeSelectableUnderThePointer()
    {
        m_window->openRolloutDetail(QStringLiteral("production-eu"), QStringLiteral("shop"),
                                    QStringLiteral("checkout"));
        m_detail->setInfo(checkoutInfo());
        m_detail->setAvailability(RolloutDetailModel::Availability::Ready);
        QTRY_VERIFY(m_window->detailDock()->isVisible());
        for (const char *name : {"detailStrategy", "detailFacts", "detailLastAction"}) {
            QLabel *field = child<QLabel>(name);
            QVERIFY2(field, name);
            QVERIFY(!(field->textInteractionFlags() & Qt::TextSelectableByMouse));
            QCOMPARE(field->cursor().shape(), Qt::IBeamCursor);
        }
        QLabel *strategy = child<QLabel>("detailStrategy");
        QTRY_VERIFY(strategy->isVisible() && !strategy->text().isEmpty());
        QEnterEvent enter(QPointF(2, 2), strategy->mapToGlobal(QPointF(2, 2)), strategy->mapToGlobal(QPointF(2, 2)));
        QApplication::sendEvent(strategy, &enter);
        QCOMPARE(strategy->textInteractionFlags(), Qt::TextSelectableByMouse);
        QTest::mouseDClick(strategy, Qt::LeftButton, {}, QPoint(4, strategy->height() / 2));
        QVERIFY(strategy->hasSelectedText());
        QVERIFY(strategy->text().startsWith(strategy->selectedText()));
    }

    void enterOnARowOpensItsDetail()
    {
        QDockWidget *dock = m_window->detailDock();
        QVERIFY(dock->isHidden());
        QSignalSpy requested(m_window.get(), &MainWindow::rolloutDetailRequested);
        const QModelIndex row = rowNamed(table(), QStringLiteral("checkout"));
        QVERIFY(row.isValid());
        table()->setFocus();
        table()->setCurrentIndex(row);
        QTest::keyClick(table(), Qt::Key_Return);
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first(),
                 (QVariantList{QStringLiteral("production-eu"), QStringLiteral("shop"), QStringLiteral("checkout")}));
        QTRY_VERIFY(dock->isVisible());
        QCOMPARE(child<QLabel>("detailTitle")->text(), QStringLiteral("shop/checkout on production-eu"));
        QLabel *placeholder = child<QLabel>("detailPlaceholder");
        QVERIFY(placeholder->isVisible());
        QCOMPARE(placeholder->text(), QStringLiteral("Loading…"));

        // The view arrives: summary and tree, revisions expanded.
        QAbstractItemModelTester tester(m_window->detailPanel()->view()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_detail->setInfo(checkoutInfo());
        m_detail->setAvailability(RolloutDetailModel::Availability::Ready);
        QVERIFY(!placeholder->isVisible());
        QCOMPARE(child<QLabel>("detailStatus")->text(), QStringLiteral("Paused"));
        QVERIFY(!child<QLabel>("detailStatusIcon")->pixmap().isNull());
        QCOMPARE(child<QLabel>("detailMessage")->text(), QStringLiteral("CanaryPauseStep"));
        QCOMPARE(child<QLabel>("detailStrategy")->text(), QStringLiteral("Canary"));
        QCOMPARE(child<QLabel>("detailStep")->text(), QStringLiteral("1/8 (pause: 30m)"));
        QCOMPARE(child<QLabel>("detailSetWeight")->text(), QStringLiteral("5"));
        QCOMPARE(child<QLabel>("detailActualWeight")->text(), QStringLiteral("5"));
        QCOMPARE(child<QLabel>("detailPauseRemaining")->text(), QStringLiteral("29m"));
        QVERIFY(child<QLabel>("detailImages")
                    ->text()
                    .contains(QStringLiteral("registry.example.com/checkout:2.1 (canary)")));
        // The header's last-action line is there before anyone acted; the timeline and the traffic bar for a canary.
        QCOMPARE(child<QLabel>("detailLastAction")->text(), QStringLiteral("Last action: none recorded by Rolldeck"));
        QVERIFY(child<StepTimelineWidget>("stepTimeline")->isVisible());
        QVERIFY(!child<QWidget>("blueGreenSides")->isVisible());
        QCOMPARE(child<TrafficBar>("trafficBar")->caption(),
                 QStringLiteral("Set 5 %, observed the same · no traffic router: routing follows the replica share"));
        // Past its last step, the canary is the stable: the bar says so instead of "canary 100 %".
        RolloutInfo done = checkoutInfo();
        done.timeline.complete = true;
        done.setWeight = done.actualWeight = 100;
        m_detail->setInfo(done);
        QCOMPARE(child<TrafficBar>("trafficBar")->caption(),
                 QStringLiteral("Fully promoted: the new revision is the stable one and takes all traffic"));
        QVERIFY(child<TrafficBar>("trafficBar")->split().promoted);
        RolloutInfo acted = checkoutInfo();
        acted.lastAction = parseLastAction(QStringLiteral(
            R"j({"verb":"promote","actor":"alice","time":"2026-03-14T10:33:00.000Z","reason":"flat error rate"})j"));
        m_detail->setInfo(acted);
        QVERIFY2(
            child<QLabel>("detailLastAction")->text().startsWith(QStringLiteral("Last action: promote by alice, ")),
            qPrintable(child<QLabel>("detailLastAction")->text()));
        QVERIFY(child<QLabel>("detailLastAction")->text().endsWith(QStringLiteral(": “flat error rate”")));
        m_detail->setInfo(checkoutInfo());
        QTreeView *tree = m_window->detailPanel()->view();
        QVERIFY(tree->isVisible());
        QCOMPARE(tree->model()->rowCount(), 2);
        const QModelIndex revision = tree->model()->index(0, 0);
        QVERIFY(tree->isExpanded(revision));
        const QModelIndex canary = tree->model()->index(0, 0, revision);
        QCOMPARE(canary.data().toString(), QStringLiteral("checkout-7d9f"));
        QVERIFY(tree->isExpanded(canary));
        QVERIFY(!tree->model()
                     ->index(0, int(RolloutDetailModel::Column::Status), canary)
                     .data(Qt::DecorationRole)
                     .isNull());

        // A new pod of an expanded ReplicaSet shows up without collapsing anything.
        RolloutInfo more = checkoutInfo();
        PodInfo second = more.revisions[0].replicaSets[0].pods[0];
        second.name = QStringLiteral("checkout-7d9f-zzzzz");
        more.revisions[0].replicaSets[0].pods << second;
        m_detail->setInfo(more);
        QCOMPARE(tree->model()->rowCount(canary), 2);
        QVERIFY(tree->isExpanded(revision));

        // Staleness is said in the panel.
        QLabel *stale = child<QLabel>("detailStaleLabel");
        QVERIFY(!stale->isVisible());
        m_detail->setStaleness({kNow.addSecs(-12), QStringLiteral("connection refused")});
        QVERIFY(stale->isVisible());
        QCOMPARE(stale->text(), QStringLiteral("⚠ Stale since 10:44:48 (connection refused)"));
        m_detail->setStaleness({{}, {}});
        QVERIFY(!stale->isVisible());
    }

    void trafficSectionFlagsMismatches()
    {
        m_window->openRolloutDetail(QStringLiteral("production-eu"), QStringLiteral("shop"),
                                    QStringLiteral("checkout"));
        m_detail->setInfo(checkoutInfo());
        m_detail->setAvailability(RolloutDetailModel::Availability::Ready);
        QTRY_VERIFY(m_window->detailDock()->isVisible());
        QWidget *section = child<QWidget>("trafficSection");
        QVERIFY(section);
        QVERIFY(!section->isVisible()); // no Services or VirtualServices known: no section

        QTableView *view = m_window->detailPanel()->trafficView();
        QAbstractItemModelTester tester(view->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_detail->traffic()->setTraffic(checkoutTraffic(5));
        QVERIFY(section->isVisible());
        QCOMPARE(view->model()->rowCount(), 4);
        QCOMPARE(child<QLabel>("trafficSummary")->text(), QStringLiteral("— the rollout wants 5% canary, 95% stable"));
        const int canary = m_detail->traffic()->destinationRow(QStringLiteral("checkout-vs"), QStringLiteral("primary"),
                                                               QStringLiteral("checkout-canary"), {});
        const auto cell = [view](int row, TrafficModel::Column column, int role = Qt::DisplayRole) {
            return view->model()->index(row, int(column)).data(role);
        };
        QCOMPARE(cell(canary, TrafficModel::Column::Actual).toString(), QStringLiteral("5%"));
        QVERIFY(!cell(canary, TrafficModel::Column::Status, Qt::DecorationRole).isNull());
        QVERIFY(cell(canary, TrafficModel::Column::Status, Qt::BackgroundRole).isNull());
        // Every row fits: the table is as tall as its rows, no scrolling for four lines.
        QVERIFY(view->height() >= view->verticalHeader()->length());

        // The mesh edited by hand: flagged in the rows and counted in the header.
        m_detail->traffic()->setTraffic(checkoutTraffic(40));
        QCOMPARE(cell(canary, TrafficModel::Column::Actual).toString(), QStringLiteral("40%"));
        QCOMPARE(cell(canary, TrafficModel::Column::Status).toString(),
                 QStringLiteral("The mesh sends 40%, the rollout wants 5%"));
        QVERIFY(!cell(canary, TrafficModel::Column::Status, Qt::BackgroundRole).isNull());
        QVERIFY(cell(canary, TrafficModel::Column::Status, Qt::FontRole).value<QFont>().bold());
        QLabel *summary = child<QLabel>("trafficSummary");
        QVERIFY(summary->text().startsWith(QStringLiteral("— problems: 2 · ")));
        QVERIFY(summary->text().endsWith(QStringLiteral("the rollout wants 5% canary, 95% stable")));

        // The traffic watches' own staleness.
        QLabel *stale = child<QLabel>("trafficStaleLabel");
        QVERIFY(!stale->isVisible());
        m_detail->traffic()->setStaleness({kNow.addSecs(-30), QStringLiteral("HTTP 503")});
        QVERIFY(stale->isVisible());
        QCOMPARE(stale->text(), QStringLiteral("⚠ Stale since 10:44:30 (HTTP 503)"));

        const QString out = qEnvironmentVariable("ROLLDECK_SCREENSHOT");
        if (!out.isEmpty()) {
            QApplication::processEvents();
            QVERIFY(m_window->grab().save(out));
        }

        // Another rollout: the section goes with the old target.
        m_window->openRolloutDetail(QStringLiteral("production-eu"), QStringLiteral("shop"), QStringLiteral("cart"));
        QTRY_COMPARE(m_detail->name(), QStringLiteral("cart"));
        QCOMPARE(view->model()->rowCount(), 0);
        QVERIFY(!section->isVisible());
        QVERIFY(!m_detail->traffic()->isStale());
    }

    void doubleClickOpensAndCloseStops()
    {
        QSignalSpy requested(m_window.get(), &MainWindow::rolloutDetailRequested);
        QSignalSpy closed(m_window.get(), &MainWindow::rolloutDetailClosed);
        const QModelIndex row = rowNamed(table(), QStringLiteral("cart"));
        QVERIFY(row.isValid());
        table()->scrollTo(row);
        const QPoint centre = table()->visualRect(row).center();
        QTest::mouseClick(table()->viewport(), Qt::LeftButton, {}, centre);
        QTest::mouseDClick(table()->viewport(), Qt::LeftButton, {}, centre);
        QTRY_COMPARE(requested.size(), 1);
        QCOMPARE(requested.first().at(2).toString(), QStringLiteral("cart"));
        QTRY_VERIFY(m_window->detailDock()->isVisible());

        // Not found: said so instead of an empty tree.
        m_detail->setAvailability(RolloutDetailModel::Availability::NotFound);
        QCOMPARE(child<QLabel>("detailPlaceholder")->text(), QStringLiteral("This rollout does not exist (any more)."));

        QTest::mouseClick(child<QToolButton>("detailCloseButton"), Qt::LeftButton);
        QTRY_COMPARE(closed.size(), 1);
        QVERIFY(m_window->detailDock()->isHidden());
        QCOMPARE(requested.size(), 1);
    }
};

QTEST_MAIN(TestRolloutDetailPanel)
#include "tst_rolloutdetailpanel.moc"
