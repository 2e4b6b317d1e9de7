#pragma once

#include <QStringList>

namespace rolldeck {

class CommandIo;

// `rolldeck audit verify [FILE...] [--against-cluster [--context C]]`, `audit show [--since T] [--json]`,
// `audit export [--since T] [--csv|--json]`, `audit ack ACTION --reason TEXT` (docs/audit.md). verify exits 0 when
// the chain is intact and every outcome known, 1 when the chain is broken (naming the first bad record) or the
// cluster holds a hash the log lacks, 2 on bad input, 3 when an outcome is unknown.
class AuditCommand
{
public:
    enum ExitCode { Ok = 0, Broken = 1, BadInput = 2, OutcomeUnknown = 3 };

    // arguments: everything after "audit".
    static int run(const QStringList &arguments, const CommandIo &io);
};

} // namespace rolldeck
