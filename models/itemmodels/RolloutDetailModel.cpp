#include "RolloutDetailModel.h"

#include "RowSync.h"
#include "RolloutEventModel.h"
#include "TrafficModel.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace rolldeck {

struct RolloutDetailModel::Node
{
    NodeKind kind = NodeKind::Revision;
    QString name;
    int revision = 0;
    QString status;
    QString icon;
    QString age;
    QDateTime created;
    QString info;
    QString tooltip;
    Node *parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;

    // Identity among its siblings.
    QString key() const
    {
        return kind == NodeKind::Revision ? QString::number(revision) : QString::number(int(kind)) + u':' + name;
    }
    bool sameShown(const Node &o) const
    {
        return name == o.name && revision == o.revision && status == o.status && icon == o.icon && age == o.age &&
               created == o.created && info == o.info && tooltip == o.tooltip;
    }
    int row() const
    {
        if (!parent)
            return 0;
        const auto &siblings = parent->children;
        for (size_t i = 0; i < siblings.size(); ++i) {
            if (siblings[i].get() == this)
                return int(i);
        }
        return -1;
    }
};

RolloutDetailModel::RolloutDetailModel(QObject *parent)
    : QAbstractItemModel(parent), m_root(std::make_unique<Node>()), m_traffic(new TrafficModel(this)),
      m_events(new RolloutEventModel(this))
{
}

RolloutDetailModel::~RolloutDetailModel() = default;

QString RolloutDetailModel::columnName(Column column)
{
    switch (column) {
    case Column::Name:
        return tr("Name");
    case Column::Kind:
        return tr("Kind");
    case Column::Status:
        return tr("Status");
    case Column::Age:
        return tr("Age");
    case Column::Info:
        return tr("Info");
    case Column::Count:
        break;
    }
    return {};
}

StatusSeverity RolloutDetailModel::severityForIcon(const QString &icon)
{
    if (icon == icons::kOk)
        return StatusSeverity::Healthy;
    if (icon == icons::kProgressing || icon == icons::kWaiting)
        return StatusSeverity::Progressing;
    if (icon == icons::kPaused)
        return StatusSeverity::Paused;
    if (icon == icons::kBad)
        return StatusSeverity::Degraded;
    if (icon == icons::kWarning)
        return StatusSeverity::Error;
    if (icon == icons::kNeutral)
        return StatusSeverity::ScaledDown;
    return StatusSeverity::Unknown;
}

std::vector<RolloutDetailModel::NodePtr> RolloutDetailModel::buildTree(const RolloutInfo &info)
{
    // Every object of the tree shows its name, status, icon and age alike.
    const auto objectNode = [](NodeKind kind, const auto &object, int revision) {
        auto node = std::make_unique<RolloutDetailModel::Node>();
        node->kind = kind;
        node->name = object.name;
        node->revision = revision;
        node->status = object.status;
        node->icon = object.icon;
        node->age = object.age;
        node->created = object.created;
        return node;
    };
    const auto adopt = [](Node &parent, NodePtr child) {
        child->parent = &parent;
        parent.children.push_back(std::move(child));
    };
    const auto replicaSetNode = [&](const ReplicaSetInfo &rs, int revision) {
        NodePtr node = objectNode(NodeKind::ReplicaSet, rs, revision);
        node->info = rs.infoText();
        node->tooltip = rs.images.join(u'\n');
        for (const PodInfo &pod : rs.pods) {
            NodePtr child = objectNode(NodeKind::Pod, pod, revision);
            child->info = pod.infoText();
            adopt(*node, std::move(child));
        }
        return node;
    };
    const auto analysisRunNode = [&](const AnalysisRunInfo &run, int revision) {
        NodePtr node = objectNode(NodeKind::AnalysisRun, run, revision);
        node->info = run.countsText();
        node->tooltip = run.message;
        for (const JobInfo &job : run.jobs)
            adopt(*node, objectNode(NodeKind::Job, job, revision));
        return node;
    };
    std::vector<NodePtr> out;
    for (const RevisionInfo &rev : info.revisions) {
        auto revision = std::make_unique<RolloutDetailModel::Node>();
        revision->kind = NodeKind::Revision;
        revision->revision = rev.revision;
        revision->name = tr("revision:%1").arg(rev.revision);
        QStringList tags;
        for (const ReplicaSetInfo &rs : rev.replicaSets)
            tags += rs.tags();
        tags.removeDuplicates();
        revision->info = tags.join(u',');
        for (const ReplicaSetInfo &rs : rev.replicaSets)
            adopt(*revision, replicaSetNode(rs, rev.revision));
        for (const ExperimentInfo &ex : rev.experiments) {
            NodePtr node = objectNode(NodeKind::Experiment, ex, rev.revision);
            node->tooltip = ex.message;
            for (const ReplicaSetInfo &rs : ex.replicaSets)
                adopt(*node, replicaSetNode(rs, rev.revision));
            for (const AnalysisRunInfo &run : ex.analysisRuns)
                adopt(*node, analysisRunNode(run, rev.revision));
            adopt(*revision, std::move(node));
        }
        for (const AnalysisRunInfo &run : rev.analysisRuns)
            adopt(*revision, analysisRunNode(run, rev.revision));
        out.push_back(std::move(revision));
    }
    return out;
}

void RolloutDetailModel::setTarget(const QString &cluster, const QString &namespaceName, const QString &name)
{
    if (cluster == m_cluster && namespaceName == m_namespace && name == m_name)
        return;
    beginResetModel();
    m_root->children.clear();
    m_info.reset();
    m_cluster = cluster;
    m_namespace = namespaceName;
    m_name = name;
    m_staleness = {};
    m_availability = Availability::None;
    endResetModel();
    m_traffic->clear();
    m_traffic->setStaleness({});
    m_events->clear();
    emit summaryChanged();
    emit availabilityChanged();
    emit stalenessChanged();
}

void RolloutDetailModel::setInfo(const RolloutInfo &info)
{
    sync(m_root.get(), {}, buildTree(info));
    m_info = info;
    emit summaryChanged();
}

void RolloutDetailModel::clearInfo()
{
    sync(m_root.get(), {}, {});
    if (m_info) {
        m_info.reset();
        emit summaryChanged();
    }
}

void RolloutDetailModel::setAvailability(Availability availability)
{
    if (availability == m_availability)
        return;
    m_availability = availability;
    emit availabilityChanged();
}

void RolloutDetailModel::setStaleness(const Staleness &staleness)
{
    const Staleness next = staleness.isStale() ? staleness : Staleness{};
    if (next == m_staleness)
        return;
    m_staleness = next;
    emit stalenessChanged();
}

void RolloutDetailModel::sync(Node *existing, const QModelIndex &parentIndex, std::vector<NodePtr> &&fresh)
{
    // The children of `existing` become `fresh`; a kept row takes the fresh values and its children are synced in
    // turn.
    struct Rows
    {
        RolloutDetailModel *m;
        Node *parent;
        const QModelIndex &parentIndex;

        QString key(const NodePtr &n) const { return n->key(); }
        void beginRemove(int first, int last) { m->beginRemoveRows(parentIndex, first, last); }
        void endRemove() { m->endRemoveRows(); }
        void beginMove(int from, int to) { m->beginMoveRows(parentIndex, from, from, parentIndex, to); }
        void endMove() { m->endMoveRows(); }
        void beginInsert(int first, int last) { m->beginInsertRows(parentIndex, first, last); }
        void endInsert() { m->endInsertRows(); }
        void adopt(NodePtr &n) { n->parent = parent; }
        void update(int i, NodePtr &old, NodePtr &&fresh)
        {
            if (!old->sameShown(*fresh)) {
                old->name = fresh->name;
                old->revision = fresh->revision;
                old->status = fresh->status;
                old->icon = fresh->icon;
                old->age = fresh->age;
                old->created = fresh->created;
                old->info = fresh->info;
                old->tooltip = fresh->tooltip;
                emit m->dataChanged(m->index(i, 0, parentIndex), m->index(i, int(Column::Count) - 1, parentIndex));
            }
            m->sync(old.get(), m->index(i, 0, parentIndex), std::move(fresh->children));
        }
    } rows{this, existing, parentIndex};
    syncRowsByKey(existing->children, std::move(fresh), rows);
}

const RolloutDetailModel::Node *RolloutDetailModel::nodeAt(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<const Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex RolloutDetailModel::indexFor(const Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row(), column, const_cast<Node *>(node));
}

QModelIndex RolloutDetailModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= int(Column::Count) || row < 0 || (parent.isValid() && parent.column() != 0))
        return {};
    const Node *p = nodeAt(parent);
    if (size_t(row) >= p->children.size())
        return {};
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex RolloutDetailModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexFor(nodeAt(child)->parent);
}

int RolloutDetailModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeAt(parent)->children.size());
}

int RolloutDetailModel::columnCount(const QModelIndex &) const
{
    return int(Column::Count);
}

QVariant RolloutDetailModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *node = nodeAt(index);
    const auto column = Column(index.column());
    const auto kindName = [node]() -> QString {
        switch (node->kind) {
        case NodeKind::Revision:
            return {};
        case NodeKind::ReplicaSet:
            return QStringLiteral("ReplicaSet");
        case NodeKind::Pod:
            return QStringLiteral("Pod");
        case NodeKind::Experiment:
            return QStringLiteral("Experiment");
        case NodeKind::AnalysisRun:
            return QStringLiteral("AnalysisRun");
        case NodeKind::Job:
            return QStringLiteral("Job");
        }
        return {};
    };
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Column::Name:
            return node->name;
        case Column::Kind:
            return kindName();
        case Column::Status:
            return node->status;
        case Column::Age:
            return node->age;
        case Column::Info:
            return node->info;
        case Column::Count:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        return node->tooltip.isEmpty() ? QVariant() : QVariant(node->tooltip);
    case RawValueRole:
        if (node->kind == NodeKind::Revision && column == Column::Name)
            return node->revision;
        if (column == Column::Age)
            return node->created;
        return data(index, Qt::DisplayRole);
    case NodeKindRole:
        return int(node->kind);
    case StatusRole:
        return node->status;
    case StatusIconRole:
        return node->icon;
    case SeverityRole:
        return int(severityForIcon(node->icon));
    case ObjectNameRole:
        return node->kind == NodeKind::Revision ? QString() : node->name;
    case RevisionRole:
        return node->revision;
    default:
        return {};
    }
}

QVariant RolloutDetailModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= int(Column::Count))
        return {};
    return columnName(Column(section));
}

const RolloutDetailModel::Node *RolloutDetailModel::find(const Node *from, NodeKind kind, const QString &name) const
{
    for (const NodePtr &child : from->children) {
        if (child->kind == kind && child->name == name)
            return child.get();
        if (const RolloutDetailModel::Node *hit = find(child.get(), kind, name))
            return hit;
    }
    return nullptr;
}

QModelIndex RolloutDetailModel::indexOf(NodeKind kind, const QString &name) const
{
    return indexFor(find(m_root.get(), kind, name));
}

} // namespace rolldeck
