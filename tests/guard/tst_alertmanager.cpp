// The alerts panel's Alertmanager source against a real Alertmanager (Debian's prometheus-alertmanager, started on a
// free loopback port): alerts posted to it through its own API reach the panel filtered to the open rollout, with
// their severity, state and start time; a silence makes one "suppressed"; an Alertmanager that went away is an error
// in the panel, and the Prometheus source (a real Prometheus scraping the Alertmanager) is unaffected.
#include "PrometheusFixture.h"
#include "app/demo/PrometheusProcess.h"
#include "app/guard/AlertsFeed.h"
#include "app/io/ChildProcess.h"
#include "models/guard/AlertListModel.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace rolldeck;
using namespace rolldeck::guard;

namespace {

QJsonObject alert(const QString &name, const QString &ns, const QString &rollout, const QString &severity)
{
    const QString startsAt = QDateTime::currentDateTimeUtc().addSecs(-90).toString(Qt::ISODateWithMs);
    return QJsonObject{{QStringLiteral("labels"), QJsonObject{{QStringLiteral("alertname"), name},
                                                              {QStringLiteral("namespace"), ns},
                                                              {QStringLiteral("rollout"), rollout},
                                                              {QStringLiteral("severity"), severity}}},
                       {QStringLiteral("annotations"),
                        QJsonObject{{QStringLiteral("summary"), QStringLiteral("%1 of %2/%3").arg(name, ns, rollout)}}},
                       {QStringLiteral("startsAt"), startsAt}};
}

} // namespace

class TestAlertmanager : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcess m_alertmanager;
    QUrl m_amUrl;
    prom::PrometheusProcess *m_prometheus = nullptr;
    QNetworkAccessManager m_nam;

    int request(const QByteArray &verb, const QString &path, const QJsonDocument &body = {})
    {
        QUrl url = m_amUrl;
        url.setPath(path);
        QNetworkRequest req(url);
        req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        req.setTransferTimeout(5000);
        QNetworkReply *reply = m_nam.sendCustomRequest(req, verb, body.isNull() ? QByteArray() : body.toJson());
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!reply->isFinished() && !done.wait(10000))
            return -1;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->deleteLater();
        return status;
    }

    const AlertListModel *refreshed(AlertsFeed &feed, AlertListModel &model)
    {
        QSignalSpy done(&feed, &AlertsFeed::refreshed);
        feed.refresh();
        if (!done.wait(15000))
            return nullptr;
        return &model;
    }

    static QString cell(const AlertListModel &model, int row, AlertListModel::Column column)
    {
        return model.index(row, int(column)).data().toString();
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        const QString binary = QStandardPaths::findExecutable(QStringLiteral("prometheus-alertmanager"));
        if (binary.isEmpty())
            QFAIL("prometheus-alertmanager is required (Debian package prometheus-alertmanager; dev.sh installs it)");
        QVERIFY(m_dir.isValid());
        QFile config(m_dir.filePath(QStringLiteral("alertmanager.yml")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("route:\n  receiver: nobody\nreceivers:\n  - name: nobody\n");
        config.close();

        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        m_amUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
        m_alertmanager.setProgram(binary);
        m_alertmanager.setArguments({QStringLiteral("--config.file=") + config.fileName(),
                                     QStringLiteral("--storage.path=") + m_dir.filePath(QStringLiteral("data")),
                                     QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(port),
                                     QStringLiteral("--cluster.listen-address=")});
        m_alertmanager.setProcessChannelMode(QProcess::MergedChannels);
        startInOwnGroup(m_alertmanager); // it ends with this test, however the test ends
        m_alertmanager.start();
        QVERIFY(m_alertmanager.waitForStarted(10000));
        QTRY_VERIFY2_WITH_TIMEOUT(m_alertmanager.state() != QProcess::Running ||
                                      request("GET", QStringLiteral("/-/ready")) == 200,
                                  "Alertmanager did not become ready", 30000);
        QVERIFY2(m_alertmanager.state() == QProcess::Running, m_alertmanager.readAll().constData());

        m_prometheus = new prom::PrometheusProcess(this);
        QUrl metrics = m_amUrl;
        metrics.setPath(QStringLiteral("/metrics"));
        const QString notStarted = test::startPrometheus(*m_prometheus, {metrics});
        QVERIFY2(notStarted.isEmpty(), qPrintable(notStarted));

        const QJsonArray alerts{alert(QStringLiteral("DeploymentFailed"), QStringLiteral("canary"),
                                      QStringLiteral("payments-api"), QStringLiteral("critical")),
                                alert(QStringLiteral("HighErrorRateDuringDeployment"), QStringLiteral("canary"),
                                      QStringLiteral("checkout"), QStringLiteral("warning")),
                                alert(QStringLiteral("DeploymentFailed"), QStringLiteral("staging"),
                                      QStringLiteral("payments-api"), QStringLiteral("critical"))};
        QCOMPARE(request("POST", QStringLiteral("/api/v2/alerts"), QJsonDocument(alerts)), 200);
    }

    void cleanupTestCase()
    {
        delete m_prometheus; // ends the process
        m_prometheus = nullptr;
        if (m_alertmanager.state() != QProcess::NotRunning)
            endGroup(m_alertmanager);
    }

    void rolloutsAlertsFromAlertmanager()
    {
        AlertListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        AlertsFeed feed(&model);
        const QUrl prometheus = m_prometheus->baseUrl();
        const QUrl alertmanager = m_amUrl;
        feed.setEndpoints([prometheus, alertmanager](const QString &environment) -> std::optional<prom::PromEndpoint> {
            if (environment != u"canary")
                return std::nullopt;
            prom::PromEndpoint e;
            e.url = prometheus;
            e.alertmanagerUrl = alertmanager;
            return e;
        });
        QSignalSpy first(&feed, &AlertsFeed::refreshed);
        feed.show(QStringLiteral("canary"), QStringLiteral("canary"), QStringLiteral("payments-api"));
        QVERIFY(first.wait(15000));

        // Only this rollout's alert: not the other rollout's in the namespace, not the other namespace's.
        QVERIFY2(model.error(AlertItem::Source::Alertmanager).isEmpty(),
                 qPrintable(model.error(AlertItem::Source::Alertmanager)));
        QVERIFY2(model.error(AlertItem::Source::Prometheus).isEmpty(),
                 qPrintable(model.error(AlertItem::Source::Prometheus)));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(cell(model, 0, AlertListModel::Column::Alert), QStringLiteral("DeploymentFailed"));
        QCOMPARE(cell(model, 0, AlertListModel::Column::Severity), QStringLiteral("critical"));
        QCOMPARE(cell(model, 0, AlertListModel::Column::Source), QStringLiteral("Alertmanager"));
        QCOMPARE(cell(model, 0, AlertListModel::Column::Summary),
                 QStringLiteral("DeploymentFailed of canary/payments-api"));
        const QString activeState = cell(model, 0, AlertListModel::Column::State);

        // A silence on it: Alertmanager reports it suppressed, and the panel says so.
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QJsonObject silence{
            {QStringLiteral("matchers"),
             QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("rollout")},
                                    {QStringLiteral("value"), QStringLiteral("payments-api")},
                                    {QStringLiteral("isRegex"), false}},
                        QJsonObject{{QStringLiteral("name"), QStringLiteral("namespace")},
                                    {QStringLiteral("value"), QStringLiteral("canary")},
                                    {QStringLiteral("isRegex"), false}}}},
            {QStringLiteral("startsAt"), now.toString(Qt::ISODateWithMs)},
            {QStringLiteral("endsAt"), now.addSecs(3600).toString(Qt::ISODateWithMs)},
            {QStringLiteral("createdBy"), QStringLiteral("tst_alertmanager")},
            {QStringLiteral("comment"), QStringLiteral("known: the canary is being rolled back")}};
        QCOMPARE(request("POST", QStringLiteral("/api/v2/silences"), QJsonDocument(silence)), 200);
        QTRY_VERIFY_WITH_TIMEOUT(refreshed(feed, model) && model.rowCount() == 1 &&
                                     cell(model, 0, AlertListModel::Column::State) != activeState,
                                 15000);
        QCOMPARE(cell(model, 0, AlertListModel::Column::State), QStringLiteral("suppressed"));

        // Alertmanager gone: its source is an error in the panel; Prometheus still answers.
        endGroup(m_alertmanager);
        QVERIFY(refreshed(feed, model));
        QVERIFY2(!model.error(AlertItem::Source::Alertmanager).isEmpty(), "no error for a stopped Alertmanager");
        QVERIFY2(model.error(AlertItem::Source::Prometheus).isEmpty(),
                 qPrintable(model.error(AlertItem::Source::Prometheus)));
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestAlertmanager)
#include "tst_alertmanager.moc"
