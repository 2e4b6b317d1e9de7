#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace rolldeck {

// Which environment a rollout belongs to, by where it lives: its cluster (kubeconfig context) and namespace.
// Environments keep the order they were added in (the workspace's order): that order is their rank, used to
// sort the list and to order the environment choices. QtCore only; app/ fills it from the workspace.
//
//     EnvironmentMap map;
//     map.addScope("production", "prod-eu", {"shop"});   // a context's namespaces
//     map.addScope("staging", "prod-eu", {});             // every other namespace of the context
//     map.environmentFor("prod-eu", "shop");              // {"production", 0}
class EnvironmentMap
{
public:
    struct Match
    {
        QString name; // empty: no environment claims that place
        int rank = -1;

        bool isValid() const { return rank >= 0; }
        friend bool operator==(const Match &, const Match &) = default;
    };

    // Declares an environment (if new) so it gets the next rank, even before it has a scope.
    void addEnvironment(const QString &name);
    // The environment covers `namespaces` of `cluster`; an empty list covers every namespace of it.
    void addScope(const QString &environment, const QString &cluster, const QStringList &namespaces);

    // The environment of a namespace of a cluster: one that names the namespace wins over one that covers
    // every namespace of the cluster; between equals the earlier environment wins.
    Match environmentFor(const QString &cluster, const QString &ns) const;

    QStringList environments() const; // in rank order
    int rank(const QString &environment) const { return m_names.indexOf(environment); }
    bool isEmpty() const { return m_names.isEmpty(); }

private:
    struct Scope
    {
        int rank = 0;
        QString cluster;
        QStringList namespaces; // empty: all
    };
    QStringList m_names;
    QList<Scope> m_scopes;
};

} // namespace rolldeck
