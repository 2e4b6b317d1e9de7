#include "ArgoCdCredentialCommand.h"

#include "Command.h"
#include "CredentialCommand.h"
#include "argocd/ArgoCdClient.h"
#include "argocd/ArgoCdCredentials.h"
#include "secrets/SecretStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QTimer>

#include <functional>
#include <optional>

namespace rolldeck {

namespace {

struct ArgoText
{
    Q_DECLARE_TR_FUNCTIONS(ArgoCdCredentialCommand)
};

void wipe(QByteArray &bytes)
{
    bytes.fill('\0');
    bytes.clear();
}

// Runs one asynchronous call to its end on a local event loop (a minute at most: a keychain waiting on a prompt
// nobody sees, or a server that does not answer within the client's own timeout).
template <typename T>
std::optional<T> await(const std::function<void(QObject *, std::function<void(const T &)>)> &call)
{
    QObject context;
    QEventLoop loop;
    std::optional<T> out;
    call(&context, [&](const T &value) {
        out = value;
        loop.quit();
    });
    if (!out) {
        QTimer::singleShot(std::chrono::minutes(1), &loop, &QEventLoop::quit);
        loop.exec();
    }
    return out;
}

std::optional<SecretReply> keychain(SecretStore &store, SecretReply::Operation op, const QString &key,
                                    const QByteArray &value = {})
{
    return await<SecretReply>([&](QObject *c, std::function<void(const SecretReply &)> done) {
        switch (op) {
        case SecretReply::Operation::Read:
            return store.read(key, c, done);
        case SecretReply::Operation::Write:
            return store.write(key, value, c, done);
        case SecretReply::Operation::Remove:
            return store.remove(key, c, done);
        }
    });
}

// One place for these words: with them in two places, lupdate without include paths (tst_translations) gave one of
// them the context "ArgoText" instead of the declared one.
QString noAnswer()
{
    return ArgoText::tr("Argo CD did not answer within a minute.");
}

argocd::Reply call(const std::function<void(QObject *, argocd::Client::Callback)> &request)
{
    const std::optional<argocd::Reply> r = await<argocd::Reply>(request);
    if (r)
        return *r;
    argocd::Reply none;
    none.error = argocd::Error{0, 0, {}, {}, noAnswer()};
    return none;
}

QString expiryText(const argocd::TokenClaims &claims)
{
    if (!claims.expires)
        return ArgoText::tr("does not expire");
    return ArgoText::tr("expires %1").arg(claims.expires->toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")));
}

struct Context
{
    const CommandIo &io;
    QUrl server;
    argocd::Endpoint endpoint;
    QString key; // the keychain entry
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    argocd::CliConfig cli;

    void fail(const QString &message) const
    {
        io.err(QStringLiteral("rolldeck credential argocd: ") + message + u'\n');
    }
};

// The token is not expired and opens a session: the account it belongs to, or nullopt after saying why.
std::optional<QString> verify(const Context &ctx, const QByteArray &token)
{
    const argocd::TokenClaims claims = argocd::readTokenClaims(token);
    if (argocd::freshness(claims, QDateTime::currentDateTimeUtc()) == argocd::Freshness::Expired) {
        ctx.fail(argocd::renewalProblem(claims, ctx.server, QDateTime::currentDateTimeUtc()));
        return std::nullopt;
    }
    argocd::Client client(ctx.endpoint);
    client.setToken(token);
    const argocd::Reply info = call([&](QObject *c, argocd::Client::Callback done) { client.userInfo(c, done); });
    if (!info.ok()) {
        ctx.fail(info.error->message);
        return std::nullopt;
    }
    if (!info.body.value(QLatin1String("loggedIn")).toBool()) {
        ctx.fail(argocd::rejectedProblem(ctx.server, QStringLiteral("userinfo: loggedIn false")));
        return std::nullopt;
    }
    return info.body.value(QLatin1String("username")).toString();
}

int login(const Context &ctx, const QCommandLineParser &parser)
{
    const bool byPassword = parser.isSet(QStringLiteral("username"));
    const bool byToken = parser.isSet(QStringLiteral("token"));
    const bool fromCli = parser.isSet(QStringLiteral("from-argocd-cli"));
    if (int(byPassword) + int(byToken) + int(fromCli) != 1) {
        ctx.fail(ArgoText::tr("login needs one of --username NAME (the password on standard input), --token (the "
                              "token on standard input) or --from-argocd-cli"));
        return ArgoCdCredentialCommand::Error;
    }
    QByteArray token;
    if (fromCli) {
        const std::optional<argocd::CliToken> found = argocd::cliToken(ctx.server, ctx.cli, ctx.environment);
        if (!found) {
            ctx.fail(ArgoText::tr("the argocd CLI has no token for %1 (neither ARGOCD_AUTH_TOKEN nor %2)")
                         .arg(argocd::cliServerName(ctx.server), argocd::cliConfigPath(ctx.environment)));
            return ArgoCdCredentialCommand::NotLoggedIn;
        }
        token = found->token;
        ctx.io.err(ArgoText::tr("Using the argocd CLI's token from %1.\n").arg(found->origin));
    } else if (byToken) {
        token = readSecretInput(ctx.io, ArgoText::tr("Argo CD token for %1 (not shown): ").arg(ctx.server.toString()));
    } else {
        const QString user = parser.value(QStringLiteral("username"));
        QByteArray password = readSecretInput(
            ctx.io, ArgoText::tr("Password of %1 at %2 (not shown): ").arg(user, ctx.server.toString()));
        if (password.isEmpty()) {
            ctx.fail(ArgoText::tr("no password on standard input; not logged in"));
            return ArgoCdCredentialCommand::Error;
        }
        argocd::Client client(ctx.endpoint);
        const std::optional<Result<QByteArray>> r =
            await<Result<QByteArray>>([&](QObject *c, std::function<void(const Result<QByteArray> &)> done) {
                client.login(user, QString::fromUtf8(password), c, done);
            });
        wipe(password);
        if (!r || !r->ok()) {
            ctx.fail(r ? r->error() : noAnswer());
            return ArgoCdCredentialCommand::NotLoggedIn;
        }
        token = **r;
    }
    if (token.isEmpty()) {
        ctx.fail(ArgoText::tr("no token on standard input; not logged in"));
        return ArgoCdCredentialCommand::Error;
    }
    const std::optional<QString> account = verify(ctx, token);
    if (!account) {
        wipe(token);
        return ArgoCdCredentialCommand::NotLoggedIn;
    }

    SecretStore store(nullptr);
    const std::optional<SecretReply> previous = keychain(store, SecretReply::Operation::Read, ctx.key);
    const std::optional<SecretReply> written = keychain(store, SecretReply::Operation::Write, ctx.key, token);
    if (!written || !written->ok()) {
        ctx.fail(written ? written->message() : ArgoText::tr("the keychain did not answer within a minute"));
        wipe(token);
        return ArgoCdCredentialCommand::Error;
    }
    const argocd::TokenClaims claims = argocd::readTokenClaims(token);
    const bool replaced = previous && previous->ok() && !previous->secret.isEmpty() && previous->secret != token;
    wipe(token);
    ctx.io.out(ArgoText::tr("Logged in to Argo CD at %1 as %2; the token (%3) is in the keychain entry \"%4\".\n")
                   .arg(ctx.server.toString(), *account, expiryText(claims), ctx.key));
    // A rotation: the replaced token's session ends, so it cannot be used again (an API token stays valid; revoke
    // it in Argo CD).
    if (replaced) {
        QByteArray old = previous->secret;
        argocd::Client client(ctx.endpoint);
        client.setToken(old);
        wipe(old);
        const argocd::Reply out = call([&](QObject *c, argocd::Client::Callback done) { client.logout(c, done); });
        ctx.io.out(out.ok() ? ArgoText::tr("Replaced the earlier token; its session is ended.\n")
                            : ArgoText::tr("Replaced the earlier token.\n"));
    }
    ctx.io.out(ArgoText::tr("A workspace refers to it with:  credential: keychain:%1\n").arg(ctx.key));
    return ArgoCdCredentialCommand::Ok;
}

int logout(const Context &ctx)
{
    SecretStore store(nullptr);
    const std::optional<SecretReply> found = keychain(store, SecretReply::Operation::Read, ctx.key);
    if (!found) {
        ctx.fail(ArgoText::tr("the keychain did not answer within a minute"));
        return ArgoCdCredentialCommand::Error;
    }
    if (found->error == SecretReply::Error::Missing) {
        ctx.io.err(ArgoText::tr("Not logged in to Argo CD at %1: the keychain has no entry \"%2\".\n")
                       .arg(ctx.server.toString(), ctx.key));
        return ArgoCdCredentialCommand::NotLoggedIn;
    }
    if (!found->ok()) {
        ctx.fail(found->message());
        return ArgoCdCredentialCommand::Error;
    }
    QByteArray token = found->secret;
    argocd::Client client(ctx.endpoint);
    client.setToken(token);
    const argocd::Reply out = call([&](QObject *c, argocd::Client::Callback done) { client.logout(c, done); });
    wipe(token);
    const std::optional<SecretReply> removed = keychain(store, SecretReply::Operation::Remove, ctx.key);
    if (!removed || !removed->ok()) {
        ctx.fail(removed ? removed->message() : ArgoText::tr("the keychain did not answer within a minute"));
        return ArgoCdCredentialCommand::Error;
    }
    ctx.io.out(ArgoText::tr("Logged out of Argo CD at %1; removed the keychain entry \"%2\".\n")
                   .arg(ctx.server.toString(), ctx.key));
    if (!out.ok())
        ctx.io.err(ArgoText::tr("(Argo CD did not end the session: %1)\n").arg(out.error->message));
    return ArgoCdCredentialCommand::Ok;
}

int status(const Context &ctx)
{
    SecretStore store(nullptr);
    const std::optional<SecretReply> found = keychain(store, SecretReply::Operation::Read, ctx.key);
    QByteArray token;
    QString origin;
    if (found && found->ok()) {
        token = found->secret;
        origin = ArgoText::tr("keychain entry \"%1\"").arg(ctx.key);
    } else if (found && found->error != SecretReply::Error::Missing) {
        ctx.fail(found->message());
        return ArgoCdCredentialCommand::Error;
    } else if (const auto cli = argocd::cliToken(ctx.server, ctx.cli, ctx.environment)) {
        token = cli->token;
        origin = ArgoText::tr("the argocd CLI (%1)").arg(cli->origin);
    }
    if (token.isEmpty()) {
        ctx.fail(argocd::notLoggedInProblem(ctx.server));
        return ArgoCdCredentialCommand::NotLoggedIn;
    }
    const argocd::TokenClaims claims = argocd::readTokenClaims(token);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const argocd::Freshness fresh = argocd::freshness(claims, now);
    if (fresh != argocd::Freshness::Fresh)
        ctx.fail(argocd::renewalProblem(claims, ctx.server, now));
    if (fresh == argocd::Freshness::Expired) {
        wipe(token);
        return ArgoCdCredentialCommand::NotLoggedIn;
    }
    argocd::Client client(ctx.endpoint);
    client.setToken(token);
    wipe(token);
    argocd::ListQuery query;
    query.fields = {QStringLiteral("items.metadata.name")};
    const argocd::Reply list =
        call([&](QObject *c, argocd::Client::Callback done) { client.listApplications(query, c, done); });
    if (!list.ok()) {
        ctx.fail(list.error->message);
        return list.error->httpStatus == 401 ? ArgoCdCredentialCommand::NotLoggedIn : ArgoCdCredentialCommand::Error;
    }
    const argocd::Reply info = call([&](QObject *c, argocd::Client::Callback done) { client.userInfo(c, done); });
    QStringList names;
    for (const QJsonValue &item : list.body.value(QLatin1String("items")).toArray())
        names << item[QLatin1String("metadata")][QLatin1String("name")].toString();
    ctx.io.out(ArgoText::tr("Logged in to Argo CD at %1 as %2 (token from %3; %4).\n")
                   .arg(ctx.server.toString(), info.body.value(QLatin1String("username")).toString(), origin,
                        expiryText(claims)));
    ctx.io.out(
        ArgoText::tr("Applications it can list (%1): %2\n").arg(names.size()).arg(names.join(QStringLiteral(", "))));
    return ArgoCdCredentialCommand::Ok;
}

} // namespace

int ArgoCdCredentialCommand::run(const QStringList &arguments, const CommandIo &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        ArgoText::tr("An Argo CD token per server, kept in the OS keychain only.\n"
                     "  login   --username NAME (password on standard input), --token (token on standard input) or\n"
                     "          --from-argocd-cli; logging in again replaces the token and ends the replaced session\n"
                     "  logout  end the session and remove the token from the keychain\n"
                     "  status  which token is used, when it expires, and the applications it can list\n"
                     "The server: --server, else ARGOCD_SERVER, else the argocd CLI's current context."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("command"), ArgoText::tr("login, logout or status."),
                                 QStringLiteral("login|logout|status"));
    parser.addOptions({
        {QStringLiteral("server"), ArgoText::tr("The Argo CD server (host[:port] or https://host[:port])."),
         QStringLiteral("url")},
        {QStringLiteral("plaintext"), ArgoText::tr("The server speaks plain HTTP (as the argocd CLI's --plaintext).")},
        {QStringLiteral("ca"),
         ArgoText::tr("Trust the server's certificate through these PEM CAs instead of the "
                      "system's (as the argocd CLI's --server-crt)."),
         QStringLiteral("file")},
        {QStringLiteral("username"), ArgoText::tr("login: the Argo CD user; the password is read from standard input."),
         QStringLiteral("name")},
        {QStringLiteral("token"), ArgoText::tr("login: an API token, read from standard input.")},
        {QStringLiteral("from-argocd-cli"),
         ArgoText::tr("login: take the argocd CLI's token (ARGOCD_AUTH_TOKEN or its config file).")},
    });
    QStringList argv = arguments;
    argv.prepend(QStringLiteral("rolldeck credential argocd"));
    if (!parser.parse(argv)) {
        io.err(QStringLiteral("rolldeck credential argocd: ") + parser.errorText() + u'\n');
        return Error;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        io.out(parser.helpText());
        return Ok;
    }
    const QStringList positional = parser.positionalArguments();
    const QString command = positional.value(0);
    Context ctx{io, {}, {}, {}, QProcessEnvironment::systemEnvironment(), {}};
    if (positional.size() != 1 ||
        !QStringList{QStringLiteral("login"), QStringLiteral("logout"), QStringLiteral("status")}.contains(command)) {
        ctx.fail(ArgoText::tr("say login, logout or status"));
        return Error;
    }
    if (command != QLatin1String("login") &&
        (parser.isSet(QStringLiteral("username")) || parser.isSet(QStringLiteral("token")) ||
         parser.isSet(QStringLiteral("from-argocd-cli")))) {
        ctx.fail(ArgoText::tr("--username, --token and --from-argocd-cli go with login only"));
        return Error;
    }
    ctx.cli = argocd::readCliConfig(argocd::cliConfigPath(ctx.environment));
    if (!ctx.cli.error.isEmpty())
        io.err(ArgoText::tr("The argocd CLI's config is not used: %1\n").arg(ctx.cli.error));
    ctx.server =
        parser.isSet(QStringLiteral("server"))
            ? argocd::normalizeServer(parser.value(QStringLiteral("server")), parser.isSet(QStringLiteral("plaintext")))
            : argocd::cliDefaultServer(ctx.cli, ctx.environment);
    if (!ctx.server.isValid() || ctx.server.isEmpty()) {
        ctx.fail(parser.isSet(QStringLiteral("server"))
                     ? ArgoText::tr("\"%1\" is not an Argo CD server (host[:port] or https://host[:port])")
                           .arg(parser.value(QStringLiteral("server")))
                     : ArgoText::tr("which server? Say --server, or set ARGOCD_SERVER"));
        return Error;
    }
    ctx.endpoint.server = ctx.server;
    if (parser.isSet(QStringLiteral("ca"))) {
        QFile ca(parser.value(QStringLiteral("ca")));
        if (!ca.open(QIODevice::ReadOnly)) {
            ctx.fail(ArgoText::tr("cannot read the CA file %1").arg(ca.fileName()));
            return Error;
        }
        ctx.endpoint.caPem = ca.read(1 << 20);
    }
    ctx.key = argocd::keychainKeyFor(ctx.server);
    if (command == QLatin1String("login"))
        return login(ctx, parser);
    if (command == QLatin1String("logout"))
        return logout(ctx);
    return status(ctx);
}

} // namespace rolldeck
