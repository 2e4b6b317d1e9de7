// Renders the rollouts table on a realistic fleet (tests/ui/SampleFleet: three clusters, one of them stale, sorted
// worst first) into a PNG, for docs/screenshots/. Not a test: it checks nothing.
//   QT_QPA_PLATFORM=offscreen build/tools/screenshots/screenshot_rollouts docs/screenshots/rollouts-table.png
#include "MainWindow.h"
#include "RolloutListModel.h"
#include "RolloutsPanel.h"
#include "SampleFleet.h"

#include <QApplication>
#include <QTreeView>

#include <cstdio>

using namespace rolldeck;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUT.png\n", argv[0]);
        return 2;
    }
    const QDateTime now(QDate(2026, 3, 14), QTime(10, 45, 0), Qt::UTC);
    RolloutListModel model;
    model.setClock([now] { return now; });
    MainWindow window;
    window.setRolloutModel(&model);
    window.setHasClusters(true);
    model.upsert(test::sampleFleet(now));
    model.setClusterStale(QStringLiteral("production-us"), {QDateTime(QDate(2026, 3, 14), QTime(10, 42, 13), Qt::UTC),
                                                            QStringLiteral("connection refused")});
    window.rolloutsPanel()->view()->sortByColumn(int(RolloutListModel::Column::Status), Qt::DescendingOrder);
    window.resize(1280, 720);
    window.show();
    QApplication::processEvents();
    if (!window.grab().save(QString::fromLocal8Bit(argv[1]))) {
        std::fprintf(stderr, "%s: cannot write %s\n", argv[0], argv[1]);
        return 1;
    }
    return 0;
}
