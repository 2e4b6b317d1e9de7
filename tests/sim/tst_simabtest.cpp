// The abtest scenario's traffic on a manual clock: both A/B tests export visits, conversions and per-variant
// histograms with the scenario's true effects, the split follows the VirtualService's live weights, the same seed
// gives the same counters, and an injected sample-ratio mismatch moves the observed split (docs/sim-scenarios.md).
#include "sim/DemoComponent.h"
#include "sim/metrics/TrafficSimulation.h"
#include "sim/scenario/Scenario.h"

#include <QtTest>

#include <map>
#include <regex>
#include <sstream>

using nlohmann::json;
using namespace std::chrono_literals;

namespace {

int64_t toMs(rdsim::Clock::TimePoint t)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

const rdsim::Clock::TimePoint kStart = rdsim::Clock::TimePoint(std::chrono::seconds(1795000000));

struct Harness
{
    explicit Harness(uint64_t seed, double srm = -1) : traffic(store, seed)
    {
        store.setClock(&clock);
        rdsim::Scenario sc;
        std::string error;
        ok = rdsim::loadScenario("abtest", &sc, &error) && rdsim::applyScenarioObjects(store, sc, &error);
        traffic.configure(sc.traffic);
        if (srm >= 0)
            traffic.configure(json{{"abSampleRatioMismatch", srm}});
        ticker = clock.addTicker(2s, [this](rdsim::Clock::TimePoint now) { traffic.advance(toMs(now)); });
        traffic.advance(toMs(clock.now()));
    }
    ~Harness() { clock.removeTicker(ticker); }

    // Every sample of the exposition text, by its full series name ("metric{labels}").
    std::map<std::string, double> scrape() const
    {
        std::map<std::string, double> out;
        std::istringstream in(traffic.renderPrometheus());
        for (std::string line; std::getline(in, line);) {
            if (line.empty() || line[0] == '#')
                continue;
            const size_t space = line.rfind(' ');
            out[line.substr(0, space)] = std::stod(line.substr(space + 1));
        }
        return out;
    }

    rdsim::Clock clock{rdsim::Clock::Mode::Manual, 1.0, kStart};
    rdsim::Store store;
    rdsim::TrafficSimulation traffic;
    int ticker = 0;
    bool ok = false;
};

std::string series(const std::string &metric, const std::string &experiment, const std::string &variant,
                   const std::string &extra = {})
{
    return metric + "{namespace=\"production\",experiment=\"" + experiment + "\",variant=\"" + variant + "\"" + extra +
           "}";
}

} // namespace

class TestSimAbTest : public QObject
{
    Q_OBJECT

private slots:
    void bothTestsWithTheirTrueEffects()
    {
        Harness h(11);
        QVERIFY(h.ok);
        h.clock.advance(60min);
        const auto m = h.scrape();
        // checkout: 50/50 at 30 visits/s; conversion 4.2 % against 4.9 %; time on page 48 s against 52 s.
        const double cc = m.at(series("ab_test_visits_total", "checkout-redesign", "control"));
        const double ct = m.at(series("ab_test_visits_total", "checkout-redesign", "treatment"));
        QVERIFY2(std::abs(cc + ct - 30 * 3600) < 4 * std::sqrt(30 * 3600.0), QByteArray::number(cc + ct));
        QVERIFY2(std::abs(ct / (cc + ct) - 0.5) < 0.01, QByteArray::number(ct / (cc + ct)));
        QCOMPARE(cc, std::floor(cc)); // whole visits: Poisson arrivals
        const double rc = m.at(series("ab_test_conversions_total", "checkout-redesign", "control")) / cc;
        const double rt = m.at(series("ab_test_conversions_total", "checkout-redesign", "treatment")) / ct;
        QVERIFY2(std::abs(rc - 0.042) < 0.003 && std::abs(rt - 0.049) < 0.003,
                 QByteArray(QByteArray::number(rc) + " " + QByteArray::number(rt)).constData());
        const double tc = m.at(series("ab_test_time_on_page_seconds_sum", "checkout-redesign", "control")) /
                          m.at(series("ab_test_time_on_page_seconds_count", "checkout-redesign", "control"));
        const double tt = m.at(series("ab_test_time_on_page_seconds_sum", "checkout-redesign", "treatment")) /
                          m.at(series("ab_test_time_on_page_seconds_count", "checkout-redesign", "treatment"));
        QVERIFY2(std::abs(tc - 48) < 1.5 && std::abs(tt - 52) < 1.5,
                 QByteArray(QByteArray::number(tc) + " " + QByteArray::number(tt)).constData());
        QCOMPARE(m.at(series("ab_test_time_on_page_seconds_count", "checkout-redesign", "control")), cc);
        // checkout has no response-time histogram, search no conversions: each test exports what it is judged on.
        QVERIFY(!m.count(series("ab_test_response_seconds_count", "checkout-redesign", "control")));
        QVERIFY(!m.count(series("ab_test_conversions_total", "search-optimisation", "baseline")));

        // search: 80/20 at 40 visits/s; response time 180 ms against 150 ms.
        const double sb = m.at(series("ab_test_visits_total", "search-optimisation", "baseline"));
        const double so = m.at(series("ab_test_visits_total", "search-optimisation", "optimised"));
        QVERIFY2(std::abs(so / (sb + so) - 0.2) < 0.01, QByteArray::number(so / (sb + so)));
        const double lb = m.at(series("ab_test_response_seconds_sum", "search-optimisation", "baseline")) / sb;
        const double lo = m.at(series("ab_test_response_seconds_sum", "search-optimisation", "optimised")) / so;
        QVERIFY2(std::abs(lb - 0.180) < 0.005 && std::abs(lo - 0.150) < 0.005,
                 QByteArray(QByteArray::number(lb) + " " + QByteArray::number(lo)).constData());
        // The buckets are cumulative and end at the count.
        double previous = 0;
        for (const char *le : {"0.025", "0.05", "0.075", "0.1", "0.125", "0.15", "0.175", "0.2", "0.25", "0.3", "0.4",
                               "0.5", "0.75", "1", "2.5", "+Inf"}) {
            const double c = m.at(series("ab_test_response_seconds_bucket", "search-optimisation", "baseline",
                                         std::string(",le=\"") + le + "\""));
            QVERIFY2(c >= previous, le);
            previous = c;
        }
        QCOMPARE(previous, sb);
        // The median lies where the log-normal puts it (about 170 ms for a mean of 180 ms).
        const double below175 =
            m.at(series("ab_test_response_seconds_bucket", "search-optimisation", "baseline", ",le=\"0.175\""));
        QVERIFY2(std::abs(below175 / sb - 0.53) < 0.03, QByteArray::number(below175 / sb));
    }

    void sameSeedSameCounters()
    {
        Harness a(5), b(5), c(6);
        a.clock.advance(10min);
        b.clock.advance(10min);
        c.clock.advance(10min);
        QCOMPARE(a.traffic.renderPrometheus(), b.traffic.renderPrometheus());
        QVERIFY(a.traffic.renderPrometheus() != c.traffic.renderPrometheus());
    }

    void splitFollowsTheVirtualService()
    {
        Harness h(3);
        h.clock.advance(10min);
        const auto before = h.scrape();
        // Someone moves the search test to 50/50 (the Experiments view's free slider, or kubectl).
        const json patch = json::parse(R"({"spec":{"http":[{"name":"ab-split","route":[
            {"destination":{"host":"search-baseline"},"weight":50},
            {"destination":{"host":"search-optimised"},"weight":50}]}]}})");
        rdsim::Outcome o =
            h.store.mergePatch(rdsim::kVirtualServices, "production", "search-ab", patch, rdsim::WriteScope::Main);
        QVERIFY2(!o.error, o.error ? o.error->message.c_str() : "");
        h.clock.advance(30min);
        const auto after = h.scrape();
        auto grew = [&](const char *variant) {
            const std::string k = series("ab_test_visits_total", "search-optimisation", variant);
            return after.at(k) - before.at(k);
        };
        const double share = grew("optimised") / (grew("optimised") + grew("baseline"));
        QVERIFY2(std::abs(share - 0.5) < 0.02, QByteArray::number(share));
    }

    void injectedSampleRatioMismatch()
    {
        // 10 % of the last variant's visits are lost before they are counted.
        Harness h(9, 0.1);
        h.clock.advance(30min);
        const auto m = h.scrape();
        const double cc = m.at(series("ab_test_visits_total", "checkout-redesign", "control"));
        const double ct = m.at(series("ab_test_visits_total", "checkout-redesign", "treatment"));
        QVERIFY2(std::abs(ct / cc - 0.9) < 0.03, QByteArray::number(ct / cc));
        const double sb = m.at(series("ab_test_visits_total", "search-optimisation", "baseline"));
        const double so = m.at(series("ab_test_visits_total", "search-optimisation", "optimised"));
        QVERIFY2(std::abs(so / sb - 0.25 * 0.9) < 0.015, QByteArray::number(so / sb));
    }
};

QTEST_GUILESS_MAIN(TestSimAbTest)
#include "tst_simabtest.moc"
