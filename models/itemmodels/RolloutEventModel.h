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

    // Whether the Events can be read at all: an empty list must never stand for "cannot list" (docs/console.md).
    enum class Access {
        Listing,   // the first list has not answered yet
        Live,      // listed and watched: the rows are the Events
        Forbidden, // the identity may not list Events here (403)
        Failing,   // the list or watch fails (cause()): the rows, if any, may be out of date
    };
    Q_ENUM(Access)

    explicit RolloutEventModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setEvents(QList<KubeEvent> events);
    void clear()
    {
        setEvents({});
        setAccess(Access::Listing);
    }
    void setAccess(Access access, const QString &cause = {});
    Access access() const { return m_access; }
    // Why Forbidden or Failing, as the server said it ("403 Forbidden: …", "connection refused").
    const QString &cause() const { return m_cause; }
    const KubeEvent &eventAt(int row) const { return m_rows.at(row); }
    // The row of an event, -1 when not shown.
    int rowOf(const QString &uid) const;

signals:
    void accessChanged();

private:
    QString displayText(const KubeEvent &e, Column column) const;

    QList<KubeEvent> m_rows;
    Access m_access = Access::Listing;
    QString m_cause;
};

} // namespace rolldeck
