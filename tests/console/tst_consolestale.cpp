// The console window tells the truth when its cluster goes away: rolldeck-sim stopped, the status bar, the rows and
// the open detail turn stale ("stale since …") on their own; the simulator back on the same port, all of them are
// live again. Offscreen, against the real simulator over loopback HTTP.
#include "app/console/Connections.h"
#include "app/console/RolloutDetailController.h"
#include "app/kube/Kubeconfig.h"
#include "models/itemmodels/RolloutDetailModel.h"
#include "models/itemmodels/RolloutListModel.h"
#include "ui/ClusterStatusLabel.h"
#include "ui/MainWindow.h"
#include "ui/RolloutDetailPanel.h"
#include "ui/RolloutsPanel.h"

#include "sim/Resources.h"
#include "sim/Simulator.h"

#include <QTreeView>
#include <QApplication>
#include <QLabel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace rolldeck;

class TestConsoleStale : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void staleWhenTheClusterGoesLiveWhenItReturns();

private:
    bool startSimulator(int port);
    QString statusText() const;
    QLabel *detailStaleLabel() const;
    // Every row the table shows says why it needs attention; `stale` says whether that is staleness.
    bool rowsSayStale(bool stale) const;

    QTemporaryDir m_dir;
    std::unique_ptr<rdsim::Simulator> m_sim;
    rdsim::Endpoints m_first;
    RolloutListModel m_rollouts;
    RolloutDetailModel m_detailModel;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<Connections> m_live;
    std::unique_ptr<RolloutDetailController> m_detail;
};

bool TestConsoleStale::startSimulator(int port)
{
    rdsim::Options o;
    o.scenario = "default";
    o.kubePort = port;
    o.kubeconfigOut = m_dir.filePath(QStringLiteral("kubeconfig")).toStdString();
    // Back on the same port with the same tokens: the console's kubeconfig still fits.
    o.adminToken = m_first.adminToken;
    o.readOnlyToken = m_first.readOnlyToken;
    o.argocdToken = m_first.argocdToken;
    m_sim = std::make_unique<rdsim::Simulator>();
    const rdsim::StartResult started = m_sim->start(o);
    if (!started.ok()) {
        qWarning("rolldeck-sim: %s", started.error.c_str());
        return false;
    }
    if (m_first.kube.empty())
        m_first = started.endpoints;
    return started.endpoints.kube == m_first.kube;
}

void TestConsoleStale::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(startSimulator(0));
    m_window = std::make_unique<MainWindow>();
    m_window->setRolloutModel(&m_rollouts);
    m_window->setRolloutDetailModel(&m_detailModel);
    m_live = std::make_unique<Connections>(&m_rollouts);
    m_detail = std::make_unique<RolloutDetailController>(m_live.get(), &m_detailModel);
    QObject::connect(m_window.get(), &MainWindow::rolloutDetailRequested, m_detail.get(),
                     &RolloutDetailController::open);
    const kube::Kubeconfig config = kube::loadKubeconfigFiles({m_dir.filePath(QStringLiteral("kubeconfig"))});
    const kube::ClusterConfig *ctx = config.context(QStringLiteral("rolldeck-demo"));
    QVERIFY(ctx);
    QVERIFY(m_live->addContext(*ctx));
    m_window->resize(1400, 900);
    m_window->show();
}

void TestConsoleStale::cleanupTestCase()
{
    m_detail.reset();
    m_live.reset();
    m_window.reset();
    m_sim.reset();
}

QString TestConsoleStale::statusText() const
{
    const auto *label = m_window->statusBar()->findChild<ClusterStatusLabel *>(QStringLiteral("clusterStatus"));
    return label && label->isVisible() ? label->text() : QString();
}

QLabel *TestConsoleStale::detailStaleLabel() const
{
    return m_window->detailPanel()->findChild<QLabel *>(QStringLiteral("detailStaleLabel"));
}

bool TestConsoleStale::rowsSayStale(bool stale) const
{
    const QAbstractItemModel *shown = m_window->rolloutsPanel()->view()->model();
    if (!shown || shown->rowCount() == 0)
        return false;
    for (int r = 0; r < shown->rowCount(); ++r) {
        const QModelIndex index = shown->index(r, 0);
        if (index.data(RolloutListModel::StaleRole).toBool() != stale)
            return false;
        if (index.data(RolloutListModel::AttentionReasonRole).toString().contains(QLatin1String("stale since")) !=
            stale)
            return false;
    }
    return true;
}

void TestConsoleStale::staleWhenTheClusterGoesLiveWhenItReturns()
{
    const auto live = QStringLiteral("● rolldeck-demo live");
    const auto items = m_sim->store().list(rdsim::kRollouts, "").items;
    const int rollouts = int(items.size());
    QVERIFY(rollouts > 0);
    const nlohmann::json &meta = items.front()->at("metadata");
    QTRY_VERIFY_WITH_TIMEOUT(m_rollouts.rowCount() == rollouts, 20000);
    m_window->openRolloutDetail(QStringLiteral("rolldeck-demo"),
                                QString::fromStdString(meta.value("namespace", std::string())),
                                QString::fromStdString(meta.value("name", std::string())));
    QTRY_VERIFY_WITH_TIMEOUT(m_detailModel.info().has_value(), 20000);
    QTRY_COMPARE(statusText(), live);
    QVERIFY(rowsSayStale(false));
    QVERIFY(detailStaleLabel());
    QVERIFY(!detailStaleLabel()->isVisible());

    // The cluster goes away: nothing is shown as current any more, and each part of the window says since when.
    m_sim.reset();
    QTRY_VERIFY2_WITH_TIMEOUT(
        statusText().startsWith(QStringLiteral("⚠ rolldeck-demo stale since ")),
        qPrintable(statusText() + u" / model: " + m_rollouts.clusterStaleness(QStringLiteral("rolldeck-demo")).text()),
        30000);
    QVERIFY2(statusText().contains(QLatin1String("connection refused")), qPrintable(statusText()));
    QTRY_VERIFY_WITH_TIMEOUT(rowsSayStale(true), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(detailStaleLabel()->isVisible(), 30000);
    QVERIFY2(detailStaleLabel()->text().startsWith(QStringLiteral("⚠ Stale since ")),
             qPrintable(detailStaleLabel()->text()));
    QCOMPARE(m_rollouts.rowCount(), rollouts); // the last known rows stay, marked

    // Back on the same port: live again everywhere, without anyone touching the window.
    QVERIFY(startSimulator(QUrl(QString::fromStdString(m_first.kube)).port()));
    QTRY_VERIFY_WITH_TIMEOUT(statusText() == live, 60000);
    QTRY_VERIFY_WITH_TIMEOUT(rowsSayStale(false), 60000);
    QTRY_VERIFY_WITH_TIMEOUT(!detailStaleLabel()->isVisible(), 60000);
    QTRY_VERIFY_WITH_TIMEOUT(m_detailModel.info().has_value() && m_rollouts.rowCount() == rollouts, 60000);
}

QTEST_MAIN(TestConsoleStale)
#include "tst_consolestale.moc"
