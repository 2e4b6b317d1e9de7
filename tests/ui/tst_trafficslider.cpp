// The traffic slider: it snaps only to the rollout's own setWeight steps ahead, 0 % (abort) and the end; dragging
// or the arrow keys then Enter propose a stop and send nothing; with promote or abort unavailable those stops are
// out of reach, and the tooltip says why.
#include "models/argo/RolloutInfo.h"
#include "ui/TrafficSlider.h"

#include <QApplication>
#include <QSignalSpy>
#include <QTest>

using namespace rolldeck;

namespace {

// A canary at step index `current` of [20, pause, 40, pause, 60, pause].
RolloutInfo canaryAt(int current, int setWeight)
{
    RolloutInfo info;
    info.name = QStringLiteral("web");
    info.strategy = QStringLiteral("Canary");
    info.status = QStringLiteral("Paused");
    info.currentStepIndex = current;
    info.setWeight = setWeight;
    info.actualWeight = setWeight;
    const int weights[] = {20, 20, 40, 40, 60, 60};
    for (int i = 0; i < 6; ++i) {
        TimelineStep step;
        step.index = i;
        step.kind = i % 2 == 0 ? TimelineStep::Kind::SetWeight : TimelineStep::Kind::Pause;
        step.weight = weights[i];
        step.state = i < current ? TimelineStep::State::Done
                                 : (i == current ? TimelineStep::State::Current : TimelineStep::State::Pending);
        info.timeline.steps << step;
    }
    info.timeline.currentStepIndex = current;
    info.stepCount = 6;
    return info;
}

} // namespace

class TestTrafficSlider : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<TrafficStop>(); }

    void snapsToTheStepsAhead()
    {
        const QList<TrafficStop> stops = TrafficSlider::stopsFor(canaryAt(1, 20));
        const QList<TrafficStop> expected{{TrafficStop::Kind::Abort, -1, 0},
                                          {TrafficStop::Kind::Step, 2, 40},
                                          {TrafficStop::Kind::Step, 4, 60},
                                          {TrafficStop::Kind::End, 6, 100}};
        QCOMPARE(stops, expected);
        // Past steps are not stops: Argo Rollouts cannot go back a step, only abort.
        QCOMPARE(TrafficSlider::stopsFor(canaryAt(3, 40)).size(), 3);
        RolloutInfo blueGreen;
        blueGreen.strategy = QStringLiteral("BlueGreen");
        QVERIFY(TrafficSlider::stopsFor(blueGreen).isEmpty());
    }

    void keysProposeAStepOnlyOnEnter()
    {
        TrafficSlider slider;
        slider.resize(600, slider.sizeHint().height());
        const RolloutInfo info = canaryAt(1, 20);
        slider.setRollout(&info, {}, {});
        slider.show();
        QVERIFY(QTest::qWaitForWindowExposed(&slider));
        QSignalSpy proposed(&slider, &TrafficSlider::stopProposed);
        QTest::keyClick(&slider, Qt::Key_Left); // more canary: the next step
        QCOMPARE(slider.pending()->weight, 40);
        QTest::keyClick(&slider, Qt::Key_Left);
        QCOMPARE(slider.pending()->step, 4);
        QTest::keyClick(&slider, Qt::Key_Right);
        QCOMPARE(slider.pending()->weight, 40);
        QCOMPARE(proposed.size(), 0); // nothing before Enter
        QTest::keyClick(&slider, Qt::Key_Return);
        QCOMPARE(proposed.size(), 1);
        const auto stop = proposed.first().first().value<TrafficStop>();
        QCOMPARE(stop.kind, TrafficStop::Kind::Step);
        QCOMPARE(stop.step, 2);
        QCOMPARE(TrafficSlider::proposalText(stop), QStringLiteral("promote to step 2 (weight 40 %)"));
        QVERIFY(!slider.pending()); // the handle goes back: only the confirmation, then the watch, move it
        // Right from the handle: abort; Escape lets go.
        QTest::keyClick(&slider, Qt::Key_Right);
        QCOMPARE(slider.pending()->kind, TrafficStop::Kind::Abort);
        QTest::keyClick(&slider, Qt::Key_Escape);
        QVERIFY(!slider.pending());
        QCOMPARE(proposed.size(), 1);
    }

    void dragToZeroProposesAbort()
    {
        TrafficSlider slider;
        slider.resize(600, slider.sizeHint().height());
        const RolloutInfo info = canaryAt(1, 20);
        slider.setRollout(&info, {}, {});
        slider.show();
        QVERIFY(QTest::qWaitForWindowExposed(&slider));
        QSignalSpy proposed(&slider, &TrafficSlider::stopProposed);
        const int y = slider.height() / 4;
        QTest::mousePress(&slider, Qt::LeftButton, {}, QPoint(480, y)); // about 20 %: the handle's own place
        QVERIFY(!slider.pending());
        QMouseEvent move(QEvent::MouseMove, QPointF(598, y), slider.mapToGlobal(QPointF(598, y)), Qt::NoButton,
                         Qt::LeftButton, {});
        QApplication::sendEvent(&slider, &move);
        QCOMPARE(slider.pending()->kind, TrafficStop::Kind::Abort);
        QTest::mouseRelease(&slider, Qt::LeftButton, {}, QPoint(598, y));
        QCOMPARE(proposed.size(), 1);
        QCOMPARE(proposed.first().first().value<TrafficStop>().kind, TrafficStop::Kind::Abort);
        // Dragged to the left edge: the end, full promotion.
        proposed.clear();
        QTest::mousePress(&slider, Qt::LeftButton, {}, QPoint(2, y));
        QTest::mouseRelease(&slider, Qt::LeftButton, {}, QPoint(2, y));
        QCOMPARE(proposed.size(), 1);
        QCOMPARE(proposed.first().first().value<TrafficStop>().kind, TrafficStop::Kind::End);
    }

    void unavailableActionsAreOutOfReach()
    {
        TrafficSlider slider;
        slider.resize(600, slider.sizeHint().height());
        const RolloutInfo info = canaryAt(1, 20);
        const QString why = QStringLiteral("read-only context: no patch on rollouts/status");
        slider.setRollout(&info, why, why);
        QCOMPARE(slider.focusPolicy(), Qt::NoFocus);
        QVERIFY2(slider.toolTip().contains(why), qPrintable(slider.toolTip()));
        QSignalSpy proposed(&slider, &TrafficSlider::stopProposed);
        QTest::mousePress(&slider, Qt::LeftButton, {}, QPoint(598, 5));
        QTest::mouseRelease(&slider, Qt::LeftButton, {}, QPoint(598, 5));
        QTest::keyClick(&slider, Qt::Key_Right);
        QTest::keyClick(&slider, Qt::Key_Return);
        QCOMPARE(proposed.size(), 0);
        // Promote allowed, abort not: only forward stops.
        slider.setRollout(&info, {}, QStringLiteral("Already aborted."));
        QTest::mousePress(&slider, Qt::LeftButton, {}, QPoint(598, 5));
        QTest::mouseRelease(&slider, Qt::LeftButton, {}, QPoint(598, 5));
        QCOMPARE(proposed.size(), 0);
    }
};

QTEST_MAIN(TestTrafficSlider)
#include "tst_trafficslider.moc"
