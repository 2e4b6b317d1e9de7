#include "Scenario.h"

#include "../analysis/Analysis.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace rdsim {

using nlohmann::json;

namespace {

// Bounds on scenario files (issue 10; docs/sim-scenarios.md): nodes with aliases expanded, counted over a scenario
// and everything it includes, so an alias bomb or an include fan-out stops with a message; nesting; file size.
constexpr long long kMaxNodes = 200'000;
constexpr int kMaxDepth = 256;
constexpr std::uintmax_t kMaxFileBytes = 16u << 20;

struct LimitError
{
    std::string what;
    int line;
};

std::string tooDeep()
{
    return "nested deeper than " + std::to_string(kMaxDepth) + " levels (the limit)";
}

// yaml-cpp quotes the offending character in some messages ("unknown escape character: X"): a raw control or
// non-ASCII byte from a junk file must not reach the terminal as it is.
std::string printable(const std::string &text)
{
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && byte < 0x7f) {
            out += c;
        } else {
            static const char *const kHex = "0123456789abcdef";
            out += "\\x";
            out += kHex[byte >> 4];
            out += kHex[byte & 0xf];
        }
    }
    return out;
}

json yamlToJson(const YAML::Node &node, long long &budget, int depth)
{
    if (--budget < 0)
        throw LimitError{"more than " + std::to_string(kMaxNodes) +
                             " YAML nodes once aliases and includes are "
                             "expanded (the limit)",
                         node.Mark().line + 1};
    if (depth > kMaxDepth)
        throw LimitError{tooDeep(), node.Mark().line + 1};
    switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        return nullptr;
    case YAML::NodeType::Scalar: {
        const std::string &text = node.Scalar();
        if (node.Tag() == "!") // quoted: always a string
            return text;
        if (text == "true" || text == "True")
            return true;
        if (text == "false" || text == "False")
            return false;
        if (text == "null" || text == "~" || text == "Null")
            return nullptr;
        if (!text.empty()) {
            char *end = nullptr;
            const long long i = std::strtoll(text.c_str(), &end, 10);
            if (*end == '\0' && (std::isdigit(static_cast<unsigned char>(text[0])) || text[0] == '-'))
                return i;
            const double d = std::strtod(text.c_str(), &end);
            if (*end == '\0' && (std::isdigit(static_cast<unsigned char>(text[0])) || text[0] == '-' || text[0] == '.'))
                return d;
        }
        return text;
    }
    case YAML::NodeType::Sequence: {
        json arr = json::array();
        for (const YAML::Node &item : node)
            arr.push_back(yamlToJson(item, budget, depth + 1));
        return arr;
    }
    case YAML::NodeType::Map: {
        json obj = json::object();
        for (const auto &kv : node)
            obj[kv.first.Scalar()] = yamlToJson(kv.second, budget, depth + 1);
        return obj;
    }
    }
    return nullptr;
}

// A canary application with Istio subset routing and background analysis, as in the source
// document's production manifest. Placeholders: @NS@ @APP@ @IMAGE@ @TAG@.
const char *kCanaryApp = R"(
objects:
- apiVersion: v1
  kind: Namespace
  metadata: {name: "@NS@", labels: {environment: "@NS@"}}
- apiVersion: argoproj.io/v1alpha1
  kind: AnalysisTemplate
  metadata: {name: success-rate, namespace: "@NS@"}
  spec:
    args:
    - name: service-name
    - name: namespace
      value: "@NS@"
    metrics:
    - name: success-rate
      interval: 5m
      successCondition: len(result) == 0 || isNaN(result[0]) || result[0] >= 0.999
      failureCondition: len(result) > 0 && result[0] < 0.995
      failureLimit: 0
      inconclusiveLimit: 3
      provider:
        prometheus:
          address: http://prometheus.monitoring:9090
          query: |
            sum(rate(http_requests_total{namespace="{{args.namespace}}",rollout="{{args.service-name}}",version="canary",code!~"5.."}[5m]))
            /
            sum(rate(http_requests_total{namespace="{{args.namespace}}",rollout="{{args.service-name}}",version="canary"}[5m]))
- apiVersion: argoproj.io/v1alpha1
  kind: AnalysisTemplate
  metadata: {name: response-time, namespace: "@NS@"}
  spec:
    args:
    - name: service-name
    - name: namespace
      value: "@NS@"
    metrics:
    - name: response-time
      interval: 5m
      successCondition: len(result) == 0 || isNaN(result[0]) || result[0] < 0.2
      failureCondition: len(result) > 0 && result[0] > 0.5
      failureLimit: 0
      inconclusiveLimit: 3
      provider:
        prometheus:
          address: http://prometheus.monitoring:9090
          query: |
            histogram_quantile(0.95, sum(rate(http_request_duration_seconds_bucket{namespace="{{args.namespace}}",rollout="{{args.service-name}}",version="canary"}[5m])) by (le))
- apiVersion: v1
  kind: Service
  metadata: {name: "@APP@", namespace: "@NS@", labels: {app: "@APP@"}}
  spec:
    selector: {app: "@APP@"}
    ports: [{name: http, port: 80, targetPort: 8000, protocol: TCP}]
- apiVersion: v1
  kind: Service
  metadata: {name: "@APP@-canary", namespace: "@NS@", labels: {app: "@APP@"}}
  spec:
    selector: {app: "@APP@"}
    ports: [{name: http, port: 80, targetPort: 8000, protocol: TCP}]
- apiVersion: v1
  kind: Service
  metadata: {name: "@APP@-stable", namespace: "@NS@", labels: {app: "@APP@"}}
  spec:
    selector: {app: "@APP@"}
    ports: [{name: http, port: 80, targetPort: 8000, protocol: TCP}]
- apiVersion: networking.istio.io/v1beta1
  kind: DestinationRule
  metadata: {name: "@APP@-dr", namespace: "@NS@"}
  spec:
    host: "@APP@"
    subsets:
    - name: stable
      labels: {app: "@APP@"}
    - name: canary
      labels: {app: "@APP@"}
- apiVersion: networking.istio.io/v1beta1
  kind: VirtualService
  metadata: {name: "@APP@-vs", namespace: "@NS@"}
  spec:
    hosts: ["@APP@"]
    gateways: [mesh]
    http:
    - name: primary
      route:
      - destination: {host: "@APP@", subset: stable}
        weight: 100
      - destination: {host: "@APP@", subset: canary}
        weight: 0
- apiVersion: argoproj.io/v1alpha1
  kind: Rollout
  metadata:
    name: "@APP@"
    namespace: "@NS@"
    labels: {app: "@APP@", environment: "@NS@"}
  spec:
    replicas: 5
    revisionHistoryLimit: 5
    selector:
      matchLabels: {app: "@APP@"}
    strategy:
      canary:
        canaryService: "@APP@-canary"
        stableService: "@APP@-stable"
        trafficRouting:
          istio:
            virtualService:
              name: "@APP@-vs"
              routes: [primary]
            destinationRule:
              name: "@APP@-dr"
              canarySubsetName: canary
              stableSubsetName: stable
        analysis:
          templates:
          - templateName: success-rate
          - templateName: response-time
          args:
          - name: service-name
            value: "@APP@"
        steps:
        - setWeight: 5
        - pause: {duration: 30m}
        - setWeight: 25
        - pause: {duration: 2h}
        - setWeight: 50
        - pause: {duration: 4h}
        - setWeight: 100
    template:
      metadata:
        labels: {app: "@APP@", version: "@TAG@"}
      spec:
        containers:
        - name: api
          image: "@IMAGE@:@TAG@"
          ports: [{containerPort: 8000}]
          env:
          - {name: ENVIRONMENT, value: "@NS@"}
          resources:
            requests: {memory: 256Mi, cpu: 250m}
            limits: {memory: 512Mi, cpu: 500m}
          readinessProbe:
            httpGet: {path: /ready, port: 8000}
            initialDelaySeconds: 5
            periodSeconds: 5
)";

const char *kProductionCanary = R"(
name: production-canary
description: The source document's production canary (5% 30m, 25% 2h, 50% 4h, 100%) with Istio subset routing and success-rate / response-time analysis; version 1.5.0 starts rolling out 20 s after start.
include: ["canary-app:production:agentic-startup-api:ghcr.io/agentic-startup/api:1.4.2"]
traffic:
  rollouts:
    production/agentic-startup-api: {rps: 40}
  profiles:
    api:1.4.2: {errorRate: 0.0003, latencyMedianMs: 42, latencyP95Ms: 105, memoryMi: 210}
    api:1.5.0: {errorRate: 0.0002, latencyMedianMs: 38, latencyP95Ms: 98, memoryMi: 230}
actions:
- after: 20s
  deploy:
    message: "Release 1.5.0: faster catalogue queries"
    namespace: production
    rollout: agentic-startup-api
    image: ghcr.io/agentic-startup/api:1.5.0
    labels: {version: "1.5.0"}
)";

const char *kFailingCanary = R"(
name: failing-canary
description: A canary in the canary environment whose error rate passes 0.5% once it takes 25% of the traffic; its background analysis fails and the controller aborts the update.
include: ["canary-app:canary:payments-api:ghcr.io/agentic-startup/payments:2.3.0"]
traffic:
  rollouts:
    canary/payments-api: {rps: 30}
  profiles:
    payments:2.3.0: {errorRate: 0.0004, latencyMedianMs: 55, latencyP95Ms: 120, memoryMi: 260}
    payments:2.4.0:
      errorRateByWeight: {"0": 0.0006, "5": 0.0008, "25": 0.011, "100": 0.03}
      latencyMedianMs: 60
      latencyP95Ms: 140
      memoryMi: 300
actions:
- after: 20s
  deploy:
    message: "payments 2.4.0: new card tokeniser"
    namespace: canary
    rollout: payments-api
    image: ghcr.io/agentic-startup/payments:2.4.0
    labels: {version: "2.4.0"}
)";

const char *kBlueGreen = R"(
name: bluegreen
description: A blue-green release in staging; the new version runs in preview, passes its pre-promotion smoke test and waits for promotion (autoPromotionEnabled false).
objects:
- apiVersion: v1
  kind: Namespace
  metadata: {name: staging, labels: {environment: staging}}
- apiVersion: argoproj.io/v1alpha1
  kind: AnalysisTemplate
  metadata: {name: smoke-tests, namespace: staging}
  spec:
    args:
    - name: service-name
    metrics:
    - name: preview-success-rate
      count: 2
      interval: 30s
      initialDelay: 20s
      successCondition: len(result) == 0 || isNaN(result[0]) || result[0] >= 0.99
      failureCondition: len(result) > 0 && result[0] < 0.95
      provider:
        prometheus:
          address: http://prometheus.monitoring:9090
          query: |
            sum(rate(http_requests_total{namespace="staging",rollout="{{args.service-name}}",version="preview",code!~"5.."}[1m]))
            /
            sum(rate(http_requests_total{namespace="staging",rollout="{{args.service-name}}",version="preview"}[1m]))
- apiVersion: v1
  kind: Service
  metadata: {name: agentic-startup-web-active, namespace: staging}
  spec:
    selector: {app: agentic-startup-web}
    ports: [{port: 80, targetPort: 8080, protocol: TCP}]
- apiVersion: v1
  kind: Service
  metadata: {name: agentic-startup-web-preview, namespace: staging}
  spec:
    selector: {app: agentic-startup-web}
    ports: [{port: 80, targetPort: 8080, protocol: TCP}]
- apiVersion: argoproj.io/v1alpha1
  kind: Rollout
  metadata:
    name: agentic-startup-web
    namespace: staging
    labels: {app: agentic-startup-web, environment: staging}
  spec:
    replicas: 3
    revisionHistoryLimit: 3
    selector:
      matchLabels: {app: agentic-startup-web}
    strategy:
      blueGreen:
        activeService: agentic-startup-web-active
        previewService: agentic-startup-web-preview
        autoPromotionEnabled: false
        scaleDownDelaySeconds: 30
        prePromotionAnalysis:
          templates:
          - templateName: smoke-tests
          args:
          - name: service-name
            value: agentic-startup-web
    template:
      metadata:
        labels: {app: agentic-startup-web}
      spec:
        containers:
        - name: web
          image: ghcr.io/agentic-startup/web:3.1.0
          ports: [{containerPort: 8080}]
          resources:
            requests: {memory: 128Mi, cpu: 100m}
            limits: {memory: 256Mi, cpu: 250m}
traffic:
  rollouts:
    staging/agentic-startup-web: {rps: 15}
  profiles:
    web:3.1.0: {errorRate: 0.0005, latencyMedianMs: 30, latencyP95Ms: 90, memoryMi: 150}
    web:3.2.0: {errorRate: 0.0004, latencyMedianMs: 28, latencyP95Ms: 85, memoryMi: 160}
actions:
- after: 20s
  deploy:
    message: "web 3.2.0: redesigned checkout"
    namespace: staging
    rollout: agentic-startup-web
    image: ghcr.io/agentic-startup/web:3.2.0
)";

const char *kAbTest = R"(
name: abtest
description: The source document's two A/B tests on Istio VirtualServices that no Rollout manages - production/checkout-ab splits the checkout page 50/50 (judged on conversion and time on page), production/search-ab the search backend 80/20 (judged on response time); visits, conversions and per-variant histograms are exported as metrics and follow the VirtualServices' live weights.
objects:
- apiVersion: v1
  kind: Namespace
  metadata: {name: production, labels: {environment: production}}
- apiVersion: v1
  kind: Service
  metadata: {name: checkout-control, namespace: production, labels: {app: checkout}}
  spec:
    selector: {app: checkout, variant: control}
    ports: [{port: 80, targetPort: 8080, protocol: TCP}]
- apiVersion: v1
  kind: Service
  metadata: {name: checkout-treatment, namespace: production, labels: {app: checkout}}
  spec:
    selector: {app: checkout, variant: treatment}
    ports: [{port: 80, targetPort: 8080, protocol: TCP}]
- apiVersion: networking.istio.io/v1beta1
  kind: VirtualService
  metadata:
    name: checkout-ab
    namespace: production
    labels: {app: checkout}
    annotations:
      rolldeck.io/ab-test: checkout-redesign
      rolldeck.io/ab-variants: control=checkout-control,treatment=checkout-treatment
      rolldeck.io/ab-minimum-effect-conversion: "0.005"
      rolldeck.io/ab-minimum-effect-time-on-page: 5s
  spec:
    hosts: [checkout]
    gateways: [mesh]
    http:
    - name: ab-split
      route:
      - destination: {host: checkout-control}
        weight: 50
      - destination: {host: checkout-treatment}
        weight: 50
- apiVersion: v1
  kind: Service
  metadata: {name: search-baseline, namespace: production, labels: {app: search}}
  spec:
    selector: {app: search, variant: baseline}
    ports: [{port: 80, targetPort: 8080, protocol: TCP}]
- apiVersion: v1
  kind: Service
  metadata: {name: search-optimised, namespace: production, labels: {app: search}}
  spec:
    selector: {app: search, variant: optimised}
    ports: [{port: 80, targetPort: 8080, protocol: TCP}]
- apiVersion: networking.istio.io/v1beta1
  kind: VirtualService
  metadata:
    name: search-ab
    namespace: production
    labels: {app: search}
    annotations:
      rolldeck.io/ab-test: search-optimisation
      rolldeck.io/ab-variants: baseline=search-baseline,optimised=search-optimised
      rolldeck.io/ab-minimum-effect-response-time: 10ms
  spec:
    hosts: [search]
    gateways: [mesh]
    http:
    - name: ab-split
      route:
      - destination: {host: search-baseline}
        weight: 80
      - destination: {host: search-optimised}
        weight: 20
traffic:
  abTests:
  - namespace: production
    name: checkout-redesign
    virtualService: checkout-ab
    visitsPerSecond: 30
    variants:
    - {name: control, host: checkout-control, conversionRate: 0.042, timeOnPageS: 48}
    - {name: treatment, host: checkout-treatment, conversionRate: 0.049, timeOnPageS: 52}
  - namespace: production
    name: search-optimisation
    virtualService: search-ab
    visitsPerSecond: 40
    variants:
    - {name: baseline, host: search-baseline, responseMs: 180}
    - {name: optimised, host: search-optimised, responseMs: 150}
)";

const char *kEnvironments = R"(
name: environments
description: The four environments (development, staging, production, canary) as namespaces, each an Argo CD application, under the app-of-apps agentic-startup-environments; development runs a small canary without traffic routing.
objects:
- apiVersion: v1
  kind: Namespace
  metadata: {name: argocd}
- apiVersion: v1
  kind: Namespace
  metadata: {name: development, labels: {environment: development}}
- apiVersion: v1
  kind: Namespace
  metadata: {name: staging, labels: {environment: staging}}
- apiVersion: v1
  kind: Namespace
  metadata: {name: production, labels: {environment: production}}
- apiVersion: v1
  kind: Namespace
  metadata: {name: canary, labels: {environment: canary}}
- apiVersion: argoproj.io/v1alpha1
  kind: Rollout
  metadata:
    name: agentic-startup-api
    namespace: development
    labels: {app: agentic-startup-api, environment: development}
  spec:
    replicas: 3
    revisionHistoryLimit: 3
    selector:
      matchLabels: {app: agentic-startup-api}
    strategy:
      canary:
        steps:
        - setWeight: 34
        - pause: {duration: 2m}
        - setWeight: 67
        - pause: {duration: 2m}
    template:
      metadata:
        labels: {app: agentic-startup-api}
      spec:
        containers:
        - name: api
          image: ghcr.io/agentic-startup/api:1.6.0-dev.14
          ports: [{containerPort: 8000}]
          resources:
            limits: {memory: 256Mi, cpu: 250m}
traffic:
  rollouts:
    development/agentic-startup-api: {rps: 5}
argocd:
  applications:
  - name: agentic-startup-development
    project: development
    namespace: development
    path: k8s/overlays/development
    repository: agentic-startup-gitops
    firstCommit: 5
    autoSync: true
    labels: {environment: development}
    repo:
    - {message: "api: nightly build dev.12", author: maria@agentic-startup.dev, rollouts: {agentic-startup-api: {image: "ghcr.io/agentic-startup/api:1.6.0-dev.12"}}}
    - {message: "api: nightly build dev.13", author: maria@agentic-startup.dev, rollouts: {agentic-startup-api: {image: "ghcr.io/agentic-startup/api:1.6.0-dev.13"}}}
  - name: agentic-startup-staging
    project: staging
    namespace: staging
    path: k8s/overlays/staging
    repository: agentic-startup-gitops
    firstCommit: 4
    autoSync: false
    labels: {environment: staging}
    repo:
    - {message: "web 3.0.2: font loading fix", author: lee@agentic-startup.dev, rollouts: {agentic-startup-web: {image: "ghcr.io/agentic-startup/web:3.0.2"}}}
    - {message: "web 3.0.3: accessibility fixes", author: lee@agentic-startup.dev, rollouts: {agentic-startup-web: {image: "ghcr.io/agentic-startup/web:3.0.3"}}}
  - name: agentic-startup-production
    project: production
    namespace: production
    path: k8s/overlays/production
    repository: agentic-startup-gitops
    firstCommit: 3
    autoSync: true
    labels: {environment: production}
    repo:
    - {message: "Release 1.4.0", author: release-bot@agentic-startup.dev, rollouts: {agentic-startup-api: {image: "ghcr.io/agentic-startup/api:1.4.0", labels: {version: "1.4.0"}}}}
    - {message: "Release 1.4.1: connection pool fix", author: release-bot@agentic-startup.dev, rollouts: {agentic-startup-api: {image: "ghcr.io/agentic-startup/api:1.4.1", labels: {version: "1.4.1"}}}}
  - name: agentic-startup-canary
    project: canary
    namespace: canary
    path: k8s/overlays/canary
    repository: agentic-startup-gitops
    firstCommit: 2
    autoSync: false
    labels: {environment: canary}
    repo:
    - {message: "payments 2.2.0", author: sam@agentic-startup.dev, rollouts: {payments-api: {image: "ghcr.io/agentic-startup/payments:2.2.0", labels: {version: "2.2.0"}}}}
    - {message: "payments 2.2.1: retry on timeouts", author: sam@agentic-startup.dev, rollouts: {payments-api: {image: "ghcr.io/agentic-startup/payments:2.2.1", labels: {version: "2.2.1"}}}}
  - name: agentic-startup-environments
    project: default
    namespace: argocd
    path: argocd/environments
    autoSync: true
    children: [agentic-startup-development, agentic-startup-staging, agentic-startup-production, agentic-startup-canary]
actions:
- after: 60s
  deploy:
    message: "api: nightly build dev.15"
    namespace: development
    rollout: agentic-startup-api
    image: ghcr.io/agentic-startup/api:1.6.0-dev.15
)";

const char *kDefault = R"(
name: default
description: Every demo scenario together - the four environments with their Argo CD applications, the production canary (mid-update shortly after start), the failing canary, the blue-green release waiting for promotion and the A/B test.
include: [environments, production-canary, failing-canary, bluegreen, abtest]
)";

const std::map<std::string, const char *> &builtins()
{
    static const std::map<std::string, const char *> m{{"default", kDefault},
                                                       {"demo", kDefault},
                                                       {"production-canary", kProductionCanary},
                                                       {"failing-canary", kFailingCanary},
                                                       {"bluegreen", kBlueGreen},
                                                       {"abtest", kAbTest},
                                                       {"environments", kEnvironments}};
    return m;
}

std::string replaceAll(std::string text, const std::string &from, const std::string &to)
{
    for (size_t pos = 0; (pos = text.find(from, pos)) != std::string::npos; pos += to.size())
        text.replace(pos, from.size(), to);
    return text;
}

bool mergeInto(Scenario *out, const Scenario &part)
{
    std::set<std::string> seen;
    for (const json &o : out->objects)
        seen.insert(o.value("kind", std::string()) + "/" + o["metadata"].value("namespace", std::string()) + "/" +
                    o["metadata"].value("name", std::string()));
    for (const json &o : part.objects) {
        const std::string key = o.value("kind", std::string()) + "/" + o["metadata"].value("namespace", std::string()) +
                                "/" + o["metadata"].value("name", std::string());
        if (seen.insert(key).second)
            out->objects.push_back(o);
    }
    for (auto it = part.traffic.begin(); it != part.traffic.end(); ++it) {
        if (it->is_object()) {
            for (auto j = it->begin(); j != it->end(); ++j)
                out->traffic[it.key()][j.key()] = *j;
        } else if (it->is_array()) {
            for (const json &e : *it)
                out->traffic[it.key()].push_back(e);
        } else {
            out->traffic[it.key()] = *it;
        }
    }
    for (const json &a : part.applications)
        out->applications.push_back(a);
    for (const ScenarioAction &a : part.actions)
        out->actions.push_back(a);
    out->controller = out->controller && part.controller;
    return true;
}

bool loadRecursive(const std::string &nameOrPath, Scenario *out, std::string *error, int depth, long long &budget);

// YAML text to JSON within the budget; on failure sets *error to "line N: what".
bool convert(const std::string &text, long long &budget, json *doc, std::string *error)
{
    try {
        *doc = yamlToJson(YAML::Load(text), budget, 0);
        return true;
    } catch (const LimitError &e) {
        *error = "line " + std::to_string(e.line) + ": " + e.what;
    } catch (const YAML::DeepRecursion &e) {
        *error = "line " + std::to_string(e.mark.line + 1) + ": " + tooDeep(); // yaml-cpp's own text is "bad file"
    } catch (const YAML::Exception &e) {
        *error = "line " + std::to_string(e.mark.line + 1) + ": " + printable(e.msg);
    }
    return false;
}

bool parseDocument(const json &doc, const std::string &origin, Scenario *out, std::string *error, int depth,
                   long long &budget)
{
    if (!doc.is_object()) {
        *error = origin + ": expected a mapping with objects, traffic, argocd, actions or include";
        return false;
    }
    if (doc.contains("name") && !doc["name"].is_string()) {
        *error = origin + ": name: expected a string";
        return false;
    }
    if (doc.contains("argocd") && !doc["argocd"].is_object()) {
        *error = origin + ": argocd: expected a mapping with applications";
        return false;
    }
    if (out->name.empty())
        out->name = doc.value("name", origin);
    if (doc.contains("controller") && doc["controller"].is_boolean() && !doc["controller"].get<bool>())
        out->controller = false;
    for (const json &inc : doc.value("include", json::array())) {
        if (!inc.is_string()) {
            *error = origin + ": include: expected a list of scenario names or files";
            return false;
        }
        Scenario part;
        part.name = inc.get<std::string>();
        if (!loadRecursive(inc.get<std::string>(), &part, error, depth + 1, budget))
            return false;
        mergeInto(out, part);
    }
    Scenario own;
    for (const json &o : doc.value("objects", json::array())) {
        if (!o.is_object() || !o.contains("kind") || !o.contains("apiVersion") || !o.contains("metadata") ||
            !o["metadata"].contains("name")) {
            *error = origin + ": objects: every object needs apiVersion, kind and metadata.name";
            return false;
        }
        own.objects.push_back(o);
    }
    if (doc.contains("traffic")) {
        if (!doc["traffic"].is_object()) {
            *error = origin + ": traffic: expected a mapping";
            return false;
        }
        own.traffic = doc["traffic"];
    }
    if (doc.contains("argocd"))
        for (const json &a : doc["argocd"].value("applications", json::array()))
            own.applications.push_back(a);
    for (const json &a : doc.value("actions", json::array())) {
        if (!a.is_object() || !a.contains("after") ||
            (!a.contains("setImage") && !a.contains("patch") && !a.contains("deploy"))) {
            *error = origin + ": actions: every action needs `after` and one of setImage, deploy, patch";
            return false;
        }
        if (a.contains("deploy")) {
            const json &d = a["deploy"];
            const bool ok = d.is_object() && d.value("rollout", json()).is_string() &&
                            d.value("image", json()).is_string() && d.value("namespace", json("")).is_string() &&
                            d.value("message", json("")).is_string() && d.value("labels", json::object()).is_object();
            if (!ok) {
                *error = origin +
                         ": actions: deploy needs rollout and image (strings), and takes namespace, message and labels";
                return false;
            }
        }
        const int64_t ms = analysis::parseDurationMs(a["after"]);
        if (ms < 0) {
            *error = origin + ": actions: `after` must be a duration such as 20s, 5m or 1h";
            return false;
        }
        ScenarioAction act;
        act.afterMs = ms;
        act.spec = a;
        own.actions.push_back(act);
    }
    mergeInto(out, own);
    return true;
}

bool parseRecursive(const std::string &text, const std::string &origin, Scenario *out, std::string *error, int depth,
                    long long &budget)
{
    json doc;
    if (!convert(text, budget, &doc, error)) {
        *error = origin + ":" + error->substr(5); // "line N: what" -> "origin:N: what"
        return false;
    }
    // A shape the checks above do not foresee (a key of the wrong type meeting an included scenario's) is an
    // error in the file, never an exception out of the simulator (found by fuzz_scenario).
    try {
        return parseDocument(doc, origin, out, error, depth, budget);
    } catch (const json::exception &e) {
        *error = origin + ": " + printable(e.what());
        return false;
    }
}

bool loadRecursive(const std::string &nameOrPath, Scenario *out, std::string *error, int depth, long long &budget)
{
    if (depth > 8) {
        *error = nameOrPath + ": includes nest too deeply (a cycle?)";
        return false;
    }
    // canary-app:NS:APP:IMAGE:TAG instantiates the canary application template.
    if (nameOrPath.rfind("canary-app:", 0) == 0) {
        std::vector<std::string> parts;
        std::string cur;
        for (char c : nameOrPath.substr(11)) {
            if (c == ':') {
                parts.push_back(cur);
                cur.clear();
            } else {
                cur += c;
            }
        }
        parts.push_back(cur);
        if (parts.size() != 4) {
            *error = nameOrPath + ": expected canary-app:NAMESPACE:APP:IMAGE:TAG";
            return false;
        }
        std::string text = replaceAll(kCanaryApp, "@NS@", parts[0]);
        text = replaceAll(text, "@APP@", parts[1]);
        text = replaceAll(text, "@IMAGE@", parts[2]);
        text = replaceAll(text, "@TAG@", parts[3]);
        return parseRecursive(text, nameOrPath, out, error, depth, budget);
    }
    auto it = builtins().find(nameOrPath);
    if (it != builtins().end())
        return parseRecursive(it->second, nameOrPath, out, error, depth, budget);
    std::error_code ec;
    const std::filesystem::file_status status = std::filesystem::status(nameOrPath, ec);
    if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
        // A device (/dev/zero) or a FIFO would be read forever or block.
        *error = nameOrPath + ": not a regular file";
        return false;
    }
    std::ifstream in(nameOrPath, std::ios::binary);
    if (!in) {
        *error = "unknown scenario \"" + nameOrPath + "\" (not a built-in name and no such file)";
        return false;
    }
    const std::uintmax_t size = std::filesystem::file_size(nameOrPath, ec);
    std::string text(std::size_t(ec ? kMaxFileBytes : std::min(size, kMaxFileBytes)) + 1, '\0');
    in.read(text.data(), std::streamsize(text.size()));
    text.resize(std::size_t(in.gcount()));
    if (text.size() > kMaxFileBytes) {
        *error = nameOrPath + ": larger than " + std::to_string(kMaxFileBytes >> 20) + " MiB (the limit)";
        return false;
    }
    return parseRecursive(text, nameOrPath, out, error, depth, budget);
}

} // namespace

json yamlTextToJson(const std::string &text, std::string *error)
{
    long long budget = kMaxNodes;
    json doc;
    if (!convert(text, budget, &doc, error))
        return nullptr;
    return doc;
}

std::vector<std::string> builtinScenarioNames()
{
    std::vector<std::string> names;
    for (const auto &[n, text] : builtins())
        names.push_back(n);
    return names;
}

bool isBuiltinScenario(const std::string &name)
{
    return builtins().count(name) > 0;
}

bool loadScenario(const std::string &nameOrPath, Scenario *out, std::string *error)
{
    *out = Scenario{};
    out->name = nameOrPath;
    long long budget = kMaxNodes;
    return loadRecursive(nameOrPath, out, error, 0, budget);
}

bool parseScenario(const std::string &yamlText, const std::string &origin, Scenario *out, std::string *error)
{
    *out = Scenario{};
    long long budget = kMaxNodes;
    return parseRecursive(yamlText, origin, out, error, 0, budget);
}

} // namespace rdsim
