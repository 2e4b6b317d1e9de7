#include "SampleFleet.h"

namespace rolldeck::test {

namespace {

struct Spec
{
    const char *cluster;
    const char *ns;
    const char *name;
    const char *strategy;
    const char *status;
    const char *message;
    int step; // -1: none
    int steps;
    int setWeight; // -1: none
    int actualWeight;
    int ready;
    int current;
    qint64 ageSeconds;
    bool timedPause;
};

const Spec kFleet[] = {
    {"production-eu", "shop", "checkout", "Canary", "Paused", "CanaryPauseStep", 1, 8, 5, 5, 10, 10, 1800, false},
    {"production-eu", "shop", "cart", "Canary", "Healthy", "", 8, 8, 100, 100, 6, 6, 9 * 86400, false},
    {"production-eu", "payments", "payments-api", "Canary", "Degraded",
     "RolloutAborted: Rollout aborted update to revision 14: Metric \"error-rate\" assessed Failed", 0, 8, 0, 0, 8, 8,
     5400, false},
    {"production-eu", "search", "search-frontend", "BlueGreen", "Paused", "BlueGreenPause", -1, 0, -1, -1, 4, 8, 720,
     false},
    {"production-eu", "identity", "auth-service", "Canary", "Progressing", "more replicas need to be updated", 3, 8, 25,
     25, 5, 7, 3 * 3600, false},
    {"production-us", "shop", "checkout", "Canary", "Paused", "CanaryPauseStep", 3, 8, 25, 25, 12, 12, 2 * 3600, true},
    {"production-us", "shop", "recommendations", "Canary", "Healthy", "", 8, 8, 100, 100, 9, 9, 21 * 86400, false},
    {"production-us", "payments", "ledger", "BlueGreen", "Healthy", "", -1, 0, -1, -1, 3, 3, 40 * 86400, false},
    {"production-us", "inventory", "stock-sync", "Canary", "Progressing", "waiting for all steps to complete", 5, 8, 50,
     48, 10, 10, 4 * 3600, false},
    {"staging", "shop", "checkout", "Canary", "Healthy", "", 8, 8, 100, 100, 2, 2, 3600, false},
    {"staging", "ab-tests", "pricing-page", "Canary", "Paused", "InconclusiveAnalysisRun", 2, 4, 50, 50, 4, 4, 600,
     false},
    {"staging", "identity", "auth-service", "Canary", "Unknown", "", -1, 8, 0, 0, 0, 2, 95, false},
};

} // namespace

QList<RolloutRow> sampleFleet(const QDateTime &now)
{
    QList<RolloutRow> rows;
    int n = 0;
    for (const Spec &s : kFleet) {
        RolloutRow r;
        r.cluster = QString::fromUtf8(s.cluster);
        r.namespaceName = QString::fromUtf8(s.ns);
        r.name = QString::fromUtf8(s.name);
        r.uid = QStringLiteral("00000000-0000-4000-8000-%1").arg(++n, 12, 10, QLatin1Char('0'));
        r.resourceVersion = QString::number(1000 + n);
        r.strategy = QString::fromUtf8(s.strategy);
        r.status = QString::fromUtf8(s.status);
        r.message = QString::fromUtf8(s.message);
        if (s.step >= 0 && s.steps > 0) {
            r.currentStepIndex = s.step;
            r.stepCount = s.steps;
            r.step = QString::number(s.step) + u'/' + QString::number(s.steps);
        }
        if (s.setWeight >= 0) {
            r.setWeight = s.setWeight;
            r.actualWeight = s.actualWeight;
        }
        r.desiredReplicas = s.current;
        r.currentReplicas = s.current;
        r.updatedReplicas = s.ready;
        r.readyReplicas = s.ready;
        r.availableReplicas = s.ready;
        r.created = now.addSecs(-s.ageSeconds);
        r.timedPause = s.timedPause;
        rows << r;
    }
    return rows;
}

} // namespace rolldeck::test
