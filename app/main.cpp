// Thin entry point: subcommands run headless (app/cli), everything else opens the console (app/gui).
#include "cli/CommandLine.h"
#include "gui/ConsoleApp.h"

int main(int argc, char *argv[])
{
    return rolldeck::runCommandLine(argc, argv, &rolldeck::runConsole);
}
