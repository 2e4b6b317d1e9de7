#pragma once

#include "RolloutRow.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace rolldeck {

// One change in a batch: an upsert (row set) or a removal (row empty) of the rollout with that key.
struct RolloutChange
{
    RolloutKey key;
    std::optional<RolloutRow> row;

    static RolloutChange upsert(RolloutRow row)
    {
        RolloutKey k = row.key();
        return {std::move(k), std::move(row)};
    }
    static RolloutChange removal(RolloutKey key) { return {std::move(key), std::nullopt}; }
};

// The rollouts of every connected cluster, one row each, keyed by (cluster, uid).
// Changes arrive in batches and are applied incrementally: new rows in one beginInsertRows per batch,
// one role-limited dataChanged per row whose shown values changed (nothing for a no-op), removals per
// contiguous range. Never a reset for a change. Sorting and filtering live in RolloutFilterProxyModel.
class RolloutListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class Column {
        Cluster,
        Namespace,
        Name,
        Strategy,
        Status,
        Step,
        SetWeight,
        ActualWeight,
        Ready,
        LastAction, // who last acted through Rolldeck and how long ago (annotation rolldeck.io/last-action)
        Age,
        Count
    };
    Q_ENUM(Column)

    enum Role {
        // The value to sort on: strings for names, for Status the attention rule then severity (statusSortKey),
        // numbers for Step (progress
        // fraction, -1 when none), weights (-1 when none) and Ready (ready replicas), and for Age the
        // creation time (QDateTime; an older rollout has a larger age).
        RawValueRole = Qt::UserRole + 1,
        SeverityRole,        // int(StatusSeverity), every column
        StatusIconRole,      // "✔", "◌", "॥", "✖", "⚠", "?", "•", every column
        StatusRole,          // the status text, every column
        MessageRole,         // the status message, every column
        AttentionRole,       // bool: the attention rule (Attention.h) holds, or the row's cluster is stale
        StaleRole,           // bool: the row's cluster is stale
        StaleSinceRole,      // QDateTime, invalid while live
        StaleCauseRole,      // QString, empty while live
        ClusterRole,         // the row key and identity, every column
        UidRole,             //
        NamespaceRole,       //
        NameRole,            //
        ResourceVersionRole, // the resourceVersion the row shows (approve what you saw)
        EnvironmentRole,     // the workspace environment of the row (empty when none)
        AttentionReasonRole, // QString: why the row needs attention ("aborted", "stale since …"), "" when not
        StateSinceRole,      // QDateTime: since when it is paused, aborted or degraded (invalid when unknown)
        LastActorRole        // QString: who last acted on it through Rolldeck ("" when nobody did)
    };
    Q_ENUM(Role)

    using Clock = std::function<QDateTime()>;

    explicit RolloutListModel(QObject *parent = nullptr);
    ~RolloutListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Apply changes in order; for a key changed twice in the batch the last change wins.
    void apply(const QList<RolloutChange> &changes);
    void upsert(const QList<RolloutRow> &rows);
    void remove(const QList<RolloutKey> &keys);
    // Make the cluster's rows exactly `rows` (after a re-list): emits only the differences.
    void reconcileCluster(const QString &cluster, const QList<RolloutRow> &rows);
    // Drop every row of the cluster and its staleness.
    void removeCluster(const QString &cluster);

    void setClusterStale(const QString &cluster, const Staleness &staleness);
    void setClusterLive(const QString &cluster);
    Staleness clusterStaleness(const QString &cluster) const;
    QStringList staleClusters() const; // sorted
    QStringList clusters() const;      // clusters with rows or a staleness entry, sorted

    // A rollback trigger the guard sees firing on a rollout (docs/guard.md), in its words ("rollback trigger error
    // rate: 2.1 % > 0.5 % for 45s"); the row then needs attention with that reason. An empty text clears it.
    void setGuardNote(const RolloutKey &key, const QString &text);
    QString guardNote(const RolloutKey &key) const { return m_guard.value(key); }

    // The workspace's environments in its order (production first when the workspace lists it first): the
    // choices of an environment filter. Rows carry their environment (RolloutRow::environment).
    void setEnvironments(const QStringList &environments);
    QStringList environments() const { return m_environments; }

    // Age is computed from this clock, read once per refreshAge() (and when the clock is set).
    void setClock(Clock clock);
    QDateTime now() const { return m_now; }
    // Re-read the clock and emit one dataChanged for the Last action and Age columns (display role only).
    void refreshAge();

    // The attention rule's verdict for a row, with its cluster's staleness.
    Attention attentionFor(const RolloutRow &row) const;
    // Whether the row needs attention (its reason, its cluster stale, or a guard note), without building the reason
    // text: the attention queue filters every row with it.
    bool rowNeedsAttention(const RolloutRow &row) const;
    // The Status column's sort value: rows needing attention above all others, then by severity.
    int statusSortKey(const RolloutRow &row) const;

    const RolloutRow *rowFor(const RolloutKey &key) const;
    const RolloutRow &rowAt(int row) const { return m_rows[size_t(row)]; }
    QModelIndex indexFor(const RolloutKey &key, Column column = Column::Name) const;

    static QString columnName(Column column);
    // The Step column's sort value: currentStepIndex / stepCount, -1 when there is no step.
    static double stepProgress(const RolloutRow &row);

signals:
    void clusterStalenessChanged(const QString &cluster);
    void environmentsChanged();

private:
    void updateRow(int row, RolloutRow &&value);
    void removeRowIndices(std::vector<int> rows);
    void appendRows(std::vector<RolloutRow> &&rows);
    void reindexFrom(int row);
    void emitForCluster(const QString &cluster, const QList<int> &roles);
    QVariant displayData(const RolloutRow &row, Column column) const;
    QVariant rawData(const RolloutRow &row, Column column) const;

    std::vector<RolloutRow> m_rows;
    QHash<RolloutKey, int> m_index;
    QHash<QString, Staleness> m_staleness; // per cluster, set by the caches in app/
    QHash<RolloutKey, QString> m_guard;    // per rollout, set by the guard in app/
    QStringList m_environments;
    Clock m_clock;
    QDateTime m_now;
};

} // namespace rolldeck
