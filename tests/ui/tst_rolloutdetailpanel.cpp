// Opening a rollout from the table shows its detail: the request carries the row's identity, the dock shows the
// summary, the revision tree and the staleness of what it shows; closing asks the watches to stop.
#include "MainWindow.h"
#include "RolloutDetailModel.h"
#include "RolloutDetailPanel.h"
#include "RolloutListModel.h"
#include "RolloutsPanel.h"
#include "SampleFleet.h"

#include <QAbstractItemModelTester>
#include <QDockWidget>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
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
        m_detail->setStaleness(kNow.addSecs(-12), QStringLiteral("connection refused"));
        QVERIFY(stale->isVisible());
        QCOMPARE(stale->text(), QStringLiteral("⚠ Stale since 10:44:48 (connection refused)"));
        m_detail->setStaleness({}, {});
        QVERIFY(!stale->isVisible());
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
