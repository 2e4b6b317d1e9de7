// libFuzzer target: the LIST page reader (docs/fuzzing.md). It cuts a body into items by their brackets before
// parsing each, so it is checked against the plain reading of the whole body: both must accept the same bodies
// and give the same page.
#include "app/kube/ListParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

// The page as the whole document says it, items stamped as parseListPage stamps them.
rolldeck::kube::ListPage expectedPage(const QJsonObject &list, const QString &kind, const QString &apiVersion)
{
    rolldeck::kube::ListPage page;
    const QJsonObject metadata = list.value(QLatin1String("metadata")).toObject();
    page.resourceVersion = metadata.value(QLatin1String("resourceVersion")).toString();
    page.continueToken = metadata.value(QLatin1String("continue")).toString();
    const QString listKind = list.value(QLatin1String("kind")).toString();
    const QString itemKind =
        listKind.size() > 4 && listKind.endsWith(QLatin1String("List")) ? listKind.chopped(4) : kind;
    for (const QJsonValue &item : list.value(QLatin1String("items")).toArray()) {
        QJsonObject object = item.toObject();
        if (!object.contains(QLatin1String("kind")))
            object.insert(QStringLiteral("kind"), itemKind);
        if (!object.contains(QLatin1String("apiVersion")))
            object.insert(QStringLiteral("apiVersion"), apiVersion);
        page.items.append(object);
    }
    return page;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace rolldeck::kube;
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString kind = QStringLiteral("Rollout");
    const QString apiVersion = QStringLiteral("argoproj.io/v1alpha1");
    const auto page = parseListPage(body, kind, apiVersion);

    const QJsonDocument whole = QJsonDocument::fromJson(body);
    const bool wholeOk = whole.isObject() || body.trimmed().isEmpty();
    if (page.ok() != wholeOk)
        std::abort(); // the item-by-item reading accepted what the whole reading refuses, or the reverse
    if (!page.ok() || !whole.isObject())
        return 0;
    const ListPage expected = expectedPage(whole.object(), kind, apiVersion);
    const ListPage &got = page.value();
    if (got.items != expected.items || got.resourceVersion != expected.resourceVersion ||
        got.continueToken != expected.continueToken)
        std::abort(); // cutting the body into items changed what was read
    return 0;
}
