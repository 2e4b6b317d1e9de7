#pragma once

#include <QString>

namespace rolldeck::kube {

// A Kubernetes resource type as the REST paths name it. The kinds Rolldeck watches are the static members.
struct ResourceKind
{
    QString group;   // "" for the core API
    QString version; // "v1", "v1alpha1"
    QString plural;  // "rollouts"
    QString kind;    // "Rollout"
    bool namespaced = true;

    // "/apis/argoproj.io/v1alpha1/namespaces/prod/rollouts" (namespace empty: across all namespaces).
    // Paths with the namespace and name percent-encoded, one segment each.
    QString collectionPath(const QString &ns = {}) const;
    // The path of one object, with an optional subresource ("status", "scale").
    QString objectPath(const QString &ns, const QString &name, const QString &subresource = {}) const;
    // "rollouts.argoproj.io", "pods": the name kubectl and logs use.
    QString displayName() const;

    bool operator==(const ResourceKind &o) const
    {
        return group == o.group && version == o.version && plural == o.plural;
    }

    static ResourceKind rollouts();
    static ResourceKind replicaSets();
    static ResourceKind pods();
    static ResourceKind analysisRuns();
    static ResourceKind experiments();
    static ResourceKind services();
    static ResourceKind virtualServices(); // networking.istio.io/v1beta1
};

} // namespace rolldeck::kube
