#pragma once

// What Argo CD compares for each resource of an application (GET /api/v1/applications/{name}/managed-resources):
// the live object against what Git wants, as a unified line diff of both rendered as YAML.

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace rolldeck {

struct DiffLine
{
    enum class Kind { Hunk, Context, Removed, Added };
    Kind kind = Kind::Context;
    QString text; // the line without its marker; a hunk: "@@ -a,b +c,d @@"
    bool operator==(const DiffLine &) const = default;
};

struct ResourceDiff
{
    QString group;
    QString kind;
    QString ns;
    QString name;
    bool hook = false;
    bool modified = false; // Argo CD's verdict: live differs from Git
    bool missing = false;  // in Git, not live (no live state)
    bool extra = false;    // live, not in Git (no target state): pruned by a sync with prune
    QList<DiffLine> lines; // live (−) against Git (+); empty when they read the same
    int added = 0;
    int removed = 0;
    QString error; // a state that is not a JSON object, in words; the rest of the list still reads
};

struct ManagedResources
{
    QList<ResourceDiff> items;
    QString error; // the response itself is not what the API answers

    // The states compared are normalizedLiveState / predictedLiveState where given (what Argo CD itself compares),
    // else liveState / targetState; `status` and the fields the API server sets (managedFields, resourceVersion,
    // uid, generation, creationTimestamp, the last-applied annotation) are left out, as Argo CD's diff does.
    static ManagedResources fromJson(const QJsonObject &response);
    // How many resources differ.
    int modifiedCount() const;
};

// The object as block YAML lines, keys sorted; strings quoted only where YAML needs it.
QStringList yamlLines(const QJsonValue &value);
// A unified diff of two line lists with `context` unchanged lines around each change (dtl's shortest edit script).
QList<DiffLine> unifiedDiff(const QStringList &before, const QStringList &after, int context = 3);

} // namespace rolldeck
