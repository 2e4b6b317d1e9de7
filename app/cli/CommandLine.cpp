#include "CommandLine.h"

#include "InspectCommand.h"
#include "StatusCommand.h"
#include "MainWindow.h"
#include "RolloutListModel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <cstring>

namespace rolldeck {

namespace {

void installTranslator(QCoreApplication &app)
{
    auto *translator = new QTranslator(&app);
    if (translator->load(QLocale(), QStringLiteral("rolldeck"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(translator);
}

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Rolldeck"));
    QCoreApplication::setApplicationName(QStringLiteral("rolldeck"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ROLLDECK_VERSION));
}

int runGui(int argc, char *argv[])
{
    QApplication app(argc, argv);
    setIdentity();
    installTranslator(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("CommandLine", "Rolldeck: a console for progressive delivery on Kubernetes."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QCoreApplication::translate("CommandLine", "Run on the embedded demo cluster."));
    parser.addOption(demo);
    parser.process(app);

    // The composition root owns the models; the caches in app/kube fill them (no cluster yet: empty state).
    RolloutListModel rollouts;
    MainWindow window;
    window.setRolloutModel(&rollouts);
    window.show();
    return app.exec();
}

// Subcommands that need no display run on a QCoreApplication.
int runInspect(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    setIdentity();
    installTranslator(app);
    QStringList arguments = QCoreApplication::arguments();
    arguments.remove(0, 2); // program name, "inspect"
    return InspectCommand::run(arguments, stdout, stderr);
}

int runStatus(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    setIdentity();
    installTranslator(app);
    QStringList arguments = QCoreApplication::arguments();
    arguments.remove(0, 2); // program name, "status"
    return StatusCommand::run(arguments, stdout, stderr);
}

} // namespace

int runCommandLine(int argc, char *argv[])
{
    if (argc > 1 && std::strcmp(argv[1], "inspect") == 0)
        return runInspect(argc, argv);
    if (argc > 1 && std::strcmp(argv[1], "status") == 0)
        return runStatus(argc, argv);
    return runGui(argc, argv);
}

} // namespace rolldeck
