// The AnalysisRuns of a pass: the rollout's runs advance, are created once per step or phase
// from their templates, and end when the update moves on or aborts.
#include "RolloutContext.h"

#include "RolloutObjects.h"

namespace rdsim {

using nlohmann::json;

void RolloutContext::loadAnalysisRuns()
{
    for (const ObjectPtr &p : m_store.list(kAnalysisRuns, m_key.ns).items)
        if (ownedBy(*p, m_uid))
            m_runs[(*p)["metadata"].value("name", std::string())] = *p;
}

// Takes every running AnalysisRun a measurement further where one is due.
void RolloutContext::advanceAnalysisRuns()
{
    for (auto &[runName, run] : m_runs) {
        if (analysis::isCompleted(run["status"].value("phase", std::string())))
            continue;
        int64_t runDue = -1;
        json copy = run;
        MeasureFn measure = m_env.measure ? m_env.measure : [](const json &, const json &) {
            MeasureOutcome o;
            o.value = ExprValue::array({1.0});
            o.valueText = "[1]";
            return o;
        };
        if (analysis::reconcileRun(copy, m_nowMs, measure, &runDue, m_env.times)) {
            Outcome o = m_store.mutate(kAnalysisRuns, m_key.ns, runName, [&](json &obj) {
                if (obj["status"] == copy["status"])
                    return false;
                obj["status"] = copy["status"];
                return true;
            });
            m_changed = m_changed || o.changed;
            run = copy;
        }
        dueAt(runDue);
    }
}

void RolloutContext::terminateRun(const std::string &runName)
{
    auto it = m_runs.find(runName);
    if (it == m_runs.end() || analysis::isCompleted(it->second["status"].value("phase", std::string())) ||
        it->second["spec"].value("terminate", false))
        return;
    m_store.mutate(kAnalysisRuns, m_key.ns, runName, [&](json &obj) {
        obj["spec"]["terminate"] = true;
        return true;
    });
    it->second["spec"]["terminate"] = true;
    m_changed = true;
}

// The AnalysisRun for a set of template references, created once (previousName: the run already
// started for it, if any).
json *RolloutContext::ensureRun(const std::string &baseName, const json &ref, const std::string &type,
                                const std::string &stepIndex, const std::string &previousName)
{
    if (!previousName.empty()) {
        auto it = m_runs.find(previousName);
        if (it != m_runs.end())
            return &it->second;
    }
    std::string runName = baseName;
    for (int n = 1; m_runs.count(runName) || m_store.get(kAnalysisRuns, m_key.ns, runName).object; ++n)
        runName = baseName + "." + std::to_string(n);
    Outcome o = m_store.create(kAnalysisRuns, m_key.ns, analysisRunObject(runName, ref, type, stepIndex));
    if (!o.object)
        return nullptr;
    m_changed = true;
    json created = *o.object;
    int64_t runDue = -1;
    if (m_env.measure && analysis::reconcileRun(created, m_nowMs, m_env.measure, &runDue, m_env.times)) {
        m_store.mutate(kAnalysisRuns, m_key.ns, runName, [&](json &obj) {
            obj["status"] = created["status"];
            return true;
        });
    }
    dueAt(runDue);
    m_runs[runName] = created;
    return &m_runs[runName];
}

json RolloutContext::analysisRunObject(const std::string &runName, const json &ref, const std::string &type,
                                       const std::string &stepIndex) const
{
    json metrics = json::array();
    json args = json::array();
    collectTemplates(ref, metrics, args);
    for (const json &a : ref.value("args", json::array())) {
        json resolved = a;
        if (a.contains("valueFrom")) {
            const std::string which = a["valueFrom"].value("podTemplateHashValue", std::string());
            resolved.erase("valueFrom");
            resolved["value"] = which == "Stable" ? m_stable : m_hash;
        }
        bool replaced = false;
        for (json &b : args) {
            if (b.value("name", std::string()) == resolved.value("name", std::string())) {
                b = resolved;
                replaced = true;
            }
        }
        if (!replaced)
            args.push_back(resolved);
    }
    json labels{{kHashLabel, m_hash}, {"rollout-type", type}};
    if (!stepIndex.empty())
        labels["step-index"] = stepIndex;
    json run{{"apiVersion", "argoproj.io/v1alpha1"}, {"kind", "AnalysisRun"}};
    run["metadata"] = json{{"name", runName},
                           {"namespace", m_key.ns},
                           {"labels", labels},
                           {"annotations", {{kRevisionAnnotation, std::to_string(m_revision)}}},
                           {"ownerReferences", rolloutOwnerReferences(m_key.name, m_uid)}};
    run["spec"] = json{{"metrics", metrics}};
    if (!args.empty())
        run["spec"]["args"] = args;
    return run;
}

// The metrics and (first-named) arguments of the (Cluster)AnalysisTemplates a reference names.
void RolloutContext::collectTemplates(const json &ref, json &metrics, json &args) const
{
    for (const json &t : ref.value("templates", json::array())) {
        const bool cluster = t.value("clusterScope", false);
        Outcome tpl = m_store.get(cluster ? kClusterAnalysisTemplates : kAnalysisTemplates, cluster ? "" : m_key.ns,
                                  t.value("templateName", std::string()));
        if (!tpl.object)
            continue;
        for (const json &m : (*tpl.object)["spec"].value("metrics", json::array()))
            metrics.push_back(m);
        for (const json &a : (*tpl.object)["spec"].value("args", json::array())) {
            bool seen = false;
            for (const json &b : args)
                seen = seen || b.value("name", std::string()) == a.value("name", std::string());
            if (!seen)
                args.push_back(a);
        }
    }
}

json RolloutContext::runStatus(const json &run)
{
    json s{{"name", run["metadata"].value("name", std::string())},
           {"status", run["status"].value("phase", std::string("Pending"))}};
    const std::string msg = run["status"].value("message", std::string());
    if (!msg.empty())
        s["message"] = msg;
    return s;
}

// A failed analysis aborts the update; the first reason is the one reported.
void RolloutContext::abortUpdate(const std::string &reason)
{
    if (!m_status.value("abort", false)) {
        m_status["abort"] = true;
        m_abortReason = reason;
    }
}

} // namespace rdsim
