// The Prometheus client (app/prometheus/PrometheusClient) against a scriptable loopback server: what goes on the
// wire (paths, parameters, the credential from the keychain), a hung server, cancellation, a closed port, large
// bodies parsed off the GUI thread. Runs in its own keyring (tests/secrets/with-private-keyring.sh).
#include "app/prometheus/PrometheusClient.h"
#include "app/secrets/SecretStore.h"
#include "app/secrets/WorkspaceSecrets.h"

#include "FakeHttpServer.h"
#include "KeyringGuard.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QThread>

#include <cmath>

using namespace rolldeck;
using namespace rolldeck::prom;
using rolldeck::testsupport::FakeHttpServer;
using rolldeck::testsupport::HttpExchange;
using rolldeck::testsupport::HttpRequest;

namespace {

const QByteArray kVector = R"({"status":"success","data":{"resultType":"vector","result":[
    {"metric":{"version":"canary"},"value":[1764670000.5,"0.25"]}]}})";

// A matrix body of `points` samples, for the off-thread parse.
QByteArray bigMatrix(int points)
{
    QByteArray body = R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[)";
    for (int i = 0; i < points; ++i) {
        if (i)
            body += ',';
        body += '[' + QByteArray::number(1764670000 + i) + ",\"" + QByteArray::number(i * 0.001, 'g', 12) + "\"]";
    }
    return body + "]}]}}";
}

template <typename T>
struct Capture
{
    int calls = 0;
    PromReply<T> reply;
    auto handler()
    {
        return [this](const PromReply<T> &r) {
            ++calls;
            reply = r;
        };
    }
};

} // namespace

class TestPromClient : public QObject
{
    Q_OBJECT

private:
    FakeHttpServer *m_server = nullptr;
    PromEndpoint endpoint() const
    {
        PromEndpoint e;
        e.url = m_server->url();
        return e;
    }

private slots:
    void init()
    {
        m_server = new FakeHttpServer(this);
        QVERIFY(m_server->listen());
    }
    void cleanup()
    {
        delete m_server;
        m_server = nullptr;
    }

    void queryOnTheWire()
    {
        m_server->setHandler([](const HttpRequest &, HttpExchange *x) { x->respond(200, kVector); });
        PrometheusClient client(endpoint());
        Capture<QueryData> c;
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(1764670000500, Qt::UTC);
        client.query(QStringLiteral("sum by (version) (rate(x{a=\"b\"}[1m]))"), at, this, c.handler());
        QTRY_COMPARE(c.calls, 1);
        QVERIFY2(c.reply.ok(), qPrintable(c.reply.message));
        QCOMPARE(c.reply.value->series[0].samples[0].value, 0.25);
        const HttpRequest &req = m_server->requests().constLast();
        QCOMPARE(req.method, QByteArray("GET"));
        QCOMPARE(req.path, QStringLiteral("/api/v1/query"));
        QCOMPARE(req.query.queryItemValue(QStringLiteral("query"), QUrl::FullyDecoded),
                 QStringLiteral("sum by (version) (rate(x{a=\"b\"}[1m]))"));
        QCOMPARE(req.query.queryItemValue(QStringLiteral("time")), QStringLiteral("1764670000.500"));
        QVERIFY(req.header("authorization").isEmpty());
        QCOMPARE(client.pendingCount(), 0);
    }

    void rangeChoosesItsStep()
    {
        m_server->setHandler([](const HttpRequest &, HttpExchange *x) {
            x->respond(200, R"({"status":"success","data":{"resultType":"matrix","result":[]}})");
        });
        PrometheusClient client(endpoint());
        Capture<QueryData> c;
        const QDateTime end = QDateTime::fromSecsSinceEpoch(1764670000, Qt::UTC);
        client.queryRange(QStringLiteral("up"), end.addSecs(-6 * 3600), end, std::chrono::milliseconds(1000), this,
                          c.handler());
        QTRY_COMPARE(c.calls, 1);
        QVERIFY(c.reply.ok());
        const HttpRequest &req = m_server->requests().constLast();
        QCOMPARE(req.path, QStringLiteral("/api/v1/query_range"));
        const double start = req.query.queryItemValue(QStringLiteral("start")).toDouble();
        const double stop = req.query.queryItemValue(QStringLiteral("end")).toDouble();
        const double step = req.query.queryItemValue(QStringLiteral("step")).toDouble();
        QVERIFY(step > 1.0);                                            // 6 h at 1 s would be 21,601 points
        QVERIFY(std::floor((stop - start) / step + 1e-9) + 1 <= 11000); // Prometheus divides durations as integers
    }

    void longQueriesArePosted()
    {
        m_server->setHandler([](const HttpRequest &, HttpExchange *x) { x->respond(200, kVector); });
        PrometheusClient client(endpoint());
        Capture<QueryData> c;
        const QString longQuery =
            QStringLiteral("up{job=~\"") + QString(5000, QLatin1Char('a')) + QStringLiteral("\"}");
        client.query(longQuery, {}, this, c.handler());
        QTRY_COMPARE(c.calls, 1);
        QVERIFY(c.reply.ok());
        const HttpRequest &req = m_server->requests().constLast();
        QCOMPARE(req.method, QByteArray("POST"));
        QCOMPARE(req.header("content-type"), QByteArray("application/x-www-form-urlencoded"));
        QCOMPARE(QUrlQuery(QString::fromLatin1(req.body)).queryItemValue(QStringLiteral("query"), QUrl::FullyDecoded),
                 longQuery);
    }

    void endpointsAndPaths()
    {
        m_server->setHandler([](const HttpRequest &req, HttpExchange *x) {
            if (req.path == QLatin1String("/prom/api/v1/status/buildinfo"))
                x->respond(200, R"({"status":"success","data":{"version":"2.42.0","revision":"r","branch":"b",
                    "buildUser":"u","buildDate":"d","goVersion":"go1.19"}})");
            else if (req.path == QLatin1String("/prom/api/v1/alerts"))
                x->respond(200, R"({"status":"success","data":{"alerts":[]}})");
            else if (req.path == QLatin1String("/prom/api/v1/rules"))
                x->respond(200, R"({"status":"success","data":{"groups":[]}})");
            else if (req.path == QLatin1String("/am/api/v2/alerts"))
                x->respond(200, "[]");
            else
                x->respond(404, "404 page not found", "text/plain");
        });
        PromEndpoint e = endpoint();
        e.url.setPath(QStringLiteral("/prom/")); // behind a path prefix
        e.alertmanagerUrl = m_server->url();
        e.alertmanagerUrl.setPath(QStringLiteral("/am"));
        PrometheusClient client(e);
        Capture<PromBuildInfo> info;
        Capture<QList<PromAlert>> alerts;
        Capture<QList<PromRuleGroup>> rules;
        Capture<QList<AlertmanagerAlert>> am;
        client.buildInfo(this, info.handler());
        client.alerts(this, alerts.handler());
        client.rules(this, rules.handler());
        client.alertmanagerAlerts({QStringLiteral("namespace=\"shop\"")}, this, am.handler());
        QTRY_VERIFY(info.calls && alerts.calls && rules.calls && am.calls);
        QVERIFY2(info.reply.ok(), qPrintable(info.reply.message));
        QCOMPARE(info.reply.value->version, QStringLiteral("2.42.0"));
        QVERIFY2(alerts.reply.ok() && rules.reply.ok() && am.reply.ok(), qPrintable(am.reply.message));
        QCOMPARE(m_server->requests().constLast().query.queryItemValue(QStringLiteral("filter"), QUrl::FullyDecoded),
                 QStringLiteral("namespace=\"shop\""));

        // Without an Alertmanager URL: no request, a message saying so.
        PrometheusClient bare(endpoint());
        Capture<QList<AlertmanagerAlert>> none;
        const int before = int(m_server->requests().size());
        bare.alertmanagerAlerts({}, this, none.handler());
        QTRY_COMPARE(none.calls, 1);
        QCOMPARE(int(none.reply.error.type), int(PromError::Type::NotConfigured));
        QVERIFY(none.reply.message.contains(QStringLiteral("Alertmanager alerts")));
        QCOMPARE(int(m_server->requests().size()), before);
    }

    void errorMessageNamesTheRequest()
    {
        m_server->setHandler([](const HttpRequest &, HttpExchange *x) {
            x->respond(400, R"({"status":"error","errorType":"bad_data","error":"1:5: parse error: unexpected"})");
        });
        PrometheusClient client(endpoint());
        Capture<QueryData> c;
        client.query(QStringLiteral("sum(("), {}, this, c.handler());
        QTRY_COMPARE(c.calls, 1);
        QCOMPARE(int(c.reply.error.type), int(PromError::Type::BadData));
        QCOMPARE(c.reply.message, QStringLiteral("Prometheus rejected the query request \"sum((\" as invalid "
                                                 "(bad_data): 1:5: parse error: unexpected"));
    }

    void hungServerTimesOut()
    {
        QList<QPointer<HttpExchange>> hung;
        m_server->setHandler([&](const HttpRequest &, HttpExchange *x) {
            x->hang();
            hung << x;
        });
        PrometheusClient client(endpoint());
        client.setTimeout(std::chrono::milliseconds(300));
        Capture<QueryData> c;
        client.query(QStringLiteral("up"), {}, this, c.handler());
        QTRY_COMPARE_WITH_TIMEOUT(c.calls, 1, 10000);
        QCOMPARE(int(c.reply.error.type), int(PromError::Type::ClientTimeout));
        QVERIFY2(c.reply.message.contains(QStringLiteral("the query request \"up\" got no answer in time")),
                 qPrintable(c.reply.message));
        QCOMPARE(hung.size(), 1);
        QCOMPARE(client.pendingCount(), 0);
    }

    void cancellationCallsNoHandler()
    {
        QList<QPointer<HttpExchange>> hung;
        m_server->setHandler([&](const HttpRequest &, HttpExchange *x) { hung << x; });
        PrometheusClient client(endpoint());
        Capture<QueryData> c;
        const quint64 id = client.query(QStringLiteral("up"), {}, this, c.handler());
        QTRY_COMPARE(hung.size(), 1);
        QVERIFY(hung.first());
        QSignalSpy closed(hung.first().data(), &HttpExchange::closed);
        client.cancel(id);
        QCOMPARE(client.pendingCount(), 0);
        QVERIFY(closed.wait(5000)); // the connection really went away
        // Deliver whatever is queued (a late finished(), a deferred delete): none of it may call the handler.
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        QCOMPARE(c.calls, 0);

        // A context that goes away cancels its requests too.
        auto *view = new QObject(this);
        Capture<QueryData> d;
        client.query(QStringLiteral("up"), {}, view, d.handler());
        QTRY_COMPARE(hung.size(), 2);
        QSignalSpy closed2(hung.last().data(), &HttpExchange::closed);
        delete view;
        QCOMPARE(client.pendingCount(), 0);
        QVERIFY(closed2.wait(5000));
        QCOMPARE(d.calls, 0);
    }

    void serverDown()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        PromEndpoint e;
        e.url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(probe.serverPort()));
        probe.close(); // nothing listens there now
        PrometheusClient client(e);
        Capture<QueryData> c;
        client.query(QStringLiteral("up"), {}, this, c.handler());
        QTRY_COMPARE_WITH_TIMEOUT(c.calls, 1, 10000);
        QCOMPARE(int(c.reply.error.type), int(PromError::Type::Network));
        QVERIFY2(c.reply.message.startsWith(QStringLiteral("Cannot reach the server for the query request \"up\"")),
                 qPrintable(c.reply.message));
    }

    void largeBodiesParseOffTheGuiThread()
    {
        const QByteArray body = bigMatrix(20000);
        QVERIFY(body.size() > PrometheusClient::kParseInlineLimit);
        m_server->setHandler([&](const HttpRequest &, HttpExchange *x) { x->respond(200, body); });
        PrometheusClient client(endpoint());
        Capture<QueryData> c;
        QThread *deliveredOn = nullptr;
        client.query(QStringLiteral("x[1d]"), {}, this, [&](const PromReply<QueryData> &r) {
            ++c.calls;
            c.reply = r;
            deliveredOn = QThread::currentThread();
        });
        QTRY_COMPARE_WITH_TIMEOUT(c.calls, 1, 20000);
        QVERIFY2(c.reply.ok(), qPrintable(c.reply.message));
        QCOMPARE(c.reply.value->pointCount(), 20000);
        QCOMPARE(deliveredOn, QThread::currentThread()); // handed back to the caller's thread
    }

    void credentialFromTheKeychain_data()
    {
        QTest::addColumn<QString>("username");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("bearer") << QString() << QByteArray("Bearer prom-s3cret");
        QTest::newRow("basic") << QStringLiteral("grafana")
                               << QByteArray("Basic ") + QByteArray("grafana:prom-s3cret").toBase64();
    }

    void credentialFromTheKeychain()
    {
        ROLLDECK_REQUIRE_PRIVATE_KEYRING();
        QFETCH(QString, username);
        QFETCH(QByteArray, expected);
        SecretStore store(this);
        bool written = false;
        store.write(QStringLiteral("prom-test"), "prom-s3cret", this, [&](const SecretReply &r) {
            QVERIFY2(r.ok(), qPrintable(r.message()));
            written = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(written, 10000);

        m_server->setHandler([](const HttpRequest &, HttpExchange *x) { x->respond(200, kVector); });
        PrometheusTarget target;
        target.url = m_server->url();
        target.credential.key = QStringLiteral("prom-test");
        target.username = username;
        WorkspaceSecrets secrets(this);
        PrometheusClient client(PromEndpoint::fromWorkspace(target));
        client.setSecrets(&secrets);
        Capture<QueryData> c;
        client.query(QStringLiteral("up"), {}, this, c.handler());
        QTRY_COMPARE_WITH_TIMEOUT(c.calls, 1, 10000);
        QVERIFY2(c.reply.ok(), qPrintable(c.reply.message));
        QCOMPARE(m_server->requests().constLast().header("authorization"), expected);
        QVERIFY(!c.reply.message.contains(QStringLiteral("s3cret")));

        // A missing entry: no request goes out, and the message says why.
        target.credential.key = QStringLiteral("prom-missing");
        PrometheusClient missing(PromEndpoint::fromWorkspace(target));
        missing.setSecrets(&secrets);
        Capture<QueryData> m;
        const int before = int(m_server->requests().size());
        missing.query(QStringLiteral("up"), {}, this, m.handler());
        QTRY_COMPARE_WITH_TIMEOUT(m.calls, 1, 10000);
        QCOMPARE(int(m.reply.error.type), int(PromError::Type::NoCredential));
        QVERIFY2(m.reply.message.contains(QStringLiteral("prom-missing")), qPrintable(m.reply.message));
        QCOMPARE(int(m_server->requests().size()), before);
    }
};

QTEST_GUILESS_MAIN(TestPromClient)
#include "tst_promclient.moc"
