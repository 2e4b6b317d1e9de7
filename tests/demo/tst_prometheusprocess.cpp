#include "app/demo/PrometheusProcess.h"

#include "HungPlugin.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

#include <csignal>

using rolldeck::prom::PrometheusProcess;

namespace {

// Serves a fixed Prometheus text exposition at /metrics on loopback.
class MetricsServer : public QTcpServer
{
public:
    explicit MetricsServer(QObject *parent) : QTcpServer(parent)
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = nextPendingConnection()) {
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
                connect(s, &QTcpSocket::readyRead, s, [this, s] {
                    m_buffers[s] += s->readAll();
                    if (!m_buffers[s].contains("\r\n\r\n"))
                        return;
                    m_buffers.remove(s);
                    ++scrapes;
                    const QByteArray body =
                        "# TYPE rolldeck_test_value gauge\nrolldeck_test_value{version=\"canary\"} " +
                        QByteArray::number(value) + "\n";
                    s->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: " +
                             QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
                    s->disconnectFromHost();
                });
            }
        });
    }
    int value = 42;
    int scrapes = 0;

private:
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

// A stand-in "prometheus" executable that runs `script`, to provoke failures the real one won't.
QString writeFakeBinary(const QTemporaryDir &dir, const QByteArray &script)
{
    const QString path = dir.filePath(QStringLiteral("prometheus"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(script) != script.size())
        return {};
    f.close();
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return path;
}

} // namespace

class TestPrometheusProcess : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (PrometheusProcess::findBinary().isEmpty())
            QFAIL("the prometheus binary is required (Debian package prometheus; dev.sh installs it)");
    }

    void scrapesAndAnswersPromQL()
    {
        MetricsServer server(this);
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        PrometheusProcess prom;
        QSignalSpy ready(&prom, &PrometheusProcess::ready);
        QSignalSpy failed(&prom, &PrometheusProcess::failed);
        prom.start({QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(server.serverPort()))});
        QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty() || !failed.isEmpty(), 30000);
        QVERIFY2(failed.isEmpty(), qPrintable(prom.errorString() + u'\n' + prom.recentLog()));
        QCOMPARE(prom.state(), PrometheusProcess::State::Ready);
        QCOMPARE(prom.baseUrl().host(), QStringLiteral("127.0.0.1"));

        // Ask real PromQL until the scraped sample shows up.
        QNetworkAccessManager nam;
        double seen = -1;
        QString labels;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                QUrl url = prom.baseUrl().resolved(QUrl(QStringLiteral("/api/v1/query")));
                QUrlQuery q;
                q.addQueryItem(QStringLiteral("query"), QStringLiteral("rolldeck_test_value"));
                url.setQuery(q);
                QNetworkRequest req(url);
                req.setTransferTimeout(2000);
                std::unique_ptr<QNetworkReply> reply(nam.get(req));
                QSignalSpy done(reply.get(), &QNetworkReply::finished);
                if (!done.wait(3000))
                    return false;
                const QJsonObject doc = QJsonDocument::fromJson(reply->readAll()).object();
                const QJsonArray result = doc[u"data"][u"result"].toArray();
                if (result.isEmpty())
                    return false;
                labels = result[0][u"metric"][u"version"].toString();
                seen = result[0][u"value"].toArray().at(1).toString().toDouble();
                return true;
            }(),
            20000);
        QCOMPARE(seen, 42.0);
        QCOMPARE(labels, QStringLiteral("canary"));
        QVERIFY(server.scrapes >= 1);

        // The deployment alert rules are loaded and evaluate without error (health "unknown" until the first
        // evaluation, "err" if a rule fails): the three alerts of resources/prometheus/deployment-alerts.yml.
        const auto ruleHealth = [&] {
            std::unique_ptr<QNetworkReply> rules(
                nam.get(QNetworkRequest(prom.baseUrl().resolved(QUrl(QStringLiteral("/api/v1/rules"))))));
            QSignalSpy done(rules.get(), &QNetworkReply::finished);
            QStringList names;
            if (!done.wait(5000))
                return names;
            const QJsonArray groups = QJsonDocument::fromJson(rules->readAll())[u"data"][u"groups"].toArray();
            for (const QJsonValue &group : groups)
                for (const QJsonValue &rule : group[u"rules"].toArray())
                    names << group[u"name"].toString() + u'/' + rule[u"name"].toString() + u'/' +
                                 rule[u"health"].toString();
            return names;
        };
        QTRY_COMPARE_WITH_TIMEOUT(
            ruleHealth(),
            (QStringList{QStringLiteral("deployment-alerts/DeploymentFailed/ok"),
                         QStringLiteral("deployment-alerts/HighErrorRateDuringDeployment/ok"),
                         QStringLiteral("deployment-alerts/SlowResponseTimeDuringDeployment/ok")}),
            15000);
    }

    void missingBinaryIsAClearFailure()
    {
        PrometheusProcess prom;
        prom.setBinary(QString());
        QSignalSpy failed(&prom, &PrometheusProcess::failed);
        prom.start({QUrl(QStringLiteral("http://127.0.0.1:9/metrics"))});
        QCOMPARE(failed.size(), 1);
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("not installed")));
        QCOMPARE(prom.state(), PrometheusProcess::State::Failed);
    }

    void refusesNonLoopbackTargets()
    {
        PrometheusProcess prom;
        QSignalSpy failed(&prom, &PrometheusProcess::failed);
        prom.start({QUrl(QStringLiteral("http://192.0.2.10:9090/metrics"))});
        QCOMPARE(failed.size(), 1);
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("loopback")));
    }

    void crashingBinaryIsReported()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString fake = writeFakeBinary(dir, "#!/bin/sh\necho 'err=\"bad flag\"' >&2\nexit 3\n");
        QVERIFY(!fake.isEmpty());
        PrometheusProcess prom;
        prom.setBinary(fake);
        QSignalSpy failed(&prom, &PrometheusProcess::failed);
        prom.start({QUrl(QStringLiteral("http://127.0.0.1:9/metrics"))});
        QVERIFY(failed.wait(10000));
        const QString message = failed.first().first().toString();
        QVERIFY2(message.contains(QStringLiteral("status 3")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("bad flag")), qPrintable(message));
    }

    void hangingBinaryTimesOut()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString fake = writeFakeBinary(dir, "#!/bin/sh\nexec sleep 60\n");
        QVERIFY(!fake.isEmpty());
        PrometheusProcess prom;
        prom.setBinary(fake);
        prom.setStartTimeout(1000);
        QSignalSpy failed(&prom, &PrometheusProcess::failed);
        prom.start({QUrl(QStringLiteral("http://127.0.0.1:9/metrics"))});
        QVERIFY(failed.wait(5000));
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("did not become ready")));
    }

    // Destroyed while Prometheus runs, with no event loop to follow (the console after its window closed):
    // Prometheus and what it started end, and Prometheus is reaped, at once (issue 10).
    void endsWithItsOwnerWithoutAnEventLoop()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const rolldeck::testsupport::HungPlugin fake{dir.filePath(QStringLiteral("prometheus")),
                                                     dir.filePath(QStringLiteral("pids"))};
        QVERIFY(fake.write());
        QList<qint64> pids;
        {
            PrometheusProcess prom;
            prom.setBinary(fake.script);
            prom.start({QUrl(QStringLiteral("http://127.0.0.1:9/metrics"))});
            QTRY_VERIFY(!fake.runningPids().isEmpty());
            pids = fake.runningPids();
        } // from here on, no event is processed
        QVERIFY2(!QFileInfo::exists(QStringLiteral("/proc/%1").arg(pids.at(0))), "Prometheus was not reaped");
        QVERIFY(
            rolldeck::testsupport::waitWithoutEvents([&] { return !rolldeck::testsupport::processAlive(pids.at(1)); }));
    }
};

QTEST_GUILESS_MAIN(TestPrometheusProcess)
#include "tst_prometheusprocess.moc"
