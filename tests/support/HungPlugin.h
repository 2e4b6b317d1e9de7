#pragma once

#include <QList>
#include <QString>

#include <functional>

namespace rolldeck::testsupport {

// An exec credential plugin that never answers, for tests that every child process ends with its parent (issue
// 10): a script that starts a `sleep`, writes "PLUGIN_PID SLEEP_PID\n" to `pids`, and waits for it.
struct HungPlugin
{
    QString script;
    QString pids;

    // Writes the script, executable; false if it cannot.
    bool write() const;
    // Writes a kubeconfig whose only (current) context "c", user "u", uses the plugin against a loopback port
    // nothing listens on.
    bool writeKubeconfig(const QString &path) const;
    // Both PIDs once the plugin has written them; else empty.
    QList<qint64> runningPids() const;
};

// Whether the process exists and has not ended (a zombie has ended; only its parent has not reaped it yet).
bool processAlive(qint64 pid);

// Polls `done` every few milliseconds for up to `timeoutMs` without processing any event, for tests of what
// happens when no event loop runs any more. Returns its last result.
bool waitWithoutEvents(const std::function<bool()> &done, int timeoutMs = 5000);

} // namespace rolldeck::testsupport
