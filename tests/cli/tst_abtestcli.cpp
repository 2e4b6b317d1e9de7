// `rolldeck abtest report` as a user runs it: the built binary through QProcess on inputs written here, checking
// the report in words and in JSON, and that a broken input names the file and the member.
#include "RolldeckRun.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

using Run = rolldeck::test::RolldeckRun;

Run abtest(const QStringList &args, const QByteArray &stdinData = {})
{
    return rolldeck::test::runRolldeck(QStringList{QStringLiteral("abtest")} + args, stdinData);
}

QJsonObject variant(const char *name, double weight, double visits, double conversions)
{
    return QJsonObject{{QStringLiteral("name"), QString::fromLatin1(name)},
                       {QStringLiteral("weight"), weight},
                       {QStringLiteral("visits"), visits},
                       {QStringLiteral("conversions"), conversions}};
}

QJsonObject checkout(double visitsB)
{
    const QJsonObject latency{
        {QStringLiteral("name"), QStringLiteral("response time")},
        {QStringLiteral("unit"), QStringLiteral("ms")},
        {QStringLiteral("minimumEffect"), 10},
        {QStringLiteral("control"),
         QJsonObject{{QStringLiteral("n"), 40000}, {QStringLiteral("mean"), 180}, {QStringLiteral("sd"), 60}}},
        {QStringLiteral("test"), QJsonObject{{QStringLiteral("samples"), QJsonArray{150, 160, 140, 155, 151, 149}}}}};
    return QJsonObject{{QStringLiteral("name"), QStringLiteral("checkout-ab")},
                       {QStringLiteral("minimumConversionEffect"), 0.004},
                       {QStringLiteral("variants"),
                        QJsonArray{variant("control", 50, 40000, 1600), variant("test", 50, visitsB, 1760)}},
                       {QStringLiteral("metrics"), QJsonArray{latency}}};
}

} // namespace

class TestAbTestCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void reportInWords();
    void reportInJson();
    void mismatchIsFlagged();
    void brokenInput_data();
    void brokenInput();

private:
    QString write(const QString &name, const QByteArray &data)
    {
        QFile f(m_dir.filePath(name));
        if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
            return {};
        return f.fileName();
    }
    QTemporaryDir m_dir;
};

void TestAbTestCli::reportInWords()
{
    const Run r =
        abtest({QStringLiteral("report"), write(QStringLiteral("ab.json"), QJsonDocument(checkout(40000)).toJson())});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(QStringLiteral("two-proportion z-test: statistic ")), qPrintable(r.out));
    QVERIFY(r.out.contains(QStringLiteral("Welch's t-test: statistic ")));
    QVERIFY(r.out.contains(QStringLiteral("always-valid (mSPRT) p ")));
    QVERIFY(r.out.contains(QStringLiteral("Verdict: test is better on conversion (+10.0 %, CI +")));
    QVERIFY(r.err.isEmpty());
}

void TestAbTestCli::reportInJson()
{
    const Run r = abtest({QStringLiteral("report"), QStringLiteral("-"), QStringLiteral("--json")},
                         QJsonDocument(checkout(40000)).toJson());
    QCOMPARE(r.exitCode, 0);
    const QJsonObject out = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(out.value(QLatin1String("sampleRatioMismatch")).toBool(), false);
    const QJsonArray metrics = out.value(QLatin1String("metrics")).toArray();
    QCOMPARE(metrics.size(), 2);
    const QJsonObject z = metrics[0][QLatin1String("tests")][0].toObject();
    QCOMPARE(z.value(QLatin1String("method")).toString(), QStringLiteral("two-proportion z-test"));
    QVERIFY(z.value(QLatin1String("pValue")).toDouble() < 0.01);
    QCOMPARE(metrics[0][QLatin1String("plannedPerGroupA")].toDouble(), 39475.0);
    QVERIFY(metrics[0][QLatin1String("alwaysValidP")].isDouble());
    QCOMPARE(metrics[1][QLatin1String("tests")][0][QLatin1String("method")].toString(),
             QStringLiteral("Welch's t-test"));
}

void TestAbTestCli::mismatchIsFlagged()
{
    const Run r =
        abtest({QStringLiteral("report"), write(QStringLiteral("srm.json"), QJsonDocument(checkout(36000)).toJson())});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(QStringLiteral("Verdict: do not trust: sample-ratio mismatch, p = ")), qPrintable(r.out));
}

void TestAbTestCli::brokenInput_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("message");
    QTest::newRow("not JSON") << QByteArray("{\"variants\": [}") << QStringLiteral(":1:16: ");
    QTest::newRow("one variant")
        << QJsonDocument(QJsonObject{{QStringLiteral("variants"), QJsonArray{variant("a", 50, 1, 1)}}}).toJson()
        << QStringLiteral(": variants: expected two variants, the baseline first");
    QJsonObject noTest = checkout(40000);
    QJsonArray metrics = noTest.value(QLatin1String("metrics")).toArray();
    QJsonObject m = metrics[0].toObject();
    m.remove(QStringLiteral("test"));
    metrics[0] = m;
    noTest.insert(QStringLiteral("metrics"), metrics);
    QTest::newRow("a metric without the second variant")
        << QJsonDocument(noTest).toJson()
        << QStringLiteral(": metrics[0].test: expected {\"samples\": [...]} or {\"n\", \"mean\", \"sd\"}");
    QJsonObject alpha = checkout(40000);
    alpha.insert(QStringLiteral("alpha"), 5);
    QTest::newRow("alpha as a percentage")
        << QJsonDocument(alpha).toJson() << QStringLiteral(": alpha: expected a number between 0 and 1");
}

void TestAbTestCli::brokenInput()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, message);
    const QString path = write(QStringLiteral("bad.json"), input);
    const Run r = abtest({QStringLiteral("report"), path});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.startsWith(QStringLiteral("rolldeck abtest: ") + path + message), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
}

QTEST_GUILESS_MAIN(TestAbTestCli)
#include "tst_abtestcli.moc"
