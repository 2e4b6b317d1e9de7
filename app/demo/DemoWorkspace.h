#pragma once

#include "workspace/Workspace.h"

namespace rolldeck {

// The demo cluster's environments, used by `rolldeck --demo` when no --workspace is given: its four namespaces
// (production, canary, staging, development) as environments of context rolldeck-demo, production first and with
// the careful policy (reason and type-to-confirm), so the sidebar and the presenter board show them as lanes. Each
// has the deployment model's rollback triggers on the new version's series; the guard may abort in canary only.
Workspace demoWorkspace();

} // namespace rolldeck
