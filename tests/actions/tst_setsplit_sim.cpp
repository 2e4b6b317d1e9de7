// setSplit against rolldeck-sim's `abtest` scenario (production/checkout-ab, a 50/50 VirtualService no Rollout
// manages), through the action service and the cluster route the console uses, read back with kubectl: the new
// weights are on the server, the audit log holds the intent and the result with the split before and after, the
// Event is on the cluster; a resourceVersion that is no longer current (the weights moved, or only the object was
// edited) is refused before anything is sent, and a stale one on the wire gets 409; weights that do not add up and
// the workspace's policy are refused too.
#include "../sim/SimTestSupport.h"
#include "app/actions/ActionService.h"
#include "app/actions/ClusterRoute.h"
#include "app/actions/SplitPlan.h"
#include "app/audit/AuditLog.h"
#include "app/audit/AuditVerifier.h"
#include "app/kube/ClusterConnection.h"
#include "app/kube/Kubeconfig.h"
#include "app/kube/KubeconfigCredentials.h"
#include "sim/Simulator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace rolldeck;
using namespace rolldeck::actions;
using simtest::runKubectl;

namespace {

const QString kContext = QStringLiteral("rolldeck-demo");
const QString kControl = QStringLiteral("checkout-control");
const QString kTreatment = QStringLiteral("checkout-treatment");

} // namespace

class TestSetSplitSim : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void appliedOnTheServerAndRecorded();
    void changedWeightsAreRefusedBeforeSending();
    void anEditThatKeptTheWeightsIsRefusedToo();
    void aStaleResourceVersionOnTheWireGets409();
    void weightsThatDoNotAddUpAreNotSent();
    void policyAsksForTheRoutesNameAndAReason();

private:
    QString kubectl(const QStringList &args);
    QString weights() { return kubectl({QStringLiteral("jsonpath={.spec.http[0].route[*].weight}")}); }
    QString resourceVersion() { return kubectl({QStringLiteral("jsonpath={.metadata.resourceVersion}")}); }
    // What the Experiments view would carry: the route as read now (or as given), and the new weights.
    ActionRequest request(const QString &seenRv, int seenControl, int seenTreatment, int control, int treatment) const;
    std::optional<ActionResult> run(const ActionRequest &r);
    QList<QJsonObject> records() const;

    QTemporaryDir m_dir;
    QString m_kubeconfig;
    rdsim::Simulator m_sim;
    std::unique_ptr<kube::ClusterConnection> m_connection;
    std::unique_ptr<ClusterRoute> m_route;
    std::unique_ptr<audit::AuditLog> m_log;
    std::unique_ptr<ActionService> m_service;
    QString m_rvAt5050; // the route as the first test saw it
};

void TestSetSplitSim::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    if (!QFile::exists(QStringLiteral("/usr/bin/kubectl")))
        QSKIP("kubectl is not installed");
    QVERIFY(m_dir.isValid());
    m_kubeconfig = m_dir.filePath(QStringLiteral("kubeconfig"));
    rdsim::Options o;
    o.scenario = "abtest";
    o.tls = true;
    o.kubeconfigOut = m_kubeconfig.toStdString();
    const auto started = m_sim.start(o);
    QVERIFY2(started.ok(), started.error.c_str());
    const kube::Kubeconfig config = kube::loadKubeconfigFiles({m_kubeconfig});
    const kube::ClusterConfig *ctx = config.context(kContext);
    QVERIFY(ctx);
    auto credentials = kube::KubeconfigCredentials::create(*ctx);
    QVERIFY(credentials);
    m_connection = std::make_unique<kube::ClusterConnection>(*ctx, *credentials);
    m_route = std::make_unique<ClusterRoute>(m_connection.get());
    m_log = std::make_unique<audit::AuditLog>(audit::AuditLog::Options{m_dir.filePath(QStringLiteral("audit"))});
    m_service = std::make_unique<ActionService>(m_log.get());
    QCOMPARE(weights(), QStringLiteral("50 50"));
}

void TestSetSplitSim::cleanupTestCase()
{
    m_service.reset();
    m_route.reset();
    m_connection.reset();
    m_sim.stop();
}

QString TestSetSplitSim::kubectl(const QStringList &args)
{
    QStringList all{QStringLiteral("-n"),          QStringLiteral("production"),
                    QStringLiteral("get"),         QStringLiteral("virtualservice"),
                    QStringLiteral("checkout-ab"), QStringLiteral("-o")};
    all << args;
    const auto r = runKubectl(m_dir.path(), m_kubeconfig, all);
    return r.exitCode == 0 ? r.out : QStringLiteral("kubectl failed: ") + r.err;
}

ActionRequest TestSetSplitSim::request(const QString &seenRv, int seenControl, int seenTreatment, int control,
                                       int treatment) const
{
    ActionRequest r;
    r.verb = Verb::SetSplit;
    r.target = {kContext, QStringLiteral("production"), QStringLiteral("checkout-ab"),
                QStringLiteral("VirtualService")};
    r.reason = QStringLiteral("shift traffic to the treatment");
    r.options.httpRoute = 0;
    r.options.split = {{kControl, {}, control}, {kTreatment, {}, treatment}};
    SplitState seen;
    seen.resourceVersion = seenRv;
    seen.httpRoute = 0;
    seen.destinations = {{kControl, {}, seenControl}, {kTreatment, {}, seenTreatment}};
    r.seenSplit = seen;
    return r;
}

std::optional<ActionResult> TestSetSplitSim::run(const ActionRequest &r)
{
    std::optional<ActionResult> result;
    QObject context;
    m_service->submit(r, m_route.get(), &context, [&result](const ActionResult &a) { result = a; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 30000))
        return std::nullopt;
    return result;
}

QList<QJsonObject> TestSetSplitSim::records() const
{
    QList<QJsonObject> out;
    for (const audit::StoredRecord &r : audit::readRecords(m_log->files()))
        out << r.json;
    return out;
}

void TestSetSplitSim::appliedOnTheServerAndRecorded()
{
    m_rvAt5050 = resourceVersion();
    QVERIFY(!m_rvAt5050.isEmpty() && !m_rvAt5050.startsWith(QLatin1String("kubectl")));
    const auto result = run(request(m_rvAt5050, 50, 50, 30, 70));
    QVERIFY(result);
    QVERIFY2(result->applied(), qPrintable(result->message));
    QVERIFY(!result->noop);
    QCOMPARE(result->sent, (QStringList{QStringLiteral("PATCH ") + virtualServicePath(QStringLiteral("production"),
                                                                                      QStringLiteral("checkout-ab"))}));
    QVERIFY(result->splitAfter);
    QCOMPARE(result->splitAfter->weightsText(), QStringLiteral("checkout-control 30 %, checkout-treatment 70 %"));
    QVERIFY(result->evidenceProblems.isEmpty());

    // On the server, as kubectl reads it; the route's other fields untouched.
    QCOMPARE(weights(), QStringLiteral("30 70"));
    QCOMPARE(kubectl({QStringLiteral("jsonpath={.spec.http[0].name} {.spec.hosts[0]} "
                                     "{.spec.http[0].route[*].destination.host}")}),
             QStringLiteral("ab-split checkout checkout-control checkout-treatment"));
    QVERIFY(kubectl({QStringLiteral("jsonpath={.metadata.annotations.rolldeck\\.io/last-action}")})
                .contains(QLatin1String("\"verb\":\"setSplit\"")));

    // Recorded: the intent before, the result after, chained.
    const QList<QJsonObject> recs = records();
    QCOMPARE(recs.size(), 2);
    const QJsonObject intent = recs.at(0), done = recs.at(1);
    QCOMPARE(intent.value(QLatin1String("type")).toString(), QStringLiteral("intent"));
    QCOMPARE(intent.value(QLatin1String("verb")).toString(), QStringLiteral("setSplit"));
    QCOMPARE(intent.value(QLatin1String("target")).toObject().value(QLatin1String("kind")).toString(),
             QStringLiteral("VirtualService"));
    QCOMPARE(intent.value(QLatin1String("resourceVersion")).toString(), m_rvAt5050);
    QCOMPARE(intent.value(QLatin1String("decision")).toObject().value(QLatin1String("resourceVersion")).toString(),
             m_rvAt5050);
    const QString body =
        intent.value(QLatin1String("requests")).toArray().at(0).toObject().value(QLatin1String("body")).toString();
    QVERIFY2(body.contains(QLatin1String("\"path\":\"/spec/http/0/route/1/weight\"")), qPrintable(body));
    QCOMPARE(intent.value(QLatin1String("options")).toObject().value(QLatin1String("split")).toArray().size(), 2);
    QCOMPARE(done.value(QLatin1String("type")).toString(), QStringLiteral("result"));
    QCOMPARE(done.value(QLatin1String("outcome")).toString(), QStringLiteral("applied"));
    QCOMPARE(done.value(QLatin1String("reason")).toString(), QStringLiteral("shift traffic to the treatment"));
    const auto weightOf = [](const QJsonObject &state, int i) {
        return state.value(QLatin1String("destinations"))
            .toArray()
            .at(i)
            .toObject()
            .value(QLatin1String("weight"))
            .toInt();
    };
    QCOMPARE(weightOf(done.value(QLatin1String("before")).toObject(), 1), 50);
    QCOMPARE(weightOf(done.value(QLatin1String("after")).toObject(), 1), 70);
    QVERIFY(audit::verifyChain(m_log->files()).chainIntact());

    // The Event teammates see, on the VirtualService.
    const auto events = runKubectl(m_dir.path(), m_kubeconfig,
                                   {QStringLiteral("-n"), QStringLiteral("production"), QStringLiteral("get"),
                                    QStringLiteral("events"), QStringLiteral("-o"),
                                    QStringLiteral("jsonpath={range .items[*]}{.involvedObject.kind}/"
                                                   "{.involvedObject.name} {.reason} {.message}{\"\\n\"}{end}")});
    QCOMPARE(events.exitCode, 0);
    QVERIFY2(events.out.contains(QLatin1String("VirtualService/checkout-ab RolldeckAction setSplit by")),
             qPrintable(events.out));
}

void TestSetSplitSim::changedWeightsAreRefusedBeforeSending()
{
    QVERIFY(!m_rvAt5050.isEmpty());
    const int before = int(records().size());
    // What an Experiments view that had not refreshed would send: the 50/50 it showed, at its resourceVersion.
    const auto result = run(request(m_rvAt5050, 50, 50, 40, 60));
    QVERIFY(result);
    QCOMPARE(result->outcome, ActionResult::Outcome::Refused);
    QCOMPARE(result->refusal, ActionResult::Refusal::ChangedState);
    QVERIFY(result->sent.isEmpty());
    QCOMPARE(result->changes,
             (QStringList{QStringLiteral("checkout-control 50 → 30"), QStringLiteral("checkout-treatment 50 → 70")}));
    QVERIFY2(result->message.startsWith(QLatin1String("the route changed since it was shown")),
             qPrintable(result->message));
    QCOMPARE(weights(), QStringLiteral("30 70"));
    const QList<QJsonObject> recs = records();
    QCOMPARE(recs.size(), before + 1); // one refusal record, no intent
    QCOMPARE(recs.constLast().value(QLatin1String("type")).toString(), QStringLiteral("refused"));
    QCOMPARE(recs.constLast().value(QLatin1String("refusal")).toString(), QStringLiteral("changed-state"));
}

void TestSetSplitSim::anEditThatKeptTheWeightsIsRefusedToo()
{
    const QString seen = resourceVersion();
    // Someone edits the route without touching its weights (a label); the resourceVersion moves.
    const auto edited =
        runKubectl(m_dir.path(), m_kubeconfig,
                   {QStringLiteral("-n"), QStringLiteral("production"), QStringLiteral("label"),
                    QStringLiteral("virtualservice"), QStringLiteral("checkout-ab"), QStringLiteral("reviewed=yes")});
    QVERIFY2(edited.exitCode == 0, qPrintable(edited.err));
    const QString now = resourceVersion();
    QVERIFY(now != seen);
    const auto result = run(request(seen, 30, 70, 50, 50));
    QVERIFY(result);
    QCOMPARE(result->refusal, ActionResult::Refusal::ChangedState);
    QCOMPARE(result->changes, (QStringList{QStringLiteral("edited: resourceVersion %1 → %2").arg(seen, now)}));
    QCOMPARE(weights(), QStringLiteral("30 70"));
}

void TestSetSplitSim::aStaleResourceVersionOnTheWireGets409()
{
    // Past the service's check (the object changes between its read and its write): the patch's own precondition.
    std::optional<kube::KubeResponse> read;
    QObject context;
    m_route->read(request({}, 0, 0, 0, 0).target, &context, [&read](const kube::KubeResponse &r) { read = r; });
    QVERIFY(QTest::qWaitFor([&read] { return read.has_value(); }, 30000));
    QVERIFY(read->ok());
    const Result<ActionPlan> plan = planSetSplit(read->object, 0, {{kControl, {}, 10}, {kTreatment, {}, 90}});
    QVERIFY2(plan, plan ? "" : qPrintable(plan.error()));
    std::optional<SendOutcome> sent;
    m_route->send(*plan, m_rvAt5050, &context, [&sent](const SendOutcome &o) { sent = o; });
    QVERIFY(QTest::qWaitFor([&sent] { return sent.has_value(); }, 30000));
    QCOMPARE(sent->kind, SendOutcome::Kind::Conflict);
    QCOMPARE(sent->error->httpStatus, 409);
    QCOMPARE(weights(), QStringLiteral("30 70"));
}

void TestSetSplitSim::weightsThatDoNotAddUpAreNotSent()
{
    const auto result = run(request(resourceVersion(), 30, 70, 60, 50));
    QVERIFY(result);
    QCOMPARE(result->outcome, ActionResult::Outcome::Failed);
    QVERIFY2(result->message.contains(QLatin1String("add up to 110, not 100")), qPrintable(result->message));
    QVERIFY(result->sent.isEmpty());
    QCOMPARE(weights(), QStringLiteral("30 70"));
}

void TestSetSplitSim::policyAsksForTheRoutesNameAndAReason()
{
    EnvironmentPolicy production;
    production.reasonRequired = true;
    production.typeToConfirm = true;
    m_service->setPolicy([production](const QString &, const QString &) { return production; });
    ActionRequest r = request(resourceVersion(), 30, 70, 50, 50);
    r.typedName = QStringLiteral("checkout");
    auto result = run(r);
    QVERIFY(result);
    QCOMPARE(result->refusal, ActionResult::Refusal::Policy);
    r.typedName = QStringLiteral("checkout-ab");
    r.reason.clear();
    result = run(r);
    QVERIFY(result);
    QCOMPARE(result->refusal, ActionResult::Refusal::Policy);
    QCOMPARE(weights(), QStringLiteral("30 70"));
    r.reason = QStringLiteral("back to 50/50 after the review");
    result = run(r);
    QVERIFY(result);
    QVERIFY2(result->applied(), qPrintable(result->message));
    QCOMPARE(weights(), QStringLiteral("50 50"));
    m_service->setPolicy({});
}

QTEST_GUILESS_MAIN(TestSetSplitSim)
#include "tst_setsplit_sim.moc"
