#include "models/domain/Duration.h"

#include <QTest>

using namespace std::chrono_literals;
using rolldeck::humanDuration;
using rolldeck::parseGoDuration;

class TestDuration : public QObject
{
    Q_OBJECT
private slots:
    void human_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("text");
        QTest::newRow("negative beyond skew") << qint64(-2000) << QStringLiteral("<invalid>");
        QTest::newRow("small negative") << qint64(-1500) << QStringLiteral("0s");
        QTest::newRow("zero") << qint64(0) << QStringLiteral("0s");
        QTest::newRow("119s") << qint64(119'000) << QStringLiteral("119s");
        QTest::newRow("2m") << qint64(120'000) << QStringLiteral("2m");
        QTest::newRow("9m59s") << qint64(599'000) << QStringLiteral("9m59s");
        QTest::newRow("10m") << qint64(600'000) << QStringLiteral("10m");
        QTest::newRow("3h59m") << qint64((3 * 3600 + 59 * 60 + 30) * 1000LL) << QStringLiteral("3h59m");
        QTest::newRow("4h") << qint64(4 * 3600 * 1000LL) << QStringLiteral("4h");
        QTest::newRow("47h") << qint64(47 * 3600 * 1000LL) << QStringLiteral("47h");
        QTest::newRow("7d") << qint64(7 * 24 * 3600 * 1000LL) << QStringLiteral("7d");
        QTest::newRow("2d3h") << qint64(51 * 3600 * 1000LL) << QStringLiteral("2d3h");
        QTest::newRow("400d") << qint64(400 * 24 * 3600 * 1000LL) << QStringLiteral("400d");
        QTest::newRow("3y") << qint64(3 * 365 * 24 * 3600 * 1000LL) << QStringLiteral("3y");
    }
    void human()
    {
        QFETCH(qint64, ms);
        QFETCH(QString, text);
        QCOMPARE(humanDuration(std::chrono::milliseconds(ms)), text);
    }

    void goDuration_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ms");
        QTest::newRow("int seconds") << QStringLiteral("30") << qint64(30'000);
        QTest::newRow("s") << QStringLiteral("10s") << qint64(10'000);
        QTest::newRow("m") << QStringLiteral("30m") << qint64(1'800'000);
        QTest::newRow("compound") << QStringLiteral("1h30m") << qint64(5'400'000);
        QTest::newRow("fraction") << QStringLiteral("1.5h") << qint64(5'400'000);
        QTest::newRow("bad unit") << QStringLiteral("5x") << qint64(-1);
        QTest::newRow("empty") << QString() << qint64(-1);
        QTest::newRow("negative int") << QStringLiteral("-5") << qint64(-1);
    }
    void goDuration()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ms);
        const auto d = parseGoDuration(text);
        if (ms < 0)
            QVERIFY(!d.has_value());
        else
            QCOMPARE(d.value_or(-1ms).count(), ms);
    }
};

QTEST_GUILESS_MAIN(TestDuration)
#include "tst_duration.moc"
