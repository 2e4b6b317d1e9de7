#include "EnvironmentSummaryModel.h"

#include "RolloutListModel.h"

#include <algorithm>

namespace rolldeck {

namespace {
// A recount reads every row (5,000 in a fleet, up to 30 deliveries a second): the badges need not move faster than
// a person reads them. The first change after a quiet spell is counted at once.
constexpr qint64 kRecountInterval = 250;
} // namespace

EnvironmentSummaryModel::EnvironmentSummaryModel(QObject *parent) : QAbstractListModel(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &EnvironmentSummaryModel::recount);
}

void EnvironmentSummaryModel::setSourceModel(RolloutListModel *model)
{
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_source = model;
    if (model) {
        m_connections << connect(model, &QAbstractItemModel::rowsInserted, this, &EnvironmentSummaryModel::schedule);
        m_connections << connect(model, &QAbstractItemModel::rowsRemoved, this, &EnvironmentSummaryModel::schedule);
        m_connections << connect(model, &QAbstractItemModel::modelReset, this, &EnvironmentSummaryModel::schedule);
        m_connections << connect(model, &QAbstractItemModel::dataChanged, this,
                                 [this](const QModelIndex &, const QModelIndex &, const QList<int> &roles) {
                                     if (roles.isEmpty() || roles.contains(RolloutListModel::StatusRole) ||
                                         roles.contains(RolloutListModel::AttentionRole) ||
                                         roles.contains(RolloutListModel::EnvironmentRole))
                                         schedule();
                                 });
        m_connections << connect(model, &RolloutListModel::clusterStalenessChanged, this,
                                 &EnvironmentSummaryModel::schedule);
        m_connections << connect(model, &RolloutListModel::environmentsChanged, this,
                                 &EnvironmentSummaryModel::schedule);
    }
    recount();
}

void EnvironmentSummaryModel::schedule()
{
    if (m_timer.isActive())
        return;
    const qint64 since = m_sinceRecount.isValid() ? m_sinceRecount.elapsed() : kRecountInterval;
    m_timer.start(int(std::max<qint64>(0, kRecountInterval - since)));
}

bool EnvironmentSummaryModel::isProduction(const QString &name)
{
    return name.startsWith(QLatin1String("prod"), Qt::CaseInsensitive);
}

QList<EnvironmentSummaryModel::Summary> EnvironmentSummaryModel::count() const
{
    QList<Summary> out;
    if (!m_source)
        return out;
    const QStringList environments = m_source->environments();
    const bool byCluster = environments.isEmpty();
    const QStringList keys = byCluster ? m_source->clusters() : environments;
    QHash<QString, int> at;
    for (const QString &key : keys) {
        at.insert(key, int(out.size()));
        out.append({key, byCluster});
    }
    const QStringList stale = m_source->staleClusters();
    const int rows = m_source->rowCount();
    for (int r = 0; r < rows; ++r) {
        const RolloutRow &row = m_source->rowAt(r);
        const auto it = at.constFind(byCluster ? row.cluster : row.environment);
        if (it == at.cend())
            continue;
        Summary &s = out[*it];
        ++s.total;
        const StatusSeverity severity = statusSeverity(row.status);
        if (severity == StatusSeverity::Degraded || severity == StatusSeverity::Error)
            ++s.degraded;
        else if (row.waitingForHuman())
            ++s.waiting;
        else if (severity == StatusSeverity::Progressing)
            ++s.progressing;
        if (stale.contains(row.cluster))
            s.stale = true;
    }
    if (byCluster) {
        for (Summary &s : out)
            s.stale = stale.contains(s.key);
    }
    return out;
}

void EnvironmentSummaryModel::recount()
{
    m_timer.stop();
    // Only a count of rows holds the next one back: the first rows to arrive are counted at once.
    if (m_source && m_source->rowCount() > 0)
        m_sinceRecount.start();
    else
        m_sinceRecount.invalidate();
    apply(count());
}

void EnvironmentSummaryModel::apply(const QList<Summary> &fresh)
{
    // Rows whose key went away leave, new keys come in at their place, changed counts are a dataChanged.
    for (int r = int(m_rows.size()) - 1; r >= 0; --r) {
        const QString &key = m_rows.at(r).key;
        if (std::none_of(fresh.cbegin(), fresh.cend(), [&key](const Summary &s) { return s.key == key; })) {
            beginRemoveRows({}, r, r);
            m_rows.removeAt(r);
            endRemoveRows();
        }
    }
    for (int r = 0; r < fresh.size(); ++r) {
        if (r < m_rows.size() && m_rows.at(r).key == fresh.at(r).key) {
            if (!(m_rows.at(r) == fresh.at(r))) {
                m_rows[r] = fresh.at(r);
                emit dataChanged(index(r), index(r));
            }
            continue;
        }
        const auto existing = std::find_if(m_rows.cbegin() + r, m_rows.cend(),
                                           [&](const Summary &s) { return s.key == fresh.at(r).key; });
        if (existing != m_rows.cend()) {
            const int from = int(existing - m_rows.cbegin());
            beginMoveRows({}, from, from, {}, r);
            m_rows.move(from, r);
            endMoveRows();
            m_rows[r] = fresh.at(r);
            emit dataChanged(index(r), index(r));
        } else {
            beginInsertRows({}, r, r);
            m_rows.insert(r, fresh.at(r));
            endInsertRows();
        }
    }
}

int EnvironmentSummaryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant EnvironmentSummaryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Summary &s = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case KeyRole:
        return s.key;
    case IsClusterRole:
        return s.isCluster;
    case DegradedRole:
        return s.degraded;
    case WaitingRole:
        return s.waiting;
    case ProgressingRole:
        return s.progressing;
    case TotalRole:
        return s.total;
    case StaleRole:
        return s.stale;
    case ProductionRole:
        return isProduction(s.key);
    default:
        return {};
    }
}

QHash<int, QByteArray> EnvironmentSummaryModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(KeyRole, "key");
    names.insert(DegradedRole, "degraded");
    names.insert(WaitingRole, "waiting");
    names.insert(ProgressingRole, "progressing");
    names.insert(TotalRole, "total");
    names.insert(StaleRole, "stale");
    names.insert(ProductionRole, "production");
    return names;
}

} // namespace rolldeck
