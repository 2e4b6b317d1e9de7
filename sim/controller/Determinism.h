#pragma once

// Deterministic randomness and hashes. Every random choice the controller and the traffic model
// make is drawn from an std::mt19937_64 seeded with (simulator seed, what is being decided), so a
// run depends on the seed and on simulated time only, not on thread timing or processing order.

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace rdsim {

inline uint64_t fnv1a64(std::string_view text, uint64_t basis = 14695981039346656037ull)
{
    uint64_t h = basis;
    for (unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

// Kubernetes' rand.SafeEncodeString alphabet: no vowels, no look-alikes.
inline std::string safeEncode(uint64_t value, size_t length)
{
    static constexpr char kAlphabet[] = "bcdfghjklmnpqrstvwxz2456789";
    std::string out;
    for (size_t i = 0; i < length; ++i) {
        out += kAlphabet[value % 27];
        value /= 27;
    }
    return out;
}

inline std::mt19937_64 rngFor(uint64_t seed, std::string_view what)
{
    return std::mt19937_64(fnv1a64(what, seed ^ 0x9e3779b97f4a7c15ull));
}

// Uniform in [lo, hi).
inline double uniformFor(uint64_t seed, std::string_view what, double lo, double hi)
{
    auto rng = rngFor(seed, what);
    return std::uniform_real_distribution<double>(lo, hi)(rng);
}

} // namespace rdsim
