// rolldeck-sim: the embedded demo cluster as a stand-alone loopback server.
#include "Simulator.h"

#include <nlohmann/json.hpp>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <pthread.h>
#include <stdexcept>
#include <string>

namespace {

void usage()
{
    std::fputs("usage: rolldeck-sim [--port N] [--argocd-port N] [--metrics-port N] [--scenario NAME|FILE]\n"
               "                    [--speed N] [--seed S] [--tls] [--fleet-size N] [--event-rate R]\n"
               "                    [--history N] [--ab-srm SHARE] --kubeconfig-out FILE\n"
               "  --ab-srm SHARE  lose SHARE (0-1) of each A/B test's last variant's visits: a sample-ratio mismatch\n",
               stderr);
}

} // namespace

int main(int argc, char **argv)
{
    rdsim::Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&]() -> const char * {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "rolldeck-sim: %s needs a value\n", arg.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        try {
            if (arg == "--port")
                options.kubePort = std::stoi(value());
            else if (arg == "--argocd-port")
                options.argocdPort = std::stoi(value());
            else if (arg == "--metrics-port")
                options.metricsPort = std::stoi(value());
            else if (arg == "--scenario")
                options.scenario = value();
            else if (arg == "--speed")
                options.speed = std::stod(value());
            else if (arg == "--seed")
                options.seed = std::stoull(value());
            else if (arg == "--tls")
                options.tls = true;
            else if (arg == "--fleet-size")
                options.fleetSize = std::stoi(value());
            else if (arg == "--event-rate")
                options.eventRate = std::stod(value());
            else if (arg == "--history")
                options.historyCapacity = std::stoull(value());
            else if (arg == "--ab-srm") {
                options.abSampleRatioMismatch = std::stod(value());
                if (!(options.abSampleRatioMismatch >= 0 && options.abSampleRatioMismatch <= 1))
                    throw std::invalid_argument("--ab-srm");
            } else if (arg == "--kubeconfig-out")
                options.kubeconfigOut = value();
            else if (arg == "--help" || arg == "-h") {
                usage();
                return 0;
            } else {
                std::fprintf(stderr, "rolldeck-sim: unknown option %s\n", arg.c_str());
                usage();
                return 2;
            }
        } catch (const std::exception &) {
            std::fprintf(stderr, "rolldeck-sim: invalid value for %s\n", arg.c_str());
            return 2;
        }
    }

    // Block the stop signals before any thread starts, so only sigwait below receives them.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    rdsim::Simulator sim;
    const rdsim::StartResult started = sim.start(options);
    if (!started.ok()) {
        std::fprintf(stderr, "rolldeck-sim: %s\n", started.error.c_str());
        return 1;
    }
    const nlohmann::json ready = {{"kube", started.endpoints.kube},
                                  {"argocd", started.endpoints.argocd},
                                  {"metrics", started.endpoints.metrics},
                                  {"argocdToken", started.endpoints.argocdToken}};
    std::cout << ready.dump() << std::endl;

    int received = 0;
    sigwait(&stopSignals, &received);
    sim.stop();
    // Everything is closed now. Destroying the store object by object would take seconds for a
    // large fleet (2.4 s for 5,000 rollouts): the kernel frees the memory at once.
    std::fflush(nullptr);
    std::_Exit(0);
}
