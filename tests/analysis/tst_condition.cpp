// The condition language of AnalysisTemplates (models/analysis/Condition): real conditions from the upstream
// fixtures and the reference's table, the controller's truth values, and errors that name their column.
#include "models/analysis/Condition.h"
#include "models/argo/Analysis.h"
#include "AnalysisFixtures.h"

#include <QDir>
#include <QJsonObject>
#include <QTest>

#include <cmath>

using namespace rolldeck;
using namespace rolldeck::analysis;

Q_DECLARE_METATYPE(rolldeck::analysis::ExprValue)

namespace {

ExprValue floats(std::initializer_list<double> values)
{
    return ExprValue::floats(std::vector<double>(values));
}

// "true", "false", or "error" when the evaluation must fail.
QString outcome(const QString &source, const ExprValue &result)
{
    const Result<Condition> c = Condition::parse(source);
    if (!c)
        return QStringLiteral("parse error: ") + c.error();
    const Result<bool> r = c->test(result);
    if (!r)
        return QStringLiteral("error");
    return r.value() ? QStringLiteral("true") : QStringLiteral("false");
}

} // namespace

class TestCondition : public QObject
{
    Q_OBJECT

private slots:
    void evaluates_data();
    void evaluates();
    void values_data();
    void values();
    void rejectsWithColumn_data();
    void rejectsWithColumn();
    void evaluationErrorsNameTheirColumn_data();
    void evaluationErrorsNameTheirColumn();
    void everyFixtureConditionParses();
    void measurementValuesReadBack();
    void deepNestingIsAnErrorNotACrash();
};

void TestCondition::evaluates_data()
{
    QTest::addColumn<QString>("condition");
    QTest::addColumn<ExprValue>("result");
    QTest::addColumn<QString>("expected");

    // From tests/fixtures/argocd/.../AnalysisRun/testdata and the rollout-aborted AnalysisRun.
    QTest::newRow("len>0 on a vector") << "len(result) > 0" << floats({0.9768211920529802}) << "true";
    QTest::newRow("len>0 on an empty vector") << "len(result) > 0" << floats({}) << "false";
    QTest::newRow("len==0") << "len(result) == 0" << floats({0.97}) << "false";
    QTest::newRow("scalar > 95") << "result > 95" << ExprValue::number(97) << "true";
    QTest::newRow("scalar < 92") << "result < 92" << ExprValue::number(97) << "false";
    QTest::newRow("web result == \"true\"")
        << "result == \"true\"" << ExprValue::string(QStringLiteral("false")) << "false";
    QTest::newRow("web bool == \"true\"") << "result == \"true\"" << ExprValue::boolean(true) << "false";
    // The reference's realistic conditions (argocd-prometheus-stats.md C.2) and the simulator's template.
    QTest::newRow("slo") << "result[0] >= 0.95" << floats({0.96}) << "true";
    QTest::newRow("empty ok") << "len(result) == 0 || result[0] >= 0.95" << floats({}) << "true";
    QTest::newRow("empty fails") << "len(result) > 0 && result[0] >= 0.95" << floats({}) << "false";
    QTest::newRow("all with braces") << "all(result, {# < 0.300})" << floats({0.1, 0.29}) << "true";
    QTest::newRow("all fails") << "all(result, {# < 0.300})" << floats({0.1, 0.31}) << "false";
    QTest::newRow("all bare predicate") << "all(result, # < 0.3)" << floats({0.1}) << "true";
    QTest::newRow("all of nothing") << "all(result, {# < 0.3})" << floats({}) << "true";
    QTest::newRow("any") << "any(result, {# > 0.5})" << floats({0.1, 0.6}) << "true";
    QTest::newRow("any of nothing") << "any(result, {# > 0.5})" << floats({}) << "false";
    QTest::newRow("isNaN scalar") << "isNaN(result) || result >= 0.95" << ExprValue::number(NAN) << "true";
    QTest::newRow("isNaN vector") << "isNaN(result[0]) || result[0] >= 0.95" << floats({0.5}) << "false";
    QTest::newRow("isInf") << "isInf(result)" << ExprValue::number(-INFINITY) << "true";
    QTest::newRow("default nil") << "default(result, 0) < 0.05" << ExprValue() << "true";
    QTest::newRow("default value") << "default(result, 0) < 0.05" << ExprValue::number(0.5) << "false";
    QTest::newRow("isNil") << "isNil(result)" << ExprValue() << "true";
    QTest::newRow("isNil not") << "isNil(result)" << floats({}) << "false";
    QTest::newRow("asInt") << "asInt(result) == 3" << ExprValue::string(QStringLiteral("3")) << "true";
    QTest::newRow("asFloat") << "asFloat(result) > 0.5" << ExprValue::string(QStringLiteral("0.75")) << "true";
    QTest::newRow("asInt truncates") << "asInt(result) == -2" << ExprValue::number(-2.9) << "true";
    QTest::newRow("sim success") << "len(result) == 0 || isNaN(result[0]) || result[0] >= 0.999" << floats({NAN})
                                 << "true";
    QTest::newRow("sim failure") << "len(result) > 0 && result[0] < 0.995" << floats({0.99}) << "true";
    // NaN makes plain comparisons false, which is how a 0/0 ratio lands Inconclusive.
    QTest::newRow("NaN <") << "result[0] < 0.005" << floats({NAN}) << "false";
    QTest::newRow("NaN >=") << "result[0] >= 0.005" << floats({NAN}) << "false";
    QTest::newRow("NaN !=") << "result != result" << ExprValue::number(NAN) << "true";
    // Operators and precedence as expr-lang has them.
    QTest::newRow("precedence") << "1 + 2 * 3 == 7" << ExprValue() << "true";
    QTest::newRow("power right assoc") << "2 ** 3 ** 2 == 512" << ExprValue() << "true";
    QTest::newRow("unary minus binds looser than **") << "-2 ** 2 == -4" << ExprValue() << "true";
    QTest::newRow("not binds tighter than ==") << "!true == false" << ExprValue() << "true";
    QTest::newRow("word operators") << "not (result > 1) and result > 0 or false" << ExprValue::number(0.5) << "true";
    QTest::newRow("division is float") << "1 / 2 == 0.5" << ExprValue() << "true";
    QTest::newRow("modulo") << "7 % 3 == 1" << ExprValue() << "true";
    QTest::newRow("negative index") << "result[-1] == 3" << floats({1, 2, 3}) << "true";
    QTest::newRow("arithmetic on result") << "result[0] * 100 > 99" << floats({0.995}) << "true";
    QTest::newRow("int == float") << "result == 1" << ExprValue::number(1.0) << "true";
    QTest::newRow("strings compare") << "\"a\" < 'b'" << ExprValue() << "true";
    QTest::newRow("escapes") << "result == \"a\\\"b\"" << ExprValue::string(QStringLiteral("a\"b")) << "true";
    QTest::newRow("nil equals nil") << "result == nil" << ExprValue() << "true";
    QTest::newRow("short-circuit ||") << "true || result[5] > 1" << floats({}) << "true";
    QTest::newRow("map index") << "result[\"ok\"] == true"
                               << ExprValue::map({{QStringLiteral("ok"), ExprValue::boolean(true)}}) << "true";
    QTest::newRow("nested all") << "all(result, {any(result, {# > 2})})" << floats({1, 3}) << "true";
    QTest::newRow("exponent literal") << "1e-3 < 0.002 && .5 == 0.5 && 1_000 == 1000" << ExprValue() << "true";
    // Evaluation errors: Error, not Failed.
    QTest::newRow("index empty") << "result[0] < 0.005" << floats({}) << "error";
    QTest::newRow("not a bool") << "result[0]" << floats({0.1}) << "error";
    QTest::newRow("&& on numbers") << "result && true" << ExprValue::number(1) << "error";
    QTest::newRow("compare string and number") << "result < 1" << ExprValue::string(QStringLiteral("x")) << "error";
    QTest::newRow("isNaN on array") << "isNaN(result)" << floats({1}) << "error";
    QTest::newRow("asInt bad") << "asInt(result) > 0" << ExprValue::string(QStringLiteral("1.5")) << "error";
    QTest::newRow("modulo by zero") << "1 % 0 == 0" << ExprValue() << "error";
    QTest::newRow("len of number") << "len(result) > 0" << ExprValue::number(1) << "error";
    QTest::newRow("index nil") << "result[0] > 0" << ExprValue() << "error";
}

void TestCondition::evaluates()
{
    QFETCH(QString, condition);
    QFETCH(ExprValue, result);
    QFETCH(QString, expected);
    QCOMPARE(outcome(condition, result), expected);
}

void TestCondition::values_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("display");
    QTest::addColumn<QString>("type");
    QTest::newRow("int") << "1 + 2"
                         << "3"
                         << "int";
    QTest::newRow("float") << "1 + 0.5"
                           << "1.5"
                           << "float64";
    QTest::newRow("div") << "1 / 0"
                         << "+Inf"
                         << "float64";
    QTest::newRow("overflow wraps like Go") << "9223372036854775807 + 1"
                                            << "-9223372036854775808"
                                            << "int";
    QTest::newRow("result") << "result"
                            << "[0.25,NaN]"
                            << "[]float64";
    QTest::newRow("len") << "len(result)"
                         << "2"
                         << "int";
    QTest::newRow("concat") << "'a' + \"b\""
                            << "ab"
                            << "string";
    QTest::newRow("default keeps result") << "default(result, 1)"
                                          << "[0.25,NaN]"
                                          << "[]float64";
}

void TestCondition::values()
{
    QFETCH(QString, expression);
    QFETCH(QString, display);
    QFETCH(QString, type);
    const Result<Condition> c = Condition::parse(expression);
    QVERIFY2(c.ok(), qPrintable(c.error()));
    const Result<ExprValue> v = c->evaluate(floats({0.25, NAN}));
    QVERIFY2(v.ok(), qPrintable(v.error()));
    QCOMPARE(v->display(), display);
    QCOMPARE(v->goTypeName(), type);
    const Result<bool> b = c->test(floats({0.25, NAN}));
    QVERIFY(!b.ok());
    QCOMPARE(b.error(), QStringLiteral("expected bool, but got ") + type);
}

void TestCondition::rejectsWithColumn_data()
{
    QTest::addColumn<QString>("condition");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("unknown name") << "reslt[0] < 1" << 1 << "unknown name \"reslt\"";
    QTest::newRow("unsupported function") << "len(result) > 0 && mean(result) < 1" << 20 << "\"mean\"";
    QTest::newRow("ternary") << "result > 1 ? true : false" << 12 << "\"?\"";
    QTest::newRow("nil coalescing") << "result ?? 1" << 8 << "\"??\"";
    QTest::newRow("in") << "result in [1]" << 8 << "\"in\"";
    QTest::newRow("matches") << "result matches \"a\"" << 8 << "\"matches\"";
    QTest::newRow("member access") << "result.value > 1" << 7 << "\".\"";
    QTest::newRow("slice") << "result[0:1]" << 9 << "slices";
    QTest::newRow("array literal") << "[1, 2]" << 1 << "array";
    QTest::newRow("single =") << "result = 1" << 8 << "\"=\"";
    QTest::newRow("missing operand") << "result[0] <" << 12 << "ends too early";
    QTest::newRow("unclosed paren") << "(result > 1" << 12 << "\")\"";
    QTest::newRow("unclosed bracket") << "result[0 > 1" << 13 << "\"]\"";
    QTest::newRow("unclosed string") << "result == \"abc" << 11 << "not closed";
    QTest::newRow("bad escape") << "result == \"a\\q\"" << 13 << "\\q";
    QTest::newRow("# outside predicate") << "# > 1" << 1 << "#";
    QTest::newRow("wrong arity") << "isNaN(result, 1)" << 1 << "isNaN()";
    QTest::newRow("all without predicate") << "all(result)" << 1 << "all()";
    QTest::newRow("unclosed predicate") << "all(result, {# > 1)" << 19 << "\"}\"";
    QTest::newRow("range") << "1..5" << 2 << "\"..\"";
    QTest::newRow("integer too big") << "result > 99999999999999999999" << 10 << "out of range";
    QTest::newRow("call on a value") << "result(1)" << 1 << "\"result\"";
    QTest::newRow("call on an index") << "result[0](1)" << 10 << "built-in";
    QTest::newRow("trailing token") << "result > 1 result" << 12 << "\"result\"";
    QTest::newRow("empty") << "" << 1 << "ends too early";
    QTest::newRow("pipe") << "result | len" << 8 << "\"|\"";
}

void TestCondition::rejectsWithColumn()
{
    QFETCH(QString, condition);
    QFETCH(int, column);
    QFETCH(QString, fragment);
    ExprError error;
    const Result<Condition> c = Condition::parse(condition, &error);
    QVERIFY(!c.ok());
    QCOMPARE(error.column, column);
    QVERIFY2(error.message.contains(fragment), qPrintable(error.message));
    QVERIFY2(c.error().startsWith(QStringLiteral("column %1: ").arg(column)), qPrintable(c.error()));
}

void TestCondition::evaluationErrorsNameTheirColumn_data()
{
    QTest::addColumn<QString>("condition");
    QTest::addColumn<ExprValue>("result");
    QTest::addColumn<QString>("error");
    QTest::newRow("index") << "len(result) >= 0 && result[0] < 1" << floats({})
                           << "column 27: index 0 is out of range (the array has 0 elements)";
    QTest::newRow("compare") << "result < 1" << ExprValue::string(QStringLiteral("x"))
                             << "column 8: cannot compare string with int using \"<\"";
    QTest::newRow("isNaN") << "isNaN(result)" << floats({1}) << "column 1: isNaN() needs a number, not []float64";
}

void TestCondition::evaluationErrorsNameTheirColumn()
{
    QFETCH(QString, condition);
    QFETCH(ExprValue, result);
    QFETCH(QString, error);
    const Result<Condition> c = Condition::parse(condition);
    QVERIFY2(c.ok(), qPrintable(c.error()));
    const Result<bool> r = c->test(result);
    QVERIFY(!r.ok());
    QCOMPARE(r.error(), error);
}

// Every successCondition and failureCondition in the copied upstream AnalysisRuns parses (tst_assessment checks
// what they make of the stored measurements).
void TestCondition::everyFixtureConditionParses()
{
    QList<std::pair<QString, AnalysisRun>> runs = test::analysisRunsIn(test::argoCdRunDir());
    runs += test::analysisRunsIn(test::rolloutsScenarioDir("rollout-aborted"));
    int conditions = 0;
    for (const auto &[file, run] : runs) {
        for (const Metric &m : run.metrics) {
            for (const QString &source : {m.successCondition, m.failureCondition}) {
                if (source.isEmpty())
                    continue;
                ++conditions;
                const Result<Condition> c = Condition::parse(source);
                QVERIFY2(c.ok(), qPrintable(file + QLatin1String(": ") + c.error()));
            }
        }
    }
    QCOMPARE(conditions, 21); // ten Argo CD runs with two conditions each, and the aborted run's one
}

void TestCondition::measurementValuesReadBack()
{
    QCOMPARE(ExprValue::fromMeasurement(QStringLiteral("[0.9768211920529802]")).goTypeName(),
             QStringLiteral("[]float64"));
    QCOMPARE(ExprValue::fromMeasurement(QStringLiteral("[NaN,+Inf,-Inf]")).display(),
             QStringLiteral("[NaN,+Inf,-Inf]"));
    QCOMPARE(ExprValue::fromMeasurement(QStringLiteral("[]")).items().size(), size_t(0));
    QCOMPARE(ExprValue::fromMeasurement(QStringLiteral("0.5")).goTypeName(), QStringLiteral("float64"));
    QCOMPARE(ExprValue::fromMeasurement(QStringLiteral("false")).goTypeName(), QStringLiteral("string"));
    QCOMPARE(ExprValue::fromMeasurement(QString()).goTypeName(), QStringLiteral("<nil>"));
    QCOMPARE(ExprValue::fromMeasurement(QStringLiteral("[1,x]")).goTypeName(), QStringLiteral("string"));
}

void TestCondition::deepNestingIsAnErrorNotACrash()
{
    QString deep = QString(5000, QLatin1Char('(')) + QStringLiteral("1");
    QVERIFY(!Condition::parse(deep).ok());
    QString chain = QStringLiteral("1");
    for (int i = 0; i < 5000; ++i)
        chain += QStringLiteral(" + 1");
    ExprError error;
    QVERIFY(!Condition::parse(chain, &error).ok());
    QVERIFY2(error.message.contains(QStringLiteral("nested too deeply")), qPrintable(error.message));
    QVERIFY(
        Condition::parse(QString(60, QLatin1Char('(')) + QStringLiteral("true") + QString(60, QLatin1Char(')'))).ok());
}

QTEST_GUILESS_MAIN(TestCondition)
#include "tst_condition.moc"
