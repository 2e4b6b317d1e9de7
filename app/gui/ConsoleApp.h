#pragma once

namespace rolldeck {

// The console's composition root: parses the console's options, owns the models, the window and the services that
// fill them (connections, the detail controller, the demo cluster), wires them and runs until the window closes.
// Returns the exit status (2 for bad options). The only place where app/ and ui/ meet.
int runConsole(int argc, char *argv[]);

} // namespace rolldeck
