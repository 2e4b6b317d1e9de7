#pragma once

#include "models/itemmodels/AttentionAlerts.h"

#include <QObject>

class QSystemTrayIcon;
class QWidget;

namespace rolldeck {

// Shows attention alerts (AttentionAlerts) as desktop notifications through the system tray; a click on one asks
// for that rollout (rolloutRequested). Only where the desktop has a tray that shows messages (available()); elsewhere
// the console creates none and nothing is shown.
class TrayNotifier : public QObject
{
    Q_OBJECT
public:
    explicit TrayNotifier(QWidget *window);
    ~TrayNotifier() override;

    static bool available();
    void notify(const AttentionAlert &alert);

signals:
    void rolloutRequested(const QString &cluster, const QString &namespaceName, const QString &name);

private:
    QSystemTrayIcon *m_tray = nullptr;
    AttentionAlert m_last; // what a click on the notification opens
};

} // namespace rolldeck
