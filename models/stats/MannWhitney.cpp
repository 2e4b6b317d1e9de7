#include "stats/MannWhitney.h"

#include "stats/Numerics.h"
#include "stats/StatsText.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <limits>
#include <optional>
#include <random>
#include <thread>
#include <utility>

namespace rolldeck::stats {

// A row's bracket as indices into the first sample: 32 bits halve the memory each selection round streams through
// (four index arrays of a million rows); validRank refuses samples longer than that.
using Index = std::uint32_t;

namespace {

// How many differences b[j] − a[i] are at most v, and per B value the first index of A at which they are: the
// differences of row j fall as i rises, so row j holds n − first[j] of them. One pass over sorted inputs.
double countRows(const std::vector<double> &a, const std::vector<double> &b, double v, std::vector<Index> &first)
{
    double count = 0;
    Index p = 0;
    first.resize(b.size());
    for (size_t j = 0; j < b.size(); ++j) {
        while (p < a.size() && b[j] - a[p] > v)
            ++p;
        first[j] = p;
        count += double(a.size() - p);
    }
    return count;
}

// countRows for two values low ≤ high at once, knowing each row's answer lies in [from[j], to[j]] (the current
// bracket): the counts of differences ≤ low and ≤ high, and the rows' first indices for each.
std::pair<double, double> countRowsBetween(const std::vector<double> &a, const std::vector<double> &b, double low,
                                           double high, const std::vector<Index> &from, const std::vector<Index> &to,
                                           std::vector<Index> &firstLow, std::vector<Index> &firstHigh)
{
    double countLow = 0, countHigh = 0;
    firstLow.resize(b.size());
    firstHigh.resize(b.size());
    Index pLow = 0, pHigh = 0;
    for (size_t j = 0; j < b.size(); ++j) {
        pHigh = std::max(pHigh, from[j]);
        while (pHigh < to[j] && b[j] - a[pHigh] > high)
            ++pHigh;
        pLow = std::max(pLow, pHigh);
        while (pLow < to[j] && b[j] - a[pLow] > low)
            ++pLow;
        firstHigh[j] = pHigh;
        firstLow[j] = pLow;
        countHigh += double(a.size() - pHigh);
        countLow += double(a.size() - pLow);
    }
    return {countLow, countHigh};
}

// The null distribution of U for sizes m and n without ties, as counts of arrangements: f[u] for u = 0..m·n.
// Built by the recurrence f(i, j, u) = f(i − 1, j, u − j) + f(i, j − 1, u), additions only.
std::vector<double> exactUCounts(int m, int n)
{
    const int maxU = m * n;
    // byI[i][u]: arrangements of i A-values among the j B-values seen so far with U = u.
    std::vector<std::vector<double>> byI(m + 1, std::vector<double>(maxU + 1, 0.0));
    for (int i = 0; i <= m; ++i)
        byI[i][0] = 1; // no B value yet: U is 0
    for (int j = 1; j <= n; ++j) {
        for (int i = 1; i <= m; ++i) {
            // f(i, j, u) = f(i, j − 1, u) [the largest value is a B] + f(i − 1, j, u − j) [it is an A, above j Bs]
            std::vector<double> &row = byI[i];
            const std::vector<double> &prev = byI[i - 1];
            for (int u = maxU; u >= j; --u)
                row[u] += prev[u - j];
        }
    }
    return byI[m];
}

struct Ranked
{
    double rankSumA = 0;
    double tieTerm = 0;       // Σ (t³ − t) over groups of tied values
    double withinTieTerm = 0; // the same counting only ties inside each sample
    bool ties = false;
};

Ranked rankSum(const std::vector<double> &a, const std::vector<double> &b)
{
    // a and b are sorted; merge them, giving each run of equal values its mid-rank.
    Ranked r;
    size_t i = 0, j = 0;
    double rank = 1;
    while (i < a.size() || j < b.size()) {
        const double v = j >= b.size() || (i < a.size() && a[i] <= b[j]) ? a[i] : b[j];
        double inA = 0, inB = 0;
        while (i < a.size() && a[i] == v)
            ++i, ++inA;
        while (j < b.size() && b[j] == v)
            ++j, ++inB;
        const double t = inA + inB;
        r.rankSumA += inA * (rank + (t - 1) / 2);
        if (t > 1) {
            r.ties = true;
            r.tieTerm += t * t * t - t;
            r.withinTieTerm += inA * inA * inA - inA + inB * inB * inB - inB;
        }
        rank += t;
    }
    return r;
}

// From this many observations in all, work that splits into independent parts runs on threads (a thread costs tens
// of microseconds; a part at this size about a millisecond).
constexpr double kParallelFrom = 20000;

// Runs the tasks, at once on threads of their own when `parallel` (the first on this thread), else one by one.
void runTogether(bool parallel, std::initializer_list<std::function<void()>> tasks)
{
    if (!parallel) {
        for (const auto &task : tasks)
            task();
        return;
    }
    std::vector<std::jthread> others;
    for (auto it = std::next(tasks.begin()); it != tasks.end(); ++it)
        others.emplace_back(*it);
    (*tasks.begin())();
} // the jthreads join here

// The p-value and interval from the exact distribution (R's wilcox.test without ties).
void exactPart(TestResult &result, const std::vector<double> &a, const std::vector<double> &b, double uB)
{
    const int m = int(a.size()), n = int(b.size());
    const std::vector<double> counts = exactUCounts(m, n);
    double total = 0;
    for (const double c : counts)
        total += c;
    double below = 0; // P(U ≤ uB) · total (the distribution is the same for either sample's U)
    for (int u = 0; u <= int(uB); ++u)
        below += counts[u];
    const double atOrBelow = below / total;
    const double atOrAbove = 1 - (below - counts[int(uB)]) / total;
    result.pValue = std::min(1.0, 2 * std::min(atOrBelow, atOrAbove));
    // qwilcox(α/2): the smallest q with P(U ≤ q) ≥ α/2; the interval is the q-th and (N − q + 1)-th difference.
    const double alphaHalf = (1 - result.confidence) / 2;
    double cumulative = 0;
    int q = 0;
    for (; q <= m * n; ++q) {
        cumulative += counts[q] / total;
        if (cumulative >= alphaHalf - 1e-12)
            break;
    }
    q = std::max(q, 1);
    const double pairs = double(m) * n;
    result.ciLow = kthPairwiseDifference(a, b, q);
    result.ciHigh = kthPairwiseDifference(a, b, pairs - q + 1);
}

// The tie-corrected normal approximation with continuity correction, and R's asymptotic interval: the shifts d
// where the corrected z of B − d against A crosses ±z. Between the pairwise differences the statistic is constant
// and its ties are only those within each sample, so each crossing is an order statistic of the differences: the
// first d at which #{b − a ≤ d} reaches m·n/2 ∓ (z·σ₀ + ½), σ₀ the spread with within-sample ties. (R finds the
// same points by uniroot to 1e-4.)
void intervalAndEstimate(TestResult &result, const std::vector<double> &a, const std::vector<double> &b, double kLow,
                         double kHigh, bool parallel);

void normalPart(TestResult &result, const std::vector<double> &a, const std::vector<double> &b, double uB,
                double tieTerm, double withinTieTerm)
{
    const double m = double(a.size()), n = double(b.size()), total = m + n, pairs = m * n;
    const auto spread = [&](double ties) {
        return std::sqrt(pairs / 12 * ((total + 1) - ties / (total * (total - 1))));
    };
    const double sigma = spread(tieTerm);
    const double centred = uB - pairs / 2;
    const double corrected = centred - (centred > 0 ? 0.5 : centred < 0 ? -0.5 : 0);
    const double z = corrected / sigma;
    result.pValue = std::min(1.0, 2 * normalUpperTail(std::fabs(z)));
    const double reach = normalCritical(result.confidence) * spread(withinTieTerm) + 0.5;
    const auto rank = [&](double k) { return std::clamp(std::ceil(k), 1.0, pairs); };
    intervalAndEstimate(result, a, b, rank(pairs / 2 - reach), rank(pairs / 2 + reach), total >= kParallelFrom);
}

} // namespace

namespace {

// What is known about ranks sought among all differences b[j] − a[i]: they lie in (low, high], fewer than the lowest
// rank sought are ≤ low and at least the highest are ≤ high; row j's candidates are i ∈ [firstHigh[j], firstLow[j]).
struct Bracket
{
    double low, countLow, high, countHigh;
    std::vector<Index> firstLow, firstHigh;
};

Bracket wholeBracket(const std::vector<double> &a, const std::vector<double> &b)
{
    // Every difference is at most the largest, so every row's candidates start at index 0.
    return {-std::numeric_limits<double>::infinity(),
            0,
            b.back() - a.front(),
            double(a.size()) * double(b.size()),
            std::vector<Index>(b.size(), Index(a.size())),
            std::vector<Index>(b.size(), 0)};
}

std::pair<double, double> selectPairwise(const std::vector<double> &a, const std::vector<double> &b, double kLow,
                                         double kHigh, Bracket bracket);

// Random candidates narrow the bracket around ranks kLow ≤ kHigh (Floyd–Rivest style, a few passes over the samples)
// until at most `enough` are left or `rounds` are done. Returns the answer instead when it lies in a block of ties
// (with answerTies; else it stops there, the bracket still holding every rank between kLow and kHigh).
std::optional<std::pair<double, double>> narrow(const std::vector<double> &a, const std::vector<double> &b, double kLow,
                                                double kHigh, Bracket &br, double enough, int rounds,
                                                bool answerTies = true)
{
    std::vector<Index> trial, trialHigh;
    std::mt19937_64 random{std::uint64_t(kLow)};
    std::vector<double> rowEnd(b.size()), sample, positions;
    // Enough draws that each round cuts the candidates about eightyfold, few enough to cost less than a pass.
    const int draws = int(std::clamp(std::sqrt(double(a.size() + b.size())) * 32, 1024.0, 65536.0));
    for (int round = 0; round < rounds && br.countHigh - br.countLow > enough; ++round) {
        double candidates = 0;
        for (size_t j = 0; j < b.size(); ++j)
            rowEnd[j] = candidates += double(br.firstLow[j] - br.firstHigh[j]);
        // Random positions among the candidates, found in one sweep over the rows. They come out sorted: the running
        // sums of exponential gaps, scaled by the whole, are the order statistics of uniform draws (no sort needed).
        positions.clear();
        std::exponential_distribution<double> gap;
        double sum = 0;
        for (int d = 0; d < draws; ++d)
            positions.push_back(sum += gap(random));
        const double scale = candidates / (sum + gap(random));
        for (double &at : positions)
            at *= scale;
        sample.clear();
        size_t j = 0;
        for (const double at : positions) {
            while (j + 1 < b.size() && rowEnd[j] <= at)
                ++j;
            const double into = at - (j ? rowEnd[j - 1] : 0);
            sample.push_back(b[j] - a[std::min<size_t>(br.firstHigh[j] + size_t(into), br.firstLow[j] - 1)]);
        }
        // A share outside (0, 1), or none at all (a rank beyond the candidates gives q > 1, whose margin would be the
        // root of a negative number), keeps the bound as it is. Only two order statistics of the sample are needed:
        // selected, not sorted (the lower first, then the higher among what lies above it).
        const auto margin = [&](double q) { return 3 * std::sqrt(std::max(0.0, q * (1 - q)) / draws) + 2.0 / draws; };
        const double qLow = (kLow - br.countLow) / candidates - margin((kLow - br.countLow) / candidates);
        const double qHigh = (kHigh - br.countLow) / candidates + margin((kHigh - br.countLow) / candidates);
        const auto index = [&](double q) { return std::min(size_t(q * draws), sample.size() - 1); };
        const bool useLow = (qLow > 0 && qLow < 1);
        const bool useHigh = (qHigh > 0 && qHigh < 1);
        auto from = sample.begin();
        double lowGuess = br.low, highGuess = br.high;
        if (useLow) {
            const auto at = sample.begin() + std::ptrdiff_t(index(qLow));
            std::nth_element(sample.begin(), at, sample.end());
            lowGuess = *at;
            from = at;
        }
        if (useHigh) {
            const auto at = sample.begin() + std::ptrdiff_t(std::max(index(qHigh), size_t(from - sample.begin())));
            std::nth_element(from, at, sample.end());
            highGuess = *at;
        }
        // Both guesses counted in one pass, each row searched only inside its candidate window.
        const auto [cLow, cHigh] =
            countRowsBetween(a, b, lowGuess, highGuess, br.firstHigh, br.firstLow, trial, trialHigh);
        bool narrowed = false;
        if (lowGuess > br.low && cLow < kLow) {
            br.low = lowGuess, br.countLow = cLow, narrowed = true;
            br.firstLow.swap(trial);
        }
        if (highGuess < br.high && cHigh >= kHigh) {
            br.high = highGuess, br.countHigh = cHigh, narrowed = true;
            br.firstHigh.swap(trialHigh);
        }
        if (!narrowed && !answerTies) // a block of ties: the bracket stays as it is, valid for every rank in it
            return std::nullopt;
        if (!narrowed) { // the sample sits in a block of ties at `high`: are both ranks in it?
            const double below = std::nextafter(br.high, -std::numeric_limits<double>::infinity());
            const double c = countRows(a, b, below, trial);
            if (c < kHigh) { // the kHigh-th is `high`; so is the kLow-th unless it lies below the block
                if (c < kLow)
                    return std::pair{br.high, br.high};
                return std::pair{selectPairwise(a, b, kLow, kLow, wholeBracket(a, b)).first, br.high};
            }
            br.high = below, br.countHigh = c;
            br.firstHigh.swap(trial);
        }
    }
    return std::nullopt;
}

// The kLow-th and kHigh-th smallest (1-based, kLow ≤ kHigh, close together) of all differences b[j] − a[i], from a
// bracket that holds both: narrowed until the few left are listed and the ranks selected among them.
std::pair<double, double> selectPairwise(const std::vector<double> &a, const std::vector<double> &b, double kLow,
                                         double kHigh, Bracket br)
{
    const double listable = std::max<double>(4096, double(a.size() + b.size()));
    if (const auto answer = narrow(a, b, kLow, kHigh, br, listable, 64))
        return *answer;
    std::vector<double> left;
    left.reserve(size_t(br.countHigh - br.countLow));
    for (size_t j = 0; j < b.size(); ++j)
        for (size_t i = br.firstHigh[j]; i < br.firstLow[j]; ++i)
            left.push_back(b[j] - a[i]);
    const auto first = left.begin() + std::ptrdiff_t(kLow - br.countLow - 1);
    std::nth_element(left.begin(), first, left.end());
    const auto second = first + std::ptrdiff_t(kHigh - kLow);
    if (second != first)
        std::nth_element(first + 1, second, left.end());
    return {*first, *second};
}

// The normal approximation's interval ends (ranks kLow ≤ kHigh) and the Hodges-Lehmann median, which lies between
// them: the first rounds narrow one bracket around all three, then each is selected from it, at once on large samples.
void intervalAndEstimate(TestResult &result, const std::vector<double> &a, const std::vector<double> &b, double kLow,
                         double kHigh, bool parallel)
{
    const double pairs = double(a.size()) * double(b.size());
    const double lower = std::floor((pairs + 1) / 2), upper = std::ceil((pairs + 1) / 2);
    Bracket shared = wholeBracket(a, b);
    // Rounds shared until the bracket is a few times the interval's width: past that it would hardly shrink.
    const double enough = std::max({4096.0, double(a.size() + b.size()), 4 * (kHigh - kLow)});
    const bool holdsAll = kLow <= lower && upper <= kHigh;
    if (holdsAll)
        narrow(a, b, kLow, kHigh, shared, enough, 64, false);
    runTogether(parallel, {[&] { result.ciLow = selectPairwise(a, b, kLow, kLow, shared).first + 0.0; },
                           [&] { result.ciHigh = selectPairwise(a, b, kHigh, kHigh, shared).first + 0.0; },
                           [&] {
                               const auto [x, y] =
                                   selectPairwise(a, b, lower, upper, holdsAll ? shared : wholeBracket(a, b));
                               result.estimate = (x + y) / 2 + 0.0;
                           }});
}

bool validRank(const std::vector<double> &a, const std::vector<double> &b, double k)
{
    return !a.empty() && !b.empty() && a.size() <= std::numeric_limits<Index>::max() && k >= 1 &&
           k <= double(a.size()) * double(b.size());
}

} // namespace

double kthPairwiseDifference(const std::vector<double> &sortedA, const std::vector<double> &sortedB, double k)
{
    if (!validRank(sortedA, sortedB, k))
        return kNaN;
    return selectPairwise(sortedA, sortedB, k, k, wholeBracket(sortedA, sortedB)).first + 0.0; // −0 becomes 0
}

double hodgesLehmann(const std::vector<double> &sortedA, const std::vector<double> &sortedB)
{
    const double pairs = double(sortedA.size()) * double(sortedB.size());
    if (!validRank(sortedA, sortedB, 1))
        return kNaN;
    const double lower = std::floor((pairs + 1) / 2), upper = std::ceil((pairs + 1) / 2);
    const auto [x, y] = selectPairwise(sortedA, sortedB, lower, upper, wholeBracket(sortedA, sortedB));
    return (x + y) / 2 + 0.0;
}

TestResult mannWhitney(std::vector<double> a, std::vector<double> b, double confidence, MannWhitneyMethod choice)
{
    const QString method = StatsText::tr("Mann-Whitney U test");
    const auto finite = [](const std::vector<double> &v) {
        return std::all_of(v.begin(), v.end(), [](double x) { return std::isfinite(x); });
    };
    if (!finite(a) || !finite(b))
        return TestResult::insufficient(method, StatsText::tr("a value is infinite or not a number"));
    if (a.empty() || b.empty())
        return TestResult::insufficient(method, StatsText::tr("a variant has no observations"));
    // A radix-style sort: about twice std::sort's speed on a million doubles (finite values only, checked above).
    runTogether(double(a.size() + b.size()) >= kParallelFrom, {[&a] { sortFinite(a); }, [&b] { sortFinite(b); }});
    if (a.front() == a.back() && b.front() == b.back() && a.front() == b.front())
        return TestResult::insufficient(method, StatsText::tr("no variation: every observation is the same"));
    const Ranked ranked = rankSum(a, b);
    const double m = double(a.size()), n = double(b.size());
    TestResult result;
    result.confidence = confidence;
    result.statistic = m * n - (ranked.rankSumA - m * (m + 1) / 2); // U of B: R's W for wilcox.test(b, a)
    const bool exact = choice == MannWhitneyMethod::Auto && a.size() < 50 && b.size() < 50 && !ranked.ties;
    result.method = exact ? StatsText::tr("Mann-Whitney U test (exact)")
                          : StatsText::tr("Mann-Whitney U test (normal approximation, tie-corrected)");
    if (exact) {
        exactPart(result, a, b, result.statistic);
        result.estimate = hodgesLehmann(a, b);
    } else {
        normalPart(result, a, b, result.statistic, ranked.tieTerm, ranked.withinTieTerm);
    }
    const double pairs = m * n;
    result.effectSize = result.statistic / pairs;
    result.effectSizeName = StatsText::tr("common-language effect size");
    return result;
}

} // namespace rolldeck::stats
