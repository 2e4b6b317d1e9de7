#pragma once

#include <QStringList>

namespace rolldeck {

class CommandIo;

// `rolldeck abtest report INPUT.json [--json]`: an A/B test's statistics (models/stats/AbReport) from counts and
// samples in a file; `-` reads standard input. `rolldeck abtest report --live NAMESPACE/EXPERIMENT [--json]` reads
// them live (AbTestLive). Exit status: 0 reported, 1 the cluster or Prometheus could not be read, 2 the input or the
// command line is wrong.
class AbTestCommand
{
public:
    enum ExitCode { Ok = 0, Unavailable = 1, Error = 2 };
    static int run(const QStringList &arguments, const CommandIo &io);
};

} // namespace rolldeck
