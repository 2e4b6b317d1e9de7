#pragma once

#include "argo/KubeEvent.h"

#include <QAbstractTableModel>
#include <QList>

namespace rolldeck {

// The Events of one rollout, newest first: the controller's and Rolldeck's own (those show who acted and why).
// setEvents() applies a new set incrementally (rows keyed by uid; never a reset) and keeps the newest kMaxRows.
class RolloutEventModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class Column { Time, Type, Reason, From, Message, Count };
    Q_ENUM(Column)

    enum Role {
        RawValueRole = Qt::UserRole + 1, // Time: msecs since epoch; else the text
        WarningRole,                     // bool: a Warning event
        FromRolldeckRole,                // bool: written by Rolldeck (an action)
        ActorRole,                       // Rolldeck's: who acted
        ActorReasonRole,                 // Rolldeck's: the reason they gave
    };
    Q_ENUM(Role)

    static constexpr int kMaxRows = 200;

    explicit RolloutEventModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setEvents(QList<KubeEvent> events);
    void clear() { setEvents({}); }
    const KubeEvent &event(int row) const { return m_rows.at(row); }
    // The row of an event, -1 when not shown.
    int rowOf(const QString &uid) const;

private:
    QString displayText(const KubeEvent &e, Column column) const;

    QList<KubeEvent> m_rows;
};

} // namespace rolldeck
