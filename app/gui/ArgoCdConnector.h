#pragma once

#include "workspace/Connections.h"

#include <QObject>
#include <QPointer>

namespace rolldeck {

class ArgoCdController;
class Connections;
class MainWindow;
class WorkspaceSecrets;

// Connects the Argo CD views to every Argo CD server the workspace's environments name, each with its own keychain
// token, at start and again whenever View › Connections changes the connections file: the workspace takes the file's
// credentials (Prometheus queries read them from there), the tokens are read again, and each server whose connection,
// credential or certificate authority changed reconnects, or is let go of; the others are left alone.
class ArgoCdConnector : public QObject
{
    Q_OBJECT
public:
    ArgoCdConnector(MainWindow *window, Connections *live, ArgoCdController *argocd, WorkspaceSecrets *secrets,
                    QObject *parent = nullptr);

    // Connects each of the workspace's Argo CD servers (those with a credential).
    void connectServers();
    void applyConnections(const QList<Connection> &connections);

signals:
    // A connection to this server was made with a token read from the keychain (also when it is refused later).
    void connected(const QUrl &server);

private:
    // One Argo CD server as the workspace names it: the applications of every environment on it.
    struct Target
    {
        QUrl server;
        QStringList applications;
        KeychainRef credential;
        QString certificateAuthorityFile;
    };
    static QList<Target> targetsOf(const Workspace &workspace);
    void connectServer(const Target &target);

    QPointer<MainWindow> m_window;
    Connections *m_live;
    ArgoCdController *m_argocd;
    WorkspaceSecrets *m_secrets;
    QList<Connection> m_applied;
};

} // namespace rolldeck
