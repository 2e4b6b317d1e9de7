#pragma once

// The exact requests `kubectl argo rollouts` sends for each action (reference: argo-rollouts §1), as data: planned
// from the object read just before sending, executed by a route.

#include "models/domain/Result.h"
#include "actions/ActionTypes.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace rolldeck::actions {

// One PATCH of the plan.
struct PlannedPatch
{
    QString path;
    QByteArray contentType; // application/merge-patch+json or application/json-patch+json
    QJsonObject mergePatch;
    QJsonArray jsonPatch;

    bool isJsonPatch() const { return contentType == "application/json-patch+json"; }
    QByteArray body() const;
    // The same patch with `resourceVersion` as its precondition (merge: metadata.resourceVersion; JSON patch: a
    // replace of /metadata/resourceVersion first). The server answers 409 when the object moved since.
    QByteArray bodyWithPrecondition(const QString &resourceVersion) const;
};

// A resource action run by Argo CD (reference A.10): `POST /api/v1/applications/{application}/resource/actions/v2`.
struct ResourceActionCall
{
    QString application;
    QString project;
    QString ns; // the Rollout's
    QString name;
    QString action; // resume, restart, abort, retry, promote-full, pause, skip-current-step
    QString path() const;
    QJsonObject body() const; // the v2 body
};

// Promote, abort, retry: an optional status patch (to /status, re-sent to the main resource as `unified` on 404)
// and an optional spec patch. Pause, restart, undo: one patch.
struct ActionPlan
{
    std::optional<PlannedPatch> statusPatch;
    std::optional<PlannedPatch> specPatch;
    std::optional<PlannedPatch> unifiedPatch;         // replaces specPatch when /status answers 404
    std::optional<ResourceActionCall> resourceAction; // the Argo CD route: one action instead of the patches
    QString noop;                                     // non-empty: nothing to send, and why (upstream's words)
    QJsonObject detail;                               // for the record: e.g. the undo's target revision

    QList<PlannedPatch> patches() const; // in sending order (without the fallback)
};

QString rolloutPath(const QString &ns, const QString &name);

// `rollout` is the object as just read; `full` is promote --full.
Result<ActionPlan> planPromote(const QJsonObject &rollout, bool full);
ActionPlan planAbort(const QJsonObject &rollout);
ActionPlan planRetry(const QJsonObject &rollout);
ActionPlan planPause(const QJsonObject &rollout);
ActionPlan planRestart(const QJsonObject &rollout, const QDateTime &now);
// Skip the current canary step, as Argo CD's skip-current-step does: clear the pause conditions and advance
// currentStepIndex by one (status subresource, the main resource on 404). A blue-green rollout has no steps (an
// error); a canary at its last step has nothing to skip (noop).
Result<ActionPlan> planSkip(const QJsonObject &rollout);

// Undo to `toRevision` (0: the second-highest revision) among `replicaSets` (all ReplicaSets matching the
// rollout's selector; those not controlled by it are ignored). `workloadTemplate`: for a workloadRef rollout, the
// referenced object's current spec.template (what "already matches" compares with).
Result<ActionPlan> planUndo(const QJsonObject &rollout, const QList<QJsonObject> &replicaSets, int toRevision,
                            const QJsonObject &workloadTemplate = {});
// The API path of a workloadRef target (apps/v1 Deployment or ReplicaSet, v1 PodTemplate), or an error.
Result<QString> workloadRefPath(const QJsonObject &rollout);
// spec.selector as a labelSelector query value.
QString selectorQuery(const QJsonObject &rollout);

} // namespace rolldeck::actions
