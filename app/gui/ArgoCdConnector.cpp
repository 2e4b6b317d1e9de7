#include "ArgoCdConnector.h"

#include "argocd/ArgoCdCredentials.h"
#include "console/Connections.h"
#include "gui/ArgoCdController.h"
#include "secrets/WorkspaceSecrets.h"
#include "ui/MainWindow.h"

#include <QFile>
#include <QStatusBar>

#include <algorithm>
#include <optional>

namespace rolldeck {

ArgoCdConnector::ArgoCdConnector(MainWindow *window, Connections *live, ArgoCdController *argocd,
                                 WorkspaceSecrets *secrets, QObject *parent)
    : QObject(parent), m_window(window), m_live(live), m_argocd(argocd), m_secrets(secrets)
{
}

// The distinct servers in the workspace's order, each with the applications of every environment on it; the first
// environment that gives a credential (and certificate authority) for a server speaks for it.
QList<ArgoCdConnector::Target> ArgoCdConnector::targetsOf(const Workspace &workspace)
{
    QList<Target> targets;
    for (const Environment &env : workspace.environments) {
        if (!env.argocd)
            continue;
        const QString key = ArgoCdController::serverKey(env.argocd->server);
        auto it = std::find_if(targets.begin(), targets.end(),
                               [&](const Target &t) { return ArgoCdController::serverKey(t.server) == key; });
        if (it == targets.end()) {
            targets << Target{env.argocd->server, {}, {}, {}};
            it = targets.end() - 1;
        }
        it->applications << env.argocd->applications;
        if (!it->credential.isSet()) {
            it->credential = env.argocd->credential;
            it->certificateAuthorityFile = env.argocd->certificateAuthorityFile;
        }
    }
    return targets;
}

void ArgoCdConnector::connectServers()
{
    for (const Target &target : targetsOf(m_live->scope().workspace()))
        if (target.credential.isSet())
            connectServer(target);
}

// One server with its own token: a token missing, expired or refused is said naming this server, and leaves the
// other servers as they are.
void ArgoCdConnector::connectServer(const Target &target)
{
    argocd::Endpoint endpoint;
    endpoint.server = target.server;
    if (!target.certificateAuthorityFile.isEmpty()) {
        QFile ca(target.certificateAuthorityFile);
        if (ca.open(QIODevice::ReadOnly))
            endpoint.caPem = ca.readAll();
    }
    const QStringList applications = target.applications;
    m_secrets->resolve(target.credential, this, [this, endpoint, applications](const SecretReply &reply) {
        if (reply.error == SecretReply::Error::Missing) {
            // Also what removing the server's connection leaves: its token went with it, so the views let go of it.
            m_argocd->disconnectServer(endpoint.server);
            if (m_window)
                m_window->showProblem(argocd::notLoggedInProblem(endpoint.server));
            return;
        }
        if (!reply.ok())
            return;
        // An expired token, or one about to expire: said plainly, with the command that renews it
        // (docs/argocd.md "Credentials"). A token the server refuses (401) says the same in the views.
        const QString renewal = argocd::renewalProblem(argocd::readTokenClaims(reply.secret), endpoint.server,
                                                       QDateTime::currentDateTimeUtc());
        if (!renewal.isEmpty() && m_window)
            m_window->showProblem(renewal);
        m_argocd->connectTo(endpoint, reply.secret, applications);
        emit connected(endpoint.server);
    });
}

// Per server: connected again when its Argo CD connection, credential or certificate authority changed; let go of
// when it lost its credential or no environment names it any more. Servers nothing changed for keep their feeds.
void ArgoCdConnector::applyConnections(const QList<Connection> &connections)
{
    const QList<Target> before = targetsOf(m_live->scope().workspace());
    m_live->applyConnections(connections);
    m_secrets->forget(); // a connection added again may have put a new token under the same entry
    const QList<Target> now = targetsOf(m_live->scope().workspace());
    const auto connectionOf = [](const QList<Connection> &list, const QString &key) -> std::optional<Connection> {
        for (const Connection &c : list)
            if (c.kind == Connection::Kind::ArgoCd && ArgoCdController::serverKey(c.url) == key)
                return c;
        return std::nullopt;
    };
    const auto targetOf = [](const QList<Target> &list, const QString &key) -> std::optional<Target> {
        for (const Target &t : list)
            if (ArgoCdController::serverKey(t.server) == key)
                return t;
        return std::nullopt;
    };
    QStringList keys;
    for (const QList<Target> *list : {&before, &now})
        for (const Target &t : *list)
            if (!keys.contains(ArgoCdController::serverKey(t.server)))
                keys << ArgoCdController::serverKey(t.server);
    for (const QString &key : std::as_const(keys)) {
        const std::optional<Target> was = targetOf(before, key);
        const std::optional<Target> is = targetOf(now, key);
        const bool changed =
            connectionOf(connections, key) != connectionOf(m_applied, key) || !was != !is ||
            (was && is &&
             (was->credential != is->credential || was->certificateAuthorityFile != is->certificateAuthorityFile ||
              was->applications != is->applications));
        if (!changed)
            continue;
        if (is && is->credential.isSet()) {
            connectServer(*is);
        } else if (m_argocd->isConnected(QUrl(key))) {
            m_argocd->disconnectServer(QUrl(key));
            if (m_window)
                m_window->statusBar()->showMessage(tr("Argo CD at %1: no credential any more; disconnected").arg(key));
        }
    }
    m_applied = connections;
}

} // namespace rolldeck
