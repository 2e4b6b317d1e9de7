#pragma once

#include "TrafficBar.h"

#include <QList>

#include <optional>

namespace rolldeck {

// A place the traffic slider snaps to: a setWeight step ahead of the current one, the end of the steps (full
// promotion) or 0 % (abort). Argo Rollouts reverts weights it did not set, so there is nothing in between.
struct TrafficStop
{
    enum class Kind { Abort, Step, End };
    Kind kind = Kind::Step;
    int step = 0;   // the step's index (Step), the step count (End), -1 (Abort)
    int weight = 0; // the canary weight there

    friend bool operator==(const TrafficStop &, const TrafficStop &) = default;
};

// The traffic bar of a canary with a handle on its split: dragging it (or ←/→ then Enter) to a stop proposes that
// move; nothing is sent from here, the proposal goes to the confirmation. Left gives the canary more traffic, as
// the bar fills the canary from the right. Off (drawn without a handle) while the actions are not available.
class TrafficSlider : public TrafficBar
{
    Q_OBJECT
public:
    explicit TrafficSlider(QWidget *parent = nullptr);

    // The stops for a rollout as shown: 0 % (abort), each setWeight step ahead with a weight above the current one,
    // and the end at the maximum weight when no step reaches it. Empty for anything but a canary with steps.
    static QList<TrafficStop> stopsFor(const RolloutInfo &info);

    // `forward`/`back`: whether promoting / aborting is possible now, else why not (shown in the tooltip).
    void setRollout(const RolloutInfo *info, const QString &forwardWhyNot, const QString &abortWhyNot);
    const QList<TrafficStop> &stops() const { return m_stops; }
    // The stop the handle is held at now (dragging or chosen with the keys), if any.
    std::optional<TrafficStop> pending() const { return m_pending; }
    // "promote to step 4 (50 %)", "abort: all traffic back to stable", "promote fully (100 %)" (translated).
    static QString proposalText(const TrafficStop &stop);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    // The person let go of the handle at a stop (or pressed Enter on one).
    void stopProposed(const rolldeck::TrafficStop &stop);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    bool allows(const TrafficStop &stop) const;
    std::optional<TrafficStop> nearestStop(double x) const;
    void hold(const std::optional<TrafficStop> &stop);
    void propose();
    void updateToolTip();

    QList<TrafficStop> m_stops;
    int m_home = 0; // the set weight: where the handle rests
    QString m_forwardWhyNot;
    QString m_abortWhyNot;
    std::optional<TrafficStop> m_pending;
    bool m_dragging = false;
};

} // namespace rolldeck

Q_DECLARE_METATYPE(rolldeck::TrafficStop)
