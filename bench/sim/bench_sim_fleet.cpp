// The fleet scenario at scale: 5,000 rollouts, 15,000 ReplicaSets, 25,000 pods in the simulator.
// Measures what a client sees over loopback HTTP: a full LIST per resource, and how many watch
// events per second one watch connection sustains while the store is being written.
// Run: build/bench/sim/bench_sim_fleet [--benchmark_filter=...]
#include "sim/scenario/SeedScenario.h"
#include "sim/Simulator.h"

#include <benchmark/benchmark.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>

namespace {

constexpr int kFleet = 5000;
constexpr const char *kToken = "bench-admin";

struct Fleet
{
    rdsim::Simulator sim;
    int port = 0;
    Fleet()
    {
        rdsim::Options o;
        o.scenario = "fleet";
        o.fleetSize = kFleet;
        o.adminToken = kToken;
        o.historyCapacity = 500000;
        const auto t0 = std::chrono::steady_clock::now();
        auto r = sim.start(o);
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (!r.ok()) {
            std::fprintf(stderr, "simulator failed: %s\n", r.error.c_str());
            std::abort();
        }
        port = std::stoi(r.endpoints.kube.substr(r.endpoints.kube.rfind(':') + 1));
        std::fprintf(stderr, "fleet of %d rollouts (%zu ReplicaSets, %zu pods) populated in %.2f s\n", kFleet,
                     sim.store().count(rdsim::kReplicaSets), sim.store().count(rdsim::kPods), secs);
    }
};

Fleet &fleet()
{
    static Fleet f;
    return f;
}

void listOnce(benchmark::State &state, const char *path)
{
    Fleet &f = fleet();
    httplib::Client cli("127.0.0.1", f.port);
    cli.set_bearer_token_auth(kToken);
    cli.set_read_timeout(60, 0);
    std::size_t bytes = 0;
    for (auto _ : state) {
        auto res = cli.Get(path);
        if (!res || res->status != 200) {
            state.SkipWithError("LIST failed");
            return;
        }
        bytes = res->body.size();
        benchmark::DoNotOptimize(res->body.data());
    }
    state.counters["MB"] = double(bytes) / 1e6;
    state.SetBytesProcessed(static_cast<int64_t>(bytes) * state.iterations());
}

void BM_ListRollouts(benchmark::State &state)
{
    listOnce(state, "/apis/argoproj.io/v1alpha1/rollouts");
}
void BM_ListReplicaSets(benchmark::State &state)
{
    listOnce(state, "/apis/apps/v1/replicasets");
}
void BM_ListPods(benchmark::State &state)
{
    listOnce(state, "/api/v1/pods");
}
void BM_ListRolloutsPaged500(benchmark::State &state)
{
    Fleet &f = fleet();
    httplib::Client cli("127.0.0.1", f.port);
    cli.set_bearer_token_auth(kToken);
    for (auto _ : state) {
        std::string cont;
        int pages = 0;
        do {
            std::string path = "/apis/argoproj.io/v1alpha1/rollouts?limit=500";
            if (!cont.empty())
                path += "&continue=" + cont;
            auto res = cli.Get(path);
            if (!res || res->status != 200) {
                state.SkipWithError("LIST failed");
                return;
            }
            auto body = nlohmann::json::parse(res->body);
            cont = body["metadata"].value("continue", "");
            ++pages;
        } while (!cont.empty());
        state.counters["pages"] = pages;
    }
}

// One watch connection on rollouts; a writer changes rollout status as fast as the store takes
// it. Time runs from the first write until the client has read every event.
void BM_WatchEventsToOneClient(benchmark::State &state)
{
    Fleet &f = fleet();
    const int events = static_cast<int>(state.range(0));
    for (auto _ : state) {
        const std::string rv = std::to_string(f.sim.store().resourceVersion());
        std::atomic<long> received{0};
        std::atomic<bool> stop{false};
        httplib::Client cli("127.0.0.1", f.port);
        cli.set_bearer_token_auth(kToken);
        cli.set_read_timeout(30, 0);
        std::thread reader([&] {
            cli.Get("/apis/argoproj.io/v1alpha1/rollouts?watch=1&timeoutSeconds=60&resourceVersion=" + rv,
                    [&](const char *data, std::size_t len) {
                        long lines = 0;
                        for (std::size_t i = 0; i < len; ++i)
                            lines += data[i] == '\n';
                        received += lines;
                        return !stop.load() && received.load() < events;
                    });
        });
        const auto t0 = std::chrono::steady_clock::now();
        for (int i = 0; i < events; ++i)
            rdsim::touchFleetRollout(f.sim.store(), i, kFleet);
        const double writeSecs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        while (received.load() < events && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(60))
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        stop = true;
        reader.join();
        state.SetIterationTime(secs);
        state.counters["events"] = double(received.load());
        state.counters["events_per_s"] = double(received.load()) / secs;
        state.counters["writes_per_s"] = double(events) / writeSecs;
    }
}

// The delivery side alone: the events are already in the history when the watch opens from an
// older resourceVersion, so this is how fast the server streams them to one client.
void BM_WatchBacklogDrain(benchmark::State &state)
{
    Fleet &f = fleet();
    const int events = static_cast<int>(state.range(0));
    for (auto _ : state) {
        const std::string rv = std::to_string(f.sim.store().resourceVersion());
        for (int i = 0; i < events; ++i)
            rdsim::touchFleetRollout(f.sim.store(), i, kFleet);
        long received = 0;
        httplib::Client cli("127.0.0.1", f.port);
        cli.set_bearer_token_auth(kToken);
        cli.set_read_timeout(30, 0);
        const auto t0 = std::chrono::steady_clock::now();
        cli.Get("/apis/argoproj.io/v1alpha1/rollouts?watch=1&timeoutSeconds=60&resourceVersion=" + rv,
                [&](const char *data, std::size_t len) {
                    for (std::size_t i = 0; i < len; ++i)
                        received += data[i] == '\n';
                    return received < events;
                });
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        state.SetIterationTime(secs);
        state.counters["events"] = double(received);
        state.counters["events_per_s"] = double(received) / secs;
    }
}

} // namespace

BENCHMARK(BM_ListRollouts)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);
BENCHMARK(BM_ListReplicaSets)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);
BENCHMARK(BM_ListPods)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);
BENCHMARK(BM_ListRolloutsPaged500)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);
BENCHMARK(BM_WatchEventsToOneClient)->Arg(50000)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(3);

BENCHMARK(BM_WatchBacklogDrain)->Arg(100000)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(3);

BENCHMARK_MAIN();
