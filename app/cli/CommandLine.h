#pragma once

namespace rolldeck {

// Dispatches `rolldeck [--demo ...]`, `rolldeck inspect ...`, `rolldeck status ...` and `rolldeck credential ...`.
int runCommandLine(int argc, char *argv[]);

} // namespace rolldeck
