#pragma once

// The LIST response's wire format, apart from the network (kept apart so it can be tested and fuzzed alone).

#include "models/domain/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace rolldeck::kube {

// One page of a LIST: its items, each stamped with `kind` and `apiVersion` when it carries none (a real server
// leaves them out of list items), and where the next page starts.
struct ListPage
{
    QList<QJsonObject> items;
    QString resourceVersion; // metadata.resourceVersion
    QString continueToken;   // metadata.continue; empty on the last page
};

// Parses a LIST body ({"kind":"RolloutList","metadata":{...},"items":[...]}) item by item: the items are found by
// their brackets and each is parsed on its own, so the page is never held twice (as one document and as items).
// `kind` and `apiVersion` stamp the items that say neither; the list's own "kind" ("RolloutList") wins over `kind`.
// An error names what is wrong and where (the byte offset, or the item's index).
Result<ListPage> parseListPage(const QByteArray &body, const QString &kind, const QString &apiVersion);

// How parseListPage cuts a body of the usual shape ({..., "items": [{...}, ...], ...}): the items' bounds in `body`,
// and the list's other members as a document of their own. nullopt for any other shape (read whole instead).
struct ListScan
{
    QList<QByteArrayView> items;
    QByteArray head;
};
std::optional<ListScan> scanListBody(const QByteArray &body);

} // namespace rolldeck::kube
