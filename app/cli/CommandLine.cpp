#include "CommandLine.h"

#include "InspectCommand.h"
#include "MainWindow.h"
#include "RolloutListModel.h"
#include "kube/FleetConnections.h"
#include "kube/Kubeconfig.h"

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
    const QCommandLineOption kubeconfigOption(
        QStringLiteral("kubeconfig"), QCoreApplication::translate("CommandLine", "Path to the kubeconfig file to use."),
        QCoreApplication::translate("CommandLine", "file"));
    parser.addOption(kubeconfigOption);
    parser.process(app);

    // The composition root owns the models; the list+watch caches of every kubeconfig context fill them.
    // Destruction runs in reverse: the window, then the connections, then the model they fed.
    RolloutListModel rollouts;
    kube::FleetConnections fleet(&rollouts);
    if (!parser.isSet(demo)) {
        const kube::Kubeconfig kubeconfig = kube::loadKubeconfig(parser.value(kubeconfigOption));
        for (const kube::KubeconfigProblem &problem : kubeconfig.problems)
            qWarning().noquote() << "kubeconfig:" << problem.toString();
        fleet.connectAll(kubeconfig.contexts);
    }
    MainWindow window;
    window.setRolloutModel(&rollouts);
    window.setHasClusters(!fleet.contexts().isEmpty());
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

} // namespace

int runCommandLine(int argc, char *argv[])
{
    if (argc > 1 && std::strcmp(argv[1], "inspect") == 0)
        return runInspect(argc, argv);
    return runGui(argc, argv);
}

} // namespace rolldeck
