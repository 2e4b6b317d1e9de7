// Two Argo CD servers in one workspace (issue 14): two rolldeck-sim instances on loopback, each with its own token in
// the private keyring, and a workspace whose production names one server and whose staging names the other. Both
// servers' applications are listed together (the same name on both told apart by the server), an operation on each
// reaches only its own server, a Rollout action takes the route of its environment's server, a killed server leaves
// only its applications stale, and removing one server's connection lets go of that server only.
#include "KeyringGuard.h"
#include "app/actions/ActionService.h"
#include "app/argocd/ApplicationFeed.h"
#include "app/argocd/ArgoCdClient.h"
#include "app/argocd/ArgoCdCredentials.h"
#include "app/audit/AuditLog.h"
#include "app/console/Connections.h"
#include "app/gui/ArgoCdConnector.h"
#include "app/gui/ArgoCdController.h"
#include "app/secrets/SecretStore.h"
#include "app/secrets/WorkspaceSecrets.h"
#include "app/workspace/Connections.h"
#include "app/workspace/Workspace.h"
#include "models/argo/DecisionState.h"
#include "models/argo/Rollout.h"
#include "models/itemmodels/RolloutListModel.h"
#include "sim/Resources.h"
#include "sim/Simulator.h"
#include "tests/support/AuditRecords.h"
#include "ui/ApplicationsView.h"
#include "ui/ConfirmActionDialog.h"
#include "ui/MainWindow.h"
#include "ui/SyncOptionsDialog.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QFont>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <nlohmann/json.hpp>

#include <optional>
#include <tuple>

using namespace rolldeck;

namespace {

const QString kProduction = QStringLiteral("agentic-startup-production");

QJsonObject toQt(const nlohmann::json &j)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(j.dump())).object();
}

} // namespace

class TestArgoCdServers : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    rdsim::Simulator m_simA; // the production Argo CD
    rdsim::Simulator m_simB; // the non-production Argo CD
    argocd::Endpoint m_a;
    argocd::Endpoint m_b;
    QByteArray m_tokenA;
    QByteArray m_tokenB;
    RolloutListModel m_rollouts;
    MainWindow *m_window = nullptr;
    Connections *m_live = nullptr;
    audit::AuditLog *m_log = nullptr;
    ArgoCdController *m_argocd = nullptr;
    WorkspaceSecrets *m_secrets = nullptr;
    ArgoCdConnector *m_connector = nullptr;

    QString keyA(const QString &name) const
    {
        return Application::keyOf(ArgoCdController::serverKey(m_a.server), name);
    }
    QString keyB(const QString &name) const
    {
        return Application::keyOf(ArgoCdController::serverKey(m_b.server), name);
    }
    QString auditDir() const { return m_dir.filePath(QStringLiteral("audit")); }

    SecretReply keychain(void (SecretStore::*op)(const QString &, QObject *, SecretStore::Handler), const QString &key)
    {
        SecretStore store(this);
        std::optional<SecretReply> reply;
        (store.*op)(key, this, [&reply](const SecretReply &r) { reply = r; });
        (void)QTest::qWaitFor([&reply] { return reply.has_value(); }, 20000);
        return reply.value_or(SecretReply());
    }

    bool writeKeychain(const QString &key, const QByteArray &secret)
    {
        SecretStore store(this);
        std::optional<SecretReply> reply;
        store.write(key, secret, this, [&reply](const SecretReply &r) { reply = r; });
        return QTest::qWaitFor([&reply] { return reply.has_value(); }, 20000) && reply->ok();
    }

    // The application as its own server has it now (a direct request, not through the console).
    QJsonObject read(const argocd::Endpoint &endpoint, const QByteArray &token, const QString &name)
    {
        argocd::Client client(endpoint);
        client.setToken(token);
        std::optional<QJsonObject> out;
        const Application *shown = m_argocd->applications()->application(
            Application::keyOf(ArgoCdController::serverKey(endpoint.server), name));
        client.application(name, shown ? shown->project : QString(), this,
                           [&out](const argocd::Reply &r) { out = r.ok() ? r.body : QJsonObject(); });
        (void)QTest::qWaitFor([&out] { return out.has_value(); }, 20000);
        return out.value_or(QJsonObject());
    }

    // Syncs entered by the console's admin account, as the server recorded them.
    int adminSyncs(const QJsonObject &app)
    {
        int n = 0;
        for (const QJsonValue &h : app[QLatin1String("status")][QLatin1String("history")].toArray())
            n += h[QLatin1String("initiatedBy")][QLatin1String("username")] == QLatin1String("admin");
        return n;
    }

    // Syncs the application through the applications view, confirmed as a person would.
    actions::ApplicationOperationResult syncThroughTheView(const QString &key, const QString &name)
    {
        ApplicationsView *view = m_argocd->showApplications(key);
        if (view->currentApplication() != key)
            return {};
        connect(
            m_argocd, &ArgoCdController::syncOptionsShown, this, [](SyncOptionsDialog *d) { d->accept(); },
            Qt::SingleShotConnection);
        connect(
            m_argocd, &ArgoCdController::confirmationShown, this,
            [name](ConfirmActionDialog *dialog) {
                if (dialog->reasonEdit())
                    dialog->reasonEdit()->setText(QStringLiteral("two servers test"));
                if (dialog->nameEdit())
                    dialog->nameEdit()->setText(name);
                dialog->accept();
            },
            Qt::SingleShotConnection);
        QSignalSpy finished(m_argocd, &ArgoCdController::operationFinished);
        view->findChild<QPushButton *>(QStringLiteral("syncButton"))->click();
        if (!finished.wait(30000))
            return {};
        return finished.first().first().value<actions::ApplicationOperationResult>();
    }

private slots:
    void initTestCase();
    void bothServersListedTogether();
    void operationsReachOnlyTheirServer();
    void rolloutActionTakesItsEnvironmentsServer();
    void oneServerDownTheOtherStaysLive();
    void removingOneConnectionLetsGoOfThatServerOnly();
    void cleanupTestCase();
};

void TestArgoCdServers::initTestCase()
{
    ROLLDECK_REQUIRE_PRIVATE_KEYRING();
    QStandardPaths::setTestModeEnabled(true);
    qRegisterMetaType<actions::ApplicationOperationResult>();
    QVERIFY(m_dir.isValid());
    using Instance = std::tuple<rdsim::Simulator *, argocd::Endpoint *, QByteArray *, int>;
    for (const auto &[sim, endpoint, token, seed] :
         {Instance{&m_simA, &m_a, &m_tokenA, 61}, Instance{&m_simB, &m_b, &m_tokenB, 62}}) {
        rdsim::Options options;
        options.scenario = "default";
        options.speed = 30;
        options.seed = seed;
        const rdsim::StartResult started = sim->start(options);
        QVERIFY2(started.ok(), started.error.c_str());
        endpoint->server = QUrl(QString::fromStdString(started.endpoints.argocd));
        *token = QByteArray::fromStdString(started.endpoints.argocdToken);
        QCOMPARE(endpoint->server.host(), QStringLiteral("127.0.0.1"));
        // Each server's own token under its own entry (argocd/127.0.0.1_PORT), as `credential argocd login` puts it.
        QVERIFY(writeKeychain(argocd::keychainKeyFor(endpoint->server), *token));
    }
    QVERIFY(m_tokenA != m_tokenB);
    QVERIFY(m_a.server.port() != m_b.server.port());

    const QString path = m_dir.filePath(QStringLiteral("workspace.yaml"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("version: 1\n"
            "environments:\n"
            "  production:\n"
            "    route: argocd\n"
            "    argocd:\n"
            "      server: " +
            m_a.server.toString().toUtf8() +
            "\n"
            "      applications: [agentic-startup-production, agentic-startup-canary]\n"
            "  staging:\n"
            "    route: argocd\n"
            "    argocd:\n"
            "      server: " +
            m_b.server.toString().toUtf8() +
            "\n"
            "      applications: [agentic-startup-environments, agentic-startup-development, "
            "agentic-startup-staging, agentic-startup-production]\n");
    f.close();
    const Result<Workspace> workspace = loadWorkspace(path);
    QVERIFY2(workspace.ok(), qPrintable(workspace.error()));

    m_window = new MainWindow;
    m_live = new Connections(&m_rollouts, this);
    m_live->setScope(WorkspaceScope(*workspace, kube::Kubeconfig{}));
    m_log = new audit::AuditLog(audit::AuditLog::Options{auditDir()});
    m_argocd = new ArgoCdController(m_window, m_live, &m_rollouts, m_log, this);
    m_secrets = new WorkspaceSecrets(this);
    m_connector = new ArgoCdConnector(m_window, m_live, m_argocd, m_secrets, this);
    QSignalSpy connected(m_connector, &ArgoCdConnector::connected);
    m_connector->connectServers();
    QTRY_COMPARE_WITH_TIMEOUT(connected.size(), 2, 20000);
    QVERIFY(m_argocd->isConnected(m_a.server));
    QVERIFY(m_argocd->isConnected(m_b.server));
}

void TestArgoCdServers::bothServersListedTogether()
{
    ApplicationModel *model = m_argocd->applications();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QTRY_COMPARE_WITH_TIMEOUT(model->applications().size(), 6, 20000);
    const Application *prodA = model->application(keyA(kProduction));
    const Application *prodB = model->application(keyB(kProduction));
    QVERIFY(prodA && prodB && prodA != prodB);
    QCOMPARE(prodA->server, ArgoCdController::serverKey(m_a.server));
    QCOMPARE(prodB->server, ArgoCdController::serverKey(m_b.server));
    QVERIFY(!model->application(kProduction)); // the name alone could be either
    QVERIFY(model->application(keyA(QStringLiteral("agentic-startup-canary"))));
    QVERIFY(!model->application(keyB(QStringLiteral("agentic-startup-canary"))));
    // The names say the server where two servers are shown.
    QVERIFY(model->manyServers());
    const QString shownA = model->indexOf(keyA(kProduction)).data().toString();
    QVERIFY2(shownA.contains(QStringLiteral("127.0.0.1:%1").arg(m_a.server.port())), qPrintable(shownA));
    // B's app-of-apps holds B's applications only: A's two and B's app-of-apps at the top.
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(model->rowCount(model->indexOf(keyB(QStringLiteral("agentic-startup-environments")))), 3);
    QCOMPARE(model->parent(model->indexOf(keyB(kProduction))),
             model->indexOf(keyB(QStringLiteral("agentic-startup-environments"))));
    QVERIFY(!model->parent(model->indexOf(keyA(kProduction))).isValid());

    // The matrix: canary from A, staging from B.
    EnvironmentMatrixModel *matrix = m_argocd->matrix();
    QTRY_VERIFY_WITH_TIMEOUT(matrix->rowCount() > 0, 10000);
    const int staging = int(matrix->environments().indexOf(QStringLiteral("staging")));
    const int canary = int(matrix->environments().indexOf(QStringLiteral("canary")));
    QSet<QString> stagingServers, canaryServers;
    for (int r = 0; r < matrix->rowCount(); ++r) {
        if (matrix->index(r, staging).data(EnvironmentMatrixModel::PresentRole).toBool())
            stagingServers << matrix->index(r, staging).data(EnvironmentMatrixModel::ServerRole).toString();
        if (matrix->index(r, canary).data(EnvironmentMatrixModel::PresentRole).toBool())
            canaryServers << matrix->index(r, canary).data(EnvironmentMatrixModel::ServerRole).toString();
    }
    QCOMPARE(stagingServers, QSet<QString>{ArgoCdController::serverKey(m_b.server)});
    QCOMPARE(canaryServers, QSet<QString>{ArgoCdController::serverKey(m_a.server)});
}

void TestArgoCdServers::operationsReachOnlyTheirServer()
{
    for (const bool onA : {true, false}) {
        const QJsonObject beforeA = read(m_a, m_tokenA, kProduction);
        const QJsonObject beforeB = read(m_b, m_tokenB, kProduction);
        QVERIFY(!beforeA.isEmpty() && !beforeB.isEmpty());
        // The simulated CI and auto-sync run operations too: approve-what-you-saw then refuses, and the test asks
        // again once the application is at rest, as a person would.
        const QString key = onA ? keyA(kProduction) : keyB(kProduction);
        actions::ApplicationOperationResult result;
        for (int attempt = 0; attempt < 4 && !result.applied(); ++attempt) {
            QTRY_VERIFY_WITH_TIMEOUT(!m_argocd->applications()->application(key)->operationRunning(), 20000);
            result = syncThroughTheView(key, kProduction);
        }
        QVERIFY2(result.applied(), qPrintable(result.message));
        // The sync lands on its own server; the other's application of the same name is left as it was.
        QTRY_COMPARE_WITH_TIMEOUT(adminSyncs(read(onA ? m_a : m_b, onA ? m_tokenA : m_tokenB, kProduction)),
                                  adminSyncs(onA ? beforeA : beforeB) + 1, 20000);
        QCOMPARE(adminSyncs(read(onA ? m_b : m_a, onA ? m_tokenB : m_tokenA, kProduction)),
                 adminSyncs(onA ? beforeB : beforeA));
        // The audit record names the server it went to.
        const QList<QJsonObject> records = test::auditRecords(auditDir());
        QVERIFY(!records.isEmpty());
        QCOMPARE(records.last()[QLatin1String("target")][QLatin1String("server")].toString(),
                 (onA ? m_a : m_b).server.toString());
    }
}

void TestArgoCdServers::rolloutActionTakesItsEnvironmentsServer()
{
    QCOMPARE(m_argocd->routeFor(QStringLiteral("production"))->server(), m_a.server.toString());
    QCOMPARE(m_argocd->routeFor(QStringLiteral("staging"))->server(), m_b.server.toString());
    QVERIFY(!m_argocd->routeFor(QStringLiteral("nowhere"))); // two servers: no guess

    // Promote staging's paused blue-green (B's) through the staging route: B's Rollout moves, A's does not.
    const std::string ns = "staging";
    const std::string name = "agentic-startup-web";
    const auto rollout = [&](rdsim::Simulator &sim) {
        const rdsim::Outcome o = sim.store().get(rdsim::kRollouts, ns, name);
        return o.object ? toQt(*o.object) : QJsonObject();
    };
    QTRY_VERIFY_WITH_TIMEOUT(DecisionState::of(Rollout::fromJson(rollout(m_simB))).paused, 30000);
    actions::ActionService service(m_log);
    actions::ActionRequest request;
    request.verb = actions::Verb::Promote;
    request.target = {QStringLiteral("nonprod"), QStringLiteral("staging"), QString::fromStdString(name)};
    request.reason = QStringLiteral("two servers test");
    request.seen = DecisionState::of(Rollout::fromJson(rollout(m_simB)));
    std::optional<actions::ActionResult> out;
    QObject context;
    service.submit(request, m_argocd->routeFor(QStringLiteral("staging")), &context,
                   [&out](const actions::ActionResult &r) { out = r; });
    QTRY_VERIFY_WITH_TIMEOUT(out.has_value(), 30000);
    QVERIFY2(out->applied(), qPrintable(out->message));
    QVERIFY2(out->sent.first().startsWith(
                 QLatin1String("POST /api/v1/applications/agentic-startup-staging/resource/actions/v2")),
             qPrintable(out->sent.first()));
    const auto lastAction = [&](rdsim::Simulator &sim) {
        const QJsonObject metadata = rollout(sim).value(QLatin1String("metadata")).toObject();
        return metadata.value(QLatin1String("annotations"))
            .toObject()
            .value(QLatin1String("rolldeck.io/last-action"))
            .toString();
    };
    QTRY_VERIFY_WITH_TIMEOUT(lastAction(m_simB).contains(QLatin1String("\"route\":\"argocd\"")), 10000);
    QVERIFY2(lastAction(m_simA).isEmpty(), qPrintable(lastAction(m_simA)));
    const QList<QJsonObject> records = test::auditRecords(auditDir());
    QCOMPARE(records.last()[QLatin1String("target")][QLatin1String("server")].toString(), m_b.server.toString());
}

void TestArgoCdServers::oneServerDownTheOtherStaysLive()
{
    ApplicationModel *model = m_argocd->applications();
    m_argocd->feed(m_b.server)->setBackoff(100, 400);
    m_simB.stop();
    const QString b = ArgoCdController::serverKey(m_b.server);
    const QString a = ArgoCdController::serverKey(m_a.server);
    QTRY_VERIFY_WITH_TIMEOUT(model->staleness(b).isStale(), 20000);
    QVERIFY(!model->staleness(a).isStale());
    QVERIFY(model->indexOf(keyB(kProduction)).data(ApplicationModel::StaleRole).toBool());
    QVERIFY(!model->indexOf(keyA(kProduction)).data(ApplicationModel::StaleRole).toBool());
    QCOMPARE(model->staleServers().keys(), QStringList{b});
    auto *banner = m_argocd->showApplications()->findChild<QLabel *>(QStringLiteral("applicationsStale"));
    QVERIFY(banner->isVisibleTo(banner->window()));
    QVERIFY2(banner->text().contains(b) && !banner->text().contains(a), qPrintable(banner->text()));
    // In the view, B's rows are greyed and in italics; A's are not.
    const auto shown = [&](const QString &key, int role) {
        const QAbstractItemModel *presented = m_argocd->showApplications()->tree()->model();
        for (int r = 0; r < presented->rowCount(); ++r) {
            const QModelIndex top = presented->index(r, 0);
            if (top.data(ApplicationModel::KeyRole).toString() == key)
                return top.data(role);
            for (int c = 0; c < presented->rowCount(top); ++c)
                if (presented->index(c, 0, top).data(ApplicationModel::KeyRole).toString() == key)
                    return presented->index(c, 0, top).data(role);
        }
        return QVariant();
    };
    QVERIFY(shown(keyB(kProduction), Qt::FontRole).value<QFont>().italic());
    QVERIFY(!shown(keyA(kProduction), Qt::FontRole).isValid());
    QVERIFY(shown(keyB(kProduction), Qt::ForegroundRole).isValid());
    if (qEnvironmentVariableIsSet("ROLLDECK_SCREENSHOT_DIR")) {
        ApplicationsView *view = m_argocd->showApplications(keyA(kProduction));
        view->resize(1180, 640);
        QVERIFY(QTest::qWaitForWindowExposed(view));
        QVERIFY(view->grab().save(qEnvironmentVariable("ROLLDECK_SCREENSHOT_DIR") +
                                  QStringLiteral("/argocd-two-servers.png")));
    }

    // A is live: a change on A arrives while B stays down.
    const QString canary = QStringLiteral("agentic-startup-canary");
    const bool autoSync = model->application(keyA(canary))->autoSync;
    argocd::Client client(m_a);
    client.setToken(m_tokenA);
    std::optional<bool> done;
    client.setAutoSync(canary, !autoSync, this, [&done](const argocd::Reply &r) { done = r.ok(); });
    QTRY_VERIFY_WITH_TIMEOUT(done.has_value(), 20000);
    QVERIFY(*done);
    QTRY_COMPARE_WITH_TIMEOUT(model->application(keyA(canary))->autoSync, !autoSync, 20000);
    QVERIFY(!model->staleness(a).isStale());
    QVERIFY(model->staleness(b).isStale());
}

void TestArgoCdServers::removingOneConnectionLetsGoOfThatServerOnly()
{
    ApplicationModel *model = m_argocd->applications();
    const auto connection = [](const QString &name, const QUrl &server) {
        Connection c;
        c.kind = Connection::Kind::ArgoCd;
        c.name = name;
        c.url = server;
        c.credential.key = argocd::keychainKeyFor(server);
        return c;
    };
    const Connection a = connection(QStringLiteral("production"), m_a.server);
    const Connection b = connection(QStringLiteral("nonprod"), m_b.server);
    QSignalSpy connected(m_connector, &ArgoCdConnector::connected);
    m_connector->applyConnections({a, b}); // both added on the page: each connects anew
    QTRY_COMPARE_WITH_TIMEOUT(connected.size(), 2, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(m_argocd->feed(m_a.server) && !m_argocd->feed(m_a.server)->isStale() &&
                                 model->application(keyA(kProduction)),
                             20000);
    const QPointer<argocd::ApplicationFeed> feedA = m_argocd->feed(m_a.server);
    QVERIFY(m_argocd->isConnected(m_b.server));

    // B's connection removed on the page: its entry leaves the keychain, then the connections file changes.
    QVERIFY(keychain(&SecretStore::remove, argocd::keychainKeyFor(m_b.server)).ok());
    m_connector->applyConnections({a});
    QTRY_VERIFY_WITH_TIMEOUT(!m_argocd->isConnected(m_b.server), 20000);
    QVERIFY(m_window->statusBar()->currentMessage().contains(QStringLiteral("%1").arg(m_b.server.port())));
    QCOMPARE(model->applications().size(), 2);
    QVERIFY(!model->application(keyB(kProduction)));
    QVERIFY(model->staleServers().isEmpty());
    // A was left alone: the same feed, live, its applications shown.
    QVERIFY(m_argocd->isConnected(m_a.server));
    QVERIFY(feedA && m_argocd->feed(m_a.server) == feedA.data()); // not connected again
    QVERIFY(!feedA->isStale());
    QVERIFY(model->application(keyA(kProduction)));
    QVERIFY(!model->manyServers());
}

void TestArgoCdServers::cleanupTestCase()
{
    delete m_connector;
    delete m_argocd;
    delete m_log;
    delete m_window;
    m_simA.stop();
    m_simB.stop();
}

QTEST_MAIN(TestArgoCdServers)
#include "tst_argocdservers.moc"
