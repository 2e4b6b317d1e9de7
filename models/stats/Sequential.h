#pragma once

#include <limits>

namespace rolldeck::stats {

// An always-valid p-value and confidence sequence for a difference (B − A), by the mixture sequential probability
// ratio test with a normal mixture (Johari, Pekelis, Walsh 2017; Howard et al. 2021): the likelihood ratio of
// "difference θ ~ N(0, τ²)" against "difference 0" given the estimate and its variance,
//   Λ = sqrt(V / (V + τ²)) · exp(τ² θ̂² / (2 V (V + τ²))),
// is a nonnegative martingale under the null, so min(1, 1/Λ) minimised over every look stays valid however often
// it is read. The confidence sequence is every θ whose Λ(θ) stays under 1/α, intersected over the looks.
class SequentialTest
{
public:
    // `tau` is the mixing standard deviation: the size of effect the test is tuned to find (the planned minimum
    // detectable effect). `alpha` sets the confidence sequence's level (1 − alpha).
    SequentialTest(double tau, double alpha = 0.05);

    // One look: the current estimate of B − A and its variance. A variance that is not positive (no data yet,
    // no variation) is not a look and changes nothing.
    void update(double estimate, double variance);

    double alwaysValidP() const { return m_p; }
    double ciLow() const { return m_low; }
    double ciHigh() const { return m_high; }
    int looks() const { return m_looks; }

    // The mixture likelihood ratio for one look (exposed for tests).
    static double likelihoodRatio(double estimate, double variance, double tau2);

private:
    double m_tau2;
    double m_alpha;
    double m_p = 1;
    double m_low = -std::numeric_limits<double>::infinity();
    double m_high = std::numeric_limits<double>::infinity();
    int m_looks = 0;
};

} // namespace rolldeck::stats
