#include "RolloutInfo.h"

#include "domain/Duration.h"
#include "ObjectStore.h"

#include <QSet>

#include <algorithm>
#include <limits>

namespace rolldeck {

namespace {

using L = QLatin1StringView;

QString iconText(const char16_t *s)
{
    return QString::fromUtf16(s);
}

// Go's zero time compares before every real time.
qint64 timeKey(const QDateTime &t)
{
    return t.isValid() ? t.toMSecsSinceEpoch() : std::numeric_limits<qint64>::min();
}

// kubectl's Age: now - created; a missing timestamp is Go's zero time, which saturates at ~292 years.
QString ageOf(const QDateTime &created, const QDateTime &now)
{
    if (!created.isValid())
        return humanDuration(std::chrono::milliseconds(std::numeric_limits<qint64>::max() / 1000000));
    return humanDuration(std::chrono::milliseconds(created.msecsTo(now)));
}

QString analysisIcon(const QString &phase)
{
    if (phase == QLatin1String("Successful"))
        return iconText(icons::kOk);
    if (phase == QLatin1String("Inconclusive"))
        return iconText(icons::kUnknown);
    if (phase == QLatin1String("Failed"))
        return iconText(icons::kBad);
    if (phase == QLatin1String("Error"))
        return iconText(icons::kWarning);
    if (phase == QLatin1String("Running"))
        return iconText(icons::kProgressing);
    if (phase == QLatin1String("Pending"))
        return iconText(icons::kWaiting);
    return QStringLiteral(" ");
}

QString replicaSetIcon(const QString &status)
{
    if (status == QLatin1String("Progressing"))
        return iconText(icons::kProgressing);
    if (status == QLatin1String("Healthy"))
        return iconText(icons::kOk);
    if (status == QLatin1String("ReplicaFailure"))
        return iconText(icons::kBad);
    if (status == QLatin1String("ScaledDown"))
        return iconText(icons::kNeutral);
    return QStringLiteral(" ");
}

QString podIcon(const QString &status)
{
    if (status.startsWith(L("Init:")))
        return iconText(icons::kProgressing);
    if (status.startsWith(L("Signal:")) || status.startsWith(L("ExitCode:")))
        return iconText(icons::kBad);
    if (status.endsWith(L("Error")) || status.startsWith(L("Err")))
        return iconText(icons::kWarning);
    if (status == L("Pending") || status == L("Terminating") || status == L("ContainerCreating"))
        return iconText(icons::kProgressing);
    if (status == L("Running") || status == L("Completed"))
        return iconText(icons::kOk);
    if (status == L("Failed") || status == L("InvalidImageName") || status == L("CrashLoopBackOff"))
        return iconText(icons::kBad);
    if (status == L("ImagePullBackOff") || status == L("RegistryUnavailable"))
        return iconText(icons::kWarning);
    if (status == L("Unknown"))
        return iconText(icons::kUnknown);
    return QStringLiteral(" ");
}

PodInfo podInfo(const Pod &pod, const QDateTime &now)
{
    PodInfo info;
    info.name = pod.meta.name;
    info.namespaceName = pod.meta.namespaceName;
    info.uid = pod.meta.uid;
    info.created = pod.meta.creationTimestamp;
    info.age = ageOf(info.created, now);

    int restarts = 0;
    int ready = 0;
    QString reason = pod.reason.isEmpty() ? pod.phase : pod.reason;

    bool initializing = false;
    for (qsizetype i = 0; i < pod.initContainerStatuses.size(); ++i) {
        const ContainerStatus &c = pod.initContainerStatuses.at(i);
        restarts += c.restartCount;
        if (c.terminated && c.exitCode == 0)
            continue;
        bool sidecar = false;
        for (const Pod::InitContainer &ic : pod.initContainers) {
            if (ic.name == c.name)
                sidecar = ic.restartAlways;
        }
        if (c.terminated) {
            if (c.terminatedReason.isEmpty()) {
                reason = c.signal != 0 ? QStringLiteral("Init:Signal:%1").arg(c.signal)
                                       : QStringLiteral("Init:ExitCode:%1").arg(c.exitCode);
            } else {
                reason = QStringLiteral("Init:") + c.terminatedReason;
            }
            initializing = true;
        } else if (sidecar && c.started.value_or(false)) {
            if (c.ready)
                continue;
        } else if (c.waiting && !c.waitingReason.isEmpty() && c.waitingReason != L("PodInitializing")) {
            reason = QStringLiteral("Init:") + c.waitingReason;
            initializing = true;
        } else {
            reason = QStringLiteral("Init:%1/%2").arg(i).arg(pod.initContainers.size());
            initializing = true;
        }
        break;
    }
    if (!initializing) {
        restarts = 0;
        bool hasRunning = false;
        for (qsizetype i = pod.containerStatuses.size() - 1; i >= 0; --i) {
            const ContainerStatus &c = pod.containerStatuses.at(i);
            restarts += c.restartCount;
            if (c.waiting && !c.waitingReason.isEmpty()) {
                reason = c.waitingReason;
            } else if (c.terminated && !c.terminatedReason.isEmpty()) {
                reason = c.terminatedReason;
            } else if (c.terminated) {
                reason = c.signal != 0 ? QStringLiteral("Signal:%1").arg(c.signal)
                                       : QStringLiteral("ExitCode:%1").arg(c.exitCode);
            } else if (c.ready && c.running) {
                hasRunning = true;
                ++ready;
            }
        }
        if (reason == L("Completed") && hasRunning)
            reason = QStringLiteral("Running");
    }
    if (pod.meta.deletionTimestamp.isValid() && pod.reason == L("NodeLost"))
        reason = QStringLiteral("Unknown");
    else if (pod.meta.deletionTimestamp.isValid())
        reason = QStringLiteral("Terminating");

    info.status = reason;
    info.icon = podIcon(reason);
    info.readyContainers = ready;
    info.totalContainers = int(pod.containerNames.size());
    info.restarts = restarts;
    return info;
}

QString replicaSetHealth(const ReplicaSet &rs)
{
    if (rs.meta.generation <= rs.observedGeneration) {
        if (rs.replicaFailure)
            return QStringLiteral("ReplicaFailure");
        if (rs.specReplicas && rs.availableReplicas < *rs.specReplicas)
            return QStringLiteral("Progressing");
    } else {
        return QStringLiteral("Progressing");
    }
    if (rs.specReplicas && *rs.specReplicas == 0)
        return QStringLiteral("ScaledDown");
    return QStringLiteral("Healthy");
}

// getReplicaSetInfo: the ReplicaSets owned by ownerUid, with role tags when a rollout is given, sorted,
// with their pods.
QList<ReplicaSetInfo> replicaSetInfos(const QString &ownerUid, const Rollout *ro, const ObjectStore &store,
                                      const QDateTime &now)
{
    QList<ReplicaSetInfo> out;
    const QList<const ReplicaSet *> sets = store.replicaSetsOwnedBy(ownerUid);
    out.reserve(sets.size());
    for (const ReplicaSet *rs : sets) {
        ReplicaSetInfo info;
        info.name = rs->meta.name;
        info.namespaceName = rs->meta.namespaceName;
        info.uid = rs->meta.uid;
        info.created = rs->meta.creationTimestamp;
        info.age = ageOf(info.created, now);
        info.status = replicaSetHealth(*rs);
        info.icon = replicaSetIcon(info.status);
        info.replicas = rs->replicas;
        info.available = rs->availableReplicas;
        info.revision = rs->meta.revision();
        info.experimentTemplate = rs->meta.annotations.value(QStringLiteral("experiment.argoproj.io/template-name"));
        info.scaleDownDeadline = rs->meta.annotations.value(QStringLiteral("scale-down-deadline"));
        if (!info.scaleDownDeadline.isEmpty()) {
            const QDateTime deadline = parseKubeTime(info.scaleDownDeadline);
            if (deadline.isValid()) {
                info.scaleDownDelay = deadline < now ? QStringLiteral("passed")
                                                     : humanDuration(std::chrono::milliseconds(now.msecsTo(deadline)));
            }
        }
        info.podTemplateHash = rs->podTemplateHash();
        if (ro) {
            const QString &hash = info.podTemplateHash;
            if (ro->strategy == Rollout::Strategy::Canary) {
                const bool stableIsPing = ro->stablePingPong == L("ping");
                if (ro->stableRS == hash) {
                    info.stable = true;
                    if (ro->pingPong) {
                        info.ping = stableIsPing;
                        info.pong = !stableIsPing;
                    }
                } else if (ro->currentPodHash == hash) {
                    info.canary = true;
                    if (ro->pingPong) {
                        info.ping = !stableIsPing;
                        info.pong = stableIsPing;
                    }
                }
            } else if (ro->strategy == Rollout::Strategy::BlueGreen) {
                if (ro->stableRS == hash)
                    info.stable = true;
                if (ro->activeSelector == hash)
                    info.active = true;
                else if (ro->previewSelector == hash)
                    info.preview = true;
            }
        }
        for (const Container &c : rs->containers)
            info.images.append(c.image);
        for (const Container &c : rs->initContainers)
            info.initContainerImages.append(c.image);
        out.append(info);
    }
    std::stable_sort(out.begin(), out.end(), [](const ReplicaSetInfo &a, const ReplicaSetInfo &b) {
        if (a.revision != b.revision)
            return a.revision > b.revision;
        return a.name < b.name;
    });

    // Pods go to the ReplicaSet named by their first matching ownerReference (the last one with that UID).
    QHash<QString, qsizetype> byUid;
    for (qsizetype i = 0; i < out.size(); ++i)
        byUid.insert(out.at(i).uid, i);
    QSet<QString> done;
    for (const ReplicaSetInfo &rsInfo : std::as_const(out)) {
        if (rsInfo.uid.isEmpty() || done.contains(rsInfo.uid))
            continue;
        done.insert(rsInfo.uid);
        for (const Pod *pod : store.podsOwnedBy(rsInfo.uid)) {
            QString ownerUid;
            for (const OwnerReference &ref : pod->meta.ownerReferences) {
                if (byUid.contains(ref.uid)) {
                    ownerUid = ref.uid;
                    break;
                }
            }
            if (ownerUid != rsInfo.uid)
                continue;
            out[byUid.value(ownerUid)].pods.append(podInfo(*pod, now));
        }
    }
    for (ReplicaSetInfo &rsInfo : out) {
        std::stable_sort(rsInfo.pods.begin(), rsInfo.pods.end(), [](const PodInfo &a, const PodInfo &b) {
            if (timeKey(a.created) != timeKey(b.created))
                return timeKey(a.created) < timeKey(b.created);
            return a.name < b.name;
        });
    }
    return out;
}

QList<AnalysisRunInfo> analysisRunInfos(const QString &ownerUid, const ObjectStore &store, const QDateTime &now)
{
    QList<AnalysisRunInfo> out;
    for (const AnalysisRun *run : store.analysisRunsOwnedBy(ownerUid)) {
        AnalysisRunInfo info;
        info.name = run->meta.name;
        info.namespaceName = run->meta.namespaceName;
        info.uid = run->meta.uid;
        info.created = run->meta.creationTimestamp;
        info.age = ageOf(info.created, now);
        info.status = run->phase;
        info.message = run->message;
        for (const MetricResult &mr : run->metricResults) {
            info.successful += mr.successful;
            info.failed += mr.failed;
            info.inconclusive += mr.inconclusive;
            info.error += mr.error;
            for (const Measurement &m : mr.measurements) {
                if (!m.metadata.contains(QStringLiteral("job-name")))
                    continue;
                JobInfo j;
                j.name = m.metadata.value(QStringLiteral("job-name"));
                j.namespaceName = m.metadata.value(QStringLiteral("job-namespace"), run->meta.namespaceName);
                j.status = m.phase;
                j.icon = analysisIcon(m.phase);
                j.created = m.startedAt;
                j.age = ageOf(j.created, now);
                info.jobs.append(j);
            }
        }
        info.icon = analysisIcon(run->phase);
        info.revision = run->meta.revision();
        out.append(info);
    }
    std::stable_sort(out.begin(), out.end(), [](const AnalysisRunInfo &a, const AnalysisRunInfo &b) {
        if (a.revision != b.revision)
            return a.revision > b.revision;
        if (timeKey(a.created) != timeKey(b.created))
            return timeKey(a.created) < timeKey(b.created);
        return a.name > b.name;
    });
    return out;
}

// Go's insertion sort (what sort.Slice does for short slices), so a comparator that is not a strict
// weak order gives the same result as upstream.
template <typename T, typename Less>
void goInsertionSort(QList<T> &list, Less less)
{
    for (qsizetype i = 1; i < list.size(); ++i) {
        for (qsizetype j = i; j > 0 && less(list.at(j), list.at(j - 1)); --j)
            list.swapItemsAt(j, j - 1);
    }
}

void mergeImage(QList<ImageInfo> &images, const ImageInfo &image)
{
    qsizetype found = -1;
    for (qsizetype i = 0; i < images.size(); ++i) {
        if (images.at(i).image == image.image) {
            found = i;
            break;
        }
    }
    if (found < 0) {
        images.append(image);
    } else {
        QStringList tags = images.at(found).tags + image.tags;
        tags.sort();
        tags.removeDuplicates();
        images[found].tags = tags;
    }
    std::stable_sort(images.begin(), images.end(),
                     [](const ImageInfo &a, const ImageInfo &b) { return a.image < b.image; });
}

void mergeExperimentImages(QList<ImageInfo> &images, const ExperimentInfo &exp)
{
    for (const ReplicaSetInfo &rs : exp.replicaSets) {
        if (rs.replicas <= 0)
            continue;
        for (const QString &img : rs.images) {
            ImageInfo info{img, {}};
            if (!rs.experimentTemplate.isEmpty())
                info.tags.append(QString::fromUtf16(u"Σ:") + rs.experimentTemplate);
            mergeImage(images, info);
        }
    }
}

ExperimentInfo experimentInfo(const Experiment &exp, const ObjectStore &store, const QDateTime &now)
{
    ExperimentInfo info;
    info.name = exp.meta.name;
    info.namespaceName = exp.meta.namespaceName;
    info.uid = exp.meta.uid;
    info.created = exp.meta.creationTimestamp;
    info.age = ageOf(info.created, now);
    info.status = exp.phase;
    info.message = exp.message;
    info.icon = analysisIcon(exp.phase);
    info.revision = exp.meta.revision();
    info.replicaSets = replicaSetInfos(exp.meta.uid, nullptr, store, now);
    info.analysisRuns = analysisRunInfos(exp.meta.uid, store, now);
    return info;
}

bool analysisCompleted(const QString &phase)
{
    return phase == L("Successful") || phase == L("Failed") || phase == L("Error") || phase == L("Inconclusive");
}

Diagnostic problem(const Rollout &ro, const QString &message)
{
    Diagnostic d;
    d.severity = Diagnostic::Severity::Error;
    d.source = ro.meta.source;
    d.object = ro.meta.displayName();
    d.message = message;
    return d;
}

} // namespace

QString PodInfo::ready() const
{
    return QString::number(readyContainers) + QLatin1Char('/') + QString::number(totalContainers);
}

QString PodInfo::infoText() const
{
    QString out = QStringLiteral("ready:") + ready();
    if (restarts > 0)
        out += QStringLiteral(",restarts:") + QString::number(restarts);
    return out;
}

QStringList ReplicaSetInfo::tags() const
{
    QStringList out;
    if (stable)
        out.append(QStringLiteral("stable"));
    if (canary)
        out.append(QStringLiteral("canary"));
    else if (active)
        out.append(QStringLiteral("active"));
    else if (preview)
        out.append(QStringLiteral("preview"));
    if (ping)
        out.append(QStringLiteral("ping"));
    if (pong)
        out.append(QStringLiteral("pong"));
    return out;
}

QString ReplicaSetInfo::infoText() const
{
    QStringList cols = tags();
    if (!scaleDownDeadline.isEmpty())
        cols.append(QStringLiteral("delay:") + scaleDownDelay);
    return cols.join(QLatin1Char(','));
}

QString AnalysisRunInfo::countsText() const
{
    QStringList cols;
    if (successful > 0)
        cols.append(iconText(icons::kOk) + QLatin1Char(' ') + QString::number(successful));
    if (failed > 0)
        cols.append(iconText(icons::kBad) + QLatin1Char(' ') + QString::number(failed));
    if (inconclusive > 0)
        cols.append(iconText(icons::kUnknown) + QLatin1Char(' ') + QString::number(inconclusive));
    if (error > 0)
        cols.append(iconText(icons::kWarning) + QLatin1Char(' ') + QString::number(error));
    return cols.join(QLatin1Char(','));
}

QList<ImageInfo> ExperimentInfo::images() const
{
    QList<ImageInfo> out;
    mergeExperimentImages(out, *this);
    return out;
}

QList<AnalysisRunInfo> RolloutInfo::analysisRuns() const
{
    QList<AnalysisRunInfo> out;
    for (const RevisionInfo &rev : revisions)
        out += rev.analysisRuns;
    return out;
}

QList<ReplicaSetInfo> RolloutInfo::replicaSets() const
{
    QList<ReplicaSetInfo> out;
    for (const RevisionInfo &rev : revisions)
        out += rev.replicaSets;
    return out;
}

QString RolloutInfo::setWeightText() const
{
    return isCanary() ? QString::number(setWeight) : QString();
}

QString RolloutInfo::actualWeightText() const
{
    return isCanary() ? QString::number(actualWeight) : QString();
}

QString RolloutInfo::readyText() const
{
    return QString::number(replicas.ready) + QLatin1Char('/') + QString::number(replicas.current);
}

AttentionFacts RolloutInfo::attentionFacts() const
{
    AttentionFacts f;
    f.status = status;
    f.message = message;
    f.pauseReasons = pauseReasons;
    f.timedPause = pauseRemainingMs.has_value() || blueGreenAutoPromotes;
    f.specPaused = specPaused;
    f.aborted = aborted;
    return f;
}

RolloutPhase rolloutPhase(const Rollout &ro)
{
    bool genIsInt = false;
    const qint64 observed = ro.observedGeneration.toLongLong(&genIsInt);
    if (genIsInt && observed < ro.meta.generation)
        return {QStringLiteral("Progressing"), QStringLiteral("waiting for rollout spec update to be observed")};
    if (ro.controllerPause && ro.pauseConditions.isEmpty())
        return {QStringLiteral("Progressing"), QStringLiteral("waiting for rollout to unpause")};
    if (!ro.phase.isEmpty())
        return {ro.phase, ro.message};

    for (const RolloutCondition &c : ro.conditions) {
        if (c.type == L("InvalidSpec"))
            return {QStringLiteral("Degraded"), QStringLiteral("InvalidSpec: ") + c.message};
        if (c.reason == L("RolloutAborted") || c.reason == L("ProgressDeadlineExceeded"))
            return {QStringLiteral("Degraded"), c.reason + QStringLiteral(": ") + c.message};
    }
    if (ro.paused)
        return {QStringLiteral("Paused"), QStringLiteral("manually paused")};
    if (!ro.pauseConditions.isEmpty())
        return {QStringLiteral("Paused"), ro.pauseConditions.constFirst().reason};
    if (!ro.restartAt.isEmpty() && (ro.restartedAt.isEmpty() || ro.restartedAt != ro.restartAt))
        return {QStringLiteral("Progressing"), QStringLiteral("rollout is restarting")};
    if (ro.updatedReplicas < ro.desiredReplicas())
        return {QStringLiteral("Progressing"), QStringLiteral("more replicas need to be updated")};
    if (ro.availableReplicas < ro.updatedReplicas)
        return {QStringLiteral("Progressing"), QStringLiteral("updated replicas are still becoming available")};
    if (ro.strategy == Rollout::Strategy::BlueGreen) {
        if (ro.activeSelector.isEmpty() || ro.activeSelector != ro.currentPodHash)
            return {QStringLiteral("Progressing"), QStringLiteral("active service cutover pending")};
        if (ro.stableRS.isEmpty() || ro.stableRS != ro.currentPodHash) {
            if (ro.hasPostPromotionAnalysis &&
                (!ro.hasPostPromotionAnalysisRunStatus || !analysisCompleted(ro.postPromotionAnalysisRunPhase)))
                return {QStringLiteral("Progressing"), QStringLiteral("waiting for analysis to complete")};
            return {QStringLiteral("Progressing"),
                    QStringLiteral("waiting for post-promotion verification to complete")};
        }
    } else if (ro.strategy == Rollout::Strategy::Canary) {
        if (!ro.hasTrafficRouting && ro.statusReplicas > ro.updatedReplicas)
            return {QStringLiteral("Progressing"), QStringLiteral("old replicas are pending termination")};
        if (ro.stableRS.isEmpty() || ro.stableRS != ro.currentPodHash)
            return {QStringLiteral("Progressing"), QStringLiteral("waiting for all steps to complete")};
    }
    return {QStringLiteral("Healthy"), QString()};
}

QString rolloutIcon(const QString &status)
{
    if (status == L("Progressing"))
        return iconText(icons::kProgressing);
    if (status == L("Error") || status == L("InvalidSpec"))
        return iconText(icons::kWarning);
    if (status == L("Paused"))
        return iconText(icons::kPaused);
    if (status == L("Healthy"))
        return iconText(icons::kOk);
    if (status == L("Degraded"))
        return iconText(icons::kBad);
    if (status == L("Unknown"))
        return iconText(icons::kUnknown);
    if (status == L("ScaledDown"))
        return iconText(icons::kNeutral);
    return QStringLiteral(" ");
}

ExperimentInfo buildExperimentInfo(const Experiment &experiment, const ObjectStore &store, const QDateTime &now)
{
    ExperimentInfo info = experimentInfo(experiment, store, now);
    info.diagnostics = store.problemsOf({ObjectKind::Experiment, experiment.meta.namespaceName, experiment.meta.name});
    return info;
}

RolloutInfo buildRolloutInfo(const Rollout &ro, const ObjectStore &store, const QDateTime &now, double timeScale)
{
    if (!(timeScale > 0))
        timeScale = 1.0;
    RolloutInfo info;
    info.name = ro.meta.name;
    info.namespaceName = ro.meta.namespaceName;
    info.uid = ro.meta.uid;
    info.resourceVersion = ro.meta.resourceVersion;
    info.generation = ro.meta.generation;
    info.created = ro.meta.creationTimestamp;
    info.age = ageOf(info.created, now);
    info.source = ro.meta.source;
    info.diagnostics = store.problemsOf({ObjectKind::Rollout, ro.meta.namespaceName, ro.meta.name});

    const QList<ReplicaSetInfo> sets = replicaSetInfos(ro.meta.uid, &ro, store, now);

    QList<ExperimentInfo> experiments;
    for (const Experiment *exp : store.experimentsOwnedBy(ro.meta.uid))
        experiments.append(experimentInfo(*exp, store, now));
    goInsertionSort(experiments, [](const ExperimentInfo &a, const ExperimentInfo &b) {
        if (a.revision > b.revision)
            return true;
        return timeKey(a.created) < timeKey(b.created);
    });
    const QList<AnalysisRunInfo> runs = analysisRunInfos(ro.meta.uid, store, now);

    info.strategy = ro.strategyName();
    if (ro.strategy == Rollout::Strategy::Canary) {
        const int stepCount = int(ro.steps.size());
        info.stepCount = stepCount;
        info.currentStepIndex = ro.currentStepIndex;
        if (ro.currentStepIndex && stepCount > 0)
            info.step = QString::number(*ro.currentStepIndex) + QLatin1Char('/') + QString::number(stepCount);
        const int index = ro.currentStepIndex.value_or(0);
        const CanaryStep *current = nullptr;
        if (stepCount > 0 && index >= 0 && index < stepCount)
            current = &ro.steps.at(index);
        if (index < 0)
            info.diagnostics.append(problem(ro, QStringLiteral("status.currentStepIndex: negative (%1)").arg(index)));
        else if (index > stepCount && stepCount > 0)
            info.diagnostics.append(problem(
                ro, QStringLiteral("status.currentStepIndex: %1 is past the %2 steps").arg(index).arg(stepCount)));
        info.currentStep = current ? current->displayText() : QString();
        info.maxWeight = ro.maxTrafficWeight.value_or(100);

        if (ro.abort) {
            info.setWeight = 0;
        } else if (!current) {
            info.setWeight = info.maxWeight;
        } else {
            info.setWeight = 0;
            for (int i = index; i >= 0; --i) {
                if (ro.steps.at(i).setWeight) {
                    info.setWeight = *ro.steps.at(i).setWeight;
                    break;
                }
            }
        }

        info.actualWeight = 0;
        if (!current) {
            info.actualWeight = info.maxWeight;
        } else if (ro.availableReplicas > 0) {
            if (!ro.hasTrafficRouting) {
                for (const ReplicaSetInfo &rs : sets) {
                    if (rs.canary)
                        info.actualWeight = int(qint64(rs.available) * info.maxWeight / ro.availableReplicas);
                }
            } else if (ro.hasCanaryWeights) {
                info.actualWeight = ro.canaryWeight;
            } else {
                info.actualWeight = info.setWeight;
            }
        }

        if (current && current->kind == CanaryStep::Kind::Pause && current->hasPauseDuration) {
            for (const PauseCondition &pc : ro.pauseConditions) {
                if (pc.reason != L("CanaryPauseStep") || !pc.startTime.isValid())
                    continue;
                const auto duration = parseGoDuration(current->pauseDuration);
                if (!duration) {
                    info.diagnostics.append(
                        problem(ro, QStringLiteral("spec.strategy.canary.steps[%1].pause.duration: not a duration: %2")
                                        .arg(index)
                                        .arg(current->pauseDuration)));
                    break;
                }
                const auto lasts = qint64(double(duration->count()) / timeScale);
                const qint64 left = now.msecsTo(pc.startTime.addMSecs(lasts));
                info.pauseRemainingMs = std::max<qint64>(0, left);
                break;
            }
        }
    }

    info.revision = ro.meta.revision();
    info.trafficRouted = ro.hasTrafficRouting;
    info.timeline = buildStepTimeline(ro, store, now, timeScale);
    info.blueGreen = buildBlueGreenView(ro, sets, store, now, timeScale);
    info.stateSince = stateSince(ro);
    info.lastAction = parseLastAction(ro.meta.annotations.value(QString::fromUtf16(kLastActionAnnotation)));

    const RolloutPhase phase = rolloutPhase(ro);
    info.status = phase.status;
    info.message = phase.message;
    info.icon = rolloutIcon(phase.status);
    info.paused = phase.status == L("Paused");
    for (const PauseCondition &pc : ro.pauseConditions)
        info.pauseReasons.append(pc.reason);
    info.aborted = ro.abort;
    info.specPaused = ro.paused;
    info.blueGreenAutoPromotes = ro.blueGreenAutoPromotes();
    info.restartedAt = ro.restartedAt.isEmpty() ? QStringLiteral("Never") : ro.restartedAt;
    info.decision = DecisionState::of(ro);

    info.replicas.desired = ro.desiredReplicas();
    info.replicas.current = ro.statusReplicas;
    info.replicas.updated = ro.updatedReplicas;
    info.replicas.ready = ro.readyReplicas;
    info.replicas.available = ro.availableReplicas;

    // Images: running ReplicaSets with their role tags, then experiment templates.
    for (const ReplicaSetInfo &rs : sets) {
        if (rs.replicas <= 0)
            continue;
        for (const QString &img : rs.images) {
            ImageInfo image{img, {}};
            if (rs.canary)
                image.tags.append(QStringLiteral("canary"));
            if (rs.stable)
                image.tags.append(QStringLiteral("stable"));
            if (rs.active)
                image.tags.append(QStringLiteral("active"));
            if (rs.preview)
                image.tags.append(QStringLiteral("preview"));
            if (rs.ping)
                image.tags.append(QStringLiteral("ping"));
            if (rs.pong)
                image.tags.append(QStringLiteral("pong"));
            mergeImage(info.images, image);
        }
    }
    for (const ExperimentInfo &exp : std::as_const(experiments))
        mergeExperimentImages(info.images, exp);

    // The revision tree.
    QList<int> revs;
    for (const ReplicaSetInfo &rs : sets)
        revs.append(rs.revision);
    for (const ExperimentInfo &exp : std::as_const(experiments))
        revs.append(exp.revision);
    for (const AnalysisRunInfo &run : runs)
        revs.append(run.revision);
    std::sort(revs.begin(), revs.end(), std::greater<int>());
    revs.erase(std::unique(revs.begin(), revs.end()), revs.end());
    for (int rev : std::as_const(revs)) {
        RevisionInfo r;
        r.revision = rev;
        for (const ReplicaSetInfo &rs : sets) {
            if (rs.revision == rev)
                r.replicaSets.append(rs);
        }
        for (const ExperimentInfo &exp : std::as_const(experiments)) {
            if (exp.revision == rev)
                r.experiments.append(exp);
        }
        for (const AnalysisRunInfo &run : runs) {
            if (run.revision == rev)
                r.analysisRuns.append(run);
        }
        info.revisions.append(r);
    }

    // References that lead nowhere.
    auto hasHash = [&sets](const QString &hash) {
        return std::any_of(sets.begin(), sets.end(),
                           [&hash](const ReplicaSetInfo &rs) { return rs.podTemplateHash == hash; });
    };
    if (!ro.currentPodHash.isEmpty() && !hasHash(ro.currentPodHash))
        info.diagnostics.append(
            problem(ro, QStringLiteral("status.currentPodHash \"%1\" names no ReplicaSet owned by the rollout")
                            .arg(ro.currentPodHash)));
    if (!ro.stableRS.isEmpty() && ro.stableRS != ro.currentPodHash && !hasHash(ro.stableRS))
        info.diagnostics.append(problem(
            ro, QStringLiteral("status.stableRS \"%1\" names no ReplicaSet owned by the rollout").arg(ro.stableRS)));
    if (!ro.workloadRefName.isEmpty() && ro.workloadRefKind == L("Deployment") &&
        !store.deployment(ro.meta.namespaceName, ro.workloadRefName)) {
        // Only the containers list comes from it, so this does not make the view wrong: a warning.
        Diagnostic d =
            problem(ro, QStringLiteral("spec.workloadRef names Deployment \"%1\", which is not among the objects")
                            .arg(ro.workloadRefName));
        d.severity = Diagnostic::Severity::Warning;
        info.diagnostics.append(d);
    }
    return info;
}

QString statusCommandLine(const RolloutInfo &info, bool watch)
{
    if (!watch && (info.status == L("Healthy") || info.status == L("Degraded")))
        return info.status;
    return info.status + QStringLiteral(" - ") + info.message;
}

QString statusCommandError(const RolloutInfo &info)
{
    if (info.status != L("Degraded"))
        return {};
    return QStringLiteral("The rollout is in a degraded state with message: ") + info.message;
}

} // namespace rolldeck
