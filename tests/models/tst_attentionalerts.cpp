#include "models/itemmodels/AttentionAlerts.h"
#include "models/itemmodels/RolloutListModel.h"

#include <QSignalSpy>
#include <QTest>

using namespace rolldeck;

namespace {

RolloutRow makeRow(const QString &cluster, const QString &environment, const QString &name, const QString &status)
{
    RolloutRow r;
    r.cluster = cluster;
    r.environment = environment;
    r.uid = QStringLiteral("uid-") + name;
    r.namespaceName = QStringLiteral("shop");
    r.name = name;
    r.strategy = QStringLiteral("Canary");
    r.status = status;
    return r;
}

RolloutRow degraded(RolloutRow r, const QString &message = QStringLiteral("ProgressDeadlineExceeded"))
{
    r.status = QStringLiteral("Degraded");
    r.message = message;
    return r;
}

QString alertName(const QSignalSpy &spy, int i)
{
    return spy.at(i).at(0).value<AttentionAlert>().name;
}

} // namespace

// "Newly needs attention in a watched environment": the rule behind the console's desktop notifications.
class TestAttentionAlerts : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        m_model = std::make_unique<RolloutListModel>();
        m_alerts = std::make_unique<AttentionAlerts>();
        m_alerts->setModel(m_model.get());
        m_alerts->setWatched({QStringLiteral("production"), QStringLiteral("dev-cluster")});
        m_prodApi = makeRow(QStringLiteral("prod-eu"), QStringLiteral("production"), QStringLiteral("api"),
                            QStringLiteral("Healthy"));
        m_prodWeb = makeRow(QStringLiteral("prod-eu"), QStringLiteral("production"), QStringLiteral("web"),
                            QStringLiteral("Degraded"));
        m_stagingApi = makeRow(QStringLiteral("stage"), QStringLiteral("staging"), QStringLiteral("stage-api"),
                               QStringLiteral("Healthy"));
        m_model->upsert({m_prodApi, m_prodWeb, m_stagingApi});
    }

    void aWatchedRolloutTurningBadAlertsOnce()
    {
        QSignalSpy spy(m_alerts.get(), &AttentionAlerts::alert);
        m_model->upsert({degraded(m_prodApi)});
        QCOMPARE(spy.size(), 1);
        const AttentionAlert alert = spy.at(0).at(0).value<AttentionAlert>();
        QCOMPARE(alert.key, m_prodApi.key());
        QCOMPARE(alert.environment, QStringLiteral("production"));
        QCOMPARE(alert.namespaceName, QStringLiteral("shop"));
        QCOMPARE(alert.name, QStringLiteral("api"));
        QCOMPARE(alert.reason, attentionReasonText(AttentionReason::Degraded));
        // Still bad, for another reason: not news.
        m_model->upsert({degraded(m_prodApi, QStringLiteral("another message"))});
        QCOMPARE(spy.size(), 1);
        // Good again, then bad again: news again.
        m_model->upsert({m_prodApi});
        QCOMPARE(spy.size(), 1);
        m_model->upsert({degraded(m_prodApi)});
        QCOMPARE(spy.size(), 2);
    }

    void oldNewsAndOtherEnvironmentsAreNotAlerted()
    {
        QSignalSpy spy(m_alerts.get(), &AttentionAlerts::alert);
        // Degraded when first seen (web), and a watched environment's new rollout that arrives bad.
        m_model->upsert({degraded(makeRow(QStringLiteral("prod-eu"), QStringLiteral("production"),
                                          QStringLiteral("new"), QStringLiteral("Healthy")))});
        // Not watched.
        m_model->upsert({degraded(m_stagingApi)});
        QCOMPARE(spy.size(), 0);
        // Watched from now on: what is bad already is not news, what turns bad is.
        m_alerts->setWatched({QStringLiteral("staging")});
        m_model->upsert({degraded(m_stagingApi, QStringLiteral("still"))});
        m_model->upsert({degraded(m_prodApi)});
        QCOMPARE(spy.size(), 0);
        m_model->upsert({m_stagingApi});
        m_model->upsert({degraded(m_stagingApi)});
        QCOMPARE(spy.size(), 1);
        QCOMPARE(alertName(spy, 0), QStringLiteral("stage-api"));
    }

    void aStaleClusterIsNotEachRolloutsNews()
    {
        QSignalSpy spy(m_alerts.get(), &AttentionAlerts::alert);
        m_model->setClusterStale(QStringLiteral("prod-eu"), Staleness::stale({}, QStringLiteral("connection refused")));
        m_model->setClusterLive(QStringLiteral("prod-eu"));
        QCOMPARE(spy.size(), 0);
        // While stale, a rollout's own news still counts.
        m_model->setClusterStale(QStringLiteral("prod-eu"), Staleness::stale({}, QStringLiteral("connection refused")));
        m_model->upsert({degraded(m_prodApi)});
        QCOMPARE(spy.size(), 1);
    }

    void aClusterWithoutEnvironmentIsWatchedByItsName()
    {
        QSignalSpy spy(m_alerts.get(), &AttentionAlerts::alert);
        RolloutRow paused =
            makeRow(QStringLiteral("dev-cluster"), QString(), QStringLiteral("shop-ui"), QStringLiteral("Progressing"));
        m_model->upsert({paused});
        paused.status = QStringLiteral("Paused");
        paused.pauseReasons = {QStringLiteral("CanaryPauseStep")};
        m_model->upsert({paused});
        QCOMPARE(spy.size(), 1);
        const AttentionAlert alert = spy.at(0).at(0).value<AttentionAlert>();
        QCOMPARE(alert.environment, QStringLiteral("dev-cluster"));
        QCOMPARE(alert.reason, attentionReasonText(AttentionReason::WaitingForPromotion));
    }

    void aRecreatedRolloutStartsAfresh()
    {
        QSignalSpy spy(m_alerts.get(), &AttentionAlerts::alert);
        m_model->upsert({degraded(m_prodApi)});
        QCOMPARE(spy.size(), 1);
        m_model->remove({m_prodApi.key()});
        m_model->upsert({m_prodApi});
        m_model->upsert({degraded(m_prodApi)});
        QCOMPARE(spy.size(), 2);
        m_model->remove({m_prodApi.key()});
        m_model->upsert({degraded(m_prodApi)}); // first seen bad: not news
        QCOMPARE(spy.size(), 2);
    }

private:
    std::unique_ptr<RolloutListModel> m_model;
    std::unique_ptr<AttentionAlerts> m_alerts;
    RolloutRow m_prodApi;
    RolloutRow m_prodWeb;
    RolloutRow m_stagingApi;
};

QTEST_GUILESS_MAIN(TestAttentionAlerts)
#include "tst_attentionalerts.moc"
