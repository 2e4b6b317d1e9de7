#pragma once

#include "Attention.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace rolldeck {

class CommandIo;

class ObjectStore;
struct Rollout;

// One line of `rolldeck status`: what a person needs to see about a rollout at a glance.
struct RolloutStatusRow
{
    QString context;
    QString namespaceName;
    QString name;
    QString status; // Healthy, Progressing, Paused, Degraded, Unknown
    QString message;
    QString strategy;     // Canary, BlueGreen, ""
    QString step;         // "1/4", ""
    QString setWeight;    // "" for non-canary
    QString actualWeight; // "" for non-canary
    int desired = 0;
    int current = 0;
    int updated = 0;
    int ready = 0;
    int available = 0;
    // The attention rule (models/domain/Attention.h) with the cluster's staleness: the same verdict the console's table
    // shows.
    Attention attention;

    bool needsAttention() const { return attention.needed(); }

    bool sameDisplay(const RolloutStatusRow &o) const;
    QJsonObject toJson() const;
};

// `rolldeck status [--kubeconfig FILE] [--context C ... | --all-contexts] [-n NS | -A] [--watch] [--json]
// [--timeout S]`, or with `--workspace FILE [--env NAME ...]` instead of contexts and namespaces (the
// environments' contexts and namespaces, resolved as the console does): lists rollouts live from the clusters
// (LIST+WATCH through the same caches the console uses), those needing attention first (the rule in
// models/domain/Attention.h: degraded, aborted, failed, unknown, paused for a person to decide, or the cluster is
// stale). With
// --watch, prints each change as it arrives until interrupted. Exit status: 0 nothing needs attention, 1 something
// does, 2 usage or connection errors (a cluster that cannot be reached, a broken kubeconfig).
class StatusCommand
{
public:
    enum ExitCode { Ok = 0, NeedsAttention = 1, Error = 2 };

    // arguments: everything after "status". Needs a running-capable QCoreApplication; runs its event loop.
    static int run(const QStringList &arguments, const CommandIo &io);

    // The view of one rollout for the status list (H1's rollout view, one call).
    static RolloutStatusRow summarize(const QString &context, const Rollout &rollout, const ObjectStore &store,
                                      const QDateTime &now);
};

} // namespace rolldeck
