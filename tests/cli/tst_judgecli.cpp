// `rolldeck judge` as a user runs it: the built binary through QProcess on inputs written here, checking the
// verdicts in words and in JSON, the exit status, and that a broken input names the file and the member.
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

Run judge(const QStringList &args, const QByteArray &stdinData = {})
{
    return rolldeck::test::runRolldeck(QStringList{QStringLiteral("judge")} + args, stdinData);
}

QJsonArray numbers(std::initializer_list<double> values)
{
    QJsonArray a;
    for (const double v : values)
        a.append(v);
    return a;
}

// Latency clearly higher on the canary; errors the same on both sides.
QJsonObject canary()
{
    QJsonObject latency{{QStringLiteral("name"), QStringLiteral("latency p95")},
                        {QStringLiteral("unit"), QStringLiteral("ms")},
                        {QStringLiteral("groups"), QJsonArray{QStringLiteral("latency")}},
                        {QStringLiteral("control"), numbers({101, 99, 103, 98, 100, 102, 97, 104, 100, 99})},
                        {QStringLiteral("experiment"), numbers({140, 138, 143, 139, 141, 137, 142, 140, 144, 139})}};
    QJsonObject errors{{QStringLiteral("name"), QStringLiteral("error rate")},
                       {QStringLiteral("groups"), QJsonArray{QStringLiteral("errors")}},
                       {QStringLiteral("control"), numbers({0.1, 0.2, 0.1, 0.3, 0.2})},
                       {QStringLiteral("experiment"), numbers({0.2, 0.1, 0.3, 0.1, 0.2})}};
    return QJsonObject{{QStringLiteral("settings"),
                        QJsonObject{{QStringLiteral("groupWeights"),
                                     QJsonObject{{QStringLiteral("latency"), 50}, {QStringLiteral("errors"), 50}}}}},
                       {QStringLiteral("metrics"), QJsonArray{latency, errors}}};
}

} // namespace

class TestJudgeCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void verdictsInWords();
    void verdictsInJson();
    void passingCanaryExitsZero();
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

void TestJudgeCli::verdictsInWords()
{
    const Run r = judge({write(QStringLiteral("canary.json"), QJsonDocument(canary()).toJson())});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.out.contains(QStringLiteral("latency p95: canary higher by 40 ms (HL estimate, 98 % CI ")),
             qPrintable(r.out));
    QVERIFY(r.out.contains(QStringLiteral("above the allowed increase → High")));
    QVERIFY(r.out.contains(QStringLiteral("error rate: ")) && r.out.contains(QStringLiteral("→ Pass")));
    QVERIFY2(r.out.contains(QStringLiteral("Score 50: Fail")), qPrintable(r.out));
    QVERIFY(r.err.isEmpty());
}

void TestJudgeCli::verdictsInJson()
{
    const Run r = judge({QStringLiteral("--json"), QStringLiteral("-")}, QJsonDocument(canary()).toJson());
    QCOMPARE(r.exitCode, 1);
    const QJsonObject out = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(out.value(QLatin1String("score")).toDouble(), 50.0);
    QCOMPARE(out.value(QLatin1String("classification")).toString(), QStringLiteral("Fail"));
    const QJsonArray metrics = out.value(QLatin1String("metrics")).toArray();
    QCOMPARE(metrics.size(), 2);
    QCOMPARE(metrics[0][QLatin1String("classification")].toString(), QStringLiteral("High"));
    QCOMPARE(metrics[0][QLatin1String("estimate")].toDouble(), 40.0);
    QVERIFY(metrics[0][QLatin1String("ciLow")].toDouble() > 30);
    QCOMPARE(metrics[1][QLatin1String("classification")].toString(), QStringLiteral("Pass"));
    QCOMPARE(out.value(QLatin1String("groupScores"))[QLatin1String("errors")].toDouble(), 100.0);
}

void TestJudgeCli::passingCanaryExitsZero()
{
    QJsonObject input = canary();
    QJsonArray metrics = input.value(QLatin1String("metrics")).toArray();
    QJsonObject latency = metrics[0].toObject();
    latency.insert(QStringLiteral("experiment"), latency.value(QLatin1String("control")));
    metrics[0] = latency;
    input.insert(QStringLiteral("metrics"), metrics);
    const Run r = judge({write(QStringLiteral("pass.json"), QJsonDocument(input).toJson())});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains(QStringLiteral("Score 100: Pass")));
}

void TestJudgeCli::brokenInput_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("message"); // after "rolldeck judge: FILE"
    QTest::newRow("not JSON") << QByteArray("{\n  \"metrics\": [,]\n}") << QStringLiteral(":2:16: ");
    QTest::newRow("an array") << QByteArray("[]") << QStringLiteral(": expected a JSON object with \"metrics\"");
    QTest::newRow("no metrics") << QByteArray("{}") << QStringLiteral(": metrics: expected an array of metrics");
    QJsonObject bad = canary();
    QJsonArray metrics = bad.value(QLatin1String("metrics")).toArray();
    QJsonObject errors = metrics[1].toObject();
    QJsonArray control = errors.value(QLatin1String("control")).toArray();
    control[2] = QStringLiteral("lots");
    errors.insert(QStringLiteral("control"), control);
    metrics[1] = errors;
    bad.insert(QStringLiteral("metrics"), metrics);
    QTest::newRow("a word among the samples")
        << QJsonDocument(bad).toJson() << QStringLiteral(": metrics[1].control[2]: expected a number, null or \"NaN\"");
    QJsonObject direction = canary();
    metrics = direction.value(QLatin1String("metrics")).toArray();
    QJsonObject latency = metrics[0].toObject();
    latency.insert(QStringLiteral("direction"), QStringLiteral("up"));
    metrics[0] = latency;
    direction.insert(QStringLiteral("metrics"), metrics);
    QTest::newRow("unknown direction") << QJsonDocument(direction).toJson()
                                       << QStringLiteral(
                                              ": metrics[0].direction: expected one of either, increase, decrease");
    QJsonObject confidence = canary();
    confidence.insert(QStringLiteral("settings"), QJsonObject{{QStringLiteral("confidence"), 98}});
    QTest::newRow("confidence as a percentage")
        << QJsonDocument(confidence).toJson()
        << QStringLiteral(": settings.confidence: expected a number between 0 and 1");
}

void TestJudgeCli::brokenInput()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, message);
    const QString path = write(QStringLiteral("bad.json"), input);
    const Run r = judge({path});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.startsWith(QStringLiteral("rolldeck judge: ") + path + message), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
}

QTEST_GUILESS_MAIN(TestJudgeCli)
#include "tst_judgecli.moc"
