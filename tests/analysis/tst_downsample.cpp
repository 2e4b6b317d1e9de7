// Largest-triangle-three-buckets (models/analysis/Downsample): point counts, kept ends, order, kept spikes.
#include "models/analysis/Downsample.h"

#include <QTest>

#include <cmath>

using namespace rolldeck::analysis;

namespace {

std::vector<QPointF> series(int n, double (*f)(int))
{
    std::vector<QPointF> points;
    for (int i = 0; i < n; ++i)
        points.emplace_back(double(i), f(i));
    return points;
}

bool contains(const std::vector<QPointF> &points, QPointF p)
{
    for (const QPointF &q : points) {
        if (q == p)
            return true;
    }
    return false;
}

} // namespace

class TestDownsample : public QObject
{
    Q_OBJECT

private slots:
    void counts_data();
    void counts();
    void keepsEndsAndOrder();
    void keepsSpikes();
    void picksTheLargestTriangle();
    void survivesNaNAndInf();
};

void TestDownsample::counts_data()
{
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("threshold");
    QTest::addColumn<int>("expected");
    QTest::newRow("fewer points than pixels") << 100 << 800 << 100;
    QTest::newRow("equal") << 800 << 800 << 800;
    QTest::newRow("one more") << 801 << 800 << 800;
    QTest::newRow("10000 to 800") << 10000 << 800 << 800;
    QTest::newRow("3 buckets") << 10 << 3 << 3;
    QTest::newRow("2") << 10 << 2 << 2;
    QTest::newRow("1") << 10 << 1 << 1;
    QTest::newRow("0") << 10 << 0 << 0;
    QTest::newRow("empty") << 0 << 5 << 0;
}

void TestDownsample::counts()
{
    QFETCH(int, n);
    QFETCH(int, threshold);
    QFETCH(int, expected);
    const auto out = downsampleForWidth(series(n, [](int i) { return std::sin(i / 10.0); }), threshold);
    QCOMPARE(int(out.size()), expected);
}

void TestDownsample::keepsEndsAndOrder()
{
    const auto in = series(5000, [](int i) { return std::sin(i / 7.0) * i; });
    const auto out = downsampleLttb(in, 300);
    QCOMPARE(out.front(), in.front());
    QCOMPARE(out.back(), in.back());
    for (size_t i = 1; i < out.size(); ++i)
        QVERIFY(out[i].x() > out[i - 1].x());
    for (const QPointF &p : out)
        QVERIFY(contains(in, p)); // only original points, never averages
}

void TestDownsample::keepsSpikes()
{
    // Flat with three one-sample spikes: every spike survives a 100-fold reduction.
    const auto in = series(10000, [](int i) { return (i == 1234 || i == 5000 || i == 8765) ? 50.0 : 1.0; });
    const auto out = downsampleLttb(in, 100);
    QCOMPARE(int(out.size()), 100);
    QVERIFY(contains(out, QPointF(1234, 50)));
    QVERIFY(contains(out, QPointF(5000, 50)));
    QVERIFY(contains(out, QPointF(8765, 50)));
}

void TestDownsample::picksTheLargestTriangle()
{
    // 5 points to 3: one bucket {1,2,3} between the ends. With a = (0,0) and the next average (4,0), the area is
    // |4 * y|, largest for the point with the largest |y|, which is x = 2 (y = -3), not x = 1 (y = 2).
    const std::vector<QPointF> in{{0, 0}, {1, 2}, {2, -3}, {3, 1}, {4, 0}};
    const auto out = downsampleLttb(in, 3);
    QCOMPARE(int(out.size()), 3);
    QCOMPARE(out[1], QPointF(2, -3));
}

void TestDownsample::survivesNaNAndInf()
{
    const auto in = series(1000, [](int i) { return i % 7 == 0 ? NAN : (i == 500 ? INFINITY : 1.0 * i); });
    const auto out = downsampleLttb(in, 50);
    QCOMPARE(int(out.size()), 50);
    for (size_t i = 1; i < out.size(); ++i)
        QVERIFY(out[i].x() > out[i - 1].x());
}

QTEST_GUILESS_MAIN(TestDownsample)
#include "tst_downsample.moc"
