// meta.k8s.io/v1 Table answers for kubectl's `Accept: ...;as=Table;...`: the columns a real
// server shows (the CRD printer columns for rollouts, the built-in printers for pods and
// ReplicaSets, NAME/AGE otherwise), with each row carrying PartialObjectMetadata.
//
// Usage:
//   nlohmann::json t = rdsim::makeTable(*rt, items, clock.now(), /*withColumns*/ true);
#pragma once

#include "../Clock.h"
#include "../Resources.h"
#include "../Store.h"

#include <nlohmann/json.hpp>

namespace rdsim {

bool acceptsTable(const std::string &acceptHeader);
nlohmann::json makeTable(const ResourceType &rt, const std::vector<ObjectPtr> &items, Clock::TimePoint now,
                         bool withColumns);
std::string humanAge(Clock::TimePoint created, Clock::TimePoint now);

} // namespace rdsim
