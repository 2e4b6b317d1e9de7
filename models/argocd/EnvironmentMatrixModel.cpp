#include "EnvironmentMatrixModel.h"

#include "itemmodels/RowSync.h"

#include <QHash>
#include <QMap>

#include <algorithm>

namespace rolldeck {

namespace {

// "ghcr.io/acme/api:1.5.0" → "api:1.5.0".
QString shortImage(const QString &image)
{
    return image.mid(image.lastIndexOf(QLatin1Char('/')) + 1);
}

QString repositoryName(const QString &image)
{
    QString name = shortImage(image);
    return name.left(name.indexOf(QLatin1Char(':')) < 0 ? name.size() : name.indexOf(QLatin1Char(':')));
}

QString tagOf(const QString &image)
{
    const QString s = shortImage(image);
    const qsizetype colon = s.indexOf(QLatin1Char(':'));
    return colon < 0 ? s : s.mid(colon + 1);
}

// The application's images that belong to `service`: the only one, else those whose repository name is a word of the
// service's name ("payments" of "payments-api"). Two of them while a canary runs (stable and canary), both shown.
QString imageFor(const Application &app, const QString &service)
{
    if (app.images.size() == 1)
        return app.images.first();
    const QStringList words = service.split(QLatin1Char('-'));
    QStringList mine;
    for (const QString &image : app.images)
        if (words.contains(repositoryName(image)))
            mine << image;
    return (mine.isEmpty() ? app.images : mine).join(QStringLiteral(", "));
}

QString tagsOf(const QString &images)
{
    QStringList tags;
    for (const QString &image : images.split(QStringLiteral(", ")))
        tags << tagOf(image);
    return tags.join(QStringLiteral(", "));
}

QString shortImages(const QString &images)
{
    QStringList out;
    for (const QString &image : images.split(QStringLiteral(", ")))
        out << shortImage(image);
    return out.join(QStringLiteral(", "));
}

} // namespace

EnvironmentMatrixModel::EnvironmentMatrixModel(QObject *parent) : QAbstractTableModel(parent) {}

void EnvironmentMatrixModel::setEnvironments(const QStringList &environments)
{
    if (environments == m_environments)
        return;
    beginResetModel(); // the columns themselves change: only when the workspace does
    m_environments = environments;
    m_rows.clear();
    endResetModel();
    rebuild();
}

void EnvironmentMatrixModel::setApplications(const QList<Application> &applications,
                                             const QHash<QString, QString> &environments)
{
    m_apps = applications;
    m_appEnvironments = environments;
    rebuild();
}

void EnvironmentMatrixModel::setRollouts(const QList<MatrixRollout> &rollouts)
{
    m_rollouts = rollouts;
    rebuild();
}

QString EnvironmentMatrixModel::environmentOf(const Application &app) const
{
    if (m_environments.contains(app.environment))
        return app.environment;
    return m_environments.contains(app.destinationNamespace) ? app.destinationNamespace : QString();
}

void EnvironmentMatrixModel::rebuild()
{
    const int columns = int(m_environments.size());
    QMap<QString, Row> rows; // sorted by service
    const auto rowFor = [&](const QString &service) -> Row & {
        Row &row = rows[service];
        if (row.cells.isEmpty()) {
            row.service = service;
            row.cells.resize(columns);
        }
        return row;
    };
    for (const Application &app : std::as_const(m_apps)) {
        const int column = int(m_environments.indexOf(environmentOf(app)));
        if (column < 0)
            continue;
        for (const ApplicationResource &r : app.rollouts()) {
            Cell &cell = rowFor(r.name).cells[column];
            // Two servers' applications in one cell: the one the workspace names for this environment.
            if (cell.present && m_appEnvironments.value(app.key()) != m_environments.at(column))
                continue;
            cell.present = true;
            cell.application = app.name;
            cell.server = app.server;
            cell.applicationKey = app.key();
            cell.project = app.project;
            cell.ns = r.ns;
            cell.rollout = r.name;
            cell.revision = app.deployedRevision();
            cell.image = imageFor(app, r.name);
            cell.health = r.health;
            cell.sync = r.syncStatus;
        }
    }
    for (const MatrixRollout &ro : std::as_const(m_rollouts)) {
        const int column = int(m_environments.indexOf(ro.environment));
        if (column < 0)
            continue;
        Cell &cell = rowFor(ro.name).cells[column];
        if (cell.present && cell.ns != ro.ns)
            continue;
        cell.present = true;
        cell.context = ro.context;
        cell.ns = ro.ns;
        cell.rollout = ro.name;
        cell.rolloutStatus = ro.status;
        cell.step = ro.step;
        cell.inProgress = ro.inProgress;
        if (cell.health.isEmpty())
            cell.health = ro.status;
    }
    QList<Row> fresh;
    for (Row &row : rows) {
        row.promotion = promotionOf(row, &row.promotionDetail);
        fresh << row;
    }
    struct Adapter
    {
        EnvironmentMatrixModel *m;
        QString key(const Row &r) const { return r.service; }
        void beginRemove(int first, int last) { m->beginRemoveRows({}, first, last); }
        void endRemove() { m->endRemoveRows(); }
        void beginMove(int from, int to) { m->beginMoveRows({}, from, from, {}, to); }
        void endMove() { m->endMoveRows(); }
        void beginInsert(int first, int last) { m->beginInsertRows({}, first, last); }
        void endInsert() { m->endInsertRows(); }
        void adopt(Row &) {}
        void update(int index, Row &kept, Row &&row)
        {
            if (kept == row)
                return;
            kept = std::move(row);
            Q_EMIT m->dataChanged(m->index(index, 0), m->index(index, m->columnCount() - 1));
        }
    } adapter{this};
    syncRowsByKey(m_rows, std::move(fresh), adapter);
}

namespace {

// When each revision was first deployed, by any application deploying from `app`'s repository (its own history
// when the repository is not known): the repository's revisions in the order they first reached a cluster.
QHash<QString, QDateTime> firstDeployments(const QList<Application> &apps, const Application &app)
{
    QHash<QString, QDateTime> first;
    for (const Application &a : apps) {
        if (app.repoURL.isEmpty() ? &a != &app : a.repoURL != app.repoURL)
            continue;
        for (const ApplicationHistoryEntry &h : a.history) {
            auto it = first.find(h.revision);
            if (it == first.end())
                first.insert(h.revision, h.deployedAt);
            else if (h.deployedAt < *it)
                *it = h.deployedAt;
        }
    }
    return first;
}

// How many revisions `later` deployed after `from` first reached a cluster, up to and including `to` (ties in time
// by history order); -1 when `from` or `to` is not known.
int deployedSince(const QHash<QString, QDateTime> &first, const Application &later, const QString &from,
                  const QString &to)
{
    if (!first.contains(from) || !first.contains(to))
        return -1;
    const QDateTime since = first.value(from), until = first.value(to);
    QStringList counted;
    bool fromSeen = false;
    for (const ApplicationHistoryEntry &h : later.history) {
        fromSeen = fromSeen || h.revision == from;
        const QDateTime at = first.value(h.revision);
        const bool after = at > since || (at == since && fromSeen && h.revision != from);
        if (after && at <= until && h.revision != from && !counted.contains(h.revision))
            counted << h.revision;
    }
    return int(counted.size());
}

} // namespace

const Application *EnvironmentMatrixModel::applicationOf(const Cell &cell) const
{
    for (const Application &a : m_apps)
        if (a.key() == cell.applicationKey)
            return &a;
    return nullptr;
}

// Neighbouring environments along the column order. One repository (an application's own, or one shared by several
// with an overlay each): how many revisions the upstream environment deployed since the one the downstream runs first
// reached a cluster (behind), or the other way round (ahead); and which images differ.
QString EnvironmentMatrixModel::promotionOf(const Row &row, QString *detail) const
{
    QStringList parts;
    QStringList details;
    int upstream = -1;
    for (int c = 0; c < row.cells.size(); ++c) {
        if (!row.cells.at(c).present)
            continue;
        if (upstream >= 0) {
            const Cell &up = row.cells.at(upstream);
            const Cell &down = row.cells.at(c);
            const QString &upEnv = m_environments.at(upstream);
            const QString &downEnv = m_environments.at(c);
            const Application *upApp = applicationOf(up);
            const Application *downApp = applicationOf(down);
            int behind = -1;
            int ahead = -1;
            if (upApp && downApp && !down.revision.isEmpty() && !up.revision.isEmpty() &&
                down.revision != up.revision && (upApp == downApp || upApp->repoURL == downApp->repoURL)) {
                const QHash<QString, QDateTime> first = firstDeployments(m_apps, *upApp);
                behind = deployedSince(first, *upApp, down.revision, up.revision);
                ahead = deployedSince(first, *downApp, up.revision, down.revision);
            }
            const bool imagesDiffer = !up.image.isEmpty() && !down.image.isEmpty() && up.image != down.image;
            const QString images =
                imagesDiffer ? tr("%1 runs %2, %3 runs %4").arg(downEnv, tagsOf(down.image), upEnv, tagsOf(up.image))
                             : QString();
            QString count;
            if (behind > 0)
                count = tr("%1 is %n revision(s) behind %2", nullptr, behind).arg(downEnv, upEnv);
            else if (ahead > 0)
                count = tr("%1 is %n revision(s) ahead of %2", nullptr, ahead).arg(downEnv, upEnv);
            // At a glance the count; the images beside it are in the cells, and in the tooltip.
            if (!count.isEmpty() || imagesDiffer)
                parts << (count.isEmpty() ? images : count);
            if (!count.isEmpty() && imagesDiffer)
                details << tr("%1 (%2)").arg(count, images);
            else if (!count.isEmpty() || imagesDiffer)
                details << count + images;
        }
        upstream = c;
    }
    *detail = details.join(QStringLiteral("; "));
    return parts.join(QStringLiteral("; "));
}

QString EnvironmentMatrixModel::cellText(const Cell &cell) const
{
    if (!cell.present)
        return QString();
    QStringList lines;
    QStringList first;
    if (!cell.revision.isEmpty())
        first << Application::shortRevision(cell.revision);
    if (!cell.image.isEmpty())
        first << shortImages(cell.image);
    lines << first.join(QStringLiteral(" · "));
    QStringList second;
    if (!cell.health.isEmpty())
        second << cell.health;
    if (!cell.sync.isEmpty())
        second << cell.sync;
    lines << second.join(QStringLiteral(" · "));
    if (cell.inProgress)
        lines << (cell.step.isEmpty() ? tr("rollout in progress (%1)").arg(cell.rolloutStatus)
                                      : tr("rollout at step %1 (%2)").arg(cell.step, cell.rolloutStatus));
    return lines.join(QLatin1Char('\n'));
}

int EnvironmentMatrixModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EnvironmentMatrixModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_environments.size()) + 1;
}

QVariant EnvironmentMatrixModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= columnCount())
        return {};
    const Row &row = m_rows.at(index.row());
    if (role == PromotionRole)
        return row.promotion;
    if (index.column() == promotionColumn()) {
        if (role == Qt::DisplayRole || role == RawRole)
            return row.promotion;
        if (role == Qt::ToolTipRole)
            return row.promotionDetail;
        return {};
    }
    const Cell &cell = row.cells.at(index.column());
    switch (role) {
    case Qt::DisplayRole:
    case RawRole:
        return cellText(cell);
    case Qt::ToolTipRole:
        if (cell.present && !cell.server.isEmpty())
            return tr("%1 in %2 (application %3 on Argo CD at %4)")
                .arg(cell.rollout, cell.ns, cell.application, cell.server);
        return cell.present ? tr("%1 in %2 (application %3)").arg(cell.rollout, cell.ns, cell.application) : QString();
    case PresentRole:
        return cell.present;
    case ApplicationRole:
        return cell.application;
    case ProjectRole:
        return cell.project;
    case ServerRole:
        return cell.server;
    case ApplicationKeyRole:
        return cell.applicationKey;
    case ContextRole:
        return cell.context;
    case NamespaceRole:
        return cell.ns;
    case RolloutRole:
        return cell.rollout;
    case RevisionRole:
        return cell.revision;
    case ImageRole:
        return cell.image;
    case HealthRole:
        return cell.health;
    case SyncRole:
        return cell.sync;
    case InProgressRole:
        return cell.inProgress;
    case StepRole:
        return cell.step;
    default:
        return {};
    }
}

QVariant EnvironmentMatrixModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section >= 0 && section < m_rows.size() ? QVariant(m_rows.at(section).service) : QVariant();
    if (section == promotionColumn())
        return tr("Promotion path");
    return section >= 0 && section < m_environments.size() ? QVariant(m_environments.at(section)) : QVariant();
}

} // namespace rolldeck
