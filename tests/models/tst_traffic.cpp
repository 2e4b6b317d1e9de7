// Traffic of one rollout: its Services and Istio VirtualServices parsed from API JSON and compared with what the
// rollout wants (the ReplicaSet each Service should point at, the weight each destination should get), and the
// table model that shows it, updated incrementally.
#include "TrafficModel.h"
#include "argo/ObjectStore.h"
#include "argo/RolloutInfo.h"
#include "argo/Traffic.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace rolldeck;

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);
constexpr auto kNs = "prod";

QJsonObject json(const char *text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(text), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return doc.object();
}

// A canary rollout "api" in "prod" with stable/canary Services and an Istio VirtualService, paused after
// setWeight 25 (step 3 of 4): stable ReplicaSet hash "old000", canary "new111".
QJsonObject rollout()
{
    return json(R"({
      "apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout",
      "metadata": {"name": "api", "namespace": "prod", "uid": "ro-1", "creationTimestamp": "2026-03-01T10:00:00Z"},
      "spec": {
        "replicas": 4,
        "selector": {"matchLabels": {"app": "api"}},
        "template": {"metadata": {"labels": {"app": "api"}}, "spec": {"containers": [{"name": "api", "image": "api:2"}]}},
        "strategy": {"canary": {
          "stableService": "api-stable", "canaryService": "api-canary",
          "trafficRouting": {"istio": {"virtualService": {"name": "api-vs", "routes": ["primary"]}}},
          "steps": [{"setWeight": 5}, {"pause": {}}, {"setWeight": 25}, {"pause": {}}]
        }}
      },
      "status": {
        "currentPodHash": "new111", "stableRS": "old000", "currentStepIndex": 3,
        "pauseConditions": [{"reason": "CanaryPauseStep", "startTime": "2026-03-01T11:50:00Z"}],
        "replicas": 5, "updatedReplicas": 1, "readyReplicas": 5, "availableReplicas": 5,
        "canary": {"weights": {"canary": {"weight": 25, "podTemplateHash": "new111", "serviceName": "api-canary"},
                               "stable": {"weight": 75, "podTemplateHash": "old000", "serviceName": "api-stable"}}}
      }
    })");
}

QJsonObject replicaSet(const QString &hash, int revision, int replicas)
{
    QJsonObject rs = json(R"({"apiVersion": "apps/v1", "kind": "ReplicaSet",
        "metadata": {"namespace": "prod", "creationTimestamp": "2026-03-01T10:00:00Z",
                     "ownerReferences": [{"apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout", "name": "api",
                                          "uid": "ro-1", "controller": true}]},
        "spec": {"template": {"spec": {"containers": [{"name": "api", "image": "api"}]}}},
        "status": {}})");
    QJsonObject meta = rs.value(QLatin1String("metadata")).toObject();
    meta.insert(QLatin1String("name"), QString(QStringLiteral("api-") + hash));
    meta.insert(QLatin1String("uid"), QString(QStringLiteral("rs-") + hash));
    meta.insert(QLatin1String("labels"), QJsonObject{{QStringLiteral("app"), QStringLiteral("api")},
                                                     {QStringLiteral("rollouts-pod-template-hash"), hash}});
    meta.insert(QLatin1String("annotations"),
                QJsonObject{{QStringLiteral("rollout.argoproj.io/revision"), QString::number(revision)}});
    rs.insert(QLatin1String("metadata"), meta);
    QJsonObject spec = rs.value(QLatin1String("spec")).toObject();
    spec.insert(QLatin1String("replicas"), replicas);
    rs.insert(QLatin1String("spec"), spec);
    rs.insert(QLatin1String("status"), QJsonObject{{QStringLiteral("replicas"), replicas},
                                                   {QStringLiteral("readyReplicas"), replicas},
                                                   {QStringLiteral("availableReplicas"), replicas}});
    return rs;
}

QJsonObject pod(const QString &hash, int n, bool ready)
{
    QJsonObject p = json(R"({"apiVersion": "v1", "kind": "Pod",
        "metadata": {"namespace": "prod", "creationTimestamp": "2026-03-01T10:00:00Z"},
        "spec": {"containers": [{"name": "api", "image": "api"}]},
        "status": {"phase": "Running"}})");
    QJsonObject meta = p.value(QLatin1String("metadata")).toObject();
    meta.insert(QLatin1String("name"), QStringLiteral("api-%1-%2").arg(hash).arg(n));
    meta.insert(QLatin1String("uid"), QStringLiteral("pod-%1-%2").arg(hash).arg(n));
    meta.insert(QLatin1String("labels"), QJsonObject{{QStringLiteral("app"), QStringLiteral("api")},
                                                     {QStringLiteral("rollouts-pod-template-hash"), hash}});
    meta.insert(QLatin1String("ownerReferences"),
                QJsonArray{QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("apps/v1")},
                                       {QStringLiteral("kind"), QStringLiteral("ReplicaSet")},
                                       {QStringLiteral("name"), QString(QStringLiteral("api-") + hash)},
                                       {QStringLiteral("uid"), QString(QStringLiteral("rs-") + hash)},
                                       {QStringLiteral("controller"), true}}});
    p.insert(QLatin1String("metadata"), meta);
    QJsonObject status = p.value(QLatin1String("status")).toObject();
    status.insert(
        QLatin1String("containerStatuses"),
        QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("api")},
                               {QStringLiteral("ready"), ready},
                               {QStringLiteral("restartCount"), 0},
                               {QStringLiteral("state"), QJsonObject{{QStringLiteral("running"), QJsonObject()}}}}});
    p.insert(QLatin1String("status"), status);
    return p;
}

QJsonObject service(const QString &name, const QString &hash)
{
    QJsonObject selector{{QStringLiteral("app"), QStringLiteral("api")}};
    if (!hash.isEmpty())
        selector.insert(QStringLiteral("rollouts-pod-template-hash"), hash);
    return QJsonObject{
        {QStringLiteral("apiVersion"), QStringLiteral("v1")},
        {QStringLiteral("kind"), QStringLiteral("Service")},
        {QStringLiteral("metadata"),
         QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("namespace"), QString::fromLatin1(kNs)}}},
        {QStringLiteral("spec"), QJsonObject{{QStringLiteral("selector"), selector}}}};
}

// One destination per "host[:subset]=weight" entry ("host" alone: no weight written).
QJsonObject virtualService(const QString &name, const QString &route, const QStringList &destinations)
{
    QJsonArray dests;
    for (const QString &d : destinations) {
        const QString target = d.section(u'=', 0, 0);
        QJsonObject destination{{QStringLiteral("host"), target.section(u':', 0, 0)}};
        if (target.contains(u':'))
            destination.insert(QStringLiteral("subset"), target.section(u':', 1));
        QJsonObject entry{{QStringLiteral("destination"), destination}};
        if (d.contains(u'='))
            entry.insert(QStringLiteral("weight"), d.section(u'=', 1).toInt());
        dests.append(entry);
    }
    return QJsonObject{
        {QStringLiteral("apiVersion"), QStringLiteral("networking.istio.io/v1beta1")},
        {QStringLiteral("kind"), QStringLiteral("VirtualService")},
        {QStringLiteral("metadata"),
         QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("namespace"), QString::fromLatin1(kNs)}}},
        {QStringLiteral("spec"),
         QJsonObject{{QStringLiteral("hosts"), QJsonArray{QStringLiteral("api")}},
                     {QStringLiteral("http"),
                      QJsonArray{QJsonObject{{QStringLiteral("name"), route}, {QStringLiteral("route"), dests}}}}}}};
}

// A JSON merge patch (RFC 7386), to vary the base rollout per row.
QJsonObject merged(QJsonObject target, const QJsonObject &patch)
{
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        if (it.value().isNull())
            target.remove(it.key());
        else if (it.value().isObject() && target.value(it.key()).isObject())
            target.insert(it.key(), merged(target.value(it.key()).toObject(), it.value().toObject()));
        else
            target.insert(it.key(), it.value());
    }
    return target;
}

QString problemName(TrafficProblem p)
{
    switch (p) {
    case TrafficProblem::None:
        return QStringLiteral("ok");
    case TrafficProblem::Missing:
        return QStringLiteral("missing");
    case TrafficProblem::Unavailable:
        return QStringLiteral("unavailable");
    case TrafficProblem::HashMismatch:
        return QStringLiteral("hash-mismatch");
    case TrafficProblem::UnknownReplicaSet:
        return QStringLiteral("unknown-rs");
    case TrafficProblem::NotPinned:
        return QStringLiteral("not-pinned");
    case TrafficProblem::WeightMismatch:
        return QStringLiteral("weight-mismatch");
    case TrafficProblem::DestinationMissing:
        return QStringLiteral("destination-missing");
    case TrafficProblem::RouteMissing:
        return QStringLiteral("route-missing");
    }
    return QStringLiteral("?");
}

// One line per Service and per destination: what the view says, for whole-table comparison.
QStringList describe(const TrafficInfo &t)
{
    QStringList out;
    for (const ServiceTraffic &s : t.services)
        out << QStringLiteral("svc %1 -> %2 (want %3) rev %4 ready %5/%6: %7")
                   .arg(s.name, s.podTemplateHash.isEmpty() ? QStringLiteral("-") : s.podTemplateHash,
                        s.expectedHash.isEmpty() ? QStringLiteral("-") : s.expectedHash)
                   .arg(s.revision)
                   .arg(s.readyPods)
                   .arg(s.pods)
                   .arg(problemName(s.problem));
    for (const VirtualServiceTraffic &vs : t.virtualServices) {
        if (vs.routes.isEmpty())
            out << QStringLiteral("vs %1/%2: %3").arg(vs.namespaceName, vs.name, problemName(vs.problem));
        for (const RouteTraffic &r : vs.routes) {
            const QString route = r.protocol == RouteProtocol::Http ? r.name
                                  : r.protocol == RouteProtocol::Tls
                                      ? QStringLiteral("tls:%1:%2").arg(r.port).arg(r.name)
                                      : QStringLiteral("tcp:%1").arg(r.port);
            if (!r.present)
                out << QStringLiteral("route %1/%2: route-missing").arg(vs.name, route);
            for (const DestinationTraffic &d : r.destinations)
                out << QStringLiteral("dst %1/%2 %3%4 %5 (want %6): %7")
                           .arg(vs.name, route, d.host, d.subset.isEmpty() ? QString() : u':' + d.subset,
                                d.present ? QString::number(d.weight) : QStringLiteral("absent"),
                                d.desired ? QString::number(*d.desired) : QStringLiteral("-"), problemName(d.problem));
        }
    }
    return out;
}

struct Cluster
{
    QHash<QString, QJsonObject> services;        // by name; absent: Missing
    QHash<QString, QJsonObject> virtualServices; // by "ns/name"; absent: Missing
    QString unavailableCause;                    // set: every VirtualService lookup is Unavailable
    QStringList asked;                           // "ns/name" of the VirtualService lookups

    TrafficLookup service(const QString &ns, const QString &name)
    {
        if (ns != QLatin1String(kNs) || !services.contains(name))
            return {TrafficLookup::State::Missing, {}, {}};
        return {TrafficLookup::State::Found, services.value(name), {}};
    }
    TrafficLookup virtualService(const QString &ns, const QString &name)
    {
        asked << ns + u'/' + name;
        if (!unavailableCause.isEmpty())
            return {TrafficLookup::State::Unavailable, {}, unavailableCause};
        if (!virtualServices.contains(ns + u'/' + name))
            return {TrafficLookup::State::Missing, {}, {}};
        return {TrafficLookup::State::Found, virtualServices.value(ns + u'/' + name), {}};
    }
};

TrafficInfo build(const QJsonObject &rolloutJson, Cluster &cluster)
{
    ObjectStore store;
    store.upsert(rolloutJson);
    store.upsert(replicaSet(QStringLiteral("old000"), 1, 4));
    store.upsert(replicaSet(QStringLiteral("new111"), 2, 1));
    for (int i = 0; i < 4; ++i)
        store.upsert(pod(QStringLiteral("old000"), i, i != 3)); // one stable pod not ready
    store.upsert(pod(QStringLiteral("new111"), 0, true));
    const Rollout *ro = store.rollout(QString::fromLatin1(kNs), QStringLiteral("api"));
    if (!ro)
        return {};
    const RolloutInfo info = buildRolloutInfo(*ro, store, kNow);
    return buildTrafficInfo(
        *ro, info, [&cluster](const QString &ns, const QString &name) { return cluster.service(ns, name); },
        [&cluster](const QString &ns, const QString &name) { return cluster.virtualService(ns, name); });
}

Cluster healthyCluster()
{
    Cluster c;
    c.services.insert(QStringLiteral("api-stable"), service(QStringLiteral("api-stable"), QStringLiteral("old000")));
    c.services.insert(QStringLiteral("api-canary"), service(QStringLiteral("api-canary"), QStringLiteral("new111")));
    c.virtualServices.insert(QStringLiteral("prod/api-vs"),
                             virtualService(QStringLiteral("api-vs"), QStringLiteral("primary"),
                                            {QStringLiteral("api-stable=75"), QStringLiteral("api-canary=25")}));
    return c;
}

const QString kStableOk = QStringLiteral("svc api-stable -> old000 (want old000) rev 1 ready 3/4: ok");
const QString kCanaryOk = QStringLiteral("svc api-canary -> new111 (want new111) rev 2 ready 1/1: ok");

} // namespace

Q_DECLARE_METATYPE(Cluster)

class TestTraffic : public QObject
{
    Q_OBJECT

private slots:
    void parsesServiceAndVirtualService()
    {
        Diagnostics problems;
        const Service s = Service::fromJson(service(QStringLiteral("api-canary"), QStringLiteral("new111")), &problems);
        QCOMPARE(s.meta.name, QStringLiteral("api-canary"));
        QCOMPARE(s.podTemplateHash(), QStringLiteral("new111"));
        QCOMPARE(s.selector.value(QStringLiteral("app")), QStringLiteral("api"));
        QCOMPARE(Service::fromJson(service(QStringLiteral("api"), {})).podTemplateHash(), QString());

        const VirtualService vs =
            VirtualService::fromJson(virtualService(QStringLiteral("api-vs"), QStringLiteral("primary"),
                                                    {QStringLiteral("api:stable=90"), QStringLiteral("api:canary=10")}),
                                     &problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.value(0).toString()));
        QCOMPARE(vs.hosts, QStringList{QStringLiteral("api")});
        QCOMPARE(vs.httpRoutes.size(), 1);
        QCOMPARE(vs.httpRoutes.first().name, QStringLiteral("primary"));
        QCOMPARE(vs.httpRoutes.first().destinations.size(), 2);
        QCOMPARE(vs.httpRoutes.first().destinations.at(1).subset, QStringLiteral("canary"));
        QCOMPARE(vs.httpRoutes.first().destinations.at(1).weight, std::optional<int>(10));

        // A weight of the wrong type is reported, not guessed.
        QJsonObject bad = virtualService(QStringLiteral("x"), QStringLiteral("r"), {QStringLiteral("a=1")});
        QJsonObject spec = bad.value(QLatin1String("spec")).toObject();
        QJsonArray http = spec.value(QLatin1String("http")).toArray();
        QJsonObject route = http.at(0).toObject();
        QJsonArray dests = route.value(QLatin1String("route")).toArray();
        QJsonObject d = dests.at(0).toObject();
        d.insert(QStringLiteral("weight"), QStringLiteral("ten"));
        dests[0] = d;
        route.insert(QStringLiteral("route"), dests);
        http[0] = route;
        spec.insert(QStringLiteral("http"), http);
        bad.insert(QStringLiteral("spec"), spec);
        Diagnostics badProblems;
        const VirtualService parsed = VirtualService::fromJson(bad, &badProblems);
        QCOMPARE(parsed.httpRoutes.first().destinations.first().weight, std::nullopt);
        QCOMPARE(badProblems.size(), 1);
    }

    void virtualServiceNames_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QString>("ns");
        QTest::addColumn<QString>("name");
        QTest::newRow("plain") << QStringLiteral("api-vs") << QStringLiteral("prod") << QStringLiteral("api-vs");
        QTest::newRow("name.namespace") << QStringLiteral("api-vs.mesh") << QStringLiteral("mesh")
                                        << QStringLiteral("api-vs");
        QTest::newRow("more dots: first two fields")
            << QStringLiteral("api-vs.mesh.svc") << QStringLiteral("mesh") << QStringLiteral("api-vs");
    }

    void virtualServiceNames()
    {
        QFETCH(QString, reference);
        QFETCH(QString, ns);
        QFETCH(QString, name);
        const auto [gotNs, gotName] = splitVirtualServiceName(reference, QStringLiteral("prod"));
        QCOMPARE(gotNs, ns);
        QCOMPARE(gotName, name);
    }

    void compares_data()
    {
        QTest::addColumn<QJsonObject>("patch"); // merged into the base rollout
        QTest::addColumn<Cluster>("cluster");
        QTest::addColumn<int>("desiredCanary");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<int>("problems");

        const QString canary25 = QStringLiteral("dst api-vs/primary api-canary 25 (want 25): ok");
        const QString stable75 = QStringLiteral("dst api-vs/primary api-stable 75 (want 75): ok");

        QTest::newRow("as wanted") << QJsonObject() << healthyCluster() << 25
                                   << QStringList{kStableOk, kCanaryOk, stable75, canary25} << 0;

        {
            Cluster c = healthyCluster();
            c.virtualServices[QStringLiteral("prod/api-vs")] =
                virtualService(QStringLiteral("api-vs"), QStringLiteral("primary"),
                               {QStringLiteral("api-stable=95"), QStringLiteral("api-canary=5")});
            QTest::newRow("mesh still at the previous step: weight mismatch")
                << QJsonObject() << c << 25
                << QStringList{kStableOk, kCanaryOk,
                               QStringLiteral("dst api-vs/primary api-stable 95 (want 75): weight-mismatch"),
                               QStringLiteral("dst api-vs/primary api-canary 5 (want 25): weight-mismatch")}
                << 2;
        }
        {
            // The step says 25, but the canary's pods are not available yet: the controller still holds 5 (its
            // status.canary.weights), and the mesh follows it. That is progress, not a problem.
            Cluster c = healthyCluster();
            c.virtualServices[QStringLiteral("prod/api-vs")] =
                virtualService(QStringLiteral("api-vs"), QStringLiteral("primary"),
                               {QStringLiteral("api-stable=95"), QStringLiteral("api-canary=5")});
            QTest::newRow("controller holds the previous weight until the canary is available")
                << json(R"({"status": {"canary": {"weights": {"canary": {"weight": 5}, "stable": {"weight": 95}}}}})")
                << c << 5
                << QStringList{kStableOk, kCanaryOk, QStringLiteral("dst api-vs/primary api-stable 95 (want 95): ok"),
                               QStringLiteral("dst api-vs/primary api-canary 5 (want 5): ok")}
                << 0;
            QTest::newRow("mesh ahead of what the controller set: drift")
                << json(R"({"status": {"canary": {"weights": {"canary": {"weight": 5}, "stable": {"weight": 95}}}}})")
                << healthyCluster() << 5
                << QStringList{kStableOk, kCanaryOk,
                               QStringLiteral("dst api-vs/primary api-stable 75 (want 95): weight-mismatch"),
                               QStringLiteral("dst api-vs/primary api-canary 25 (want 5): weight-mismatch")}
                << 2;
        }
        {
            Cluster c = healthyCluster();
            c.services.remove(QStringLiteral("api-canary"));
            QTest::newRow("canary Service missing")
                << QJsonObject() << c << 25
                << QStringList{kStableOk, QStringLiteral("svc api-canary -> - (want new111) rev 0 ready 0/0: missing"),
                               stable75, canary25}
                << 1;
        }
        {
            Cluster c = healthyCluster();
            c.services[QStringLiteral("api-stable")] = service(QStringLiteral("api-stable"), QStringLiteral("new111"));
            QTest::newRow("stable Service on the canary ReplicaSet")
                << QJsonObject() << c << 25
                << QStringList{QStringLiteral("svc api-stable -> new111 (want old000) rev 2 ready 1/1: hash-mismatch"),
                               kCanaryOk, stable75, canary25}
                << 1;
        }
        {
            Cluster c = healthyCluster();
            c.services[QStringLiteral("api-canary")] = service(QStringLiteral("api-canary"), {});
            QTest::newRow("canary Service selects every revision")
                << QJsonObject() << c << 25
                << QStringList{kStableOk,
                               QStringLiteral("svc api-canary -> - (want new111) rev 0 ready 4/5: not-pinned"),
                               stable75, canary25}
                << 1;
        }
        {
            Cluster c = healthyCluster();
            c.services[QStringLiteral("api-canary")] = service(QStringLiteral("api-canary"), QStringLiteral("gone99"));
            QTest::newRow("rollout wants a hash no ReplicaSet has")
                << json(R"({"status": {"currentPodHash": "gone99"}})") << c << 25
                << QStringList{kStableOk,
                               QStringLiteral("svc api-canary -> gone99 (want gone99) rev 0 ready 0/0: unknown-rs"),
                               stable75, canary25}
                << 1;
        }
        {
            Cluster c = healthyCluster();
            c.virtualServices.clear();
            QTest::newRow("VirtualService missing")
                << QJsonObject() << c << 25
                << QStringList{kStableOk, kCanaryOk, QStringLiteral("vs prod/api-vs: missing")} << 1;
        }
        {
            Cluster c = healthyCluster();
            c.unavailableCause = QStringLiteral("404 Not Found");
            QTest::newRow("VirtualService kind not served")
                << QJsonObject() << c << 25
                << QStringList{kStableOk, kCanaryOk, QStringLiteral("vs prod/api-vs: unavailable")} << 1;
        }
        {
            Cluster c = healthyCluster();
            c.virtualServices[QStringLiteral("prod/api-vs")] =
                virtualService(QStringLiteral("api-vs"), QStringLiteral("secondary"),
                               {QStringLiteral("api-stable=75"), QStringLiteral("api-canary=25")});
            QTest::newRow("named route not in the VirtualService")
                << QJsonObject() << c << 25
                << QStringList{kStableOk, kCanaryOk, QStringLiteral("route api-vs/primary: route-missing")} << 1;
        }
        {
            Cluster c = healthyCluster();
            c.virtualServices[QStringLiteral("prod/api-vs")] =
                virtualService(QStringLiteral("api-vs"), QStringLiteral("primary"), {QStringLiteral("api-stable")});
            QTest::newRow("route without a canary destination")
                << QJsonObject() << c << 25
                << QStringList{kStableOk, kCanaryOk,
                               QStringLiteral("dst api-vs/primary api-stable 100 (want 75): weight-mismatch"),
                               QStringLiteral("dst api-vs/primary api-canary absent (want 25): destination-missing")}
                << 2;
        }
        {
            Cluster c = healthyCluster();
            c.virtualServices[QStringLiteral("prod/api-vs")] =
                virtualService(QStringLiteral("api-vs"), QStringLiteral("primary"),
                               {QStringLiteral("api-stable=100"), QStringLiteral("api-canary=0")});
            c.services[QStringLiteral("api-canary")] = service(QStringLiteral("api-canary"), QStringLiteral("old000"));
            QTest::newRow("aborted: everything back on stable")
                << json(R"({"status": {"abort": true, "currentStepIndex": 0}})") << c << 0
                << QStringList{kStableOk,
                               QStringLiteral("svc api-canary -> old000 (want new111) rev 1 ready 3/4: hash-mismatch"),
                               QStringLiteral("dst api-vs/primary api-stable 100 (want 100): ok"),
                               QStringLiteral("dst api-vs/primary api-canary 0 (want 0): ok")}
                << 1;
        }
        {
            Cluster c = healthyCluster();
            c.services[QStringLiteral("api-stable")] = service(QStringLiteral("api-stable"), QStringLiteral("new111"));
            c.virtualServices[QStringLiteral("prod/api-vs")] =
                virtualService(QStringLiteral("api-vs"), QStringLiteral("primary"),
                               {QStringLiteral("api-stable=100"), QStringLiteral("api-canary=0")});
            QTest::newRow("fully promoted: canary weight back to 0")
                << json(R"({"status": {"stableRS": "new111", "currentStepIndex": 4, "pauseConditions": null}})") << c
                << 0
                << QStringList{QStringLiteral("svc api-stable -> new111 (want new111) rev 2 ready 1/1: ok"), kCanaryOk,
                               QStringLiteral("dst api-vs/primary api-stable 100 (want 100): ok"),
                               QStringLiteral("dst api-vs/primary api-canary 0 (want 0): ok")}
                << 0;
        }
        {
            Cluster c = healthyCluster();
            c.virtualServices.clear();
            c.virtualServices.insert(QStringLiteral("mesh/api-vs"),
                                     virtualService(QStringLiteral("api-vs"), QStringLiteral("primary"),
                                                    {QStringLiteral("api:stable=75"), QStringLiteral("api:canary=25"),
                                                     QStringLiteral("api:mirror=0")}));
            QTest::newRow("subset split, VirtualService in another namespace")
                << json(R"({"spec": {"strategy": {"canary": {"trafficRouting": {"istio": {
                       "virtualService": {"name": "api-vs.mesh", "routes": ["primary"]},
                       "destinationRule": {"name": "api-dr", "stableSubsetName": "stable", "canarySubsetName": "canary"}
                   }}}}}})")
                << c << 25
                << QStringList{kStableOk, kCanaryOk, QStringLiteral("dst api-vs/primary api:stable 75 (want 75): ok"),
                               QStringLiteral("dst api-vs/primary api:canary 25 (want 25): ok"),
                               QStringLiteral("dst api-vs/primary api:mirror 0 (want -): ok")}
                << 0;
        }
        {
            Cluster c = healthyCluster();
            c.services.clear();
            c.services.insert(QStringLiteral("api-ping"),
                              service(QStringLiteral("api-ping"), QStringLiteral("new111")));
            c.services.insert(QStringLiteral("api-pong"),
                              service(QStringLiteral("api-pong"), QStringLiteral("old000")));
            c.virtualServices[QStringLiteral("prod/api-vs")] =
                virtualService(QStringLiteral("api-vs"), QStringLiteral("primary"),
                               {QStringLiteral("api-pong=75"), QStringLiteral("api-ping=25")});
            QTest::newRow("ping-pong: pong is stable now, ping takes the canary")
                << json(R"({"spec": {"strategy": {"canary": {"stableService": null, "canaryService": null,
                               "pingPong": {"pingService": "api-ping", "pongService": "api-pong"}}}},
                            "status": {"canary": {"stablePingPong": "pong"}}})")
                << c << 25
                << QStringList{QStringLiteral("svc api-pong -> old000 (want old000) rev 1 ready 3/4: ok"),
                               QStringLiteral("svc api-ping -> new111 (want new111) rev 2 ready 1/1: ok"),
                               QStringLiteral("dst api-vs/primary api-pong 75 (want 75): ok"),
                               QStringLiteral("dst api-vs/primary api-ping 25 (want 25): ok")}
                << 0;
        }
        {
            Cluster c = healthyCluster();
            c.virtualServices[QStringLiteral("prod/api-vs")] =
                virtualService(QStringLiteral("api-vs"), QStringLiteral("primary"),
                               {QStringLiteral("api-stable.prod.svc.cluster.local=75"),
                                QStringLiteral("api-canary.prod.svc.cluster.local=25")});
            QTest::newRow("hosts as FQDN name the Services")
                << QJsonObject() << c << 25
                << QStringList{kStableOk, kCanaryOk,
                               QStringLiteral("dst api-vs/primary api-stable.prod.svc.cluster.local 75 (want 75): ok"),
                               QStringLiteral("dst api-vs/primary api-canary.prod.svc.cluster.local 25 (want 25): ok")}
                << 0;
        }
    }

    void tlsAndTcpRoutes_data()
    {
        QTest::addColumn<QJsonObject>("reference"); // trafficRouting.istio.virtualService
        QTest::addColumn<QStringList>("expected");

        QTest::newRow("no route names: the first unnamed HTTP route, the first TLS and TCP routes")
            << json(R"({"name": "api-vs", "routes": null})")
            << QStringList{QStringLiteral("dst api-vs/ api-stable 80 (want 75): weight-mismatch"),
                           QStringLiteral("dst api-vs/ api-canary 20 (want 25): weight-mismatch"),
                           QStringLiteral("dst api-vs/tls:443:api.example.com api-stable 75 (want 75): ok"),
                           QStringLiteral("dst api-vs/tls:443:api.example.com api-canary 25 (want 25): ok"),
                           QStringLiteral("dst api-vs/tcp:5432 api-stable 75 (want 75): ok"),
                           QStringLiteral("dst api-vs/tcp:5432 api-canary 25 (want 25): ok")};
        QTest::newRow("TLS by port and SNI host, TCP by port")
            << json(R"({"name": "api-vs", "routes": ["primary"],
                        "tlsRoutes": [{"port": 8443, "sniHosts": ["admin.example.com"]}],
                        "tcpRoutes": [{"port": 6379}]})")
            << QStringList{
                   QStringLiteral("dst api-vs/primary api-stable 75 (want 75): ok"),
                   QStringLiteral("dst api-vs/primary api-canary 25 (want 25): ok"),
                   QStringLiteral("dst api-vs/tls:8443:admin.example.com,ops.example.com api-stable 100 (want 75): "
                                  "weight-mismatch"),
                   QStringLiteral(
                       "dst api-vs/tls:8443:admin.example.com,ops.example.com api-canary 0 (want 25): weight-mismatch"),
                   QStringLiteral("dst api-vs/tcp:6379 api-stable 75 (want 75): ok"),
                   QStringLiteral("dst api-vs/tcp:6379 api-canary 25 (want 25): ok")};
        QTest::newRow("TLS and TCP routes the VirtualService lacks")
            << json(R"({"name": "api-vs", "routes": ["primary"],
                        "tlsRoutes": [{"port": 443, "sniHosts": ["other.example.com"]}],
                        "tcpRoutes": [{"port": 9999}]})")
            << QStringList{QStringLiteral("dst api-vs/primary api-stable 75 (want 75): ok"),
                           QStringLiteral("dst api-vs/primary api-canary 25 (want 25): ok"),
                           QStringLiteral("route api-vs/tls:443:other.example.com: route-missing"),
                           QStringLiteral("route api-vs/tcp:9999: route-missing")};
    }

    void tlsAndTcpRoutes()
    {
        QFETCH(QJsonObject, reference);
        QFETCH(QStringList, expected);
        Cluster c = healthyCluster();
        // An unnamed HTTP route first (behind a named one), two TLS routes, two TCP routes.
        c.virtualServices[QStringLiteral("prod/api-vs")] = json(R"({
          "apiVersion": "networking.istio.io/v1beta1", "kind": "VirtualService",
          "metadata": {"name": "api-vs", "namespace": "prod"},
          "spec": {
            "http": [
              {"name": "primary", "route": [{"destination": {"host": "api-stable"}, "weight": 75},
                                            {"destination": {"host": "api-canary"}, "weight": 25}]},
              {"route": [{"destination": {"host": "api-stable"}, "weight": 80},
                         {"destination": {"host": "api-canary"}, "weight": 20}]}],
            "tls": [
              {"match": [{"port": 443, "sniHosts": ["api.example.com"]}],
               "route": [{"destination": {"host": "api-stable"}, "weight": 75},
                         {"destination": {"host": "api-canary"}, "weight": 25}]},
              {"match": [{"port": 8443, "sniHosts": ["admin.example.com", "ops.example.com"]}],
               "route": [{"destination": {"host": "api-stable"}, "weight": 100},
                         {"destination": {"host": "api-canary"}, "weight": 0}]}],
            "tcp": [
              {"match": [{"port": 5432}],
               "route": [{"destination": {"host": "api-stable"}, "weight": 75},
                         {"destination": {"host": "api-canary"}, "weight": 25}]},
              {"match": [{"port": 6379}],
               "route": [{"destination": {"host": "api-stable"}, "weight": 75},
                         {"destination": {"host": "api-canary"}, "weight": 25}]}]
          }})");
        QJsonObject patch{
            {QStringLiteral("spec"),
             QJsonObject{
                 {QStringLiteral("strategy"),
                  QJsonObject{
                      {QStringLiteral("canary"),
                       QJsonObject{{QStringLiteral("trafficRouting"),
                                    QJsonObject{{QStringLiteral("istio"),
                                                 QJsonObject{{QStringLiteral("virtualService"), reference}}}}}}}}}}}};
        const TrafficInfo traffic = build(merged(rollout(), patch), c);
        QStringList vsLines = describe(traffic);
        vsLines.removeFirst(); // the two Services
        vsLines.removeFirst();
        QCOMPARE(vsLines, expected);

        // The table names TLS and TCP routes by port, and keys them apart.
        TrafficModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTraffic(traffic);
        QCOMPARE(model.rowCount(), 2 + int(expected.size()));
        for (const RouteTraffic &route : traffic.virtualServices.first().routes) {
            if (route.protocol == RouteProtocol::Tcp && route.present) {
                const int row = model.destinationRow(QStringLiteral("api-vs"), TrafficModel::routeKey(route),
                                                     QStringLiteral("api-canary"), {});
                QVERIFY(row >= 0);
                QVERIFY(model.index(row, 0).data().toString().endsWith(QStringLiteral("TCP port %1").arg(route.port)));
            }
        }
    }

    void compares()
    {
        QFETCH(QJsonObject, patch);
        QFETCH(Cluster, cluster);
        QFETCH(int, desiredCanary);
        QFETCH(QStringList, expected);
        QFETCH(int, problems);

        const TrafficInfo traffic = build(merged(rollout(), patch), cluster);
        QVERIFY(traffic.weighted);
        QCOMPARE(traffic.desiredCanaryWeight, desiredCanary);
        QCOMPARE(traffic.desiredStableWeight, 100 - desiredCanary);
        QCOMPARE(describe(traffic), expected);
        QCOMPARE(traffic.problemCount(), problems);
        QVERIFY(!cluster.asked.isEmpty());
        const bool otherNamespace =
            QTest::currentDataTag() == QByteArray("subset split, VirtualService in another namespace");
        QCOMPARE(cluster.asked.first(), otherNamespace ? QStringLiteral("mesh/api-vs") : QStringLiteral("prod/api-vs"));
    }

    void blueGreenServices()
    {
        ObjectStore store;
        const QJsonObject bg = merged(rollout(), json(R"({"spec": {"strategy": {"canary": null, "blueGreen": {
                                     "activeService": "api-active", "previewService": "api-preview"}}},
                                 "status": {"canary": null, "currentStepIndex": null,
                                            "blueGreen": {"activeSelector": "old000", "previewSelector": "new111"}}})"));
        store.upsert(bg);
        store.upsert(replicaSet(QStringLiteral("old000"), 1, 2));
        store.upsert(replicaSet(QStringLiteral("new111"), 2, 2));
        const Rollout *ro = store.rollout(QStringLiteral("prod"), QStringLiteral("api"));
        QVERIFY(ro);
        const RolloutInfo info = buildRolloutInfo(*ro, store, kNow);
        Cluster c;
        c.services.insert(QStringLiteral("api-active"),
                          service(QStringLiteral("api-active"), QStringLiteral("old000")));
        // The preview was edited by hand to the old version.
        c.services.insert(QStringLiteral("api-preview"),
                          service(QStringLiteral("api-preview"), QStringLiteral("old000")));
        const TrafficInfo traffic = buildTrafficInfo(
            *ro, info, [&c](const QString &ns, const QString &name) { return c.service(ns, name); }, {});
        QVERIFY(!traffic.weighted);
        QVERIFY(traffic.virtualServices.isEmpty());
        QCOMPARE(
            describe(traffic),
            (QStringList{QStringLiteral("svc api-active -> old000 (want old000) rev 1 ready 0/0: ok"),
                         QStringLiteral("svc api-preview -> old000 (want new111) rev 1 ready 0/0: hash-mismatch")}));
        QCOMPARE(traffic.services.at(1).role, TrafficRefs::ServiceRole::Preview);
    }

    void modelShowsAndUpdatesIncrementally()
    {
        TrafficModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        Cluster c = healthyCluster();
        model.setTraffic(build(rollout(), c));
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.problemCount(), 0);
        const int canaryRow =
            model.destinationRow(QStringLiteral("api-vs"), QStringLiteral("primary"), QStringLiteral("api-canary"), {});
        QCOMPARE(canaryRow, 3);
        const auto cell = [&model](int row, TrafficModel::Column column, int role = Qt::DisplayRole) {
            return model.data(model.index(row, int(column)), role);
        };
        QCOMPARE(cell(canaryRow, TrafficModel::Column::Actual).toString(), QStringLiteral("25%"));
        QCOMPARE(cell(canaryRow, TrafficModel::Column::Desired, TrafficModel::RawValueRole).toInt(), 25);
        QCOMPARE(cell(canaryRow, TrafficModel::Column::Target).toString(), QStringLiteral("api-canary (canary)"));
        QCOMPARE(cell(model.serviceRow(QStringLiteral("api-stable")), TrafficModel::Column::Actual).toString(),
                 QStringLiteral("old000 (revision 1)"));
        QCOMPARE(cell(model.serviceRow(QStringLiteral("api-stable")), TrafficModel::Column::Ready).toString(),
                 QStringLiteral("3/4"));
        QCOMPARE(cell(canaryRow, TrafficModel::Column::Status, TrafficModel::SeverityRole).toInt(),
                 int(StatusSeverity::Healthy));

        // The mesh is edited by hand: only the two destination rows change, each flagged.
        changed.clear();
        c.virtualServices[QStringLiteral("prod/api-vs")] =
            virtualService(QStringLiteral("api-vs"), QStringLiteral("primary"),
                           {QStringLiteral("api-stable=60"), QStringLiteral("api-canary=40")});
        model.setTraffic(build(rollout(), c));
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(changed.size(), 2);
        QCOMPARE(model.problemCount(), 2);
        QCOMPARE(cell(canaryRow, TrafficModel::Column::Actual).toString(), QStringLiteral("40%"));
        QCOMPARE(cell(canaryRow, TrafficModel::Column::Status, TrafficModel::ProblemRole).toInt(),
                 int(TrafficProblem::WeightMismatch));
        QCOMPARE(cell(canaryRow, TrafficModel::Column::Status, TrafficModel::SeverityRole).toInt(),
                 int(StatusSeverity::Degraded));
        QCOMPARE(cell(canaryRow, TrafficModel::Column::Status).toString(),
                 QStringLiteral("The mesh sends 40%, the rollout wants 25%"));

        // The VirtualService is deleted: its two rows give way to one problem row.
        c.virtualServices.clear();
        model.setTraffic(build(rollout(), c));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(cell(2, TrafficModel::Column::Status, TrafficModel::ProblemRole).toInt(),
                 int(TrafficProblem::Missing));
        QCOMPARE(cell(2, TrafficModel::Column::Status, TrafficModel::RowKindRole).toInt(),
                 int(TrafficModel::RowKind::VirtualService));
        QVERIFY(cell(2, TrafficModel::Column::Status).toString().startsWith(QStringLiteral("Not found")));

        // The same view again: nothing emitted.
        changed.clear();
        inserted.clear();
        removed.clear();
        model.setTraffic(build(rollout(), c));
        QCOMPARE(changed.size() + inserted.size() + removed.size(), 0);

        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(reset.size(), 0);

        QSignalSpy stale(&model, &TrafficModel::stalenessChanged);
        model.setStaleness({kNow, QStringLiteral("connection refused")});
        QVERIFY(model.isStale());
        QCOMPARE(stale.size(), 1);
        model.setStaleness({{}, QStringLiteral("ignored")});
        QVERIFY(!model.isStale());
        QCOMPARE(model.staleness().cause, QString());
    }
};

QTEST_GUILESS_MAIN(TestTraffic)
#include "tst_traffic.moc"
