#pragma once

#include <QString>
#include <QStringList>

namespace rolldeck {

// What the console says at start about the audit log (docs/audit.md): the actions whose outcome is unknown (an
// intent without result or acknowledgement), or an empty string when there are none.
QString unknownOutcomeNotice(const QStringList &auditFiles);

} // namespace rolldeck
