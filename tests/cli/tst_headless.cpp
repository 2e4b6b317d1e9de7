// Every command line on a machine without a display (issue 10): --help, --version and the subcommands work, and
// the console says in one line what to do instead of aborting in Qt's platform plugin.
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestHeadless : public QObject
{
    Q_OBJECT

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    Run run(const QStringList &arguments) const
    {
        QProcess p;
        p.setProgram(QStringLiteral(ROLLDECK_BINARY_DIR "/app/rolldeck"));
        p.setArguments(arguments);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &name :
             {QStringLiteral("DISPLAY"), QStringLiteral("WAYLAND_DISPLAY"), QStringLiteral("QT_QPA_PLATFORM")})
            env.remove(name);
        // A private, empty home: no kubeconfig or workspace of the machine is read.
        env.insert(QStringLiteral("HOME"), m_home.path());
        env.insert(QStringLiteral("KUBECONFIG"), m_home.filePath(QStringLiteral("none")));
        p.setProcessEnvironment(env);
        p.start();
        Run r;
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
            return r;
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2; // -2: killed by a signal (abort)
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

    QTemporaryDir m_home;

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QVERIFY2(QFile::exists(QStringLiteral(ROLLDECK_BINARY_DIR "/app/rolldeck")), "build the rolldeck target first");
    }

    void textOnly_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected"); // part of stdout

        QTest::newRow("--help") << QStringList{QStringLiteral("--help")} << QStringLiteral("--demo");
        QTest::newRow("-h") << QStringList{QStringLiteral("-h")} << QStringLiteral("--kubeconfig");
        QTest::newRow("--version") << QStringList{QStringLiteral("--version")}
                                   << QStringLiteral("rolldeck " ROLLDECK_VERSION_FOR_TEST);
        QTest::newRow("inspect --help") << QStringList{QStringLiteral("inspect"), QStringLiteral("--help")}
                                        << QStringLiteral("--rollout");
        QTest::newRow("status --help") << QStringList{QStringLiteral("status"), QStringLiteral("--help")}
                                       << QStringLiteral("--all-contexts");
        QTest::newRow("credential --help")
            << QStringList{QStringLiteral("credential"), QStringLiteral("--help")} << QStringLiteral("keychain");
    }

    void textOnly()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        const Run r = run(arguments);
        QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1; stderr: %2").arg(r.exitCode).arg(r.err)));
        QVERIFY2(r.out.contains(expected), qPrintable(r.out));
    }

    // The subcommands do their work without a display, not only their help.
    void inspectRuns()
    {
        const Run r =
            run({QStringLiteral("inspect"),
                 QStringLiteral(ROLLDECK_FIXTURES_DIR "/argo-rollouts/pkg/kubectl-argo-rollouts/info/testdata/canary"),
                 QStringLiteral("--rollout"), QStringLiteral("canary-demo"), QStringLiteral("--now"),
                 QStringLiteral("2019-10-28T20:00:00Z")});
        QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1; stderr: %2").arg(r.exitCode).arg(r.err)));
        QVERIFY2(r.out.contains(QLatin1String("Name:")), qPrintable(r.out));
    }

    void consoleSaysWhatToDo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("console") << QStringList{};
        QTest::newRow("demo") << QStringList{QStringLiteral("--demo")};
    }

    void consoleSaysWhatToDo()
    {
        QFETCH(QStringList, arguments);
        const Run r = run(arguments);
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(r.err.startsWith(QLatin1String("rolldeck: no display")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QLatin1String("xvfb-run")) &&
                     r.err.contains(QLatin1String("QT_QPA_PLATFORM=offscreen")),
                 qPrintable(r.err));
    }

    void wrongOption()
    {
        const Run r = run({QStringLiteral("--no-such-option")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("no-such-option")), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
