#pragma once

namespace rolldeck {

// Dispatches `rolldeck [--demo ...]`, `rolldeck inspect ...` and `rolldeck status ...`.
int runCommandLine(int argc, char *argv[]);

} // namespace rolldeck
