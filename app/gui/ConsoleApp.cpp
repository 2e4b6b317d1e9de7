#include "gui/ConsoleApp.h"

#include "ui/MainWindow.h"
#include "models/itemmodels/RolloutDetailModel.h"
#include "models/itemmodels/RolloutFilterProxyModel.h"
#include "models/itemmodels/RolloutListModel.h"
#include "ui/RolloutDetailPanel.h"
#include "ui/RolloutsPanel.h"
#include "ui/PresenterBoard.h"
#include "ui/Theme.h"
#include "cli/CommandLine.h"
#include "console/Connections.h"
#include "console/EnvironmentSetup.h"
#include "console/RolloutDetailController.h"
#include "demo/DemoCluster.h"
#include "argocd/ArgoCdCredentials.h"
#include "gui/ArgoCdConnector.h"
#include "gui/ArgoCdController.h"
#include "gui/ConnectionsController.h"
#include "demo/DemoWorkspace.h"
#include "gui/ActionController.h"
#include "guard/AlertsFeed.h"
#include "guard/RollbackGuard.h"
#include "models/guard/AlertListModel.h"
#include "models/itemmodels/AttentionAlerts.h"
#include "ui/AlertsPanel.h"
#include "ui/CanaryJudgeSection.h"
#include "ui/ExperimentsView.h"
#include "ui/GuardSection.h"
#include "gui/PerfProbe.h"
#include "abtest/ExperimentsController.h"
#include "gui/AuditController.h"
#include "metrics/DashboardController.h"
#include "metrics/MetricsController.h"
#include "models/charts/MetricChartModel.h"
#include "ui/charts/MetricsPanel.h"
#include "ui/AuditView.h"
#include "gui/WorkspaceProblems.h"
#include "audit/AuditLog.h"
#include "console/StartupNotices.h"
#include "kube/Kubeconfig.h"
#include "models/argo/KubeNames.h"
#include "secrets/WorkspaceSecrets.h"
#include "workspace/Workspace.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDockWidget>
#include <QFile>
#include <QLoggingCategory>
#include <QPointer>
#include <QStatusBar>
#include <QThread>
#include <QTreeView>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimer>

#include <cstdio>
#include <ctime>
#include <cstring>
#include <memory>
#include <optional>

#include <unistd.h>

namespace rolldeck {

namespace {

// The translation context these strings had when they lived in the command line, kept so their translations stay.
struct ConsoleText
{
    Q_DECLARE_TR_FUNCTIONS(CommandLine)
};

struct ConsoleOptions
{
    bool demo = false;
    QString scenario;
    double speed = 1;
    QString kubeconfig;
    QStringList contexts;
    QString workspace;
    QStringList rolloutPath;      // --rollout split at '/': empty, or [context,] namespace, name
    bool present = false;         // --present: open the presenter board
    bool showAudit = false;       // --show-audit (hidden): open the audit log's window (for its screenshot)
    bool showMetrics = false;     // --show-metrics (hidden): the detail opens on its Metrics tab
    bool showDashboard = false;   // --show-dashboard (hidden): open the deployment dashboard
    bool showExperiments = false; // --show-experiments (hidden): open the Experiments view
    bool showConnections = false; // --show-connections (hidden): open View › Connections
    QString screenshot; // --screenshot FILE (hidden): save the window after screenshotAfter seconds, then quit
    double screenshotAfter = 8;
    QSize screenshotSize{1440, 900};
};

// Whether QApplication will find a display: without one, Qt's xcb plugin aborts the process (exit 134) before a
// line of ours runs. Only the platforms that need a display server are checked; offscreen, vnc, eglfs and the like
// need none.
bool displayAvailable(int argc, char *argv[])
{
    QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "-platform") == 0 || std::strcmp(argv[i], "--platform") == 0)
            platform = argv[i + 1];
    }
    const bool x11 = !qEnvironmentVariableIsEmpty("DISPLAY");
    const bool wayland = !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
    if (platform.isEmpty())
        return x11 || wayland;
    // "name[:options]", several separated by ';' are tried in order.
    for (const QByteArray &entry : platform.split(';')) {
        const QByteArray name = entry.split(':').constFirst();
        if (name == "xcb" ? x11 : name.startsWith("wayland") ? wayland : !name.isEmpty())
            return true;
    }
    return false;
}

// The console needs a QApplication, which needs a display; --help, --version and a wrong option do not, and get a
// QCoreApplication when there is no display, so they work on a headless machine too.
std::unique_ptr<QCoreApplication> createApplication(int &argc, char *argv[])
{
    if (displayAvailable(argc, argv))
        return std::make_unique<QApplication>(argc, argv);
    return std::make_unique<QCoreApplication>(argc, argv);
}

// The console's options; an exit status instead when they are wrong (--help and --version exit in process()).
std::optional<ConsoleOptions> parseOptions(const QCoreApplication &app, int *exitCode)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(ConsoleText::tr("Rolldeck: a console for progressive delivery on Kubernetes."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"), ConsoleText::tr("Run on the embedded demo cluster."));
    const QCommandLineOption scenario(QStringLiteral("scenario"),
                                      ConsoleText::tr("Demo scenario: a built-in name or a YAML file (with --demo)."),
                                      QStringLiteral("name"), QStringLiteral("default"));
    const QCommandLineOption speed(QStringLiteral("speed"),
                                   ConsoleText::tr("Demo time acceleration, e.g. 60: a 30-minute pause lasts 30 s."),
                                   QStringLiteral("factor"), QStringLiteral("1"));
    const QCommandLineOption kubeconfig(QStringLiteral("kubeconfig"), ConsoleText::tr("The kubeconfig file to use."),
                                        QStringLiteral("file"));
    const QCommandLineOption context(QStringLiteral("context"),
                                     ConsoleText::tr("Connect only to this kubeconfig context (repeatable)."),
                                     QStringLiteral("name"));
    const QCommandLineOption rollout(
        QStringLiteral("rollout"),
        ConsoleText::tr("Open this rollout's detail at start: [context/]namespace/name (the demo cluster or "
                        "the first context when none is given)."),
        QStringLiteral("rollout"));
    const QCommandLineOption workspace(
        QStringLiteral("workspace"),
        ConsoleText::tr("The workspace file: environments, their contexts and namespaces, and policy "
                        "(default: %1 if it exists; else every kubeconfig context is an environment).")
            .arg(defaultWorkspacePath()),
        QStringLiteral("file"));
    const QCommandLineOption present(
        QStringLiteral("present"),
        ConsoleText::tr("Start in presenter mode: a full-screen board of every environment."));
    // For the pictures in docs/screenshots: save the window (or the presenter board) after some seconds, then quit.
    QCommandLineOption screenshot(QStringLiteral("screenshot"), QStringLiteral("Save a picture of the window."),
                                  QStringLiteral("file"));
    screenshot.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption screenshotAfter(QStringLiteral("screenshot-after"), QStringLiteral("Seconds to wait."),
                                       QStringLiteral("seconds"), QStringLiteral("8"));
    screenshotAfter.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption screenshotSize(QStringLiteral("screenshot-size"), QStringLiteral("WxH of the window."),
                                      QStringLiteral("size"), QStringLiteral("1440x900"));
    screenshotSize.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption showAudit(QStringLiteral("show-audit"), QStringLiteral("Open the audit log's window."));
    showAudit.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption showMetrics(QStringLiteral("show-metrics"), QStringLiteral("Open the detail's Metrics tab."));
    showMetrics.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption showDashboard(QStringLiteral("show-dashboard"),
                                     QStringLiteral("Open the deployment dashboard."));
    showDashboard.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption showExperiments(QStringLiteral("show-experiments"),
                                       QStringLiteral("Open the Experiments view."));
    showExperiments.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption showConnections(QStringLiteral("show-connections"),
                                       QStringLiteral("Open the Connections settings page."));
    showConnections.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({demo, scenario, speed, kubeconfig, context, workspace, rollout, present, screenshot,
                       screenshotAfter, screenshotSize, showAudit, showMetrics, showDashboard, showExperiments,
                       showConnections});
    parser.process(app);
    if (!qobject_cast<const QApplication *>(&app)) {
        fputs(qPrintable(ConsoleText::tr(
                  "rolldeck: no display to open the console on (DISPLAY and WAYLAND_DISPLAY are not set); "
                  "run it on a desktop, under xvfb-run, or with QT_QPA_PLATFORM=offscreen. inspect, "
                  "status and credential need no display.\n")),
              stderr);
        *exitCode = 1;
        return std::nullopt;
    }

    ConsoleOptions options;
    bool speedOk = false;
    options.speed = parser.value(speed).toDouble(&speedOk);
    if (!speedOk || options.speed <= 0) {
        fputs(qPrintable(ConsoleText::tr("rolldeck: --speed needs a positive number\n")), stderr);
        *exitCode = 2;
        return std::nullopt;
    }
    options.rolloutPath = parser.isSet(rollout) ? parser.value(rollout).split(u'/') : QStringList();
    if (parser.isSet(rollout) &&
        (options.rolloutPath.size() < 2 || options.rolloutPath.size() > 3 || options.rolloutPath.contains(QString()) ||
         !isDns1123Label(options.rolloutPath.at(options.rolloutPath.size() - 2)) ||
         !isDns1123Subdomain(options.rolloutPath.last()))) {
        fputs(qPrintable(ConsoleText::tr("rolldeck: --rollout needs [context/]namespace/name\n")), stderr);
        *exitCode = 2;
        return std::nullopt;
    }
    options.demo = parser.isSet(demo);
    options.scenario = parser.value(scenario);
    options.kubeconfig = parser.value(kubeconfig);
    options.contexts = parser.values(context);
    options.workspace = parser.value(workspace);
    options.present = parser.isSet(present);
    options.showAudit = parser.isSet(showAudit);
    options.showMetrics = parser.isSet(showMetrics);
    options.showDashboard = parser.isSet(showDashboard);
    options.showExperiments = parser.isSet(showExperiments);
    options.showConnections = parser.isSet(showConnections);
    options.screenshot = parser.value(screenshot);
    options.screenshotAfter = parser.value(screenshotAfter).toDouble();
    const QStringList size = parser.value(screenshotSize).split(u'x');
    options.screenshotSize = QSize(size.value(0).toInt(), size.value(1).toInt());
    return options;
}

// Milliseconds since this process started (/proc/self/stat's start time against CLOCK_BOOTTIME; 10 ms steps).
qint64 msSinceProcessStart()
{
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    // The fields after the command name (which may hold spaces) start after its closing parenthesis.
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 20)
        return -1;
    const qint64 startTicks = fields.at(19).toLongLong(); // field 22, starttime
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    const qint64 ticksPerSecond = sysconf(_SC_CLK_TCK);
    return qint64(now.tv_sec) * 1000 + now.tv_nsec / 1000000 - startTicks * 1000 / ticksPerSecond;
}

// Where the start-up time goes: "start: <stage> after N ms" (rolldeck.perf, debug level), from the process's start.
void perfMark(const char *stage)
{
    if (lcPerf().isDebugEnabled())
        qCDebug(lcPerf, "start: %s after %lld ms", stage, static_cast<long long>(msSinceProcessStart()));
}

// Logs "first paint after N ms" (rolldeck.perf) when the rollout list is first painted with rows.
class FirstPaintProbe : public QObject
{
public:
    explicit FirstPaintProbe(QAbstractItemView *view) : QObject(view), m_view(view)
    {
        view->viewport()->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && m_view->model() && m_view->model()->rowCount() > 0) {
            qCInfo(lcPerf, "first paint after %lld ms", static_cast<long long>(msSinceProcessStart()));
            watched->removeEventFilter(this);
        }
        return false;
    }

private:
    QAbstractItemView *m_view;
};

// The models, the window and the services that fill them, wired together.
class Console
{
public:
    explicit Console(ConsoleOptions options);
    ~Console();

    // `cluster`: already starting (startDemoCluster), so that it starts while the window is being built.
    void startDemo(std::unique_ptr<DemoCluster> cluster);
    void startKubeconfig();
    // Actions whose outcome is unknown stay on screen at every start until acknowledged (docs/audit.md).
    void showUnknownOutcomes();
    void show();

private:
    // The detail's Metrics tab and the deployment dashboard (docs/charts.md).
    void setUpMetrics();
    void showDashboard();
    // The environments decide what is connected (EnvironmentSetup); problems with the workspace are shown in the
    // window and the console still starts. Returns whether any context is connected.
    bool connectEnvironments(const kube::Kubeconfig &kubeconfig, const QStringList &onlyContexts);
    // The workspace's Argo CD servers, each once its token is read from the keychain.
    void connectArgoCd();
    // The rollback guard acts through the same action service; its state and the alerts go to the detail.
    void wireGuard();
    // The Experiments view reads the A/B tests live while it is shown (docs/statistics.md, "In the console").
    void wireExperiments();
    void watchExperiments();
    // --rollout: opens that detail once its cluster (or `connectedContext` when it names none) is connected.
    void openRequestedRollout(const QString &connectedContext);

    ConsoleOptions m_options;
    RolloutListModel m_rollouts;
    MainWindow m_window;
    Connections m_live{&m_rollouts};
    // The workspace's secrets, read from the keychain in the background and kept in memory for the clients.
    WorkspaceSecrets m_secrets;
    WorkspaceProblems m_workspaceProblems{&m_window, &m_secrets};
    // One rollout's detail, watched on demand while it is open.
    RolloutDetailModel m_detailModel;
    RolloutDetailController m_detail{&m_live, &m_detailModel};
    // The detail's actions: confirmed, sent, recorded in the audit log.
    ActionController m_actions{&m_window, &m_live, &m_detailModel};
    // Argo CD: the applications view, the environments matrix, their operations and the Argo CD route of actions.
    ArgoCdController m_argocd{&m_window, &m_live, &m_rollouts, m_actions.auditLog()};
    // The audit log's window: reloaded whenever an action of this console ends.
    AuditController m_audit{m_actions.auditDirectory()};
    // View › Connections: the connections file beside the workspace (never the workspace file), secrets to the
    // keychain, tests with real requests.
    ConnectionsController m_connections{&m_window,
                                        m_options.workspace.isEmpty() ? defaultWorkspacePath() : m_options.workspace};
    // Argo CD's connections, made at start and made again per server when View › Connections changes what it uses.
    ArgoCdConnector m_argoConnector{&m_window, &m_live, &m_argocd, &m_secrets};
    // The open rollout's metric charts (the detail's Metrics tab), live from its environment's Prometheus.
    charts::MetricChartModel m_metricsModel;
    metrics::MetricsController m_metrics{&m_metricsModel};
    // The deployment dashboard: a window of its own, queried while it is open.
    charts::MetricChartModel m_dashboardModel;
    metrics::DashboardController m_dashboard{&m_dashboardModel};
    QPointer<charts::MetricsPanel> m_dashboardWindow;
    QPointer<PerfProbe> m_perfProbe;
    // The rollback guard (docs/guard.md) and the open rollout's alerts, from each environment's Prometheus.
    guard::RollbackGuard m_guard{&m_rollouts};
    guard::AlertListModel m_alertModel;
    guard::AlertsFeed m_alertsFeed{&m_alertModel};
    // The A/B tests of the watched clusters, read while the Experiments view is open.
    abtest::ExperimentsController m_experiments;
    QUrl m_demoPrometheus;
    std::unique_ptr<DemoCluster> m_demo;
    // Verifies the audit log at start (it reads every record): off the GUI thread, joined before teardown.
    std::unique_ptr<QThread> m_auditCheck;
};

Console::~Console()
{
    if (m_auditCheck)
        m_auditCheck->wait();
}

Console::Console(ConsoleOptions options) : m_options(std::move(options))
{
    m_window.setRolloutModel(&m_rollouts);
    m_window.setRolloutDetailModel(&m_detailModel);
    QObject::connect(&m_window, &MainWindow::rolloutDetailRequested, &m_detail, &RolloutDetailController::open);
    QObject::connect(&m_window, &MainWindow::rolloutDetailClosed, &m_detail, &RolloutDetailController::close);
    setUpMetrics();
    new FirstPaintProbe(m_window.rolloutsPanel()->view());
    m_perfProbe = new PerfProbe(&m_rollouts, &m_window);
    if (lcPerf().isDebugEnabled()) {
        auto once = std::make_shared<QMetaObject::Connection>();
        *once = QObject::connect(&m_rollouts, &QAbstractItemModel::rowsInserted, &m_window, [once] {
            perfMark("first rows in the model");
            QObject::disconnect(*once);
        });
    }
    QObject::connect(m_window.detailPanel(), &RolloutDetailPanel::actionRequested, &m_actions,
                     &ActionController::request);
    QObject::connect(m_window.detailPanel(), &RolloutDetailPanel::trafficStopRequested, &m_actions,
                     &ActionController::requestStop);
    QObject::connect(&m_actions, &ActionController::finished, &m_audit, &AuditController::reload);
    // The Experiments view's free slider: setSplit on the A/B test's VirtualService (docs/actions.md).
    QObject::connect(m_window.experimentsView(), &ExperimentsView::splitChangeRequested, &m_actions,
                     &ActionController::requestSplit);
    QObject::connect(&m_window, &MainWindow::rolloutActionRequested, &m_actions, &ActionController::requestFor);
    QObject::connect(&m_window, &MainWindow::auditLogRequested, &m_audit, [this] { m_audit.show(&m_window); });
    QObject::connect(&m_audit, &AuditController::problem, &m_window, &MainWindow::showProblem);
    QObject::connect(
        &m_audit, &AuditController::exported, &m_window, [this](const QString &path, const QString &error) {
            if (error.isEmpty())
                m_window.statusBar()->showMessage(ConsoleText::tr("Audit log exported to %1").arg(path));
            else
                m_window.showProblem(ConsoleText::tr("Cannot export the audit log to %1: %2").arg(path, error));
        });
    QObject::connect(&m_live, &Connections::contextFailed, &m_window, [this](const QString &ctx, const QString &why) {
        m_window.showProblem(ConsoleText::tr("Cannot connect to %1: %2").arg(ctx, why));
    });
    // Every environment stays watched when one is chosen: the environments sidebar shows the health of all of them.
    // What is watched is said in the window; another identity for a cluster, or every namespace, on request.
    QObject::connect(&m_live, &Connections::watchScopeChanged, &m_window,
                     [this] { m_window.setWatchScope(m_live.watchScope()); });
    QObject::connect(&m_window, &MainWindow::identityRequested, &m_live, &Connections::useIdentity);
    QObject::connect(&m_window, &MainWindow::watchAllNamespacesRequested, &m_live, &Connections::watchAllNamespaces);
    wireGuard();
    wireExperiments();
    if (m_options.screenshot.isEmpty())
        m_window.restoreLayout();
}

void Console::setUpMetrics()
{
    auto *panel = new charts::MetricsPanel;
    panel->setModel(&m_metricsModel);
    m_window.detailPanel()->setMetricsWidget(panel);
    m_window.detailPanel()->canaryJudge()->setModel(&m_metricsModel);
    m_metrics.setSecrets(&m_secrets);
    m_metrics.setAuditModel(m_audit.model());
    // After the detail's own open (connected first): the session it started is the one the charts follow.
    QObject::connect(&m_window, &MainWindow::rolloutDetailRequested, &m_metrics, [this] {
        m_metrics.open(m_detail.session(), m_live.scope());
        m_audit.reload(); // the actions on it become markers
        if (m_options.showMetrics)
            m_window.detailPanel()->tabs()->setCurrentIndex(m_window.detailPanel()->tabs()->count() - 1);
    });
    QObject::connect(&m_window, &MainWindow::rolloutDetailClosed, &m_metrics, &metrics::MetricsController::close);
    QObject::connect(&m_window, &MainWindow::deploymentDashboardRequested, &m_window, [this] { showDashboard(); });
    QObject::connect(&m_window, &MainWindow::argoCdApplicationsRequested, &m_window,
                     [this] { m_argocd.showApplications(); });
    QObject::connect(&m_window, &MainWindow::environmentsMatrixRequested, &m_window, [this] { m_argocd.showMatrix(); });
    QObject::connect(&m_window, &MainWindow::connectionsRequested, &m_window, [this] { m_connections.show(); });
    QObject::connect(&m_connections, &ConnectionsController::connectionsChanged, &m_argoConnector,
                     [this] { m_argoConnector.applyConnections(m_connections.connections()); });
    m_actions.setArgoCdRoute([this](const QString &environment) { return m_argocd.routeFor(environment); });
    QObject::connect(&m_argocd, &ArgoCdController::operationFinished, &m_audit, [this] { m_audit.reload(); });
    m_dashboard.setSecrets(&m_secrets);
}

void Console::showDashboard()
{
    if (!m_dashboardWindow) {
        m_dashboardWindow = new charts::MetricsPanel(&m_window);
        m_dashboardWindow->setWindowFlag(Qt::Window);
        m_dashboardWindow->setAttribute(Qt::WA_DeleteOnClose);
        m_dashboardWindow->setWindowTitle(ConsoleText::tr("Deployment dashboard — Rolldeck"));
        m_dashboardWindow->setObjectName(QStringLiteral("deploymentDashboard"));
        m_dashboardWindow->setRolloutRangeVisible(false);
        m_dashboardWindow->setColumns(3);
        m_dashboardWindow->resize(1200, 420);
        m_dashboardWindow->setModel(&m_dashboardModel);
        QObject::connect(m_dashboardWindow, &QObject::destroyed, &m_dashboard, &metrics::DashboardController::stop);
        m_dashboard.setSources(m_live.scope().workspace(), m_demoPrometheus);
        m_dashboard.start();
    }
    m_dashboardWindow->show();
    m_dashboardWindow->raise();
    m_dashboardWindow->activateWindow();
}

void Console::wireGuard()
{
    auto endpoints = [this](const QString &environment) {
        return prom::endpointFor(m_live.scope().workspace(), environment, m_demoPrometheus);
    };
    m_guard.setScope([this]() -> const WorkspaceScope & { return m_live.scope(); });
    m_guard.setEndpoints(endpoints);
    m_guard.setSecrets(&m_secrets);
    m_guard.setActions(m_actions.service(), [this](const QString &context) { return m_actions.route(context); });
    m_alertsFeed.setEndpoints(endpoints);
    m_alertsFeed.setSecrets(&m_secrets);
    m_window.detailPanel()->guardSection()->setModel(m_guard.model());
    m_window.detailPanel()->alertsPanel()->setModel(&m_alertModel);
    // A trigger that fires: a desktop notification where its environment is watched (the attention queue gets the
    // guard's note through the rollout list).
    if (auto *alerts = m_window.findChild<AttentionAlerts *>())
        QObject::connect(&m_guard, &guard::RollbackGuard::alert, alerts, &AttentionAlerts::forward);
    QObject::connect(
        &m_guard, &guard::RollbackGuard::abortFinished, &m_window,
        [this](const QString &rollout, const QString &outcome, const QString &message) {
            m_window.statusBar()->showMessage(
                outcome == u"applied"
                    ? ConsoleText::tr("The guard aborted %1: a rollback trigger fired.").arg(rollout)
                    : ConsoleText::tr("The guard's abort of %1 did not go through: %2").arg(rollout, message));
            m_audit.reload();
        });
    QObject::connect(&m_detailModel, &RolloutDetailModel::summaryChanged, &m_alertsFeed, [this] {
        if (m_detailModel.name().isEmpty()) {
            m_alertsFeed.clear();
            return;
        }
        const QString ns = m_detailModel.namespaceName();
        m_alertsFeed.show(m_live.scope().environmentFor(m_detailModel.cluster(), ns), ns, m_detailModel.name());
    });
    m_guard.start();
}

void Console::wireExperiments()
{
    m_experiments.setSecrets(&m_secrets);
    m_experiments.setEndpoints([this](const QString &context, const QString &ns) {
        return prom::endpointFor(m_live.scope().workspace(), m_live.scope().environmentFor(context, ns),
                                 m_demoPrometheus);
    });
    ExperimentsView *view = m_window.experimentsView();
    QObject::connect(&m_experiments, &abtest::ExperimentsController::snapshotsChanged, view,
                     &ExperimentsView::setSnapshots);
    // Shown: watch the VirtualServices of what the console watches and read every interval; hidden: let go.
    QObject::connect(m_window.experimentsDock(), &QDockWidget::visibilityChanged, &m_experiments, [this](bool shown) {
        if (shown) {
            watchExperiments();
            m_experiments.start();
        } else {
            m_experiments.stop();
            m_experiments.clearWatches();
        }
    });
    QObject::connect(&m_live, &Connections::watchScopeChanged, &m_experiments, [this] {
        if (m_window.experimentsDock()->isVisible())
            watchExperiments();
    });
}

void Console::watchExperiments()
{
    m_experiments.clearWatches();
    for (const QString &context : m_live.contexts()) {
        kube::ClusterConnection *connection = m_live.connection(context);
        const QStringList namespaces = m_live.namespaces(context);
        if (namespaces.isEmpty())
            m_experiments.watch(connection);
        for (const QString &ns : namespaces)
            m_experiments.watch(connection, ns);
    }
    m_window.experimentsView()->setNotice(
        m_live.contexts().isEmpty() ? ConsoleText::tr("No cluster is connected: no A/B tests to read.") : QString());
}

void Console::show()
{
    if (!m_options.screenshot.isEmpty())
        m_window.resize(m_options.screenshotSize);
    m_window.show();
    if (m_options.present) {
        PresenterBoard *board = m_window.showPresenter();
        // Without a window manager (Xvfb) full screen is not granted: a screenshot gets the size asked for.
        if (board && !m_options.screenshot.isEmpty())
            board->resize(m_options.screenshotSize);
    }
    if (m_options.showDashboard) {
        showDashboard();
        if (!m_options.screenshot.isEmpty())
            m_dashboardWindow->resize(m_options.screenshotSize);
    }
    if (m_options.showExperiments)
        m_window.showExperiments();
    if (m_options.showConnections) {
        ConnectionsDialog *dialog = m_connections.show();
        if (!m_options.screenshot.isEmpty())
            dialog->resize(m_options.screenshotSize);
    }
    if (m_options.showAudit) {
        m_audit.show(&m_window);
        if (!m_options.screenshot.isEmpty())
            m_audit.view()->resize(m_options.screenshotSize);
    }
    if (m_options.screenshot.isEmpty())
        return;
    QTimer::singleShot(int(m_options.screenshotAfter * 1000), &m_window, [this] {
        QWidget *shown = m_window.presenter() && m_window.presenter()->isVisible()
                             ? static_cast<QWidget *>(m_window.presenter())
                             : &m_window;
        if (m_options.showAudit && m_audit.view())
            shown = m_audit.view();
        if (m_options.showMetrics && !m_options.rolloutPath.isEmpty())
            shown = m_window.detailPanel();
        if (m_options.showDashboard && m_dashboardWindow)
            shown = m_dashboardWindow;
        if (m_perfProbe) // the picture is the bench's, not the console's: its paint is not measured
            m_perfProbe->finish();
        if (!shown->grab().save(m_options.screenshot))
            fputs(qPrintable(QStringLiteral("rolldeck: cannot write %1\n").arg(m_options.screenshot)), stderr);
        QCoreApplication::quit();
    });
}

bool Console::connectEnvironments(const kube::Kubeconfig &kubeconfig, const QStringList &onlyContexts)
{
    const EnvironmentSetup setup = setupEnvironments(kubeconfig, m_options.workspace, onlyContexts);
    m_workspaceProblems.show(setup);
    m_live.setSetup(setup, kubeconfig);
    connectArgoCd();
    return m_live.showEnvironments();
}

// Each Argo CD server the workspace names (its own token from the keychain): the applications, the matrix and the
// Argo CD routes.
void Console::connectArgoCd()
{
    m_argoConnector.connectServers();
}

void Console::openRequestedRollout(const QString &connectedContext)
{
    const QStringList &path = m_options.rolloutPath;
    if (path.size() < 2)
        return;
    const QString ctx = path.size() == 3 ? path.first() : connectedContext;
    if (!ctx.isEmpty())
        m_window.openRolloutDetail(ctx, path.at(path.size() - 2), path.last());
}

void Console::startDemo(std::unique_ptr<DemoCluster> started)
{
    m_demo = std::move(started);
    DemoCluster *cluster = m_demo.get();
    m_window.setConnectionNotice(ConsoleText::tr("Starting the demo cluster…"));
    QObject::connect(cluster, &DemoCluster::started, &m_window, [this](const QString &path) {
        perfMark("demo cluster started");
        const kube::Kubeconfig config = kube::loadKubeconfigFiles({path});
        const kube::ClusterConfig *ctx = config.context(QStringLiteral("rolldeck-demo"));
        if (!ctx) {
            m_window.showProblem(ConsoleText::tr("The demo cluster wrote no usable kubeconfig."));
            return;
        }
        // Only an explicit workspace applies to the demo (its context is "rolldeck-demo"); the default workspace
        // file describes the user's real clusters.
        // Without one, the demo's own environments (its four namespaces): the sidebar and the presenter board show
        // them as environments, and the read-only context is offered as another identity.
        if (m_options.workspace.isEmpty()) {
            m_live.setSetup(setupFromWorkspace(demoWorkspace(), config), config);
            m_window.setHasClusters(m_live.showEnvironments());
        } else {
            m_window.setHasClusters(connectEnvironments(config, {}));
        }
        m_window.setConnectionNotice(ConsoleText::tr("Demo cluster at %1").arg(ctx->server.toDisplayString()));
        // The demo's Argo CD (plain HTTP on loopback, like its API server): applications, matrix, Argo CD route.
        argocd::Endpoint argo;
        argo.server = m_demo->argoCdUrl();
        m_argocd.connectTo(argo, m_demo->argoCdToken());
        openRequestedRollout(ctx->contextName);
    });
    QObject::connect(cluster, &DemoCluster::failed, &m_window, [this](const QString &why) {
        m_window.setConnectionNotice(QString());
        m_window.showProblem(why);
    });
    QObject::connect(cluster, &DemoCluster::prometheusReady, &m_window, [this](const QUrl &url) {
        // The demo's environments read this Prometheus unless the workspace names their own.
        m_demoPrometheus = url;
        m_metrics.setDemoPrometheus(url);
        if (m_dashboardWindow)
            m_dashboard.setSources(m_live.scope().workspace(), url);
        m_guard.setEndpoints([this](const QString &environment) {
            return prom::endpointFor(m_live.scope().workspace(), environment, m_demoPrometheus);
        });
        m_alertsFeed.setEndpoints([this](const QString &environment) {
            return prom::endpointFor(m_live.scope().workspace(), environment, m_demoPrometheus);
        });
        m_alertsFeed.refresh();
        m_window.setConnectionNotice(
            ConsoleText::tr("Demo cluster · metrics from Prometheus at %1").arg(url.toDisplayString()));
    });
    QObject::connect(cluster, &DemoCluster::chartsUnavailable, &m_window, [this](const QString &why) {
        m_window.setConnectionNotice(ConsoleText::tr("Demo cluster · charts unavailable: %1").arg(why));
    });
    // The demo's timestamps are wall time and its durations run --speed times faster (docs/simulator.md, "Time"):
    // ages need no help, a timed pause's remaining time is its duration divided by the speed.
    m_detail.setTimeScale(cluster->timeScale());
}

void Console::startKubeconfig()
{
    const kube::Kubeconfig config = kube::loadKubeconfig(m_options.kubeconfig);
    QStringList problems;
    for (const kube::KubeconfigProblem &problem : config.problems)
        problems << problem.toString();
    m_window.setHasClusters(connectEnvironments(config, m_options.contexts));
    // --rollout without a context: the kubeconfig's current context if connected, else the first one.
    QStringList connected = m_live.contexts();
    connected.sort();
    // A connected context's warnings (a user entry that is missing, TLS checks off) belong on screen.
    for (const kube::ClusterConfig &ctx : config.contexts) {
        for (const QString &warning : ctx.warnings) {
            if (connected.contains(ctx.contextName))
                problems << ctx.contextName + QStringLiteral(": ") + warning;
        }
    }
    openRequestedRollout(connected.contains(config.currentContext) ? config.currentContext : connected.value(0));
    if (!problems.isEmpty())
        m_window.showProblem(problems.join(QStringLiteral("; ")));
}

void Console::showUnknownOutcomes()
{
    const QStringList files = audit::AuditLog().files();
    QPointer<MainWindow> window(&m_window);
    m_auditCheck.reset(QThread::create([files, window] {
        const QString notice = unknownOutcomeNotice(files);
        if (notice.isEmpty())
            return;
        // Delivered on the GUI thread; the window may be gone by then.
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [window, notice] {
                if (window)
                    window->showProblem(notice);
            },
            Qt::QueuedConnection);
    }));
    m_auditCheck->start();
}

// The demo cluster's simulator loads its scenario and binds on a thread of its own: started before the window is
// built, the two overlap (start-up to first paint). What it reports arrives through the event loop, once the
// console is listening.
std::unique_ptr<DemoCluster> startDemoCluster(const ConsoleOptions &options)
{
    auto cluster = std::make_unique<DemoCluster>();
    DemoCluster::Options demo;
    demo.scenario = options.scenario;
    demo.speed = options.speed;
    // After the first rows are painted (about 300 ms from the start): the charts need it seconds later.
    demo.prometheusDelayMs = 1000;
    cluster->start(demo);
    return cluster;
}

} // namespace

int runConsole(int argc, char *argv[])
{
    perfMark("main");
    const std::unique_ptr<QCoreApplication> application = createApplication(argc, argv);
    QCoreApplication &app = *application;
    setApplicationIdentity();
    installTranslators(app);
    // Light or dark as the desktop is (ROLLDECK_THEME=dark|light overrides).
    if (auto *gui = qobject_cast<QApplication *>(&app))
        applyTheme(*gui);
    int exitCode = 0;
    std::optional<ConsoleOptions> options = parseOptions(app, &exitCode);
    if (!options)
        return exitCode;
    const bool demo = options->demo;
    perfMark("application and options");
    std::unique_ptr<DemoCluster> demoCluster = demo ? startDemoCluster(*options) : nullptr;
    Console console(std::move(*options));
    perfMark("window built");
    if (demo)
        console.startDemo(std::move(demoCluster));
    else
        console.startKubeconfig();
    console.showUnknownOutcomes();
    console.show();
    perfMark("window shown");
    return QCoreApplication::exec();
}

} // namespace rolldeck
