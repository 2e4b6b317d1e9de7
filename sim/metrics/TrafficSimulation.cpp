#include "TrafficSimulation.h"

#include "../controller/Determinism.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <regex>
#include <set>
#include <sstream>

namespace rdsim {

using nlohmann::json;

namespace {

constexpr char kSep = '\x1f';
constexpr const char *kHashLabel = "rollouts-pod-template-hash";

std::string joinKey(const std::string &a, const std::string &b, const std::string &c = {})
{
    std::string k = a + kSep + b;
    if (!c.empty())
        k += kSep + c;
    return k;
}

std::vector<std::string> splitKey(const std::string &k)
{
    std::vector<std::string> out;
    std::string cur;
    for (char ch : k) {
        if (ch == kSep) {
            out.push_back(cur);
            cur.clear();
        } else {
            cur += ch;
        }
    }
    out.push_back(cur);
    return out;
}

std::string formatFloat(double v)
{
    if (std::isnan(v))
        return "NaN";
    if (std::isinf(v))
        return v > 0 ? "+Inf" : "-Inf";
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, res.ptr);
}

std::string counterText(double v)
{
    return formatFloat(std::floor(v));
}

std::string escapeLabel(const std::string &v)
{
    std::string out;
    for (char c : v) {
        if (c == '\\' || c == '"')
            out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

double parseQuantity(const std::string &q)
{
    if (q.empty())
        return 0;
    size_t i = 0;
    while (i < q.size() && (std::isdigit(static_cast<unsigned char>(q[i])) || q[i] == '.'))
        ++i;
    const double num = std::strtod(q.substr(0, i).c_str(), nullptr);
    const std::string unit = q.substr(i);
    static const std::map<std::string, double> units{{"", 1},
                                                     {"k", 1e3},
                                                     {"M", 1e6},
                                                     {"G", 1e9},
                                                     {"Ki", 1024.0},
                                                     {"Mi", 1024.0 * 1024},
                                                     {"Gi", 1024.0 * 1024 * 1024}};
    auto it = units.find(unit);
    return it == units.end() ? num : num * it->second;
}

double lognormalCdf(double x, double median, double sigma)
{
    if (x <= 0)
        return 0;
    return 0.5 * std::erfc(-(std::log(x) - std::log(median)) / (sigma * std::sqrt(2.0)));
}

std::string ownerUidOf(const json &obj)
{
    for (const json &ref : obj["metadata"].value("ownerReferences", json::array()))
        if (ref.value("controller", false))
            return ref.value("uid", std::string());
    return {};
}

std::string labelOf(const json &obj, const char *key)
{
    const json &meta = obj["metadata"];
    if (!meta.contains("labels"))
        return {};
    return meta["labels"].value(key, std::string());
}

std::string namespaceOf(const json &obj)
{
    return obj["metadata"].value("namespace", std::string());
}

std::string firstImage(const json &podSpec)
{
    const json containers = podSpec.value("containers", json::array());
    return containers.empty() ? std::string() : containers[0].value("image", std::string());
}

} // namespace

const std::vector<double> &TrafficSimulation::latencyBuckets()
{
    static const std::vector<double> b{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    return b;
}

TrafficSimulation::TrafficSimulation(Store &store, uint64_t seed) : m_store(store), m_seed(seed), m_ab(seed) {}

void TrafficSimulation::configure(const json &config)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (config.contains("profiles") && config["profiles"].is_object()) {
        for (auto it = config["profiles"].begin(); it != config["profiles"].end(); ++it) {
            Profile p;
            const json &v = *it;
            p.errorRate = v.value("errorRate", p.errorRate);
            p.latencyMedianMs = v.value("latencyMedianMs", p.latencyMedianMs);
            p.latencyP95Ms = v.value("latencyP95Ms", p.latencyP95Ms);
            p.memoryMi = v.value("memoryMi", p.memoryMi);
            if (v.contains("errorRateByWeight") && v["errorRateByWeight"].is_object())
                for (auto w = v["errorRateByWeight"].begin(); w != v["errorRateByWeight"].end(); ++w)
                    p.errorRateByWeight[std::stod(w.key())] = w->get<double>();
            m_profiles.emplace_back(it.key(), p);
        }
    }
    if (config.contains("rollouts") && config["rollouts"].is_object())
        for (auto it = config["rollouts"].begin(); it != config["rollouts"].end(); ++it)
            m_rolloutRps[it.key()] = it->value("rps", m_defaultRps);
    m_defaultRps = config.value("defaultRps", m_defaultRps);
    m_enabledByDefault = config.value("enabled", m_enabledByDefault);
    m_ab.configure(config.value("abTests", json::array()));
    if (config.contains("abSampleRatioMismatch") && config["abSampleRatioMismatch"].is_number())
        m_ab.setSampleRatioMismatch(config["abSampleRatioMismatch"].get<double>());
}

TrafficSimulation::Profile TrafficSimulation::profileFor(const std::string &image) const
{
    for (const auto &[match, p] : m_profiles)
        if (!match.empty() && image.find(match) != std::string::npos)
            return p;
    return Profile{};
}

double TrafficSimulation::errorRateAt(const Profile &p, double weight) const
{
    if (p.errorRateByWeight.empty())
        return p.errorRate;
    auto hi = p.errorRateByWeight.lower_bound(weight);
    if (hi == p.errorRateByWeight.begin())
        return hi->second;
    if (hi == p.errorRateByWeight.end())
        return std::prev(hi)->second;
    auto lo = std::prev(hi);
    const double t = (weight - lo->first) / (hi->first - lo->first);
    return lo->second + t * (hi->second - lo->second);
}

void TrafficSimulation::addTraffic(const std::string &ns, const std::string &rollout, const std::string &version,
                                   const Profile &profile, double requests, double weightPercent, int64_t tick)
{
    const std::string key = joinKey(ns, rollout, version);
    VersionCounters &c = m_counters[key];
    const auto &bounds = latencyBuckets();
    if (c.buckets.empty()) {
        c.buckets.assign(bounds.size() + 1, 0.0);
        for (const char *code : {"200", "404", "500", "503"})
            c.byCode[code] += 0;
    }
    if (requests <= 0)
        return;
    const double noise = uniformFor(m_seed, key + "/n/" + std::to_string(tick), 0.8, 1.2);
    const double errors = requests * errorRateAt(profile, weightPercent) * noise;
    const double notFound = requests * 0.002;
    c.byCode["500"] += errors * 0.8;
    c.byCode["503"] += errors * 0.2;
    c.byCode["404"] += notFound;
    c.byCode["200"] += std::max(0.0, requests - errors - notFound);
    const double median =
        profile.latencyMedianMs / 1000.0 * uniformFor(m_seed, key + "/l/" + std::to_string(tick), 0.95, 1.05);
    const double sigma = std::max(0.05, std::log(profile.latencyP95Ms / profile.latencyMedianMs) / 1.6448536);
    for (size_t i = 0; i < bounds.size(); ++i)
        c.buckets[i] += requests * lognormalCdf(bounds[i], median, sigma);
    c.buckets.back() += requests;
    c.latencySum += requests * median * std::exp(sigma * sigma / 2);
    c.count += requests;
}

// Everything advance() reads from the store, indexed once per tick: looking each rollout's
// ReplicaSets and pods up by selector instead cost O(rollouts x objects), seconds per tick for
// the 5,000-rollout fleet (and as long to stop).
void TrafficSimulation::indexLive(LiveState &live) const
{
    if (live.indexed)
        return;
    live.indexed = true;
    for (const ObjectPtr &rs : m_store.list(kReplicaSets, "").items)
        if (const std::string owner = ownerUidOf(*rs); !owner.empty())
            live.replicaSetsByOwner[owner].push_back(rs);
    for (const ObjectPtr &pod : m_store.list(kPods, "").items) {
        const std::string hash = labelOf(*pod, kHashLabel);
        if (!hash.empty())
            live.podsByHash[joinKey(namespaceOf(*pod), hash)].push_back(pod);
    }
}

const json &TrafficSimulation::virtualService(LiveState &live, const std::string &ns, const std::string &name) const
{
    const std::string k = joinKey(ns, name);
    auto it = live.virtualServices.find(k);
    if (it == live.virtualServices.end()) {
        Outcome o = m_store.get(kVirtualServices, ns, name);
        it = live.virtualServices.emplace(k, o.object ? *o.object : json()).first;
    }
    return it->second;
}

void TrafficSimulation::stop()
{
    m_stopping = true;
}

// One rollout's live split: its versions with image and traffic share, and its pods' memory.
// False when the rollout gets no traffic.
bool TrafficSimulation::readSplit(const json &ro, int64_t nowMs, LiveState &live, Split &out) const
{
    const std::string ns = ro["metadata"].value("namespace", std::string());
    const std::string name = ro["metadata"].value("name", std::string());
    double rps;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        auto it = m_rolloutRps.find(ns + "/" + name);
        if (it != m_rolloutRps.end())
            rps = it->second;
        else if (m_enabledByDefault)
            rps = m_defaultRps;
        else
            return false;
    }
    indexLive(live); // only once a rollout gets traffic: the fleet has none
    out = Split{ns, name, rps, {}, {}, {}};
    Split &s = out;
    s.environment = ro["metadata"].value("labels", json::object()).value("environment", ns);
    const std::string uid = ro["metadata"].value("uid", std::string());
    const json st = ro.value("status", json::object());
    const json strategy = ro["spec"].value("strategy", json::object());
    // The rollout's ReplicaSets are those it controls (ownerReferences), by pod-template hash.
    std::map<std::string, const json *> rsByHash;
    if (auto owned = live.replicaSetsByOwner.find(uid); owned != live.replicaSetsByOwner.end())
        for (const ObjectPtr &p : owned->second)
            rsByHash[labelOf(*p, kHashLabel)] = p.get();
    auto imageOf = [&](const std::string &hash) {
        auto it = rsByHash.find(hash);
        if (it == rsByHash.end())
            return std::string();
        const json tmpl = it->second->value("spec", json::object()).value("template", json::object());
        return firstImage(tmpl.value("spec", json::object()));
    };
    auto availableOf = [&](const std::string &hash) -> int64_t {
        auto it = rsByHash.find(hash);
        return it == rsByHash.end()
                   ? 0
                   : it->second->value("status", json::object()).value("availableReplicas", int64_t(0));
    };
    const std::string stable = st.value("stableRS", std::string());
    const std::string current = st.value("currentPodHash", std::string());
    std::map<std::string, std::string> versionOfHash;
    if (strategy.contains("blueGreen")) {
        const std::string active = st.value("blueGreen", json::object()).value("activeSelector", stable);
        const std::string preview = st.value("blueGreen", json::object()).value("previewSelector", std::string());
        s.versions.emplace_back("stable", imageOf(active), 1.0);
        versionOfHash[active] = "stable";
        if (!preview.empty() && preview != active && availableOf(preview) > 0) {
            s.versions.emplace_back("preview", imageOf(preview), 0.05);
            versionOfHash[preview] = "preview";
        }
    } else {
        const json canary = strategy.value("canary", json::object());
        double fraction = 0;
        if (current != stable && !current.empty()) {
            const json istio = canary.value("trafficRouting", json::object()).value("istio", json());
            if (istio.is_object() && istio.contains("virtualService")) {
                std::string vsName = istio["virtualService"].value("name", std::string());
                std::string vsNs = ns;
                if (auto dot = vsName.find('.'); dot != std::string::npos) {
                    vsNs = vsName.substr(dot + 1);
                    vsName = vsName.substr(0, dot);
                }
                const json &vs = virtualService(live, vsNs, vsName);
                const json dr = istio.value("destinationRule", json::object());
                const std::string cs = dr.value("canarySubsetName", std::string());
                const std::string ss = dr.value("stableSubsetName", std::string());
                const std::string csvc = canary.value("canaryService", std::string());
                double wc = 0, ws = 0;
                if (vs.is_object()) {
                    const json http = vs["spec"].value("http", json::array());
                    if (!http.empty()) {
                        for (const json &d : http[0].value("route", json::array())) {
                            const json dest = d.value("destination", json::object());
                            const std::string host = dest.value("host", std::string());
                            const bool isCanary = cs.empty() ? host.substr(0, host.find('.')) == csvc
                                                             : dest.value("subset", std::string()) == cs;
                            const double w = d.value("weight", http[0]["route"].size() == 1 ? 100.0 : 0.0);
                            (isCanary ? wc : ws) += w;
                        }
                    }
                }
                fraction = wc + ws > 0 ? wc / (wc + ws) : 0;
                (void)ss;
            } else if (canary.contains("trafficRouting")) {
                fraction = st.value("canary", json::object())
                               .value("weights", json::object())
                               .value("canary", json::object())
                               .value("weight", 0.0) /
                           100.0;
            } else {
                const double total = static_cast<double>(availableOf(stable) + availableOf(current));
                fraction = total > 0 ? static_cast<double>(availableOf(current)) / total : 0;
            }
            if (availableOf(current) == 0)
                fraction = 0;
        }
        s.versions.emplace_back("stable", imageOf(stable), 1.0 - fraction);
        versionOfHash[stable] = "stable";
        if (current != stable && !current.empty()) {
            s.versions.emplace_back("canary", imageOf(current), fraction);
            versionOfHash[current] = "canary";
        }
    }
    // Pods' memory.
    for (const auto &entry : rsByHash) {
        const std::string &hash = entry.first;
        auto vit = versionOfHash.find(hash);
        if (vit == versionOfHash.end())
            continue;
        auto pods = live.podsByHash.find(joinKey(ns, hash));
        if (pods == live.podsByHash.end())
            continue;
        for (const ObjectPtr &pod : pods->second) {
            if ((*pod)["status"].value("phase", std::string()) != "Running")
                continue;
            for (const json &c : (*pod)["spec"].value("containers", json::array())) {
                PodMemory pm;
                pm.ns = ns;
                pm.rollout = name;
                pm.version = vit->second;
                pm.pod = (*pod)["metadata"].value("name", std::string());
                pm.container = c.value("name", std::string("app"));
                const Profile prof = [&] {
                    std::lock_guard<std::mutex> lock(m_mutex);
                    return profileFor(c.value("image", std::string()));
                }();
                const double mi = 1024.0 * 1024.0;
                pm.workingSet = prof.memoryMi * mi *
                                uniformFor(m_seed, pm.pod + "/mem/" + std::to_string(nowMs / 15000), 0.93, 1.07);
                pm.limit = parseQuantity(c.value("resources", json::object())
                                             .value("limits", json::object())
                                             .value("memory", std::string()));
                s.pods.push_back(pm);
            }
        }
    }
    return true;
}

// Each A/B test's weights per variant, straight from its VirtualService.
std::vector<std::vector<double>> TrafficSimulation::readAbWeights(LiveState &live) const
{
    std::vector<std::vector<double>> abWeights;
    std::vector<AbTraffic::TestRoute> tests;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        tests = m_ab.routes();
    }
    for (const AbTraffic::TestRoute &t : tests) {
        const json &vs = virtualService(live, t.ns, t.virtualService);
        std::vector<double> w(t.variants.size(), 0.0);
        if (vs.is_object()) {
            const json http = vs["spec"].value("http", json::array());
            for (const json &route : http) {
                for (const json &d : route.value("route", json::array())) {
                    const json dest = d.value("destination", json::object());
                    for (size_t i = 0; i < t.variants.size(); ++i) {
                        const AbTraffic::VariantRoute &v = t.variants[i];
                        const bool match = !v.subset.empty() ? dest.value("subset", std::string()) == v.subset
                                                             : dest.value("host", std::string()) == v.host;
                        if (match)
                            w[i] += d.value("weight", route["route"].size() == 1 ? 100.0 : 0.0);
                    }
                }
                break; // the first (default) route carries the split
            }
        }
        abWeights.push_back(w);
    }
    return abWeights;
}

void TrafficSimulation::advance(int64_t nowMs)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_lastMs < 0) {
            m_lastMs = nowMs;
            return;
        }
    }
    // Read the live state first (without our lock), then account.
    LiveState live;
    std::vector<Split> splits;
    for (const ObjectPtr &rp : m_store.list(kRollouts, "").items) {
        if (m_stopping)
            return;
        Split s;
        if (readSplit(*rp, nowMs, live, s))
            splits.push_back(std::move(s));
    }
    const std::vector<std::vector<double>> abWeights = readAbWeights(live);

    std::lock_guard<std::mutex> lock(m_mutex);
    const double dt = (nowMs - m_lastMs) / 1000.0;
    if (dt <= 0)
        return;
    m_lastMs = nowMs;
    const int64_t tick = nowMs / 1000;
    m_memory.clear();
    for (const Split &s : splits) {
        m_environment[joinKey(s.ns, s.name)] = s.environment;
        m_deploy.try_emplace(joinKey(s.ns, s.name));
        const double volume =
            s.rps * dt * uniformFor(m_seed, s.ns + "/" + s.name + "/v/" + std::to_string(tick), 0.95, 1.05);
        for (const auto &[version, image, share] : s.versions)
            addTraffic(s.ns, s.name, version, profileFor(image), volume * share, share * 100.0, tick);
        for (const PodMemory &pm : s.pods)
            m_memory.push_back(pm);
    }
    m_ab.advance(nowMs, dt, abWeights);
    // History for the analysis windows (kept for the longest window templates use).
    for (const auto &[key, c] : m_counters) {
        double errors = 0;
        for (const auto &[code, n] : c.byCode)
            if (!code.empty() && code[0] == '5')
                errors += n;
        auto &h = m_history[key];
        if (!h.empty() && nowMs - h.back().ms < 5000)
            continue;
        h.push_back(Sample{nowMs, c.count, errors, c.buckets});
        while (h.size() > 2 && nowMs - h.front().ms > 3 * 3600 * 1000)
            h.pop_front();
    }
}

void TrafficSimulation::onDeploymentEvent(const DeploymentEvent &event)
{
    static const std::vector<double> bounds{60, 300, 600, 1800, 3600, 7200, 14400, 28800};
    std::lock_guard<std::mutex> lock(m_mutex);
    DeployCounters &d = m_deploy[joinKey(event.ns, event.rollout)];
    if (d.durationBuckets.empty())
        d.durationBuckets.assign(bounds.size() + 1, 0.0);
    switch (event.kind) {
    case DeploymentEvent::Started:
        d.total += 1;
        break;
    case DeploymentEvent::Succeeded:
    case DeploymentEvent::Failed:
        if (event.kind == DeploymentEvent::Succeeded)
            d.success += 1;
        else
            d.failed += 1;
        for (size_t i = 0; i < bounds.size(); ++i)
            if (event.durationSeconds <= bounds[i])
                d.durationBuckets[i] += 1;
        d.durationBuckets.back() += 1;
        d.durationSum += event.durationSeconds;
        d.durationCount += 1;
        break;
    case DeploymentEvent::RolledBack:
        d.rollback += 1;
        d.total += 1;
        break;
    }
}

std::string TrafficSimulation::renderPrometheus() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    std::ostringstream out;
    const auto &bounds = latencyBuckets();
    out << "# HELP http_requests_total Requests served, per rollout version and status code.\n"
           "# TYPE http_requests_total counter\n";
    for (const auto &[key, c] : m_counters) {
        const auto parts = splitKey(key);
        for (const auto &[code, n] : c.byCode)
            out << "http_requests_total{namespace=\"" << escapeLabel(parts[0]) << "\",rollout=\""
                << escapeLabel(parts[1]) << "\",version=\"" << parts[2] << "\",code=\"" << code << "\",status=\""
                << code << "\"} " << counterText(n) << "\n";
    }
    out << "# HELP http_request_duration_seconds Request latency, per rollout version.\n"
           "# TYPE http_request_duration_seconds histogram\n";
    for (const auto &[key, c] : m_counters) {
        const auto parts = splitKey(key);
        const std::string labels = "namespace=\"" + escapeLabel(parts[0]) + "\",rollout=\"" + escapeLabel(parts[1]) +
                                   "\",version=\"" + parts[2] + "\"";
        for (size_t i = 0; i < bounds.size(); ++i)
            out << "http_request_duration_seconds_bucket{" << labels << ",le=\"" << formatFloat(bounds[i]) << "\"} "
                << counterText(c.buckets[i]) << "\n";
        out << "http_request_duration_seconds_bucket{" << labels << ",le=\"+Inf\"} " << counterText(c.buckets.back())
            << "\n";
        out << "http_request_duration_seconds_sum{" << labels << "} " << formatFloat(c.latencySum) << "\n";
        out << "http_request_duration_seconds_count{" << labels << "} " << counterText(c.count) << "\n";
    }
    out << "# HELP container_memory_working_set_bytes Current working set of the container.\n"
           "# TYPE container_memory_working_set_bytes gauge\n";
    for (const PodMemory &m : m_memory)
        out << "container_memory_working_set_bytes{namespace=\"" << escapeLabel(m.ns) << "\",rollout=\""
            << escapeLabel(m.rollout) << "\",version=\"" << m.version << "\",pod=\"" << escapeLabel(m.pod)
            << "\",container=\"" << escapeLabel(m.container) << "\"} " << formatFloat(std::floor(m.workingSet)) << "\n";
    out << "# HELP container_spec_memory_limit_bytes Memory limit of the container.\n"
           "# TYPE container_spec_memory_limit_bytes gauge\n";
    for (const PodMemory &m : m_memory)
        if (m.limit > 0)
            out << "container_spec_memory_limit_bytes{namespace=\"" << escapeLabel(m.ns) << "\",rollout=\""
                << escapeLabel(m.rollout) << "\",version=\"" << m.version << "\",pod=\"" << escapeLabel(m.pod)
                << "\",container=\"" << escapeLabel(m.container) << "\"} " << formatFloat(m.limit) << "\n";
    static const std::vector<double> dBounds{60, 300, 600, 1800, 3600, 7200, 14400, 28800};
    auto deployLabels = [&](const std::string &key) {
        const auto parts = splitKey(key);
        auto env = m_environment.find(key);
        return "namespace=\"" + escapeLabel(parts[0]) + "\",deployment=\"" + escapeLabel(parts[1]) +
               "\",environment=\"" + escapeLabel(env == m_environment.end() ? parts[0] : env->second) + "\"";
    };
    const std::pair<const char *, double DeployCounters::*> counters[] = {
        {"deployment_total", &DeployCounters::total},
        {"deployment_success_total", &DeployCounters::success},
        {"deployment_failed_total", &DeployCounters::failed},
        {"deployment_rollback_total", &DeployCounters::rollback}};
    for (const auto &[metric, field] : counters) {
        out << "# HELP " << metric << " Deployments (rollout updates), by outcome.\n# TYPE " << metric << " counter\n";
        for (const auto &[key, d] : m_deploy)
            out << metric << "{" << deployLabels(key) << "} " << counterText(d.*field) << "\n";
    }
    out << "# HELP deployment_duration_seconds Time from the start of a rollout update to its end.\n"
           "# TYPE deployment_duration_seconds histogram\n";
    for (const auto &[key, d] : m_deploy) {
        const std::string labels = deployLabels(key);
        for (size_t i = 0; i < dBounds.size(); ++i)
            out << "deployment_duration_seconds_bucket{" << labels << ",le=\"" << formatFloat(dBounds[i]) << "\"} "
                << counterText(d.durationBuckets.empty() ? 0 : d.durationBuckets[i]) << "\n";
        out << "deployment_duration_seconds_bucket{" << labels << ",le=\"+Inf\"} " << counterText(d.durationCount)
            << "\n";
        out << "deployment_duration_seconds_sum{" << labels << "} " << formatFloat(d.durationSum) << "\n";
        out << "deployment_duration_seconds_count{" << labels << "} " << counterText(d.durationCount) << "\n";
    }
    m_ab.render(out);
    return out.str();
}

MeasureOutcome TrafficSimulation::measure(const json &metric, const json &args) const
{
    MeasureOutcome out;
    const json provider = metric.value("provider", json::object());
    if (!provider.contains("prometheus")) {
        // job / web providers: the simulated job succeeds.
        out.value = ExprValue::array({1.0});
        out.valueText = "[1]";
        return out;
    }
    std::string query = provider["prometheus"].value("query", std::string());
    for (const json &a : args) {
        const std::string placeholder = "{{args." + a.value("name", std::string()) + "}}";
        const std::string value = a.value("value", std::string());
        for (size_t pos; (pos = query.find(placeholder)) != std::string::npos;)
            query.replace(pos, placeholder.size(), value);
    }
    if (query.find("{{") != std::string::npos) {
        out.ok = false;
        out.error = "failed to resolve {{args...}} in query";
        return out;
    }
    auto matcher = [&](const char *label) {
        std::smatch m;
        std::regex re(std::string(label) + "\\s*=\\s*\"([^\"]*)\"");
        return std::regex_search(query, m, re) ? m[1].str() : std::string();
    };
    const std::string ns = matcher("namespace");
    const std::string rollout = matcher("rollout");
    std::string version = matcher("version");
    if (version.empty())
        version = "canary";
    int64_t windowMs = 5 * 60 * 1000;
    {
        std::smatch m;
        if (std::regex_search(query, m, std::regex("\\[(\\d+[smhd])\\]")))
            windowMs = analysis::parseDurationMs(json(m[1].str()));
    }
    std::lock_guard<std::mutex> lock(m_mutex);
    auto hit = m_history.find(joinKey(ns, rollout, version));
    if (hit == m_history.end() || hit->second.size() < 2) {
        out.value = ExprValue::array({});
        out.valueText = "[]";
        return out;
    }
    const auto &h = hit->second;
    const Sample &last = h.back();
    const Sample *first = &h.front();
    for (const Sample &s : h) {
        if (last.ms - s.ms <= windowMs) {
            first = &s;
            break;
        }
    }
    if (first == &last && h.size() >= 2)
        first = &h[h.size() - 2];
    const double total = last.total - first->total;
    const double errors = last.errors - first->errors;
    double value;
    if (query.find("histogram_quantile") != std::string::npos) {
        std::smatch m;
        double q = 0.95;
        if (std::regex_search(query, m, std::regex("histogram_quantile\\s*\\(\\s*([0-9.]+)")))
            q = std::stod(m[1].str());
        const auto &bounds = latencyBuckets();
        const double rank = q * total;
        value = NAN;
        double prevCount = 0, prevBound = 0;
        for (size_t i = 0; i < bounds.size(); ++i) {
            const double c = last.buckets[i] - first->buckets[i];
            if (c >= rank && total > 0) {
                value = prevBound +
                        (bounds[i] - prevBound) * (c - prevCount > 0 ? (rank - prevCount) / (c - prevCount) : 0);
                break;
            }
            prevCount = c;
            prevBound = bounds[i];
        }
        if (std::isnan(value) && total > 0)
            value = bounds.back();
        if (query.find("* 1000") != std::string::npos || query.find("*1000") != std::string::npos)
            value *= 1000;
    } else if (query.find("http_requests_total") != std::string::npos) {
        const bool successRate = std::regex_search(query, std::regex("(code|status)\\s*!~\\s*\"5"));
        const bool errorRate = std::regex_search(query, std::regex("(code|status)\\s*=~\\s*\"5"));
        if (successRate)
            value = total > 0 ? (total - errors) / total : NAN;
        else if (errorRate)
            value = total > 0 ? errors / total : NAN;
        else
            value = total / std::max(1.0, (last.ms - first->ms) / 1000.0);
    } else if (query.find("container_memory_working_set_bytes") != std::string::npos) {
        value = 0;
        const bool ratio = query.find("limit") != std::string::npos;
        for (const PodMemory &m : m_memory)
            if (m.ns == ns && m.rollout == rollout && m.version == version)
                value = std::max(value, ratio && m.limit > 0 ? m.workingSet / m.limit : m.workingSet);
    } else {
        out.ok = false;
        out.error = "sim: unsupported query: " + query;
        return out;
    }
    out.value = ExprValue::array({value});
    out.valueText = "[" + formatFloat(value) + "]";
    return out;
}

} // namespace rdsim
