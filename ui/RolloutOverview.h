#pragma once

#include <QDateTime>
#include <QWidget>

class QLabel;

namespace rolldeck {

class BlueGreenSidesWidget;
class StepTimelineWidget;
class TrafficSlider;
struct LastAction;
struct RolloutInfo;

// The top of a rollout's detail: revision and age, the last action Rolldeck recorded on it (a line kept even when
// there is none, so the layout does not jump), then the canary's step timeline or the blue-green sides, and the
// traffic bar. Shows a RolloutInfo; the detail panel hands it over on every change.
class RolloutOverview : public QWidget
{
    Q_OBJECT
public:
    explicit RolloutOverview(QWidget *parent = nullptr);

    void setInfo(const RolloutInfo *info, bool stale);
    void setScale(double scale);

    StepTimelineWidget *timeline() const { return m_timeline; }
    // The traffic bar, with its handle for proposing a step or an abort (the detail panel enables it).
    TrafficSlider *trafficBar() const { return m_traffic; }
    BlueGreenSidesWidget *blueGreen() const { return m_blueGreen; }

    // "promote by alice (cluster: admin) 12 min ago: ‘error rate flat for 30 min’" (translated); "" when none.
    static QString lastActionText(const LastAction &action, const QDateTime &now);

private:
    QLabel *m_facts = nullptr;
    QLabel *m_lastAction = nullptr;
    StepTimelineWidget *m_timeline = nullptr;
    BlueGreenSidesWidget *m_blueGreen = nullptr;
    TrafficSlider *m_traffic = nullptr;
};

} // namespace rolldeck
