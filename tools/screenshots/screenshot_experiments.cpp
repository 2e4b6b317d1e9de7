// Renders the Experiments view on three realistic A/B tests (tests/models/SampleExperiments: reports from the real
// buildAbReport on seeded inputs) and the Metrics tab's canary judge over its charts (tests/ui/SampleJudgeCharts),
// into PNGs for docs/screenshots/. Not a test: it checks nothing.
//   QT_QPA_PLATFORM=offscreen build/tools/screenshots/screenshot_experiments docs/screenshots
#include "SampleExperiments.h"
#include "SampleJudgeCharts.h"
#include "models/charts/MetricChartModel.h"
#include "ui/CanaryJudgeSection.h"
#include "ui/ExperimentsView.h"
#include "ui/charts/MetricsPanel.h"

#include <QApplication>
#include <QDir>
#include <QVBoxLayout>

#include <cstdio>

using namespace rolldeck;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUT-DIR\n", argv[0]);
        return 2;
    }
    const QDir out(QString::fromLocal8Bit(argv[1]));
    ExperimentsView view;
    view.setWindowTitle(QStringLiteral("Experiments — Rolldeck"));
    view.resize(1280, 900);
    view.setSnapshots(test::sampleExperiments());
    view.show();
    QApplication::processEvents();
    bool ok = view.grab().save(out.filePath(QStringLiteral("experiments.png")));

    charts::MetricChartModel model;
    model.setSubject(QStringLiteral("production/checkout-api"));
    QList<charts::MetricChart> all = test::sampleJudgeCharts(160);
    all.removeAt(2); // the dashboard chart belongs to the deployment dashboard, not to a rollout's tab
    model.setCharts(all);
    model.setRange(charts::MetricChartModel::Range::SinceRolloutStart);
    const qint64 canaryStart = qint64(all.constFirst().series.at(1).points.front().x());
    model.setRolloutStart(all.constFirst().startMs);
    model.setMarkers(
        {{canaryStart, charts::ChartMarker::Kind::Step, QStringLiteral("Rollout step 1/4: setWeight 25"), {}}});
    QWidget page;
    auto *layout = new QVBoxLayout(&page);
    auto *judge = new CanaryJudgeSection(&page);
    judge->setModel(&model);
    layout->addWidget(judge);
    auto *panel = new charts::MetricsPanel(&page);
    panel->setModel(&model);
    panel->setColumns(3);
    layout->addWidget(panel, 1);
    page.resize(1280, 640);
    page.show();
    QApplication::processEvents();
    ok = page.grab().save(out.filePath(QStringLiteral("canary-judge.png"))) && ok;
    if (!ok) {
        std::fprintf(stderr, "%s: cannot write into %s\n", argv[0], argv[1]);
        return 1;
    }
    return 0;
}
