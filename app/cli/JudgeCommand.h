#pragma once

#include <QStringList>

namespace rolldeck {

class CommandIo;

// `rolldeck judge INPUT.json [--json]`: Kayenta's canary judge (models/stats/CanaryJudge) on control and experiment
// samples per metric; `-` reads standard input. Prints each metric's verdict in words and the score, or JSON.
// Exit status: 0 the canary passes, 1 marginal or failing, 2 the input or the command line is wrong.
class JudgeCommand
{
public:
    enum ExitCode { Pass = 0, NotPass = 1, Error = 2 };
    static int run(const QStringList &arguments, const CommandIo &io);
};

} // namespace rolldeck
