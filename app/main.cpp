// Thin entry point: subcommands run headless, everything else opens the console.
#include "cli/CommandLine.h"

int main(int argc, char *argv[])
{
    return rolldeck::runCommandLine(argc, argv);
}
