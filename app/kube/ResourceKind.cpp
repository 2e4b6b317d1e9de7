#include "kube/ResourceKind.h"

#include <QUrl>

namespace rolldeck::kube {

namespace {
// A namespace or name as one path segment: whatever it holds ('/', '?', "..") cannot change the request.
QString segment(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}
} // namespace

QString ResourceKind::collectionPath(const QString &ns) const
{
    QString path = group.isEmpty() ? QString(QStringLiteral("/api/") + version)
                                   : QString(QStringLiteral("/apis/") + group + QLatin1Char('/') + version);
    if (namespaced && !ns.isEmpty())
        path += QStringLiteral("/namespaces/") + segment(ns);
    return path + QLatin1Char('/') + plural;
}

QString ResourceKind::objectPath(const QString &ns, const QString &name, const QString &subresource) const
{
    QString path = collectionPath(ns) + QLatin1Char('/') + segment(name);
    if (!subresource.isEmpty())
        path += QLatin1Char('/') + subresource;
    return path;
}

QString ResourceKind::displayName() const
{
    return group.isEmpty() ? plural : QString(plural + QLatin1Char('.') + group);
}

ResourceKind ResourceKind::rollouts()
{
    return {QStringLiteral("argoproj.io"), QStringLiteral("v1alpha1"), QStringLiteral("rollouts"),
            QStringLiteral("Rollout"), true};
}

ResourceKind ResourceKind::replicaSets()
{
    return {QStringLiteral("apps"), QStringLiteral("v1"), QStringLiteral("replicasets"), QStringLiteral("ReplicaSet"),
            true};
}

ResourceKind ResourceKind::pods()
{
    return {QString(), QStringLiteral("v1"), QStringLiteral("pods"), QStringLiteral("Pod"), true};
}

ResourceKind ResourceKind::analysisRuns()
{
    return {QStringLiteral("argoproj.io"), QStringLiteral("v1alpha1"), QStringLiteral("analysisruns"),
            QStringLiteral("AnalysisRun"), true};
}

ResourceKind ResourceKind::experiments()
{
    return {QStringLiteral("argoproj.io"), QStringLiteral("v1alpha1"), QStringLiteral("experiments"),
            QStringLiteral("Experiment"), true};
}

ResourceKind ResourceKind::services()
{
    return {QString(), QStringLiteral("v1"), QStringLiteral("services"), QStringLiteral("Service"), true};
}

ResourceKind ResourceKind::virtualServices()
{
    return {QStringLiteral("networking.istio.io"), QStringLiteral("v1beta1"), QStringLiteral("virtualservices"),
            QStringLiteral("VirtualService"), true};
}

} // namespace rolldeck::kube
