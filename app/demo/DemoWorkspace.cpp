#include "demo/DemoWorkspace.h"

namespace rolldeck {

Workspace demoWorkspace()
{
    Workspace ws;
    ws.sourceFile = QStringLiteral("(the demo's environments)");
    for (const char *name : {"production", "canary", "staging", "development"}) {
        Environment environment;
        environment.name = QLatin1String(name);
        environment.clusters.append(ClusterTarget{QStringLiteral("rolldeck-demo"), {environment.name}, 0});
        if (environment.name == u"production") {
            environment.policy.reasonRequired = true;
            environment.policy.typeToConfirm = true;
        }
        ws.environments.append(std::move(environment));
    }
    return ws;
}

} // namespace rolldeck
