#pragma once

// Test helper: a throw-away PKI made with the real openssl command (CA, server and client certificates).

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace rolldeck::test {

class TestPki
{
public:
    // Creates ca.crt/ca.key, server.crt/server.key (SAN 127.0.0.1, localhost, kube.test) and
    // client.crt/client.key (CN=alice, O=devs) in dir. Returns an empty string on success, else the reason.
    static QString create(const QString &dir)
    {
        const QDir d(dir);
        QFile ext(d.filePath(QStringLiteral("server.ext")));
        if (!ext.open(QIODevice::WriteOnly))
            return QStringLiteral("cannot write server.ext");
        ext.write("subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kube.test\n"
                  "basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n");
        ext.close();
        QFile clientExt(d.filePath(QStringLiteral("client.ext")));
        if (!clientExt.open(QIODevice::WriteOnly))
            return QStringLiteral("cannot write client.ext");
        clientExt.write("basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n");
        clientExt.close();
        const QList<QStringList> steps = {
            {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
             QStringLiteral("-nodes"), QStringLiteral("-keyout"), QStringLiteral("ca.key"), QStringLiteral("-out"),
             QStringLiteral("ca.crt"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
             QStringLiteral("/CN=Rolldeck Test CA")},
            {QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
             QStringLiteral("-keyout"), QStringLiteral("server.key"), QStringLiteral("-out"),
             QStringLiteral("server.csr"), QStringLiteral("-subj"), QStringLiteral("/CN=kube.test")},
            {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), QStringLiteral("server.csr"),
             QStringLiteral("-CA"), QStringLiteral("ca.crt"), QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
             QStringLiteral("-CAcreateserial"), QStringLiteral("-out"), QStringLiteral("server.crt"),
             QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"), QStringLiteral("server.ext")},
            {QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
             QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
             QStringLiteral("client.key"), QStringLiteral("-out"), QStringLiteral("client.csr"),
             QStringLiteral("-subj"), QStringLiteral("/O=devs/CN=alice")},
            {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), QStringLiteral("client.csr"),
             QStringLiteral("-CA"), QStringLiteral("ca.crt"), QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
             QStringLiteral("-CAcreateserial"), QStringLiteral("-out"), QStringLiteral("client.crt"),
             QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"), QStringLiteral("client.ext")},
            // A second, unrelated CA: verification against it must fail.
            {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
             QStringLiteral("-nodes"), QStringLiteral("-keyout"), QStringLiteral("other-ca.key"),
             QStringLiteral("-out"), QStringLiteral("other-ca.crt"), QStringLiteral("-days"), QStringLiteral("2"),
             QStringLiteral("-subj"), QStringLiteral("/CN=Other CA")},
        };
        for (const QStringList &args : steps) {
            QProcess openssl;
            openssl.setWorkingDirectory(dir);
            openssl.start(QStringLiteral("openssl"), args);
            if (!openssl.waitForFinished(60000) || openssl.exitStatus() != QProcess::NormalExit ||
                openssl.exitCode() != 0)
                return QStringLiteral("openssl %1 failed: %2")
                    .arg(args.join(QLatin1Char(' ')), QString::fromLocal8Bit(openssl.readAllStandardError()));
        }
        return {};
    }

    static QByteArray read(const QString &dir, const QString &name)
    {
        QFile f(QDir(dir).filePath(name));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
};

} // namespace rolldeck::test
