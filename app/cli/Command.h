#pragma once

#include <QString>
#include <QStringList>

#include <cstdio>

namespace rolldeck {

// Where a subcommand reads and writes: standard input, output and error, or files a test gives it. Text is written
// as UTF-8 and flushed at once, so that --watch output and prompts appear when they are written.
class CommandIo
{
public:
    CommandIo(FILE *in, FILE *out, FILE *err) : m_in(in), m_out(out), m_err(err) {}

    FILE *in() const { return m_in; }
    void out(const QString &text) const { write(m_out, text); }
    void outUtf8(const QByteArray &utf8) const { write(m_out, utf8); }
    void err(const QString &text) const { write(m_err, text); }

private:
    static void write(FILE *file, const QString &text);
    static void write(FILE *file, const QByteArray &bytes);

    FILE *m_in;
    FILE *m_out;
    FILE *m_err;
};

// A subcommand, `rolldeck NAME ARGUMENTS...`: `run` gets the arguments after NAME and returns the exit status. It
// runs on a QCoreApplication with the translations installed, and may run its event loop. New commands are one
// line in the table in CommandLine.cpp.
struct Command
{
    const char *name;
    int (*run)(const QStringList &arguments, const CommandIo &io);
};

} // namespace rolldeck
