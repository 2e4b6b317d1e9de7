#pragma once

// The console's side of Settings › Connections (ui/ConnectionsDialog): it keeps the connections file beside the
// workspace (workspace/Connections.h), puts the secrets typed there into the OS keychain, and tests a connection
// with a real request: Argo CD GET /api/v1/session/userinfo and a list of applications, Prometheus
// /api/v1/status/buildinfo. The workspace file itself is never written.
//
// Usage:
//     ConnectionsController settings(&window, workspacePath);      // --workspace, else the default file's path
//     connect(&window, &MainWindow::connectionsRequested, &settings, &ConnectionsController::show);
#include "workspace/Connections.h"

#include "ui/ConnectionsDialog.h"

#include <QObject>
#include <QPointer>
#include <QString>

namespace rolldeck {

class MainWindow;
class SecretStore;

class ConnectionsController : public QObject
{
    Q_OBJECT
public:
    ConnectionsController(MainWindow *window, QString workspacePath, QObject *parent = nullptr);
    ~ConnectionsController() override;

    QString connectionsPath() const;
    // The connections as the file holds them now.
    QList<Connection> connections() const { return m_connections; }
    // Shows the dialog (made on first use), with the file as it is now.
    ConnectionsDialog *show();
    ConnectionsDialog *dialog() const { return m_dialog; }

    void add(const ConnectionDraft &draft);
    void test(ConnectionItem::Kind kind, const QString &name);
    void remove(ConnectionItem::Kind kind, const QString &name);

signals:
    // The connections file was written (a connection added or removed) and the keychain holds what it refers to.
    void connectionsChanged();

private:
    void reload();
    void refreshDialog();
    bool save(const QList<Connection> &connections);
    void testArgoCd(const Connection &c, const QByteArray &token);
    void testPrometheus(const Connection &c, const QByteArray &token);
    void report(const Connection &c, bool ok, const QString &text);

    MainWindow *m_window;
    QString m_workspacePath;
    QList<Connection> m_connections;
    QList<ConnectionItem> m_items;
    QPointer<ConnectionsDialog> m_dialog;
    SecretStore *m_store;
};

} // namespace rolldeck
