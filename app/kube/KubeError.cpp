#include "kube/KubeError.h"

#include <QJsonDocument>
#include <QSslError>
#include <QStringList>

namespace rolldeck::kube {

namespace {

QString httpReasonPhrase(int status)
{
    switch (status) {
    case 400:
        return QStringLiteral("Bad Request");
    case 401:
        return QStringLiteral("Unauthorized");
    case 403:
        return QStringLiteral("Forbidden");
    case 404:
        return QStringLiteral("Not Found");
    case 405:
        return QStringLiteral("Method Not Allowed");
    case 409:
        return QStringLiteral("Conflict");
    case 410:
        return QStringLiteral("Gone");
    case 415:
        return QStringLiteral("Unsupported Media Type");
    case 422:
        return QStringLiteral("Unprocessable Entity");
    case 429:
        return QStringLiteral("Too Many Requests");
    default:
        return {};
    }
}

QString transportCause(QNetworkReply::NetworkError network)
{
    switch (network) {
    case QNetworkReply::ConnectionRefusedError:
        return QStringLiteral("connection refused");
    case QNetworkReply::RemoteHostClosedError:
        return QStringLiteral("connection closed by server");
    case QNetworkReply::HostNotFoundError:
        return QStringLiteral("host not found");
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return QStringLiteral("timed out");
    case QNetworkReply::SslHandshakeFailedError:
        return QStringLiteral("TLS handshake failed");
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return QStringLiteral("proxy error");
    default:
        return QStringLiteral("network error");
    }
}

} // namespace

QString KubeError::cause() const
{
    if (!certificateError.isEmpty())
        return configuredCa ? QStringLiteral("the server's certificate did not verify against the configured CA")
                            : QStringLiteral("the server's certificate did not verify against the system's CAs");
    // No credentials to send (a failing exec plugin, credentials rejected too often): what the source said is the
    // cause a person can act on, not the 401 the client files it under.
    if (reason == u"CredentialsUnavailable" && !message.isEmpty())
        return message;
    if (timedOut)
        return QStringLiteral("timed out");
    if (httpStatus >= 500)
        return QStringLiteral("HTTP %1").arg(httpStatus);
    if (httpStatus > 0) {
        const QString phrase = httpReasonPhrase(httpStatus);
        return phrase.isEmpty() ? QStringLiteral("HTTP %1").arg(httpStatus)
                                : QStringLiteral("%1 %2").arg(httpStatus).arg(phrase);
    }
    if (network != QNetworkReply::NoError)
        return transportCause(network);
    return reason.isEmpty() ? QStringLiteral("error") : reason;
}

QString KubeError::toString() const
{
    if (!certificateError.isEmpty())
        return cause() + QStringLiteral(": ") + certificateError;
    if (message.isEmpty() || reason == u"CredentialsUnavailable")
        return cause();
    return cause() + QStringLiteral(": ") + message;
}

KubeError KubeError::fromStatus(const QJsonObject &status, int httpStatus)
{
    KubeError e;
    e.httpStatus = httpStatus ? httpStatus : status.value(QLatin1String("code")).toInt();
    e.reason = status.value(QLatin1String("reason")).toString();
    e.message = status.value(QLatin1String("message")).toString();
    return e;
}

KubeError KubeError::fromReply(int httpStatus, QNetworkReply::NetworkError network, const QString &networkText,
                               const QByteArray &body)
{
    if (httpStatus > 0) {
        const QJsonObject status = QJsonDocument::fromJson(body).object();
        if (status.value(QLatin1String("kind")).toString() == QLatin1String("Status"))
            return fromStatus(status, httpStatus);
        KubeError e;
        e.httpStatus = httpStatus;
        e.message = QString::fromUtf8(body.left(200)).trimmed();
        return e;
    }
    KubeError e;
    e.network = network;
    e.message = networkText;
    return e;
}

namespace {
const char *const kCertificateErrors = "rolldeckCertificateErrors";
} // namespace

void noteCertificateErrors(QNetworkReply *reply)
{
    QObject::connect(reply, &QNetworkReply::sslErrors, reply, [reply](const QList<QSslError> &errors) {
        QStringList texts;
        for (const QSslError &e : errors)
            texts << e.errorString();
        reply->setProperty(kCertificateErrors, texts.join(QStringLiteral("; ")));
    });
}

KubeError KubeError::fromReply(const QNetworkReply *reply, int httpStatus, const QByteArray &body, bool configuredCa)
{
    KubeError e = fromReply(httpStatus, reply->error(), reply->errorString(), body);
    if (httpStatus == 0 && reply->error() == QNetworkReply::SslHandshakeFailedError) {
        e.certificateError = reply->property(kCertificateErrors).toString();
        e.configuredCa = configuredCa;
    }
    return e;
}

} // namespace rolldeck::kube
