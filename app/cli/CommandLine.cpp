#include "CommandLine.h"

#include "CredentialCommand.h"
#include "InspectCommand.h"
#include "StatusCommand.h"
#include "MainWindow.h"
#include "console/Connections.h"
#include "console/RolloutDetailController.h"
#include "demo/DemoCluster.h"
#include "demo/DemoWorkspace.h"
#include "kube/Kubeconfig.h"
#include "console/EnvironmentSetup.h"
#include "console/WorkspaceProblems.h"
#include "secrets/WorkspaceSecrets.h"
#include "workspace/Workspace.h"
#include "RolloutDetailModel.h"
#include "RolloutFilterProxyModel.h"
#include "RolloutListModel.h"
#include "PresenterBoard.h"
#include "RolloutsPanel.h"
#include "Theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTimer>
#include <QTranslator>

#include <cstdio>
#include <cstring>
#include <memory>

namespace rolldeck {

namespace {

void installTranslator(QCoreApplication &app)
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

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Rolldeck"));
    QCoreApplication::setApplicationName(QStringLiteral("rolldeck"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ROLLDECK_VERSION));
}

// The environments decide what is connected (EnvironmentSetup); problems with the workspace are shown in the
// window (its keychain references are checked in the background) and the console still starts. Returns whether any
// context is connected.
bool connectEnvironments(WorkspaceProblems &problems, Connections &live, const kube::Kubeconfig &kubeconfig,
                         const QString &workspacePath, const QStringList &onlyContexts)
{
    const EnvironmentSetup setup = setupEnvironments(kubeconfig, workspacePath, onlyContexts);
    problems.show(setup);
    live.setSetup(setup, kubeconfig);
    return live.showEnvironments();
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
    const QCommandLineOption scenario(
        QStringLiteral("scenario"),
        QCoreApplication::translate("CommandLine", "Demo scenario: a built-in name or a YAML file (with --demo)."),
        QStringLiteral("name"), QStringLiteral("default"));
    const QCommandLineOption speed(
        QStringLiteral("speed"),
        QCoreApplication::translate("CommandLine", "Demo time acceleration, e.g. 60: a 30-minute pause lasts 30 s."),
        QStringLiteral("factor"), QStringLiteral("1"));
    const QCommandLineOption kubeconfig(QStringLiteral("kubeconfig"),
                                        QCoreApplication::translate("CommandLine", "The kubeconfig file to use."),
                                        QStringLiteral("file"));
    const QCommandLineOption context(
        QStringLiteral("context"),
        QCoreApplication::translate("CommandLine", "Connect only to this kubeconfig context (repeatable)."),
        QStringLiteral("name"));
    const QCommandLineOption rollout(
        QStringLiteral("rollout"),
        QCoreApplication::translate(
            "CommandLine", "Open this rollout's detail at start: [context/]namespace/name (the demo cluster or "
                           "the first context when none is given)."),
        QStringLiteral("rollout"));
    const QCommandLineOption workspace(
        QStringLiteral("workspace"),
        QCoreApplication::translate("CommandLine",
                                    "The workspace file: environments, their contexts and namespaces, and policy "
                                    "(default: %1 if it exists; else every kubeconfig context is an environment).")
            .arg(defaultWorkspacePath()),
        QStringLiteral("file"));
    const QCommandLineOption present(
        QStringLiteral("present"),
        QCoreApplication::translate("CommandLine",
                                    "Start in presenter mode: a full-screen board of every environment."));
    // For the pictures in docs/screenshots: save the window (and the presenter board) after some seconds, then quit.
    QCommandLineOption screenshot(QStringLiteral("screenshot"), QStringLiteral("Save a picture of the window."),
                                  QStringLiteral("file"));
    screenshot.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption screenshotAfter(QStringLiteral("screenshot-after"), QStringLiteral("Seconds to wait."),
                                       QStringLiteral("seconds"), QStringLiteral("8"));
    screenshotAfter.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption screenshotSize(QStringLiteral("screenshot-size"), QStringLiteral("WxH of the window."),
                                      QStringLiteral("size"), QStringLiteral("1440x900"));
    screenshotSize.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({demo, scenario, speed, kubeconfig, context, workspace, rollout, present, screenshot,
                       screenshotAfter, screenshotSize});
    parser.process(app);

    bool speedOk = false;
    const double speedFactor = parser.value(speed).toDouble(&speedOk);
    if (!speedOk || speedFactor <= 0) {
        fputs(qPrintable(QCoreApplication::translate("CommandLine", "rolldeck: --speed needs a positive number\n")),
              stderr);
        return 2;
    }

    // Light or dark as the desktop is (ROLLDECK_THEME=dark|light overrides).
    applyTheme(app);
    // The composition root owns the models; the caches in app/kube fill them.
    RolloutListModel rollouts;
    MainWindow window;
    if (!parser.isSet(screenshot))
        window.restoreLayout();
    window.setRolloutModel(&rollouts);
    Connections live(&rollouts);
    // The workspace's secrets, read from the keychain in the background and kept in memory for the clients.
    WorkspaceSecrets secrets;
    WorkspaceProblems workspaceProblems(&window, &secrets);
    // One rollout's detail, watched on demand while it is open.
    RolloutDetailModel detailModel;
    window.setRolloutDetailModel(&detailModel);
    RolloutDetailController detail(&live, &detailModel);
    QObject::connect(&window, &MainWindow::rolloutDetailRequested, &detail, &RolloutDetailController::open);
    QObject::connect(&window, &MainWindow::rolloutDetailClosed, &detail, &RolloutDetailController::close);
    QObject::connect(&live, &Connections::contextFailed, &window, [&window](const QString &ctx, const QString &why) {
        window.showProblem(QCoreApplication::translate("CommandLine", "Cannot connect to %1: %2").arg(ctx, why));
    });
    // Every environment stays watched when one is chosen: the environments sidebar shows the health of all of them.
    // What is watched, said in the window; another identity for a cluster, or every namespace, on request.
    QObject::connect(&live, &Connections::watchScopeChanged, &window,
                     [&window, &live] { window.setWatchScope(live.watchScope()); });
    QObject::connect(&window, &MainWindow::identityRequested, &live, &Connections::useIdentity);
    QObject::connect(&window, &MainWindow::watchAllNamespacesRequested, &live, &Connections::watchAllNamespaces);
    const QString workspacePath = parser.value(workspace);

    // --rollout: the detail to open once its cluster is connected.
    const QStringList rolloutPath = parser.value(rollout).split(u'/');
    if (parser.isSet(rollout) &&
        (rolloutPath.size() < 2 || rolloutPath.size() > 3 || rolloutPath.contains(QString()))) {
        fputs(qPrintable(
                  QCoreApplication::translate("CommandLine", "rolldeck: --rollout needs [context/]namespace/name\n")),
              stderr);
        return 2;
    }
    const auto openRequested = [&window, &rolloutPath](const QString &connectedContext) {
        if (rolloutPath.size() < 2)
            return;
        const QString ctx = rolloutPath.size() == 3 ? rolloutPath.first() : connectedContext;
        if (!ctx.isEmpty())
            window.openRolloutDetail(ctx, rolloutPath.at(rolloutPath.size() - 2), rolloutPath.last());
    };

    std::unique_ptr<DemoCluster> demoCluster;
    if (parser.isSet(demo)) {
        demoCluster = std::make_unique<DemoCluster>();
        DemoCluster *cluster = demoCluster.get();
        window.setConnectionNotice(QCoreApplication::translate("CommandLine", "Starting the demo cluster…"));
        QObject::connect(
            cluster, &DemoCluster::started, &window,
            [&window, &live, &workspaceProblems, workspacePath, openRequested](const QString &path) {
                const kube::Kubeconfig config = kube::loadKubeconfigFiles({path});
                const kube::ClusterConfig *ctx = config.context(QStringLiteral("rolldeck-demo"));
                if (!ctx) {
                    window.showProblem(
                        QCoreApplication::translate("CommandLine", "The demo cluster wrote no usable kubeconfig."));
                    return;
                }
                // Only an explicit workspace applies to the demo (its context is "rolldeck-demo"); the
                // default workspace file describes the user's real clusters.
                // Without one, the demo's own environments (its four namespaces): the sidebar and the presenter board
                // show them as environments, and the read-only context is offered as another identity.
                if (workspacePath.isEmpty()) {
                    live.setSetup(setupFromWorkspace(demoWorkspace(), config), config);
                    window.setHasClusters(live.showEnvironments());
                } else
                    window.setHasClusters(connectEnvironments(workspaceProblems, live, config, workspacePath, {}));
                window.setConnectionNotice(QCoreApplication::translate("CommandLine", "Demo cluster at %1")
                                               .arg(ctx->server.toDisplayString()));
                openRequested(ctx->contextName);
            });
        QObject::connect(cluster, &DemoCluster::failed, &window, [&window](const QString &why) {
            window.setConnectionNotice(QString());
            window.showProblem(why);
        });
        QObject::connect(cluster, &DemoCluster::prometheusReady, &window, [&window](const QUrl &url) {
            window.setConnectionNotice(
                QCoreApplication::translate("CommandLine", "Demo cluster · metrics from Prometheus at %1")
                    .arg(url.toDisplayString()));
        });
        QObject::connect(cluster, &DemoCluster::chartsUnavailable, &window, [&window](const QString &why) {
            window.setConnectionNotice(
                QCoreApplication::translate("CommandLine", "Demo cluster · charts unavailable: %1").arg(why));
        });
        DemoCluster::Options options;
        options.scenario = parser.value(scenario);
        options.speed = speedFactor;
        cluster->start(options);
        // The demo's timestamps are wall time and its durations run --speed times faster (docs/simulator.md,
        // "Time"): ages need no help, a timed pause's remaining time is its duration divided by the speed.
        detail.setTimeScale(cluster->timeScale());
    } else {
        const kube::Kubeconfig config = kube::loadKubeconfig(parser.value(kubeconfig));
        QStringList problems;
        for (const kube::KubeconfigProblem &problem : config.problems)
            problems << problem.toString();
        window.setHasClusters(
            connectEnvironments(workspaceProblems, live, config, workspacePath, parser.values(context)));
        // --rollout without a context: the kubeconfig's current context if connected, else the first one.
        QStringList connected = live.contexts();
        connected.sort();
        openRequested(connected.contains(config.currentContext) ? config.currentContext : connected.value(0));
        if (!problems.isEmpty())
            window.showProblem(problems.join(QStringLiteral("; ")));
    }

    if (parser.isSet(screenshot)) {
        const QStringList size = parser.value(screenshotSize).split(u'x');
        window.resize(size.value(0).toInt(), size.value(1).toInt());
    }
    window.show();
    if (parser.isSet(present))
        window.showPresenter();
    if (parser.isSet(screenshot)) {
        const QString file = parser.value(screenshot);
        QTimer::singleShot(int(parser.value(screenshotAfter).toDouble() * 1000), &window, [&window, file] {
            QWidget *shown = window.presenter() && window.presenter()->isVisible()
                                 ? static_cast<QWidget *>(window.presenter())
                                 : &window;
            if (!shown->grab().save(file))
                fputs(qPrintable(QStringLiteral("rolldeck: cannot write %1\n").arg(file)), stderr);
            QCoreApplication::quit();
        });
    }
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

int runCredential(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    setIdentity();
    installTranslator(app);
    QStringList arguments = QCoreApplication::arguments();
    arguments.remove(0, 2); // program name, "credential"
    return CredentialCommand::run(arguments, stdin, stdout, stderr);
}

} // namespace

int runCommandLine(int argc, char *argv[])
{
    if (argc > 1 && std::strcmp(argv[1], "inspect") == 0)
        return runInspect(argc, argv);
    if (argc > 1 && std::strcmp(argv[1], "status") == 0)
        return runStatus(argc, argv);
    if (argc > 1 && std::strcmp(argv[1], "credential") == 0)
        return runCredential(argc, argv);
    return runGui(argc, argv);
}

} // namespace rolldeck
