#pragma once

// Scenarios: what the demo cluster holds at start and what happens to it later. A scenario is a
// YAML document (format in docs/sim-scenarios.md): `include` (other scenarios, built-in names or
// files), `objects` (Kubernetes objects, created as a client would), `traffic` (the TrafficSimulation
// configuration), `argocd.applications`, and `actions` (timed requests in simulated time, such as
// a new image that starts an update). The built-in scenarios are written in the same format.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace rdsim {

struct ScenarioAction
{
    int64_t afterMs = 0; // simulated time after start
    nlohmann::json spec; // {"setImage": {...}} or {"patch": {...}}
};

struct Scenario
{
    std::string name;
    std::vector<nlohmann::json> objects;
    nlohmann::json traffic = nlohmann::json::object();
    std::vector<nlohmann::json> applications;
    std::vector<ScenarioAction> actions;
    bool controller = true; // false: the controller leaves this scenario's objects alone (static fixtures)
};

// YAML text to JSON with Kubernetes' scalar rules (quoted scalars stay strings). On a syntax error
// returns null and sets *error to "line N: what".
nlohmann::json yamlTextToJson(const std::string &text, std::string *error);

// Names of the built-in scenarios (each also documented in docs/sim-scenarios.md).
std::vector<std::string> builtinScenarioNames();
bool isBuiltinScenario(const std::string &name);

// Loads a built-in scenario by name or a YAML file by path, resolving includes. On failure
// returns false and sets *error (for files: path, line and what was expected).
bool loadScenario(const std::string &nameOrPath, Scenario *out, std::string *error);

// Parses scenario YAML text (for tests and files). `origin` names it in error messages.
bool parseScenario(const std::string &yamlText, const std::string &origin, Scenario *out, std::string *error);

} // namespace rdsim
