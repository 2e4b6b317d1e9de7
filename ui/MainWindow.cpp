#include "MainWindow.h"

#include "SelectableLabel.h"
#include "models/itemmodels/AttentionAlerts.h"
#include "models/itemmodels/AttentionQueueModel.h"
#include "AttentionQueueView.h"
#include "ClusterStatusLabel.h"
#include "TrayNotifier.h"
#include "CommandPalette.h"
#include "ExperimentsView.h"
#include "HelpOverlay.h"
#include "PresenterBoard.h"
#include "EnvironmentSidebar.h"
#include "models/itemmodels/EnvironmentSummaryModel.h"
#include "RolloutDetailPanel.h"
#include "RolloutsPanel.h"

#include <QDockWidget>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QHeaderView>
#include <QListView>
#include <QSettings>
#include <QTreeView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

namespace rolldeck {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setWindowTitle(tr("Rolldeck"));
    setObjectName(QStringLiteral("mainWindow"));
    resize(1280, 800);

    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    m_workspaceProblems = new SelectableLabel(central);
    m_workspaceProblems->setObjectName(QStringLiteral("workspaceProblems"));
    m_workspaceProblems->setWordWrap(true);
    m_workspaceProblems->setStyleSheet(QStringLiteral("#workspaceProblems { background: #fde7e9; color: #6e0b14;"
                                                      " border: 1px solid #c50f1f; border-radius: 3px;"
                                                      " padding: 6px; margin: 6px 6px 0 6px; }"));
    m_workspaceProblems->hide();
    centralLayout->addWidget(m_workspaceProblems);
    // The rollouts that need a person, across every cluster, above everything else.
    m_queue = new AttentionQueueModel(this);
    m_attention = new AttentionQueueView(central);
    m_attention->setModel(m_queue);
    centralLayout->addWidget(m_attention);
    m_stack = new QStackedWidget(central);
    centralLayout->addWidget(m_stack, 1);
    setCentralWidget(central);

    m_emptyState = new QWidget(m_stack);
    m_emptyState->setObjectName(QStringLiteral("emptyState"));
    auto *layout = new QVBoxLayout(m_emptyState);
    layout->addStretch();
    auto *title = new QLabel(tr("No clusters"), m_emptyState);
    title->setObjectName(QStringLiteral("emptyStateTitle"));
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 1.6);
    f.setBold(true);
    title->setFont(f);
    title->setAlignment(Qt::AlignCenter);
    auto *hint = new QLabel(tr("Rolldeck found no Kubernetes context to connect to.\n"
                               "Add a context to your kubeconfig (or set KUBECONFIG), open a workspace file,\n"
                               "or start the embedded demo cluster with \"rolldeck --demo\"."),
                            m_emptyState);
    hint->setObjectName(QStringLiteral("emptyStateHint"));
    hint->setAlignment(Qt::AlignCenter);
    hint->setWordWrap(true);
    layout->addWidget(title);
    layout->addWidget(hint);
    layout->addStretch();
    m_stack->addWidget(m_emptyState);

    m_rollouts = new RolloutsPanel(m_stack);
    m_stack->addWidget(m_rollouts);

    m_detailDock = new QDockWidget(tr("Rollout detail"), this);
    m_detailDock->setObjectName(QStringLiteral("detailDock"));
    m_detailDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable |
                              QDockWidget::DockWidgetFloatable);
    m_detail = new RolloutDetailPanel(m_detailDock);
    m_detailDock->setWidget(m_detail);
    addDockWidget(Qt::BottomDockWidgetArea, m_detailDock);
    m_detailDock->hide();
    connect(m_rollouts, &RolloutsPanel::rolloutActivated, this, &MainWindow::openRolloutDetail);
    connect(m_attention, &AttentionQueueView::rolloutActivated, this, &MainWindow::openRolloutDetail);

    // The A/B tests: a dock of their own at the bottom, tabbed with the detail, shown when asked for.
    m_experimentsDock = new QDockWidget(tr("Experiments"), this);
    m_experimentsDock->setObjectName(QStringLiteral("experimentsDock"));
    m_experimentsDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable |
                                   QDockWidget::DockWidgetFloatable);
    m_experiments = new ExperimentsView(m_experimentsDock);
    m_experimentsDock->setWidget(m_experiments);
    addDockWidget(Qt::BottomDockWidgetArea, m_experimentsDock);
    tabifyDockWidget(m_detailDock, m_experimentsDock);
    m_experimentsDock->hide();

    m_environments = new EnvironmentSummaryModel(this);
    m_sidebarDock = new QDockWidget(tr("Environments"), this);
    m_sidebarDock->setObjectName(QStringLiteral("environmentsDock"));
    m_sidebarDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    m_sidebarDock->setTitleBarWidget(new QWidget(m_sidebarDock)); // the sidebar has its own title
    m_sidebar = new EnvironmentSidebar(m_sidebarDock);
    m_sidebar->setModel(m_environments);
    m_sidebarDock->setWidget(m_sidebar);
    addDockWidget(Qt::LeftDockWidgetArea, m_sidebarDock);
    connect(m_sidebar, &EnvironmentSidebar::environmentChosen, this, &MainWindow::onEnvironmentChosen);
    connect(m_detail, &RolloutDetailPanel::closeRequested, m_detailDock, &QDockWidget::close);
    connect(m_detailDock, &QDockWidget::visibilityChanged, this, &MainWindow::onDetailVisibility);

    connect(m_rollouts, &RolloutsPanel::watchAllNamespacesRequested, this, &MainWindow::watchAllNamespacesRequested);
    createActions();
    m_clustersMenu = menuBar()->addMenu(tr("&Clusters"));
    m_clustersMenu->setObjectName(QStringLiteral("clustersMenu"));
    setWatchScope({});

    setHasClusters(false);
}

void MainWindow::createActions()
{
    m_palette = new CommandPalette(this);
    m_palette->setModels(nullptr, m_environments);
    connect(m_palette, &CommandPalette::rolloutChosen, this, &MainWindow::openRolloutDetail);
    connect(m_palette, &CommandPalette::actionChosen, this,
            [this](const QString &cluster, const QString &ns, const QString &name, const QString &verb) {
                openRolloutDetail(cluster, ns, name);
                emit rolloutActionRequested(cluster, ns, name, verb);
            });
    connect(m_palette, &CommandPalette::environmentChosen, this,
            [this](const QString &key) { m_sidebar->choose(key); });
    m_help = new HelpOverlay(this);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    m_palette->setCommandMenu(view);
    QList<QPair<QString, QString>> help;
    const auto add = [this, view, &help](const QString &name, const QString &text, const QKeySequence &key, auto slot) {
        QAction *action = view->addAction(text);
        action->setObjectName(name);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WindowShortcut);
        connect(action, &QAction::triggered, this, slot);
        help.append({key.toString(QKeySequence::NativeText), QString(text).remove(u'&')});
        return action;
    };
    add(QStringLiteral("paletteAction"), tr("Go to &anything…"), QKeySequence(Qt::CTRL | Qt::Key_K),
        [this] { m_palette->popup(); });
    add(QStringLiteral("attentionAction"), tr("Attention &queue"), QKeySequence(Qt::CTRL | Qt::Key_1), [this] {
        m_attention->view()->setFocus(Qt::ShortcutFocusReason);
        if (!m_attention->view()->currentIndex().isValid() && m_queue->rowCount() > 0)
            m_attention->view()->setCurrentIndex(m_queue->index(0, int(RolloutListModel::Column::Name)));
    });
    add(QStringLiteral("environmentsAction"), tr("&Environments"), QKeySequence(Qt::CTRL | Qt::Key_2),
        [this] { m_sidebar->view()->setFocus(Qt::ShortcutFocusReason); });
    add(QStringLiteral("rolloutsAction"), tr("&Rollouts table"), QKeySequence(Qt::CTRL | Qt::Key_3),
        [this] { m_rollouts->view()->setFocus(Qt::ShortcutFocusReason); });
    help.append({QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText), tr("Filter the rollouts")});
    help.append({tr("Enter"), tr("Open the rollout's detail")});
    add(QStringLiteral("closeDetailAction"), tr("&Close the detail"), QKeySequence(Qt::CTRL | Qt::Key_W),
        [this] { m_detailDock->close(); });
    view->addSeparator();
    add(QStringLiteral("presenterAction"), tr("&Presenter mode"), QKeySequence(Qt::Key_F5),
        [this] { showPresenter(); });
    add(QStringLiteral("auditAction"), tr("&Audit log"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L),
        [this] { emit auditLogRequested(); });
    add(QStringLiteral("dashboardAction"), tr("&Deployment dashboard"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D),
        [this] { emit deploymentDashboardRequested(); });
    view->addSeparator();
    add(QStringLiteral("argoCdApplicationsAction"), tr("Argo CD a&pplications"),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A), [this] { emit argoCdApplicationsRequested(); });
    add(QStringLiteral("environmentsMatrixAction"), tr("Environments &matrix"),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M), [this] { emit environmentsMatrixRequested(); });
    add(QStringLiteral("experimentsAction"), tr("E&xperiments (A/B tests)"),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), [this] { showExperiments(); });
    view->addSeparator();
    add(QStringLiteral("connectionsAction"), tr("C&onnections (Argo CD, Prometheus)…"),
        QKeySequence(Qt::CTRL | Qt::Key_Comma), [this] { emit connectionsRequested(); });
    add(QStringLiteral("helpAction"), tr("&Keyboard shortcuts"), QKeySequence(Qt::Key_F1), [this] { m_help->popup(); });
    add(QStringLiteral("quitAction"), tr("&Quit"), QKeySequence(Qt::CTRL | Qt::Key_Q), [this] { close(); });
    m_help->setShortcuts(help);
}

PresenterBoard *MainWindow::showPresenter(bool fullScreen)
{
    if (!m_presenter) {
        m_presenter = new PresenterBoard(this);
        m_presenter->setModel(m_rollouts->model());
        connect(m_presenter, &PresenterBoard::closeRequested, m_presenter, &QWidget::close);
    }
    if (fullScreen)
        m_presenter->showFullScreen();
    else
        m_presenter->show();
    m_presenter->raise();
    m_presenter->activateWindow();
    return m_presenter;
}

void MainWindow::showExperiments()
{
    if (m_experimentsDock->isHidden()) {
        m_experimentsDock->show();
        if (m_detailDock->isHidden())
            resizeDocks({m_experimentsDock}, {height() * 62 / 100}, Qt::Vertical);
    }
    m_experimentsDock->raise();
    m_experiments->list()->setFocus(Qt::ShortcutFocusReason);
}

void MainWindow::restoreLayout()
{
    m_persistLayout = true;
    QSettings settings;
    settings.beginGroup(QStringLiteral("mainWindow"));
    restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("state")).toByteArray());
    const QByteArray columns = settings.value(QStringLiteral("rolloutColumns")).toByteArray();
    if (!columns.isEmpty())
        m_rollouts->view()->header()->restoreState(columns);
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("mainWindow"));
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("state"), saveState());
    settings.setValue(QStringLiteral("rolloutColumns"), m_rollouts->view()->header()->saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_persistLayout)
        saveLayout();
    if (m_presenter)
        m_presenter->close();
    QMainWindow::closeEvent(event);
}

void MainWindow::setWatchScope(const WatchScope &scope)
{
    m_rollouts->setWatchScope(scope);
    m_clustersMenu->clear();
    QStringList connected = scope.alternativeIdentities.keys();
    connected.sort();
    for (const QString &context : std::as_const(connected)) {
        // One cluster, several identities: the one connected is checked, choosing another reconnects as it.
        QMenu *identities = m_clustersMenu->addMenu(tr("Connect to the cluster of %1 as").arg(context));
        auto *group = new QActionGroup(identities);
        QStringList choices = scope.alternativeIdentities.value(context);
        choices.prepend(context);
        for (const QString &choice : std::as_const(choices)) {
            QAction *action = identities->addAction(choice);
            action->setObjectName(QStringLiteral("identity_") + choice);
            action->setCheckable(true);
            action->setChecked(choice == context);
            group->addAction(action);
            connect(action, &QAction::triggered, this, [this, choice, context] {
                if (choice != context)
                    Q_EMIT identityRequested(choice);
            });
        }
    }
    if (connected.isEmpty())
        m_clustersMenu->addAction(tr("Each cluster is reached through one identity"))->setEnabled(false);
    QAction *all = m_clustersMenu->addAction(tr("Watch all namespaces"));
    all->setObjectName(QStringLiteral("watchAllNamespacesAction"));
    all->setEnabled(scope.canWatchAll);
    connect(all, &QAction::triggered, this, &MainWindow::watchAllNamespacesRequested);
}

MainWindow::~MainWindow()
{
    // QWidget's destructor hides the dock after this part of the object is gone: that is no closing of the detail,
    // and onDetailVisibility() must not run on what is left (UBSan found it).
    m_detailDock->disconnect(this);
}

void MainWindow::openRolloutDetail(const QString &cluster, const QString &namespaceName, const QString &name)
{
    if (m_detailDock->isHidden()) {
        m_detailDock->show();
        resizeDocks({m_detailDock}, {height() * 58 / 100}, Qt::Vertical);
    }
    m_detailDock->raise();
    emit rolloutDetailRequested(cluster, namespaceName, name);
}

void MainWindow::setRolloutDetailModel(RolloutDetailModel *model)
{
    m_detail->setModel(model);
}

void MainWindow::onDetailVisibility(bool visible)
{
    // Hidden because it was closed, not because its tab went behind another dock.
    if (!visible && m_detailDock->isHidden())
        emit rolloutDetailClosed();
}

void MainWindow::setHasClusters(bool hasClusters)
{
    m_stack->setCurrentWidget(hasClusters ? static_cast<QWidget *>(m_rollouts) : m_emptyState);
    m_sidebarDock->setVisible(hasClusters);
    // Clears only its own line: a problem shown meanwhile (an unknown action outcome, a failed context) stays.
    const QString none = tr("No clusters configured");
    if (!hasClusters)
        statusBar()->showMessage(none);
    else if (statusBar()->currentMessage() == none)
        statusBar()->clearMessage();
}

bool MainWindow::hasClusters() const
{
    return m_stack->currentWidget() == m_rollouts;
}

void MainWindow::setRolloutModel(RolloutListModel *model)
{
    m_rollouts->setModel(model);
    m_environments->setSourceModel(model);
    m_queue->setSourceModel(model);
    m_palette->setModels(model, m_environments);
    if (m_presenter)
        m_presenter->setModel(model);
    // Each cluster's connection state and staleness, always in view.
    auto *clusters = findChild<ClusterStatusLabel *>(QStringLiteral("clusterStatus"));
    if (!clusters) {
        clusters = new ClusterStatusLabel(this);
        statusBar()->addPermanentWidget(clusters);
    }
    clusters->setModel(model);
    // A rollout newly needing attention in a watched environment: a desktop notification, where there is a tray.
    auto *alerts = findChild<AttentionAlerts *>();
    if (!alerts) {
        alerts = new AttentionAlerts(this);
        alerts->setWatched(m_sidebar->watched());
        connect(m_sidebar, &EnvironmentSidebar::watchedChanged, alerts, &AttentionAlerts::setWatched);
        // Shown only where the desktop has a tray; looked for at the first alert.
        auto *tray = new TrayNotifier(this);
        connect(alerts, &AttentionAlerts::alert, tray, &TrayNotifier::notify);
        connect(tray, &TrayNotifier::rolloutRequested, this,
                [this](const QString &cluster, const QString &ns, const QString &name) {
                    if (isMinimized())
                        showNormal();
                    raise();
                    activateWindow();
                    openRolloutDetail(cluster, ns, name);
                });
    }
    alerts->setModel(model);
}

void MainWindow::onEnvironmentChosen(const QString &key, bool isCluster)
{
    // Every view narrows: the table (through its own choices, so they show it) and the attention queue.
    if (isCluster)
        m_rollouts->chooseCluster(key);
    else
        m_rollouts->chooseEnvironment(key);
    m_queue->setScope(key, isCluster);
}

void MainWindow::setConnectionNotice(const QString &text)
{
    if (!m_connectionNotice) {
        m_connectionNotice = new QLabel(this);
        m_connectionNotice->setObjectName(QStringLiteral("connectionNotice"));
        statusBar()->addPermanentWidget(m_connectionNotice);
    }
    m_connectionNotice->setText(text);
    m_connectionNotice->setVisible(!text.isEmpty());
}

void MainWindow::showWorkspaceProblems(const QString &title, const QStringList &problems)
{
    m_workspaceProblemList = problems;
    m_workspaceProblems->setText(problems.isEmpty() ? QString() : QString(title + u'\n' + problems.join(u'\n')));
    m_workspaceProblems->setVisible(!problems.isEmpty());
}

void MainWindow::showProblem(const QString &text)
{
    statusBar()->showMessage(text);
}

} // namespace rolldeck
