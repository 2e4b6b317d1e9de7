#pragma once

#include "models/charts/MetricChart.h"

#include <QChartView>
#include <QList>

class QLabel;
class QLineSeries;
class QAreaSeries;
class QScatterSeries;
class QDateTimeAxis;
class QValueAxis;

namespace rolldeck::charts {

// One metric chart: a line per version (stable and canary, or active and preview) downsampled to the plot's width,
// the thresholds with their failing band, the controller's measurements as points coloured by verdict, markers
// for step changes and actions, and a message in the chart instead of a blank one when the query failed.
// Horizontal rubber-band zoom (right click zooms out); hovering a point shows its value, threshold and verdict.
class MetricChartView : public QChartView
{
    Q_OBJECT
public:
    explicit MetricChartView(QWidget *parent = nullptr);
    ~MetricChartView() override;

    // Replaces everything drawn with this chart's data, in bulk.
    void showChart(const MetricChart &chart);
    void setMarkers(const QList<ChartMarker> &markers);
    const MetricChart &metricChart() const { return m_data; }

    // What the chart shows instead of its lines (an error, "waiting for data", "no data"); empty when it draws.
    QString message() const;
    QLabel *messageLabel() const { return m_message; }
    // The drawn line series (for tests): one per version.
    QList<QLineSeries *> dataSeries() const { return m_lines; }
    // The y of the drawn threshold line of a role, NaN when there is none.
    double thresholdY(analysis::Threshold::Role role) const;
    // Redraws from the data kept (after a resize or zoom): downsampled to the plot's width.
    void redraw();
    bool isZoomed() const { return m_zoomed; }
    void resetZoom();

protected:
    void resizeEvent(QResizeEvent *event) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    void updateTitle();
    void updateMessage();
    void updateAxes(double yMin, double yMax);
    void drawThreshold(const std::optional<analysis::Threshold> &line, int slot, double yMin, double yMax);
    QString describePoint(double x, double y, const QString &series, const QString &extra = {}) const;
    QString formatValue(double y) const;
    int plotWidth() const;

    MetricChart m_data;
    QList<ChartMarker> m_markers;
    QChart *m_chart = nullptr;
    QDateTimeAxis *m_x = nullptr;
    QValueAxis *m_y = nullptr;
    QList<QLineSeries *> m_lines;
    QLineSeries *m_thresholdLines[2] = {nullptr, nullptr};
    QAreaSeries *m_bands[2] = {nullptr, nullptr};
    QList<QScatterSeries *> m_verdictSeries; // per verdict: measurements, or the points of a chart without a line
    QLabel *m_message = nullptr;
    bool m_zoomed = false;
    bool m_settingRange = false;
};

} // namespace rolldeck::charts
