#pragma once

#include <QStringList>

#include <cstdio>

namespace rolldeck {

// `rolldeck promote|abort|retry|undo|restart|pause NS/NAME [--context C] [--kubeconfig F] [--workspace F] [--full]
// [--to-revision N] --reason TEXT [--confirm NAME] [--yes] [--timeout S] [--audit-dir D]`: one action through the
// action service (policy, decision-state check, permission, audit log), straight to the cluster. Without --yes on a
// terminal it states the decision and asks; it prints before → after. Exit status: 0 done, 1 refused by policy or
// by the server, 2 bad input, 3 outcome unknown.
class ActionCommand
{
public:
    enum ExitCode { Done = 0, Refused = 1, BadInput = 2, OutcomeUnknown = 3 };

    static bool handles(const QString &verb);
    // arguments: everything after the verb. Runs the event loop of the existing QCoreApplication.
    static int run(const QString &verb, const QStringList &arguments, FILE *in, FILE *out, FILE *err);
};

} // namespace rolldeck
