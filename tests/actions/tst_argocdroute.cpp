// The action service's Argo CD route against rolldeck-sim (loopback TLS): an action by a user whose cluster context is
// read-only falls back to Argo CD, is applied, audited with the Argo CD identity and visible on the Rollout (kubectl
// reads it back through that read-only context); each of Argo CD's Rollout actions, reached through Rolldeck's verbs,
// turns the upstream oracle's input into its expected output (fixtures/argocd/.../Rollout/actions/action_test.yaml);
// undo is refused before anything is sent; the workspace's `route:` key.
#include "tests/support/AuditRecords.h"
#include "../sim/SimTestSupport.h"
#include "app/actions/ActionService.h"
#include "app/actions/ArgoCdRoute.h"
#include "app/actions/ClusterRoute.h"
#include "app/argocd/ArgoCdClient.h"
#include "app/audit/AuditLog.h"
#include "app/io/ObjectLoader.h"
#include "app/kube/ClusterConnection.h"
#include "app/kube/Kubeconfig.h"
#include "app/kube/KubeconfigCredentials.h"
#include "app/workspace/Workspace.h"
#include "models/argo/DecisionState.h"
#include "models/argo/Rollout.h"
#include "sim/Resources.h"
#include "sim/Simulator.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace rolldeck;
using nlohmann::json;

namespace {

const char *kOracleScenario = R"(name: argocd-route-oracles
controller: false
objects:
- {apiVersion: v1, kind: Namespace, metadata: {name: oracles}}
argocd:
  applications:
  - {name: oracles, project: oracles, namespace: oracles, autoSync: false}
)";

QJsonObject toQt(const json &j)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(j.dump())).object();
}

json fromQt(const QJsonObject &o)
{
    return json::parse(QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString());
}

// A JSON merge patch's view of an object: a null member is the same as an absent one.
json withoutNulls(const json &j)
{
    if (j.is_object()) {
        json out = json::object();
        for (auto it = j.begin(); it != j.end(); ++it)
            if (!it.value().is_null())
                out[it.key()] = withoutNulls(it.value());
        return out;
    }
    if (j.is_array()) {
        json out = json::array();
        for (const json &v : j)
            out.push_back(withoutNulls(v));
        return out;
    }
    return j;
}

QJsonObject fixture(const QString &name)
{
    const LoadResult loaded = ObjectLoader::loadFile(
        QStringLiteral(ROLLDECK_FIXTURES_DIR "/argocd/resource_customizations/Rollout/actions/testdata/") + name);
    return loaded.objects.isEmpty() ? QJsonObject() : loaded.objects.first().json;
}

// Runs one submission to its end.
actions::ActionResult run(actions::ActionService &service, const actions::ActionRequest &request,
                          actions::ActionRoute *route, actions::ActionRoute *fallback = nullptr)
{
    QObject context;
    std::optional<actions::ActionResult> out;
    service.submit(request, route, fallback, &context, [&](const actions::ActionResult &r) { out = r; });
    if (!QTest::qWaitFor([&] { return out.has_value(); }, 30000)) {
        actions::ActionResult none;
        none.message = QStringLiteral("no result in 30 s");
        return none;
    }
    return *out;
}

} // namespace

class TestArgoCdRoute : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    rdsim::Simulator m_live;    // the default scenario: four environments, controller running
    rdsim::Simulator m_oracles; // the oracles' objects, no controller
    QString m_kubeconfig;
    std::unique_ptr<kube::ClusterConnection> m_readOnly;
    std::unique_ptr<argocd::Client> m_argocd;
    std::unique_ptr<argocd::Client> m_oracleArgocd;

    DecisionState seenOf(rdsim::Simulator &sim, const char *ns, const std::string &name)
    {
        const rdsim::Outcome o = sim.store().get(rdsim::kRollouts, ns, name);
        return o.object ? DecisionState::of(Rollout::fromJson(toQt(*o.object))) : DecisionState();
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_kubeconfig = m_dir.filePath(QStringLiteral("kubeconfig"));
        rdsim::Options options;
        options.scenario = "default";
        options.speed = 30;
        options.seed = 14;
        options.tls = true;
        options.kubeconfigOut = m_kubeconfig.toStdString();
        const rdsim::StartResult started = m_live.start(options);
        QVERIFY2(started.ok(), started.error.c_str());
        argocd::Endpoint endpoint{QUrl(QString::fromStdString(started.endpoints.argocd)),
                                  QByteArray::fromStdString(started.endpoints.caPem), 20000};
        m_argocd = std::make_unique<argocd::Client>(endpoint);
        m_argocd->setToken(QByteArray::fromStdString(started.endpoints.argocdToken));

        const kube::Kubeconfig kc = kube::loadKubeconfigFiles({m_kubeconfig});
        const kube::ClusterConfig *readOnly = kc.context(QStringLiteral("rolldeck-demo-readonly"));
        QVERIFY(readOnly);
        auto credentials = kube::KubeconfigCredentials::create(*readOnly);
        QVERIFY(credentials.ok());
        m_readOnly = std::make_unique<kube::ClusterConnection>(*readOnly, *credentials);

        const QString scenario = m_dir.filePath(QStringLiteral("oracles.yaml"));
        QFile f(scenario);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kOracleScenario);
        f.close();
        rdsim::Options o2;
        o2.scenario = scenario.toStdString();
        o2.tls = true;
        const rdsim::StartResult second = m_oracles.start(o2);
        QVERIFY2(second.ok(), second.error.c_str());
        argocd::Endpoint e2{QUrl(QString::fromStdString(second.endpoints.argocd)),
                            QByteArray::fromStdString(second.endpoints.caPem), 20000};
        m_oracleArgocd = std::make_unique<argocd::Client>(e2);
        m_oracleArgocd->setToken(QByteArray::fromStdString(second.endpoints.argocdToken));
    }

    void cleanupTestCase()
    {
        m_readOnly.reset();
        m_argocd.reset();
        m_oracleArgocd.reset();
        m_live.stop();
        m_oracles.stop();
    }

    // staging/agentic-startup-web waits for its blue-green promotion. The read-only context may not promote it; with
    // Argo CD as the fallback the promote goes through Argo CD's resume, as the Argo CD account.
    void readOnlyContextFallsBackToArgoCd()
    {
        const char *ns = "staging";
        const std::string name = "agentic-startup-web";
        QTRY_VERIFY_WITH_TIMEOUT(seenOf(m_live, ns, name).paused, 30000);
        const QString auditDir = m_dir.filePath(QStringLiteral("audit-fallback"));
        audit::AuditLog log(audit::AuditLog::Options{auditDir});
        actions::ActionService service(&log);
        actions::ClusterRoute cluster(m_readOnly.get());
        actions::ArgoCdRoute argo(m_argocd.get());

        actions::ActionRequest request;
        request.verb = actions::Verb::Promote;
        request.target = {QStringLiteral("rolldeck-demo-readonly"), QLatin1String(ns), QString::fromStdString(name)};
        request.reason = QStringLiteral("release 3.0.4 looks good in preview");
        request.seen = seenOf(m_live, ns, name);

        // Without the fallback the read-only identity is refused, naming what it lacks; nothing moved.
        const actions::ActionResult refused = run(service, request, &cluster);
        QCOMPARE(refused.outcome, actions::ActionResult::Outcome::Refused);
        QCOMPARE(refused.refusal, actions::ActionResult::Refusal::Permission);
        QVERIFY2(refused.message.contains(QLatin1String("rollouts/status")), qPrintable(refused.message));
        QVERIFY(seenOf(m_live, ns, name).paused);

        const actions::ActionResult applied = run(service, request, &cluster, &argo);
        QVERIFY2(applied.applied(), qPrintable(applied.message));
        QCOMPARE(applied.sent.size(), 1);
        QVERIFY2(applied.sent.first().startsWith(
                     QLatin1String("POST /api/v1/applications/agentic-startup-staging/resource/actions/v2")),
                 qPrintable(applied.sent.first()));
        QVERIFY(applied.evidenceProblems.isEmpty());

        // The record: the Argo CD account acted, through Argo CD, because the cluster identity could not.
        const QList<QJsonObject> records = test::auditRecords(auditDir);
        QCOMPARE(records.size(), 3); // refused, then intent and result
        QCOMPARE(records.at(1).value(QLatin1String("type")).toString(), QStringLiteral("intent"));
        for (int i : {1, 2}) {
            const QJsonObject actor = records.at(i).value(QLatin1String("actor")).toObject();
            QCOMPARE(actor.value(QLatin1String("route")).toString(), QStringLiteral("argocd"));
            QCOMPARE(actor.value(QLatin1String("argocd")).toString(), QStringLiteral("admin"));
            QVERIFY(!actor.contains(QLatin1String("cluster")));
            QCOMPARE(actor.value(QLatin1String("fallbackFrom")).toString(), QStringLiteral("cluster"));
            QVERIFY2(
                actor.value(QLatin1String("fallbackBecause")).toString().contains(QLatin1String("rollouts/status")),
                qPrintable(actor.value(QLatin1String("fallbackBecause")).toString()));
            QCOMPARE(records.at(i)[QLatin1String("target")][QLatin1String("server")].toString(),
                     m_argocd->endpoint().server.toString());
        }
        const QJsonObject sent = records.at(1)[QLatin1String("requests")].toArray().first().toObject();
        const QJsonObject body =
            QJsonDocument::fromJson(sent.value(QLatin1String("body")).toString().toUtf8()).object();
        QCOMPARE(body.value(QLatin1String("action")).toString(), QStringLiteral("resume"));
        QCOMPARE(body.value(QLatin1String("project")).toString(), QStringLiteral("staging"));
        QCOMPARE(records.at(2).value(QLatin1String("outcome")).toString(), QStringLiteral("applied"));
        const QByteArray hash = applied.auditHash;
        QVERIFY(!hash.isEmpty());

        // Visible on the Rollout through the read-only context: the pause is gone, the annotation names the action,
        // and the controller finishes the promotion (the preview becomes the stable version).
        const auto kubectl = [&](const QString &jsonpath) {
            const auto r = simtest::runKubectl(m_dir.path(), m_kubeconfig,
                                               {QStringLiteral("--context"), QStringLiteral("rolldeck-demo-readonly"),
                                                QStringLiteral("-n"), QLatin1String(ns), QStringLiteral("get"),
                                                QStringLiteral("rollout"), QString::fromStdString(name),
                                                QStringLiteral("-o"), QStringLiteral("jsonpath=") + jsonpath});
            return r.exitCode == 0 ? r.out : QStringLiteral("kubectl failed: ") + r.err;
        };
        if (QFile::exists(QStringLiteral("/usr/bin/kubectl"))) {
            const QString annotation = kubectl(QStringLiteral("{.metadata.annotations.rolldeck\\.io/last-action}"));
            const QJsonObject last = QJsonDocument::fromJson(annotation.toUtf8()).object();
            QCOMPARE(last.value(QLatin1String("verb")).toString(), QStringLiteral("promote"));
            QCOMPARE(last.value(QLatin1String("route")).toString(), QStringLiteral("argocd"));
            QCOMPARE(last.value(QLatin1String("hash")).toString(), QString::fromLatin1(hash));
            QTRY_COMPARE_WITH_TIMEOUT(kubectl(QStringLiteral("{.status.pauseConditions}")), QString(), 10000);
            QTRY_VERIFY_WITH_TIMEOUT(kubectl(QStringLiteral("{.status.stableRS}")) ==
                                         kubectl(QStringLiteral("{.status.currentPodHash}")),
                                     30000);
        } else {
            QTRY_VERIFY_WITH_TIMEOUT(!seenOf(m_live, ns, name).paused, 10000);
        }
    }

    // Undo is no resource action: the route says what to do instead, and nothing is sent.
    void undoIsNotAResourceAction()
    {
        audit::AuditLog log(audit::AuditLog::Options{m_dir.filePath(QStringLiteral("audit-undo"))});
        actions::ActionService service(&log);
        actions::ArgoCdRoute argo(m_argocd.get());
        actions::ActionRequest request;
        request.verb = actions::Verb::Undo;
        request.target = {QStringLiteral("rolldeck-demo"), QStringLiteral("development"),
                          QStringLiteral("agentic-startup-api")};
        request.seen = seenOf(m_live, "development", "agentic-startup-api");
        const actions::ActionResult r = run(service, request, &argo);
        if (r.outcome == actions::ActionResult::Outcome::Refused) // the controller moved it meanwhile: try once more
            QSKIP("the development rollout changed between the read and the check");
        QCOMPARE(r.outcome, actions::ActionResult::Outcome::Failed);
        QVERIFY2(r.message.contains(QLatin1String("roll the application back")), qPrintable(r.message));
        QVERIFY(r.sent.isEmpty());
    }

    void oracles_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("verb");
        QTest::addColumn<bool>("full");
        QTest::addColumn<QString>("action");
        const auto V = [](actions::Verb v) { return int(v); };
        // action_test.yaml's actionTests, in its order, each reached through the verb that sends that action.
        QTest::newRow("resume pre-v0.6") << "pre_v0.6_paused_rollout.yaml"
                                         << "pre_v0.6_not_paused_rollout.yaml" << V(actions::Verb::Promote) << false
                                         << "resume";
        QTest::newRow("resume") << "has_pause_condition_rollout.yaml"
                                << "no_pause_condition_rollout.yaml" << V(actions::Verb::Promote) << false << "resume";
        QTest::newRow("abort") << "has_pause_condition_rollout.yaml"
                               << "has_pause_condition_rollout_aborted.yaml" << V(actions::Verb::Abort) << false
                               << "abort";
        QTest::newRow("restart") << "rollout_not_restarted.yaml"
                                 << "rollout_restarted.yaml" << V(actions::Verb::Restart) << false << "restart";
        QTest::newRow("retry") << "v0.9_aborted_rollout.yaml"
                               << "retried_rollout.yaml" << V(actions::Verb::Retry) << false << "retry";
        QTest::newRow("promote-full v0.9")
            << "v0.9_aborted_rollout.yaml"
            << "v0.9_promote-full_rollout.yaml" << V(actions::Verb::Promote) << true << "promote-full";
        QTest::newRow("promote-full") << "aborted_rollout.yaml"
                                      << "promote-full_rollout.yaml" << V(actions::Verb::Promote) << true
                                      << "promote-full";
        QTest::newRow("skip-current-step")
            << "rollout-step1.yaml"
            << "rollout-step1-after-skip-current-step.yaml" << V(actions::Verb::Skip) << false << "skip-current-step";
        // Not an upstream oracle: pause on a rollout that is not paused sets spec.paused (the Lua's one line).
        QTest::newRow("pause") << "pre_v0.6_not_paused_rollout.yaml"
                               << "" << V(actions::Verb::Pause) << false << "pause";
    }

    void oracles()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QFETCH(int, verb);
        QFETCH(bool, full);
        QFETCH(QString, action);
        static int serial = 0;
        const std::string name = "oracle-" + std::to_string(++serial);

        // The input, as the cluster holds it: spec through the object, status through /status.
        const QJsonObject in = fixture(input);
        QVERIFY(!in.isEmpty());
        json object = fromQt(in);
        const json status = object.value("status", json::object());
        object.erase("status");
        object["metadata"] = {{"name", name}, {"namespace", "oracles"}};
        QVERIFY(!m_oracles.store().create(rdsim::kRollouts, "oracles", object).error);
        QVERIFY(!m_oracles.store()
                     .mergePatch(rdsim::kRollouts, "oracles", name, {{"status", status}}, rdsim::WriteScope::Status)
                     .error);

        audit::AuditLog log(audit::AuditLog::Options{m_dir.filePath(QStringLiteral("audit-oracles"))});
        actions::ActionService service(&log);
        actions::ArgoCdRoute argo(m_oracleArgocd.get(), {QStringLiteral("oracles")});
        actions::ActionRequest request;
        request.verb = actions::Verb(verb);
        request.options.full = full;
        request.target = {QStringLiteral("oracles-context"), QStringLiteral("oracles"), QString::fromStdString(name)};
        request.seen = seenOf(m_oracles, "oracles", name);
        const actions::ActionResult r = run(service, request, &argo);
        QVERIFY2(r.applied(), qPrintable(r.message));
        QVERIFY(!r.noop);
        const QList<QJsonObject> records = test::auditRecords(m_dir.filePath(QStringLiteral("audit-oracles")));
        QVERIFY(records.size() >= 2);
        const QJsonObject intent = records.at(records.size() - 2);
        QCOMPARE(intent.value(QLatin1String("type")).toString(), QStringLiteral("intent"));
        QCOMPARE(intent[QLatin1String("plan")][QLatin1String("argocdAction")].toString(), action);

        const rdsim::Outcome after = m_oracles.store().get(rdsim::kRollouts, "oracles", name);
        QVERIFY(after.object);
        json got = withoutNulls(*after.object);
        if (expected.isEmpty()) { // pause
            QCOMPARE(got["spec"].value("paused", false), true);
            return;
        }
        json want = withoutNulls(fromQt(fixture(expected)));
        if (action == QLatin1String("restart")) {
            // Upstream's test clock says 0001-01-01; ours is now.
            const QDateTime at = QDateTime::fromString(
                QString::fromStdString(got["spec"].value("restartAt", std::string())), Qt::ISODate);
            QVERIFY(at.isValid() && qAbs(at.secsTo(QDateTime::currentDateTimeUtc())) < 600);
            got["spec"].erase("restartAt");
            want["spec"].erase("restartAt");
        }
        // An object without status reads back with an empty one.
        for (const char *part : {"spec", "status"}) {
            const json g = got.value(part, json::object());
            const json w = want.value(part, json::object());
            QVERIFY2(g == w, (std::string(part) + ": " + g.dump() + "\n!=\n" + w.dump()).c_str());
        }
    }

    void workspaceRoute()
    {
        const QByteArray yaml =
            "environments:\n"
            "  production:\n"
            "    clusters: [{context: c, namespace: production}]\n"
            "    argocd: {server: 'https://argocd.example.com', applications: [p], credential: 'keychain:argocd-p'}\n"
            "    route: argocd\n"
            "  staging:\n"
            "    clusters: [{context: c, namespace: staging}]\n";
        const WorkspaceParse ok = parseWorkspace(yaml, QStringLiteral("ws.yaml"), QStringLiteral("/"));
        QVERIFY2(ok.errors.isEmpty(), qPrintable(ok.errors.value(0).toString()));
        QCOMPARE(ok.workspace.environment(QStringLiteral("production"))->route, ActionRouteChoice::ArgoCd);
        QCOMPARE(ok.workspace.environment(QStringLiteral("staging"))->route, ActionRouteChoice::Cluster);

        const WorkspaceParse bad = parseWorkspace("environments:\n  s:\n    clusters: [{context: c}]\n    route: git\n",
                                                  QStringLiteral("ws.yaml"), QStringLiteral("/"));
        QCOMPARE(bad.errors.size(), 1);
        QVERIFY2(bad.errors.first().message.contains(QLatin1String("neither cluster nor argocd")),
                 qPrintable(bad.errors.first().message));
        const WorkspaceParse noArgo =
            parseWorkspace("environments:\n  s:\n    clusters: [{context: c}]\n    route: argocd\n",
                           QStringLiteral("ws.yaml"), QStringLiteral("/"));
        QCOMPARE(noArgo.errors.size(), 1);
        QCOMPARE(noArgo.errors.first().line, 4);
    }
};

QTEST_GUILESS_MAIN(TestArgoCdRoute)
#include "tst_argocdroute.moc"
