// The LIST body read item by item (app/kube/ListParser): the same items, kinds and continue token as reading the
// body as one document, and a clear error for a body that is not JSON.
#include "app/kube/ListParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace rolldeck;
using namespace rolldeck::kube;

namespace {

// What the body means, read the plain way: one document, items stamped with the list's kind (or the fallback).
ListPage reference(const QByteArray &body, const QString &kind, const QString &apiVersion)
{
    const QJsonObject list = QJsonDocument::fromJson(body).object();
    QString itemKind = list.value(QLatin1String("kind")).toString();
    itemKind = itemKind.endsWith(QLatin1String("List")) && itemKind.size() > 4 ? itemKind.chopped(4) : kind;
    ListPage page;
    page.resourceVersion =
        list.value(QLatin1String("metadata")).toObject().value(QLatin1String("resourceVersion")).toString();
    page.continueToken = list.value(QLatin1String("metadata")).toObject().value(QLatin1String("continue")).toString();
    const QJsonArray items = list.value(QLatin1String("items")).toArray();
    for (const QJsonValue &v : items) {
        QJsonObject o = v.toObject();
        if (!o.contains(QLatin1String("kind")))
            o.insert(QStringLiteral("kind"), itemKind);
        if (!o.contains(QLatin1String("apiVersion")))
            o.insert(QStringLiteral("apiVersion"), apiVersion);
        page.items.append(o);
    }
    return page;
}

} // namespace

class TestListParser : public QObject
{
    Q_OBJECT
private slots:
    void sameAsOneDocument_data();
    void sameAsOneDocument();
    void malformed_data();
    void malformed();
    void emptyBodyIsAnEmptyPage();
};

void TestListParser::sameAsOneDocument_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("count");
    QTest::addColumn<bool>("itemByItem"); // the usual shape, cut into items (else read as one document)
    QTest::newRow("rollout list")
        << QByteArray(
               R"({"kind":"RolloutList","apiVersion":"argoproj.io/v1alpha1","metadata":{"resourceVersion":"42",)"
               R"("continue":"tok-1"},"items":[{"metadata":{"name":"a","namespace":"p"}},{"metadata":{"name":"b"}}]})")
        << 2 << true;
    QTest::newRow("items first, whitespace everywhere")
        << QByteArray(" {\n \"items\" : [ {\"metadata\" : {\"name\":\"a\"}} ,\r\n\t{ } ] ,\n \"metadata\":"
                      "{\"resourceVersion\":\"7\"} , \"kind\" : \"ReplicaSetList\" }\n ")
        << 2 << true;
    QTest::newRow("brackets, quotes and escapes inside strings")
        << QByteArray(R"({"kind":"RolloutList","items":[{"metadata":{"name":"x]}"},"s":"a\"}]{[\\","u":"\u00e9\n"},)"
                      R"({"arr":[[1,2],{"k":[true,false,null]}],"n":-1.5e3}]})")
        << 2 << true;
    QTest::newRow("items that say their kind")
        << QByteArray(R"({"kind":"List","items":[{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"}}]})") << 1
        << true;
    QTest::newRow("no list kind") << QByteArray(R"({"items":[{"metadata":{"name":"a"}}]})") << 1 << true;
    QTest::newRow("empty items") << QByteArray(R"({"kind":"RolloutList","metadata":{},"items":[]})") << 0 << true;
    QTest::newRow("null items") << QByteArray(R"({"kind":"RolloutList","items":null})") << 0 << false;
    QTest::newRow("no items") << QByteArray(R"({"kind":"RolloutList","metadata":{"resourceVersion":"1"}})") << 0
                              << true;
    QTest::newRow("an item that is not an object") << QByteArray(R"({"items":[{"a":1},"text",3]})") << 3 << false;
    QTest::newRow("escaped member name") << QByteArray(R"({"\u0069tems":[{"a":1}],"kind":"RolloutList"})") << 1
                                         << false;
    QTest::newRow("items twice: read whole, the last wins")
        << QByteArray(R"({"items":[{"a":1}],"items":[{"b":2},{"c":3}]})") << 2 << false;
    QTest::newRow("non-ASCII text") << QByteArray("{\"items\":[{\"metadata\":{\"name\":\"caf\xc3\xa9\"},"
                                                  "\"m\":\"\xe2\x9c\x94 \xf0\x9f\x9a\x80\"}]}")
                                    << 1 << true;
}

void TestListParser::sameAsOneDocument()
{
    QFETCH(QByteArray, body);
    QFETCH(int, count);
    QFETCH(bool, itemByItem);
    QCOMPARE(scanListBody(body).has_value(), itemByItem);
    if (itemByItem)
        QCOMPARE(scanListBody(body)->items.size(), count);
    const QString apiVersion = QStringLiteral("argoproj.io/v1alpha1");
    const Result<ListPage> page = parseListPage(body, QStringLiteral("Rollout"), apiVersion);
    QVERIFY2(page.ok(), qPrintable(page.error()));
    const ListPage expected = reference(body, QStringLiteral("Rollout"), apiVersion);
    QCOMPARE(page->items.size(), count);
    QCOMPARE(page->items, expected.items);
    QCOMPARE(page->resourceVersion, expected.resourceVersion);
    QCOMPARE(page->continueToken, expected.continueToken);
    for (const QJsonObject &item : page->items) {
        QVERIFY(!item.value(QLatin1String("kind")).toString().isEmpty());
        QVERIFY(!item.value(QLatin1String("apiVersion")).toString().isEmpty());
    }
}

void TestListParser::malformed_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("scanRefuses"); // else the scan passes it on and the parse of the pieces refuses
    QTest::newRow("html") << QByteArray("<html>Bad gateway</html>") << true;
    QTest::newRow("truncated in an item") << QByteArray(R"({"kind":"RolloutList","items":[{"metadata":{"na)") << true;
    QTest::newRow("truncated after an item") << QByteArray(R"({"items":[{"a":1})") << true;
    QTest::newRow("unbalanced item") << QByteArray(R"({"items":[{"a":[1}]})") << true;
    QTest::newRow("missing comma between items") << QByteArray(R"({"items":[{"a":1} {"b":2}]})") << true;
    QTest::newRow("bad literal in an item") << QByteArray(R"({"items":[{"a":tru}]})") << false;
    QTest::newRow("trailing garbage") << QByteArray(R"({"items":[{"a":1}]} x)") << true;
    QTest::newRow("backslash at the end") << QByteArray(R"({"items":[{"a":"\)") << true;
    QTest::newRow("an array") << QByteArray(R"([{"a":1}])") << true;
    // fuzz_list: the first of two "items" was dropped unread, so its invalid UTF-8 went unnoticed.
    QTest::newRow("invalid UTF-8 in an overridden items")
        << QByteArray("{\"items\":[{\"a\xe1\":1}],\"items\":[{\"b\":2}]}") << true;
    // fuzz_list: the copied member value was trimmed, which also drops a form feed, so "\f9" read as 9.
    QTest::newRow("form feed before a member's value")
        << QByteArray("{\"kind\":\"v1\",\r\r\"metadata\":\r\r\r\r\f9}") << false;
}

void TestListParser::malformed()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, scanRefuses);
    const Result<ListPage> page = parseListPage(body, QStringLiteral("Rollout"), QStringLiteral("v1"));
    QVERIFY(!page.ok());
    QVERIFY2(!page.error().isEmpty(), "a failure says what is wrong");
    QCOMPARE(!scanListBody(body).has_value(), scanRefuses);
}

void TestListParser::emptyBodyIsAnEmptyPage()
{
    for (const QByteArray &body : {QByteArray(), QByteArray(" \n")}) {
        const Result<ListPage> page = parseListPage(body, QStringLiteral("Rollout"), QStringLiteral("v1"));
        QVERIFY(page.ok());
        QVERIFY(page->items.isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestListParser)
#include "tst_listparser.moc"
