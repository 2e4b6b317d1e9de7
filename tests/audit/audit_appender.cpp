// Test helper: appends records to an audit log from its own process.
//   audit_appender DIR COUNT TAG          append COUNT "note" records tagged TAG, then exit 0
//   audit_appender DIR intent-then-wait   append one intent, print its action id, wait to be killed
#include "app/audit/AuditLog.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QUuid>

#include <cstdio>
#include <unistd.h>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3)
        return 2;
    rolldeck::audit::AuditLog log({args.at(1)});
    if (args.at(2) == QLatin1String("intent-then-wait")) {
        const QByteArray id = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        const auto r = log.append("intent", id, {{QStringLiteral("verb"), QStringLiteral("promote")}});
        if (!r)
            return 1;
        std::printf("%s\n", id.constData());
        std::fflush(stdout);
        for (;;)
            ::pause();
    }
    const int count = args.at(2).toInt();
    for (int i = 0; i < count; ++i) {
        const auto r = log.append("note", QByteArray::number(i),
                                  {{QStringLiteral("writer"), args.value(3)}, {QStringLiteral("n"), i}});
        if (!r) {
            std::fprintf(stderr, "%s\n", qPrintable(r.error()));
            return 1;
        }
    }
    return 0;
}
