#pragma once

#include "models/itemmodels/AttentionAlerts.h"

#include <QObject>

class QSystemTrayIcon;
class QWidget;

namespace rolldeck {

// Turns attention alerts (AttentionAlerts) into desktop notifications: what each says (notified), shown through the
// system tray where the desktop has one that shows messages; activating the notification (a click) asks for that
// rollout (rolloutRequested). The tray is looked for at the first alert, not at start (the look-up goes over D-Bus).
class TrayNotifier : public QObject
{
    Q_OBJECT
public:
    explicit TrayNotifier(QWidget *window);
    ~TrayNotifier() override;

    static bool available();
    void notify(const AttentionAlert &alert);
    // What a click on the last notification does: asks for its rollout.
    void activate();
    // "api needs attention in production", "shop/api: waiting for promotion" (translated).
    static QString title(const AttentionAlert &alert);
    static QString body(const AttentionAlert &alert);

signals:
    // A notification was raised (shown too when there is a tray).
    void notified(const QString &title, const QString &body);
    void rolloutRequested(const QString &cluster, const QString &namespaceName, const QString &name);

private:
    QWidget *m_window;
    QSystemTrayIcon *m_tray = nullptr;
    bool m_looked = false; // whether the desktop's tray was looked for
    AttentionAlert m_last; // what activating the notification opens
};

} // namespace rolldeck
