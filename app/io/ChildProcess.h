#pragma once

// Every child process ends with its parent, on every exit path (issue 10). A child started through
// startInOwnGroup() leads a process group of its own, so that killGroup() ends the child and whatever it started
// (a plugin script's `sleep`), which killing the child alone would leave behind, reparented to PID 1. If the
// console is ended by SIGINT, SIGTERM or SIGHUP, a handler kills every such group first; if it exits (exit(), a
// return from main) with a group still running, an atexit handler kills it; if it dies otherwise (a crash,
// SIGKILL), the child gets SIGKILL as its parent-death signal.

#include <QtGlobal>

class QProcess;

namespace rolldeck {

// Call before QProcess::start(): installs the child-side set-up.
void startInOwnGroup(QProcess &process);

// SIGKILL to the child's process group and to the child; QProcess still reaps it (finished() follows).
void killGroup(QProcess &process);

// killGroup(), then waits for the child and reaps it, without an event loop: for destructors, which may run after
// the event loop has ended. The QProcess is left NotRunning.
void endGroup(QProcess &process);

// SIGKILL to the process group led by `pid` (a child started in its own group), from any thread; the QProcess's
// own thread still reaps the child. Does nothing for pid <= 0.
void killGroupOf(qint64 pid);

} // namespace rolldeck
