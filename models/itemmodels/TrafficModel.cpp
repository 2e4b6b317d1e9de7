#include "TrafficModel.h"

#include "RowSync.h"

#include <QSet>

namespace rolldeck {

namespace {

using Column = TrafficModel::Column;

QString roleText(TrafficRefs::ServiceRole role)
{
    switch (role) {
    case TrafficRefs::ServiceRole::Stable:
        return TrafficModel::tr("stable");
    case TrafficRefs::ServiceRole::Canary:
        return TrafficModel::tr("canary");
    case TrafficRefs::ServiceRole::Active:
        return TrafficModel::tr("active");
    case TrafficRefs::ServiceRole::Preview:
        return TrafficModel::tr("preview");
    }
    return {};
}

QString sideText(DestinationTraffic::Target target)
{
    switch (target) {
    case DestinationTraffic::Target::Stable:
        return TrafficModel::tr("stable");
    case DestinationTraffic::Target::Canary:
        return TrafficModel::tr("canary");
    case DestinationTraffic::Target::Other:
        return TrafficModel::tr("not managed");
    }
    return {};
}

QString weightText(int weight)
{
    return TrafficModel::tr("%1%").arg(weight);
}

StatusSeverity severityOf(TrafficProblem problem, TrafficLookup::State state)
{
    if (state == TrafficLookup::State::Loading)
        return StatusSeverity::Progressing;
    switch (problem) {
    case TrafficProblem::None:
        return StatusSeverity::Healthy;
    case TrafficProblem::Unavailable:
        return StatusSeverity::Error;
    case TrafficProblem::Missing:
    case TrafficProblem::HashMismatch:
    case TrafficProblem::UnknownReplicaSet:
    case TrafficProblem::NotPinned:
    case TrafficProblem::WeightMismatch:
    case TrafficProblem::DestinationMissing:
    case TrafficProblem::RouteMissing:
        return StatusSeverity::Degraded;
    }
    return StatusSeverity::Unknown;
}

} // namespace

bool TrafficModel::Row::operator==(const Row &o) const
{
    for (int c = 0; c < int(Column::Count); ++c) {
        if (cells[c] != o.cells[c] || raw[c] != o.raw[c])
            return false;
    }
    return key == o.key && kind == o.kind && name == o.name && namespaceName == o.namespaceName &&
           problem == o.problem && severity == o.severity && tooltip == o.tooltip;
}

TrafficModel::TrafficModel(QObject *parent) : QAbstractTableModel(parent) {}

TrafficModel::~TrafficModel() = default;

QString TrafficModel::columnName(Column column)
{
    switch (column) {
    case Column::Object:
        return tr("Object");
    case Column::Target:
        return tr("Routes to");
    case Column::Actual:
        return tr("Actual");
    case Column::Desired:
        return tr("Desired");
    case Column::Ready:
        return tr("Ready");
    case Column::Status:
        return tr("Status");
    case Column::Count:
        break;
    }
    return {};
}

QString TrafficModel::problemText(TrafficProblem problem)
{
    switch (problem) {
    case TrafficProblem::None:
        return tr("OK");
    case TrafficProblem::Missing:
        return tr("Not found");
    case TrafficProblem::Unavailable:
        return tr("Cannot be read");
    case TrafficProblem::HashMismatch:
        return tr("Points at the wrong ReplicaSet");
    case TrafficProblem::UnknownReplicaSet:
        return tr("Points at no ReplicaSet of this rollout");
    case TrafficProblem::NotPinned:
        return tr("Selects every revision");
    case TrafficProblem::WeightMismatch:
        return tr("Weight differs from the rollout's");
    case TrafficProblem::DestinationMissing:
        return tr("Destination missing");
    case TrafficProblem::RouteMissing:
        return tr("Route not found");
    }
    return {};
}

QString TrafficModel::routeKey(const RouteTraffic &route)
{
    switch (route.protocol) {
    case RouteProtocol::Http:
        return route.name;
    case RouteProtocol::Tls:
        return QStringLiteral("tls:") + QString::number(route.port) + u':' + route.name;
    case RouteProtocol::Tcp:
        return QStringLiteral("tcp:") + QString::number(route.port);
    }
    return {};
}

QList<TrafficModel::Row> TrafficModel::buildRows(const TrafficInfo &traffic)
{
    QList<Row> rows;
    QSet<QString> keys;
    const auto add = [&rows, &keys](Row row) {
        QString key = row.key;
        for (int n = 2; keys.contains(key); ++n)
            key = row.key + u'#' + QString::number(n);
        row.key = key;
        keys.insert(key);
        rows << row;
    };
    const auto objectName = [&traffic](const QString &ns, const QString &name) {
        return ns == traffic.namespaceName ? name : QString(ns + u'/' + name);
    };

    for (const ServiceTraffic &s : traffic.services) {
        Row row;
        row.key = QStringLiteral("svc:") + s.namespaceName + u'/' + s.name;
        row.kind = RowKind::Service;
        row.name = s.name;
        row.namespaceName = s.namespaceName;
        row.problem = s.problem;
        row.severity = severityOf(s.problem, s.state);
        row.cells[int(Column::Object)] = tr("Service %1").arg(s.name);
        row.cells[int(Column::Target)] = roleText(s.role);
        row.cells[int(Column::Desired)] = s.expectedHash.isEmpty() ? tr("—") : s.expectedHash;
        row.raw[int(Column::Desired)] = s.expectedHash;
        switch (s.state) {
        case TrafficLookup::State::Loading:
            row.cells[int(Column::Actual)] = tr("loading…");
            row.cells[int(Column::Status)] = tr("Loading…");
            break;
        case TrafficLookup::State::Missing:
            row.cells[int(Column::Actual)] = tr("—");
            row.cells[int(Column::Status)] = tr("Not found: the rollout names a Service that does not exist");
            break;
        case TrafficLookup::State::Unavailable:
            row.cells[int(Column::Actual)] = tr("—");
            row.cells[int(Column::Status)] = tr("Cannot be read (%1)").arg(s.cause);
            break;
        case TrafficLookup::State::Found:
            if (s.podTemplateHash.isEmpty())
                row.cells[int(Column::Actual)] = tr("every revision");
            else if (s.revision > 0)
                row.cells[int(Column::Actual)] = tr("%1 (revision %2)").arg(s.podTemplateHash).arg(s.revision);
            else
                row.cells[int(Column::Actual)] = s.podTemplateHash;
            row.raw[int(Column::Actual)] = s.podTemplateHash;
            row.cells[int(Column::Ready)] = tr("%1/%2").arg(s.readyPods).arg(s.pods);
            row.raw[int(Column::Ready)] = s.readyPods;
            switch (s.problem) {
            case TrafficProblem::HashMismatch:
                row.cells[int(Column::Status)] =
                    tr("Points at %1, the rollout wants %2").arg(s.podTemplateHash, s.expectedHash);
                break;
            case TrafficProblem::UnknownReplicaSet:
                row.cells[int(Column::Status)] =
                    tr("Points at %1: no ReplicaSet of this rollout has that hash").arg(s.podTemplateHash);
                break;
            case TrafficProblem::NotPinned:
                row.cells[int(Column::Status)] = tr("Selects every revision, the rollout wants %1").arg(s.expectedHash);
                break;
            default:
                row.cells[int(Column::Status)] = problemText(s.problem);
                break;
            }
            if (!s.replicaSetName.isEmpty())
                row.tooltip = tr("Selects the pods of ReplicaSet %1").arg(s.replicaSetName);
            break;
        }
        row.raw[int(Column::Object)] = s.name;
        add(row);
    }

    for (const VirtualServiceTraffic &vs : traffic.virtualServices) {
        const QString vsName = objectName(vs.namespaceName, vs.name);
        const QString base = vs.namespaceName + u'/' + vs.name;
        if (vs.state != TrafficLookup::State::Found) {
            Row row;
            row.key = QStringLiteral("vs:") + base;
            row.kind = RowKind::VirtualService;
            row.name = vs.name;
            row.namespaceName = vs.namespaceName;
            row.problem = vs.problem;
            row.severity = severityOf(vs.problem, vs.state);
            row.cells[int(Column::Object)] = tr("VirtualService %1").arg(vsName);
            row.cells[int(Column::Actual)] = vs.state == TrafficLookup::State::Loading ? tr("loading…") : tr("—");
            if (vs.state == TrafficLookup::State::Loading)
                row.cells[int(Column::Status)] = tr("Loading…");
            else if (vs.state == TrafficLookup::State::Missing)
                row.cells[int(Column::Status)] =
                    tr("Not found: the rollout routes through a VirtualService that does not exist");
            else
                row.cells[int(Column::Status)] = tr("Cannot be read (%1)").arg(vs.cause);
            add(row);
            continue;
        }
        if (vs.routes.isEmpty()) {
            Row row;
            row.key = QStringLiteral("vs:") + base;
            row.kind = RowKind::VirtualService;
            row.name = vs.name;
            row.namespaceName = vs.namespaceName;
            row.cells[int(Column::Object)] = tr("VirtualService %1").arg(vsName);
            row.cells[int(Column::Status)] = tr("No HTTP routes");
            add(row);
            continue;
        }
        for (const RouteTraffic &route : vs.routes) {
            const QString key = routeKey(route);
            QString routeName;
            switch (route.protocol) {
            case RouteProtocol::Http:
                routeName = route.name.isEmpty() ? tr("(unnamed route)") : route.name;
                break;
            case RouteProtocol::Tls:
                routeName = route.port ? tr("TLS port %1").arg(route.port) : tr("TLS");
                break;
            case RouteProtocol::Tcp:
                routeName = route.port ? tr("TCP port %1").arg(route.port) : tr("TCP");
                break;
            }
            const QString object = tr("VirtualService %1 › %2").arg(vsName, routeName);
            if (!route.present) {
                Row row;
                row.key = QStringLiteral("route:") + base + u'/' + key;
                row.kind = RowKind::Route;
                row.name = vs.name;
                row.namespaceName = vs.namespaceName;
                row.problem = TrafficProblem::RouteMissing;
                row.severity = StatusSeverity::Degraded;
                row.cells[int(Column::Object)] = object;
                row.cells[int(Column::Actual)] = tr("—");
                switch (route.protocol) {
                case RouteProtocol::Http:
                    row.cells[int(Column::Status)] =
                        tr("Route not found: the VirtualService has no HTTP route %1").arg(route.name);
                    break;
                case RouteProtocol::Tls:
                    row.cells[int(Column::Status)] =
                        tr("Route not found: the VirtualService has no TLS route for port %1").arg(route.port);
                    break;
                case RouteProtocol::Tcp:
                    row.cells[int(Column::Status)] =
                        tr("Route not found: the VirtualService has no TCP route for port %1").arg(route.port);
                    break;
                }
                add(row);
                continue;
            }
            for (const DestinationTraffic &d : route.destinations) {
                Row row;
                row.key = QStringLiteral("dst:") + base + u'/' + key + u'/' + d.host + u'/' + d.subset;
                row.kind = RowKind::Destination;
                row.name = vs.name;
                row.namespaceName = vs.namespaceName;
                row.problem = d.problem;
                row.severity = severityOf(d.problem, TrafficLookup::State::Found);
                row.cells[int(Column::Object)] = object;
                QString where = d.host;
                if (!d.subset.isEmpty())
                    where = where.isEmpty() ? tr("subset %1").arg(d.subset) : tr("%1, subset %2").arg(where, d.subset);
                row.cells[int(Column::Target)] = tr("%1 (%2)").arg(where, sideText(d.target));
                row.cells[int(Column::Actual)] = d.present ? weightText(d.weight) : tr("no destination");
                if (d.present)
                    row.raw[int(Column::Actual)] = d.weight;
                row.cells[int(Column::Desired)] = d.desired ? weightText(*d.desired) : tr("—");
                if (d.desired)
                    row.raw[int(Column::Desired)] = *d.desired;
                switch (d.problem) {
                case TrafficProblem::WeightMismatch:
                    row.cells[int(Column::Status)] =
                        tr("The mesh sends %1, the rollout wants %2").arg(weightText(d.weight), weightText(*d.desired));
                    break;
                case TrafficProblem::DestinationMissing:
                    row.cells[int(Column::Status)] =
                        tr("Destination missing: the route has no %1 destination").arg(sideText(d.target));
                    break;
                default:
                    row.cells[int(Column::Status)] = problemText(d.problem);
                    break;
                }
                add(row);
            }
        }
    }
    return rows;
}

void TrafficModel::setTraffic(const TrafficInfo &traffic)
{
    if (traffic == m_traffic)
        return;
    m_traffic = traffic;
    sync(buildRows(traffic));
    emit trafficChanged();
}

void TrafficModel::clear()
{
    m_traffic = {};
    sync({});
    emit trafficChanged();
}

void TrafficModel::setStaleness(const Staleness &staleness)
{
    const Staleness next = staleness.isStale() ? staleness : Staleness{};
    if (next == m_staleness)
        return;
    m_staleness = next;
    emit stalenessChanged();
}

void TrafficModel::sync(QList<Row> fresh)
{
    struct Rows
    {
        TrafficModel *m;

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
            if (old == fresh)
                return;
            old = std::move(fresh);
            emit m->dataChanged(m->index(i, 0), m->index(i, int(Column::Count) - 1));
        }
    } rows{this};
    syncRowsByKey(m_rows, std::move(fresh), rows);
}

int TrafficModel::serviceRow(const QString &name) const
{
    for (int i = 0; i < int(m_rows.size()); ++i) {
        if (m_rows.at(i).kind == RowKind::Service && m_rows.at(i).name == name)
            return i;
    }
    return -1;
}

int TrafficModel::destinationRow(const QString &virtualService, const QString &route, const QString &host,
                                 const QString &subset) const
{
    for (int i = 0; i < int(m_rows.size()); ++i) {
        const Row &row = m_rows.at(i);
        if (row.kind == RowKind::Destination && row.name == virtualService &&
            row.key.endsWith(u'/' + route + u'/' + host + u'/' + subset))
            return i;
    }
    return -1;
}

int TrafficModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TrafficModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QVariant TrafficModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return row.cells[column];
    case Qt::ToolTipRole:
        if (column == int(Column::Status) || column == int(Column::Object))
            return row.tooltip.isEmpty() ? QVariant() : QVariant(row.tooltip);
        return {};
    case RawValueRole:
        return row.raw[column].isValid() ? row.raw[column] : QVariant(row.cells[column]);
    case RowKindRole:
        return int(row.kind);
    case ProblemRole:
        return int(row.problem);
    case SeverityRole:
        return int(row.severity);
    case ObjectNameRole:
        return row.name;
    case NamespaceRole:
        return row.namespaceName;
    default:
        return {};
    }
}

QVariant TrafficModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= int(Column::Count))
        return {};
    return columnName(Column(section));
}

} // namespace rolldeck
