#pragma once

#include "argocd/Application.h"
#include "domain/Staleness.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QList>
#include <QMap>

namespace rolldeck {

// The Argo CD applications as a tree: an app-of-apps above the applications it manages (its resources of kind
// Application), every other application at the top. Columns: name, sync, health, operation, revision, images, last
// sync (when and by whom). With applications of more than one Argo CD server the name says the server too, and each
// server has its own staleness (one server down leaves the others' applications live). Data changes are applied row by
// row (dataChanged on the cells that changed); a change of the tree's shape (an application added, removed or moved to
// another parent, which happens rarely) resets it.
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
        ServerRole,    // the Argo CD server it came from
        KeyRole,       // Application::key(): what the view's intents name
        StaleRole,     // bool: its server's feed is stale
    };

    explicit ApplicationModel(QObject *parent = nullptr);

    // Replaces the applications (a list answer); a stream event is an upsert or a removal (by key).
    void setApplications(QList<Application> applications);
    // Replaces the applications of one server only (its list answer; empty: the server is let go of).
    void setServerApplications(const QString &server, QList<Application> applications);
    void upsert(const Application &application);
    void remove(const QString &key);
    // The staleness of one server's applications (the server "" when the console knows only one).
    void setStaleness(const Staleness &staleness, const QString &server = {});
    // Forgets a server's staleness (it was let go of).
    void clearStaleness(const QString &server);

    // Stale while any server is: since the earliest, with that one's cause.
    const Staleness &staleness() const { return m_stale.combined(); }
    Staleness staleness(const QString &server) const { return m_stale.of(server); }
    // The servers whose applications are stale, by server.
    QMap<QString, Staleness> staleServers() const;
    const QList<Application> &applications() const { return m_apps; }
    // By key (Application::key()), or by a name only one server has.
    const Application *application(const QString &key) const;
    const Application *application(const QModelIndex &index) const;
    QModelIndex indexOf(const QString &key, int column = 0) const;
    // Whether it holds applications of more than one server (the names then say the server).
    bool manyServers() const { return m_manyServers; }

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
    int find(const QString &key) const;
    void staleRowsChanged(const QString &server);

    QList<Application> m_apps; // sorted by name, then server
    Shape m_shape;
    bool m_manyServers = false;
    StaleSources m_stale; // per server
};

} // namespace rolldeck
