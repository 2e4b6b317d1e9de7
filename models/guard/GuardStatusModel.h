#pragma once

#include "guard/TriggerState.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QString>

namespace rolldeck::guard {

// What the guard knows about one trigger on one rollout: its state and what the guard did about it.
struct GuardEntry
{
    QString cluster;
    QString namespaceName;
    QString name;
    QString environment;
    bool mayAbort = false; // the environment's policy guardMayAutoAbort
    TriggerState state;
    QString action; // what the guard did in this episode: "aborted by the guard", "abort refused: …", "notified"

    QString rolloutKey() const { return rolloutKeyOf(cluster, namespaceName, name); }
    static QString rolloutKeyOf(const QString &cluster, const QString &ns, const QString &name)
    {
        return cluster + u'/' + ns + u'/' + name;
    }
};

// The rollback guard's view of every rollout it watches (docs/guard.md): one row per rollout and trigger, with
// the last value, the threshold, the time in breach (as of the last evaluation) and how close the value is to the
// line. Rows change in place (role-limited dataChanged); a rollout's rows go when the guard stops watching it.
// The detail's Guard section filters it to one rollout through RolloutKeyRole.
class GuardStatusModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class Column { Trigger, Value, Threshold, InBreach, State, Count };
    Q_ENUM(Column)
    enum Role {
        RawValueRole = Qt::UserRole + 1, // the value to sort on: the number, the time in breach in ms
        RolloutKeyRole,                  // "cluster/namespace/name", every column
        ProximityRole,                   // double: 0 far, 1 at the line, up to 2 past it; -1 without a value
        PhaseRole,                       // int(TriggerState::Phase)
        MayAbortRole,                    // bool: the guard may abort this rollout by itself
        ActionRole,                      // QString: what the guard did in this episode
        HoldForRole,                     // qint64 ms: the trigger's `for`
    };
    Q_ENUM(Role)

    explicit GuardStatusModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Adds the entry, or replaces the one of the same rollout and trigger.
    void upsert(const GuardEntry &entry);
    // Drops every row of that rollout.
    void removeRollout(const QString &cluster, const QString &ns, const QString &name);
    const GuardEntry *entry(const QString &cluster, const QString &ns, const QString &name,
                            const QString &trigger) const;
    const GuardEntry &entryAt(int row) const { return m_rows.at(row); }

private:
    int find(const QString &rolloutKey, const QString &trigger) const;
    QVariant display(const GuardEntry &e, Column column) const;

    QList<GuardEntry> m_rows;
};

} // namespace rolldeck::guard
