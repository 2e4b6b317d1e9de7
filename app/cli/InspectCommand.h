#pragma once

#include <QDateTime>
#include <QStringList>

namespace rolldeck {

class CommandIo;

// `rolldeck inspect PATH... [--rollout NAME] [--experiment NAME] [--json] [--now TIME]`: shows saved
// Kubernetes objects as `kubectl argo rollouts get rollout` would. Exit status: 0 fine, 1 usage error
// or nothing to show, 2 bad input (every problem is named on stderr; the valid objects are still shown).
class InspectCommand
{
public:
    enum ExitCode { Ok = 0, UsageError = 1, BadInput = 2 };

    // arguments: everything after "inspect". Needs a QCoreApplication for translations only.
    static int run(const QStringList &arguments, const CommandIo &io);
};

} // namespace rolldeck
