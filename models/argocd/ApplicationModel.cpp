#include "ApplicationModel.h"

#include <QUrl>

#include <algorithm>

namespace rolldeck {

ApplicationModel::ApplicationModel(QObject *parent) : QAbstractItemModel(parent) {}

ApplicationModel::Shape ApplicationModel::shapeOf(const QList<Application> &apps)
{
    Shape s;
    QHash<QString, int> byKey;
    for (int i = 0; i < apps.size(); ++i)
        byKey.insert(apps.at(i).key(), i);
    for (int i = 0; i < apps.size(); ++i) {
        for (const QString &child : apps.at(i).children()) {
            // An app-of-apps manages applications of its own Argo CD server.
            const int c = byKey.value(Application::keyOf(apps.at(i).server, child), -1);
            if (c < 0 || c == i || s.parentOf.contains(c))
                continue; // not listed, itself, or claimed by an earlier parent
            // No cycles: a parent may not be below its child.
            bool cycle = false;
            for (int up = i; up >= 0 && !cycle; up = s.parentOf.value(up, -1))
                cycle = up == c;
            if (cycle)
                continue;
            s.parentOf.insert(c, i);
            s.children[i] << c;
        }
    }
    for (int i = 0; i < apps.size(); ++i)
        if (!s.parentOf.contains(i))
            s.top << i;
    return s;
}

void ApplicationModel::setApplications(QList<Application> applications)
{
    std::sort(applications.begin(), applications.end(), [](const Application &a, const Application &b) {
        return a.name != b.name ? a.name < b.name : a.server < b.server;
    });
    const Shape shape = shapeOf(applications);
    bool manyServers = false;
    for (const Application &a : std::as_const(applications))
        manyServers = manyServers || a.server != applications.first().server;
    bool sameKeys = applications.size() == m_apps.size();
    for (int i = 0; sameKeys && i < applications.size(); ++i)
        sameKeys = applications.at(i).key() == m_apps.at(i).key();
    if (!sameKeys || !(shape == m_shape) || manyServers != m_manyServers) {
        beginResetModel();
        m_apps = std::move(applications);
        m_shape = shape;
        m_manyServers = manyServers;
        endResetModel();
        return;
    }
    for (int i = 0; i < applications.size(); ++i) {
        const Application &was = m_apps.at(i);
        const Application &now = applications.at(i);
        int first = -1;
        int last = -1;
        for (int c = 0; c < int(Column::Count); ++c) {
            if (display(was, Column(c)) != display(now, Column(c))) {
                first = first < 0 ? c : first;
                last = c;
            }
        }
        const bool rolesChanged = was.autoSync != now.autoSync || was.project != now.project;
        m_apps[i] = now;
        if (rolesChanged) {
            first = 0;
            last = int(Column::Count) - 1;
        }
        if (first >= 0) {
            const int row = rowOf(i);
            const QModelIndex p =
                m_shape.parentOf.contains(i) ? indexOf(m_apps.at(m_shape.parentOf.value(i)).key()) : QModelIndex();
            Q_EMIT dataChanged(index(row, first, p), index(row, last, p));
        }
    }
}

void ApplicationModel::setServerApplications(const QString &server, QList<Application> applications)
{
    for (const Application &a : std::as_const(m_apps))
        if (a.server != server)
            applications << a;
    setApplications(std::move(applications));
}

void ApplicationModel::upsert(const Application &application)
{
    QList<Application> apps = m_apps;
    auto it =
        std::find_if(apps.begin(), apps.end(), [&](const Application &a) { return a.key() == application.key(); });
    if (it != apps.end())
        *it = application;
    else
        apps << application;
    setApplications(std::move(apps));
}

void ApplicationModel::remove(const QString &key)
{
    QList<Application> apps = m_apps;
    apps.removeIf([&](const Application &a) { return a.key() == key; });
    if (apps.size() != m_apps.size())
        setApplications(std::move(apps));
}

void ApplicationModel::setStaleness(const Staleness &staleness, const QString &server)
{
    const Staleness before = m_stale.of(server);
    m_stale.setStale(server, staleness); // live when `staleness` is
    if (m_stale.of(server) == before)
        return;
    staleRowsChanged(server);
    Q_EMIT stalenessChanged(m_stale.combined());
}

void ApplicationModel::clearStaleness(const QString &server)
{
    setStaleness(Staleness(), server);
}

QMap<QString, Staleness> ApplicationModel::staleServers() const
{
    QMap<QString, Staleness> out;
    for (auto it = m_stale.staleSources().cbegin(); it != m_stale.staleSources().cend(); ++it)
        out.insert(it.key(), it.value());
    return out;
}

void ApplicationModel::staleRowsChanged(const QString &server)
{
    for (int i = 0; i < m_apps.size(); ++i) {
        if (m_apps.at(i).server != server)
            continue;
        const QModelIndex first = createIndex(rowOf(i), 0, quintptr(i));
        const QModelIndex last = createIndex(rowOf(i), int(Column::Count) - 1, quintptr(i));
        Q_EMIT dataChanged(first, last, {StaleRole, Qt::ToolTipRole});
    }
}

int ApplicationModel::find(const QString &key) const
{
    int byName = -1;
    int named = 0;
    for (int i = 0; i < m_apps.size(); ++i) {
        if (m_apps.at(i).key() == key)
            return i;
        if (m_apps.at(i).name == key) {
            byName = i;
            ++named;
        }
    }
    return named == 1 ? byName : -1; // a bare name counts only when no other server has it too
}

const Application *ApplicationModel::application(const QString &key) const
{
    const int i = find(key);
    return i < 0 ? nullptr : &m_apps.at(i);
}

const Application *ApplicationModel::application(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return nullptr;
    const int app = int(index.internalId());
    return app >= 0 && app < m_apps.size() ? &m_apps.at(app) : nullptr;
}

int ApplicationModel::rowOf(int app) const
{
    if (m_shape.parentOf.contains(app))
        return int(m_shape.children.value(m_shape.parentOf.value(app)).indexOf(app));
    return int(m_shape.top.indexOf(app));
}

QModelIndex ApplicationModel::indexOf(const QString &key, int column) const
{
    const int i = find(key);
    return i < 0 ? QModelIndex() : createIndex(rowOf(i), column, quintptr(i));
}

QModelIndex ApplicationModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= int(Column::Count) || row < 0)
        return {};
    const QList<int> rows = parent.isValid() ? m_shape.children.value(int(parent.internalId())) : m_shape.top;
    if (parent.isValid() && parent.column() != 0)
        return {};
    return row < rows.size() ? createIndex(row, column, quintptr(rows.at(row))) : QModelIndex();
}

QModelIndex ApplicationModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const int app = int(child.internalId());
    if (!m_shape.parentOf.contains(app))
        return {};
    const int p = m_shape.parentOf.value(app);
    return createIndex(rowOf(p), 0, quintptr(p));
}

int ApplicationModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_shape.top.size());
    if (parent.column() != 0)
        return 0;
    return int(m_shape.children.value(int(parent.internalId())).size());
}

int ApplicationModel::columnCount(const QModelIndex &) const
{
    return int(Column::Count);
}

QVariant ApplicationModel::display(const Application &app, Column column) const
{
    switch (column) {
    case Column::Name:
        // With two servers, `web` alone could be either: the server's host (and port) says which.
        return m_manyServers && !app.server.isEmpty() ? tr("%1 (%2)").arg(app.name, QUrl(app.server).authority())
                                                      : app.name;
    case Column::Sync:
        return app.autoSync ? tr("%1 (auto-sync)").arg(app.syncStatus) : app.syncStatus;
    case Column::Health:
        return app.health;
    case Column::Operation:
        if (app.operationPhase.isEmpty())
            return QString();
        return app.operationMessage.isEmpty() ? app.operationPhase
                                              : app.operationPhase + QStringLiteral(": ") + app.operationMessage;
    case Column::Revision: {
        // What runs, and the branch's head when the live state was compared to another commit (a rollback).
        const QString deployed = app.deployedRevision();
        if (deployed.isEmpty() || app.syncRevision.isEmpty() || deployed == app.syncRevision)
            return Application::shortRevision(deployed.isEmpty() ? app.syncRevision : deployed);
        return tr("%1 (head %2)")
            .arg(Application::shortRevision(deployed), Application::shortRevision(app.syncRevision));
    }
    case Column::Images:
        return app.images.join(QStringLiteral(", "));
    case Column::LastSync: {
        if (!app.operationFinishedAt.isValid() && !app.operationStartedAt.isValid())
            return QString();
        const QDateTime at =
            (app.operationFinishedAt.isValid() ? app.operationFinishedAt : app.operationStartedAt).toLocalTime();
        const QString when = at.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        if (app.operationBy.isEmpty())
            return when;
        return app.operationBy == QLatin1String("automated") ? tr("%1 by auto-sync").arg(when)
                                                             : tr("%1 by %2").arg(when, app.operationBy);
    }
    case Column::Count:
        break;
    }
    return {};
}

QVariant ApplicationModel::data(const QModelIndex &index, int role) const
{
    const Application *app = application(index);
    if (!app)
        return {};
    const Column column = Column(index.column());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        if (role == Qt::ToolTipRole && m_stale.of(app->server).isStale())
            return tr("Argo CD at %1: %2").arg(app->server, m_stale.of(app->server).text());
        if (role == Qt::ToolTipRole && column == Column::Health && !app->healthMessage.isEmpty())
            return app->healthMessage;
        return display(*app, column);
    case NameRole:
        return app->name;
    case ProjectRole:
        return app->project;
    case SyncRole:
        return app->syncStatus;
    case HealthRole:
        return app->health;
    case OperationRole:
        return app->operationPhase;
    case AutoSyncRole:
        return app->autoSync;
    case RawRole:
        if (column == Column::LastSync)
            return app->operationFinishedAt;
        return display(*app, column);
    case ServerRole:
        return app->server;
    case KeyRole:
        return app->key();
    case StaleRole:
        return m_stale.of(app->server).isStale();
    default:
        return {};
    }
}

QVariant ApplicationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::Name:
        return tr("Application");
    case Column::Sync:
        return tr("Sync");
    case Column::Health:
        return tr("Health");
    case Column::Operation:
        return tr("Operation");
    case Column::Revision:
        return tr("Revision");
    case Column::Images:
        return tr("Images");
    case Column::LastSync:
        return tr("Last sync");
    case Column::Count:
        break;
    }
    return {};
}

QHash<int, QByteArray> ApplicationModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(NameRole, "name");
    names.insert(ProjectRole, "project");
    names.insert(SyncRole, "sync");
    names.insert(HealthRole, "health");
    names.insert(OperationRole, "operation");
    names.insert(AutoSyncRole, "autoSync");
    names.insert(RawRole, "raw");
    names.insert(ServerRole, "server");
    names.insert(KeyRole, "key");
    names.insert(StaleRole, "stale");
    return names;
}

} // namespace rolldeck
