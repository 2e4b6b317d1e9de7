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

// One Argo CD server: its client (with the token), live feed, operations and route. The feed's open stream belongs
// to the client's network manager, so the feed goes first.
struct ArgoCdController::Server
{
    QString key;
    argocd::Client *client = nullptr;
    argocd::ApplicationFeed *feed = nullptr;
    std::unique_ptr<actions::ApplicationOperations> operations;
    std::unique_ptr<actions::ArgoCdRoute> route;

    ~Server()
    {
        delete feed;
        operations.reset();
        route.reset();
        delete client;
    }
};

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
    m_servers.clear();
}

QString ArgoCdController::serverKey(const QUrl &server)
{
    return server.adjusted(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash).toString();
}

ArgoCdController::Server *ArgoCdController::serverOf(const QString &key) const
{
    const auto it = m_servers.find(key);
    return it == m_servers.end() ? nullptr : it->second.get();
}

QList<QUrl> ArgoCdController::servers() const
{
    QList<QUrl> out;
    for (const auto &[key, server] : m_servers)
        out << QUrl(key);
    return out;
}

argocd::ApplicationFeed *ArgoCdController::feed(const QUrl &server) const
{
    if (server.isEmpty())
        return m_servers.empty() ? nullptr : m_servers.begin()->second->feed;
    const Server *s = serverOf(serverKey(server));
    return s ? s->feed : nullptr;
}

actions::ActionRoute *ArgoCdController::route(const QUrl &server) const
{
    const Server *s = serverOf(serverKey(server));
    return s ? s->route.get() : nullptr;
}

actions::ActionRoute *ArgoCdController::routeFor(const QString &environment) const
{
    const Environment *env = m_live->scope().workspace().environment(environment);
    if (env && env->argocd)
        return route(env->argocd->server);
    return m_servers.size() == 1 ? m_servers.begin()->second->route.get() : nullptr;
}

void ArgoCdController::disconnectServer(const QUrl &server)
{
    const QString key = serverKey(server);
    if (m_servers.erase(key) == 0)
        return;
    m_applications.setServerApplications(key, {});
    m_applications.clearStaleness(key);
    updateMatrixApplications();
    showStaleness();
}

void ArgoCdController::disconnectAll()
{
    for (const QUrl &server : servers())
        disconnectServer(server);
}

void ArgoCdController::connectTo(const argocd::Endpoint &endpoint, const QByteArray &token,
                                 const QStringList &applications)
{
    const QString key = serverKey(endpoint.server);
    auto server = std::make_unique<Server>();
    server->key = key;
    server->client = new argocd::Client(endpoint, this);
    server->client->setToken(token);
    server->feed = new argocd::ApplicationFeed(server->client, applications, this);
    server->route = std::make_unique<actions::ArgoCdRoute>(server->client, applications);
    server->operations = std::make_unique<actions::ApplicationOperations>(m_log, server->client);
    server->operations->setPolicy([this](const QString &environment) {
        const Environment *env = m_live->scope().workspace().environment(environment);
        if (env)
            return env->policy;
        EnvironmentPolicy cautious; // a place the workspace does not speak of: not easier than anywhere it does
        cautious.reasonRequired = true;
        cautious.typeToConfirm = true;
        return cautious;
    });
    m_servers[key] = std::move(server); // an earlier connection to this server (only) goes
    m_applications.clearStaleness(key);
    wireFeed(m_servers[key].get());
    m_servers[key]->feed->start();
    refreshRollouts();
}

// The feed's applications carry their server; each server's list, changes and staleness touch only its own.
void ArgoCdController::wireFeed(Server *server)
{
    const QString key = server->key;
    connect(server->feed, &argocd::ApplicationFeed::listed, this, [this, key](QList<Application> apps) {
        for (Application &app : apps)
            app.server = key;
        m_applications.setServerApplications(key, std::move(apps));
        updateMatrixApplications();
    });
    connect(server->feed, &argocd::ApplicationFeed::changed, this, [this, key](Application app) {
        app.server = key;
        m_applications.upsert(app);
        updateMatrixApplications();
    });
    connect(server->feed, &argocd::ApplicationFeed::removed, this, [this, key](const QString &name) {
        m_applications.remove(Application::keyOf(key, name));
        updateMatrixApplications();
    });
    connect(server->feed, &argocd::ApplicationFeed::stalenessChanged, this, [this, key](const Staleness &staleness) {
        m_applications.setStaleness(staleness, key);
        showStaleness();
    });
}

void ArgoCdController::showStaleness()
{
    if (m_matrixWindow)
        m_matrixWindow->setStaleness(m_applications.staleServers());
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

// The workspace's word first: the environment whose Argo CD server lists the application (two servers may both have
// a `web`, and an application's labels may say otherwise); else its `environment` label, else its namespace.
QString ArgoCdController::environmentOf(const Application &app) const
{
    const QString named = workspaceEnvironmentOf(app);
    if (!named.isEmpty())
        return named;
    return app.environment.isEmpty() ? app.destinationNamespace : app.environment;
}

QString ArgoCdController::workspaceEnvironmentOf(const Application &app) const
{
    for (const Environment &env : m_live->scope().workspace().environments)
        if (env.argocd && serverKey(env.argocd->server) == app.server && env.argocd->applications.contains(app.name))
            return env.name;
    return QString();
}

void ArgoCdController::updateMatrixApplications()
{
    const QList<Application> apps = m_applications.applications();
    QHash<QString, QString> environments;
    for (const Application &app : apps)
        if (const QString named = workspaceEnvironmentOf(app); !named.isEmpty())
            environments.insert(app.key(), named);
    m_matrix.setApplications(apps, environments);
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
    if (m_servers.empty() && m_window)
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
        m_matrixWindow->setStaleness(m_applications.staleServers());
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
    actions::ApplicationOperation op; // names the application as its server knows it
    op.application = app->name;
    op.project = app->project;
    op.environment = environmentOf(*app);
    op.seen = actions::ApplicationDecision::of(*app);
    return op;
}

// The managed resources are read when asked for (they are the whole live and Git objects: too much to stream).
void ArgoCdController::onDiff(const QString &key)
{
    const Application *app = m_applications.application(key);
    const Server *server = app ? serverOf(app->server) : nullptr;
    if (!server || !m_window)
        return;
    const QString application = app->name;
    m_window->statusBar()->showMessage(tr("Reading what Argo CD compares for %1…").arg(application));
    server->client->managedResources(application, app->project, this, [this, key, application](const argocd::Reply &r) {
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
        const Application *now = m_applications.application(key);
        auto *dialog = new ResourceDiffDialog(application, now ? now->syncRevision : QString(), resources,
                                              m_applicationsWindow ? static_cast<QWidget *>(m_applicationsWindow)
                                                                   : static_cast<QWidget *>(m_window));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
        emit diffShown(dialog);
    });
}

// The sync's options first (revision, prune, dry run, resources), then the confirmation that restates them.
void ArgoCdController::onSync(const QString &key)
{
    const Application *app = m_applications.application(key);
    auto op = operationFor(key);
    if (!app || !op || !m_window)
        return;
    op->verb = actions::ApplicationOperation::Verb::Sync;
    auto *dialog = new SyncOptionsDialog(*app, m_applicationsWindow ? static_cast<QWidget *>(m_applicationsWindow)
                                                                    : static_cast<QWidget *>(m_window));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, operation = *op, server = app->server]() mutable {
        operation.revision = dialog->revision();
        operation.prune = dialog->prune();
        operation.dryRun = dialog->dryRun();
        operation.resources = dialog->resources();
        confirm(operation, server);
    });
    dialog->open();
    emit syncOptionsShown(dialog);
}

QString ArgoCdController::syncStatement(const actions::ApplicationOperation &operation, const QString &server) const
{
    const QString name = operation.application;
    const QString where = operation.environment;
    const Application *app = m_applications.application(Application::keyOf(server, name));
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

void ArgoCdController::onRollback(const QString &key, qint64 historyId)
{
    if (auto op = operationFor(key)) {
        op->verb = actions::ApplicationOperation::Verb::Rollback;
        op->historyId = historyId;
        confirm(*op, m_applications.application(key)->server);
    }
}

void ArgoCdController::onTerminate(const QString &key)
{
    if (auto op = operationFor(key)) {
        op->verb = actions::ApplicationOperation::Verb::Terminate;
        confirm(*op, m_applications.application(key)->server);
    }
}

void ArgoCdController::onAutoSyncOff(const QString &key)
{
    if (auto op = operationFor(key)) {
        op->verb = actions::ApplicationOperation::Verb::AutoSyncOff;
        confirm(*op, m_applications.application(key)->server);
    }
}

// `server`: the one the application came from; the operation goes there and nowhere else.
void ArgoCdController::confirm(actions::ApplicationOperation operation, const QString &server)
{
    if (!serverOf(server) || !m_window)
        return;
    const Application *app = m_applications.application(Application::keyOf(server, operation.application));
    const Environment *env = m_live->scope().workspace().environment(operation.environment);
    ActionConfirmation c;
    const QString name = operation.application;
    const QString where = operation.environment;
    switch (operation.verb) {
    case actions::ApplicationOperation::Verb::Sync:
        c.statement = syncStatement(operation, server);
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
    if (m_servers.size() > 1) // which `web` it is
        c.statement = tr("%1, on Argo CD at %2").arg(c.statement, server);
    c.decision = tr("revision %1, %2, %3")
                     .arg(Application::shortRevision(operation.seen.revision), operation.seen.syncStatus,
                          operation.seen.autoSync ? tr("auto-sync on") : tr("auto-sync off"));
    c.rolloutName = name;
    c.reasonRequired = env ? env->policy.reasonRequired : true;
    c.typeToConfirm = env ? env->policy.typeToConfirm : true;
    auto *dialog = new ConfirmActionDialog(c, m_applicationsWindow ? static_cast<QWidget *>(m_applicationsWindow)
                                                                   : static_cast<QWidget *>(m_window));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, operation, server]() mutable {
        operation.reason = dialog->reason();
        operation.typedName = dialog->typedName();
        Server *to = serverOf(server);
        if (!to) { // let go of while the dialog was open: nothing goes to another server instead
            if (m_window)
                m_window->showProblem(
                    tr("%1 %2 was not sent: Argo CD at %3 is no longer connected.")
                        .arg(actions::ApplicationOperation::verbName(operation.verb), operation.application, server));
            return;
        }
        if (m_window)
            m_window->statusBar()->showMessage(
                tr("%1 %2: sending…")
                    .arg(actions::ApplicationOperation::verbName(operation.verb), operation.application));
        to->operations->submit(
            operation, this, [this, operation](const actions::ApplicationOperationResult &r) { report(operation, r); });
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
