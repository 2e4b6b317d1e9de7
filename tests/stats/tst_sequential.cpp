// The always-valid p-value and confidence sequence (models/stats/Sequential) and why they exist: over 1,000
// seeded A/A tests read after every batch, the fixed-horizon p-value dips under 0.05 in far more than 5 % of
// them, the always-valid one in at most 5 %.
#include "models/stats/Proportions.h"
#include "models/stats/Sequential.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace rolldeck::stats;

class TestSequential : public QObject
{
    Q_OBJECT

private slots:
    void likelihoodRatioByHand();
    void pValueNeverRisesAndIntervalOnlyNarrows();
    void noVarianceIsNoLook();
    void findsARealEffect();
    void peekingInflatesTheFixedHorizonPValueOnly();
};

void TestSequential::likelihoodRatioByHand()
{
    // V = 1, τ² = 3: Λ = sqrt(1/4) · exp(3 · 4 / (2 · 1 · 4)) = 0.5 · e^1.5 for θ̂ = 2.
    QCOMPARE(SequentialTest::likelihoodRatio(2, 1, 3), 0.5 * std::exp(1.5));
    // No effect observed: Λ < 1, the data favour the null.
    QVERIFY(SequentialTest::likelihoodRatio(0, 1, 3) < 1);
    SequentialTest test(std::sqrt(3.0), 0.05);
    test.update(2, 1);
    QCOMPARE(test.alwaysValidP(), 1 / (0.5 * std::exp(1.5)));
    // The confidence sequence: θ̂ ± sqrt(2 V (V + τ²) / τ² · (ln(1/α) + ½ ln((V + τ²)/V))).
    const double half = std::sqrt(2.0 * 4 / 3 * (std::log(20.0) + 0.5 * std::log(4.0)));
    QCOMPARE(test.ciLow(), 2 - half);
    QCOMPARE(test.ciHigh(), 2 + half);
}

void TestSequential::pValueNeverRisesAndIntervalOnlyNarrows()
{
    SequentialTest test(0.5);
    double p = 1, low = -INFINITY, high = INFINITY;
    for (const auto &[estimate, variance] :
         std::vector<std::pair<double, double>>{{0.9, 0.4}, {0.1, 0.2}, {0.6, 0.1}, {-0.2, 0.05}, {0.3, 0.02}}) {
        test.update(estimate, variance);
        QVERIFY(test.alwaysValidP() <= p);
        QVERIFY(test.ciLow() >= low && test.ciHigh() <= high);
        p = test.alwaysValidP();
        low = test.ciLow();
        high = test.ciHigh();
    }
    QCOMPARE(test.looks(), 5);
}

void TestSequential::noVarianceIsNoLook()
{
    SequentialTest test(0.01);
    test.update(0.0, 0.0);
    test.update(NAN, 1e-4);
    test.update(0.01, -1);
    QCOMPARE(test.looks(), 0);
    QCOMPARE(test.alwaysValidP(), 1.0);
    QVERIFY(std::isinf(test.ciLow()) && std::isinf(test.ciHigh()));
}

void TestSequential::findsARealEffect()
{
    // 4.0 % against 5.0 %, 20,000 visits a side: the always-valid p falls below 0.05 and the sequence excludes 0.
    std::mt19937_64 random(7);
    std::binomial_distribution<int> a(20000, 0.040), b(20000, 0.050);
    const Counts ca{double(a(random)), 20000}, cb{double(b(random)), 20000};
    SequentialTest test(0.01);
    test.update(cb.rate() - ca.rate(),
                ca.rate() * (1 - ca.rate()) / ca.trials + cb.rate() * (1 - cb.rate()) / cb.trials);
    QVERIFY2(test.alwaysValidP() < 0.05, qPrintable(QString::number(test.alwaysValidP())));
    QVERIFY(test.ciLow() > 0);
    // It is more cautious than the fixed-horizon test on the same data.
    QVERIFY(twoProportionZ(ca, cb).pValue < test.alwaysValidP());
}

void TestSequential::peekingInflatesTheFixedHorizonPValueOnly()
{
    // 1,000 A/A tests (5 % conversion on both sides), read after each of 50 batches of 200 visits a side.
    std::mt19937_64 random(20261202);
    std::binomial_distribution<int> batch(200, 0.05);
    int fixedEverSignificant = 0, alwaysValidEverSignificant = 0;
    for (int experiment = 0; experiment < 1000; ++experiment) {
        Counts a, b;
        SequentialTest sequential(0.01); // tuned to a one-point effect, the planned minimum
        bool fixedDipped = false;
        for (int look = 0; look < 50; ++look) {
            a.successes += batch(random);
            b.successes += batch(random);
            a.trials += 200;
            b.trials += 200;
            const TestResult z = twoProportionZ(a, b);
            fixedDipped = fixedDipped || (z.ok() && z.pValue < 0.05);
            sequential.update(b.rate() - a.rate(),
                              a.rate() * (1 - a.rate()) / a.trials + b.rate() * (1 - b.rate()) / b.trials);
        }
        fixedEverSignificant += fixedDipped;
        alwaysValidEverSignificant += sequential.alwaysValidP() < 0.05;
    }
    qInfo("A/A tests wrongly significant at some look: fixed-horizon %d of 1000, always-valid %d of 1000",
          fixedEverSignificant, alwaysValidEverSignificant);
    QVERIFY2(fixedEverSignificant > 150, "peeking at the fixed-horizon p-value should inflate false positives");
    QVERIFY(alwaysValidEverSignificant <= 50);
}

QTEST_GUILESS_MAIN(TestSequential)
#include "tst_sequential.moc"
