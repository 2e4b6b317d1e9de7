#pragma once

#include "models/guard/AlertListModel.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QTreeView;

namespace rolldeck {

// The detail's "Alerts" section: the firing and pending Prometheus alerts and the active Alertmanager alerts that
// concern the open rollout (guard::AlertListModel, filled by the app's alerts feed), and why a source could not be
// read, so a failure never looks like "no alerts".
class AlertsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit AlertsPanel(QWidget *parent = nullptr);

    void setModel(guard::AlertListModel *model);
    QTreeView *view() const { return m_view; }
    QString statusText() const;

private:
    void updateStatus();

    QPointer<guard::AlertListModel> m_model;
    QLabel *m_title;
    QLabel *m_status;
    QTreeView *m_view;
};

} // namespace rolldeck
