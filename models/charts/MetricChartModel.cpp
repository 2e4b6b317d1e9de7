#include "charts/MetricChartModel.h"

#include <algorithm>

namespace rolldeck::charts {

MetricChartModel::MetricChartModel(QObject *parent) : QAbstractListModel(parent) {}

int MetricChartModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_charts.size());
}

QVariant MetricChartModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MetricChart &c = m_charts.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return c.spec.title;
    case Qt::ToolTipRole:
        return c.spec.query;
    case IdRole:
        return c.spec.id;
    case ErrorRole:
        return c.error;
    case ConditionRole:
        return c.spec.conditionText;
    case SourceRole:
        return int(c.spec.source);
    case LoadingRole:
        return c.loading;
    default:
        return {};
    }
}

QHash<int, QByteArray> MetricChartModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "chartId");
    names.insert(ErrorRole, "error");
    names.insert(ConditionRole, "condition");
    names.insert(SourceRole, "source");
    names.insert(LoadingRole, "loading");
    return names;
}

int MetricChartModel::rowOf(const QString &id) const
{
    for (int i = 0; i < m_charts.size(); ++i) {
        if (m_charts.at(i).spec.id == id)
            return i;
    }
    return -1;
}

void MetricChartModel::setCharts(const QList<MetricChart> &charts)
{
    // Drop the rows whose id is gone (from the end, so rows stay valid), then update or insert in order.
    for (int row = int(m_charts.size()) - 1; row >= 0; --row) {
        const QString &id = m_charts.at(row).spec.id;
        const bool kept =
            std::any_of(charts.begin(), charts.end(), [&](const MetricChart &c) { return c.spec.id == id; });
        if (!kept) {
            beginRemoveRows({}, row, row);
            m_charts.removeAt(row);
            endRemoveRows();
        }
    }
    for (int i = 0; i < charts.size(); ++i) {
        const int row = rowOf(charts.at(i).spec.id);
        if (row == i) {
            m_charts[i] = charts.at(i);
            emit dataChanged(index(i), index(i));
        } else if (row > i) {
            beginMoveRows({}, row, row, {}, i);
            m_charts.move(row, i);
            endMoveRows();
            m_charts[i] = charts.at(i);
            emit dataChanged(index(i), index(i));
        } else {
            beginInsertRows({}, i, i);
            m_charts.insert(i, charts.at(i));
            endInsertRows();
        }
    }
}

void MetricChartModel::updateChart(const MetricChart &chart)
{
    const int row = rowOf(chart.spec.id);
    if (row < 0)
        return;
    m_charts[row] = chart;
    emit dataChanged(index(row), index(row));
}

void MetricChartModel::clear()
{
    if (!m_charts.isEmpty()) {
        beginResetModel();
        m_charts.clear();
        endResetModel();
    }
    setMarkers({});
}

void MetricChartModel::setMarkers(const QList<ChartMarker> &markers)
{
    const bool same = markers.size() == m_markers.size() &&
                      std::equal(markers.begin(), markers.end(), m_markers.begin(), [](const auto &a, const auto &b) {
                          return a.timeMs == b.timeMs && a.kind == b.kind && a.text == b.text && a.actor == b.actor;
                      });
    if (same)
        return;
    m_markers = markers;
    emit markersChanged();
}

void MetricChartModel::setSubject(const QString &subject)
{
    if (subject == m_subject)
        return;
    m_subject = subject;
    emit subjectChanged();
}

void MetricChartModel::setNotice(const QString &notice)
{
    if (notice == m_notice)
        return;
    m_notice = notice;
    emit subjectChanged();
}

void MetricChartModel::setRange(Range range)
{
    if (range == m_range)
        return;
    m_range = range;
    emit rangeChanged(range);
}

qint64 MetricChartModel::rangeMs(qint64 nowMs) const
{
    constexpr qint64 kMinute = 60 * 1000;
    switch (m_range) {
    case Range::Last15Minutes:
        return 15 * kMinute;
    case Range::LastHour:
        return 60 * kMinute;
    case Range::Last6Hours:
        return 6 * 60 * kMinute;
    case Range::Last24Hours:
        return 24 * 60 * kMinute;
    case Range::SinceRolloutStart:
        return m_rolloutStartMs > 0 ? std::max(nowMs - m_rolloutStartMs + kMinute / 2, 2 * kMinute) : 60 * kMinute;
    }
    return 60 * kMinute;
}

} // namespace rolldeck::charts
