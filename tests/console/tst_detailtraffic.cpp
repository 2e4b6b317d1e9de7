// A canary rollout's traffic, watched by its open detail against the embedded cluster (rolldeck_sim on loopback):
// the detail watches its Services and its Istio VirtualService by name, sees the mesh weight follow the canary
// steps (0 → 5 → 25), flags a VirtualService edited by hand through the API, says so when a Service the rollout
// names does not exist, and lets go of every cache when it closes.
#include "app/console/Connections.h"
#include "app/console/RolloutDetailController.h"
#include "app/console/RolloutDetailSession.h"
#include "app/kube/ClusterConnection.h"
#include "app/kube/Kubeconfig.h"
#include "app/kube/KubeconfigCredentials.h"
#include "app/kube/ResourceCache.h"

#include "models/itemmodels/RolloutDetailModel.h"
#include "models/itemmodels/RolloutListModel.h"
#include "models/itemmodels/TrafficModel.h"

#include "sim/Simulator.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace rolldeck;

namespace {

// Two rollouts in "shop": "web", a canary with host-level Istio routing (web-stable / web-canary, VirtualService
// web-vs route "primary") that waits for a promotion at 5% and at 25%; "orphan", whose canary Service and
// VirtualService were never created.
const char kScenario[] = R"(name: detail-traffic
traffic: {enabled: false}
objects:
- apiVersion: v1
  kind: Namespace
  metadata: {name: shop}
- apiVersion: v1
  kind: Service
  metadata: {name: web-stable, namespace: shop}
  spec: {selector: {app: web}, ports: [{name: http, port: 80, protocol: TCP}]}
- apiVersion: v1
  kind: Service
  metadata: {name: web-canary, namespace: shop}
  spec: {selector: {app: web}, ports: [{name: http, port: 80, protocol: TCP}]}
- apiVersion: networking.istio.io/v1beta1
  kind: VirtualService
  metadata: {name: web-vs, namespace: shop}
  spec:
    hosts: [web]
    http:
    - name: primary
      route:
      - destination: {host: web-stable}
        weight: 100
      - destination: {host: web-canary}
        weight: 0
- apiVersion: argoproj.io/v1alpha1
  kind: Rollout
  metadata: {name: web, namespace: shop}
  spec:
    replicas: 4
    selector: {matchLabels: {app: web}}
    strategy:
      canary:
        stableService: web-stable
        canaryService: web-canary
        trafficRouting:
          istio:
            virtualService: {name: web-vs, routes: [primary]}
        steps:
        - setWeight: 5
        - pause: {}
        - setWeight: 25
        - pause: {}
    template:
      metadata: {labels: {app: web}}
      spec:
        containers:
        - {name: web, image: "ghcr.io/acme/web:1.0.0"}
- apiVersion: v1
  kind: Service
  metadata: {name: orphan-stable, namespace: shop}
  spec: {selector: {app: orphan}, ports: [{name: http, port: 80, protocol: TCP}]}
- apiVersion: argoproj.io/v1alpha1
  kind: Rollout
  metadata: {name: orphan, namespace: shop}
  spec:
    replicas: 1
    selector: {matchLabels: {app: orphan}}
    strategy:
      canary:
        stableService: orphan-stable
        canaryService: orphan-canary
        trafficRouting:
          istio:
            virtualService: {name: orphan-vs, routes: [primary]}
        steps:
        - setWeight: 50
        - pause: {}
    template:
      metadata: {labels: {app: orphan}}
      spec:
        containers:
        - {name: orphan, image: "ghcr.io/acme/orphan:1.0.0"}
)";

const DestinationTraffic *destination(const TrafficInfo &traffic, DestinationTraffic::Target target)
{
    for (const VirtualServiceTraffic &vs : traffic.virtualServices) {
        for (const RouteTraffic &route : vs.routes) {
            for (const DestinationTraffic &d : route.destinations) {
                if (d.target == target)
                    return &d;
            }
        }
    }
    return nullptr;
}

int meshWeight(const RolloutDetailSession &detail, DestinationTraffic::Target target)
{
    const DestinationTraffic *d = destination(detail.traffic(), target);
    return d && d->present ? d->weight : -1;
}

const ServiceTraffic *serviceNamed(const TrafficInfo &traffic, const QString &name)
{
    for (const ServiceTraffic &s : traffic.services) {
        if (s.name == name)
            return &s;
    }
    return nullptr;
}

QString serviceHash(const RolloutDetailSession &detail, const char *name)
{
    const ServiceTraffic *s = serviceNamed(detail.traffic(), QString::fromLatin1(name));
    return s ? s->podTemplateHash : QStringLiteral("<none>");
}

QString currentPodHash(rdsim::Simulator &sim)
{
    const rdsim::Outcome rollout = sim.store().get(rdsim::kRollouts, "shop", "web");
    if (!rollout || !rollout.object)
        return {};
    return QString::fromStdString(
        rollout.object->value("status", nlohmann::json::object()).value("currentPodHash", std::string()));
}

} // namespace

class TestDetailTraffic : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    rdsim::Simulator m_sim;
    std::unique_ptr<kube::ClusterConnection> m_connection;

    // One request through the console's own client; the response, once it came back.
    kube::KubeResponse request(const QByteArray &verb, const QString &path, const QJsonObject &body)
    {
        kube::KubeRequest req;
        req.verb = verb;
        req.path = path;
        req.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        req.contentType = QByteArrayLiteral("application/merge-patch+json");
        std::optional<kube::KubeResponse> response;
        m_connection->send(req, this, [&response](const kube::KubeResponse &r) { response = r; });
        if (!QTest::qWaitFor([&response] { return response.has_value(); }, 10000))
            return {};
        return *response;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QFile scenario(m_dir.filePath(QStringLiteral("scenario.yaml")));
        QVERIFY(scenario.open(QIODevice::WriteOnly));
        scenario.write(kScenario);
        scenario.close();
        rdsim::Options options;
        options.scenario = scenario.fileName().toStdString();
        options.speed = 20; // pods start and become ready in simulated seconds
        options.kubeconfigOut = m_dir.filePath(QStringLiteral("kubeconfig")).toStdString();
        const rdsim::StartResult started = m_sim.start(options);
        QVERIFY2(started.ok(), started.error.c_str());

        const kube::Kubeconfig config = kube::loadKubeconfigFiles({m_dir.filePath(QStringLiteral("kubeconfig"))});
        const kube::ClusterConfig *ctx = config.context(QStringLiteral("rolldeck-demo"));
        QVERIFY(ctx);
        auto credentials = kube::KubeconfigCredentials::create(*ctx);
        QVERIFY(credentials);
        m_connection = std::make_unique<kube::ClusterConnection>(*ctx, *credentials);
    }

    void cleanupTestCase()
    {
        m_connection.reset();
        m_sim.stop();
    }

    void weightsFollowTheStepsAndEditsAreFlagged()
    {
        RolloutDetailSession detail(m_connection.get(), QStringLiteral("shop"), QStringLiteral("web"));
        detail.setRefreshInterval(0);
        QSignalSpy ready(&detail, &RolloutDetailSession::ready);
        detail.open();
        QVERIFY(ready.wait(10000));

        // Two Services and the VirtualService, each watched by name.
        QTRY_COMPARE_WITH_TIMEOUT(detail.traffic().services.size(), 2, 10000);
        int byName = 0;
        for (const kube::ResourceCache *cache : detail.caches()) {
            if (cache->kind() == kube::ResourceKind::services() ||
                cache->kind() == kube::ResourceKind::virtualServices()) {
                QCOMPARE(cache->ns(), QStringLiteral("shop"));
                ++byName;
            }
        }
        QCOMPARE(byName, 3);
        QCOMPARE(detail.caches().size(), 9); // five kinds, the Events, three Services and VirtualServices by name

        // Settled on the first revision: everything on stable, nothing flagged.
        QTRY_VERIFY_WITH_TIMEOUT(!detail.traffic().virtualServices.isEmpty() &&
                                     detail.traffic().virtualServices.first().state == TrafficLookup::State::Found,
                                 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!currentPodHash(m_sim).isEmpty(), 10000);
        const QString stableHash = currentPodHash(m_sim);
        QTRY_COMPARE_WITH_TIMEOUT(serviceHash(detail, "web-stable"), stableHash, 10000);
        QCOMPARE(meshWeight(detail, DestinationTraffic::Target::Stable), 100);
        QCOMPARE(meshWeight(detail, DestinationTraffic::Target::Canary), 0);
        QCOMPARE(detail.traffic().desiredCanaryWeight, 0);
        QTRY_COMPARE_WITH_TIMEOUT(detail.traffic().problemCount(), 0, 10000);

        // A new version: the controller takes the first step, the mesh follows to 5%.
        QVERIFY(m_sim.store().mutate(rdsim::kRollouts, "shop", "web", [](nlohmann::json &o) {
            o["spec"]["template"]["spec"]["containers"][0]["image"] = "ghcr.io/acme/web:1.1.0";
            return true;
        }));
        QTRY_VERIFY_WITH_TIMEOUT(currentPodHash(m_sim) != stableHash, 10000);
        const QString canaryHash = currentPodHash(m_sim);
        QTRY_COMPARE_WITH_TIMEOUT(meshWeight(detail, DestinationTraffic::Target::Canary), 5, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(detail.traffic().desiredCanaryWeight, 5, 10000);
        QCOMPARE(meshWeight(detail, DestinationTraffic::Target::Stable), 95);
        QTRY_COMPARE_WITH_TIMEOUT(serviceHash(detail, "web-canary"), canaryHash, 10000);
        QCOMPARE(serviceHash(detail, "web-stable"), stableHash);
        QTRY_COMPARE_WITH_TIMEOUT(detail.traffic().problemCount(), 0, 10000);
        // At rest: paused, every pod ready and counted in the rollout's status (the simulated controller, like Argo
        // Rollouts, puts its routes back whenever it reconciles the rollout, e.g. when a pod becomes ready).
        const auto settled = [&detail] {
            if (!detail.info() || !detail.info()->paused)
                return false;
            const ReplicaCounts &r = detail.info()->replicas;
            int pods = 0;
            int ready = 0;
            for (const ReplicaSetInfo &rs : detail.info()->replicaSets()) {
                for (const PodInfo &pod : rs.pods) {
                    ++pods;
                    ready += pod.status == u"Running" && pod.readyContainers == pod.totalContainers;
                }
            }
            return r.updated == 1 && r.current == 5 && r.ready == 5 && r.available == 5 && pods == 5 && ready == 5;
        };
        QTRY_VERIFY_WITH_TIMEOUT(settled(), 15000);
        // Each traffic cache holds its one object: the server honoured metadata.name= on LIST and WATCH (the
        // namespace has three Services).
        for (const kube::ResourceCache *cache : detail.caches()) {
            if (cache->kind() == kube::ResourceKind::services() ||
                cache->kind() == kube::ResourceKind::virtualServices())
                QCOMPARE(cache->size(), 1);
        }

        // Someone edits the VirtualService by hand: the detail shows the mesh's 40% against the wanted 5%.
        const QString vsPath =
            kube::ResourceKind::virtualServices().objectPath(QStringLiteral("shop"), QStringLiteral("web-vs"));
        const QJsonObject edit = QJsonDocument::fromJson(R"({"spec": {"http": [{"name": "primary", "route": [
                {"destination": {"host": "web-stable"}, "weight": 60},
                {"destination": {"host": "web-canary"}, "weight": 40}]}]}})")
                                     .object();
        const kube::KubeResponse patched = request(QByteArrayLiteral("PATCH"), vsPath, edit);
        QVERIFY2(patched.ok(), patched.error ? qPrintable(patched.error->toString()) : "");
        QTRY_COMPARE_WITH_TIMEOUT(meshWeight(detail, DestinationTraffic::Target::Canary), 40, 10000);
        const DestinationTraffic *canary = destination(detail.traffic(), DestinationTraffic::Target::Canary);
        QVERIFY(canary);
        QCOMPARE(canary->problem, TrafficProblem::WeightMismatch);
        QCOMPARE(canary->desired, std::optional<int>(5));
        QCOMPARE(destination(detail.traffic(), DestinationTraffic::Target::Stable)->problem,
                 TrafficProblem::WeightMismatch);
        QCOMPARE(detail.traffic().problemCount(), 2);

        // Promoted (the CLI's request): the controller moves to 25% and puts its route back.
        const QString statusPath = kube::ResourceKind::rollouts().objectPath(
            QStringLiteral("shop"), QStringLiteral("web"), QStringLiteral("status"));
        const kube::KubeResponse promoted =
            request(QByteArrayLiteral("PATCH"), statusPath,
                    QJsonDocument::fromJson(R"({"status": {"pauseConditions": null}})").object());
        QVERIFY2(promoted.ok(), promoted.error ? qPrintable(promoted.error->toString()) : "");
        QTRY_COMPARE_WITH_TIMEOUT(meshWeight(detail, DestinationTraffic::Target::Canary), 25, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(detail.traffic().desiredCanaryWeight, 25, 10000);
        QCOMPARE(meshWeight(detail, DestinationTraffic::Target::Stable), 75);
        QTRY_COMPARE_WITH_TIMEOUT(detail.traffic().problemCount(), 0, 10000);

        // A Service pointed elsewhere by hand is flagged too.
        QVERIFY(m_sim.store().mutate(rdsim::kServices, "shop", "web-canary", [&stableHash](nlohmann::json &o) {
            o["spec"]["selector"]["rollouts-pod-template-hash"] = stableHash.toStdString();
            return true;
        }));
        QTRY_COMPARE_WITH_TIMEOUT(serviceHash(detail, "web-canary"), stableHash, 10000);
        QCOMPARE(serviceNamed(detail.traffic(), QStringLiteral("web-canary"))->problem, TrafficProblem::HashMismatch);
        QCOMPARE(serviceNamed(detail.traffic(), QStringLiteral("web-canary"))->expectedHash, canaryHash);

        // Closing lets go of every cache, the traffic ones included.
        detail.close();
        QVERIFY(detail.caches().isEmpty());
        QCOMPARE(m_connection->caches().size(), 0);
        QVERIFY(detail.traffic().isEmpty());
    }

    void missingObjectsAreProblems()
    {
        RolloutDetailSession detail(m_connection.get(), QStringLiteral("shop"), QStringLiteral("orphan"));
        detail.setRefreshInterval(0);
        QSignalSpy ready(&detail, &RolloutDetailSession::ready);
        detail.open();
        QVERIFY(ready.wait(10000));
        QTRY_VERIFY_WITH_TIMEOUT(serviceNamed(detail.traffic(), QStringLiteral("orphan-canary")) &&
                                     serviceNamed(detail.traffic(), QStringLiteral("orphan-canary"))->state ==
                                         TrafficLookup::State::Missing,
                                 10000);
        QCOMPARE(serviceNamed(detail.traffic(), QStringLiteral("orphan-canary"))->problem, TrafficProblem::Missing);
        QTRY_VERIFY_WITH_TIMEOUT(!detail.traffic().virtualServices.isEmpty() &&
                                     detail.traffic().virtualServices.first().state == TrafficLookup::State::Missing,
                                 10000);
        QCOMPARE(detail.traffic().virtualServices.first().problem, TrafficProblem::Missing);
        QTRY_COMPARE_WITH_TIMEOUT(serviceNamed(detail.traffic(), QStringLiteral("orphan-stable"))->state,
                                  TrafficLookup::State::Found, 10000);
        QVERIFY(detail.traffic().problemCount() >= 2);
    }

    void unreadableVirtualServiceIsStaleAndSaysWhy()
    {
        // Every VirtualService request fails: the row says it cannot be read and why, the traffic watches are
        // stale (and so the detail), the rest of the detail is unaffected. Then the server recovers.
        kube::ConnectionOptions fast;
        fast.informer.staleGraceMs = 200;
        fast.informer.backoffInitialMs = 100;
        fast.informer.backoffMaxMs = 400;
        const kube::Kubeconfig config = kube::loadKubeconfigFiles({m_dir.filePath(QStringLiteral("kubeconfig"))});
        const kube::ClusterConfig *ctx = config.context(QStringLiteral("rolldeck-demo"));
        QVERIFY(ctx);
        auto credentials = kube::KubeconfigCredentials::create(*ctx);
        QVERIFY(credentials);
        kube::ClusterConnection connection(*ctx, *credentials, fast);
        m_sim.faults().arm({rdsim::FaultKind::Error500, 100000, "/virtualservices", 0, 0});
        RolloutDetailSession detail(&connection, QStringLiteral("shop"), QStringLiteral("web"));
        detail.setRefreshInterval(0);
        QSignalSpy ready(&detail, &RolloutDetailSession::ready);
        detail.open();
        QVERIFY(ready.wait(10000));
        QTRY_VERIFY_WITH_TIMEOUT(!detail.traffic().virtualServices.isEmpty() &&
                                     detail.traffic().virtualServices.first().state ==
                                         TrafficLookup::State::Unavailable,
                                 10000);
        const VirtualServiceTraffic vs = detail.traffic().virtualServices.first();
        QCOMPARE(vs.problem, TrafficProblem::Unavailable);
        QVERIFY2(vs.cause.contains(QStringLiteral("500")), qPrintable(vs.cause));
        QVERIFY(detail.trafficStaleness().since.isValid());
        QVERIFY(detail.isStale());
        QCOMPARE(detail.state(), RolloutDetailSession::State::Ready);
        QTRY_COMPARE_WITH_TIMEOUT(serviceNamed(detail.traffic(), QStringLiteral("web-stable"))->state,
                                  TrafficLookup::State::Found, 10000);

        m_sim.faults().clear();
        QTRY_COMPARE_WITH_TIMEOUT(detail.traffic().virtualServices.first().state, TrafficLookup::State::Found, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(!detail.trafficStaleness().since.isValid(), 10000);
        QVERIFY(!detail.isStale());
        QCOMPARE(detail.traffic().virtualServices.first().problem, TrafficProblem::None);
    }

    void controllerFillsTheDetailsTrafficModel()
    {
        // The console's path: Connections → RolloutDetailController → the detail model's traffic section.
        RolloutListModel list;
        Connections connections(&list);
        const kube::Kubeconfig config = kube::loadKubeconfigFiles({m_dir.filePath(QStringLiteral("kubeconfig"))});
        const kube::ClusterConfig *ctx = config.context(QStringLiteral("rolldeck-demo"));
        QVERIFY(ctx);
        QVERIFY(connections.addContext(*ctx, {QStringLiteral("shop")}));
        RolloutDetailModel model;
        TrafficModel *traffic = model.traffic();
        QAbstractItemModelTester tester(traffic, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reset(traffic, &QAbstractItemModel::modelReset);
        RolloutDetailController controller(&connections, &model);
        controller.open(QStringLiteral("rolldeck-demo"), QStringLiteral("shop"), QStringLiteral("orphan"));
        // orphan-stable, orphan-canary (missing), orphan-vs (missing).
        QTRY_COMPARE_WITH_TIMEOUT(traffic->rowCount(), 3, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(traffic->problemCount(), 2, 10000);
        const int missing = traffic->serviceRow(QStringLiteral("orphan-canary"));
        QVERIFY(missing >= 0);
        QCOMPARE(traffic->index(missing, 0).data(TrafficModel::ProblemRole).toInt(), int(TrafficProblem::Missing));
        QCOMPARE(traffic->index(2, 0).data(TrafficModel::RowKindRole).toInt(),
                 int(TrafficModel::RowKind::VirtualService));
        QVERIFY(!traffic->isStale());

        // Another rollout: the section follows, the first one's caches go.
        controller.open(QStringLiteral("rolldeck-demo"), QStringLiteral("shop"), QStringLiteral("web"));
        QTRY_VERIFY_WITH_TIMEOUT(traffic->serviceRow(QStringLiteral("web-stable")) >= 0, 10000);
        QCOMPARE(traffic->serviceRow(QStringLiteral("orphan-stable")), -1);
        controller.close();
        QCOMPARE(traffic->rowCount(), 0);
        QCOMPARE(reset.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestDetailTraffic)
#include "tst_detailtraffic.moc"
