// Prometheus responses and analysis math at chart sizes:
//   - parsing a query_range response of 11,000 points (the most one series may have) with the client's parser,
//     for 1 and for 4 series (stable, canary and two more);
//   - largest-triangle-three-buckets from 1,000,000 points to 2,000;
//   - evaluating a typical successCondition over a vector result.
// Prints the median and the fastest of several runs, in thread CPU time (steadier than wall time on a shared
// machine) and wall time.
//
//   bench_prometheus [--runs N]
#include "app/prometheus/PromParser.h"
#include "models/analysis/Condition.h"
#include "models/analysis/Downsample.h"

#include <QByteArray>
#include <QElapsedTimer>

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

// A range response as Prometheus writes it: millisecond timestamps, Go-formatted values, some NaN.
QByteArray rangeResponse(int seriesCount, int points)
{
    QByteArray body = R"({"status":"success","data":{"resultType":"matrix","result":[)";
    for (int s = 0; s < seriesCount; ++s) {
        if (s)
            body += ',';
        body += R"({"metric":{"__name__":"http_requests_total","namespace":"shop","rollout":"web","version":")" +
                QByteArray::number(s) + R"("},"values":[)";
        for (int i = 0; i < points; ++i) {
            if (i)
                body += ',';
            const double t = 1764670000.0 + i * 0.5;
            const double v = i % 997 == 0 ? NAN : 0.004 + 0.001 * std::sin(i / 50.0) + s * 0.0001;
            body += '[' + QByteArray::number(t, 'f', 1) + ",\"" +
                    (std::isnan(v) ? QByteArray("NaN") : QByteArray::number(v, 'g', 17)) + "\"]";
        }
        body += "]}";
    }
    return body + "]}}";
}

struct Timing
{
    double medianCpu = 0;
    double bestCpu = 0;
    double medianWall = 0;
};

Timing measure(int runs, const std::function<void()> &work)
{
    std::vector<double> cpu;
    std::vector<double> wall;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        const double c0 = cpuMs();
        work();
        cpu.push_back(cpuMs() - c0);
        wall.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(cpu.begin(), cpu.end());
    std::sort(wall.begin(), wall.end());
    return {cpu[cpu.size() / 2], cpu.front(), wall[wall.size() / 2]};
}

void print(const char *what, const Timing &t)
{
    std::printf("%-52s median %8.3f ms CPU (best %8.3f), median %8.3f ms wall\n", what, t.medianCpu, t.bestCpu,
                t.medianWall);
}

} // namespace

int main(int argc, char **argv)
{
    int runs = 21;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--runs") == 0)
            runs = std::max(1, std::atoi(argv[i + 1]));
    }

    for (int seriesCount : {1, 4}) {
        const QByteArray body = rangeResponse(seriesCount, 11000);
        qsizetype points = 0;
        const Timing t = measure(runs, [&] { points = prom::parseQueryResponse(body, 200).value->pointCount(); });
        char label[96];
        std::snprintf(label, sizeof label, "parse query_range, %d x 11,000 points (%lld KiB)", seriesCount,
                      static_cast<long long>(body.size() / 1024));
        print(label, t);
        if (points != qsizetype(seriesCount) * 11000)
            return 1;
    }

    std::vector<QPointF> million;
    million.reserve(1000000);
    for (int i = 0; i < 1000000; ++i)
        million.emplace_back(double(i), std::sin(i / 1000.0) + (i % 7919 == 0 ? 5.0 : 0.0));
    size_t kept = 0;
    print("LTTB 1,000,000 -> 2,000 points",
          measure(runs, [&] { kept = analysis::downsampleLttb(million, 2000).size(); }));
    if (kept != 2000)
        return 1;

    const auto condition =
        analysis::Condition::parse(QStringLiteral("len(result) == 0 || isNaN(result[0]) || result[0] >= 0.999"));
    const analysis::ExprValue result = analysis::ExprValue::floats({0.9995});
    int holds = 0;
    print("evaluate a successCondition 10,000 times", measure(runs, [&] {
              for (int i = 0; i < 10000; ++i)
                  holds += condition->test(result).value() ? 1 : 0;
          }));
    return holds > 0 ? 0 : 1;
}
