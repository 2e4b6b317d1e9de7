#include "prometheus/PromTypes.h"

#include <QCoreApplication>

namespace rolldeck::prom {

QString PromError::describe(const QString &what) const
{
    const QString server = detail.isEmpty() ? QString() : QStringLiteral(": ") + detail;
    switch (type) {
    case Type::None:
        return {};
    case Type::BadData:
        if (detail.contains(QLatin1String("maximum resolution of 11,000 points")))
            return QCoreApplication::translate(
                       "rolldeck::prom",
                       "%1 asks for more than 11,000 points per series; Prometheus refuses that. Choose a shorter "
                       "range or a larger step.")
                .arg(what);
        return QCoreApplication::translate("rolldeck::prom", "Prometheus rejected %1 as invalid (bad_data)%2")
            .arg(what, server);
    case Type::Execution:
        return QCoreApplication::translate("rolldeck::prom", "Prometheus could not evaluate %1 (execution error)%2")
            .arg(what, server);
    case Type::Timeout:
        return QCoreApplication::translate(
                   "rolldeck::prom",
                   "Prometheus gave up on %1 when its query timeout ran out%2. Try a shorter range or a simpler "
                   "query.")
            .arg(what, server);
    case Type::Canceled:
        return QCoreApplication::translate("rolldeck::prom", "Prometheus cancelled %1%2").arg(what, server);
    case Type::Internal:
        return QCoreApplication::translate("rolldeck::prom", "Prometheus failed on %1 with an internal error%2")
            .arg(what, server);
    case Type::Unavailable:
        return QCoreApplication::translate("rolldeck::prom", "Prometheus is not ready to answer %1%2")
            .arg(what, server);
    case Type::NotFound:
        return QCoreApplication::translate(
                   "rolldeck::prom",
                   "%1 found nothing at that address (HTTP 404). Is the configured URL the base URL of the server?")
            .arg(what);
    case Type::NotAcceptable:
        return QCoreApplication::translate("rolldeck::prom", "Prometheus cannot answer %1 in JSON (HTTP 406)%2")
            .arg(what, server);
    case Type::OtherApi:
        return QCoreApplication::translate("rolldeck::prom", "Prometheus answered %1 with the error \"%2\" (HTTP %3)%4")
            .arg(what, errorType)
            .arg(httpStatus)
            .arg(server);
    case Type::Unauthorized:
        return QCoreApplication::translate(
                   "rolldeck::prom",
                   "%1 was refused (HTTP %2): the credential is missing, wrong or not allowed. Check the "
                   "environment's credential in the workspace and the keychain.")
            .arg(what)
            .arg(httpStatus);
    case Type::Http:
        return QCoreApplication::translate("rolldeck::prom", "%1 failed with HTTP %2%3")
            .arg(what)
            .arg(httpStatus)
            .arg(server);
    case Type::Malformed:
        return QCoreApplication::translate("rolldeck::prom", "%1 returned an answer Rolldeck cannot read%2")
            .arg(what, server);
    case Type::Network:
        return QCoreApplication::translate("rolldeck::prom", "Cannot reach the server for %1%2").arg(what, server);
    case Type::Tls:
        return QCoreApplication::translate("rolldeck::prom", "The server's certificate for %1 did not verify%2")
            .arg(what, server);
    case Type::ClientTimeout:
        return QCoreApplication::translate("rolldeck::prom",
                                           "%1 got no answer in time%2. The server may be overloaded or unreachable.")
            .arg(what, server);
    case Type::NoCredential:
        return QCoreApplication::translate("rolldeck::prom",
                                           "%1 was not sent: the credential could not be read from the keychain%2")
            .arg(what, server);
    case Type::NotConfigured:
        return QCoreApplication::translate("rolldeck::prom",
                                           "%1 was not sent: the workspace names no server for it in this environment.")
            .arg(what);
    }
    return {};
}

} // namespace rolldeck::prom
