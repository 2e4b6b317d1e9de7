// Measures the audit log: one append (lock, write, fsync) as the action service does it, and verifying a log of a
// million realistic records (~600 bytes each: actor, target, decision state, outcome).
#include "app/audit/AuditChain.h"
#include "app/audit/AuditLog.h"
#include "app/audit/AuditVerifier.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFile>
#include <QJsonObject>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

using namespace rolldeck::audit;

namespace {

QJsonObject realisticFields(int i)
{
    return {
        {QStringLiteral("actor"), QJsonObject{{QStringLiteral("os"), QStringLiteral("alice")},
                                              {QStringLiteral("cluster"), QStringLiteral("oidc:alice@example.com")},
                                              {QStringLiteral("route"), QStringLiteral("cluster")}}},
        {QStringLiteral("target"),
         QJsonObject{{QStringLiteral("environment"), QStringLiteral("production")},
                     {QStringLiteral("context"), QStringLiteral("prod-eu-1")},
                     {QStringLiteral("server"), QStringLiteral("https://127.0.0.1:6443")},
                     {QStringLiteral("namespace"), QStringLiteral("payments")},
                     {QStringLiteral("kind"), QStringLiteral("Rollout")},
                     {QStringLiteral("name"), QStringLiteral("checkout-api-%1").arg(i % 100)}}},
        {QStringLiteral("verb"), QStringLiteral("promote")},
        {QStringLiteral("options"), QJsonObject{{QStringLiteral("full"), false}}},
        {QStringLiteral("reason"), QStringLiteral("error rate 0.02% and p95 140 ms for 2h, within criteria")},
        {QStringLiteral("decision"), QJsonObject{{QStringLiteral("revision"), 42},
                                                 {QStringLiteral("step"), 3},
                                                 {QStringLiteral("phase"), QStringLiteral("Paused")},
                                                 {QStringLiteral("aborted"), false},
                                                 {QStringLiteral("paused"), true},
                                                 {QStringLiteral("setWeight"), 25}}},
        {QStringLiteral("resourceVersion"), QString::number(1000000 + i)},
    };
}

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v.at(std::min(v.size() - 1, size_t(p * double(v.size()))));
}

int verifyRuns(const QString &path, int runs)
{
    const qint64 bytes = QFileInfo(path).size();
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer t;
        t.start();
        const VerifyReport report = verifyChain({path});
        const double s = double(t.nsecsElapsed()) / 1e9;
        std::printf("verify %lld records (%.0f MB, %.0f bytes/record): %.3f s (%.0f MB/s)%s\n",
                    static_cast<long long>(report.records), double(bytes) / 1e6,
                    double(bytes) / double(std::max<qint64>(report.records, 1)), s, double(bytes) / 1e6 / s,
                    report.chainIntact() && report.unknown.isEmpty() ? "" : "  BROKEN");
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // `bench_audit --verify FILE`: only the verification of an existing log (for a profiler).
    if (argc == 3 && std::strcmp(argv[1], "--verify") == 0)
        return verifyRuns(QString::fromLocal8Bit(argv[2]), 3);
    const QString base = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(ROLLDECK_BINARY_DIR "/bench");
    QDir().mkpath(base);
    QTemporaryDir dir(base + QStringLiteral("/audit-XXXXXX"));

    // Appends with fsync, as the action service makes them (one process, lock taken each time).
    AuditLog log({dir.path() + QStringLiteral("/live")});
    std::vector<double> ms;
    const int appends = 2000;
    for (int i = 0; i < appends; ++i) {
        QElapsedTimer t;
        t.start();
        const auto r = log.append(i % 2 ? "result" : "intent", QByteArray::number(i / 2), realisticFields(i));
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
        if (!r) {
            std::fprintf(stderr, "append failed: %s\n", qPrintable(r.error()));
            return 1;
        }
    }
    std::printf("append+fsync (%d records): p50 %.3f ms, p99 %.3f ms, max %.3f ms\n", appends, percentile(ms, 0.5),
                percentile(ms, 0.99), *std::max_element(ms.begin(), ms.end()));

    // A million records, written directly (no fsync per record) in one chain, then verified.
    const int records = 1000000;
    const QString bigPath = dir.path() + QStringLiteral("/big.jsonl");
    {
        QFile big(bigPath);
        if (!big.open(QIODevice::WriteOnly))
            return 1;
        QByteArray prev = genesisHash();
        QByteArray chunk;
        const QByteArray time = nowText();
        for (int i = 0; i < records; ++i) {
            QByteArray hash;
            chunk += buildRecordLine(prev, i + 1, time, i % 2 ? "result" : "intent", QByteArray::number(i / 2),
                                     realisticFields(i), &hash);
            chunk += '\n';
            prev = hash;
            if (chunk.size() > (8 << 20)) {
                big.write(chunk);
                chunk.clear();
            }
        }
        big.write(chunk);
    }
    if (qEnvironmentVariableIsSet("ROLLDECK_BENCH_KEEP"))
        dir.setAutoRemove(false);
    return verifyRuns(bigPath, 3);
}
