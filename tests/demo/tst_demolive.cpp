// The console's live path end to end: the embedded cluster (rolldeck_sim) on loopback, its kubeconfig,
// the kube client and informers, the feed and the list model the window shows.
#include "console/Connections.h"
#include "kube/Kubeconfig.h"

#include "RolloutListModel.h"
#include "Simulator.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace rolldeck;

namespace {

QModelIndex findRow(const RolloutListModel &model, const QString &ns, const QString &name)
{
    for (int r = 0; r < model.rowCount(); ++r) {
        const QModelIndex i = model.index(r, 0);
        if (i.data(RolloutListModel::NamespaceRole).toString() == ns &&
            i.data(RolloutListModel::NameRole).toString() == name)
            return i;
    }
    return {};
}

} // namespace

class TestDemoLive : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void demoClusterFillsTheModelAndGoesStaleWhenItStops()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        rdsim::Simulator sim;
        rdsim::Options options;
        options.scenario = "default";
        options.speed = 1;
        options.kubeconfigOut = dir.filePath(QStringLiteral("kubeconfig")).toStdString();
        const rdsim::StartResult started = sim.start(options);
        QVERIFY2(started.ok(), started.error.c_str());

        const std::size_t expected = sim.store().list(rdsim::kRollouts, "").items.size();
        QVERIFY(expected >= 3);

        const kube::Kubeconfig config = kube::loadKubeconfigFiles({dir.filePath(QStringLiteral("kubeconfig"))});
        const kube::ClusterConfig *ctx = config.context(QStringLiteral("rolldeck-demo"));
        QVERIFY(ctx);

        RolloutListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        Connections live(&model);
        QVERIFY(live.addContext(*ctx));
        QTRY_COMPARE_WITH_TIMEOUT(std::size_t(model.rowCount()), expected, 10000);

        // Every row matches what the server holds, and the cluster is live.
        const auto first = sim.store().list(rdsim::kRollouts, "").items.front();
        const QString ns = QString::fromStdString((*first)["metadata"]["namespace"].get<std::string>());
        const QString name = QString::fromStdString((*first)["metadata"]["name"].get<std::string>());
        const QModelIndex row = findRow(model, ns, name);
        QVERIFY(row.isValid());
        QCOMPARE(row.data(RolloutListModel::ClusterRole).toString(), QStringLiteral("rolldeck-demo"));
        QCOMPARE(row.data(RolloutListModel::StaleRole).toBool(), false);

        // A change on the server reaches the row through the watch (spec.paused → Paused "manually paused").
        const auto patched =
            sim.store().mutate(rdsim::kRollouts, ns.toStdString(), name.toStdString(), [](nlohmann::json &o) {
                o["spec"]["paused"] = true;
                o["status"]["phase"] = "Paused";
                o["status"]["message"] = "manually paused";
                return true;
            });
        QVERIFY2(!patched.error, "mutate failed");
        QTRY_COMPARE_WITH_TIMEOUT(findRow(model, ns, name).data(RolloutListModel::MessageRole).toString(),
                                  QStringLiteral("manually paused"), 10000);

        // The cluster goes away: the rows stay, marked stale with a cause, never shown as live.
        sim.stop();
        QTRY_VERIFY_WITH_TIMEOUT(findRow(model, ns, name).data(RolloutListModel::StaleRole).toBool(), 20000);
        const QModelIndex stale = findRow(model, ns, name);
        QVERIFY(stale.data(RolloutListModel::StaleSinceRole).toDateTime().isValid());
        QVERIFY(!stale.data(RolloutListModel::StaleCauseRole).toString().isEmpty());
        QVERIFY(stale.data(RolloutListModel::AttentionRole).toBool());
        QCOMPARE(std::size_t(model.rowCount()), expected);
    }

    void contextWithBrokenCredentialsIsReported()
    {
        RolloutListModel model;
        Connections live(&model);
        QSignalSpy failed(&live, &Connections::contextFailed);
        kube::ClusterConfig broken;
        broken.contextName = QStringLiteral("broken");
        broken.server = QUrl(QStringLiteral("https://127.0.0.1:9"));
        broken.auth.clientCertificatePem = "not a certificate";
        broken.auth.clientKeyPem = "not a key";
        QVERIFY(!live.addContext(broken));
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first().first().toString(), QStringLiteral("broken"));
        QVERIFY(!failed.first().at(1).toString().isEmpty());
        QVERIFY(live.contexts().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDemoLive)
#include "tst_demolive.moc"
