#include "Listeners.h"

#include "Tls.h"

#include <httplib.h>

#include <algorithm>
#include <cstdlib>
#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace rdsim {

std::unique_ptr<httplib::Server> makeServer(bool tls, const TlsMaterial &material, std::size_t threads)
{
    std::unique_ptr<httplib::Server> server;
    if (tls)
        server = std::make_unique<httplib::SSLServer>(material.serverCert(), material.serverKey());
    else
        server = std::make_unique<httplib::Server>();
    server->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server->set_keep_alive_max_count(10000);
    // An idle keep-alive connection holds its worker until this timeout. Stopping does not wait
    // for it (shutDownConnections); clients reconnect transparently.
    server->set_keep_alive_timeout(2);
    server->set_payload_max_length(64 * 1024 * 1024);
    return server;
}

bool bindServer(httplib::Server &server, const std::string &host, int port, int &boundPort)
{
    if (port == 0) {
        boundPort = server.bind_to_any_port(host);
        return boundPort > 0;
    }
    boundPort = port;
    return server.bind_to_port(host, port);
}

namespace {

int localPort(int fd)
{
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) != 0)
        return -1; // not a socket
    if (addr.ss_family == AF_INET)
        return ntohs(reinterpret_cast<const sockaddr_in &>(addr).sin_port);
    if (addr.ss_family == AF_INET6)
        return ntohs(reinterpret_cast<const sockaddr_in6 &>(addr).sin6_port);
    return -1;
}

bool connected(int fd)
{
    sockaddr_storage peer{};
    socklen_t len = sizeof peer;
    return ::getpeername(fd, reinterpret_cast<sockaddr *>(&peer), &len) == 0;
}

} // namespace

// httplib (0.11) keeps no handle on the connections it serves: an idle keep-alive connection
// holds its worker until the keep-alive timeout, and a write to a client that reads slowly or not
// at all holds it until the transfer ends. The process's open files tell which sockets are
// connections accepted on our ports (local port = a listener's port; a client socket of the same
// process has an ephemeral local port). shutdown() leaves closing the descriptor to its worker.
void shutDownConnections(const std::vector<int> &localPorts)
{
    DIR *dir = ::opendir("/proc/self/fd");
    if (!dir)
        return;
    const int own = ::dirfd(dir);
    while (const dirent *entry = ::readdir(dir)) {
        char *end = nullptr;
        const long fd = std::strtol(entry->d_name, &end, 10);
        if (end == entry->d_name || *end != '\0' || fd == own)
            continue;
        const int port = localPort(static_cast<int>(fd));
        if (port > 0 && std::find(localPorts.begin(), localPorts.end(), port) != localPorts.end() &&
            connected(static_cast<int>(fd)))
            ::shutdown(static_cast<int>(fd), SHUT_RDWR);
    }
    ::closedir(dir);
}

} // namespace rdsim
