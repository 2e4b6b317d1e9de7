#include "app/kube/TlsConfig.h"

#include "app/kube/KubeClient.h"

#include "TestPki.h"
#include "TlsTestServer.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace rolldeck;
using namespace rolldeck::kube;

namespace {

struct Response
{
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QList<QSslError> sslErrors;
};

Response get(const ClusterConfig &cluster, const Credentials &credentials)
{
    Response out;
    const Result<QSslConfiguration> ssl = sslConfigurationFor(cluster);
    if (!ssl) {
        out.error = QNetworkReply::UnknownNetworkError;
        out.body = ssl.error().toUtf8();
        return out;
    }
    QNetworkAccessManager nam;
    nam.setProxy(*proxyFor(cluster));
    QNetworkRequest request(cluster.server.resolved(QUrl(QStringLiteral("/version"))));
    request.setTransferTimeout(10000);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    prepareRequest(request, cluster, *ssl, credentials);
    std::unique_ptr<QNetworkReply> reply(nam.get(request));
    QObject::connect(reply.get(), &QNetworkReply::sslErrors, reply.get(),
                     [&out](const QList<QSslError> &errors) { out.sslErrors = errors; });
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!finished.wait(15000)) {
        out.error = QNetworkReply::TimeoutError;
        return out;
    }
    out.error = reply->error();
    out.body = reply->readAll();
    return out;
}

} // namespace

class TestTlsConfig : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (!QSslSocket::supportsSsl())
            QSKIP("no TLS backend");
        QVERIFY(m_pki.isValid());
        const QString error = test::TestPki::create(m_pki.path());
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_server = std::make_unique<test::TlsTestServer>(m_pki.path());
        QVERIFY(m_server->listen(QHostAddress::LocalHost));
    }

    void verification_data()
    {
        QTest::addColumn<QString>("caFile"); // empty: system CAs
        QTest::addColumn<bool>("insecure");
        QTest::addColumn<QString>("serverName"); // tls-server-name
        QTest::addColumn<bool>("succeeds");

        QTest::newRow("our CA") << QStringLiteral("ca.crt") << false << QString() << true;
        QTest::newRow("system CAs only") << QString() << false << QString() << false;
        QTest::newRow("another CA") << QStringLiteral("other-ca.crt") << false << QString() << false;
        QTest::newRow("insecure-skip-tls-verify") << QString() << true << QString() << true;
        QTest::newRow("tls-server-name in the certificate")
            << QStringLiteral("ca.crt") << false << QStringLiteral("kube.test") << true;
        QTest::newRow("tls-server-name not in the certificate")
            << QStringLiteral("ca.crt") << false << QStringLiteral("elsewhere.test") << false;
    }

    void verification()
    {
        QFETCH(QString, caFile);
        QFETCH(bool, insecure);
        QFETCH(QString, serverName);
        QFETCH(bool, succeeds);
        ClusterConfig cluster;
        cluster.clusterName = QStringLiteral("loopback");
        cluster.server = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_server->serverPort()));
        if (!caFile.isEmpty())
            cluster.certificateAuthorityPem = test::TestPki::read(m_pki.path(), caFile);
        cluster.insecureSkipTlsVerify = insecure;
        cluster.tlsServerName = serverName;
        QCOMPARE(tlsWarning(cluster).isEmpty(), !insecure);
        const Result<QSslConfiguration> ssl = sslConfigurationFor(cluster);
        QVERIFY(ssl);
        QCOMPARE(ssl->peerVerifyMode(), insecure ? QSslSocket::VerifyNone : QSslSocket::VerifyPeer);

        const int before = m_server->requests;
        const Response r = get(cluster, Credentials());
        if (succeeds) {
            QCOMPARE(r.error, QNetworkReply::NoError);
            QVERIFY(r.body.contains("\"major\""));
            QCOMPARE(m_server->requests, before + 1);
        } else {
            QCOMPARE(r.error, QNetworkReply::SslHandshakeFailedError);
            QVERIFY(!r.sslErrors.isEmpty());
            QCOMPARE(m_server->requests, before); // nothing was sent to an unverified server
        }
    }

    // A wrong CA says what failed, not only "TLS handshake failed" (issue 10).
    void wrongCaIsNamed_data()
    {
        QTest::addColumn<QString>("caFile"); // empty: the system's CAs
        QTest::addColumn<QString>("cause");
        QTest::newRow("configured CA") << QStringLiteral("other-ca.crt")
                                       << QStringLiteral("the server's certificate did not verify against the "
                                                         "configured CA");
        QTest::newRow("system CAs") << QString()
                                    << QStringLiteral("the server's certificate did not verify against the system's "
                                                      "CAs");
    }

    void wrongCaIsNamed()
    {
        QFETCH(QString, caFile);
        QFETCH(QString, cause);
        ClusterConfig cluster;
        cluster.contextName = QStringLiteral("loopback");
        cluster.server = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_server->serverPort()));
        if (!caFile.isEmpty())
            cluster.certificateAuthorityPem = test::TestPki::read(m_pki.path(), caFile);
        KubeClient client(cluster, nullptr);
        std::optional<KubeResponse> response;
        client.get(QStringLiteral("/version"), this, [&response](const KubeResponse &r) { response = r; });
        QTRY_VERIFY_WITH_TIMEOUT(response.has_value(), 20000);
        QVERIFY(response->error);
        QCOMPARE(response->error->cause(), cause);
        // The verifier's own words follow, for whoever has to fix the kubeconfig.
        QVERIFY2(response->error->toString().size() > cause.size() + 2, qPrintable(response->error->toString()));
    }

    void clientCertificateAndToken_data()
    {
        QTest::addColumn<bool>("fromKubeconfig"); // else from exec-plugin credentials
        QTest::newRow("kubeconfig client-certificate") << true;
        QTest::newRow("exec plugin clientCertificateData") << false;
    }

    void clientCertificateAndToken()
    {
        QFETCH(bool, fromKubeconfig);
        ClusterConfig cluster;
        cluster.server = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_server->serverPort()));
        cluster.certificateAuthorityPem = test::TestPki::read(m_pki.path(), QStringLiteral("ca.crt"));
        const QByteArray certPem = test::TestPki::read(m_pki.path(), QStringLiteral("client.crt"));
        const QByteArray keyPem = test::TestPki::read(m_pki.path(), QStringLiteral("client.key"));
        Credentials credentials;
        credentials.authorization = "Bearer token-123";
        if (fromKubeconfig) {
            cluster.auth.clientCertificatePem = certPem;
            cluster.auth.clientKeyPem = keyPem;
        } else {
            credentials.clientCertificate = QSslCertificate::fromData(certPem).value(0);
            credentials.clientKey = privateKeyFromPem(keyPem);
            QVERIFY(credentials.hasClientCertificate());
        }
        m_server->peerCertificate = QSslCertificate();
        const Response r = get(cluster, credentials);
        QCOMPARE(r.error, QNetworkReply::NoError);
        QCOMPARE(m_server->peerCertificate.subjectInfo(QSslCertificate::CommonName),
                 QStringList{QStringLiteral("alice")});
        QCOMPARE(m_server->peerCertificate.subjectInfo(QSslCertificate::Organization),
                 QStringList{QStringLiteral("devs")});
        QCOMPARE(m_server->authorization, QByteArray("Bearer token-123"));
    }

    void noClientCertificateUnlessConfigured()
    {
        ClusterConfig cluster;
        cluster.server = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_server->serverPort()));
        cluster.certificateAuthorityPem = test::TestPki::read(m_pki.path(), QStringLiteral("ca.crt"));
        m_server->peerCertificate =
            QSslCertificate::fromData(test::TestPki::read(m_pki.path(), QStringLiteral("ca.crt"))).value(0);
        const Response r = get(cluster, Credentials());
        QCOMPARE(r.error, QNetworkReply::NoError);
        QVERIFY(m_server->peerCertificate.isNull());
    }

    void badInputs()
    {
        ClusterConfig cluster;
        cluster.certificateAuthorityPem = "not a certificate";
        QVERIFY(!sslConfigurationFor(cluster));
        cluster.certificateAuthorityPem.clear();
        cluster.auth.clientCertificatePem = test::TestPki::read(m_pki.path(), QStringLiteral("client.crt"));
        cluster.auth.clientKeyPem = "garbage";
        QVERIFY(!sslConfigurationFor(cluster));
        QVERIFY(privateKeyFromPem(test::TestPki::read(m_pki.path(), QStringLiteral("server.key"))).algorithm() ==
                QSsl::Rsa);
        QVERIFY(privateKeyFromPem("garbage").isNull());
    }

    void proxies_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("port");
        QTest::newRow("none") << QString() << int(QNetworkProxy::NoProxy) << 0;
        QTest::newRow("http") << QStringLiteral("http://127.0.0.1:3128") << int(QNetworkProxy::HttpProxy) << 3128;
        QTest::newRow("https default port")
            << QStringLiteral("https://proxy.test") << int(QNetworkProxy::HttpProxy) << 443;
        QTest::newRow("socks5") << QStringLiteral("socks5://127.0.0.1") << int(QNetworkProxy::Socks5Proxy) << 1080;
    }

    void proxies()
    {
        QFETCH(QString, url);
        QFETCH(int, type);
        QFETCH(int, port);
        ClusterConfig cluster;
        cluster.proxyUrl = QUrl(url);
        const Result<QNetworkProxy> proxy = proxyFor(cluster);
        QVERIFY(proxy);
        QCOMPARE(int(proxy->type()), type);
        if (type != QNetworkProxy::NoProxy)
            QCOMPARE(int(proxy->port()), port);
    }

private:
    QTemporaryDir m_pki;
    std::unique_ptr<test::TlsTestServer> m_server;
};

QTEST_GUILESS_MAIN(TestTlsConfig)
#include "tst_tlsconfig.moc"
