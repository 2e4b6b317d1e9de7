#include "kube/TlsConfig.h"

#include <QCoreApplication>
#include <QNetworkRequest>
#include <QSslCertificate>

namespace rolldeck::kube {

QSslKey privateKeyFromPem(const QByteArray &pem)
{
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            return key;
    }
    return {};
}

Result<QSslConfiguration> sslConfigurationFor(const ClusterConfig &cluster)
{
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setProtocol(QSsl::TlsV1_2OrLater);
    if (!cluster.certificateAuthorityPem.isEmpty()) {
        const QList<QSslCertificate> cas = QSslCertificate::fromData(cluster.certificateAuthorityPem, QSsl::Pem);
        if (cas.isEmpty())
            return Result<QSslConfiguration>::failure(
                QStringLiteral("cluster \"%1\": the certificate authority holds no PEM certificate")
                    .arg(cluster.clusterName));
        // Only the kubeconfig's CA is trusted for this cluster, as with kubectl.
        ssl.setCaCertificates(cas);
    }
    ssl.setPeerVerifyMode(cluster.insecureSkipTlsVerify ? QSslSocket::VerifyNone : QSslSocket::VerifyPeer);
    if (!cluster.auth.clientCertificatePem.isEmpty()) {
        const QList<QSslCertificate> chain = QSslCertificate::fromData(cluster.auth.clientCertificatePem, QSsl::Pem);
        const QSslKey key = privateKeyFromPem(cluster.auth.clientKeyPem);
        if (chain.isEmpty() || key.isNull())
            return Result<QSslConfiguration>::failure(
                QStringLiteral("user \"%1\": unusable client certificate or key").arg(cluster.auth.userName));
        ssl.setLocalCertificateChain(chain);
        ssl.setPrivateKey(key);
    }
    return ssl;
}

void applyClientCertificate(QSslConfiguration &ssl, const Credentials &credentials)
{
    if (!credentials.hasClientCertificate())
        return;
    ssl.setLocalCertificate(credentials.clientCertificate);
    ssl.setPrivateKey(credentials.clientKey);
}

void prepareRequest(QNetworkRequest &request, const ClusterConfig &cluster, const QSslConfiguration &ssl,
                    const Credentials &credentials)
{
    if (request.url().scheme() == QLatin1String("https")) {
        QSslConfiguration perRequest = ssl;
        applyClientCertificate(perRequest, credentials);
        request.setSslConfiguration(perRequest);
        if (!cluster.tlsServerName.isEmpty())
            request.setPeerVerifyName(cluster.tlsServerName);
    }
    if (!credentials.authorization.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Authorization"), credentials.authorization);
}

Result<QNetworkProxy> proxyFor(const ClusterConfig &cluster)
{
    if (cluster.proxyUrl.isEmpty())
        return QNetworkProxy(QNetworkProxy::NoProxy);
    const QUrl &url = cluster.proxyUrl;
    QNetworkProxy proxy;
    if (url.scheme() == QLatin1String("socks5"))
        proxy.setType(QNetworkProxy::Socks5Proxy);
    else if (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"))
        proxy.setType(QNetworkProxy::HttpProxy);
    else
        return Result<QNetworkProxy>::failure(QStringLiteral("cluster \"%1\": unsupported proxy-url scheme \"%2\"")
                                                  .arg(cluster.clusterName, url.scheme()));
    proxy.setHostName(url.host());
    proxy.setPort(quint16(url.port(
        url.scheme() == QLatin1String("socks5") ? 1080 : (url.scheme() == QLatin1String("https") ? 443 : 80))));
    proxy.setUser(url.userName());
    proxy.setPassword(url.password());
    return proxy;
}

QString tlsWarning(const ClusterConfig &cluster)
{
    if (!cluster.insecureSkipTlsVerify)
        return {};
    return QCoreApplication::translate("rolldeck::kube",
                                       "TLS certificate verification is off for cluster \"%1\" "
                                       "(insecure-skip-tls-verify): the server's identity is not checked.")
        .arg(cluster.clusterName);
}

} // namespace rolldeck::kube
