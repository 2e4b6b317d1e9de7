// The console shows a workspace's missing keychain entries as problems on their environments, found in the
// background against the private Secret Service (with-private-keyring.sh), next to the workspace's own problems.
#include "KeyringGuard.h"
#include "MainWindow.h"
#include "console/EnvironmentSetup.h"
#include "gui/WorkspaceProblems.h"
#include "kube/Kubeconfig.h"
#include "secrets/SecretStore.h"
#include "secrets/WorkspaceSecrets.h"

#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace rolldeck;

namespace {

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

const QByteArray kKubeconfig = "apiVersion: v1\n"
                               "kind: Config\n"
                               "current-context: prod\n"
                               "clusters:\n"
                               "- name: prod\n"
                               "  cluster: {server: 'https://127.0.0.1:1'}\n"
                               "users:\n"
                               "- name: prod\n"
                               "  user: {token: not-used}\n"
                               "contexts:\n"
                               "- name: prod\n"
                               "  context: {cluster: prod, user: prod, namespace: shop}\n";

QByteArray workspaceYaml(const QByteArray &extraCluster)
{
    return "version: 1\n"
           "environments:\n"
           "  production:\n"
           "    clusters:\n"
           "      - context: prod\n" +
           extraCluster +
           "    argocd:\n"
           "      server: https://argocd.prod.example\n"
           "      applications: [shop]\n"
           "      credential: keychain:console-argo\n"
           "    prometheus:\n"
           "      url: https://prom.prod.example\n"
           "      credential: keychain:console-prom\n";
}

} // namespace

class TestCredentialConsole : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        ROLLDECK_REQUIRE_PRIVATE_KEYRING();
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("kubeconfig")), kKubeconfig));
        m_kubeconfig = kube::loadKubeconfigFiles({m_dir.filePath(QStringLiteral("kubeconfig"))});
        QVERIFY(m_kubeconfig.context(QStringLiteral("prod")));

        // Prometheus's token is in the keychain; Argo CD's is not.
        SecretStore store(this);
        bool stored = false;
        store.write(QStringLiteral("console-prom"), "prom-console-token", this,
                    [&stored](const SecretReply &r) { stored = r.ok(); });
        QTRY_VERIFY_WITH_TIMEOUT(stored, 20000);
    }

    void missingReferenceIsAProblemOnItsEnvironment()
    {
        const QString path = m_dir.filePath(QStringLiteral("ws.yaml"));
        QVERIFY(writeFile(path, workspaceYaml({})));
        const EnvironmentSetup setup = setupEnvironments(m_kubeconfig, path);
        QVERIFY(setup.problems.isEmpty());

        MainWindow window;
        window.show();
        WorkspaceSecrets secrets;
        WorkspaceProblems problems(&window, &secrets);
        QSignalSpy checked(&problems, &WorkspaceProblems::credentialsChecked);
        problems.show(setup);
        auto *label = window.findChild<QLabel *>(QStringLiteral("workspaceProblems"));
        QVERIFY(label);
        QVERIFY(!label->isVisible()); // nothing known yet

        QVERIFY(checked.wait(20000));
        const QStringList shown = window.workspaceProblems();
        QCOMPARE(shown.size(), 1);
        QCOMPARE(shown.first(), QStringLiteral("production: Argo CD at https://argocd.prod.example needs the keychain "
                                               "entry \"console-argo\", which is missing; set it with: rolldeck "
                                               "credential set console-argo"));
        QVERIFY(label->isVisible());
        QVERIFY2(label->text().startsWith(QLatin1String("Some keychain entries the workspace refers to")),
                 qPrintable(label->text()));
        QVERIFY(!label->text().contains(QLatin1String("console-prom")));
        QVERIFY(!label->text().contains(QLatin1String("prom-console-token")));

        // The present one is resolved and held in memory for the Prometheus client.
        const Environment *production = setup.scope.workspace().environment(QStringLiteral("production"));
        QVERIFY(production && production->prometheus);
        const std::optional<QByteArray> token = secrets.secret(production->prometheus->credential);
        QVERIFY(token.has_value());
        QVERIFY2(*token == "prom-console-token", "the resolved Prometheus token differs from the stored one");
        QVERIFY(!secrets.secret(production->argocd->credential).has_value());

        // Setting the entry and checking again clears the problem.
        SecretStore store(this);
        bool stored = false;
        store.write(QStringLiteral("console-argo"), "argo-console-token", this,
                    [&stored](const SecretReply &r) { stored = r.ok(); });
        QTRY_VERIFY_WITH_TIMEOUT(stored, 20000);
        problems.show(setup);
        QVERIFY(checked.wait(20000));
        QVERIFY(window.workspaceProblems().isEmpty());
        QVERIFY(!label->isVisible());
        bool removed = false;
        store.remove(QStringLiteral("console-argo"), this, [&removed](const SecretReply &r) { removed = r.ok(); });
        QTRY_VERIFY_WITH_TIMEOUT(removed, 20000);
    }

    void keepsTheWorkspacesOwnProblems()
    {
        // A context the kubeconfig lacks is a problem found at once; the credential follows in the background.
        const QString path = m_dir.filePath(QStringLiteral("ws2.yaml"));
        QVERIFY(writeFile(path, workspaceYaml("      - context: gone\n")));
        const EnvironmentSetup setup = setupEnvironments(m_kubeconfig, path);
        QCOMPARE(setup.problems.size(), 1);

        MainWindow window;
        WorkspaceSecrets secrets;
        WorkspaceProblems problems(&window, &secrets);
        QSignalSpy checked(&problems, &WorkspaceProblems::credentialsChecked);
        problems.show(setup);
        QCOMPARE(window.workspaceProblems(), setup.problems);
        QVERIFY(checked.wait(20000));
        const QStringList shown = window.workspaceProblems();
        QCOMPARE(shown.size(), 3);
        QCOMPARE(shown.at(0), setup.problems.first());
        QVERIFY(shown.at(1).startsWith(QLatin1String("Some keychain entries")));
        QVERIFY2(shown.at(2).contains(QLatin1String("\"console-argo\", which is missing")), qPrintable(shown.at(2)));
        QCOMPARE(problems.credentialProblems(), QStringList{shown.at(2)});
    }

private:
    QTemporaryDir m_dir;
    kube::Kubeconfig m_kubeconfig;
};

QTEST_MAIN(TestCredentialConsole)
#include "tst_credentialconsole.moc"
