#include "AbTraffic.h"

#include "../controller/Determinism.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace rdsim {

using nlohmann::json;

namespace {

std::string number(double v)
{
    if (std::isinf(v))
        return v > 0 ? "+Inf" : "-Inf";
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, res.ptr);
}

std::string label(const std::string &v)
{
    std::string out;
    for (char c : v) {
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        if (c == '\\' || c == '"')
            out += '\\';
        out += c;
    }
    return out;
}

// A log-normal with the given mean and shape: mu = ln(mean) - sigma^2 / 2.
std::lognormal_distribution<double> logNormal(double mean, double sigma)
{
    return std::lognormal_distribution<double>(std::log(mean) - sigma * sigma / 2, sigma);
}

void observe(std::vector<double> &buckets, const std::vector<double> &bounds, double value)
{
    size_t i = 0;
    while (i < bounds.size() && value > bounds[i])
        ++i;
    buckets[i] += 1; // i == bounds.size(): the overflow (+Inf only)
}

} // namespace

const std::vector<double> &AbTraffic::responseBuckets()
{
    static const std::vector<double> b{0.025, 0.05, 0.075, 0.1, 0.125, 0.15, 0.175, 0.2,
                                       0.25,  0.3,  0.4,   0.5, 0.75,  1,    2.5};
    return b;
}

const std::vector<double> &AbTraffic::timeOnPageBuckets()
{
    static const std::vector<double> b{5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600};
    return b;
}

bool AbTraffic::Test::has(double Variant::*field) const
{
    for (const Variant &v : variants)
        if (v.*field >= 0)
            return true;
    return false;
}

void AbTraffic::configure(const json &abTests)
{
    if (!abTests.is_array())
        return;
    for (const json &t : abTests) {
        if (!t.is_object())
            continue;
        Test test;
        test.ns = t.value("namespace", std::string("default"));
        test.name = t.value("name", std::string());
        test.virtualService = t.value("virtualService", std::string());
        test.visitsPerSecond = t.value("visitsPerSecond", test.visitsPerSecond);
        test.sampleRatioMismatch = std::clamp(t.value("sampleRatioMismatch", 0.0), 0.0, 1.0);
        for (const json &v : t.value("variants", json::array())) {
            Variant var;
            var.name = v.value("name", std::string());
            var.route.subset = v.value("subset", std::string());
            var.route.host = v.value("host", std::string());
            var.conversionRate = v.value("conversionRate", var.conversionRate);
            var.responseMs = v.value("responseMs", var.responseMs);
            var.responseSigma = v.value("responseSigma", var.responseSigma);
            var.timeOnPageS = v.value("timeOnPageS", var.timeOnPageS);
            var.timeOnPageSigma = v.value("timeOnPageSigma", var.timeOnPageSigma);
            var.response.buckets.assign(responseBuckets().size() + 1, 0.0);
            var.timeOnPage.buckets.assign(timeOnPageBuckets().size() + 1, 0.0);
            test.variants.push_back(var);
        }
        m_tests.push_back(std::move(test));
    }
}

void AbTraffic::setSampleRatioMismatch(double share)
{
    if (share < 0)
        m_srmOverride.reset();
    else
        m_srmOverride = std::min(share, 1.0);
}

std::vector<AbTraffic::TestRoute> AbTraffic::routes() const
{
    std::vector<TestRoute> out;
    for (const Test &t : m_tests) {
        TestRoute r{t.ns, t.virtualService, {}};
        for (const Variant &v : t.variants)
            r.variants.push_back(v.route);
        out.push_back(std::move(r));
    }
    return out;
}

// `count` visits of one variant: each converts or not, and has a response time and a time on page.
void AbTraffic::visit(Variant &v, uint64_t count, std::mt19937_64 &rng) const
{
    v.visits += double(count);
    if (v.conversionRate >= 0)
        v.conversions += double(std::binomial_distribution<uint64_t>(count, std::min(v.conversionRate, 1.0))(rng));
    if (v.responseMs > 0) {
        auto draw = logNormal(v.responseMs / 1000.0, v.responseSigma);
        for (uint64_t i = 0; i < count; ++i) {
            const double s = draw(rng);
            observe(v.response.buckets, responseBuckets(), s);
            v.response.sum += s;
            v.response.count += 1;
        }
    }
    if (v.timeOnPageS > 0) {
        auto draw = logNormal(v.timeOnPageS, v.timeOnPageSigma);
        for (uint64_t i = 0; i < count; ++i) {
            const double s = draw(rng);
            observe(v.timeOnPage.buckets, timeOnPageBuckets(), s);
            v.timeOnPage.sum += s;
            v.timeOnPage.count += 1;
        }
    }
}

void AbTraffic::advance(int64_t nowMs, double dt, const std::vector<std::vector<double>> &weights)
{
    for (size_t t = 0; t < m_tests.size() && t < weights.size(); ++t) {
        Test &test = m_tests[t];
        double sum = 0;
        for (double w : weights[t])
            sum += std::max(0.0, w);
        if (sum <= 0 || dt <= 0)
            continue;
        const double srm = m_srmOverride.value_or(test.sampleRatioMismatch);
        for (size_t i = 0; i < test.variants.size() && i < weights[t].size(); ++i) {
            Variant &v = test.variants[i];
            auto rng = rngFor(m_seed, test.ns + "/" + test.name + "/" + v.name + "/" + std::to_string(nowMs));
            const double mean = test.visitsPerSecond * dt * std::max(0.0, weights[t][i]) / sum;
            uint64_t arrivals = mean > 0 ? std::poisson_distribution<uint64_t>(mean)(rng) : 0;
            if (srm > 0 && i + 1 == test.variants.size() && test.variants.size() > 1)
                arrivals -= std::binomial_distribution<uint64_t>(arrivals, srm)(rng);
            visit(v, arrivals, rng);
        }
    }
}

void AbTraffic::renderHistogram(std::ostream &out, const char *metric, const char *help,
                                const std::vector<double> &bounds, Histogram Variant::*field,
                                double Variant::*mean) const
{
    out << "# HELP " << metric << ' ' << help << "\n# TYPE " << metric << " histogram\n";
    for (const Test &t : m_tests) {
        if (!t.has(mean))
            continue;
        for (const Variant &v : t.variants) {
            const Histogram &h = v.*field;
            const std::string labels = "namespace=\"" + label(t.ns) + "\",experiment=\"" + label(t.name) +
                                       "\",variant=\"" + label(v.name) + "\"";
            double cumulative = 0;
            for (size_t i = 0; i < bounds.size(); ++i) {
                cumulative += h.buckets[i];
                out << metric << "_bucket{" << labels << ",le=\"" << number(bounds[i]) << "\"} " << number(cumulative)
                    << "\n";
            }
            out << metric << "_bucket{" << labels << ",le=\"+Inf\"} " << number(h.count) << "\n";
            out << metric << "_sum{" << labels << "} " << number(h.sum) << "\n";
            out << metric << "_count{" << labels << "} " << number(h.count) << "\n";
        }
    }
}

void AbTraffic::render(std::ostream &out) const
{
    auto counter = [&](const char *metric, const char *help, double Variant::*value, double Variant::*needs) {
        out << "# HELP " << metric << ' ' << help << "\n# TYPE " << metric << " counter\n";
        for (const Test &t : m_tests) {
            if (needs && !t.has(needs))
                continue;
            for (const Variant &v : t.variants)
                out << metric << "{namespace=\"" << label(t.ns) << "\",experiment=\"" << label(t.name)
                    << "\",variant=\"" << label(v.name) << "\"} " << number(v.*value) << "\n";
        }
    };
    counter("ab_test_visits_total", "Visits per A/B test variant.", &Variant::visits, nullptr);
    counter("ab_test_conversions_total", "Conversions per A/B test variant.", &Variant::conversions,
            &Variant::conversionRate);
    renderHistogram(out, "ab_test_response_seconds", "Response time per A/B test variant.", responseBuckets(),
                    &Variant::response, &Variant::responseMs);
    renderHistogram(out, "ab_test_time_on_page_seconds", "Time on page per A/B test variant.", timeOnPageBuckets(),
                    &Variant::timeOnPage, &Variant::timeOnPageS);
}

} // namespace rdsim
