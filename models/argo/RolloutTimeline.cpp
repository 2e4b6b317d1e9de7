#include "argo/RolloutTimeline.h"

#include "models/domain/Duration.h"
#include "argo/Analysis.h"
#include "argo/ObjectStore.h"
#include "argo/Rollout.h"
#include "argo/RolloutInfo.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace rolldeck {

namespace {

QLatin1StringView L(const char *text)
{
    return QLatin1StringView(text);
}

bool isBadPhase(const QString &phase)
{
    return phase == L("Failed") || phase == L("Error") || phase == L("Inconclusive");
}

// The newest run of the rollout with these labels, for its current revision (pod template hash).
const AnalysisRun *newestRun(const Rollout &ro, const ObjectStore &store, const QString &type,
                             const QString &stepIndex = {})
{
    const AnalysisRun *best = nullptr;
    for (const AnalysisRun *run : store.analysisRunsOwnedBy(ro.meta.uid)) {
        const StringMap &labels = run->meta.labels;
        if (labels.value(QStringLiteral("rollout-type")) != type)
            continue;
        if (!stepIndex.isEmpty() && labels.value(QStringLiteral("step-index")) != stepIndex)
            continue;
        const QString hash = labels.value(QStringLiteral("rollouts-pod-template-hash"));
        if (!ro.currentPodHash.isEmpty() && !hash.isEmpty() && hash != ro.currentPodHash)
            continue;
        if (!best || run->meta.creationTimestamp > best->meta.creationTimestamp)
            best = run;
    }
    return best;
}

TimelineStep::Kind stepKind(CanaryStep::Kind kind)
{
    switch (kind) {
    case CanaryStep::Kind::SetWeight:
        return TimelineStep::Kind::SetWeight;
    case CanaryStep::Kind::Pause:
        return TimelineStep::Kind::Pause;
    case CanaryStep::Kind::Analysis:
        return TimelineStep::Kind::Analysis;
    case CanaryStep::Kind::Experiment:
        return TimelineStep::Kind::Experiment;
    case CanaryStep::Kind::SetCanaryScale:
        return TimelineStep::Kind::SetCanaryScale;
    case CanaryStep::Kind::Unknown:
    case CanaryStep::Kind::SetHeaderRoute:
    case CanaryStep::Kind::SetMirrorRoute:
    case CanaryStep::Kind::Plugin:
        break;
    }
    return TimelineStep::Kind::Other;
}

// 5 % for 30 min, 25 % for 2 h, 50 % for 4 h, then 100 % (or the end of the steps, which is 100 % too).
bool followsSeedPhases(const QList<TimelineStep> &steps)
{
    struct Phase
    {
        int weight;
        qint64 ms;
    };
    static constexpr Phase kPhases[] = {{5, 30 * 60 * 1000}, {25, 2 * 3600 * 1000}, {50, 4 * 3600 * 1000}};
    int phase = 0;
    for (int i = 0; i < steps.size(); ++i) {
        const TimelineStep &s = steps.at(i);
        if (s.kind != TimelineStep::Kind::SetWeight)
            continue;
        if (phase == 3)
            return s.weight == 100 && i == steps.size() - 1;
        if (s.weight != kPhases[phase].weight || i + 1 >= steps.size())
            return false;
        const TimelineStep &pause = steps.at(i + 1);
        if (pause.kind != TimelineStep::Kind::Pause || pause.durationMs != kPhases[phase].ms)
            return false;
        ++phase;
    }
    return phase == 3;
}

} // namespace

bool AnalysisVerdict::isBad() const
{
    return isBadPhase(phase);
}

bool AnalysisVerdict::isFinished() const
{
    return isValid() && phase != L("Pending") && phase != L("Running") && !phase.isEmpty();
}

AnalysisVerdict analysisVerdict(const AnalysisRun &run)
{
    AnalysisVerdict v;
    v.run = run.meta.name;
    v.phase = run.phase.isEmpty() ? QStringLiteral("Pending") : run.phase;
    v.message = run.message;
    // The metric that decided: a bad one first, else (a run still going) the one measured last.
    const MetricResult *decisive = nullptr;
    for (const MetricResult &mr : run.metricResults) {
        if (isBadPhase(mr.phase)) {
            decisive = &mr;
            break;
        }
    }
    if (!decisive)
        return v;
    v.metric = decisive->name;
    for (auto it = decisive->measurements.crbegin(); it != decisive->measurements.crend(); ++it) {
        if (!it->value.isEmpty()) {
            v.value = it->value;
            break;
        }
    }
    for (const Metric &m : run.metrics) {
        if (m.name != decisive->name)
            continue;
        if (!m.failureCondition.isEmpty())
            v.condition = QStringLiteral("failure: ") + m.failureCondition;
        else if (!m.successCondition.isEmpty())
            v.condition = QStringLiteral("success: ") + m.successCondition;
    }
    return v;
}

LastAction parseLastAction(const QString &annotation)
{
    const QJsonObject o = QJsonDocument::fromJson(annotation.toUtf8()).object();
    LastAction a;
    a.verb = o.value(L("verb")).toString();
    a.actor = o.value(L("actor")).toString();
    a.reason = o.value(L("reason")).toString();
    a.hash = o.value(L("hash")).toString();
    a.time = QDateTime::fromString(o.value(L("time")).toString(), Qt::ISODateWithMs);
    if (a.time.isValid())
        a.time = a.time.toUTC();
    return a;
}

QDateTime stateSince(const Rollout &ro)
{
    if (ro.abort && ro.abortedAt.isValid())
        return ro.abortedAt;
    QDateTime since;
    for (const PauseCondition &pc : ro.pauseConditions) {
        if (pc.startTime.isValid() && (!since.isValid() || pc.startTime < since))
            since = pc.startTime;
    }
    if (since.isValid())
        return since;
    for (const RolloutCondition &c : ro.conditions) {
        if (c.type == L("Progressing") && c.lastTransitionTime.isValid())
            return c.lastTransitionTime;
    }
    return {};
}

StepTimeline buildStepTimeline(const Rollout &ro, const ObjectStore &store, const QDateTime &now, double timeScale)
{
    StepTimeline t;
    if (ro.strategy != Rollout::Strategy::Canary)
        return t;
    const int count = int(ro.steps.size());
    t.currentStepIndex = ro.currentStepIndex;
    t.aborted = ro.abort;
    const int current = ro.currentStepIndex.value_or(0);
    t.complete = count > 0 && current >= count;
    int weight = 0;
    for (int i = 0; i < count; ++i) {
        const CanaryStep &step = ro.steps.at(i);
        TimelineStep s;
        s.index = i;
        s.kind = stepKind(step.kind);
        s.text = step.displayText();
        if (step.setWeight)
            weight = *step.setWeight;
        s.weight = weight;
        if (step.kind == CanaryStep::Kind::Pause && step.hasPauseDuration) {
            s.durationText = step.pauseDuration;
            if (const auto d = parseGoDuration(step.pauseDuration))
                s.durationMs = qint64(d->count());
        }
        if (i < current)
            s.state = TimelineStep::State::Done;
        else if (i == current)
            s.state = ro.abort ? TimelineStep::State::Aborted : TimelineStep::State::Current;
        if (s.state == TimelineStep::State::Current && s.durationMs) {
            for (const PauseCondition &pc : ro.pauseConditions) {
                if (pc.reason == L("CanaryPauseStep") && pc.startTime.isValid()) {
                    const auto lasts = qint64(double(*s.durationMs) / (timeScale > 0 ? timeScale : 1.0));
                    s.endsAt = pc.startTime.addMSecs(lasts);
                    s.remainingMs = std::max<qint64>(0, now.msecsTo(s.endsAt));
                }
            }
        }
        if (s.kind == TimelineStep::Kind::Analysis) {
            if (const AnalysisRun *run = newestRun(ro, store, QStringLiteral("Step"), QString::number(i)))
                s.analysis = analysisVerdict(*run);
        }
        t.steps.append(s);
    }
    if (const AnalysisRun *run = newestRun(ro, store, QStringLiteral("Background")))
        t.background = analysisVerdict(*run);
    t.followsSeedPhases = followsSeedPhases(t.steps);
    return t;
}

BlueGreenView buildBlueGreenView(const Rollout &ro, const QList<ReplicaSetInfo> &sets, const ObjectStore &store,
                                 const QDateTime &now, double timeScale)
{
    BlueGreenView v;
    if (ro.strategy != Rollout::Strategy::BlueGreen)
        return v;
    const QJsonObject bg = ro.strategyJson.value(L("blueGreen")).toObject();
    v.autoPromotionEnabled = ro.autoPromotionEnabled;
    v.autoPromotionSeconds = ro.autoPromotionSeconds;
    v.scaleDownDelaySeconds = bg.value(L("scaleDownDelaySeconds")).toInt(30);
    for (const ReplicaSetInfo &rs : sets) {
        BlueGreenSide side{rs.name, rs.revision, rs.images, rs.available, rs.replicas};
        if (rs.active)
            v.active = side;
        if (rs.preview)
            v.preview = side;
        if (!rs.active && !rs.preview && rs.replicas > 0 && !rs.scaleDownDelay.isEmpty())
            v.scaleDownRemaining = rs.scaleDownDelay;
    }
    v.previewDiffers = !v.preview.replicaSet.isEmpty() && v.preview.replicaSet != v.active.replicaSet;
    if (ro.blueGreenAutoPromotes()) {
        for (const PauseCondition &pc : ro.pauseConditions) {
            if (pc.reason == L("BlueGreenPause") && pc.startTime.isValid()) {
                const auto lasts = qint64(double(ro.autoPromotionSeconds) * 1000 / (timeScale > 0 ? timeScale : 1.0));
                v.autoPromotionRemainingMs = std::max<qint64>(0, now.msecsTo(pc.startTime.addMSecs(lasts)));
            }
        }
    }
    if (const AnalysisRun *run = newestRun(ro, store, QStringLiteral("PrePromotion")))
        v.prePromotion = analysisVerdict(*run);
    if (const AnalysisRun *run = newestRun(ro, store, QStringLiteral("PostPromotion")))
        v.postPromotion = analysisVerdict(*run);
    return v;
}

} // namespace rolldeck
