#include "ArgoCdConnector.h"

#include "argocd/ArgoCdCredentials.h"
#include "console/Connections.h"
#include "gui/ArgoCdController.h"
#include "secrets/WorkspaceSecrets.h"
#include "ui/MainWindow.h"

#include <QFile>
#include <QStatusBar>

namespace rolldeck {

namespace {

// The workspace's first Argo CD server and the applications every environment on it names.
const ArgoCdTarget *firstServer(const Workspace &workspace, QStringList *applications)
{
    const ArgoCdTarget *target = nullptr;
    for (const Environment &env : workspace.environments) {
        if (!env.argocd || (target && env.argocd->server != target->server))
            continue;
        target = target ? target : &*env.argocd;
        *applications << env.argocd->applications;
    }
    return target;
}

} // namespace

ArgoCdConnector::ArgoCdConnector(MainWindow *window, Connections *live, ArgoCdController *argocd,
                                 WorkspaceSecrets *secrets, QObject *parent)
    : QObject(parent), m_window(window), m_live(live), m_argocd(argocd), m_secrets(secrets)
{
}

// One server for now; the applications of every environment on it are shown.
void ArgoCdConnector::connectFirstServer()
{
    QStringList applications;
    const ArgoCdTarget *target = firstServer(m_live->scope().workspace(), &applications);
    if (!target || !target->credential.isSet())
        return;
    argocd::Endpoint endpoint;
    endpoint.server = target->server;
    if (!target->certificateAuthorityFile.isEmpty()) {
        QFile ca(target->certificateAuthorityFile);
        if (ca.open(QIODevice::ReadOnly))
            endpoint.caPem = ca.readAll();
    }
    m_secrets->resolve(target->credential, this, [this, endpoint, applications](const SecretReply &reply) {
        if (reply.error == SecretReply::Error::Missing) {
            // Also what removing the server's connection leaves: its token went with it, so the views let go.
            if (m_argocd->isConnected())
                m_argocd->disconnectServer();
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

void ArgoCdConnector::applyConnections(const QList<Connection> &connections)
{
    QStringList unused;
    const ArgoCdTarget *before = firstServer(m_live->scope().workspace(), &unused);
    const std::optional<ArgoCdTarget> was = before ? std::optional<ArgoCdTarget>(*before) : std::nullopt;
    m_live->applyConnections(connections);
    m_secrets->forget(); // a connection added again may have put a new token under the same entry
    const ArgoCdTarget *now = firstServer(m_live->scope().workspace(), &unused);
    // Argo CD's own connections (server, entry, CA) as they were and are: a change there is one to follow.
    const auto argoCdOnes = [](const QList<Connection> &list) {
        QList<Connection> out;
        for (const Connection &c : list)
            if (c.kind == Connection::Kind::ArgoCd)
                out << c;
        return out;
    };
    const bool changed =
        argoCdOnes(connections) != argoCdOnes(m_applied) || !was != !now ||
        (was && now &&
         (was->credential != now->credential || was->certificateAuthorityFile != now->certificateAuthorityFile));
    m_applied = connections;
    if (!changed)
        return;
    if (now && now->credential.isSet()) {
        connectFirstServer();
    } else if (m_argocd->isConnected()) {
        m_argocd->disconnectServer();
        if (m_window)
            m_window->statusBar()->showMessage(tr("Argo CD at %1: no credential any more; disconnected")
                                                   .arg(was ? was->server.toString() : QString()));
    }
}

} // namespace rolldeck
