// Fleet-scale measurements of the live caches. Prints one line per figure.
//   initial sync of the 5,000-rollout fleet from rolldeck-sim, resident memory with it loaded,
//   opening one rollout's detail (ReplicaSets, pods, AnalysisRuns of its namespace, listed and watched),
//   sustained watch ingest (a loopback firehose streaming pre-serialised events as fast as the socket takes them),
//   the longest stall of the GUI-thread event loop during each phase (a 1 ms heartbeat timer),
//   `rolldeck status -A --json` against `kubectl get rollouts.argoproj.io -A -o json` on the same simulator.
// Bench code, not product code: it waits in local event loops.
#include "kube/ClusterConnection.h"
#include "kube/Kubeconfig.h"
#include "kube/KubeconfigCredentials.h"
#include "console/LiveRollouts.h"

#include "RolloutListModel.h"

#include "FakeHttpServer.h"
#include "FakeKubeApi.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <sys/resource.h>
#include <unistd.h>
#include <functional>

using namespace rolldeck;
using namespace rolldeck::kube;
using namespace rolldeck::testsupport;

namespace {

constexpr int kFleet = 5000;
constexpr int kEvents = 100000;

double rssMb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

// Counts the longest gap between ticks of a 1 ms timer on this thread.
class Heartbeat
{
public:
    Heartbeat()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            const qint64 cpu = threadCpuNs();
            if (now - m_last > m_max) {
                m_max = now - m_last;
                m_maxCpu = cpu - m_lastCpu;
            }
            m_last = now;
            m_lastCpu = cpu;
        });
    }
    void start()
    {
        m_clock.start();
        m_last = 0;
        m_max = 0;
        m_maxCpu = 0;
        m_lastCpu = threadCpuNs();
        m_timer.start(1);
    }
    double maxStallMs() const { return m_max / 1e6; }
    // How much of the longest stall the GUI thread spent running (the rest it waited for a core).
    double maxStallCpuMs() const { return m_maxCpu / 1e6; }
    void stop() { m_timer.stop(); }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_max = 0;
    qint64 m_lastCpu = 0;
    qint64 m_maxCpu = 0;
    static qint64 threadCpuNs()
    {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
    }
};

// Times every event the GUI thread dispatches, to name what blocked it longest (receiver class, event type).
class TimedApplication : public QCoreApplication
{
public:
    using QCoreApplication::QCoreApplication;
    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!m_recording || QThread::currentThread() != thread())
            return QCoreApplication::notify(receiver, event);
        const int type = event->type();
        const char *cls = receiver->metaObject()->className();
        const char *owner = receiver->parent() ? receiver->parent()->metaObject()->className() : "no parent";
        QElapsedTimer t;
        t.start();
        const bool r = QCoreApplication::notify(receiver, event);
        const qint64 ns = t.nsecsElapsed();
        if (ns > m_longestNs) {
            m_longestNs = ns;
            m_longestWhat =
                QStringLiteral("%1 of %2, event %3").arg(QLatin1String(cls), QLatin1String(owner)).arg(type);
        }
        return r;
    }
    void startRecording()
    {
        m_longestNs = 0;
        m_longestWhat.clear();
        m_recording = true;
    }
    QString stopRecording()
    {
        m_recording = false;
        return QStringLiteral("%1 ms (%2)").arg(m_longestNs / 1e6, 0, 'f', 1).arg(m_longestWhat);
    }

private:
    bool m_recording = false;
    qint64 m_longestNs = 0;
    QString m_longestWhat;
};

bool runUntil(const std::function<bool()> &done, int timeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    poll.start(2);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return done();
}

void report(const char *what, double value, const char *unit)
{
    std::printf("%-58s %10.1f %s\n", what, value, unit);
    std::fflush(stdout);
}

double medianMs(const QString &program, const QStringList &args, const QProcessEnvironment &env, int runs,
                qint64 *bytes)
{
    QList<double> times;
    for (int i = 0; i < runs; ++i) {
        QProcess p;
        p.setProcessEnvironment(env);
        QElapsedTimer t;
        t.start();
        p.start(program, args);
        runUntil([&] { return p.state() == QProcess::NotRunning; }, 120000);
        times.append(t.nsecsElapsed() / 1e6);
        *bytes = p.readAllStandardOutput().size();
        if (p.exitStatus() != QProcess::NormalExit || p.exitCode() > 1)
            std::fprintf(stderr, "%s failed: %s\n", qPrintable(program), p.readAllStandardError().constData());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    TimedApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("rolldeck.kube.debug=false\nrolldeck.kube.info=false"));
    QTemporaryDir dir;
    const QString kubeconfig = dir.filePath(QStringLiteral("kubeconfig"));

    QList<QJsonObject> fleetObjects;
    Heartbeat heartbeat;
    QProcess sim;
    // ROLLDECK_BENCH_INGEST_ONLY=1: skip the simulator phases (synthetic objects for the ingest), for profiling.
    if (qEnvironmentVariableIsSet("ROLLDECK_BENCH_INGEST_ONLY")) {
        for (int i = 0; i < kFleet; ++i) {
            QJsonObject o = makeRollout(QStringLiteral("fleet-%1").arg(i % 10), QStringLiteral("app-%1").arg(i));
            QJsonObject meta = o.value(QLatin1String("metadata")).toObject();
            meta.insert(QStringLiteral("uid"), QStringLiteral("uid-%1").arg(i));
            o.insert(QStringLiteral("metadata"), meta);
            fleetObjects.append(o);
        }
    } else {
        // The simulator stands in for a remote API server: at nice 19 it does not take a core from the client (its
        // threads inherit the niceness; setpriority on its pid would reach only its main thread).
        sim.setProgram(QStringLiteral("/usr/bin/nice"));
        sim.setArguments({QStringLiteral("-n"), QStringLiteral("19"),
                          QStringLiteral(ROLLDECK_BINARY_DIR "/sim/rolldeck-sim"), QStringLiteral("--tls"),
                          QStringLiteral("--scenario"), QStringLiteral("fleet"), QStringLiteral("--fleet-size"),
                          QString::number(kFleet), QStringLiteral("--kubeconfig-out"), kubeconfig});
        sim.start();
        if (!runUntil([&] { return sim.canReadLine() || sim.state() == QProcess::NotRunning; }, 60000) ||
            !sim.canReadLine()) {
            std::fprintf(stderr, "rolldeck-sim did not start: %s\n", sim.readAllStandardError().constData());
            return 1;
        }
        sim.readLine();
        const Kubeconfig kc = loadKubeconfigFiles({kubeconfig});
        const ClusterConfig *context = kc.context(QStringLiteral("rolldeck-demo"));
        if (!context)
            return 1;
        std::printf("rolldeck-sim fleet of %d rollouts at %s; client machine: %d cores\n", kFleet,
                    qPrintable(context->server.toString()), QThread::idealThreadCount());
        report("resident memory before connecting", rssMb(), "MB");

        {
            // The console's path: LiveRollouts watches rollouts and rollout-owned ReplicaSets, and the rows are built
            // into the list model on the GUI thread.
            auto connection = std::make_unique<ClusterConnection>(*context, *KubeconfigCredentials::create(*context));
            RolloutListModel model;
            LiveRollouts live(&model);
            heartbeat.start();
            QElapsedTimer t;
            t.start();
            app.startRecording();
            live.addCluster(connection.get());
            ResourceCache *rollouts = connection->cache(ResourceKind::rollouts()); // shared with the list
            ResourceCache *replicaSets = nullptr;
            for (ResourceCache *c : connection->caches()) {
                if (c->kind() == ResourceKind::replicaSets())
                    replicaSets = c;
            }
            runUntil([&] { return model.rowCount() > 0; }, 60000);
            const double firstRowsMs = t.nsecsElapsed() / 1e6;
            runUntil([&] { return rollouts->isSynced(); }, 60000);
            const double syncMs = t.nsecsElapsed() / 1e6;
            const bool rows = runUntil([&] { return model.rowCount() >= kFleet; }, 60000);
            const double rowsMs = t.nsecsElapsed() / 1e6;
            runUntil([&] { return replicaSets && replicaSets->isSynced() && replicaSets->pendingObjects() == 0; },
                     60000);
            const double allMs = t.nsecsElapsed() / 1e6;
            heartbeat.stop();
            const QString longestSyncEvent = app.stopRecording();
            report("first rows on screen (the LIST of 5000 rollouts, 5 pages)", firstRowsMs, "ms");
            report("initial sync, 5000 rollouts over TLS (LIST, 5 pages, to GUI)", syncMs, "ms");
            report("  the 5000 rows in the console's list model", rows ? rowsMs : -1, "ms");
            report("  and their 15000 ReplicaSets applied to the rows", allMs, "ms");
            std::printf("  (%lld rollouts, %lld ReplicaSets in the caches)\n", qlonglong(rollouts->size()),
                        qlonglong(replicaSets ? replicaSets->size() : 0));
            const quint64 rounds = rollouts->deliveries() + (replicaSets ? replicaSets->deliveries() : 0);
            std::printf("  (%lld deliveries to the GUI thread from the two caches = %.1f per second)\n",
                        qlonglong(rounds), rounds / (allMs / 1000.0));
            report("  longest GUI event-loop stall during the sync", heartbeat.maxStallMs(), "ms");
            report("    of which the GUI thread was running", heartbeat.maxStallCpuMs(), "ms");
            std::printf("  (longest single event on the GUI thread: %s)\n", qPrintable(longestSyncEvent));
            runUntil([] { return false; }, 500); // let the worker free what the GUI thread handed back
            report("resident memory with the fleet loaded (caches, rows)", rssMb(), "MB");

            // One rollout's detail: its namespace's ReplicaSets, pods and AnalysisRuns, listed and watched on demand.
            const QString ns = QStringLiteral("fleet-3");
            heartbeat.start();
            t.restart();
            app.startRecording();
            ResourceCache *rs = connection->cache(ResourceKind::replicaSets(), ns);
            ResourceCache *pods = connection->cache(ResourceKind::pods(), ns);
            ResourceCache *runs = connection->cache(ResourceKind::analysisRuns(), ns);
            runUntil([&] { return rs->isSynced() && pods->isSynced() && runs->isSynced(); }, 60000);
            const double detailMs = t.nsecsElapsed() / 1e6;
            heartbeat.stop();
            report("open one rollout's detail (RS+pods+runs of its namespace)", detailMs, "ms");
            std::printf("  (%lld ReplicaSets, %lld pods, %lld AnalysisRuns in %s)\n", qlonglong(rs->size()),
                        qlonglong(pods->size()), qlonglong(runs->size()), qPrintable(ns));
            report("  longest GUI event-loop stall during the detail open", heartbeat.maxStallMs(), "ms");
            std::printf("  (longest single event on the GUI thread: %s)\n", qPrintable(app.stopRecording()));
            report("resident memory with fleet and one detail", rssMb(), "MB");
            fleetObjects = rollouts->objects();
        }

        // rolldeck status -A --json against kubectl get -A -o json, same simulator, median of 3 runs each.
        {
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("HOME"), dir.path());
            env.insert(QStringLiteral("KUBECONFIG"), kubeconfig);
            qint64 kubectlBytes = 0;
            qint64 statusBytes = 0;
            const double kubectl = medianMs(QStringLiteral("/usr/bin/kubectl"),
                                            {QStringLiteral("get"), QStringLiteral("rollouts.argoproj.io"),
                                             QStringLiteral("-A"), QStringLiteral("-o"), QStringLiteral("json")},
                                            env, 3, &kubectlBytes);
            const double status = medianMs(QStringLiteral(ROLLDECK_BINARY_DIR "/app/rolldeck"),
                                           {QStringLiteral("status"), QStringLiteral("-A"), QStringLiteral("--json")},
                                           env, 3, &statusBytes);
            report("kubectl get rollouts.argoproj.io -A -o json (median of 3)", kubectl, "ms");
            report("rolldeck status -A --json (median of 3)", status, "ms");
            std::printf(
                "  (outputs: kubectl %lld bytes, rolldeck %lld bytes; rolldeck prints rows, kubectl whole objects)\n",
                qlonglong(kubectlBytes), qlonglong(statusBytes));
        }
        // The simulator must not compete for the two cores during the ingest measurement.
        sim.kill();
        sim.waitForFinished(10000);
    }

    // Sustained ingest: a firehose server thread streams kEvents MODIFIED events for the fleet's real objects.
    {
        QByteArray listBody;
        const QByteArray emptyList = R"({"kind":"List","metadata":{"resourceVersion":"1"},"items":[]})";
        QList<QByteArray> chunks;
        QHash<QString, int> finalSeq;
        {
            QJsonArray items;
            for (const QJsonObject &o : std::as_const(fleetObjects))
                items.append(o);
            listBody =
                QJsonDocument(QJsonObject{{QStringLiteral("kind"), QStringLiteral("RolloutList")},
                                          {QStringLiteral("metadata"),
                                           QJsonObject{{QStringLiteral("resourceVersion"), QStringLiteral("1")}}},
                                          {QStringLiteral("items"), items}})
                    .toJson(QJsonDocument::Compact);
            QByteArray chunk;
            for (int i = 0; i < kEvents; ++i) {
                QJsonObject o = fleetObjects[i % fleetObjects.size()];
                QJsonObject meta = o.value(QLatin1String("metadata")).toObject();
                meta.insert(QStringLiteral("resourceVersion"), QString::number(2 + i));
                QJsonObject annotations = meta.value(QLatin1String("annotations")).toObject();
                annotations.insert(QStringLiteral("bench/seq"), QString::number(i));
                meta.insert(QStringLiteral("annotations"), annotations);
                o.insert(QStringLiteral("metadata"), meta);
                finalSeq.insert(meta.value(QLatin1String("uid")).toString(), i);
                chunk += QJsonDocument(QJsonObject{{QStringLiteral("type"), QStringLiteral("MODIFIED")},
                                                   {QStringLiteral("object"), o}})
                             .toJson(QJsonDocument::Compact) +
                         '\n';
                if (chunk.size() > 256 * 1024) {
                    chunks.append(chunk);
                    chunk.clear();
                }
            }
            if (!chunk.isEmpty())
                chunks.append(chunk);
        }
        qint64 streamBytes = 0;
        for (const QByteArray &c : std::as_const(chunks))
            streamBytes += c.size();

        QThread serverThread;
        QObject serverContext;
        serverContext.moveToThread(&serverThread);
        serverThread.start();
        FakeHttpServer *server = nullptr;
        QMetaObject::invokeMethod(
            &serverContext,
            [&] {
                // The firehose stands in for a remote API server: it must not take a core from the client.
                setpriority(PRIO_PROCESS, ::gettid(), 19);
                server = new FakeHttpServer;
                server->listen();
                server->setHandler([&](const HttpRequest &request, HttpExchange *exchange) {
                    const bool rolloutsAsked = request.path.contains(QLatin1String("/rollouts"));
                    if (!request.isWatch()) {
                        exchange->respond(200, rolloutsAsked ? listBody : emptyList);
                        return;
                    }
                    if (!rolloutsAsked) {
                        exchange->hang();
                        return;
                    }
                    if (request.query.queryItemValue(QStringLiteral("resourceVersion")) != QLatin1String("1")) {
                        exchange->hang(); // only the first watch streams; a resume just waits
                        return;
                    }
                    exchange->beginChunked();
                    for (const QByteArray &c : std::as_const(chunks))
                        exchange->sendChunk(c);
                });
            },
            Qt::BlockingQueuedConnection);

        ClusterConfig firehose;
        firehose.contextName = QStringLiteral("firehose");
        firehose.server = server->url();
        ConnectionOptions options;
        options.informer.idleTimeoutMs = 600000;
        auto connection = std::make_unique<ClusterConnection>(firehose, std::make_shared<StaticCredentials>(), options);
        ResourceCache *cache = connection->cache(ResourceKind::rollouts());
        // The console's list path observes the same cache: rows are rebuilt on the GUI thread for every change.
        RolloutListModel model;
        LiveRollouts live(&model);
        live.addCluster(connection.get());
        int done = 0;
        qint64 deliveries = 0;
        double maxHandlerMs = 0;
        QObject::connect(cache, &ResourceCache::changed, cache, [&](const CacheDelta &d) {
            QElapsedTimer handler;
            handler.start();
            ++deliveries;
            for (const QJsonObject &o : d.modified) {
                const int seq = o.value(QLatin1String("metadata"))
                                    .toObject()
                                    .value(QLatin1String("annotations"))
                                    .toObject()
                                    .value(QLatin1String("bench/seq"))
                                    .toString()
                                    .toInt();
                if (seq == finalSeq.value(uidOf(o), -1))
                    ++done;
            }
            maxHandlerMs = std::max(maxHandlerMs, handler.nsecsElapsed() / 1e6);
        });
        runUntil([&] { return cache->isSynced() && model.rowCount() >= int(finalSeq.size()); }, 60000);
        deliveries = 0;
        heartbeat.start();
        QElapsedTimer t;
        t.start();
        const quint64 roundsBefore = cache->deliveries();
        app.startRecording();
        runUntil([&] { return done >= finalSeq.size(); }, 120000);
        const quint64 rounds = cache->deliveries() - roundsBefore;
        const QString longestEvent = app.stopRecording();
        const double ms = t.nsecsElapsed() / 1e6;
        heartbeat.stop();
        report("sustained watch ingest (100,000 MODIFIED events, real objects)", kEvents / (ms / 1000.0), "events/s");
        std::printf("  (%.1f MB of events in %.0f ms; %lld deliveries to the GUI thread = %.1f per second, in %lld "
                    "changed() chunks; %s)\n",
                    streamBytes / 1048576.0, ms, qlonglong(rounds), rounds / (ms / 1000.0), qlonglong(deliveries),
                    done >= finalSeq.size() ? "all final states seen" : "INCOMPLETE");
        report("  longest GUI event-loop stall during ingest", heartbeat.maxStallMs(), "ms");
        report("    of which the GUI thread was running", heartbeat.maxStallCpuMs(), "ms");
        report("  longest time in one changed() handler (bench's own work)", maxHandlerMs, "ms");
        std::printf("  (longest single event on the GUI thread: %s)\n", qPrintable(longestEvent));
        std::printf("  (rows in the list model: %d)\n", model.rowCount());
        report("resident memory after ingest (incl. the firehose buffers)", rssMb(), "MB");
        connection.reset();
        QMetaObject::invokeMethod(
            &serverContext, [&] { delete server; }, Qt::BlockingQueuedConnection);
        serverThread.quit();
        serverThread.wait();
    }
    return 0;
}
