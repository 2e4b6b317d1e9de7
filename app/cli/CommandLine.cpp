#include "CommandLine.h"

#include "ActionCommand.h"
#include "AuditCommand.h"
#include "Command.h"
#include "CredentialCommand.h"
#include "InspectCommand.h"
#include "JudgeCommand.h"
#include "StatusCommand.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <cstring>

namespace rolldeck {

namespace {

// Every subcommand. Each parses its own options; this file only finds it.
constexpr Command kCommands[] = {
    {"inspect", &InspectCommand::run},    {"status", &StatusCommand::run},      {"credential", &CredentialCommand::run},
    {"promote", &ActionCommand::promote}, {"abort", &ActionCommand::abort},     {"retry", &ActionCommand::retry},
    {"undo", &ActionCommand::undo},       {"restart", &ActionCommand::restart}, {"pause", &ActionCommand::pause},
    {"audit", &AuditCommand::run},        {"judge", &JudgeCommand::run},
};

const Command *findCommand(const char *name)
{
    for (const Command &command : kCommands) {
        if (std::strcmp(command.name, name) == 0)
            return &command;
    }
    return nullptr;
}

int runCommand(const Command &command, int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    setApplicationIdentity();
    installTranslators(app);
    QStringList arguments = QCoreApplication::arguments();
    arguments.remove(0, 2); // program name, command name
    return command.run(arguments, CommandIo(stdin, stdout, stderr));
}

} // namespace

void CommandIo::write(FILE *file, const QString &text)
{
    write(file, text.toUtf8());
}

void CommandIo::write(FILE *file, const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), file);
    std::fflush(file);
}

void setApplicationIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Rolldeck"));
    QCoreApplication::setApplicationName(QStringLiteral("rolldeck"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ROLLDECK_VERSION));
}

void installTranslators(QCoreApplication &app)
{
    auto *translator = new QTranslator(&app);
    if (translator->load(QLocale(), QStringLiteral("rolldeck"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(translator);
    // Qt's own strings (--help's "Usage:"/"Options:", dialog buttons, context menus) in the same language.
    auto *qtTranslator = new QTranslator(&app);
    if (qtTranslator->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qtTranslator);
}

int runCommandLine(int argc, char *argv[], ConsoleEntry console)
{
    if (argc > 1) {
        if (const Command *command = findCommand(argv[1]))
            return runCommand(*command, argc, argv);
    }
    return console(argc, argv);
}

} // namespace rolldeck
