#pragma once

// The connections file (docs/workspace.md "Connections"): Argo CD and Prometheus servers with keychain references,
// kept by the console's Settings › Connections page in `connections.yaml` beside the workspace file. Rolldeck never
// writes the workspace file itself (its comments and layout are the user's); it writes only this file, whole, and
// the workspace takes from it the credential of each server it names.
//
// Usage:
//     Result<QList<Connection>> all = loadConnections(connectionsPathFor(workspacePath));   // absent: empty
//     saveConnections(path, list);                                  // atomically; no secret is ever in it
//     applyConnections(workspace, *all);                             // loadWorkspace() does this itself
#include "models/domain/Result.h"
#include "workspace/Workspace.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

namespace rolldeck {

struct Connection
{
    enum class Kind { ArgoCd, Prometheus };

    Kind kind = Kind::ArgoCd;
    QString name;           // unique per kind; shown in the settings page
    QUrl url;               // the Argo CD server / the Prometheus base URL
    KeychainRef credential; // Argo CD: the token; Prometheus: a bearer token (optional)
    QString certificateAuthorityFile;

    bool operator==(const Connection &) const = default;
};

// The managed file beside a workspace file: <folder>/connections.yaml.
QString connectionsPathFor(const QString &workspacePath);
Result<QList<Connection>> parseConnections(const QByteArray &yaml, const QString &fileName);
// An absent file is an empty list.
Result<QList<Connection>> loadConnections(const QString &path);
// The file's text: a header saying who keeps it, then every connection; no secret, only keychain references.
QByteArray renderConnections(const QList<Connection> &connections);
// Writes the file atomically (QSaveFile), creating its folder; the error says why not.
Result<bool> saveConnections(const QString &path, const QList<Connection> &connections);

// An environment whose Argo CD server (or Prometheus URL) a connection names, and which gives no credential of its
// own, takes the connection's credential and certificate authority.
void applyConnections(Workspace &workspace, const QList<Connection> &connections);

// The keychain entry the settings page keeps a connection's secret in: "argocd/HOST[_PORT]" (the same entry
// `rolldeck credential argocd login` uses) or "prometheus/HOST[_PORT]".
QString keychainKeyForConnection(Connection::Kind kind, const QUrl &url);

} // namespace rolldeck
