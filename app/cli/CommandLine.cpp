#include "CommandLine.h"

#include "MainWindow.h"

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

    MainWindow window;
    window.show();
    return app.exec();
}

} // namespace

int runCommandLine(int argc, char *argv[])
{
    return runGui(argc, argv);
}

} // namespace rolldeck
