#include "Simulator.h"

#include "http/KubeApi.h"
#include "http/Listeners.h"
#include "http/Tls.h"

#include <httplib.h>

#include <fstream>
#include <sys/stat.h>

namespace rdsim {

using nlohmann::json;

struct Simulator::Listeners
{
    TlsMaterial tls;
    std::unique_ptr<KubeApi> kubeApi;
    std::unique_ptr<httplib::Server> kube;
    std::unique_ptr<httplib::Server> argocd;
    std::unique_ptr<httplib::Server> metrics;
    std::vector<int> ports;
    std::vector<std::thread> threads;
};

namespace {

constexpr const char *kAdminUser = "rolldeck-admin";
constexpr const char *kViewerUser = "rolldeck-viewer";
constexpr const char *kNamespacedUser = "rolldeck-developer";

json faultsBody(Faults &faults)
{
    return {{"faults", faults.describe()}};
}

// The admin API's /_sim/faults: GET lists what is armed, DELETE disarms, POST arms one.
bool serveFaults(Faults &faults, const httplib::Request &req, httplib::Response &res)
{
    if (req.path != "/_sim/faults")
        return false;
    res.status = 200;
    if (req.method == "GET") {
        res.set_content(faultsBody(faults).dump(), "application/json");
        return true;
    }
    if (req.method == "DELETE") {
        faults.clear();
        res.set_content(faultsBody(faults).dump(), "application/json");
        return true;
    }
    if (req.method != "POST")
        return false;
    json body = json::parse(req.body, nullptr, false);
    const auto kind = body.is_object() ? faultKindFromString(body.value("kind", "")) : std::nullopt;
    if (!kind) {
        res.status = 400;
        res.set_content(json{{"kind", "Status"},
                             {"apiVersion", "v1"},
                             {"metadata", json::object()},
                             {"status", "Failure"},
                             {"reason", "BadRequest"},
                             {"code", 400},
                             {"message", "kind must be one of error500, hang, dropWatch, truncateChunk, "
                                         "garbageLine, expireHistory"}}
                            .dump(),
                        "application/json");
        return true;
    }
    FaultSpec spec;
    spec.kind = *kind;
    spec.count = body.value("count", 1);
    spec.pathContains = body.value("path", "");
    spec.hangMs = body.value("hangMs", 30000);
    spec.afterEvents = body.value("afterEvents", 0);
    faults.arm(spec);
    res.status = 201;
    res.set_content(faultsBody(faults).dump(), "application/json");
    return true;
}

} // namespace

Simulator::Simulator()
{
    m_components = makeBuiltinComponents();
}

Simulator::~Simulator()
{
    stop();
}

void Simulator::addComponent(std::unique_ptr<Component> component)
{
    std::lock_guard lock(m_mutex);
    m_components.push_back(std::move(component));
}

bool Simulator::isRunning() const
{
    return m_running;
}

std::string Simulator::userForToken(const std::string &token) const
{
    // No lock: components may call this from start(), which holds m_mutex. The tokens are set
    // before any listener or component runs and do not change until the next start().
    if (token.empty())
        return {};
    if (token == m_options.adminToken)
        return kAdminUser;
    if (token == m_options.readOnlyToken)
        return kViewerUser;
    if (!m_options.namespacedUserNamespace.empty() && token == m_options.namespacedToken)
        return kNamespacedUser;
    return {};
}

StartResult Simulator::start(const Options &options)
{
    std::lock_guard lock(m_mutex);
    StartResult result;
    if (m_running) {
        result.error = "the simulator is already running";
        return result;
    }
    if (options.host != "127.0.0.1" && options.host != "::1" && options.host != "localhost") {
        result.error = "the simulator only listens on loopback addresses";
        return result;
    }
    m_options = options;
    m_endpoints = {};
    if (m_options.adminToken.empty())
        m_options.adminToken = "rd-admin-" + randomHex(16);
    if (m_options.readOnlyToken.empty())
        m_options.readOnlyToken = "rd-view-" + randomHex(16);
    if (m_options.argocdToken.empty())
        m_options.argocdToken = "rd-argocd-" + randomHex(16);
    if (m_options.argocdReadOnlyToken.empty())
        m_options.argocdReadOnlyToken = "rd-argocd-ro-" + randomHex(16);
    if (!m_options.namespacedUserNamespace.empty() && m_options.namespacedToken.empty())
        m_options.namespacedToken = "rd-dev-" + randomHex(16);

    m_clock = std::make_unique<Clock>(Clock::Mode::Real, m_options.speed > 0 ? m_options.speed : 1.0);
    m_store = std::make_unique<Store>(m_options.historyCapacity);
    m_store->setClock(m_clock.get());
    m_faults.clear();
    m_faults.setExpireHandler([store = m_store.get()] { store->compactHistory(); });

    auto listeners = std::make_unique<Listeners>();
    if (m_options.tls && !listeners->tls.generate(&result.error))
        return result;
    std::vector<User> users{
        {m_options.adminToken, kAdminUser, {"system:masters", "system:authenticated"}, true, {}, {}},
        {m_options.readOnlyToken,
         kViewerUser,
         {"rolldeck:viewers", "system:authenticated"},
         false,
         {},
         m_options.readOnlyDenied},
    };
    if (!m_options.namespacedUserNamespace.empty())
        users.push_back({m_options.namespacedToken,
                         kNamespacedUser,
                         {"system:authenticated"},
                         false,
                         m_options.namespacedUserNamespace,
                         {}});
    listeners->kubeApi = std::make_unique<KubeApi>(*m_store, *m_clock, m_faults, users);
    listeners->kube = makeServer(m_options.tls, listeners->tls, 192); // a worker per open watch
    listeners->argocd = makeServer(m_options.tls, listeners->tls, 32);
    listeners->metrics = makeServer(false, listeners->tls, 8);
    for (auto *s : {listeners->kube.get(), listeners->argocd.get(), listeners->metrics.get()}) {
        if (!s->is_valid()) {
            result.error = "could not set up the HTTP(S) listeners";
            return result;
        }
    }
    listeners->kubeApi->setAdminHandler(
        [this](const httplib::Request &req, httplib::Response &res) { return serveFaults(m_faults, req, res); });

    // Routes: components first (they may claim paths on the kube listener), then the Kubernetes API.
    for (auto &c : m_components) {
        c->registerKubeRoutes(*listeners->kube, *this);
        c->registerArgoCdRoutes(*listeners->argocd, *this);
        c->registerMetricsRoutes(*listeners->metrics, *this);
    }
    listeners->kubeApi->registerRoutes(*listeners->kube);

    bool handled = false;
    for (auto &c : m_components) {
        std::string error;
        if (c->loadScenario(m_options, *this, error)) {
            handled = true;
            if (!error.empty()) {
                result.error = "scenario \"" + m_options.scenario + "\": " + error;
                return result;
            }
            break;
        }
    }
    if (!handled) {
        result.error = "unknown scenario \"" + m_options.scenario + "\"";
        return result;
    }

    int kubePort = 0;
    int argoPort = 0;
    int metricsPort = 0;
    if (!bindServer(*listeners->kube, m_options.host, m_options.kubePort, kubePort) ||
        !bindServer(*listeners->argocd, m_options.host, m_options.argocdPort, argoPort) ||
        !bindServer(*listeners->metrics, m_options.host, m_options.metricsPort, metricsPort)) {
        result.error = "could not bind the listeners on " + m_options.host;
        return result;
    }
    const std::string scheme = m_options.tls ? "https://" : "http://";
    const std::string host = m_options.host == "::1" ? "[::1]" : m_options.host;
    m_endpoints.kube = scheme + host + ":" + std::to_string(kubePort);
    m_endpoints.argocd = scheme + host + ":" + std::to_string(argoPort);
    m_endpoints.metrics = "http://" + host + ":" + std::to_string(metricsPort);
    m_endpoints.adminToken = m_options.adminToken;
    m_endpoints.readOnlyToken = m_options.readOnlyToken;
    m_endpoints.argocdToken = m_options.argocdToken;
    m_endpoints.argocdReadOnlyToken = m_options.argocdReadOnlyToken;
    m_endpoints.namespacedToken = m_options.namespacedUserNamespace.empty() ? std::string() : m_options.namespacedToken;
    m_endpoints.caPem = m_options.tls ? listeners->tls.caPem() : std::string();
    listeners->ports = {kubePort, argoPort, metricsPort};

    if (!m_options.kubeconfigOut.empty() && !writeKubeconfigLocked(m_options.kubeconfigOut, &result.error))
        return result;

    for (auto &c : m_components)
        c->start(*this);
    m_clock->start();
    for (auto *s : {listeners->kube.get(), listeners->argocd.get(), listeners->metrics.get()})
        listeners->threads.emplace_back([s] { s->listen_after_bind(); });
    // Server::stop() does nothing to a server whose accept loop has not started yet (it would
    // then run forever): wait until every loop runs, so a stop() right after start() works.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    for (auto *s : {listeners->kube.get(), listeners->argocd.get(), listeners->metrics.get()}) {
        while (!s->is_running() && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    m_listeners = std::move(listeners);
    m_running = true;
    result.endpoints = m_endpoints;
    return result;
}

// Stopping never waits for a client: open watches end with their terminating chunk at once, then
// the listeners close and every connection they accepted is shut down (idle keep-alive ones and
// those writing to a client that reads slowly included).
void Simulator::stop()
{
    std::unique_ptr<Listeners> listeners;
    {
        std::lock_guard lock(m_mutex);
        if (!m_listeners)
            return;
        listeners = std::move(m_listeners);
        m_running = false;
    }
    listeners->kubeApi->beginShutdown();
    for (auto it = m_components.rbegin(); it != m_components.rend(); ++it)
        (*it)->stop();
    listeners->kubeApi->waitForWatchesToEnd(std::chrono::milliseconds(200));
    m_clock->stop();
    for (auto *s : {listeners->kube.get(), listeners->argocd.get(), listeners->metrics.get()})
        s->stop();
    shutDownConnections(listeners->ports);
    for (auto &t : listeners->threads)
        t.join();
    m_store->wakeAll();
}

bool Simulator::writeKubeconfig(const std::string &path, std::string *error) const
{
    std::lock_guard lock(m_mutex);
    return writeKubeconfigLocked(path, error);
}

bool Simulator::writeKubeconfigLocked(const std::string &path, std::string *error) const
{
    if (m_endpoints.kube.empty()) {
        if (error)
            *error = "the simulator is not running";
        return false;
    }
    std::string cluster = "    server: " + m_endpoints.kube + "\n";
    if (!m_endpoints.caPem.empty())
        cluster += "    certificate-authority-data: " + base64(m_endpoints.caPem) + "\n";
    const std::string text = "apiVersion: v1\n"
                             "kind: Config\n"
                             "clusters:\n"
                             "- name: rolldeck-demo\n"
                             "  cluster:\n" +
                             cluster +
                             "contexts:\n"
                             "- name: rolldeck-demo\n"
                             "  context:\n"
                             "    cluster: rolldeck-demo\n"
                             "    user: " +
                             kAdminUser +
                             "\n"
                             "- name: rolldeck-demo-readonly\n"
                             "  context:\n"
                             "    cluster: rolldeck-demo\n"
                             "    user: " +
                             kViewerUser +
                             "\n"
                             "current-context: rolldeck-demo\n"
                             "preferences: {}\n"
                             "users:\n"
                             "- name: " +
                             kAdminUser +
                             "\n"
                             "  user:\n"
                             "    token: " +
                             m_endpoints.adminToken +
                             "\n"
                             "- name: " +
                             kViewerUser +
                             "\n"
                             "  user:\n"
                             "    token: " +
                             m_endpoints.readOnlyToken + "\n";
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) {
            if (error)
                *error = "cannot write " + tmp;
            return false;
        }
        ::chmod(tmp.c_str(), 0600); // it holds tokens
        out << text;
        if (!out.flush()) {
            if (error)
                *error = "cannot write " + tmp;
            return false;
        }
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        if (error)
            *error = "cannot rename " + tmp + " to " + path;
        return false;
    }
    return true;
}

} // namespace rdsim
