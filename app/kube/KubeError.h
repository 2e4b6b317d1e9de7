#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QNetworkReply>
#include <QString>

#include <optional>

namespace rolldeck::kube {

// Why a request to the Kubernetes API failed, as a value. Built from a meta/v1 Status body when the server sent
// one, otherwise from the HTTP status or the transport error. Never contains credentials.
struct KubeError
{
    int httpStatus = 0;                                           // 0: no HTTP answer (refused, reset, timeout, TLS)
    QNetworkReply::NetworkError network = QNetworkReply::NoError; // the transport error, if any
    QString reason;                                               // Status.reason ("NotFound", "Expired") or ""
    QString message;                                              // Status.message or the transport's text
    bool timedOut = false;                                        // transfer or idle timeout
    // Set when the handshake failed because the server's certificate did not verify: the verifier's complaint, and
    // whether it was checked against the kubeconfig's CA (else the system's).
    QString certificateError;
    bool configuredCa = false;

    bool isUnauthorized() const { return httpStatus == 401; }
    bool isForbidden() const { return httpStatus == 403; }
    bool isGone() const { return httpStatus == 410; }
    bool isNotFound() const { return httpStatus == 404; }
    bool isServerError() const { return httpStatus >= 500; }

    // A short, stable cause for staleness and logs: "connection refused", "HTTP 500", "401 Unauthorized",
    // "403 Forbidden", "timed out", "TLS handshake failed"; for CredentialsUnavailable (no credentials to send) what
    // the credential source said (a failing exec plugin's stderr, credentials rejected too often).
    QString cause() const;
    // cause() plus the server's message when there is one.
    QString toString() const;

    // From a Status object ({"kind":"Status","code":410,"reason":"Expired","message":...}); httpStatus from "code".
    static KubeError fromStatus(const QJsonObject &status, int httpStatus = 0);
    // From a finished reply: the HTTP status and its Status body, or the transport error.
    static KubeError fromReply(int httpStatus, QNetworkReply::NetworkError network, const QString &networkText,
                               const QByteArray &body);
    // As above, for a reply whose certificate errors were noted (noteCertificateErrors()).
    static KubeError fromReply(const QNetworkReply *reply, int httpStatus, const QByteArray &body, bool configuredCa);
};

// Keeps the reply's certificate verification errors on the reply, so that a failed handshake can say why.
void noteCertificateErrors(QNetworkReply *reply);

// What one request got back: the parsed JSON object on success, the error otherwise.
struct KubeResponse
{
    int httpStatus = 0;
    QJsonObject object;
    QByteArray body; // instead of `object`, for a request with rawBody: the 2xx body as received (inflated)
    std::optional<KubeError> error;

    bool ok() const { return !error.has_value(); }
};

} // namespace rolldeck::kube
