// Time to open one rollout's detail in a large fleet served by rolldeck_sim on loopback: from
// RolloutDetailSession::open() to its ready() (the rollout, its ReplicaSets and pods, the namespace's analysis runs
// and experiments listed, watched and built into a RolloutInfo). Measured twice over the same rollouts:
//   cold: nothing of the cluster cached yet (the rollout's selector is learnt from its own LIST first);
//   warm: the console's rollout list (all namespaces) already synced, as when a user opens a row.
// Each sample is a different rollout; the detail is closed (caches released) before the next opens.
#include "app/console/RolloutDetailSession.h"
#include "app/kube/ClusterConnection.h"
#include "app/kube/Kubeconfig.h"
#include "app/kube/KubeconfigCredentials.h"
#include "app/kube/ResourceCache.h"

#include "sim/Simulator.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

using namespace rolldeck;

namespace {

struct Sample
{
    double ms = 0;
    int replicaSets = 0;
    int pods = 0;
    bool ok = false;
};

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const double rank = p * double(values.size() - 1);
    const auto lo = size_t(rank);
    const size_t hi = std::min(lo + 1, values.size() - 1);
    return values[lo] + (values[hi] - values[lo]) * (rank - double(lo));
}

// Opens the details of `names` one after another on the event loop (no nested loop), then calls `done`.
class Runner : public QObject
{
public:
    Runner(kube::ClusterConnection *connection, std::vector<std::pair<QString, QString>> targets,
           std::function<void(std::vector<Sample>)> done)
        : m_connection(connection), m_targets(std::move(targets)), m_done(std::move(done))
    {
        m_timeout.setSingleShot(true);
        m_timeout.callOnTimeout(this, [this] { finish(false); });
    }

    void start()
    {
        QTimer::singleShot(0, this, [this] { next(); });
    }

private:
    void next()
    {
        if (m_index >= m_targets.size()) {
            m_done(std::move(m_samples));
            return;
        }
        const auto &[ns, name] = m_targets[m_index];
        m_session = std::make_unique<RolloutDetailSession>(m_connection, ns, name);
        m_session->setRefreshInterval(0);
        connect(m_session.get(), &RolloutDetailSession::ready, this, [this] { finish(true); });
        m_timeout.start(10000);
        m_clock.start();
        m_session->open();
    }

    void finish(bool ok)
    {
        Sample s;
        s.ms = double(m_clock.nsecsElapsed()) / 1e6;
        s.ok = ok && m_session->state() == RolloutDetailSession::State::Ready;
        if (m_session->info()) {
            s.replicaSets = int(m_session->info()->replicaSets().size());
            for (const ReplicaSetInfo &rs : m_session->info()->replicaSets())
                s.pods += int(rs.pods.size());
        }
        m_timeout.stop();
        m_samples.push_back(s);
        // Close outside the signal that reported readiness.
        QTimer::singleShot(0, this, [this] {
            m_session.reset();
            ++m_index;
            next();
        });
    }

    kube::ClusterConnection *m_connection;
    std::vector<std::pair<QString, QString>> m_targets;
    std::function<void(std::vector<Sample>)> m_done;
    std::vector<Sample> m_samples;
    std::unique_ptr<RolloutDetailSession> m_session;
    size_t m_index = 0;
    QElapsedTimer m_clock;
    QTimer m_timeout;
};

void report(const char *label, const std::vector<Sample> &samples)
{
    std::vector<double> ms;
    int failed = 0;
    for (const Sample &s : samples) {
        ms.push_back(s.ms);
        failed += s.ok ? 0 : 1;
    }
    const Sample &first = samples.front();
    std::printf("%-44s %4zu %9.1f %9.1f %9.1f %9.1f %7d/%d %6d\n", label, samples.size(), percentile(ms, 0.5),
                percentile(ms, 0.95), *std::max_element(ms.begin(), ms.end()), *std::min_element(ms.begin(), ms.end()),
                first.replicaSets, first.pods, failed);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int fleetSize = argc > 1 ? std::max(10, std::atoi(argv[1])) : 5000;
    const int samples = argc > 2 ? std::max(1, std::atoi(argv[2])) : 20;

    QTemporaryDir dir;
    rdsim::Simulator sim;
    rdsim::Options options;
    options.scenario = "fleet";
    options.fleetSize = fleetSize;
    options.kubeconfigOut = dir.filePath(QStringLiteral("kubeconfig")).toStdString();
    QElapsedTimer populate;
    populate.start();
    const rdsim::StartResult started = sim.start(options);
    if (!started.ok()) {
        std::fprintf(stderr, "bench_detail: simulator: %s\n", started.error.c_str());
        return 1;
    }
    std::printf("fleet: %d rollouts in 10 namespaces (3 ReplicaSets, 5 pods each), served in %.1f s\n", fleetSize,
                double(populate.elapsed()) / 1000.0);

    const kube::Kubeconfig config = kube::loadKubeconfigFiles({dir.filePath(QStringLiteral("kubeconfig"))});
    const kube::ClusterConfig *ctx = config.context(QStringLiteral("rolldeck-demo"));
    if (!ctx) {
        std::fprintf(stderr, "bench_detail: the simulator wrote no usable kubeconfig\n");
        return 1;
    }
    auto credentials = kube::KubeconfigCredentials::create(*ctx);
    if (!credentials) {
        std::fprintf(stderr, "bench_detail: %s\n", qPrintable(credentials.error()));
        return 1;
    }
    kube::ClusterConnection connection(*ctx, *credentials);

    // Different rollouts spread over the fleet and its namespaces; the warm pass uses other ones again, so no
    // sample profits from a cache of an earlier one.
    std::vector<std::pair<QString, QString>> cold, warm;
    for (int i = 0; i < samples; ++i) {
        const int a = (i * 241 + 7) % fleetSize;
        const int b = (i * 241 + 131) % fleetSize;
        const auto target = [](int index) {
            return std::make_pair(QStringLiteral("fleet-%1").arg(index % 10),
                                  QStringLiteral("app-%1").arg(index, 5, 10, QLatin1Char('0')));
        };
        cold.push_back(target(a));
        warm.push_back(target(b));
    }

    std::printf("\n%-44s %4s %9s %9s %9s %9s %9s %6s\n", "open detail → first complete RolloutInfo", "n", "median ms",
                "p95 ms", "max ms", "min ms", "RS/pods", "failed");
    int exitCode = 0;
    kube::ResourceCache *list = nullptr;
    QElapsedTimer listClock;
    Runner warmRunner(&connection, warm, [&](std::vector<Sample> result) {
        report("warm (rollout list of the fleet synced)", result);
        exitCode |= std::any_of(result.begin(), result.end(), [](const Sample &s) { return !s.ok; }) ? 1 : 0;
        app.quit();
    });
    Runner coldRunner(&connection, cold, [&](std::vector<Sample> result) {
        report("cold (nothing cached)", result);
        exitCode |= std::any_of(result.begin(), result.end(), [](const Sample &s) { return !s.ok; }) ? 1 : 0;
        // The console's list: every rollout of the cluster.
        listClock.start();
        list = connection.cache(kube::ResourceKind::rollouts());
        QObject::connect(list, &kube::ResourceCache::synced, &app, [&] {
            std::printf("%-44s %4s %9.1f  (%lld rollouts)\n", "  (rollout list synced for the warm pass)", "",
                        double(listClock.nsecsElapsed()) / 1e6, static_cast<long long>(list->size()));
            warmRunner.start();
        });
    });
    coldRunner.start();
    app.exec();
    std::printf("\nAim: under 100 ms.\n");
    return exitCode;
}
