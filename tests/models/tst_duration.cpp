#include "models/domain/Duration.h"

#include <QTest>

#include <array>
#include <initializer_list>
#include <utility>

using namespace std::chrono_literals;
using rolldeck::humanDuration;
using rolldeck::humanDurationStep;
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

    // humanDurationStep changes exactly when the text does: walked from -3 s to 12 years in steps finer than each
    // bracket's unit, every neighbouring pair agrees, and so do pairs far apart.
    void stepChangesExactlyWithTheText()
    {
        const qint64 s = 1000, m = 60 * s, h = 60 * m, d = 24 * h, y = 365 * d;
        const std::initializer_list<std::array<qint64, 3>> walks{{-3 * s, 20 * m, 250},
                                                                 {20 * m, 9 * h, 7 * s},
                                                                 {9 * h, 9 * d, 3 * m},
                                                                 {9 * d, 9 * y, 5 * h},
                                                                 {9 * y, 12 * y, d}};
        qint64 previous = -3 * s - 1;
        int changes = 0;
        for (const auto &[from, to, step] : walks) {
            for (qint64 ms = from; ms <= to; ms += step) {
                const auto a = std::chrono::milliseconds(previous), b = std::chrono::milliseconds(ms);
                const bool sameText = humanDuration(a) == humanDuration(b);
                QVERIFY2(sameText == (humanDurationStep(a) == humanDurationStep(b)),
                         qPrintable(humanDuration(a) + QStringLiteral(" / ") + humanDuration(b)));
                changes += sameText ? 0 : 1;
                previous = ms;
            }
        }
        QVERIFY(changes > 3000); // the walk did cross the texts it checks
        for (const auto &[a, b] : std::initializer_list<std::pair<qint64, qint64>>{
                 {90 * s, 90 * m}, {179 * m, 3 * h}, {47 * h, 2 * d}, {729 * d, 2 * y}, {3 * y, 3 * y + 5 * d}})
            QCOMPARE(humanDurationStep(std::chrono::milliseconds(a)) == humanDurationStep(std::chrono::milliseconds(b)),
                     humanDuration(std::chrono::milliseconds(a)) == humanDuration(std::chrono::milliseconds(b)));
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
