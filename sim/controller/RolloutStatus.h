#pragma once

// The Rollout status rules the controller writes by: conditions, pause conditions and the
// phase/message of reference/argo-rollouts.md §2.1 step 5. Pure functions on the status JSON.

#include <nlohmann/json.hpp>

#include <string>
#include <utility>

namespace rdsim::rolloutstatus {

// Sets a condition; the first message stays while status and reason do not change.
void setCondition(nlohmann::json &status, const std::string &type, const std::string &condStatus,
                  const std::string &reason, const std::string &message, const std::string &now);
const nlohmann::json *findCondition(const nlohmann::json &status, const std::string &type);
void removeCondition(nlohmann::json &status, const std::string &type);
// The reason of the Progressing condition ("" without one).
std::string progressingReason(const nlohmann::json &status);

bool hasPauseReason(const nlohmann::json &status, const std::string &reason);
const nlohmann::json *pauseCondition(const nlohmann::json &status, const std::string &reason);
void addPause(nlohmann::json &status, const std::string &reason, const std::string &now);
void clearPause(nlohmann::json &status);
bool pauseConditionsEmpty(const nlohmann::json &status);
// The controller paused and the user cleared the pause conditions since (a promote).
bool pauseClearedByUser(const nlohmann::json &status);

// What the controller writes to status.phase / status.message.
std::pair<std::string, std::string> calculatePhase(const nlohmann::json &spec, const nlohmann::json &status);

} // namespace rdsim::rolloutstatus
