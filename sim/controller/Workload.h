#pragma once

// ReplicaSets and pods as the ReplicaSet controller and the kubelet would keep them: a ReplicaSet
// gets pods up to spec.replicas (and loses the surplus, not-ready and newest first), pods go
// Pending -> ContainerCreating -> Running -> Ready after delays drawn per pod from the seed, and
// the ReplicaSet's status counts follow. An image containing "does-not-exist" never pulls
// (ErrImagePull / ImagePullBackOff).

#include "../Store.h"
#include "TimeText.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace rdsim {

struct RsCounts
{
    int64_t replicas = 0;
    int64_t ready = 0;
    int64_t available = 0;
};

class Workload
{
public:
    Workload(Store &store, uint64_t seed) : m_store(store), m_seed(seed) {}

    // Pod-template hash as the controller computes it (FNV-32a of the template without the hash
    // label, plus the collision count, written through SafeEncodeString).
    static std::string podTemplateHash(const nlohmann::json &podTemplate, int collisionCount = 0);

    // Brings the ReplicaSet's pods to spec.replicas and their state to time nowMs (simulated); updates
    // RS status. Returns true if anything was written. *nextDueMs gets the next pod transition. The pods'
    // timestamps are written (and read back) through `times`.
    bool syncReplicaSet(const nlohmann::json &rs, int64_t nowMs, int64_t *nextDueMs, RsCounts *counts,
                        const TimeMap &times = {});

    // Sets spec.replicas of a ReplicaSet (and the desired-replicas annotation). True if changed.
    bool scaleReplicaSet(const std::string &ns, const std::string &name, int64_t replicas);

    std::vector<nlohmann::json> podsOf(const nlohmann::json &rs) const;

private:
    nlohmann::json desiredPodStatus(const nlohmann::json &pod, int64_t nowMs, int64_t *nextDueMs,
                                    const TimeMap &times) const;

    Store &m_store;
    uint64_t m_seed;
};

} // namespace rdsim
