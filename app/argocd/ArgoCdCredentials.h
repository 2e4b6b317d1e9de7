#pragma once

// How Rolldeck finds an Argo CD token for a server (docs/argocd.md "Credentials"), and what the token says about
// itself. Tokens live in the OS keychain (SecretStore, service "rolldeck", key keychainKeyFor(server)); the argocd
// CLI's conventions are honoured read-only: ARGOCD_SERVER, ARGOCD_AUTH_TOKEN and its config file's contexts,
// servers and users (~/.config/argocd/config). Nothing here writes a token anywhere or logs one.
//
// Usage:
//     const TokenClaims claims = readTokenClaims(token);        // a JWT's claims, signature not checked
//     if (QString why = renewalProblem(claims, server, now); !why.isEmpty()) tellUser(why);
//     const CliConfig cli = readCliConfig(cliConfigPath());     // absent file: empty, no error
//     std::optional<CliToken> t = cliToken(server, cli, environment);   // ARGOCD_AUTH_TOKEN, else the config's
#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

#include <chrono>
#include <optional>

namespace rolldeck::argocd {

// The claims of a token read as a JWT (its middle part: base64url JSON), without checking the signature: a client
// reads them only to tell when to ask for a new token. A token that is not a JWT has isJwt false and no times.
struct TokenClaims
{
    bool isJwt = false;
    QString subject; // sub: "admin:login" for a session, the account for an API token
    QString issuer;
    std::optional<QDateTime> expires; // exp (UTC); none: it does not expire
    std::optional<QDateTime> issued;  // iat
};

TokenClaims readTokenClaims(const QByteArray &token);

enum class Freshness { Fresh, ExpiresSoon, Expired };
// Within `soon` of its expiry a token still works but renewal is asked for.
constexpr std::chrono::seconds kRenewalMargin{3600};
Freshness freshness(const TokenClaims &claims, const QDateTime &now, std::chrono::seconds soon = kRenewalMargin);

// The server as an API base URL from what the argocd CLI accepts: "host[:port]" (https, or http with `plaintext`)
// or a URL with a scheme. Invalid (empty) for anything else: a path, user info, a scheme other than http(s).
QUrl normalizeServer(const QString &text, bool plaintext = false);
// The argocd CLI's name for a server (its config's `server:` keys and ARGOCD_SERVER): "host" or "host:port".
QString cliServerName(const QUrl &server);
// The keychain entry `rolldeck credential argocd login` keeps a server's token in: "argocd/HOST" or
// "argocd/HOST_PORT" (a valid keychain entry name; ':' is not).
QString keychainKeyFor(const QUrl &server);
// The command that renews the token for a server, as the user would type it.
QString loginCommandFor(const QUrl &server);

// A sentence asking for a new token when it has expired or expires within kRenewalMargin, naming the server, the
// time and the command to run; empty when the token is fresh (or has no expiry). Translated.
QString renewalProblem(const TokenClaims &claims, const QUrl &server, const QDateTime &now);
// The sentence for a server that answered 401: the token is no longer accepted (expired, revoked or wrong).
QString rejectedProblem(const QUrl &server, const QString &serverMessage);
// The sentence for a server Rolldeck has no token for.
QString notLoggedInProblem(const QUrl &server);

// What the argocd CLI's config file says (read-only): the current context's server and each server's token.
struct CliConfig
{
    QString currentServer;             // the current context's server name ("host:port"); empty when none
    bool currentPlainText = false;     // servers[].plain-text of the current server
    QHash<QString, QByteArray> tokens; // server name -> its user's auth-token
    QHash<QString, bool> plainText;    // server name -> plain-text
    QString error;                     // a file that could not be read or parsed: why (never its content)
};

// The config file's path: $ARGOCD_CONFIG_DIR/config, else ~/.argocd/config when that exists (the CLI's legacy
// place), else $XDG_CONFIG_HOME/argocd/config (~/.config/argocd/config).
QString cliConfigPath(const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());
CliConfig parseCliConfig(const QByteArray &yaml);
// Reads and parses a config file; an absent file is an empty config, not an error. At most 1 MiB is read.
CliConfig readCliConfig(const QString &path);

struct CliToken
{
    QByteArray token;
    QString origin; // "ARGOCD_AUTH_TOKEN" or the config file's path
};

// The argocd CLI's token for a server: ARGOCD_AUTH_TOKEN when ARGOCD_SERVER is unset or names this server, else the
// config file's token for it.
std::optional<CliToken> cliToken(const QUrl &server, const CliConfig &config, const QProcessEnvironment &environment);
// The server the argocd CLI would talk to: ARGOCD_SERVER, else the config's current context (invalid when neither).
QUrl cliDefaultServer(const CliConfig &config, const QProcessEnvironment &environment);

} // namespace rolldeck::argocd
