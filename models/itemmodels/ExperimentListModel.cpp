#include "ExperimentListModel.h"

#include "itemmodels/RowSync.h"

#include <algorithm>
#include <cmath>

namespace rolldeck {

namespace {

const QList<int> kComparedRoles = {
    Qt::DisplayRole,
    Qt::ToolTipRole,
    ExperimentListModel::VirtualServiceRole,
    ExperimentListModel::VerdictRole,
    ExperimentListModel::OutcomeRole,
    ExperimentListModel::ProgressRole,
    ExperimentListModel::SecondsLeftRole,
    ExperimentListModel::SampleRatioPRole,
    ExperimentListModel::MismatchRole,
    ExperimentListModel::ConfiguredShareBRole,
    ExperimentListModel::ObservedShareBRole,
    ExperimentListModel::VisitsRole,
    ExperimentListModel::ErrorRole,
    ExperimentListModel::ReadAtRole,
};

// NaN compares unequal to itself: two unknown values are the same value.
bool same(const QVariant &a, const QVariant &b)
{
    if (a.typeId() == QMetaType::Double && b.typeId() == QMetaType::Double) {
        const double x = a.toDouble(), y = b.toDouble();
        return x == y || (std::isnan(x) && std::isnan(y));
    }
    return a == b;
}

} // namespace

ExperimentListModel::ExperimentListModel(QObject *parent) : QAbstractListModel(parent) {}

QString ExperimentListModel::keyOf(const stats::ExperimentSnapshot &s)
{
    return s.route.context + u'/' + s.ns + u'/' + s.name;
}

int ExperimentListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ExperimentListModel::rowOf(const QString &key) const
{
    for (int i = 0; i < int(m_rows.size()); ++i) {
        if (m_rows.at(i).key == key)
            return i;
    }
    return -1;
}

QVariant ExperimentListModel::roleValue(const Row &row, int role) const
{
    const stats::ExperimentSnapshot &s = row.snapshot;
    const stats::AbReport &report = s.report;
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return s.name;
    case Qt::ToolTipRole:
    case VerdictRole:
        return s.error.isEmpty() ? report.verdict : s.error;
    case KeyRole:
        return row.key;
    case ContextRole:
        return s.route.context;
    case NamespaceRole:
        return s.ns;
    case VirtualServiceRole:
        return s.route.virtualService.isEmpty() ? QString() : s.route.ns + u'/' + s.route.virtualService;
    case OutcomeRole:
        return s.error.isEmpty() ? int(report.outcome) : -1;
    case ProgressRole:
        return report.metrics.isEmpty() ? stats::kNaN : report.metrics.constFirst().progress;
    case SecondsLeftRole:
        return report.secondsLeft;
    case SampleRatioPRole:
        return report.sampleRatio.pValue;
    case MismatchRole:
        return report.sampleRatioMismatch;
    case ConfiguredShareBRole: {
        const double total = s.input.weightA + s.input.weightB;
        return total > 0 ? s.input.weightB / total : stats::kNaN;
    }
    case ObservedShareBRole: {
        const double total = s.input.visitsA + s.input.visitsB;
        return total > 0 ? s.input.visitsB / total : stats::kNaN;
    }
    case VisitsRole:
        return s.input.visitsA + s.input.visitsB;
    case ErrorRole:
        return s.error;
    case ReadAtRole:
        return s.readAt;
    case RevisionRole:
        return row.revision;
    default:
        return {};
    }
}

QVariant ExperimentListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    return roleValue(m_rows.at(index.row()), role);
}

QHash<int, QByteArray> ExperimentListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{KeyRole, "key"},
                  {ContextRole, "context"},
                  {NamespaceRole, "namespace"},
                  {NameRole, "name"},
                  {VirtualServiceRole, "virtualService"},
                  {VerdictRole, "verdict"},
                  {OutcomeRole, "outcome"},
                  {ProgressRole, "progress"},
                  {SecondsLeftRole, "secondsLeft"},
                  {SampleRatioPRole, "sampleRatioP"},
                  {MismatchRole, "mismatch"},
                  {ConfiguredShareBRole, "configuredShareB"},
                  {ObservedShareBRole, "observedShareB"},
                  {VisitsRole, "visits"},
                  {ErrorRole, "error"},
                  {ReadAtRole, "readAt"},
                  {RevisionRole, "revision"}});
    return names;
}

void ExperimentListModel::setSnapshots(const QList<stats::ExperimentSnapshot> &snapshots)
{
    QList<Row> fresh;
    fresh.reserve(snapshots.size());
    for (const stats::ExperimentSnapshot &s : snapshots)
        fresh.append({keyOf(s), s, 0});
    std::stable_sort(fresh.begin(), fresh.end(), [](const Row &a, const Row &b) { return a.key < b.key; });
    // One row per key: a source that repeats an experiment keeps its last read.
    for (int i = int(fresh.size()) - 1; i > 0; --i) {
        if (fresh.at(i - 1).key == fresh.at(i).key)
            fresh.removeAt(i - 1);
    }
    struct Rows
    {
        ExperimentListModel *m;

        QString key(const Row &row) const { return row.key; }
        void beginRemove(int first, int last) { m->beginRemoveRows({}, first, last); }
        void endRemove() { m->endRemoveRows(); }
        void beginMove(int from, int to) { m->beginMoveRows({}, from, from, {}, to); }
        void endMove() { m->endMoveRows(); }
        void beginInsert(int first, int last) { m->beginInsertRows({}, first, last); }
        void endInsert() { m->endInsertRows(); }
        void adopt(Row &) {}
        void update(int i, Row &old, Row &&fresh)
        {
            QList<int> roles;
            for (int role : kComparedRoles) {
                if (!same(m->roleValue(old, role), m->roleValue(fresh, role)))
                    roles << role;
            }
            if (roles.isEmpty())
                return; // the same read again: nothing on screen can differ
            fresh.revision = old.revision + 1;
            old = std::move(fresh);
            roles << RevisionRole;
            const QModelIndex index = m->index(i);
            emit m->dataChanged(index, index, roles);
        }
    } rows{this};
    syncRowsByKey(m_rows, std::move(fresh), rows);
}

} // namespace rolldeck
