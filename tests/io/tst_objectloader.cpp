// The loader of saved Kubernetes dumps: formats, scalar typing, line numbers and every kind of bad input.
#include "io/ObjectLoader.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace rolldeck;

namespace {

QString problemsText(const LoadResult &r)
{
    QStringList out;
    for (const Diagnostic &d : r.problems)
        out.append(d.toString());
    return out.join(QLatin1Char('\n'));
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    return f.write(data) == data.size();
}

const QString kFixtures = QStringLiteral(ROLLDECK_FIXTURES_DIR "/argo-rollouts/");

} // namespace

class TestObjectLoader : public QObject
{
    Q_OBJECT
private slots:
    void shapes_data();
    void shapes();
    void scalars_data();
    void scalars();
    void badInput_data();
    void badInput();
    void truncatedFixture();
    void directoryOrder();
    void missingPath();
    void jsonFixture();
    void anchorsAndMerge();
    void deepNesting();
};

void TestObjectLoader::shapes_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QList<int>>("lines");

    QTest::newRow("single yaml") << QByteArray("# a comment\napiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n")
                                 << QStringList{QStringLiteral("a")} << QList<int>{2};
    QTest::newRow("multi-document") << QByteArray("kind: Pod\nmetadata: {name: a}\n---\nkind: Pod\nmetadata:\n  name: "
                                                  "b\n---\n---\nkind: Pod\nmetadata: {name: c}\n...\n")
                                    << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}
                                    << QList<int>{1, 4, 9};
    QTest::newRow("leading document marker")
        << QByteArray("---\nkind: Pod\nmetadata: {name: a}\n") << QStringList{QStringLiteral("a")} << QList<int>{2};
    QTest::newRow("kind List") << QByteArray("apiVersion: v1\nkind: List\nitems:\n- kind: Pod\n  metadata: {name: a}\n"
                                             "- kind: ReplicaSet\n  metadata:\n    name: b\n")
                               << QStringList{QStringLiteral("a"), QStringLiteral("b")} << QList<int>{4, 6};
    QTest::newRow("typed list (PodList)") << QByteArray("kind: PodList\nitems:\n- kind: Pod\n  metadata: {name: a}\n")
                                          << QStringList{QStringLiteral("a")} << QList<int>{3};
    QTest::newRow("empty List") << QByteArray("kind: List\nitems: []\n") << QStringList{} << QList<int>{};
    QTest::newRow("json object") << QByteArray("{\n  \"kind\": \"Pod\",\n  \"metadata\": {\"name\": \"a\"}\n}\n")
                                 << QStringList{QStringLiteral("a")} << QList<int>{1};
    QTest::newRow("json List") << QByteArray("{\"kind\": \"List\", \"items\": [\n {\"kind\": \"Pod\", \"metadata\": "
                                             "{\"name\": \"a\"}},\n {\"kind\": \"Pod\", \"metadata\": {\"name\": "
                                             "\"b\"}}]}\n")
                               << QStringList{QStringLiteral("a"), QStringLiteral("b")} << QList<int>{2, 3};
    QTest::newRow("json with tabs") << QByteArray("{\n\t\"kind\": \"Pod\",\n\t\"metadata\": {\"name\": \"a\"}\n}\n")
                                    << QStringList{QStringLiteral("a")} << QList<int>{1};
    QTest::newRow("directive") << QByteArray("%YAML 1.2\n---\nkind: Pod\nmetadata: {name: a}\n---\nkind: Pod\n"
                                             "metadata: {name: b}\n")
                               << QStringList{QStringLiteral("a"), QStringLiteral("b")} << QList<int>{3, 6};
    QTest::newRow("crlf and bom") << QByteArray("\xEF\xBB\xBFkind: Pod\r\nmetadata:\r\n  name: a\r\n")
                                  << QStringList{QStringLiteral("a")} << QList<int>{1};
}

void TestObjectLoader::shapes()
{
    QFETCH(QByteArray, data);
    QFETCH(QStringList, names);
    QFETCH(QList<int>, lines);
    const LoadResult r = ObjectLoader::parse(data, QStringLiteral("dump.yaml"));
    if (names.isEmpty()) {
        // Only an empty List: no objects, and that is not a problem of the file's form.
        QVERIFY(r.objects.isEmpty());
        return;
    }
    QVERIFY2(r.problems.isEmpty(), qPrintable(problemsText(r)));
    QCOMPARE(r.objects.size(), names.size());
    for (qsizetype i = 0; i < names.size(); ++i) {
        QCOMPARE(
            r.objects.at(i).json.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString(),
            names.at(i));
        QCOMPARE(r.objects.at(i).source.file, QStringLiteral("dump.yaml"));
        QCOMPARE(r.objects.at(i).source.line, lines.at(i));
    }
}

void TestObjectLoader::scalars_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QJsonValue>("expected");
    QTest::newRow("int") << QByteArray("1") << QJsonValue(1);
    QTest::newRow("quoted int stays a string") << QByteArray("\"1\"") << QJsonValue(QStringLiteral("1"));
    QTest::newRow("single-quoted") << QByteArray("'20'") << QJsonValue(QStringLiteral("20"));
    QTest::newRow("negative") << QByteArray("-5") << QJsonValue(-5);
    QTest::newRow("hex") << QByteArray("0x1F") << QJsonValue(31);
    QTest::newRow("octal (YAML 1.1)") << QByteArray("012") << QJsonValue(10);
    QTest::newRow("underscores") << QByteArray("1_000") << QJsonValue(1000);
    QTest::newRow("big int keeps precision")
        << QByteArray("9007199254740993") << QJsonValue(qint64(9007199254740993LL));
    QTest::newRow("float") << QByteArray("1.5") << QJsonValue(1.5);
    QTest::newRow("exponent") << QByteArray("1e3") << QJsonValue(1000.0);
    QTest::newRow("true") << QByteArray("true") << QJsonValue(true);
    QTest::newRow("yes is true (YAML 1.1)") << QByteArray("yes") << QJsonValue(true);
    QTest::newRow("on is true") << QByteArray("On") << QJsonValue(true);
    QTest::newRow("off is false") << QByteArray("off") << QJsonValue(false);
    QTest::newRow("quoted true stays a string") << QByteArray("\"true\"") << QJsonValue(QStringLiteral("true"));
    QTest::newRow("null") << QByteArray("null") << QJsonValue(QJsonValue::Null);
    QTest::newRow("tilde") << QByteArray("~") << QJsonValue(QJsonValue::Null);
    QTest::newRow("empty") << QByteArray("") << QJsonValue(QJsonValue::Null);
    QTest::newRow("timestamp stays a string")
        << QByteArray("2019-10-28T20:05:48Z") << QJsonValue(QStringLiteral("2019-10-28T20:05:48Z"));
    QTest::newRow("date stays a string") << QByteArray("2019-10-28") << QJsonValue(QStringLiteral("2019-10-28"));
    QTest::newRow("version-like string") << QByteArray("1.2.3") << QJsonValue(QStringLiteral("1.2.3"));
    QTest::newRow("duration string") << QByteArray("10s") << QJsonValue(QStringLiteral("10s"));
    QTest::newRow("explicit str tag") << QByteArray("!!str 42") << QJsonValue(QStringLiteral("42"));
    QTest::newRow("explicit int tag") << QByteArray("!!int \"42\"") << QJsonValue(42);
    QTest::newRow("block scalar") << QByteArray("|\n  line one\n  line two\n")
                                  << QJsonValue(QStringLiteral("line one\nline two\n"));
    QTest::newRow("unicode") << QByteArray("\"Σ:canary ✔\"") << QJsonValue(QString::fromUtf8("Σ:canary ✔"));
}

void TestObjectLoader::scalars()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QJsonValue, expected);
    QByteArray doc = "kind: Pod\nmetadata: {name: a}\nvalue: " + yaml;
    if (!doc.endsWith('\n'))
        doc += '\n';
    const LoadResult r = ObjectLoader::parse(doc, QStringLiteral("s.yaml"));
    QVERIFY2(r.problems.isEmpty(), qPrintable(problemsText(r)));
    QCOMPARE(r.objects.size(), 1);
    const QJsonValue v = r.objects.at(0).json.value(QLatin1String("value"));
    QCOMPARE(v.type(), expected.type());
    QCOMPARE(v, expected);
}

void TestObjectLoader::badInput_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<int>("validObjects");
    QTest::addColumn<int>("line");        // line of the first problem (0 = whole file)
    QTest::addColumn<QString>("message"); // part of the first problem's message

    const QByteArray good = "kind: Pod\nmetadata: {name: ok}\n";
    QTest::newRow("syntax error in one document") << QByteArray(good +
                                                                "---\nkind: Pod\nmetadata:\n  name: [x\n"
                                                                "---\n" +
                                                                good)
                                                  << 2 << 6 << QStringLiteral("YAML syntax error");
    QTest::newRow("bad indentation") << QByteArray("kind: Pod\nmetadata:\n  name: a\n labels: x\n") << 0 << 4
                                     << QStringLiteral("YAML syntax error");
    QTest::newRow("scalar document") << QByteArray(good + "---\njust text\n") << 1 << 4
                                     << QStringLiteral("not a mapping");
    QTest::newRow("list document") << QByteArray("- a\n- b\n") << 0 << 1 << QStringLiteral("not a mapping");
    QTest::newRow("missing kind") << QByteArray("metadata: {name: a}\n") << 0 << 1 << QStringLiteral("no kind");
    QTest::newRow("kind not a string") << QByteArray("kind: 3\nmetadata: {name: a}\n") << 0 << 1
                                       << QStringLiteral("no kind");
    QTest::newRow("missing name") << QByteArray(good + "---\nkind: Pod\nmetadata: {}\n") << 1 << 4
                                  << QStringLiteral("no metadata.name");
    QTest::newRow("List item not a mapping")
        << QByteArray("kind: List\nitems:\n- 3\n- kind: Pod\n  metadata: {name: a}\n") << 1 << 3
        << QStringLiteral("not a mapping");
    QTest::newRow("List items not a list")
        << QByteArray("kind: List\nitems: 3\n") << 0 << 2 << QStringLiteral("not a list");
    QTest::newRow("empty file") << QByteArray() << 0 << 0 << QStringLiteral("no Kubernetes objects");
    QTest::newRow("only comments") << QByteArray("# nothing\n---\n# here\n") << 0 << 0
                                   << QStringLiteral("no Kubernetes objects");
    QTest::newRow("binary (NUL bytes)") << QByteArray("\x7f"
                                                      "ELF\x02\x01\x01\0\0\0\0",
                                                      11)
                                        << 0 << 0 << QStringLiteral("binary");
    QTest::newRow("not UTF-8") << QByteArray("kind: Pod\nmetadata: {name: \xff\xfe}\n") << 0 << 0
                               << QStringLiteral("UTF-8");
    QTest::newRow("broken json") << QByteArray("{\n\t\"kind\": \"Pod\",\n\t\"metadata\": {\"name\": \"a\"\n}\n") << 0
                                 << 4 << QStringLiteral("JSON syntax error");
    QTest::newRow("tag mismatch") << QByteArray("kind: Pod\nmetadata: {name: a}\nx: !!int abc\n") << 0 << 3
                                  << QStringLiteral("does not match its tag");
    QTest::newRow("complex key") << QByteArray("kind: Pod\nmetadata: {name: a}\n? [a, b]\n: c\n") << 0 << 3
                                 << QStringLiteral("mapping key");
}

void TestObjectLoader::badInput()
{
    QFETCH(QByteArray, data);
    QFETCH(int, validObjects);
    QFETCH(int, line);
    QFETCH(QString, message);
    const LoadResult r = ObjectLoader::parse(data, QStringLiteral("bad.yaml"));
    QCOMPARE(r.objects.size(), validObjects);
    QVERIFY(!r.problems.isEmpty());
    const Diagnostic &d = r.problems.constFirst();
    QCOMPARE(d.severity, Diagnostic::Severity::Error);
    QCOMPARE(d.source.file, QStringLiteral("bad.yaml"));
    QCOMPARE(d.source.line, line);
    QVERIFY2(d.message.contains(message), qPrintable(d.message));
    QVERIFY(
        d.toString().startsWith(line > 0 ? QStringLiteral("bad.yaml:%1: ").arg(line) : QStringLiteral("bad.yaml: ")));
}

// A real dump cut in the middle of a line: the problem is named, nothing is invented.
void TestObjectLoader::truncatedFixture()
{
    QFile f(kFixtures + QStringLiteral("pkg/kubectl-argo-rollouts/info/testdata/canary/canary-rollout.yaml"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray full = f.readAll();
    for (qsizetype cut : {full.size() / 3, full.size() / 2, full.size() - 7}) {
        QByteArray data = full.left(cut);
        data += "\n  bad: [unclosed\n";
        const LoadResult r = ObjectLoader::parse(data, QStringLiteral("cut.yaml"));
        QVERIFY(r.objects.isEmpty());
        QCOMPARE(r.problems.size(), 1);
        QVERIFY(r.problems.at(0).source.line > 0);
        QVERIFY(r.problems.at(0).source.line <= int(data.count('\n')));
    }
    // Cut at a line boundary the YAML is still valid: one object, its fields up to the cut.
    const qsizetype boundary = full.indexOf("\nspec:");
    QVERIFY(boundary > 0);
    const LoadResult r = ObjectLoader::parse(full.left(boundary + 1), QStringLiteral("cut.yaml"));
    QVERIFY2(r.problems.isEmpty(), qPrintable(problemsText(r)));
    QCOMPARE(r.objects.size(), 1);
    QVERIFY(!r.objects.at(0).json.contains(QLatin1String("spec")));
}

void TestObjectLoader::directoryOrder()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(QStringLiteral("b.yaml")), "kind: Pod\nmetadata: {name: b}\n"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("a.json")), "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"a\"}}"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("C.yml")), "kind: Pod\nmetadata: {name: C}\n"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("README.md")), "# not a manifest\n"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("z.yaml")), "kind: Pod\nmetadata: {name: [broken\n"));
    const LoadResult r = ObjectLoader::loadPaths({dir.path()});
    QStringList names;
    for (const LoadedObject &o : r.objects)
        names.append(o.json.value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString());
    // Byte order, as os.ReadDir sorts: upper case first; README.md is not read.
    QCOMPARE(names, (QStringList{QStringLiteral("C"), QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(r.problems.size(), 1);
    QCOMPARE(r.problems.at(0).source.file, dir.filePath(QStringLiteral("z.yaml")));
    QCOMPARE(r.objects.at(0).source.file, dir.filePath(QStringLiteral("C.yml")));
}

void TestObjectLoader::missingPath()
{
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("nope.yaml"));
    const LoadResult r = ObjectLoader::loadPaths({missing});
    QVERIFY(r.objects.isEmpty());
    QCOMPARE(r.problems.size(), 1);
    QCOMPARE(r.problems.at(0).source.file, missing);
    QVERIFY(r.problems.at(0).message.contains(QLatin1String("no such file")));
    const LoadResult r2 = ObjectLoader::loadFile(missing);
    QCOMPARE(r2.problems.size(), 1);
    QVERIFY(r2.problems.at(0).message.startsWith(QLatin1String("cannot read")));
}

void TestObjectLoader::jsonFixture()
{
    const LoadResult r = ObjectLoader::loadPaths(
        {kFixtures + QStringLiteral("pkg/kubectl-argo-rollouts/cmd/create/testdata/analysis-template.json"),
         kFixtures + QStringLiteral("pkg/kubectl-argo-rollouts/cmd/create/testdata/analysis-template.yaml")});
    QVERIFY2(r.problems.isEmpty(), qPrintable(problemsText(r)));
    QCOMPARE(r.objects.size(), 2);
    // The same template written as JSON and as YAML reads the same.
    QCOMPARE(r.objects.at(0).json, r.objects.at(1).json);
}

void TestObjectLoader::anchorsAndMerge()
{
    const LoadResult r =
        ObjectLoader::parse("kind: Pod\nmetadata: {name: a}\nbase: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3\nref: *b\n",
                            QStringLiteral("a.yaml"));
    QVERIFY2(r.problems.isEmpty(), qPrintable(problemsText(r)));
    const QJsonObject o = r.objects.at(0).json;
    QCOMPARE(o.value(QLatin1String("use")).toObject(),
             (QJsonObject{{QStringLiteral("x"), 1}, {QStringLiteral("y"), 3}}));
    QCOMPARE(o.value(QLatin1String("ref")).toObject(),
             (QJsonObject{{QStringLiteral("x"), 1}, {QStringLiteral("y"), 2}}));
}

void TestObjectLoader::deepNesting()
{
    const QByteArray deep = "kind: Pod\nmetadata: {name: a}\nx: " + QByteArray(400, '[') + QByteArray(400, ']') + "\n";
    const LoadResult r = ObjectLoader::parse(deep, QStringLiteral("deep.yaml"));
    QVERIFY(r.objects.isEmpty());
    QCOMPARE(r.problems.size(), 1);
    QVERIFY(r.problems.at(0).message.contains(QLatin1String("nested too deeply")));
}

QTEST_GUILESS_MAIN(TestObjectLoader)
#include "tst_objectloader.moc"
