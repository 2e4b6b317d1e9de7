#include "ClusterStatusLabel.h"

#include "models/itemmodels/RolloutListModel.h"

namespace rolldeck {

ClusterStatusLabel::ClusterStatusLabel(QWidget *parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("clusterStatus"));
    setTextFormat(Qt::PlainText);
    // Rows arrive up to 30 times a second during a sync: the set of clusters is read at most 5 times a second.
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(200);
    connect(&m_coalesce, &QTimer::timeout, this, &ClusterStatusLabel::update);
    hide();
}

void ClusterStatusLabel::setModel(RolloutListModel *model)
{
    for (const QMetaObject::Connection &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_model = model;
    if (model) {
        // Staleness is said at once; a cluster's first rows may wait for the next update.
        m_connections << connect(model, &RolloutListModel::clusterStalenessChanged, this, &ClusterStatusLabel::update)
                      << connect(model, &QAbstractItemModel::rowsInserted, this, &ClusterStatusLabel::scheduleUpdate)
                      << connect(model, &QAbstractItemModel::rowsRemoved, this, &ClusterStatusLabel::scheduleUpdate)
                      << connect(model, &QAbstractItemModel::modelReset, this, &ClusterStatusLabel::update);
    }
    update();
}

QString ClusterStatusLabel::clusterText(const QString &cluster) const
{
    const Staleness staleness = m_model ? m_model->clusterStaleness(cluster) : Staleness{};
    if (staleness.isStale())
        return tr("⚠ %1 %2").arg(cluster, staleness.text());
    return tr("● %1 live").arg(cluster);
}

void ClusterStatusLabel::scheduleUpdate()
{
    if (!m_coalesce.isActive())
        m_coalesce.start();
}

void ClusterStatusLabel::update()
{
    m_coalesce.stop();
    const QStringList clusters = m_model ? m_model->clusters() : QStringList();
    QStringList parts;
    bool anyStale = false;
    for (const QString &cluster : clusters) {
        parts << clusterText(cluster);
        anyStale = anyStale || m_model->clusterStaleness(cluster).isStale();
    }
    setText(parts.join(QStringLiteral("   ")));
    setToolTip(anyStale ? tr("Data from a stale cluster is shown as it was last known.") : QString());
    // Amber while any cluster is stale, as the stale banners are.
    setStyleSheet(anyStale ? QStringLiteral("#clusterStatus { background: #fff4ce; color: #5c4300; padding: 0 4px; }")
                           : QString());
    setVisible(!clusters.isEmpty());
}

} // namespace rolldeck
