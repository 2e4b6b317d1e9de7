#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace rolldeck {

struct VirtualService;

// One weighted destination of an HTTP route.
struct SplitDestination
{
    QString host;
    QString subset; // empty: a host-level split
    int weight = 0;

    friend bool operator==(const SplitDestination &, const SplitDestination &) = default;
};

// What a person decides on when editing the split of a route no Rollout manages (an A/B test's Istio VirtualService;
// docs/actions.md, setSplit): the weights of one HTTP route's destinations, and the resourceVersion they were read
// at. Unlike a rollout's decision state the resourceVersion counts: no controller writes such a route, so any change
// is somebody's edit.
struct SplitState
{
    QString resourceVersion;
    int httpRoute = 0; // index into spec.http
    QString routeName; // spec.http[].name, for the record
    QList<SplitDestination> destinations;

    // The route `httpRoute` of `vs` (no destinations when it has no such route); a missing weight reads as 100 for a
    // single destination and 0 otherwise, as Istio reads it.
    static SplitState of(const VirtualService &vs, int httpRoute);
    static SplitState fromJson(const QJsonObject &json); // toJson()'s shape
    QJsonObject toJson() const;

    int total() const;
    // The destination matching host and subset, or -1.
    int indexOf(const QString &host, const QString &subset) const;
    // What differs from `now`: "checkout-control 50 → 70" per weight, a destination gone or added, and the
    // resourceVersion when nothing else shows the edit ("edited: resourceVersion 812 → 815").
    QStringList changesTo(const SplitState &now) const;
    // "checkout-control 50 %, checkout-treatment 50 % (route ab-split, resourceVersion 812)"
    QString summary() const;
    // "checkout-control 50 %, checkout-treatment 50 %"
    QString weightsText() const;
};

} // namespace rolldeck
