#pragma once

#include <QStringList>

namespace rolldeck {

class CommandIo;

// `rolldeck status [--kubeconfig FILE] [--context C ... | --all-contexts] [-n NS | -A] [--watch] [--json]
// [--timeout S]`, or with `--workspace FILE [--env NAME ...]` instead of contexts and namespaces (resolved as the
// console does): lists rollouts live from the clusters through the console's caches, feed and rows, those needing
// attention first (models/domain/Attention.h), and with --watch each change as it arrives. Exit status: 0 nothing
// needs attention, 1 something does, 2 usage or connection errors.
class StatusCommand
{
public:
    enum ExitCode { Ok = 0, NeedsAttention = 1, Error = 2 };

    // arguments: everything after "status". Runs the QCoreApplication's event loop.
    static int run(const QStringList &arguments, const CommandIo &io);
};

} // namespace rolldeck
