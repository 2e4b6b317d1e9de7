#pragma once

#include "workspace/Connections.h"

#include <QObject>
#include <QPointer>

namespace rolldeck {

class ArgoCdController;
class Connections;
class MainWindow;
class WorkspaceSecrets;

// Connects the Argo CD views to the workspace's first Argo CD server with its keychain token, at start and again
// whenever View › Connections changes the connections file: the workspace takes the file's credentials (Prometheus
// queries read them from there), the tokens are read again, and Argo CD reconnects when what it uses changed.
class ArgoCdConnector : public QObject
{
    Q_OBJECT
public:
    ArgoCdConnector(MainWindow *window, Connections *live, ArgoCdController *argocd, WorkspaceSecrets *secrets,
                    QObject *parent = nullptr);

    void connectFirstServer();
    void applyConnections(const QList<Connection> &connections);

signals:
    // A connection to this server was made with a token read from the keychain (also when it is refused later).
    void connected(const QUrl &server);

private:
    QPointer<MainWindow> m_window;
    Connections *m_live;
    ArgoCdController *m_argocd;
    WorkspaceSecrets *m_secrets;
    QList<Connection> m_applied;
};

} // namespace rolldeck
