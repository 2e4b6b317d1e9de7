#include "DecisionState.h"

#include "argo/Rollout.h"
#include "argo/RolloutInfo.h"

namespace rolldeck {

namespace {

QString optionalText(const std::optional<int> &v)
{
    return v ? QString::number(*v) : QStringLiteral("none");
}

QString yesNo(bool v)
{
    return v ? QStringLiteral("yes") : QStringLiteral("no");
}

// The set weight as `kubectl argo rollouts get` shows it (reference §2.2): 0 when aborted, the max weight past the
// last step, else the last setWeight at or before the current step.
int canarySetWeight(const Rollout &ro)
{
    const int maxWeight = ro.maxTrafficWeight.value_or(100);
    if (ro.abort)
        return 0;
    const int index = ro.currentStepIndex.value_or(0);
    if (ro.steps.isEmpty() || index < 0 || index >= ro.steps.size())
        return maxWeight;
    for (int i = index; i >= 0; --i) {
        if (ro.steps.at(i).setWeight)
            return *ro.steps.at(i).setWeight;
    }
    return 0;
}

} // namespace

DecisionState DecisionState::of(const Rollout &rollout)
{
    DecisionState s;
    s.revision = rollout.meta.revision();
    if (rollout.strategy == Rollout::Strategy::Canary && !rollout.steps.isEmpty())
        s.step = rollout.currentStepIndex;
    s.phase = rolloutPhase(rollout).status;
    s.aborted = rollout.abort;
    s.paused = rollout.paused || !rollout.pauseConditions.isEmpty() || rollout.controllerPause;
    if (rollout.strategy == Rollout::Strategy::Canary)
        s.setWeight = canarySetWeight(rollout);
    s.resourceVersion = rollout.meta.resourceVersion;
    return s;
}

QJsonObject DecisionState::toJson() const
{
    QJsonObject o{{QStringLiteral("revision"), revision},
                  {QStringLiteral("phase"), phase},
                  {QStringLiteral("aborted"), aborted},
                  {QStringLiteral("paused"), paused}};
    if (step)
        o.insert(QStringLiteral("step"), *step);
    if (setWeight)
        o.insert(QStringLiteral("setWeight"), *setWeight);
    if (!resourceVersion.isEmpty())
        o.insert(QStringLiteral("resourceVersion"), resourceVersion);
    return o;
}

DecisionState DecisionState::fromJson(const QJsonObject &json)
{
    DecisionState s;
    s.revision = json.value(QLatin1String("revision")).toInt();
    s.phase = json.value(QLatin1String("phase")).toString();
    s.aborted = json.value(QLatin1String("aborted")).toBool();
    s.paused = json.value(QLatin1String("paused")).toBool();
    if (json.contains(QLatin1String("step")))
        s.step = json.value(QLatin1String("step")).toInt();
    if (json.contains(QLatin1String("setWeight")))
        s.setWeight = json.value(QLatin1String("setWeight")).toInt();
    s.resourceVersion = json.value(QLatin1String("resourceVersion")).toString();
    return s;
}

QStringList DecisionState::changesTo(const DecisionState &now) const
{
    QStringList out;
    const QString arrow = QStringLiteral(" \u2192 ");
    if (revision != now.revision)
        out << QStringLiteral("revision ") + QString::number(revision) + arrow + QString::number(now.revision);
    if (step != now.step)
        out << QStringLiteral("step ") + optionalText(step) + arrow + optionalText(now.step);
    if (phase != now.phase)
        out << QStringLiteral("phase ") + phase + arrow + now.phase;
    if (aborted != now.aborted)
        out << QStringLiteral("aborted ") + yesNo(aborted) + arrow + yesNo(now.aborted);
    if (paused != now.paused)
        out << QStringLiteral("paused ") + yesNo(paused) + arrow + yesNo(now.paused);
    if (setWeight != now.setWeight)
        out << QStringLiteral("weight ") + optionalText(setWeight) + arrow + optionalText(now.setWeight);
    return out;
}

QString DecisionState::summary() const
{
    QStringList parts{QStringLiteral("revision %1").arg(revision)};
    if (step)
        parts << QStringLiteral("step %1").arg(*step);
    parts << phase;
    if (aborted)
        parts << QStringLiteral("aborted");
    if (paused)
        parts << QStringLiteral("paused");
    if (setWeight)
        parts << QStringLiteral("weight %1").arg(*setWeight);
    return parts.join(QStringLiteral(", "));
}

} // namespace rolldeck
