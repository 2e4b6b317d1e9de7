#include "CredentialCommand.h"

#include "ArgoCdCredentialCommand.h"
#include "Command.h"
#include "secrets/SecretStore.h"
#include "secrets/WorkspaceSecrets.h"
#include "workspace/Workspace.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QTimer>

#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <functional>

namespace rolldeck {

namespace {

// The one translation context of this file, the same for lupdate and at run time (as in StatusCommand).
struct CredentialText
{
    Q_DECLARE_TR_FUNCTIONS(CredentialCommand)
};

// Overwrites a buffer that held a secret before it is freed.
void wipe(QByteArray &bytes)
{
    bytes.fill('\0');
    bytes.clear();
}

} // namespace

QByteArray readSecretInput(const CommandIo &io, const QString &prompt)
{
    FILE *in = io.in();
    const int fd = fileno(in);
    const bool terminal = fd >= 0 && isatty(fd);
    termios saved{};
    bool echoOff = false;
    if (terminal) {
        // Echo goes off before the prompt appears, so nothing typed after it is shown.
        if (tcgetattr(fd, &saved) == 0) {
            termios quiet = saved;
            quiet.c_lflag &= ~tcflag_t(ECHO);
            quiet.c_lflag |= ECHONL;
            echoOff = tcsetattr(fd, TCSAFLUSH, &quiet) == 0;
        }
        io.err(prompt);
    }
    QByteArray secret;
    char buffer[4096];
    while (true) {
        if (terminal) {
            if (!std::fgets(buffer, sizeof buffer, in))
                break;
            const size_t n = std::strlen(buffer);
            secret.append(buffer, qsizetype(n));
            if (n > 0 && buffer[n - 1] == '\n')
                break;
        } else {
            const size_t n = std::fread(buffer, 1, sizeof buffer, in);
            if (n == 0)
                break;
            secret.append(buffer, qsizetype(n));
        }
    }
    std::fill(std::begin(buffer), std::end(buffer), '\0');
    if (echoOff)
        tcsetattr(fd, TCSAFLUSH, &saved);
    if (secret.endsWith('\n'))
        secret.chop(1);
    if (secret.endsWith('\r'))
        secret.chop(1);
    return secret;
}

namespace {

QString stateText(const CredentialStatus &status)
{
    switch (status.error) {
    case SecretReply::Error::None:
        return CredentialText::tr("present");
    case SecretReply::Error::Missing:
        return CredentialText::tr("missing");
    case SecretReply::Error::NoService:
    case SecretReply::Error::AccessDenied:
    case SecretReply::Error::Failed:
        break;
    }
    return CredentialText::tr("unreadable");
}

QString padded(const QString &text, qsizetype width)
{
    return text + QString(std::max<qsizetype>(0, width - text.size()) + 2, u' ');
}

// Runs the event loop until `finish` is called (or a minute passes: a keychain waiting on a prompt nobody sees).
class Runner : public QObject
{
public:
    explicit Runner(const CommandIo &io) : m_io(io) {}

    int exec(const std::function<void()> &start)
    {
        QTimer::singleShot(0, this, start);
        QTimer::singleShot(std::chrono::minutes(1), this, [this] {
            m_io.err(CredentialText::tr("rolldeck credential: the keychain did not answer within a minute\n"));
            finish(CredentialCommand::Error);
        });
        QCoreApplication::exec();
        return m_code;
    }

    void finish(int code)
    {
        m_code = code;
        QCoreApplication::exit(code);
    }

private:
    CommandIo m_io;
    int m_code = CredentialCommand::Error;
};

// `set NAME`: the secret from standard input into the keychain.
int setEntry(const QString &name, const CommandIo &io)
{
    SecretStore store(nullptr);
    Runner runner(io);
    QByteArray secret =
        readSecretInput(io, CredentialText::tr("Secret for keychain entry \"%1\" (not shown): ").arg(name));
    if (secret.isEmpty()) {
        io.err(CredentialText::tr("rolldeck credential: no secret on standard input; nothing stored\n"));
        return CredentialCommand::Error;
    }
    const int code = runner.exec([&] {
        store.write(name, secret, &runner, [&](const SecretReply &reply) {
            wipe(secret);
            if (!reply.ok()) {
                io.err(QStringLiteral("rolldeck credential: ") + reply.message() + u'\n');
                runner.finish(CredentialCommand::Error);
                return;
            }
            io.out(CredentialText::tr("Stored keychain entry \"%1\".\n").arg(name));
            runner.finish(CredentialCommand::Ok);
        });
    });
    wipe(secret);
    return code;
}

// `delete NAME`.
int deleteEntry(const QString &name, const CommandIo &io)
{
    SecretStore store(nullptr);
    Runner runner(io);
    // The Secret Service deletes an absent entry without complaint: read first to say there was none.
    const auto onRemoved = [&](const SecretReply &reply) {
        if (!reply.ok()) {
            io.err(QStringLiteral("rolldeck credential: ") + reply.message() + u'\n');
            runner.finish(CredentialCommand::Error);
            return;
        }
        io.out(CredentialText::tr("Deleted keychain entry \"%1\".\n").arg(name));
        runner.finish(CredentialCommand::Ok);
    };
    return runner.exec([&] {
        store.read(name, &runner, [&](const SecretReply &found) {
            QByteArray value = found.secret;
            wipe(value);
            if (found.error == SecretReply::Error::Missing) {
                io.err(CredentialText::tr("rolldeck credential: the keychain has no entry \"%1\"\n").arg(name));
                runner.finish(CredentialCommand::Missing);
            } else if (!found.ok()) {
                io.err(QStringLiteral("rolldeck credential: ") + found.message() + u'\n');
                runner.finish(CredentialCommand::Error);
            } else {
                store.remove(name, &runner, onRemoved);
            }
        });
    });
}

// `check`: each keychain reference of the workspace at `path`, present or not.
int checkEntries(const Workspace &workspace, const QString &path, const CommandIo &io)
{
    WorkspaceSecrets secrets;
    Runner runner(io);
    QObject::connect(&secrets, &WorkspaceSecrets::checked, &runner, [&](const QList<CredentialStatus> &statuses) {
        if (statuses.isEmpty()) {
            io.out(CredentialText::tr("The workspace %1 refers to no keychain entries.\n").arg(path));
            runner.finish(CredentialCommand::Ok);
            return;
        }
        secrets.forget(); // check only: the values are not needed here
        const QStringList header{CredentialText::tr("ENVIRONMENT"), CredentialText::tr("ENDPOINT"),
                                 CredentialText::tr("KEYCHAIN ENTRY"), CredentialText::tr("STATE")};
        QList<QStringList> rows;
        for (const CredentialStatus &s : statuses) {
            rows.append({s.reference.environment, s.reference.endpointText(),
                         QStringLiteral("keychain:") + s.reference.ref.key, stateText(s)});
        }
        QList<qsizetype> widths(header.size(), 0);
        for (const QStringList &row : rows + QList<QStringList>{header}) {
            for (qsizetype c = 0; c < row.size(); ++c)
                widths[c] = std::max(widths[c], row.at(c).size());
        }
        for (const QStringList &row : QList<QStringList>{header} + rows) {
            QString line;
            for (qsizetype c = 0; c + 1 < row.size(); ++c)
                line += padded(row.at(c), widths[c]);
            io.out(line + row.last() + u'\n');
        }
        int code = CredentialCommand::Ok;
        for (const CredentialStatus &s : statuses) {
            if (s.present())
                continue;
            io.err(s.problem() + u'\n');
            if (s.error == SecretReply::Error::Missing)
                code = std::max<int>(code, CredentialCommand::Missing);
            else
                code = CredentialCommand::Error;
        }
        runner.finish(code);
    });
    return runner.exec([&] { secrets.check(workspace); });
}

} // namespace

int CredentialCommand::run(const QStringList &arguments, const CommandIo &io)
{
    if (arguments.value(0) == QLatin1String("argocd"))
        return ArgoCdCredentialCommand::run(arguments.mid(1), io);
    QCommandLineParser parser;
    parser.setApplicationDescription(CredentialText::tr(
        "Keep the secrets the workspace refers to (credential: keychain:NAME) in the OS keychain.\n"
        "  set NAME     store a secret read from standard input (never from the command line)\n"
        "  delete NAME  remove it\n"
        "  check        say for each keychain reference of the workspace whether it is present\n"
        "  argocd login|logout|status   an Argo CD token for a server (see: credential argocd --help)"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("command"), CredentialText::tr("set, delete or check."),
                                 QStringLiteral("set|delete|check"));
    parser.addPositionalArgument(QStringLiteral("name"), CredentialText::tr("The keychain entry (set and delete)."),
                                 QStringLiteral("[NAME]"));
    const QCommandLineOption workspaceOpt(
        QStringLiteral("workspace"),
        CredentialText::tr("The workspace file to check (default: %1).").arg(defaultWorkspacePath()),
        QStringLiteral("file"));
    parser.addOption(workspaceOpt);

    QStringList argv = arguments;
    argv.prepend(QStringLiteral("rolldeck credential"));
    if (!parser.parse(argv)) {
        io.err(QStringLiteral("rolldeck credential: ") + parser.errorText() + u'\n');
        return Error;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        io.out(parser.helpText());
        return Ok;
    }
    const QStringList positional = parser.positionalArguments();
    const QString command = positional.value(0);
    if (command == QLatin1String("set") || command == QLatin1String("delete")) {
        if (positional.size() != 2) {
            io.err(CredentialText::tr("rolldeck credential: %1 needs exactly one NAME (the secret itself is read from "
                                      "standard input)\n")
                       .arg(command));
            return Error;
        }
        if (parser.isSet(workspaceOpt)) {
            io.err(CredentialText::tr("rolldeck credential: --workspace goes with check only\n"));
            return Error;
        }
        const QString name = positional.at(1);
        if (!isKeychainKey(name)) {
            io.err(CredentialText::tr(
                       "rolldeck credential: \"%1\" is not a keychain entry name (letters, digits and . _ / @ "
                       "-)\n")
                       .arg(name));
            return Error;
        }
        return command == QLatin1String("set") ? setEntry(name, io) : deleteEntry(name, io);
    }
    if (command != QLatin1String("check")) {
        io.err(command.isEmpty()
                   ? CredentialText::tr("rolldeck credential: say set, delete or check\n")
                   : CredentialText::tr("rolldeck credential: unknown command \"%1\" (set, delete or check)\n")
                         .arg(command));
        return Error;
    }
    if (positional.size() > 1) {
        io.err(CredentialText::tr("Unexpected argument: %1\n").arg(positional.at(1)));
        return Error;
    }

    const QString path = parser.isSet(workspaceOpt) ? parser.value(workspaceOpt) : defaultWorkspacePath();
    if (!parser.isSet(workspaceOpt) && !QFileInfo::exists(path)) {
        io.out(CredentialText::tr("No workspace file at %1: there are no keychain references to check.\n").arg(path));
        return Ok;
    }
    const Result<Workspace> workspace = loadWorkspace(path);
    if (!workspace) {
        io.err(workspace.error() + u'\n');
        return Error;
    }

    return checkEntries(*workspace, path, io);
}

} // namespace rolldeck
