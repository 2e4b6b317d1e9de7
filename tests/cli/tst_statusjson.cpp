// `rolldeck status --json` writes its rows straight into the output (app/cli/StatusJson): byte for byte what
// QJsonDocument::Indented writes for the same row, whatever its text holds.
#include "app/cli/StatusJson.h"

#include "models/domain/Attention.h"
#include "models/itemmodels/RolloutRow.h"

#include <QJsonDocument>
#include <QTest>

using namespace rolldeck;

Q_DECLARE_METATYPE(rolldeck::RolloutRow)
Q_DECLARE_METATYPE(rolldeck::Attention)

class TestStatusJson : public QObject
{
    Q_OBJECT
private slots:
    void sameBytesAsQJsonDocument_data();
    void sameBytesAsQJsonDocument();
};

void TestStatusJson::sameBytesAsQJsonDocument_data()
{
    QTest::addColumn<RolloutRow>("row");
    QTest::addColumn<Attention>("attention");
    RolloutRow row;
    row.cluster = QStringLiteral("prod-eu");
    row.namespaceName = QStringLiteral("shop");
    row.name = QStringLiteral("checkout");
    row.status = QStringLiteral("Progressing");
    row.strategy = QStringLiteral("Canary");
    row.step = QStringLiteral("2/4");
    row.setWeight = 20;
    row.actualWeight = 15;
    row.desiredReplicas = 5;
    row.currentReplicas = 6;
    row.updatedReplicas = 1;
    row.readyReplicas = 6;
    row.availableReplicas = 6;
    QTest::newRow("canary mid-way") << row << Attention{};
    RolloutRow blueGreen = row;
    blueGreen.strategy = QStringLiteral("BlueGreen");
    blueGreen.step.clear();
    blueGreen.setWeight.reset();
    blueGreen.actualWeight.reset();
    blueGreen.status = QStringLiteral("Paused");
    QTest::newRow("no weights, waiting") << blueGreen << Attention{AttentionReason::WaitingForPromotion, {}, {}};
    RolloutRow odd = row;
    odd.message = QStringLiteral("quote \" backslash \\ tab\t newline\n bell\x07 del\x7f caf\u00e9 \u2714 \U0001F680");
    odd.name = QStringLiteral("<>&'/");
    odd.actualWeight = -1;
    odd.desiredReplicas = 2147483647;
    QTest::newRow("text to escape") << odd << Attention{};
    const Staleness stale = Staleness::stale(QDateTime(QDate(2026, 12, 2), QTime(10, 42, 13, 5), Qt::UTC),
                                             QStringLiteral("connection refused"));
    QTest::newRow("stale cluster") << row << Attention{AttentionReason::Aborted, stale, {}};
}

void TestStatusJson::sameBytesAsQJsonDocument()
{
    QFETCH(RolloutRow, row);
    QFETCH(Attention, attention);
    for (const int indent : {0, 8}) {
        QByteArray expected = QJsonDocument(statusRowJson(row, attention)).toJson(QJsonDocument::Indented);
        expected.chop(1); // the final newline
        expected.replace(QByteArray("\n"), QByteArray("\n").append(QByteArray(indent, ' ')));
        QByteArray written = "prefix";
        writeStatusRowIndented(written, row, attention, indent);
        QCOMPARE(written, "prefix" + expected);
    }
}

QTEST_GUILESS_MAIN(TestStatusJson)
#include "tst_statusjson.moc"
