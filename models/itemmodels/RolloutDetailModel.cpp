#include "RolloutDetailModel.h"

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
    : QAbstractItemModel(parent), m_root(std::make_unique<Node>()), m_traffic(new TrafficModel(this))
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
    const auto replicaSetNode = [](const ReplicaSetInfo &rs, int revision) {
        auto node = std::make_unique<RolloutDetailModel::Node>();
        node->kind = NodeKind::ReplicaSet;
        node->name = rs.name;
        node->revision = revision;
        node->status = rs.status;
        node->icon = rs.icon;
        node->age = rs.age;
        node->created = rs.created;
        node->info = rs.infoText();
        node->tooltip = rs.images.join(u'\n');
        for (const PodInfo &pod : rs.pods) {
            auto child = std::make_unique<RolloutDetailModel::Node>();
            child->kind = NodeKind::Pod;
            child->name = pod.name;
            child->revision = revision;
            child->status = pod.status;
            child->icon = pod.icon;
            child->age = pod.age;
            child->created = pod.created;
            child->info = pod.infoText();
            child->parent = node.get();
            node->children.push_back(std::move(child));
        }
        return node;
    };
    const auto analysisRunNode = [](const AnalysisRunInfo &run, int revision) {
        auto node = std::make_unique<RolloutDetailModel::Node>();
        node->kind = NodeKind::AnalysisRun;
        node->name = run.name;
        node->revision = revision;
        node->status = run.status;
        node->icon = run.icon;
        node->age = run.age;
        node->created = run.created;
        node->info = run.countsText();
        node->tooltip = run.message;
        for (const JobInfo &job : run.jobs) {
            auto child = std::make_unique<RolloutDetailModel::Node>();
            child->kind = NodeKind::Job;
            child->name = job.name;
            child->revision = revision;
            child->status = job.status;
            child->icon = job.icon;
            child->age = job.age;
            child->created = job.created;
            child->parent = node.get();
            node->children.push_back(std::move(child));
        }
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
        const auto adopt = [&revision](NodePtr child) {
            child->parent = revision.get();
            revision->children.push_back(std::move(child));
        };
        for (const ReplicaSetInfo &rs : rev.replicaSets)
            adopt(replicaSetNode(rs, rev.revision));
        for (const ExperimentInfo &ex : rev.experiments) {
            auto node = std::make_unique<RolloutDetailModel::Node>();
            node->kind = NodeKind::Experiment;
            node->name = ex.name;
            node->revision = rev.revision;
            node->status = ex.status;
            node->icon = ex.icon;
            node->age = ex.age;
            node->created = ex.created;
            node->tooltip = ex.message;
            for (const ReplicaSetInfo &rs : ex.replicaSets) {
                NodePtr child = replicaSetNode(rs, rev.revision);
                child->parent = node.get();
                node->children.push_back(std::move(child));
            }
            for (const AnalysisRunInfo &run : ex.analysisRuns) {
                NodePtr child = analysisRunNode(run, rev.revision);
                child->parent = node.get();
                node->children.push_back(std::move(child));
            }
            adopt(std::move(node));
        }
        for (const AnalysisRunInfo &run : rev.analysisRuns)
            adopt(analysisRunNode(run, rev.revision));
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
    m_staleSince = {};
    m_staleCause.clear();
    m_availability = Availability::None;
    endResetModel();
    m_traffic->clear();
    m_traffic->setStaleness({}, {});
    Q_EMIT summaryChanged();
    Q_EMIT availabilityChanged();
    Q_EMIT stalenessChanged();
}

void RolloutDetailModel::setInfo(const RolloutInfo &info)
{
    sync(m_root.get(), {}, buildTree(info));
    m_info = info;
    Q_EMIT summaryChanged();
}

void RolloutDetailModel::clearInfo()
{
    sync(m_root.get(), {}, {});
    if (m_info) {
        m_info.reset();
        Q_EMIT summaryChanged();
    }
}

void RolloutDetailModel::setAvailability(Availability availability)
{
    if (availability == m_availability)
        return;
    m_availability = availability;
    Q_EMIT availabilityChanged();
}

void RolloutDetailModel::setStaleness(const QDateTime &since, const QString &cause)
{
    const QString c = since.isValid() ? cause : QString();
    if (since == m_staleSince && c == m_staleCause)
        return;
    m_staleSince = since;
    m_staleCause = c;
    Q_EMIT stalenessChanged();
}

void RolloutDetailModel::sync(Node *existing, const QModelIndex &parentIndex, std::vector<NodePtr> &&fresh)
{
    auto &kids = existing->children;
    // 1. Rows whose object is gone, removed by contiguous ranges from the end.
    QSet<QString> wanted;
    for (const NodePtr &n : fresh)
        wanted.insert(n->key());
    for (int last = int(kids.size()) - 1; last >= 0;) {
        if (wanted.contains(kids[size_t(last)]->key())) {
            --last;
            continue;
        }
        int first = last;
        while (first > 0 && !wanted.contains(kids[size_t(first - 1)]->key()))
            --first;
        beginRemoveRows(parentIndex, first, last);
        kids.erase(kids.begin() + first, kids.begin() + last + 1);
        endRemoveRows();
        last = first - 1;
    }
    // 2. In the new order: keep, move into place, or insert (contiguous new rows in one insert).
    QHash<QString, int> present;
    for (size_t i = 0; i < kids.size(); ++i)
        present.insert(kids[i]->key(), int(i));
    for (size_t i = 0; i < fresh.size();) {
        const QString key = fresh[i]->key();
        if (i < kids.size() && kids[i]->key() == key) {
            NodePtr &old = kids[i];
            if (!old->sameShown(*fresh[i])) {
                old->name = fresh[i]->name;
                old->revision = fresh[i]->revision;
                old->status = fresh[i]->status;
                old->icon = fresh[i]->icon;
                old->age = fresh[i]->age;
                old->created = fresh[i]->created;
                old->info = fresh[i]->info;
                old->tooltip = fresh[i]->tooltip;
                Q_EMIT dataChanged(index(int(i), 0, parentIndex), index(int(i), int(Column::Count) - 1, parentIndex));
            }
            sync(old.get(), index(int(i), 0, parentIndex), std::move(fresh[i]->children));
            ++i;
            continue;
        }
        bool found = false;
        for (size_t j = i + 1; j < kids.size(); ++j) {
            if (kids[j]->key() != key)
                continue;
            beginMoveRows(parentIndex, int(j), int(j), parentIndex, int(i));
            NodePtr moving = std::move(kids[j]);
            kids.erase(kids.begin() + int(j));
            kids.insert(kids.begin() + int(i), std::move(moving));
            endMoveRows();
            found = true;
            break;
        }
        if (found)
            continue; // compared and recursed on the next pass at the same i
        size_t end = i + 1;
        while (end < fresh.size() && !present.contains(fresh[end]->key()))
            ++end;
        beginInsertRows(parentIndex, int(i), int(end) - 1);
        for (size_t k = i; k < end; ++k) {
            fresh[k]->parent = existing;
            kids.insert(kids.begin() + int(k), std::move(fresh[k]));
        }
        endInsertRows();
        i = end;
    }
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
