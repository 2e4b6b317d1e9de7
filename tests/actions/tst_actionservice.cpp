// The action service against a scriptable loopback server, where the exact bytes and the server's misbehaviour are
// under the test's control: the /status 404 fallback, a 409 repeating the decision check once, a changed decision
// state sending nothing, a status-only change sent with the fresh resourceVersion, a dropped connection recorded
// as outcome unknown, a 500 recorded as failed, the workspace policy, and no second submission in flight.
#include "FakeHttpServer.h"
#include "app/actions/ActionService.h"
#include "app/actions/ClusterRoute.h"
#include "models/argo/Rollout.h"
#include "app/audit/AuditLog.h"
#include "app/audit/AuditVerifier.h"
#include "app/kube/ClusterConnection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace rolldeck;
using namespace rolldeck::actions;
using rolldeck::testsupport::FakeHttpServer;
using rolldeck::testsupport::HttpExchange;
using rolldeck::testsupport::HttpRequest;

namespace {

const QString kPath = QStringLiteral("/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts/web");

QJsonObject rollout(int step, const QString &rv, bool paused = true)
{
    QJsonObject status{{QStringLiteral("currentStepIndex"), step},
                       {QStringLiteral("currentPodHash"), QStringLiteral("h3")},
                       {QStringLiteral("stableRS"), QStringLiteral("h2")},
                       {QStringLiteral("phase"), paused ? QStringLiteral("Paused") : QStringLiteral("Progressing")}};
    if (paused)
        status.insert(QStringLiteral("pauseConditions"),
                      QJsonArray{QJsonObject{{QStringLiteral("reason"), QStringLiteral("CanaryPauseStep")},
                                             {QStringLiteral("startTime"), QStringLiteral("2026-01-01T00:00:00Z")}}});
    const QJsonArray steps{
        QJsonObject{{QStringLiteral("setWeight"), 20}}, QJsonObject{{QStringLiteral("pause"), QJsonObject()}},
        QJsonObject{{QStringLiteral("setWeight"), 50}}, QJsonObject{{QStringLiteral("pause"), QJsonObject()}}};
    return {{QStringLiteral("apiVersion"), QStringLiteral("argoproj.io/v1alpha1")},
            {QStringLiteral("kind"), QStringLiteral("Rollout")},
            {QStringLiteral("metadata"),
             QJsonObject{{QStringLiteral("name"), QStringLiteral("web")},
                         {QStringLiteral("namespace"), QStringLiteral("shop")},
                         {QStringLiteral("uid"), QStringLiteral("u-1")},
                         {QStringLiteral("resourceVersion"), rv},
                         {QStringLiteral("annotations"),
                          QJsonObject{{QStringLiteral("rollout.argoproj.io/revision"), QStringLiteral("3")}}}}},
            {QStringLiteral("spec"),
             QJsonObject{{QStringLiteral("paused"), true},
                         {QStringLiteral("strategy"),
                          QJsonObject{{QStringLiteral("canary"), QJsonObject{{QStringLiteral("steps"), steps}}}}}}},
            {QStringLiteral("status"), status}};
}

QByteArray doc(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// A small scripted API: GETs answer `current`, PATCHes go through `onPatch`, reviews allow what `allowed` says.
class Script : public QObject
{
public:
    explicit Script(FakeHttpServer *server)
    {
        server->setHandler([this](const HttpRequest &r, HttpExchange *x) { handle(r, x); });
    }
    QJsonObject current = rollout(1, QStringLiteral("7"));
    std::function<void(const HttpRequest &, HttpExchange *)> onPatch = [this](const HttpRequest &, HttpExchange *x) {
        x->respond(200, doc(current));
    };
    std::function<bool(const QJsonObject &)> allowed = [](const QJsonObject &) { return true; };
    QList<HttpRequest> patches;
    QList<HttpRequest> events;
    int gets = 0;

private:
    void handle(const HttpRequest &r, HttpExchange *x)
    {
        if (r.path.endsWith(QLatin1String("/selfsubjectaccessreviews"))) {
            QJsonObject review = QJsonDocument::fromJson(r.body).object();
            const bool ok = allowed(
                review.value(QLatin1String("spec")).toObject().value(QLatin1String("resourceAttributes")).toObject());
            review.insert(QStringLiteral("status"), QJsonObject{{QStringLiteral("allowed"), ok}});
            x->respond(201, doc(review));
        } else if (r.path.endsWith(QLatin1String("/selfsubjectreviews"))) {
            x->respond(201,
                       doc({{QStringLiteral("status"),
                             QJsonObject{{QStringLiteral("userInfo"),
                                          QJsonObject{{QStringLiteral("username"), QStringLiteral("alice@corp")}}}}}}));
        } else if (r.method == "GET" && r.path == kPath) {
            ++gets;
            x->respond(200, doc(current));
        } else if (r.method == "PATCH") {
            if (r.path.contains(QLatin1String("/rollouts/web")) && r.body.contains("rolldeck.io/last-action")) {
                x->respond(200, doc(current));
                return;
            }
            patches << r;
            onPatch(r, x);
        } else if (r.method == "POST" && r.path.endsWith(QLatin1String("/events"))) {
            events << r;
            x->respond(201, r.body);
        } else {
            x->respondStatus(404, QStringLiteral("NotFound"), QStringLiteral("not here"));
        }
    }
};

struct Harness
{
    QTemporaryDir dir;
    FakeHttpServer server;
    std::unique_ptr<Script> script;
    std::unique_ptr<kube::ClusterConnection> connection;
    std::unique_ptr<ClusterRoute> route;
    std::unique_ptr<audit::AuditLog> log;
    std::unique_ptr<ActionService> service;

    explicit Harness(int timeoutMs = 30000)
    {
        server.listen();
        script = std::make_unique<Script>(&server);
        kube::ClusterConfig config;
        config.contextName = QStringLiteral("test");
        config.server = server.url();
        kube::ConnectionOptions options = kube::ConnectionOptions::headless();
        options.client.requestTimeoutMs = timeoutMs;
        connection = std::make_unique<kube::ClusterConnection>(config, kube::StaticCredentials::bearer("tok"), options);
        route = std::make_unique<ClusterRoute>(connection.get());
        log = std::make_unique<audit::AuditLog>(audit::AuditLog::Options{dir.path()});
        service = std::make_unique<ActionService>(log.get());
    }

    ActionRequest request(Verb verb, const DecisionState &seen) const
    {
        ActionRequest r;
        r.verb = verb;
        r.target = {QStringLiteral("test"), QStringLiteral("shop"), QStringLiteral("web")};
        r.reason = QStringLiteral("test");
        r.seen = seen;
        return r;
    }

    std::optional<ActionResult> run(const ActionRequest &r)
    {
        std::optional<ActionResult> result;
        QObject context;
        service->submit(r, route.get(), &context, [&result](const ActionResult &a) { result = a; });
        if (!QTest::qWaitFor([&result] { return result.has_value(); }, 30000))
            return std::nullopt;
        return result;
    }

    QList<QJsonObject> records() const
    {
        QList<QJsonObject> out;
        for (const audit::StoredRecord &r : audit::readRecords(log->files()))
            out << r.json;
        return out;
    }
};

DecisionState seenOf(const QJsonObject &o)
{
    return DecisionState::of(Rollout::fromJson(o));
}

} // namespace

class TestActionService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void statusNotFoundFallsBackToTheMainResource()
    {
        Harness h;
        h.script->onPatch = [&h](const HttpRequest &r, HttpExchange *x) {
            if (r.path.endsWith(QLatin1String("/status")))
                x->respondStatus(404, QStringLiteral("NotFound"),
                                 QStringLiteral("the server could not find the requested resource"));
            else
                x->respond(200, doc(h.script->current));
        };
        const auto result = h.run(h.request(Verb::Promote, seenOf(h.script->current)));
        QVERIFY(result);
        QVERIFY2(result->applied(), qPrintable(result->message));
        QCOMPARE(h.script->patches.size(), 2);
        QCOMPARE(h.script->patches.at(0).path, kPath + QStringLiteral("/status"));
        QCOMPARE(h.script->patches.at(0).header("content-type"), QByteArray("application/merge-patch+json"));
        QCOMPARE(QJsonDocument::fromJson(h.script->patches.at(0).body).object(),
                 QJsonDocument::fromJson(R"({"status":{"pauseConditions":null},"metadata":{"resourceVersion":"7"}})")
                     .object());
        // The unified patch to the main resource: spec and status together, as upstream sends it.
        QCOMPARE(h.script->patches.at(1).path, kPath);
        QCOMPARE(
            QJsonDocument::fromJson(h.script->patches.at(1).body).object(),
            QJsonDocument::fromJson(
                R"({"spec":{"paused":false},"status":{"pauseConditions":null},"metadata":{"resourceVersion":"7"}})")
                .object());
    }

    void changedDecisionStateSendsNothing()
    {
        Harness h;
        const DecisionState seen = seenOf(rollout(1, QStringLiteral("5")));
        h.script->current = rollout(2, QStringLiteral("9"), false);
        const auto result = h.run(h.request(Verb::Promote, seen));
        QVERIFY(result);
        QCOMPARE(result->outcome, ActionResult::Outcome::Refused);
        QCOMPARE(result->refusal, ActionResult::Refusal::ChangedState);
        QVERIFY2(result->changes.contains(QStringLiteral("step 1 \u2192 2")), qPrintable(result->changes.join(u';')));
        QVERIFY2(result->changes.contains(QStringLiteral("weight 20 \u2192 50")),
                 qPrintable(result->changes.join(u';')));
        QVERIFY(h.script->patches.isEmpty());
        const auto records = h.records();
        QCOMPARE(records.size(), 1);
        QCOMPARE(records.first().value(QLatin1String("type")).toString(), QStringLiteral("refused"));
        QCOMPARE(records.first().value(QLatin1String("refusal")).toString(), QStringLiteral("changed-state"));
    }

    void statusOnlyChangeIsSentWithTheFreshResourceVersion()
    {
        Harness h;
        const DecisionState seen = seenOf(rollout(1, QStringLiteral("5")));
        h.script->current = rollout(1, QStringLiteral("9"));
        const auto result = h.run(h.request(Verb::Abort, seen));
        QVERIFY(result);
        QVERIFY2(result->applied(), qPrintable(result->message));
        QCOMPARE(h.script->patches.size(), 1);
        QCOMPARE(QJsonDocument::fromJson(h.script->patches.first().body).object(),
                 QJsonDocument::fromJson(R"({"status":{"abort":true},"metadata":{"resourceVersion":"9"}})").object());
        QCOMPARE(h.records().first().value(QLatin1String("resourceVersion")).toString(), QStringLiteral("9"));
    }

    void conflictRepeatsTheCheckOnce_data()
    {
        QTest::addColumn<bool>("changedMeanwhile");
        QTest::newRow("status only moved: sent again") << false;
        QTest::newRow("decision changed: nothing more sent") << true;
    }

    void conflictRepeatsTheCheckOnce()
    {
        QFETCH(bool, changedMeanwhile);
        Harness h;
        const DecisionState seen = seenOf(h.script->current);
        h.script->onPatch = [&h, changedMeanwhile](const HttpRequest &, HttpExchange *x) {
            if (h.script->patches.size() == 1) {
                h.script->current =
                    changedMeanwhile ? rollout(2, QStringLiteral("8"), false) : rollout(1, QStringLiteral("8"));
                x->respondStatus(409, QStringLiteral("Conflict"), QStringLiteral("the object has been modified"));
            } else {
                x->respond(200, doc(h.script->current));
            }
        };
        const auto result = h.run(h.request(Verb::Abort, seen));
        QVERIFY(result);
        if (changedMeanwhile) {
            QCOMPARE(result->outcome, ActionResult::Outcome::Refused);
            QCOMPARE(result->refusal, ActionResult::Refusal::ChangedState);
            QCOMPARE(h.script->patches.size(), 1);
        } else {
            QVERIFY2(result->applied(), qPrintable(result->message));
            QCOMPARE(h.script->patches.size(), 2);
            QVERIFY(h.script->patches.at(1).body.contains("\"resourceVersion\":\"8\""));
        }
        const auto records = h.records();
        QCOMPARE(records.at(0).value(QLatin1String("type")).toString(), QStringLiteral("intent"));
        QCOMPARE(records.at(1).value(QLatin1String("type")).toString(), QStringLiteral("result"));
        QVERIFY(records.at(1).value(QLatin1String("checkedAgainAfterConflict")).toBool());
    }

    void conflictTwiceIsFailedNotRetriedAgain()
    {
        Harness h;
        h.script->onPatch = [](const HttpRequest &, HttpExchange *x) {
            x->respondStatus(409, QStringLiteral("Conflict"), QStringLiteral("the object has been modified"));
        };
        const auto result = h.run(h.request(Verb::Abort, seenOf(h.script->current)));
        QVERIFY(result);
        QCOMPARE(result->outcome, ActionResult::Outcome::Failed);
        QCOMPARE(h.script->patches.size(), 2);
    }

    void droppedConnectionIsOutcomeUnknown()
    {
        Harness h;
        h.script->onPatch = [](const HttpRequest &, HttpExchange *x) { x->drop(); };
        const auto result = h.run(h.request(Verb::Abort, seenOf(h.script->current)));
        QVERIFY(result);
        QCOMPARE(result->outcome, ActionResult::Outcome::Unknown);
        const audit::VerifyReport report = audit::verifyChain(h.log->files());
        QVERIFY(report.chainIntact());
        QCOMPARE(report.unknown.size(), 1);
        // Each PATCH carried the precondition: had the server applied one, a repeat would have been refused (409).
        for (const HttpRequest &p : std::as_const(h.script->patches))
            QVERIFY(p.body.contains("\"resourceVersion\":\"7\""));
    }

    void hungRequestIsOutcomeUnknown()
    {
        Harness h(1500);
        h.script->onPatch = [](const HttpRequest &, HttpExchange *x) { x->hang(); };
        const auto result = h.run(h.request(Verb::Pause, seenOf(h.script->current)));
        QVERIFY(result);
        QCOMPARE(result->outcome, ActionResult::Outcome::Unknown);
        QCOMPARE(h.script->patches.size(), 1);
        QCOMPARE(audit::verifyChain(h.log->files()).unknown.size(), 1);
    }

    void serverErrorIsFailed()
    {
        Harness h;
        h.script->onPatch = [](const HttpRequest &, HttpExchange *x) {
            x->respondStatus(500, QStringLiteral("InternalError"), QStringLiteral("etcd is on fire"));
        };
        const auto result = h.run(h.request(Verb::Pause, seenOf(h.script->current)));
        QVERIFY(result);
        QCOMPARE(result->outcome, ActionResult::Outcome::Failed);
        QCOMPARE(result->httpStatus, 500);
        QCOMPARE(result->serverMessage, QStringLiteral("etcd is on fire"));
        const auto records = h.records();
        QCOMPARE(records.last().value(QLatin1String("outcome")).toString(), QStringLiteral("failed"));
        QCOMPARE(records.last().value(QLatin1String("server")).toObject().value(QLatin1String("message")).toString(),
                 QStringLiteral("etcd is on fire"));
        // A failure is posted as a Warning Event too.
        QCOMPARE(h.script->events.size(), 1);
        QVERIFY(h.script->events.first().body.contains("\"type\":\"Warning\""));
    }

    void permissionIsCheckedBeforeSending()
    {
        Harness h;
        h.script->allowed = [](const QJsonObject &a) {
            return a.value(QLatin1String("subresource")).toString() != QLatin1String("status");
        };
        const auto result = h.run(h.request(Verb::Abort, seenOf(h.script->current)));
        QVERIFY(result);
        QCOMPARE(result->refusal, ActionResult::Refusal::Permission);
        QVERIFY2(result->message.contains(
                     QStringLiteral("patch rollouts/status (API group \"argoproj.io\") in namespace shop")),
                 qPrintable(result->message));
        QVERIFY(h.script->patches.isEmpty());
    }

    void policyIsAppliedBeforeAnything_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("message");
        QTest::newRow("reason required") << "reason"
                                         << "a reason is required in production";
        QTest::newRow("type to confirm") << "confirm"
                                         << "asks for the rollout's name to be typed";
        QTest::newRow("verb not allowed") << "verbs"
                                          << "undo is not allowed in production";
    }

    void policyIsAppliedBeforeAnything()
    {
        QFETCH(QString, rule);
        QFETCH(QString, message);
        Harness h;
        EnvironmentPolicy policy;
        policy.reasonRequired = rule == QLatin1String("reason");
        policy.typeToConfirm = rule == QLatin1String("confirm");
        if (rule == QLatin1String("verbs")) {
            policy.restrictsActions = true;
            policy.allowedActions = {QStringLiteral("promote"), QStringLiteral("abort")};
        }
        h.service->setPolicy([policy](const QString &, const QString &) { return policy; },
                             [](const QString &, const QString &) { return QStringLiteral("production"); });
        ActionRequest r = h.request(Verb::Undo, seenOf(h.script->current));
        r.reason = rule == QLatin1String("reason") ? QStringLiteral("  ") : QStringLiteral("why");
        const auto result = h.run(r);
        QVERIFY(result);
        QCOMPARE(result->refusal, ActionResult::Refusal::Policy);
        QVERIFY2(result->message.contains(message), qPrintable(result->message));
        QCOMPARE(h.script->gets, 0);
        QCOMPARE(h.records().first().value(QLatin1String("refusal")).toString(), QStringLiteral("policy"));
        // Typed correctly, the same request goes through.
        if (rule == QLatin1String("confirm")) {
            r.typedName = QStringLiteral("web");
            r.verb = Verb::Pause;
            QVERIFY(h.run(r)->applied());
        }
    }

    void noSecondSubmissionWhileOneIsInFlight()
    {
        Harness h;
        QPointer<HttpExchange> held;
        h.script->onPatch = [&held](const HttpRequest &, HttpExchange *x) { held = x; };
        std::optional<ActionResult> first;
        QObject context;
        h.service->submit(h.request(Verb::Pause, seenOf(h.script->current)), h.route.get(), &context,
                          [&first](const ActionResult &a) { first = a; });
        QTRY_COMPARE_WITH_TIMEOUT(h.script->patches.size(), 1, 20000);
        const auto second = h.run(h.request(Verb::Abort, seenOf(h.script->current)));
        QVERIFY(second);
        QCOMPARE(second->refusal, ActionResult::Refusal::InFlight);
        QVERIFY(held);
        held->respond(200, doc(h.script->current));
        QTRY_VERIFY_WITH_TIMEOUT(first.has_value(), 20000);
        QVERIFY(first->applied());
        QCOMPARE(h.script->patches.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestActionService)
#include "tst_actionservice.moc"
