#include "ApplicationModel.h"

#include <algorithm>

namespace rolldeck {

ApplicationModel::ApplicationModel(QObject *parent) : QAbstractItemModel(parent) {}

ApplicationModel::Shape ApplicationModel::shapeOf(const QList<Application> &apps)
{
    Shape s;
    QHash<QString, int> byName;
    for (int i = 0; i < apps.size(); ++i)
        byName.insert(apps.at(i).name, i);
    for (int i = 0; i < apps.size(); ++i) {
        for (const QString &child : apps.at(i).children()) {
            const int c = byName.value(child, -1);
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
    std::sort(applications.begin(), applications.end(),
              [](const Application &a, const Application &b) { return a.name < b.name; });
    const Shape shape = shapeOf(applications);
    bool sameNames = applications.size() == m_apps.size();
    for (int i = 0; sameNames && i < applications.size(); ++i)
        sameNames = applications.at(i).name == m_apps.at(i).name;
    if (!sameNames || !(shape == m_shape)) {
        beginResetModel();
        m_apps = std::move(applications);
        m_shape = shape;
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
                m_shape.parentOf.contains(i) ? indexOf(m_apps.at(m_shape.parentOf.value(i)).name) : QModelIndex();
            Q_EMIT dataChanged(index(row, first, p), index(row, last, p));
        }
    }
}

void ApplicationModel::upsert(const Application &application)
{
    QList<Application> apps = m_apps;
    auto it = std::find_if(apps.begin(), apps.end(), [&](const Application &a) { return a.name == application.name; });
    if (it != apps.end())
        *it = application;
    else
        apps << application;
    setApplications(std::move(apps));
}

void ApplicationModel::remove(const QString &name)
{
    QList<Application> apps = m_apps;
    apps.removeIf([&](const Application &a) { return a.name == name; });
    if (apps.size() != m_apps.size())
        setApplications(std::move(apps));
}

void ApplicationModel::setStaleness(const Staleness &staleness)
{
    if (staleness == m_staleness)
        return;
    m_staleness = staleness;
    Q_EMIT stalenessChanged(m_staleness);
}

const Application *ApplicationModel::application(const QString &name) const
{
    for (const Application &a : m_apps)
        if (a.name == name)
            return &a;
    return nullptr;
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

QModelIndex ApplicationModel::indexOf(const QString &name, int column) const
{
    for (int i = 0; i < m_apps.size(); ++i)
        if (m_apps.at(i).name == name)
            return createIndex(rowOf(i), column, quintptr(i));
    return {};
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
        return app.name;
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
    return names;
}

} // namespace rolldeck
