#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace rolldeck {

// What the console watches, so the window can say so: how many clusters, which namespaces, where a cluster-wide
// list was forbidden (only the context's namespace is watched there), and the other identities each cluster can be
// reached with. Filled by the connections in app/, shown by the window.
struct WatchScope
{
    int clusters = 0;
    bool allNamespaces = true;    // every cluster is watched in every namespace
    QStringList namespaces;       // where not: the namespaces watched (sorted, unique)
    QStringList narrowedContexts; // contexts that may not list cluster-wide: watched in their own namespace only
    bool canWatchAll = false;     // some cluster watches only some namespaces by choice: "watch all" can widen it
    QHash<QString, QStringList> alternativeIdentities; // connected context -> other contexts of the same server

    friend bool operator==(const WatchScope &, const WatchScope &) = default;
};

} // namespace rolldeck
