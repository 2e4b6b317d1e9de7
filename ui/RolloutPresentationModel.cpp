#include "RolloutPresentationModel.h"

#include "RolloutListModel.h"
#include "StatusStyle.h"

#include <QBrush>
#include <QDateTime>
#include <QFont>
#include <QPalette>

namespace rolldeck {

namespace {
using Model = RolloutListModel;
using Column = Model::Column;
} // namespace

RolloutPresentationModel::RolloutPresentationModel(QObject *parent) : QIdentityProxyModel(parent) {}

QString RolloutPresentationModel::staleText(const QString &cluster, const Staleness &staleness)
{
    const QString time = staleness.since.toLocalTime().toString(QStringLiteral("HH:mm:ss"));
    if (staleness.cause.isEmpty())
        return tr("Cluster %1: stale since %2").arg(cluster, time);
    return tr("Cluster %1: stale since %2 (%3)").arg(cluster, time, staleness.cause);
}

QVariant RolloutPresentationModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return QIdentityProxyModel::data(index, role);
    const auto column = Column(index.column());
    switch (role) {
    case Qt::DecorationRole:
        if (column == Column::Status)
            return statusIconFor(StatusSeverity(QIdentityProxyModel::data(index, Model::SeverityRole).toInt()));
        return {};
    case Qt::ForegroundRole: {
        if (QIdentityProxyModel::data(index, Model::StaleRole).toBool())
            return QBrush(QPalette().color(QPalette::Disabled, QPalette::Text));
        if (column == Column::Status)
            return QBrush(statusColor(StatusSeverity(QIdentityProxyModel::data(index, Model::SeverityRole).toInt())));
        return {};
    }
    case Qt::FontRole: {
        const bool stale = QIdentityProxyModel::data(index, Model::StaleRole).toBool();
        const bool attention =
            column == Column::Name && QIdentityProxyModel::data(index, Model::AttentionRole).toBool();
        if (!stale && !attention)
            return {};
        QFont f;
        f.setItalic(stale);
        f.setBold(attention && !stale);
        return f;
    }
    case Qt::ToolTipRole: {
        // Why the row is bold (or greyed): the attention rule's reason, staleness included.
        if (column == Column::Name && QIdentityProxyModel::data(index, Model::AttentionRole).toBool())
            return tr("Needs attention: %1")
                .arg(QIdentityProxyModel::data(index, Model::AttentionReasonRole).toString());
        if (QIdentityProxyModel::data(index, Model::StaleRole).toBool()) {
            const QString stale = staleText(QIdentityProxyModel::data(index, Model::ClusterRole).toString(),
                                            {QIdentityProxyModel::data(index, Model::StaleSinceRole).toDateTime(),
                                             QIdentityProxyModel::data(index, Model::StaleCauseRole).toString()});
            const QString own = QIdentityProxyModel::data(index, role).toString();
            return own.isEmpty() ? stale : QString(own + u'\n' + stale);
        }
        return QIdentityProxyModel::data(index, role);
    }
    case Qt::AccessibleTextRole:
        if (column == Column::Status)
            return QString(QIdentityProxyModel::data(index, Model::StatusIconRole).toString() + u' ' +
                           QIdentityProxyModel::data(index, Qt::DisplayRole).toString());
        return QIdentityProxyModel::data(index, Qt::DisplayRole);
    default:
        return QIdentityProxyModel::data(index, role);
    }
}

} // namespace rolldeck
