#include "CommandLine.h"

#include "InspectCommand.h"
#include "StatusCommand.h"
#include "MainWindow.h"
#include "console/Connections.h"
#include "console/RolloutDetailController.h"
#include "demo/DemoCluster.h"
#include "kube/Kubeconfig.h"
#include "RolloutDetailModel.h"
#include "RolloutListModel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
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
    parser.addOptions({demo, scenario, speed, kubeconfig, context, rollout});
    parser.process(app);

    bool speedOk = false;
    const double speedFactor = parser.value(speed).toDouble(&speedOk);
    if (!speedOk || speedFactor <= 0) {
        fputs(qPrintable(QCoreApplication::translate("CommandLine", "rolldeck: --speed needs a positive number\n")),
              stderr);
        return 2;
    }

    // The composition root owns the models; the caches in app/kube fill them.
    RolloutListModel rollouts;
    MainWindow window;
    window.setRolloutModel(&rollouts);
    Connections live(&rollouts);
    // One rollout's detail, watched on demand while it is open.
    RolloutDetailModel detailModel;
    window.setRolloutDetailModel(&detailModel);
    RolloutDetailController detail(&live, &detailModel);
    QObject::connect(&window, &MainWindow::rolloutDetailRequested, &detail, &RolloutDetailController::open);
    QObject::connect(&window, &MainWindow::rolloutDetailClosed, &detail, &RolloutDetailController::close);
    QObject::connect(&live, &Connections::contextFailed, &window, [&window](const QString &ctx, const QString &why) {
        window.showProblem(QCoreApplication::translate("CommandLine", "Cannot connect to %1: %2").arg(ctx, why));
    });

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
        // The demo runs faster than the wall clock: the detail's ages and pause remaining follow its time.
        detail.setClock([cluster] {
            const QDateTime now = cluster->clusterNow();
            return now.isValid() ? now : QDateTime::currentDateTimeUtc();
        });
        window.setConnectionNotice(QCoreApplication::translate("CommandLine", "Starting the demo cluster…"));
        QObject::connect(cluster, &DemoCluster::started, &window, [&window, &live, openRequested](const QString &path) {
            const kube::Kubeconfig config = kube::loadKubeconfigFiles({path});
            const kube::ClusterConfig *ctx = config.context(QStringLiteral("rolldeck-demo"));
            if (!ctx) {
                window.showProblem(
                    QCoreApplication::translate("CommandLine", "The demo cluster wrote no usable kubeconfig."));
                return;
            }
            window.setHasClusters(live.addContext(*ctx));
            window.setConnectionNotice(
                QCoreApplication::translate("CommandLine", "Demo cluster at %1").arg(ctx->server.toDisplayString()));
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
    } else {
        const kube::Kubeconfig config = kube::loadKubeconfig(parser.value(kubeconfig));
        const QStringList wanted = parser.values(context);
        QStringList problems;
        for (const kube::KubeconfigProblem &problem : config.problems)
            problems << problem.toString();
        bool any = false;
        QString first;
        for (const kube::ClusterConfig &ctx : config.contexts) {
            if (!wanted.isEmpty() && !wanted.contains(ctx.contextName))
                continue;
            const bool added = live.addContext(ctx);
            if (added && first.isEmpty())
                first = ctx.contextName;
            any = added || any;
        }
        window.setHasClusters(any);
        openRequested(first);
        if (!problems.isEmpty())
            window.showProblem(problems.join(QStringLiteral("; ")));
    }

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
