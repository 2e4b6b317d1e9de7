// The console as people start it: `rolldeck --demo` with a window open (the detail on its Metrics tab, the
// deployment dashboard, presenter mode, the Experiments view reading the A/B tests live), saving a picture and quitting
// by itself. It must end cleanly: exit code 0, no signal, with glibc's heap checks on. (A connection whose receiver
// died before the detail closed once crashed the console at every quit with a rollout open.)
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestConsoleExit : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QVERIFY2(QFile::exists(QStringLiteral(ROLLDECK_BINARY_DIR "/app/rolldeck")), "build the rolldeck target first");
    }

    void quitsCleanly_data()
    {
        QTest::addColumn<QStringList>("view");
        QTest::newRow("detail and metrics")
            << QStringList{QStringLiteral("--rollout"), QStringLiteral("rolldeck-demo/canary/payments-api"),
                           QStringLiteral("--show-metrics")};
        QTest::newRow("deployment dashboard") << QStringList{QStringLiteral("--show-dashboard")};
        QTest::newRow("presenter") << QStringList{QStringLiteral("--present")};
        QTest::newRow("experiments") << QStringList{QStringLiteral("--show-experiments")};
    }

    void quitsCleanly()
    {
        QFETCH(QStringList, view);
        const QString picture =
            m_home.filePath(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-') + QStringLiteral(".png"));
        QProcess p;
        p.setProgram(QStringLiteral(ROLLDECK_BINARY_DIR "/app/rolldeck"));
        p.setArguments(QStringList{QStringLiteral("--demo"), QStringLiteral("--speed"), QStringLiteral("60")} + view +
                       QStringList{QStringLiteral("--screenshot"), picture, QStringLiteral("--screenshot-after"),
                                   QStringLiteral("6"), QStringLiteral("-platform"), QStringLiteral("offscreen")});
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_home.path()); // no kubeconfig, workspace or settings of the machine
        env.insert(QStringLiteral("KUBECONFIG"), m_home.filePath(QStringLiteral("none")));
        env.insert(QStringLiteral("MALLOC_CHECK_"), QStringLiteral("3"));
        env.insert(QStringLiteral("MALLOC_PERTURB_"), QStringLiteral("165"));
        p.setProcessEnvironment(env);
        p.start();
        if (!p.waitForFinished(90000)) {
            p.kill();
            p.waitForFinished();
            QFAIL("the console did not quit within 90 s");
        }
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(p.exitStatus() == QProcess::NormalExit, err.right(2000).constData());
        QVERIFY2(p.exitCode() == 0, err.right(2000).constData());
        const QImage image(picture);
        QVERIFY2(!image.isNull(), qPrintable(picture));
        QVERIFY(image.width() > 600 && image.height() > 400);
    }
};

QTEST_GUILESS_MAIN(TestConsoleExit)
#include "tst_consoleexit.moc"
