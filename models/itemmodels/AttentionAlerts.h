#pragma once

#include "RolloutRow.h"

#include <QHash>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>

namespace rolldeck {

class RolloutListModel;

// A rollout that newly needs attention in a watched environment: what a desktop notification says.
struct AttentionAlert
{
    RolloutKey key;
    QString environment; // the environment watched (the cluster where no workspace names one)
    QString namespaceName;
    QString name;
    QString reason; // "paused for promotion", "aborted: …", as the attention queue says it
};

// Tells when a rollout newly needs attention in an environment the user watches: its row did not need attention
// (the attention rule, Attention.h) and now does. A row seen for the first time is taken as it is, so neither the
// start, nor a re-list, nor watching another environment turns old news into alerts; a stale cluster is the status
// bar's news, not each rollout's. QtCore only: the window shows the alerts (a tray notification).
class AttentionAlerts : public QObject
{
    Q_OBJECT
public:
    explicit AttentionAlerts(QObject *parent = nullptr);

    void setModel(RolloutListModel *model);
    // Environment names; a row without an environment (no workspace) is watched by its cluster's name.
    void setWatched(const QStringList &environments);
    QStringList watched() const { return QStringList(m_watched.cbegin(), m_watched.cend()); }
    // An alert from elsewhere (the rollback guard: a trigger fired), emitted like the others when its environment
    // is watched.
    void forward(const rolldeck::AttentionAlert &alert);

signals:
    void alert(const rolldeck::AttentionAlert &alert);

private:
    void reset();
    void inserted(int first, int last);
    void removing(int first, int last);
    void changed(int first, int last, const QList<int> &roles);

    QPointer<RolloutListModel> m_model;
    QSet<QString> m_watched;
    QHash<RolloutKey, bool> m_needs; // each row's attention when last seen
    QList<QMetaObject::Connection> m_connections;
};

} // namespace rolldeck

Q_DECLARE_METATYPE(rolldeck::AttentionAlert)
