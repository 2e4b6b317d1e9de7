#include "RolloutListModel.h"

#include "domain/Duration.h"

#include <QSet>

#include <algorithm>
#include <array>

namespace rolldeck {

namespace {

constexpr int kColumnCount = int(RolloutListModel::Column::Count);
using Column = RolloutListModel::Column;

// Roles that change with the status (any column answers them).
const QList<int> &statusRoles()
{
    static const QList<int> roles{RolloutListModel::SeverityRole, RolloutListModel::StatusIconRole,
                                  RolloutListModel::StatusRole};
    return roles;
}

// Which shown columns differ between two versions of a row.
std::array<bool, kColumnCount> changedColumns(const RolloutRow &a, const RolloutRow &b)
{
    std::array<bool, kColumnCount> c{};
    c[int(Column::Cluster)] = a.cluster != b.cluster || a.environment != b.environment;
    c[int(Column::Namespace)] = a.namespaceName != b.namespaceName;
    c[int(Column::Name)] = a.name != b.name;
    c[int(Column::Strategy)] = a.strategy != b.strategy;
    c[int(Column::Status)] = a.status != b.status;
    c[int(Column::Step)] = a.step != b.step || a.currentStepIndex != b.currentStepIndex || a.stepCount != b.stepCount;
    c[int(Column::SetWeight)] = a.setWeight != b.setWeight;
    c[int(Column::ActualWeight)] = a.actualWeight != b.actualWeight;
    c[int(Column::Ready)] = a.readyReplicas != b.readyReplicas || a.currentReplicas != b.currentReplicas ||
                            a.desiredReplicas != b.desiredReplicas || a.updatedReplicas != b.updatedReplicas ||
                            a.availableReplicas != b.availableReplicas;
    c[int(Column::LastAction)] = a.lastAction != b.lastAction;
    c[int(Column::Age)] = a.created != b.created;
    return c;
}

QString dashIfEmpty(const QString &s)
{
    return s.isEmpty() ? QStringLiteral("-") : s;
}

QString weightText(const std::optional<int> &w)
{
    return w ? QString::number(*w) : QStringLiteral("-");
}

} // namespace

RolloutListModel::RolloutListModel(QObject *parent)
    : QAbstractTableModel(parent), m_clock([] { return QDateTime::currentDateTimeUtc(); }), m_now(m_clock())
{
}

RolloutListModel::~RolloutListModel() = default;

int RolloutListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RolloutListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : kColumnCount;
}

QString RolloutListModel::columnName(Column column)
{
    switch (column) {
    case Column::Cluster:
        return tr("Cluster");
    case Column::Namespace:
        return tr("Namespace");
    case Column::Name:
        return tr("Name");
    case Column::Strategy:
        return tr("Strategy");
    case Column::Status:
        return tr("Status");
    case Column::Step:
        return tr("Step");
    case Column::SetWeight:
        return tr("Set weight");
    case Column::ActualWeight:
        return tr("Actual weight");
    case Column::Ready:
        return tr("Ready");
    case Column::LastAction:
        return tr("Last acted by");
    case Column::Age:
        return tr("Age");
    case Column::Count:
        break;
    }
    return {};
}

double RolloutListModel::stepProgress(const RolloutRow &row)
{
    if (row.currentStepIndex < 0 || row.stepCount <= 0)
        return -1.0;
    return double(row.currentStepIndex) / double(row.stepCount);
}

QVariant RolloutListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= kColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        // With workspace environments the column reads "production (ctx)": say so.
        if (Column(section) == Column::Cluster && !m_environments.isEmpty())
            return tr("Environment (cluster)");
        return columnName(Column(section));
    }
    if (role == Qt::TextAlignmentRole) {
        switch (Column(section)) {
        case Column::Step:
        case Column::SetWeight:
        case Column::ActualWeight:
        case Column::Ready:
        case Column::Age:
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        default:
            return QVariant::fromValue(Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter));
        }
    }
    if (role == Qt::ToolTipRole && Column(section) == Column::Ready)
        return tr("Ready replicas / current replicas");
    return {};
}

QHash<int, QByteArray> RolloutListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(RawValueRole, "rawValue");
    names.insert(SeverityRole, "severity");
    names.insert(StatusIconRole, "statusIcon");
    names.insert(StatusRole, "status");
    names.insert(MessageRole, "message");
    names.insert(AttentionRole, "attention");
    names.insert(StaleRole, "stale");
    names.insert(StaleSinceRole, "staleSince");
    names.insert(StaleCauseRole, "staleCause");
    names.insert(ClusterRole, "cluster");
    names.insert(UidRole, "uid");
    names.insert(NamespaceRole, "namespace");
    names.insert(NameRole, "name");
    names.insert(ResourceVersionRole, "resourceVersion");
    names.insert(EnvironmentRole, "environment");
    names.insert(AttentionReasonRole, "attentionReason");
    names.insert(StateSinceRole, "stateSince");
    names.insert(LastActorRole, "lastActor");
    return names;
}

Attention RolloutListModel::attentionFor(const RolloutRow &row) const
{
    Attention a;
    a.reason = row.attention();
    const auto it = m_staleness.constFind(row.cluster);
    if (it != m_staleness.cend())
        a.stale = *it;
    if (!m_guard.isEmpty())
        a.guard = m_guard.value(row.key());
    return a;
}

bool RolloutListModel::rowNeedsAttention(const RolloutRow &row) const
{
    // The sort calls this per comparison: the staleness lookup only when some cluster has an entry.
    if (!m_staleness.isEmpty()) {
        const auto it = m_staleness.constFind(row.cluster);
        if (it != m_staleness.cend() && it->isStale())
            return true;
    }
    if (!m_guard.isEmpty() && m_guard.contains(row.key()))
        return true;
    return row.needsAttention();
}

int RolloutListModel::statusSortKey(const RolloutRow &row) const
{
    // Above the worst severity: a timed canary pause sorts with the calm rows, a stale cluster's rows with the
    // alarming ones.
    constexpr int kAttention = int(StatusSeverity::Degraded) + 1;
    return int(statusSeverity(row.status)) + (rowNeedsAttention(row) ? kAttention : 0);
}

QVariant RolloutListModel::displayData(const RolloutRow &row, Column column) const
{
    switch (column) {
    case Column::Cluster:
        // "production (prod-eu)" when a workspace names the environment; the context alone when it is its own.
        if (row.environment.isEmpty() || row.environment == row.cluster)
            return row.cluster;
        return tr("%1 (%2)").arg(row.environment, row.cluster);
    case Column::Namespace:
        return row.namespaceName;
    case Column::Name:
        return row.name;
    case Column::Strategy:
        return dashIfEmpty(row.strategy);
    case Column::Status:
        return row.status;
    case Column::Step:
        return dashIfEmpty(row.step);
    case Column::SetWeight:
        return weightText(row.setWeight);
    case Column::ActualWeight:
        return weightText(row.actualWeight);
    case Column::Ready:
        return QString(QString::number(row.readyReplicas) + u'/' + QString::number(row.currentReplicas));
    case Column::LastAction:
        if (!row.lastAction.isValid())
            return QStringLiteral("-");
        if (!row.lastAction.time.isValid())
            return row.lastAction.actor;
        return tr("%1, %2 ago")
            .arg(row.lastAction.actor,
                 humanDuration(std::chrono::milliseconds(std::max<qint64>(0, row.lastAction.time.msecsTo(m_now)))));
    case Column::Age:
        if (!row.created.isValid())
            return QStringLiteral("-");
        return humanDuration(std::chrono::milliseconds(row.created.msecsTo(m_now)));
    case Column::Count:
        break;
    }
    return {};
}

QVariant RolloutListModel::rawData(const RolloutRow &row, Column column) const
{
    switch (column) {
    case Column::Cluster:
        return row.cluster;
    case Column::Namespace:
        return row.namespaceName;
    case Column::Name:
        return row.name;
    case Column::Strategy:
        return row.strategy;
    case Column::Status:
        return statusSortKey(row);
    case Column::Step:
        return stepProgress(row);
    case Column::SetWeight:
        return row.setWeight.value_or(-1);
    case Column::ActualWeight:
        return row.actualWeight.value_or(-1);
    case Column::Ready:
        return row.readyReplicas;
    case Column::LastAction:
        return row.lastAction.time;
    case Column::Age:
        return row.created;
    case Column::Count:
        break;
    }
    return {};
}

QVariant RolloutListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RolloutRow &row = m_rows[size_t(index.row())];
    const auto column = Column(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, column);
    case Qt::ToolTipRole:
        if (column == Column::Status && !row.message.isEmpty())
            return row.message;
        if (column == Column::Ready)
            return tr("%1 desired, %2 current, %3 up to date, %4 ready, %5 available")
                .arg(row.desiredReplicas)
                .arg(row.currentReplicas)
                .arg(row.updatedReplicas)
                .arg(row.readyReplicas)
                .arg(row.availableReplicas);
        if (column == Column::Age && row.created.isValid())
            return row.created.toString(Qt::ISODate);
        if (column == Column::LastAction && row.lastAction.isValid())
            return tr("%1 by %2 at %3: %4")
                .arg(row.lastAction.verb, row.lastAction.actor,
                     row.lastAction.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                     row.lastAction.reason);
        return {};
    case Qt::TextAlignmentRole:
        switch (column) {
        case Column::Step:
        case Column::SetWeight:
        case Column::ActualWeight:
        case Column::Ready:
        case Column::Age:
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        default:
            return {};
        }
    case RawValueRole:
        return rawData(row, column);
    case SeverityRole:
        return int(statusSeverity(row.status));
    case StatusIconRole:
        return statusIcon(row.status);
    case StatusRole:
        return row.status;
    case MessageRole:
        return row.message;
    case AttentionRole:
        return rowNeedsAttention(row);
    case AttentionReasonRole:
        return attentionFor(row).text();
    case StateSinceRole:
        return row.stateSince;
    case LastActorRole:
        return row.lastAction.actor;
    case StaleRole:
    case StaleSinceRole:
    case StaleCauseRole: {
        const Staleness s = m_staleness.value(row.cluster);
        if (role == StaleRole)
            return s.isStale();
        if (role == StaleSinceRole)
            return s.since;
        return s.cause;
    }
    case ClusterRole:
        return row.cluster;
    case UidRole:
        return row.uid;
    case NamespaceRole:
        return row.namespaceName;
    case NameRole:
        return row.name;
    case ResourceVersionRole:
        return row.resourceVersion;
    case EnvironmentRole:
        return row.environment;
    default:
        return {};
    }
}

void RolloutListModel::apply(const QList<RolloutChange> &changes)
{
    if (changes.isEmpty())
        return;

    // Coalesce: the last change per key wins, keys keep the order of their first appearance.
    std::vector<const RolloutChange *> finals;
    if (changes.size() == 1) {
        finals.push_back(&changes.front());
    } else {
        QHash<RolloutKey, size_t> slot;
        slot.reserve(changes.size());
        finals.reserve(size_t(changes.size()));
        for (const RolloutChange &c : changes) {
            const auto it = slot.constFind(c.key);
            if (it == slot.cend()) {
                slot.insert(c.key, finals.size());
                finals.push_back(&c);
            } else {
                finals[*it] = &c;
            }
        }
    }

    std::vector<int> removals;
    std::vector<RolloutRow> inserts;
    for (const RolloutChange *c : finals) {
        const auto it = m_index.constFind(c->key);
        if (!c->row) {
            if (it != m_index.cend())
                removals.push_back(*it);
            continue;
        }
        RolloutRow row = *c->row;
        // The key is authoritative: a row always carries the key it is filed under.
        row.cluster = c->key.cluster;
        row.uid = c->key.uid;
        if (it != m_index.cend())
            updateRow(*it, std::move(row));
        else
            inserts.push_back(std::move(row));
    }
    if (!removals.empty())
        removeRowIndices(std::move(removals));
    if (!inserts.empty())
        appendRows(std::move(inserts));
}

void RolloutListModel::upsert(const QList<RolloutRow> &rows)
{
    QList<RolloutChange> changes;
    changes.reserve(rows.size());
    for (const RolloutRow &r : rows)
        changes.append(RolloutChange::upsert(r));
    apply(changes);
}

void RolloutListModel::remove(const QList<RolloutKey> &keys)
{
    QList<RolloutChange> changes;
    changes.reserve(keys.size());
    for (const RolloutKey &k : keys)
        changes.append(RolloutChange::removal(k));
    apply(changes);
}

void RolloutListModel::reconcileCluster(const QString &cluster, const QList<RolloutRow> &rows)
{
    QSet<QString> present;
    present.reserve(rows.size());
    QList<RolloutChange> changes;
    changes.reserve(rows.size());
    for (const RolloutRow &r : rows) {
        RolloutRow row = r;
        row.cluster = cluster;
        present.insert(row.uid);
        changes.append(RolloutChange::upsert(std::move(row)));
    }
    for (const RolloutRow &existing : m_rows) {
        if (existing.cluster == cluster && !present.contains(existing.uid))
            changes.append(RolloutChange::removal(existing.key()));
    }
    apply(changes);
}

void RolloutListModel::removeCluster(const QString &cluster)
{
    QList<RolloutChange> changes;
    for (const RolloutRow &existing : m_rows) {
        if (existing.cluster == cluster)
            changes.append(RolloutChange::removal(existing.key()));
    }
    apply(changes);
    if (m_staleness.remove(cluster) > 0)
        emit clusterStalenessChanged(cluster);
}

void RolloutListModel::updateRow(int rowIndex, RolloutRow &&value)
{
    RolloutRow &current = m_rows[size_t(rowIndex)];
    if (current == value)
        return;

    const auto cols = changedColumns(current, value);
    const bool attentionChanged = attentionFor(current) != attentionFor(value);
    const bool attentionFlipped = rowNeedsAttention(current) != rowNeedsAttention(value);
    const bool statusChanged = current.status != value.status;
    const bool messageChanged = current.message != value.message;
    const bool rvChanged = current.resourceVersion != value.resourceVersion;
    const bool environmentChanged = current.environment != value.environment;
    const bool nameChanged = cols[int(Column::Name)] || cols[int(Column::Namespace)];
    const bool stateSinceChanged = current.stateSince != value.stateSince;
    const bool actorChanged = current.lastAction.actor != value.lastAction.actor;
    // The sorting proxy keys the Age and Last action sorts under another column (RolloutFilterProxyModel::sort).
    const bool sortTimeChanged = current.created != value.created || current.lastAction.time != value.lastAction.time;
    current = std::move(value);

    QList<int> roles;
    int first = kColumnCount;
    int last = -1;
    for (int c = 0; c < kColumnCount; ++c) {
        if (cols[size_t(c)]) {
            first = std::min(first, c);
            last = std::max(last, c);
        }
    }
    if (last >= 0)
        roles << Qt::DisplayRole << RawValueRole;
    if (cols[int(Column::Ready)] || cols[int(Column::Age)] || cols[int(Column::LastAction)])
        roles << Qt::ToolTipRole;
    // Roles every column answers: when they change, the whole row is affected.
    if (statusChanged)
        roles << statusRoles();
    if (messageChanged && !roles.contains(Qt::ToolTipRole))
        roles << Qt::ToolTipRole; // the Status column's tooltip is the message
    if (messageChanged)
        roles << MessageRole;
    if (attentionFlipped)
        roles << AttentionRole;
    if (attentionFlipped && !roles.contains(RawValueRole))
        roles << RawValueRole; // the Status column sorts attention first
    if (attentionChanged)
        roles << AttentionReasonRole;
    if (nameChanged)
        roles << NamespaceRole << NameRole;
    if (rvChanged)
        roles << ResourceVersionRole;
    if (environmentChanged)
        roles << EnvironmentRole;
    if (stateSinceChanged)
        roles << StateSinceRole;
    if (actorChanged)
        roles << LastActorRole;
    if (stateSinceChanged || actorChanged || statusChanged || messageChanged || attentionChanged || nameChanged ||
        rvChanged || environmentChanged || sortTimeChanged) {
        first = 0;
        last = kColumnCount - 1;
    }
    // Fields no role shows (e.g. timedPause alone, without an attention change) need no signal.
    if (roles.isEmpty())
        return;
    emit dataChanged(index(rowIndex, first), index(rowIndex, last), roles);
}

void RolloutListModel::removeRowIndices(std::vector<int> rows)
{
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    // From the back, so the indices of the ranges still to remove stay valid.
    size_t end = rows.size();
    while (end > 0) {
        size_t begin = end - 1;
        while (begin > 0 && rows[begin - 1] == rows[begin] - 1)
            --begin;
        const int firstRow = rows[begin];
        const int lastRow = rows[end - 1];
        beginRemoveRows({}, firstRow, lastRow);
        for (int r = firstRow; r <= lastRow; ++r)
            m_index.remove(m_rows[size_t(r)].key());
        m_rows.erase(m_rows.begin() + firstRow, m_rows.begin() + lastRow + 1);
        endRemoveRows();
        end = begin;
    }
    reindexFrom(rows.front());
}

void RolloutListModel::appendRows(std::vector<RolloutRow> &&rows)
{
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(rows.size()) - 1);
    // Rows arrive in chunks during a sync: reserving exactly each time would move every row per chunk. Reserve only
    // for a batch that at least doubles the table; otherwise let the containers grow geometrically.
    if (rows.size() >= m_rows.size()) {
        m_rows.reserve(m_rows.size() + rows.size());
        m_index.reserve(qsizetype(m_rows.size() + rows.size()));
    }
    for (RolloutRow &r : rows) {
        m_index.insert(r.key(), int(m_rows.size()));
        m_rows.push_back(std::move(r));
    }
    endInsertRows();
}

void RolloutListModel::reindexFrom(int row)
{
    for (size_t r = size_t(row); r < m_rows.size(); ++r)
        m_index[m_rows[r].key()] = int(r);
}

const RolloutRow *RolloutListModel::rowFor(const RolloutKey &key) const
{
    const auto it = m_index.constFind(key);
    return it == m_index.cend() ? nullptr : &m_rows[size_t(*it)];
}

QModelIndex RolloutListModel::indexFor(const RolloutKey &key, Column column) const
{
    const auto it = m_index.constFind(key);
    return it == m_index.cend() ? QModelIndex() : index(*it, int(column));
}

void RolloutListModel::emitForCluster(const QString &cluster, const QList<int> &roles)
{
    // One dataChanged per contiguous run of the cluster's rows.
    const int n = int(m_rows.size());
    int r = 0;
    while (r < n) {
        if (m_rows[size_t(r)].cluster != cluster) {
            ++r;
            continue;
        }
        const int first = r;
        while (r < n && m_rows[size_t(r)].cluster == cluster)
            ++r;
        emit dataChanged(index(first, 0), index(r - 1, kColumnCount - 1), roles);
    }
}

void RolloutListModel::setClusterStale(const QString &cluster, const Staleness &staleness)
{
    const Staleness next{staleness.since.isValid() ? staleness.since : m_now, staleness.cause};
    const auto it = m_staleness.constFind(cluster);
    if (it != m_staleness.cend() && *it == next)
        return;
    m_staleness.insert(cluster, next);
    emitForCluster(cluster,
                   {AttentionRole, AttentionReasonRole, RawValueRole, StaleRole, StaleSinceRole, StaleCauseRole});
    emit clusterStalenessChanged(cluster);
}

void RolloutListModel::setClusterLive(const QString &cluster)
{
    const auto it = m_staleness.find(cluster);
    if (it == m_staleness.end() || !it->isStale())
        return;
    m_staleness.erase(it);
    emitForCluster(cluster,
                   {AttentionRole, AttentionReasonRole, RawValueRole, StaleRole, StaleSinceRole, StaleCauseRole});
    emit clusterStalenessChanged(cluster);
}

void RolloutListModel::setGuardNote(const RolloutKey &key, const QString &text)
{
    if (m_guard.value(key) == text)
        return;
    if (text.isEmpty())
        m_guard.remove(key);
    else
        m_guard.insert(key, text);
    const auto it = m_index.constFind(key);
    if (it == m_index.cend())
        return;
    emit dataChanged(index(*it, 0), index(*it, columnCount() - 1), {AttentionRole, AttentionReasonRole, RawValueRole});
}

Staleness RolloutListModel::clusterStaleness(const QString &cluster) const
{
    return m_staleness.value(cluster);
}

QStringList RolloutListModel::staleClusters() const
{
    QStringList out;
    for (auto it = m_staleness.cbegin(); it != m_staleness.cend(); ++it) {
        if (it->isStale())
            out << it.key();
    }
    out.sort();
    return out;
}

QStringList RolloutListModel::clusters() const
{
    QSet<QString> set;
    for (const RolloutRow &r : m_rows)
        set.insert(r.cluster);
    for (auto it = m_staleness.cbegin(); it != m_staleness.cend(); ++it)
        set.insert(it.key());
    QStringList out(set.cbegin(), set.cend());
    out.sort();
    return out;
}

void RolloutListModel::setEnvironments(const QStringList &environments)
{
    if (environments == m_environments)
        return;
    const bool headerChanged = m_environments.isEmpty() != environments.isEmpty();
    m_environments = environments;
    if (headerChanged)
        emit headerDataChanged(Qt::Horizontal, int(Column::Cluster), int(Column::Cluster));
    emit environmentsChanged();
}

void RolloutListModel::setClock(Clock clock)
{
    m_clock = clock ? std::move(clock) : Clock([] { return QDateTime::currentDateTimeUtc(); });
    refreshAge();
}

void RolloutListModel::refreshAge()
{
    const QDateTime before = m_now;
    m_now = m_clock();
    if (m_rows.empty())
        return;
    // Only the rows whose "12m" or "alice, 12m ago" reads differently now (a fleet of old rollouts: hardly any each
    // second), one signal per run of them: the two columns are neighbours.
    const qint64 was = before.isValid() ? before.toMSecsSinceEpoch() : 0, is = m_now.toMSecsSinceEpoch();
    const auto reads = [](qint64 ms) { return humanDurationStep(std::chrono::milliseconds(ms)); };
    const auto changed = [&](const RolloutRow &row) {
        if (!before.isValid())
            return true;
        if (row.created.isValid()) {
            const qint64 created = row.created.toMSecsSinceEpoch();
            if (reads(was - created) != reads(is - created))
                return true;
        }
        if (!row.lastAction.isValid() || !row.lastAction.time.isValid())
            return false;
        const qint64 acted = row.lastAction.time.toMSecsSinceEpoch();
        return reads(std::max<qint64>(0, was - acted)) != reads(std::max<qint64>(0, is - acted));
    };
    const int n = int(m_rows.size());
    for (int r = 0; r < n;) {
        if (!changed(m_rows[size_t(r)])) {
            ++r;
            continue;
        }
        const int first = r;
        while (r < n && changed(m_rows[size_t(r)]))
            ++r;
        emit dataChanged(index(first, int(Column::LastAction)), index(r - 1, int(Column::Age)), {Qt::DisplayRole});
    }
}

} // namespace rolldeck
