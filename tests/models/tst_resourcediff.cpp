// models/argocd/ResourceDiff: objects as block YAML, the unified diff (checked against GNU diff --minimal on random
// line lists: same number of changed lines, and both sides rebuilt from the hunks), and the managed-resources
// response: what Argo CD compares, what it leaves out, and a broken state named without losing the rest.
#include "models/argocd/ResourceDiff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace rolldeck;

namespace {

QJsonObject rollout(const QString &image)
{
    return QJsonDocument::fromJson(QStringLiteral(R"({
        "apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout",
        "metadata": {"name": "api", "namespace": "production", "resourceVersion": "812", "uid": "u-1",
                     "generation": 4, "creationTimestamp": "2026-12-01T10:00:00Z",
                     "managedFields": [{"manager": "argocd-controller"}],
                     "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{}"},
                     "labels": {"app": "api"}},
        "spec": {"replicas": 5, "template": {"spec": {"containers": [{"name": "api", "image": "%1",
                 "ports": [{"containerPort": 8000}]}]}}},
        "status": {"phase": "Healthy", "readyReplicas": 5}})")
                                       .arg(image)
                                       .toUtf8())
        .object();
}

QStringList lines(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *l : list)
        out << QString::fromUtf8(l);
    return out;
}

QString text(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// Rebuilds both sides from the hunks and the unchanged lines between them.
std::pair<QStringList, QStringList> rebuild(const QStringList &before, const QList<DiffLine> &diff)
{
    QStringList a;
    QStringList b;
    qsizetype at = 0; // next line of `before` not yet accounted for
    for (const DiffLine &l : diff) {
        if (l.kind == DiffLine::Kind::Hunk) {
            const qsizetype start =
                l.text.section(QLatin1Char(' '), 1, 1).mid(1).section(QLatin1Char(','), 0, 0).toLongLong();
            const qsizetype count = l.text.section(QLatin1Char(' '), 1, 1).section(QLatin1Char(','), 1, 1).toLongLong();
            const qsizetype first = count ? start - 1 : start;
            for (; at < first; ++at)
                a << before.at(at), b << before.at(at);
            continue;
        }
        if (l.kind != DiffLine::Kind::Added)
            a << l.text, ++at;
        if (l.kind != DiffLine::Kind::Removed)
            b << l.text;
    }
    for (; at < before.size(); ++at)
        a << before.at(at), b << before.at(at);
    return {a, b};
}

} // namespace

class TestResourceDiff : public QObject
{
    Q_OBJECT

private slots:
    void yamlOfAnObject()
    {
        const QJsonObject o = QJsonDocument::fromJson(R"({"b": {"list": [1, "two", {"x": true, "z": null}, [], {}],
            "empty": {}}, "a": "plain text", "c": ["1.5", "true", "", "a: b", "-dash", " pad", "line\nbreak"]})")
                                  .object();
        QCOMPARE(yamlLines(o), (QStringList{
                                   QStringLiteral("a: plain text"),
                                   QStringLiteral("b:"),
                                   QStringLiteral("  empty: {}"),
                                   QStringLiteral("  list:"),
                                   QStringLiteral("  - 1"),
                                   QStringLiteral("  - two"),
                                   QStringLiteral("  - x: true"),
                                   QStringLiteral("    z: null"),
                                   QStringLiteral("  - []"),
                                   QStringLiteral("  - {}"),
                                   QStringLiteral("c:"),
                                   QStringLiteral("- \"1.5\""),
                                   QStringLiteral("- \"true\""),
                                   QStringLiteral("- \"\""),
                                   QStringLiteral("- \"a: b\""),
                                   QStringLiteral("- \"-dash\""),
                                   QStringLiteral("- \" pad\""),
                                   QStringLiteral("- \"line\\nbreak\""),
                               }));
    }

    void diffOfKnownLines_data()
    {
        QTest::addColumn<QStringList>("before");
        QTest::addColumn<QStringList>("after");
        QTest::addColumn<QStringList>("expected"); // marker + text
        const QStringList ten = lines({"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"});
        QTest::newRow("same") << ten << ten << QStringList{};
        QStringList changed = ten;
        changed[4] = QStringLiteral("five");
        QTest::newRow("one line in the middle")
            << ten << changed << lines({"@@ -2,7 +2,7 @@", " 2", " 3", " 4", "-5", "+five", " 6", " 7", " 8"});
        QStringList ends = ten;
        ends[0] = QStringLiteral("one");
        ends[9] = QStringLiteral("ten");
        QTest::newRow("far apart: two hunks") << ten << ends
                                              << lines({"@@ -1,4 +1,4 @@", "-1", "+one", " 2", " 3", " 4",
                                                        "@@ -7,4 +7,4 @@", " 7", " 8", " 9", "-10", "+ten"});
        QTest::newRow("from nothing") << QStringList{} << lines({"a", "b"}) << lines({"@@ -0,0 +1,2 @@", "+a", "+b"});
        QTest::newRow("to nothing") << lines({"a"}) << QStringList{} << lines({"@@ -1,1 +0,0 @@", "-a"});
    }

    void diffOfKnownLines()
    {
        QFETCH(QStringList, before);
        QFETCH(QStringList, after);
        QFETCH(QStringList, expected);
        QStringList got;
        for (const DiffLine &l : unifiedDiff(before, after))
            got << (l.kind == DiffLine::Kind::Hunk      ? l.text
                    : l.kind == DiffLine::Kind::Added   ? QLatin1Char('+') + l.text
                    : l.kind == DiffLine::Kind::Removed ? QLatin1Char('-') + l.text
                                                        : QLatin1Char(' ') + l.text);
        QCOMPARE(got, expected);
    }

    // Random line lists against GNU diff --minimal: the same number of changed lines (both are shortest edit
    // scripts), the same number of hunks with 3 lines of context, and both sides rebuilt from the hunks.
    void diffAgreesWithGnuDiff()
    {
        QTemporaryDir dir;
        QRandomGenerator rng(20261204);
        for (int round = 0; round < 150; ++round) {
            QStringList a;
            QStringList b;
            const int n = int(rng.bounded(0, 40));
            for (int i = 0; i < n; ++i)
                a << QString::number(rng.bounded(0, 8));
            b = a;
            const int edits = int(rng.bounded(0, 6));
            for (int e = 0; e < edits; ++e) {
                const int at = b.isEmpty() ? 0 : int(rng.bounded(0, int(b.size())));
                switch (rng.bounded(0, 3)) {
                case 0:
                    b.insert(at, QString::number(rng.bounded(0, 8)));
                    break;
                case 1:
                    if (!b.isEmpty())
                        b.removeAt(at);
                    break;
                default:
                    if (!b.isEmpty())
                        b[at] = QString::number(rng.bounded(0, 8));
                }
            }
            const QList<DiffLine> mine = unifiedDiff(a, b);
            const auto [ra, rb] = rebuild(a, mine);
            QCOMPARE(ra, a);
            QCOMPARE(rb, b);
            for (const auto &[name, lines] : {std::pair{QStringLiteral("a"), a}, std::pair{QStringLiteral("b"), b}}) {
                QFile f(dir.filePath(name));
                QVERIFY(f.open(QIODevice::WriteOnly));
                for (const QString &l : lines)
                    f.write(l.toUtf8() + '\n');
            }
            QProcess gnu;
            gnu.start(QStringLiteral("diff"), {QStringLiteral("--minimal"), QStringLiteral("-U3"),
                                               dir.filePath(QStringLiteral("a")), dir.filePath(QStringLiteral("b"))});
            QVERIFY(gnu.waitForFinished(10000));
            int gnuChanged = 0;
            int gnuHunks = 0;
            for (const QByteArray &line : gnu.readAllStandardOutput().split('\n')) {
                gnuHunks += line.startsWith("@@") ? 1 : 0;
                gnuChanged += (line.startsWith('+') && !line.startsWith("+++")) ||
                                      (line.startsWith('-') && !line.startsWith("---"))
                                  ? 1
                                  : 0;
            }
            int changed = 0;
            int hunks = 0;
            for (const DiffLine &l : mine) {
                hunks += l.kind == DiffLine::Kind::Hunk ? 1 : 0;
                changed += l.kind == DiffLine::Kind::Added || l.kind == DiffLine::Kind::Removed ? 1 : 0;
            }
            QVERIFY2(changed == gnuChanged, qPrintable(QStringLiteral("round %1").arg(round)));
            if (changed == 0)
                QCOMPARE(hunks, 0);
            QVERIFY(hunks >= 1 || changed == 0);
        }
    }

    void managedResources()
    {
        const QJsonObject live = rollout(QStringLiteral("ghcr.io/agentic-startup/api:1.4.2"));
        QJsonObject predicted = rollout(QStringLiteral("ghcr.io/agentic-startup/api:1.5.0"));
        predicted.insert(QStringLiteral("status"), QJsonObject{{QStringLiteral("phase"), QStringLiteral("Paused")}});
        const QJsonObject service{
            {QStringLiteral("kind"), QStringLiteral("Service")},
            {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("api")}}}};
        const QJsonObject response{
            {QStringLiteral("items"),
             QJsonArray{
                 QJsonObject{{QStringLiteral("group"), QStringLiteral("argoproj.io")},
                             {QStringLiteral("kind"), QStringLiteral("Rollout")},
                             {QStringLiteral("namespace"), QStringLiteral("production")},
                             {QStringLiteral("name"), QStringLiteral("api")},
                             {QStringLiteral("liveState"), QStringLiteral("{\"ignored\": \"raw\"}")},
                             {QStringLiteral("normalizedLiveState"), text(live)},
                             {QStringLiteral("targetState"), QStringLiteral("{\"ignored\": \"raw\"}")},
                             {QStringLiteral("predictedLiveState"), text(predicted)},
                             {QStringLiteral("modified"), true}},
                 QJsonObject{{QStringLiteral("kind"), QStringLiteral("Service")},
                             {QStringLiteral("name"), QStringLiteral("api")},
                             {QStringLiteral("liveState"), text(service)},
                             {QStringLiteral("targetState"), text(service)}},
                 QJsonObject{{QStringLiteral("kind"), QStringLiteral("ConfigMap")},
                             {QStringLiteral("name"), QStringLiteral("new")},
                             {QStringLiteral("liveState"), QStringLiteral("null")},
                             {QStringLiteral("targetState"), QStringLiteral("{\"kind\": \"ConfigMap\"}")},
                             {QStringLiteral("modified"), true}},
                 QJsonObject{{QStringLiteral("kind"), QStringLiteral("Secret")},
                             {QStringLiteral("name"), QStringLiteral("old")},
                             {QStringLiteral("liveState"), QStringLiteral("{\"kind\": \"Secret\"}")}},
                 QJsonObject{{QStringLiteral("kind"), QStringLiteral("Job")},
                             {QStringLiteral("name"), QStringLiteral("broken")},
                             {QStringLiteral("liveState"), QStringLiteral("{\"kind\": ")}},
             }}};
        const ManagedResources m = ManagedResources::fromJson(response);
        QVERIFY(m.error.isEmpty());
        QCOMPARE(m.items.size(), 5);
        const ResourceDiff &ro = m.items.at(0);
        QVERIFY(ro.modified && ro.error.isEmpty() && !ro.missing && !ro.extra);
        // Only the image differs: status, managedFields, resourceVersion, uid, generation, the creation time and the
        // last-applied annotation are left out.
        QCOMPARE(ro.added, 1);
        QCOMPARE(ro.removed, 1);
        QStringList changed;
        for (const DiffLine &l : ro.lines)
            if (l.kind == DiffLine::Kind::Added || l.kind == DiffLine::Kind::Removed)
                changed << l.text;
        QCOMPARE(changed, (QStringList{QStringLiteral("      - image: ghcr.io/agentic-startup/api:1.4.2"),
                                       QStringLiteral("      - image: ghcr.io/agentic-startup/api:1.5.0")}));
        for (const DiffLine &l : ro.lines)
            QVERIFY2(!l.text.contains(QLatin1String("managedFields")) && !l.text.contains(QLatin1String("uid")) &&
                         !l.text.contains(QLatin1String("last-applied")) && !l.text.contains(QLatin1String("phase")),
                     qPrintable(l.text));
        const ResourceDiff &svc = m.items.at(1);
        QVERIFY(!svc.modified && svc.lines.isEmpty()); // no `modified`: read from the diff
        QVERIFY(m.items.at(2).missing && m.items.at(2).added == 1 && m.items.at(2).removed == 0);
        QVERIFY(m.items.at(3).extra && m.items.at(3).removed == 1);
        QCOMPARE(m.items.at(4).error, QStringLiteral("liveState is not JSON: unterminated object at offset 9"));
        QCOMPARE(m.modifiedCount(), 3); // the broken one is not counted: unknown
        QCOMPARE(ManagedResources::fromJson(QJsonObject{{QStringLiteral("items"), 3}}).error,
                 QStringLiteral("items is not a list"));
        QVERIFY(ManagedResources::fromJson(QJsonObject{}).items.isEmpty()); // Argo CD omits an empty list
    }
};

QTEST_APPLESS_MAIN(TestResourceDiff)
#include "tst_resourcediff.moc"
