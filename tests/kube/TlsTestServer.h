#pragma once

// Test helper: a loopback HTTPS server with the TestPki server certificate. Asks for (does not require) a client
// certificate, answers every request with 200 and a small JSON object, or 401 for a rejected Authorization, and
// remembers what it saw.

#include "TestPki.h"

#include <QByteArrayList>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>

namespace rolldeck::test {

class TlsTestServer : public QTcpServer
{
public:
    explicit TlsTestServer(const QString &pkiDir, QObject *parent = nullptr) : QTcpServer(parent)
    {
        m_cert = QSslCertificate::fromData(TestPki::read(pkiDir, QStringLiteral("server.crt"))).value(0);
        m_key = QSslKey(TestPki::read(pkiDir, QStringLiteral("server.key")), QSsl::Rsa);
        m_ca = QSslCertificate::fromData(TestPki::read(pkiDir, QStringLiteral("ca.crt")));
    }

    QSslCertificate peerCertificate;       // of the last TLS connection
    QByteArray authorization;              // of the last request
    QByteArrayList authorizations;         // of every request, in order
    QByteArrayList rejectedAuthorizations; // answered with 401
    int requests = 0;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QSslSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            socket->deleteLater();
            return;
        }
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setLocalCertificate(m_cert);
        ssl.setPrivateKey(m_key);
        ssl.setCaCertificates(m_ca);
        ssl.setPeerVerifyMode(QSslSocket::QueryPeer);
        socket->setSslConfiguration(ssl);
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QSslSocket::encrypted, this, [this, socket] { peerCertificate = socket->peerCertificate(); });
        connect(socket, &QSslSocket::readyRead, this, [this, socket, buffer] {
            *buffer += socket->readAll();
            // One request per connection is enough here: answer, then close.
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            QByteArray auth;
            for (const QByteArray &line : buffer->left(end).split('\n')) {
                if (line.toLower().startsWith("authorization:"))
                    auth = line.mid(14).trimmed();
            }
            buffer->clear();
            authorization = auth;
            authorizations << auth;
            ++requests;
            if (rejectedAuthorizations.contains(auth)) {
                const QByteArray body =
                    R"({"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Unauthorized","code":401})";
                socket->write("HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: " +
                              QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
            } else {
                const QByteArray body = R"({"major":"1","minor":"30"})";
                socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                              QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
            }
            socket->disconnectFromHost();
        });
        connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QSslSocket::errorOccurred, socket, &QObject::deleteLater);
        socket->startServerEncryption();
    }

private:
    QSslCertificate m_cert;
    QSslKey m_key;
    QList<QSslCertificate> m_ca;
};

} // namespace rolldeck::test
