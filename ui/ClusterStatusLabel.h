#pragma once

#include <QLabel>
#include <QPointer>
#include <QTimer>

namespace rolldeck {

class RolloutListModel;

// The status bar's word on each connected cluster: "● prod-eu live" or "⚠ prod-eu stale since 10:42:13 (connection
// refused)", from the rollout list's per-cluster staleness. The screen never shows stale data without saying so.
class ClusterStatusLabel : public QLabel
{
    Q_OBJECT
public:
    explicit ClusterStatusLabel(QWidget *parent = nullptr);

    void setModel(RolloutListModel *model);
    // The text for one cluster ("● prod-eu live", "⚠ prod-eu stale since …").
    QString clusterText(const QString &cluster) const;

private:
    void scheduleUpdate();
    void update();

    QPointer<RolloutListModel> m_model;
    QTimer m_coalesce{this};
    QList<QMetaObject::Connection> m_connections;
};

} // namespace rolldeck
