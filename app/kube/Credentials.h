#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QSslCertificate>
#include <QSslKey>

namespace rolldeck::kube {

// What a request to the API server carries to prove who it is: from CredentialProvider (CredentialProvider.h).
// Secret material: never log any of it.
struct Credentials
{
    QByteArray authorization;          // full header value ("Bearer …", "Basic …"); empty = no header
    QSslCertificate clientCertificate; // null = no client certificate
    QSslKey clientKey;
    QDateTime expiresAt;    // when an exec plugin said these expire; invalid = no expiry
    quint64 generation = 0; // pass back to CredentialProvider::invalidate() after a 401

    bool hasClientCertificate() const { return !clientCertificate.isNull() && !clientKey.isNull(); }
};

} // namespace rolldeck::kube
