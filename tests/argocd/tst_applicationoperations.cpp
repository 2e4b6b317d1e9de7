// Application operations (app/actions/ApplicationOperations) against rolldeck-sim's Argo CD API: a read-only Argo CD
// account's sync is refused by Argo CD's RBAC and recorded as a permission refusal; a dry run changes nothing and is
// never reported as applied; a sync of selected resources moves only those and is not a deployment.
#include "tests/support/AuditRecords.h"
#include "app/actions/ApplicationOperations.h"
#include "app/argocd/ArgoCdClient.h"
#include "app/audit/AuditLog.h"
#include "sim/Simulator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace rolldeck;

namespace {

const QString kStaging = QStringLiteral("agentic-startup-staging");

std::string rolloutImage(rdsim::Simulator &sim, const std::string &ns, const std::string &name)
{
    const rdsim::Outcome o = sim.store().get(rdsim::kRollouts, ns, name);
    return o.object ? (*o.object)["spec"]["template"]["spec"]["containers"][0].value("image", std::string())
                    : std::string();
}

QJsonObject readApplication(argocd::Client &client, const QString &name)
{
    QObject context;
    std::optional<argocd::Reply> out;
    client.application(name, {}, &context, [&](const argocd::Reply &r) { out = r; });
    if (!QTest::qWaitFor([&] { return out.has_value(); }, 20000) || !out->ok())
        return {};
    return out->body;
}

} // namespace

class TestApplicationOperations : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    rdsim::Simulator m_sim;
    argocd::Endpoint m_endpoint;
    QByteArray m_adminToken;
    QByteArray m_viewerToken;

    // Submits one operation on staging as the holder of `token` sees it now, and waits for its outcome.
    actions::ApplicationOperationResult run(const QByteArray &token, actions::ApplicationOperation op)
    {
        argocd::Client client(m_endpoint);
        client.setToken(token);
        audit::AuditLog log(audit::AuditLog::Options{m_dir.filePath(QStringLiteral("audit"))});
        actions::ApplicationOperations operations(&log, &client);
        op.application = kStaging;
        op.project = QStringLiteral("staging");
        op.environment = QStringLiteral("staging");
        op.reason = QStringLiteral("test");
        op.seen = actions::ApplicationDecision::of(Application::fromJson(readApplication(client, kStaging)));
        std::optional<actions::ApplicationOperationResult> out;
        operations.submit(op, this, [&](const actions::ApplicationOperationResult &r) { out = r; });
        if (!QTest::qWaitFor([&] { return out.has_value(); }, 20000))
            return {};
        return *out;
    }

    // Waits until staging's current operation (if any) has finished, and returns the application then.
    QJsonObject settled()
    {
        argocd::Client client(m_endpoint);
        client.setToken(m_adminToken);
        QJsonObject app;
        const bool done = QTest::qWaitFor(
            [&] {
                app = readApplication(client, kStaging);
                return !app.contains(QLatin1String("operation")) &&
                       app[QLatin1String("status")][QLatin1String("operationState")][QLatin1String("phase")] ==
                           QLatin1String("Succeeded");
            },
            20000);
        if (!done)
            qWarning("staging's operation did not finish in 20 s");
        return app;
    }

    static QJsonArray historyOf(const QJsonObject &app)
    {
        return app[QLatin1String("status")][QLatin1String("history")].toArray();
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        rdsim::Options options;
        options.scenario = "default";
        options.speed = 30;
        options.seed = 41;
        const rdsim::StartResult started = m_sim.start(options);
        QVERIFY2(started.ok(), started.error.c_str());
        m_endpoint.server = QUrl(QString::fromStdString(started.endpoints.argocd));
        m_adminToken = QByteArray::fromStdString(started.endpoints.argocdToken);
        m_viewerToken = QByteArray::fromStdString(started.endpoints.argocdReadOnlyToken);
        QVERIFY(!m_viewerToken.isEmpty());
        // The blue-green scenario's CI deploys a new web release to staging 20 simulated seconds in: let it land
        // first, so that the operations below are the only ones on staging.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const QJsonValue &h : historyOf(settled()))
                    if (h[QLatin1String("initiatedBy")][QLatin1String("username")] == QLatin1String("ci-pipeline"))
                        return true;
                return false;
            }(),
            20000);
    }

    void cleanupTestCase() { m_sim.stop(); }

    void readOnlyAccountIsRefusedByArgoCd()
    {
        const QJsonObject before = settled();
        const std::string image = rolloutImage(m_sim, "staging", "agentic-startup-web");
        actions::ApplicationOperation op;
        op.verb = actions::ApplicationOperation::Verb::Sync;
        op.revision = historyOf(before).first()[QLatin1String("revision")].toString();
        const actions::ApplicationOperationResult r = run(m_viewerToken, op);
        QVERIFY2(r.outcome == actions::ApplicationOperationResult::Outcome::Refused, qPrintable(r.message));
        QCOMPARE(r.refusal, QStringLiteral("permission"));
        QCOMPARE(r.httpStatus, 403);
        QCOMPARE(r.serverMessage,
                 QStringLiteral("permission denied: applications, sync, staging/agentic-startup-staging, sub: viewer"));
        QVERIFY2(r.message.contains(QLatin1String("the account viewer may not sync applications in project staging")),
                 qPrintable(r.message));
        // Nothing moved, and the audit log holds the intent (sent) and the refusal.
        QCOMPARE(rolloutImage(m_sim, "staging", "agentic-startup-web"), image);
        QCOMPARE(historyOf(settled()), historyOf(before));
        const QList<QJsonObject> records = test::auditRecords(m_dir.filePath(QStringLiteral("audit")));
        QVERIFY(records.size() >= 2);
        const QJsonObject result = records.last();
        QCOMPARE(result[QLatin1String("type")].toString(), QStringLiteral("result"));
        QCOMPARE(result[QLatin1String("outcome")].toString(), QStringLiteral("refused"));
        QCOMPARE(result[QLatin1String("refusal")].toString(), QStringLiteral("permission"));
        QCOMPARE(result[QLatin1String("actor")][QLatin1String("argocd")].toString(), QStringLiteral("viewer"));
        QCOMPARE(records.at(records.size() - 2)[QLatin1String("type")].toString(), QStringLiteral("intent"));
    }

    void dryRunChangesNothing()
    {
        const QJsonObject before = settled();
        const std::string image = rolloutImage(m_sim, "staging", "agentic-startup-web");
        const QString older = historyOf(before).first()[QLatin1String("revision")].toString();
        const QString current =
            before[QLatin1String("status")][QLatin1String("sync")][QLatin1String("revision")].toString();
        QVERIFY(older != current);
        actions::ApplicationOperation op;
        op.verb = actions::ApplicationOperation::Verb::Sync;
        op.revision = older;
        op.dryRun = true;
        const actions::ApplicationOperationResult r = run(m_adminToken, op);
        QVERIFY2(r.outcome == actions::ApplicationOperationResult::Outcome::DryRun, qPrintable(r.message));
        QVERIFY(!r.applied());
        QCOMPARE(r.message, QStringLiteral("dry run: nothing was changed"));
        const QJsonObject after = settled();
        QCOMPARE(historyOf(after), historyOf(before));
        QCOMPARE(after[QLatin1String("status")][QLatin1String("sync")][QLatin1String("revision")].toString(), current);
        QCOMPARE(rolloutImage(m_sim, "staging", "agentic-startup-web"), image);
        const QJsonObject result = test::auditRecords(m_dir.filePath(QStringLiteral("audit"))).last();
        QCOMPARE(result[QLatin1String("outcome")].toString(), QStringLiteral("dry-run"));
        QCOMPARE(result[QLatin1String("options")][QLatin1String("dryRun")].toBool(), true);
    }

    void selectedResourcesOnly()
    {
        const QJsonObject before = settled();
        const QString older = historyOf(before).first()[QLatin1String("revision")].toString();
        actions::ApplicationOperation op;
        op.verb = actions::ApplicationOperation::Verb::Sync;
        op.revision = older;
        op.resources << QJsonObject{{QStringLiteral("group"), QStringLiteral("argoproj.io")},
                                    {QStringLiteral("kind"), QStringLiteral("Rollout")},
                                    {QStringLiteral("name"), QStringLiteral("no-such-rollout")},
                                    {QStringLiteral("namespace"), QStringLiteral("staging")}};
        const std::string image = rolloutImage(m_sim, "staging", "agentic-startup-web");
        const actions::ApplicationOperationResult r = run(m_adminToken, op);
        QVERIFY2(r.applied(), qPrintable(r.message));
        const QJsonObject after = settled();
        // Only the named resource was synced: the web rollout kept its image, and a partial sync is no deployment.
        QCOMPARE(rolloutImage(m_sim, "staging", "agentic-startup-web"), image);
        QCOMPARE(historyOf(after), historyOf(before));
        const QJsonObject sync = after[QLatin1String("status")][QLatin1String("operationState")]
                                      [QLatin1String("operation")][QLatin1String("sync")]
                                          .toObject();
        QCOMPARE(sync[QLatin1String("resources")].toArray(), QJsonArray{op.resources.first()});
        const QJsonObject result = test::auditRecords(m_dir.filePath(QStringLiteral("audit"))).last();
        QCOMPARE(result[QLatin1String("outcome")].toString(), QStringLiteral("applied"));
        QCOMPARE(result[QLatin1String("options")][QLatin1String("resources")].toArray(),
                 QJsonArray{op.resources.first()});
    }
};

QTEST_MAIN(TestApplicationOperations)
#include "tst_applicationoperations.moc"
