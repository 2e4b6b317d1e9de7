#include "AuditFilterProxyModel.h"

#include "AuditLogModel.h"

namespace rolldeck {

AuditFilterProxyModel::AuditFilterProxyModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(AuditLogModel::RawValueRole);
}

void AuditFilterProxyModel::setText(const QString &text)
{
    if (text.trimmed() == m_text)
        return;
    m_text = text.trimmed();
    invalidateFilter();
}

void AuditFilterProxyModel::setOutcome(const QString &outcome)
{
    if (outcome == m_outcome)
        return;
    m_outcome = outcome;
    invalidateFilter();
}

bool AuditFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *source = sourceModel();
    const QModelIndex first = source->index(sourceRow, 0, sourceParent);
    if (m_outcome == QLatin1String("needs-ack")) {
        if (!first.data(AuditLogModel::NeedsAckRole).toBool())
            return false;
    } else if (!m_outcome.isEmpty() && first.data(AuditLogModel::OutcomeRole).toString() != m_outcome) {
        return false;
    }
    if (m_text.isEmpty())
        return true;
    for (int c = 0; c < source->columnCount(sourceParent); ++c) {
        if (source->index(sourceRow, c, sourceParent).data().toString().contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return first.data(AuditLogModel::ActionIdRole).toString().startsWith(m_text, Qt::CaseInsensitive);
}

} // namespace rolldeck
