#include "AttentionQueueModel.h"

#include "RolloutListModel.h"

#include <QDateTime>

namespace rolldeck {

AttentionQueueModel::AttentionQueueModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
    sort(0, Qt::AscendingOrder);
    // A row enters or leaves when its attention or its cluster's staleness changes; it moves when it starts waiting.
    setFilterRole(RolloutListModel::AttentionRole);
    setSortRole(RolloutListModel::StateSinceRole);
}

void AttentionQueueModel::setScope(const QString &key, bool isCluster)
{
    if (m_key == key && m_isCluster == isCluster)
        return;
    m_key = key;
    m_isCluster = isCluster;
    invalidateFilter();
}

void AttentionQueueModel::setSourceModel(QAbstractItemModel *model)
{
    m_list = qobject_cast<const RolloutListModel *>(model);
    Q_ASSERT(m_list || !model);
    QSortFilterProxyModel::setSourceModel(model);
}

bool AttentionQueueModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_list || sourceParent.isValid())
        return false;
    const RolloutRow &row = m_list->rowAt(sourceRow);
    if (!m_list->rowNeedsAttention(row))
        return false;
    return m_key.isEmpty() || (m_isCluster ? row.cluster : row.environment) == m_key;
}

bool AttentionQueueModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QDateTime a = left.data(RolloutListModel::StateSinceRole).toDateTime();
    const QDateTime b = right.data(RolloutListModel::StateSinceRole).toDateTime();
    if (a.isValid() != b.isValid())
        return a.isValid(); // unknown times last
    if (a != b)
        return a < b;
    const QString na =
        left.data(RolloutListModel::NamespaceRole).toString() + u'/' + left.data(RolloutListModel::NameRole).toString();
    const QString nb = right.data(RolloutListModel::NamespaceRole).toString() + u'/' +
                       right.data(RolloutListModel::NameRole).toString();
    if (na != nb)
        return na < nb;
    return left.data(RolloutListModel::ClusterRole).toString() < right.data(RolloutListModel::ClusterRole).toString();
}

} // namespace rolldeck
