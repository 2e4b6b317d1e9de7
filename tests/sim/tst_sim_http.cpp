// The simulator's Kubernetes API on the wire, byte for byte: discovery documents, Status error
// shapes, watch streams (framing, resume, bookmarks, 410) and the faults other tests rely on.
#include "SimTestSupport.h"
#include "sim/Simulator.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;
using nlohmann::json;
using simtest::http;

namespace {
QJsonObject obj(const QByteArray &b)
{
    return QJsonDocument::fromJson(b).object();
}
} // namespace

class TestSimHttp : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        rdsim::Options o;
        o.scenario = "seed";
        o.adminToken = "admin-token";
        o.readOnlyToken = "viewer-token";
        auto r = m_sim.start(o);
        QVERIFY2(r.ok(), r.error.c_str());
        m_port = quint16(QUrl(QString::fromStdString(r.endpoints.kube)).port());
        QVERIFY(m_port > 0);
    }
    void cleanupTestCase() { m_sim.stop(); }
    void cleanup() { m_sim.faults().clear(); }

    void discoveryGroups()
    {
        auto r = http(m_port, "GET", "/apis", kAdmin);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
        QJsonObject list = obj(r.body);
        QCOMPARE(list[u"kind"_s].toString(), u"APIGroupList"_s);
        QStringList groups;
        for (const auto &g : list[u"groups"_s].toArray())
            groups << g[u"preferredVersion"_s][u"groupVersion"_s].toString();
        for (const QString &gv : {u"argoproj.io/v1alpha1"_s, u"apps/v1"_s, u"networking.istio.io/v1beta1"_s,
                                  u"authorization.k8s.io/v1"_s, u"authentication.k8s.io/v1"_s})
            QVERIFY2(groups.contains(gv), qPrintable(gv));
        auto core = obj(http(m_port, "GET", "/api", kAdmin).body);
        QCOMPARE(core[u"versions"_s].toArray().first().toString(), u"v1"_s);
    }

    void discoveryResources_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<bool>("namespaced");
        QTest::addColumn<QString>("shortName");
        QTest::addColumn<QStringList>("verbs");
        const QStringList all{u"create"_s, u"delete"_s, u"deletecollection"_s, u"get"_s,
                              u"list"_s,   u"patch"_s,  u"update"_s,           u"watch"_s};
        const QStringList sub{u"get"_s, u"patch"_s, u"update"_s};
        QTest::newRow("rollouts") << QByteArray("/apis/argoproj.io/v1alpha1") << u"rollouts"_s << u"Rollout"_s << true
                                  << u"ro"_s << all;
        QTest::newRow("rollouts/status") << QByteArray("/apis/argoproj.io/v1alpha1") << u"rollouts/status"_s
                                         << u"Rollout"_s << true << QString() << sub;
        QTest::newRow("rollouts/scale") << QByteArray("/apis/argoproj.io/v1alpha1") << u"rollouts/scale"_s << u"Scale"_s
                                        << true << QString() << sub;
        QTest::newRow("clusteranalysistemplates")
            << QByteArray("/apis/argoproj.io/v1alpha1") << u"clusteranalysistemplates"_s << u"ClusterAnalysisTemplate"_s
            << false << u"cat"_s << all;
        QTest::newRow("analysisruns") << QByteArray("/apis/argoproj.io/v1alpha1") << u"analysisruns"_s
                                      << u"AnalysisRun"_s << true << u"ar"_s << all;
        QTest::newRow("experiments") << QByteArray("/apis/argoproj.io/v1alpha1") << u"experiments"_s << u"Experiment"_s
                                     << true << u"exp"_s << all;
        QTest::newRow("replicasets") << QByteArray("/apis/apps/v1") << u"replicasets"_s << u"ReplicaSet"_s << true
                                     << u"rs"_s << all;
        QTest::newRow("pods") << QByteArray("/api/v1") << u"pods"_s << u"Pod"_s << true << u"po"_s << all;
        QTest::newRow("namespaces") << QByteArray("/api/v1") << u"namespaces"_s << u"Namespace"_s << false << u"ns"_s
                                    << all;
        QTest::newRow("virtualservices") << QByteArray("/apis/networking.istio.io/v1beta1") << u"virtualservices"_s
                                         << u"VirtualService"_s << true << u"vs"_s << all;
        QTest::newRow("ssar") << QByteArray("/apis/authorization.k8s.io/v1") << u"selfsubjectaccessreviews"_s
                              << u"SelfSubjectAccessReview"_s << false << QString() << QStringList{u"create"_s};
    }

    void discoveryResources()
    {
        QFETCH(QByteArray, path);
        QFETCH(QString, name);
        QFETCH(QString, kind);
        QFETCH(bool, namespaced);
        QFETCH(QString, shortName);
        QFETCH(QStringList, verbs);
        // kubectl asks for aggregated discovery first; plain JSON is the accepted fallback.
        auto r = http(m_port, "GET", path, kAdmin, {},
                      {{"Accept", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
                                  "application/json"}});
        QCOMPARE(r.status, 200);
        const QJsonObject list = obj(r.body);
        QCOMPARE(list[u"kind"_s].toString(), u"APIResourceList"_s);
        QCOMPARE(list[u"groupVersion"_s].toString().toUtf8(), path.startsWith("/apis/") ? path.mid(6) : path.mid(5));
        QJsonObject found;
        for (const auto &res : list[u"resources"_s].toArray()) {
            if (res[u"name"_s].toString() == name)
                found = res.toObject();
        }
        QVERIFY2(!found.isEmpty(), qPrintable(name));
        QCOMPARE(found[u"kind"_s].toString(), kind);
        QCOMPARE(found[u"namespaced"_s].toBool(), namespaced);
        QStringList gotVerbs;
        for (const auto &v : found[u"verbs"_s].toArray())
            gotVerbs << v.toString();
        QCOMPARE(gotVerbs, verbs);
        if (!shortName.isEmpty())
            QCOMPARE(found[u"shortNames"_s].toArray().first().toString(), shortName);
        if (name == u"rollouts"_s)
            QCOMPARE(found[u"categories"_s].toArray().first().toString(), u"all"_s);
    }

    void unauthorizedStatus()
    {
        for (const QByteArray &token : {QByteArray(), QByteArray("bogus")}) {
            auto r = http(m_port, "GET", "/apis/argoproj.io/v1alpha1/rollouts", token);
            QCOMPARE(r.status, 401);
            const QJsonObject s = obj(r.body);
            QCOMPARE(s[u"kind"_s].toString(), u"Status"_s);
            QCOMPARE(s[u"apiVersion"_s].toString(), u"v1"_s);
            QCOMPARE(s[u"status"_s].toString(), u"Failure"_s);
            QCOMPARE(s[u"reason"_s].toString(), u"Unauthorized"_s);
            QCOMPARE(s[u"code"_s].toInt(), 401);
        }
        QCOMPARE(http(m_port, "GET", "/version", {}).status, 200);
    }

    void forbiddenStatus()
    {
        auto r = http(m_port, "DELETE", "/api/v1/namespaces/demo/pods/x", kViewer);
        QCOMPARE(r.status, 403);
        const QJsonObject s = obj(r.body);
        QCOMPARE(s[u"reason"_s].toString(), u"Forbidden"_s);
        QCOMPARE(s[u"code"_s].toInt(), 403);
        QCOMPARE(s[u"message"_s].toString(),
                 u"pods \"x\" is forbidden: User \"rolldeck-viewer\" cannot delete resource \"pods\" in API group \"\" "
                 u"in the namespace \"demo\""_s);
        QCOMPARE(s[u"details"_s][u"name"_s].toString(), u"x"_s);
        QCOMPARE(s[u"details"_s][u"kind"_s].toString(), u"pods"_s);
        auto list = http(m_port, "GET", "/apis/argoproj.io/v1alpha1/rollouts", kViewer);
        QCOMPARE(list.status, 200);
    }

    void notFoundAndConflictStatus()
    {
        auto nf = obj(http(m_port, "GET", "/apis/argoproj.io/v1alpha1/namespaces/demo/rollouts/nope", kAdmin).body);
        QCOMPARE(nf[u"code"_s].toInt(), 404);
        QCOMPARE(nf[u"reason"_s].toString(), u"NotFound"_s);
        QCOMPARE(nf[u"message"_s].toString(), u"rollouts.argoproj.io \"nope\" not found"_s);
        QCOMPARE(nf[u"details"_s][u"group"_s].toString(), u"argoproj.io"_s);
        auto c = http(m_port, "PATCH", "/apis/argoproj.io/v1alpha1/namespaces/demo/rollouts/api", kAdmin,
                      R"({"metadata":{"resourceVersion":"1"},"spec":{"paused":true}})",
                      {{"Content-Type", "application/merge-patch+json"}});
        QCOMPARE(c.status, 409);
        QCOMPARE(obj(c.body)[u"reason"_s].toString(), u"Conflict"_s);
        auto smp = http(m_port, "PATCH", "/apis/argoproj.io/v1alpha1/namespaces/demo/rollouts/api", kAdmin,
                        R"({"spec":{"paused":true}})", {{"Content-Type", "application/strategic-merge-patch+json"}});
        QCOMPARE(smp.status, 415);
        QCOMPARE(obj(smp.body)[u"reason"_s].toString(), u"UnsupportedMediaType"_s);
    }

    void createPutDeleteRoundTrip()
    {
        const QByteArray base = "/apis/networking.istio.io/v1beta1/namespaces/demo/virtualservices";
        auto created = http(m_port, "POST", base, kAdmin,
                            R"({"apiVersion":"networking.istio.io/v1beta1","kind":"VirtualService",
                                "metadata":{"name":"ab"},"spec":{"http":[{"route":[{"weight":50},{"weight":50}]}]}})");
        QCOMPARE(created.status, 201);
        QJsonObject vs = obj(created.body);
        QCOMPARE(vs[u"metadata"_s][u"generation"_s].toInt(), 1);
        QJsonObject spec = vs[u"spec"_s].toObject();
        vs[u"spec"_s] =
            QJsonObject{{u"http"_s, QJsonArray{QJsonObject{{u"route"_s, QJsonArray{QJsonObject{{u"weight"_s, 80}},
                                                                                   QJsonObject{{u"weight"_s, 20}}}}}}}};
        auto put = http(m_port, "PUT", base + "/ab", kAdmin, QJsonDocument(vs).toJson());
        QCOMPARE(put.status, 200);
        QCOMPARE(obj(put.body)[u"metadata"_s][u"generation"_s].toInt(), 2);
        auto stalePut = http(m_port, "PUT", base + "/ab", kAdmin, QJsonDocument(vs).toJson());
        QCOMPARE(stalePut.status, 409);
        auto jp = http(m_port, "PATCH", base + "/ab", kAdmin,
                       R"([{"op":"replace","path":"/spec/http/0/route/0/weight","value":90}])",
                       {{"Content-Type", "application/json-patch+json"}});
        QCOMPARE(jp.status, 200);
        QCOMPARE(obj(jp.body)[u"spec"_s][u"http"_s][0][u"route"_s][0][u"weight"_s].toInt(), 90);
        QCOMPARE(http(m_port, "DELETE", base + "/ab", kAdmin).status, 200);
        QCOMPARE(http(m_port, "GET", base + "/ab", kAdmin).status, 404);
    }

    void tableForKubectl()
    {
        auto r = http(m_port, "GET", "/apis/argoproj.io/v1alpha1/namespaces/demo/rollouts?limit=500", kAdmin, {},
                      {{"Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"}});
        QCOMPARE(r.status, 200);
        const QJsonObject t = obj(r.body);
        QCOMPARE(t[u"kind"_s].toString(), u"Table"_s);
        QCOMPARE(t[u"apiVersion"_s].toString(), u"meta.k8s.io/v1"_s);
        QStringList cols;
        for (const auto &c : t[u"columnDefinitions"_s].toArray())
            cols << c[u"name"_s].toString();
        QCOMPARE(cols, (QStringList{u"Name"_s, u"Desired"_s, u"Current"_s, u"Up-to-date"_s, u"Available"_s, u"Age"_s}));
        const QJsonArray rows = t[u"rows"_s].toArray();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0][u"object"_s][u"kind"_s].toString(), u"PartialObjectMetadata"_s);
        QCOMPARE(rows[0][u"object"_s][u"metadata"_s][u"namespace"_s].toString(), u"demo"_s);
        QVERIFY(!t[u"metadata"_s][u"resourceVersion"_s].toString().isEmpty());
    }

    void oddObjectsStillRenderAsTables()
    {
        m_sim.store().create(rdsim::kPods, "demo",
                             {{"metadata", {{"name", "odd"}}},
                              {"spec", {{"containers", "not-a-list"}}},
                              {"status", {{"reason", 5}, {"containerStatuses", {{{"ready", "yes"}}}}}}});
        auto r = http(m_port, "GET", "/api/v1/namespaces/demo/pods/odd", kAdmin, {},
                      {{"Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(obj(r.body)[u"rows"_s][0][u"cells"_s][1].toString(), u"0/0"_s);
        m_sim.store().remove(rdsim::kPods, "demo", "odd");
    }

    void hostileBodiesGetStatusAnswers_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<int>("status");
        const QByteArray ro = "/apis/argoproj.io/v1alpha1/namespaces/demo/rollouts";
        QTest::newRow("not json") << QByteArray("POST") << ro << QByteArray("{nope") << QByteArray("application/json")
                                  << 400;
        QTest::newRow("string labels") << QByteArray("POST") << ro
                                       << QByteArray(R"({"metadata":{"name":"x","labels":{"a":1}}})")
                                       << QByteArray("application/json") << 400;
        QTest::newRow("array create") << QByteArray("POST") << ro << QByteArray("[1]") << QByteArray("application/json")
                                      << 400;
        QTest::newRow("no name") << QByteArray("POST") << ro << QByteArray(R"({"metadata":{}})")
                                 << QByteArray("application/json") << 422;
        QTest::newRow("numeric name") << QByteArray("PUT") << ro + "/api" << QByteArray(R"({"metadata":{"name":5}})")
                                      << QByteArray("application/json") << 400;
        QTest::newRow("name mismatch") << QByteArray("PUT") << ro + "/api"
                                       << QByteArray(R"({"metadata":{"name":"other"}})")
                                       << QByteArray("application/json") << 400;
        QTest::newRow("json patch not array") << QByteArray("PATCH") << ro + "/api" << QByteArray(R"({"op":"add"})")
                                              << QByteArray("application/json-patch+json") << 400;
        QTest::newRow("json patch bad path")
            << QByteArray("PATCH") << ro + "/api" << QByteArray(R"([{"op":"remove","path":"/spec/nothing/here"}])")
            << QByteArray("application/json-patch+json") << 422;
        QTest::newRow("merge patch array") << QByteArray("PATCH") << ro + "/api" << QByteArray("[]")
                                           << QByteArray("application/merge-patch+json") << 400;
        QTest::newRow("apply patch") << QByteArray("PATCH") << ro + "/api" << QByteArray("{}")
                                     << QByteArray("application/apply-patch+yaml") << 415;
        QTest::newRow("unknown subresource")
            << QByteArray("GET") << ro + "/api/logs" << QByteArray() << QByteArray("application/json") << 404;
        QTest::newRow("bad selector") << QByteArray("GET") << ro + "?labelSelector=a%20in%20(b" << QByteArray()
                                      << QByteArray("application/json") << 400;
        QTest::newRow("bad watch rv") << QByteArray("GET") << ro + "?watch=1&resourceVersion=abc" << QByteArray()
                                      << QByteArray("application/json") << 400;
    }

    void hostileBodiesGetStatusAnswers()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(int, status);
        auto r = http(m_port, method, path, kAdmin, body, {{"Content-Type", contentType}});
        QCOMPARE(r.status, status);
        const QJsonObject s = obj(r.body);
        QCOMPARE(s[u"kind"_s].toString(), u"Status"_s);
        QCOMPARE(s[u"code"_s].toInt(), status);
        QVERIFY(!s[u"message"_s].toString().isEmpty());
        QCOMPARE(http(m_port, "GET", "/apis/argoproj.io/v1alpha1/namespaces/demo/rollouts/api", kAdmin).status, 200);
    }

    void selfSubjectAccessReviewJson_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("admin patch") << kAdmin << QByteArray("patch") << true;
        QTest::newRow("viewer patch") << kViewer << QByteArray("patch") << false;
        QTest::newRow("viewer get") << kViewer << QByteArray("get") << true;
    }

    void selfSubjectAccessReviewJson()
    {
        QFETCH(QByteArray, token);
        QFETCH(QByteArray, verb);
        QFETCH(bool, allowed);
        auto r = http(m_port, "POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", token,
                      R"({"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview","spec":
                         {"resourceAttributes":{"namespace":"demo","verb":")" +
                          verb + R"(","group":"argoproj.io","resource":"rollouts","subresource":"status"}}})");
        QCOMPARE(r.status, 201);
        const QJsonObject o = obj(r.body);
        QCOMPARE(o[u"kind"_s].toString(), u"SelfSubjectAccessReview"_s);
        QCOMPARE(o[u"status"_s][u"allowed"_s].toBool(), allowed);
        QCOMPARE(o[u"spec"_s][u"resourceAttributes"_s][u"subresource"_s].toString(), u"status"_s);
    }

    void selfSubjectAccessReviewProtobuf()
    {
        // The bytes kubectl 1.32 sends for `auth can-i patch rollouts.argoproj.io/status -n prod`.
        auto str = [](int field, const QByteArray &s) -> QByteArray {
            return QByteArray(1, char((field << 3) | 2)) + QByteArray(1, char(s.size())) + s;
        };
        const QByteArray attrs =
            str(1, "prod") + str(2, "patch") + str(3, "argoproj.io") + str(5, "rollouts") + str(6, "status");
        const QByteArray review = str(1, {}) + str(2, str(1, attrs));
        const QByteArray typeMeta = str(1, "authorization.k8s.io/v1") + str(2, "SelfSubjectAccessReview");
        const QByteArray body = QByteArray("k8s\0", 4) + str(1, typeMeta) + str(2, review) + str(4, {});
        for (const auto &[token, allowed] : {std::pair{kAdmin, true}, std::pair{kViewer, false}}) {
            auto r = http(m_port, "POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", token, body,
                          {{"Content-Type", "application/vnd.kubernetes.protobuf"},
                           {"Accept", "application/vnd.kubernetes.protobuf,application/json"}});
            QCOMPARE(r.status, 201);
            const QJsonObject o = obj(r.body);
            QCOMPARE(o[u"status"_s][u"allowed"_s].toBool(), allowed);
            QCOMPARE(o[u"spec"_s][u"resourceAttributes"_s][u"namespace"_s].toString(), u"prod"_s);
            QCOMPARE(o[u"spec"_s][u"resourceAttributes"_s][u"verb"_s].toString(), u"patch"_s);
        }
        auto broken = http(m_port, "POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", kAdmin,
                           QByteArray("k8s\0\x0a\x7f", 6), {{"Content-Type", "application/vnd.kubernetes.protobuf"}});
        QCOMPARE(broken.status, 400);
    }

    void watchFromListResourceVersion()
    {
        auto list = http(m_port, "GET", "/api/v1/namespaces/demo/pods?labelSelector=app%3Dcheckout", kAdmin);
        QCOMPARE(list.status, 200);
        const QByteArray rv = obj(list.body)[u"metadata"_s][u"resourceVersion"_s].toString().toUtf8();
        const int pods = obj(list.body)[u"items"_s].toArray().size();
        QCOMPARE(pods, 5);
        const std::string name = obj(list.body)[u"items"_s][0][u"metadata"_s][u"name"_s].toString().toStdString();
        m_sim.store().mergePatch(rdsim::kPods, "demo", name, {{"metadata", {{"labels", {{"seen", "1"}}}}}});
        m_sim.store().mergePatch(rdsim::kPods, "demo", name, {{"metadata", {{"labels", {{"app", "moved"}}}}}});
        m_sim.store().create(rdsim::kPods, "demo", {{"metadata", {{"name", "other"}, {"labels", {{"app", "x"}}}}}});
        auto w = http(m_port, "GET",
                      "/api/v1/namespaces/demo/pods?watch=1&labelSelector=app%3Dcheckout&timeoutSeconds=1&"
                      "allowWatchBookmarks=true&resourceVersion=" +
                          rv,
                      kAdmin);
        QCOMPARE(w.status, 200);
        QVERIFY(w.chunked);
        QVERIFY(w.complete); // timeoutSeconds ends the stream cleanly
        QStringList types;
        for (const QByteArray &line : w.lines()) {
            const QJsonObject ev = obj(line);
            QVERIFY2(!ev.isEmpty(), line.constData());
            types << ev[u"type"_s].toString();
        }
        // A label change out of the selector is a DELETED for this watch; the other pod is not seen.
        QCOMPARE(types.mid(0, 2), (QStringList{u"MODIFIED"_s, u"DELETED"_s}));
        QVERIFY(types.size() == 2 || types.mid(2) == QStringList{u"BOOKMARK"_s});
        m_sim.store().remove(rdsim::kPods, "demo", "other");
        m_sim.store().mergePatch(rdsim::kPods, "demo", name, {{"metadata", {{"labels", {{"app", "checkout"}}}}}});
    }

    void watchWithoutResourceVersionSendsState()
    {
        auto w =
            http(m_port, "GET", "/apis/argoproj.io/v1alpha1/watch/namespaces/demo/rollouts?timeoutSeconds=1", kAdmin);
        QCOMPARE(w.status, 200);
        const auto lines = w.lines();
        QCOMPARE(lines.size(), 2);
        for (const auto &l : lines) {
            QCOMPARE(obj(l)[u"type"_s].toString(), u"ADDED"_s);
            QCOMPARE(obj(l)[u"object"_s][u"kind"_s].toString(), u"Rollout"_s);
        }
    }

    void watchTooOldIsGone()
    {
        const QByteArray rv = QByteArray::number(qulonglong(m_sim.store().resourceVersion()));
        auto armed = http(m_port, "POST", "/_sim/faults", kAdmin, R"({"kind":"expireHistory"})");
        QCOMPARE(armed.status, 201);
        auto w = http(m_port, "GET", "/apis/argoproj.io/v1alpha1/rollouts?watch=true&resourceVersion=" + rv, kAdmin);
        QCOMPARE(w.status, 200);
        QVERIFY(w.complete);
        const auto lines = w.lines();
        QCOMPARE(lines.size(), 1);
        const QJsonObject ev = obj(lines[0]);
        QCOMPARE(ev[u"type"_s].toString(), u"ERROR"_s);
        QCOMPARE(ev[u"object"_s][u"kind"_s].toString(), u"Status"_s);
        QCOMPARE(ev[u"object"_s][u"code"_s].toInt(), 410);
        QCOMPARE(ev[u"object"_s][u"reason"_s].toString(), u"Expired"_s);
        // The same through the C++ API.
        const QByteArray rv2 = QByteArray::number(qulonglong(m_sim.store().resourceVersion()));
        m_sim.faults().arm({rdsim::FaultKind::ExpireHistory, 1, {}, 0, 0});
        auto gone =
            http(m_port, "GET", "/apis/argoproj.io/v1alpha1/rollouts?watch=true&resourceVersion=" + rv2, kAdmin);
        QCOMPARE(obj(gone.lines().value(0))[u"object"_s][u"code"_s].toInt(), 410);
        // A fresh list gives a resourceVersion that can be watched again.
        auto list = http(m_port, "GET", "/apis/argoproj.io/v1alpha1/rollouts", kAdmin);
        const QByteArray fresh = obj(list.body)[u"metadata"_s][u"resourceVersion"_s].toString().toUtf8();
        auto again =
            http(m_port, "GET", "/apis/argoproj.io/v1alpha1/rollouts?watch=1&timeoutSeconds=1&resourceVersion=" + fresh,
                 kAdmin);
        QCOMPARE(again.lines().size(), 0);
        QVERIFY(again.complete);
    }

    void faultEndpointIsAdminOnly()
    {
        QCOMPARE(http(m_port, "POST", "/_sim/faults", kViewer, R"({"kind":"error500"})").status, 403);
        QCOMPARE(http(m_port, "POST", "/_sim/faults", {}, R"({"kind":"error500"})").status, 401);
        QCOMPARE(http(m_port, "POST", "/_sim/faults", kAdmin, R"({"kind":"nonsense"})").status, 400);
        QCOMPARE(obj(http(m_port, "GET", "/_sim/faults", kAdmin).body)[u"faults"_s].toArray().size(), 0);
    }

    void faultError500()
    {
        QCOMPARE(http(m_port, "POST", "/_sim/faults", kAdmin, R"({"kind":"error500","count":2,"path":"/pods"})").status,
                 201);
        QCOMPARE(http(m_port, "GET", "/apis/argoproj.io/v1alpha1/rollouts", kAdmin).status, 200); // path differs
        for (int i = 0; i < 2; ++i) {
            auto r = http(m_port, "GET", "/api/v1/pods", kAdmin);
            QCOMPARE(r.status, 500);
            QCOMPARE(obj(r.body)[u"reason"_s].toString(), u"InternalError"_s);
        }
        QCOMPARE(http(m_port, "GET", "/api/v1/pods", kAdmin).status, 200);
    }

    void faultHang()
    {
        m_sim.faults().arm({rdsim::FaultKind::Hang, 1, "/api/v1/namespaces", 400, 0});
        QElapsedTimer t;
        t.start();
        auto r = http(m_port, "GET", "/api/v1/namespaces", kAdmin);
        QVERIFY(t.elapsed() >= 350);
        QCOMPARE(r.status, 504);
        QCOMPARE(http(m_port, "GET", "/api/v1/namespaces", kAdmin).status, 200);
    }

    void faultDropWatch()
    {
        QCOMPARE(http(m_port, "POST", "/_sim/faults", kAdmin, R"({"kind":"dropWatch","afterEvents":1})").status, 201);
        auto w =
            http(m_port, "GET", "/apis/argoproj.io/v1alpha1/namespaces/demo/rollouts?watch=1&timeoutSeconds=5", kAdmin);
        QCOMPARE(w.status, 200);
        QVERIFY(!w.complete); // no terminating chunk: the connection just ends
        QVERIFY(!w.truncated);
        QCOMPARE(w.lines().size(), 2); // the initial state went out before the drop
    }

    void faultGarbageLine()
    {
        m_sim.faults().arm({rdsim::FaultKind::GarbageLine, 1, "rollouts", 0, 1});
        auto w =
            http(m_port, "GET", "/apis/argoproj.io/v1alpha1/namespaces/demo/rollouts?watch=1&timeoutSeconds=1", kAdmin);
        QVERIFY(w.complete);
        const auto lines = w.lines();
        QCOMPARE(lines.size(), 3);
        int bad = 0;
        for (const auto &l : lines) {
            if (QJsonDocument::fromJson(l).isNull())
                ++bad;
        }
        QCOMPARE(bad, 1);
    }

    void faultTruncatedChunk()
    {
        m_sim.faults().arm({rdsim::FaultKind::TruncateChunk, 1, {}, 0, 0});
        auto w =
            http(m_port, "GET", "/apis/argoproj.io/v1alpha1/namespaces/demo/rollouts?watch=1&timeoutSeconds=5", kAdmin);
        QCOMPARE(w.status, 200);
        QVERIFY(w.truncated);
        QVERIFY(!w.complete);
        QVERIFY(w.body.endsWith("\"kind\":\"Rollout"));
    }

    void restartsAndRefusesNonLoopback()
    {
        rdsim::Simulator sim;
        rdsim::Options o;
        o.host = "0.0.0.0";
        QVERIFY(!sim.start(o).ok());
        o.host = "127.0.0.1";
        o.scenario = "seed";
        auto first = sim.start(o);
        QVERIFY2(first.ok(), first.error.c_str());
        QVERIFY(!sim.start(o).ok()); // already running
        QCOMPARE(sim.userForToken(first.endpoints.adminToken), std::string("rolldeck-admin"));
        QCOMPARE(sim.userForToken(first.endpoints.readOnlyToken), std::string("rolldeck-viewer"));
        QCOMPARE(sim.userForToken("nope"), std::string());
        QVERIFY(sim.store().count(rdsim::kRollouts) > 0);
        sim.stop();
        QVERIFY(!sim.isRunning());
        o.scenario = "empty";
        auto second = sim.start(o);
        QVERIFY2(second.ok(), second.error.c_str());
        QCOMPARE(sim.store().count(rdsim::kRollouts), std::size_t(0));
        QVERIFY(second.endpoints.adminToken != first.endpoints.adminToken);
        const quint16 port = quint16(QUrl(QString::fromStdString(second.endpoints.kube)).port());
        QCOMPARE(http(port, "GET", "/api/v1/namespaces", QByteArray::fromStdString(second.endpoints.adminToken)).status,
                 200);
        sim.stop();
    }

    void fleetWriterProducesEvents()
    {
        rdsim::Simulator sim;
        rdsim::Options o;
        o.scenario = "fleet";
        o.fleetSize = 50;
        o.eventRate = 1000;
        auto r = sim.start(o);
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(sim.store().count(rdsim::kRollouts), std::size_t(50));
        QCOMPARE(sim.store().count(rdsim::kReplicaSets), std::size_t(150));
        QCOMPARE(sim.store().count(rdsim::kPods), std::size_t(250));
        const auto start = sim.store().resourceVersion();
        QTRY_VERIFY_WITH_TIMEOUT(sim.store().resourceVersion() >= start + 500, 5000);
        sim.stop();
        const auto stopped = sim.store().resourceVersion();
        // stop() joined the writer: the store no longer changes.
        QVERIFY(!sim.isRunning());
        QCOMPARE(sim.store().count(rdsim::kRollouts), std::size_t(50));
        QCOMPARE(sim.store().resourceVersion(), stopped);
    }

    // The fleet stands in for API load: no simulated traffic, so no per-tick accounting over
    // thousands of rollouts (it kept the simulator busy for minutes after SIGTERM) and no series.
    void fleetHasNoSimulatedTraffic()
    {
        rdsim::Simulator sim;
        rdsim::Options o;
        o.scenario = "fleet";
        o.fleetSize = 20;
        o.speed = 30;
        auto r = sim.start(o);
        QVERIFY2(r.ok(), r.error.c_str());
        const auto started = sim.clock().now();
        // Several traffic ticks (one every 2 simulated seconds) are due.
        QTRY_VERIFY_WITH_TIMEOUT(sim.clock().now() - started > std::chrono::seconds(10), 10000);
        const quint16 port = quint16(QUrl(QString::fromStdString(r.endpoints.metrics)).port());
        const simtest::HttpResult metrics = simtest::http(port, "GET", "/metrics", {});
        QCOMPARE(metrics.status, 200);
        QVERIFY(metrics.body.contains("# TYPE http_requests_total counter"));
        QVERIFY2(!metrics.body.contains("namespace=\"fleet-"), metrics.body.left(400).constData());
        sim.stop();
    }

    void stopEndsOpenWatchesCleanly()
    {
        rdsim::Simulator sim;
        rdsim::Options o;
        o.scenario = "seed";
        o.adminToken = "t";
        auto r = sim.start(o);
        QVERIFY2(r.ok(), r.error.c_str());
        QTcpSocket s;
        s.connectToHost(u"127.0.0.1"_s, quint16(QUrl(QString::fromStdString(r.endpoints.kube)).port()));
        QVERIFY(s.waitForConnected(5000));
        s.write("GET /api/v1/pods?watch=1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n\r\n");
        QByteArray got;
        while (!got.contains("ADDED") && s.waitForReadyRead(5000))
            got += s.readAll();
        QVERIFY(got.contains("ADDED"));
        QElapsedTimer t;
        t.start();
        sim.stop();
        // Bounded by the watch wake-up (250 ms) and the idle keep-alive timeout (2 s).
        QVERIFY2(t.elapsed() < 5000, "stop() waits for open watches only briefly");
        while (s.state() == QAbstractSocket::ConnectedState && s.waitForReadyRead(2000))
            got += s.readAll();
        got += s.readAll();
        QVERIFY(got.endsWith("0\r\n\r\n")); // the stream was ended, not cut
    }

private:
    static inline const QByteArray kAdmin = "admin-token";
    static inline const QByteArray kViewer = "viewer-token";
    rdsim::Simulator m_sim;
    quint16 m_port = 0;
};

QTEST_GUILESS_MAIN(TestSimHttp)
#include "tst_sim_http.moc"
