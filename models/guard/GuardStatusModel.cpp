#include "GuardStatusModel.h"

#include "domain/Duration.h"

#include <QCoreApplication>

namespace rolldeck::guard {

namespace {

struct GuardText
{
    Q_DECLARE_TR_FUNCTIONS(Guard)
};

constexpr int kColumns = int(GuardStatusModel::Column::Count);

} // namespace

GuardStatusModel::GuardStatusModel(QObject *parent) : QAbstractTableModel(parent) {}

int GuardStatusModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int GuardStatusModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : kColumns;
}

QVariant GuardStatusModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::Trigger:
        return GuardText::tr("Trigger");
    case Column::Value:
        return GuardText::tr("Value");
    case Column::Threshold:
        return GuardText::tr("Threshold");
    case Column::InBreach:
        return GuardText::tr("In breach");
    case Column::State:
        return GuardText::tr("State");
    case Column::Count:
        break;
    }
    return {};
}

QVariant GuardStatusModel::display(const GuardEntry &e, Column column) const
{
    const TriggerState &s = e.state;
    switch (column) {
    case Column::Trigger:
        return s.spec().name;
    case Column::Value:
        return s.value() ? s.spec().formatValue(*s.value()) : QStringLiteral("–");
    case Column::Threshold:
        return s.spec().holdFor.count() > 0
                   ? GuardText::tr("%1 for %2").arg(s.spec().thresholdText(), humanDuration(s.spec().holdFor))
                   : s.spec().thresholdText();
    case Column::InBreach:
        return s.breachSince().isValid() ? humanDuration(s.timeInBreach(s.lastObserved())) : QStringLiteral("–");
    case Column::State:
        return e.action.isEmpty() ? s.phaseText() : s.phaseText() + QStringLiteral(" · ") + e.action;
    case Column::Count:
        break;
    }
    return {};
}

QVariant GuardStatusModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const GuardEntry &e = m_rows.at(index.row());
    const Column column = Column(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return display(e, column);
    case Qt::ToolTipRole:
        return column == Column::Trigger ? e.state.spec().query : display(e, Column::State);
    case RawValueRole:
        if (column == Column::Value)
            return e.state.value() ? QVariant(*e.state.value()) : QVariant();
        if (column == Column::InBreach)
            return qint64(e.state.timeInBreach(e.state.lastObserved()).count());
        return display(e, column);
    case RolloutKeyRole:
        return e.rolloutKey();
    case ProximityRole:
        return e.state.value() ? e.state.spec().proximity(*e.state.value()) : -1.0;
    case PhaseRole:
        return int(e.state.phase());
    case MayAbortRole:
        return e.mayAbort;
    case ActionRole:
        return e.action;
    case HoldForRole:
        return qint64(e.state.spec().holdFor.count());
    default:
        return {};
    }
}

int GuardStatusModel::find(const QString &rolloutKey, const QString &trigger) const
{
    for (int r = 0; r < m_rows.size(); ++r) {
        if (m_rows.at(r).state.spec().name == trigger && m_rows.at(r).rolloutKey() == rolloutKey)
            return r;
    }
    return -1;
}

void GuardStatusModel::upsert(const GuardEntry &entry)
{
    const int r = find(entry.rolloutKey(), entry.state.spec().name);
    if (r < 0) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
        m_rows.append(entry);
        endInsertRows();
        return;
    }
    m_rows[r] = entry;
    emit dataChanged(
        index(r, 0), index(r, kColumns - 1),
        {Qt::DisplayRole, Qt::ToolTipRole, RawValueRole, ProximityRole, PhaseRole, MayAbortRole, ActionRole});
}

void GuardStatusModel::removeRollout(const QString &cluster, const QString &ns, const QString &name)
{
    const QString key = GuardEntry::rolloutKeyOf(cluster, ns, name);
    // From the end, one contiguous run at a time.
    for (int r = int(m_rows.size()) - 1; r >= 0;) {
        if (m_rows.at(r).rolloutKey() != key) {
            --r;
            continue;
        }
        int first = r;
        while (first > 0 && m_rows.at(first - 1).rolloutKey() == key)
            --first;
        beginRemoveRows({}, first, r);
        m_rows.remove(first, r - first + 1);
        endRemoveRows();
        r = first - 1;
    }
}

const GuardEntry *GuardStatusModel::entry(const QString &cluster, const QString &ns, const QString &name,
                                          const QString &trigger) const
{
    const int r = find(GuardEntry::rolloutKeyOf(cluster, ns, name), trigger);
    return r < 0 ? nullptr : &m_rows.at(r);
}

} // namespace rolldeck::guard
