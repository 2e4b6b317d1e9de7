#include "TrayNotifier.h"

#include <QApplication>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QWidget>

namespace rolldeck {

TrayNotifier::TrayNotifier(QWidget *window) : QObject(window), m_window(window) {}

TrayNotifier::~TrayNotifier() = default;

bool TrayNotifier::available()
{
    return QSystemTrayIcon::isSystemTrayAvailable() && QSystemTrayIcon::supportsMessages();
}

QString TrayNotifier::title(const AttentionAlert &alert)
{
    return tr("%1 needs attention in %2").arg(alert.name, alert.environment);
}

QString TrayNotifier::body(const AttentionAlert &alert)
{
    return tr("%1/%2: %3").arg(alert.namespaceName, alert.name, alert.reason);
}

void TrayNotifier::notify(const AttentionAlert &alert)
{
    m_last = alert;
    if (!m_looked) {
        m_looked = true;
        if (available()) {
            QIcon icon = QApplication::windowIcon();
            if (icon.isNull())
                icon = m_window->style()->standardIcon(QStyle::SP_MessageBoxInformation);
            m_tray = new QSystemTrayIcon(icon, this);
            m_tray->setToolTip(tr("Rolldeck"));
            connect(m_tray, &QSystemTrayIcon::messageClicked, this, &TrayNotifier::activate);
            m_tray->show();
        }
    }
    const QString heading = title(alert);
    const QString text = body(alert);
    if (m_tray)
        m_tray->showMessage(heading, text, QSystemTrayIcon::Warning);
    emit notified(heading, text);
}

void TrayNotifier::activate()
{
    if (!m_last.name.isEmpty())
        emit rolloutRequested(m_last.key.cluster, m_last.namespaceName, m_last.name);
}

} // namespace rolldeck
