#include "console/StartupNotices.h"

#include "audit/AuditVerifier.h"

#include <QCoreApplication>

namespace rolldeck {

namespace {

struct NoticeText
{
    Q_DECLARE_TR_FUNCTIONS(StartupNotices)
};

} // namespace

QString unknownOutcomeNotice(const QStringList &auditFiles)
{
    const audit::VerifyReport report = audit::verifyChain(auditFiles);
    const int unknown = int(report.unknown.size());
    if (unknown == 0)
        return {};
    const audit::UnknownOutcome &first = report.unknown.first();
    return NoticeText::tr("%n action(s) with an unknown outcome (the first at %1): check the rollouts, then "
                          "`rolldeck audit verify` and `rolldeck audit ack`.",
                          nullptr, unknown)
        .arg(first.time);
}

} // namespace rolldeck
