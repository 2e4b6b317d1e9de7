#pragma once

// The simulator's HTTP(S) listeners on httplib: creating and binding one, and ending every
// connection one has accepted, so that stopping never waits for a client.

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace httplib {
class Server;
}

namespace rdsim {

class TlsMaterial;

// A server with a worker per concurrent connection up to `threads`, over TLS when `tls`.
std::unique_ptr<httplib::Server> makeServer(bool tls, const TlsMaterial &material, std::size_t threads);
// Binds to host:port (port 0: any free port, written to boundPort).
bool bindServer(httplib::Server &server, const std::string &host, int port, int &boundPort);
// Shuts down (without closing) every connection this process accepted on one of the local ports:
// the workers serving them see the end of the stream or a failed write at once.
void shutDownConnections(const std::vector<int> &localPorts);

} // namespace rdsim
