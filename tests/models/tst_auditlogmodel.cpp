// The audit view's model: the log's records as one row per action (intent and result together; an intent without a
// result is an unknown outcome until acknowledged), applied incrementally, and its filter by text and outcome.
#include "models/itemmodels/AuditFilterProxyModel.h"
#include "models/itemmodels/AuditLogModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace rolldeck;

namespace {

AuditRecordView record(qint64 seq, const char *type, const char *action, const char *verb, const char *outcome = "")
{
    AuditRecordView r;
    r.seq = seq;
    r.time = QDateTime(QDate(2026, 12, 2), QTime(10, 0), Qt::UTC).addSecs(seq);
    r.type = QString::fromLatin1(type);
    r.action = QString::fromLatin1(action);
    r.verb = QString::fromLatin1(verb);
    r.environment = QStringLiteral("production");
    r.ns = QStringLiteral("shop");
    r.name = QStringLiteral("api");
    r.actor = QStringLiteral("alice (admin)");
    r.reason = QStringLiteral("error rate flat");
    r.outcome = QString::fromLatin1(outcome);
    return r;
}

} // namespace

class TestAuditLogModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oneRowPerActionNewestFirst()
    {
        AuditLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QList<AuditRecordView> log{record(1, "intent", "a1", "promote"),
                                   record(2, "result", "a1", "promote", "applied"),
                                   record(3, "refused", "a2", "abort", "refused")};
        log[2].refusal = QStringLiteral("permission");
        model.setRecords(log);
        QCOMPARE(model.rowCount(), 2);
        const auto cell = [&model](int row, AuditLogModel::Column c) {
            return model.index(row, int(c)).data().toString();
        };
        QCOMPARE(cell(0, AuditLogModel::Column::Verb), QStringLiteral("abort"));
        QCOMPARE(cell(0, AuditLogModel::Column::Outcome), QStringLiteral("refused (permission)"));
        QCOMPARE(cell(1, AuditLogModel::Column::Outcome), QStringLiteral("applied"));
        QCOMPARE(cell(1, AuditLogModel::Column::Object), QStringLiteral("shop/api"));
        QCOMPARE(cell(1, AuditLogModel::Column::Environment), QStringLiteral("production"));
        QCOMPARE(cell(1, AuditLogModel::Column::Actor), QStringLiteral("alice (admin)"));
        QCOMPARE(cell(1, AuditLogModel::Column::Reason), QStringLiteral("error rate flat"));
        QCOMPARE(model.needingAck(), 0);

        // An intent without a result: unknown, needs acknowledging; the console appends, one row comes in.
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        log << record(4, "intent", "a3", "promote");
        model.setRecords(log);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(model.rowOf(QStringLiteral("a3")), 0);
        QVERIFY(model.index(0, 0).data(AuditLogModel::NeedsAckRole).toBool());
        QCOMPARE(model.needingAck(), 1);
        QVERIFY(cell(0, AuditLogModel::Column::Outcome).startsWith(QStringLiteral("UNKNOWN")));

        // The acknowledgement changes that row only.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        log << record(5, "ack", "a3", "");
        model.setRecords(log);
        QCOMPARE(changed.size(), 1);
        QVERIFY(!model.index(0, 0).data(AuditLogModel::NeedsAckRole).toBool());
        QVERIFY(model.index(0, 0).data(AuditLogModel::AcknowledgedRole).toBool());
        QCOMPARE(model.needingAck(), 0);
        QCOMPARE(resets.size(), 0);
    }

    void aResultWithAnUnknownOutcomeNeedsAck()
    {
        AuditLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRecords({record(1, "intent", "a1", "abort"), record(2, "result", "a1", "abort", "unknown")});
        QCOMPARE(model.needingAck(), 1);
        model.setRecords({record(1, "intent", "a1", "abort"), record(2, "result", "a1", "abort", "failed")});
        QCOMPARE(model.needingAck(), 0);
        QCOMPARE(model.index(0, int(AuditLogModel::Column::Outcome)).data().toString(), QStringLiteral("failed"));
    }

    void filtersByTextAndOutcome()
    {
        AuditLogModel model;
        QList<AuditRecordView> log{record(1, "intent", "a1", "promote"),
                                   record(2, "result", "a1", "promote", "applied"), record(3, "intent", "a2", "abort")};
        log[2].name = QStringLiteral("checkout");
        log[2].environment = QStringLiteral("staging");
        model.setRecords(log);
        AuditFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setText(QStringLiteral("CHECKOUT"));
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, 0).data(AuditLogModel::ActionIdRole).toString(), QStringLiteral("a2"));
        proxy.setText(QString());
        proxy.setOutcome(QStringLiteral("needs-ack"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setOutcome(QStringLiteral("applied"));
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, 0).data(AuditLogModel::ActionIdRole).toString(), QStringLiteral("a1"));
    }
};

QTEST_GUILESS_MAIN(TestAuditLogModel)
#include "tst_auditlogmodel.moc"
