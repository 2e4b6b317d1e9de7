// The simulator's facade: one object that owns the store, the clock, the faults and three
// loopback HTTP(S) listeners (Kubernetes API, Argo CD API, metrics), and runs them on its own
// threads. The console links rolldeck_sim and runs it in-process for `rolldeck --demo`; the
// `rolldeck-sim` executable is a thin wrapper. All public methods are thread-safe.
//
// Usage:
//   rdsim::Simulator sim;
//   rdsim::Options o; o.scenario = "seed"; o.speed = 60; o.kubeconfigOut = "/tmp/kc";
//   rdsim::StartResult r = sim.start(o);     // r.error set on failure
//   // r.endpoints.kube == "http://127.0.0.1:PORT", r.endpoints.adminToken, ...
//   sim.stop();                               // also done by the destructor
//
// Extension: a Component gets its routes registered on the listeners before they start,
// may load a scenario into the store, and is started/stopped with the simulator. Built-in
// components are listed in makeBuiltinComponents() (Components.cpp); tests may add more with
// addComponent() before start().
#pragma once

#include "Clock.h"
#include "Faults.h"
#include "Store.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace httplib {
class Server;
}

namespace rdsim {

struct Options
{
    std::string host = "127.0.0.1"; // loopback only
    int kubePort = 0;               // 0: a free port
    int argocdPort = 0;
    int metricsPort = 0;
    bool tls = false;                 // generate a CA + server certificate; kube/argocd serve HTTPS
    std::string scenario = "default"; // a built-in name or a YAML file
    double speed = 1.0;
    std::uint64_t seed = 1;
    int fleetSize = 100;
    double eventRate = 0;                 // fleet: MODIFIED events per second generated in the background
    std::string kubeconfigOut;            // written when not empty
    std::size_t historyCapacity = 100000; // watch events kept for resuming (serialized, ~1-2 KB each)
    // A/B tests: the share of each test's last variant's visits lost before they are counted, an injected
    // sample-ratio mismatch (--ab-srm); negative: as the scenario says (docs/sim-scenarios.md).
    double abSampleRatioMismatch = -1;
    // Tokens; generated at random when empty.
    std::string adminToken;
    std::string readOnlyToken;
    std::string argocdToken;
    // Argo CD's read-only account `viewer` (password: the token): it may read but not sync, roll back, terminate
    // or run actions (can-i says no, the POSTs get 403).
    std::string argocdReadOnlyToken;
    // A third user, `rolldeck-developer`, who may read only in this namespace: what a cluster-wide LIST
    // answers with 403 for. Empty: no such user. Not in the written kubeconfig.
    std::string namespacedUserNamespace;
    std::string namespacedToken;
    // Resources (plural names, e.g. "events") the read-only user's role leaves out: a viewer bound to a narrower
    // role than Kubernetes' `view`. Empty: it reads everything.
    std::vector<std::string> readOnlyDenied;
};

struct Endpoints
{
    std::string kube; // "http://127.0.0.1:PORT" or "https://..."
    std::string argocd;
    std::string metrics;
    std::string adminToken;
    std::string readOnlyToken;
    std::string argocdToken;
    std::string argocdReadOnlyToken;
    std::string namespacedToken; // empty unless Options::namespacedUserNamespace is set
    std::string caPem;           // the CA that signed the server certificate (TLS only)
};

struct StartResult
{
    Endpoints endpoints;
    std::string error; // empty on success
    bool ok() const { return error.empty(); }
};

class Simulator;

class Component
{
public:
    virtual ~Component() = default;
    virtual std::string name() const = 0;
    virtual void registerKubeRoutes(httplib::Server &, Simulator &) {}
    virtual void registerArgoCdRoutes(httplib::Server &, Simulator &) {}
    virtual void registerMetricsRoutes(httplib::Server &, Simulator &) {}
    // Fill the store for options.scenario. Return true if this component handled the name (set
    // error on failure); false to let the next component try.
    virtual bool loadScenario(const Options &, Simulator &, std::string & /*error*/) { return false; }
    virtual void start(Simulator &) {} // after the scenario is loaded, before listeners accept
    virtual void stop() {}             // before the store goes away
};

// The components every Simulator gets, in order (scenario loading: first that handles it wins).
std::vector<std::unique_ptr<Component>> makeBuiltinComponents();

class Simulator
{
public:
    Simulator();
    ~Simulator();
    Simulator(const Simulator &) = delete;
    Simulator &operator=(const Simulator &) = delete;

    void addComponent(std::unique_ptr<Component> component); // before start()
    StartResult start(const Options &options);
    void stop();
    bool isRunning() const;

    Store &store() { return *m_store; }
    Clock &clock() { return *m_clock; }
    Faults &faults() { return m_faults; }
    const Options &options() const { return m_options; }
    const Endpoints &endpoints() const { return m_endpoints; }
    // The user behind a bearer token ("" when unknown), for routes that components protect.
    std::string userForToken(const std::string &token) const;

    // Writes a kubeconfig for the running simulator (contexts rolldeck-demo, rolldeck-demo-readonly).
    bool writeKubeconfig(const std::string &path, std::string *error = nullptr) const;

private:
    struct Listeners;
    bool writeKubeconfigLocked(const std::string &path, std::string *error) const;
    mutable std::mutex m_mutex;
    Options m_options;
    Endpoints m_endpoints;
    std::unique_ptr<Clock> m_clock;
    std::unique_ptr<Store> m_store;
    Faults m_faults;
    std::vector<std::unique_ptr<Component>> m_components;
    std::unique_ptr<Listeners> m_listeners;
    std::atomic<bool> m_running{false};
};

} // namespace rdsim
