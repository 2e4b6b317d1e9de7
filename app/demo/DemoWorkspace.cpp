#include "demo/DemoWorkspace.h"

#include <chrono>

namespace rolldeck {

namespace {

// The deployment model's rollback triggers on the simulator's series (docs/sim-scenarios.md), measured on the new
// version only (canary, or blue-green's preview), where a failing release shows before it is averaged away.
QList<Criterion> demoRollbackTriggers()
{
    const QString selector =
        QStringLiteral("namespace=\"{{namespace}}\",rollout=\"{{rollout}}\",version=~\"canary|preview\"");
    struct Trigger
    {
        const char *name;
        QString query;
        const char *condition;
        std::chrono::milliseconds holdFor;
    };
    const Trigger triggers[] = {
        {"error rate",
         QStringLiteral(
             "sum(rate(http_requests_total{%1,status=~\"5..\"}[1m])) / sum(rate(http_requests_total{%1}[1m]))")
             .arg(selector),
         "> 0.5%", std::chrono::seconds(30)},
        {"p95 response time",
         QStringLiteral("histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{%1}[1m])))")
             .arg(selector),
         "> 500ms", std::chrono::seconds(30)},
        {"memory",
         QStringLiteral("max(container_memory_working_set_bytes{%1} / container_spec_memory_limit_bytes{%1})")
             .arg(selector),
         "> 90%", std::chrono::minutes(1)},
    };
    QList<Criterion> out;
    for (const Trigger &t : triggers) {
        Result<Criterion> c = parseCondition(QLatin1String(t.condition));
        if (!c)
            continue; // the conditions above are fixed and parse
        Criterion criterion = std::move(c).value();
        criterion.name = QLatin1String(t.name);
        criterion.query = t.query;
        criterion.condition = QLatin1String(t.condition);
        criterion.holdFor = t.holdFor;
        out.append(criterion);
    }
    return out;
}

} // namespace

Workspace demoWorkspace()
{
    Workspace ws;
    ws.sourceFile = QStringLiteral("(the demo's environments)");
    const QList<Criterion> triggers = demoRollbackTriggers();
    for (const char *name : {"production", "canary", "staging", "development"}) {
        Environment environment;
        environment.name = QLatin1String(name);
        environment.clusters.append(ClusterTarget{QStringLiteral("rolldeck-demo"), {environment.name}, 0});
        environment.rollbackTriggers = triggers;
        if (environment.name == u"production") {
            environment.policy.reasonRequired = true;
            environment.policy.typeToConfirm = true;
        }
        // The canary environment is the one with automated rollback (as in workspace.example.yaml).
        if (environment.name == u"canary")
            environment.policy.guardMayAutoAbort = true;
        ws.environments.append(std::move(environment));
    }
    return ws;
}

} // namespace rolldeck
