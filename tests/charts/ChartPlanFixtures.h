#pragma once

// A failing canary's Rollout and AnalysisRun as the simulated controller writes them (kept out of the test's .cpp:
// moc's tokenizer trips over raw strings).

namespace {

const char kRollout[] = R"({"apiVersion":"argoproj.io/v1alpha1","kind":"Rollout",
 "metadata":{"name":"payments-api","namespace":"canary","uid":"r-1","creationTimestamp":"2026-01-01T10:00:00Z"},
 "spec":{"strategy":{"canary":{"steps":[{"setWeight":5}]}}}})";

const char kRun[] = R"({"apiVersion":"argoproj.io/v1alpha1","kind":"AnalysisRun",
 "metadata":{"name":"payments-api-7f-2","namespace":"canary","uid":"ar-1","creationTimestamp":"2026-01-01T10:01:00Z",
   "ownerReferences":[{"kind":"Rollout","name":"payments-api","uid":"r-1","controller":true}]},
 "spec":{"args":[{"name":"service-name","value":"payments-api"},{"name":"namespace","value":"canary"}],
   "metrics":[{"name":"success-rate","interval":"5m",
     "successCondition":"len(result) == 0 || isNaN(result[0]) || result[0] >= 0.999",
     "failureCondition":"len(result) > 0 && result[0] < 0.995",
     "provider":{"prometheus":{"query":"sum(rate(http_requests_total{namespace=\"{{args.namespace}}\",rollout=\"{{args.service-name}}\",version=\"canary\",code!~\"5..\"}[5m])) / sum(rate(http_requests_total{namespace=\"{{args.namespace}}\",rollout=\"{{args.service-name}}\",version=\"canary\"}[5m])) "}}},
    {"name":"smoke","provider":{"job":{}}}]},
 "status":{"phase":"Failed","metricResults":[{"name":"success-rate","phase":"Failed","count":2,"failed":1,"successful":1,
   "measurements":[
    {"phase":"Successful","value":"[0.9995]","startedAt":"2026-01-01T10:01:00Z","finishedAt":"2026-01-01T10:01:01Z"},
    {"phase":"Failed","value":"[0.99]","startedAt":"2026-01-01T10:06:00Z","finishedAt":"2026-01-01T10:06:01Z"}]}]}})";

} // namespace
