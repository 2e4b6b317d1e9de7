#include "io/ChildProcess.h"

#include <QProcess>

#include <array>
#include <atomic>
#include <csignal>
#include <cstdlib>

#include <sys/prctl.h>
#include <unistd.h>

namespace rolldeck {

namespace {

// The process groups of the running children, for the signal handler: fixed slots, lock-free, 0 = free.
std::array<std::atomic<pid_t>, 64> g_groups{};

// SIGINT, SIGTERM, SIGHUP (Ctrl-C on `rolldeck status --watch`, a logout, kill): the children's groups go first,
// then the signal takes its default course. Only async-signal-safe calls.
void onTerminatingSignal(int signal)
{
    for (std::atomic<pid_t> &group : g_groups) {
        const pid_t pid = group.load();
        if (pid > 0)
            ::kill(-pid, SIGKILL);
    }
    ::signal(signal, SIG_DFL);
    ::raise(signal);
}

// At exit (a return from main, exit()): a group still running has outlived whatever should have ended it (an
// object never destroyed, a deletion that never ran); it ends now rather than outlive the process.
void killRemainingGroups()
{
    for (std::atomic<pid_t> &group : g_groups) {
        const pid_t pid = group.exchange(0);
        if (pid > 0)
            ::kill(-pid, SIGKILL);
    }
}

// Installed once; the signal handlers only where the signal still has its default action (not where it is
// ignored, as under nohup, or handled by someone else).
void installHandlers()
{
    static const bool installed = [] {
        std::atexit(killRemainingGroups);
        for (const int signal : {SIGINT, SIGTERM, SIGHUP}) {
            struct sigaction current = {};
            if (::sigaction(signal, nullptr, &current) != 0 || current.sa_handler != SIG_DFL)
                continue;
            struct sigaction action = {};
            action.sa_handler = onTerminatingSignal;
            sigemptyset(&action.sa_mask);
            ::sigaction(signal, &action, nullptr);
        }
        return true;
    }();
    Q_UNUSED(installed)
}

void track(pid_t pid)
{
    for (std::atomic<pid_t> &group : g_groups) {
        pid_t expected = 0;
        if (group.compare_exchange_strong(expected, pid))
            return;
    }
}

void untrack(pid_t pid)
{
    for (std::atomic<pid_t> &group : g_groups) {
        pid_t expected = pid;
        if (group.compare_exchange_strong(expected, 0))
            return;
    }
}

} // namespace

void startInOwnGroup(QProcess &process)
{
    installHandlers();
    const pid_t parent = ::getpid();
    process.setChildProcessModifier([parent] {
        // Only async-signal-safe calls here: this runs between fork() and exec().
        ::setpgid(0, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) // the parent died before the death signal was armed
            ::_exit(127);
    });
    QObject::connect(&process, &QProcess::started, &process, [&process] {
        const pid_t pid = pid_t(process.processId());
        track(pid);
        QObject::connect(&process, &QProcess::finished, &process, [pid] { untrack(pid); });
        QObject::connect(&process, &QObject::destroyed, &process, [pid] { untrack(pid); });
    });
}

void killGroup(QProcess &process)
{
    const qint64 pid = process.processId();
    if (pid > 0)
        ::kill(-pid_t(pid), SIGKILL);
    process.kill();
}

void endGroup(QProcess &process)
{
    if (process.state() == QProcess::NotRunning)
        return;
    killGroup(process);
    // SIGKILL cannot be caught: the child is gone within moments, unless the kernel holds it in an uninterruptible
    // wait; then QProcess's own destructor waits again.
    constexpr int kReapWaitMs = 5000;
    process.waitForFinished(kReapWaitMs);
}

void killGroupOf(qint64 pid)
{
    if (pid <= 0)
        return;
    ::kill(-pid_t(pid), SIGKILL);
    ::kill(pid_t(pid), SIGKILL);
}

} // namespace rolldeck
