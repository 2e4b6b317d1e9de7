#pragma once

#include "models/charts/ChartJudge.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QGridLayout;
class QLabel;

namespace rolldeck {

namespace charts {
class MetricChartModel;
}

// The detail's "Canary judge" section (over the Metrics tab's charts): Kayenta's judge on the stable and canary
// series the charts already hold (charts::judgeCharts), the score with Pass, Marginal or Fail, and per metric its
// classification with the reason in words. Judged again whenever the charts change (at most once per event loop
// turn); hidden while the charts hold no stable and canary pair.
class CanaryJudgeSection : public QWidget
{
    Q_OBJECT
public:
    explicit CanaryJudgeSection(QWidget *parent = nullptr);

    void setModel(charts::MetricChartModel *model);
    const charts::ChartJudgement &judgement() const { return m_judgement; }
    // Everything the section says, one line each (tests).
    QString text() const;

private:
    void schedule();
    void judge();
    void rebuild();

    QPointer<charts::MetricChartModel> m_model;
    QList<QMetaObject::Connection> m_connections;
    QTimer m_pending{this};
    charts::ChartJudgement m_judgement;
    QLabel *m_score = nullptr;
    QLabel *m_method = nullptr;
    QWidget *m_rows = nullptr;
    QGridLayout *m_grid = nullptr;
};

} // namespace rolldeck
