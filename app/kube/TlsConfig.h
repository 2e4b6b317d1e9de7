#pragma once

// TLS and request set-up for one kubeconfig context.
//
// Usage (the kube client):
//     auto tls = kube::sslConfigurationFor(cluster);           // once per context; failure = CA unreadable
//     if (!tls) { markBroken(tls.error()); return; }
//     QNetworkRequest request(url);
//     kube::prepareRequest(request, cluster, *tls, credentials); // TLS, client cert, SNI name, Authorization
//     nam->setProxy(kube::proxyFor(cluster));                   // or per-socket; NoProxy unless proxy-url
// Peer verification is always on unless the kubeconfig sets insecure-skip-tls-verify (tlsWarning() then says
// so for the UI). Never add a blanket SSL-error ignore on top of this.

#include "kube/ClusterConfig.h"
#include "kube/CredentialProvider.h"

#include "Result.h"

#include <QNetworkProxy>
#include <QSslKey>
#include <QSslConfiguration>

class QNetworkRequest;

namespace rolldeck::kube {

// CA certificates from certificateAuthorityPem (replacing the system CAs, as kubectl does), or the system CAs
// when none is given; VerifyPeer unless insecureSkipTlsVerify; the static client certificate, if any.
Result<QSslConfiguration> sslConfigurationFor(const ClusterConfig &cluster);

// Adds a client certificate from exec-plugin or kubeconfig credentials.
void applyClientCertificate(QSslConfiguration &ssl, const Credentials &credentials);

// Sets TLS (with the credentials' client certificate), tls-server-name as the peer verify name, and the
// Authorization header on a request. Plain http:// servers only get the header.
void prepareRequest(QNetworkRequest &request, const ClusterConfig &cluster, const QSslConfiguration &ssl,
                    const Credentials &credentials);

// proxy-url as a QNetworkProxy (http, https, socks5); QNetworkProxy::NoProxy when unset.
Result<QNetworkProxy> proxyFor(const ClusterConfig &cluster);

// A PEM private key (PKCS#1 RSA, SEC1 EC or PKCS#8 of either); null when it is none of these.
QSslKey privateKeyFromPem(const QByteArray &pem);

// A one-line warning for the UI when peer verification is off for this cluster; empty otherwise.
QString tlsWarning(const ClusterConfig &cluster);

} // namespace rolldeck::kube
