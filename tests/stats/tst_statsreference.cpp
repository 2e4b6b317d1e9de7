// models/stats against reference values from R 4.2 and statsmodels (tests/fixtures/stats/make_reference.py):
// 244 seeded cases, sizes 1 to 100,000, ties, identical samples, zero variance, zero conversions, 80/20 splits.
// p-values agree to 1e-6 absolute or 1e-4 relative, whichever is looser; sample sizes to within 1.
#include "models/stats/MannWhitney.h"
#include "models/stats/Means.h"
#include "models/stats/Power.h"
#include "models/stats/Proportions.h"
#include "models/stats/SampleRatio.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>

using namespace rolldeck::stats;

namespace {

std::vector<double> numbers(const QJsonValue &value)
{
    std::vector<double> out;
    for (const QJsonValue &v : value.toArray())
        out.push_back(v.toDouble());
    return out;
}

// Empty when `got` is close enough to `expected`, else what differs.
QString compare(const char *what, double got, double expected, double absolute, double relative)
{
    if (std::fabs(got - expected) <= std::max(absolute, relative * std::fabs(expected)))
        return {};
    return QStringLiteral("%1: got %2, expected %3")
        .arg(QLatin1String(what))
        .arg(got, 0, 'g', 17)
        .arg(expected, 0, 'g', 17);
}

QString comparePValue(double got, double expected)
{
    return compare("p", got, expected, 1e-6, 1e-4);
}

} // namespace

class TestStatsReference : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void agrees_data();
    void agrees();
    void coversWhatTheIssueAsks();

private:
    QJsonArray m_cases;
    QString check(const QJsonObject &c) const;
    QString checkChiSquare(const QJsonObject &in, const QJsonObject &expect) const;
    QString checkProportions(const QJsonObject &c) const;
    QString checkT(const QJsonObject &in, const QJsonObject &expect) const;
    QString checkMannWhitney(const QJsonObject &in, const QJsonObject &expect) const;
    QString checkSizes(const QString &kind, const QJsonObject &in, const QJsonObject &expect) const;
};

void TestStatsReference::initTestCase()
{
    QFile file(QStringLiteral(ROLLDECK_FIXTURES_DIR "/stats/reference.json"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    m_cases = QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("cases")).toArray();
    QVERIFY(m_cases.size() >= 200);
}

void TestStatsReference::agrees_data()
{
    QTest::addColumn<int>("index");
    for (int i = 0; i < m_cases.size(); ++i) {
        const QJsonObject c = m_cases[i].toObject();
        QTest::addRow("%d %s", c.value(QLatin1String("id")).toInt(),
                      qPrintable(c.value(QLatin1String("kind")).toString()))
            << i;
    }
}

void TestStatsReference::agrees()
{
    QFETCH(int, index);
    const QString problem = check(m_cases[index].toObject());
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

QString TestStatsReference::check(const QJsonObject &c) const
{
    const QString kind = c.value(QLatin1String("kind")).toString();
    QJsonObject in = c.value(QLatin1String("input")).toObject();
    if (in.contains(QLatin1String("sameAs"))) { // the samples of an earlier case
        const QJsonObject earlier = m_cases[in.value(QLatin1String("sameAs")).toInt()].toObject();
        const QJsonObject samples = earlier.value(QLatin1String("input")).toObject();
        in.insert(QStringLiteral("a"), samples.value(QLatin1String("a")));
        in.insert(QStringLiteral("b"), samples.value(QLatin1String("b")));
    }
    const QJsonObject expect = c.value(QLatin1String("expect")).toObject();
    if (kind == u"chisq")
        return checkChiSquare(in, expect);
    if (kind == u"prop")
        return checkProportions(c);
    if (kind == u"t")
        return checkT(in, expect);
    if (kind == u"mw")
        return checkMannWhitney(in, expect);
    if (kind == u"srm") {
        const TestResult r = sampleRatioMismatch(numbers(in.value(QLatin1String("observed"))),
                                                 numbers(in.value(QLatin1String("weights"))));
        return compare("chi2", r.statistic, expect.value(QLatin1String("statistic")).toDouble(), 1e-9, 1e-9) +
               comparePValue(r.pValue, expect.value(QLatin1String("p")).toDouble());
    }
    return checkSizes(kind, in, expect);
}

QString TestStatsReference::checkChiSquare(const QJsonObject &in, const QJsonObject &expect) const
{
    std::vector<std::vector<double>> table;
    for (const QJsonValue &row : in.value(QLatin1String("table")).toArray())
        table.push_back(numbers(row));
    const TestResult r = chiSquareIndependence(table, in.value(QLatin1String("yates")).toBool());
    if (expect.value(QLatin1String("p")).isNull())
        return r.ok() ? QStringLiteral("R has no p-value here, so the result must say not enough data") : QString();
    if (!r.ok())
        return r.notEnoughData;
    return compare("chi2", r.statistic, expect.value(QLatin1String("statistic")).toDouble(), 1e-9, 1e-9) +
           compare("df", r.df, expect.value(QLatin1String("df")).toDouble(), 0, 0) +
           comparePValue(r.pValue, expect.value(QLatin1String("p")).toDouble());
}

QString TestStatsReference::checkProportions(const QJsonObject &c) const
{
    const QJsonObject in = c.value(QLatin1String("input")).toObject();
    const QJsonObject expect = c.value(QLatin1String("expect")).toObject();
    const QJsonObject sm = c.value(QLatin1String("statsmodels")).toObject();
    const auto a = numbers(in.value(QLatin1String("a")));
    const auto b = numbers(in.value(QLatin1String("b")));
    const Counts ca{a[0], a[1]}, cb{b[0], b[1]};
    QString problems;
    const TestResult z = twoProportionZ(ca, cb);
    if (expect.value(QLatin1String("p")).isNull()) {
        if (z.ok())
            problems += QStringLiteral("R has no p-value here, so the z-test must say not enough data; ");
    } else if (!z.ok()) {
        problems += z.notEnoughData;
    } else {
        problems +=
            compare("z^2", z.statistic * z.statistic, expect.value(QLatin1String("statistic")).toDouble(), 1e-9, 1e-9) +
            comparePValue(z.pValue, expect.value(QLatin1String("p")).toDouble());
    }
    for (const int level : {95, 99}) {
        const QJsonArray newcombe = sm.value(QStringLiteral("newcombe%1").arg(level)).toArray();
        const TestResult zl = twoProportionZ(ca, cb, level / 100.0);
        if (!newcombe.isEmpty() && zl.ok())
            problems += compare("newcombe low", zl.ciLow, newcombe[0].toDouble(), 1e-9, 1e-7) +
                        compare("newcombe high", zl.ciHigh, newcombe[1].toDouble(), 1e-9, 1e-7);
        const QJsonArray lift = sm.value(QStringLiteral("lift%1").arg(level)).toArray();
        const TestResult l = relativeLift(ca, cb, level / 100.0);
        if (lift.isEmpty() != !l.ok())
            problems += QStringLiteral("lift: statsmodels %1 an interval, we %2; ")
                            .arg(lift.isEmpty() ? QLatin1String("has no") : QLatin1String("has"),
                                 l.ok() ? QLatin1String("have one") : l.notEnoughData);
        else if (l.ok())
            problems += compare("lift low", l.ciLow, lift[0].toDouble(), 1e-9, 1e-7) +
                        compare("lift high", l.ciHigh, lift[1].toDouble(), 1e-9, 1e-7);
    }
    return problems;
}

QString TestStatsReference::checkT(const QJsonObject &in, const QJsonObject &expect) const
{
    const Summary a = summarize(numbers(in.value(QLatin1String("a"))));
    const Summary b = summarize(numbers(in.value(QLatin1String("b"))));
    const TestResult r = in.value(QLatin1String("equalVariance")).toBool() ? studentT(a, b) : welchT(a, b);
    if (expect.contains(QLatin1String("error")))
        return r.ok() ? QStringLiteral("R refused (%1); the result must say not enough data")
                            .arg(expect.value(QLatin1String("error")).toString())
                      : QString();
    if (!r.ok())
        return r.notEnoughData;
    return compare("t", r.statistic, expect.value(QLatin1String("statistic")).toDouble(), 1e-9, 1e-7) +
           compare("df", r.df, expect.value(QLatin1String("df")).toDouble(), 1e-9, 1e-7) +
           comparePValue(r.pValue, expect.value(QLatin1String("p")).toDouble()) +
           compare("ci low", r.ciLow, expect.value(QLatin1String("ciLow")).toDouble(), 1e-9, 1e-7) +
           compare("ci high", r.ciHigh, expect.value(QLatin1String("ciHigh")).toDouble(), 1e-9, 1e-7);
}

QString TestStatsReference::checkMannWhitney(const QJsonObject &in, const QJsonObject &expect) const
{
    const auto a = numbers(in.value(QLatin1String("a")));
    const auto b = numbers(in.value(QLatin1String("b")));
    const TestResult r = mannWhitney(a, b);
    if (expect.contains(QLatin1String("error")) || expect.value(QLatin1String("p")).isNull())
        return r.ok() ? QStringLiteral("R has no p-value here; the result must say not enough data") : QString();
    if (!r.ok())
        return r.notEnoughData;
    QString problems = compare("U", r.statistic, expect.value(QLatin1String("statistic")).toDouble(), 1e-9, 1e-12) +
                       comparePValue(r.pValue, expect.value(QLatin1String("p")).toDouble());
    if (!expect.value(QLatin1String("hl")).isNull())
        problems += compare("Hodges-Lehmann", r.estimate, expect.value(QLatin1String("hl")).toDouble(), 1e-9, 1e-12);
    else // R's estimate is a root found to 1e-4 (the median of pairwise differences, for sizes R cannot list)
        problems += compare("estimate", r.estimate, expect.value(QLatin1String("rEstimate")).toDouble(), 2e-4, 0);
    if (expect.contains(QLatin1String("ciLow"))) {
        // R finds the asymptotic interval's ends by uniroot to 1e-4; the exact ones are order statistics.
        const bool exact = r.method.contains(QLatin1String("exact"));
        problems += compare("ci low", r.ciLow, expect.value(QLatin1String("ciLow")).toDouble(), exact ? 0 : 2e-4, 0) +
                    compare("ci high", r.ciHigh, expect.value(QLatin1String("ciHigh")).toDouble(), exact ? 0 : 2e-4, 0);
    }
    return problems;
}

QString TestStatsReference::checkSizes(const QString &kind, const QJsonObject &in, const QJsonObject &expect) const
{
    const double alpha = in.value(QLatin1String("alpha")).toDouble();
    const double power = in.value(QLatin1String("power")).toDouble();
    const double ratio = in.value(QLatin1String("ratio")).toDouble(1);
    SampleSize n;
    double expected = 0;
    if (kind == u"powert" || kind == u"powertRatio") {
        n = sampleSizeMeans(in.value(QLatin1String("delta")).toDouble(), in.value(QLatin1String("sd")).toDouble(),
                            alpha, power, ratio);
        expected = expect.value(kind == u"powert" ? QLatin1String("n") : QLatin1String("nA")).toDouble();
    } else if (kind == u"powerp") {
        const double rateA = in.value(QLatin1String("rateA")).toDouble();
        n = sampleSizeProportions(rateA, in.value(QLatin1String("rateB")).toDouble() - rateA, alpha, power, 1);
        expected = expect.value(QLatin1String("n")).toDouble();
    } else if (kind == u"powerpRatio") {
        n = sampleSizeProportions(in.value(QLatin1String("rateA")).toDouble(),
                                  in.value(QLatin1String("mde")).toDouble(), alpha, power, ratio);
        expected = expect.value(QLatin1String("nA")).toDouble();
    } else {
        return QStringLiteral("unknown kind %1").arg(kind);
    }
    return compare("n per group", n.perGroupA, expected, 1, 0);
}

void TestStatsReference::coversWhatTheIssueAsks()
{
    // The fixture must keep covering the shapes the issue names, or the agreement above proves less.
    int exactMw = 0, tiedMw = 0, large = 0, insufficient = 0, split8020 = 0;
    for (const QJsonValue &v : m_cases) {
        const QJsonObject c = v.toObject();
        const QJsonObject in = c.value(QLatin1String("input")).toObject();
        const QJsonObject expect = c.value(QLatin1String("expect")).toObject();
        const auto a = numbers(in.value(QLatin1String("a")));
        const auto b = numbers(in.value(QLatin1String("b")));
        if (c.value(QLatin1String("kind")).toString() == u"mw") {
            const TestResult r = mannWhitney(a, b);
            exactMw += r.method.contains(QLatin1String("exact"));
            tiedMw += r.method.contains(QLatin1String("tie"));
        }
        large += a.size() >= 100000;
        insufficient += expect.contains(QLatin1String("error")) || expect.value(QLatin1String("p")).isNull();
        split8020 += in.value(QLatin1String("ratio")).toDouble() == 0.25 || (!a.empty() && a.size() == 4 * b.size());
    }
    QVERIFY(exactMw >= 15);
    QVERIFY(tiedMw >= 15);
    QVERIFY(large >= 2);
    QVERIFY(insufficient >= 5);
    QVERIFY(split8020 >= 5);
}

QTEST_GUILESS_MAIN(TestStatsReference)
#include "tst_statsreference.moc"
