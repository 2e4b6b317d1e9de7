#pragma once

class QCoreApplication;

namespace rolldeck {

// The console itself (app/gui/ConsoleApp.h): what runs when no subcommand is named.
using ConsoleEntry = int (*)(int argc, char *argv[]);

// `rolldeck SUBCOMMAND ...` runs that subcommand without a display; anything else is handed to `console`.
int runCommandLine(int argc, char *argv[], ConsoleEntry console);

// What every entry point sets up on its application object: organisation, name and version, and the translations
// (Rolldeck's and Qt's own strings, e.g. --help's "Usage:") for the user's locale.
void setApplicationIdentity();
void installTranslators(QCoreApplication &app);

} // namespace rolldeck
