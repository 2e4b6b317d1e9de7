#pragma once

#include "KubeObject.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace rolldeck {

struct Container
{
    QString name;
    QString image;
};

// One entry of spec.strategy.canary.steps; exactly one kind is set in valid input.
struct CanaryStep
{
    enum class Kind {
        Unknown,
        SetWeight,
        Pause,
        Analysis,
        Experiment,
        SetCanaryScale,
        SetHeaderRoute,
        SetMirrorRoute,
        Plugin
    };
    Kind kind = Kind::Unknown;
    std::optional<int> setWeight;  // setWeight
    bool hasPauseDuration = false; // pause.duration given
    QString pauseDuration;         // int seconds or Go duration, as text
    QJsonObject raw;               // the step as written

    // rolloututil.CanaryStepString: "setWeight: 20", "pause", "pause: 10s", "analysis", ...
    QString displayText() const;
};

struct RolloutCondition
{
    QString type;
    QString status;
    QString reason;
    QString message;
    QDateTime lastUpdateTime;
    QDateTime lastTransitionTime;
};

struct PauseCondition
{
    QString reason;
    QDateTime startTime;
};

// An Argo Rollouts Rollout (argoproj.io/v1alpha1), the fields the view and the actions need.
struct Rollout
{
    enum class Strategy { None, Canary, BlueGreen };

    ObjectMeta meta;               // the parsed object is not kept: a fleet's worth would cost ~11 KB a rollout
    QJsonObject strategyJson;      // spec.strategy as written (traffic routing, services)
    QJsonObject canaryWeightsJson; // status.canary.weights as written

    // spec
    std::optional<int> replicas; // spec.replicas; default 1
    bool paused = false;
    QString restartAt; // spec.restartAt as written
    QString workloadRefKind;
    QString workloadRefName;
    QList<Container> containers;     // spec.template.spec.containers
    QList<Container> initContainers; // spec.template.spec.initContainers
    Strategy strategy = Strategy::None;
    // canary
    QList<CanaryStep> steps;
    bool hasTrafficRouting = false;
    std::optional<int> maxTrafficWeight;
    bool pingPong = false;
    // blue-green
    bool hasPostPromotionAnalysis = false;
    QString activeService;
    QString previewService;
    bool autoPromotionEnabled = true; // spec.strategy.blueGreen.autoPromotionEnabled (default true)
    int autoPromotionSeconds = 0;     // spec.strategy.blueGreen.autoPromotionSeconds; ignored when not enabled

    // A blue-green pause before the cutover ends by itself (after autoPromotionSeconds).
    bool blueGreenAutoPromotes() const
    {
        return strategy == Strategy::BlueGreen && autoPromotionEnabled && autoPromotionSeconds > 0;
    }

    // status
    QString phase;
    QString message;
    QString observedGeneration; // a string in the API (old controllers wrote a hash)
    bool controllerPause = false;
    QList<PauseCondition> pauseConditions;
    bool abort = false;
    QDateTime abortedAt;
    bool promoteFull = false;
    QString restartedAt; // status.restartedAt as written
    std::optional<int> currentStepIndex;
    QString currentPodHash;
    QString stableRS;
    QString canaryStableRS; // status.canary.stableRS (pre-v0.9 controllers)
    int statusReplicas = 0;
    int updatedReplicas = 0;
    int readyReplicas = 0;
    int availableReplicas = 0;
    QList<RolloutCondition> conditions;
    bool hasCanaryWeights = false;
    int canaryWeight = 0; // status.canary.weights.canary.weight
    QString stablePingPong;
    QString activeSelector;
    QString previewSelector;
    QString postPromotionAnalysisRunPhase; // status.blueGreen.postPromotionAnalysisRunStatus.status
    bool hasPostPromotionAnalysisRunStatus = false;

    int desiredReplicas() const { return replicas.value_or(1); }
    QString strategyName() const; // "Canary", "BlueGreen" or ""

    static Rollout fromJson(const QJsonObject &json, const SourceLocation &source = {},
                            Diagnostics *problems = nullptr);
};

} // namespace rolldeck
