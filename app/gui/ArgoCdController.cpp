#include "ArgoCdController.h"

#include "argocd/ApplicationFeed.h"
#include "console/Connections.h"
#include "models/itemmodels/RolloutListModel.h"
#include "ui/ApplicationsView.h"
#include "ui/ConfirmActionDialog.h"
#include "ui/EnvironmentMatrixView.h"
#include "ui/ResourceDiffDialog.h"
#include "ui/SyncOptionsDialog.h"
#include "ui/MainWindow.h"

#include <QStatusBar>

namespace rolldeck {

namespace {

// The promotion order of the source document's environments; others follow in the order first seen.
const QStringList kEnvironmentOrder = {QStringLiteral("development"), QStringLiteral("staging"),
                                       QStringLiteral("production"), QStringLiteral("canary")};

} // namespace

ArgoCdController::ArgoCdController(MainWindow *window, Connections *live, RolloutListModel *rollouts,
                                   audit::AuditLog *log, QObject *parent)
    : QObject(parent), m_window(window), m_live(live), m_rollouts(rollouts), m_log(log)
{
    m_matrix.setEnvironments(kEnvironmentOrder);
    m_rolloutRefresh.setSingleShot(true);
    m_rolloutRefresh.setInterval(250);
    connect(&m_rolloutRefresh, &QTimer::timeout, this, &ArgoCdController::refreshRollouts);
    const auto later = [this] { m_rolloutRefresh.start(); };
    connect(m_rollouts, &QAbstractItemModel::rowsInserted, this, later);
    connect(m_rollouts, &QAbstractItemModel::rowsRemoved, this, later);
    connect(m_rollouts, &QAbstractItemModel::modelReset, this, later);
    connect(m_rollouts, &QAbstractItemModel::dataChanged, this, later);
}

ArgoCdController::~ArgoCdController()
{
    delete m_feed; // its open stream belongs to the client's network manager: it goes first
}

void ArgoCdController::disconnectServer()
{
    delete m_feed;
    m_feed = nullptr;
    m_operations.reset();
    m_route.reset();
    delete m_client;
    m_client = nullptr;
    m_applications.setApplications({});
    m_matrix.setApplications({});
}

void ArgoCdController::connectTo(const argocd::Endpoint &endpoint, const QByteArray &token,
                                 const QStringList &applications)
{
    delete m_feed;
    m_operations.reset();
    m_route.reset();
    delete m_client;
    m_client = new argocd::Client(endpoint, this);
    m_client->setToken(token);
    m_feed = new argocd::ApplicationFeed(m_client, applications, this);
    m_route = std::make_unique<actions::ArgoCdRoute>(m_client, applications);
    m_operations = std::make_unique<actions::ApplicationOperations>(m_log, m_client);
    m_operations->setPolicy([this](const QString &environment) {
        const Environment *env = m_live->scope().workspace().environment(environment);
        if (env)
            return env->policy;
        EnvironmentPolicy cautious; // a place the workspace does not speak of: not easier than anywhere it does
        cautious.reasonRequired = true;
        cautious.typeToConfirm = true;
        return cautious;
    });
    connect(m_feed, &argocd::ApplicationFeed::listed, this, [this](const QList<Application> &apps) {
        m_applications.setApplications(apps);
        m_matrix.setApplications(m_applications.applications());
    });
    connect(m_feed, &argocd::ApplicationFeed::changed, this, [this](const Application &app) {
        m_applications.upsert(app);
        m_matrix.setApplications(m_applications.applications());
    });
    connect(m_feed, &argocd::ApplicationFeed::removed, this, [this](const QString &name) {
        m_applications.remove(name);
        m_matrix.setApplications(m_applications.applications());
    });
    connect(m_feed, &argocd::ApplicationFeed::stalenessChanged, this, [this](const Staleness &staleness) {
        m_applications.setStaleness(staleness);
        if (m_matrixWindow)
            m_matrixWindow->setStaleness(staleness);
    });
    m_feed->start();
    refreshRollouts();
}

void ArgoCdController::refreshRollouts()
{
    QList<MatrixRollout> rollouts;
    for (int r = 0; r < m_rollouts->rowCount(); ++r) {
        const RolloutRow &row = m_rollouts->rowAt(r);
        const bool inProgress =
            row.status == QLatin1String("Progressing") || row.status == QLatin1String("Paused") ||
            (row.stepCount > 0 && row.currentStepIndex >= 0 && row.currentStepIndex < row.stepCount);
        rollouts << MatrixRollout{row.environment.isEmpty() ? row.namespaceName : row.environment,
                                  row.cluster,
                                  row.namespaceName,
                                  row.name,
                                  row.status,
                                  row.step,
                                  inProgress};
    }
    m_matrix.setRollouts(rollouts);
}

QString ArgoCdController::environmentOf(const Application &app) const
{
    return app.environment.isEmpty() ? app.destinationNamespace : app.environment;
}

ApplicationsView *ArgoCdController::showApplications(const QString &select)
{
    if (!m_applicationsWindow) {
        m_applicationsWindow = new ApplicationsView(m_window);
        m_applicationsWindow->setWindowFlag(Qt::Window);
        m_applicationsWindow->setAttribute(Qt::WA_DeleteOnClose);
        m_applicationsWindow->setWindowTitle(tr("Argo CD applications — Rolldeck"));
        m_applicationsWindow->resize(1100, 720);
        m_applicationsWindow->setModel(&m_applications);
        connect(m_applicationsWindow, &ApplicationsView::syncRequested, this, &ArgoCdController::onSync);
        connect(m_applicationsWindow, &ApplicationsView::diffRequested, this, &ArgoCdController::onDiff);
        connect(m_applicationsWindow, &ApplicationsView::rollbackRequested, this, &ArgoCdController::onRollback);
        connect(m_applicationsWindow, &ApplicationsView::terminateRequested, this, &ArgoCdController::onTerminate);
        connect(m_applicationsWindow, &ApplicationsView::autoSyncOffRequested, this, &ArgoCdController::onAutoSyncOff);
    }
    if (!select.isEmpty())
        m_applicationsWindow->selectApplication(select);
    m_applicationsWindow->show();
    m_applicationsWindow->raise();
    m_applicationsWindow->activateWindow();
    if (!m_client && m_window)
        m_window->showProblem(tr("No Argo CD is configured: the workspace names no Argo CD server with a token."));
    return m_applicationsWindow;
}

EnvironmentMatrixView *ArgoCdController::showMatrix()
{
    if (!m_matrixWindow) {
        m_matrixWindow = new EnvironmentMatrixView(m_window);
        m_matrixWindow->setWindowFlag(Qt::Window);
        m_matrixWindow->setAttribute(Qt::WA_DeleteOnClose);
        m_matrixWindow->setWindowTitle(tr("Environments matrix — Rolldeck"));
        m_matrixWindow->resize(1200, 520);
        m_matrixWindow->setModel(&m_matrix);
        m_matrixWindow->setStaleness(m_applications.staleness());
        connect(m_matrixWindow, &EnvironmentMatrixView::rolloutRequested, this,
                [this](const QString &context, const QString &ns, const QString &name) {
                    if (m_window) {
                        m_window->raise();
                        m_window->activateWindow();
                        m_window->openRolloutDetail(context, ns, name);
                    }
                });
        connect(m_matrixWindow, &EnvironmentMatrixView::applicationRequested, this,
                [this](const QString &application) { showApplications(application); });
    }
    m_matrixWindow->show();
    m_matrixWindow->raise();
    m_matrixWindow->activateWindow();
    return m_matrixWindow;
}

std::optional<actions::ApplicationOperation> ArgoCdController::operationFor(const QString &application) const
{
    const Application *app = m_applications.application(application);
    if (!app)
        return std::nullopt;
    actions::ApplicationOperation op;
    op.application = app->name;
    op.project = app->project;
    op.environment = environmentOf(*app);
    op.seen = actions::ApplicationDecision::of(*app);
    return op;
}

// The managed resources are read when asked for (they are the whole live and Git objects: too much to stream).
void ArgoCdController::onDiff(const QString &application)
{
    const Application *app = m_applications.application(application);
    if (!app || !m_client || !m_window)
        return;
    m_window->statusBar()->showMessage(tr("Reading what Argo CD compares for %1…").arg(application));
    m_client->managedResources(application, app->project, this, [this, application](const argocd::Reply &r) {
        if (!m_window)
            return;
        if (!r.ok()) {
            m_window->showProblem(tr("The diff of %1 could not be read: %2").arg(application, r.error->message));
            return;
        }
        const ManagedResources resources = ManagedResources::fromJson(r.body);
        if (!resources.error.isEmpty()) {
            m_window->showProblem(
                tr("The diff of %1 could not be read: GET /api/v1/applications/%1/managed-resources answered "
                   "with %2")
                    .arg(application, resources.error));
            return;
        }
        m_window->statusBar()->clearMessage();
        const Application *app = m_applications.application(application);
        auto *dialog = new ResourceDiffDialog(application, app ? app->syncRevision : QString(), resources,
                                              m_applicationsWindow ? static_cast<QWidget *>(m_applicationsWindow)
                                                                   : static_cast<QWidget *>(m_window));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
        emit diffShown(dialog);
    });
}

// The sync's options first (revision, prune, dry run, resources), then the confirmation that restates them.
void ArgoCdController::onSync(const QString &application)
{
    const Application *app = m_applications.application(application);
    auto op = operationFor(application);
    if (!app || !op || !m_window)
        return;
    op->verb = actions::ApplicationOperation::Verb::Sync;
    auto *dialog = new SyncOptionsDialog(*app, m_applicationsWindow ? static_cast<QWidget *>(m_applicationsWindow)
                                                                    : static_cast<QWidget *>(m_window));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, operation = *op]() mutable {
        operation.revision = dialog->revision();
        operation.prune = dialog->prune();
        operation.dryRun = dialog->dryRun();
        operation.resources = dialog->resources();
        confirm(operation);
    });
    dialog->open();
    emit syncOptionsShown(dialog);
}

QString ArgoCdController::syncStatement(const actions::ApplicationOperation &operation) const
{
    const QString name = operation.application;
    const QString where = operation.environment;
    const Application *app = m_applications.application(name);
    const QString text =
        operation.revision.isEmpty()
            ? tr("Sync %1 (%2) to the head of its branch").arg(name, where)
            : tr("Sync %1 (%2) to revision %3").arg(name, where, Application::shortRevision(operation.revision));
    QStringList how;
    if (!operation.resources.isEmpty()) {
        QStringList names;
        for (const QJsonObject &r : operation.resources)
            names << r.value(QLatin1String("kind")).toString() + QLatin1Char(' ') +
                         r.value(QLatin1String("name")).toString();
        how << tr("only %1 of %2 resources: %3")
                   .arg(operation.resources.size())
                   .arg(app ? app->resources.size() : operation.resources.size())
                   .arg(names.join(QStringLiteral(", ")));
    }
    if (operation.prune)
        how << tr("deleting resources no longer in Git (prune)");
    if (operation.dryRun)
        how << tr("as a dry run: nothing will change");
    return how.isEmpty() ? text : text + QStringLiteral(", ") + how.join(QStringLiteral(", "));
}

void ArgoCdController::onRollback(const QString &application, qint64 historyId)
{
    if (auto op = operationFor(application)) {
        op->verb = actions::ApplicationOperation::Verb::Rollback;
        op->historyId = historyId;
        confirm(*op);
    }
}

void ArgoCdController::onTerminate(const QString &application)
{
    if (auto op = operationFor(application)) {
        op->verb = actions::ApplicationOperation::Verb::Terminate;
        confirm(*op);
    }
}

void ArgoCdController::onAutoSyncOff(const QString &application)
{
    if (auto op = operationFor(application)) {
        op->verb = actions::ApplicationOperation::Verb::AutoSyncOff;
        confirm(*op);
    }
}

void ArgoCdController::confirm(actions::ApplicationOperation operation)
{
    if (!m_operations || !m_window)
        return;
    const Application *app = m_applications.application(operation.application);
    const Environment *env = m_live->scope().workspace().environment(operation.environment);
    ActionConfirmation c;
    const QString name = operation.application;
    const QString where = operation.environment;
    switch (operation.verb) {
    case actions::ApplicationOperation::Verb::Sync:
        c.statement = syncStatement(operation);
        c.destructive = operation.prune && !operation.dryRun;
        break;
    case actions::ApplicationOperation::Verb::Rollback: {
        QString revision;
        for (const ApplicationHistoryEntry &h : app ? app->history : QList<ApplicationHistoryEntry>())
            revision = h.id == operation.historyId ? Application::shortRevision(h.revision) : revision;
        c.statement = tr("Roll %1 (%2) back to history entry %3 (revision %4)")
                          .arg(name, where)
                          .arg(operation.historyId)
                          .arg(revision);
        c.destructive = true;
        break;
    }
    case actions::ApplicationOperation::Verb::Terminate:
        c.statement = tr("Terminate the running operation of %1 (%2)").arg(name, where);
        c.destructive = true;
        break;
    case actions::ApplicationOperation::Verb::AutoSyncOff:
        c.statement = tr("Turn auto-sync off for %1 (%2): Argo CD stops deploying new commits until it is turned on "
                         "again")
                          .arg(name, where);
        break;
    }
    c.decision = tr("revision %1, %2, %3")
                     .arg(Application::shortRevision(operation.seen.revision), operation.seen.syncStatus,
                          operation.seen.autoSync ? tr("auto-sync on") : tr("auto-sync off"));
    c.rolloutName = name;
    c.reasonRequired = env ? env->policy.reasonRequired : true;
    c.typeToConfirm = env ? env->policy.typeToConfirm : true;
    auto *dialog = new ConfirmActionDialog(c, m_applicationsWindow ? static_cast<QWidget *>(m_applicationsWindow)
                                                                   : static_cast<QWidget *>(m_window));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, operation]() mutable {
        operation.reason = dialog->reason();
        operation.typedName = dialog->typedName();
        if (m_window)
            m_window->statusBar()->showMessage(
                tr("%1 %2: sending…")
                    .arg(actions::ApplicationOperation::verbName(operation.verb), operation.application));
        m_operations->submit(operation, this,
                             [this, operation](const actions::ApplicationOperationResult &r) { report(operation, r); });
    });
    dialog->open();
    emit confirmationShown(dialog);
}

void ArgoCdController::report(const actions::ApplicationOperation &operation,
                              const actions::ApplicationOperationResult &result)
{
    emit operationFinished(result);
    if (!m_window)
        return;
    const QString verb = actions::ApplicationOperation::verbName(operation.verb);
    if (result.applied()) {
        m_window->statusBar()->showMessage(
            tr("%1 %2: done, recorded in the audit log").arg(verb, operation.application));
        return;
    }
    if (result.outcome == actions::ApplicationOperationResult::Outcome::DryRun) {
        m_window->statusBar()->showMessage(
            tr("%1 %2: dry run only, nothing was changed; recorded in the audit log").arg(verb, operation.application));
        return;
    }
    if (result.refusal == QLatin1String("permission")) {
        m_window->showProblem(tr("%1 %2 was refused by Argo CD: your Argo CD account may not do this in project %3. "
                                 "Ask an Argo CD administrator for the permission, or someone who has it.")
                                  .arg(verb, operation.application, operation.project));
        return;
    }
    QString text = tr("%1 %2 was not done: %3").arg(verb, operation.application, result.message);
    if (!result.offer.isEmpty())
        text += QLatin1Char('\n') + tr("What you can do: %1.").arg(result.offer);
    m_window->showProblem(text);
}

} // namespace rolldeck
