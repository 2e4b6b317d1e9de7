// The simulated Argo CD API: the Rollout action oracles of Argo CD's own tests (action_test.yaml),
// run both on the action logic and through HTTP, then the API's wire behaviour against a running
// simulator: login, error shapes, the 415 Content-Type rule, rollback under auto-sync, sync and
// terminate, the resource tree and the application stream (SSE and JSON lines).
#include "SimTestSupport.h"
#include "sim/Simulator.h"
#include "sim/argocd/RolloutActions.h"
#include "sim/scenario/Scenario.h"

#include <QtNetwork>
#include <QtTest>

#include <fstream>
#include <sstream>

using nlohmann::json;

namespace {

const QString kFixtures = QStringLiteral(ROLLDECK_FIXTURES_DIR "/argocd/resource_customizations/Rollout/actions");

json loadYaml(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return json();
    std::string error;
    return rdsim::yamlTextToJson(f.readAll().toStdString(), &error);
}

// Argo CD's action tests compare with YAML where `x: null` and a missing x mean the same.
void stripNulls(json &j)
{
    if (j.is_object()) {
        for (auto it = j.begin(); it != j.end();) {
            if (it->is_null()) {
                it = j.erase(it);
            } else {
                stripNulls(*it);
                ++it;
            }
        }
    } else if (j.is_array()) {
        for (json &e : j)
            stripNulls(e);
    }
}

json specAndStatus(json o)
{
    json out{{"spec", o.value("spec", json::object())}, {"status", o.value("status", json::object())}};
    stripNulls(out);
    return out;
}

QString stem(const std::string &inputPath)
{
    return QFileInfo(QString::fromStdString(inputPath))
        .completeBaseName()
        .replace(QLatin1Char('_'), QLatin1Char('-'))
        .replace(QLatin1Char('.'), QLatin1Char('-'))
        .toLower();
}

struct Http
{
    QNetworkAccessManager nam;
    QList<QSslCertificate> ca; // the simulator's, when it serves TLS

    QNetworkReply *send(const QByteArray &verb, const QString &url, const QByteArray &body, const QByteArray &token,
                        const QByteArray &contentType = "application/json", const QByteArray &accept = {})
    {
        QNetworkRequest req{QUrl(url)};
        if (!contentType.isEmpty())
            req.setRawHeader("Content-Type", contentType);
        if (!token.isEmpty())
            req.setRawHeader("Authorization", "Bearer " + token);
        if (!accept.isEmpty())
            req.setRawHeader("Accept", accept);
        req.setTransferTimeout(15000);
        if (!ca.isEmpty()) {
            QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
            tls.setCaCertificates(ca);
            req.setSslConfiguration(tls);
        }
        return nam.sendCustomRequest(req, verb, body);
    }

    // Blocking round trip for the test (QSignalSpy::wait).
    std::pair<int, QByteArray> call(const QByteArray &verb, const QString &url, const QByteArray &body,
                                    const QByteArray &token, const QByteArray &contentType = "application/json")
    {
        QNetworkReply *reply = send(verb, url, body, token, contentType);
        QSignalSpy done(reply, &QNetworkReply::finished);
        // No answer is status -1: every caller compares the status, so the test fails there, naming the call.
        if (!reply->isFinished() && !done.wait(20000)) {
            reply->abort();
            reply->deleteLater();
            return {-1, QByteArrayLiteral("no reply within 20 s")};
        }
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray data = reply->readAll();
        reply->deleteLater();
        return {status, data};
    }
};

json parse(const QByteArray &data)
{
    return json::parse(data.toStdString(), nullptr, false);
}

} // namespace

class TestSimArgoCd : public QObject
{
    Q_OBJECT

private:
    json m_oracle;
    QTemporaryDir m_dir;

    json fixture(const std::string &inputPath)
    {
        return loadYaml(kFixtures + QLatin1Char('/') + QString::fromStdString(inputPath));
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_oracle = loadYaml(kFixtures + QStringLiteral("/action_test.yaml"));
        QVERIFY(m_oracle.contains("discoveryTests"));
        QVERIFY(m_oracle["actionTests"].size() >= 8);
        QVERIFY(m_dir.isValid());
    }

    void discoveryOracle()
    {
        for (const json &t : m_oracle["discoveryTests"]) {
            const std::string input = t["inputPath"].get<std::string>();
            const json offered = rdsim::argocd::discoverActions("Rollout", fixture(input));
            QCOMPARE(offered.size(), t["result"].size());
            for (const json &want : t["result"]) {
                bool found = false;
                for (const json &got : offered) {
                    if (got["name"] != want["name"])
                        continue;
                    found = true;
                    QVERIFY2(got["disabled"] == want["disabled"],
                             (input + ": " + want["name"].get<std::string>()).c_str());
                    if (want.contains("displayName"))
                        QCOMPARE(got.value("displayName", std::string()), want["displayName"].get<std::string>());
                }
                QVERIFY2(found, (input + ": " + want["name"].get<std::string>()).c_str());
            }
        }
    }

    void actionOracle()
    {
        for (const json &t : m_oracle["actionTests"]) {
            const std::string action = t["action"].get<std::string>();
            std::string error;
            auto out = rdsim::argocd::runAction("Rollout", fixture(t["inputPath"].get<std::string>()), action,
                                                "2026-11-26T11:00:00Z", &error);
            QVERIFY2(out.has_value(), error.c_str());
            json got = specAndStatus(*out);
            json want = specAndStatus(fixture(t["expectedOutputPath"].get<std::string>()));
            if (action == "restart") {
                // Argo CD's test mocks the clock; the value must be a timestamp.
                QCOMPARE(got["spec"]["restartAt"].get<std::string>(), std::string("2026-11-26T11:00:00Z"));
                got["spec"]["restartAt"] = want["spec"]["restartAt"];
            }
            QVERIFY2(got == want,
                     (action + " on " + t["inputPath"].get<std::string>() + ":\n" + got.dump() + "\n" + want.dump())
                         .c_str());
        }
    }

    void unknownActionIsRefused()
    {
        std::string error;
        QVERIFY(!rdsim::argocd::runAction("Rollout", json::object(), "explode", "", &error));
        QCOMPARE(QString::fromStdString(error), QStringLiteral("action not found: explode"));
    }

    // The same oracles through POST .../resource/actions/v2 on the fixture objects in a running
    // simulator (controller off, so only the action changes them).
    void actionOracleOverHttp()
    {
        json objects =
            json::array({json{{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", "fixtures"}}}}});
        std::vector<std::pair<std::string, json>> cases; // object name, test
        int i = 0;
        for (const json &t : m_oracle["actionTests"]) {
            json o = fixture(t["inputPath"].get<std::string>());
            const std::string name =
                "a" + std::to_string(i++) + "-" + stem(t["inputPath"].get<std::string>()).toStdString();
            o["metadata"] = json{{"name", name}, {"namespace", "fixtures"}};
            objects.push_back(o);
            cases.emplace_back(name, t);
        }
        for (const json &t : m_oracle["discoveryTests"]) {
            json o = fixture(t["inputPath"].get<std::string>());
            const std::string name =
                "d" + std::to_string(i++) + "-" + stem(t["inputPath"].get<std::string>()).toStdString();
            o["metadata"] = json{{"name", name}, {"namespace", "fixtures"}};
            objects.push_back(o);
            cases.emplace_back(name, t);
        }
        json scenario{
            {"controller", false},
            {"objects", objects},
            {"argocd", {{"applications", json::array({json{{"name", "fixtures"}, {"namespace", "fixtures"}}})}}}};
        const QString path = m_dir.filePath(QStringLiteral("fixtures.yaml"));
        {
            std::ofstream out(path.toStdString());
            out << scenario.dump(2); // JSON is YAML
        }
        rdsim::Simulator sim;
        rdsim::Options options;
        options.scenario = path.toStdString();
        const rdsim::StartResult started = sim.start(options);
        QVERIFY2(started.ok(), started.error.c_str());
        const QString base =
            QString::fromStdString(started.endpoints.argocd) + QStringLiteral("/api/v1/applications/fixtures");
        const QByteArray token = QByteArray::fromStdString(started.endpoints.argocdToken);
        Http http;
        for (const auto &[name, t] : cases) {
            if (t.contains("result")) {
                auto [status, body] =
                    http.call("GET",
                              base + QStringLiteral("/resource/actions?namespace=fixtures&resourceName=") +
                                  QString::fromStdString(name) +
                                  QStringLiteral("&group=argoproj.io&version=v1alpha1&kind=Rollout"),
                              {}, token, {});
                QCOMPARE(status, 200);
                const json actions = parse(body)["actions"];
                for (const json &want : t["result"])
                    for (const json &got : actions)
                        if (got["name"] == want["name"])
                            QVERIFY2(got["disabled"] == want["disabled"],
                                     (name + " " + want["name"].get<std::string>()).c_str());
                continue;
            }
            const std::string action = t["action"].get<std::string>();
            json req{{"appNamespace", "argocd"}, {"namespace", "fixtures"}, {"resourceName", name},
                     {"group", "argoproj.io"},   {"version", "v1alpha1"},   {"kind", "Rollout"},
                     {"action", action}};
            auto [status, body] = http.call("POST", base + QStringLiteral("/resource/actions/v2"),
                                            QByteArray::fromStdString(req.dump()), token);
            QVERIFY2(status == 200, body.constData());
            QCOMPARE(parse(body), json::object());
            auto [gs, manifest] = http.call("GET",
                                            base + QStringLiteral("/resource?namespace=fixtures&resourceName=") +
                                                QString::fromStdString(name) +
                                                QStringLiteral("&group=argoproj.io&version=v1alpha1&kind=Rollout"),
                                            {}, token, {});
            QCOMPARE(gs, 200);
            json got = specAndStatus(json::parse(parse(manifest)["manifest"].get<std::string>()));
            json want = specAndStatus(fixture(t["expectedOutputPath"].get<std::string>()));
            if (action == "restart") {
                const QString at = QString::fromStdString(got["spec"]["restartAt"].get<std::string>());
                QVERIFY(QDateTime::fromString(at, Qt::ISODate).isValid());
                got["spec"]["restartAt"] = want["spec"]["restartAt"];
            }
            QVERIFY2(got == want, (action + " on " + name + ":\n" + got.dump() + "\n" + want.dump()).c_str());
        }
        // The deprecated v1 form: the body is the action name as a JSON string.
        const std::string v1Target = cases.front().first;
        auto [s1, b1] = http.call("POST",
                                  base + QStringLiteral("/resource/actions?namespace=fixtures&resourceName=") +
                                      QString::fromStdString(v1Target) +
                                      QStringLiteral("&group=argoproj.io&version=v1alpha1&kind=Rollout"),
                                  "\"restart\"", token);
        QVERIFY2(s1 == 200, b1.constData());
        // An action the object does not offer is refused.
        json req{{"namespace", "fixtures"},
                 {"resourceName", "nope"},
                 {"group", "argoproj.io"},
                 {"kind", "Rollout"},
                 {"action", "abort"}};
        auto [s2, b2] = http.call("POST", base + QStringLiteral("/resource/actions/v2"),
                                  QByteArray::fromStdString(req.dump()), token);
        QCOMPARE(s2, 404);
        QCOMPARE(parse(b2)["code"].get<int>(), 5);
        http.nam.clearConnectionCache(); // idle keep-alive connections would hold the server's stop
        sim.stop();
    }

    void wireBehaviour()
    {
        rdsim::Simulator sim;
        rdsim::Options options;
        options.scenario = "default";
        options.speed =
            5; // an operation lasts 3 simulated seconds: 600 ms, time enough to terminate it even under ASan
        options.seed = 11;
        const rdsim::StartResult started = sim.start(options);
        QVERIFY2(started.ok(), started.error.c_str());
        const QString api = QString::fromStdString(started.endpoints.argocd) + QStringLiteral("/api/v1");
        const QByteArray token = QByteArray::fromStdString(started.endpoints.argocdToken);
        Http http;

        // Login: the password of admin is the token from the ready line.
        auto [ls, lb] = http.call(
            "POST", api + QStringLiteral("/session"),
            QByteArray::fromStdString(json{{"username", "admin"}, {"password", started.endpoints.argocdToken}}.dump()),
            {});
        QCOMPARE(ls, 200);
        // A session token of its own, shaped as a JWT; it opens the API until it is logged out.
        const QByteArray session = QByteArray::fromStdString(parse(lb)["token"].get<std::string>());
        QVERIFY(session != token);
        QCOMPARE(session.count('.'), 2);
        {
            Http viaSession;
            QCOMPARE(viaSession.call("GET", api + QStringLiteral("/applications"), {}, session, {}).first, 200);
            // DELETE obeys the Content-Type rule too: without one it is refused and the session stays.
            QCOMPARE(viaSession.call("DELETE", api + QStringLiteral("/session"), {}, session, {}).first, 415);
            QCOMPARE(viaSession.call("GET", api + QStringLiteral("/applications"), {}, session, {}).first, 200);
            QCOMPARE(viaSession.call("DELETE", api + QStringLiteral("/session"), {}, session).first, 200);
            auto [gone, goneBody] = viaSession.call("GET", api + QStringLiteral("/applications"), {}, session, {});
            QCOMPARE(gone, 401);
            QCOMPARE(parse(goneBody)["message"], json("invalid session: token signature is invalid"));
            // The account's API token is not a session: logging out does not end it.
            QCOMPARE(viaSession.call("GET", api + QStringLiteral("/applications"), {}, token, {}).first, 200);
        }
        auto [bad, badBody] =
            http.call("POST", api + QStringLiteral("/session"), R"({"username":"admin","password":"wrong"})", {});
        QCOMPARE(bad, 401);
        QCOMPARE(parse(badBody), (json{{"error", "Invalid username or password"},
                                       {"code", 16},
                                       {"message", "Invalid username or password"}}));

        // Error shapes.
        Http anonymous; // no cookie from the login above
        auto [s401, b401] = anonymous.call("GET", api + QStringLiteral("/applications"), {}, {}, {});
        QCOMPARE(s401, 401);
        QCOMPARE(parse(b401),
                 (json{{"error", "no session information"}, {"code", 16}, {"message", "no session information"}}));
        auto [s403, b403] = http.call("GET", api + QStringLiteral("/applications/nope"), {}, token, {});
        QCOMPARE(s403, 403);
        QCOMPARE(parse(b403)["message"].get<std::string>(), std::string("permission denied"));
        auto [s404, b404] =
            http.call("GET", api + QStringLiteral("/applications/nope?project=production"), {}, token, {});
        QCOMPARE(s404, 404);
        QCOMPARE(parse(b404)["code"].get<int>(), 5);

        // The Content-Type rule: every non-GET under /api/ needs application/json, DELETE included.
        auto [s415, b415] = http.call("POST", api + QStringLiteral("/applications/agentic-startup-staging/sync"), "{}",
                                      token, "text/plain");
        QCOMPARE(s415, 415);
        QCOMPARE(b415, QByteArray("Invalid content type\n"));
        auto [d415, db415] =
            http.call("DELETE", api + QStringLiteral("/applications/agentic-startup-staging/operation"), {}, token, {});
        QCOMPARE(d415, 415);
        auto [n415, nb415] = http.call("POST", api + QStringLiteral("/session"), R"({"username":"admin"})", {}, {});
        QCOMPARE(n415, 415);

        // List with a fields projection.
        auto [listS, listB] = http.call(
            "GET", api + QStringLiteral("/applications?fields=items.metadata.name,items.status.health"), {}, token, {});
        QCOMPARE(listS, 200);
        const json list = parse(listB);
        QCOMPARE(list["items"].size(), size_t(5));
        for (const json &item : list["items"]) {
            QVERIFY(item.contains("metadata") && item["metadata"].size() == 1);
            QVERIFY(!item.contains("spec"));
            QVERIFY(item["status"].contains("health"));
        }
        QVERIFY(list["metadata"].contains("resourceVersion"));
        auto [projS, projB] =
            http.call("GET", api + QStringLiteral("/applications?projects=production"), {}, token, {});
        QCOMPARE(parse(projB)["items"].size(), size_t(1));

        // Staging's release (a commit synced by the CI pipeline 20 simulated seconds in) is done.
        json app;
        QTRY_VERIFY_WITH_TIMEOUT(
            (app = parse(
                 http.call("GET", api + QStringLiteral("/applications/agentic-startup-staging"), {}, token, {}).second),
             app["status"]["history"].size() == 4 && app["status"]["operationState"]["phase"] == "Succeeded"),
            15000);
        QCOMPARE(app["status"]["history"][3]["initiatedBy"]["username"].get<std::string>(), std::string("ci-pipeline"));

        // Rollback is refused under auto-sync, accepted otherwise; history grows after the sync.
        auto [rbS, rbB] = http.call("POST", api + QStringLiteral("/applications/agentic-startup-production/rollback"),
                                    R"({"id":2})", token);
        QCOMPARE(rbS, 400);
        QCOMPARE(parse(rbB), (json{{"error", "rollback cannot be initiated when auto-sync is enabled"},
                                   {"code", 9},
                                   {"message", "rollback cannot be initiated when auto-sync is enabled"}}));
        auto [noId, noIdB] = http.call("POST", api + QStringLiteral("/applications/agentic-startup-staging/rollback"),
                                       R"({"id":99})", token);
        QCOMPARE(noId, 400);
        QCOMPARE(parse(noIdB)["message"].get<std::string>(),
                 std::string("application agentic-startup-staging does not have deployment with id 99"));
        auto [termNone, termNoneB] =
            http.call("DELETE", api + QStringLiteral("/applications/agentic-startup-staging/operation"), {}, token);
        QCOMPARE(termNone, 400);
        QCOMPARE(parse(termNoneB)["message"].get<std::string>(),
                 std::string("Unable to terminate operation. No operation is in progress"));
        auto [okS, okB] = http.call("POST", api + QStringLiteral("/applications/agentic-startup-staging/rollback"),
                                    R"({"id":2})", token);
        QCOMPARE(okS, 200);
        const json during = parse(okB);
        QCOMPARE(during["status"]["operationState"]["phase"].get<std::string>(), std::string("Running"));
        const std::string rev2 = during["status"]["history"][1]["revision"].get<std::string>();
        QCOMPARE(during["operation"]["sync"]["revision"].get<std::string>(), rev2);
        auto [busy, busyB] =
            http.call("POST", api + QStringLiteral("/applications/agentic-startup-staging/sync"), "{}", token);
        QCOMPARE(busy, 400);
        QCOMPARE(parse(busyB)["message"].get<std::string>(), std::string("another operation is already in progress"));
        QTRY_VERIFY_WITH_TIMEOUT(
            (app = parse(
                 http.call("GET", api + QStringLiteral("/applications/agentic-startup-staging"), {}, token, {}).second),
             app["status"]["operationState"]["phase"] == "Succeeded"),
            15000);
        QCOMPARE(app["status"]["history"].size(), size_t(5));
        QCOMPARE(app["status"]["history"][4]["revision"].get<std::string>(), rev2);
        // As Argo CD: sync.revision stays the branch's head, compared to which the rolled-back state is out of sync.
        QCOMPARE(app["status"]["sync"]["revision"], during["status"]["sync"]["revision"]);
        QVERIFY(app["status"]["sync"]["revision"] != rev2);

        // Sync, then terminate it.
        auto [syS, syB] = http.call("POST", api + QStringLiteral("/applications/agentic-startup-canary/sync"),
                                    R"({"prune":false,"infos":[{"name":"reason","value":"test"}]})", token);
        QCOMPARE(syS, 200);
        auto [tS, tB] =
            http.call("DELETE", api + QStringLiteral("/applications/agentic-startup-canary/operation"), {}, token);
        QCOMPARE(tS, 200);
        QCOMPARE(parse(tB), json::object());
        QTRY_VERIFY_WITH_TIMEOUT(
            (app = parse(
                 http.call("GET", api + QStringLiteral("/applications/agentic-startup-canary"), {}, token, {}).second),
             app["status"]["operationState"]["phase"] == "Failed"),
            15000);
        QCOMPARE(app["status"]["operationState"]["message"].get<std::string>(), std::string("Operation terminated"));

        // Resource tree: Rollout -> ReplicaSet -> Pod by parentRefs.
        json tree;
        QTRY_VERIFY_WITH_TIMEOUT(
            (tree =
                 parse(http.call("GET", api + QStringLiteral("/applications/agentic-startup-production/resource-tree"),
                                 {}, token, {})
                           .second),
             [&] {
                 for (const json &n : tree.value("nodes", json::array()))
                     if (n.value("kind", std::string()) == "Pod")
                         return true;
                 return false;
             }()),
            15000);
        std::map<std::string, json> byUid;
        for (const json &n : tree["nodes"])
            byUid[n.value("uid", std::string())] = n;
        bool chain = false;
        for (const json &n : tree["nodes"]) {
            if (n.value("kind", std::string()) != "Pod")
                continue;
            const json rs = byUid[n["parentRefs"][0]["uid"].get<std::string>()];
            QCOMPARE(rs.value("kind", std::string()), std::string("ReplicaSet"));
            const json ro = byUid[rs["parentRefs"][0]["uid"].get<std::string>()];
            QCOMPARE(ro.value("kind", std::string()), std::string("Rollout"));
            QCOMPARE(ro.value("group", std::string()), std::string("argoproj.io"));
            chain = true;
        }
        QVERIFY(chain);

        // The application stream: SSE framing, initial ADDED burst, then MODIFIED on change.
        QByteArray sseData;
        QNetworkReply *sse = http.send("GET", api + QStringLiteral("/stream/applications?name=agentic-startup-staging"),
                                       {}, token, {}, "text/event-stream");
        sse->setParent(this);
        connect(sse, &QNetworkReply::readyRead, this, [&] { sseData += sse->readAll(); });
        QTRY_VERIFY_WITH_TIMEOUT(sseData.contains("\n\n"), 15000);
        QCOMPARE(sse->header(QNetworkRequest::ContentTypeHeader).toString(), QStringLiteral("text/event-stream"));
        QVERIFY(sseData.startsWith("data: {\"result\":"));
        const json first = parse(sseData.mid(6, sseData.indexOf('\n') - 6));
        QCOMPARE(first["result"]["type"].get<std::string>(), std::string("ADDED"));
        QCOMPARE(first["result"]["application"]["metadata"]["name"].get<std::string>(),
                 std::string("agentic-startup-staging"));
        // A change in the cluster: pause the blue-green rollout through a resource action.
        const std::string rv0 = first["result"]["application"]["metadata"]["resourceVersion"].get<std::string>();
        json pause{{"namespace", "staging"}, {"resourceName", "agentic-startup-web"},
                   {"group", "argoproj.io"}, {"version", "v1alpha1"},
                   {"kind", "Rollout"},      {"action", "pause"}};
        QCOMPARE(http.call("POST", api + QStringLiteral("/applications/agentic-startup-staging/resource/actions/v2"),
                           QByteArray::fromStdString(pause.dump()), token)
                     .first,
                 200);
        QTRY_VERIFY_WITH_TIMEOUT(sseData.contains("\"type\":\"MODIFIED\""), 15000);

        // JSON lines without the SSE Accept header, and the projection on the stream.
        QByteArray lines;
        Http streamer;
        QNetworkReply *nd = streamer.send(
            "GET", api + QStringLiteral("/stream/applications?fields=result.type,result.application.metadata.name"), {},
            token, {});
        nd->setParent(this);
        connect(nd, &QNetworkReply::readyRead, this, [&] { lines += nd->readAll(); });
        QTRY_VERIFY2_WITH_TIMEOUT(lines.count('\n') >= 5,
                                  QByteArray(lines + " / " + nd->errorString().toUtf8()).constData(), 15000);
        QVERIFY(!lines.startsWith("data:"));
        const json line = parse(lines.left(lines.indexOf('\n')));
        QCOMPARE(line["result"]["type"].get<std::string>(), std::string("ADDED"));
        QCOMPARE(line["result"]["application"].size(), size_t(1));
        QCOMPARE(line["result"]["application"]["metadata"].size(), size_t(1));
        Q_UNUSED(rv0);
        sse->abort();
        nd->abort();
        for (Http *h : {&http, &anonymous, &streamer})
            h->nam.clearConnectionCache(); // idle keep-alive connections would hold the server's stop
        sim.stop();
    }

    // The read-only account `viewer` reads everything, can-i says no to any change, and every change gets Argo CD's
    // RBAC 403 naming the action, the project/application and the subject; nothing on the application moves. The
    // environments' applications are overlays of one Git repository, so they share commit SHAs.
    void readOnlyAccountAndSharedRepository()
    {
        rdsim::Simulator sim;
        rdsim::Options options;
        options.scenario = "environments";
        options.seed = 13;
        const rdsim::StartResult started = sim.start(options);
        QVERIFY2(started.ok(), started.error.c_str());
        QVERIFY(!started.endpoints.argocdReadOnlyToken.empty());
        QVERIFY(started.endpoints.argocdReadOnlyToken != started.endpoints.argocdToken);
        const QString api = QString::fromStdString(started.endpoints.argocd) + QStringLiteral("/api/v1");
        const QByteArray admin = QByteArray::fromStdString(started.endpoints.argocdToken);
        Http http;

        // Login as viewer (the password is its token) gives a session of its own, for viewer.
        auto [ls, lb] =
            http.call("POST", api + QStringLiteral("/session"),
                      QByteArray::fromStdString(
                          json{{"username", "viewer"}, {"password", started.endpoints.argocdReadOnlyToken}}.dump()),
                      {});
        QCOMPARE(ls, 200);
        const QByteArray viewer = QByteArray::fromStdString(parse(lb)["token"].get<std::string>());
        QCOMPARE(viewer.count('.'), 2);
        QCOMPARE(parse(http.call("GET", api + QStringLiteral("/session/userinfo"), {}, viewer, {}).second)["username"],
                 json("viewer"));
        auto [wrong, wrongB] = http.call("POST", api + QStringLiteral("/session"),
                                         R"({"username":"viewer","password":"not-its-token"})", {});
        QCOMPARE(wrong, 401);

        // Reading works.
        const QString prod = api + QStringLiteral("/applications/agentic-startup-production");
        auto [gs, gb] = http.call("GET", prod, {}, viewer, {});
        QCOMPARE(gs, 200);
        const json before = parse(gb);
        QCOMPARE(before["status"]["history"].size(), size_t(3));

        // can-i: get yes, every change no; the admin may do all of it.
        const auto canI = [&](const QString &what, const QByteArray &token) {
            auto [st, body] = http.call("GET", api + QStringLiteral("/account/can-i/") + what, {}, token, {});
            return st == 200 ? parse(body)["value"] : json(st);
        };
        QCOMPARE(canI(QStringLiteral("applications/get/production/agentic-startup-production"), viewer), json("yes"));
        for (const QString &what : {QStringLiteral("applications/sync/production/agentic-startup-production"),
                                    QStringLiteral("applications/update/production/agentic-startup-production"),
                                    QStringLiteral("applications/action/argoproj.io/Rollout/resume/production/"
                                                   "agentic-startup-production")}) {
            QCOMPARE(canI(what, viewer), json("no"));
            QCOMPARE(canI(what, admin), json("yes"));
        }

        // Every change: 403, gRPC code 7, the exact RBAC message.
        const auto denied = [](const std::string &action, const std::string &object) {
            const std::string m = "permission denied: applications, " + action + ", " + object + ", sub: viewer";
            return json{{"error", m}, {"code", 7}, {"message", m}};
        };
        const std::string object = "production/agentic-startup-production";
        struct Change
        {
            QByteArray verb;
            QString path;
            QByteArray body;
            std::string action;
        };
        const QList<Change> changes{
            {"POST", QStringLiteral("/sync"), R"({"prune":true})", "sync"},
            {"POST", QStringLiteral("/sync"), R"({"dryRun":true})", "sync"},
            {"POST", QStringLiteral("/rollback"), R"({"id":1})", "sync"},
            {"DELETE", QStringLiteral("/operation"), {}, "sync"},
            {"PATCH", QString(), R"({"patch":"{}","patchType":"merge"})", "update"},
            {"POST",
             QStringLiteral("/resource/actions?namespace=production&resourceName=agentic-startup-api&version=v1alpha1"
                            "&kind=Rollout&group=argoproj.io"),
             R"("restart")", "action/argoproj.io/Rollout/restart"},
            {"POST", QStringLiteral("/resource/actions/v2"),
             R"({"namespace":"production","resourceName":"agentic-startup-api","version":"v1alpha1",)"
             R"("kind":"Rollout","group":"argoproj.io","action":"resume"})",
             "action/argoproj.io/Rollout/resume"},
        };
        for (const Change &c : changes) {
            auto [st, body] = http.call(c.verb, prod + c.path, c.body, viewer);
            QVERIFY2(st == 403,
                     qPrintable(QString::fromLatin1(c.verb) + c.path + QStringLiteral(": ") + QString::fromUtf8(body)));
            QCOMPARE(parse(body), denied(c.action, object));
        }
        // The raw read-only token is refused the same way; an application it may not see is answered as for anyone.
        const QByteArray rawViewer = QByteArray::fromStdString(started.endpoints.argocdReadOnlyToken);
        auto [rs, rb] =
            http.call("POST", api + QStringLiteral("/applications/agentic-startup-staging/sync"), "{}", rawViewer);
        QCOMPARE(rs, 403);
        QCOMPARE(parse(rb), denied("sync", "staging/agentic-startup-staging"));
        auto [ms, mb] = http.call("POST", api + QStringLiteral("/applications/no-such-app/sync"), "{}", viewer);
        QVERIFY2(ms == 403 || ms == 404, mb.constData());
        QVERIFY(!mb.contains("sub: viewer"));

        // Nothing moved: the same history, no operation started.
        const json after = parse(http.call("GET", prod, {}, admin, {}).second);
        QCOMPARE(after["status"]["history"], before["status"]["history"]);
        QCOMPARE(after["status"]["operationState"], before["status"]["operationState"]);
        QVERIFY(!after.contains("operation"));

        // Logging out ends the viewer's session.
        QCOMPARE(http.call("DELETE", api + QStringLiteral("/session"), {}, viewer).first, 200);
        QCOMPARE(http.call("GET", prod, {}, viewer, {}).first, 401);

        // One repository: canary deployed commits 2-4, production 3-5, staging 4-6, development 5-7.
        const auto history = [&](const char *env) {
            const json app =
                parse(http.call("GET", api + QStringLiteral("/applications/agentic-startup-") + QLatin1String(env), {},
                                admin, {})
                          .second);
            std::vector<std::string> shas;
            for (const json &h : app["status"]["history"])
                shas.push_back(h["revision"].get<std::string>());
            return shas;
        };
        const auto canary = history("canary");
        const auto production = history("production");
        const auto staging = history("staging");
        const auto development = history("development");
        QCOMPARE(production.size(), size_t(3));
        QCOMPARE(development.size(), size_t(3));
        QCOMPARE(canary[1], production[0]);
        QCOMPARE(canary[2], production[1]);
        QCOMPARE(production[1], staging[0]);
        QCOMPARE(production[2], staging[1]);
        QCOMPARE(production[2], development[0]);
        QCOMPARE(staging[2], development[1]);
        // Production runs commit 5; development has deployed two commits since, so production is two behind.
        QCOMPARE(parse(http.call("GET", prod, {}, admin, {}).second)["status"]["sync"]["revision"].get<std::string>(),
                 production[2]);
        QVERIFY(development[2] != production[2] && development[1] != production[2]);
        http.nam.clearConnectionCache(); // idle keep-alive connections would hold the server's stop
        sim.stop();
    }

    // Argo CD moves the cluster: a sync applies a revision of the application's repository (kubectl sees the canary
    // start), a rollback applies an earlier one, auto-sync deploys a new commit, and self-heal reverts a hand-made
    // change to the template.
    void syncAndRollbackMoveTheCluster()
    {
        if (!QFile::exists(QStringLiteral("/usr/bin/kubectl")))
            QSKIP("kubectl is not installed");
        rdsim::Simulator sim;
        rdsim::Options options;
        options.scenario = "default";
        options.speed = 30;
        options.seed = 12;
        options.tls = true;
        const QString kubeconfig = m_dir.filePath(QStringLiteral("move-kubeconfig"));
        options.kubeconfigOut = kubeconfig.toStdString();
        const rdsim::StartResult started = sim.start(options);
        QVERIFY2(started.ok(), started.error.c_str());
        const QString api = QString::fromStdString(started.endpoints.argocd) + QStringLiteral("/api/v1");
        const QByteArray token = QByteArray::fromStdString(started.endpoints.argocdToken);
        Http http;
        http.ca = QSslCertificate::fromData(QByteArray::fromStdString(started.endpoints.caPem));
        auto getApp = [&](const QString &name) {
            return parse(http.call("GET", api + QStringLiteral("/applications/") + name, {}, token, {}).second);
        };
        auto kubectlImage = [&](const QString &ns, const QString &name) {
            const auto r = simtest::runKubectl(m_dir.path(), kubeconfig,
                                               {QStringLiteral("get"), QStringLiteral("rollout.argoproj.io"), name,
                                                QStringLiteral("-n"), ns, QStringLiteral("-o"),
                                                QStringLiteral("jsonpath={.spec.template.spec.containers[0].image}")});
            return r.exitCode == 0 ? r.out : QStringLiteral("kubectl failed: ") + r.err;
        };

        // The canary environment's release went out through its CI sync; now sync it to its oldest commit.
        json app;
        QTRY_VERIFY_WITH_TIMEOUT(
            (app = getApp(QStringLiteral("agentic-startup-canary")),
             app["status"]["history"].size() == 4 && app["status"]["operationState"]["phase"] == "Succeeded"),
            20000);
        QCOMPARE(kubectlImage(QStringLiteral("canary"), QStringLiteral("payments-api")),
                 QStringLiteral("ghcr.io/agentic-startup/payments:2.4.0"));
        const std::string oldest = app["status"]["history"][0]["revision"].get<std::string>();
        auto [unknown, unknownB] = http.call("POST", api + QStringLiteral("/applications/agentic-startup-canary/sync"),
                                             R"({"revision":"0000000"})", token);
        QCOMPARE(unknown, 400);
        QCOMPARE(parse(unknownB)["message"].get<std::string>(),
                 std::string("unable to resolve '0000000' to a commit SHA"));
        // A dry run changes nothing on the cluster.
        auto [dry, dryB] =
            http.call("POST", api + QStringLiteral("/applications/agentic-startup-canary/sync"),
                      QByteArray::fromStdString(json{{"revision", oldest}, {"dryRun", true}}.dump()), token);
        QCOMPARE(dry, 200);
        QTRY_VERIFY_WITH_TIMEOUT(
            getApp(QStringLiteral("agentic-startup-canary"))["status"]["operationState"]["phase"] == "Succeeded",
            20000);
        QCOMPARE(kubectlImage(QStringLiteral("canary"), QStringLiteral("payments-api")),
                 QStringLiteral("ghcr.io/agentic-startup/payments:2.4.0"));
        auto [sync, syncB] =
            http.call("POST", api + QStringLiteral("/applications/agentic-startup-canary/sync"),
                      QByteArray::fromStdString(json{{"revision", oldest.substr(0, 8)}}.dump()), token);
        QCOMPARE(sync, 200);
        QCOMPARE(parse(syncB)["operation"]["sync"]["revision"].get<std::string>(), oldest);
        QCOMPARE(kubectlImage(QStringLiteral("canary"), QStringLiteral("payments-api")),
                 QStringLiteral("ghcr.io/agentic-startup/payments:2.2.0"));
        // The controller starts an update for the new template, and the application says it is behind its branch.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto r = simtest::runKubectl(
                    m_dir.path(), kubeconfig,
                    {QStringLiteral("get"), QStringLiteral("rollout.argoproj.io"), QStringLiteral("payments-api"),
                     QStringLiteral("-n"), QStringLiteral("canary"), QStringLiteral("-o"),
                     QStringLiteral("jsonpath={.status.currentPodHash}/{.status.stableRS}/{.metadata.generation}")});
                const QStringList parts = r.out.split(QLatin1Char('/'));
                return r.exitCode == 0 && parts.size() == 3 && !parts[0].isEmpty() && parts[0] != parts[1];
            }(),
            20000);
        QTRY_VERIFY_WITH_TIMEOUT(
            (app = getApp(QStringLiteral("agentic-startup-canary")),
             app["status"]["sync"]["status"] == "OutOfSync" && app["status"]["history"].back()["revision"] == oldest),
            20000);
        QVERIFY(app["status"]["sync"]["revision"] != oldest); // compared to the branch's head, as Argo CD

        // Staging (manual sync): a rollback to history id 2 moves the image back.
        QTRY_VERIFY_WITH_TIMEOUT(getApp(QStringLiteral("agentic-startup-staging"))["status"]["history"].size() == 4,
                                 20000);
        QTRY_VERIFY_WITH_TIMEOUT(
            getApp(QStringLiteral("agentic-startup-staging"))["status"]["operationState"]["phase"] == "Succeeded",
            20000);
        auto [rb, rbB] = http.call("POST", api + QStringLiteral("/applications/agentic-startup-staging/rollback"),
                                   R"({"id":2})", token);
        QCOMPARE(rb, 200);
        QCOMPARE(kubectlImage(QStringLiteral("staging"), QStringLiteral("agentic-startup-web")),
                 QStringLiteral("ghcr.io/agentic-startup/web:3.0.3"));

        // Production (auto-sync with self-heal): its release commit was deployed by auto-sync...
        QTRY_VERIFY_WITH_TIMEOUT(
            (app = getApp(QStringLiteral("agentic-startup-production")),
             app["status"]["history"].size() == 4 && app["status"]["operationState"]["phase"] == "Succeeded"),
            20000);
        QCOMPARE(app["status"]["history"][3]["initiatedBy"]["automated"].get<bool>(), true);
        QCOMPARE(kubectlImage(QStringLiteral("production"), QStringLiteral("agentic-startup-api")),
                 QStringLiteral("ghcr.io/agentic-startup/api:1.5.0"));
        // ...and a hand-made change to the template is reverted.
        const auto patched = simtest::runKubectl(
            m_dir.path(), kubeconfig,
            {QStringLiteral("patch"), QStringLiteral("rollout.argoproj.io"), QStringLiteral("agentic-startup-api"),
             QStringLiteral("-n"), QStringLiteral("production"), QStringLiteral("--type=json"), QStringLiteral("-p"),
             QStringLiteral(R"([{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"evil:1"}])")});
        QVERIFY2(patched.exitCode == 0, qPrintable(patched.err));
        QTRY_COMPARE_WITH_TIMEOUT(kubectlImage(QStringLiteral("production"), QStringLiteral("agentic-startup-api")),
                                  QStringLiteral("ghcr.io/agentic-startup/api:1.5.0"), 20000);
        QTRY_VERIFY_WITH_TIMEOUT((app = getApp(QStringLiteral("agentic-startup-production")),
                                  app["status"]["history"].size() == 5 && app["status"]["sync"]["status"] == "Synced"),
                                 20000);
        QCOMPARE(app["status"]["history"][4]["initiatedBy"]["automated"].get<bool>(), true);

        // Turning auto-sync off (an application PATCH) lets a rollback through.
        const QString production = api + QStringLiteral("/applications/agentic-startup-production");
        auto [badPatch, badPatchB] = http.call("PATCH", production, R"({"patch":"[1]","patchType":"merge"})", token);
        QCOMPARE(badPatch, 400);
        const json disable{{"name", "agentic-startup-production"},
                           {"patch", json{{"spec", {{"syncPolicy", {{"automated", nullptr}}}}}}.dump()},
                           {"patchType", "merge"}};
        auto [off, offB] = http.call("PATCH", production, QByteArray::fromStdString(disable.dump()), token);
        QCOMPARE(off, 200);
        QVERIFY(!parse(offB)["spec"]["syncPolicy"].contains("automated"));
        auto [rbProd, rbProdB] = http.call("POST", production + QStringLiteral("/rollback"), R"({"id":2})", token);
        QCOMPARE(rbProd, 200);
        QCOMPARE(kubectlImage(QStringLiteral("production"), QStringLiteral("agentic-startup-api")),
                 QStringLiteral("ghcr.io/agentic-startup/api:1.4.1"));
        sim.stop();
    }
};

QTEST_GUILESS_MAIN(TestSimArgoCd)
#include "tst_simargocd.moc"
