// View › Connections (ui/ConnectionsDialog through app/gui/ConnectionsController), offscreen, against the
// simulator's Argo CD API, a real Prometheus (tests/support/PrometheusFixture.h) and the private Secret Service
// (with-private-keyring.sh): connections added, tested with real requests (the results in plain words), removed;
// the token only in the keychain, the connections file with references only, and the user's workspace file, with
// its comments, byte for byte as it was. With ROLLDECK_SCREENSHOT_DIR set the dialog is saved as
// settings-connections.png there.
#include "KeyringGuard.h"
#include "app/demo/PrometheusProcess.h"
#include "app/audit/AuditLog.h"
#include "app/console/Connections.h"
#include "app/gui/ArgoCdConnector.h"
#include "app/gui/ArgoCdController.h"
#include "app/gui/ConnectionsController.h"
#include "app/secrets/WorkspaceSecrets.h"
#include "models/itemmodels/RolloutListModel.h"
#include "app/secrets/SecretStore.h"
#include "app/workspace/Connections.h"
#include "app/workspace/Workspace.h"
#include "sim/Simulator.h"
#include "tests/support/PrometheusFixture.h"
#include "ui/ConnectionsDialog.h"
#include "ui/MainWindow.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <optional>

using namespace rolldeck;

namespace {

const QByteArray kWrongToken = "wrong-token-of-nobody-1234";

} // namespace

class TestConnectionsSettings : public QObject
{
    Q_OBJECT
    rdsim::Simulator m_sim;
    prom::PrometheusProcess *m_prometheus = nullptr;
    QTemporaryDir m_dir;
    QString m_argo;
    QByteArray m_token;
    QString m_workspacePath;
    QByteArray m_workspaceText;
    MainWindow *m_window = nullptr;
    ConnectionsController *m_controller = nullptr;
    ConnectionsDialog *m_dialog = nullptr;
    // The console's Argo CD side, as ConsoleApp wires it: changes on the page apply without a restart.
    RolloutListModel m_rollouts;
    Connections *m_live = nullptr;
    audit::AuditLog *m_log = nullptr;
    ArgoCdController *m_argocd = nullptr;
    WorkspaceSecrets *m_secrets = nullptr;
    ArgoCdConnector *m_connector = nullptr;

private slots:
    void initTestCase();
    void openedFromTheViewMenu();
    void wrongTokenFailsInPlainWords();
    void argoCdWorks();
    void prometheusWorksAndADeadOneFails();
    void fileHoldsReferencesOnlyAndTheWorkspaceIsUntouched();
    void screenshot();
    void removeTakesTheSecretToo();
    void cleanupTestCase();

private:
    void addThroughTheForm(int kindIndex, const QString &name, const QString &address, const QByteArray &secret);
    QTreeWidgetItem *row(const QString &name) const;
    std::optional<SecretReply> keychainRead(const QString &key);
};

void TestConnectionsSettings::initTestCase()
{
    ROLLDECK_REQUIRE_PRIVATE_KEYRING();
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    rdsim::Options options;
    options.scenario = "default";
    options.speed = 30;
    options.seed = 14;
    const rdsim::StartResult started = m_sim.start(options);
    QVERIFY2(started.ok(), started.error.c_str());
    m_argo = QString::fromStdString(started.endpoints.argocd);
    m_token = QByteArray::fromStdString(started.endpoints.argocdToken);
    m_prometheus = new prom::PrometheusProcess(this);
    const QString notStarted =
        test::startPrometheus(*m_prometheus, {test::simulatorMetrics(started.endpoints.metrics)});
    QVERIFY2(notStarted.isEmpty(), qPrintable(notStarted));

    // The user's own workspace, with comments and keys the settings page has no business with.
    m_workspacePath = m_dir.filePath(QStringLiteral("workspace.yaml"));
    m_workspaceText = "# My team's environments. Do not reformat: reviewed in git.\n"
                      "version: 1\n"
                      "environments:\n"
                      "  production:   # the one that matters\n"
                      "    argocd:\n"
                      "      server: " +
                      m_argo.toUtf8() +
                      "\n"
                      "      applications: [agentic-startup-production]   # no credential here: Connections has it\n"
                      "    policy: {reasonRequired: true, typeToConfirm: true}\n";
    QFile f(m_workspacePath);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(m_workspaceText);
    f.close();

    m_window = new MainWindow;
    m_window->resize(1200, 800);
    m_window->show();
    m_controller = new ConnectionsController(m_window, m_workspacePath, this);
    connect(m_window, &MainWindow::connectionsRequested, m_controller, [this] { m_controller->show(); });

    m_live = new Connections(&m_rollouts, this);
    const Result<Workspace> workspace = loadWorkspace(m_workspacePath);
    QVERIFY2(workspace.ok(), qPrintable(workspace.error()));
    m_live->setScope(WorkspaceScope(*workspace, kube::Kubeconfig{}));
    m_log = new audit::AuditLog(audit::AuditLog::Options{m_dir.filePath(QStringLiteral("audit"))});
    m_argocd = new ArgoCdController(m_window, m_live, &m_rollouts, m_log, this);
    m_secrets = new WorkspaceSecrets(this);
    m_connector = new ArgoCdConnector(m_window, m_live, m_argocd, m_secrets, this);
    connect(m_controller, &ConnectionsController::connectionsChanged, m_connector,
            [this] { m_connector->applyConnections(m_controller->connections()); });
    m_connector->connectServers(); // no credential yet: nothing to connect
    QVERIFY(!m_argocd->isConnected());
}

std::optional<SecretReply> TestConnectionsSettings::keychainRead(const QString &key)
{
    SecretStore store(this);
    std::optional<SecretReply> reply;
    store.read(key, this, [&reply](const SecretReply &r) { reply = r; });
    if (!QTest::qWaitFor([&reply] { return reply.has_value(); }, 20000))
        return std::nullopt;
    return reply;
}

QTreeWidgetItem *TestConnectionsSettings::row(const QString &name) const
{
    auto *list = m_dialog->findChild<QTreeWidget *>(QStringLiteral("connectionsList"));
    for (int i = 0; list && i < list->topLevelItemCount(); ++i) {
        if (list->topLevelItem(i)->text(1) == name)
            return list->topLevelItem(i);
    }
    return nullptr;
}

void TestConnectionsSettings::addThroughTheForm(int kindIndex, const QString &name, const QString &address,
                                                const QByteArray &secret)
{
    m_dialog->findChild<QComboBox *>(QStringLiteral("connectionKind"))->setCurrentIndex(kindIndex);
    auto *nameEdit = m_dialog->findChild<QLineEdit *>(QStringLiteral("connectionName"));
    nameEdit->clear();
    QTest::keyClicks(nameEdit, name);
    auto *addressEdit = m_dialog->findChild<QLineEdit *>(QStringLiteral("connectionAddress"));
    addressEdit->clear();
    QTest::keyClicks(addressEdit, address);
    auto *secretEdit = m_dialog->findChild<QLineEdit *>(QStringLiteral("connectionSecret"));
    QCOMPARE(secretEdit->echoMode(), QLineEdit::Password);
    QTest::keyClicks(secretEdit, QString::fromLatin1(secret));
    m_dialog->findChild<QPushButton *>(QStringLiteral("addConnectionButton"))->click();
    QVERIFY(secretEdit->text().isEmpty()); // the secret leaves the form at once
}

void TestConnectionsSettings::openedFromTheViewMenu()
{
    auto *action = m_window->findChild<QAction *>(QStringLiteral("connectionsAction"));
    QVERIFY(action);
    QVERIFY(m_window->findChild<QMenu *>(QStringLiteral("viewMenu"))->actions().contains(action));
    action->trigger();
    m_dialog = m_controller->dialog();
    QVERIFY(m_dialog);
    QTRY_VERIFY(m_dialog->isVisible());
    QVERIFY(m_dialog->findChild<QLabel *>(QStringLiteral("connectionsFileNote"))
                ->text()
                .contains(QDir(m_dir.path()).filePath(QStringLiteral("connections.yaml"))));
}

void TestConnectionsSettings::wrongTokenFailsInPlainWords()
{
    addThroughTheForm(0, QStringLiteral("wrong"), m_argo, kWrongToken);
    QTRY_VERIFY_WITH_TIMEOUT(row(QStringLiteral("wrong")) &&
                                 row(QStringLiteral("wrong"))->text(4).startsWith(QLatin1String("Fails")),
                             20000);
    const QString said = row(QStringLiteral("wrong"))->text(4);
    QVERIFY2(said.contains(QLatin1String("no longer accepts the token")), qPrintable(said));
    QVERIFY2(said.contains(QLatin1String("rolldeck credential argocd login --server ") + m_argo), qPrintable(said));
    // Removed again (it shares the server's keychain entry with the next one).
    m_dialog->findChild<QTreeWidget *>(QStringLiteral("connectionsList"))->setCurrentItem(row(QStringLiteral("wrong")));
    m_dialog->findChild<QPushButton *>(QStringLiteral("removeConnectionButton"))->click();
    QTRY_VERIFY(!row(QStringLiteral("wrong")));
}

void TestConnectionsSettings::argoCdWorks()
{
    // A duplicate-free name, an address that is no URL: refused in words, nothing written.
    addThroughTheForm(0, QStringLiteral("bad address"), QStringLiteral("ftp://nowhere"), {});
    auto *problem = m_dialog->findChild<QLabel *>(QStringLiteral("connectionsProblem"));
    QVERIFY(problem->isVisible());
    QVERIFY2(problem->text().contains(QLatin1String("is not an address")), qPrintable(problem->text()));
    QVERIFY(!row(QStringLiteral("bad address")));

    addThroughTheForm(0, QStringLiteral("production"), m_argo, m_token);
    QTRY_VERIFY_WITH_TIMEOUT(row(QStringLiteral("production")) &&
                                 row(QStringLiteral("production"))->text(4).startsWith(QLatin1String("Works")),
                             20000);
    // Without a restart, the console's Argo CD views connect with it and show the workspace's application.
    QTRY_VERIFY_WITH_TIMEOUT(m_argocd->isConnected() &&
                                 m_argocd->applications()->application(QStringLiteral("agentic-startup-production")),
                             20000);
    QCOMPARE(m_live->scope().workspace().environment(QStringLiteral("production"))->argocd->credential.key,
             QStringLiteral("argocd/127.0.0.1_%1").arg(QUrl(m_argo).port()));
    QCOMPARE(row(QStringLiteral("production"))->text(4),
             QStringLiteral("Works: Argo CD at %1 answered: logged in as admin; 5 applications visible.").arg(m_argo));
    // Test again with the button: a real request each time.
    m_dialog->findChild<QTreeWidget *>(QStringLiteral("connectionsList"))
        ->setCurrentItem(row(QStringLiteral("production")));
    m_dialog->findChild<QPushButton *>(QStringLiteral("testConnectionButton"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(row(QStringLiteral("production"))->text(4).startsWith(QLatin1String("Works")), 20000);
    // The selected connection's result in full under the list (the column may cut it).
    QTRY_COMPARE(m_dialog->findChild<QLabel *>(QStringLiteral("connectionResult"))->text(),
                 QStringLiteral("Argo CD \"production\": Works: Argo CD at %1 answered: logged in as admin; 5 "
                                "applications visible.")
                     .arg(m_argo));
}

void TestConnectionsSettings::prometheusWorksAndADeadOneFails()
{
    addThroughTheForm(1, QStringLiteral("metrics"), m_prometheus->baseUrl().toString(), {});
    QTRY_VERIFY_WITH_TIMEOUT(row(QStringLiteral("metrics")) &&
                                 row(QStringLiteral("metrics"))->text(4).startsWith(QLatin1String("Works")),
                             20000);
    QVERIFY2(row(QStringLiteral("metrics"))->text(4).contains(QLatin1String("Prometheus 2.")) ||
                 row(QStringLiteral("metrics"))->text(4).contains(QLatin1String("Prometheus 3.")),
             qPrintable(row(QStringLiteral("metrics"))->text(4)));
    QCOMPARE(row(QStringLiteral("metrics"))->text(3), QStringLiteral("none"));

    addThroughTheForm(1, QStringLiteral("old-metrics"), QStringLiteral("http://127.0.0.1:1"), "some-bearer");
    QTRY_VERIFY_WITH_TIMEOUT(row(QStringLiteral("old-metrics")) &&
                                 row(QStringLiteral("old-metrics"))->text(4).startsWith(QLatin1String("Fails")),
                             20000);
    QCOMPARE(row(QStringLiteral("old-metrics"))->text(3), QStringLiteral("prometheus/127.0.0.1_1"));
    // Every result names its server.
    QVERIFY2(row(QStringLiteral("old-metrics"))->text(4).contains(QLatin1String("http://127.0.0.1:1")),
             qPrintable(row(QStringLiteral("old-metrics"))->text(4)));
    QVERIFY2(row(QStringLiteral("metrics"))->text(4).contains(m_prometheus->baseUrl().toString()),
             qPrintable(row(QStringLiteral("metrics"))->text(4)));
}

void TestConnectionsSettings::fileHoldsReferencesOnlyAndTheWorkspaceIsUntouched()
{
    const QString path = connectionsPathFor(m_workspacePath);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();
    const QString key = QStringLiteral("argocd/127.0.0.1_%1").arg(QUrl(m_argo).port());
    QVERIFY2(text.contains(QByteArray("credential: \"keychain:" + key.toUtf8() + '"')), text.constData());
    QVERIFY(!text.contains(m_token));
    QVERIFY(!text.contains("some-bearer"));
    QVERIFY(!text.contains(kWrongToken));
    // The round trip: the file parses back to what the page shows.
    const Result<QList<Connection>> back = loadConnections(path);
    QVERIFY2(back.ok(), qPrintable(back.error()));
    QCOMPARE(back->size(), 3);
    QCOMPARE(renderConnections(*back), text);

    QFile ws(m_workspacePath);
    QVERIFY(ws.open(QIODevice::ReadOnly));
    QCOMPARE(ws.readAll(), m_workspaceText); // comments, order and spacing as the user left them
    // And the workspace takes the connection's credential for the server it names.
    const Result<Workspace> loaded = loadWorkspace(m_workspacePath);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
    QCOMPARE(loaded->environment(QStringLiteral("production"))->argocd->credential.key, key);

    const std::optional<SecretReply> stored = keychainRead(key);
    QVERIFY(stored && stored->ok());
    QVERIFY(stored->secret == m_token);
}

void TestConnectionsSettings::screenshot()
{
    const QString dir = qEnvironmentVariable("ROLLDECK_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("set ROLLDECK_SCREENSHOT_DIR to save the dialog");
    m_dialog->resize(1000, 560);
    m_dialog->findChild<QTreeWidget *>(QStringLiteral("connectionsList"))
        ->setCurrentItem(row(QStringLiteral("production")));
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog));
    m_dialog->layout()->activate(); // the resize's layout, before the picture
    QVERIFY(m_dialog->grab().save(QDir(dir).filePath(QStringLiteral("settings-connections.png"))));
}

void TestConnectionsSettings::removeTakesTheSecretToo()
{
    const QString key = QStringLiteral("argocd/127.0.0.1_%1").arg(QUrl(m_argo).port());
    m_dialog->findChild<QTreeWidget *>(QStringLiteral("connectionsList"))
        ->setCurrentItem(row(QStringLiteral("production")));
    auto *remove = m_dialog->findChild<QPushButton *>(QStringLiteral("removeConnectionButton"));
    QVERIFY(remove->isEnabled());
    QString asked;
    const QMetaObject::Connection spy = connect(m_dialog, &ConnectionsDialog::removeRequested, this,
                                                [&asked](ConnectionItem::Kind, const QString &name) { asked = name; });
    remove->click();
    disconnect(spy);
    QCOMPARE(asked, QStringLiteral("production"));
    QTRY_VERIFY2(!row(QStringLiteral("production")),
                 qPrintable(m_dialog->findChild<QLabel *>(QStringLiteral("connectionsProblem"))->text()));
    QTRY_VERIFY_WITH_TIMEOUT(keychainRead(key) && keychainRead(key)->error == SecretReply::Error::Missing, 20000);
    const Result<QList<Connection>> back = loadConnections(connectionsPathFor(m_workspacePath));
    QVERIFY(back.ok());
    QCOMPARE(back->size(), 2);
    QFile ws(m_workspacePath);
    QVERIFY(ws.open(QIODevice::ReadOnly));
    QCOMPARE(ws.readAll(), m_workspaceText);
    // The console lets go of the server at once: its token is gone from the keychain.
    QTRY_VERIFY_WITH_TIMEOUT(!m_argocd->isConnected(), 20000);
    QCOMPARE(m_argocd->applications()->rowCount(), 0);
}

void TestConnectionsSettings::cleanupTestCase()
{
    delete m_connector;
    delete m_argocd;
    delete m_log;
    delete m_window; // the dialog with it
    if (m_prometheus)
        m_prometheus->stop();
    m_sim.stop();
}

QTEST_MAIN(TestConnectionsSettings)
#include "tst_connectionssettings.moc"
