#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace rolldeck {

class CommandIo;

// A secret from `io.in()`: on a terminal one line typed without echo after `prompt` (on stderr), else everything up
// to the end of input. One trailing line break (what `echo` and editors add) is not part of it.
QByteArray readSecretInput(const CommandIo &io, const QString &prompt);

// `rolldeck credential set NAME | delete NAME | check [--workspace FILE]`: the keychain entries (QtKeychain service
// "rolldeck", key NAME) the workspace's `credential: keychain:NAME` references point at.
//   set     reads the secret from standard input (never from the command line; without echo on a terminal) and
//           stores it;
//   delete  removes the entry;
//   check   reads every entry the workspace refers to and says for each whether it is present, never its value.
// Exit status: 0 done (check: everything present), 1 check: something missing / delete: no such entry, 2 usage,
// workspace or keychain errors.
class CredentialCommand
{
public:
    enum ExitCode { Ok = 0, Missing = 1, Error = 2 };

    // arguments: everything after "credential". `in` is read by `set`. Runs the QCoreApplication's event loop.
    static int run(const QStringList &arguments, const CommandIo &io);
};

} // namespace rolldeck
