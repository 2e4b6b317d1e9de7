// Threshold lines from simple comparisons (models/analysis/Threshold): which conditions give one, with what value,
// direction and pass band, and which give none (the chart shows their text).
#include "models/analysis/Threshold.h"

#include <QTest>

#include <cmath>

using namespace rolldeck;
using namespace rolldeck::analysis;

class TestThreshold : public QObject
{
    Q_OBJECT

private slots:
    void extracts_data();
    void extracts();
    void passBands();
};

void TestThreshold::extracts_data()
{
    QTest::addColumn<QString>("condition");
    QTest::addColumn<bool>("failure"); // a failureCondition
    QTest::addColumn<QString>("text"); // "" = no threshold
    QTest::addColumn<int>("index");
    QTest::addColumn<bool>("every");
    QTest::addColumn<bool>("passAbove");

    QTest::newRow("vector <") << "result[0] < 0.005" << false << "< 0.005" << 0 << false << false;
    QTest::newRow("scalar <") << "result < 0.2" << false << "< 0.2" << 0 << false << false;
    QTest::newRow("success >=") << "result[0] >= 0.95" << false << ">= 0.95" << 0 << false << true;
    QTest::newRow("failure >") << "result > 95" << true << "> 95" << 0 << false << false;
    QTest::newRow("failure <") << "result < 92" << true << "< 92" << 0 << false << true;
    QTest::newRow("mirrored") << "0.5 > result[1]" << false << "< 0.5" << 1 << false << false;
    QTest::newRow("negative number") << "result >= -1.5" << false << ">= -1.5" << 0 << false << true;
    QTest::newRow("integer") << "result[0] <= 200" << false << "<= 200" << 0 << false << false;
    QTest::newRow("asFloat") << "asFloat(result) < 0.3" << false << "< 0.3" << 0 << false << false;
    QTest::newRow("guard &&") << "len(result) > 0 && result[0] < 0.995" << true << "< 0.995" << 0 << false << true;
    QTest::newRow("guards ||") << "len(result) == 0 || isNaN(result[0]) || result[0] >= 0.999" << false << ">= 0.999"
                               << 0 << false << true;
    QTest::newRow("not-NaN guard") << "!isNaN(result) && result < 1" << false << "< 1" << 0 << false << false;
    QTest::newRow("all") << "all(result, {# < 0.300})" << false << "< 0.3" << 0 << true << false;
    QTest::newRow("all bare") << "all(result, # >= 0.9)" << false << ">= 0.9" << 0 << true << true;
    // No line: the chart shows the condition's text.
    QTest::newRow("two comparisons") << "result[0] > 0.1 && result[0] < 0.2" << false << "" << 0 << false << false;
    QTest::newRow("equality") << "result == 1" << false << "" << 0 << false << false;
    QTest::newRow("string") << "result == \"true\"" << false << "" << 0 << false << false;
    QTest::newRow("arithmetic") << "result[0] * 100 < 5" << false << "" << 0 << false << false;
    QTest::newRow("two values") << "result[0] < result[1]" << false << "" << 0 << false << false;
    QTest::newRow("any") << "any(result, {# > 1})" << false << "" << 0 << false << false;
    QTest::newRow("only a guard") << "len(result) > 0" << false << "" << 0 << false << false;
    QTest::newRow("computed index") << "result[1 - 1] < 1" << false << "" << 0 << false << false;
    QTest::newRow("default") << "default(result, 0) < 0.05" << false << "" << 0 << false << false;
    QTest::newRow("unrelated ||") << "result < 1 || true" << false << "" << 0 << false << false;
}

void TestThreshold::extracts()
{
    QFETCH(QString, condition);
    QFETCH(bool, failure);
    QFETCH(QString, text);
    QFETCH(int, index);
    QFETCH(bool, every);
    QFETCH(bool, passAbove);
    const Result<Condition> c = Condition::parse(condition);
    QVERIFY2(c.ok(), qPrintable(c.error()));
    const std::optional<Threshold> t =
        extractThreshold(*c, failure ? Threshold::Role::Failure : Threshold::Role::Success);
    if (text.isEmpty()) {
        QVERIFY2(!t, qPrintable(t ? t->text() : QString()));
        return;
    }
    QVERIFY(t);
    QCOMPARE(t->text(), text);
    QCOMPARE(t->index, index);
    QCOMPARE(t->every, every);
    QCOMPARE(t->passAbove(), passAbove);
}

void TestThreshold::passBands()
{
    const auto success =
        extractThreshold(Condition::parse(QStringLiteral("result[0] < 0.005")).value(), Threshold::Role::Success);
    QVERIFY(success);
    QVERIFY(success->passes(0.001));
    QVERIFY(!success->passes(0.005));
    QVERIFY(!success->passes(NAN));
    const auto failure =
        extractThreshold(Condition::parse(QStringLiteral("result > 0.005")).value(), Threshold::Role::Failure);
    QVERIFY(failure);
    QVERIFY(failure->passes(0.005)); // not above the failure line
    QVERIFY(!failure->passes(0.006));
    QVERIFY(failure->passes(NAN)); // a NaN does not make a failure condition true
}

QTEST_GUILESS_MAIN(TestThreshold)
#include "tst_threshold.moc"
