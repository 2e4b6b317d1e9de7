#pragma once

#include <QStringList>

namespace rolldeck {

class CommandIo;

// `rolldeck promote|abort|retry|undo|restart|pause NS/NAME [--context C] [--kubeconfig F] [--workspace F] [--full]
// [--to-revision N] --reason TEXT [--confirm NAME] [--yes] [--timeout S] [--audit-dir D]`: one action through the
// action service (policy, decision-state check, permission, audit log), straight to the cluster. Without --yes on a
// terminal it states the decision and asks; it prints before → after. Exit status: 0 done, 1 refused by policy or
// by the server, 2 bad input, 3 outcome unknown.
class ActionCommand
{
public:
    enum ExitCode { Done = 0, Refused = 1, BadInput = 2, OutcomeUnknown = 3 };

    // One entry per verb for the command table; arguments: everything after the verb.
    static int promote(const QStringList &arguments, const CommandIo &io);
    static int abort(const QStringList &arguments, const CommandIo &io);
    static int retry(const QStringList &arguments, const CommandIo &io);
    static int undo(const QStringList &arguments, const CommandIo &io);
    static int restart(const QStringList &arguments, const CommandIo &io);
    static int pause(const QStringList &arguments, const CommandIo &io);

    // Runs the event loop of the existing QCoreApplication.
    static int run(const QString &verb, const QStringList &arguments, const CommandIo &io);
};

} // namespace rolldeck
