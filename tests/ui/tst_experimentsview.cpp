// The Experiments view on real reports (stats::buildAbReport on seeded inputs, tests/models/SampleExperiments): the
// cards and the painted detail say the verdicts, the split and its sample-ratio check, the progress and the time
// left, per metric the test and why, both p-values with the fixed-horizon one greyed out before the planned sample,
// and the method; the split editor proposes new weights as an intent; the main window opens the view by menu,
// shortcut and command palette.
#include "../models/SampleExperiments.h"
#include "models/itemmodels/ExperimentListModel.h"
#include "ui/CommandPalette.h"
#include "ui/ExperimentDetail.h"
#include "ui/ExperimentsView.h"
#include "ui/MainWindow.h"
#include "ui/SplitEditDialog.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTest>

using namespace rolldeck;

namespace {

const ExperimentDetail::PaintedText *find(const ExperimentDetail *detail, const QString &start)
{
    for (const ExperimentDetail::PaintedText &t : detail->painted()) {
        if (t.text.startsWith(start))
            return &t;
    }
    return nullptr;
}

// Paints the detail as the screen would (offscreen), so painted() holds what was drawn.
void paint(QWidget *w)
{
    w->grab();
}

} // namespace

class TestExperimentsView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void detailSaysEverythingTheIssueAsksFor()
    {
        ExperimentsView view;
        QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        view.resize(1200, 900);
        view.show();
        view.setSnapshots(test::sampleExperiments());
        QCOMPARE(view.list()->model()->rowCount(), 3);
        // The first test is shown at once.
        QCOMPARE(view.chosenKey(), QStringLiteral("rolldeck-demo/production/checkout-redesign"));
        ExperimentDetail *detail = view.detail();
        paint(detail);
        const QString all = detail->paintedText();
        QVERIFY2(all.contains(QLatin1String("keep running")), qPrintable(all));
        QVERIFY(all.contains(QLatin1String("Sample-ratio check passed")));
        QVERIFY(all.contains(QLatin1String("of the planned sample")));
        QVERIFY(all.contains(QLatin1String("left at the current rate")));
        QVERIFY2(all.contains(QStringLiteral("conversion — two-proportion z-test")), qPrintable(all));
        QVERIFY(all.contains(QLatin1String("Why this test: two-proportion z-test: each visit converts or not")));
        QVERIFY(all.contains(QStringLiteral("time on page — Welch's t-test")));
        QVERIFY(all.contains(QLatin1String("Effect size: Cohen's h")));
        QVERIFY(all.contains(QLatin1String("Relative lift")));
        QVERIFY(all.contains(QLatin1String("mixture sequential probability ratio test (mSPRT")));
        // Before the planned sample the fixed-horizon p-value is greyed out and labelled; the always-valid one not.
        const ExperimentDetail::PaintedText *fixed = find(detail, QStringLiteral("Fixed-horizon p:"));
        QVERIFY(fixed);
        QVERIFY2(fixed->text.contains(QLatin1String("not valid yet: only at the planned sample")),
                 qPrintable(fixed->text));
        QCOMPARE(fixed->color, detail->palette().color(QPalette::Disabled, QPalette::WindowText));
        const ExperimentDetail::PaintedText *always = find(detail, QStringLiteral("Always-valid p (mSPRT):"));
        QVERIFY(always);
        QCOMPARE(always->color, detail->palette().color(QPalette::WindowText));
        QVERIFY(detail->minimumHeight() > 600); // everything above fits in the scroll area's page

        // The 80/20 test at its planned sample: the fixed-horizon p-value is valid and not greyed.
        view.choose(QStringLiteral("rolldeck-demo/production/search-optimisation"));
        QCOMPARE(view.list()->currentIndex().row(), 1);
        paint(detail);
        const QString search = detail->paintedText();
        QVERIFY2(search.contains(QLatin1String("optimised is better on response time")), qPrintable(search));
        QVERIFY(search.contains(QLatin1String("planned sample reached")));
        QVERIFY(search.contains(QLatin1String("Mann-Whitney U")));
        const ExperimentDetail::PaintedText *valid = find(detail, QStringLiteral("Fixed-horizon p:"));
        QVERIFY(valid && valid->text.contains(QLatin1String("valid now")));
        QCOMPARE(valid->color, detail->palette().color(QPalette::WindowText));
        QVERIFY(search.contains(QLatin1String("baseline 80.0 %")));

        // The mismatched test: said in red, before everything else.
        view.choose(QStringLiteral("rolldeck-demo/staging/pricing-banner"));
        paint(detail);
        const ExperimentDetail::PaintedText *srm = find(detail, QStringLiteral("Sample-ratio mismatch: χ² ="));
        QVERIFY2(srm, qPrintable(detail->paintedText()));
        QCOMPARE(srm->color, QColor(0xc5, 0x22, 0x1f));
        QVERIFY(detail->paintedText().contains(QLatin1String("do not trust: sample-ratio mismatch, p = ")));
    }

    void aNewReadRepaintsTheChosenTest()
    {
        ExperimentsView view;
        view.resize(1000, 800);
        view.show();
        view.setSnapshots(test::sampleExperiments());
        paint(view.detail());
        QVERIFY(view.detail()->paintedText().contains(QLatin1String("keep running")));
        // Later in the test: 60,000 visits a variant, past the plan.
        view.setSnapshots({test::checkoutRedesign(60000), test::searchOptimisation(), test::pricingBanner()});
        QCOMPARE(view.chosenKey(), QStringLiteral("rolldeck-demo/production/checkout-redesign"));
        paint(view.detail());
        const QString all = view.detail()->paintedText();
        QVERIFY2(all.contains(QLatin1String("treatment is better on conversion")), qPrintable(all));
        QVERIFY(all.contains(QLatin1String("60,110 visits")));
        // The test ends: the view shows what is left, then its empty state.
        view.setSnapshots({test::pricingBanner()});
        QCOMPARE(view.chosenKey(), QStringLiteral("rolldeck-demo/staging/pricing-banner"));
        view.setSnapshots({});
        QVERIFY(view.detail()->isEmpty());
        QVERIFY(view.findChild<QWidget *>(QStringLiteral("experimentsEmpty"))->isVisible());
    }

    void theSplitEditorProposesAnIntent()
    {
        ExperimentsView view;
        view.resize(1000, 800);
        view.show();
        view.setSnapshots(test::sampleExperiments());
        QSignalSpy intents(&view, &ExperimentsView::splitChangeRequested);
        QVERIFY(view.detail()->editSplitButton()->isVisible());
        QVERIFY(view.detail()->editSplitButton()->isEnabled());
        view.detail()->editSplitButton()->click();
        SplitEditDialog *editor = view.splitEditor();
        QVERIFY(editor);
        QPushButton *ok = editor->buttons()->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled()); // the current split: nothing to propose
        QVERIFY(editor->findChild<QWidget *>(QStringLiteral("runningWarning"))); // visits counted: a running test
        editor->slider()->setValue(70);
        QCOMPARE(editor->weights(), (QList<int>{30, 70}));
        QVERIFY(ok->isEnabled());
        ok->click();
        QCOMPARE(intents.size(), 1);
        const auto route = intents.at(0).at(0).value<stats::ExperimentRoute>();
        QCOMPARE(route.virtualService, QStringLiteral("checkout-ab"));
        QCOMPARE(route.resourceVersion, QStringLiteral("812")); // what the person saw: the precondition
        QCOMPARE(route.variants.at(0).host, QStringLiteral("checkout-control"));
        QCOMPARE(intents.at(0).at(1).value<QList<int>>(), (QList<int>{30, 70}));
        QTRY_VERIFY(!view.splitEditor());

        // Two variants: setting one weight gives the other the rest, so they always add up to 100.
        view.editSplit();
        QVERIFY(view.splitEditor());
        view.splitEditor()->setWeights({60, 50});
        QCOMPARE(view.splitEditor()->weights(), (QList<int>{50, 50})); // two variants: the other takes the rest
        view.splitEditor()->reject();
        QCOMPARE(intents.size(), 1);
    }

    void mainWindowOpensItByMenuShortcutAndPalette()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.experimentsDock()->isHidden());
        auto *action = window.findChild<QAction *>(QStringLiteral("experimentsAction"));
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
        QVERIFY(window.findChild<QMenu *>(QStringLiteral("viewMenu"))->actions().contains(action));
        action->trigger();
        QTRY_VERIFY(window.experimentsDock()->isVisible());
        window.experimentsDock()->close();
        QVERIFY(window.experimentsDock()->isHidden());

        CommandPalette *palette = window.commandPalette();
        palette->popup();
        palette->edit()->setText(QStringLiteral("exper"));
        QVERIFY(palette->results()->count() >= 1);
        QVERIFY2(palette->results()->item(0)->text().startsWith(QLatin1String("Command: Experiments")),
                 qPrintable(palette->results()->item(0)->text()));
        QTest::keyClick(palette->edit(), Qt::Key_Return);
        QTRY_VERIFY(window.experimentsDock()->isVisible());
        // Fed through the public slot, as the live source's controller will.
        QMetaObject::invokeMethod(window.experimentsView(), "setSnapshots",
                                  Q_ARG(QList<rolldeck::stats::ExperimentSnapshot>, test::sampleExperiments()));
        QCOMPARE(window.experimentsView()->model()->rowCount(), 3);
    }
};

QTEST_MAIN(TestExperimentsView)
#include "tst_experimentsview.moc"
