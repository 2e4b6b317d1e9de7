#include "AlertListModel.h"

#include "itemmodels/RowSync.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSet>
#include <QVariantMap>

#include <algorithm>

namespace rolldeck::guard {

namespace {

struct GuardText
{
    Q_DECLARE_TR_FUNCTIONS(Guard)
};

constexpr int kColumns = int(AlertListModel::Column::Count);

int stateRank(const QString &state)
{
    if (state == u"firing" || state == u"active")
        return 0;
    if (state == u"pending" || state == u"unprocessed")
        return 1;
    return 2; // suppressed, inactive
}

} // namespace

QString AlertItem::summary() const
{
    const QString s = annotations.value(QStringLiteral("summary"));
    return s.isEmpty() ? annotations.value(QStringLiteral("description")) : s;
}

QString AlertItem::key() const
{
    QString out = source == Source::Prometheus ? QStringLiteral("P") : QStringLiteral("A");
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        out += u'\x1f' + it.key() + u'=' + it.value();
    return out;
}

bool alertConcerns(const QMap<QString, QString> &alertLabels, const QString &ns, const QString &name,
                   const QMap<QString, QString> &rolloutLabels)
{
    if (alertLabels.value(QStringLiteral("namespace")) != ns || ns.isEmpty())
        return false;
    for (const char *workload : {"rollout", "deployment", "argo_rollout"}) {
        const auto it = alertLabels.constFind(QLatin1String(workload));
        if (it != alertLabels.cend() && *it != name)
            return false;
    }
    const auto app = alertLabels.constFind(QStringLiteral("app"));
    const auto own = rolloutLabels.constFind(QStringLiteral("app"));
    return app == alertLabels.cend() || own == rolloutLabels.cend() || *app == *own;
}

AlertListModel::AlertListModel(QObject *parent) : QAbstractTableModel(parent) {}

int AlertListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AlertListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : kColumns;
}

QVariant AlertListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::Alert:
        return GuardText::tr("Alert");
    case Column::State:
        return GuardText::tr("State");
    case Column::Severity:
        return GuardText::tr("Severity");
    case Column::Since:
        return GuardText::tr("Since");
    case Column::Source:
        return GuardText::tr("Source");
    case Column::Summary:
        return GuardText::tr("Summary");
    case Column::Count:
        break;
    }
    return {};
}

QVariant AlertListModel::display(const AlertItem &a, Column column) const
{
    switch (column) {
    case Column::Alert:
        return a.name();
    case Column::State:
        return a.state;
    case Column::Severity:
        return a.severity();
    case Column::Since:
        return a.since.isValid() ? QLocale().toString(a.since.toLocalTime(), QLocale::ShortFormat) : QString();
    case Column::Source:
        return a.source == AlertItem::Source::Prometheus ? QStringLiteral("Prometheus")
                                                         : QStringLiteral("Alertmanager");
    case Column::Summary:
        return a.summary();
    case Column::Count:
        break;
    }
    return {};
}

QVariant AlertListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AlertItem &a = m_rows.at(index.row());
    const Column column = Column(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return display(a, column);
    case Qt::ToolTipRole: {
        QStringList lines;
        for (auto it = a.labels.cbegin(); it != a.labels.cend(); ++it)
            lines << it.key() + u'=' + it.value();
        return lines.join(u'\n');
    }
    case RawValueRole:
        return column == Column::Since ? QVariant(a.since) : display(a, column);
    case StateRole:
        return a.state;
    case SeverityRole:
        return a.severity();
    case LabelsRole: {
        QVariantMap map;
        for (auto it = a.labels.cbegin(); it != a.labels.cend(); ++it)
            map.insert(it.key(), it.value());
        return map;
    }
    default:
        return {};
    }
}

// The row synchronisation's view of this model (RowSync.h).
struct AlertRowsAdapter
{
    AlertListModel *m;
    QString key(const AlertItem &a) const { return a.key(); }
    void beginRemove(int first, int last) { m->beginRemoveRows({}, first, last); }
    void endRemove() { m->endRemoveRows(); }
    void beginMove(int from, int to) { m->beginMoveRows({}, from, from, {}, to); }
    void endMove() { m->endMoveRows(); }
    void beginInsert(int first, int last) { m->beginInsertRows({}, first, last); }
    void endInsert() { m->endInsertRows(); }
    void adopt(AlertItem &) {}
    void update(int index, AlertItem &kept, AlertItem &&fresh)
    {
        if (kept.state == fresh.state && kept.since == fresh.since && kept.annotations == fresh.annotations)
            return;
        kept = std::move(fresh);
        emit m->dataChanged(m->index(index, 0), m->index(index, kColumns - 1));
    }
};

void AlertListModel::sync()
{
    QList<AlertItem> fresh = m_prometheus + m_alertmanager;
    std::stable_sort(fresh.begin(), fresh.end(), [](const AlertItem &a, const AlertItem &b) {
        const int ra = stateRank(a.state), rb = stateRank(b.state);
        if (ra != rb)
            return ra < rb;
        if (a.since != b.since)
            return a.since < b.since;
        return a.key() < b.key();
    });
    // Two alerts with one label set from one source (Alertmanager never sends them; be safe): keep the first.
    QSet<QString> seen;
    fresh.erase(std::remove_if(fresh.begin(), fresh.end(),
                               [&seen](const AlertItem &a) {
                                   const QString k = a.key();
                                   if (seen.contains(k))
                                       return true;
                                   seen.insert(k);
                                   return false;
                               }),
                fresh.end());
    AlertRowsAdapter adapter{this};
    syncRowsByKey(m_rows, std::move(fresh), adapter);
}

void AlertListModel::setAlerts(AlertItem::Source source, QList<AlertItem> alerts)
{
    const bool hadError = !error(source).isEmpty();
    if (source == AlertItem::Source::Prometheus) {
        m_prometheus = std::move(alerts);
        m_prometheusError.clear();
    } else {
        m_alertmanager = std::move(alerts);
        m_alertmanagerError.clear();
    }
    sync();
    if (hadError)
        emit errorsChanged();
}

void AlertListModel::setError(AlertItem::Source source, const QString &message)
{
    if (source == AlertItem::Source::Prometheus) {
        m_prometheus.clear();
        m_prometheusError = message;
    } else {
        m_alertmanager.clear();
        m_alertmanagerError = message;
    }
    sync();
    emit errorsChanged();
}

QString AlertListModel::error(AlertItem::Source source) const
{
    return source == AlertItem::Source::Prometheus ? m_prometheusError : m_alertmanagerError;
}

void AlertListModel::clear()
{
    const bool hadErrors = !m_prometheusError.isEmpty() || !m_alertmanagerError.isEmpty();
    m_prometheus.clear();
    m_alertmanager.clear();
    m_prometheusError.clear();
    m_alertmanagerError.clear();
    sync();
    if (hadErrors)
        emit errorsChanged();
}

} // namespace rolldeck::guard
