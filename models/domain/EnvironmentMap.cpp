#include "EnvironmentMap.h"

namespace rolldeck {

void EnvironmentMap::addEnvironment(const QString &name)
{
    if (!m_names.contains(name))
        m_names.append(name);
}

void EnvironmentMap::addScope(const QString &environment, const QString &cluster, const QStringList &namespaces)
{
    addEnvironment(environment);
    m_scopes.append({int(m_names.indexOf(environment)), cluster, namespaces});
}

EnvironmentMap::Match EnvironmentMap::environmentFor(const QString &cluster, const QString &ns) const
{
    const Scope *named = nullptr;
    const Scope *all = nullptr;
    for (const Scope &scope : m_scopes) {
        if (scope.cluster != cluster)
            continue;
        if (scope.namespaces.isEmpty()) {
            if (!all || scope.rank < all->rank)
                all = &scope;
        } else if (scope.namespaces.contains(ns)) {
            if (!named || scope.rank < named->rank)
                named = &scope;
        }
    }
    const Scope *found = named ? named : all;
    if (!found)
        return {};
    return {m_names.at(found->rank), found->rank};
}

QStringList EnvironmentMap::environments() const
{
    return m_names;
}

} // namespace rolldeck
