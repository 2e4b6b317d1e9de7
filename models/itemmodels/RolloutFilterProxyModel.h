#pragma once

#include <QSet>
#include <QSortFilterProxyModel>
#include <QString>

namespace rolldeck {

// Filters and sorts a RolloutListModel. Filters combine with AND; an empty set means "any".
// Sorting uses RolloutListModel::RawValueRole (the Cluster column: by environment in the workspace's order,
// then cluster): numbers as numbers, Status by the attention rule then severity (rows needing attention, stale
// clusters' included, above all others), Age by creation
// time (ascending age = newest first). Ties fall back to environment (the workspace's order), cluster,
// namespace and name, ascending in both sort directions. Age and Last action sort by times that passing time does
// not reorder, keyed under the Name column: their once-a-second refresh repaints them and re-sorts nothing.
class RolloutFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit RolloutFilterProxyModel(QObject *parent = nullptr);

    // Case-insensitive substring over name and namespace ("ns/name" matches too).
    void setFilterText(const QString &text);
    QString filterText() const { return m_text; }

    // Statuses to keep (e.g. {"Degraded", "Paused"}); empty keeps all. Matched by severity, so "Unknown"
    // keeps every unrecognised status and "Error" keeps the legacy InvalidSpec too.
    void setStatusFilter(const QSet<QString> &statuses);
    QSet<QString> statusFilter() const { return m_statuses; }

    // Keep only rows that need attention (the rule in Attention.h, or their cluster is stale).
    void setAttentionOnly(bool on);
    bool attentionOnly() const { return m_attentionOnly; }

    // Environments to keep (RolloutRow::environment); empty keeps all.
    void setEnvironmentFilter(const QSet<QString> &environments);
    QSet<QString> environmentFilter() const { return m_environments; }

    // Clusters to keep; empty keeps all.
    void setClusterFilter(const QSet<QString> &clusters);
    QSet<QString> clusterFilter() const { return m_clusters; }

    // Sorting by Age or Last action sorts by Name's column in Qt's terms (see above); sortColumn() says Name then,
    // shownSortColumn() the column the person chose.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int shownSortColumn() const;

signals:
    // The environments the user chose to see changed (empty: all), so that app/ can watch only those.
    void environmentFilterChanged(const QSet<QString> &environments);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_text;
    QSet<QString> m_statuses;
    QSet<int> m_severities;
    QSet<QString> m_clusters;
    QSet<QString> m_environments;
    bool m_attentionOnly = false;
    int m_timeSortColumn = -1; // Age or Last action when sorted by one of them, keyed under Name
};

} // namespace rolldeck
