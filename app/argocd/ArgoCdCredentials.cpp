#include "ArgoCdCredentials.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <yaml-cpp/yaml.h>

namespace rolldeck::argocd {

namespace {

struct CredentialText
{
    Q_DECLARE_TR_FUNCTIONS(ArgoCdCredentials)
};

constexpr qint64 kMaxConfigBytes = 1 << 20;
constexpr qsizetype kMaxTokenBytes = 64 * 1024;

std::optional<QDateTime> unixTime(const QJsonValue &v)
{
    if (!v.isDouble())
        return std::nullopt;
    const double seconds = v.toDouble();
    // Years 1970 to 9999: anything else is not a time a token would carry.
    if (!(seconds >= 0 && seconds < 253402300800.0))
        return std::nullopt;
    return QDateTime::fromSecsSinceEpoch(qint64(seconds), Qt::UTC);
}

QString when(const QDateTime &t)
{
    return t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")) + QStringLiteral(" UTC");
}

QString scalar(const YAML::Node &node, const char *key)
{
    const YAML::Node v = node[key];
    return v && v.IsScalar() ? QString::fromStdString(v.Scalar()) : QString();
}

} // namespace

TokenClaims readTokenClaims(const QByteArray &token)
{
    TokenClaims claims;
    if (token.size() > kMaxTokenBytes || token.count('.') != 2)
        return claims;
    const QList<QByteArray> parts = token.split('.');
    const auto decoded = QByteArray::fromBase64Encoding(parts.at(1), QByteArray::Base64UrlEncoding |
                                                                         QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return claims;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(*decoded, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return claims;
    const QJsonObject o = doc.object();
    claims.isJwt = true;
    claims.subject = o.value(QLatin1String("sub")).toString().left(200);
    claims.issuer = o.value(QLatin1String("iss")).toString().left(200);
    claims.expires = unixTime(o.value(QLatin1String("exp")));
    claims.issued = unixTime(o.value(QLatin1String("iat")));
    return claims;
}

Freshness freshness(const TokenClaims &claims, const QDateTime &now, std::chrono::seconds soon)
{
    if (!claims.expires)
        return Freshness::Fresh;
    const qint64 left = now.secsTo(*claims.expires);
    if (left <= 0)
        return Freshness::Expired;
    return left <= soon.count() ? Freshness::ExpiresSoon : Freshness::Fresh;
}

QUrl normalizeServer(const QString &text, bool plaintext)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return {};
    const bool hasScheme = t.contains(QLatin1String("://"));
    QUrl url(hasScheme ? t : (plaintext ? QStringLiteral("http://") : QStringLiteral("https://")) + t,
             QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || !url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment())
        return {};
    if (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))
        return {};
    if (!url.path().isEmpty() && url.path() != QLatin1String("/"))
        return {};
    url.setPath(QString());
    return url;
}

QString cliServerName(const QUrl &server)
{
    const QString host = server.host(QUrl::FullyEncoded);
    const QString shown = host.contains(u':') ? u'[' + host + u']' : host;
    return server.port() > 0 ? shown + u':' + QString::number(server.port()) : shown;
}

QString keychainKeyFor(const QUrl &server)
{
    QString host = server.host(QUrl::FullyEncoded).toLower();
    host.replace(u':', u'.'); // an IPv6 address
    return server.port() > 0 ? QStringLiteral("argocd/%1_%2").arg(host).arg(server.port())
                             : QStringLiteral("argocd/") + host;
}

QString loginCommandFor(const QUrl &server)
{
    return QStringLiteral("rolldeck credential argocd login --server ") + server.toString(QUrl::RemovePath);
}

QString renewalProblem(const TokenClaims &claims, const QUrl &server, const QDateTime &now)
{
    switch (freshness(claims, now)) {
    case Freshness::Fresh:
        return QString();
    case Freshness::ExpiresSoon:
        return CredentialText::tr("The Argo CD token for %1 expires at %2. Renew it now with: %3")
            .arg(server.toString(QUrl::RemovePath), when(*claims.expires), loginCommandFor(server));
    case Freshness::Expired:
        break;
    }
    return CredentialText::tr("The Argo CD token for %1 expired at %2. Log in again with: %3")
        .arg(server.toString(QUrl::RemovePath), when(*claims.expires), loginCommandFor(server));
}

QString rejectedProblem(const QUrl &server, const QString &serverMessage)
{
    return CredentialText::tr("Argo CD at %1 no longer accepts the token (%2): it has expired or was revoked. Log in "
                              "again with: %3")
        .arg(server.toString(QUrl::RemovePath), serverMessage, loginCommandFor(server));
}

QString notLoggedInProblem(const QUrl &server)
{
    return CredentialText::tr("Not logged in to Argo CD at %1. Log in with: %2")
        .arg(server.toString(QUrl::RemovePath), loginCommandFor(server));
}

QString cliConfigPath(const QProcessEnvironment &environment)
{
    const QString dir = environment.value(QStringLiteral("ARGOCD_CONFIG_DIR"));
    if (!dir.isEmpty())
        return QDir(dir).filePath(QStringLiteral("config"));
    const QString home = environment.value(QStringLiteral("HOME"), QDir::homePath());
    const QString legacy = QDir(home).filePath(QStringLiteral(".argocd/config"));
    if (QFileInfo::exists(legacy))
        return legacy;
    QString xdg = environment.value(QStringLiteral("XDG_CONFIG_HOME"));
    if (xdg.isEmpty())
        xdg = QDir(home).filePath(QStringLiteral(".config"));
    return QDir(xdg).filePath(QStringLiteral("argocd/config"));
}

CliConfig parseCliConfig(const QByteArray &yaml)
{
    CliConfig config;
    try {
        const YAML::Node root = YAML::Load(yaml.toStdString());
        if (!root.IsMap()) {
            if (!root.IsNull())
                config.error = CredentialText::tr("not a mapping");
            return config;
        }
        QHash<QString, QByteArray> userTokens;
        if (const YAML::Node users = root["users"]; users && users.IsSequence()) {
            for (const YAML::Node &u : users) {
                if (u.IsMap())
                    userTokens.insert(scalar(u, "name"), scalar(u, "auth-token").toUtf8());
            }
        }
        if (const YAML::Node servers = root["servers"]; servers && servers.IsSequence()) {
            for (const YAML::Node &s : servers) {
                if (s.IsMap())
                    config.plainText.insert(scalar(s, "server"), scalar(s, "plain-text") == QLatin1String("true"));
            }
        }
        const QString current = scalar(root, "current-context");
        if (const YAML::Node contexts = root["contexts"]; contexts && contexts.IsSequence()) {
            for (const YAML::Node &c : contexts) {
                if (!c.IsMap())
                    continue;
                const QString server = scalar(c, "server");
                const QByteArray token = userTokens.value(scalar(c, "user"));
                if (!server.isEmpty() && !token.isEmpty() && !config.tokens.contains(server))
                    config.tokens.insert(server, token);
                if (!current.isEmpty() && scalar(c, "name") == current)
                    config.currentServer = server;
            }
        }
        config.currentPlainText = config.plainText.value(config.currentServer);
    } catch (const YAML::Exception &e) {
        config = CliConfig();
        config.error = CredentialText::tr("line %1: not valid YAML").arg(e.mark.line + 1);
    }
    return config;
}

CliConfig readCliConfig(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return {};
    CliConfig config;
    if (!QFileInfo(path).isFile() || !file.open(QIODevice::ReadOnly)) {
        config.error = CredentialText::tr("%1 cannot be read").arg(path);
        return config;
    }
    const QByteArray bytes = file.read(kMaxConfigBytes + 1);
    if (bytes.size() > kMaxConfigBytes) {
        config.error = CredentialText::tr("%1 is larger than 1 MiB").arg(path);
        return config;
    }
    config = parseCliConfig(bytes);
    if (!config.error.isEmpty())
        config.error = path + QStringLiteral(": ") + config.error;
    return config;
}

std::optional<CliToken> cliToken(const QUrl &server, const CliConfig &config, const QProcessEnvironment &environment)
{
    const QString name = cliServerName(server);
    const QString envServer = environment.value(QStringLiteral("ARGOCD_SERVER"));
    const QByteArray envToken = environment.value(QStringLiteral("ARGOCD_AUTH_TOKEN")).toUtf8();
    if (!envToken.isEmpty() && (envServer.isEmpty() || normalizeServer(envServer).host() == server.host()) &&
        (envServer.isEmpty() || normalizeServer(envServer).port() == server.port()))
        return CliToken{envToken, QStringLiteral("ARGOCD_AUTH_TOKEN")};
    const QByteArray fromFile = config.tokens.value(name);
    if (!fromFile.isEmpty())
        return CliToken{fromFile, cliConfigPath(environment)};
    return std::nullopt;
}

QUrl cliDefaultServer(const CliConfig &config, const QProcessEnvironment &environment)
{
    const QString envServer = environment.value(QStringLiteral("ARGOCD_SERVER"));
    if (!envServer.isEmpty())
        return normalizeServer(envServer, config.plainText.value(envServer));
    return normalizeServer(config.currentServer, config.currentPlainText);
}

} // namespace rolldeck::argocd
