#pragma once

#include "charts/MetricChart.h"

#include <QAbstractListModel>
#include <QList>
#include <QString>

namespace rolldeck::charts {

// The charts of one view (a rollout's metrics, or the deployment dashboard), one row each, with the markers they
// share and the time range they show. app/ fills it (charts, series, errors, markers); ui/ draws it and asks for
// another range through setRange(). A refresh replaces a chart's data whole: one dataChanged per chart.
class MetricChartModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        ErrorRole,     // the query's error, empty when it answered
        ConditionRole, // the condition text
        SourceRole,    // int(ChartSource)
        LoadingRole,   // bool
    };
    Q_ENUM(Role)

    // The time range: the last 15 minutes, hour or six hours, or since the rollout's update started.
    enum class Range { Last15Minutes, LastHour, Last6Hours, SinceRolloutStart, Last24Hours };
    Q_ENUM(Range)

    explicit MetricChartModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    const MetricChart &chart(int row) const { return m_charts.at(row); }
    int rowOf(const QString &id) const;

    // A new set of charts: rows are kept where the ids match (their data replaced), others inserted or removed.
    void setCharts(const QList<MetricChart> &charts);
    // One chart's new data (series, measurements, error), replaced whole.
    void updateChart(const MetricChart &chart);
    void clear();

    const QList<ChartMarker> &markers() const { return m_markers; }
    void setMarkers(const QList<ChartMarker> &markers);

    // What the charts are about ("canary/payments-api"), and a sentence when there is nothing to chart and why.
    const QString &subject() const { return m_subject; }
    const QString &notice() const { return m_notice; }
    void setSubject(const QString &subject);
    void setNotice(const QString &notice);

    Range range() const { return m_range; }
    void setRange(Range range);
    qint64 rolloutStartMs() const { return m_rolloutStartMs; }
    void setRolloutStart(qint64 ms) { m_rolloutStartMs = ms; }
    // The range's length in milliseconds (SinceRolloutStart: from the start to `nowMs`, at least 2 minutes).
    qint64 rangeMs(qint64 nowMs) const;

signals:
    void markersChanged();
    void subjectChanged();
    void rangeChanged(rolldeck::charts::MetricChartModel::Range range);

private:
    QList<MetricChart> m_charts;
    QList<ChartMarker> m_markers;
    QString m_subject;
    QString m_notice;
    Range m_range = Range::SinceRolloutStart;
    qint64 m_rolloutStartMs = 0;
};

} // namespace rolldeck::charts
