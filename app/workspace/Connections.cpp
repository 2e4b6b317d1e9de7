#include "Connections.h"

#include "io/InputLimits.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QSaveFile>

#include <yaml-cpp/yaml.h>

namespace rolldeck {

namespace {

constexpr qint64 kMaxConnectionsBytes = 1 << 20;

QString sameServer(const QUrl &url)
{
    QUrl u = url.adjusted(QUrl::StripTrailingSlash);
    u.setHost(u.host().toLower());
    return u.toString();
}

// A YAML double-quoted scalar: JSON's string syntax is a subset of it.
QByteArray quoted(const QString &text)
{
    const QByteArray json = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return json.mid(1, json.size() - 2);
}

} // namespace

QString connectionsPathFor(const QString &workspacePath)
{
    return QFileInfo(workspacePath).absoluteDir().filePath(QStringLiteral("connections.yaml"));
}

Result<QList<Connection>> parseConnections(const QByteArray &yaml, const QString &fileName)
{
    using R = Result<QList<Connection>>;
    QList<Connection> out;
    try {
        const YAML::Node root = YAML::Load(yaml.toStdString());
        if (root.IsNull())
            return out;
        if (!root.IsMap())
            return R::failure(QStringLiteral("%1: not a mapping").arg(fileName));
        for (const auto &[key, kind] :
             {std::pair{"argocd", Connection::Kind::ArgoCd}, std::pair{"prometheus", Connection::Kind::Prometheus}}) {
            const YAML::Node list = root[key];
            if (!list)
                continue;
            if (!list.IsSequence())
                return R::failure(QStringLiteral("%1:%2: %3 must be a list")
                                      .arg(fileName)
                                      .arg(list.Mark().line + 1)
                                      .arg(QLatin1String(key)));
            for (const YAML::Node &n : list) {
                const int line = n.Mark().line + 1;
                if (!n.IsMap())
                    return R::failure(QStringLiteral("%1:%2: a connection must be a mapping").arg(fileName).arg(line));
                Connection c;
                c.kind = kind;
                for (const auto &entry : n) {
                    const QString k = QString::fromStdString(entry.first.as<std::string>());
                    if (!entry.second.IsScalar())
                        return R::failure(QStringLiteral("%1:%2: %3 must be text").arg(fileName).arg(line).arg(k));
                    const QString v = QString::fromStdString(entry.second.Scalar());
                    if (k == QLatin1String("name")) {
                        c.name = v;
                    } else if (k == QLatin1String("url") || k == QLatin1String("server")) {
                        c.url = QUrl(v, QUrl::StrictMode);
                    } else if (k == QLatin1String("credential")) {
                        if (!v.startsWith(QLatin1String("keychain:")) || !isKeychainKey(v.mid(9)))
                            return R::failure(QStringLiteral("%1:%2: credential must be keychain:NAME (secrets live in "
                                                             "the OS keychain)")
                                                  .arg(fileName)
                                                  .arg(line));
                        c.credential.key = v.mid(9);
                    } else if (k == QLatin1String("certificateAuthority")) {
                        c.certificateAuthorityFile = v;
                    } else {
                        return R::failure(QStringLiteral("%1:%2: unknown key \"%3\" (expected name, %4, credential, "
                                                         "certificateAuthority)")
                                              .arg(fileName)
                                              .arg(line)
                                              .arg(k, kind == Connection::Kind::ArgoCd ? QStringLiteral("server")
                                                                                       : QStringLiteral("url")));
                    }
                }
                if (c.name.isEmpty() || !c.url.isValid() || c.url.host().isEmpty() || !c.url.userInfo().isEmpty() ||
                    (c.url.scheme() != QLatin1String("https") && c.url.scheme() != QLatin1String("http")))
                    return R::failure(
                        QStringLiteral("%1:%2: a connection needs a name and an http(s) URL without user or password")
                            .arg(fileName)
                            .arg(line));
                out.append(c);
            }
        }
    } catch (const YAML::Exception &e) {
        return R::failure(QStringLiteral("%1:%2: not valid YAML").arg(fileName).arg(e.mark.line + 1));
    }
    return out;
}

Result<QList<Connection>> loadConnections(const QString &path)
{
    if (!QFileInfo::exists(path))
        return QList<Connection>();
    const BoundedRead read = readBoundedFile(path, kMaxConnectionsBytes);
    if (!read.error.isEmpty())
        return Result<QList<Connection>>::failure(QStringLiteral("%1: cannot read: %2").arg(path, read.error));
    return parseConnections(read.data, path);
}

QByteArray renderConnections(const QList<Connection> &connections)
{
    QByteArray out = "# Kept by Rolldeck (View > Connections). Changes made there rewrite this file; the workspace\n"
                     "# file beside it is never written. No secrets here: each credential is an OS keychain entry.\n"
                     "version: 1\n";
    for (const auto &[key, kind] :
         {std::pair{"argocd", Connection::Kind::ArgoCd}, std::pair{"prometheus", Connection::Kind::Prometheus}}) {
        QByteArray items;
        for (const Connection &c : connections) {
            if (c.kind != kind)
                continue;
            items += "  - name: " + quoted(c.name) + '\n';
            items += QByteArray("    ") + (kind == Connection::Kind::ArgoCd ? "server" : "url") + ": " +
                     quoted(c.url.toString()) + '\n';
            if (c.credential.isSet())
                items += "    credential: " + quoted(QStringLiteral("keychain:") + c.credential.key) + '\n';
            if (!c.certificateAuthorityFile.isEmpty())
                items += "    certificateAuthority: " + quoted(c.certificateAuthorityFile) + '\n';
        }
        out += QByteArray(key) + (items.isEmpty() ? QByteArray(": []\n") : QByteArray(":\n" + items));
    }
    return out;
}

Result<bool> saveConnections(const QString &path, const QList<Connection> &connections)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return Result<bool>::failure(QStringLiteral("%1: cannot create the folder").arg(path));
    QSaveFile file(path);
    const QByteArray text = renderConnections(connections);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit())
        return Result<bool>::failure(QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    return true;
}

void applyConnections(Workspace &workspace, const QList<Connection> &connections)
{
    for (Environment &env : workspace.environments) {
        for (const Connection &c : connections) {
            // An Argo CD target without a credential of its own names the server's entry (readArgoCd).
            if (c.kind == Connection::Kind::ArgoCd && env.argocd &&
                (!env.argocd->credential.isSet() ||
                 env.argocd->credential.key == keychainKeyForConnection(c.kind, env.argocd->server)) &&
                sameServer(env.argocd->server) == sameServer(c.url)) {
                env.argocd->credential = c.credential;
                if (env.argocd->certificateAuthorityFile.isEmpty())
                    env.argocd->certificateAuthorityFile = c.certificateAuthorityFile;
            }
            if (c.kind == Connection::Kind::Prometheus && env.prometheus && !env.prometheus->credential.isSet() &&
                sameServer(env.prometheus->url) == sameServer(c.url)) {
                env.prometheus->credential = c.credential;
                if (env.prometheus->certificateAuthorityFile.isEmpty())
                    env.prometheus->certificateAuthorityFile = c.certificateAuthorityFile;
            }
        }
    }
}

QString keychainKeyForConnection(Connection::Kind kind, const QUrl &url)
{
    QString host = url.host(QUrl::FullyEncoded).toLower();
    host.replace(u':', u'.');
    const QString prefix = kind == Connection::Kind::ArgoCd ? QStringLiteral("argocd/") : QStringLiteral("prometheus/");
    return url.port() > 0 ? QString(prefix + host + u'_' + QString::number(url.port())) : QString(prefix + host);
}

} // namespace rolldeck
