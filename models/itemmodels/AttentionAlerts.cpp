#include "AttentionAlerts.h"

#include "RolloutListModel.h"

namespace rolldeck {

AttentionAlerts::AttentionAlerts(QObject *parent) : QObject(parent) {}

void AttentionAlerts::setModel(RolloutListModel *model)
{
    for (const QMetaObject::Connection &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_model = model;
    if (model) {
        m_connections << connect(model, &QAbstractItemModel::rowsInserted, this,
                                 [this](const QModelIndex &, int first, int last) { inserted(first, last); })
                      << connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                                 [this](const QModelIndex &, int first, int last) { removing(first, last); })
                      << connect(model, &QAbstractItemModel::dataChanged, this,
                                 [this](const QModelIndex &tl, const QModelIndex &br, const QList<int> &roles) {
                                     changed(tl.row(), br.row(), roles);
                                 })
                      << connect(model, &QAbstractItemModel::modelReset, this, &AttentionAlerts::reset);
    }
    reset();
}

void AttentionAlerts::setWatched(const QStringList &environments)
{
    m_watched = QSet<QString>(environments.cbegin(), environments.cend());
}

void AttentionAlerts::forward(const AttentionAlert &alert)
{
    if (m_watched.contains(alert.environment))
        emit this->alert(alert);
}

void AttentionAlerts::reset()
{
    m_needs.clear();
    if (m_model)
        inserted(0, m_model->rowCount() - 1);
}

void AttentionAlerts::inserted(int first, int last)
{
    for (int r = first; r <= last; ++r) {
        const RolloutRow &row = m_model->rowAt(r);
        m_needs.insert(row.key(), row.needsAttention());
    }
}

void AttentionAlerts::removing(int first, int last)
{
    for (int r = first; r <= last; ++r)
        m_needs.remove(m_model->rowAt(r).key());
}

void AttentionAlerts::changed(int first, int last, const QList<int> &roles)
{
    // The model names the roles that changed; a change that leaves the attention alone is not looked at.
    if (!roles.isEmpty() && !roles.contains(RolloutListModel::AttentionRole) &&
        !roles.contains(RolloutListModel::AttentionReasonRole))
        return;
    for (int r = first; r <= last; ++r) {
        const RolloutRow &row = m_model->rowAt(r);
        const bool now = row.needsAttention();
        bool &before = m_needs[row.key()];
        const bool newly = now && !before;
        before = now;
        if (!newly)
            continue;
        const QString environment = row.environment.isEmpty() ? row.cluster : row.environment;
        if (!m_watched.contains(environment))
            continue;
        emit alert({row.key(), environment, row.namespaceName, row.name, attentionReasonText(row.attention())});
    }
}

} // namespace rolldeck
