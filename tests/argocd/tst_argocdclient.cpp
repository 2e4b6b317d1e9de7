// The Argo CD client (app/argocd) against rolldeck-sim's Argo CD API over TLS: login, list with projects and the
// fields projection, 401 / 403 / 404 in plain words, a sync that moves the cluster, a rollback refused under
// auto-sync and accepted once auto-sync is off, terminate (a DELETE: the 415 rule), and a Rollout action.
#include "app/argocd/ArgoCdClient.h"
#include "sim/Simulator.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace rolldeck;
using nlohmann::json;

namespace {

// Runs one call to completion (the client is asynchronous; the test waits on its own event loop).
argocd::Reply await(const std::function<void(QObject *, argocd::Client::Callback)> &call)
{
    QObject context;
    std::optional<argocd::Reply> out;
    call(&context, [&](const argocd::Reply &r) { out = r; });
    if (!QTest::qWaitFor([&] { return out.has_value(); }, 20000))
        qWarning("no answer in 20 s");
    return out.value_or(argocd::Reply{argocd::Error{-1, 0, {}, {}, QStringLiteral("no answer in 20 s")}, {}});
}

std::string rolloutImage(rdsim::Simulator &sim, const std::string &ns, const std::string &name)
{
    const rdsim::Outcome o = sim.store().get(rdsim::kRollouts, ns, name);
    return o.object ? (*o.object)["spec"]["template"]["spec"]["containers"][0].value("image", std::string())
                    : std::string();
}

} // namespace

class TestArgoCdClient : public QObject
{
    Q_OBJECT
    rdsim::Simulator m_sim;
    argocd::Endpoint m_endpoint;
    QByteArray m_password;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        rdsim::Options options;
        options.scenario = "default";
        options.speed = 30;
        options.seed = 21;
        options.tls = true;
        const rdsim::StartResult started = m_sim.start(options);
        QVERIFY2(started.ok(), started.error.c_str());
        m_endpoint.server = QUrl(QString::fromStdString(started.endpoints.argocd));
        m_endpoint.caPem = QByteArray::fromStdString(started.endpoints.caPem);
        m_password = QByteArray::fromStdString(started.endpoints.argocdToken);
    }

    void cleanupTestCase() { m_sim.stop(); }

    void loginAndErrors()
    {
        argocd::Client client(m_endpoint);
        // Without a session: 401, said plainly.
        argocd::Reply anonymous = await([&](QObject *c, auto done) { client.listApplications({}, c, done); });
        QVERIFY(!anonymous.ok());
        QCOMPARE(anonymous.error->httpStatus, 401);
        QCOMPARE(anonymous.error->serverMessage, QStringLiteral("no session information"));
        QVERIFY2(anonymous.error->message.contains(QLatin1String("GET /api/v1/applications")),
                 qPrintable(anonymous.error->message));
        QVERIFY(anonymous.error->message.contains(QLatin1String("Log in")));

        std::optional<Result<QByteArray>> bad;
        QObject context;
        client.login(QStringLiteral("admin"), QStringLiteral("wrong"), &context,
                     [&](Result<QByteArray> r) { bad = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(bad.has_value(), 20000);
        QVERIFY(!bad->ok());
        QVERIFY2(bad->error().contains(QLatin1String("Invalid username or password")), qPrintable(bad->error()));
        QVERIFY(!client.hasToken());

        std::optional<Result<QByteArray>> good;
        client.login(QStringLiteral("admin"), QString::fromLatin1(m_password), &context,
                     [&](Result<QByteArray> r) { good = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(good.has_value(), 20000);
        QVERIFY2(good->ok(), qPrintable(good->error()));
        QVERIFY(client.hasToken());

        // 403 without a project (the app may or may not exist), 404 with one.
        argocd::Reply hidden =
            await([&](QObject *c, auto done) { client.application(QStringLiteral("nope"), {}, c, done); });
        QCOMPARE(hidden.error->httpStatus, 403);
        QVERIFY(hidden.error->message.contains(QLatin1String("project")));
        argocd::Reply missing = await([&](QObject *c, auto done) {
            client.application(QStringLiteral("nope"), QStringLiteral("production"), c, done);
        });
        QCOMPARE(missing.error->httpStatus, 404);
        QCOMPARE(missing.error->grpcCode, 5);
    }

    void listWithProjectsAndFields()
    {
        argocd::Client client(m_endpoint);
        client.setToken(m_password);
        argocd::ListQuery query;
        query.projects = {QStringLiteral("production"), QStringLiteral("staging")};
        query.fields = {QStringLiteral("items.metadata.name"), QStringLiteral("items.status.sync.status")};
        const argocd::Reply list = await([&](QObject *c, auto done) { client.listApplications(query, c, done); });
        QVERIFY2(list.ok(), qPrintable(list.error ? list.error->message : QString()));
        const QJsonArray items = list.body.value(QLatin1String("items")).toArray();
        QCOMPARE(items.size(), 2);
        for (const QJsonValue &item : items) {
            QVERIFY(!item[QLatin1String("spec")].isObject());
            QVERIFY(
                !item[QLatin1String("status")][QLatin1String("sync")][QLatin1String("status")].toString().isEmpty());
        }
    }

    void syncRollbackTerminateAndActions()
    {
        argocd::Client client(m_endpoint);
        client.setToken(m_password);
        const QString production = QStringLiteral("agentic-startup-production");
        // Production's release is deployed by auto-sync: wait for it, then sync to an older revision.
        QJsonObject app;
        QTRY_VERIFY_WITH_TIMEOUT(
            (app = await([&](QObject *c, auto done) { client.application(production, {}, c, done); }).body,
             app[QLatin1String("status")][QLatin1String("history")].toArray().size() == 4 &&
                 app[QLatin1String("status")][QLatin1String("operationState")][QLatin1String("phase")] ==
                     QLatin1String("Succeeded")),
            20000);
        QCOMPARE(rolloutImage(m_sim, "production", "agentic-startup-api"),
                 std::string("ghcr.io/agentic-startup/api:1.5.0"));

        // Rollback under auto-sync: refused, in the server's words, naming the request.
        argocd::Reply refused = await([&](QObject *c, auto done) {
            client.rollback(production, QStringLiteral("production"), 2, false, c, done);
        });
        QCOMPARE(refused.error->httpStatus, 400);
        QCOMPARE(refused.error->serverMessage,
                 QStringLiteral("rollback cannot be initiated when auto-sync is enabled"));
        QVERIFY(refused.error->message.contains(
            QLatin1String("POST /api/v1/applications/agentic-startup-production/rollback")));
        // Auto-sync off, then the rollback moves the image back.
        argocd::Reply off = await([&](QObject *c, auto done) { client.setAutoSync(production, false, c, done); });
        QVERIFY2(off.ok(), qPrintable(off.error ? off.error->message : QString()));
        QVERIFY(!off.body[QLatin1String("spec")][QLatin1String("syncPolicy")].toObject().contains(
            QLatin1String("automated")));
        argocd::Reply rolledBack = await([&](QObject *c, auto done) {
            client.rollback(production, QStringLiteral("production"), 2, false, c, done);
        });
        QVERIFY2(rolledBack.ok(), qPrintable(rolledBack.error ? rolledBack.error->message : QString()));
        QCOMPARE(rolloutImage(m_sim, "production", "agentic-startup-api"),
                 std::string("ghcr.io/agentic-startup/api:1.4.1"));

        // Terminate is a DELETE with no body: it still carries the JSON content type (else 415).
        argocd::Reply terminated = await([&](QObject *c, auto done) {
            client.terminateOperation(production, QStringLiteral("production"), c, done);
        });
        QVERIFY2(terminated.ok(), qPrintable(terminated.error ? terminated.error->message : QString()));
        QTRY_VERIFY_WITH_TIMEOUT(
            (app = await([&](QObject *c, auto done) { client.application(production, {}, c, done); }).body,
             app[QLatin1String("status")][QLatin1String("operationState")][QLatin1String("message")] ==
                 QLatin1String("Operation terminated")),
            20000);

        // A sync to the branch head (with a reason) brings 1.5.0 back.
        argocd::SyncRequest sync;
        sync.project = QStringLiteral("production");
        sync.infos = {{QStringLiteral("reason"), QStringLiteral("roll forward")}};
        argocd::Reply synced = await([&](QObject *c, auto done) { client.sync(production, sync, c, done); });
        QVERIFY2(synced.ok(), qPrintable(synced.error ? synced.error->message : QString()));
        QCOMPARE(rolloutImage(m_sim, "production", "agentic-startup-api"),
                 std::string("ghcr.io/agentic-startup/api:1.5.0"));
        sync.revision = QStringLiteral("deadbeef0");
        QTRY_VERIFY_WITH_TIMEOUT(
            await([&](QObject *c, auto done) {
                client.application(production, {}, c, done);
            }).body[QLatin1String("status")][QLatin1String("operationState")][QLatin1String("phase")] ==
                QLatin1String("Succeeded"),
            20000);
        argocd::Reply unknown = await([&](QObject *c, auto done) { client.sync(production, sync, c, done); });
        QCOMPARE(unknown.error->serverMessage, QStringLiteral("unable to resolve 'deadbeef0' to a commit SHA"));

        // A Rollout action through Argo CD: abort sets status.abort on the cluster.
        argocd::Reply aborted = await([&](QObject *c, auto done) {
            client.runRolloutAction(production, QStringLiteral("production"), QStringLiteral("production"),
                                    QStringLiteral("agentic-startup-api"), QStringLiteral("abort"), c, done);
        });
        QVERIFY2(aborted.ok(), qPrintable(aborted.error ? aborted.error->message : QString()));
        const rdsim::Outcome ro = m_sim.store().get(rdsim::kRollouts, "production", "agentic-startup-api");
        QVERIFY(ro.object);
        QCOMPARE((*ro.object)["status"].value("abort", false), true);
    }

    void noAnswerIsSaid()
    {
        argocd::Endpoint closed = m_endpoint;
        closed.server.setPort(1); // nothing listens there on loopback
        argocd::Client client(closed);
        const argocd::Reply r = await([&](QObject *c, auto done) { client.userInfo(c, done); });
        QCOMPARE(r.error->httpStatus, 0);
        QVERIFY2(r.error->message.contains(QLatin1String("did not answer")), qPrintable(r.error->message));
    }
};

QTEST_GUILESS_MAIN(TestArgoCdClient)
#include "tst_argocdclient.moc"
