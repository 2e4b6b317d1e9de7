#pragma once

#include "models/charts/MetricChartModel.h"

#include <QList>
#include <QPointer>
#include <QWidget>

class QButtonGroup;
class QGridLayout;
class QLabel;

namespace rolldeck::charts {

class MetricChartView;

// The charts of a MetricChartModel in a scrolling grid, with the time-range presets (15 m, 1 h, 6 h, since the
// rollout started) above them. The rollout detail's "Metrics" tab and the deployment dashboard are one each.
class MetricsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit MetricsPanel(QWidget *parent = nullptr);
    ~MetricsPanel() override;

    void setModel(MetricChartModel *model);
    MetricChartModel *model() const { return m_model; }
    void setRangePresetsVisible(bool visible);
    // The dashboard is about no rollout: no "since the rollout started".
    void setRolloutRangeVisible(bool visible);
    void setColumns(int columns);

    QList<MetricChartView *> chartViews() const { return m_views; }
    MetricChartView *chartView(const QString &id) const;

private:
    void rebuild();
    void onDataChanged(const QModelIndex &from, const QModelIndex &to);
    void updateHeader();

    QPointer<MetricChartModel> m_model;
    QList<QMetaObject::Connection> m_connections;
    QWidget *m_presets = nullptr;
    QButtonGroup *m_rangeButtons = nullptr;
    QLabel *m_subject = nullptr;
    QLabel *m_notice = nullptr;
    QWidget *m_grid = nullptr;
    QGridLayout *m_gridLayout = nullptr;
    QList<MetricChartView *> m_views;
    int m_columns = 2;
};

} // namespace rolldeck::charts
