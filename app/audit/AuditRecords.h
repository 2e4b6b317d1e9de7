#pragma once

// What the command line (`rolldeck audit show|export|ack`) and the console's audit view share: reading a record's
// members, the CSV and JSON Lines exports, and writing an acknowledgement (docs/audit.md).

#include "audit/AuditLog.h"
#include "audit/AuditVerifier.h"
#include "models/domain/Result.h"
#include "models/itemmodels/AuditLogModel.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace rolldeck::audit {

// A member of a record, or of one of its objects ("target", "name"), as text.
QString recordField(const QJsonObject &record, const char *member, const char *sub = nullptr);
QString recordTarget(const QJsonObject &record); // "ns/name"
QString recordActor(const QJsonObject &record);  // "alice (admin)", "guard (admin)"

// The records as a CSV table (a header row, then one row per record; not verifiable) and as stored (JSON Lines:
// another machine can verify them with `rolldeck audit verify FILE`).
QByteArray exportCsv(const QList<StoredRecord> &records);
QByteArray exportJsonLines(const QList<StoredRecord> &records);

// For the console's audit view.
AuditRecordView recordView(const StoredRecord &record);

// Writes the `ack` record for an action whose outcome is unknown: who checked (`osUser`) and what they found.
Result<AppendedRecord> acknowledge(AuditLog &log, const QByteArray &action, const QString &osUser,
                                   const QString &reason);

} // namespace rolldeck::audit
