// The console's quit path while a context's exec plugin hangs: its window closed, its event loop ended, the
// composition torn down after the loop (console_quit_probe runs the real runConsole). The plugin, and what it
// started, end with the console (issue 10).
#include "HungPlugin.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace rolldeck::testsupport;

class TestConsoleQuit : public QObject
{
    Q_OBJECT
private slots:
    void hungPluginEndsWhenTheConsoleQuits();
};

void TestConsoleQuit::hungPluginEndsWhenTheConsoleQuits()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const HungPlugin plugin{dir.filePath(QStringLiteral("hung-plugin.sh")), dir.filePath(QStringLiteral("pids"))};
    const QString config = dir.filePath(QStringLiteral("kubeconfig"));
    QVERIFY(plugin.write());
    QVERIFY(plugin.writeKubeconfig(config));

    QProcess console;
    console.setProgram(QStringLiteral(ROLLDECK_BINARY_DIR "/tests/console/console_quit_probe"));
    console.setArguments({QStringLiteral("--kubeconfig"), config});
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), dir.path()); // no default workspace
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("ROLLDECK_TEST_QUIT_WHEN"), plugin.pids); // quit once the plugin hangs
    console.setProcessEnvironment(env);
    console.start();
    QVERIFY(console.waitForStarted());
    QVERIFY2(console.waitForFinished(60000), console.readAllStandardError().constData());
    QCOMPARE(console.exitStatus(), QProcess::NormalExit);
    QCOMPARE(console.exitCode(), 0);

    const QList<qint64> pids = plugin.runningPids();
    QCOMPARE(pids.size(), 2);
    for (const qint64 pid : pids)
        QTRY_VERIFY2(!processAlive(pid), qPrintable(QStringLiteral("process %1 outlived the console").arg(pid)));
}

QTEST_GUILESS_MAIN(TestConsoleQuit)
#include "tst_consolequit.moc"
