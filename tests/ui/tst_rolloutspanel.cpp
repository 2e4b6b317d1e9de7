#include "ui/MainWindow.h"
#include "models/itemmodels/RolloutFilterProxyModel.h"
#include "models/itemmodels/RolloutListModel.h"
#include "ui/RolloutsPanel.h"
#include "SampleFleet.h"
#include "ui/StatusStyle.h"
#include "models/domain/Duration.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

#include <ctime>
#include <memory>

using namespace rolldeck;
using Column = RolloutListModel::Column;

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 3, 14), QTime(10, 45, 0), Qt::UTC);

// (cluster/namespace/name) of every row the view shows, in view order.
QStringList shownRows(const QTreeView *view)
{
    QStringList out;
    const QAbstractItemModel *m = view->model();
    for (int r = 0; r < m->rowCount(); ++r) {
        out << m->index(r, int(Column::Cluster)).data().toString() + u'/' +
                   m->index(r, int(Column::Namespace)).data().toString() + u'/' +
                   m->index(r, int(Column::Name)).data().toString();
    }
    return out;
}

int rowOf(const QTreeView *view, const QString &path)
{
    return int(shownRows(view).indexOf(path));
}

} // namespace

class TestRolloutsPanel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<RolloutListModel> m_model;
    std::unique_ptr<MainWindow> m_window;

    RolloutsPanel *panel() const { return m_window->rolloutsPanel(); }
    QTreeView *view() const { return panel()->view(); }
    template <typename T>
    T *child(const char *name) const
    {
        T *w = m_window->findChild<T *>(QString::fromLatin1(name));
        if (!w)
            qWarning("no child %s", name);
        return w;
    }

private slots:
    void initTestCase()
    {
        // Times in the stale banner are local: pin the zone so the expected text is fixed.
        qputenv("TZ", "UTC");
        tzset();
        QStandardPaths::setTestModeEnabled(true);
    }

    void init()
    {
        m_model = std::make_unique<RolloutListModel>();
        m_model->setClock([] { return kNow; });
        m_window = std::make_unique<MainWindow>();
        m_window->setRolloutModel(m_model.get());
        m_window->setHasClusters(true);
        m_model->upsert(test::sampleFleet(kNow));
        m_window->resize(1280, 720);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void cleanup()
    {
        m_window.reset();
        m_model.reset();
    }

    void emptyWorkspaceKeepsNoClustersState()
    {
        MainWindow w;
        auto *stack = w.findChild<QStackedWidget *>();
        QVERIFY(stack);
        QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("emptyState"));
        QCOMPARE(w.findChild<QLabel *>(QStringLiteral("emptyStateTitle"))->text(), QStringLiteral("No clusters"));
        QVERIFY(!w.hasClusters());
        w.setHasClusters(true);
        QCOMPARE(stack->currentWidget(), static_cast<QWidget *>(w.rolloutsPanel()));
    }

    void emptyTableSaysWhy()
    {
        RolloutListModel empty;
        m_window->setRolloutModel(&empty);
        QVERIFY(child<QLabel>("emptyTableLabel")->isVisible());
        QCOMPARE(child<QLabel>("emptyTableLabel")->text(),
                 QStringLiteral("No rollouts in the connected clusters yet."));
        empty.upsert({test::sampleFleet(kNow).front()});
        QVERIFY(!child<QLabel>("emptyTableLabel")->isVisible());
        m_window->setRolloutModel(m_model.get());
    }

    void presentationModelIsConsistent()
    {
        QAbstractItemModelTester tester(view()->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_model->upsert({test::sampleFleet(kNow).front()});
        RolloutRow changed = test::sampleFleet(kNow).front();
        changed.status = QStringLiteral("Degraded");
        m_model->upsert({changed});
        m_model->remove({changed.key()});
        m_model->setClusterStale(QStringLiteral("staging"), {kNow, QStringLiteral("timeout")});
    }

    void tableShowsEveryRowWorstFirst()
    {
        QCOMPARE(view()->model()->rowCount(), 12);
        QCOMPARE(view()->model()->headerData(int(Column::SetWeight), Qt::Horizontal).toString(),
                 QStringLiteral("Set weight"));
        // Default sort: status by severity, worst first.
        QCOMPARE(shownRows(view()).front(), QStringLiteral("production-eu/payments/payments-api"));
        QCOMPARE(child<QLabel>("countLabel")->text(), QStringLiteral("12 rollouts"));
    }

    void statusHasIconAndColour_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("status");
        QTest::newRow("degraded") << QStringLiteral("production-eu/payments/payments-api")
                                  << QStringLiteral("Degraded");
        QTest::newRow("paused") << QStringLiteral("production-us/shop/checkout") << QStringLiteral("Paused");
        QTest::newRow("healthy") << QStringLiteral("production-us/payments/ledger") << QStringLiteral("Healthy");
        QTest::newRow("progressing") << QStringLiteral("production-us/inventory/stock-sync")
                                     << QStringLiteral("Progressing");
        QTest::newRow("unknown") << QStringLiteral("staging/identity/auth-service") << QStringLiteral("Unknown");
    }
    void statusHasIconAndColour()
    {
        QFETCH(QString, path);
        QFETCH(QString, status);
        const int row = rowOf(view(), path);
        QVERIFY(row >= 0);
        const QModelIndex idx = view()->model()->index(row, int(Column::Status));
        QCOMPARE(idx.data().toString(), status);
        const auto icon = idx.data(Qt::DecorationRole).value<QIcon>();
        QVERIFY(!icon.isNull());
        // The icon is painted in the status colour: its centre area holds that colour.
        const QImage img = icon.pixmap(32, 32).toImage();
        bool found = false;
        const QColor want = statusColor(statusSeverity(status));
        for (int y = 0; y < img.height() && !found; ++y)
            for (int x = 0; x < img.width() && !found; ++x)
                found = img.pixelColor(x, y).alpha() == 255 && img.pixelColor(x, y).rgb() == want.rgb();
        QVERIFY2(found, "status icon not drawn in the status colour");
        QCOMPARE(idx.data(Qt::ForegroundRole).value<QBrush>().color(), want);
        QCOMPARE(idx.data(RolloutListModel::StatusIconRole).toString(), statusIcon(status));
        QCOMPARE(idx.data(Qt::AccessibleTextRole).toString(), statusIcon(status) + u' ' + status);
    }

    void filterFieldMatchesNameAndNamespace_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<int>("expected");
        QTest::addColumn<QString>("count");
        QTest::newRow("name") << QStringLiteral("checkout") << 3 << QStringLiteral("3 of 12 rollouts");
        QTest::newRow("namespace") << QStringLiteral("payments") << 2 << QStringLiteral("2 of 12 rollouts");
        QTest::newRow("case-insensitive") << QStringLiteral("AUTH") << 2 << QStringLiteral("2 of 12 rollouts");
        QTest::newRow("no match") << QStringLiteral("nothing-like-this") << 0 << QStringLiteral("0 of 12 rollouts");
    }
    void filterFieldMatchesNameAndNamespace()
    {
        QFETCH(QString, typed);
        QFETCH(int, expected);
        QFETCH(QString, count);
        auto *edit = child<QLineEdit>("filterEdit");
        QVERIFY(edit);
        QTest::keyClicks(edit, typed);
        QCOMPARE(view()->model()->rowCount(), expected);
        for (const QString &row : shownRows(view()))
            QVERIFY2(row.contains(typed, Qt::CaseInsensitive), qPrintable(row));
        QCOMPARE(child<QLabel>("countLabel")->text(), count);
        QCOMPARE(child<QLabel>("emptyTableLabel")->isVisible(), expected == 0);
        if (expected == 0)
            QCOMPARE(child<QLabel>("emptyTableLabel")->text(), QStringLiteral("No rollouts match the filters."));
        edit->clear();
        QCOMPARE(view()->model()->rowCount(), 12);
    }

    void statusButtonsCountLive()
    {
        auto *degraded = child<QToolButton>("statusFilterDegraded");
        auto *paused = child<QToolButton>("statusFilterPaused");
        auto *attention = child<QToolButton>("attentionButton");
        QVERIFY(degraded && paused && attention);
        QTRY_COMPARE(degraded->text(), QStringLiteral("Degraded 1"));
        QCOMPARE(paused->text(), QStringLiteral("Paused 4"));
        QCOMPARE(attention->text(), QStringLiteral("Needs attention 5"));

        RolloutRow ledger = test::sampleFleet(kNow).at(7);
        ledger.status = QStringLiteral("Degraded");
        m_model->upsert({ledger});
        QTRY_COMPARE(degraded->text(), QStringLiteral("Degraded 2"));
        QCOMPARE(attention->text(), QStringLiteral("Needs attention 6"));
        m_model->setClusterStale(QStringLiteral("staging"), {kNow, QStringLiteral("timeout")});
        QTRY_COMPARE(attention->text(), QStringLiteral("Needs attention 7")); // + staging/checkout (Healthy)
        m_model->remove({ledger.key()});
        QTRY_COMPARE(degraded->text(), QStringLiteral("Degraded 1"));
    }

    void findShortcutFocusesTheFilter()
    {
        view()->setFocus();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QTest::keyClick(view(), Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(child<QLineEdit>("filterEdit")->hasFocus());
    }

    void statusButtonsFilter()
    {
        auto *degraded = child<QToolButton>("statusFilterDegraded");
        auto *paused = child<QToolButton>("statusFilterPaused");
        QVERIFY(degraded && paused);
        QTest::mouseClick(degraded, Qt::LeftButton);
        QCOMPARE(shownRows(view()), QStringList{QStringLiteral("production-eu/payments/payments-api")});
        QTest::mouseClick(paused, Qt::LeftButton);
        QCOMPARE(view()->model()->rowCount(), 5);
        QTest::mouseClick(degraded, Qt::LeftButton);
        QTest::mouseClick(paused, Qt::LeftButton);
        QCOMPARE(view()->model()->rowCount(), 12);
    }

    void attentionButtonShowsWhatWaitsForSomeone()
    {
        auto *attention = child<QToolButton>("attentionButton");
        QVERIFY(attention);
        QTest::mouseClick(attention, Qt::LeftButton);
        QStringList rows = shownRows(view());
        rows.sort();
        QCOMPARE(rows, (QStringList{QStringLiteral("production-eu/payments/payments-api"),
                                    QStringLiteral("production-eu/search/search-frontend"),
                                    QStringLiteral("production-eu/shop/checkout"),
                                    QStringLiteral("staging/ab-tests/pricing-page"),
                                    QStringLiteral("staging/identity/auth-service")}));
        // Each says why, on the name it makes bold.
        const QList<QPair<QString, QString>> reasons{
            {QStringLiteral("production-eu/payments/payments-api"), QStringLiteral("Needs attention: aborted")},
            {QStringLiteral("production-eu/search/search-frontend"),
             QStringLiteral("Needs attention: waiting for promotion")},
            {QStringLiteral("production-eu/shop/checkout"), QStringLiteral("Needs attention: waiting for promotion")},
            {QStringLiteral("staging/ab-tests/pricing-page"), QStringLiteral("Needs attention: analysis inconclusive")},
            {QStringLiteral("staging/identity/auth-service"), QStringLiteral("Needs attention: status unknown")}};
        for (const auto &[path, reason] : reasons) {
            const int row = rowOf(view(), path);
            QVERIFY(row >= 0);
            QCOMPARE(view()->model()->index(row, int(Column::Name)).data(Qt::ToolTipRole).toString(), reason);
        }
        // A timed canary pause resumes by itself: not in the queue. A stale cluster is.
        QVERIFY(!rows.contains(QStringLiteral("production-us/shop/checkout")));
        m_model->setClusterStale(QStringLiteral("production-us"), {kNow, QStringLiteral("connection refused")});
        QCOMPARE(view()->model()->rowCount(), 9);
        m_model->setClusterLive(QStringLiteral("production-us"));
        QCOMPARE(view()->model()->rowCount(), 5);
    }

    void clusterChoiceFilters()
    {
        auto *combo = child<QComboBox>("clusterCombo");
        QVERIFY(combo);
        QCOMPARE(combo->count(), 4); // all + 3 clusters
        combo->setCurrentIndex(combo->findText(QStringLiteral("staging")));
        QCOMPARE(view()->model()->rowCount(), 3);
        for (const QString &row : shownRows(view()))
            QVERIFY(row.startsWith(QStringLiteral("staging/")));
        // The chosen cluster disappears: the view shows all again.
        m_model->removeCluster(QStringLiteral("staging"));
        QCOMPARE(combo->count(), 3);
        QCOMPARE(combo->currentIndex(), 0);
        QCOMPARE(view()->model()->rowCount(), 9);
    }

    void staleBannerPerCluster()
    {
        auto *banner = child<QWidget>("staleBanner");
        QVERIFY(banner);
        QVERIFY(!banner->isVisible());
        m_model->setClusterStale(
            QStringLiteral("production-us"),
            {QDateTime(QDate(2026, 3, 14), QTime(10, 42, 13), Qt::UTC), QStringLiteral("connection refused")});
        QVERIFY(banner->isVisible());
        auto *label = child<QLabel>("staleLabel_production-us");
        QVERIFY(label);
        QCOMPARE(label->text(), QStringLiteral("⚠ Cluster production-us: stale since 10:42:13 (connection refused)"));

        // Its rows are greyed and say why.
        const int row = rowOf(view(), QStringLiteral("production-us/payments/ledger"));
        const QModelIndex idx = view()->model()->index(row, int(Column::Name));
        QCOMPARE(idx.data(Qt::ForegroundRole).value<QBrush>().color(),
                 QPalette().color(QPalette::Disabled, QPalette::Text));
        QVERIFY(idx.data(Qt::ToolTipRole).toString().contains(QStringLiteral("stale since 10:42:13")));
        QVERIFY(idx.data(Qt::FontRole).value<QFont>().italic());

        // A second cluster gets its own line; recovery removes each.
        m_model->setClusterStale(QStringLiteral("staging"),
                                 {QDateTime(QDate(2026, 3, 14), QTime(10, 44, 1), Qt::UTC), QString()});
        QCOMPARE(child<QLabel>("staleLabel_staging")->text(),
                 QStringLiteral("⚠ Cluster staging: stale since 10:44:01"));
        m_model->setClusterLive(QStringLiteral("production-us"));
        QVERIFY(!m_window->findChild<QLabel *>(QStringLiteral("staleLabel_production-us")));
        QVERIFY(banner->isVisible());
        m_model->setClusterLive(QStringLiteral("staging"));
        QVERIFY(!banner->isVisible());
        QVERIFY(!idx.data(Qt::FontRole).value<QFont>().italic());
    }

    void liveChangesReachTheView()
    {
        QList<RolloutRow> fleet = test::sampleFleet(kNow);
        RolloutRow ledger = fleet.at(7);
        QCOMPARE(ledger.name, QStringLiteral("ledger"));
        ledger.status = QStringLiteral("Degraded");
        m_model->upsert({ledger});
        // Sorted by severity, worst first: the newly degraded rollout moves up among the Degraded.
        QCOMPARE(rowOf(view(), QStringLiteral("production-us/payments/ledger")), 1);
        const QModelIndex idx = view()->model()->index(1, int(Column::Status));
        QCOMPARE(idx.data().toString(), QStringLiteral("Degraded"));

        RolloutRow fresh = fleet.at(0);
        fresh.uid = QStringLiteral("new-uid");
        fresh.name = QStringLiteral("checkout-v2");
        m_model->upsert({fresh});
        QCOMPARE(view()->model()->rowCount(), 13);
        m_model->remove({fresh.key(), ledger.key()});
        QCOMPARE(view()->model()->rowCount(), 11);
        QCOMPARE(child<QLabel>("countLabel")->text(), QStringLiteral("11 rollouts"));
    }

    void headerClickSortsByValue()
    {
        const int weightCol = int(Column::SetWeight);
        view()->sortByColumn(weightCol, Qt::AscendingOrder);
        QList<int> weights;
        for (int r = 0; r < view()->model()->rowCount(); ++r)
            weights << view()->model()->index(r, weightCol).data(RolloutListModel::RawValueRole).toInt();
        QVERIFY(std::is_sorted(weights.cbegin(), weights.cend()));
        QCOMPARE(weights.back(), 100); // numbers, not text: "100" after "50"
    }

    void ageRefreshOverAFleetRepaintsOnlyItsColumns()
    {
        // 600 young rollouts: every one's age reads differently a second later, so the refresh spans the whole
        // sorted view. The view repaints the two time columns, not the rows one by one nor the whole viewport.
        m_window->resize(1900, 900); // the Age column in view
        QDateTime now = kNow;
        m_model->setClock([&now] { return now; });
        QList<RolloutRow> young;
        for (int i = 0; i < 600; ++i) {
            RolloutRow r = test::sampleFleet(kNow).at(i % 12);
            r.uid = QStringLiteral("young-%1").arg(i);
            r.name = QStringLiteral("young-%1").arg(i, 3, 10, QLatin1Char('0'));
            r.created = kNow.addSecs(-30 - i % 50);
            young << r;
        }
        m_model->upsert(young);
        QCOMPARE(view()->model()->rowCount(), test::sampleFleet(kNow).size() + young.size());
        struct PaintRecorder : QObject
        {
            QRegion painted;
            bool eventFilter(QObject *, QEvent *event) override
            {
                if (event->type() == QEvent::Paint)
                    painted += static_cast<QPaintEvent *>(event)->region();
                return false;
            }
        } recorder;
        view()->viewport()->installEventFilter(&recorder);
        // The new rows' own repaint (the deferred layout runs first): once the whole viewport has been painted the
        // view has settled, and what follows is the refresh's.
        QTRY_VERIFY(recorder.painted.contains(view()->viewport()->rect()));
        recorder.painted = QRegion();
        const QHeaderView *header = view()->header();
        const auto strip = [&](Column c) {
            return QRect(header->sectionViewportPosition(int(c)), 0, header->sectionSize(int(c)),
                         view()->viewport()->height());
        };
        const QRect timeColumns = (strip(Column::LastAction) | strip(Column::Age)) & view()->viewport()->rect();
        QVERIFY(!timeColumns.isEmpty());

        now = now.addSecs(1);
        m_model->refreshAge();
        QTRY_VERIFY(!recorder.painted.isEmpty());
        QVERIFY2(timeColumns.contains(recorder.painted.boundingRect()),
                 qPrintable(QStringLiteral("painted %1,%2 %3x%4 outside the time columns")
                                .arg(recorder.painted.boundingRect().x())
                                .arg(recorder.painted.boundingRect().y())
                                .arg(recorder.painted.boundingRect().width())
                                .arg(recorder.painted.boundingRect().height())));
        // Every visible young row's time cells are repainted, with the new reading.
        int checked = 0;
        for (int r = 0; r < view()->model()->rowCount(); ++r) {
            const QModelIndex age = view()->model()->index(r, int(Column::Age));
            const QRect cell = view()->visualRect(age) & view()->viewport()->rect();
            if (!age.siblingAtColumn(int(Column::Name)).data().toString().startsWith(u"young-") || cell.height() <= 0 ||
                cell.width() <= 0)
                continue;
            QVERIFY(recorder.painted.contains(cell));
            const QDateTime created = age.data(RolloutListModel::RawValueRole).toDateTime();
            QCOMPARE(age.data().toString(), humanDuration(std::chrono::milliseconds(created.msecsTo(now))));
            ++checked;
        }
        QVERIFY(checked >= 5);

        // A click on Age sorts by it through the view's proxies (newest first), and the next refresh keeps the order.
        view()->sortByColumn(int(Column::Age), Qt::AscendingOrder);
        const QStringList byAge = shownRows(view());
        const QAbstractItemModel *shown = view()->model();
        for (int r = 1; r < shown->rowCount(); ++r) {
            const auto created = [shown](int row) {
                return shown->index(row, int(Column::Age)).data(RolloutListModel::RawValueRole).toDateTime();
            };
            QVERIFY2(created(r - 1) >= created(r), qPrintable(byAge.at(r)));
        }
        now = now.addSecs(1);
        m_model->refreshAge();
        QCOMPARE(shownRows(view()), byAge);
        view()->viewport()->removeEventFilter(&recorder);
    }
};

QTEST_MAIN(TestRolloutsPanel)
#include "tst_rolloutspanel.moc"
