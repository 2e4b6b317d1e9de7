#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QString>

namespace rolldeck {

// One stored audit record, the members the audit view shows (app/ reads the log and hands these in).
struct AuditRecordView
{
    qint64 seq = 0;
    QDateTime time; // UTC
    QString type;   // intent, result, refused, noop, evidence, ack
    QString action; // the id an action's records share
    QString verb;
    QString environment;
    QString context;
    QString ns;
    QString name;
    QString actor;
    QString reason;
    QString outcome; // result, refused, noop: applied, refused, failed, unknown
    QString refusal;
    QString message;
};

// The audit log as one row per action (its intent, result or refusal and acknowledgements together), newest first:
// time, actor, environment, object, verb, reason, outcome. An intent without a result, or a result whose outcome is
// unknown, is "unknown" and needs acknowledging until an ack record says someone checked. setRecords() applies the
// whole log incrementally (rows keyed by action id; a new record changes or adds one row, never a reset).
class AuditLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class Column { Time, Actor, Environment, Object, Verb, Reason, Outcome, Count };
    Q_ENUM(Column)

    enum Role {
        RawValueRole = Qt::UserRole + 1, // Time: msecs since epoch; else the text
        ActionIdRole,                    // the action id (what `rolldeck audit ack` takes)
        OutcomeRole,                     // applied, refused, failed, unknown, no-change
        NeedsAckRole,                    // bool: outcome unknown and not acknowledged
        AcknowledgedRole,                // bool: an ack record exists
        MessageRole,                     // the result's message (why refused or failed)
    };
    Q_ENUM(Role)

    explicit AuditLogModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Every record of the log, in chain order.
    void setRecords(const QList<AuditRecordView> &records);
    int rowOf(const QString &action) const;
    int needingAck() const;

private:
    struct Row
    {
        QString action;
        QDateTime time;
        QString actor;
        QString environment;
        QString object;
        QString verb;
        QString reason;
        QString outcome;
        QString refusal;
        QString message;
        bool acknowledged = false;
        QString ackReason;

        bool needsAck() const { return outcome == QLatin1String("unknown") && !acknowledged; }
        friend bool operator==(const Row &, const Row &) = default;
    };
    QString displayText(const Row &row, Column column) const;

    QList<Row> m_rows;
};

} // namespace rolldeck
