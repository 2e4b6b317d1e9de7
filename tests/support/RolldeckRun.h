#pragma once

// The built `rolldeck` run as a user runs it, for the command-line tests: arguments, optional standard input, and
// what came back. Header-only: ROLLDECK_BINARY_DIR comes from the tests' forced include (rolldeck_add_test).

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace rolldeck::test {

struct RolldeckRun
{
    int exitCode = -1; // -2: ended by a signal
    QString out;
    QString err; // "<timed out>" when it had to be killed
};

// `environment`: the process's whole environment; empty, this test's.
inline RolldeckRun runRolldeck(const QStringList &args, const QByteArray &stdinData = {}, int timeoutMs = 30000,
                               const QProcessEnvironment &environment = QProcessEnvironment())
{
    QProcess p;
    if (!environment.isEmpty())
        p.setProcessEnvironment(environment);
    p.setProgram(QStringLiteral(ROLLDECK_BINARY_DIR "/app/rolldeck"));
    p.setArguments(args);
    p.start();
    if (!stdinData.isEmpty())
        p.write(stdinData);
    p.closeWriteChannel();
    RolldeckRun r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("<timed out>");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace rolldeck::test
