#include "RolloutEventModel.h"

#include "RowSync.h"

#include <algorithm>

namespace rolldeck {

RolloutEventModel::RolloutEventModel(QObject *parent) : QAbstractTableModel(parent) {}

void RolloutEventModel::setAccess(Access access, const QString &cause)
{
    const QString why = access == Access::Forbidden || access == Access::Failing ? cause : QString();
    if (access == m_access && why == m_cause)
        return;
    m_access = access;
    m_cause = why;
    emit accessChanged();
}

int RolloutEventModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RolloutEventModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QString RolloutEventModel::displayText(const KubeEvent &e, Column column) const
{
    switch (column) {
    case Column::Time: {
        const QDateTime local = e.lastSeen.toLocalTime();
        if (!local.isValid())
            return tr("—");
        return local.date() == QDate::currentDate() ? local.toString(QStringLiteral("HH:mm:ss"))
                                                    : local.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    }
    case Column::Type:
        return e.type;
    case Column::Reason:
        return e.count > 1 ? tr("%1 (×%2)").arg(e.reason).arg(e.count) : e.reason;
    case Column::From:
        return e.fromRolldeck && !e.actor.isEmpty() ? tr("%1 (Rolldeck)").arg(e.actor) : e.component;
    case Column::Message:
        if (!e.fromRolldeck || e.verb.isEmpty())
            return e.message;
        {
            QString text = e.outcome.isEmpty() ? e.verb : tr("%1 (%2)").arg(e.verb, e.outcome);
            return e.actorReason.isEmpty() ? tr("%1, no reason given").arg(text)
                                           : tr("%1: “%2”").arg(text, e.actorReason);
        }
    case Column::Count:
        break;
    }
    return {};
}

QVariant RolloutEventModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const KubeEvent &e = m_rows.at(index.row());
    const auto column = Column(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(e, column);
    case Qt::ToolTipRole:
        return column == Column::Time ? e.lastSeen.toLocalTime().toString(Qt::ISODate) : e.message;
    case RawValueRole:
        return column == Column::Time ? QVariant(e.lastSeen.toMSecsSinceEpoch()) : QVariant(displayText(e, column));
    case WarningRole:
        return e.isWarning();
    case FromRolldeckRole:
        return e.fromRolldeck;
    case ActorRole:
        return e.actor;
    case ActorReasonRole:
        return e.actorReason;
    default:
        return {};
    }
}

QVariant RolloutEventModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Column::Time:
        return tr("Time");
    case Column::Type:
        return tr("Type");
    case Column::Reason:
        return tr("Reason");
    case Column::From:
        return tr("From");
    case Column::Message:
        return tr("Message");
    case Column::Count:
        break;
    }
    return {};
}

int RolloutEventModel::rowOf(const QString &uid) const
{
    for (int i = 0; i < int(m_rows.size()); ++i) {
        if (m_rows.at(i).uid == uid)
            return i;
    }
    return -1;
}

void RolloutEventModel::setEvents(QList<KubeEvent> events)
{
    events.erase(std::remove_if(events.begin(), events.end(), [](const KubeEvent &e) { return e.uid.isEmpty(); }),
                 events.end());
    std::stable_sort(events.begin(), events.end(), [](const KubeEvent &a, const KubeEvent &b) {
        return a.lastSeen != b.lastSeen ? a.lastSeen > b.lastSeen : a.name > b.name;
    });
    if (events.size() > kMaxRows)
        events.resize(kMaxRows);
    struct Rows
    {
        RolloutEventModel *m;

        QString key(const KubeEvent &row) const { return row.uid; }
        void beginRemove(int first, int last) { m->beginRemoveRows({}, first, last); }
        void endRemove() { m->endRemoveRows(); }
        void beginMove(int from, int to) { m->beginMoveRows({}, from, from, {}, to); }
        void endMove() { m->endMoveRows(); }
        void beginInsert(int first, int last) { m->beginInsertRows({}, first, last); }
        void endInsert() { m->endInsertRows(); }
        void adopt(KubeEvent &) {}
        void update(int i, KubeEvent &old, KubeEvent &&fresh)
        {
            if (old == fresh)
                return;
            old = std::move(fresh);
            emit m->dataChanged(m->index(i, 0), m->index(i, int(Column::Count) - 1));
        }
    } rows{this};
    syncRowsByKey(m_rows, std::move(events), rows);
}

} // namespace rolldeck
