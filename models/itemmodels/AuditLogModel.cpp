#include "AuditLogModel.h"

#include "RowSync.h"

#include <QHash>

#include <algorithm>

namespace rolldeck {

AuditLogModel::AuditLogModel(QObject *parent) : QAbstractTableModel(parent) {}

int AuditLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AuditLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QString AuditLogModel::displayText(const Row &row, Column column) const
{
    switch (column) {
    case Column::Time:
        return row.time.isValid() ? row.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QString();
    case Column::Actor:
        return row.actor;
    case Column::Environment:
        return row.environment;
    case Column::Object:
        return row.object;
    case Column::Verb:
        return row.verb;
    case Column::Reason:
        return row.reason;
    case Column::Outcome:
        if (row.outcome == QLatin1String("unknown"))
            return row.acknowledged ? tr("unknown, acknowledged") : tr("UNKNOWN: check and acknowledge");
        if (row.outcome == QLatin1String("refused") && !row.refusal.isEmpty())
            return tr("refused (%1)").arg(row.refusal);
        if (row.outcome == QLatin1String("no-change"))
            return tr("nothing to change");
        return row.outcome;
    case Column::Count:
        break;
    }
    return {};
}

QVariant AuditLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const auto column = Column(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(row, column);
    case Qt::ToolTipRole:
        if (column == Column::Outcome && !row.message.isEmpty())
            return row.acknowledged && !row.ackReason.isEmpty()
                       ? tr("%1\nAcknowledged: %2").arg(row.message, row.ackReason)
                       : row.message;
        return displayText(row, column);
    case RawValueRole:
        return column == Column::Time ? QVariant(row.time.toMSecsSinceEpoch()) : QVariant(displayText(row, column));
    case ActionIdRole:
        return row.action;
    case OutcomeRole:
        return row.outcome;
    case NeedsAckRole:
        return row.needsAck();
    case AcknowledgedRole:
        return row.acknowledged;
    case MessageRole:
        return row.message;
    default:
        return {};
    }
}

QVariant AuditLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Column::Time:
        return tr("Time");
    case Column::Actor:
        return tr("Actor");
    case Column::Environment:
        return tr("Environment");
    case Column::Object:
        return tr("Object");
    case Column::Verb:
        return tr("Verb");
    case Column::Reason:
        return tr("Reason");
    case Column::Outcome:
        return tr("Outcome");
    case Column::Count:
        break;
    }
    return {};
}

int AuditLogModel::rowOf(const QString &action) const
{
    for (int i = 0; i < int(m_rows.size()); ++i) {
        if (m_rows.at(i).action == action)
            return i;
    }
    return -1;
}

int AuditLogModel::needingAck() const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(), [](const Row &r) { return r.needsAck(); }));
}

void AuditLogModel::setRecords(const QList<AuditRecordView> &records)
{
    QList<Row> fresh;
    QHash<QString, qsizetype> byAction;
    for (const AuditRecordView &r : records) {
        if (r.action.isEmpty())
            continue;
        auto it = byAction.constFind(r.action);
        if (it == byAction.cend()) {
            if (r.type == QLatin1String("ack") || r.type == QLatin1String("evidence"))
                continue; // about an action whose records are not in this log (an export's start)
            it = byAction.insert(r.action, fresh.size());
            Row row;
            row.action = r.action;
            row.time = r.time;
            fresh.append(row);
        }
        Row &row = fresh[*it];
        if (r.type == QLatin1String("ack")) {
            row.acknowledged = true;
            row.ackReason = r.reason;
            continue;
        }
        if (r.type == QLatin1String("evidence"))
            continue;
        row.actor = r.actor;
        row.environment = r.environment.isEmpty() ? r.context : r.environment;
        row.object = r.ns.isEmpty() ? r.name : r.ns + u'/' + r.name;
        row.verb = r.verb;
        row.reason = r.reason;
        row.refusal = r.refusal;
        row.message = r.message;
        if (r.type == QLatin1String("intent"))
            row.outcome = QStringLiteral("unknown"); // until its result says otherwise
        else if (r.type == QLatin1String("noop"))
            row.outcome = QStringLiteral("no-change");
        else if (r.type == QLatin1String("refused"))
            row.outcome = QStringLiteral("refused");
        else
            row.outcome = r.outcome;
    }
    std::reverse(fresh.begin(), fresh.end()); // newest first
    struct Rows
    {
        AuditLogModel *m;

        QString key(const Row &row) const { return row.action; }
        void beginRemove(int first, int last) { m->beginRemoveRows({}, first, last); }
        void endRemove() { m->endRemoveRows(); }
        void beginMove(int from, int to) { m->beginMoveRows({}, from, from, {}, to); }
        void endMove() { m->endMoveRows(); }
        void beginInsert(int first, int last) { m->beginInsertRows({}, first, last); }
        void endInsert() { m->endInsertRows(); }
        void adopt(Row &) {}
        void update(int i, Row &old, Row &&fresh)
        {
            if (old == fresh)
                return;
            old = std::move(fresh);
            emit m->dataChanged(m->index(i, 0), m->index(i, int(Column::Count) - 1));
        }
    } rows{this};
    syncRowsByKey(m_rows, std::move(fresh), rows);
}

} // namespace rolldeck
