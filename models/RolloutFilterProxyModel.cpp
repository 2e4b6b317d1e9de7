#include "RolloutFilterProxyModel.h"

#include "RolloutListModel.h"

#include <QDateTime>

namespace rolldeck {

namespace {

using Model = RolloutListModel;

// <0, 0, >0 like strcmp, for raw values of one column.
int compareRaw(const QVariant &a, const QVariant &b)
{
    if (a.typeId() == QMetaType::QString && b.typeId() == QMetaType::QString) {
        const int c = QString::compare(a.toString(), b.toString(), Qt::CaseInsensitive);
        return c != 0 ? c : QString::compare(a.toString(), b.toString(), Qt::CaseSensitive);
    }
    if (a.typeId() == QMetaType::QDateTime && b.typeId() == QMetaType::QDateTime) {
        const QDateTime da = a.toDateTime();
        const QDateTime db = b.toDateTime();
        // An unknown creation time sorts as the oldest.
        if (!da.isValid() || !db.isValid())
            return int(db.isValid()) - int(da.isValid());
        return da < db ? -1 : (db < da ? 1 : 0);
    }
    const double da = a.toDouble();
    const double db = b.toDouble();
    return da < db ? -1 : (db < da ? 1 : 0);
}

} // namespace

RolloutFilterProxyModel::RolloutFilterProxyModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(Model::RawValueRole);
    setDynamicSortFilter(true);
}

void RolloutFilterProxyModel::setFilterText(const QString &text)
{
    const QString t = text.trimmed();
    if (t == m_text)
        return;
    m_text = t;
    invalidateRowsFilter();
}

void RolloutFilterProxyModel::setStatusFilter(const QSet<QString> &statuses)
{
    if (statuses == m_statuses)
        return;
    m_statuses = statuses;
    m_severities.clear();
    for (const QString &status : statuses)
        m_severities.insert(int(statusSeverity(status)));
    invalidateRowsFilter();
}

void RolloutFilterProxyModel::setAttentionOnly(bool on)
{
    if (on == m_attentionOnly)
        return;
    m_attentionOnly = on;
    invalidateRowsFilter();
}

void RolloutFilterProxyModel::setClusterFilter(const QSet<QString> &clusters)
{
    if (clusters == m_clusters)
        return;
    m_clusters = clusters;
    invalidateRowsFilter();
}

bool RolloutFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const auto *model = qobject_cast<const Model *>(sourceModel());
    if (!model || sourceParent.isValid())
        return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
    const RolloutRow &row = model->rowAt(sourceRow);
    if (!m_clusters.isEmpty() && !m_clusters.contains(row.cluster))
        return false;
    if (!m_severities.isEmpty() && !m_severities.contains(int(statusSeverity(row.status))))
        return false;
    if (m_attentionOnly && !model->data(model->index(sourceRow, 0), Model::AttentionRole).toBool())
        return false;
    if (!m_text.isEmpty()) {
        if (!row.name.contains(m_text, Qt::CaseInsensitive) &&
            !row.namespaceName.contains(m_text, Qt::CaseInsensitive) &&
            !QString(row.namespaceName + u'/' + row.name).contains(m_text, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

bool RolloutFilterProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    int c = compareRaw(left.data(Model::RawValueRole), right.data(Model::RawValueRole));
    // Age shows now - creation: a larger creation time is a smaller age.
    if (left.column() == int(Model::Column::Age))
        c = -c;
    if (c != 0)
        return c < 0;
    // Ties read alphabetically in both directions: the proxy reverses the whole comparison for a
    // descending sort, so reverse the tie-break here to cancel that out.
    const bool descending = sortOrder() == Qt::DescendingOrder;
    for (const int role : {int(Model::ClusterRole), int(Model::NamespaceRole), int(Model::NameRole)}) {
        c = compareRaw(left.data(role), right.data(role));
        if (c != 0)
            return descending ? c > 0 : c < 0;
    }
    return false;
}

} // namespace rolldeck
