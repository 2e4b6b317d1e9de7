#include "TrayNotifier.h"

#include <QApplication>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QWidget>

namespace rolldeck {

TrayNotifier::TrayNotifier(QWidget *window) : QObject(window)
{
    QIcon icon = QApplication::windowIcon();
    if (icon.isNull())
        icon = window->style()->standardIcon(QStyle::SP_MessageBoxInformation);
    m_tray = new QSystemTrayIcon(icon, this);
    m_tray->setToolTip(tr("Rolldeck"));
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
        if (!m_last.name.isEmpty())
            emit rolloutRequested(m_last.key.cluster, m_last.namespaceName, m_last.name);
    });
    m_tray->show();
}

TrayNotifier::~TrayNotifier() = default;

bool TrayNotifier::available()
{
    return QSystemTrayIcon::isSystemTrayAvailable() && QSystemTrayIcon::supportsMessages();
}

void TrayNotifier::notify(const AttentionAlert &alert)
{
    m_last = alert;
    m_tray->showMessage(tr("%1 needs attention in %2").arg(alert.name, alert.environment),
                        tr("%1/%2: %3").arg(alert.namespaceName, alert.name, alert.reason), QSystemTrayIcon::Warning);
}

} // namespace rolldeck
