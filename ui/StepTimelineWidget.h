#pragma once

#include "models/argo/RolloutTimeline.h"

#include <QWidget>

namespace rolldeck {

// A canary's steps drawn as a timeline: one node per step (done, current, pending or aborted) with its kind and
// weight, a live countdown under a timed pause, the verdict under an analysis step and, below, the background
// analysis with the failing metric's value and condition. Painted; the scale enlarges it for presenter mode.
class StepTimelineWidget : public QWidget
{
    Q_OBJECT
public:
    explicit StepTimelineWidget(QWidget *parent = nullptr);

    void setTimeline(const StepTimeline &timeline);
    const StepTimeline &timeline() const { return m_timeline; }
    // Data not known current: drawn muted, never as live.
    void setStale(bool stale);
    // Type and node size relative to the window's font (1 in the detail, about 1.6 on the presenter board).
    void setScale(double scale);
    // Count timed pauses down by the wall clock, repainting every second (the presenter board, whose rows are
    // rebuilt only when the rollout changes). Off: the time left as the timeline says.
    void setLiveCountdown(bool live);

    // What one step's column says, for people (translated): title, state line and analysis line.
    static QString stepTitle(const TimelineStep &step);
    // With `now`, a timed pause counts down to its end from it; without, it says the time left when built.
    static QString stepStateText(const TimelineStep &step, const QDateTime &now = {});
    static QString verdictText(const AnalysisVerdict &verdict);
    // "Step 3/7 · canary 25 %" (the current step's index over the count, as the Step field and the table count) and,
    // when the steps are the seed's phases, says so.
    QString headline() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    QFont scaledFont(double factor, bool bold = false) const;
    int columnWidth() const;
    int stepAt(const QPoint &pos) const;

    StepTimeline m_timeline;
    bool m_stale = false;
    double m_scale = 1.0;
    class QTimer *m_tick = nullptr;
};

} // namespace rolldeck
