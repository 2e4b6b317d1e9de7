#pragma once

#include "Staleness.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace rolldeck::kube {

// A batch of changes to one cache, keyed by metadata.uid. Coalesced: one uid appears at most once per batch
// (added-then-modified is "added" with the latest object; added-then-deleted is nothing).
struct CacheDelta
{
    QList<QJsonObject> added;
    QList<QJsonObject> modified;
    QList<QJsonObject> deleted; // the last known object, or only its metadata when a re-list found it gone
    QDateTime lastHeard;        // when the informer last heard from the server
    // The compact JSON text of `added` and `modified`, in the same order, serialised on the informer's thread: what
    // the cache keeps (a parsed QJsonObject takes about eight times the memory of its text). Empty when the sender
    // did not provide it; the cache then serialises itself.
    QList<QByteArray> addedJson;
    QList<QByteArray> modifiedJson;

    bool isEmpty() const { return added.isEmpty() && modified.isEmpty() && deleted.isEmpty(); }
    qsizetype size() const { return added.size() + modified.size() + deleted.size(); }
};

// Staleness as data: whether a cache's content is known to be current, and if not since when and why.
struct CacheHealth
{
    enum class State { Connecting, Live, Stale };

    State state = State::Connecting;
    QDateTime since;               // Stale: the moment the content stopped being known current
    QString cause;                 // Stale: "connection refused", "HTTP 500", "watch idle 10 s", "401 Unauthorized"
    bool permissionDenied = false; // the server answered 403: the user may not list/watch this kind here
    QDateTime lastHeard;           // last list, event or bookmark
    bool synced = false;           // the first list has been delivered
    int badLines = 0;              // malformed or truncated watch lines so far
    int reconnects = 0;            // watch streams re-established after a failure
    int relists = 0;               // re-lists after 410 Gone

    bool isLive() const { return state == State::Live; }
    bool isStale() const { return state == State::Stale; }
    // What it means for the data shown from the cache: stale since `since` for `cause`, else live.
    Staleness staleness() const { return isStale() ? Staleness::stale(since, cause) : Staleness{}; }
    // "live", "connecting", "stale since 10:42:13 (connection refused)": untranslated, for logs and the CLI.
    QString describe() const;

    bool operator==(const CacheHealth &o) const
    {
        return state == o.state && since == o.since && cause == o.cause && permissionDenied == o.permissionDenied &&
               synced == o.synced && badLines == o.badLines && reconnects == o.reconnects && relists == o.relists;
    }
};

inline QString uidOf(const QJsonObject &object)
{
    return object.value(QLatin1String("metadata")).toObject().value(QLatin1String("uid")).toString();
}

inline QString nameOf(const QJsonObject &object)
{
    return object.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString();
}

inline QString namespaceOf(const QJsonObject &object)
{
    return object.value(QLatin1String("metadata")).toObject().value(QLatin1String("namespace")).toString();
}

inline QString resourceVersionOf(const QJsonObject &object)
{
    return object.value(QLatin1String("metadata")).toObject().value(QLatin1String("resourceVersion")).toString();
}

} // namespace rolldeck::kube

Q_DECLARE_METATYPE(rolldeck::kube::CacheDelta)
Q_DECLARE_METATYPE(rolldeck::kube::CacheHealth)
