#include "MainWindow.h"

#include "RolloutDetailPanel.h"
#include "RolloutsPanel.h"

#include <QDockWidget>
#include <QLabel>
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
    m_workspaceProblems = new QLabel(central);
    m_workspaceProblems->setObjectName(QStringLiteral("workspaceProblems"));
    m_workspaceProblems->setTextFormat(Qt::PlainText);
    m_workspaceProblems->setWordWrap(true);
    m_workspaceProblems->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_workspaceProblems->setStyleSheet(QStringLiteral("#workspaceProblems { background: #fde7e9; color: #6e0b14;"
                                                      " border: 1px solid #c50f1f; border-radius: 3px;"
                                                      " padding: 6px; margin: 6px 6px 0 6px; }"));
    m_workspaceProblems->hide();
    centralLayout->addWidget(m_workspaceProblems);
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
    connect(m_detail, &RolloutDetailPanel::closeRequested, m_detailDock, &QDockWidget::close);
    connect(m_detailDock, &QDockWidget::visibilityChanged, this, &MainWindow::onDetailVisibility);

    setHasClusters(false);
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
        resizeDocks({m_detailDock}, {height() * 45 / 100}, Qt::Vertical);
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
    statusBar()->showMessage(hasClusters ? QString() : tr("No clusters configured"));
}

bool MainWindow::hasClusters() const
{
    return m_stack->currentWidget() == m_rollouts;
}

void MainWindow::setRolloutModel(RolloutListModel *model)
{
    m_rollouts->setModel(model);
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
