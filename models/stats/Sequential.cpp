#include "stats/Sequential.h"

#include <algorithm>
#include <cmath>

namespace rolldeck::stats {

SequentialTest::SequentialTest(double tau, double alpha) : m_tau2(tau * tau), m_alpha(alpha) {}

double SequentialTest::likelihoodRatio(double estimate, double variance, double tau2)
{
    const double sum = variance + tau2;
    return std::sqrt(variance / sum) * std::exp(tau2 * estimate * estimate / (2 * variance * sum));
}

void SequentialTest::update(double estimate, double variance)
{
    if (!(variance > 0) || !std::isfinite(variance) || !std::isfinite(estimate) || !(m_tau2 > 0))
        return;
    ++m_looks;
    const double ratio = likelihoodRatio(estimate, variance, m_tau2);
    m_p = std::min(m_p, std::min(1.0, 1 / ratio));
    // Λ(θ) < 1/α  ⇔  (θ̂ − θ)² < 2 V (V + τ²) / τ² · (ln(1/α) + ½ ln((V + τ²) / V)).
    const double sum = variance + m_tau2;
    const double half =
        std::sqrt(2 * variance * sum / m_tau2 * (std::log(1 / m_alpha) + 0.5 * std::log(sum / variance)));
    m_low = std::max(m_low, estimate - half);
    m_high = std::min(m_high, estimate + half);
}

} // namespace rolldeck::stats
