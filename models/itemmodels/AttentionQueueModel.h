#pragma once

#include <QSortFilterProxyModel>

namespace rolldeck {

class RolloutListModel;

// The attention queue: the rollouts the attention rule (Attention.h) says need a person, and those of stale
// clusters, oldest first (the longest wait at the top: by RolloutListModel::StateSinceRole, unknown times last),
// narrowed to one environment or cluster when one is chosen. A proxy over RolloutListModel (only).
class AttentionQueueModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit AttentionQueueModel(QObject *parent = nullptr);

    // Only this environment's rows (or, with isCluster, this cluster's); empty: all.
    void setScope(const QString &key, bool isCluster);
    QString scopeKey() const { return m_key; }

    void setSourceModel(QAbstractItemModel *model) override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    // The source as the list model: the filter reads its rows directly. Qt's proxy re-filters every row a change
    // spans, whatever its roles, and the once-a-second age refresh spans every young row.
    const RolloutListModel *m_list = nullptr;
    QString m_key;
    bool m_isCluster = false;
};

} // namespace rolldeck
