#pragma once

// What a scenario does to the cluster: its objects created as a client would create them, and its
// timed actions (a new image, a patch) run as requests.

#include <nlohmann/json.hpp>

#include <string>

namespace rdsim {

class Store;
struct Scenario;

// Creates the scenario's objects in the store; returns false with *error set when one is refused
// (an object that exists already is left as it is).
bool applyScenarioObjects(Store &store, const Scenario &scenario, std::string *error);
// Runs one scenario action (setImage / patch) now.
bool runScenarioAction(Store &store, const nlohmann::json &action, std::string *error);

} // namespace rdsim
