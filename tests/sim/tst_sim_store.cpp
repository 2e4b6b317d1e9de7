// The simulator's object store and selectors: the semantics the API server builds on.
#include "sim/Clock.h"
#include "sim/Selectors.h"
#include "sim/Store.h"

#include <QTest>

using nlohmann::json;
using namespace Qt::StringLiterals;
using namespace rdsim;

namespace {
json rollout(const std::string &name, json labels = json::object())
{
    return {{"metadata", {{"name", name}, {"labels", labels}}},
            {"spec", {{"replicas", 3}}},
            {"status", {{"phase", "Healthy"}}}};
}
std::string rv(const Outcome &o)
{
    return (*o.object)["metadata"].value("resourceVersion", "");
}
} // namespace

class TestSimStore : public QObject
{
    Q_OBJECT
private slots:
    void createAssignsMetadata()
    {
        Store s;
        auto o = s.create(kRollouts, "prod", rollout("api"));
        QVERIFY(o);
        const json &m = (*o.object)["metadata"];
        QCOMPARE(m.value("namespace", ""), std::string("prod"));
        QCOMPARE(m.value("generation", 0), 1);
        QVERIFY(!m.value("uid", "").empty());
        QVERIFY(Clock::parseRfc3339(m.value("creationTimestamp", "")).has_value());
        QCOMPARE((*o.object).value("kind", ""), std::string("Rollout"));
        QCOMPARE((*o.object).value("apiVersion", ""), std::string("argoproj.io/v1alpha1"));
        auto dup = s.create(kRollouts, "prod", rollout("api"));
        QVERIFY(!dup);
        QCOMPARE(dup.error->code, 409);
        QCOMPARE(dup.error->reason, std::string("AlreadyExists"));
        auto other = s.create(kRollouts, "prod", rollout("web"));
        QVERIFY(std::stoull(rv(other)) > std::stoull(rv(o)));
        QVERIFY((*other.object)["metadata"]["uid"] != m["uid"]);
    }

    void generateName()
    {
        Store s;
        auto o = s.create(kPods, "prod", {{"metadata", {{"generateName", "api-"}}}});
        QVERIFY(o);
        const std::string name = (*o.object)["metadata"].value("name", "");
        QVERIFY(name.rfind("api-", 0) == 0);
        QCOMPARE(name.size(), std::size_t(9));
    }

    void generationOnlyOnSpec()
    {
        Store s;
        s.create(kRollouts, "prod", rollout("api"));
        auto labels = s.mergePatch(kRollouts, "prod", "api", {{"metadata", {{"labels", {{"x", "1"}}}}}});
        QCOMPARE((*labels.object)["metadata"].value("generation", 0), 1);
        auto status = s.mergePatch(kRollouts, "prod", "api", {{"status", {{"phase", "Paused"}}}}, WriteScope::Status);
        QCOMPARE((*status.object)["metadata"].value("generation", 0), 1);
        QCOMPARE((*status.object)["status"].value("phase", ""), std::string("Paused"));
        auto spec = s.mergePatch(kRollouts, "prod", "api", {{"spec", {{"replicas", 5}}}});
        QCOMPARE((*spec.object)["metadata"].value("generation", 0), 2);
    }

    void mainWritesIgnoreStatusOfStatusSubresourceTypes()
    {
        Store s;
        s.create(kRollouts, "prod", rollout("api"));
        auto o = s.mergePatch(kRollouts, "prod", "api", {{"status", {{"abort", true}}}});
        QVERIFY(o);
        QVERIFY(!o.changed);
        QVERIFY(!(*o.object)["status"].contains("abort"));
        auto st = s.mergePatch(kRollouts, "prod", "api", {{"spec", {{"replicas", 9}}}, {"status", {{"abort", true}}}},
                               WriteScope::Status);
        QCOMPARE((*st.object)["spec"].value("replicas", 0), 3);
        QCOMPARE((*st.object)["status"].value("abort", false), true);
        // AnalysisRuns have no status subresource: status is written on the main resource.
        s.create(kAnalysisRuns, "prod", {{"metadata", {{"name", "run"}}}, {"spec", json::object()}});
        auto ar = s.mergePatch(kAnalysisRuns, "prod", "run", {{"status", {{"phase", "Running"}}}});
        QCOMPARE((*ar.object)["status"].value("phase", ""), std::string("Running"));
    }

    void noOpWriteKeepsResourceVersion()
    {
        Store s;
        auto c = s.create(kRollouts, "prod", rollout("api"));
        const auto before = s.resourceVersion();
        auto o = s.mergePatch(kRollouts, "prod", "api", {{"spec", {{"replicas", 3}}}});
        QVERIFY(o);
        QVERIFY(!o.changed);
        QCOMPARE(rv(o), rv(c));
        QCOMPARE(s.resourceVersion(), before);
    }

    void optimisticConcurrency()
    {
        Store s;
        auto c = s.create(kRollouts, "prod", rollout("api"));
        const std::string first = rv(c);
        auto ok = s.mergePatch(kRollouts, "prod", "api",
                               {{"metadata", {{"resourceVersion", first}}}, {"spec", {{"replicas", 4}}}});
        QVERIFY(ok);
        auto stale = s.mergePatch(kRollouts, "prod", "api",
                                  {{"metadata", {{"resourceVersion", first}}}, {"spec", {{"replicas", 5}}}});
        QVERIFY(!stale);
        QCOMPARE(stale.error->code, 409);
        QCOMPARE(stale.error->reason, std::string("Conflict"));
        QVERIFY(stale.error->message.find("the object has been modified") != std::string::npos);
        json put = *ok.object;
        put["metadata"]["resourceVersion"] = first;
        QCOMPARE(s.update(kRollouts, "prod", put).error->code, 409);
        put["metadata"]["resourceVersion"] = rv(ok);
        put["spec"]["replicas"] = 7;
        QVERIFY(s.update(kRollouts, "prod", put));
        QCOMPARE(s.remove(kRollouts, "prod", "api", first).error->code, 409);
    }

    void jsonPatch()
    {
        Store s;
        s.create(kRollouts, "prod", rollout("api"));
        auto o = s.jsonPatch(kRollouts, "prod", "api", json::parse(R"([{"op":"test","path":"/spec/replicas","value":3},
                                             {"op":"replace","path":"/spec/replicas","value":6},
                                             {"op":"add","path":"/spec/paused","value":true}])"));
        QVERIFY(o);
        QCOMPARE((*o.object)["spec"].value("replicas", 0), 6);
        auto failed =
            s.jsonPatch(kRollouts, "prod", "api", json::parse(R"([{"op":"test","path":"/spec/replicas","value":1}])"));
        QVERIFY(!failed);
        QCOMPARE(failed.error->code, 422);
    }

    void notFound()
    {
        Store s;
        auto o = s.get(kRollouts, "prod", "nope");
        QCOMPARE(o.error->code, 404);
        QCOMPARE(o.error->message, std::string("rollouts.argoproj.io \"nope\" not found"));
        QCOMPARE(s.get(kPods, "prod", "nope").error->message, std::string("pods \"nope\" not found"));
    }

    void deleteCascadesToOwned()
    {
        Store s;
        auto ro = s.create(kRollouts, "prod", rollout("api"));
        json ref = {{"apiVersion", "argoproj.io/v1alpha1"},
                    {"kind", "Rollout"},
                    {"name", "api"},
                    {"uid", (*ro.object)["metadata"]["uid"]},
                    {"controller", true}};
        auto rs = s.create(kReplicaSets, "prod", {{"metadata", {{"name", "api-1"}, {"ownerReferences", {ref}}}}});
        json podRef = {{"apiVersion", "apps/v1"},
                       {"kind", "ReplicaSet"},
                       {"name", "api-1"},
                       {"uid", (*rs.object)["metadata"]["uid"]}};
        s.create(kPods, "prod", {{"metadata", {{"name", "api-1-x"}, {"ownerReferences", {podRef}}}}});
        s.create(kPods, "prod", {{"metadata", {{"name", "unrelated"}}}});
        QVERIFY(s.remove(kRollouts, "prod", "api"));
        QCOMPARE(s.count(kReplicaSets), std::size_t(0));
        QCOMPARE(s.count(kPods), std::size_t(1));
    }

    void listSelectorsAndPaging_data()
    {
        QTest::addColumn<QString>("selector");
        QTest::addColumn<QStringList>("names");
        QTest::newRow("all") << QString() << QStringList{u"a"_s, u"b"_s, u"c"_s, u"d"_s};
        QTest::newRow("equals") << u"tier=web"_s << QStringList{u"a"_s, u"b"_s};
        QTest::newRow("double equals") << u"tier==web"_s << QStringList{u"a"_s, u"b"_s};
        QTest::newRow("not equals") << u"tier!=web"_s << QStringList{u"c"_s, u"d"_s};
        QTest::newRow("in") << u"tier in (web, db)"_s << QStringList{u"a"_s, u"b"_s, u"c"_s};
        QTest::newRow("notin") << u"tier notin (web)"_s << QStringList{u"c"_s, u"d"_s};
        QTest::newRow("exists") << u"canary"_s << QStringList{u"b"_s};
        QTest::newRow("not exists") << u"!canary,tier"_s << QStringList{u"a"_s, u"c"_s};
        QTest::newRow("and") << u"tier=web,canary=true"_s << QStringList{u"b"_s};
    }

    void listSelectorsAndPaging()
    {
        QFETCH(QString, selector);
        QFETCH(QStringList, names);
        Store s;
        s.create(kPods, "ns1", {{"metadata", {{"name", "a"}, {"labels", {{"tier", "web"}}}}}});
        s.create(kPods, "ns1", {{"metadata", {{"name", "b"}, {"labels", {{"tier", "web"}, {"canary", "true"}}}}}});
        s.create(kPods, "ns2", {{"metadata", {{"name", "c"}, {"labels", {{"tier", "db"}}}}}});
        s.create(kPods, "ns2", {{"metadata", {{"name", "d"}}}});
        // Page through with limit 1 to check the continue tokens too.
        QStringList got;
        ListOptions lo;
        lo.labelSelector = selector.toStdString();
        lo.limit = 1;
        std::uint64_t firstRv = 0;
        for (int guard = 0; guard < 10; ++guard) {
            auto l = s.list(kPods, "", lo);
            QVERIFY(!l.error);
            if (!firstRv)
                firstRv = l.resourceVersion;
            QCOMPARE(l.resourceVersion, firstRv);
            for (const auto &i : l.items)
                got << QString::fromStdString((*i)["metadata"].value("name", ""));
            if (l.continueToken.empty())
                break;
            lo.continueToken = l.continueToken;
        }
        QCOMPARE(got, names);
    }

    void listNamespaceAndFieldSelector()
    {
        Store s;
        s.create(kPods, "ns1", {{"metadata", {{"name", "a"}}}});
        s.create(kPods, "ns10", {{"metadata", {{"name", "b"}}}});
        QCOMPARE(s.list(kPods, "ns1").items.size(), std::size_t(1));
        ListOptions lo;
        lo.fieldSelector = "metadata.name=b";
        auto l = s.list(kPods, "", lo);
        QCOMPARE(l.items.size(), std::size_t(1));
        QCOMPARE((*l.items[0])["metadata"].value("namespace", ""), std::string("ns10"));
        lo.fieldSelector = "metadata.namespace!=ns1";
        QCOMPARE(s.list(kPods, "", lo).items.size(), std::size_t(1));
        lo.labelSelector = "a in (b";
        QCOMPARE(s.list(kPods, "", lo).error->code, 400);
    }

    void remainingItemCount()
    {
        Store s;
        for (int i = 0; i < 5; ++i)
            s.create(kPods, "ns", {{"metadata", {{"name", "p" + std::to_string(i)}}}});
        ListOptions lo;
        lo.limit = 2;
        auto l = s.list(kPods, "ns", lo);
        QCOMPARE(l.items.size(), std::size_t(2));
        QVERIFY(l.remainingItemCount.has_value());
        QCOMPARE(*l.remainingItemCount, std::int64_t(3));
    }

    void watchFromResourceVersion()
    {
        Store s;
        auto c = s.create(kRollouts, "prod", rollout("api"));
        s.create(kPods, "prod", {{"metadata", {{"name", "p"}}}});
        auto w = s.openWatch(kRollouts, "prod", std::stoull(rv(c)));
        QVERIFY(!w.error);
        QVERIFY(w.initial.empty());
        s.mergePatch(kRollouts, "prod", "api", {{"spec", {{"replicas", 4}}}});
        s.create(kRollouts, "other", rollout("api"));
        s.remove(kRollouts, "prod", "api");
        std::vector<WatchEvent> events;
        for (int i = 0; i < 5 && events.size() < 2; ++i) {
            auto more = w.cursor->next(std::chrono::milliseconds(50));
            events.insert(events.end(), more.begin(), more.end());
        }
        QCOMPARE(events.size(), std::size_t(2)); // the pod and the other namespace are filtered out
        QCOMPARE(events[0].type, std::string("MODIFIED"));
        QCOMPARE(events[1].type, std::string("DELETED"));
        QVERIFY(events[1].resourceVersion > events[0].resourceVersion);
        QVERIFY(json::parse(*events[0].json) == *events[0].object);
    }

    void watchWithoutResourceVersionStartsWithState()
    {
        Store s;
        s.create(kRollouts, "prod", rollout("api"));
        s.create(kRollouts, "prod", rollout("web"));
        auto w = s.openWatch(kRollouts, "", std::nullopt);
        QCOMPARE(w.initial.size(), std::size_t(2));
        QVERIFY(w.cursor->next(std::chrono::milliseconds(20)).empty());
    }

    void historyWindowAndCompaction()
    {
        Store s(16);
        auto c = s.create(kPods, "ns", {{"metadata", {{"name", "p"}}}});
        const auto early = std::stoull(rv(c));
        for (int i = 0; i < 40; ++i)
            s.mergePatch(kPods, "ns", "p", {{"metadata", {{"labels", {{"i", std::to_string(i)}}}}}});
        auto tooOld = s.openWatch(kPods, "ns", early);
        QVERIFY(tooOld.error);
        QCOMPARE(tooOld.error->code, 410);
        QCOMPARE(tooOld.error->reason, std::string("Expired"));
        const auto recent = s.resourceVersion() - 3;
        auto ok = s.openWatch(kPods, "ns", recent);
        QVERIFY(!ok.error);
        QCOMPARE(ok.cursor->next(std::chrono::milliseconds(20)).size(), std::size_t(3));
        // Compaction expires even the newest position: open cursors see it too.
        auto current = s.openWatch(kPods, "ns", s.resourceVersion());
        s.compactHistory();
        bool expired = false;
        current.cursor->next(std::chrono::milliseconds(20), &expired);
        QVERIFY(expired);
        QCOMPARE(s.openWatch(kPods, "ns", recent).error->code, 410);
    }

    void mutateUnderLock()
    {
        Store s;
        s.create(kRollouts, "prod", rollout("api"));
        auto unchanged = s.mutate(kRollouts, "prod", "api", [](json &) { return false; });
        QVERIFY(!unchanged.changed);
        auto o = s.mutate(kRollouts, "prod", "api", [](json &ro) {
            ro["status"]["phase"] = "Degraded";
            ro["metadata"]["uid"] = "forged";
            return true;
        });
        QVERIFY(o.changed);
        QCOMPARE((*o.object)["status"].value("phase", ""), std::string("Degraded"));
        QVERIFY((*o.object)["metadata"].value("uid", "") != "forged");
    }

    void manualClockTickers()
    {
        Clock c(Clock::Mode::Manual, 1.0, Clock::parseRfc3339("2026-01-01T00:00:00Z").value());
        std::vector<std::string> fired;
        c.addTicker(std::chrono::minutes(10), [&](Clock::TimePoint t) { fired.push_back(Clock::rfc3339(t)); });
        c.advance(std::chrono::minutes(25));
        QCOMPARE(fired.size(), std::size_t(2));
        QCOMPARE(fired[1], std::string("2026-01-01T00:20:00Z"));
        QCOMPARE(c.nowRfc3339(), std::string("2026-01-01T00:25:00Z"));
    }

    void realClockRunsAtSpeed()
    {
        Clock c(Clock::Mode::Real, 600.0);
        const auto t0 = c.now();
        std::atomic<int> ticks{0};
        c.addTicker(std::chrono::seconds(6), [&](Clock::TimePoint) { ++ticks; }); // 10 ms of wall time
        c.start();
        QTRY_VERIFY_WITH_TIMEOUT(ticks >= 3, 5000);
        c.stop();
        QVERIFY(c.now() - t0 >= std::chrono::seconds(18));
    }
};

QTEST_GUILESS_MAIN(TestSimStore)
#include "tst_sim_store.moc"
