// The charts of a canary for the judge's tests and screenshot: series drawn with fixed seeds.
#pragma once

#include "models/charts/MetricChart.h"

#include <QList>

namespace test {

// A latency criterion (p95 < 200 ms) whose canary line runs around `canaryLatency` against a stable 120 ms; the error
// rate trigger (> 0.5 %, drawn in %) the same on both lines; a dashboard chart and a chart without a canary line, which
// the judge leaves out. The stable lines start 40 steps (10 minutes) before the canary's.
QList<rolldeck::charts::MetricChart> sampleJudgeCharts(double canaryLatency);

} // namespace test
