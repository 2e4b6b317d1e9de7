#pragma once

#include "argocd/Application.h"
#include "domain/Staleness.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QList>

namespace rolldeck {

// The Argo CD applications as a tree: an app-of-apps above the applications it manages (its resources of kind
// Application), every other application at the top. Columns: name, sync, health, operation, revision, images, last
// sync (when and by whom). Data changes are applied row by row (dataChanged on the cells that changed); a change of
// the tree's shape (an application added, removed or moved to another parent, which happens rarely) resets it.
class ApplicationModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum class Column { Name, Sync, Health, Operation, Revision, Images, LastSync, Count };
    enum Role {
        NameRole = Qt::UserRole + 1,
        ProjectRole,
        SyncRole,      // Synced, OutOfSync, ...
        HealthRole,    // Healthy, Progressing, ...
        OperationRole, // the operation's phase
        AutoSyncRole,  // bool
        RawRole,       // the sortable value of the cell
    };

    explicit ApplicationModel(QObject *parent = nullptr);

    // Replaces the applications (a list answer); a stream event is an upsert or a removal.
    void setApplications(QList<Application> applications);
    void upsert(const Application &application);
    void remove(const QString &name);
    void setStaleness(const Staleness &staleness);

    const Staleness &staleness() const { return m_staleness; }
    const QList<Application> &applications() const { return m_apps; }
    const Application *application(const QString &name) const;
    const Application *application(const QModelIndex &index) const;
    QModelIndex indexOf(const QString &name, int column = 0) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void stalenessChanged(const rolldeck::Staleness &staleness);

private:
    struct Shape
    {
        QList<int> top;                  // indexes into m_apps
        QHash<int, QList<int>> children; // parent index -> child indexes
        QHash<int, int> parentOf;        // child index -> parent index
        friend bool operator==(const Shape &, const Shape &) = default;
    };
    static Shape shapeOf(const QList<Application> &apps);
    QVariant display(const Application &app, Column column) const;
    int rowOf(int app) const;

    QList<Application> m_apps; // sorted by name
    Shape m_shape;
    Staleness m_staleness;
};

} // namespace rolldeck
