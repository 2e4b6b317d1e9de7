// Fleet benchmark for the read path below the widgets:
//   JSON bytes -> QJsonDocument -> domain types (ObjectStore) -> rollout views -> list model rows,
// for a synthetic fleet of N rollouts with 3 ReplicaSets and 5 pods each, then single-object updates
// (a rollout's status or one of its pods) applied end to end: parse, store, view, row, model.
// Prints total and per-phase times, per-update median and p99, and peak memory (ru_maxrss).
//
//   bench_rolloutfleet [--rollouts N] [--updates M] [--proxy] [--sort-age]
// --proxy attaches the sorting/filtering proxy the table uses (sorted by status, attention filter on); --sort-age
// has it sort by the Age column instead (a person who wants the newest rollouts first).
#include "models/itemmodels/RolloutFeed.h"
#include "models/itemmodels/RolloutFilterProxyModel.h"
#include "models/itemmodels/RolloutListModel.h"
#include "models/itemmodels/RolloutRow.h"
#include "models/argo/ObjectStore.h"
#include "models/argo/RolloutInfo.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <malloc.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ctime>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <random>
#include <vector>

using namespace rolldeck;

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 3, 14), QTime(10, 45, 0), Qt::UTC);
const QString kCreated = QStringLiteral("2026-03-07T10:45:00Z");
constexpr int kPodsPerRollout = 5;

// CPU time of this thread: unlike wall time, it does not count the time other processes held the CPU
// (the build machine is shared), so it is the steadier figure.
double cpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

long maxRssKb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

long currentRssKb()
{
    FILE *f = std::fopen("/proc/self/statm", "r");
    if (!f)
        return 0;
    long pages = 0, resident = 0;
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2)
        resident = 0;
    std::fclose(f);
    return resident * 4;
}

QString ns(int i)
{
    return QStringLiteral("team-%1").arg(i % 50);
}
QString rolloutName(int i)
{
    return QStringLiteral("service-%1").arg(i);
}
QString hash(int i, int rev)
{
    return QStringLiteral("h%1r%2").arg(i).arg(rev);
}

QJsonObject meta(const QString &name, const QString &nsName, const QString &uid, const QJsonObject &extra = {})
{
    QJsonObject m{{QStringLiteral("name"), name},    {QStringLiteral("namespace"), nsName},
                  {QStringLiteral("uid"), uid},      {QStringLiteral("resourceVersion"), QStringLiteral("1000")},
                  {QStringLiteral("generation"), 2}, {QStringLiteral("creationTimestamp"), kCreated}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        m.insert(it.key(), it.value());
    return m;
}

QJsonArray containers(const QString &image)
{
    return QJsonArray{QJsonObject{
        {QStringLiteral("name"), QStringLiteral("app")},
        {QStringLiteral("image"), image},
        {QStringLiteral("ports"), QJsonArray{QJsonObject{{QStringLiteral("containerPort"), 8080}}}},
        {QStringLiteral("resources"),
         QJsonObject{{QStringLiteral("requests"), QJsonObject{{QStringLiteral("cpu"), QStringLiteral("100m")},
                                                              {QStringLiteral("memory"), QStringLiteral("128Mi")}}}}}}};
}

// A canary at a step between 0 and 5 (every fifth one blue-green), with ready replicas `ready`.
QJsonObject rolloutJson(int i, int step, int ready, int rv)
{
    const bool blueGreen = i % 5 == 4;
    QJsonObject strategy;
    if (blueGreen) {
        strategy.insert(
            QStringLiteral("blueGreen"),
            QJsonObject{{QStringLiteral("activeService"), QString(rolloutName(i) + QStringLiteral("-active"))},
                        {QStringLiteral("previewService"), QString(rolloutName(i) + QStringLiteral("-preview"))}});
    } else {
        const QJsonArray steps{
            QJsonObject{{QStringLiteral("setWeight"), 20}},
            QJsonObject{{QStringLiteral("pause"), QJsonObject{{QStringLiteral("duration"), QStringLiteral("1h")}}}},
            QJsonObject{{QStringLiteral("setWeight"), 50}}, QJsonObject{{QStringLiteral("pause"), QJsonObject{}}},
            QJsonObject{{QStringLiteral("setWeight"), 80}}};
        strategy.insert(QStringLiteral("canary"), QJsonObject{{QStringLiteral("steps"), steps}});
    }
    QJsonObject status{{QStringLiteral("observedGeneration"), QStringLiteral("2")},
                       {QStringLiteral("replicas"), kPodsPerRollout},
                       {QStringLiteral("updatedReplicas"), 1},
                       {QStringLiteral("readyReplicas"), ready},
                       {QStringLiteral("availableReplicas"), ready},
                       {QStringLiteral("stableRS"), hash(i, 2)},
                       {QStringLiteral("currentPodHash"), hash(i, 3)}};
    if (!blueGreen) {
        status.insert(QStringLiteral("currentStepIndex"), step);
        if (step == 1 || step == 3) {
            status.insert(
                QStringLiteral("pauseConditions"),
                QJsonArray{QJsonObject{{QStringLiteral("reason"), QStringLiteral("CanaryPauseStep")},
                                       {QStringLiteral("startTime"), QStringLiteral("2026-03-14T10:30:00Z")}}});
        }
    } else {
        status.insert(QStringLiteral("blueGreen"), QJsonObject{{QStringLiteral("activeSelector"), hash(i, 2)},
                                                               {QStringLiteral("previewSelector"), hash(i, 3)}});
    }
    QJsonObject m = meta(rolloutName(i), ns(i), QStringLiteral("ro-%1").arg(i));
    m.insert(QStringLiteral("resourceVersion"), QString::number(rv));
    return QJsonObject{
        {QStringLiteral("apiVersion"), QStringLiteral("argoproj.io/v1alpha1")},
        {QStringLiteral("kind"), QStringLiteral("Rollout")},
        {QStringLiteral("metadata"), m},
        {QStringLiteral("spec"),
         QJsonObject{
             {QStringLiteral("replicas"), kPodsPerRollout},
             {QStringLiteral("selector"),
              QJsonObject{{QStringLiteral("matchLabels"), QJsonObject{{QStringLiteral("app"), rolloutName(i)}}}}},
             {QStringLiteral("template"),
              QJsonObject{
                  {QStringLiteral("metadata"),
                   QJsonObject{{QStringLiteral("labels"), QJsonObject{{QStringLiteral("app"), rolloutName(i)}}}}},
                  {QStringLiteral("spec"),
                   QJsonObject{{QStringLiteral("containers"), containers(QStringLiteral("registry.example/") +
                                                                         rolloutName(i) + QStringLiteral(":v3"))}}}}},
             {QStringLiteral("strategy"), strategy}}},
        {QStringLiteral("status"), status}};
}

QJsonObject ownerRef(const QString &kind, const QString &name, const QString &uid)
{
    return QJsonObject{{QStringLiteral("apiVersion"),
                        kind == u"Rollout" ? QStringLiteral("argoproj.io/v1alpha1") : QStringLiteral("apps/v1")},
                       {QStringLiteral("kind"), kind},
                       {QStringLiteral("name"), name},
                       {QStringLiteral("uid"), uid},
                       {QStringLiteral("controller"), true}};
}

// Revision 1 scaled down, 2 stable with 4 pods, 3 canary with 1 pod.
QJsonObject replicaSetJson(int i, int rev)
{
    const int replicas = rev == 1 ? 0 : (rev == 2 ? 4 : 1);
    const QString name = rolloutName(i) + u'-' + hash(i, rev);
    QJsonObject m =
        meta(name, ns(i), QStringLiteral("rs-%1-%2").arg(i).arg(rev),
             QJsonObject{
                 {QStringLiteral("labels"), QJsonObject{{QStringLiteral("app"), rolloutName(i)},
                                                        {QStringLiteral("rollouts-pod-template-hash"), hash(i, rev)}}},
                 {QStringLiteral("annotations"),
                  QJsonObject{{QStringLiteral("rollout.argoproj.io/revision"), QString::number(rev)}}},
                 {QStringLiteral("ownerReferences"),
                  QJsonArray{ownerRef(QStringLiteral("Rollout"), rolloutName(i), QStringLiteral("ro-%1").arg(i))}}});
    return QJsonObject{
        {QStringLiteral("apiVersion"), QStringLiteral("apps/v1")},
        {QStringLiteral("kind"), QStringLiteral("ReplicaSet")},
        {QStringLiteral("metadata"), m},
        {QStringLiteral("spec"),
         QJsonObject{{QStringLiteral("replicas"), replicas},
                     {QStringLiteral("template"),
                      QJsonObject{{QStringLiteral("spec"),
                                   QJsonObject{{QStringLiteral("containers"),
                                                containers(QStringLiteral("registry.example/") + rolloutName(i) +
                                                           QStringLiteral(":v") + QString::number(rev))}}}}}}},
        {QStringLiteral("status"), QJsonObject{{QStringLiteral("replicas"), replicas},
                                               {QStringLiteral("readyReplicas"), replicas},
                                               {QStringLiteral("availableReplicas"), replicas},
                                               {QStringLiteral("observedGeneration"), 2}}}};
}

// Pod p (0..4) of rollout i: 0-3 belong to the stable ReplicaSet, 4 to the canary.
QJsonObject podJson(int i, int p, bool ready, int restarts)
{
    const int rev = p < 4 ? 2 : 3;
    const QString rsName = rolloutName(i) + u'-' + hash(i, rev);
    QJsonObject m = meta(
        rsName + QStringLiteral("-p") + QString::number(p), ns(i), QStringLiteral("pod-%1-%2").arg(i).arg(p),
        QJsonObject{
            {QStringLiteral("ownerReferences"),
             QJsonArray{ownerRef(QStringLiteral("ReplicaSet"), rsName, QStringLiteral("rs-%1-%2").arg(i).arg(rev))}}});
    const QJsonObject containerStatus{
        {QStringLiteral("name"), QStringLiteral("app")},
        {QStringLiteral("ready"), ready},
        {QStringLiteral("restartCount"), restarts},
        {QStringLiteral("image"), QString(QStringLiteral("registry.example/") + rolloutName(i))},
        {QStringLiteral("state"),
         QJsonObject{{QStringLiteral("running"), QJsonObject{{QStringLiteral("startedAt"), kCreated}}}}}};
    return QJsonObject{
        {QStringLiteral("apiVersion"), QStringLiteral("v1")},
        {QStringLiteral("kind"), QStringLiteral("Pod")},
        {QStringLiteral("metadata"), m},
        {QStringLiteral("spec"),
         QJsonObject{{QStringLiteral("containers"), containers(QStringLiteral("registry.example/") + rolloutName(i))},
                     {QStringLiteral("nodeName"), QStringLiteral("node-%1").arg(i % 40)}}},
        {QStringLiteral("status"),
         QJsonObject{{QStringLiteral("phase"), QStringLiteral("Running")},
                     {QStringLiteral("podIP"), QStringLiteral("10.0.%1.%2").arg((i / 200) % 250).arg(i % 200 + p)},
                     {QStringLiteral("containerStatuses"), QJsonArray{containerStatus}}}}};
}

// A LIST response as the API server sends it.
QByteArray listBytes(const QString &kind, const QJsonArray &items)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                                     {QStringLiteral("kind"), QString(kind + QStringLiteral("List"))},
                                     {QStringLiteral("metadata"),
                                      QJsonObject{{QStringLiteral("resourceVersion"), QStringLiteral("1000")}}},
                                     {QStringLiteral("items"), items}})
        .toJson(QJsonDocument::Compact);
}

double percentile(std::vector<double> sorted, double p)
{
    std::sort(sorted.begin(), sorted.end());
    const size_t idx = std::min(sorted.size() - 1, size_t(p * double(sorted.size() - 1) + 0.5));
    return sorted[idx];
}

const QString kCluster = QStringLiteral("bench");

bool writeAll(int fd, const char *data, size_t size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n <= 0)
            return false;
        data += n;
        size -= size_t(n);
    }
    return true;
}

bool readAll(int fd, char *data, size_t size)
{
    while (size > 0) {
        const ssize_t n = ::read(fd, data, size);
        if (n <= 0)
            return false;
        data += n;
        size -= size_t(n);
    }
    return true;
}

// Rollout, ReplicaSet and Pod LIST bytes for the fleet, built in a forked child and sent through a pipe.
QList<QByteArray> generateLists(int rollouts)
{
    int fds[2];
    if (::pipe(fds) != 0)
        return {};
    const pid_t pid = ::fork();
    if (pid < 0)
        return {};
    if (pid == 0) {
        ::close(fds[0]);
        QJsonArray ro, rs, pods;
        for (int i = 0; i < rollouts; ++i) {
            ro.append(rolloutJson(i, i % 6, 5, 1000));
            for (int rev = 1; rev <= 3; ++rev)
                rs.append(replicaSetJson(i, rev));
            for (int p = 0; p < kPodsPerRollout; ++p)
                pods.append(podJson(i, p, true, 0));
        }
        bool ok = true;
        for (const QByteArray &bytes :
             {listBytes(QStringLiteral("Rollout"), ro), listBytes(QStringLiteral("ReplicaSet"), rs),
              listBytes(QStringLiteral("Pod"), pods)}) {
            const quint64 size = quint64(bytes.size());
            ok = ok && writeAll(fds[1], reinterpret_cast<const char *>(&size), sizeof size) &&
                 writeAll(fds[1], bytes.constData(), size_t(bytes.size()));
        }
        ::_exit(ok ? 0 : 1);
    }
    ::close(fds[1]);
    QList<QByteArray> out;
    for (int k = 0; k < 3; ++k) {
        quint64 size = 0;
        if (!readAll(fds[0], reinterpret_cast<char *>(&size), sizeof size))
            break;
        QByteArray bytes(qsizetype(size), Qt::Uninitialized);
        if (!readAll(fds[0], bytes.data(), size_t(size)))
            break;
        out.append(bytes);
    }
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return {};
    return out;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    int rollouts = 5000;
    int updates = 5000;
    bool withProxy = false;
    bool sortByAge = false;
    for (int a = 1; a < argc; ++a) {
        if (!std::strcmp(argv[a], "--rollouts") && a + 1 < argc)
            rollouts = std::atoi(argv[++a]);
        else if (!std::strcmp(argv[a], "--updates") && a + 1 < argc)
            updates = std::atoi(argv[++a]);
        else if (!std::strcmp(argv[a], "--proxy"))
            withProxy = true;
        else if (!std::strcmp(argv[a], "--sort-age"))
            withProxy = sortByAge = true;
    }

    const long rssStart = currentRssKb();
    // The LIST bytes are generated in a child process, so building them leaves no trace in this
    // process's heap or its peak resident size (ru_maxrss).
    const QList<QByteArray> lists = generateLists(rollouts);
    if (lists.size() != 3) {
        std::fprintf(stderr, "generating the fleet failed\n");
        return 1;
    }
    const QByteArray &rolloutBytes = lists[0];
    const QByteArray &rsBytes = lists[1];
    const QByteArray &podBytes = lists[2];
    const long rssAfterGen = currentRssKb();

    RolloutListModel model;
    model.setClock([] { return kNow; });
    RolloutFilterProxyModel proxy;
    if (withProxy) {
        proxy.setSourceModel(&model);
        proxy.sort(int(sortByAge ? RolloutListModel::Column::Age : RolloutListModel::Column::Status),
                   Qt::DescendingOrder);
    }

    ObjectStore store;
    QElapsedTimer total;
    total.start();
    const double cpuStart = cpuMs();
    QElapsedTimer phase;

    // 1. bytes -> JSON
    phase.start();
    QJsonArray roItems = QJsonDocument::fromJson(rolloutBytes).object().value(QStringLiteral("items")).toArray();
    QJsonArray rsItems = QJsonDocument::fromJson(rsBytes).object().value(QStringLiteral("items")).toArray();
    QJsonArray podItems = QJsonDocument::fromJson(podBytes).object().value(QStringLiteral("items")).toArray();
    const double tParse = phase.nsecsElapsed() / 1e6;
    const long rssParsed = currentRssKb();

    // 2. JSON -> domain types
    phase.start();
    Diagnostics problems;
    long rssByKind[3] = {};
    for (const QJsonValue &v : roItems)
        store.upsert(v.toObject(), {}, &problems);
    rssByKind[0] = currentRssKb();
    for (const QJsonValue &v : rsItems)
        store.upsert(v.toObject(), {}, &problems);
    rssByKind[1] = currentRssKb();
    for (const QJsonValue &v : podItems)
        store.upsert(v.toObject(), {}, &problems);
    rssByKind[2] = currentRssKb();
    const double tStore = phase.nsecsElapsed() / 1e6;
    const long rssStored = currentRssKb();

    // 3. domain types -> views
    phase.start();
    std::vector<RolloutInfo> infos;
    infos.reserve(size_t(rollouts));
    for (const Rollout *ro : store.rollouts())
        infos.push_back(buildRolloutInfo(*ro, store, kNow));
    const double tViews = phase.nsecsElapsed() / 1e6;
    const long rssViews = currentRssKb();

    // 4. views -> rows -> model (one batch, as the first LIST arrives)
    phase.start();
    QList<RolloutRow> rows;
    rows.reserve(qsizetype(infos.size()));
    for (const RolloutInfo &info : infos)
        rows.append(rolloutRowFromInfo(kCluster, info));
    model.upsert(rows);
    const double tModel = phase.nsecsElapsed() / 1e6;
    const double tTotal = total.nsecsElapsed() / 1e6;
    const double cpuTotal = cpuMs() - cpuStart;
    const long rssLoaded = currentRssKb();
    const long peakLoaded = maxRssKb();

    if (model.rowCount() != rollouts || !problems.isEmpty()) {
        std::fprintf(stderr, "fleet load wrong: %d rows, %lld problems (%s)\n", model.rowCount(),
                     qlonglong(problems.size()), problems.isEmpty() ? "" : qPrintable(problems.front().toString()));
        return 1;
    }
    infos.clear();
    rows.clear();
    // What the store keeps by itself once the LIST documents are gone (freed pages returned to the OS).
    roItems = QJsonArray();
    rsItems = QJsonArray();
    podItems = QJsonArray();
    malloc_trim(0);
    const long rssStoreOnly = currentRssKb();

    // Updates: pre-generate the bytes of each event (a rollout's status, or one pod's readiness), then time
    // parse -> store -> affected rollouts -> view -> row -> model, one object at a time.
    std::mt19937 rng(42);
    std::vector<QByteArray> events;
    events.reserve(size_t(updates));
    for (int u = 0; u < updates; ++u) {
        const int i = int(rng() % unsigned(rollouts));
        if (u % 2 == 0)
            events.push_back(
                QJsonDocument(rolloutJson(i, int(rng() % 6), int(rng() % 6), 2000 + u)).toJson(QJsonDocument::Compact));
        else
            events.push_back(QJsonDocument(podJson(i, int(rng() % kPodsPerRollout), rng() % 2 == 0, int(rng() % 3)))
                                 .toJson(QJsonDocument::Compact));
    }
    int changed = 0;
    QObject::connect(&model, &QAbstractItemModel::dataChanged, &model, [&changed] { ++changed; });
    std::vector<double> perUpdate;
    perUpdate.reserve(events.size());
    std::vector<double> modelOnly;
    modelOnly.reserve(events.size());
    std::vector<double> parseOnly, storeOnly, viewOnly, cpuPerUpdate;
    for (const QByteArray &bytes : events) {
        const double c0 = cpuMs();
        QElapsedTimer t;
        t.start();
        const QJsonObject obj = QJsonDocument::fromJson(bytes).object();
        const qint64 t1 = t.nsecsElapsed();
        const ObjectKey key = store.upsert(obj);
        const QList<ObjectKey> affected = store.rolloutsAffectedBy(key);
        const qint64 t2 = t.nsecsElapsed();
        QList<RolloutChange> changes;
        for (const ObjectKey &k : affected) {
            if (const Rollout *ro = store.rollout(k.namespaceName, k.name))
                changes.append(RolloutChange::upsert(rolloutRowFromInfo(kCluster, buildRolloutInfo(*ro, store, kNow))));
        }
        const qint64 t3 = t.nsecsElapsed();
        model.apply(changes);
        const qint64 t4 = t.nsecsElapsed();
        parseOnly.push_back(t1 / 1e3);
        storeOnly.push_back((t2 - t1) / 1e3);
        viewOnly.push_back((t3 - t2) / 1e3);
        modelOnly.push_back((t4 - t3) / 1e3);
        perUpdate.push_back(t4 / 1e3);
        cpuPerUpdate.push_back((cpuMs() - c0) * 1e3);
    }
    const long peakEnd = maxRssKb();

    std::printf(
        "fleet: %d rollouts, %d ReplicaSets, %d pods (%s)\n", rollouts, rollouts * 3, rollouts * kPodsPerRollout,
        withProxy ? (sortByAge ? "model + proxy sorted by age" : "model + proxy sorted by status") : "model only");
    std::printf("  LIST bytes: rollouts %.1f MB, replicasets %.1f MB, pods %.1f MB\n", rolloutBytes.size() / 1e6,
                rsBytes.size() / 1e6, podBytes.size() / 1e6);
    std::printf("  total fleet load: %.1f ms wall, %.1f ms CPU\n", tTotal, cpuTotal);
    std::printf("    parse JSON        %8.1f ms\n", tParse);
    std::printf("    domain types      %8.1f ms\n", tStore);
    std::printf("    rollout views     %8.1f ms\n", tViews);
    std::printf("    rows + model      %8.1f ms\n", tModel);
    std::printf("updates: %d single-object events (half rollout status, half pod), %d dataChanged\n", updates, changed);
    std::printf("  per update end to end: median %.1f us, p99 %.1f us, max %.1f us\n", percentile(perUpdate, 0.5),
                percentile(perUpdate, 0.99), *std::max_element(perUpdate.begin(), perUpdate.end()));
    std::printf("  per update CPU time:   median %.1f us, p99 %.1f us\n", percentile(cpuPerUpdate, 0.5),
                percentile(cpuPerUpdate, 0.99));
    std::printf("    parse JSON           median %6.2f us, p99 %6.2f us\n", percentile(parseOnly, 0.5),
                percentile(parseOnly, 0.99));
    std::printf("    store + ownership    median %6.2f us, p99 %6.2f us\n", percentile(storeOnly, 0.5),
                percentile(storeOnly, 0.99));
    std::printf("    view + row           median %6.2f us, p99 %6.2f us\n", percentile(viewOnly, 0.5),
                percentile(viewOnly, 0.99));
    std::printf("    model apply          median %6.2f us, p99 %6.2f us\n", percentile(modelOnly, 0.5),
                percentile(modelOnly, 0.99));
    std::printf(
        "memory by phase (RSS): parsed JSON %.1f MB, + domain types %.1f MB, + views %.1f MB, + rows/model %.1f MB\n",
        rssParsed / 1024.0, rssStored / 1024.0, rssViews / 1024.0, rssLoaded / 1024.0);
    std::printf("domain types by kind (RSS growth): rollouts %.1f MB, ReplicaSets %.1f MB, pods %.1f MB\n",
                (rssByKind[0] - rssParsed) / 1024.0, (rssByKind[1] - rssByKind[0]) / 1024.0,
                (rssByKind[2] - rssByKind[1]) / 1024.0);
    std::printf("memory held once the LIST documents are released: %.1f MB RSS\n", rssStoreOnly / 1024.0);
    std::printf("memory: RSS at start %.1f MB, with the LIST bytes %.1f MB, fleet loaded %.1f MB; "
                "peak (ru_maxrss) after load %.1f MB, after the updates %.1f MB\n",
                rssStart / 1024.0, rssAfterGen / 1024.0, rssLoaded / 1024.0, peakLoaded / 1024.0, peakEnd / 1024.0);

    // The once-a-second age refresh when every row's age reads differently a second later (the fleet is a minute
    // old): what the console's timer meets with a young fleet.
    {
        QDateTime now = QDateTime::fromString(kCreated, Qt::ISODate).addSecs(60);
        model.setClock([&now] { return now; });
        int emitted = 0;
        const auto counter =
            QObject::connect(&model, &QAbstractItemModel::dataChanged, &model, [&emitted] { ++emitted; });
        std::vector<double> refresh;
        for (int i = 0; i < 20; ++i) {
            now = now.addSecs(1);
            QElapsedTimer t;
            t.start();
            model.refreshAge();
            refresh.push_back(t.nsecsElapsed() / 1e6);
        }
        QObject::disconnect(counter);
        model.setClock([] { return kNow; });
        std::printf("age refresh, every row reading differently: median %.2f ms, max %.2f ms (%d dataChanged in 20)\n",
                    percentile(refresh, 0.5), *std::max_element(refresh.begin(), refresh.end()), emitted);
    }

    // The production path: the same LIST bytes and events through RolloutFeed (which also finds the affected
    // rollouts and dedupes them per batch), into a fresh model. Figures above are not affected by this pass.
    {
        RolloutListModel feedModel;
        feedModel.setClock([] { return kNow; });
        RolloutFeed feed(&feedModel);
        const double c0 = cpuMs();
        QElapsedTimer t;
        t.start();
        const auto items = [](const QByteArray &bytes) {
            QList<QJsonObject> out;
            const QJsonArray array = QJsonDocument::fromJson(bytes).object().value(QStringLiteral("items")).toArray();
            out.reserve(array.size());
            for (const QJsonValue &v : array)
                out.append(v.toObject());
            return out;
        };
        // Children first, as when their LISTs complete first: each row is then built once. (Rollouts first
        // builds every row twice, once more when its ReplicaSets arrive.)
        feed.apply(kCluster, QStringLiteral("Pod"), items(podBytes), {});
        feed.apply(kCluster, QStringLiteral("ReplicaSet"), items(rsBytes), {});
        feed.apply(kCluster, QStringLiteral("Rollout"), items(rolloutBytes), {});
        const double loadMs = t.nsecsElapsed() / 1e6;
        const double loadCpu = cpuMs() - c0;
        std::vector<double> feedUpdate;
        feedUpdate.reserve(events.size());
        for (const QByteArray &bytes : events) {
            QElapsedTimer u;
            u.start();
            const QJsonObject obj = QJsonDocument::fromJson(bytes).object();
            feed.apply(kCluster, obj.value(QStringLiteral("kind")).toString(), {obj}, {});
            feedUpdate.push_back(u.nsecsElapsed() / 1e3);
        }
        std::printf("through RolloutFeed: fleet load %.1f ms wall, %.1f ms CPU (%d rows); per update median %.1f us, "
                    "p99 %.1f us\n",
                    loadMs, loadCpu, feedModel.rowCount(), percentile(feedUpdate, 0.5), percentile(feedUpdate, 0.99));
        if (feedModel.rowCount() != rollouts)
            return 1;
    }
    return 0;
}
