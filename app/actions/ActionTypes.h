#pragma once

// The values the action service takes and gives (docs/actions.md): what to do on which object with which decision
// state seen, and what came of it.

#include "models/argo/DecisionState.h"
#include "models/argo/SplitState.h"

#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace rolldeck::actions {

// Skip: jump over the current canary step (Argo CD's skip-current-step; no kubectl argo rollouts verb).
// SetSplit: the weights of an HTTP route of an Istio VirtualService no Rollout manages (an A/B test's split).
enum class Verb { Promote, Abort, Retry, Undo, Restart, Pause, Skip, SetSplit };
QString verbName(Verb verb); // "promote", ..., "skip", "setSplit"
std::optional<Verb> verbFromName(const QString &name);

struct ActionTarget
{
    QString context;
    QString ns;
    QString name;
    QString kind = QStringLiteral("Rollout");

    QString key() const { return context + QLatin1Char('/') + ns + QLatin1Char('/') + kind + QLatin1Char('/') + name; }
};

struct ActionOptions
{
    bool full = false;  // promote --full
    int toRevision = 0; // undo --to-revision (0: the previous revision)
    // setSplit: the new weights of the named destinations of spec.http[httpRoute] (the others keep theirs).
    int httpRoute = 0;
    QList<SplitDestination> split;
    QJsonObject toJson() const;
};

// An intent from the console or the command line.
struct ActionRequest
{
    Verb verb = Verb::Promote;
    ActionTarget target;
    ActionOptions options;
    QString reason;
    QString typedName;                   // what the person typed to confirm (policy typeToConfirm)
    DecisionState seen;                  // what the person decided on (a Rollout)
    std::optional<SplitState> seenSplit; // setSplit: the route's weights and resourceVersion the person saw
    QString actorOverride;               // e.g. "guard"; empty: the OS user
};

struct ActionResult
{
    enum class Outcome { Applied, Refused, Failed, Unknown };
    enum class Refusal { None, Policy, Permission, ChangedState, InFlight, Invalid, NotRecorded };

    Outcome outcome = Outcome::Failed;
    Refusal refusal = Refusal::None;
    QString message;                                   // what happened, technical text (untranslated)
    QStringList changes;                               // ChangedState: "step 3 → 4", "weight 25 → 50"
    DecisionState before;                              // as read just before sending
    std::optional<DecisionState> after;                // from the server's last answer
    std::optional<SplitState> splitBefore, splitAfter; // setSplit: the route as read before sending, and as answered
    bool noop = false; // nothing needed sending (already fully promoted, template already matches)
    int httpStatus = 0;
    QString serverReason;
    QString serverMessage;
    QStringList sent;             // "PATCH /apis/…/status" per request that left
    QByteArray auditHash;         // the result (or refusal) record's hash
    QStringList evidenceProblems; // Event / annotation that could not be posted

    bool applied() const { return outcome == Outcome::Applied; }
    QString outcomeName() const; // applied, refused, failed, unknown
    QString refusalName() const; // policy, permission, changed-state, ...
};

} // namespace rolldeck::actions

Q_DECLARE_METATYPE(rolldeck::actions::ActionResult)
