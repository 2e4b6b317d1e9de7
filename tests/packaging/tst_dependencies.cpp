// Every file the build and the tests use comes from a Debian package that dev.sh installs or that those pull
// in (packaging/check-dependencies.sh), and taking a needed package out of the list makes the check fail
// naming that package and the file that needed it.
#include <QFile>
#include <QLibraryInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kSource = QStringLiteral(ROLLDECK_SOURCE_DIR);
const QString kBuild = QStringLiteral(ROLLDECK_BINARY_DIR);

// Files the product loads at run time, which no link line shows: Qt's own German strings, the platform
// plugins of the console and of the tests, and the TLS backend every HTTPS connection uses.
QStringList runtimeFiles()
{
    const QString translations = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    const QString plugins = QLibraryInfo::path(QLibraryInfo::PluginsPath);
    return {translations + QStringLiteral("/qtbase_de.qm"), plugins + QStringLiteral("/platforms/libqxcb.so"),
            plugins + QStringLiteral("/platforms/libqoffscreen.so"),
            plugins + QStringLiteral("/tls/libqopensslbackend.so")};
}

// Programs the tests, the demo and the packaging run (kubectl aside: the machine provides it).
QStringList programs()
{
    return {QStringLiteral("prometheus"),
            QStringLiteral("promtool"),
            QStringLiteral("gnome-keyring-daemon"),
            QStringLiteral("dbus-run-session"),
            QStringLiteral("dbus-send"),
            QStringLiteral("xvfb-run"),
            QStringLiteral("openssl"),
            QStringLiteral("script"),
            QStringLiteral("help2man"),
            QStringLiteral("dpkg-deb"),
            QStringLiteral("dpkg-shlibdeps"),
            QStringLiteral("desktop-file-validate"),
            QStringLiteral("appstreamcli"),
            QStringLiteral("cpack"),
            QStringLiteral("ctags"),
            QStringLiteral("prometheus-alertmanager")};
}

struct CheckRun
{
    int exitCode = -1;
    QString output;
};

CheckRun runCheck(const QString &devSh)
{
    QStringList args{kSource + QStringLiteral("/packaging/check-dependencies.sh"), QStringLiteral("--dev-sh"), devSh,
                     QStringLiteral("--build"), kBuild};
    for (const QString &p : programs())
        args << QStringLiteral("--program") << p;
    for (const QString &f : runtimeFiles())
        args << QStringLiteral("--file") << f;
    QProcess check;
    check.setProcessChannelMode(QProcess::MergedChannels);
    check.start(QStringLiteral("bash"), args);
    CheckRun run;
    if (!check.waitForFinished(240000)) {
        check.kill();
        check.waitForFinished();
        run.output = QStringLiteral("check-dependencies.sh did not finish");
        return run;
    }
    run.exitCode = check.exitStatus() == QProcess::NormalExit ? check.exitCode() : -1;
    run.output = QString::fromLocal8Bit(check.readAll());
    return run;
}

} // namespace

class TestDependencies : public QObject
{
    Q_OBJECT

private slots:
    void everyNeededFileComesFromAListedPackage();
    void aPackageTakenOutOfTheListIsNamed_data();
    void aPackageTakenOutOfTheListIsNamed();
};

void TestDependencies::everyNeededFileComesFromAListedPackage()
{
    const CheckRun run = runCheck(kSource + QStringLiteral("/dev.sh"));
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    QVERIFY2(run.output.contains(QLatin1String(", 0 missing")), qPrintable(run.output));
}

void TestDependencies::aPackageTakenOutOfTheListIsNamed_data()
{
    QTest::addColumn<QString>("package");
    QTest::addColumn<QString>("neededFile");
    // The packages a fresh machine once lacked, and one each for a program and a run-time file.
    QTest::newRow("Qt's OpenGL CMake files")
        << QStringLiteral("libqt6opengl6-dev") << QStringLiteral("Qt6OpenGLConfig.cmake");
    QTest::newRow("Qt's translations") << QStringLiteral("qt6-translations-l10n") << QStringLiteral("qtbase_de.qm");
    QTest::newRow("the desktop file validator")
        << QStringLiteral("desktop-file-utils") << QStringLiteral("desktop-file-validate");
    QTest::newRow("Prometheus") << QStringLiteral("prometheus") << QStringLiteral("promtool");
    QTest::newRow("Alertmanager") << QStringLiteral("prometheus-alertmanager")
                                  << QStringLiteral("prometheus-alertmanager");
    QTest::newRow("yaml-cpp") << QStringLiteral("libyaml-cpp-dev") << QStringLiteral("yaml-cpp");
    QTest::newRow("dtl (the resource diff)") << QStringLiteral("libdtl-dev") << QStringLiteral("dtl");
}

void TestDependencies::aPackageTakenOutOfTheListIsNamed()
{
    QFETCH(QString, package);
    QFETCH(QString, neededFile);

    QFile original(kSource + QStringLiteral("/dev.sh"));
    QVERIFY(original.open(QIODevice::ReadOnly));
    QString script = QString::fromUtf8(original.readAll());
    const QString word = QStringLiteral(" ") + package + QStringLiteral(" ");
    script.replace(QStringLiteral("\n    ") + package + QStringLiteral(" "), QStringLiteral("\n    "));
    script.replace(word, QStringLiteral(" "));
    script.replace(QStringLiteral(" ") + package + QStringLiteral("\n"), QStringLiteral("\n"));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile edited(dir.filePath(QStringLiteral("dev.sh")));
    QVERIFY(edited.open(QIODevice::WriteOnly));
    edited.write(script.toUtf8());
    edited.close();

    QProcess list;
    list.start(QStringLiteral("bash"), {edited.fileName(), QStringLiteral("packages")});
    QVERIFY(list.waitForFinished());
    const QStringList listed = QString::fromUtf8(list.readAllStandardOutput()).split(QLatin1Char('\n'));
    QVERIFY2(!listed.contains(package), "the edited list still names the package");
    QVERIFY(listed.size() > 10);

    const CheckRun run = runCheck(edited.fileName());
    QVERIFY2(run.exitCode == 1, qPrintable(run.output));
    bool named = false;
    for (const QString &line : run.output.split(QLatin1Char('\n')))
        named = named ||
                (line.contains(QStringLiteral("package ") + package + QLatin1Char(' ')) && line.contains(neededFile));
    QVERIFY2(named, qPrintable(run.output));
}

QTEST_GUILESS_MAIN(TestDependencies)
#include "tst_dependencies.moc"
