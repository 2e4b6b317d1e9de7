#pragma once

#include "RolloutRow.h"
#include "domain/Staleness.h"
#include "argo/RolloutInfo.h"

#include <QAbstractItemModel>
#include <QDateTime>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace rolldeck {

class RolloutEventModel;
class TrafficModel;

// One rollout's detail: its summary (the RolloutInfo) and its revision tree as `kubectl argo rollouts get rollout`
// shows it: revisions (descending) → ReplicaSets → pods, experiments → their ReplicaSets and analysis runs, analysis
// runs → their jobs. setInfo() applies a new view incrementally: rows of objects that went away are removed, new
// ones inserted, moved ones moved, changed ones get a dataChanged; the model is never reset for an update.
// Its traffic section (Services, VirtualService weights) is a TrafficModel it owns, cleared with the target.
class RolloutDetailModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum class Column { Name, Kind, Status, Age, Info, Count };
    Q_ENUM(Column)

    enum class NodeKind { Revision, ReplicaSet, Pod, Experiment, AnalysisRun, Job };
    Q_ENUM(NodeKind)

    enum Role {
        RawValueRole = Qt::UserRole + 1, // sort value: revision number, creation time for Age, else the text
        NodeKindRole,                    // int(NodeKind), every column
        StatusRole,                      // the status text, every column
        StatusIconRole,                  // the kubectl glyph ("✔", "◌", "॥", "✖", "⚠", "?", "•", "◷")
        SeverityRole,                    // int(StatusSeverity) derived from the glyph
        ObjectNameRole,                  // the object's name ("" for a revision)
        RevisionRole                     // the revision the row belongs to
    };
    Q_ENUM(Role)

    // Where the detail is in its life: nothing open, waiting for the first complete view, shown, or the rollout
    // does not exist (any more).
    enum class Availability { None, Loading, Ready, NotFound };
    Q_ENUM(Availability)

    explicit RolloutDetailModel(QObject *parent = nullptr);
    ~RolloutDetailModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Which rollout the detail is about. A different target clears the tree (one reset: another object).
    void setTarget(const QString &cluster, const QString &namespaceName, const QString &name);
    const QString &cluster() const { return m_cluster; }
    const QString &namespaceName() const { return m_namespace; }
    const QString &name() const { return m_name; }

    // Apply a new view of the target rollout, incrementally.
    void setInfo(const RolloutInfo &info);
    // Drop the view (rows removed), keeping the target.
    void clearInfo();
    const std::optional<RolloutInfo> &info() const { return m_info; }

    void setAvailability(Availability availability);
    Availability availability() const { return m_availability; }

    // Stale since a time with a cause, or live.
    void setStaleness(const Staleness &staleness);
    const Staleness &staleness() const { return m_staleness; }
    bool isStale() const { return m_staleness.isStale(); }

    // The traffic section of the same rollout (owned; cleared when the target changes).
    TrafficModel *traffic() const { return m_traffic; }
    // The rollout's Events, live (owned; cleared when the target changes).
    RolloutEventModel *events() const { return m_events; }

    // The index of the row for an object (kind + name), invalid when not shown.
    QModelIndex indexOf(NodeKind kind, const QString &name) const;

    static QString columnName(Column column);
    static StatusSeverity severityForIcon(const QString &icon);

signals:
    // The summary (status, message, weights, step, images, ...) may have changed.
    void summaryChanged();
    void availabilityChanged();
    void stalenessChanged();

private:
    struct Node;
    using NodePtr = std::unique_ptr<Node>;
    static std::vector<NodePtr> buildTree(const RolloutInfo &info);
    void sync(Node *existing, const QModelIndex &parentIndex, std::vector<NodePtr> &&fresh);
    QModelIndex indexFor(const Node *node, int column = 0) const;
    const Node *nodeAt(const QModelIndex &index) const;
    const Node *find(const Node *from, NodeKind kind, const QString &name) const;

    std::unique_ptr<Node> m_root;
    TrafficModel *m_traffic = nullptr;
    RolloutEventModel *m_events = nullptr;
    std::optional<RolloutInfo> m_info;
    QString m_cluster;
    QString m_namespace;
    QString m_name;
    Availability m_availability = Availability::None;
    Staleness m_staleness;
};

} // namespace rolldeck
