// The metric charts at issue 13's sizes:
//   - largest-triangle-three-buckets from 1,000,000 points to 2,000 (aim: under 5 ms);
//   - one refresh of 12 charts (MetricChartView, 900 × 300 each) whose two series (stable and canary) have 10,000
//     points each: downsampled to the plot's width and replaced in bulk, axes and lines updated (aim: under
//     16 ms); and the same refresh followed by painting all 12 (render into an image), for the whole frame.
// Prints the median and the fastest of several runs, in thread CPU time (steadier than wall time on a shared
// machine) and wall time.
//
//   QT_QPA_PLATFORM=offscreen bench_charts [--runs N]
#include "models/analysis/Downsample.h"
#include "models/charts/MetricChart.h"
#include "ui/charts/MetricChartView.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QLineSeries>
#include <QPainter>

#include <ctime>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <vector>

using namespace rolldeck;

namespace {

double cpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

void measure(const char *what, int runs, const std::function<void()> &work)
{
    std::vector<double> cpu, wall;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        const double c0 = cpuMs();
        t.start();
        work();
        wall.push_back(double(t.nsecsElapsed()) / 1e6);
        cpu.push_back(cpuMs() - c0);
    }
    std::sort(cpu.begin(), cpu.end());
    std::sort(wall.begin(), wall.end());
    std::printf("%-58s cpu median %8.3f ms  min %8.3f ms | wall median %8.3f ms  min %8.3f ms  (%d runs)\n", what,
                cpu[cpu.size() / 2], cpu.front(), wall[wall.size() / 2], wall.front(), runs);
}

std::vector<QPointF> series(int points, double startMs, double level, int seed)
{
    std::vector<QPointF> out;
    out.reserve(size_t(points));
    for (int i = 0; i < points; ++i) {
        const double noise = std::sin((i + seed) * 12.9898) * 43758.5453;
        out.emplace_back(startMs + i * 1000.0, level + 0.1 * std::sin(i / 300.0) + 0.02 * (noise - std::floor(noise)));
    }
    return out;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    int runs = 31;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--runs") == 0)
            runs = std::max(3, std::atoi(argv[i + 1]));
    }

    const std::vector<QPointF> million = series(1'000'000, 0, 0.5, 1);
    size_t kept = 0;
    measure("LTTB 1,000,000 -> 2,000 points", runs, [&] { kept = analysis::downsampleLttb(million, 2000).size(); });
    std::printf("  kept %zu points\n", kept);

    const double start = 1.7646e12;
    QList<charts::MetricChart> data[2];
    for (int round = 0; round < 2; ++round) { // two data sets, so each refresh really changes every line
        for (int c = 0; c < 12; ++c) {
            charts::MetricChart chart;
            chart.spec.id = QStringLiteral("chart%1").arg(c);
            chart.spec.title = chart.spec.id;
            chart.spec.failureCondition = QStringLiteral("result[0] > 0.65");
            chart.spec.displayScale = 1;
            chart.prepare();
            chart.startMs = qint64(start);
            chart.endMs = qint64(start + 10'000 * 1000.0);
            chart.series << charts::ChartSeries{QStringLiteral("stable"), QStringLiteral("stable"),
                                                series(10'000, start, 0.3, c + round)}
                         << charts::ChartSeries{QStringLiteral("canary"), QStringLiteral("canary"),
                                                series(10'000, start, 0.5, c + 7 * round)};
            data[round] << chart;
        }
    }
    std::vector<std::unique_ptr<charts::MetricChartView>> views;
    for (int c = 0; c < 12; ++c) {
        views.push_back(std::make_unique<charts::MetricChartView>());
        views.back()->resize(900, 300);
        views.back()->show();
        views.back()->showChart(data[0][c]);
    }
    QApplication::processEvents();
    int flip = 0;
    measure("refresh 12 charts x 2 series x 10,000 points (data)", runs, [&] {
        flip ^= 1;
        for (int c = 0; c < 12; ++c)
            views[size_t(c)]->showChart(data[flip][c]);
    });
    QImage image(900, 300, QImage::Format_ARGB32_Premultiplied);
    measure("refresh 12 charts and paint them (render to image)", std::max(5, runs / 3), [&] {
        flip ^= 1;
        for (int c = 0; c < 12; ++c) {
            views[size_t(c)]->showChart(data[flip][c]);
            QPainter painter(&image);
            views[size_t(c)]->render(&painter);
        }
    });
    std::printf("  drawn per line: %lld points (plot width)\n",
                static_cast<long long>(views[0]->dataSeries().first()->count()));
    return 0;
}
