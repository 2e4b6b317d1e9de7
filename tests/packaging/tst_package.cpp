// The Debian package: built by CPack with Depends from dpkg-shlibdeps, it holds the programs, the desktop
// file, the AppStream metainfo, the icons and the man pages; the desktop file and metainfo validate; and the
// programs run from the unpacked tree.
#include <QDir>
#include <QDirIterator>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kSource = QStringLiteral(ROLLDECK_SOURCE_DIR);
const QString kBuild = QStringLiteral(ROLLDECK_BINARY_DIR);
const QString kAppId = QStringLiteral("io.rolldeck.Rolldeck");

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QString &program, const QStringList &args, const QString &dir = QString(), int timeoutMs = 120000)
{
    QProcess p;
    if (!dir.isEmpty())
        p.setWorkingDirectory(dir);
    p.start(program, args);
    Run r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = program + QStringLiteral(" did not finish");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromLocal8Bit(p.readAllStandardOutput());
    r.err = QString::fromLocal8Bit(p.readAllStandardError());
    return r;
}

QString describe(const Run &r)
{
    return QStringLiteral("exit %1\nstdout:\n%2\nstderr:\n%3").arg(r.exitCode).arg(r.out, r.err);
}

} // namespace

class TestPackage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void dependsComeFromShlibdeps();
    void holdsWhatADesktopNeeds_data();
    void holdsWhatADesktopNeeds();
    void desktopFileAndMetainfoValidate();
    void manPagesDescribeThePrograms();
    void programsRunFromTheUnpackedTree();

private:
    QTemporaryDir m_dir;
    QString m_deb;
    QString m_root;
};

void TestPackage::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString out = m_dir.filePath(QStringLiteral("out"));
    const Run cpack = run(QStringLiteral(ROLLDECK_CPACK),
                          {QStringLiteral("--config"), kBuild + QStringLiteral("/CPackConfig.cmake"),
                           QStringLiteral("-G"), QStringLiteral("DEB"), QStringLiteral("-B"), out},
                          kBuild, 480000);
    QVERIFY2(cpack.exitCode == 0, qPrintable(describe(cpack)));
    const QStringList debs = QDir(out).entryList({QStringLiteral("rolldeck_*.deb")}, QDir::Files);
    QVERIFY2(debs.size() == 1, qPrintable(debs.join(QLatin1Char(' ')) + describe(cpack)));
    m_deb = QDir(out).filePath(debs.first());
    m_root = m_dir.filePath(QStringLiteral("root"));
    const Run unpack = run(QStringLiteral("dpkg-deb"), {QStringLiteral("-x"), m_deb, m_root});
    QVERIFY2(unpack.exitCode == 0, qPrintable(describe(unpack)));
}

void TestPackage::dependsComeFromShlibdeps()
{
    const Run info = run(QStringLiteral("dpkg-deb"), {QStringLiteral("-f"), m_deb, QStringLiteral("Depends")});
    QVERIFY2(info.exitCode == 0, qPrintable(describe(info)));
    const QString depends = info.out.trimmed();
    // dpkg-shlibdeps writes a versioned dependency on the package of each linked library.
    for (const char *lib : {"libqt6core6 (>= 6", "libqt6widgets6 (>= 6", "libqt6charts6 (>= 6", "libqt6network6 (>= 6",
                            "libyaml-cpp0.7 (>= 0.7", "libqt6keychain1 (>=", "libssl3 (>= 3", "libc6 (>= 2"}) {
        QVERIFY2(depends.contains(QLatin1String(lib)),
                 qPrintable(QStringLiteral("%1 not in Depends: %2").arg(QLatin1String(lib), depends)));
    }
    const Run recommends = run(QStringLiteral("dpkg-deb"), {QStringLiteral("-f"), m_deb, QStringLiteral("Recommends")});
    QVERIFY2(recommends.out.contains(QLatin1String("qt6-translations-l10n")), qPrintable(recommends.out));
}

void TestPackage::holdsWhatADesktopNeeds_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("console") << QStringLiteral("usr/bin/rolldeck");
    QTest::newRow("simulator") << QStringLiteral("usr/bin/rolldeck-sim");
    QTest::newRow("desktop file") << QStringLiteral("usr/share/applications/") + kAppId + QStringLiteral(".desktop");
    QTest::newRow("metainfo") << QStringLiteral("usr/share/metainfo/") + kAppId + QStringLiteral(".metainfo.xml");
    QTest::newRow("scalable icon") << QStringLiteral("usr/share/icons/hicolor/scalable/apps/") + kAppId +
                                          QStringLiteral(".svg");
    for (int size : {16, 24, 32, 48, 64, 128, 256, 512})
        QTest::newRow(qPrintable(QStringLiteral("icon %1").arg(size)))
            << QStringLiteral("usr/share/icons/hicolor/%1x%1/apps/").arg(size) + kAppId + QStringLiteral(".png");
    QTest::newRow("man rolldeck") << QStringLiteral("usr/share/man/man1/rolldeck.1.gz");
    QTest::newRow("man rolldeck-sim") << QStringLiteral("usr/share/man/man1/rolldeck-sim.1.gz");
}

void TestPackage::holdsWhatADesktopNeeds()
{
    QFETCH(QString, path);
    const QFileInfo file(m_root + QLatin1Char('/') + path);
    QVERIFY2(file.isFile(), qPrintable(path));
    QVERIFY(file.size() > 0);
}

void TestPackage::desktopFileAndMetainfoValidate()
{
    const QString desktop = m_root + QStringLiteral("/usr/share/applications/") + kAppId + QStringLiteral(".desktop");
    const Run d = run(QStringLiteral("desktop-file-validate"), {desktop});
    QVERIFY2(d.exitCode == 0 && d.out.trimmed().isEmpty(), qPrintable(describe(d)));
    const QString metainfo = m_root + QStringLiteral("/usr/share/metainfo/") + kAppId + QStringLiteral(".metainfo.xml");
    const Run m = run(QStringLiteral("appstreamcli"),
                      {QStringLiteral("validate"), QStringLiteral("--no-net"), QStringLiteral("--pedantic"), metainfo});
    QVERIFY2(m.exitCode == 0, qPrintable(describe(m)));
}

void TestPackage::manPagesDescribeThePrograms()
{
    for (const QString &page : {QStringLiteral("rolldeck"), QStringLiteral("rolldeck-sim")}) {
        const Run man = run(QStringLiteral("zcat"),
                            {m_root + QStringLiteral("/usr/share/man/man1/") + page + QStringLiteral(".1.gz")});
        QVERIFY2(man.exitCode == 0, qPrintable(describe(man)));
        QVERIFY2(man.out.contains(QStringLiteral(".TH ")), qPrintable(man.out.left(400)));
        QVERIFY2(man.out.contains(QStringLiteral("\\-\\-kubeconfig")), qPrintable(man.out));
    }
}

void TestPackage::programsRunFromTheUnpackedTree()
{
    const QString bin = m_root + QStringLiteral("/usr/bin/");
    const Run version = run(bin + QStringLiteral("rolldeck"), {QStringLiteral("--version")});
    QVERIFY2(version.exitCode == 0 && version.out.contains(QStringLiteral(ROLLDECK_PROJECT_VERSION)),
             qPrintable(describe(version)));

    const QString fixture =
        QStringLiteral(ROLLDECK_FIXTURES_DIR "/argo-rollouts/pkg/kubectl-argo-rollouts/info/testdata/canary");
    const Run inspect =
        run(bin + QStringLiteral("rolldeck"),
            {QStringLiteral("inspect"), fixture, QStringLiteral("--rollout"), QStringLiteral("canary-demo")});
    QVERIFY2(inspect.exitCode == 0, qPrintable(describe(inspect)));
    QVERIFY2(inspect.out.contains(QStringLiteral("Name:            canary-demo")), qPrintable(inspect.out));
    QVERIFY2(inspect.out.contains(QStringLiteral("Strategy:        Canary")), qPrintable(inspect.out));

    const Run sim = run(bin + QStringLiteral("rolldeck-sim"), {QStringLiteral("--help")});
    QVERIFY2(sim.exitCode == 0 && (sim.out + sim.err).contains(QStringLiteral("--kubeconfig-out")),
             qPrintable(describe(sim)));
}

QTEST_GUILESS_MAIN(TestPackage)
#include "tst_package.moc"
