#pragma once

#include "TrafficSlider.h"
#include "models/argo/ActionRules.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QFormLayout;
class QLabel;
class QTabWidget;
class QTableView;
class QToolButton;
class QTreeView;

namespace rolldeck {

class RolloutDetailModel;
class RolloutOverview;
class GuardSection;
class AlertsPanel;
class CanaryJudgeSection;
class ActionBar;
struct Staleness;

// One rollout's detail: a summary (status with icon and message, strategy, step, set and actual weight, pause
// remaining, replicas, images), a "stale since … (cause)" line while its data is not known current, and the
// revision tree (revisions → ReplicaSets → pods, experiments, analysis runs), and below them the "Traffic" section:
// the rollout's Services (which ReplicaSet each points at, its ready pods) and its VirtualService routes (the
// mesh's weight per destination next to the rollout's), problems flagged. Shows a RolloutDetailModel and its
// TrafficModel; the composition root keeps them live.
class RolloutDetailPanel : public QWidget
{
    Q_OBJECT
public:
    explicit RolloutDetailPanel(QWidget *parent = nullptr);
    ~RolloutDetailPanel() override;

    void setModel(RolloutDetailModel *model);
    RolloutDetailModel *model() const;
    QTreeView *view() const { return m_view; }
    QTableView *trafficView() const { return m_trafficView; }
    QTableView *eventsView() const { return m_eventsView; }
    RolloutOverview *overview() const { return m_overview; }
    ActionBar *actionBar() const { return m_actions; }
    // The "Metrics" tab beside the revision tree and Events (the panel takes ownership).
    void setMetricsWidget(QWidget *metrics);
    QTabWidget *tabs() const { return m_tabs; }
    // Above the charts of the Metrics tab: Kayenta's judge on their stable and canary lines (setModel: the charts').
    CanaryJudgeSection *canaryJudge() const { return m_judge; }
    // Under the summary: the rollback guard's triggers for this rollout, and its alerts (docs/guard.md).
    GuardSection *guardSection() const { return m_guard; }
    AlertsPanel *alertsPanel() const { return m_alerts; }
    // Disables every action with this reason (an action in flight; a context without permission); "" lifts it.
    void setActionBlock(const QString &why);
    // The actions the person lacks permission for on the open rollout, each with why; empty: none known.
    void setActionPermissions(const QHash<ActionKind, QString> &denied);

    // "stale since 10:42:13 (connection refused)"
    static QString staleText(const Staleness &staleness);

signals:
    void closeRequested();
    // From the action bar: verb (promote, abort, ...), promote --full, undo's revision (0: the previous one).
    void actionRequested(const QString &verb, bool full, int toRevision);
    // From the traffic slider: promote to a step, promote fully, or abort, as the person proposed it.
    void trafficStopRequested(const rolldeck::TrafficStop &stop);

private:
    void updateTitle();
    void updateSummary();
    void updateStaleness();
    void updateAvailability();
    void updateTraffic();
    void updateActions();
    void updateEventsNotice();
    QLabel *addField(const QString &objectName, const QString &label);

    QPointer<RolloutDetailModel> m_model;
    QList<QMetaObject::Connection> m_modelConnections;
    QLabel *m_title = nullptr;
    QToolButton *m_closeButton = nullptr;
    ActionBar *m_actions = nullptr;
    QString m_actionBlock;
    QLabel *m_stale = nullptr;
    QLabel *m_placeholder = nullptr;
    QWidget *m_content = nullptr;
    RolloutOverview *m_overview = nullptr; // header facts, step timeline or blue-green sides, traffic bar
    QFormLayout *m_form = nullptr;
    QLabel *m_statusIcon = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_strategy = nullptr;
    QLabel *m_step = nullptr;
    QLabel *m_setWeight = nullptr;
    QLabel *m_actualWeight = nullptr;
    QLabel *m_pause = nullptr;
    QLabel *m_replicas = nullptr;
    QLabel *m_images = nullptr;
    QTreeView *m_view = nullptr;
    QWidget *m_trafficSection = nullptr;
    QLabel *m_trafficSummary = nullptr;
    QLabel *m_trafficStale = nullptr;
    QTableView *m_trafficView = nullptr;
    QTableView *m_eventsView = nullptr;
    QLabel *m_eventsNotice = nullptr; // why no Events are shown: none, or they cannot be read
    QTabWidget *m_tabs = nullptr;
    GuardSection *m_guard = nullptr;
    AlertsPanel *m_alerts = nullptr;
    CanaryJudgeSection *m_judge = nullptr;
};

} // namespace rolldeck
